/**
 * `memsim srat lint`: everything in an SRAT that a kernel would complain
 * about or reject, and the traps that are silent at boot. Structural checks
 * work on the raw bytes; kernel checks run the table through each profile's
 * parseSratLikeLinux and report its warnings and errors; the rest look at
 * the accepted memory ranges (overlaps, hotplug on the kernel's node) and,
 * given an e820 map, at RAM that no node covers.
 */
import type { E820Entry } from "../machine.js";
import { hex } from "./hex.js";
import type { SratProfile } from "./profile.js";
import { byteSum, decodeSrat, readField, walkSubtables } from "./srat-codec.js";
import { SRAT_HEADER_SIZE, SRAT_TYPE } from "./srat.js";
import { ACPI_HEADER_FIELDS, layoutForType, type FieldLayout } from "./srat-layout.js";
import { parseSratLikeLinux, sratChecksumEvents, type SratMemory } from "./srat-linux.js";

export type LintSeverity = "error" | "warning" | "note";

export interface LintFinding {
  rule: string;
  severity: LintSeverity;
  /** Subtable index, when the finding is about one subtable. */
  index?: number;
  /** Byte offset in the table. */
  offset: number;
  message: string;
}

export interface LintOptions {
  /** Kernel builds to check against, by name. */
  profiles: readonly { name: string; profile: SratProfile }[];
  /** The machine's e820 map, to check that nodes cover its RAM. */
  e820?: readonly E820Entry[];
  /** Physical address of the kernel image (0x1000000 without KASLR). */
  kernelAddress?: bigint;
  x2apicMode?: boolean;
}

/** CONFIG_PHYSICAL_START of the Debian builds: where the kernel lands without KASLR. */
export const KERNEL_LOAD_ADDRESS = 0x1000000n;
const E820_RAM = 1;
/** Info-level kernel lines that still mean a CPU loses its node. */
const QUIET_TRAPS = new Set(["srat.x2apic_ignored", "srat.apicid_too_big"]);
const MIB = 1n << 20n;

