/**
 * SRAT layouts declared once, as data: every field with the name iasl prints
 * for it, its offset, width and kind. The binary codec, the iasl text writer
 * and the iasl source reader all walk these tables; nothing else knows where
 * a field lives.
 */
import type { SratSubtable } from "./srat.js";

export type FieldKind =
  /** Little-endian unsigned integer; number up to 4 bytes, bigint for 8. */
  | "uint"
  /** Fixed-width ASCII name (NUL padded), printed in quotes. */
  | "name"
  /** Raw bytes printed as hex pairs. */
  | "bytes";

export interface FlagBit {
  mask: number;
  /** As iasl prints it under "Flags (decoded below)". */
  name: string;
}

export interface FieldLayout {
  /** Property of the model object. */
  key: string;
  /** Field name exactly as iasl prints it. */
  name: string;
  offset: number;
  width: number;
  kind: FieldKind;
  /** For a flags word: the bits iasl decodes below it (and compiles from). */
  bits?: readonly FlagBit[];
}

const u = (key: string, name: string, offset: number, width: number): FieldLayout => ({
  key,
  name,
  offset,
  width,
  kind: "uint",
});
const flags = (offset: number, bits: readonly FlagBit[]): FieldLayout => ({
  key: "flags",
  name: "Flags (decoded below)",
  offset,
  width: 4,
  kind: "uint",
  bits,
});

/** The 36-byte common ACPI header, keyed into `AcpiTableHeader`. */
export const ACPI_HEADER_FIELDS: readonly FieldLayout[] = [
  { key: "signature", name: "Signature", offset: 0, width: 4, kind: "name" },
  u("length", "Table Length", 4, 4),
  u("revision", "Revision", 8, 1),
  u("checksum", "Checksum", 9, 1),
  { key: "oemId", name: "Oem ID", offset: 10, width: 6, kind: "name" },
  { key: "oemTableId", name: "Oem Table ID", offset: 16, width: 8, kind: "name" },
  u("oemRevision", "Oem Revision", 24, 4),
  { key: "aslCompilerId", name: "Asl Compiler ID", offset: 28, width: 4, kind: "name" },
  u("aslCompilerRevision", "Asl Compiler Revision", 32, 4),
];

/** The SRAT's own 12 bytes after the common header, keyed into `SratTable`. */
export const SRAT_ROOT_FIELDS: readonly FieldLayout[] = [
  u("tableRevision", "Table Revision", 36, 4),
  u("reserved", "Reserved", 40, 8),
];

/** Type and Length, the first two bytes of every subtable. */
export const SUBTABLE_HEADER_FIELDS: readonly FieldLayout[] = [
  u("type", "Subtable Type", 0, 1),
  u("length", "Length", 1, 1),
];

const ENABLED: readonly FlagBit[] = [{ mask: 1, name: "Enabled" }];
const MEMORY_FLAGS: readonly FlagBit[] = [
  { mask: 1, name: "Enabled" },
  { mask: 2, name: "Hot Pluggable" },
  { mask: 4, name: "Non-Volatile" },
];

const GENERIC_AFFINITY_FIELDS: readonly FieldLayout[] = [
  u("reserved1", "Reserved1", 2, 1),
  u("deviceHandleType", "Device Handle Type", 3, 1),
  u("proximityDomain", "Proximity Domain", 4, 4),
  { key: "deviceHandle", name: "Device Handle", offset: 8, width: 16, kind: "bytes" },
  flags(24, ENABLED),
  u("reserved2", "Reserved2", 28, 4),
];

export type KnownSubtableKind = Exclude<SratSubtable["kind"], "raw">;

export interface SubtableLayout {
  type: number;
  kind: KnownSubtableKind;
  /** The subtable's title in ACPI 6.5 (iasl's name where iasl knows it). */
  title: string;
  /** Minimum Length that holds every field. */
  size: number;
  /** Body fields, offsets from the start of the subtable. */
  fields: readonly FieldLayout[];
  /** Whether Debian's iasl 20200925 decodes this type (else "Unknown Subtable Type"). */
  iaslKnows: boolean;
}

