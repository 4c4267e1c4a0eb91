/**
 * build_all_zonelists at run time, when a zone gains its first or loses its
 * last pages: the boot's implementation (src/mm/zonelists.ts) over the
 * run-time nodes. Distances are the SLIT defaults (10 local, 20 remote).
 */
import type { KernelEvent } from "../events.js";
import { buildAllZonelists, nodeFallbackOrder, type ZonelistNode } from "../mm/zonelists.js";
import type { HotplugSystem, NodeState, Zone } from "./system.js";
import { nodePresent } from "./span.js";

/** N_MEMORY; `lingering` is a node that lost its memory but whose state is not cleared yet. */
function memoryNodes(sys: HotplugSystem, lingering?: number): number[] {
  return [...sys.nodes.values()]
    .filter((n) => n.online && (nodePresent(n) > 0 || n.nid === lingering))
    .map((n) => n.nid)
    .sort((a, b) => a - b);
}

function nodesWithCpus(sys: HotplugSystem): Set<number> {
  return new Set([...sys.nodes.values()].filter((n) => n.cpus).map((n) => n.nid));
}

/** The node order of `local`'s zonelist: where its allocations go, nearest first. */
export function fallbackOrder(sys: HotplugSystem, local: number): number[] {
  return nodeFallbackOrder(local, memoryNodes(sys), { nodesWithCpus: nodesWithCpus(sys) }, new Map(), sys.zonesProfile);
}

/** Managed pages per zone, estimated as present pages less the reserved ones of its online blocks. */
function managedPages(sys: HotplugSystem): Map<Zone, number> {
  const managed = new Map<Zone, number>();
  for (const n of sys.nodes.values()) for (const z of n.zones) managed.set(z, z.present);
  for (const mem of sys.blocksInOrder()) {
    if (mem.state !== "online") continue;
    for (const p of mem.pieces) managed.set(p.zone, managed.get(p.zone)! - sys.extents.pages(p.start, p.end, "reserved"));
  }
  return managed;
}

/**
 * build_all_zonelists after a zone was populated or emptied: every node's
 * list, or only `only`'s while a new node is brought online.
 */
export function rebuildZonelists(sys: HotplugSystem, only?: NodeState, lingering?: number): KernelEvent[] {
  const nodes = [...sys.nodes.values()].sort((a, b) => a.nid - b.nid);
  const withMemory = new Set(memoryNodes(sys, lingering));
  const managed = managedPages(sys);
  const input: ZonelistNode[] = nodes.map((n) => ({
    nid: n.nid,
    hasMemory: withMemory.has(n.nid),
    zones: n.zones.map((z) => ({ zone: z.idx, present: BigInt(z.present), managed: BigInt(managed.get(z)!) })),
  }));
  const withCpus = nodesWithCpus(sys);
  const events: KernelEvent[] = [];
  const result = buildAllZonelists(
    {
      nodes: input,
      onlineNodes: nodes.filter((n) => n.online).length,
      nodesWithCpus: withCpus,
      localNode: nodes.find((n) => withCpus.has(n.nid))?.nid ?? nodes[0]?.nid ?? 0,
      policyZone: sys.policyZoneFloor,
      ...(only ? { only: only.nid } : {}),
      totalPagesCause: "Total pages is estimated: memsim counts managed pages but not the zones' high watermarks",
    },
    sys.zonesProfile,
    (e) => events.push(e),
  );
  sys.policyZoneFloor = result.policyZone;
  return events;
}
