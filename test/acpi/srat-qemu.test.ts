// SRATs that real QEMU guests saw (test/goldens/srat/qemu/, recorded by oracle/qemu): memsim reads
// each one and writes it back byte for byte, and its iasl text and lint run on it.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sratToAsl } from "../../src/acpi/srat-asl.js";
import { decodeSrat, encodeSrat } from "../../src/acpi/srat-codec.js";
import { lintSrat } from "../../src/acpi/srat-lint.js";
import { profiles } from "../../src/profiles/index.js";

const ROOT = "test/goldens/srat/qemu";

describe("SRATs from QEMU guests", () => {
  const files = existsSync(ROOT) ? readdirSync(ROOT).filter((f) => f.endsWith(".aml")).sort() : [];
  for (const f of files) {
    it(f, () => {
      const bytes = new Uint8Array(readFileSync(join(ROOT, f)));
      const table = decodeSrat(bytes, f);
      assert.deepEqual(encodeSrat(table, { asIs: true }), bytes);
      assert.deepEqual(encodeSrat(table), bytes, "QEMU's Lengths and checksum are what encode computes");
      assert.ok(sratToAsl(table).startsWith(`[000h 0000   4]${" ".repeat(20)}Signature : "SRAT"`));
      const errors = lintSrat(bytes, { profiles: Object.values(profiles).map((p) => ({ name: p.version, profile: p.srat })) })
        .filter((x) => x.severity === "error" && x.rule !== "numa-off" && x.rule !== "kernel");
      assert.deepEqual(errors, []);
    });
  }
});
