import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { KernelEvent } from "../../src/events.js";
import { MEMBLOCK_HOTPLUG, MEMBLOCK_MIRROR } from "../../src/mm/mem-ranges.js";
import type { MemRegion } from "../../src/mm/mem-ranges.js";
import { findZoneMovablePfnsForNodes } from "../../src/mm/zone-movable.js";
import type { ZoneMovableParams } from "../../src/mm/zone-movable.js";
import { archZoneBounds, maxZonePfns, usableZoneForMovable } from "../../src/mm/zone.js";
import { profiles } from "../../src/profiles/index.js";

const none = { pages: 0n, percent: 0n };
const base: ZoneMovableParams = { movableNode: false, mirroredKernelcore: false, kernelcore: none, movablecore: none };

// node 0 = [4K, 636K) + [1M, 2G - 132K), node 1 = [4G, 6G) hotpluggable
const twoNodes: MemRegion[] = [
  { base: 0x1000n, size: 0x9e000n, nid: 0, flags: 0 },
  { base: 0x100000n, size: 0x7fedf000n, nid: 0, flags: 0 },
  { base: 0x100000000n, size: 0x80000000n, nid: 1, flags: MEMBLOCK_HOTPLUG },
];

function run(memory: MemRegion[], params: Partial<ZoneMovableParams>, version: "6.1" | "6.12" = "6.1") {
  const end = memory.reduce((m, r) => (r.base + r.size > m ? r.base + r.size : m), 0n) >> 12n;
  const bounds = archZoneBounds(memory[0]!.base >> 12n, maxZonePfns(end));
  const lines: string[] = [];
  const emit = (e: KernelEvent): void => void lines.push(e.line);
  const r = findZoneMovablePfnsForNodes(memory, bounds, usableZoneForMovable(bounds), { ...base, ...params }, profiles[version].zones, emit);
  return { ...r, lines, starts: Object.fromEntries([...r.zoneMovablePfn].map(([n, p]) => [n, p])) };
}

test("kernelcore=1G: DMA/DMA32 memory counts as kernel memory, node 1 becomes all movable", () => {
  const r = run(twoNodes, { kernelcore: { pages: 262144n, percent: 0n } });
  assert.deepEqual(r.starts, { 1: 0x100000n });
  assert.equal(r.mode, "core");
});

test("movable_node takes priority over kernelcore= and movablecore=", () => {
  const r = run(twoNodes, { movableNode: true, kernelcore: { pages: 1n << 20n, percent: 0n }, movablecore: { pages: 0n, percent: 10n } });
  assert.deepEqual(r.starts, { 1: 0x100000n });
  assert.deepEqual(
    r.ignored.map((i) => i.param),
    ["kernelcore=", "movablecore="],
  );
});

test("movable_node without hotpluggable memory leaves no ZONE_MOVABLE", () => {
  const r = run(twoNodes.map((x) => ({ ...x, flags: 0 })), { movableNode: true });
  assert.equal(r.zoneMovablePfn.size, 0);
});

test("kernelcore= of everything or more leaves no ZONE_MOVABLE", () => {
  const r = run(twoNodes, { kernelcore: { pages: r0Total(), percent: 0n } });
  assert.equal(r.zoneMovablePfn.size, 0);
  assert.equal(r.ignored[0]?.param, "kernelcore=");
});

function r0Total(): bigint {
  return twoNodes.reduce((n, r) => n + r.size / 4096n, 0n);
}

test("kernelcore=mirror: 6.12 ignores it without mirrored memory, 6.1 makes all memory above 4 GiB movable", () => {
  const r612 = run(twoNodes, { mirroredKernelcore: true }, "6.12");
  assert.deepEqual(r612.lines, ["The system has no mirror memory, ignore kernelcore=mirror."]);
  assert.equal(r612.zoneMovablePfn.size, 0);
  const r61 = run(twoNodes, { mirroredKernelcore: true }, "6.1");
  assert.deepEqual(r61.lines, ["This configuration results in unmirrored kernel memory."]);
  assert.deepEqual(r61.starts, { 1: 0x100000n });
  const mirrored = twoNodes.map((x) => (x.nid === 0 ? { ...x, flags: MEMBLOCK_MIRROR } : x));
  const ok = run(mirrored, { mirroredKernelcore: true }, "6.12");
  assert.deepEqual(ok.lines, []);
  assert.deepEqual(ok.starts, { 1: 0x100000n });
});

