/**
 * The two memblock calls the mm allocations after setup_arch make, as the
 * boot pipeline's memblock engine offers them (src/boot/memblock-port.ts
 * satisfies this): memblock_alloc_try_nid, which prints its own
 * memblock=debug line with the caller, and memblock_phys_free.
 */
export interface MemblockAllocator {
  /** Returns the physical address, 0n on failure. max 0n = MEMBLOCK_ALLOC_ACCESSIBLE, nid -1 = any node. */
  allocTryNid(flavour: "memblock_alloc_try_nid", size: bigint, align: bigint, min: bigint, max: bigint, nid: number, caller: string): bigint;
  physFree(base: bigint, size: bigint, caller: string): void;
}

/** SMP_CACHE_BYTES on x86-64. */
export const SMP_CACHE_BYTES = 64n;

/** memblock_alloc(size, align): anywhere accessible, any node. */
export function memblockAlloc(mb: MemblockAllocator, size: bigint, align: bigint, caller: string): bigint {
  return mb.allocTryNid("memblock_alloc_try_nid", size, align, 0n, 0n, -1, caller);
}

/** What memblock_discard needs: where the region arrays live, and memblock_free_late (which prints its own line). */
export interface MemblockArrays {
  /** addr null: the static initial array, which is not freed. */
  regionArray(type: "memory" | "reserved"): { addr: bigint | null; max: number };
  freeLate(base: bigint, size: bigint, caller: string): void;
}
