/**
 * Where free pages are and in which order the page allocator hands them out:
 * pages join a zone's free lists at the tail (boot memory in address order when
 * memblock releases it, then each block as it is onlined) and allocations take
 * the head, so the earliest-freed free pages go first.
 */
import { lowerBound } from "./search.js";
import type { HotplugSystem, MemoryBlock, Zone } from "./system.js";
import type { PfnRange } from "./types.js";

/** Free pages of a zone in online blocks (except `except`), in the order allocations take them. */
export function freeInZone(sys: HotplugSystem, zone: Zone, except?: MemoryBlock): PfnRange[] {
  if (zone.present === 0) return [];
  const blocks: MemoryBlock[] = [];
  const last = Math.floor((zone.end - 1) / sys.blockPages);
  for (let id = Math.floor(zone.start / sys.blockPages); id <= last; id++) {
    const mem = sys.blocks.get(id);
    if (mem && mem !== except && mem.state === "online" && mem.pieces.some((p) => p.zone === zone)) blocks.push(mem);
  }
  blocks.sort((a, b) => a.onlineSeq - b.onlineSeq || a.id - b.id);
  const out: PfnRange[] = [];
  for (const mem of blocks) {
    for (const p of mem.pieces) {
      if (p.zone !== zone) continue;
      const from = Math.max(p.start, mem.startPfn + mem.altmapPages);
      for (let i = lowerBound(sys.ram.length, (j) => sys.ram[j]!.end <= from); i < sys.ram.length && sys.ram[i]!.start < p.end; i++) {
        const s = Math.max(sys.ram[i]!.start, from);
        const t = Math.min(sys.ram[i]!.end, p.end);
        if (s < t) out.push(...sys.extents.gapsDescending(s, t).reverse());
      }
    }
  }
  return out;
}
