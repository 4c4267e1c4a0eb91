/**
 * The memblock operations the boot pipeline calls, named after the kernel
 * functions, each with the `%pS` caller the kernel's memblock=debug line
 * shows. src/memblock's engine provides them (see memblock-adapter.ts); the
 * engine prints the memblock_* debug lines itself when debug is on.
 */
export interface BootMemblockRegion {
  base: bigint;
  size: bigint;
  nid: number;
  flags: number;
}

export type MemblockTypeName = "memory" | "reserved";

/** The three memblock_alloc_try_nid flavours that print a debug line of their own name. */
export type TryNidFlavour = "memblock_alloc_try_nid" | "memblock_alloc_try_nid_raw" | "memblock_alloc_exact_nid_raw";

export interface BootMemblock {
  regions(type: MemblockTypeName): readonly BootMemblockRegion[];
  /** memblock.memory.total_size / memblock.reserved.total_size. */
  totalSize(type: MemblockTypeName): bigint;
  setDebug(on: boolean): void;
  setMovableNode(on: boolean): void;
  setBottomUp(on: boolean): void;
  bottomUp(): boolean;
  setCurrentLimit(limit: bigint): void;
  allowResize(): void;
  add(base: bigint, size: bigint, caller: string): void;
  reserve(base: bigint, size: bigint, caller: string): void;
  physFree(base: bigint, size: bigint, caller: string): void;
  /** memblock_free_late: prints its own debug line; memblock's arrays are not touched. */
  freeLate(base: bigint, size: bigint, caller: string): void;
  /** Where a type's region array lives (null: the static initial array) and how many entries it holds. */
  regionArray(type: MemblockTypeName): { addr: bigint | null; max: number };
  setNode(base: bigint, size: bigint, type: MemblockTypeName, nid: number): void;
  markHotplug(base: bigint, size: bigint): number;
  clearHotplug(base: bigint, size: bigint): void;
  trimMemory(align: bigint): void;
  /** memblock_phys_alloc_range: prints its own debug line; 0n on failure. */
  physAllocRange(size: bigint, align: bigint, start: bigint, end: bigint, caller: string): bigint;
  /** memblock_phys_alloc_try_nid: no debug line of its own. */
  physAllocTryNid(size: bigint, align: bigint, nid: number): bigint;
  /** memblock_alloc_try_nid[_raw] / memblock_alloc_exact_nid_raw through memblock_alloc_internal; 0n on failure. */
  allocTryNid(flavour: TryNidFlavour, size: bigint, align: bigint, min: bigint, max: bigint, nid: number, caller: string): bigint;
  /** memblock_dump_all (prints only with memblock=debug). */
  dumpAll(): void;
}
