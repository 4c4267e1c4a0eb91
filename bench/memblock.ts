// memblock bench: replays one 100,000-op script (oracle/memblock/generate.ts
// --bench-ops) through memsim as it ships, measured inside this process, and
// through the kernel's own mm/memblock.c compiled with -O2 (the oracle driver,
// timing its op loop itself, output to /dev/null), then prints ops/s and the ratio, by
// CPU time (robust on a shared machine) and by wall-clock time. The CLI's
// start-up (`node dist/src/cli/main.js --help`) is measured on its own.
//
//   npm run bench [-- --ops N] [-- --runs N] [-- --kernel 6.1|6.12]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateBench, run } from "../oracle/memblock/generate.js";

// memsim as it ships: the build's JavaScript (`npm run bench` builds first),
// not the sources through tsx, whose module wrappers cost more than parts of
// the engine do
const built = (path: string): string => pathToFileURL(resolve("dist", "src", path)).href;
const { runMemblockScript } = (await import(built("memblock/script.js"))) as typeof import("../src/memblock/script.js");
const { profileFor } = (await import(built("profiles/index.js"))) as typeof import("../src/profiles/index.js");

const { values: args } = parseArgs({
  options: { ops: { type: "string", default: "100000" }, runs: { type: "string", default: "5" }, kernel: { type: "string", default: "6.1,6.12" } },
});
const OPS = Number(args.ops);
const RUNS = Number(args.runs);
const KERNELS = args.kernel.split(",");

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (ops: number, ns: number): string => `${Math.round(ops / (ns / 1e9)).toLocaleString("en-US")} ops/s`;
const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms`;

const script = generateBench(OPS);
const ops = script.split("\n").filter((l) => l.replace(/#.*/, "").trim() !== "").length;
const dir = mkdtempSync(join(tmpdir(), "memsim-bench-"));
const file = join(dir, "bench.script");
writeFileSync(file, script);
console.log(`memblock bench: ${ops} ops (${(script.length / 1e6).toFixed(1)} MB script), median of ${RUNS} runs`);

/** Wall-clock and CPU time (all threads of this process) of one call, in ns. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0);
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) * 1000 };
}

const row = (label: string, t: { wall: number; cpu: number }): string =>
  `  ${label.padEnd(34)} ${rate(ops, t.cpu).padStart(18)} CPU (${ms(t.cpu)}), ${rate(ops, t.wall)} wall (${ms(t.wall)})`;

for (const kernel of KERNELS) {
  const profile = profileFor(kernel);
  // Warm up as many runs as are measured: V8 goes on compiling in background threads for several
  // runs after the first, and CPU time would charge that JIT work to whichever kernel runs first.
  // Cold start is what the CLI start-up line below measures.
  let result = runMemblockScript(script, profile, file);
  for (let i = 1; i < RUNS; i++) result = runMemblockScript(script, profile, file);
  const m = Array.from({ length: RUNS }, () => timed(() => (result = runMemblockScript(script, profile, file))));
  const memsim = { wall: median(m.map((x) => x.wall)), cpu: median(m.map((x) => x.cpu)) };
  console.log(`\nLinux ${kernel}`);
  console.log(row("memsim (parse + run, in process)", memsim));

  let binary: string;
  try {
    const out = execFileSync("sh", ["oracle/memblock/build.sh", kernel], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    binary = out.trim().split("\n").pop() ?? "";
  } catch (err) {
    const why = ((err as { stderr?: string }).stderr ?? String(err)).trim().split("\n").pop();
    console.log(`  kernel C code: not measured, the oracle cannot be built here (${why})`);
    continue;
  }
  const runC = (): { run: { wall: number; cpu: number }; all: { wall: number; cpu: number } } => {
    const r = spawnSync(binary, [file], { env: { ...process.env, MEMSIM_ORACLE_TIMING: "1" }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    const t = /parse_ns=(\d+) run_ns=(\d+) parse_cpu_ns=(\d+) run_cpu_ns=(\d+)/.exec(r.stderr);
    if (!t) throw new Error(`oracle gave no timing (exit ${r.status}): ${r.stderr}`);
    const [pw, rw, pc, rc] = t.slice(1).map(Number) as [number, number, number, number];
    return { run: { wall: rw, cpu: rc }, all: { wall: pw + rw, cpu: pc + rc } };
  };
  runC();
  const c = Array.from({ length: RUNS }, runC);
  const pick = (k: "run" | "all") => ({ wall: median(c.map((x) => x[k].wall)), cpu: median(c.map((x) => x[k].cpu)) });
  const cRun = pick("run");
  const cAll = pick("all");
  const same = run(binary, script);
  console.log(row("kernel C -O2 (run only)", cRun));
  console.log(row("kernel C -O2 (parse + run)", cAll));
  console.log(`  memsim time / C time (CPU):        ${(memsim.cpu / cRun.cpu).toFixed(2)}x vs run only, ${(memsim.cpu / cAll.cpu).toFixed(2)}x vs parse + run (target <= 2x)`);
  console.log(`  memsim time / C time (wall):       ${(memsim.wall / cRun.wall).toFixed(2)}x vs run only, ${(memsim.wall / cAll.wall).toFixed(2)}x vs parse + run`);
  console.log(`  outputs identical: ${same.stdout === result.output && same.status === result.exitCode ? "yes" : "NO"} (exit ${same.status})`);
}

const cli = join("dist", "src", "cli", "main.js");
/** Wall-clock and CPU time (user + system, via bash's `time`) of one process, in ns. */
function startup(args: string[]): { wall: number; cpu: number } {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const t0 = process.hrtime.bigint();
  const r = spawnSync("bash", ["-c", `TIMEFORMAT='%3U %3S'; time ${quoted} > /dev/null 2>&1`], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0);
  const [user, sys] = r.stderr.trim().split(/\s+/).map(Number) as [number, number];
  return { wall, cpu: (user + sys) * 1e9 };
}
if (existsSync(cli)) {
  const measure = (args: string[]): { wall: number; cpu: number } => {
    startup(args);
    const t = Array.from({ length: RUNS * 2 }, () => startup(args));
    return { wall: median(t.map((x) => x.wall)), cpu: median(t.map((x) => x.cpu)) };
  };
  const memsim = measure([process.execPath, cli, "--help"]);
  const bare = measure([process.execPath, "-e", ""]);
  console.log(`\nCLI start-up (node ${cli} --help): ${ms(memsim.wall)} wall, ${ms(memsim.cpu)} CPU (target < 150 ms)`);
  console.log(`  bare \`node -e ""\` for comparison:  ${ms(bare.wall)} wall, ${ms(bare.cpu)} CPU`);
} else {
  console.log(`\nCLI start-up: not measured, ${cli} is missing (npm run build)`);
}
rmSync(dir, { recursive: true, force: true });