export function lintSrat(bytes: Uint8Array, opts: LintOptions): LintFinding[] {
  const out: LintFinding[] = [];
  const add = (f: LintFinding): void => void out.push(f);
  if (bytes.length < SRAT_HEADER_SIZE) {
    add({ rule: "header-short", severity: "error", offset: 0, message: `${bytes.length} bytes cannot hold the 48-byte SRAT header` });
    return out;
  }
  const signature = readField(bytes, 0, ACPI_HEADER_FIELDS[0] as FieldLayout) as string;
  if (signature !== "SRAT") {
    add({ rule: "signature", severity: "error", offset: 0, message: `signature is ${JSON.stringify(signature)}, not "SRAT"` });
    return out;
  }
  const length = readField(bytes, 0, ACPI_HEADER_FIELDS[1] as FieldLayout) as number;
  if (length > bytes.length) {
    add({ rule: "length-mismatch", severity: "error", offset: 4, message: `table Length ${hex(length)} is longer than the ${hex(bytes.length)} bytes present` });
    return out;
  }
  if (length < SRAT_HEADER_SIZE) {
    add({ rule: "length-mismatch", severity: "error", offset: 4, message: `table Length ${hex(length)} is shorter than the SRAT header` });
    return out;
  }
  if (length < bytes.length) {
    add({ rule: "length-mismatch", severity: "warning", offset: length, message: `${bytes.length - length} bytes after the table's Length ${hex(length)} are not part of it` });
  }
  const table = bytes.subarray(0, length);
  if (byteSum(table) !== 0) {
    const lines = opts.profiles.map((p) => `${p.name}: "${sratChecksumEvents(table, p.profile)[0]?.line}"`);
    add({ rule: "checksum", severity: "warning", offset: 9, message: `checksum is wrong; the table is still used, but the kernel warns late in boot (${lines.join("; ")})` });
  }
  const tableRevision = readField(table, 36, { key: "", name: "", offset: 0, width: 4, kind: "uint" }) as number;
  if (tableRevision !== 1) {
    add({ rule: "table-revision", severity: "note", offset: 36, message: `Table Revision is ${tableRevision}; the specification requires 1 (Linux ignores it)` });
  }
  const revision = table[8] as number;
  const walk = walkSubtables(table, length);
  const p = walk.problem;
  if (p) {
    const kernel: Record<string, string> = {
      "length-zero": "the kernel stops its walk with \"Invalid zero length\" and NUMA from the SRAT fails",
      "length-too-short": "the kernel steps one byte and reads overlapping subtables",
      "past-end": "the kernel reads the rest of the subtable from memory after the table",
      "too-many": "",
    };
    add({ rule: p.code, severity: "error", index: p.index, offset: p.offset, message: `${p.message}; ${kernel[p.code]}` });
  } else if (walk.end < length) {
    add({ rule: "trailing-bytes", severity: "warning", offset: walk.end, message: `${length - walk.end} bytes at the end are too few for a subtable; the kernel skips them` });
  }
  for (const s of walk.spans) {
    const layout = layoutForType(s.type);
    const where = { index: s.index, offset: s.offset };
    if (!layout) {
      add({ rule: "unknown-type", severity: "note", ...where, message: `subtable type ${s.type} is unknown to Linux; skipped` });
    } else if (s.length && s.length < layout.size) {
      add({ rule: "short-subtable", severity: "error", ...where, message: `${layout.title} Length ${s.length} is below its size ${layout.size}` });
    } else if (s.type === SRAT_TYPE.cpuAffinity && s.length > layout.size) {
      add({ rule: "cpu-length", severity: "error", ...where, message: `Processor Local APIC/SAPIC Affinity Length ${s.length} is not 16; x86 Linux then stops using the SRAT (bad_srat, silently)` });
    }
    if (layout?.kind === "memoryAffinity" && revision <= 1 && s.length >= layout.size) {
      const pxm = readField(table, s.offset, layout.fields[0] as FieldLayout) as number;
      if (pxm > 0xff) {
        add({ rule: "pxm-revision-1", severity: "warning", ...where, message: `table Revision ${revision} makes Linux use only the low 8 bits of Proximity Domain ${hex(pxm)} (${pxm & 0xff})` });
      }
    }
    if (layout?.kind === "cpuAffinity" && revision < 2 && s.length >= layout.size) {
      const hi = readField(table, s.offset, layout.fields[4] as FieldLayout) as number;
      if (hi) add({ rule: "pxm-revision-1", severity: "warning", ...where, message: `table Revision ${revision} makes Linux ignore Proximity Domain High(24) ${hex(hi)}` });
    }
  }
  if (!p || p.code === "length-zero") kernelFindings(table, opts, add);
  // table-level findings first, then by position
  return out.sort((a, b) => (a.index ?? -1) - (b.index ?? -1) || a.offset - b.offset);
}

/** Findings that come from running the table through the kernels. */
function kernelFindings(table: Uint8Array, opts: LintOptions, add: (f: LintFinding) => void): void {
  const srat = decodeSrat(table, "lint");
  // A finding the kernels share is reported once, naming them.
  const byKey = new Map<string, { f: LintFinding; names: string[] }>();
  const per = (key: string, f: LintFinding, name: string): void => {
    const seen = byKey.get(key);
    if (seen) seen.names.push(name);
    else byKey.set(key, { f, names: [name] });
  };
  let memory: SratMemory[] = [];
  for (const { name, profile } of opts.profiles) {
    const res = parseSratLikeLinux(srat, profile, { x2apicMode: opts.x2apicMode });
    memory = res.memory;
    for (const e of res.events) {
      if ((e.level ?? 7) > 4 && !QUIET_TRAPS.has(e.kind)) continue;
      const d = (e.data ?? {}) as { index?: number; offset?: number };
      const why = e.cause ? ` (${e.cause.replace(/^entry \d+: /, "")})` : "";
      const f: LintFinding = { rule: "kernel", severity: (e.level ?? 7) <= 3 ? "error" : "warning", offset: d.offset ?? 0, message: `"${e.line}"${why}` };
      if (d.index !== undefined && d.index >= 0) f.index = d.index;
      per(`${d.index}|${e.line}`, f, name);
    }
    if (!res.ok) {
      const why = { "srat-disabled": "the SRAT was disabled", "walk-error": "the subtable walk failed", "no-memory-affinity": "no enabled Memory Affinity entry was accepted" }[res.failure ?? "walk-error"];
      per(`fail ${why}`, { rule: "numa-off", severity: "error", offset: 0, message: `${why}: NUMA does not come from the SRAT (the kernel falls back to one node)` }, name);
    }
    const gi = disabledInitiator(srat.subtables, profile);
    if (gi) per(`gi ${gi.message}`, gi, name);
  }
  for (const { f, names } of byKey.values()) {
    add({ ...f, message: `${names.join(", ")}: ${f.message}` });
  }
  overlaps(memory, add);
  kernelNodeHotplug(memory, opts.kernelAddress ?? KERNEL_LOAD_ADDRESS, add);
  if (opts.e820) coverage(memory, opts.e820, add);
  else add({ rule: "coverage", severity: "note", offset: 0, message: "no e820 map given (--e820): not checked whether the nodes cover all RAM" });
}

