// Every boot golden recorded from a real kernel under QEMU: the machine read
// back from its log, booted by memsim, must print each modelled section of
// the log byte for byte (memblock=debug call-site offsets aside).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { compareWithLog, MODELLED_SECTIONS } from "../../src/boot/compare.js";
import { goldenSlit, goldenSrat } from "../../src/cli/boot-run.js";

const root = join(import.meta.dirname, "..", "goldens", "boot");
const goldens = readdirSync(root)
  .sort()
  .flatMap((scenario) => ["6.1", "6.12"].map((kernel) => ({ scenario, kernel, file: join(root, scenario, kernel, "serial.log") })))
  .filter((g) => existsSync(g.file));

describe("boot goldens", () => {
  it("there are goldens for both kernels", () => {
    assert.ok(goldens.some((g) => g.kernel === "6.1"));
    assert.ok(goldens.some((g) => g.kernel === "6.12"));
  });
  for (const g of goldens) {
    describe(`${g.scenario} on ${g.kernel}`, () => {
      // the SRAT the guest booted with, when recorded: it holds what a 6.12 log does not print
      const srat = goldenSrat(dirname(g.file));
      // the SLIT QEMU built from the scenario's -numa dist options (a log does not print its distances)
      const slit = goldenSlit(dirname(g.file));
      let comparison: ReturnType<typeof compareWithLog>;
      try {
        comparison = compareWithLog(readFileSync(g.file, "utf8"), g.file, srat, slit);
      } catch (err) {
        // a log that lost its start (e.g. "printk messages dropped") cannot be replayed
        it("is a readable boot log", () => assert.fail((err as Error).message));
        return;
      }
      const { diffs, profile, unpredictable } = comparison;
      it("boots the log's kernel", () => assert.equal(profile.version, g.kernel));
      for (const d of diffs.filter((d) => MODELLED_SECTIONS.includes(d.section))) {
        const why = unpredictable.get(d.section);
        it(`section ${d.section}`, why ? { skip: why } : {}, () => assert.deepEqual(d.predicted, d.actual));
      }
    });
  }
});
