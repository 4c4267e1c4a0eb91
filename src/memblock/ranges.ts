/**
 * __next_mem_range() and __next_mem_range_rev(): walk the ranges of array
 * `a` that are not in array `b` (or all of `a` when `b` is null), in lock
 * step over both sorted arrays, exactly as the kernel's iterators do.
 */
import { MEMBLOCK_DRIVER_MANAGED, MEMBLOCK_HOTPLUG, MEMBLOCK_MIRROR, MEMBLOCK_NOMAP, NUMA_NO_NODE, PHYS_ADDR_MAX } from "./region.js";
import { type MemblockType, type Region, firstAbove } from "./region.js";

/** The memblock state the iterators read. */
export interface RangeSource {
  readonly memory: MemblockType;
  readonly movableNode: boolean;
  isNodeRequest(nid: number): boolean;
  /** 6.1's WARN_ONCE(nid == MAX_NUMNODES) in the iterators; returns the nid to use. */
  checkIteratorNid(nid: number, fn: string): number;
}

/** One step's result; `done` once the walk is over. */
export interface RangeCursor {
  start: bigint;
  end: bigint;
  nid: number;
  done: boolean;
}

/**
 * A walk over ranges, forward or in reverse: for_each_free_mem_range[_reverse]
 * (b = reserved), for_each_mem_range[_rev] and for_each_reserved_mem_range
 * (b = null). Call next() until it returns false.
 */
export class RangeWalk implements RangeCursor {
  start = 0n;
  end = 0n;
  nid = NUMA_NO_NODE;
  done = false;
  private idxA: number;
  private idxB: number;
  // should_skip_region(), worked out once per walk (its inputs do not change
  // during one): filters apply to memblock.memory only
  private readonly filtered: boolean;
  private readonly nodeOnly: number | null;
  private readonly skipFlags: number;
  private readonly needMirror: boolean;

  constructor(
    src: RangeSource,
    private readonly a: MemblockType,
    private readonly b: MemblockType | null,
    nid: number,
    flags: number,
    readonly reverse = false,
  ) {
    this.idxA = reverse ? a.regions.length - 1 : 0;
    this.idxB = reverse && b ? b.regions.length : 0;
    nid = src.checkIteratorNid(nid, reverse ? "__next_mem_range_rev" : "__next_mem_range");
    this.filtered = a === src.memory;
    this.nodeOnly = src.isNodeRequest(nid) ? nid : null;
    // hotplug memory is skipped under movable_node unless asked for; NOMAP
    // and DRIVER_MANAGED memory unless asked for
    this.skipFlags =
      (src.movableNode && !(flags & MEMBLOCK_HOTPLUG) ? MEMBLOCK_HOTPLUG : 0) |
      (flags & MEMBLOCK_NOMAP ? 0 : MEMBLOCK_NOMAP) |
      (flags & MEMBLOCK_DRIVER_MANAGED ? 0 : MEMBLOCK_DRIVER_MANAGED);
    this.needMirror = (flags & MEMBLOCK_MIRROR) !== 0;
  }

  /**
   * Starts the walk at the memory regions that reach `addr` (forward: those
   * ending above it; reverse: those starting below it), passing over the
   * others without yielding their ranges. Both arrays must be sorted.
   */
  seek(addr: bigint): void {
    if (this.reverse) this.idxA = firstAbove(this.a.regions, "base", addr, true) - 1;
    else this.idxA = firstAbove(this.a.regions, "end", addr);
  }

  private skip(m: Region): boolean {
    if (!this.filtered) return false;
    if (this.nodeOnly !== null && m.nid !== this.nodeOnly) return true;
    if (m.flags & this.skipFlags) return true;
    return this.needMirror && !(m.flags & MEMBLOCK_MIRROR);
  }

  /** Advances to the next range; false (and `done`) at the end. */
  next(): boolean {
    const found = !this.b ? this.regionStep() : this.reverse ? this.prevRange(this.b) : this.nextRange(this.b);
    if (!found) this.done = true;
    return found;
  }

  /** A walk of `a` alone: each region that passes the filter. */
  private regionStep(): boolean {
    const ra = this.a.regions;
    const step = this.reverse ? -1 : 1;
    for (; this.idxA >= 0 && this.idxA < ra.length; this.idxA += step) {
      const m = ra[this.idxA] as Region;
      if (this.skip(m)) continue;
      this.set(m.base, m.end, m.nid);
      this.idxA += step;
      return true;
    }
    return false;
  }

  /** __next_mem_range() */
  private nextRange(b: MemblockType): boolean {
    const ra = this.a.regions;
    const rb = b.regions;
    const cntB = rb.length;
    for (; this.idxA < ra.length; this.idxA++) {
      const m = ra[this.idxA] as Region;
      if (this.skip(m)) continue;
      const mStart = m.base;
      const mEnd = m.end;
      // gaps ending at or below mStart would only be stepped over
      if (b.sorted && mStart < mEnd) this.idxB = Math.max(this.idxB, firstAbove(rb, "base", mStart));
      // the gaps before each region of b, then the one after the last
      for (; this.idxB < cntB + 1; this.idxB++) {
        const rStart = gapStart(rb, this.idxB);
        const rEnd = gapEnd(rb, this.idxB);
        if (rStart >= mEnd) break;
        if (mStart < rEnd) {
          this.set(mStart > rStart ? mStart : rStart, mEnd < rEnd ? mEnd : rEnd, m.nid);
          // advance whichever ends first
          if (mEnd <= rEnd) this.idxA++;
          else this.idxB++;
          return true;
        }
      }
    }
    return false;
  }

  /** __next_mem_range_rev() */
  private prevRange(b: MemblockType): boolean {
    const ra = this.a.regions;
    const rb = b.regions;
    for (; this.idxA >= 0; this.idxA--) {
      const m = ra[this.idxA] as Region;
      if (this.skip(m)) continue;
      const mStart = m.base;
      const mEnd = m.end;
      // gaps starting at or above mEnd would only be stepped over
      if (b.sorted && mStart < mEnd) this.idxB = Math.min(this.idxB, firstAbove(rb, "end", mEnd, true));
      for (; this.idxB >= 0; this.idxB--) {
        const rStart = gapStart(rb, this.idxB);
        const rEnd = gapEnd(rb, this.idxB);
        if (rEnd <= mStart) break;
        if (mEnd > rStart) {
          this.set(mStart > rStart ? mStart : rStart, mEnd < rEnd ? mEnd : rEnd, m.nid);
          // step back whichever starts last
          if (mStart >= rStart) this.idxA--;
          else this.idxB--;
          return true;
        }
      }
    }
    return false;
  }

  private set(start: bigint, end: bigint, nid: number): void {
    this.start = start;
    this.end = end;
    this.nid = nid;
  }
}

/** Start of the gap before region `idx` of b: the end of the region before it, or 0. */
function gapStart(rb: readonly Region[], idx: number): bigint {
  return idx ? (rb[idx - 1] as Region).end : 0n;
}

/** End of the gap before region `idx` of b: its base, or PHYS_ADDR_MAX after the last. */
function gapEnd(rb: readonly Region[], idx: number): bigint {
  return idx < rb.length ? (rb[idx] as Region).base : PHYS_ADDR_MAX;
}
