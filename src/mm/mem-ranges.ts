/**
 * The view of memblock.memory that the zone code walks: regions in array
 * order, turned into whole-page pfn ranges (for_each_mem_pfn_range), the
 * span of one node (get_pfn_range_for_nid), and which sparsemem sections
 * hold memory (memblocks_present, then pfn_valid).
 */

export { MEMBLOCK_DRIVER_MANAGED, MEMBLOCK_HOTPLUG, MEMBLOCK_MIRROR, MEMBLOCK_NOMAP } from "../memblock/region.js";

export const PAGE_SHIFT = 12n;
export const PAGE_SIZE = 1n << PAGE_SHIFT;

/** One memblock region as the zone code reads it. */
export interface MemRegion {
  base: bigint;
  size: bigint;
  nid: number;
  flags: number;
}

/** A pfn range `[start, end)` of one node. */
export interface PfnRange {
  start: bigint;
  end: bigint;
  nid: number;
}

export const pfnUp = (addr: bigint): bigint => (addr + PAGE_SIZE - 1n) >> PAGE_SHIFT;
export const pfnDown = (addr: bigint): bigint => addr >> PAGE_SHIFT;
export const pfnPhys = (pfn: bigint): bigint => pfn << PAGE_SHIFT;

/** Whole pages of each region, skipping regions without one; `nid` filters by node. */
export function memPfnRanges(memory: readonly MemRegion[], nid?: number): PfnRange[] {
  const out: PfnRange[] = [];
  for (const r of memory) {
    const start = pfnUp(r.base);
    const end = pfnDown(r.base + r.size);
    if (start >= end) continue;
    if (nid !== undefined && r.nid !== nid) continue;
    out.push({ start, end, nid: r.nid });
  }
  return out;
}

/** First and last-plus-one pfn of a node's memory; both 0 when it has none. */
export function pfnRangeForNid(memory: readonly MemRegion[], nid: number): { start: bigint; end: bigint } {
  let start = -1n;
  let end = 0n;
  for (const r of memPfnRanges(memory, nid)) {
    if (start < 0n || r.start < start) start = r.start;
    if (r.end > end) end = r.end;
  }
  return start < 0n ? { start: 0n, end: 0n } : { start, end };
}

/** x86-64 with 4-level paging: MAX_PHYSMEM_BITS 46, so sections beyond 2^46 do not exist. */
const MAX_PHYSMEM_BITS = 46n;

/** The present sparsemem sections: every section that any page of memory touches. */
export class PresentSections {
  private readonly present = new Set<bigint>();
  private readonly limitPfn = 1n << (MAX_PHYSMEM_BITS - PAGE_SHIFT);

  constructor(
    memory: readonly MemRegion[],
    readonly pagesPerSection: bigint,
  ) {
    for (const r of memPfnRanges(memory)) {
      const end = r.end < this.limitPfn ? r.end : this.limitPfn;
      for (let s = r.start / pagesPerSection; s * pagesPerSection < end; s++) this.present.add(s);
    }
  }

  /** pfn_valid for boot memory: the pfn's section is present. */
  valid(pfn: bigint): boolean {
    return this.present.has(pfn / this.pagesPerSection);
  }

  /** How many pfns of `[start, end)` lie in present sections. */
  validPages(start: bigint, end: bigint): bigint {
    let n = 0n;
    const stop = end < this.limitPfn ? end : this.limitPfn;
    for (let pfn = start; pfn < stop; ) {
      const next = (pfn / this.pagesPerSection + 1n) * this.pagesPerSection;
      const upto = next < stop ? next : stop;
      if (this.valid(pfn)) n += upto - pfn;
      pfn = upto;
    }
    return n;
  }
}
