/**
 * The machine: everything memsim needs to know about a computer before it
 * boots it. Every input (a boot log, an SRAT, an e820 map, a hand-written
 * JSON file) converts to this one plain-data shape, which the boot pipeline
 * consumes. Physical addresses are bigints; nothing here is computed, only
 * read. What the source could not tell goes into `unknown` instead of being
 * guessed.
 */
import type { SlitTable } from "./acpi/slit.js";
import type { SratTable } from "./acpi/srat.js";
import type { KernelVersion } from "./profiles/types.js";

/** E820 entry type codes as the kernel numbers them (arch/x86/include/asm/e820/types.h). */
export const E820Type = {
  RAM: 1,
  RESERVED: 2,
  ACPI: 3,
  NVS: 4,
  UNUSABLE: 5,
  PMEM: 7,
  PRAM: 12,
  RESERVED_KERN: 128,
  SOFT_RESERVED: 0xefffffff,
} as const;

/** One e820 entry: `[addr, addr + size)` of `type` (a u32 type code; unknown codes are kept). */
export interface E820Entry {
  addr: bigint;
  size: bigint;
  type: number;
}

/**
 * One "ACPI: XXXX 0x<addr> <len> (v<rev> <oem> <table id> <oem rev> <creator> <creator rev>)"
 * line of the kernel's table list, in the order printed. The RSDP line has
 * only revision and OEM ID; the FACS line has neither. Text fields are as
 * printed: full width (6, 8, 4 characters), since the kernel's space padding
 * cannot be told from spaces in the table (QEMU writes "BOCHS ", "BXPC    ").
 */
export interface AcpiTable {
  signature: string;
  address: bigint;
  length: number;
  revision?: number;
  oemId?: string;
  oemTableId?: string;
  oemRevision?: number;
  creatorId?: string;
  creatorRevision?: number;
  /**
   * Set when the table replaced a firmware table ("ACPI: XXXX 0x<old> Physical
   * table override, new table: 0x<new>"): the firmware table's address.
   */
  overrides?: bigint;
}

/** A "XXXX ACPI table found in initrd [<path>][0x<len>]" line: a table the initrd carries. */
export interface AcpiInitrdTable {
  signature: string;
  path: string;
  length: number;
}

/** An "ACPI: Table Upgrade: override|install [SIG-OEMID-TABLEID]" line (initrd table override). */
export interface AcpiTableUpgrade {
  action: "override" | "install";
  signature: string;
  oemId: string;
  oemTableId: string;
}

/** A physical range `[start, end]`, both ends inclusive, as the kernel prints `[mem a-b]`. */
export interface PhysRange {
  start: bigint;
  end: bigint;
}

/** Something a source could not tell (field is a JSON pointer into the machine). */
export interface Unknown {
  field: string;
  why: string;
}

export interface Machine {
  /** Kernel profile to boot with; from "Linux version …" or --kernel. */
  kernel?: KernelVersion;
  /** The full "Linux version …" banner when read from a log. */
  kernelBanner?: string;
  /** The kernel command line, exactly as "Command line:" shows it. */
  cmdline: string;
  /** The firmware's (BIOS-provided) e820 map, in firmware order, before sanitising. */
  e820: E820Entry[];
  /** The ACPI table list, RSDP first, in the order the kernel printed it. */
  acpiTables: AcpiTable[];
  /**
   * The SRAT the kernel reads, if any. Rebuilt from a log it holds only what
   * the log printed (see `unknown`); from a binary table it is exact.
   */
  srat?: SratTable;
  /**
   * The SLIT the kernel reads, if known. A log lists a SLIT ("ACPI: SLIT …")
   * but never prints its distances, so it comes from a table or JSON.
   */
  slit?: SlitTable;
  /** ACPI tables found in the initrd, in the order the kernel found them. */
  acpiInitrdTables: AcpiInitrdTable[];
  /** Tables the initrd overrode or installed ("ACPI: Table Upgrade: …"). */
  acpiTableUpgrades: AcpiTableUpgrade[];
  /** CPU counts from "Allowing N CPUs, M hotplug CPUs": N possible, M of them hot-pluggable. */
  cpus?: { possible: number; hotplug: number };
  /** The MP floating pointer structure, from "found SMP MP-table at [mem …]". */
  mpTable?: PhysRange;
  /** The initrd the boot loader placed, from "RAMDISK: [mem …]". */
  initrd?: PhysRange;
  /** The "DMI: …" identification string. */
  dmi?: string;
  /** The "Hypervisor detected: …" name. */
  hypervisor?: string;
  /** Physical range of the kernel image when the source gives it (default: the profile's no-KASLR load address). */
  kernelImage?: PhysRange;
  /** What the source could not tell. */
  unknown: Unknown[];
}

/** A machine with nothing known yet. */
export function emptyMachine(): Machine {
  return { cmdline: "", e820: [], acpiTables: [], acpiInitrdTables: [], acpiTableUpgrades: [], unknown: [] };
}
