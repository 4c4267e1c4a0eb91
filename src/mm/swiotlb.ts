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

/** pci_swiotlb_detect + swiotlb_init: returns the bounce buffer's address, or undefined when not set up. */
export function swiotlbInit(
  mb: MemblockAllocator,
  maxPossiblePfn: bigint,
  possibleCpus: number,
  callers: SwiotlbCallers,
  emit: (e: KernelEvent) => void,
): bigint | undefined {
  if (maxPossiblePfn <= MAX_DMA32_PFN) return undefined;
  const nareas = roundupPow2(BigInt(possibleCpus));
  emit({ phase: "swiotlb", kind: "swiotlb.areas", line: `software IO TLB: area num ${nareas}.`, level: 6 });
  const nslabs = IO_TLB_DEFAULT_SIZE >> IO_TLB_SHIFT;
  const buffer = mb.allocTryNid("memblock_alloc_try_nid", nslabs << IO_TLB_SHIFT, PAGE, 0n, ARCH_LOW_ADDRESS_LIMIT, -1, callers.buffer);
  const slots = ((nslabs * SLOT_SIZE + PAGE - 1n) / PAGE) * PAGE;
  memblockAlloc(mb, slots, PAGE, callers.slots);
  memblockAlloc(mb, nareas * AREA_SIZE, SMP_CACHE_BYTES, callers.areas);
  return buffer;
}
