import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildAllZonelists } from "../../src/mm/zonelists.js";
import { profiles } from "../../src/profiles/index.js";

/**
 * find_next_best_node as the kernel loops it, pick by pick, for comparison with the sorted order,
 * building the lists of `locals` (every node by default).
 */
function literalOrders(dist: number[][], memory: boolean[], cpus: boolean[], localFirstAlways: boolean, locals?: number[]): number[][] {
  const n = dist.length;
  const load = new Array<number>(n).fill(0);
  const out: number[][] = [];
  for (const local of locals ?? dist.map((_, i) => i)) {
    const used = new Set<number>();
    const order: number[] = [];
    let prev = local;
    for (;;) {
      let best = -1;
      if (!used.has(local) && (localFirstAlways || memory[local])) best = local;
      else {
        let min = Infinity;
        for (let c = 0; c < n; c++) {
          if (!memory[c] || used.has(c)) continue;
          const val = (dist[local]![c]! + (c < local ? 1 : 0) + (cpus[c] ? 1 : 0)) * 1024 + load[c]!;
          if (val < min) {
            min = val;
            best = c;
          }
        }
      }
      if (best < 0) break;
      used.add(best);
      if (dist[local]![best] !== dist[local]![prev]) load[best]!++;
      order.push(best);
      prev = best;
    }
    out.push(order);
  }
  return out;
}

test("the sorted fallback order is find_next_best_node's, pick by pick", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 7 }).chain((n) =>
        fc.record({
          upper: fc.array(fc.integer({ min: 11, max: 40 }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }),
          memory: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          cpus: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          only: fc.integer({ min: 0, max: n - 1 }),
          n: fc.constant(n),
        }),
      ),
      fc.constantFrom("6.1" as const, "6.12" as const),
      ({ upper, memory, cpus, only, n }, version) => {
        const dist: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 10 : 0)));
        let k = 0;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) dist[i]![j] = dist[j]![i] = upper[k++]!;
        const profile = profiles[version].zones;
        const nodes = memory.map((m, nid) => ({ nid, hasMemory: m, zones: [{ zone: 2, present: m ? 100n : 0n, managed: m ? 100n : 0n }] }));
        const withCpus = new Set(cpus.flatMap((c, i) => (c ? [i] : [])));
        const r = buildAllZonelists({ nodes, onlineNodes: n, localNode: 0, distance: dist, nodesWithCpus: withCpus }, profile, () => undefined);
        const want = literalOrders(dist, memory, cpus, profile.memorylessLocalNodeFirst);
        assert.deepEqual([...r.fallback.values()], want);
        // A node brought online at run time: only its own list, from a fresh node_load.
        const lines: string[] = [];
        const one = buildAllZonelists({ nodes, onlineNodes: n, localNode: 0, distance: dist, nodesWithCpus: withCpus, only }, profile, (e) => void lines.push(e.line));
        assert.deepEqual([...one.fallback.entries()], [[only, literalOrders(dist, memory, cpus, profile.memorylessLocalNodeFirst, [only])[0]]]);
        assert.equal(lines.filter((l) => l.startsWith("Fallback order")).length, 1);
        assert.equal(one.totalPages, r.totalPages, "Total pages still counts the running CPU's list");
      },
    ),
  );
});

test("Total pages counts the local node's zonelist; mobility grouping needs 3072 of them", () => {
  const zones = (present: bigint) => [{ zone: 1, present, managed: present }];
  const emitted: string[] = [];
  const r = buildAllZonelists(
    { nodes: [{ nid: 0, hasMemory: true, zones: zones(3071n) }], onlineNodes: 1, localNode: 0 },
    profiles["6.12"].zones,
    (e) => void emitted.push(e.line),
  );
  assert.equal(r.mobilityGrouping, false);
  assert.deepEqual(emitted, [
    "Fallback order for Node 0: 0 ",
    "Built 1 zonelists, mobility grouping off.  Total pages: 3071",
    "Policy zone: DMA32",
  ]);
});
