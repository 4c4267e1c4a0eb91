/**
 * The region-array layer of mm/memblock.c: insert, remove, merge, add a range
 * (memblock_add_range) and isolate a range (memblock_isolate_range). Regions
 * stay sorted; `regions.length` is `cnt`.
 */
import { KernelBug } from "../printk/bug.js";
import type { MemblockProfile } from "./profile.js";
import { MAX_NUMNODES, type MemblockType, type Region, capSize, firstAbove } from "./region.js";
import type { MemblockReporter } from "./report.js";

export const ENOMEM = 12;

/** What the array layer needs from the memblock that owns the arrays. */
export interface ArrayOwner {
  readonly profile: MemblockProfile;
  readonly report: MemblockReporter;
  /** memblock_double_array(): 0 on success, -1 on failure (may throw KernelPanic). */
  doubleArray(type: MemblockType, newAreaStart: bigint, newAreaSize: bigint): number;
}

/** The zero-sized entry an empty 6.1 array keeps. */
export function dummyRegion(nid: number): Region {
  return { base: 0n, size: 0n, end: 0n, flags: 0, nid };
}

// Hand-written moves instead of splice(), which builds an array of what it
// removes: region arrays are short and these run on every reserve.

/** Puts `r` at index `idx`, moving the regions from there up one slot. */
function insertAt(regions: Region[], idx: number, r: Region): void {
  for (let j = regions.length; j > idx; j--) regions[j] = regions[j - 1] as Region;
  regions[idx] = r;
}

/** Drops the region at `idx`, moving the ones above it down one slot. */
function removeAt(regions: Region[], idx: number): void {
  const last = regions.length - 1;
  for (let j = idx; j < last; j++) regions[j] = regions[j + 1] as Region;
  regions.length = last;
}

/** memblock_insert_region(): the caller made room. */
function insertRegion(type: MemblockType, idx: number, base: bigint, size: bigint, nid: number, flags: number): void {
  if (type.regions.length >= type.max) throw new KernelBug("memblock_insert_region", "type->cnt >= type->max");
  insertAt(type.regions, idx, { base, size, end: base + size, flags, nid });
  type.totalSize += size;
}

/** memblock_remove_region(): an emptied array falls back to its empty state. */
export function removeRegion(owner: ArrayOwner, type: MemblockType, r: number): void {
  const regions = type.regions;
  type.totalSize -= (regions[r] as Region).size;
  removeAt(regions, r);
  if (regions.length === 0) {
    if (type.totalSize !== 0n) owner.report({ kind: "warn_on", fn: "memblock_remove_region", cond: "type->total_size != 0" });
    if (owner.profile.emptyKeepsDummy) regions.push(dummyRegion(MAX_NUMNODES));
    type.sorted = true;
  }
}

/** memblock_merge_regions(): join neighbours with touching ends, same nid and same flags. */
export function mergeRegions(owner: ArrayOwner, type: MemblockType, startRgn: number, endRgn: number): void {
  const regions = type.regions;
  let [i, end] = owner.profile.mergeWindow(startRgn, endRgn, regions.length);
  // a full scan leaves the array clean; so does a window around the only
  // changes to a clean array, and outside it a wider scan would do nothing
  const clean = type.mergeClean && type.sorted;
  const cleanAfter = clean || (i <= 0 && end >= regions.length - 1);
  if (clean) {
    if (i < startRgn - 1) i = startRgn - 1;
    if (end > endRgn) end = endRgn;
  }
  type.mergeClean = false;
  while (i < end) {
    const cur = regions[i] as Region;
    const next = regions[i + 1] as Region;
    // one comparison for the usual gap between neighbours
    if (cur.end < next.base) {
      i++;
      continue;
    }
    if (cur.end > next.base) throw new KernelBug("memblock_merge_regions", "this->base + this->size > next->base");
    if (cur.nid !== next.nid || cur.flags !== next.flags) {
      i++;
      continue;
    }
    cur.size += next.size;
    cur.end = next.end;
    removeAt(regions, i + 1);
    end--;
  }
  type.mergeClean = cleanAfter;
}

/**
 * memblock_add_range(): add [base, base+size) to `type`; parts already
 * covered keep their own nid and flags. Returns 0 or -ENOMEM.
 */
