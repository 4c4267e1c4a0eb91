/**
 * The software IO TLB that mem_init sets up before freeing memory to the
 * buddy allocator (pci_iommu_alloc → swiotlb_init): on x86-64 only when
 * memory reaches above 4 GiB, 64 MiB of bounce buffers below 4 GiB, their
 * slot array, and one area per CPU (rounded to a power of two).
 */
import type { KernelEvent } from "../events.js";
import { memblockAlloc, SMP_CACHE_BYTES } from "./memblock-port.js";
import type { MemblockAllocator } from "./memblock-port.js";

export interface SwiotlbCallers {
  buffer: string;
  slots: string;
  areas: string;
}

const MAX_DMA32_PFN = 0x100000n;
const IO_TLB_SHIFT = 11n;
const IO_TLB_DEFAULT_SIZE = 64n << 20n;
const SLOT_SIZE = 24n; // sizeof(struct io_tlb_slot)
const AREA_SIZE = 16n; // sizeof(struct io_tlb_area)
const ARCH_LOW_ADDRESS_LIMIT = 0xffffffffn;
const PAGE = 4096n;

const roundupPow2 = (x: bigint): bigint => (x <= 1n ? 1n : 1n << BigInt((x - 1n).toString(2).length));

const IO_TLB_MIN_SLABS = (1n << 20n) >> IO_TLB_SHIFT;
const IO_TLB_SEGSIZE = 128n;

/** Fewer areas when a small buffer cannot give each a segment. */
const limitNareas = (nareas: bigint, nslabs: bigint): bigint => (nslabs < nareas * IO_TLB_SEGSIZE ? nslabs / IO_TLB_SEGSIZE : nareas);

export interface SwiotlbResult {
  buffer: bigint;
  size: bigint;
}

/**
 * pci_swiotlb_detect + swiotlb_init: halves the buffer until memory below
 * 4 GiB holds it (down to 1 MiB); undefined when not set up.
 * `areasLimited`: the area array is sized after that limiting (6.12), or
 * from the first count (6.1).
 */
export function swiotlbInit(
  mb: MemblockAllocator,
  maxPossiblePfn: bigint,
  possibleCpus: number,
  callers: SwiotlbCallers,
  areasLimited: boolean,
  emit: (e: KernelEvent) => void,
): SwiotlbResult | undefined {
  if (maxPossiblePfn <= MAX_DMA32_PFN) return undefined;
  const say = (kind: string, line: string, level = 6): void => emit({ phase: "swiotlb", kind, line: `software IO TLB: ${line}`, level });
  const defaultNareas = roundupPow2(BigInt(possibleCpus));
  say("swiotlb.areas", `area num ${defaultNareas}.`);
  const defaultNslabs = IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT;
  let nslabs = defaultNslabs;
  let nareas = limitNareas(defaultNareas, nslabs);
  let buffer = 0n;
  for (;;) {
    const bytes = nslabs << IO_TLB_SHIFT;
    buffer = mb.allocTryNid("memblock_alloc_try_nid", bytes, PAGE, 0n, ARCH_LOW_ADDRESS_LIMIT, -1, callers.buffer);
    if (buffer !== 0n) break;
    say("swiotlb.alloc_failed", `swiotlb_memblock_alloc: Failed to allocate ${bytes} bytes tlb structure`, 4);
    if (nslabs <= IO_TLB_MIN_SLABS) return undefined;
    nslabs = (((nslabs >> 1n) + IO_TLB_SEGSIZE - 1n) / IO_TLB_SEGSIZE) * IO_TLB_SEGSIZE;
    nareas = limitNareas(nareas, nslabs);
  }
  if (nslabs !== defaultNslabs) say("swiotlb.adjusted", `SWIOTLB bounce buffer size adjusted ${defaultNslabs} -> ${nslabs} slabs`);
  const slots = ((nslabs * SLOT_SIZE + PAGE - 1n) / PAGE) * PAGE;
  memblockAlloc(mb, slots, PAGE, callers.slots);
  memblockAlloc(mb, (areasLimited ? nareas : defaultNareas) * AREA_SIZE, SMP_CACHE_BYTES, callers.areas);
  return { buffer, size: nslabs << IO_TLB_SHIFT };
}
