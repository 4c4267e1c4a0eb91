/**
 * calculate_node_totalpages and free_area_init_core: each zone's span on a
 * node (clamped to the zone's architectural range and cut at the node's
 * ZONE_MOVABLE start), its present pages (the span minus holes, and in
 * kernelcore=mirror mode minus the memory the other side owns), and the
 * pages it manages before memblock hands memory to the buddy allocator.
 */
import type { KernelEvent } from "../events.js";
import { vsprintf } from "../printk/vsprintf.js";
import { MEMBLOCK_MIRROR, memPfnRanges, pfnDown, pfnUp } from "./mem-ranges.js";
import type { MemRegion } from "./mem-ranges.js";
import type { ZonesProfile } from "./profile.js";
import { MAX_NR_ZONES, ZONE_DMA, ZONE_MOVABLE, ZONE_NORMAL, zoneNames } from "./zone.js";
import type { ZoneBounds } from "./zone.js";

export interface ZoneSize {
  zone: number;
  /** zone_start_pfn (0 when the zone spans nothing). */
  start: bigint;
  spanned: bigint;
  present: bigint;
  /** managed pages as free_area_init_core leaves them (before memblock_free_all). */
  managed: bigint;
}

/** What the zone layout needs to know beyond the memory map. */
export interface ZoneLayout {
  bounds: readonly ZoneBounds[];
  movableZone: number;
  zoneMovablePfn: ReadonlyMap<number, bigint>;
  mirroredKernelcore: boolean;
}

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x);
const minB = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const maxB = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** zone_spanned_pages_in_node with adjust_zone_range_for_zone_movable: `[start, end)` of the zone on the node. */
function zoneSpan(
  layout: ZoneLayout,
  nid: number,
  zone: number,
  nodeStart: bigint,
  nodeEnd: bigint,
): { start: bigint; end: bigint } {
  const b = layout.bounds[zone] ?? { lowest: 0n, highest: 0n };
  let start = clamp(nodeStart, b.lowest, b.highest);
  let end = clamp(nodeEnd, b.lowest, b.highest);
  const zmp = layout.zoneMovablePfn.get(nid) ?? 0n;
  if (zmp) {
    if (zone === ZONE_MOVABLE) {
      start = zmp;
      end = minB(nodeEnd, layout.bounds[layout.movableZone]?.highest ?? 0n);
    } else if (!layout.mirroredKernelcore && start < zmp && end > zmp) {
      end = zmp;
    } else if (start >= zmp) {
      start = end;
    }
  }
  if (end < nodeStart || start > nodeEnd) return { start: 0n, end: 0n };
  end = minB(end, nodeEnd);
  start = maxB(start, nodeStart);
  return { start, end: end > start ? end : start };
}

/** zone_absent_pages_in_node. */
function zoneAbsent(
  memory: readonly MemRegion[],
  layout: ZoneLayout,
  nid: number,
  zone: number,
  start: bigint,
  end: bigint,
): bigint {
  if (start === end) return 0n;
  let absent = end - start;
  for (const r of memPfnRanges(memory, nid)) absent -= clamp(r.end, start, end) - clamp(r.start, start, end);
  if (layout.mirroredKernelcore && layout.zoneMovablePfn.get(nid)) {
    for (const r of memory) {
      const s = clamp(pfnUp(r.base), start, end);
      const e = clamp(pfnDown(r.base + r.size), start, end);
      const mirror = (r.flags & MEMBLOCK_MIRROR) !== 0;
      if ((zone === ZONE_MOVABLE && mirror) || (zone === ZONE_NORMAL && !mirror)) absent += e > s ? e - s : 0n;
    }
  }
  return absent;
}

/** calc_memmap_size: struct pages for the zone, counted on present pages when the zone has big holes. */
function memmapPages(spanned: bigint, present: bigint, profile: ZonesProfile): bigint {
  const pages = spanned > present + (present >> 4n) ? present : spanned;
  const bytes = pages * profile.structPageSize;
  return (bytes + 4095n) >> 12n;
}

/** The zones of one node, in zone order, and the lines free_area_init_core may warn with. */
export function nodeZoneSizes(
  memory: readonly MemRegion[],
  layout: ZoneLayout,
  nid: number,
  nodeStart: bigint,
  nodeEnd: bigint,
  dmaReserve: bigint,
  profile: ZonesProfile,
  emit: (e: KernelEvent) => void,
): ZoneSize[] {
  const zones: ZoneSize[] = [];
  for (let z = 0; z < MAX_NR_ZONES; z++) {
    const noMemory = nodeStart === 0n && nodeEnd === 0n;
    const span = noMemory ? { start: 0n, end: 0n } : zoneSpan(layout, nid, z, nodeStart, nodeEnd);
    const spanned = span.end - span.start;
    const present = spanned - zoneAbsent(memory, layout, nid, z, span.start, span.end);
    let managed = present;
    if (profile.bootManagedPages === "present-minus-memmap") {
      const memmap = memmapPages(spanned, present, profile);
      if (managed >= memmap) managed -= memmap;
      else {
        emit({
          phase: "zones",
          kind: "zones.memmap_exceeds",
          line: vsprintf("  %s zone: %lu memmap pages exceeds freesize %lu", [zoneNames[z] ?? "", memmap, managed]),
          level: 4,
          data: { nid, zone: zoneNames[z], memmap, freesize: managed },
        });
      }
      if (z === ZONE_DMA && managed > dmaReserve) managed -= dmaReserve;
    }
    zones.push({ zone: z, start: spanned ? span.start : 0n, spanned, present, managed });
  }
  return zones;
}
