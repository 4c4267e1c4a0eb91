/**
 * build_all_zonelists at run time (mm/page_alloc.c): the per-node fallback
 * order it prints when a zone gains its first or loses its last pages, and the
 * summary lines. Distances are the SLIT defaults (10 local, 20 remote).
 */
import type { KernelEvent } from "../events.js";
import type { HotplugSystem, NodeState } from "./system.js";
import { nodePresent } from "./span.js";
import { ZONE_MOVABLE, ZONE_NAMES } from "./types.js";

const MAX_NUMNODES = 1024;

function distance(a: number, b: number): number {
  return a === b ? 10 : 20;
}

/** N_MEMORY; `lingering` is a node that lost its memory but whose state is not cleared yet. */
function hasMemory(node: NodeState, lingering?: number): boolean {
  return nodePresent(node) > 0 || node.nid === lingering;
}

/**
 * The node order build_zonelists prints for `local` (find_next_best_node in a
 * loop); `load` is node_load[], shared across one rebuild. Only nodes already
 * picked get their load raised, so one sort per node gives the kernel's order.
 */
export function fallbackOrder(sys: HotplugSystem, local: number, load: Map<number, number>, lingering?: number): number[] {
  const localNode = sys.nodes.get(local);
  const order: number[] = [];
  if (sys.profile.fallbackListsMemorylessLocalNode || (localNode && hasMemory(localNode, lingering))) order.push(local);
  const val = (n: NodeState) => (distance(local, n.nid) + (n.nid < local ? 1 : 0) + (n.cpus ? 1 : 0)) * MAX_NUMNODES + (load.get(n.nid) ?? 0);
  const rest = [...sys.nodes.values()]
    .filter((n) => n.online && n.nid !== local && hasMemory(n, lingering))
    .map((n) => ({ nid: n.nid, v: val(n) }))
    .sort((a, b) => a.v - b.v || a.nid - b.nid);
  let prev = local;
  for (const { nid } of rest) {
    if (distance(local, nid) !== distance(local, prev)) load.set(nid, (load.get(nid) ?? 0) + 1);
    order.push(nid);
    prev = nid;
  }
  return order;
}

/** build_all_zonelists(NULL) after a zone was populated or emptied: one line per node, then the summary. */
export function rebuildZonelists(sys: HotplugSystem, only?: NodeState, lingering?: number): KernelEvent[] {
  const load = new Map<number, number>();
  const nodes = only ? [only] : [...sys.nodes.values()].sort((a, b) => a.nid - b.nid);
  const events: KernelEvent[] = nodes.map((n) => ({
    phase: "hotplug",
    kind: "zonelists.fallback_order",
    line: `Fallback order for Node ${n.nid}: ${fallbackOrder(sys, n.nid, load, lingering).map((x) => `${x} `).join("")}`,
    level: 6,
  }));
  const online = [...sys.nodes.values()].filter((n) => n.online).length;
  events.push({
    phase: "hotplug",
    kind: "zonelists.built",
    line: `Built ${online} zonelists, mobility grouping on.  Total pages: ${managedEstimate(sys)}`,
    level: 6,
    cause: "Total pages is estimated: memsim counts managed pages but not the zones' high watermarks",
    data: { estimated: true },
  });
  events.push({ phase: "hotplug", kind: "zonelists.policy_zone", line: `Policy zone: ${ZONE_NAMES[policyZone(sys)]}`, level: 6 });
  return events;
}

/** policy_zone: the highest populated zone below Movable on any node. */
function policyZone(sys: HotplugSystem): number {
  let k = 0;
  for (const n of sys.nodes.values()) for (const z of n.zones) if (z.present > 0 && z.idx !== ZONE_MOVABLE && z.idx > k) k = z.idx;
  sys.policyZoneFloor = Math.max(k, sys.policyZoneFloor);
  return sys.policyZoneFloor;
}

function managedEstimate(sys: HotplugSystem): number {
  let present = 0;
  for (const n of sys.nodes.values()) present += nodePresent(n);
  let reserved = 0;
  for (const mem of sys.blocksInOrder()) {
    if (mem.state === "online") reserved += sys.extents.pages(mem.startPfn, mem.startPfn + sys.blockPages, "reserved");
  }
  return present - reserved;
}