test("6.12 ignores kernelcore=mirror in a kdump kernel", () => {
  const mirrored = twoNodes.map((x) => ({ ...x, flags: MEMBLOCK_MIRROR }));
  const r = run(mirrored, { mirroredKernelcore: true, kdump: true }, "6.12");
  assert.deepEqual(r.lines, ["The system is under kdump, ignore kernelcore=mirror."]);
});

// One node, RAM [1M, 4G - 1G) + [4G, 4G + size): kernelcore=K pages ends ZONE_MOVABLE's start where the
// kernel's K pages end, counting all of DMA/DMA32 first, rounded up to MAX_ORDER_NR_PAGES; movablecore=M is
// kernelcore = total - roundup(M, 1024).
test("one node: kernelcore= and movablecore= place ZONE_MOVABLE where the kernel's share ends", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 1n << 22n }),
      fc.bigInt({ min: 1n, max: 1n << 22n }),
      fc.boolean(),
      (highPages, want, asMovable) => {
        const mem: MemRegion[] = [
          { base: 0x100000n, size: 0xc0000000n - 0x100000n, nid: 0, flags: 0 },
          { base: 0x100000000n, size: highPages << 12n, nid: 0, flags: 0 },
        ];
        const low = (0xc0000000n - 0x100000n) >> 12n;
        const total = low + highPages;
        const setting = { pages: want, percent: 0n };
        const r = run(mem, asMovable ? { movablecore: setting } : { kernelcore: setting });
        const kernel = asMovable ? total - (total < ((want + 1023n) / 1024n) * 1024n ? total : ((want + 1023n) / 1024n) * 1024n) : want;
        if (kernel === 0n || kernel >= total) return r.zoneMovablePfn.size === 0;
        const highKernel = kernel > low ? kernel - low : 0n;
        const start = ((0x100000n + highKernel + 1023n) / 1024n) * 1024n;
        const expect = start >= 0x100000n + highPages ? undefined : start;
        return r.zoneMovablePfn.get(0) === expect;
      },
    ),
  );
});

test("kernelcore=N% is N percent of all memory pages", () => {
  const mem: MemRegion[] = [
    { base: 0x100000n, size: 0xbff00000n, nid: 0, flags: 0 },
    { base: 0x100000000n, size: 0x100000000n, nid: 0, flags: 0 },
  ];
  const pct = run(mem, { kernelcore: { pages: 0n, percent: 90n } });
  const total = (0xbff00000n + 0x100000000n) >> 12n;
  const pages = run(mem, { kernelcore: { pages: (total * 90n) / 100n, percent: 0n } });
  assert.deepEqual(pct.starts, pages.starts);
  assert.equal(pct.requiredKernelcore, (total * 90n) / 100n);
});

test("kernelcore is spread over the nodes with memory", () => {
  // two nodes of 4 GiB each above 4 GiB, plus 1 GiB of DMA32 on node 0
  const mem: MemRegion[] = [
    { base: 0x100000n, size: 0x3ff00000n, nid: 0, flags: 0 },
    { base: 0x100000000n, size: 0x100000000n, nid: 0, flags: 0 },
    { base: 0x200000000n, size: 0x100000000n, nid: 1, flags: 0 },
  ];
  // 3 GiB of kernel memory: 1.5 GiB per node; node 0's low memory (1 GiB less the first MiB) counts
  // towards its share, the rest of it comes from above 4 GiB, and the start is rounded up to 4 MiB
  const r = run(mem, { kernelcore: { pages: 3n << 18n, percent: 0n } });
  const node0High = (3n << 17n) - (0x40000n - 0x100n);
  assert.deepEqual(r.starts, { 0: ((0x100000n + node0High + 1023n) / 1024n) * 1024n, 1: 0x200000n + (3n << 17n) });
});
