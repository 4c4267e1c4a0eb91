// Differential fuzzing beyond the committed goldens: runs generated scripts
// through the kernel's mm/memblock.c (the oracle, built by build.sh) and
// through memsim, and lists every seed whose output or exit status differs.
// A seed it finds becomes a golden by recording it (record.ts), never by hand.
//
//   npx tsx oracle/memblock/fuzz.ts [--from N] [--count N] [--kernel 6.1|6.12] [--stress|--full]
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { generate, run, runOracle } from "./generate.js";
import { generateFull, generateStress } from "./hostile.js";
import { runMemblockScript } from "../../src/memblock/script.js";
import { profileFor } from "../../src/profiles/index.js";

const { values: args } = parseArgs({
  options: {
    from: { type: "string", default: "100000" },
    count: { type: "string", default: "200" },
    kernel: { type: "string", default: "6.1,6.12" },
    stress: { type: "boolean", default: false },
    full: { type: "boolean", default: false },
  },
});
const from = Number(args.from);
const count = Number(args.count);
const kind = args.full ? "full" : args.stress ? "stress" : "random";
let failures = 0;

for (const kernel of args.kernel.split(",")) {
  const binary = execFileSync("sh", ["oracle/memblock/build.sh", kernel], { encoding: "utf8" }).trim().split("\n").pop() ?? "";
  const oracle = runOracle(binary);
  const profile = profileFor(kernel);
  for (let seed = from; seed < from + count; seed++) {
    const script = kind === "full" ? generateFull(seed) : kind === "stress" ? generateStress(seed) : generate(seed, oracle);
    const want = run(binary, script);
    const got = runMemblockScript(script, profile, `seed-${seed}`);
    if (got.output === want.stdout && got.exitCode === want.status) continue;
    failures++;
    const a = got.output.split("\n");
    const e = want.stdout.split("\n");
    const line = e.findIndex((l, i) => l !== a[i]);
    console.log(`${kernel} seed ${seed}${kind === "random" ? "" : ` --${kind}`}: exit ${got.exitCode} (kernel ${want.status}); line ${line + 1}: kernel ${JSON.stringify(e[line])}, memsim ${JSON.stringify(a[line])}`);
  }
  console.log(`${kernel}: ${count} ${kind} scripts from seed ${from}, ${failures} differ so far`);
}
process.exitCode = failures ? 1 : 0;
