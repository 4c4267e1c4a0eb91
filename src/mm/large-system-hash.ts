/**
 * alloc_large_system_hash for the tables vfs_caches_init_early sizes from
 * memory (the dentry and inode hashes): one bucket per 2^scale bytes of
 * kernel memory, a power of two, at most 1/16 of all memory, taken from
 * memblock — unless hashes are spread over NUMA nodes (hashdist, more than
 * one node with memory), which defers them to vmalloc.
 */
import type { KernelEvent } from "../events.js";
import { memblockAlloc, SMP_CACHE_BYTES } from "./memblock-port.js";
import type { MemblockAllocator } from "./memblock-port.js";

export interface SystemHashInput {
  /** nr_kernel_pages and nr_all_pages as free_area_init left them. */
  nrKernelPages: bigint;
  nrAllPages: bigint;
  /** Nodes in N_MEMORY: with more than one, hashdist defers the tables. */
  memoryNodes: number;
}

const PAGE_SHIFT = 12n;
const ilog2 = (x: bigint): bigint => BigInt(x.toString(2).length - 1);
const roundupPow2 = (x: bigint): bigint => (x <= 1n ? 1n : 1n << BigInt((x - 1n).toString(2).length));

/** One early table: entries from memory size, then the memblock allocation and its line. */
export function allocLargeSystemHash(
  mb: MemblockAllocator,
  name: string,
  bucketSize: bigint,
  scale: bigint,
  input: SystemHashInput,
  caller: string,
  emit: (e: KernelEvent) => void,
): bigint {
  // round the memory up to a whole MiB, then one bucket per 2^scale bytes
  let entries = ((input.nrKernelPages + 255n) / 256n) * 256n;
  entries = scale > PAGE_SHIFT ? entries >> (scale - PAGE_SHIFT) : entries << (PAGE_SHIFT - scale);
  if (entries * bucketSize < 4096n) entries = 4096n / bucketSize;
  entries = roundupPow2(entries);
  let max = ((input.nrAllPages << PAGE_SHIFT) >> 4n) / bucketSize;
  if (max > 0x80000000n) max = 0x80000000n;
  if (entries > max) entries = max;
  const log2qty = ilog2(entries);
  const size = bucketSize << log2qty;
  const table = memblockAlloc(mb, size, SMP_CACHE_BYTES, caller);
  emit({
    phase: "vfs",
    kind: "mm.hash_table",
    line: `${name} hash table entries: ${1n << log2qty} (order: ${ilog2(size) - PAGE_SHIFT}, ${size} bytes, linear)`,
    level: 6,
    data: { name, entries: 1n << log2qty, size, table },
  });
  return table;
}

/** vfs_caches_init_early: the dentry and inode hashes, when not distributed over nodes. */
export function vfsCachesInitEarly(
  mb: MemblockAllocator,
  input: SystemHashInput,
  caller: string,
  emit: (e: KernelEvent) => void,
): void {
  if (input.memoryNodes > 1) return;
  allocLargeSystemHash(mb, "Dentry cache", 8n, 13n, input, caller, emit);
  allocLargeSystemHash(mb, "Inode-cache", 8n, 14n, input, caller, emit);
}
