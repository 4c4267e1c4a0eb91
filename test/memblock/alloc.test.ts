// The facts tools/testing/memblock checks about allocation (alloc_api.c,
// alloc_nid_api.c, alloc_exact_nid_api.c, alloc_helpers_api.c), restated as
// our own tests against both kernel profiles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MEMBLOCK_HOTPLUG, NUMA_NO_NODE, SMP_CACHE_BYTES } from "../../src/memblock/region.js";
import { SZ_1K, SZ_1M, VERSIONS, fresh, spans } from "./helpers.js";

const MEM_BASE = 256n * SZ_1M;
const MEM_SIZE = 32n * SZ_1K;
const MEM_END = MEM_BASE + MEM_SIZE;
const ANYWHERE = (1n << 64n) - 1n;

/** One memory block, as the kernel's tests set it up. */
function withMemory(v: (typeof VERSIONS)[number], bottomUp = false) {
  const made = fresh(v, { mirroredKernelcore: true });
  made.mb.add(MEM_BASE, MEM_SIZE);
  made.mb.setBottomUp(bottomUp);
  return made;
}

const alloc = (mb: ReturnType<typeof fresh>["mb"], size: bigint, align = SMP_CACHE_BYTES) =>
  mb.allocTryNid(size, align, 0n, 0n, NUMA_NO_NODE);

for (const v of VERSIONS) {
  test(`${v}: top-down: at the end of memory, aligned`, () => {
    const { mb } = withMemory(v);
    const got = alloc(mb, 2n);
    assert.equal(got, MEM_END - SMP_CACHE_BYTES);
    assert.deepEqual(spans(mb, "reserved"), [[got, 2n]]);
    assert.equal(mb.reservedSize(), 2n);
  });

  test(`${v}: top-down: below a misaligned reservation, separately`, () => {
    const { mb } = withMemory(v);
    mb.reserve(MEM_END - 16n, 16n);
    const got = alloc(mb, 16n);
    assert.equal(got, MEM_END - SMP_CACHE_BYTES);
    assert.deepEqual(spans(mb, "reserved"), [
      [got, 16n],
      [MEM_END - 16n, 16n],
    ]);
  });

  test(`${v}: top-down: right below or above a reservation, merged`, () => {
    const below = withMemory(v).mb;
    below.reserve(MEM_END - 64n, 64n);
    assert.equal(alloc(below, 64n), MEM_END - 128n);
    assert.deepEqual(spans(below, "reserved"), [[MEM_END - 128n, 128n]]);

    const above = withMemory(v).mb;
    above.reserve(MEM_END - 256n, 64n);
    assert.equal(alloc(above, 192n), MEM_END - 192n);
    assert.deepEqual(spans(above, "reserved"), [[MEM_END - 256n, 256n]]);
  });

  test(`${v}: top-down: the second gap when the top one is too small`, () => {
    const { mb } = withMemory(v);
    mb.reserve(MEM_END - 512n, 512n - 64n);
    const got = alloc(mb, 1024n);
    assert.equal(got, MEM_END - 512n - 1024n);
  });

  for (const bottomUp of [false, true]) {
    const dir = bottomUp ? "bottom-up" : "top-down";
    test(`${v}: ${dir}: an exact gap fills and everything merges`, () => {
      const { mb } = withMemory(v, bottomUp);
      mb.reserve(MEM_BASE, 8n * SZ_1K);
      mb.reserve(MEM_BASE + 12n * SZ_1K, MEM_SIZE - 12n * SZ_1K);
      assert.equal(alloc(mb, 4n * SZ_1K), MEM_BASE + 8n * SZ_1K);
      assert.deepEqual(spans(mb, "reserved"), [[MEM_BASE, MEM_SIZE]]);
      assert.equal(mb.reservedSize(), MEM_SIZE);
    });

    test(`${v}: ${dir}: no allocation when gaps are small, all is reserved, or it is too large`, () => {
      const gaps = withMemory(v, bottomUp).mb;
      for (let a = MEM_BASE; a < MEM_END; a += 1024n) gaps.reserve(a, 1024n - 64n);
      assert.equal(alloc(gaps, 128n), 0n);
      const full = withMemory(v, bottomUp).mb;
      full.reserve(MEM_BASE, MEM_SIZE);
      assert.equal(alloc(full, 64n), 0n);
      const large = withMemory(v, bottomUp).mb;
      assert.equal(alloc(large, MEM_SIZE + 64n), 0n);
      assert.equal(large.reserved.totalSize, 0n);
      const none = fresh(v).mb;
      assert.equal(alloc(none, 64n), 0n);
    });
  }

  test(`${v}: bottom-up: at the start of memory, page 0 never`, () => {
    const { mb } = withMemory(v, true);
    assert.equal(alloc(mb, 2n), MEM_BASE);
    const low = fresh(v).mb;
    low.add(0n, SZ_1M);
    low.setBottomUp(true);
    assert.equal(alloc(low, 64n), 4096n, "the first page is skipped");
  });

  test(`${v}: try_nid ranges: ends at max_addr; min_addr dropped when it cannot be met`, () => {
    const { mb } = withMemory(v);
    const max = MEM_BASE + 16n * SZ_1K;
    assert.equal(mb.allocTryNid(256n, 64n, MEM_BASE, max, NUMA_NO_NODE), max - 256n);
    // [min, max) is full: retried from 0
    const full = withMemory(v).mb;
    full.reserve(MEM_BASE + 8n * SZ_1K, 8n * SZ_1K);
    assert.equal(full.allocTryNid(256n, 64n, MEM_BASE + 8n * SZ_1K, MEM_BASE + 16n * SZ_1K, NUMA_NO_NODE), MEM_BASE + 8n * SZ_1K - 256n);
    // memory_block.end < max and start < min: clamped to memory
    const clamp = withMemory(v, true).mb;
    assert.equal(clamp.allocTryNid(256n, 64n, MEM_BASE - SZ_1M, MEM_END + SZ_1M, NUMA_NO_NODE), MEM_BASE);
  });

  test(`${v}: current_limit caps accessible allocations, not explicit ends`, () => {
    const { mb } = withMemory(v);
    mb.setCurrentLimit(MEM_BASE + 4n * SZ_1K);
    assert.equal(alloc(mb, 64n), MEM_BASE + 4n * SZ_1K - 64n);
    assert.equal(mb.allocRangeNid(64n, 64n, 0n, ANYWHERE, NUMA_NO_NODE, false), MEM_END - 64n);
  });

  test(`${v}: node preference, fall-back and exact_nid`, () => {
    const { mb } = fresh(v);
    mb.addNode(SZ_1M, SZ_1M, 0);
    mb.addNode(2n * SZ_1M, SZ_1M, 1);
    assert.equal(mb.allocRangeNid(4096n, 4096n, 0n, ANYWHERE, 0, false), 2n * SZ_1M - 4096n, "end of node 0");
    mb.reserve(2n * SZ_1M, SZ_1M);
    assert.equal(mb.allocRangeNid(4096n, 4096n, 0n, ANYWHERE, 1, true), 0n, "exact: node 1 is full");
    assert.equal(mb.allocRangeNid(4096n, 4096n, 0n, ANYWHERE, 1, false), 2n * SZ_1M - 8192n, "falls back to node 0");
    assert.equal(mb.allocExactNidRaw(4096n, 4096n, 0n, 0n, 1), 0n);
  });

  test(`${v}: movable_node keeps allocations out of hotplug memory`, () => {
    const { mb } = fresh(v);
    mb.addNode(SZ_1M, SZ_1M, 0);
    mb.addNode(2n * SZ_1M, SZ_1M, 1);
    mb.markHotplug(2n * SZ_1M, SZ_1M);
    assert.equal(mb.memory.regions[1]?.flags, MEMBLOCK_HOTPLUG);
    assert.equal(alloc(mb, 64n), 3n * SZ_1M - 64n, "hotplug memory is used without movable_node");
    mb.movableNode = true;
    assert.equal(alloc(mb, 64n), 2n * SZ_1M - 64n);
    assert.equal(mb.allocRangeNid(64n, 64n, 0n, ANYWHERE, 1, true), 0n, "node 1 has only hotplug memory");
  });

  test(`${v}: mirrored memory first, then any memory with a warning`, () => {
    const { mb, messages } = fresh(v, { mirroredKernelcore: true });
    mb.add(SZ_1M, 2n * SZ_1M);
    mb.markMirror(SZ_1M, SZ_1M);
    assert.equal(mb.hasMirror, true);
    assert.equal(alloc(mb, SZ_1M), SZ_1M, "the mirrored half, although lower");
    assert.deepEqual(messages, []);
    assert.equal(alloc(mb, 4096n), 3n * SZ_1M - 4096n);
    assert.deepEqual(messages, [
      { kind: "printk", level: 4, fn: "memblock_alloc_range_nid", line: "Could not allocate 0x0000000000001000 bytes of mirrored memory" },
    ]);
    // without kernelcore=mirror marking is a no-op
    const plain = fresh(v).mb;
    plain.add(SZ_1M, SZ_1M);
    assert.equal(plain.markMirror(SZ_1M, SZ_1M), 0);
    assert.equal(plain.hasMirror, false);
    assert.equal(plain.memory.regions[0]?.flags, 0);
  });

  test(`${v}: align 0 dumps the stack and uses SMP_CACHE_BYTES`, () => {
    const { mb, messages } = withMemory(v);
    assert.equal(alloc(mb, 1n, 0n), MEM_END - SMP_CACHE_BYTES);
    assert.deepEqual(messages, [{ kind: "dump_stack", fn: "memblock_alloc_range_nid" }]);
  });
}

