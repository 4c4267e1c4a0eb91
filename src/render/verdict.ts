/**
 * Verdicts: for each node, whether its memory can be hot-removed after this
 * boot, and the chain of reasons, read off the boot's events and final state
 * (never a second model of the kernel). Memory can go only if the firmware
 * marks it hotpluggable, all of it ended up in ZONE_MOVABLE, and no boot
 * allocation sits in it.
 */
import type { BootResult } from "../boot/types.js";
import { ZONE_MOVABLE, zoneNames } from "../mm/zone.js";

export interface NodeVerdict {
  nid: number;
  removable: boolean;
  /** One line: "hot-removable" or "not hot-removable: <first blocking reason>". */
  summary: string;
  /** The chain of reasons, in the order the boot decided them. */
  reasons: string[];
}

interface Range {
  start: bigint;
  end: bigint;
}

const MiB = (bytes: bigint): string => {
  const whole = bytes >> 20n;
  return whole === 0n && bytes > 0n ? "<1 MiB" : `${whole} MiB`;
};
const hex = (x: bigint): string => `0x${x.toString(16)}`;
const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;

/** The SRAT memory entries the firmware marked hotpluggable, per node. */
function firmwareHotplug(result: BootResult): Map<number, Range[]> {
  const out = new Map<number, Range[]>();
  for (const e of result.events) {
    if (e.kind !== "srat.memory" || !e.data?.hotpluggable) continue;
    const nid = Number(e.data.node);
    const list = out.get(nid) ?? [];
    list.push({ start: e.data.start as bigint, end: e.data.end as bigint });
    out.set(nid, list);
  }
  return out;
}

/** Names of what the boot placed in `ranges` (the kernel image, NODE_DATA, memmaps, per-CPU areas …). */
function placedIn(result: BootResult, ranges: readonly Range[]): string[] {
  const k = result.kernelImage;
  const names: string[] = [];
  if (ranges.some((m) => overlaps(m, { start: k.start, end: k.brkEnd }))) names.push("the kernel image");
  for (const p of result.placements) if (ranges.some((m) => overlaps(m, p))) names.push(p.what.replace(/ of section \d+/, ""));
  return [...new Set(names)];
}

function covered(ranges: readonly Range[], by: readonly Range[]): boolean {
  return ranges.every((r) => {
    let pos = r.start;
    for (const b of [...by].sort((x, y) => (x.start < y.start ? -1 : 1))) {
      if (b.start <= pos && b.end > pos) pos = b.end;
    }
    return pos >= r.end;
  });
}

