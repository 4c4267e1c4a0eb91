/**
 * The SRAT as x86 Linux reads it at boot (acpi_numa_init and its handlers in
 * drivers/acpi/numa/srat.c and arch/x86/mm/srat.c): one walk over the
 * processor-class subtables, then one over memory affinity, each through the
 * generic subtable walker. Returns what the kernel keeps (PXM->node map, CPU
 * and memory entries, numa_meminfo blocks, ranges to mark hotplug) and every
 * line it prints, so the boot pipeline can carry on from here.
 */
import type { KernelEvent } from "../events.js";
import { vsprintf, type PrintfArg } from "../printk/vsprintf.js";
import type { SratProfile } from "./profile.js";
import { byteSum, encodeSrat, type FieldValue, readField } from "./srat-codec.js";
import type { SratTable } from "./srat.js";
import { SRAT_FLAGS, SRAT_HEADER_SIZE, SRAT_TYPE } from "./srat.js";
import { layoutForType } from "./srat-layout.js";

const KERN_ERR = 3;
const KERN_WARNING = 4;
const KERN_INFO = 6;
const NUMA_NO_NODE = -1;
const U64 = (1n << 64n) - 1n;

export interface SratOptions {
  /**
   * The APIC driver is in x2APIC mode when the SRAT is parsed (firmware left
   * x2APIC on). Otherwise x2APIC entries with IDs above 0xfe are ignored.
   */
  x2apicMode?: boolean;
}

export interface SratCpu {
  index: number;
  type: number;
  apicId: number;
  pxm: number;
  node: number;
}

export interface SratMemory {
  index: number;
  offset: number;
  pxm: number;
  node: number;
  start: bigint;
  /** Exclusive end (start + length, wrapped at 2^64 as the kernel computes it). */
  end: bigint;
  hotpluggable: boolean;
  nonVolatile: boolean;
}

export interface NumaMemblk {
  nid: number;
  start: bigint;
  end: bigint;
}

export interface SratParseResult {
  /** x86_acpi_numa_init succeeded: NUMA comes from the SRAT. */
  ok: boolean;
  /** Why not, when not. */
  failure?: "srat-disabled" | "walk-error" | "no-memory-affinity";
  /** acpi_srat_revision: the table header's Revision. */
  revision: number;
  /** acpi_map_pxm_to_node assignments in order: [pxm, node]. */
  pxmToNode: [number, number][];
  cpus: SratCpu[];
  memory: SratMemory[];
  /** numa_meminfo as the SRAT leaves it (before cleanup). */
  memblks: NumaMemblk[];
  /** Ranges given to memblock_mark_hotplug, in order. */
  hotplugRanges: { start: bigint; size: bigint }[];
  /** numa_nodes_parsed. */
  nodesParsed: number[];
  /** Nodes set N_GENERIC_INITIATOR. */
  genericInitiatorNodes: number[];
  /** max_possible_pfn after the SRAT. */
  maxPossiblePfn: bigint;
  events: KernelEvent[];
}

const int32 = (n: number): number => n | 0;

