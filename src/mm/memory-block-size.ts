/**
 * probe_memory_block_size (arch/x86/mm/init_64.c): the size of the memory
 * blocks that sysfs exposes and hotplug works in. Small machines keep the
 * section size; bare metal above 64 GiB uses 2 GiB; under a hypervisor the
 * largest size from 2 GiB down that the end of boot memory is aligned to.
 */
import type { KernelEvent } from "../events.js";

const MIN_MEMORY_BLOCK_SIZE = 128n << 20n;
const MAX_BLOCK_SIZE = 2n << 30n;
const MEM_SIZE_FOR_LARGE_BLOCK = 64n << 30n;

export interface MemoryBlockSizeInput {
  /** max_pfn when memory_dev_init first asks. */
  maxPfn: bigint;
  /** X86_FEATURE_HYPERVISOR. */
  hypervisor: boolean;
  /** A size set earlier by set_memory_block_size_order (UV platforms), if any. */
  setSize?: bigint;
}

export interface MemoryBlockSizeResult {
  size: bigint;
  reason: string;
}

export function probeMemoryBlockSize(input: MemoryBlockSizeInput, emit: (e: KernelEvent) => void): MemoryBlockSizeResult {
  const bootMemEnd = BigInt.asUintN(64, input.maxPfn << 12n);
  let size: bigint;
  let reason: string;
  if (input.setSize) {
    size = input.setSize;
    reason = "set by the platform";
  } else if (bootMemEnd < MEM_SIZE_FOR_LARGE_BLOCK) {
    size = MIN_MEMORY_BLOCK_SIZE;
    reason = "boot memory ends below 64 GiB";
  } else if (!input.hypervisor) {
    size = MAX_BLOCK_SIZE;
    reason = "bare metal with 64 GiB or more";
  } else {
    size = MAX_BLOCK_SIZE;
    while (size > MIN_MEMORY_BLOCK_SIZE && bootMemEnd % size !== 0n) size >>= 1n;
    reason = "under a hypervisor: the largest size the end of boot memory is aligned to";
  }
  emit({
    phase: "memory_dev_init",
    kind: "mm.memory_block_size",
    line: `x86/mm: Memory block size: ${size >> 20n}MB`,
    level: 6,
    cause: reason,
    data: { size, bootMemEnd },
  });
  return { size, reason };
}
