/**
 * An SRAT rebuilt from what a boot log prints about it: the processor lines
 * "SRAT: PXM p -> APIC 0x.. -> Node n" (6.1 only; 6.12 prints them at debug
 * level), the memory lines "ACPI: SRAT: Node n PXM p [mem a-b] [hotplug]
 * [non-volatile]", and the table's header from the ACPI table list. The
 * kernel prints only the entries it accepted, so disabled and rejected
 * entries (and, from 6.12, all processor entries) are missing; each gap is
 * reported, never filled in.
 */
import type { SratCpuAffinity, SratMemoryAffinity, SratSubtable, SratTable, SratX2apicAffinity } from "../acpi/srat.js";
import { SRAT_FLAGS } from "../acpi/srat.js";
import { decodeSrat, encodeSrat } from "../acpi/srat-codec.js";
import { parseCmdline } from "../boot/cmdline.js";
import type { AcpiTable, Unknown } from "../machine.js";
import type { KernelVersion } from "../profiles/types.js";

export interface SratCpuLine {
  pxm: number;
  apicId: number;
  /** Hex digits printed: 2 for a Local APIC entry (%02x), 4 or more for an x2APIC entry (%04x). */
  digits: number;
  /** Absent when the kernel ignored an x2APIC entry before mapping its PXM. */
  node?: number;
  at: string;
}

export interface SratMemoryLine {
  node: number;
  pxm: number;
  start: bigint;
  end: bigint;
  hotplug: boolean;
  nonVolatile: boolean;
  at: string;
}

export interface SratLogLines {
  cpus: SratCpuLine[];
  memory: SratMemoryLine[];
  /** "SRAT: Too many proximity domains" and the like: the kernel gave up on part of the table. */
  trouble: string[];
}

/**
 * Whether a boot with this command line walks the SRAT's entries, and so can
 * print them: numa=off skips the ACPI NUMA init altogether, numa=noacpi
 * disables the SRAT so every entry handler returns at once, and acpi=off
 * (unless a later acpi=force turns ACPI back on) fails the ACPI NUMA init
 * before it looks at any table.
 */
export function sratWalked(cmdline: string): boolean {
  const p = parseCmdline(cmdline);
  let acpiOff = false;
  for (const a of p.args) {
    if (a.param === "acpi" && (a.val === "off" || a.val === "force")) acpiOff = a.val === "off";
  }
  return !p.numaOff && !p.numaNoAcpi && !acpiOff;
}

function cpuEntry(c: SratCpuLine): SratCpuAffinity | SratX2apicAffinity {
  if (c.digits <= 2) {
    return {
      kind: "cpuAffinity",
      type: 0,
      length: 16,
      proximityDomainLo: c.pxm & 0xff,
      apicId: c.apicId,
      flags: SRAT_FLAGS.enabled,
      localSapicEid: 0,
      proximityDomainHi: c.pxm >>> 8,
      clockDomain: 0,
    };
  }
  return {
    kind: "x2apicAffinity",
    type: 2,
    length: 24,
    reserved1: 0,
    proximityDomain: c.pxm,
    apicId: c.apicId,
    flags: SRAT_FLAGS.enabled,
    clockDomain: 0,
    reserved2: 0,
  };
}

function memoryEntry(l: SratMemoryLine): SratMemoryAffinity {
  return {
    kind: "memoryAffinity",
    type: 1,
    length: 40,
    proximityDomain: l.pxm,
    reserved1: 0,
    baseAddress: l.start,
    addressLength: l.end - l.start + 1n,
    reserved2: 0,
    flags: SRAT_FLAGS.enabled | (l.hotplug ? SRAT_FLAGS.hotPluggable : 0) | (l.nonVolatile ? SRAT_FLAGS.nonVolatile : 0),
    reserved3: 0n,
  };
}

/**
 * The node each PXM gets when the kernel maps them in first-seen order
 * (acpi_map_pxm_to_node), processor entries before memory entries as
 * acpi_numa_init parses them; a line whose printed node differs shows that
 * unprinted entries came first.
 */
function nodeNumberingGaps(lines: SratLogLines): string[] {
  const nodes = new Map<number, number>();
  const gaps: string[] = [];
  const check = (pxm: number, node: number | undefined, at: string) => {
    if (node === undefined) return;
    if (!nodes.has(pxm)) nodes.set(pxm, nodes.size);
    if (nodes.get(pxm) !== node) gaps.push(`${at}: PXM ${pxm} is node ${node}, but the printed entries alone would make it node ${nodes.get(pxm)}`);
  };
  for (const c of lines.cpus) check(c.pxm, c.node, c.at);
  for (const l of lines.memory) check(l.pxm, l.node, l.at);
  return gaps;
}

export function sratFromLog(
  lines: SratLogLines,
  listed: AcpiTable | undefined,
  kernel: KernelVersion | undefined,
  file: string,
): { table: SratTable; unknown: Unknown[] } | undefined {
  if (!listed && lines.cpus.length === 0 && lines.memory.length === 0) return undefined;
  const unknown: Unknown[] = [];
  const subtables: SratSubtable[] = [...lines.cpus.map(cpuEntry), ...lines.memory.map(memoryEntry)];
  const widePxm = [...lines.cpus, ...lines.memory].some((e) => e.pxm > 0xff);
  const built: SratTable = {
    header: {
      signature: "SRAT",
      length: 0,
      // the proximity domain is 8 bits wide up to revision 1
      revision: listed?.revision ?? (widePxm ? 2 : 1),
      checksum: 0,
      oemId: listed?.oemId ?? "",
      oemTableId: listed?.oemTableId ?? "",
      oemRevision: listed?.oemRevision ?? 0,
      aslCompilerId: listed?.creatorId ?? "",
      aslCompilerRevision: listed?.creatorRevision ?? 0,
    },
    tableRevision: 1,
    reserved: 0n,
    subtables,
  };
  // the codec fills in length and checksum
  const table = decodeSrat(encodeSrat(built), file);

  if (!listed) unknown.push({ field: "/srat/header", why: "no SRAT line in the ACPI table list: revision, OEM IDs and creator are unknown" });
  else unknown.push({ field: "/srat/header", why: "the OEM IDs are printed space-padded: trailing spaces may have been NULs; the checksum is recomputed" });
  unknown.push({ field: "/srat/tableRevision", why: "the log does not print the SRAT's own table revision; taken as 1" });
  if (table.header.revision <= 1 && subtables.length > 0) {
    unknown.push({ field: "/srat/subtables", why: `an SRAT of revision ${table.header.revision}: the kernel keeps only the low 8 bits of a processor or memory entry's proximity domain, so the high bits are not known` });
  }
  if (kernel !== "6.1") {
    unknown.push({
      field: "/srat/subtables",
      why: `processor affinity entries are printed only by 6.1 (the log is from ${kernel ?? "an unknown kernel"}); none rebuilt`,
    });
  }
  unknown.push({ field: "/srat/subtables", why: "disabled or rejected entries, clock domains and other subtable types are not printed" });
  if (listed && listed.length !== table.header.length) {
    unknown.push({
      field: "/srat/subtables",
      why: `the firmware's SRAT is ${listed.length} bytes; the entries the log shows make ${table.header.length}`,
    });
  }
  for (const gap of nodeNumberingGaps(lines)) unknown.push({ field: "/srat/subtables", why: gap });
  for (const t of lines.trouble) unknown.push({ field: "/srat", why: `the kernel reported "${t}"; entries after it may be missing` });
  return { table, unknown };
}
