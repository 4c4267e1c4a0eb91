// parseSratLikeLinux against the real kernels: every SRAT line a booted 6.1/6.12 guest printed for
// an unusual table (oracle/srat/kernel.ts), in order, byte for byte.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeSrat } from "../../src/acpi/srat-codec.js";
import { parseSratLikeLinux, sratChecksumEvents } from "../../src/acpi/srat-linux.js";
import { profiles } from "../../src/profiles/index.js";
import type { KernelVersion } from "../../src/profiles/index.js";
import { kernelLines, SRAT_LINE } from "./srat-fixtures.js";

const ROOT = "test/goldens/srat/kernel";
const CHECKSUM_LINE = /Incorrect checksum in table \[SRAT\]/;


describe("SRAT as the real kernels read it", () => {
  const cases = existsSync(ROOT) ? readdirSync(ROOT).sort() : [];
  for (const name of cases) {
    for (const k of readdirSync(join(ROOT, name)).sort() as KernelVersion[]) {
      const dir = join(ROOT, name, k);
      it(`${name} on ${k}`, () => {
        // the table as the guest saw it (QEMU recomputes an -acpitable's checksum)
        const bytes = new Uint8Array(readFileSync(join(dir, "guest-srat.aml")));
        const log = kernelLines(readFileSync(join(dir, "serial.log"), "latin1"));
        const profile = profiles[k].srat;
        const res = parseSratLikeLinux(decodeSrat(bytes, "srat.aml"), profile);
        assert.deepEqual(
          res.events.map((e) => e.line),
          log.filter((l) => SRAT_LINE.test(l)),
        );
        assert.deepEqual(
          sratChecksumEvents(bytes, profile).map((e) => e.line),
          log.filter((l) => CHECKSUM_LINE.test(l)),
        );
        // When the SRAT is not used, NUMA init falls back to the dummy single node.
        if (!res.ok) assert.ok(log.includes("No NUMA configuration found"), "expected the dummy NUMA fallback");
        else assert.ok(!log.includes("No NUMA configuration found") || log.some((l) => / overlaps with node /.test(l)));
      });
    }
  }
});
