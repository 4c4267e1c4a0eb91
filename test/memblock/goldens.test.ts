// Replays every memblock golden (recorded from the kernel's own mm/memblock.c
// by `npm run oracle:memblock`) through memsim and requires byte-identical
// output and the same exit status.
//
// One case alone:  GOLDEN=random-0017 node --import tsx --test test/memblock/goldens.test.ts
// (GOLDEN matches names by substring; MEMBLOCK_KERNEL=6.1 limits the version.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { runMemblockScript } from "../../src/memblock/script.js";
import { profileFor } from "../../src/profiles/index.js";

/** Relative to the working directory when it is the repository, for short messages. */
const ROOT = relative(process.cwd(), fileURLToPath(new URL("../goldens/memblock", import.meta.url))) || ".";
const only = process.env.GOLDEN;
const kernel = process.env.MEMBLOCK_KERNEL;

/** Where two outputs first differ, as a short human-readable report. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split("\n");
  const e = expected.split("\n");
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] === e[i]) continue;
    const show = (s: string | undefined): string => (s === undefined ? "(end of output)" : JSON.stringify(s));
    const before = e.slice(Math.max(0, i - 3), i).map((l) => `    ${l}`);
    return [`first difference at output line ${i + 1}:`, ...before, `  - kernel: ${show(e[i])}`, `  + memsim: ${show(a[i])}`].join("\n");
  }
  return "outputs are identical";
}

const versions = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (!kernel || d.name === kernel))
  .map((d) => d.name)
  .sort();

test("memblock goldens exist for both kernel versions", { skip: Boolean(kernel || only) }, () => {
  assert.deepEqual(versions, ["6.1", "6.12"]);
  for (const v of versions) {
    const names = readdirSync(join(ROOT, v));
    assert.ok(names.filter((n) => /^random-.*\.script$/.test(n)).length >= 300, `${v}: at least 300 random goldens`);
    assert.ok(names.filter((n) => /^edge-.*\.script$/.test(n)).length >= 40, `${v}: at least 40 edge goldens`);
  }
});

for (const version of versions) {
  const dir = join(ROOT, version);
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith(".script") && (!only || f.includes(only)))
    .map((f) => f.slice(0, -".script".length))
    .sort();
  test(`memblock goldens, Linux ${version}`, async (t) => {
    assert.ok(cases.length > 0, `${dir}: no golden${only ? ` matches GOLDEN=${only}` : "s"}`);
    const profile = profileFor(version);
    for (const name of cases) {
      await t.test(name, () => {
        const file = join(dir, `${name}.script`);
        const source = readFileSync(file, "utf8");
        const expected = readFileSync(join(dir, `${name}.out`), "utf8");
        const status = /^# exit-status: (\d+)$/m.exec(source);
        assert.ok(status, `${file}: no '# exit-status:' header`);
        const { output, exitCode } = runMemblockScript(source, profile, file);
        if (output !== expected) {
          assert.fail(
            `${file}: output differs from the kernel's\n${firstDifference(output, expected)}\n` +
              `replay: npx memsim memblock run ${file} --kernel ${version} | diff ${join(dir, `${name}.out`)} -`,
          );
        }
        assert.equal(exitCode, Number(status[1]), `${file}: exit status`);
      });
    }
  });
}
