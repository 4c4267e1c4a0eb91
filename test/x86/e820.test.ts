import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { KernelEvent } from "../../src/events.js";
import { E820Type, type E820Entry } from "../../src/machine.js";
import { profiles } from "../../src/profiles/index.js";
import {
  e820PrintTable,
  e820RangeRemove,
  e820RangeUpdate,
  e820TypeFromName,
  e820TypeName,
  e820UpdateTable,
} from "../../src/x86/e820.js";
import { e820EndRamPfn, e820TrimBiosRange } from "../../src/x86/e820-setup.js";

const collect = () => {
  const events: KernelEvent[] = [];
  return { events, emit: (e: KernelEvent) => void events.push(e) };
};

const TYPES = [1, 2, 3, 4, 5, 7, 12, 128, 0xefffffff, 6];
/** Small maps on a coarse grid so that overlaps and shared edges are frequent. */
const arbMap = fc.array(
  fc.record({
    addr: fc.integer({ min: 0, max: 40 }).map((v) => BigInt(v) * 0x1000n),
    size: fc.integer({ min: 0, max: 12 }).map((v) => BigInt(v) * 0x1000n),
    type: fc.constantFrom(...TYPES),
  }),
  { minLength: 2, maxLength: 12 },
);

/** The type the kernel's rule gives one page: the highest type among the entries covering it, 0 if none. */
function typeAt(map: readonly E820Entry[], page: bigint): number {
  let t = 0;
  for (const e of map) if (e.addr <= page && page < e.addr + e.size) t = Math.max(t, e.type);
  return t;
}

test("sanitising: every page keeps the highest covering type; output sorted, disjoint, merged", () => {
  fc.assert(
    fc.property(arbMap, (map) => {
      const out = e820UpdateTable(map);
      assert.ok(out);
      for (let p = 0n; p < 60n * 0x1000n; p += 0x1000n) assert.equal(typeAt(out, p), typeAt(map, p));
      for (let i = 1; i < out.length; i++) {
        const a = out[i - 1]!;
        const b = out[i]!;
        assert.ok(a.addr + a.size <= b.addr, "sorted and disjoint");
        const mergeable = b.type !== E820Type.PRAM && b.type !== E820Type.SOFT_RESERVED;
        if (mergeable && a.addr + a.size === b.addr) assert.notEqual(a.type, b.type, "neighbours of one type merge");
      }
      for (const e of out) assert.ok(e.size > 0n && e.type !== 0);
      assert.deepEqual(e820UpdateTable(out) ?? out, out, "idempotent");
    }),
    { numRuns: 400, seed: 820 },
  );
});

test("sanitising declines fewer than two entries and wrapping entries", () => {
  assert.equal(e820UpdateTable([{ addr: 0n, size: 0x1000n, type: 1 }]), undefined);
  assert.equal(
    e820UpdateTable([
      { addr: 0n, size: 0x1000n, type: 1 },
      { addr: 0xfffffffffffff000n, size: 0x1000n, type: 2 },
    ]),
    undefined,
  );
});

test("PRAM neighbours are never merged, RAM neighbours are", () => {
  const out = e820UpdateTable([
    { addr: 0n, size: 0x1000n, type: 12 },
    { addr: 0x1000n, size: 0x1000n, type: 12 },
    { addr: 0x2000n, size: 0x1000n, type: 1 },
    { addr: 0x3000n, size: 0x1000n, type: 1 },
  ]);
  assert.deepEqual(out?.map((e) => [e.addr, e.type]), [
    [0n, 12],
    [0x1000n, 12],
    [0x2000n, 1],
  ]);
});

test("range update and remove keep every other page's type and retype only the matching pages", () => {
  fc.assert(
    fc.property(
      arbMap,
      fc.integer({ min: 0, max: 50 }),
      fc.integer({ min: 0, max: 20 }),
      fc.constantFrom(...TYPES),
      fc.constantFrom(...TYPES),
      fc.boolean(),
      (raw, s, n, from, to, check) => {
        const map = e820UpdateTable(raw)!;
        const start = BigInt(s) * 0x1000n;
        const size = BigInt(n) * 0x1000n;
        const inRange = (p: bigint) => p >= start && p < start + size;
        if (from !== to) {
          const { table } = e820RangeUpdate(map, start, size, from, to, () => {});
          for (let p = 0n; p < 60n * 0x1000n; p += 0x1000n) {
            const before = typeAt(map, p);
            assert.equal(typeAt(table, p), inRange(p) && before === from ? to : before);
          }
        }
        const { table, removed } = e820RangeRemove(map, start, size, from, check, () => {});
        let count = 0n;
        for (let p = 0n; p < 60n * 0x1000n; p += 0x1000n) {
          const before = typeAt(map, p);
          const gone = inRange(p) && before !== 0 && (!check || before === from);
          if (gone) count += 0x1000n;
          assert.equal(typeAt(table, p), gone ? 0 : before);
        }
        assert.equal(removed, count);
      },
    ),
    { numRuns: 400, seed: 4242 },
  );
});

test("type names read back to their codes", () => {
  for (const t of [1, 2, 3, 4, 5, 7, 12, 0xefffffff, 6, 99]) assert.equal(e820TypeFromName(e820TypeName(t)), t);
  assert.equal(e820TypeFromName("type 99999999999"), undefined);
  assert.equal(e820TypeFromName("bogus"), undefined);
});

test("printed lines use the kernel's widths", () => {
  const { events, emit } = collect();
  e820PrintTable([{ addr: 0x9fc00n, size: 0x400n, type: 2 }], "BIOS-e820", emit);
  const trimmed = e820TrimBiosRange(
    [
      { addr: 0n, size: 0x9fc00n, type: 1 },
      { addr: 0x9fc00n, size: 0x60400n, type: 2 },
      { addr: 0x100000n, size: 0x7ff00000n, type: 1 },
    ],
    emit,
  );
  assert.deepEqual(
    events.map((e) => e.line),
    [
      // formats as e820.c prints them: %#018Lx in tables, %#010Lx in updates
      `BIOS-e820: [mem 0x${(0x9fc00).toString(16).padStart(16, "0")}-0x${(0x9ffff).toString(16).padStart(16, "0")}] reserved`,
      "e820: update [mem 0x00000000-0x00000fff] usable ==> reserved",
      "e820: remove [mem 0x000a0000-0x000fffff] usable",
    ],
  );
  assert.deepEqual(trimmed.map((e) => [e.addr, e.type]), [
    [0n, 2],
    [0x1000n, 1],
    [0x9fc00n, 2],
    [0x100000n, 1],
  ]);
});

test("end of RAM: 6.12 counts ACPI data, 6.1 does not", () => {
  const map: E820Entry[] = [
    { addr: 0n, size: 0x80000000n, type: 1 },
    { addr: 0x80000000n, size: 0x100000n, type: 3 },
  ];
  const pfn = (v: "6.1" | "6.12") => e820EndRamPfn(map, 0x400000000n, 0x400000000n, profiles[v].e820, () => {});
  assert.equal(pfn("6.1"), 0x80000n);
  assert.equal(pfn("6.12"), 0x80100n);
});
