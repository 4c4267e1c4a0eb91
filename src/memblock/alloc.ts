/**
 * Finding and allocating free space: memblock_find_in_range_node() with its
 * bottom-up and top-down walks, memblock_find_in_range(),
 * memblock_alloc_range_nid() and memblock_alloc_internal().
 */
import { formatPa } from "../printk/vsprintf.js";
import type { Memblock } from "./memblock.js";
import { RangeWalk } from "./ranges.js";
import {
  MEMBLOCK_ALLOC_ACCESSIBLE,
  MEMBLOCK_ALLOC_NOLEAKTRACE,
  MEMBLOCK_MIRROR,
  MEMBLOCK_NONE,
  NUMA_NO_NODE,
  PAGE_SIZE,
  SMP_CACHE_BYTES,
} from "./region.js";

function clamp(x: bigint, lo: bigint, hi: bigint): bigint {
  return x >= hi ? hi : x <= lo ? lo : x;
}

/** memblock_find_in_range_node(): a free, aligned [addr, addr+size) in [start, end), or 0. */
export function findInRangeNode(mb: Memblock, size: bigint, align: bigint, start: bigint, end: bigint, nid: number, flags: number): bigint {
  if (end === MEMBLOCK_ALLOC_ACCESSIBLE || end === MEMBLOCK_ALLOC_NOLEAKTRACE) end = mb.currentLimit;
  // page 0 is never handed out
  if (start < PAGE_SIZE) start = PAGE_SIZE;
  if (end < start) end = start;
  const walk = new RangeWalk(mb, mb.memory, mb.reserved, nid, flags, !mb.bottomUp);
  // a range outside [start, end) clamps to an empty one, where only a size of
  // 0 fits; with sorted arrays the walk can start at the window and end past it
  const window = size !== 0n && mb.memory.sorted && mb.reserved.sorted;
  if (window) walk.seek(mb.bottomUp ? start : end);
  // round_up()/round_down() with the mask computed once. This loop is hot:
  // BigInt.asUintN(64, ...) written out in place (not through a helper) lets
  // V8 do the arithmetic in 64-bit registers instead of allocating bigints,
  // and is the kernel's phys_addr_t wrap-around besides.
  const mask = BigInt.asUintN(64, align - 1n);
  if (mb.bottomUp) {
    while (walk.next()) {
      if (window && walk.start >= end) break;
      const thisStart = clamp(walk.start, start, end);
      const thisEnd = clamp(walk.end, start, end);
      // a round_up past the top wraps to 0, which never fits
      const cand = BigInt.asUintN(64, ((thisStart - 1n) | mask) + 1n);
      if (cand < thisEnd && BigInt.asUintN(64, thisEnd - cand) >= size) return cand;
    }
  } else {
    const keep = BigInt.asUintN(64, ~mask);
    while (walk.next()) {
      if (window && walk.end <= start) break;
      const thisStart = clamp(walk.start, start, end);
      const thisEnd = clamp(walk.end, start, end);
      if (thisEnd < size) continue;
      const cand = BigInt.asUintN(64, (thisEnd - size) & keep);
      if (cand >= thisStart) return cand;
    }
  }
  return 0n;
}

function warnMirrorFailed(mb: Memblock, fn: string, size: bigint): void {
  mb.report({ kind: "printk", level: 4, fn, line: `Could not allocate ${formatPa(size)} bytes of mirrored memory` });
}

/** memblock_find_in_range(): any node, mirrored memory first when the system has some. */
export function findInRange(mb: Memblock, start: bigint, end: bigint, size: bigint, align: bigint): bigint {
  let flags = mb.hasMirror ? MEMBLOCK_MIRROR : MEMBLOCK_NONE;
  for (;;) {
    const ret = findInRangeNode(mb, size, align, start, end, NUMA_NO_NODE, flags);
    if (ret || !(flags & MEMBLOCK_MIRROR)) return ret;
    warnMirrorFailed(mb, "memblock_find_in_range", size);
    flags &= ~MEMBLOCK_MIRROR;
  }
}

/**
 * memblock_alloc_range_nid(): find and reserve `size` bytes; on `nid` first,
 * then (unless `exactNid`) on any node; mirrored memory first, then any.
 * Returns the physical address, or 0.
 */
export function allocRangeNid(mb: Memblock, size: bigint, align: bigint, start: bigint, end: bigint, nid: number, exactNid: boolean): bigint {
  let flags = mb.hasMirror ? MEMBLOCK_MIRROR : MEMBLOCK_NONE;
  nid = mb.checkNid(nid, "memblock_alloc_range_nid");
  if (!align) {
    mb.report({ kind: "dump_stack", fn: "memblock_alloc_range_nid" });
    align = SMP_CACHE_BYTES;
  }
  const callers = mb.profile.callers;
  for (;;) {
    let found = findInRangeNode(mb, size, align, start, end, nid, flags);
    if (found && !mb.reserve(found, size, callers.allocReserve)) return found;
    if (mb.isNodeRequest(nid) && !exactNid) {
      found = findInRangeNode(mb, size, align, start, end, NUMA_NO_NODE, flags);
      if (found && !mb.reserve(found, size, callers.allocReserveFallback)) return found;
    }
    if (!(flags & MEMBLOCK_MIRROR)) return 0n;
    flags &= ~MEMBLOCK_MIRROR;
    warnMirrorFailed(mb, "memblock_alloc_range_nid", size);
  }
}

/** memblock_alloc_internal(): cap to current_limit; if [min, max) fails, retry from 0. */
export function allocInternal(mb: Memblock, size: bigint, align: bigint, minAddr: bigint, maxAddr: bigint, nid: number, exactNid: boolean): bigint {
  if (maxAddr > mb.currentLimit) maxAddr = mb.currentLimit;
  let alloc = allocRangeNid(mb, size, align, minAddr, maxAddr, nid, exactNid);
  if (!alloc && minAddr) alloc = allocRangeNid(mb, size, align, 0n, maxAddr, nid, exactNid);
  return alloc;
}
