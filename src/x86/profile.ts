/**
 * What differs in x86 early setup between kernel builds: the image layout of
 * the Debian build and the `%pS` call sites memblock=debug prints (build
 * specific: symbol+offset/size as the kernel's kallsyms shows them).
 */

/** The call sites of the boot steps, as `%pS` prints them. */
export interface X86Callers {
  /** smp_scan_config: the MP floating pointer, then the MP config table. */
  smpScanConfigMpf: string;
  smpScanConfigMpc: string;
  /** setup_arch's reserve_brk (inlined). */
  reserveBrk: string;
  /** setup_arch's memblock_reserve(0, 1M) (tail of reserve_real_mode). */
  reserveLow1M: string;
  e820MemblockSetup: string;
  reserveRealMode: string;
  /** reserve_initrd (inlined): relocate_initrd's allocation and the free of the old copy. */
  relocateInitrd: string;
  relocateInitrdFree: string;
  acpiReserveInitialTables: string;
  acpiTableUpgrade: string;
  /** memory_map_top_down's probe allocation and its free (inlined into init_mem_mapping). */
  memoryMapTopDown: string;
  memoryMapTopDownFree: string;
  allocLowPages: string;
  sparseInit: string;
  sparseIndexAlloc: string;
  sparseInitNidUsage: string;
  sparseInitNidBuffer: string;
  sparseBufferFini: string;
  vmemmapAllocBlockZero: string;
  vmemmapPopulate: string;
  /** The allocations at the end of setup_arch (setup-tail.ts). */
  acpiParseHpet: string;
  ioApicInitMappings: string;
  e820ReserveResources: string;
  firmwareMapAddEarly: string;
  registerNosaveRegion: string;
}

export interface X86Profile {
  /** CONFIG_PHYSICAL_START: where _text lands without KASLR. */
  physicalStart: bigint;
  /** __end_of_kernel_reserve - _text: the image early_reserve_memory reserves. */
  kernelReserveSize: bigint;
  /** _end - _text (the brk area's limit ends the image): the bottom-up direct mapping starts there. */
  kernelEndOffset: bigint;
  /** ALIGN(real_mode_blob_end - real_mode_blob, PAGE_SIZE): the trampoline. */
  realModeSize: bigint;
  callers: X86Callers;
}
