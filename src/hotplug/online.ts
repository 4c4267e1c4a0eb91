/**
 * Onlining a memory block (drivers/base/memory.c:memory_block_online →
 * mm/memory_hotplug.c:online_pages): pick the zone, grow the zone and node
 * spans, account present pages, rebuild the zonelists when a zone gains its
 * first pages.
 */
import type { HotplugSystem, MemoryBlock, Zone } from "./system.js";
import { adjustPresent, zoneIsEmpty } from "./span.js";
import { zoneForPfnRange } from "./zone-select.js";
import { rebuildZonelists } from "./zonelists.js";
import type { OnlineType } from "./types.js";
import { runningKernelAllocates } from "./running-kernel.js";

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
