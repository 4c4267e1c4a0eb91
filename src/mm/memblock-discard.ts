/**
 * memblock_discard, run by page_alloc_init_late once the buddy allocator owns
 * memory: region arrays that memblock_double_array allocated from memblock go
 * back to the buddy allocator, the reserved array first; the static initial
 * arrays stay. (An array doubled from slab would be kfree'd silently; every
 * doubling this model sees happens before slab is up.)
 */
import { MEMBLOCK_REGION_BYTES, PAGE_SIZE, roundUp } from "../memblock/region.js";
import type { MemblockArrays } from "./memblock-port.js";

/** The `%pS` call sites of the two memblock_free_late calls. */
export interface MemblockDiscardCallers {
  reserved: string;
  memory: string;
}

export function memblockDiscard(mb: MemblockArrays, callers: MemblockDiscardCallers): void {
  for (const type of ["reserved", "memory"] as const) {
    const { addr, max } = mb.regionArray(type);
    if (addr !== null) mb.freeLate(addr, roundUp(BigInt(max) * MEMBLOCK_REGION_BYTES, PAGE_SIZE), callers[type]);
  }
}
