// Records the memblock goldens: builds the oracle for each kernel version
// (oracle/memblock/build.sh), then runs seeded realistic, hostile ("stress")
// and array-filling ("full") scripts from oracle/memblock/generate.ts and the hand-written
// edge cases (oracle/memblock/edge/*.script) through it, writing NAME.script
// and NAME.out to test/goldens/memblock/VERSION/.
//
//   npm run oracle:memblock [-- --random N] [-- --stress N] [-- --full N] [-- --kernel 6.1|6.12]
//
// Each script starts with a header saying how it was recorded, including the
// oracle's exit status, which the replay test checks too.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { generate, run, runOracle } from "./generate.js";
import { generateFull, generateStress } from "./hostile.js";

const VERSIONS = ["6.1", "6.12"] as const;

function build(version: string): { binary: string; release: string } {
  const out = execFileSync("sh", ["oracle/memblock/build.sh", version], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const binary = out.trim().split("\n").pop() ?? "";
  const release = readFileSync(join(binary, "..", "kernelversion"), "utf8").trim();
  return { binary, release };
}

function header(version: string, release: string, source: string, name: string, status: number): string {
  return [
    `# memsim memblock golden: recorded from the kernel, never edited by hand.`,
    `# kernel: Linux ${release} mm/memblock.c (Debian linux-source-${version}), built by oracle/memblock/build.sh ${version}`,
    `# recorded by: npm run oracle:memblock (oracle/memblock/record.ts)`,
    `# script: ${source}`,
    `# output: oracle/build/memblock-${version}/memblock-oracle ${name}.script > ${name}.out`,
    `# exit-status: ${status}`,
    "",
  ].join("\n");
}

function record(version: string, count: number, stress: number, full: number): void {
  const { binary, release } = build(version);
  const dir = join("test", "goldens", "memblock", version);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/\.(script|out)$/.test(f)) rmSync(join(dir, f));

  const write = (name: string, source: string, body: string): void => {
    const first = run(binary, body);
    if (first.status === 2) throw new Error(`${name}: the oracle rejects the script: ${source}`);
    const text = header(version, release, source, name, first.status) + body;
    const final = run(binary, text);
    if (final.stdout !== first.stdout || final.status !== first.status) throw new Error(`${name}: the oracle is not deterministic`);
    writeFileSync(join(dir, `${name}.script`), text);
    writeFileSync(join(dir, `${name}.out`), final.stdout);
  };

  const oracle = runOracle(binary);
  for (let seed = 1; seed <= count; seed++) {
    const name = `random-${String(seed).padStart(4, "0")}`;
    const source = `npx tsx oracle/memblock/generate.ts --seed ${seed} --oracle oracle/build/memblock-${version}/memblock-oracle`;
    write(name, source, generate(seed, oracle));
  }
  const kinds = [["stress", stress, generateStress], ["full", full, generateFull]] as const;
  for (const [kind, n, gen] of kinds) {
    for (let seed = 1; seed <= n; seed++) {
      const name = `${kind}-${String(seed).padStart(4, "0")}`;
      write(name, `npx tsx oracle/memblock/generate.ts --${kind} --seed ${seed}`, gen(seed));
    }
  }
  const edges = readdirSync("oracle/memblock/edge").filter((f) => f.endsWith(".script")).sort();
  for (const f of edges) {
    const name = `edge-${basename(f, ".script")}`;
    write(name, `hand-written, oracle/memblock/edge/${f}`, readFileSync(join("oracle/memblock/edge", f), "utf8"));
  }
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  console.log(`memblock ${version} (Linux ${release}): ${count} random + ${stress} stress + ${full} full + ${edges.length} edge goldens, ${(bytes / 1e6).toFixed(1)} MB in ${dir}`);
}

const { values: args } = parseArgs({
  options: {
    random: { type: "string", default: "300" },
    stress: { type: "string", default: "100" },
    full: { type: "string", default: "30" },
    kernel: { type: "string" },
  },
});
for (const v of VERSIONS) if (!args.kernel || args.kernel === v) record(v, Number(args.random), Number(args.stress), Number(args.full));