export const SUBTABLE_LAYOUTS: readonly SubtableLayout[] = [
  {
    type: 0,
    kind: "cpuAffinity",
    title: "Processor Local APIC/SAPIC Affinity",
    size: 16,
    iaslKnows: true,
    fields: [
      u("proximityDomainLo", "Proximity Domain Low(8)", 2, 1),
      u("apicId", "Apic ID", 3, 1),
      flags(4, ENABLED),
      u("localSapicEid", "Local Sapic EID", 8, 1),
      u("proximityDomainHi", "Proximity Domain High(24)", 9, 3),
      u("clockDomain", "Clock Domain", 12, 4),
    ],
  },
  {
    type: 1,
    kind: "memoryAffinity",
    title: "Memory Affinity",
    size: 40,
    iaslKnows: true,
    fields: [
      u("proximityDomain", "Proximity Domain", 2, 4),
      u("reserved1", "Reserved1", 6, 2),
      u("baseAddress", "Base Address", 8, 8),
      u("addressLength", "Address Length", 16, 8),
      u("reserved2", "Reserved2", 24, 4),
      flags(28, MEMORY_FLAGS),
      u("reserved3", "Reserved3", 32, 8),
    ],
  },
  {
    type: 2,
    kind: "x2apicAffinity",
    title: "Processor Local x2APIC Affinity",
    size: 24,
    iaslKnows: true,
    fields: [
      u("reserved1", "Reserved1", 2, 2),
      u("proximityDomain", "Proximity Domain", 4, 4),
      u("apicId", "Apic ID", 8, 4),
      flags(12, ENABLED),
      u("clockDomain", "Clock Domain", 16, 4),
      u("reserved2", "Reserved2", 20, 4),
    ],
  },
  {
    type: 3,
    kind: "giccAffinity",
    title: "GICC Affinity",
    size: 18,
    iaslKnows: true,
    fields: [
      u("proximityDomain", "Proximity Domain", 2, 4),
      u("acpiProcessorUid", "Acpi Processor UID", 6, 4),
      flags(10, ENABLED),
      u("clockDomain", "Clock Domain", 14, 4),
    ],
  },
  {
    type: 4,
    kind: "gicItsAffinity",
    title: "GIC ITS Affinity",
    size: 12,
    iaslKnows: true,
    fields: [
      u("proximityDomain", "Proximity Domain", 2, 4),
      u("reserved", "Reserved", 6, 2),
      u("itsId", "ITS ID", 8, 4),
    ],
  },
  {
    type: 5,
    kind: "genericInitiatorAffinity",
    title: "Generic Initiator Affinity",
    size: 32,
    iaslKnows: true,
    fields: GENERIC_AFFINITY_FIELDS,
  },
  {
    type: 6,
    kind: "genericPortAffinity",
    title: "Generic Port Affinity",
    size: 32,
    iaslKnows: false,
    fields: GENERIC_AFFINITY_FIELDS,
  },
  {
    type: 7,
    kind: "rintcAffinity",
    title: "RINTC Affinity",
    size: 20,
    iaslKnows: false,
    fields: [
      u("reserved1", "Reserved1", 2, 2),
      u("proximityDomain", "Proximity Domain", 4, 4),
      u("acpiProcessorUid", "Acpi Processor UID", 8, 4),
      flags(12, ENABLED),
      u("clockDomain", "Clock Domain", 16, 4),
    ],
  },
];

export function layoutForType(type: number): SubtableLayout | undefined {
  return SUBTABLE_LAYOUTS.find((l) => l.type === type);
}

export function layoutForKind(kind: KnownSubtableKind): SubtableLayout {
  const l = SUBTABLE_LAYOUTS.find((x) => x.kind === kind);
  if (!l) throw new Error(`no SRAT layout for ${kind}`);
  return l;
}

/** The signature's description iasl prints after it. */
export const SRAT_DESCRIPTION = "System Resource Affinity Table";