export function nodeVerdicts(result: BootResult): NodeVerdict[] {
  const zones = result.mm.zones;
  if (!zones) return [];
  const hotplug = firmwareHotplug(result);
  const movable = zones.movable;
  const out: NodeVerdict[] = [];
  for (const node of zones.nodes) {
    const nid = node.nid;
    const reasons: string[] = [];
    const blockers: string[] = [];
    const block = (why: string): void => {
      reasons.push(why);
      blockers.push(why);
    };
    const memory = result.memblock.memory
      .filter((r) => r.nid === nid)
      .map((r) => ({ start: r.base, end: r.base + r.size }));
    if (!node.hasMemory) {
      block(`node ${nid} has no memory at boot`);
      out.push({ nid, removable: false, summary: `not hot-removable: ${blockers[0]}`, reasons });
      continue;
    }
    const hp = (hotplug.get(nid) ?? []).filter((h) => memory.some((m) => overlaps(m, h)));
    const later = (hotplug.get(nid) ?? []).filter((h) => !memory.some((m) => overlaps(m, h)));
    if (result.numa.method !== "acpi") block(`there is no usable SRAT, so no memory is marked hotpluggable`);
    else if (hp.length === 0) {
      const room = later.map((h) => `[mem ${hex(h.start)}-${hex(h.end - 1n)}]`).join(", ");
      block(
        `the SRAT does not mark node ${nid}'s boot memory hotpluggable` +
          (room ? ` (its hotpluggable range ${room} is room for memory added later)` : ""),
      );
    } else {
      const all = covered(memory, hp);
      reasons.push(`the SRAT marks ${all ? "all" : "part"} of node ${nid}'s memory hotpluggable`);
      if (!all) block(`part of node ${nid}'s memory is not marked hotpluggable`);
    }
    if (result.params.movableNode && hotplug.size === 0) {
      reasons.push("movable_node was given, but no memory is marked hotpluggable, so it put nothing in ZONE_MOVABLE");
    }
    if (result.numa.kernelNodes.includes(nid)) {
      const k = result.kernelImage;
      const holdsImage = memory.some((m) => overlaps(m, { start: k.start, end: k.end }));
      block(
        `node ${nid} holds ${holdsImage ? "the kernel image" : "memory reserved early in boot"}, so its hotplug flag was cleared`,
      );
    }
    for (const ig of movable.ignored) reasons.push(`${ig.param} was ignored because ${ig.because}`);
    const kernelZones = node.zones.filter((z) => z.zone !== ZONE_MOVABLE && z.present > 0n);
    const kernelPages = kernelZones.reduce((n, z) => n + z.present, 0n);
    const movablePages = node.zones.find((z) => z.zone === ZONE_MOVABLE)?.present ?? 0n;
    const start = movable.zoneMovablePfn.get(nid);
    if (start !== undefined) {
      reasons.push(`ZONE_MOVABLE starts at ${hex(start << 12n)} on node ${nid} (${movableRule(movable.mode)})`);
    }
    if (hp.length > 0 && !result.params.movableNode && kernelPages > 0n) {
      reasons.push(`movable_node was not given, so hotpluggable memory went to ${zoneNames[kernelZones.at(-1)?.zone ?? 2]}`);
    }
    if (kernelPages > 0n) {
      const where = kernelZones.map((z) => `${MiB(z.present << 12n)} in ${zoneNames[z.zone]}`).join(", ");
      block(`${where} of node ${nid} can hold unmovable kernel allocations`);
    } else if (movablePages > 0n) {
      reasons.push(`all ${MiB(movablePages << 12n)} of node ${nid} are in ZONE_MOVABLE`);
    }
    for (const nd of result.nodeData) {
      if (nd.nid === nid && nd.onNode !== nid) reasons.push(`NODE_DATA(${nid}) was placed on node ${nd.onNode}`);
      if (nd.onNode === nid && nd.nid !== nid) reasons.push(`node ${nid} holds NODE_DATA(${nd.nid})`);
    }
    const reserved = result.memblock.reserved
      .map((r) => ({ start: r.base, end: r.base + r.size }))
      .filter((r) => memory.some((m) => overlaps(m, r)));
    if (reserved.length > 0) {
      const bytes = reserved.reduce((n, r) => n + (r.end - r.start), 0n);
      const what = placedIn(result, reserved);
      const list = what.length > 5 ? `${what.slice(0, 5).join(", ")} and ${what.length - 5} more` : what.join(", ");
      block(`${MiB(bytes)} of node ${nid} stays reserved by the boot${list ? ` (${list})` : ""}`);
    }
    const removable = blockers.length === 0;
    const mz = node.zones.find((z) => z.zone === ZONE_MOVABLE && z.present > 0n);
    if (!removable && mz && kernelPages > 0n) {
      const span = { start: mz.start << 12n, end: (mz.start + mz.spanned) << 12n };
      const pinned = result.memblock.reserved.some((r) => overlaps(span, { start: r.base, end: r.base + r.size }));
      reasons.push(
        `its ZONE_MOVABLE part [mem ${hex(span.start)}-${hex(span.end - 1n)}] (${MiB(mz.present << 12n)}) ` +
          (pinned ? "still holds boot allocations" : "holds no boot allocation, so its memory blocks can go offline"),
      );
    }
    out.push({ nid, removable, summary: removable ? "hot-removable" : `not hot-removable: ${blockers[0]}`, reasons });
  }
  return out;
}

function movableRule(mode: string): string {
  switch (mode) {
    case "movable_node":
      return "movable_node: from the first hotpluggable memory";
    case "mirror":
      return "kernelcore=mirror: from the first non-mirrored memory above 4 GiB";
    default:
      return "kernelcore=/movablecore=: after the node's share of kernel memory";
  }
}
