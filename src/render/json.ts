/**
 * The boot result as JSON: addresses as "0x…" strings (64-bit exact), page
 * counts as numbers (they stay below 2^53), the events as printed, and the
 * verdict per node.
 */
import type { BootResult } from "../boot/types.js";
import { zoneNames } from "../mm/zone.js";
import { nodeVerdicts } from "./verdict.js";

const addr = (x: bigint): string => `0x${x.toString(16)}`;
const n = (x: bigint): number => Number(x);

function region(r: { base: bigint; size: bigint; nid: number; flags: number }): Record<string, unknown> {
  return { base: addr(r.base), end: addr(r.base + r.size), size: addr(r.size), nid: r.nid, flags: r.flags };
}

export function bootToJson(result: BootResult): Record<string, unknown> {
  const zones = result.mm.zones;
  return {
    kernel: result.kernel,
    cmdline: result.params.cmdline,
    maxPfn: addr(result.maxPfn),
    kernelImage: { start: addr(result.kernelImage.start), end: addr(result.kernelImage.end) },
    numa: {
      method: result.numa.method,
      possible: result.numa.possible,
      online: result.numa.online,
      kernelNodes: result.numa.kernelNodes,
    },
    zoneRanges: zones?.bounds.flatMap((b, z) =>
      zoneNames[z] === "Movable" ? [] : [{ zone: zoneNames[z], start: addr(b.lowest << 12n), end: addr(b.highest << 12n) }],
    ),
    movable: zones && {
      mode: zones.movable.mode,
      zone: zoneNames[zones.movable.movableZone],
      ignored: zones.movable.ignored,
      starts: [...zones.movable.zoneMovablePfn].map(([nid, pfn]) => ({ nid, start: addr(pfn << 12n) })),
    },
    nodes: zones?.nodes.map((node) => ({
      nid: node.nid,
      online: node.online,
      start: addr(node.start << 12n),
      end: addr(node.end << 12n),
      spannedPages: n(node.spanned),
      presentPages: n(node.present),
      ...(node.firstDeferredPfn !== undefined ? { firstDeferredPfn: addr(node.firstDeferredPfn) } : {}),
      zones: node.zones
        .filter((z) => z.spanned > 0n)
        .map((z) => ({
          zone: zoneNames[z.zone],
          start: addr(z.start << 12n),
          end: addr((z.start + z.spanned) << 12n),
          spannedPages: n(z.spanned),
          presentPages: n(z.present),
          managedPages: n(z.managed),
        })),
    })),
    nodeData: result.nodeData.map((d) => ({ nid: d.nid, start: addr(d.start), end: addr(d.end), onNode: d.onNode })),
    placements: result.placements.map((p) => ({ what: p.what, start: addr(p.start), end: addr(p.end), nid: p.nid })),
    memblock: { memory: result.memblock.memory.map(region), reserved: result.memblock.reserved.map(region) },
    zonelists: result.mm.zonelists && {
      fallback: Object.fromEntries(result.mm.zonelists.fallback),
      totalPages: n(result.mm.zonelists.totalPages),
      mobilityGrouping: result.mm.zonelists.mobilityGrouping,
      policyZone: zoneNames[result.mm.zonelists.policyZone],
    },
    unavailable: zones?.unavailable
      .filter((u) => u.pages > 0n)
      .map((u) => ({ nid: u.nid, zone: zoneNames[u.zone], start: addr(u.start << 12n), end: addr(u.end << 12n), pages: n(u.pages) })),
    memory: result.mm.memory && {
      physPages: n(result.mm.memory.physPages),
      totalRamPages: n(result.mm.memory.totalRamPages),
      freePages: n(result.mm.memory.freePages),
      freePagesEstimated: result.mm.memory.freePagesEstimated,
      reservedPages: n(result.mm.memory.reservedPages),
    },
    memoryBlockSize: result.mm.blockSize && addr(result.mm.blockSize.size),
    verdicts: nodeVerdicts(result),
    events: result.events.map((e) => ({ phase: e.phase, kind: e.kind, level: e.level, line: e.line })),
  };
}

export function renderJson(result: BootResult): string {
  return JSON.stringify(bootToJson(result), null, 2) + "\n";
}
