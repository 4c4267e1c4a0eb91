/**
 * The ACPI System Resource Affinity Table (ACPI 6.5 §5.2.16) as memsim holds
 * it: every byte of the binary table has a home here, so that decode and
 * encode round-trip exactly. 64-bit fields are bigint, narrower ones number.
 * Text fields (signature, OEM IDs) are Latin-1 strings of the raw bytes with
 * trailing NULs stripped; encoding pads them back with NULs.
 */

/** The common header every ACPI table starts with (36 bytes). */
export interface AcpiTableHeader {
  signature: string;
  /** Length of the whole table in bytes, as written in the table. */
  length: number;
  revision: number;
  /** As written; the bytes of the whole table sum to 0 mod 256 when it is right. */
  checksum: number;
  oemId: string;
  oemTableId: string;
  oemRevision: number;
  aslCompilerId: string;
  aslCompilerRevision: number;
}

/** Subtable type numbers (ACPI 6.5 table 5.70, plus RINTC from ACPI 6.6). */
export const SRAT_TYPE = {
  cpuAffinity: 0,
  memoryAffinity: 1,
  x2apicAffinity: 2,
  giccAffinity: 3,
  gicItsAffinity: 4,
  genericInitiatorAffinity: 5,
  genericPortAffinity: 6,
  rintcAffinity: 7,
} as const;

/** Flag bits, named as the specification names them. */
export const SRAT_FLAGS = {
  /** Processor (types 0, 2), GICC (3), RINTC (7), Generic Initiator/Port (5, 6): bit 0. */
  enabled: 1,
  /** Memory Affinity: bit 1. */
  hotPluggable: 1 << 1,
  /** Memory Affinity: bit 2. */
  nonVolatile: 1 << 2,
  /** Generic Initiator/Port: bit 1 (ACPI 6.4). */
  architecturalTransactions: 1 << 1,
} as const;

interface SubtableBase {
  /** The subtable's Length byte as written in the table. */
  length: number;
  /**
   * Bytes the Length byte claims beyond the fields this type defines (a newer
   * revision's additions or vendor padding); kept so that encode round-trips.
   */
  extra?: Uint8Array;
}

/** Type 0: Processor Local APIC/SAPIC Affinity (16 bytes). */
export interface SratCpuAffinity extends SubtableBase {
  kind: "cpuAffinity";
  type: 0;
  /** Bits 0-7 of the proximity domain. */
  proximityDomainLo: number;
  apicId: number;
  flags: number;
  localSapicEid: number;
  /** Bits 8-31 of the proximity domain (3 bytes, little endian). */
  proximityDomainHi: number;
  clockDomain: number;
}

/** Type 1: Memory Affinity (40 bytes). */
export interface SratMemoryAffinity extends SubtableBase {
  kind: "memoryAffinity";
  type: 1;
  proximityDomain: number;
  reserved1: number;
  baseAddress: bigint;
  /** "Address Length" in iasl: the size of the range in bytes. */
  addressLength: bigint;
  reserved2: number;
  flags: number;
  reserved3: bigint;
}

/** Type 2: Processor Local x2APIC Affinity (24 bytes). */
export interface SratX2apicAffinity extends SubtableBase {
  kind: "x2apicAffinity";
  type: 2;
  reserved1: number;
  proximityDomain: number;
  apicId: number;
  flags: number;
  clockDomain: number;
  reserved2: number;
}

/** Type 3: GICC Affinity (18 bytes). */
export interface SratGiccAffinity extends SubtableBase {
  kind: "giccAffinity";
  type: 3;
  proximityDomain: number;
  acpiProcessorUid: number;
  flags: number;
  clockDomain: number;
}

/** Type 4: GIC ITS Affinity (12 bytes). */
export interface SratGicItsAffinity extends SubtableBase {
  kind: "gicItsAffinity";
  type: 4;
  proximityDomain: number;
  reserved: number;
  itsId: number;
}

/** Types 5 and 6 share one layout (32 bytes). */
interface SratGenericAffinityFields extends SubtableBase {
  reserved1: number;
  deviceHandleType: number;
  proximityDomain: number;
  /** 16 bytes: ACPI _HID/_UID or PCI segment/BDF, by deviceHandleType. */
  deviceHandle: Uint8Array;
  flags: number;
  reserved2: number;
}

/** Type 5: Generic Initiator Affinity. */
export interface SratGenericInitiatorAffinity extends SratGenericAffinityFields {
  kind: "genericInitiatorAffinity";
  type: 5;
}

/** Type 6: Generic Port Affinity. */
export interface SratGenericPortAffinity extends SratGenericAffinityFields {
  kind: "genericPortAffinity";
  type: 6;
}

/** Type 7: RINTC Affinity (20 bytes). */
export interface SratRintcAffinity extends SubtableBase {
  kind: "rintcAffinity";
  type: 7;
  reserved1: number;
  proximityDomain: number;
  acpiProcessorUid: number;
  flags: number;
  clockDomain: number;
}

/**
 * A subtable kept as bytes: an unknown type, or a known type whose Length is
 * too short to hold its fields. Skipped by its length, as the kernel does.
 */
export interface SratRawSubtable {
  kind: "raw";
  type: number;
  length: number;
  /** The bytes after the 2-byte type/length header, `length - 2` of them. */
  data: Uint8Array;
}

export type SratSubtable =
  | SratCpuAffinity
  | SratMemoryAffinity
  | SratX2apicAffinity
  | SratGiccAffinity
  | SratGicItsAffinity
  | SratGenericInitiatorAffinity
  | SratGenericPortAffinity
  | SratRintcAffinity
  | SratRawSubtable;

export type SratSubtableKind = SratSubtable["kind"];

/** A whole SRAT. */
export interface SratTable {
  header: AcpiTableHeader;
  /** The SRAT's own "Table Revision" field (must be 1). */
  tableRevision: number;
  reserved: bigint;
  subtables: SratSubtable[];
  /** Bytes after the last whole subtable, too few (< 2) for a subtable header. */
  trailing?: Uint8Array;
}

/** Size of the common header plus the SRAT's own header. */
export const SRAT_HEADER_SIZE = 48;
