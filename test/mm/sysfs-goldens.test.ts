// The zones memsim predicts against what the real kernels showed in sysfs after the recorded boots
// (dump.txt next to each log): /proc/zoneinfo's spanned, present and start_pfn of every zone, every
// online memory block's valid_zones — the one zone of its node whose span the block meets, else
// "none" — and the node states has_memory and has_normal_memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareWithLog } from "../../src/boot/compare.js";
import { goldenSlit, goldenSrat } from "../../src/cli/boot-run.js";
import type { NodeZones } from "../../src/mm/free-area-init.js";
import { zoneNames } from "../../src/mm/zone.js";

const ROOT = "test/goldens/boot";

function section(dump: string, name: string): string[] {
  const m = new RegExp(`@@@ begin ${name}\\n([\\s\\S]*?)@@@ end ${name}`).exec(dump);
  return m?.[1]?.split("\n").filter(Boolean) ?? [];
}

/** "0-1,3" → [0, 1, 3]. */
function nodeList(s: string | undefined): number[] {
  if (!s) return [];
  return s.split(",").flatMap((part) => {
    const [a, b] = part.split("-").map(Number);
    return Array.from({ length: (b ?? a ?? 0) - (a ?? 0) + 1 }, (_, i) => (a ?? 0) + i);
  });
}

/** The zone of the block's node whose span meets the block, or "none" when several (or none) do. */
function blockZone(node: NodeZones | undefined, start: bigint, end: bigint): string {
  const meets = (node?.zones ?? []).filter((z) => z.spanned > 0n && z.start < end && start < z.start + z.spanned);
  return meets.length === 1 ? (zoneNames[meets[0]!.zone] ?? "?") : "none";
}

for (const scenario of existsSync(ROOT) ? readdirSync(ROOT).sort() : []) {
  for (const kernel of ["6.1", "6.12"]) {
    const dir = join(ROOT, scenario, kernel);
    if (!existsSync(join(dir, "dump.txt")) || !existsSync(join(dir, "serial.log"))) continue;
    test(`zones match sysfs after ${dir}`, (t) => {
      const dump = readFileSync(join(dir, "dump.txt"), "utf8");
      const log = readFileSync(join(dir, "serial.log"), "utf8");
      // a log whose start the kernel dropped ("printk messages dropped") cannot be read back into a machine
      if (/\*\* \d+ printk messages dropped \*\*/.test(log)) return t.skip("the log lost its first lines");
      // the recorded SRAT/SLIT, as the boot golden test uses them: a 6.12 log lacks its processor entries
      const cmp = compareWithLog(log, join(dir, "serial.log"), goldenSrat(dir), goldenSlit(dir));
      if (cmp.unpredictable.has("zones")) return t.skip(cmp.unpredictable.get("zones"));
      const zones = cmp.result.mm.zones;
      assert.ok(zones);
      const byNid = new Map(zones.nodes.map((n) => [n.nid, n]));
      // /proc/zoneinfo: "Node N, zone NAME" then its counters (start_pfn only for populated zones)
      const actual: string[] = [];
      for (const l of section(dump, "zoneinfo")) {
        const head = /^Node (\d+), zone +(\S+)/.exec(l);
        if (head) actual.push(`node ${head[1]} ${head[2]}`);
        const field = /^ +(spanned|present) +(\d+)$|^ +(start_pfn): +(\d+)$/.exec(l);
        if (field && actual.length) actual[actual.length - 1] += ` ${field[1] ?? field[3]}=${field[2] ?? field[4]}`;
      }
      const expected = zones.nodes
        .filter((n) => actual.some((a) => a.startsWith(`node ${n.nid} `)))
        .flatMap((n) =>
          n.zones.map(
            (z) =>
              `node ${n.nid} ${zoneNames[z.zone]} spanned=${z.spanned} present=${z.present}` +
              (z.present > 0n ? ` start_pfn=${z.start}` : ""),
          ),
        );
      assert.ok(actual.length > 0, "the dump has /proc/zoneinfo");
      assert.deepEqual(expected, actual);
      const blocks = section(dump, "memory-blocks");
      const size = BigInt(`0x${blocks.find((l) => l.startsWith("block_size_bytes"))?.split(" ")[1] ?? "8000000"}`) >> 12n;
      let checked = 0;
      for (const l of blocks) {
        const m = /^memory(\d+) .*state=online .*valid_zones=(\S+) node=((?:node\d+ ?)+)/.exec(l);
        if (!m) continue;
        const start = BigInt(m[1]!) * size;
        // a block on several nodes has no single zone
        const nodes = m[3]!.trim().split(" ");
        const zone = nodes.length > 1 ? "none" : blockZone(byNid.get(Number(nodes[0]!.slice(4))), start, start + size);
        assert.equal(zone, m[2], l);
        checked++;
      }
      assert.ok(checked > 0, "the dump lists online memory blocks");
      const states = new Map(section(dump, "nodes").map((l) => [l.split(" ")[0], l.split(" ")[1]] as const));
      const predicted = (f: (n: NodeZones) => boolean): number[] => zones.nodes.filter(f).map((n) => n.nid);
      assert.deepEqual(predicted((n) => n.hasMemory), nodeList(states.get("has_memory")));
      assert.deepEqual(predicted((n) => n.hasNormalMemory), nodeList(states.get("has_normal_memory")));
    });
  }
}
