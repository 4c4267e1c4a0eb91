import { test } from "node:test";
import assert from "node:assert/strict";
import { freeAreaInit } from "../../src/mm/free-area-init.js";
import type { FreeAreaInitInput } from "../../src/mm/free-area-init.js";
import { MEMBLOCK_HOTPLUG } from "../../src/mm/mem-ranges.js";
import type { MemRegion } from "../../src/mm/mem-ranges.js";
import { buildAllZonelists } from "../../src/mm/zonelists.js";
import { profiles } from "../../src/profiles/index.js";
import type { KernelEvent } from "../../src/events.js";

// The reference boot (q35, 4 GiB: node 0 = [1M, 2G), node 1 = [4G, 6G) hotpluggable, movable_node),
// whose lines the reference log shows.
const twoNodes: MemRegion[] = [
  { base: 0x1000n, size: 0x9e000n, nid: 0, flags: 0 },
  { base: 0x100000n, size: 0x7fedf000n, nid: 0, flags: 0 },
  { base: 0x100000000n, size: 0x80000000n, nid: 1, flags: MEMBLOCK_HOTPLUG },
];

const noCore = { pages: 0n, percent: 0n };

function input(memory: MemRegion[], extra: Partial<FreeAreaInitInput> = {}): FreeAreaInitInput {
  return {
    memory,
    maxLowPfn: 0x180000n,
    possibleNodes: [0, 1],
    onlineNodes: [0, 1],
    params: { movableNode: true, mirroredKernelcore: false, kernelcore: noCore, movablecore: noCore },
    dmaReserve: 158n,
    ...extra,
  };
}

function run(version: "6.1" | "6.12", inp: FreeAreaInitInput): { lines: string[]; events: KernelEvent[] } {
  const events: KernelEvent[] = [];
  const emit = (e: KernelEvent): void => void events.push(e);
  const profile = profiles[version];
  const fa = freeAreaInit(inp, profile.zones, emit);
  buildAllZonelists({ nodes: fa.nodes, onlineNodes: inp.onlineNodes.length, localNode: 0 }, profile.zones, emit);
  return { lines: events.map((e) => e.line), events };
}

test("zone ranges, movable start, early ranges and initmem of the two-node movable_node boot", () => {
  for (const v of ["6.1", "6.12"] as const) {
    const { lines } = run(v, input(twoNodes));
    assert.deepEqual(lines.slice(0, 13), [
      "Zone ranges:",
      "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
      "  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
      "  Normal   [mem 0x0000000100000000-0x000000017fffffff]",
      "  Device   empty",
      "Movable zone start for each node",
      "  Node 1: 0x0000000100000000",
      "Early memory node ranges",
      "  node   0: [mem 0x0000000000001000-0x000000000009efff]",
      "  node   0: [mem 0x0000000000100000-0x000000007ffdefff]",
      "  node   1: [mem 0x0000000100000000-0x000000017fffffff]",
      "Initmem setup node 0 [mem 0x0000000000001000-0x000000007ffdefff]",
      "Initmem setup node 1 [mem 0x0000000100000000-0x000000017fffffff]",
    ]);
    // the hole at the end of node 0's last section is charged to the next range's node and zone
    assert.deepEqual(lines.slice(13, 16), [
      "On node 0, zone DMA: 1 pages in unavailable ranges",
      "On node 0, zone DMA: 97 pages in unavailable ranges",
      "On node 1, zone Movable: 33 pages in unavailable ranges",
    ]);
    assert.equal(lines.at(-1), "Policy zone: DMA32");
    assert.deepEqual(lines.slice(16, 18), ["Fallback order for Node 0: 0 1 ", "Fallback order for Node 1: 1 0 "]);
  }
});

test("Total pages: 6.1 deducts memmap and dma_reserve, 6.12 counts present pages", () => {
  assert.equal(run("6.1", input(twoNodes)).lines.at(-2), "Built 2 zonelists, mobility grouping on.  Total pages: 1031903");
  assert.equal(run("6.12", input(twoNodes)).lines.at(-2), "Built 2 zonelists, mobility grouping on.  Total pages: 1048445");
});

test("6.1 rounds a hotpluggable base down, 6.12 up", () => {
  const odd = twoNodes.map((r) => (r.nid === 1 ? { ...r, base: 0x100000800n, size: 0x7ffff800n } : r));
  const starts = (v: "6.1" | "6.12"): string | undefined =>
    run(v, input(odd)).lines.find((l) => l.startsWith("  Node 1:"));
  // PFN_DOWN gives 0x100000 (already aligned); PFN_UP gives 0x100001, rounded up to 0x100400
  assert.equal(starts("6.1"), "  Node 1: 0x0000000100000000");
  assert.equal(starts("6.12"), "  Node 1: 0x0000000100400000");
});

test("an offline possible node: 6.1 announces it, both print it memoryless and allocate its pg_data_t", () => {
  for (const v of ["6.1", "6.12"] as const) {
    const allocated: number[] = [];
    const inp = input(twoNodes, { possibleNodes: [0, 1, 2], allocOfflineNodeData: (nid) => void allocated.push(nid) });
    const { lines } = run(v, inp);
    const i = lines.indexOf("Initmem setup node 2 as memoryless");
    assert.ok(i > 0);
    assert.equal(lines[i - 1] === "Initializing node 2 as memoryless", v === "6.1");
    assert.deepEqual(allocated, [2]);
    // a memoryless local node heads its own list only in 6.1
    const fb = lines.find((l) => l.startsWith("Fallback order for Node 2:"));
    assert.equal(fb, v === "6.1" ? "Fallback order for Node 2: 2 0 1 " : "Fallback order for Node 2: 0 1 ");
  }
});
