// Verdicts over every recorded boot: a node called hot-removable must have had all of its memory
// blocks in ZONE_MOVABLE on the real kernel (its sysfs valid_zones, dump.txt); a node called not
// hot-removable must say why, and a node the kernel put in a kernel zone must never be removable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareWithLog } from "../../src/boot/compare.js";
import { nodeVerdicts } from "../../src/render/verdict.js";

const ROOT = "test/goldens/boot";

for (const scenario of existsSync(ROOT) ? readdirSync(ROOT).sort() : []) {
  for (const kernel of ["6.1", "6.12"]) {
    const dir = join(ROOT, scenario, kernel);
    if (!existsSync(join(dir, "dump.txt")) || !existsSync(join(dir, "serial.log"))) continue;
    test(`verdicts agree with sysfs after ${dir}`, (t) => {
      const dump = readFileSync(join(dir, "dump.txt"), "utf8");
      const log = readFileSync(join(dir, "serial.log"), "utf8");
      // a log whose start the kernel dropped ("printk messages dropped") cannot be read back into a machine
      if (/\*\* \d+ printk messages dropped \*\*/.test(log)) return t.skip("the log lost its first lines");
      const cmp = compareWithLog(log, join(dir, "serial.log"));
      const zonesOf = new Map<number, Set<string>>();
      for (const m of dump.matchAll(/^memory\d+ .*state=online .*valid_zones=(\S+) node=node(\d+) *$/gm)) {
        const set = zonesOf.get(Number(m[2])) ?? new Set<string>();
        set.add(m[1]!);
        zonesOf.set(Number(m[2]), set);
      }
      for (const v of nodeVerdicts(cmp.result)) {
        const real = zonesOf.get(v.nid);
        if (v.removable) {
          assert.ok(real && [...real].every((z) => z === "Movable"), `node ${v.nid}: removable, but sysfs shows ${[...(real ?? [])]}`);
        } else {
          assert.ok(v.reasons.length > 0 && v.summary.startsWith("not hot-removable: "), `node ${v.nid} says why`);
          if (real && [...real].some((z) => z !== "Movable" && z !== "none")) {
            assert.match(v.reasons.join("\n"), /can hold unmovable kernel allocations|no usable SRAT|does not mark/);
          }
        }
      }
    });
  }
}
