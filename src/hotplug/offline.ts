/**
 * Offlining a memory block (drivers/base/memory.c:memory_block_offline →
 * mm/memory_hotplug.c:offline_pages): the checks in the kernel's order, page
 * isolation (mm/page_isolation.c:has_unmovable_pages), migration of movable
 * pages to other nodes, and the accounting when it succeeds.
 */
import type { ErrnoName } from "./errno.js";
import { freeInZone } from "./free.js";
import type { HotplugSystem, MemoryBlock, NodeState, Zone } from "./system.js";
import { adjustPresent, memLast, memStart, nodePresent, zoneIsEmpty } from "./span.js";
import { fallbackOrder, rebuildZonelists } from "./zonelists.js";
import { ZONE_MOVABLE } from "../mm/zone.js";
import { PAGES_PER_SUBSECTION, type Extent } from "./types.js";

export interface OfflineFailure {
  errno: ErrnoName;
  /** offline_pages' reason string (printed only with dynamic debug), or why the block was refused earlier. */
  reason: string;
  /** The pages that held the block. */
  culprit?: Extent;
  /** The writer blocks (migration retries forever) until a signal ends it. */
  hangs?: boolean;
}

/** The checks offline_pages makes before migrating, in its order; undefined when the block would isolate. */
export function offlineObstacle(sys: HotplugSystem, mem: MemoryBlock): OfflineFailure | undefined {
  const zone = mem.zone;
  if (!zone) return { errno: "EINVAL", reason: "the block spans several zones or nodes (valid_zones reads none)" };
  const start = mem.startPfn + mem.altmapPages;
  const end = mem.startPfn + sys.blockPages;
  if (sys.ramPagesIn(start, end) !== end - start) return { errno: "EINVAL", reason: "memory holes" };
  if (sys.zoneOfPfn(start) !== zone || sys.zoneOfPfn(end - 1) !== zone) return { errno: "EINVAL", reason: "multizone range" };
  const culprit = unmovableExtents(sys, mem)[0];
  return culprit ? { errno: "EBUSY", reason: "failure to isolate range", culprit } : undefined;
}

/** What page isolation refuses in the block: PageReserved anywhere, non-LRU kernel pages outside ZONE_MOVABLE. */
export function unmovableExtents(sys: HotplugSystem, mem: MemoryBlock): Extent[] {
  const movableZone = mem.zone?.idx === ZONE_MOVABLE;
  return sys.extents
    .overlapping(mem.startPfn + mem.altmapPages, mem.startPfn + sys.blockPages)
    .filter((e) => e.kind === "reserved" || (e.kind === "kernel" && !movableZone));
}

/** memory_block_offline for an online block; undefined on success. */
export function memoryBlockOffline(sys: HotplugSystem, mem: MemoryBlock): OfflineFailure | undefined {
  const start = mem.startPfn + mem.altmapPages;
  const end = mem.startPfn + sys.blockPages;
  const fail = (f: OfflineFailure): OfflineFailure => {
    sys.emit({
      phase: "hotplug",
      kind: "offline.failed",
      line: `memory offlining [mem ${memStart(start)}-${memLast(end)}] failed due to ${f.reason}`,
      level: 7,
      cause: f.culprit ? `${f.culprit.kind} pages of ${f.culprit.what}` : f.reason,
      data: { block: mem.id, errno: f.errno },
    });
    return f;
  };
  const obstacle = offlineObstacle(sys, mem);
  // A block without a single zone is refused before offline_pages, without a message.
  if (obstacle && !mem.zone) return obstacle;
  if (obstacle?.culprit) {
    sys.emit({
      phase: "hotplug",
      kind: "offline.dump_page",
      line: "page dumped because: unmovable page",
      level: 4,
      cause: `pfn 0x${obstacle.culprit.start.toString(16)} belongs to ${obstacle.culprit.what}`,
      data: { pfn: obstacle.culprit.start },
    });
  }
  if (obstacle) return fail(obstacle);
  mem.state = "going-offline";
  const stuck = migrateAway(sys, mem, sys.extents.overlapping(start, end));
  if (stuck) {
    mem.state = "online";
    sys.emit({
      phase: "hotplug",
      kind: "offline.migration_failed",
      line: `migrating pfn ${stuck.start.toString(16)} failed ret:1`,
      level: 4,
      cause: stuck.kind === "pinned" ? `${stuck.what} is pinned` : `no free memory to migrate ${stuck.what} into`,
      data: { pfn: stuck.start },
    });
    return fail({ errno: "EINTR", reason: "signal backoff", culprit: stuck, hangs: true });
  }
  finishOffline(sys, mem, mem.zone!);
  return undefined;
}

