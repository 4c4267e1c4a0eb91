/**
 * build_all_zonelists at boot: every possible node's fallback order
 * (find_next_best_node: nearest first, nodes below the local one slightly
 * penalised, ties broken by load), then the pages beyond the high watermark
 * that decide mobility grouping, and the policy zone.
 */
import type { KernelEvent } from "../events.js";
import type { ZonesProfile } from "./profile.js";
import { ZONE_MOVABLE, zoneNames } from "./zone.js";

export interface ZonelistNode {
  nid: number;
  /** In N_MEMORY. */
  hasMemory: boolean;
  /** Zones in zone order with present and managed pages. */
  zones: readonly { zone: number; present: bigint; managed: bigint }[];
}

export interface ZonelistsInput {
  /** Every possible node, ascending. */
  nodes: readonly ZonelistNode[];
  /** nr_online_nodes when the zonelists are built. */
  onlineNodes: number;
  /** numa_distance table by node id; missing entries: 10 local, 20 remote. */
  distance?: readonly (readonly number[])[];
  /** Nodes whose cpumask already holds a CPU (empty at boot). */
  nodesWithCpus?: ReadonlySet<number>;
  /** The node of the running CPU, whose zonelist "Total pages" is counted over. */
  localNode: number;
  /** High watermark per node and zone ("nid:zone"), 0 when unset (at boot). */
  highWatermark?: ReadonlyMap<string, bigint>;
}

export interface ZonelistsResult {
  fallback: Map<number, number[]>;
  totalPages: bigint;
  mobilityGrouping: boolean;
  policyZone: number;
}

const MAX_NUMNODES = 1024;
const PENALTY_FOR_NODE_WITH_CPUS = 1;
const LOCAL_DISTANCE = 10;
const REMOTE_DISTANCE = 20;

export function nodeDistance(table: readonly (readonly number[])[] | undefined, from: number, to: number): number {
  const d = table?.[from]?.[to];
  if (d !== undefined && from < (table?.length ?? 0) && to < (table?.length ?? 0)) return d;
  return from === to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/** build_zonelists' node order for one node; node_load carries over between nodes of one rebuild. */
function fallbackOrder(
  local: number,
  input: ZonelistsInput,
  load: Map<number, number>,
  profile: ZonesProfile,
): number[] {
  const memoryNodes = input.nodes.filter((n) => n.hasMemory).map((n) => n.nid);
  const used = new Set<number>();
  const order: number[] = [];
  const dist = (a: number, b: number): number => nodeDistance(input.distance, a, b);
  let prev = local;
  for (;;) {
    let best = -1;
    if (!used.has(local) && (profile.memorylessLocalNodeFirst || memoryNodes.includes(local))) {
      best = local;
    } else {
      let minVal = Number.MAX_SAFE_INTEGER;
      for (const n of memoryNodes) {
        if (used.has(n)) continue;
        let val = dist(local, n) + (n < local ? 1 : 0);
        if (input.nodesWithCpus?.has(n)) val += PENALTY_FOR_NODE_WITH_CPUS;
        val = val * MAX_NUMNODES + (load.get(n) ?? 0);
        if (val < minVal) {
          minVal = val;
          best = n;
        }
      }
    }
    if (best < 0) return order;
    used.add(best);
    if (dist(local, best) !== dist(local, prev)) load.set(best, (load.get(best) ?? 0) + 1);
    order.push(best);
    prev = best;
  }
}

export function buildAllZonelists(
  input: ZonelistsInput,
  profile: ZonesProfile,
  emit: (e: KernelEvent) => void,
): ZonelistsResult {
  const load = new Map<number, number>();
  const fallback = new Map<number, number[]>();
  let policyZone = 0;
  const byNid = new Map(input.nodes.map((n) => [n.nid, n]));
  for (const node of input.nodes) {
    const order = fallbackOrder(node.nid, input, load, profile);
    fallback.set(node.nid, order);
    for (const nid of order) {
      for (const z of byNid.get(nid)?.zones ?? []) {
        if (z.present > 0n && z.zone > policyZone && z.zone !== ZONE_MOVABLE) policyZone = z.zone;
      }
    }
    emit({
      phase: "zonelists",
      kind: "zonelists.fallback",
      line: `Fallback order for Node ${node.nid}: ` + order.map((n) => `${n} `).join(""),
      level: 6,
      data: { nid: node.nid, order },
    });
  }
  let totalPages = 0n;
  for (const nid of fallback.get(input.localNode) ?? []) {
    for (const z of byNid.get(nid)?.zones ?? []) {
      if (z.present === 0n || z.zone > ZONE_MOVABLE) continue;
      const high = input.highWatermark?.get(`${nid}:${z.zone}`) ?? 0n;
      if (z.managed > high) totalPages += z.managed - high;
    }
  }
  const mobilityGrouping = totalPages >= profile.pageblockNrPages * profile.migrateTypes;
  emit({
    phase: "zonelists",
    kind: "zonelists.built",
    line: `Built ${input.onlineNodes} zonelists, mobility grouping ${mobilityGrouping ? "on" : "off"}.  Total pages: ${totalPages}`,
    level: 6,
    data: { onlineNodes: input.onlineNodes, totalPages, mobilityGrouping },
  });
  emit({
    phase: "zonelists",
    kind: "zonelists.policy_zone",
    line: `Policy zone: ${zoneNames[policyZone]}`,
    level: 6,
    data: { policyZone: zoneNames[policyZone] },
  });
  return { fallback, totalPages, mobilityGrouping, policyZone };
}
