// SRATs that real QEMU guests saw (test/goldens/srat/qemu/, recorded by oracle/qemu): memsim reads
// each one and writes it back byte for byte; where the guest's boot log is recorded too
// (test/goldens/boot/<scenario>/<kernel>/serial.log), parseSratLikeLinux must print its SRAT lines and
// lint must flag an overlap, or RAM outside every node, exactly when the kernel rejected one; where
// the command line kept the kernel from walking the SRAT, the log must show none of it.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { sratToAsl } from "../../src/acpi/srat-asl.js";
import { decodeSrat, encodeSrat } from "../../src/acpi/srat-codec.js";
import { lintSrat } from "../../src/acpi/srat-lint.js";
import { parseSratLikeLinux } from "../../src/acpi/srat-linux.js";
import { profiles, type KernelVersion } from "../../src/profiles/index.js";
import { readDmesg } from "../../src/readers/dmesg.js";
import { sratWalked } from "../../src/readers/srat-lines.js";
import { splitLines } from "../../src/readers/text.js";
import { kernelLines, SRAT_LINE } from "./srat-fixtures.js";

const ROOT = "test/goldens/srat/qemu";
const BOOT = "test/goldens/boot";
const both = Object.values(profiles).map((p) => ({ name: p.version, profile: p.srat }));

describe("SRATs from QEMU guests", () => {
  const files = existsSync(ROOT) ? readdirSync(ROOT).filter((f) => f.endsWith(".aml")).sort() : [];
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(join(ROOT, f)));
    it(`${f}: read and written back byte for byte`, () => {
      const table = decodeSrat(bytes, f);
      assert.deepEqual(encodeSrat(table, { asIs: true }), bytes);
      assert.deepEqual(encodeSrat(table), bytes, "QEMU's Lengths and checksum are what encode computes");
      assert.ok(sratToAsl(table).startsWith(`[000h 0000   4]${" ".repeat(20)}Signature : "SRAT"`));
    });
    const scenario = basename(f, ".aml");
    for (const k of ["6.1", "6.12"] as KernelVersion[]) {
      const logFile = join(BOOT, scenario, k, "serial.log");
      if (!existsSync(logFile)) continue;
      it(`${f}: the SRAT lines of the ${k} boot, and its overlap verdict`, (t) => {
        const log = kernelLines(readFileSync(logFile, "latin1"));
        // A serial console that fell behind lost the early lines: nothing to compare.
        if (log.some((l) => /printk messages dropped/.test(l))) return t.skip("early boot lines were dropped from this log");
        const m = readDmesg(splitLines(new Uint8Array(readFileSync(logFile)), logFile), logFile);
        const overlapped = log.some((l) => / overlaps with node /.test(l));
        const notCovered = log.some((l) => /^NUMA: (nodes only cover|no nodes coverage)/.test(l));
        // the command line can keep the kernel from walking the SRAT (numa=off, numa=noacpi, acpi=off)
        if (!sratWalked(m.cmdline)) {
          assert.deepEqual(log.filter((l) => SRAT_LINE.test(l) || / overlaps with node /.test(l)), []);
          assert.ok(!notCovered);
          return;
        }
        const res = parseSratLikeLinux(decodeSrat(bytes, f), profiles[k]);
        assert.deepEqual(res.events.map((e) => e.line), log.filter((l) => SRAT_LINE.test(l)));
        const findings = lintSrat(bytes, { profiles: both, e820: m.e820 });
        const overlap = findings.some((x) => x.rule === "overlap" && x.severity === "error");
        assert.equal(overlap, overlapped);
        if (!overlap) {
          const uncovered = findings.some((x) => x.rule === "coverage" && x.severity === "error");
          assert.equal(uncovered, notCovered);
        }
      });
    }
  }
});
