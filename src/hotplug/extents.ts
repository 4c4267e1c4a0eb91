/**
 * What occupies physical memory, as sorted non-overlapping pfn extents. A
 * 64 TiB machine holds a few thousand of them, never one entry per page.
 */
import { lowerBound } from "./search.js";
import type { Extent, ExtentKind, PfnRange } from "./types.js";

export class ExtentMap {
  /** Sorted by start; never overlapping. */
  private readonly list: Extent[] = [];

  get size(): number {
    return this.list.length;
  }

  all(): readonly Extent[] {
    return this.list;
  }

  /** Index of the first extent whose end is past `pfn`. */
  private firstEndingAfter(pfn: number): number {
    return lowerBound(this.list.length, (i) => this.list[i]!.end <= pfn);
  }

  /** The extents overlapping `[start, end)`, clipped to it. */
  overlapping(start: number, end: number): Extent[] {
    const out: Extent[] = [];
    for (let i = this.firstEndingAfter(start); i < this.list.length; i++) {
      const e = this.list[i]!;
      if (e.start >= end) break;
      out.push({ ...e, start: Math.max(e.start, start), end: Math.min(e.end, end) });
    }
    return out;
  }

  /** Pages of `kind` (or of any kind) inside `[start, end)`. */
  pages(start: number, end: number, kind?: ExtentKind): number {
    let n = 0;
    for (const e of this.overlapping(start, end)) if (!kind || e.kind === kind) n += e.end - e.start;
    return n;
  }

  /** Adds an extent; the caller guarantees it is free (see `gaps`). */
  add(extent: Extent): void {
    if (extent.end <= extent.start) return;
    const i = this.firstEndingAfter(extent.start);
    const next = this.list[i];
    if (next && next.start < extent.end) {
      throw new Error(`extent [${extent.start},${extent.end}) overlaps [${next.start},${next.end})`);
    }
    if (i === this.list.length) this.list.push(extent);
    else this.list.splice(i, 0, extent);
  }

  /** Removes everything inside `[start, end)` (splitting extents that straddle it); returns what went. */
  remove(start: number, end: number, kinds?: readonly ExtentKind[]): Extent[] {
    const removed: Extent[] = [];
    const keep: Extent[] = [];
    let i = this.firstEndingAfter(start);
    const first = i;
    for (; i < this.list.length; i++) {
      const e = this.list[i]!;
      if (e.start >= end) break;
      if (kinds && !kinds.includes(e.kind)) {
        keep.push(e);
        continue;
      }
      if (e.start < start) keep.push({ ...e, end: start });
      removed.push({ ...e, start: Math.max(e.start, start), end: Math.min(e.end, end) });
      if (e.end > end) keep.push({ ...e, start: end });
    }
    this.list.splice(first, i - first, ...keep);
    return removed;
  }

  /** Free gaps inside `[start, end)`, highest first (the buddy allocator hands out high pages first here). */
  gapsDescending(start: number, end: number): PfnRange[] {
    const gaps: PfnRange[] = [];
    let cursor = start;
    for (const e of this.overlapping(start, end)) {
      if (e.start > cursor) gaps.push({ start: cursor, end: e.start });
      cursor = e.end;
    }
    if (cursor < end) gaps.push({ start: cursor, end });
    return gaps.reverse();
  }
}
