/**
 * arch/x86/mm/init.c init_mem_mapping: the kernel's direct mapping of RAM,
 * and the page-table pages it needs (alloc_low_pages): from the brk buffer
 * while it lasts and lies outside the range being mapped, then from
 * memblock within the part already mapped. The CPU model memsim assumes
 * (QEMU's qemu64) has 2 MiB pages and no 1 GiB pages; paging is 4-level.
 */
import type { BootContext } from "../boot/types.js";
import { memPfnRanges } from "../mm/mem-ranges.js";
import { INIT_PGT_BUF_PAGES } from "./setup.js";

const PAGE = 4096n;
const PMD_SIZE = 1n << 21n;
const PUD_SIZE = 1n << 30n;
const PGDIR_SIZE = 1n << 39n;
const ISA_END = 0x100000n;
const KERN_WARNING = 4;

const roundUp = (x: bigint, a: bigint): bigint => ((x + a - 1n) / a) * a;
const roundDown = (x: bigint, a: bigint): bigint => (x / a) * a;

interface MappingState {
  ctx: BootContext;
  /** Page-table pages present, by level and the index of the area they map. */
  pud: Set<bigint>;
  pmd: Set<bigint>;
  pte: Set<bigint>;
  pgtBufEnd: bigint;
  pgtBufTop: bigint;
  canUseBrk: boolean;
  minPfnMapped: bigint;
  maxPfnMapped: bigint;
}

/** alloc_low_pages(1). */
function allocLowPage(s: MappingState): void {
  if (s.pgtBufEnd + 1n <= s.pgtBufTop && s.canUseBrk) {
    s.pgtBufEnd += 1n;
    return;
  }
  let pa = 0n;
  if (s.minPfnMapped < s.maxPfnMapped) {
    pa = s.ctx.memblock.physAllocRange(PAGE, PAGE, s.minPfnMapped << 12n, s.maxPfnMapped << 12n, s.ctx.profile.x86.callers.allocLowPages);
  }
  if (pa === 0n && s.canUseBrk) return; // extend_brk: brk is locked after reserve_brk; the kernel would BUG
  if (pa !== 0n) s.ctx.placements.push({ what: "direct-mapping page table", start: pa, end: pa + PAGE, nid: -1 });
}

function ensure(s: MappingState, set: Set<bigint>, index: bigint): void {
  if (set.has(index)) return;
  set.add(index);
  allocLowPage(s);
}

/** memblock_is_region_memory. */
function isRegionMemory(ctx: BootContext, start: bigint, end: bigint): boolean {
  return ctx.memblock.regions("memory").some((r) => r.base <= start && end <= r.base + r.size);
}

/** init_memory_mapping(start, end): split_mem_range, then the page tables of each piece. */
function initMemoryMapping(s: MappingState, start: bigint, end: bigint): void {
  const pieces: { start: bigint; end: bigint; big: boolean }[] = [];
  let p = start;
  const headEnd = roundUp(p, PMD_SIZE) < end ? roundUp(p, PMD_SIZE) : end;
  if (p < headEnd) {
    pieces.push({ start: p, end: headEnd, big: false });
    p = headEnd;
  }
  const bigStart = roundUp(p, PMD_SIZE);
  const bigEnd = roundDown(end, PMD_SIZE);
  if (bigStart < bigEnd) {
    pieces.push({ start: bigStart, end: bigEnd, big: true });
    p = bigEnd;
  }
  if (p < end) pieces.push({ start: p, end, big: false });
  for (const piece of pieces) {
    // adjust_range_page_size_mask: a 4K piece whose 2M block is all RAM gets a 2M page
    if (!piece.big && isRegionMemory(s.ctx, roundDown(piece.start, PMD_SIZE), roundUp(piece.end, PMD_SIZE))) piece.big = true;
  }
  for (const piece of pieces) {
    const step = piece.big ? PUD_SIZE : PMD_SIZE;
    for (let a = roundDown(piece.start, step); a < piece.end; a += step) {
      ensure(s, s.pud, a / PGDIR_SIZE);
      ensure(s, s.pmd, a / PUD_SIZE);
      if (!piece.big) ensure(s, s.pte, a / PMD_SIZE);
    }
  }
  addPfnRangeMapped(s.ctx.pfnMapped, start >> 12n, end >> 12n);
  if (end >> 12n > s.maxPfnMapped) s.maxPfnMapped = end >> 12n;
}

/** add_pfn_range_mapped: record the range, merged with the ones it overlaps or touches. */
function addPfnRangeMapped(ranges: { start: bigint; end: bigint }[], start: bigint, end: bigint): void {
  let s = start;
  let e = end;
  for (let i = ranges.length - 1; i >= 0; i--) {
    const r = ranges[i]!;
    if (r.end < s || r.start > e) continue;
    if (r.start < s) s = r.start;
    if (r.end > e) e = r.end;
    ranges.splice(i, 1);
  }
  ranges.push({ start: s, end: e });
  ranges.sort((a, b) => (a.start < b.start ? -1 : 1));
}

