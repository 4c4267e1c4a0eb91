/**
 * The boot pipeline's shared state and result. `boot()` (src/boot/boot.ts)
 * runs setup_arch's memory steps in the kernel's order on one BootContext;
 * each phase reads and updates it and prints through `ctx.emit`. Phases owned
 * by other modules (zones, zonelists, the Memory: line, the memory block
 * size, in src/mm/) are functions of a BootContext that the pipeline calls at
 * the kernel's point; they store what they computed under `ctx.mm`.
 */
import type { Emit, KernelEvent } from "../events.js";
import type { E820Entry, Machine } from "../machine.js";
import type { KernelProfile } from "../profiles/types.js";
import type { FreeAreaInitResult } from "../mm/free-area-init.js";
import type { MemoryLineResult } from "../mm/mem-init.js";
import type { MemoryBlockSizeResult } from "../mm/memory-block-size.js";
import type { ZonelistsResult } from "../mm/zonelists.js";
import type { BootParams } from "./cmdline.js";
import type { BootMemblock } from "./memblock-port.js";

/** A NUMA memory block (struct numa_memblk): `[start, end)` on node `nid`. */
export interface NumaMemblk {
  start: bigint;
  end: bigint;
  nid: number;
}

/** The x86 NUMA state that initmem_init leaves behind (arch/x86/mm/numa.c, mm/numa_memblks.c). */
export interface NumaState {
  /** How NUMA was finally set up: from the SRAT, or the dummy single node (numa=off, no/bad SRAT). */
  method: "acpi" | "dummy";
  /** numa_meminfo after cleanup (and emulation), in its array order. */
  meminfo: NumaMemblk[];
  /** numa_reserved_meminfo: SRAT ranges without RAM (or above the RAM end). */
  reservedMeminfo: NumaMemblk[];
  /** numa_nodes_parsed: nodes seen in the SRAT (CPU or memory entries). */
  nodesParsed: number[];
  /** node_possible_map, ascending. */
  possible: number[];
  /** node_online_map, ascending (nodes that got NODE_DATA at boot; CPU-only nodes come online later). */
  online: number[];
  /** numa_distance as a square table indexed by node id; empty = default (10 local, 20 remote). */
  distance: number[][];
  /** Where the distance table was allocated, and whether allocating it failed (no retry until reset). */
  distanceAddr?: bigint;
  distanceFailed?: boolean;
  /** numa_set_distance's two pr_warn_once warnings already printed. */
  distanceWarned?: Set<"bounds" | "invalid">;
  /** PXM → node as acpi_map_pxm_to_node assigned them. */
  pxmToNode: Map<number, number>;
  /** __apicid_to_node: the node of each APIC ID the SRAT names. */
  apicToNode: Map<number, number>;
  /** Nodes whose SRAT-hotplug flag numa_clear_kernel_node_hotplug cleared because they hold reservations. */
  kernelNodes: number[];
}

/** Where alloc_node_data put a node's pg_data_t. */
export interface NodeDataPlacement {
  nid: number;
  /** `[start, end)` of the allocation. */
  start: bigint;
  end: bigint;
  /** early_pfn_to_nid(start): differs from nid when the node's own memory could not be used. */
  onNode: number;
}

/** The kernel image as placed in physical memory. */
export interface KernelImage {
  /** __pa(_text). */
  start: bigint;
  /** __end_of_kernel_reserve (= the start of the brk area). */
  end: bigint;
  /** `[_brk_start, _brk_end)` as reserve_brk reserves it. */
  brkStart: bigint;
  brkEnd: bigint;
}

/** A boot-time memblock allocation worth explaining (who asked, where it landed). */
export interface Placement {
  what: string;
  start: bigint;
  end: bigint;
  nid: number;
}

/** What src/mm computes, each set when the kernel reaches that step. */
export interface MmState {
  /** 6.1 memblock_find_dma_reserve (0 where the kernel has none). */
  dmaReserve: bigint;
  zones?: FreeAreaInitResult;
  zonelists?: ZonelistsResult;
  memory?: MemoryLineResult;
  blockSize?: MemoryBlockSizeResult;
}

export interface BootContext {
  machine: Machine;
  profile: KernelProfile;
  /** The kernel command line, parsed (src/boot/cmdline.ts). */
  params: BootParams;
  /** The one memblock engine every phase allocates from (src/memblock). */
  memblock: BootMemblock;
  /** The live e820 table (after sanitising and the early updates). */
  e820: E820Entry[];
  /** e820_table_firmware: the firmware's map as sanitised at e820__memory_setup. */
  e820Firmware: E820Entry[];
  /** max_pfn, max_low_pfn and max_pfn_mapped (pfns). */
  maxPfn: bigint;
  maxLowPfn: bigint;
  maxPfnMapped: bigint;
  /** max_possible_pfn: max_pfn, raised by SRAT ranges above it (hotpluggable memory to come). */
  maxPossiblePfn: bigint;
  kernel: KernelImage;
  /** pfn_mapped: the pfn ranges the direct mapping covers, merged (add_pfn_range_mapped). */
  pfnMapped: { start: bigint; end: bigint }[];
  numa: NumaState;
  /** NODE_DATA placements, by node id. */
  nodeData: Map<number, NodeDataPlacement>;
  placements: Placement[];
  mm: MmState;
  /** What the pipeline had to assume because the machine does not say it. */
  assumptions: string[];
  events: KernelEvent[];
  emit: Emit;
}

/** What boot() returns: the final state and every line on the way. */
export interface BootResult {
  kernel: KernelProfile["version"];
  params: BootParams;
  events: KernelEvent[];
  e820: E820Entry[];
  maxPfn: bigint;
  kernelImage: KernelImage;
  numa: NumaState;
  nodeData: NodeDataPlacement[];
  placements: Placement[];
  /** memblock.memory and memblock.reserved at the end of the modelled boot. */
  memblock: {
    memory: { base: bigint; size: bigint; nid: number; flags: number }[];
    reserved: { base: bigint; size: bigint; nid: number; flags: number }[];
  };
  mm: MmState;
  assumptions: string[];
}
