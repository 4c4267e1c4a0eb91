/**
 * Onlining a memory block (drivers/base/memory.c:memory_block_online →
 * mm/memory_hotplug.c:online_pages): pick the zone, grow the zone and node
 * spans, account present pages, rebuild the zonelists when a zone gains its
 * first pages.
 */
import type { HotplugSystem, MemoryBlock, NodeState, Zone } from "./system.js";
import { zoneIsEmpty } from "./system.js";
import { zoneForPfnRange } from "./zone-select.js";
import { rebuildZonelists } from "./zonelists.js";
import { PAGEBLOCK_PAGES, ZONE_MOVABLE, type OnlineType } from "./types.js";
import { freeInZone } from "./offline.js";

/** move_pfn_range_to_zone: the zone (and so the node) span grows to cover the range. */
function growZone(zone: Zone, start: number, end: number): void {
  if (zoneIsEmpty(zone)) {
    zone.start = start;
    zone.end = end;
  } else {
    zone.start = Math.min(zone.start, start);
    zone.end = Math.max(zone.end, end);
  }
}

/** adjust_present_page_count. */
export function adjustPresent(mem: MemoryBlock, zone: Zone, pages: number): void {
  zone.present += pages;
  if (mem.early) zone.presentEarly += pages;
  if (mem.group) {
    if (zone.idx === ZONE_MOVABLE) mem.group.presentMovable += pages;
    else mem.group.presentKernel += pages;
  }
}

/** memory_block_online for an offline block with `type` (never "offline"). Returns 0 or -errno. */
export function memoryBlockOnline(sys: HotplugSystem, mem: MemoryBlock, type: OnlineType): number {
  const node = sys.nodes.get(mem.nid)!;
  const start = mem.startPfn;
  const end = start + sys.blockPages;
  const zone = zoneForPfnRange(sys, type, node, mem.group, start, sys.blockPages);
  const wasPopulated = zone.present > 0;
  growZone(zone, start, end);
  adjustPresent(mem, zone, sys.blockPages);
  mem.zone = zone;
  mem.pieces = [{ zone, start, end }];
  mem.state = "online";
  mem.onlineSeq = ++sys.onlineCount;
  if (!wasPopulated) for (const e of rebuildZonelists(sys)) sys.emit(e);
  runningKernelAllocates(sys, node);
  return 0;
}

/**
 * A running kernel keeps allocating unmovable pages (slab, page tables, kernel
 * stacks) on the nodes its CPUs run on, from the highest populated kernel zone.
 * Pages reach the free lists at their tail (boot memory in ascending address
 * order, then each onlined block in turn) and allocations take the head, so
 * they land in the earliest-freed free pages of that zone. memsim marks one
 * pageblock there: the amount is not modelled, only that such a block can no
 * longer be isolated.
 */
export function runningKernelAllocates(sys: HotplugSystem, node: NodeState): void {
  if (!node.cpus) return;
  const zone = [...node.zones].reverse().find((z) => z.idx < ZONE_MOVABLE && z.present > 0);
  if (!zone) return;
  let head: { start: number; end: number } | undefined;
  let headKey = [Infinity, Infinity];
  for (const p of freeInZone(sys, zone)) {
    const mem = sys.blocks.get(Math.floor(p.start / sys.blockPages))!;
    const key = [mem.onlineSeq, p.start];
    if (key[0]! < headKey[0]! || (key[0] === headKey[0] && key[1]! < headKey[1]!)) {
      head = p;
      headKey = key;
    }
  }
  if (!head) return;
  const mem = sys.blocks.get(Math.floor(head.start / sys.blockPages))!;
  if (sys.extents.overlapping(mem.startPfn, mem.startPfn + sys.blockPages).some((e) => e.what === RUNNING_KERNEL)) return;
  sys.extents.add({ start: head.start, end: Math.min(head.end, head.start + PAGEBLOCK_PAGES), kind: "kernel", what: RUNNING_KERNEL });
}

const RUNNING_KERNEL = "the running kernel (slab, page tables, stacks)";

