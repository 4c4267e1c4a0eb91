/**
 * memmap_init: the early struct-page pass over memory. It reports the pfns
 * no memory range covers ("On node N, zone Z: P pages in unavailable
 * ranges") against the zone and node of the range that follows the hole,
 * the tail of the last present section against the last range's node, and
 * it decides where deferred struct-page init starts on each node.
 */
import type { KernelEvent } from "../events.js";
import { vsprintf } from "../printk/vsprintf.js";
import { memPfnRanges } from "./mem-ranges.js";
import type { MemRegion, PresentSections } from "./mem-ranges.js";
import { zoneNames } from "./zone.js";

/** A zone of one node as memmap_init sees it: `[start, start + spanned)`, populated when present > 0. */
export interface MemmapZone {
  zone: number;
  start: bigint;
  spanned: bigint;
  present: bigint;
}

export interface MemmapNode {
  nid: number;
  /** node_end_pfn. */
  end: bigint;
  zones: readonly MemmapZone[];
}

export interface UnavailableRange {
  nid: number;
  zone: number;
  /** The hole `[start, end)` and how many of its pfns have a struct page (present sections only). */
  start: bigint;
  end: bigint;
  pages: bigint;
}

export interface MemmapInitResult {
  unavailable: UnavailableRange[];
  /** first_deferred_pfn of the nodes where deferred init starts. */
  firstDeferredPfn: Map<number, bigint>;
}

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x);

/** defer_init's running count, kept across the calls for one zone. */
class DeferState {
  private prevEnd = -1n;
  private initialised = 0n;
  readonly first = new Map<number, bigint>();

  constructor(private readonly pagesPerSection: bigint) {}

  /** memmap_init_range over `[start, end)` of a zone ending at zoneEnd, on a node ending at nodeEnd. */
  range(nid: number, start: bigint, end: bigint, zoneEnd: bigint, nodeEnd: bigint): void {
    if (zoneEnd < nodeEnd || this.first.has(nid)) return;
    if (this.prevEnd !== zoneEnd) {
      this.prevEnd = zoneEnd;
      this.initialised = 0n;
    }
    // the count passes PAGES_PER_SECTION at pfn start + (PAGES_PER_SECTION - initialised)
    const past = start + this.pagesPerSection - this.initialised;
    const from = past > start ? past : start;
    const pfn = ((from + this.pagesPerSection - 1n) / this.pagesPerSection) * this.pagesPerSection;
    if (pfn < end) this.first.set(nid, pfn);
    else this.initialised += end - start;
  }
}

export function memmapInit(
  memory: readonly MemRegion[],
  nodes: ReadonlyMap<number, MemmapNode>,
  sections: PresentSections,
  emit: (e: KernelEvent) => void,
): MemmapInitResult {
  const unavailable: UnavailableRange[] = [];
  const defer = new DeferState(sections.pagesPerSection);
  const report = (start: bigint, end: bigint, zone: number, nid: number): void => {
    const pages = sections.validPages(start, end);
    unavailable.push({ nid, zone, start, end, pages });
    if (pages === 0n) return;
    emit({
      phase: "zones",
      kind: "zones.unavailable",
      line: vsprintf("On node %d, zone %s: %lld pages in unavailable ranges", [nid, zoneNames[zone] ?? "", pages]),
      level: 6,
      cause: `pfns ${start.toString(16)}-${(end - 1n).toString(16)} have no memory but lie in present sections`,
      data: { nid, zone: zoneNames[zone], start, end, pages },
    });
  };

  let hole = 0n;
  let lastZone = 0;
  let lastNid = 0;
  let lastEnd = 0n;
  for (const r of memPfnRanges(memory)) {
    const node = nodes.get(r.nid);
    lastNid = r.nid;
    lastEnd = r.end;
    for (const z of node?.zones ?? []) {
      if (z.present === 0n) continue;
      const zoneEnd = z.start + z.spanned;
      const start = clamp(r.start, z.start, zoneEnd);
      const end = clamp(r.end, z.start, zoneEnd);
      lastZone = z.zone;
      if (start >= end) continue;
      defer.range(r.nid, start, end, zoneEnd, node?.end ?? 0n);
      if (hole < start) report(hole, start, z.zone, r.nid);
      hole = end;
    }
  }
  const sectionEnd = ((lastEnd + sections.pagesPerSection - 1n) / sections.pagesPerSection) * sections.pagesPerSection;
  if (hole < sectionEnd) report(hole, sectionEnd, lastZone, lastNid);
  return { unavailable, firstDeferredPfn: defer.first };
}