test("MAX_NUMNODES as nid: 6.1 warns once and means any node; 6.12 takes it as no node filter", () => {
  for (const v of VERSIONS) {
    const { mb, messages } = fresh(v);
    mb.addNode(SZ_1M, SZ_1M, 0);
    assert.equal(mb.allocRangeNid(64n, 64n, 0n, ANYWHERE, 1024, false), 2n * SZ_1M - 64n);
    assert.equal(mb.allocRangeNid(64n, 64n, 0n, ANYWHERE, 1024, false), 2n * SZ_1M - 128n);
    const warns = messages.filter((m) => m.kind === "warn_once");
    assert.equal(warns.length, v === "6.1" ? 1 : 0);
    // reset() does not re-arm WARN_ONCE: it is once per boot
    mb.reset();
    mb.addNode(SZ_1M, SZ_1M, 0);
    mb.allocRangeNid(64n, 64n, 0n, ANYWHERE, 1024, false);
    assert.equal(messages.filter((m) => m.kind === "warn_once").length, warns.length);
  }
});

test("an out-of-range nid filters on 6.1 only", () => {
  const results = VERSIONS.map((v) => {
    const { mb } = fresh(v);
    mb.addNode(SZ_1M, SZ_1M, 0);
    mb.addNode(2n * SZ_1M, SZ_1M, 5000);
    return mb.allocRangeNid(64n, 64n, 0n, 2n * SZ_1M, 5000, true);
  });
  // 6.1 finds no region of node 5000 below 2M; 6.12 does not filter at all
  assert.deepEqual(results, [0n, 2n * SZ_1M - 64n]);
});
