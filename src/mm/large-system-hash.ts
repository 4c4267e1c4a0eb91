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

/** How many buckets a table gets: one per 2^scale bytes of kernel memory, a power of two, capped. */
function hashEntries(bucketSize: bigint, scale: bigint, input: SystemHashInput): bigint {
  // round the memory up to a whole MiB, then one bucket per 2^scale bytes
  let entries = ((input.nrKernelPages + 255n) / 256n) * 256n;
  entries = scale > PAGE_SHIFT ? entries >> (scale - PAGE_SHIFT) : entries << (PAGE_SHIFT - scale);
  if (entries * bucketSize < 4096n) entries = 4096n / bucketSize;
  entries = roundupPow2(entries);
  let max = ((input.nrAllPages << PAGE_SHIFT) >> 4n) / bucketSize;
  if (max > 0x80000000n) max = 0x80000000n;
  return entries > max ? max : entries;
}

function hashLine(name: string, entries: bigint, size: bigint, where: string): KernelEvent {
  return {
    phase: "vfs",
    kind: "mm.hash_table",
    line: `${name} hash table entries: ${entries} (order: ${ilog2(size) - PAGE_SHIFT}, ${size} bytes, ${where})`,
    level: 6,
    data: { name, entries, size },
  };
}

const TABLES = [
  { name: "Dentry cache", bucketSize: 8n, scale: 13n },
  { name: "Inode-cache", bucketSize: 8n, scale: 14n },
] as const;

/** vfs_caches_init_early: the dentry and inode hashes from memblock, unless hashdist defers them. */
export function vfsCachesInitEarly(
  mb: MemblockAllocator,
  input: SystemHashInput,
  caller: string,
  emit: (e: KernelEvent) => void,
): { name: string; start: bigint; size: bigint }[] {
  if (input.memoryNodes > 1) return [];
  return TABLES.map((t) => {
    const entries = 1n << ilog2(hashEntries(t.bucketSize, t.scale, input));
    const size = t.bucketSize * entries;
    const start = memblockAlloc(mb, size, SMP_CACHE_BYTES, caller);
    emit(hashLine(t.name, entries, size, "linear"));
    return { name: t.name, start, size };
  });
}

/**
 * vfs_caches_init with hashdist: the same tables from vmalloc, interleaved
 * over the online nodes, on huge pages when each node's share is at least
 * a 2 MiB page.
 */
export function vfsCachesInit(input: SystemHashInput, onlineNodes: number, emit: (e: KernelEvent) => void): void {
  if (input.memoryNodes <= 1) return;
  for (const t of TABLES) {
    const entries = 1n << ilog2(hashEntries(t.bucketSize, t.scale, input));
    const size = t.bucketSize * entries;
    const huge = size / BigInt(Math.max(1, onlineNodes)) >= 2n << 20n;
    emit(hashLine(t.name, entries, size, huge ? "vmalloc hugepage" : "vmalloc"));
  }
}
