// ExtentMap against a page-by-page model: any sequence of adds and removes must leave the same pages held,
// and gaps must be exactly the free pages, highest first.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ExtentMap } from "../../src/hotplug/extents.js";
import { EXTENT_KINDS, type ExtentKind } from "../../src/hotplug/types.js";

const SIZE = 64;

type Op = { add: boolean; start: number; len: number; kind: ExtentKind };

const op = fc.record({
  add: fc.boolean(),
  start: fc.integer({ min: 0, max: SIZE - 1 }),
  len: fc.integer({ min: 1, max: 16 }),
  kind: fc.constantFrom(...EXTENT_KINDS),
});

test("ExtentMap agrees with a per-page model", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 0, max: SIZE }), (ops: Op[], a, b) => {
      const map = new ExtentMap();
      const pages: (ExtentKind | undefined)[] = new Array(SIZE).fill(undefined);
      for (const o of ops) {
        const end = Math.min(SIZE, o.start + o.len);
        if (o.add) {
          // Only free ranges may be added: use the map's own gaps, then check them against the model.
          for (const g of map.gapsDescending(o.start, end)) {
            map.add({ start: g.start, end: g.end, kind: o.kind, what: "t" });
            for (let p = g.start; p < g.end; p++) {
              assert.equal(pages[p], undefined);
              pages[p] = o.kind;
            }
          }
        } else {
          const gone = map.remove(o.start, end);
          const n = gone.reduce((s, e) => s + e.end - e.start, 0);
          let expected = 0;
          for (let p = o.start; p < end; p++) if (pages[p] !== undefined) expected++;
          assert.equal(n, expected);
          for (let p = o.start; p < end; p++) pages[p] = undefined;
        }
      }
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      for (const kind of EXTENT_KINDS) {
        let expected = 0;
        for (let p = lo; p < hi; p++) if (pages[p] === kind) expected++;
        assert.equal(map.pages(lo, hi, kind), expected);
      }
      const gaps = map.gapsDescending(lo, hi);
      for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i]!.end < gaps[i - 1]!.start, "gaps are disjoint, highest first");
      const free = new Set<number>();
      for (const g of gaps) for (let p = g.start; p < g.end; p++) free.add(p);
      for (let p = lo; p < hi; p++) assert.equal(free.has(p), pages[p] === undefined, `page ${p}`);
      const all = map.all();
      for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.end <= all[i]!.start, "sorted, never overlapping");
    }),
  );
});
