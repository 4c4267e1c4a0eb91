// memsim as a library: the pure engine and its readers and renderers.
export { InputError } from "./errors.js";
export { profiles, profileFor } from "./profiles/index.js";
export type { KernelProfile, KernelVersion } from "./profiles/index.js";
export type { KernelEvent, Emit } from "./events.js";
export { SRAT_TYPE, SRAT_FLAGS, SRAT_HEADER_SIZE } from "./acpi/srat.js";
export type {
  AcpiTableHeader,
  SratTable,
  SratSubtable,
  SratSubtableKind,
  SratCpuAffinity,
  SratMemoryAffinity,
  SratX2apicAffinity,
  SratGiccAffinity,
  SratGicItsAffinity,
  SratGenericInitiatorAffinity,
  SratGenericPortAffinity,
  SratRintcAffinity,
  SratRawSubtable,
} from "./acpi/srat.js";
export { vsprintf } from "./printk/vsprintf.js";
export type { PrintfArg } from "./printk/vsprintf.js";
export { Memblock } from "./memblock/memblock.js";
export type { MemblockOptions, PhysRange, PfnRange } from "./memblock/memblock.js";
export * from "./memblock/region.js";
export type { MemblockProfile, MemblockCallers } from "./memblock/profile.js";
export type { MemblockMessage, MemblockReporter } from "./memblock/report.js";
export { runMemblockScript, parseMemblockScript, executeMemblockScript, MemblockProgram } from "./memblock/script.js";
export type { MemblockOp, MemblockOpName } from "./memblock/script.js";
export { KernelPanic, KernelBug } from "./printk/bug.js";
export { HotplugSystem } from "./hotplug/system.js";
export { runtimeDescriptionFromBoot } from "./hotplug/from-boot.js";
export { explainBlock } from "./hotplug/explain.js";
export { runtimeDescriptionFromJson } from "./hotplug/description.js";
export type { RuntimeDescription } from "./hotplug/description.js";
export { runScript, formatStep } from "./hotplug/script.js";
export { lsmem } from "./hotplug/lsmem.js";
export { sysfsView } from "./hotplug/sysfs.js";
export { decodeSrat, encodeSrat } from "./acpi/srat-codec.js";
export { sratToAsl, sratBytesToAsl, sratFromAsl } from "./acpi/srat-asl.js";
export { sratToJson, sratFromJson } from "./acpi/srat-json.js";
export { readAcpidump } from "./acpi/acpidump.js";
export { readSrat, readSratBytes, detectSratFormat } from "./acpi/srat-input.js";
export { parseSratLikeLinux, sratChecksumEvents } from "./acpi/srat-linux.js";
export type { SratParseResult, SratCpu, SratMemory, NumaMemblk, SratOptions } from "./acpi/srat-linux.js";
export { lintSrat } from "./acpi/srat-lint.js";
export type { LintFinding } from "./acpi/srat-lint.js";
export type { SratProfile } from "./acpi/profile.js";
export { freeAreaInit } from "./mm/free-area-init.js";
export type { FreeAreaInitInput, FreeAreaInitResult, NodeZones } from "./mm/free-area-init.js";
export { findZoneMovablePfnsForNodes } from "./mm/zone-movable.js";
export type { ZoneMovableParams, ZoneMovableResult } from "./mm/zone-movable.js";
export { buildAllZonelists } from "./mm/zonelists.js";
export { memInitPrintInfo, memblockFindDmaReserve } from "./mm/mem-init.js";
export type { MmProfile, ZonesProfile } from "./mm/profile.js";
export { renderDmesg } from "./render/dmesg.js";
export { renderJson, bootToJson } from "./render/json.js";
export { renderMap } from "./render/map.js";
export type { MapOptions } from "./render/map.js";
export { nodeVerdicts } from "./render/verdict.js";
export type { NodeVerdict } from "./render/verdict.js";
export { E820Type, emptyMachine } from "./machine.js";
export type { Machine, E820Entry, AcpiTable, AcpiInitrdTable, AcpiTableUpgrade, Unknown as MachineUnknown, PhysRange as MachineRange } from "./machine.js";
export { machineFromJson, machineToJson, e820FromJson } from "./machine/json.js";
export { DmesgReader, readDmesg } from "./readers/dmesg.js";
export { LineSplitter, splitLines } from "./readers/text.js";
export type { TextLine } from "./readers/text.js";
export { readMemmap } from "./readers/memmap.js";
export type { MemmapDir } from "./readers/memmap.js";
export { e820FromMemmapTar, E820LogReader } from "./readers/e820.js";
export { e820UpdateTable, e820RangeAdd, e820RangeUpdate, e820RangeRemove, e820PrintTable, e820TypeName, e820TypeFromName } from "./x86/e820.js";
export { e820MemorySetup, e820FinishEarlyParams, e820AddKernelRange, e820TrimBiosRange, e820EndRamPfn } from "./x86/e820-setup.js";
export type { E820Profile } from "./x86/e820-setup.js";
export { boot } from "./boot/boot.js";
export type { BootContext, BootResult, NumaState, NodeDataPlacement, Placement, KernelImage } from "./boot/types.js";
export { parseCmdline } from "./boot/cmdline.js";
export type { BootParams, EarlyEffect } from "./boot/cmdline.js";
export { exampleMachine } from "./boot/example.js";
export { compareWithLog, diffAgainstLog, MODELLED_SECTIONS } from "./boot/compare.js";
export { SECTIONS, sectionsOf, bootPartOfLog } from "./boot/sections.js";
export type { SectionName, SectionDiff } from "./boot/sections.js";
