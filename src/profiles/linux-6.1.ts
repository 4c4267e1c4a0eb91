import type { KernelProfile } from "./types.js";
import { DEBIAN_X86_64_SRAT_LIMITS } from "../acpi/profile.js";

/** Debian's linux-image-6.1.0-56-amd64 (6.1.192). */
export const linux61: KernelProfile = {
  version: "6.1",
  release: "6.1.0-56-amd64",
  // e820_end_pfn: only RAM entries count towards max_pfn
  e820: { endRamTypes: [1] },
  x86: {
    physicalStart: 0x1000000n,
    // __end_of_kernel_reserve - _text of this build (its reserve_brk starts at 0x4400000 without KASLR)
    kernelReserveSize: 0x3400000n,
    // _end - _text: the image's .brk section (64 KiB slop + reserved brk areas) ends it
    kernelEndOffset: 0x3430000n,
    realModeSize: 28672n,
    callers: {
      smpScanConfigMpf: "smp_scan_config+0xa7/0xff",
      smpScanConfigMpc: "smp_scan_config+0xbe/0xff",
      reserveBrk: "setup_arch+0x797/0xd4f",
      reserveLow1M: "setup_arch+0x7e0/0xd4f",
      e820MemblockSetup: "e820__memblock_setup+0x65/0x7d",
      reserveRealMode: "reserve_real_mode+0x50/0x89",
      relocateInitrd: "setup_arch+0x8da/0xd4f",
      relocateInitrdFree: "setup_arch+0x964/0xd4f",
      acpiReserveInitialTables: "acpi_reserve_initial_tables+0x51/0x61",
      acpiTableUpgrade: "acpi_table_upgrade+0x247/0x357",
      memoryMapTopDown: "init_mem_mapping+0x1ee/0x31f",
      memoryMapTopDownFree: "init_mem_mapping+0x22e/0x31f",
      allocLowPages: "alloc_low_pages+0x137/0x160",
      sparseInit: "sparse_init+0x9f/0x23c",
      sparseIndexAlloc: "sparse_index_alloc+0x40/0x65",
      sparseInitNidUsage: "sparse_init_nid+0x8d/0x34d",
      sparseInitNidBuffer: "sparse_init_nid+0x11f/0x34d",
      sparseBufferFini: "sparse_init_nid",
      vmemmapAllocBlockZero: "vmemmap_alloc_block_zero.constprop.0+0xc/0x28",
      vmemmapPopulate: "vmemmap_populate+0x119/0x32d",
      acpiParseHpet: "acpi_parse_hpet+0xc3/0x132",
      ioApicInitMappings: "io_apic_init_mappings+0x37/0x1d9",
      e820ReserveResources: "e820__reserve_resources+0x2a/0x1b0",
      firmwareMapAddEarly: "firmware_map_add_early+0x29/0x53",
      registerNosaveRegion: "register_nosave_region+0x53/0xd5",
    },
  },
  numa: {
    resetNid: 1024,
    cleanupBounds: "max_pfn",
    registration: "meminfo",
    nodeDataSize: 0x2b000n,
    nodeDataFailurePanics: false,
    distanceAlloc: "phys_alloc_range",
    callers: { allocDistance: "numa_alloc_distance+0x9f/0x13b", resetDistance: "numa_reset_distance", emulationCopy: "numa_emulation", emulationFree: "numa_emulation" },
  },
  // reserve_crashkernel is inlined into setup_arch in this build
  crashkernel: { strategy: "x86", caller: "setup_arch+0xa7f/0xd4f", lowCaller: "reserve_crashkernel_low" },
  memblock: {
    emptyKeepsDummy: true,
    isNodeRequest: (nid) => nid !== -1,
    dumpShowsNode: (nid) => nid !== 1024,
    pfnRangeAllNodes: (nid) => nid === 1024,
    deprecatedMaxNumnodes: true,
    // the whole array, every time
    mergeWindow: (_start, _end, cnt) => [0, cnt - 1],
    resizeRefusal: "fail",
    // offsets from this build's memblock=debug boot log
    callers: {
      allocReserve: "memblock_alloc_range_nid+0xb0/0x13d",
      allocReserveFallback: "memblock_alloc_range_nid+0xee/0x13d",
      doubleArrayReserve: "memblock_double_array",
      memblockFree: "memblock_double_array",
    },
  },
  srat: {
    ...DEBIAN_X86_64_SRAT_LIMITS,
    processorTypes: [0, 2, 3, 5],
    cpuAffinityPrinted: true,
    walkerPrefix: "ACPI: ",
    walkerStopsOnError: false,
    // tbprint.c: the checksum the table should carry
    checksumWarning: { acpicaVersion: "20220331", module: "tbprint", line: 180, shouldBe: (_field, correct) => correct },
  },
  hotplug: {
    // CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE is not set
    defaultOnlineType: "offline",
    memmapOnMemory: "single-block",
    memmapOnMemoryForce: false,
    crashHotplugFile: false,
    clearNodeStateBeforeZonelists: false,
  },
  zones: {
    maxOrderNrPages: 1024n,
    pageblockNrPages: 512n,
    migrateTypes: 6n,
    pagesPerSection: 32768n,
    structPageSize: 64n,
    movableNodeBasePfn: "down",
    mirrorNeedsMirroredMemory: false,
    announceOfflineNode: true,
    bootManagedPages: "present-minus-memmap",
    memorylessLocalNodeFirst: true,
    nrKernelPages: "boot-managed",
    pgdatSize: 174208n,
    offlineNodeDataCaller: "free_area_init+0x942/0xbdf",
  },
  mm: {
    // "Memory:" line of this build (QEMU q35, -m 512, console=ttyS0 nokaslr panic=-1)
    imageK: { code: 14343n, rwdata: 2338n, rodata: 9132n, init: 2824n, bss: 17344n },
    dmaReserve: true,
    memoryLineTiming: "before-deferred",
    // preallocate_vmalloc_pages: one PUD page for each of the 64 PGD entries of the 32 TiB vmalloc area
    earlyBuddyAllocPages: () => 64n,
    // "percpu: Embedded 62 pages/cpu s217088 r8192 d28672" and sizeof(struct pcpu_chunk) of this build;
    // call sites from its memblock=debug boot logs
    percpu: {
      staticSize: 217088n,
      reservedSize: 8192n,
      dynSize: 28672n,
      chunkStructSize: 136n,
      extraCpumasks: 4,
      callers: {
        allocInfo: "pcpu_build_alloc_info+0x346/0x488",
        areas: "pcpu_embed_first_chunk+0x69/0x70f",
        fcAlloc: "pcpu_fc_alloc+0xf2/0x148",
        fcAllocAnyNode: "pcpu_fc_alloc",
        unitFree: "pcpu_embed_first_chunk+0x216/0x70f",
        groupOffsets: "pcpu_setup_first_chunk+0x2ff/0x7af",
        groupSizes: "pcpu_setup_first_chunk+0x324/0x7af",
        unitMap: "pcpu_setup_first_chunk+0x34d/0x7af",
        unitOff: "pcpu_setup_first_chunk+0x38c/0x7af",
        chunkLists: "pcpu_setup_first_chunk+0x696/0x7af",
        chunk: "pcpu_alloc_first_chunk+0x80/0x251",
        allocMap: "pcpu_alloc_first_chunk+0xf2/0x251",
        boundMap: "pcpu_alloc_first_chunk+0x11b/0x251",
        mdBlocks: "pcpu_alloc_first_chunk+0x141/0x251",
        allocInfoFree: "pcpu_embed_first_chunk+0x285/0x70f",
        areasFree: "pcpu_embed_first_chunk+0x2cf/0x70f",
        cpumask: "alloc_bootmem_cpumask_var+0x28/0x5b",
      },
    },
    callers: {
      savedCommandLine: "start_kernel+0x14f/0x70f",
      staticCommandLine: "start_kernel+0x17c/0x70f",
      unknownOptions: "start_kernel+0x2f8/0x70f",
      unknownOptionsFree: "start_kernel+0x381/0x70f",
      sppGetpage: "spp_getpage+0x4e/0x97",
      largeSystemHash: "alloc_large_system_hash+0x15a/0x27c",
      swiotlb: {
        buffer: "swiotlb_init_remap+0x8a/0x22d",
        slots: "swiotlb_init_remap+0x152/0x22d",
        areas: "swiotlb_init_remap+0x1a8/0x22d",
      },
      // the reserved array's site is read from the image's disassembly (no recorded boot doubles that array)
      memblockDiscard: { reserved: "memblock_discard+0x67/0xd7", memory: "memblock_discard+0xc9/0xd7" },
    },
    swiotlbAreasLimited: false,
    sppPages: 3,
    // CONFIG_INIT_STACK_ALL_ZERO=y, CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y, INIT_ON_FREE_DEFAULT_ON unset
    memAutoInit: { stack: "all(zero)", onAlloc: true, onFree: false },
    startKernelOrder: [
      "setup_command_line",
      "setup_per_cpu_areas",
      "build_all_zonelists",
      "kernel_command_line",
      "vfs_caches_init_early",
      "trap_init",
      "report_meminit",
      "mem_init",
      "mem_init_print_info",
      "vfs_caches_init",
      "memblock_discard",
    ],
  },
};
