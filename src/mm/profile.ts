/**
 * What differs between kernel builds in the zone and page-accounting code
 * (mm/page_alloc.c in 6.1, mm/mm_init.c in 6.12). The kernel profiles
 * (src/profiles/) compose these under their `zones` and `mm` keys.
 */

/** free_area_init, find_zone_movable_pfns_for_nodes and build_all_zonelists. */
export interface ZonesProfile {
  /** MAX_ORDER_NR_PAGES: ZONE_MOVABLE starts are rounded up to it. */
  maxOrderNrPages: bigint;
  /** pageblock_nr_pages: holes are skipped a pageblock at a time; mobility grouping threshold. */
  pageblockNrPages: bigint;
  /** MIGRATE_TYPES: mobility grouping is off below pageblock_nr_pages × MIGRATE_TYPES pages. */
  migrateTypes: bigint;
  /** PAGES_PER_SECTION (sparsemem). */
  pagesPerSection: bigint;
  /** sizeof(struct page), for the memmap deduction. */
  structPageSize: bigint;
  /** movable_node: a hotpluggable region's first pfn is its base rounded down (6.1) or up (6.12). */
  movableNodeBasePfn: "down" | "up";
  /** kernelcore=mirror is ignored, with a warning, when no memblock region is mirrored (6.12). */
  mirrorNeedsMirroredMemory: boolean;
  /** free_area_init announces an offline node with "Initializing node N as memoryless" (6.1). */
  announceOfflineNode: boolean;
  /** Pages a zone manages before memblock_free_all: present minus memmap and dma_reserve (6.1), or present (6.12). */
  bootManagedPages: "present-minus-memmap" | "present";
  /** A node without memory still heads its own fallback list (6.1). */
  memorylessLocalNodeFirst: boolean;
  /**
   * nr_kernel_pages (which sizes the early hash tables): the zones' boot
   * managed pages (6.1), or the free memblock pages when free_area_init
   * runs (6.12's calc_nr_kernel_pages).
   */
  nrKernelPages: "boot-managed" | "free-memblock";
  /** sizeof(pg_data_t), which free_area_init allocates for an offline possible node, and that call site. */
  pgdatSize: bigint;
  offlineNodeDataCaller: string;
}

import type { EarlyAllocCallers } from "./early-allocs.js";
import type { MemblockDiscardCallers } from "./memblock-discard.js";
import type { PercpuProfile } from "./percpu.js";
import type { SwiotlbCallers } from "./swiotlb.js";

/** mem_init_print_info, memblock_free_all, the allocations before it, and the DMA reserve. */
export interface MmProfile {
  /**
   * Section sizes of the image as the Memory: line prints them, in KiB,
   * already adjusted as mem_init_print_info adjusts them (link-time constants
   * of the build).
   */
  imageK: { code: bigint; rwdata: bigint; rodata: bigint; init: bigint; bss: bigint };
  /** 6.1: memblock_find_dma_reserve runs and free_area_init_core subtracts the result from ZONE_DMA. */
  dmaReserve: boolean;
  /**
   * When the Memory: line prints: right after mem_init, before deferred
   * struct-page init ("before-deferred", 6.1), or after it ("after-deferred", 6.12).
   */
  memoryLineTiming: "before-deferred" | "after-deferred";
  /**
   * Pages taken from the buddy allocator between memblock_free_all and the
   * Memory: line, given the machine's present pages. 6.1: preallocate_vmalloc_pages
   * (one PUD page per PGD entry of the vmalloc area). 6.12: everything early
   * boot allocates until page_alloc_init_late, which varies from run to run
   * (an estimate).
   */
  earlyBuddyAllocPages: (physPages: bigint) => bigint;
  percpu: PercpuProfile;
  /** The call sites start_kernel's other early allocations show under memblock=debug. */
  callers: EarlyAllocCallers & { largeSystemHash: string; swiotlb: SwiotlbCallers; memblockDiscard: MemblockDiscardCallers };
  /** swiotlb sizes its area array after limiting the areas to a smaller buffer (6.12), not before (6.1). */
  swiotlbAreasLimited: boolean;
  /** spp_getpage pages trap_init takes for the fixmap (as measured with up to 8 CPUs). */
  sppPages: number;
  /**
   * Init memory the kernel frees back before the Memory: line prints (6.12:
   * the SMP alternatives, freed by arch_cpu_finalize_init unless a
   * uniprocessor-patched kernel keeps them), as free_reserved_area names it.
   */
  initFreedBeforeMemoryLine?: { what: string; bytes: bigint };
  /** report_meminit: the stack initialisation built in, and init_on_alloc/init_on_free's defaults. */
  memAutoInit: { stack: string; onAlloc: boolean; onFree: boolean };
  /**
   * start_kernel's order of the steps that touch memory, from the command
   * line copies to page_alloc_init_late's memblock_discard (6.12 prints the
   * command line and sizes the hash tables before it builds the zonelists;
   * 6.1 after).
   */
  startKernelOrder: readonly StartKernelStep[];
}

export type StartKernelStep =
  | "setup_command_line"
  | "setup_per_cpu_areas"
  | "build_all_zonelists"
  | "kernel_command_line"
  | "vfs_caches_init_early"
  | "trap_init"
  | "report_meminit"
  | "mem_init"
  | "vfs_caches_init"
  | "mem_init_print_info"
  | "memblock_discard";
