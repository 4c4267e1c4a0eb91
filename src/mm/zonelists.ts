/**
 * build_all_zonelists, at boot and whenever memory hotplug populates or
 * empties a zone: each node's fallback order (find_next_best_node: nearest
 * first, nodes below the local one slightly penalised, ties broken by load),
 * then the pages beyond the high watermark that decide mobility grouping,
 * and the policy zone.
 */
import type { KernelEvent } from "../events.js";
import type { ZonesProfile } from "./profile.js";
import { ZONE_MOVABLE, zoneNames } from "./zone.js";
import { MAX_NUMNODES } from "../kconfig.js";

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
  /** policy_zone before this rebuild: it only ever rises (ZONE_DMA at boot). */
  policyZone?: number;
  /** A node being brought online: build_all_zonelists(pgdat) builds only its list. */
  only?: number;
  /** Why Total pages is only an estimate, when it is (run time: the high watermarks are not modelled). */
  totalPagesCause?: string;
}

export interface ZonelistsResult {
  fallback: Map<number, number[]>;
  totalPages: bigint;
  mobilityGrouping: boolean;
  policyZone: number;
}

const PENALTY_FOR_NODE_WITH_CPUS = 1;
const LOCAL_DISTANCE = 10;
const REMOTE_DISTANCE = 20;

function nodeDistance(table: readonly (readonly number[])[] | undefined, from: number, to: number): number {
  const d = table?.[from]?.[to];
  if (d !== undefined && from < (table?.length ?? 0) && to < (table?.length ?? 0)) return d;
  return from === to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/**
 * build_zonelists' node order for one node. find_next_best_node picks the
 * unused node of least value, (distance + 1 if below the local node + 1 if
 * it has CPUs) × MAX_NUMNODES + node_load, lowest id on ties; as node_load
 * only grows for the node just picked, that is one sort per node. `load` is
 * node_load[], which carries over between the nodes of one rebuild.
 */
export function nodeFallbackOrder(
  local: number,
  memoryNodes: readonly number[],
  input: Pick<ZonelistsInput, "distance" | "nodesWithCpus">,
  load: Map<number, number>,
  profile: Pick<ZonesProfile, "memorylessLocalNodeFirst">,
): number[] {
  const dist = (a: number, b: number): number => nodeDistance(input.distance, a, b);
  const first = profile.memorylessLocalNodeFirst || memoryNodes.includes(local) ? [local] : [];
  const value = (n: number): number =>
    (dist(local, n) + (n < local ? 1 : 0) + (input.nodesWithCpus?.has(n) ? PENALTY_FOR_NODE_WITH_CPUS : 0)) * MAX_NUMNODES +
    (load.get(n) ?? 0);
  const rest = memoryNodes
    .filter((n) => n !== local)
    .map((n) => ({ n, v: value(n) }))
    .sort((a, b) => a.v - b.v || a.n - b.n)
    .map((x) => x.n);
  const order = [...first, ...rest];
  let prev = local;
  for (const n of order) {
    if (dist(local, n) !== dist(local, prev)) load.set(n, (load.get(n) ?? 0) + 1);
    prev = n;
  }
  return order;
}

/**
 * build_all_zonelists: every node's fallback list (or, for a node that is
 * not online yet, only its own), then the summary lines.
 */
export function buildAllZonelists(
  input: ZonelistsInput,
  profile: ZonesProfile,
  emit: (e: KernelEvent) => void,
): ZonelistsResult {
  const load = new Map<number, number>();
  const fallback = new Map<number, number[]>();
  let policyZone = input.policyZone ?? 0;
  const byNid = new Map(input.nodes.map((n) => [n.nid, n]));
  const memoryNodes = input.nodes.filter((n) => n.hasMemory).map((n) => n.nid);
  for (const node of input.nodes) {
    if (input.only !== undefined && node.nid !== input.only) continue;
    const order = nodeFallbackOrder(node.nid, memoryNodes, input, load, profile);
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
  // The running CPU's list, as it stands after this rebuild (only its membership counts).
  const localOrder = fallback.get(input.localNode) ?? nodeFallbackOrder(input.localNode, memoryNodes, input, new Map(), profile);
  let totalPages = 0n;
  for (const nid of localOrder) {
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
    ...(input.totalPagesCause ? { cause: input.totalPagesCause } : {}),
    data: { onlineNodes: input.onlineNodes, totalPages, mobilityGrouping, ...(input.totalPagesCause ? { estimated: true } : {}) },
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
