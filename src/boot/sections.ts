/**
 * The boot log cut into the sections issue 4 compares, so that a prediction
 * and a real log can be matched section by section: which lines belong to
 * which kernel step, the boot part of a log (up to the memory block size),
 * and the normalisation the comparison allows (memblock=debug `%pS` offsets,
 * and an "available" figure the kernel makes run dependent).
 */
import { stripLogPrefix } from "../readers/log-prefix.js";

/** Sections in boot order. memblock trace lines are split at the memblock dumps and at "Zone ranges:". */
export const SECTIONS = [
  "e820",
  "last_pfn",
  "mptable",
  "memblock.e820",
  "acpi.reserve",
  "srat",
  "numa",
  "memblock.numa",
  "crashkernel",
  "memblock.sparse",
  "zones",
  "setup.tail",
  "zonelists",
  "memblock.late",
  "memory",
  "blocksize",
  "panic",
] as const;

export type SectionName = (typeof SECTIONS)[number];

const PATTERNS: [SectionName, RegExp][] = [
  [
    "e820",
    /^(BIOS-provided physical RAM map:|BIOS-e820: |e820: (update|remove) |user-defined physical RAM map:|user: \[mem |extended physical RAM map:|reserve setup_data: |\.text \.data \.bss are not marked|e820: too many entries|mem=nopentium ignored|modified physical RAM map:|modified: \[mem )/,
  ],
  ["last_pfn", /^last_pfn = /],
  ["mptable", /^found SMP MP-table at /],
  ["acpi.reserve", /^(ACPI: Reserving \S+ table memory at |ACPI: \S{4} ACPI table found in initrd )/],
  ["srat", /^(SRAT: |ACPI: SRAT: |\[SRAT:|ACPI: SLIT table looks invalid)/],
  [
    "numa",
    /^(NUMA: |No NUMA configuration found$|NUMA turned off$|Faking (a )?node |Fake node size |numa=fake=|Not enough memory for each node|NODE_DATA\(| {4}NODE_DATA\(|Warning: node \d+ |Warning: (node ids are out of bound|invalid distance parameter), |Warning: invalid memblk node|node \d+ \[mem .*\] overlaps with node|too many memblk ranges|Cannot find \d+ bytes in any node)/,
  ],
  [
    "zones",
    /^(Zone ranges:$| {2}(DMA|DMA32|Normal|Movable|Device) +(\[mem |empty$)|Movable zone start for each node$| {2}Node \d+: 0x|Early memory node ranges$| {2}node +\d+: \[mem |Initmem setup node |Initializing node \d+ as memoryless|On node \d+, zone |This configuration results in unmirrored kernel memory|The system has no mirror memory|The system is under kdump)/,
  ],
  ["crashkernel", /^(Reserving \d+MB of (low )?memory at \d+MB for crashkernel|crashkernel |cannot allocate crashkernel|Cannot reserve \d+MB crashkernel)/],
  ["setup.tail", /^(PM: hibernation: Registered nosave memory: |\[mem 0x[0-9a-f]+-0x[0-9a-f]+\] available for PCI devices$|Cannot find an available gap in the 32-bit address range|PCI devices with unassigned 32-bit BARs may not work)/],
  ["zonelists", /^(Fallback order for Node |Built \d+ zonelists, |Policy zone: )/],
  ["memory", /^Memory: \d+K\/\d+K available /],
  ["blocksize", /^x86\/mm: Memory block size: /],
  ["panic", /^Kernel panic - not syncing: /],
];

const MEMBLOCK_LINE = /^(memblock_[a-z_]+: |memblock: )/;
const DUMP_HEADER = "MEMBLOCK configuration:";
const DUMP_BODY = /^ (memory|reserved)(\[| size|\.cnt)/;
const SYMBOL_OFFSET = /\+0x[0-9a-f]+\/0x[0-9a-f]+/g;
const END_OF_BOOT = /^x86\/mm: Memory block size: /;

export type Sections = Map<SectionName, string[]>;

/** Where the boot is, for memblock lines: which dumps were printed, whether the zones and setup_arch's end were reached. */
interface Stage {
  dumps: number;
  afterZones: boolean;
  afterSetupArch: boolean;
}

function memblockSection(st: Stage): SectionName {
  if (st.afterSetupArch) return "memblock.late";
  if (st.afterZones) return "setup.tail";
  return st.dumps === 0 ? "memblock.e820" : st.dumps === 1 ? "memblock.numa" : "memblock.sparse";
}

/** setup_arch's last line: e820__setup_pci_gap. */
const PCI_GAP = /available for PCI devices$/;

/** Sorts kernel lines (no prefixes) into sections; lines of no section are dropped. */
export function sectionsOf(lines: readonly string[]): Sections {
  const out: Sections = new Map(SECTIONS.map((s) => [s, []]));
  const st: Stage = { dumps: 0, afterZones: false, afterSetupArch: false };
  let inDump: SectionName | undefined;
  for (const raw of lines) {
    const line = raw.replace(SYMBOL_OFFSET, "");
    if (line === DUMP_HEADER) {
      inDump = memblockSection(st);
      st.dumps++;
      out.get(inDump)!.push(line);
      continue;
    }
    if (inDump && DUMP_BODY.test(line)) {
      out.get(inDump)!.push(line);
      continue;
    }
    inDump = undefined;
    if (line === "Zone ranges:") st.afterZones = true;
    if (MEMBLOCK_LINE.test(line)) {
      out.get(memblockSection(st))!.push(line);
      continue;
    }
    const hit = PATTERNS.find(([, re]) => re.test(line));
    if (hit) out.get(hit[0])!.push(line);
    if (st.afterZones && PCI_GAP.test(line)) st.afterSetupArch = true;
  }
  return out;
}

/** The kernel lines of a log's boot part: prefixes stripped, up to and including the memory block size. */
export function bootPartOfLog(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = stripLogPrefix(raw.replace(/\r$/, ""));
    out.push(line);
    if (END_OF_BOOT.test(line)) break;
  }
  return out;
}

/** Masks the "available" figure of the Memory: line (for kernels that print it after run-dependent work). */
export function maskAvailable(sections: Sections): void {
  const mem = sections.get("memory")!;
  for (let i = 0; i < mem.length; i++) mem[i] = mem[i]!.replace(/^Memory: \d+K\//, "Memory: ?K/");
}

export interface SectionDiff {
  section: SectionName;
  match: boolean;
  predicted: string[];
  actual: string[];
  /** Index of the first differing line (or the shorter length). */
  firstDiff: number;
}

export function compareSections(predicted: Sections, actual: Sections): SectionDiff[] {
  return SECTIONS.map((section) => {
    const p = predicted.get(section) ?? [];
    const a = actual.get(section) ?? [];
    let i = 0;
    while (i < p.length && i < a.length && p[i] === a[i]) i++;
    return { section, match: i === p.length && i === a.length, predicted: p, actual: a, firstDiff: i };
  });
}
