import { numaValidNode } from "../memblock/profile.js";
import type { KernelProfile } from "./types.js";
import { DEBIAN_X86_64_SRAT_LIMITS } from "../acpi/profile.js";

/** Debian's linux-image-6.12.117+deb12-amd64. */
export const linux612: KernelProfile = {
  version: "6.12",
  release: "6.12.117+deb12-amd64",
  // e820__end_ram_pfn: RAM and ACPI-data entries count towards max_pfn
  e820: { endRamTypes: [1, 3] },
  x86: {
    physicalStart: 0x1000000n,
    // __end_of_kernel_reserve - _text of this build (its reserve_brk starts at 0x3c00000 without KASLR)
    kernelReserveSize: 0x2c00000n,
    // _end - _text: the image's .brk section (64 KiB slop + reserved brk areas) ends it
    kernelEndOffset: 0x2c30000n,
    realModeSize: 28672n,
    callers: {
      smpScanConfigMpf: "smp_scan_config+0xca/0x150",
      smpScanConfigMpc: "smp_scan_config+0x13a/0x150",
      reserveBrk: "setup_arch+0xc7e/0xe70",
      reserveLow1M: "setup_arch+0x891/0xe70",
      e820MemblockSetup: "e820__memblock_setup+0x73/0xb0",
      reserveRealMode: "reserve_real_mode+0x57/0x90",
      relocateInitrd: "setup_arch+0xd08/0xe70",
      relocateInitrdFree: "setup_arch+0xd80/0xe70",
      acpiReserveInitialTables: "acpi_reserve_initial_tables+0x4a/0x70",
      acpiTableUpgrade: "acpi_table_upgrade",
      memoryMapTopDown: "init_mem_mapping+0x1d5/0x3e0",
      memoryMapTopDownFree: "init_mem_mapping+0x1f5/0x3e0",
      allocLowPages: "alloc_low_pages+0x96/0x150",
      sparseInit: "sparse_init+0x456/0x490",
      sparseIndexAlloc: "sparse_index_alloc+0x40/0x70",
      sparseInitNidUsage: "sparse_init_nid+0x9f/0x5b0",
      sparseInitNidBuffer: "sparse_init_nid+0x111/0x5b0",
      sparseBufferFini: "sparse_init_nid",
      vmemmapAllocBlockZero: "vmemmap_alloc_block_zero.constprop.0+0x11/0x50",
      vmemmapPopulate: "vmemmap_populate_hugepages+0xe6/0x1a0",
      acpiParseHpet: "acpi_parse_hpet+0x95/0x150",
      ioApicInitMappings: "io_apic_init_mappings+0x45/0x1f0",
      e820ReserveResources: "e820__reserve_resources+0x32/0x1f0",
      firmwareMapAddEarly: "firmware_map_add_early+0x2f/0x60",
      registerNosaveRegion: "register_nosave_region+0x57/0xe0",
    },
  },
  numa: {
    resetNid: -1,
    cleanupBounds: "dram",
    registration: "memblock",
    // roundup(sizeof(pg_data_t), SMP_CACHE_BYTES)
    nodeDataSize: 0x2a980n,
    nodeDataFailurePanics: true,
    distanceAlloc: "memblock_alloc",
    callers: { allocDistance: "numa_alloc_distance+0x14a/0x200", resetDistance: "numa_reset_distance", emulationCopy: "numa_emulation", emulationFree: "numa_emulation" },
  },
  crashkernel: { strategy: "generic", caller: "reserve_crashkernel_generic+0x8a/0x230", lowCaller: "reserve_crashkernel_low" },
  memblock: {
    emptyKeepsDummy: false,
    isNodeRequest: numaValidNode,
    dumpShowsNode: numaValidNode,
    pfnRangeAllNodes: (nid) => !numaValidNode(nid),
    deprecatedMaxNumnodes: false,
    // from the pair before the first touched region to the one after the last
    mergeWindow: (start, end, cnt) => [start ? start - 1 : 0, cnt === 0 ? end : Math.min(end, cnt - 1)],
    resizeRefusal: "panic",
    // offsets from this build's memblock=debug boot logs (test/goldens/boot)
    callers: {
      allocReserve: "memblock_alloc_range_nid+0xbd/0x180",
      allocReserveFallback: "memblock_alloc_range_nid+0x101/0x180",
      doubleArrayReserve: "memblock_double_array",
      memblockFree: "memblock_double_array",
    },
  },
  srat: {
    ...DEBIAN_X86_64_SRAT_LIMITS,
    processorTypes: [0, 2, 3, 5, 7],
    cpuAffinityPrinted: false,
    walkerPrefix: "",
    walkerStopsOnError: true,
    // utcksum.c prints field minus correct value as an unsigned int
    checksumWarning: {
      acpicaVersion: "20240827",
      module: "utcksum",
      line: 58,
      shouldBe: (field, correct) => (field - correct) >>> 0,
    },
  },
  hotplug: {
    // CONFIG_MHP_DEFAULT_ONLINE_TYPE_ONLINE_AUTO=y
    defaultOnlineType: "online",
    memmapOnMemory: "per-block",
    memmapOnMemoryForce: true,
    crashHotplugFile: true,
    clearNodeStateBeforeZonelists: true,
  },
  zones: {
    maxOrderNrPages: 1024n,
    pageblockNrPages: 512n,
    migrateTypes: 6n,
    pagesPerSection: 32768n,
    structPageSize: 64n,
    movableNodeBasePfn: "up",
    mirrorNeedsMirroredMemory: true,
    announceOfflineNode: false,
    bootManagedPages: "present",
    memorylessLocalNodeFirst: false,
    nrKernelPages: "free-memblock",
    pgdatSize: 174464n,
    offlineNodeDataCaller: "alloc_offline_node_data+0x26/0x50",
  },
  mm: {
    // "Memory:" line of this build (QEMU q35, -m 512, console=ttyS0 nokaslr panic=-1)
    imageK: { code: 16384n, rwdata: 2499n, rodata: 11716n, init: 4264n, bss: 4904n },
    dmaReserve: false,
    memoryLineTiming: "after-deferred",
    // An estimate fitted to the recorded 2-CPU boots (about 3.5 MiB plus 1 page per 21400 pages
    // between 512 MiB and 64 GiB): the true figure varies from run to run.
    earlyBuddyAllocPages: (physPages) => 884n + physPages / 21400n,
    // "Freeing SMP alternatives memory: 40K" precedes the Memory: line in this build's logs
    initFreedBeforeMemoryLine: { what: "SMP alternatives", bytes: 40960n },
    // "percpu: Embedded 66 pages/cpu s233472 r8192 d28672" and sizeof(struct pcpu_chunk) of this build;
    // call sites from its memblock=debug boot logs
    percpu: {
      staticSize: 233472n,
      reservedSize: 8192n,
      dynSize: 28672n,
      chunkStructSize: 192n,
      extraCpumasks: 1,
      callers: {
        allocInfo: "pcpu_build_alloc_info+0x2e8/0x610",
        areas: "pcpu_embed_first_chunk+0x76/0x7e0",
        fcAlloc: "pcpu_fc_alloc+0x79/0x160",
        fcAllocAnyNode: "pcpu_fc_alloc",
        unitFree: "pcpu_embed_first_chunk+0x1f4/0x7e0",
        groupOffsets: "pcpu_setup_first_chunk+0xc7/0x860",
        groupSizes: "pcpu_setup_first_chunk+0xf2/0x860",
        unitMap: "pcpu_setup_first_chunk+0x120/0x860",
        unitOff: "pcpu_setup_first_chunk+0x14f/0x860",
        chunkLists: "pcpu_setup_first_chunk+0x6b5/0x860",
        chunk: "pcpu_alloc_first_chunk+0x7b/0x280",
        allocMap: "pcpu_alloc_first_chunk+0xdb/0x280",
        boundMap: "pcpu_alloc_first_chunk+0x10a/0x280",
        mdBlocks: "pcpu_alloc_first_chunk+0x136/0x280",
        allocInfoFree: "pcpu_embed_first_chunk+0x280/0x7e0",
        areasFree: "pcpu_embed_first_chunk+0x301/0x7e0",
        cpumask: "alloc_bootmem_cpumask_var+0x2e/0x70",
      },
    },
    callers: {
      savedCommandLine: "start_kernel+0x125/0x8d0",
      staticCommandLine: "start_kernel+0x158/0x8d0",
      unknownOptions: "start_kernel+0x6b5/0x8d0",
      unknownOptionsFree: "start_kernel+0x746/0x8d0",
      sppGetpage: "spp_getpage+0x4e/0xa0",
      largeSystemHash: "alloc_large_system_hash+0x21b/0x2d0",
      swiotlb: {
        buffer: "swiotlb_init_remap+0xf2/0x300",
        slots: "swiotlb_init_remap+0x169/0x300",
        areas: "swiotlb_init_remap+0x193/0x300",
      },
      // the reserved array's site is read from the image's disassembly (no recorded boot doubles that array)
      memblockDiscard: { reserved: "memblock_discard+0xeb/0x110", memory: "memblock_discard+0xbf/0x110" },
    },
    swiotlbAreasLimited: true,
    sppPages: 3,
    // CONFIG_INIT_STACK_ALL_ZERO=y, CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y, INIT_ON_FREE_DEFAULT_ON unset
    memAutoInit: { stack: "all(zero)", onAlloc: true, onFree: false },
    startKernelOrder: [
      "setup_command_line",
      "setup_per_cpu_areas",
      "kernel_command_line",
      "vfs_caches_init_early",
      "trap_init",
      "build_all_zonelists",
      "report_meminit",
      "mem_init",
      "vfs_caches_init",
      "mem_init_print_info",
      "memblock_discard",
    ],
  },
};