/** Interprets an SRAT the way the given kernel does (its KernelProfile or just the srat part). */
export function parseSratLikeLinux(
  srat: SratTable,
  kernel: SratProfile | { srat: SratProfile },
  opts: SratOptions = {},
): SratParseResult {
  const profile = "srat" in kernel ? kernel.srat : kernel;
  const bytes = encodeSrat(srat, { asIs: true });
  const tableEnd = Math.min(srat.header.length, bytes.length);
  const revision = srat.header.revision;
  const events: KernelEvent[] = [];
  const res: SratParseResult = {
    ok: false,
    revision,
    pxmToNode: [],
    cpus: [],
    memory: [],
    memblks: [],
    hotplugRanges: [],
    nodesParsed: [],
    genericInitiatorNodes: [],
    maxPossiblePfn: 0n,
    events,
  };
  const pxmMap = new Map<number, number>();
  const nodesFound = new Set<number>();
  const parsed = new Set<number>();
  let disabled = false;
  let parsedMemblks = 0;

  /** The subtable being handled, named in every event's data. */
  const at = { index: -1, offset: 0 };
  const say = (kind: string, level: number, fmt: string, args: PrintfArg[], cause: string, data?: Record<string, unknown>): void => {
    const line = vsprintf(fmt, args);
    events.push({ phase: "srat", kind, level, line, cause, data: { index: at.index, offset: at.offset, ...data } });
  };
  const badSrat = (cause: string): void => {
    say("srat.not_used", KERN_ERR, "ACPI: SRAT: SRAT not used.", [], cause);
    disabled = true;
  };
  const mapPxm = (pxm: number): number => {
    if (pxm < 0 || pxm >= profile.maxPxmDomains) return NUMA_NO_NODE;
    const known = pxmMap.get(pxm);
    if (known !== undefined) return known;
    let node = 0;
    while (nodesFound.has(node)) node++;
    if (node >= profile.maxNumNodes) return NUMA_NO_NODE;
    pxmMap.set(pxm, node);
    res.pxmToNode.push([pxm, node]);
    nodesFound.add(node);
    return node;
  };
  /** Why acpi_map_pxm_to_node found no node. */
  const noNode = (index: number, pxm: number): string =>
    `entry ${index}: ` +
    (pxm < 0 || pxm >= profile.maxPxmDomains
      ? `PXM ${pxm >>> 0} is not below MAX_PXM_DOMAINS (${profile.maxPxmDomains})`
      : `all ${profile.maxNumNodes} nodes are taken`);
  const fields = (offset: number, type: number): Record<string, FieldValue> => {
    // The kernel reads the structure whatever Length says; so do we.
    const out: Record<string, FieldValue> = {};
    for (const f of layoutForType(type)?.fields ?? []) out[f.key] = readField(bytes, offset, f);
    return out;
  };

  /** Handlers return false where the kernel's return non-zero. */
  const cpuAffinity = (index: number, offset: number, length: number): boolean => {
    if (disabled) return true;
    const f = fields(offset, SRAT_TYPE.cpuAffinity);
    if (length !== 16) {
      badSrat(`entry ${index}: Processor Local APIC/SAPIC Affinity Length ${length} is not 16`);
      return true;
    }
    if (!((f.flags as number) & SRAT_FLAGS.enabled)) return true;
    let pxm = f.proximityDomainLo as number;
    // Revision 2+ adds the three high bytes; the kernel reads them as a u32 shifted by 8.
    if (revision >= 2) pxm = int32(pxm | (((f.proximityDomainHi as number) << 8) >>> 0));
    const node = mapPxm(pxm);
    if (node < 0) {
      say("srat.too_many_pxm", KERN_ERR, "SRAT: Too many proximity domains %x", [pxm >>> 0], noNode(index, pxm));
      badSrat(`entry ${index}: no node for PXM ${pxm >>> 0}`);
      return true;
    }
    const apicId = f.apicId as number;
    parsed.add(node);
    res.cpus.push({ index, type: SRAT_TYPE.cpuAffinity, apicId, pxm, node });
    if (profile.cpuAffinityPrinted) {
      say("srat.cpu", KERN_INFO, "SRAT: PXM %u -> APIC 0x%02x -> Node %u", [pxm, apicId, node], `entry ${index}: processor affinity`);
    }
    return true;
  };

  const x2apicAffinity = (index: number, offset: number, length: number): boolean => {
    if (disabled) return true;
    if (length < 24) {
      badSrat(`entry ${index}: x2APIC Affinity Length ${length} is below 24`);
      return true;
    }
    const f = fields(offset, SRAT_TYPE.x2apicAffinity);
    if (!((f.flags as number) & SRAT_FLAGS.enabled)) return true;
    const pxm = int32(f.proximityDomain as number);
    const apicId = f.apicId as number;
    if (!opts.x2apicMode && apicId > 0xfe) {
      say("srat.x2apic_ignored", KERN_INFO, "SRAT: PXM %u -> X2APIC 0x%04x ignored", [pxm >>> 0, apicId], `entry ${index}: APIC ID above 0xfe without x2APIC mode`);
      return true;
    }
    const node = mapPxm(pxm);
    if (node < 0) {
      say("srat.too_many_pxm", KERN_ERR, "SRAT: Too many proximity domains %x", [pxm >>> 0], noNode(index, pxm));
      badSrat(`entry ${index}: no node for PXM ${pxm >>> 0}`);
      return true;
    }
    if (apicId >= profile.maxLocalApic) {
      say("srat.apicid_too_big", KERN_INFO, "SRAT: PXM %u -> APIC 0x%04x -> Node %u skipped apicid that is too big", [pxm, apicId, node], `entry ${index}: APIC ID >= MAX_LOCAL_APIC`);
      return true;
    }
    parsed.add(node);
    res.cpus.push({ index, type: SRAT_TYPE.x2apicAffinity, apicId, pxm, node });
    if (profile.cpuAffinityPrinted) {
      say("srat.cpu", KERN_INFO, "SRAT: PXM %u -> APIC 0x%04x -> Node %u", [pxm, apicId, node], `entry ${index}: x2APIC affinity`);
    }
    return true;
  };

  const genericInitiator = (index: number, offset: number): boolean => {
    const f = fields(offset, SRAT_TYPE.genericInitiatorAffinity);
    // A disabled Generic Initiator fails the handler, which ends the walk's handling.
    if (!((f.flags as number) & SRAT_FLAGS.enabled)) return false;
    const node = mapPxm(int32(f.proximityDomain as number));
    if (node < 0) {
      say("srat.too_many_pxm", KERN_ERR, "ACPI: SRAT: Too many proximity domains.", [], noNode(index, int32(f.proximityDomain as number)));
      return false;
    }
    parsed.add(node);
    if (!res.genericInitiatorNodes.includes(node)) res.genericInitiatorNodes.push(node);
    return true;
  };

  const addMemblk = (nid: number, start: bigint, end: bigint): boolean => {
    if (start === end) return true;
    if (start > end) {
      say("numa.invalid_memblk", KERN_WARNING, "Warning: invalid memblk node %d [mem %#010Lx-%#010Lx]", [nid, start, (end - 1n) & U64], "range wraps past 2^64");
      return true;
    }
    if (res.memblks.length >= profile.nrNodeMemblks) {
      say("numa.too_many_memblks", KERN_ERR, "too many memblk ranges", [], `numa_meminfo holds ${profile.nrNodeMemblks} blocks`);
      return false;
    }
    res.memblks.push({ nid, start, end });
    return true;
  };

  const memoryAffinity = (index: number, offset: number, length: number): boolean => {
    if (disabled) return true;
    if (length < 40) {
      say("srat.bad_length", KERN_ERR, "ACPI: SRAT: Unexpected header length: %d", [length], `entry ${index}: Memory Affinity shorter than 40 bytes`);
      badSrat(`entry ${index}: Memory Affinity Length ${length}`);
      return true;
    }
    const f = fields(offset, SRAT_TYPE.memoryAffinity);
    const flags = f.flags as number;
    if (!(flags & SRAT_FLAGS.enabled)) return true;
    const hotpluggable = (flags & SRAT_FLAGS.hotPluggable) !== 0;
    const nonVolatile = (flags & SRAT_FLAGS.nonVolatile) !== 0;
    const start = f.baseAddress as bigint;
    const size = f.addressLength as bigint;
    const end = (start + size) & U64;
    let pxm = int32(f.proximityDomain as number);
    // Revision 1 tables had an 8-bit proximity domain.
    if (revision <= 1) pxm &= 0xff;
    const node = mapPxm(pxm);
    const last = (end - 1n) & U64;
    if (node < 0) {
      say("srat.too_many_pxm", KERN_ERR, "ACPI: SRAT: Too many proximity domains.", [], noNode(index, pxm));
      badSrat(`entry ${index}: no node for PXM ${pxm >>> 0}`);
      return true;
    }
    if (!addMemblk(node, start, end)) {
      say("srat.add_memblk_failed", KERN_ERR, "ACPI: SRAT: Failed to add memblk to node %u [mem %#010Lx-%#010Lx]", [node, start, last], `entry ${index}: numa_meminfo full`);
      badSrat(`entry ${index}: numa_meminfo full`);
      return true;
    }
    parsed.add(node);
    say(
      "srat.memory",
      KERN_INFO,
      "ACPI: SRAT: Node %u PXM %u [mem %#010Lx-%#010Lx]%s%s",
      [node, pxm, start, last, hotpluggable ? " hotplug" : "", nonVolatile ? " non-volatile" : ""],
      `entry ${index}: memory affinity`,
      { index, node, pxm, start, end, hotpluggable, nonVolatile },
    );
    res.memory.push({ index, offset, pxm, node, start, end, hotpluggable, nonVolatile });
    if (hotpluggable) res.hotplugRanges.push({ start, size });
    const pfnUp = (((last + 4095n) & U64) >> 12n);
    if (pfnUp > res.maxPossiblePfn) res.maxPossiblePfn = pfnUp;
    parsedMemblks++;
    return true;
  };

  const handlers = new Map<number, (index: number, offset: number, length: number) => boolean>([
    [SRAT_TYPE.cpuAffinity, cpuAffinity],
    [SRAT_TYPE.x2apicAffinity, x2apicAffinity],
    // GICC and RINTC handlers are no-ops on x86 beyond a pr_debug.
    [SRAT_TYPE.giccAffinity, () => true],
    [SRAT_TYPE.genericInitiatorAffinity, genericInitiator],
    [SRAT_TYPE.rintcAffinity, () => true],
  ]);

  /** The generic subtable walker: false when it returns an error. */
  const walk = (types: readonly number[], handle: (type: number, index: number, offset: number, length: number) => boolean): boolean => {
    let offset = SRAT_HEADER_SIZE;
    let index = 0;
    let failed = false;
    while (offset + 2 < tableEnd) {
      at.index = index;
      at.offset = offset;
      const type = bytes[offset] as number;
      const length = bytes[offset + 1] as number;
      if (types.includes(type) && !failed && !handle(type, index, offset, length)) {
        failed = true;
        if (profile.walkerStopsOnError) return false;
      }
      if (length === 0) {
        say("acpi.zero_length", KERN_ERR, "%s[%.4s:0x%02x] Invalid zero length", [profile.walkerPrefix, "SRAT", types[0] as number], `entry ${index} at offset ${offset} has Length 0`);
        return false;
      }
      offset += length;
      index++;
    }
    return !failed;
  };

  walk(profile.processorTypes, (type, index, offset, length) => (handlers.get(type) as NonNullable<ReturnType<typeof handlers.get>>)(index, offset, length));
  const memoryWalkOk = walk([SRAT_TYPE.memoryAffinity], (_t, index, offset, length) => memoryAffinity(index, offset, length));

  res.nodesParsed = [...parsed].sort((a, b) => a - b);
  if (!memoryWalkOk) res.failure = "walk-error";
  else if (!parsedMemblks) res.failure = "no-memory-affinity";
  else if (disabled) res.failure = "srat-disabled";
  res.ok = res.failure === undefined;
  return res;
}

/**
 * ACPICA's checksum complaint, printed when it verifies the tables late in
 * boot (acpi_early_init); the SRAT is still used.
 */
export function sratChecksumEvents(bytes: Uint8Array, profile: SratProfile): KernelEvent[] {
  const length = Math.min(bytes.length, bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24));
  const table = bytes.subarray(0, length);
  const sum = byteSum(table);
  if (sum === 0) return [];
  const field = table[9] as number;
  const correct = (field - sum) & 0xff;
  const w = profile.checksumWarning;
  const line = vsprintf("ACPI BIOS Warning (bug): Incorrect checksum in table [%4.4s] - 0x%2.2X, should be 0x%2.2X (%s/%s-%u)", [
    "SRAT",
    field,
    w.shouldBe(field, correct),
    w.acpicaVersion,
    w.module,
    w.line,
  ]);
  const cause = `bytes sum to 0x${sum.toString(16)}, not 0`;
  return [{ phase: "acpi", kind: "acpi.bad_checksum", level: KERN_WARNING, line, cause, data: { offset: 9, field, correct } }];
}
