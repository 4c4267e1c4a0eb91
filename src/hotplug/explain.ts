/**
 * Why a block can or cannot go offline (and so its DIMM be removed), without
 * changing anything: the kernel's checks in order, then every page range that
 * holds the block and who allocated it.
 */
import { offlineObstacle, unmovableExtents } from "./offline.js";
import type { HotplugSystem, MemoryBlock } from "./system.js";
import { memLast, memStart } from "./span.js";

export function explainBlock(sys: HotplugSystem, mem: MemoryBlock): string[] {
  const end = mem.startPfn + sys.blockPages;
  const head = `memory${mem.id} [mem ${memStart(mem.startPfn)}-${memLast(end)}] node ${mem.nid}, ${mem.state}${mem.zone ? ` in ${mem.zone.name}` : ""}`;
  if (mem.state !== "online") return [`${head}: nothing to offline`];
  const o = offlineObstacle(sys, mem);
  const pinned = sys.extents.overlapping(mem.startPfn, end).some((e) => e.kind === "pinned");
  const verdict = o
    ? `offline fails with ${o.errno} (${o.reason})`
    : pinned
      ? "offline never completes: migration of pinned pages keeps failing (the writer sees EINTR when interrupted)"
      : "can go offline";
  const lines = [`${head}: ${verdict}`];
  for (const e of unmovableExtents(sys, mem)) {
    lines.push(`  pfn 0x${e.start.toString(16)}-0x${(e.end - 1).toString(16)} (${e.end - e.start} pages) ${e.kind}: ${e.what}`);
  }
  const others = sys.extents.overlapping(mem.startPfn, end).filter((e) => e.kind === "movable" || e.kind === "pinned");
  for (const e of others) {
    lines.push(`  pfn 0x${e.start.toString(16)}-0x${(e.end - 1).toString(16)} (${e.end - e.start} pages) ${e.kind}: ${e.what}${e.kind === "pinned" ? " (migration retries forever)" : " (migrated away)"}`);
  }
  if (mem.dimm) lines.push(`  part of ${mem.dimm}: the DIMM goes only when all its blocks go offline`);
  return lines;
}
