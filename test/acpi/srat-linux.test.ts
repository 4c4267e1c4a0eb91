// Properties of parseSratLikeLinux beyond the recorded boots (test/goldens/srat/kernel): where each
// event points, the x2APIC-mode switch, and agreement between its result fields and its lines.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeSrat, walkSubtables } from "../../src/acpi/srat-codec.js";
import { parseSratLikeLinux } from "../../src/acpi/srat-linux.js";
import { profiles } from "../../src/profiles/index.js";

const ROOT = "test/goldens/srat/kernel";
const tables = readdirSync(ROOT).map((c) => ({ name: c, bytes: new Uint8Array(readFileSync(join(ROOT, c, "6.12", "guest-srat.aml"))) }));

describe("parseSratLikeLinux", () => {
  for (const { name, bytes } of tables) {
    it(`${name}: every event names the subtable it came from`, () => {
      const spans = walkSubtables(bytes, bytes.length).spans;
      for (const p of Object.values(profiles)) {
        for (const e of parseSratLikeLinux(decodeSrat(bytes, name), p).events) {
          const d = e.data as { index: number; offset: number };
          assert.equal(spans[d.index]?.offset, d.offset, e.line);
        }
      }
    });
    it(`${name}: one memory line per accepted memory entry, one hotplug range per hotplug line`, () => {
      for (const p of Object.values(profiles)) {
        const r = parseSratLikeLinux(decodeSrat(bytes, name), p);
        assert.equal(r.events.filter((e) => e.kind === "srat.memory").length, r.memory.length);
        assert.equal(r.events.filter((e) => / hotplug/.test(e.line) && e.kind === "srat.memory").length, r.hotplugRanges.length);
        assert.ok(r.memblks.every((b) => r.nodesParsed.includes(b.nid)));
      }
    });
  }

  it("x2APIC mode accepts APIC IDs above 0xfe", () => {
    const t = decodeSrat(new Uint8Array(readFileSync(join(ROOT, "x2apic-ids", "6.1", "guest-srat.aml"))), "x");
    const xapic = parseSratLikeLinux(t, profiles["6.1"]);
    const x2apic = parseSratLikeLinux(t, profiles["6.1"], { x2apicMode: true });
    assert.ok(!xapic.cpus.some((c) => c.apicId === 0x1ff));
    assert.ok(x2apic.cpus.some((c) => c.apicId === 0x1ff));
    assert.ok(xapic.events.some((e) => e.kind === "srat.x2apic_ignored"));
    assert.ok(!x2apic.events.some((e) => e.kind === "srat.x2apic_ignored"));
  });
});
