import { test } from "node:test";
import assert from "node:assert/strict";
import type { KernelEvent } from "../../src/events.js";
import { freeMemRanges, memblockFindDmaReserve, memInitPrintInfo } from "../../src/mm/mem-init.js";
import { MEMBLOCK_HOTPLUG, MEMBLOCK_NOMAP } from "../../src/mm/mem-ranges.js";
import type { MemRegion } from "../../src/mm/mem-ranges.js";
import { unknownBootOptions } from "../../src/mm/unknown-params.js";
import { profiles } from "../../src/profiles/index.js";

const memory: MemRegion[] = [
  { base: 0x1000n, size: 0x9e000n, nid: 0, flags: 0 },
  { base: 0x100000n, size: 0x7fedf000n, nid: 0, flags: 0 },
  { base: 0x100000000n, size: 0x80000000n, nid: 1, flags: MEMBLOCK_HOTPLUG },
];

test("dma_reserve: memory pages below 16 MiB minus the free ones (the reference boot's 158)", () => {
  // the first MiB and the kernel image at 16 MiB are reserved; everything in [1M, 16M) is free
  const reserved = [
    { base: 0n, size: 0x100000n },
    { base: 0x1000000n, size: 0x3400000n },
  ];
  assert.equal(memblockFindDmaReserve(memory, reserved, true), 158n);
});

test("free ranges skip reserved, no-map and (while movable_node hides it) hotpluggable memory", () => {
  const mem: MemRegion[] = [
    { base: 0n, size: 0x10000n, nid: 0, flags: 0 },
    { base: 0x10000n, size: 0x10000n, nid: 0, flags: MEMBLOCK_NOMAP },
    { base: 0x100000n, size: 0x100000n, nid: 1, flags: MEMBLOCK_HOTPLUG },
  ];
  const reserved = [{ base: 0x4000n, size: 0x1000n }, { base: 0x4800n, size: 0x1000n }];
  assert.deepEqual(freeMemRanges(mem, reserved, true), [
    { start: 0n, end: 0x4000n, nid: 0 },
    { start: 0x5800n, end: 0x10000n, nid: 0 },
  ]);
  assert.equal(freeMemRanges(mem, reserved, false).length, 3);
});

test("the Memory: line counts whole free pages as RAM and the rest of the present pages as reserved", () => {
  const lines: string[] = [];
  const emit = (e: KernelEvent): void => void lines.push(e.line);
  const mem: MemRegion[] = [{ base: 0n, size: 0x4000000n, nid: 0, flags: 0 }];
  // a sub-page reservation costs the whole page it touches
  const reserved = [{ base: 0x1000n, size: 0x10n }];
  const present = 0x4000n;
  for (const version of ["6.1", "6.12"] as const) {
    lines.length = 0;
    const r = memInitPrintInfo(
      { memory: mem, reserved, maxLowPfn: 0x4000n, presentPages: [present], firstDeferredPfn: new Map() },
      profiles[version].mm,
      emit,
    );
    assert.equal(r.totalRamPages, present - 1n);
    assert.equal(r.reservedPages, 1n);
    assert.match(lines[0] ?? "", /^Memory: \d+K\/65536K available \(.*, 4K reserved, 0K cma-reserved\)$/);
  }
});

test("6.1 prints before deferred init: only pages below first_deferred_pfn are free", () => {
  const mem: MemRegion[] = [{ base: 0n, size: 0x40000000n, nid: 0, flags: 0 }];
  const r = memInitPrintInfo(
    { memory: mem, reserved: [], maxLowPfn: 0x40000n, presentPages: [0x40000n], firstDeferredPfn: new Map([[0, 0x10000n]]) },
    profiles["6.1"].mm,
    () => undefined,
  );
  assert.equal(r.freePages, 0x10000n - profiles["6.1"].mm.earlyBuddyAllocPages(0x40000n));
  assert.equal(r.totalRamPages, 0x40000n);
  assert.equal(r.freePagesEstimated, false);
});

test("unknown boot options: init's arguments first, then its environment; dotted and known words are not", () => {
  assert.deepEqual(unknownBootOptions("console=ttyS0 nokaslr memblock=debug panic=-1 loglevel=8"), ["nokaslr"]);
  assert.deepEqual(unknownBootOptions("foo=1 bar mod.param=2 movable_node baz -- single"), ["bar", "baz", "single", "foo=1"]);
});
