/**
 * What runs on the machine, as extents: kernel allocations (never in
 * ZONE_MOVABLE), movable user pages and pinned pages. Allocations go where the
 * page allocator would look first: the node's zones from the highest allowed
 * down, then the other nodes in fallback order, the earliest-freed pages first.
 */
import { InputError } from "../errors.js";
import { freeInZone } from "./free.js";
import type { HotplugSystem } from "./system.js";
import { fallbackOrder } from "./zonelists.js";
import { ZONE_MOVABLE, ZONE_NORMAL } from "../mm/zone.js";
import type { ExtentKind } from "./types.js";

export interface WorkloadRequest {
  kind: Exclude<ExtentKind, "reserved">;
  pages: number;
  nid?: number;
  /** Exact placement (pfn); must be free, online memory. */
  at?: number;
  what: string;
  where: string;
}

function zoneLimit(kind: ExtentKind): number {
  return kind === "kernel" ? ZONE_NORMAL : ZONE_MOVABLE;
}

/** Allocates `pages` top-down; returns how many could not be placed. */
function place(sys: HotplugSystem, nid: number, pages: number, kind: ExtentKind, what: string, owner?: string): number {
  let left = pages;
  for (const n of fallbackOrder(sys, nid)) {
    const zones = sys.nodes.get(n)!.zones.filter((z) => z.idx <= zoneLimit(kind)).reverse();
    for (const z of zones) {
      for (const gap of freeInZone(sys, z)) {
        if (left === 0) return 0;
        const take = Math.min(left, gap.end - gap.start);
        sys.extents.add({ start: gap.start, end: gap.start + take, kind, what, ...(owner ? { owner } : {}) });
        left -= take;
      }
    }
  }
  return left;
}

/** Unmovable kernel pages on behalf of a device (its memmap), from `nid`'s kernel zones or a fallback node. */
export function placeKernelPages(sys: HotplugSystem, nid: number, pages: number, what: string, owner: string): void {
  place(sys, nid, pages, "kernel", what, owner);
}

export function addWorkload(sys: HotplugSystem, req: WorkloadRequest): string {
  if (req.at !== undefined) {
    const end = req.at + req.pages;
    for (let pfn = req.at; pfn < end; ) {
      const zone = sys.zoneOfPfn(pfn);
      if (!zone) throw new InputError(`${req.where}: pfn 0x${pfn.toString(16)} is not online memory`);
      if (zone.idx > zoneLimit(req.kind)) {
        throw new InputError(`${req.where}: kernel allocations are never served from ZONE_MOVABLE`);
      }
      pfn = Math.min(end, (Math.floor(pfn / sys.blockPages) + 1) * sys.blockPages);
    }
    if (sys.extents.overlapping(req.at, end).length) throw new InputError(`${req.where}: the range is already in use`);
    sys.extents.add({ start: req.at, end, kind: req.kind, what: req.what });
    return `${req.what}: ${req.pages} ${req.kind} pages at pfn 0x${req.at.toString(16)}`;
  }
  const nid = req.nid ?? Math.min(...sys.nodes.keys());
  if (!sys.nodes.has(nid)) throw new InputError(`${req.where}: no node ${nid}`);
  const left = place(sys, nid, req.pages, req.kind, req.what);
  if (left > 0) throw new InputError(`${req.where}: out of memory: ${left} of ${req.pages} pages could not be placed`);
  return `${req.what}: ${req.pages} ${req.kind} pages from node ${nid}`;
}