export function addRange(owner: ArrayOwner, type: MemblockType, base: bigint, size: bigint, nid: number, flags: number): number {
  const obase = base;
  size = capSize(base, size);
  const end = base + size;
  if (size === 0n) return 0;
  const regions = type.regions;

  // an empty array takes the range in its first slot, without any merge
  if (regions.length === 0 || (regions[0] as Region).size === 0n) {
    const emptyCnt = owner.profile.emptyKeepsDummy ? 1 : 0;
    if (regions.length !== emptyCnt || type.totalSize !== 0n) {
      owner.report({ kind: "warn_on", fn: "memblock_add_range", cond: `type->cnt != ${emptyCnt} || type->total_size` });
    }
    regions[0] = { base, size, end, flags, nid };
    type.mergeClean = regions.length === 1;
    type.totalSize = size;
    return 0;
  }

  // with room for the worst case insert at once, else count first
  let insert = regions.length * 2 + 1 <= type.max;
  let startRgn = -1;
  let endRgn = 0;
  for (;;) {
    base = obase;
    let nrNew = 0;
    // the inserts only touch pairs the merge's window covers
    const clean = type.mergeClean;
    if (insert) type.mergeClean = false;
    // regions ending at or below base are passed over: start after them
    // (searched each pass: doubling the array may have reserved a region)
    let idx = type.sorted ? firstAbove(regions, "end", base) : 0;
    for (; idx < regions.length; idx++) {
      const rgn = regions[idx] as Region;
      const rbase = rgn.base;
      const rend = rgn.end;
      if (rbase >= end) break;
      if (rend <= base) continue;
      if (rbase > base) {
        if (nid !== rgn.nid) owner.report({ kind: "warn_on", fn: "memblock_add_range", cond: "nid != memblock_get_region_node(rgn)" });
        if (flags !== rgn.flags) owner.report({ kind: "warn_on", fn: "memblock_add_range", cond: "flags != rgn->flags" });
        nrNew++;
        if (insert) {
          if (startRgn === -1) startRgn = idx;
          endRgn = idx + 1;
          insertRegion(type, idx++, base, rbase - base, nid, flags);
        }
      }
      base = rend < end ? rend : end;
    }
    if (base < end) {
      nrNew++;
      if (insert) {
        if (startRgn === -1) startRgn = idx;
        endRgn = idx + 1;
        insertRegion(type, idx, base, end - base, nid, flags);
      }
    }
    if (nrNew === 0) return 0;
    if (insert) {
      type.mergeClean = clean;
      mergeRegions(owner, type, startRgn, endRgn);
      return 0;
    }
    while (regions.length + nrNew > type.max) {
      if (owner.doubleArray(type, obase, size) < 0) return -ENOMEM;
    }
    insert = true;
  }
}

/**
 * memblock_isolate_range(): split regions crossing the bounds of
 * [base, base+size); returns [error, startRgn, endRgn] where the regions
 * inside are [startRgn, endRgn).
 */
export function isolateRange(owner: ArrayOwner, type: MemblockType, base: bigint, size: bigint): [number, number, number] {
  size = capSize(base, size);
  const end = base + size;
  let startRgn = 0;
  let endRgn = 0;
  if (size === 0n) return [0, 0, 0];

  // at most two more regions
  while (type.regions.length + 2 > type.max) {
    if (owner.doubleArray(type, base, size) < 0) return [-ENOMEM, 0, 0];
  }
  const regions = type.regions;
  for (let idx = type.sorted ? firstAbove(regions, "end", base) : 0; idx < regions.length; idx++) {
    const rgn = regions[idx] as Region;
    const rbase = rgn.base;
    const rend = rgn.end;
    if (rbase >= end) break;
    if (rend <= base) continue;
    if (rbase < base) {
      // crosses the lower bound: keep the top half here, revisit it next
      type.mergeClean = false;
      rgn.base = base;
      rgn.size -= base - rbase;
      type.totalSize -= base - rbase;
      insertRegion(type, idx, rbase, base - rbase, rgn.nid, rgn.flags);
    } else if (rend > end) {
      // crosses the upper bound: insert the bottom half and redo it
      type.mergeClean = false;
      rgn.base = end;
      rgn.size -= end - rbase;
      type.totalSize -= end - rbase;
      insertRegion(type, idx--, rbase, end - rbase, rgn.nid, rgn.flags);
    } else {
      if (endRgn === 0) startRgn = idx;
      endRgn = idx + 1;
    }
  }
  return [0, startRgn, endRgn];
}

/** memblock_remove_range(): drop [base, base+size) from `type`. */
export function removeRange(owner: ArrayOwner, type: MemblockType, base: bigint, size: bigint): number {
  const clean = type.mergeClean;
  const [ret, startRgn, endRgn] = isolateRange(owner, type, base, size);
  if (ret) return ret;
  for (let i = endRgn - 1; i >= startRgn; i--) removeRegion(owner, type, i);
  // the split halves lost what lay between them: in a sorted array, a gap
  type.mergeClean = clean && type.sorted;
  return 0;
}

/** memblock_setclr_flag(): set or clear `flag` on [base, base+size). */
export function setClearFlag(owner: ArrayOwner, type: MemblockType, base: bigint, size: bigint, set: boolean, flag: number): number {
  const clean = type.mergeClean;
  const [ret, startRgn, endRgn] = isolateRange(owner, type, base, size);
  if (ret) return ret;
  // the splits touch only the pairs the merge's window covers
  type.mergeClean = clean;
  const regions = type.regions;
  for (let i = startRgn; i < endRgn; i++) {
    const r = regions[i] as Region;
    r.flags = set ? r.flags | flag : r.flags & ~flag;
  }
  mergeRegions(owner, type, startRgn, endRgn);
  return 0;
}

/** memblock_set_node(): give [base, base+size) of `type` the node `nid`. */
export function setNode(owner: ArrayOwner, type: MemblockType, base: bigint, size: bigint, nid: number): number {
  const clean = type.mergeClean;
  const [ret, startRgn, endRgn] = isolateRange(owner, type, base, size);
  if (ret) return ret;
  // the splits touch only the pairs the merge's window covers
  type.mergeClean = clean;
  const regions = type.regions;
  for (let i = startRgn; i < endRgn; i++) (regions[i] as Region).nid = nid;
  mergeRegions(owner, type, startRgn, endRgn);
  return 0;
}
