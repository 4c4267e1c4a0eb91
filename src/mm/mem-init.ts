/**
 * Page accounting from memblock to the buddy allocator: the DMA reserve
 * (6.1's memblock_find_dma_reserve), the pages memblock_free_all releases,
 * and the "Memory: …K/…K available" line of mem_init_print_info.
 */
import type { KernelEvent } from "../events.js";
import { vsprintf } from "../printk/vsprintf.js";
import { MEMBLOCK_DRIVER_MANAGED, MEMBLOCK_HOTPLUG, MEMBLOCK_NOMAP, memPfnRanges, pfnDown, pfnUp } from "./mem-ranges.js";
import type { MemRegion } from "./mem-ranges.js";
import type { MmProfile } from "./profile.js";
import { MAX_DMA_PFN } from "./zone.js";

/** A free range `[start, end)` in bytes, on the node of the memory region it lies in. */
export interface FreeRange {
  start: bigint;
  end: bigint;
  nid: number;
}

/**
 * for_each_free_mem_range(…, NUMA_NO_NODE, MEMBLOCK_NONE): memory minus
 * reserved, skipping no-map and driver-managed memory, and hotpluggable
 * memory while movable_node still hides it.
 */
export function freeMemRanges(
  memory: readonly MemRegion[],
  reserved: readonly { base: bigint; size: bigint }[],
  skipHotplug: boolean,
): FreeRange[] {
  const rsv = [...reserved].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  const out: FreeRange[] = [];
  for (const m of memory) {
    if (m.flags & (MEMBLOCK_NOMAP | MEMBLOCK_DRIVER_MANAGED)) continue;
    if (skipHotplug && m.flags & MEMBLOCK_HOTPLUG) continue;
    let cursor = m.base;
    const mEnd = m.base + m.size;
    for (const r of rsv) {
      if (r.base + r.size <= cursor) continue;
      if (r.base >= mEnd) break;
      if (r.base > cursor) out.push({ start: cursor, end: r.base, nid: m.nid });
      cursor = r.base + r.size; // larger than cursor: smaller ends were skipped above
      if (cursor >= mEnd) break;
    }
    if (cursor < mEnd) out.push({ start: cursor, end: mEnd, nid: m.nid });
  }
  return out;
}

const minB = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** memblock_find_dma_reserve: memory pages below 16 MiB minus the free ones (whole pages only). */
export function memblockFindDmaReserve(
  memory: readonly MemRegion[],
  reserved: readonly { base: bigint; size: bigint }[],
  movableNode: boolean,
): bigint {
  let pages = 0n;
  for (const r of memPfnRanges(memory)) pages += minB(r.end, MAX_DMA_PFN) - minB(r.start, MAX_DMA_PFN);
  let free = 0n;
  for (const f of freeMemRanges(memory, reserved, movableNode)) {
    const s = minB(pfnUp(f.start), MAX_DMA_PFN);
    const e = minB(pfnDown(f.end), MAX_DMA_PFN);
    if (s < e) free += e - s;
  }
  return pages - free;
}

/** The whole free pages memblock_free_all hands over, below max_low_pfn, per node. */
function memblockFreeAllPages(
  memory: readonly MemRegion[],
  reserved: readonly { base: bigint; size: bigint }[],
  maxLowPfn: bigint,
): { start: bigint; end: bigint; nid: number }[] {
  const out: { start: bigint; end: bigint; nid: number }[] = [];
  for (const f of freeMemRanges(memory, reserved, false)) {
    const start = pfnUp(f.start);
    const end = minB(pfnDown(f.end), maxLowPfn);
    if (start < end) out.push({ start, end, nid: f.nid });
  }
  return out;
}

export interface MemoryLineInput {
  /** memblock.memory and memblock.reserved when mem_init calls memblock_free_all. */
  memory: readonly MemRegion[];
  reserved: readonly { base: bigint; size: bigint }[];
  maxLowPfn: bigint;
  /** node_present_pages of every online node. */
  presentPages: readonly bigint[];
  /** first_deferred_pfn by node (nodes that defer struct-page init). */
  firstDeferredPfn: ReadonlyMap<number, bigint>;
  /** totalcma_pages (0 without cma=). */
  cmaPages?: bigint;
  /** Pages free_reserved_area gave back between memblock_free_all and the line. */
  freedLaterPages?: bigint;
}

export interface MemoryLineResult {
  physPages: bigint;
  totalRamPages: bigint;
  freePages: bigint;
  reservedPages: bigint;
  /** The "available" figure is an estimate (6.12 prints it after run-dependent allocations). */
  freePagesEstimated: boolean;
}

const K = (pages: bigint): bigint => pages << 2n;

export function memInitPrintInfo(
  input: MemoryLineInput,
  profile: MmProfile,
  emit: (e: KernelEvent) => void,
): MemoryLineResult {
  const cma = input.cmaPages ?? 0n;
  const freed = memblockFreeAllPages(input.memory, input.reserved, input.maxLowPfn);
  const totalRamPages = freed.reduce((n, r) => n + (r.end - r.start), 0n) + (input.freedLaterPages ?? 0n);
  const physPages = input.presentPages.reduce((n, p) => n + p, 0n);
  let buddy = totalRamPages;
  if (profile.memoryLineTiming === "before-deferred") {
    buddy = 0n;
    for (const r of freed) {
      const first = input.firstDeferredPfn.get(r.nid);
      const end = first !== undefined && first < r.end ? first : r.end;
      if (end > r.start) buddy += end - r.start;
    }
  }
  const taken = profile.earlyBuddyAllocPages(physPages);
  const freePages = buddy > taken ? buddy - taken : 0n;
  const reservedPages = physPages - totalRamPages - cma;
  const img = profile.imageK;
  emit({
    phase: "mem_init",
    kind: "mem_init.memory",
    line: vsprintf(
      "Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved)",
      [K(freePages), K(physPages), img.code, img.rwdata, img.rodata, img.init, img.bss, BigInt.asUintN(64, K(reservedPages)), K(cma)],
    ),
    level: 6,
    cause:
      profile.memoryLineTiming === "before-deferred"
        ? "available counts the pages freed before deferred struct-page init"
        : "available is printed after deferred init and early allocations; it varies between boots",
    data: { physPages, totalRamPages, freePages, reservedPages, cmaPages: cma },
  });
  return {
    physPages,
    totalRamPages,
    freePages,
    reservedPages,
    freePagesEstimated: profile.memoryLineTiming === "after-deferred",
  };
}
