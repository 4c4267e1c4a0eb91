import { test } from "node:test";
import assert from "node:assert/strict";
import type { KernelEvent } from "../../src/events.js";
import { vfsCachesInit, vfsCachesInitEarly } from "../../src/mm/large-system-hash.js";
import type { MemblockAllocator } from "../../src/mm/memblock-port.js";

function recorder(sizes: bigint[]): MemblockAllocator {
  return {
    allocTryNid: (_f, size) => {
      sizes.push(size);
      return 0x1000000n;
    },
    physFree: () => undefined,
  };
}

test("early hashes: one dentry bucket per 8 KiB and one inode bucket per 16 KiB of kernel memory, powers of two", () => {
  const sizes: bigint[] = [];
  const lines: string[] = [];
  // about 4 GiB of kernel pages rounds up to 2^20 pages
  vfsCachesInitEarly(recorder(sizes), { nrKernelPages: 1_000_000n, nrAllPages: 1_000_000n, memoryNodes: 1 }, "x", (e: KernelEvent) => void lines.push(e.line));
  assert.deepEqual(lines, [
    "Dentry cache hash table entries: 524288 (order: 10, 4194304 bytes, linear)",
    "Inode-cache hash table entries: 262144 (order: 9, 2097152 bytes, linear)",
  ]);
  assert.deepEqual(sizes, [4194304n, 2097152n]);
});

test("with more than one node holding memory the tables wait for vmalloc, huge when each node's share fills 2 MiB", () => {
  const sizes: bigint[] = [];
  vfsCachesInitEarly(recorder(sizes), { nrKernelPages: 2_000_000n, nrAllPages: 2_000_000n, memoryNodes: 4 }, "x", () => undefined);
  assert.deepEqual(sizes, []);
  const lines: string[] = [];
  vfsCachesInit({ nrKernelPages: 2_000_000n, nrAllPages: 2_000_000n, memoryNodes: 4 }, 4, (e) => void lines.push(e.line));
  assert.deepEqual(lines, [
    "Dentry cache hash table entries: 1048576 (order: 11, 8388608 bytes, vmalloc hugepage)",
    "Inode-cache hash table entries: 524288 (order: 10, 4194304 bytes, vmalloc)",
  ]);
});

test("a table never exceeds 1/16 of memory", () => {
  const sizes: bigint[] = [];
  vfsCachesInitEarly(recorder(sizes), { nrKernelPages: 1_000_000n, nrAllPages: 1024n, memoryNodes: 1 }, "x", () => undefined);
  // 1024 pages = 4 MiB: at most 256 KiB of 8-byte buckets
  assert.deepEqual(sizes, [262144n, 262144n]);
});
