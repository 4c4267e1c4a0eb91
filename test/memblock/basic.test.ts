// The facts tools/testing/memblock/tests/basic_api.c checks, restated as our
// own tests and run against both kernel profiles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_NUMNODES } from "../../src/memblock/region.js";
import { PHYS_ADDR_MAX, SZ_1G, SZ_1K, SZ_1M, VERSIONS, fresh, spans } from "./helpers.js";

for (const v of VERSIONS) {
  test(`${v}: initial state`, () => {
    const { mb } = fresh(v);
    assert.equal(mb.memory.max, 128);
    assert.equal(mb.reserved.max, 128);
    assert.equal(mb.memory.totalSize, 0n);
    assert.equal(mb.reserved.totalSize, 0n);
    assert.equal(mb.bottomUp, false);
    assert.equal(mb.currentLimit, PHYS_ADDR_MAX);
    // 6.1 keeps one zero-sized dummy entry; 6.12 starts empty
    const expectedCnt = v === "6.1" ? 1 : 0;
    assert.equal(mb.memory.cnt, expectedCnt);
    for (const r of mb.memory.regions) assert.equal(r.size, 0n);
  });

  test(`${v}: add simple and add_node`, () => {
    const { mb } = fresh(v);
    assert.equal(mb.add(SZ_1G, 256n * SZ_1M), 0);
    assert.deepEqual(spans(mb, "memory"), [[SZ_1G, 256n * SZ_1M]]);
    assert.equal(mb.memory.totalSize, 256n * SZ_1M);
    assert.equal(mb.memory.regions[0]?.nid, MAX_NUMNODES);

    const { mb: mb2 } = fresh(v);
    mb2.addNode(SZ_1M, 16n * SZ_1M, 1, 0x1);
    assert.equal(mb2.memory.regions[0]?.nid, 1);
    assert.equal(mb2.memory.regions[0]?.flags, 0x1);
  });

  test(`${v}: add disjoint, overlapping, within, twice, between`, () => {
    const { mb } = fresh(v);
    mb.add(SZ_1G, 8n * SZ_1K);
    mb.add(SZ_1G + 16n * SZ_1K, 8n * SZ_1K);
    assert.equal(mb.memory.cnt, 2);
    mb.add(SZ_1G + 8n * SZ_1K, 8n * SZ_1K);
    assert.deepEqual(spans(mb, "memory"), [[SZ_1G, 24n * SZ_1K]], "the one between merges all three");
    assert.equal(mb.memory.totalSize, 24n * SZ_1K);

    const top = fresh(v).mb;
    top.add(512n * SZ_1M, SZ_1G);
    top.add(256n * SZ_1M, 512n * SZ_1M);
    assert.deepEqual(spans(top, "memory"), [[256n * SZ_1M, 256n * SZ_1M + SZ_1G]]);
    assert.equal(top.memory.totalSize, 256n * SZ_1M + SZ_1G);

    const bottom = fresh(v).mb;
    bottom.add(128n * SZ_1M, 512n * SZ_1M);
    bottom.add(256n * SZ_1M, SZ_1G);
    assert.deepEqual(spans(bottom, "memory"), [[128n * SZ_1M, 128n * SZ_1M + SZ_1G]]);

    const within = fresh(v).mb;
    within.add(8n * SZ_1M, 32n * SZ_1M);
    within.add(16n * SZ_1M, SZ_1M);
    within.add(8n * SZ_1M, 32n * SZ_1M);
    assert.deepEqual(spans(within, "memory"), [[8n * SZ_1M, 32n * SZ_1M]]);
    assert.equal(within.memory.totalSize, 32n * SZ_1M);
  });

  test(`${v}: a range past PHYS_ADDR_MAX is capped`, () => {
    const { mb } = fresh(v);
    const base = PHYS_ADDR_MAX - SZ_1M;
    mb.add(base, 2n * SZ_1M);
    mb.reserve(base, 2n * SZ_1M);
    assert.deepEqual(spans(mb, "memory"), [[base, PHYS_ADDR_MAX - base]]);
    assert.deepEqual(spans(mb, "reserved"), [[base, PHYS_ADDR_MAX - base]]);
    // the last byte can never be covered: a range starting there is empty
    assert.equal(mb.reserve(PHYS_ADDR_MAX, 10n), 0);
    assert.equal(mb.reserved.cnt, 1);
  });

  test(`${v}: reserve gets no node and no flags`, () => {
    const { mb } = fresh(v);
    mb.addNode(0n, SZ_1G, 0, 0x1);
    mb.reserve(SZ_1M, SZ_1M);
    assert.deepEqual(mb.reserved.regions, [{ base: SZ_1M, size: SZ_1M, end: 2n * SZ_1M, nid: MAX_NUMNODES, flags: 0 }]);
  });

  test(`${v}: remove and free: simple, absent, overlapping, within, only region, two`, () => {
    for (const [op, type] of [["remove", "memory"], ["physFree", "reserved"]] as const) {
      const fill = (mb: ReturnType<typeof fresh>["mb"], base: bigint, size: bigint) =>
        type === "memory" ? mb.add(base, size) : mb.reserve(base, size);
      const { mb } = fresh(v);
      fill(mb, 2n * SZ_1K, 4n * SZ_1K);
      fill(mb, 128n * SZ_1M, 4n * SZ_1M);
      assert.equal(mb[op](2n * SZ_1K, 4n * SZ_1K), 0);
      assert.deepEqual(spans(mb, type), [[128n * SZ_1M, 4n * SZ_1M]], `${op} simple`);
      assert.equal(mb[op](SZ_1G, SZ_1M), 0, `${op} absent`);
      assert.deepEqual(spans(mb, type), [[128n * SZ_1M, 4n * SZ_1M]]);
      // overlap the top and the bottom of the region
      mb[op](127n * SZ_1M, 2n * SZ_1M);
      mb[op](131n * SZ_1M, 2n * SZ_1M);
      assert.deepEqual(spans(mb, type), [[129n * SZ_1M, 2n * SZ_1M]]);
      assert.equal(mb[type].totalSize, 2n * SZ_1M);
      // a hole in the middle splits the region in two
      mb[op](129n * SZ_1M + 4n * SZ_1K, 4n * SZ_1K);
      assert.deepEqual(spans(mb, type), [
        [129n * SZ_1M, 4n * SZ_1K],
        [129n * SZ_1M + 8n * SZ_1K, 2n * SZ_1M - 8n * SZ_1K],
      ]);
      // one range over both removes both
      mb[op](0n, SZ_1G);
      assert.equal(mb[type].totalSize, 0n);
      assert.equal(mb[type].cnt, v === "6.1" ? 1 : 0, "emptied array");
    }
  });

  test(`${v}: remove near PHYS_ADDR_MAX`, () => {
    const { mb } = fresh(v);
    const base = PHYS_ADDR_MAX - 2n * SZ_1M;
    mb.add(base, 2n * SZ_1M);
    mb.remove(PHYS_ADDR_MAX - SZ_1M, 2n * SZ_1M);
    assert.deepEqual(spans(mb, "memory"), [[base, SZ_1M]]);
  });

  test(`${v}: bottom-up setting`, () => {
    const { mb } = fresh(v);
    mb.setBottomUp(true);
    assert.equal(mb.bottomUp, true);
    mb.setBottomUp(false);
    assert.equal(mb.bottomUp, false);
  });

  test(`${v}: trim_memory`, () => {
    const a = 64n;
    const aligned = fresh(v).mb;
    aligned.add(a, 4n * a);
    aligned.trimMemory(a);
    assert.deepEqual(spans(aligned, "memory"), [[a, 4n * a]]);

    const tooSmall = fresh(v).mb;
    tooSmall.add(a, 2n * a);
    tooSmall.add(4n * a, a - 2n);
    tooSmall.trimMemory(a);
    assert.deepEqual(spans(tooSmall, "memory"), [[a, 2n * a]]);
    // a region that vanishes is removed, with its size
    assert.equal(tooSmall.memory.totalSize, 2n * a);

    const unalignedBase = fresh(v).mb;
    unalignedBase.add(a, 2n * a);
    unalignedBase.add(4n * a + 2n, 2n * a - 2n);
    unalignedBase.trimMemory(a);
    assert.deepEqual(spans(unalignedBase, "memory"), [
      [a, 2n * a],
      [5n * a, a],
    ]);
    // trimming a region in place leaves total_size untouched
    assert.equal(unalignedBase.memory.totalSize, 4n * a - 2n);

    const unalignedEnd = fresh(v).mb;
    unalignedEnd.add(a, 2n * a);
    unalignedEnd.add(4n * a, 2n * a - 2n);
    unalignedEnd.trimMemory(a);
    assert.deepEqual(spans(unalignedEnd, "memory"), [
      [a, 2n * a],
      [4n * a, a],
    ]);
  });

  test(`${v}: overlaps_region`, () => {
    const { mb } = fresh(v);
    mb.add(SZ_1G, SZ_1G);
    assert.equal(mb.overlapsRegion("memory", SZ_1G - SZ_1M, SZ_1M), false, "touching below");
    assert.equal(mb.overlapsRegion("memory", SZ_1G - SZ_1M, 2n * SZ_1M), true);
    assert.equal(mb.overlapsRegion("memory", 2n * SZ_1G, SZ_1M), false, "touching above");
    assert.equal(mb.overlapsRegion("memory", 2n * SZ_1G - SZ_1M, PHYS_ADDR_MAX), true, "size capped");
  });

  test(`${v}: 128 regions fill the static array; with resize allowed it doubles`, () => {
    const { mb } = fresh(v);
    mb.allowResize();
    // room for the new array, then 128 small regions with gaps
    const arrayBytes = 2n * 128n * 24n;
    const newArray = (arrayBytes + 4095n) & ~4095n;
    mb.add(SZ_1M, newArray);
    let base = SZ_1M + newArray + 64n;
    for (let i = 0; i < 128; i++) {
      mb.add(base, 64n);
      base += 128n;
      assert.equal(mb.memory.cnt, i + 2);
    }
    assert.equal(mb.memory.max, 256);
    assert.deepEqual(spans(mb, "reserved"), [[SZ_1M, newArray]], "the new array is reserved");
    mb.add(16n * SZ_1K, 16n * SZ_1K);
    assert.deepEqual(spans(mb, "memory")[0], [16n * SZ_1K, 16n * SZ_1K]);
    assert.equal(mb.memory.cnt, 130);
  });
}

