/**
 * The memory block size x86 picks (arch/x86/mm/init_64.c:probe_memory_block_size),
 * the same rule in 6.1 and 6.12: small machines get one section per block,
 * bare metal the largest block, a guest the largest block its RAM end is aligned to.
 */
import type { KernelEvent } from "../events.js";

const MIN_MEMORY_BLOCK_SIZE = 1n << 27n;
const MAX_BLOCK_SIZE = 2n << 30n;
const MEM_SIZE_FOR_LARGE_BLOCK = 64n << 30n;

export interface BlockSizeInput {
  /** max_pfn << PAGE_SHIFT when memory_dev_init runs. */
  bootMemEnd: bigint;
  /** X86_FEATURE_HYPERVISOR is set (any guest). */
  hypervisor: boolean;
  /** set_memory_block_size_order() was called (UV platforms): that size. */
  forced?: bigint;
}

export function probeMemoryBlockSize(input: BlockSizeInput): { size: bigint; event: KernelEvent } {
  let size: bigint;
  let cause: string;
  if (input.forced) {
    size = input.forced;
    cause = "the platform set the block size";
  } else if (input.bootMemEnd < MEM_SIZE_FOR_LARGE_BLOCK) {
    size = MIN_MEMORY_BLOCK_SIZE;
    cause = "boot memory ends below 64 GiB";
  } else if (!input.hypervisor) {
    size = MAX_BLOCK_SIZE;
    cause = "bare metal with 64 GiB or more: the largest block";
  } else {
    size = MAX_BLOCK_SIZE;
    while (size > MIN_MEMORY_BLOCK_SIZE && input.bootMemEnd % size !== 0n) size >>= 1n;
    cause = "under a hypervisor: the largest block size the end of boot memory is aligned to";
  }
  return {
    size,
    event: {
      phase: "memory",
      kind: "x86.memory_block_size",
      line: `x86/mm: Memory block size: ${size >> 20n}MB`,
      level: 6,
      cause,
      data: { size: `0x${size.toString(16)}`, bootMemEnd: `0x${input.bootMemEnd.toString(16)}` },
    },
  };
}
