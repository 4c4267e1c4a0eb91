/**
 * free_area_init as zone_sizes_init calls it on x86-64: the zone ranges,
 * where ZONE_MOVABLE starts on each node, the early node map, every
 * possible node's zones, then memmap_init — with the lines the kernel
 * prints on the way, in its order.
 */
import type { KernelEvent } from "../events.js";
import { vsprintf } from "../printk/vsprintf.js";
import { freeMemRanges } from "./mem-init.js";
import { memPfnRanges, pfnDown, pfnPhys, pfnRangeForNid, pfnUp, PresentSections } from "./mem-ranges.js";
import type { MemRegion } from "./mem-ranges.js";
import { memmapInit } from "./memmap-init.js";
import type { UnavailableRange } from "./memmap-init.js";
import { nodeZoneSizes } from "./node-totalpages.js";
import type { ZoneSize } from "./node-totalpages.js";
import type { ZonesProfile } from "./profile.js";
import { findZoneMovablePfnsForNodes } from "./zone-movable.js";
import type { ZoneMovableParams, ZoneMovableResult } from "./zone-movable.js";
import { archZoneBounds, maxZonePfns, usableZoneForMovable, ZONE_MOVABLE, ZONE_NORMAL, zoneNames } from "./zone.js";
import type { ZoneBounds } from "./zone.js";

export interface FreeAreaInitInput {
  /** memblock.memory when paging_init runs. */
  memory: readonly MemRegion[];
  /** max_low_pfn (on x86-64 equal to max_pfn once the direct mapping is set up). */
  maxLowPfn: bigint;
  /** node_possible_map and node_online_map, ascending. */
  possibleNodes: readonly number[];
  onlineNodes: readonly number[];
  params: ZoneMovableParams;
  /** dma_reserve from memblock_find_dma_reserve (0 when the kernel has none). */
  dmaReserve: bigint;
  /** memblock.reserved at this point (6.12 counts nr_kernel_pages from the free memblock ranges). */
  reserved?: readonly { base: bigint; size: bigint }[];
  /** Allocates an offline node's pg_data_t (memblock_alloc), at the point the kernel does. */
  allocOfflineNodeData?: (nid: number) => void;
}

export interface NodeZones {
  nid: number;
  online: boolean;
  /** node_start_pfn and node end pfn (both 0 for a node without memory). */
  start: bigint;
  end: bigint;
  spanned: bigint;
  present: bigint;
  zones: ZoneSize[];
  /** N_MEMORY and N_NORMAL_MEMORY after free_area_init. */
  hasMemory: boolean;
  hasNormalMemory: boolean;
  /** first_deferred_pfn, when deferred struct-page init starts on this node. */
  firstDeferredPfn?: bigint;
}

export interface FreeAreaInitResult {
  maxZonePfn: bigint[];
  bounds: ZoneBounds[];
  movable: ZoneMovableResult;
  nodes: NodeZones[];
  unavailable: UnavailableRange[];
  /** nr_kernel_pages and nr_all_pages (equal on x86-64, which has no highmem). */
  nrKernelPages: bigint;
}

const INFO = 6;

function line(kind: string, text: string, data?: Record<string, unknown>, cause?: string): KernelEvent {
  const e: KernelEvent = { phase: "zones", kind, line: text, level: INFO };
  if (data) e.data = data;
  if (cause) e.cause = cause;
  return e;
}

/** "[mem %#018Lx-%#018Lx]" of a pfn range. */
const memRange = (start: bigint, end: bigint): string =>
  vsprintf("[mem %#018Lx-%#018Lx]", [pfnPhys(start), BigInt.asUintN(64, pfnPhys(end) - 1n)]);

function printZoneRanges(bounds: readonly ZoneBounds[], emit: (e: KernelEvent) => void): void {
  emit(line("zones.ranges_header", "Zone ranges:"));
  bounds.forEach((b, z) => {
    if (z === ZONE_MOVABLE) return;
    const name = vsprintf("  %-8s ", [zoneNames[z] ?? ""]);
    const range = b.lowest === b.highest ? "empty" : memRange(b.lowest, b.highest);
    emit(line("zones.range", name + range, { zone: zoneNames[z], lowest: b.lowest, highest: b.highest }));
  });
}