test("a full array without resizing: 6.1 fails with -ENOMEM, 6.12 panics", () => {
  const fill = (mb: ReturnType<typeof fresh>["mb"]) => {
    for (let i = 0n; i < 128n; i++) assert.equal(mb.reserve(i * 2n * SZ_1M, SZ_1M), 0);
  };
  const old = fresh("6.1");
  fill(old.mb);
  assert.equal(old.mb.reserve(SZ_1G, SZ_1M), -12);
  assert.deepEqual(old.messages, [{ kind: "resize_refused", array: "reserved" }]);
  assert.equal(old.mb.reserved.cnt, 128);

  const cur = fresh("6.12");
  fill(cur.mb);
  assert.throws(() => cur.mb.reserve(SZ_1G, SZ_1M), { name: "KernelPanic", panicMessage: "memblock: cannot resize reserved array" });
});

test("with resize allowed, the 129th reservation doubles reserved, wherever it falls", () => {
  const MEM = 32n * SZ_1K;
  const offset = SZ_1G;
  const at = (i: number) => offset + 2n * MEM * BigInt(i);
  const newArray = (2n * 128n * 24n + 4095n) & ~4095n;
  for (const v of VERSIONS) {
    // the new array may only go into block 0; block `skip` is reserved last
    for (const skip of [1, 2, 64, 128, 129]) {
      const { mb } = fresh(v);
      mb.allowResize();
      mb.add(at(0), MEM);
      mb.add(at(skip), MEM);
      for (let i = 1; i <= 129; i++) if (i !== skip) mb.reserve(at(i), MEM);
      assert.equal(mb.reserved.cnt, 128);
      assert.equal(mb.reserve(at(skip), MEM), 0);
      assert.equal(mb.reserved.cnt, 130);
      assert.equal(mb.reserved.max, 256);
      assert.equal(mb.reserved.totalSize, 129n * MEM + newArray);
      assert.deepEqual(spans(mb, "reserved")[0], [at(0) + MEM - newArray, newArray], `${v} skip ${skip}`);
      mb.reserve(16n * SZ_1K, 16n * SZ_1K);
      assert.deepEqual(spans(mb, "reserved")[0], [16n * SZ_1K, 16n * SZ_1K]);
      assert.equal(mb.reserved.cnt, 131);
    }
  }
});