/** init_range_memory_mapping: map the RAM (whole pages of memblock.memory) inside `[rStart, rEnd)`. */
function initRangeMemoryMapping(s: MappingState, rStart: bigint, rEnd: bigint): bigint {
  let mapped = 0n;
  const clamp = (x: bigint): bigint => (x < rStart ? rStart : x > rEnd ? rEnd : x);
  for (const r of memPfnRanges(s.ctx.memblock.regions("memory"))) {
    const start = clamp(r.start << 12n);
    const end = clamp(r.end << 12n);
    if (start >= end) continue;
    const top = s.pgtBufTop << 12n;
    const bufEnd = s.pgtBufEnd << 12n;
    s.canUseBrk = (start > bufEnd ? start : bufEnd) >= (end < top ? end : top);
    initMemoryMapping(s, start, end);
    mapped += end - start;
    s.canUseBrk = true;
  }
  return mapped;
}

/** get_new_step_size: grow by (PMD_SHIFT - PAGE_SHIFT - 1) bits. */
const nextStep = (step: bigint): bigint => step << 8n;

function memoryMapTopDown(s: MappingState, mapStart: bigint, mapEnd: bigint): void {
  const callers = s.ctx.profile.x86.callers;
  const addr = s.ctx.memblock.physAllocRange(PMD_SIZE, PMD_SIZE, mapStart, mapEnd, callers.memoryMapTopDown);
  let realEnd: bigint;
  if (addr === 0n) {
    s.ctx.emit({ phase: "x86.mm", kind: "x86.mm.probe_failed", level: KERN_WARNING, line: "Failed to release memory for alloc_low_pages()" });
    const aligned = roundDown(mapEnd, PMD_SIZE);
    realEnd = aligned > mapStart ? aligned : mapStart;
  } else {
    s.ctx.memblock.physFree(addr, PMD_SIZE, callers.memoryMapTopDownFree);
    realEnd = addr + PMD_SIZE;
  }
  let step = PMD_SIZE;
  s.maxPfnMapped = 0n;
  s.minPfnMapped = realEnd >> 12n;
  let lastStart = realEnd;
  let mapped = 0n;
  while (lastStart > mapStart) {
    let start: bigint;
    if (lastStart > step) {
      start = roundDown(lastStart - 1n, step);
      if (start < mapStart) start = mapStart;
    } else {
      start = mapStart;
    }
    mapped += initRangeMemoryMapping(s, start, lastStart);
    lastStart = start;
    s.minPfnMapped = lastStart >> 12n;
    if (mapped >= step) step = nextStep(step);
  }
  if (realEnd < mapEnd) initRangeMemoryMapping(s, realEnd, mapEnd);
}

function memoryMapBottomUp(s: MappingState, mapStart: bigint, mapEnd: bigint): void {
  let step = PMD_SIZE;
  let start = mapStart;
  let mapped = 0n;
  s.minPfnMapped = start >> 12n;
  while (start < mapEnd) {
    let next: bigint;
    if (mapEnd - start > step) {
      next = roundUp(start + 1n, step);
      if (next > mapEnd) next = mapEnd;
    } else {
      next = mapEnd;
    }
    mapped += initRangeMemoryMapping(s, start, next);
    start = next;
    if (mapped >= step) step = nextStep(step);
  }
}

/** init_mem_mapping, then memblock_set_current_limit(get_max_mapped()). */
export function initMemMapping(ctx: BootContext): void {
  const bufStart = (ctx.kernel.brkEnd >> 12n) - INIT_PGT_BUF_PAGES;
  const s: MappingState = {
    ctx,
    pud: new Set(),
    pmd: new Set(),
    pte: new Set(),
    pgtBufEnd: bufStart,
    pgtBufTop: bufStart + INIT_PGT_BUF_PAGES,
    canUseBrk: true,
    minPfnMapped: 0n,
    maxPfnMapped: 0n,
  };
  const end = ctx.maxPfn << 12n;
  initMemoryMapping(s, 0n, ISA_END);
  if (ctx.memblock.bottomUp()) {
    const kernelEnd = ctx.kernel.start + ctx.profile.x86.kernelEndOffset;
    memoryMapBottomUp(s, kernelEnd, end);
    memoryMapBottomUp(s, ISA_END, kernelEnd);
  } else {
    memoryMapTopDown(s, ISA_END, end);
  }
  if (ctx.maxPfn > ctx.maxLowPfn) ctx.maxLowPfn = ctx.maxPfn;
  ctx.maxPfnMapped = s.maxPfnMapped;
  ctx.memblock.setCurrentLimit(s.maxPfnMapped << 12n);
}
