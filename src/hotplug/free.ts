/** Where free pages are: online memory of a zone that no extent holds. */
import type { HotplugSystem, MemoryBlock, Zone } from "./system.js";

/** Free pages of a zone in online blocks, highest first. */
export function freeInZone(sys: HotplugSystem, zone: Zone, except?: MemoryBlock): { start: number; end: number }[] {
  if (zone.present === 0) return [];
  const out: { start: number; end: number }[] = [];
  const first = Math.floor(zone.start / sys.blockPages);
  for (let id = Math.floor((zone.end - 1) / sys.blockPages); id >= first; id--) {
    const mem = sys.blocks.get(id);
    if (!mem || mem === except || mem.state !== "online") continue;
    for (const p of mem.pieces) {
      if (p.zone !== zone) continue;
      for (const r of sys.ram) {
        const s = Math.max(r.start, p.start, mem.startPfn + mem.altmapPages);
        const t = Math.min(r.end, p.end);
        if (s < t) out.push(...sys.extents.gapsDescending(s, t));
      }
    }
  }
  return out.sort((a, b) => b.start - a.start);
}