function printMovableStarts(movable: ZoneMovableResult, emit: (e: KernelEvent) => void): void {
  emit(
    line("zones.movable_header", "Movable zone start for each node", {
      mode: movable.mode,
      ignored: movable.ignored,
    }),
  );
  const cause: Record<string, string> = {
    movable_node: "movable_node: ZONE_MOVABLE starts at the node's first hotpluggable memory",
    mirror: "kernelcore=mirror: ZONE_MOVABLE starts at the node's first non-mirrored memory above 4 GiB",
    core: "kernelcore=/movablecore=: the node's share of kernel memory ends here",
  };
  for (const [nid, pfn] of [...movable.zoneMovablePfn].sort((a, b) => a[0] - b[0])) {
    emit(
      line("zones.movable_start", vsprintf("  Node %d: %#018Lx", [nid, pfnPhys(pfn)]), { nid, pfn }, cause[movable.mode]),
    );
  }
}

export function freeAreaInit(
  input: FreeAreaInitInput,
  profile: ZonesProfile,
  emit: (e: KernelEvent) => void,
): FreeAreaInitResult {
  const { memory } = input;
  const maxZonePfn = maxZonePfns(input.maxLowPfn);
  const firstPfn = pfnDown(memory[0]?.base ?? 0n);
  const bounds = archZoneBounds(firstPfn, maxZonePfn);
  const movableZone = usableZoneForMovable(bounds);
  const movable = findZoneMovablePfnsForNodes(memory, bounds, movableZone, input.params, profile, emit);

  printZoneRanges(bounds, emit);
  printMovableStarts(movable, emit);
  emit(line("zones.early_ranges_header", "Early memory node ranges"));
  for (const r of memPfnRanges(memory)) {
    emit(
      line("zones.early_range", vsprintf("  node %3d: ", [r.nid]) + memRange(r.start, r.end), {
        nid: r.nid,
        start: r.start,
        end: r.end,
      }),
    );
  }

  const layout = {
    bounds,
    movableZone,
    zoneMovablePfn: movable.zoneMovablePfn,
    mirroredKernelcore: input.params.mirroredKernelcore,
  };
  const online = new Set(input.onlineNodes);
  const nodes: NodeZones[] = [];
  for (const nid of input.possibleNodes) {
    if (!online.has(nid)) {
      if (profile.announceOfflineNode) {
        emit(line("zones.offline_node", `Initializing node ${nid} as memoryless`, { nid }));
      }
      input.allocOfflineNodeData?.(nid);
    }
    const { start, end } = pfnRangeForNid(memory, nid);
    if (start !== end) {
      emit(line("zones.initmem", `Initmem setup node ${nid} ` + memRange(start, end), { nid, start, end }));
    } else {
      emit(line("zones.initmem_memoryless", `Initmem setup node ${nid} as memoryless`, { nid }));
    }
    const zones = nodeZoneSizes(memory, layout, nid, start, end, input.dmaReserve, profile, emit);
    const present = zones.reduce((n, z) => n + z.present, 0n);
    nodes.push({
      nid,
      online: online.has(nid),
      start,
      end,
      spanned: end - start,
      present,
      zones,
      hasMemory: present > 0n,
      hasNormalMemory: zones.some((z) => z.zone <= ZONE_NORMAL && z.present > 0n),
    });
  }

  const sections = new PresentSections(memory, profile.pagesPerSection);
  const byNid = new Map(nodes.map((n) => [n.nid, n]));
  const memmap = memmapInit(memory, byNid, sections, emit);
  for (const [nid, pfn] of memmap.firstDeferredPfn) {
    const n = byNid.get(nid);
    if (n) n.firstDeferredPfn = pfn;
  }
  const nrKernelPages =
    profile.nrKernelPages === "boot-managed"
      ? nodes.reduce((n, node) => n + node.zones.reduce((m, z) => m + z.managed, 0n), 0n)
      : freeMemRanges(memory, input.reserved ?? [], input.params.movableNode).reduce((n, f) => {
          const start = pfnUp(f.start);
          const end = pfnDown(f.end);
          return start < end ? n + (end - start) : n;
        }, 0n);
  return { maxZonePfn, bounds, movable, nodes, unavailable: memmap.unavailable, nrKernelPages };
}