/** A disabled Generic Initiator makes its handler fail, and the walk stops handling entries. */
function disabledInitiator(subtables: ReturnType<typeof decodeSrat>["subtables"], profile: SratProfile): LintFinding | undefined {
  let offset = SRAT_HEADER_SIZE;
  for (let i = 0; i < subtables.length; i++) {
    const s = subtables[i]!;
    if (s.kind === "genericInitiatorAffinity" && !(s.flags & 1)) {
      const later = subtables.slice(i + 1).filter((x) => profile.processorTypes.includes(x.type)).length;
      if (!later) return undefined;
      return { rule: "disabled-initiator", severity: "error", index: i, offset, message: `disabled Generic Initiator Affinity fails its handler; the ${later} processor-class entries after it are ignored` };
    }
    offset += s.length || 2;
  }
  return undefined;
}

function overlaps(memory: readonly SratMemory[], add: (f: LintFinding) => void): void {
  for (let i = 0; i < memory.length; i++) {
    for (let j = i + 1; j < memory.length; j++) {
      const a = memory[i]!;
      const b = memory[j]!;
      if (a.start >= a.end || b.start >= b.end || a.end <= b.start || b.end <= a.start) continue;
      const range = (m: SratMemory): string => `[mem ${hex(m.start)}-${hex(m.end - 1n)}]`;
      if (a.node !== b.node) {
        add({ rule: "overlap", severity: "error", index: b.index, offset: b.offset, message: `node ${b.node} ${range(b)} overlaps node ${a.node} ${range(a)} (entry ${a.index}); numa_cleanup_meminfo rejects the NUMA configuration` });
      } else {
        add({ rule: "overlap", severity: "warning", index: b.index, offset: b.offset, message: `node ${b.node} ${range(b)} overlaps itself ${range(a)} (entry ${a.index})` });
      }
    }
  }
}

function kernelNodeHotplug(memory: readonly SratMemory[], kernel: bigint, add: (f: LintFinding) => void): void {
  const home = memory.find((m) => m.start <= kernel && kernel < m.end);
  if (!home) return;
  for (const m of memory) {
    if (m.node !== home.node || !m.hotpluggable) continue;
    add({
      rule: "hotplug-kernel-node",
      severity: "warning",
      index: m.index,
      offset: m.offset,
      message: `hotpluggable range [mem ${hex(m.start)}-${hex(m.end - 1n)}] is on node ${m.node}, which holds the kernel at ${hex(kernel)}; Linux clears hotplug on all of that node's memory, so it never becomes movable or removable`,
    });
  }
}

function coverage(memory: readonly SratMemory[], e820: readonly E820Entry[], add: (f: LintFinding) => void): void {
  const ranges = memory.filter((m) => m.start < m.end).map((m) => [m.start, m.end] as const);
  let total = 0n;
  let missing = 0n;
  const gaps: string[] = [];
  for (const e of e820.filter((x) => x.type === E820_RAM)) {
    let pieces: (readonly [bigint, bigint])[] = [[e.addr, e.addr + e.size]];
    total += e.size;
    for (const [s, t] of ranges) {
      pieces = pieces.flatMap(([a, b]) => (t <= a || b <= s ? [[a, b] as const] : [...(a < s ? [[a, s] as const] : []), ...(t < b ? [[t, b] as const] : [])]));
    }
    for (const [a, b] of pieces) {
      missing += b - a;
      gaps.push(`[mem ${hex(a)}-${hex(b - 1n)}]`);
    }
  }
  if (!missing) return;
  const severity = missing >= MIB ? "error" : "warning";
  const effect = missing >= MIB ? "1 MiB or more, so the kernel drops NUMA altogether" : "under 1 MiB, which the kernel tolerates";
  add({ rule: "coverage", severity, offset: 0, message: `${missing / 1024n} KiB of ${total / 1024n} KiB e820 RAM is in no node (${gaps.slice(0, 4).join(", ")}${gaps.length > 4 ? ", ..." : ""}): ${effect}` });
}
