// memblock bench: replays one 100,000-op script (oracle/memblock/generate.ts
// --bench-ops) through memsim, measured inside this process, and through the
// kernel's own mm/memblock.c compiled with -O2 (the oracle driver, timing its
// op loop itself, output to /dev/null), then prints ops/s and the ratio. The
// CLI's start-up (`node dist/src/cli/main.js --help`) is measured on its own.
//
//   npm run bench [-- --ops N] [-- --runs N] [-- --kernel 6.1|6.12]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateBench, run } from "../oracle/memblock/generate.js";
import { runMemblockScript } from "../src/memblock/script.js";
import { profileFor } from "../src/profiles/index.js";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const OPS = Number(opt("--ops", "100000"));
const RUNS = Number(opt("--runs", "5"));
const KERNELS = opt("--kernel", "6.1,6.12").split(",");

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (ops: number, ns: number): string => `${Math.round(ops / (ns / 1e9)).toLocaleString("en-US")} ops/s`;
const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;

const script = generateBench(OPS);
const ops = script.split("\n").filter((l) => l.replace(/#.*/, "").trim() !== "").length;
const dir = mkdtempSync(join(tmpdir(), "memsim-bench-"));
const file = join(dir, "bench.script");
writeFileSync(file, script);
console.log(`memblock bench: ${ops} ops (${(script.length / 1e6).toFixed(1)} MB script), median of ${RUNS} runs`);

for (const kernel of KERNELS) {
  const profile = profileFor(kernel);
  runMemblockScript(script, profile, file); // warm-up
  const times: number[] = [];
  let result = { output: "", exitCode: 0 };
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    result = runMemblockScript(script, profile, file);
    times.push(Number(process.hrtime.bigint() - t0));
  }
  const memsim = median(times);
  console.log(`\nLinux ${kernel}`);
  console.log(`  memsim (parse + run, in process):  ${rate(ops, memsim).padStart(18)}  ${ms(memsim)}`);

  let binary: string;
  try {
    const out = execFileSync("sh", ["oracle/memblock/build.sh", kernel], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    binary = out.trim().split("\n").pop() ?? "";
  } catch (err) {
    const why = ((err as { stderr?: string }).stderr ?? String(err)).trim().split("\n").pop();
    console.log(`  kernel C code: not measured, the oracle cannot be built here (${why})`);
    continue;
  }
  const runC = (): { parse: number; run: number } => {
    const r = spawnSync(binary, [file], { env: { ...process.env, MEMSIM_ORACLE_TIMING: "1" }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    const m = /parse_ns=(\d+) run_ns=(\d+)/.exec(r.stderr);
    if (!m) throw new Error(`oracle gave no timing (exit ${r.status}): ${r.stderr}`);
    return { parse: Number(m[1]), run: Number(m[2]) };
  };
  runC();
  const c = Array.from({ length: RUNS }, runC);
  const cRun = median(c.map((x) => x.run));
  const cAll = median(c.map((x) => x.parse + x.run));
  const same = run(binary, script);
  console.log(`  kernel C -O2 (run only):           ${rate(ops, cRun).padStart(18)}  ${ms(cRun)}`);
  console.log(`  kernel C -O2 (parse + run):        ${rate(ops, cAll).padStart(18)}  ${ms(cAll)}`);
  console.log(`  memsim time / C time:              ${(memsim / cRun).toFixed(2)}x (run only), ${(memsim / cAll).toFixed(2)}x (parse + run); target <= 2x`);
  console.log(`  outputs identical: ${same.stdout === result.output && same.status === result.exitCode ? "yes" : "NO"} (exit ${same.status})`);
}

const cli = join("dist", "src", "cli", "main.js");
if (existsSync(cli)) {
  spawnSync(process.execPath, [cli, "--help"], { stdio: "ignore" });
  const starts = Array.from({ length: RUNS * 2 }, () => {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, [cli, "--help"], { stdio: "ignore" });
    return Number(process.hrtime.bigint() - t0);
  });
  const empty = Array.from({ length: RUNS * 2 }, () => {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", ""], { stdio: "ignore" });
    return Number(process.hrtime.bigint() - t0);
  });
  console.log(`\nCLI start-up (node ${cli} --help): ${ms(median(starts))} (target < 150 ms; bare \`node -e ""\`: ${ms(median(empty))})`);
} else {
  console.log(`\nCLI start-up: not measured, ${cli} is missing (npm run build)`);
}
rmSync(dir, { recursive: true, force: true });
