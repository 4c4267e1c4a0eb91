/** memblock's data: regions, region arrays and the constants of include/linux/memblock.h. */

/** enum memblock_flags */
export const MEMBLOCK_NONE = 0x0;
export const MEMBLOCK_HOTPLUG = 0x1;
export const MEMBLOCK_MIRROR = 0x2;
export const MEMBLOCK_NOMAP = 0x4;
export const MEMBLOCK_DRIVER_MANAGED = 0x8;
/** 6.12 only: struct pages of this reserved region are not initialised. */
export const MEMBLOCK_RSRV_NOINIT = 0x10;

/** Debian x86-64: CONFIG_NODES_SHIFT 10. */
export const MAX_NUMNODES = 1024;
export const NUMA_NO_NODE = -1;

export const PHYS_ADDR_MAX = 0xffffffffffffffffn;
/** `end` values meaning "up to memblock.current_limit". */
export const MEMBLOCK_ALLOC_ACCESSIBLE = 0n;
export const MEMBLOCK_ALLOC_NOLEAKTRACE = 1n;
export const MEMBLOCK_ALLOC_ANYWHERE = PHYS_ADDR_MAX;

export const PAGE_SIZE = 4096n;
export const PAGE_SHIFT = 12n;
/** x86-64 L1 cache line: the alignment used when a caller passes 0. */
export const SMP_CACHE_BYTES = 64n;
export const INIT_MEMBLOCK_REGIONS = 128;
/** sizeof(struct memblock_region) on x86-64, for array doubling. */
export const MEMBLOCK_REGION_BYTES = 24n;

/** struct memblock_region, plus its end (base + size) kept in step by the engine. */
export interface Region {
  base: bigint;
  size: bigint;
  end: bigint;
  flags: number;
  nid: number;
}

export type MemblockTypeName = "memory" | "reserved";

/** struct memblock_type: `regions.length` is the kernel's `cnt`. */
export class MemblockType {
  regions: Region[] = [];
  max = INIT_MEMBLOCK_REGIONS;
  totalSize = 0n;
  /** Physical address of a doubled array; null while the static array is in use. */
  arrayAddr: bigint | null = null;
  /**
   * Regions sorted and disjoint, as every operation but a wrapping
   * memblock_trim_memory keeps them; lets scans start with a binary search.
   */
  sorted = true;
  /**
   * No neighbours touch with the same nid and flags, none overlap: a merge
   * scan would pass every pair over, so one may keep to the changed regions.
   */
  mergeClean = true;

  constructor(readonly name: MemblockTypeName) {}

  get cnt(): number {
    return this.regions.length;
  }
}

/**
 * Index of the first region whose `field` (base or end) is above `addr` (or
 * at it, with `orAt`), or the count: a binary search, so the array must be
 * sorted. `orAt` spares the callers an `addr - 1n`, which would allocate.
 */
export function firstAbove(regions: readonly Region[], field: "base" | "end", addr: bigint, orAt = false): number {
  const byEnd = field === "end";
  let lo = 0;
  let hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = regions[mid] as Region;
    // named loads: a computed r[field] would make this lookup megamorphic
    const v = byEnd ? r.end : r.base;
    if (orAt ? v < addr : v <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** round_up()/round_down() of linux/math.h: bit masks, exact for powers of two only. */
export function roundUp(x: bigint, align: bigint): bigint {
  return ((((x - 1n) & PHYS_ADDR_MAX) | ((align - 1n) & PHYS_ADDR_MAX)) + 1n) & PHYS_ADDR_MAX;
}

export function roundDown(x: bigint, align: bigint): bigint {
  return x & ~((align - 1n) & PHYS_ADDR_MAX) & PHYS_ADDR_MAX;
}

/** memblock_cap_size(): shrink `size` so that base + size does not overflow. */
export function capSize(base: bigint, size: bigint): bigint {
  // BigInt.asUintN(64, ...) in place: 64-bit machine arithmetic, no allocation
  const room = BigInt.asUintN(64, PHYS_ADDR_MAX - base);
  return size < room ? size : room;
}

/** phys_addr_t arithmetic wraps at 2^64. */
export function wrap(x: bigint): bigint {
  return x & PHYS_ADDR_MAX;
}
