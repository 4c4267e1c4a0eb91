/**
 * The booted machine as the run-time model starts from it: what memory_dev_init
 * and the node devices see once boot is over. It is plain data, written by
 * hand, converted from a BootResult, or read from a real guest's sysfs.
 */
import { InputError } from "../errors.js";
import { zoneNames, type ZoneName } from "../mm/zone.js";
import { MAX_NUMNODES } from "../kconfig.js";

export interface ZoneDescription {
  zone: ZoneName;
  /** zone_start_pfn << PAGE_SHIFT. */
  start: bigint;
  /** (zone_start_pfn + spanned_pages) << PAGE_SHIFT. */
  end: bigint;
  /** present_pages at the end of boot. */
  present: number;
}

export interface NodeDescription {
  nid: number;
  /** The node has CPUs (it never goes offline while it does). */
  cpus: boolean;
  /** System RAM of this node, `[start, end)` byte ranges (memblock.memory / e820 RAM). */
  memory: { start: bigint; end: bigint }[];
  zones: ZoneDescription[];
}

export interface ReservedDescription {
  start: bigint;
  end: bigint;
  /** Who reserved it: "kernel image", "NODE_DATA(1)", "memmap of node 0", ... */
  what: string;
}

/** Where hot-pluggable DIMMs go: QEMU's device-memory window, or the SRAT hotplug ranges. */
export interface HotplugWindow {
  start: bigint;
  end: bigint;
  /** Node a DIMM gets when its _PXM does not say (memory_add_physaddr_to_nid). */
  nid?: number;
}

export interface RuntimeDescription {
  /** The kernel command line (movable_node, memhp_default_state=, memory_hotplug.*). */
  cmdline: string;
  /** max_pfn << PAGE_SHIFT at memory_dev_init; defaults to the end of the highest RAM range. */
  bootMemEnd?: bigint;
  /** X86_FEATURE_HYPERVISOR (any guest). */
  hypervisor: boolean;
  /** The memory block size when already known (memsim's boot probed it); otherwise probed here. */
  blockSize?: bigint;
  nodes: NodeDescription[];
  /** PageReserved ranges left by boot (memblock.reserved that never went to the buddy). */
  reserved: ReservedDescription[];
  hotplugWindows: HotplugWindow[];
}


function addr(v: unknown, field: string): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === "string" && /^(0x[0-9a-f]+|[0-9]+)$/i.test(v)) {
    const b = BigInt(v);
    if (b < 1n << 64n) return b;
  }
  throw new InputError(`${field}: expected an address (0x hex or decimal below 2^64), got ${JSON.stringify(v)}`);
}

function obj(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new InputError(`${field}: expected an object`);
  return v as Record<string, unknown>;
}

function arr(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new InputError(`${field}: expected an array`);
  return v;
}

function count(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new InputError(`${field}: expected a page count`);
  return v;
}

function range(v: unknown, field: string): { start: bigint; end: bigint } {
  const o = obj(v, field);
  const start = addr(o.start, `${field}.start`);
  const end = addr(o.end, `${field}.end`);
  if (end <= start) throw new InputError(`${field}: end must be above start`);
  return { start, end };
}

/** Reads a RuntimeDescription from parsed JSON; `file` names the source in errors. */
export function runtimeDescriptionFromJson(json: unknown, file: string): RuntimeDescription {
  const o = obj(json, file);
  const cmdline = o.cmdline ?? "";
  if (typeof cmdline !== "string") throw new InputError(`${file}: cmdline: expected a string`);
  const nodes = arr(o.nodes, `${file}: nodes`).map((n, i): NodeDescription => {
    const f = `${file}: nodes[${i}]`;
    const no = obj(n, f);
    const nid = count(no.nid, `${f}.nid`);
    if (nid >= MAX_NUMNODES) throw new InputError(`${f}.nid: at most ${MAX_NUMNODES - 1}`);
    return {
      nid,
      cpus: no.cpus !== false,
      memory: arr(no.memory ?? [], `${f}.memory`).map((m, j) => range(m, `${f}.memory[${j}]`)),
      zones: arr(no.zones ?? [], `${f}.zones`).map((z, j) => {
        const zf = `${f}.zones[${j}]`;
        const zo = obj(z, zf);
        if (!(zoneNames as readonly unknown[]).includes(zo.zone)) throw new InputError(`${zf}.zone: unknown zone ${JSON.stringify(zo.zone)}`);
        return { zone: zo.zone as ZoneDescription["zone"], ...range(zo, zf), present: count(zo.present, `${zf}.present`) };
      }),
    };
  });
  if (!nodes.length) throw new InputError(`${file}: nodes: at least one node`);
  return {
    cmdline,
    hypervisor: o.hypervisor !== false,
    ...(o.bootMemEnd !== undefined ? { bootMemEnd: addr(o.bootMemEnd, `${file}: bootMemEnd`) } : {}),
    nodes,
    reserved: arr(o.reserved ?? [], `${file}: reserved`).map((r, i) => {
      const ro = obj(r, `${file}: reserved[${i}]`);
      return { ...range(ro, `${file}: reserved[${i}]`), what: typeof ro.what === "string" ? ro.what : "boot reservation" };
    }),
    hotplugWindows: arr(o.hotplugWindows ?? [], `${file}: hotplugWindows`).map((w, i) => {
      const wo = obj(w, `${file}: hotplugWindows[${i}]`);
      return { ...range(wo, `${file}: hotplugWindows[${i}]`), ...(wo.nid !== undefined ? { nid: count(wo.nid, `${file}: hotplugWindows[${i}].nid`) } : {}) };
    }),
  };
}