/** do_migrate_range until nothing movable is left; returns the extent that cannot move, if any. */
function migrateAway(sys: HotplugSystem, mem: MemoryBlock, held: Extent[]): Extent | undefined {
  const node = sys.nodes.get(mem.nid)!;
  const targets = migrationTargets(sys, node, mem);
  let target: IteratorResult<{ start: number; end: number }> = targets.next();
  for (const e of held) {
    if (e.kind !== "movable") continue;
    let left = e.end - e.start;
    const moved: Extent[] = [];
    while (left > 0 && !target.done) {
      const t = target.value;
      const take = Math.min(left, t.end - t.start);
      moved.push({ ...e, start: t.start, end: t.start + take });
      left -= take;
      if (take === t.end - t.start) target = targets.next();
      else t.start += take;
    }
    sys.extents.remove(e.start, e.end - left, ["movable"]);
    for (const m of moved) sys.extents.add(m);
    if (left > 0) return { ...e, start: e.end - left };
  }
  return held.find((e) => e.kind === "pinned");
}

/**
 * Free ranges a migration target may come from: other nodes with memory in
 * fallback order (the own node only when it is the only one), zones from
 * Movable down, each in the order its free lists hand pages out.
 */
function* migrationTargets(sys: HotplugSystem, node: NodeState, except: MemoryBlock): Generator<{ start: number; end: number }> {
  let order = fallbackOrder(sys, node.nid).filter((n) => n !== node.nid);
  if (order.length === 0) order = [node.nid];
  for (const nid of order) {
    const zones = [...sys.nodes.get(nid)!.zones].reverse();
    for (const z of zones) yield* freeInZone(sys, z, except);
  }
}

/** The success path of offline_pages: counts drop, spans shrink, zonelists rebuilt for an emptied zone. */
function finishOffline(sys: HotplugSystem, mem: MemoryBlock, zone: Zone): void {
  const node = sys.nodes.get(mem.nid)!;
  const start = mem.startPfn;
  const end = start + sys.blockPages;
  adjustPresent(mem, zone, -sys.blockPages);
  mem.state = "offline";
  mem.zone = null;
  mem.pieces = [];
  if (zone.present === 0) {
    // 6.1 clears the node's N_MEMORY state only after the rebuild, so an emptied node still shows.
    const lingering = !sys.profile.clearNodeStateBeforeZonelists && nodePresent(node) === 0 ? node.nid : undefined;
    for (const e of rebuildZonelists(sys, undefined, lingering)) sys.emit(e);
  }
  shrinkZoneSpan(sys, zone, start, end);
}

/** shrink_zone_span: only a range at either end of the span moves it, to the next online piece of the zone. */
function shrinkZoneSpan(sys: HotplugSystem, zone: Zone, start: number, end: number): void {
  if (zoneIsEmpty(zone)) return;
  if (start <= zone.start) {
    const s = findPiece(sys, zone, end, zone.end, 1);
    if (s === undefined) emptyZone(zone);
    else zone.start = Math.floor(s.start / PAGES_PER_SUBSECTION) * PAGES_PER_SUBSECTION;
  } else if (end >= zone.end) {
    const p = findPiece(sys, zone, zone.start, start, -1);
    if (p === undefined) emptyZone(zone);
    else zone.end = Math.ceil(p.end / PAGES_PER_SUBSECTION) * PAGES_PER_SUBSECTION;
  }
}

function emptyZone(zone: Zone): void {
  zone.start = 0;
  zone.end = 0;
}

/** The first (dir 1) or last (dir -1) online piece of `zone` inside `[from, to)`. */
function findPiece(sys: HotplugSystem, zone: Zone, from: number, to: number, dir: 1 | -1): { start: number; end: number } | undefined {
  if (from >= to) return undefined;
  const lo = Math.floor(from / sys.blockPages);
  const hi = Math.floor((to - 1) / sys.blockPages);
  for (let id = dir === 1 ? lo : hi; dir === 1 ? id <= hi : id >= lo; id += dir) {
    const mem = sys.blocks.get(id);
    if (!mem || mem.state === "offline") continue;
    const piece = mem.pieces.find((p) => p.zone === zone && p.start < to && p.end > from);
    if (piece) return { start: Math.max(piece.start, from), end: Math.min(piece.end, to) };
  }
  return undefined;
}
