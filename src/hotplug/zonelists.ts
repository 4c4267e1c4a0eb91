/**
 * build_all_zonelists at run time (mm/page_alloc.c): the per-node fallback
 * order it prints when a zone gains its first or loses its last pages, and the
 * summary lines. Distances are the SLIT defaults (10 local, 20 remote).
 */
import type { KernelEvent } from "../events.js";
import type { HotplugSystem, NodeState } from "./system.js";
import { nodePresent } from "./system.js";
import { ZONE_MOVABLE, ZONE_NAMES } from "./types.js";

const MAX_NUMNODES = 1024;

function distance(a: number, b: number): number {
  return a === b ? 10 : 20;
}

/** N_MEMORY; `lingering` is a node that lost its memory but whose state is not cleared yet. */
function hasMemory(node: NodeState, lingering?: number): boolean {
  return nodePresent(node) > 0 || node.nid === lingering;
}

/** The node order build_zonelists prints for `local`; `load` is node_load[], shared across one rebuild. */
export function fallbackOrder(sys: HotplugSystem, local: number, load: Map<number, number>, lingering?: number): number[] {
  const memoryNodes = [...sys.nodes.values()].filter((n) => n.online && hasMemory(n, lingering));
  const used = new Set<number>();
  const order: number[] = [];
  let prev = local;
  const localNode = sys.nodes.get(local);
  for (;;) {
    let best = -1;
    if (!used.has(local) && (sys.profile.fallbackListsMemorylessLocalNode || (localNode && hasMemory(localNode, lingering)))) {
      best = local;
    } else {
      let min = Infinity;
      for (const n of memoryNodes) {
        if (used.has(n.nid)) continue;
        let val = distance(local, n.nid) + (n.nid < local ? 1 : 0) + (n.cpus ? 1 : 0);
        val = val * MAX_NUMNODES + (load.get(n.nid) ?? 0);
        if (val < min) {
          min = val;
          best = n.nid;
        }
      }
    }
    if (best < 0) break;
    used.add(best);
    if (distance(local, best) !== distance(local, prev)) load.set(best, (load.get(best) ?? 0) + 1);
    order.push(best);
    prev = best;
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
