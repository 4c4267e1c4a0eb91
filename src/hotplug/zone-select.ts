/**
 * Which zone a block goes to when it is onlined (mm/memory_hotplug.c:
 * zone_for_pfn_range and its helpers; identical in 6.1 and 6.12).
 */
import type { HotplugSystem, MemoryGroup, NodeState, Zone } from "./system.js";
import { zoneIntersects } from "./span.js";
import { ZONE_MOVABLE, ZONE_NORMAL } from "../mm/zone.js";
import type { OnlineType } from "./types.js";

/** default_kernel_zone_for_pfn: the first of DMA, DMA32 whose span touches the range, else Normal. */
export function defaultKernelZone(node: NodeState, start: number, nr: number): Zone {
  for (let i = 0; i < ZONE_NORMAL; i++) {
    if (zoneIntersects(node.zones[i]!, start, nr)) return node.zones[i]!;
  }
  return node.zones[ZONE_NORMAL]!;
}

/** default_zone_for_pfn: keep zones contiguous; ambiguous ranges go Movable only with movable_node. */
function defaultZone(sys: HotplugSystem, node: NodeState, start: number, nr: number): Zone {
  const kernel = defaultKernelZone(node, start, nr);
  const movable = node.zones[ZONE_MOVABLE]!;
  const inKernel = zoneIntersects(kernel, start, nr);
  const inMovable = zoneIntersects(movable, start, nr);
  if (inKernel !== inMovable) return inKernel ? kernel : movable;
  return sys.params.movableNode ? movable : kernel;
}

/** auto_movable_can_online_movable for the whole system (nid undefined) or one node. */
function canOnlineMovable(sys: HotplugSystem, nid: number | undefined, nr: number): boolean {
  let kernelEarly = 0;
  let movable = 0;
  for (const node of sys.nodes.values()) {
    if (nid !== undefined && node.nid !== nid) continue;
    for (const z of node.zones) {
      if (z.present === 0) continue;
      if (z.idx === ZONE_MOVABLE) movable += z.present;
      else kernelEarly += z.presentEarly;
    }
  }
  // ACPI memory devices are static groups; dynamic (virtio-mem) groups would add
  // their requirements here, so with none the threshold is zero.
  if (kernelEarly <= 0) return false;
  return movable + nr <= Math.floor((sys.params.autoMovableRatio * kernelEarly) / 100);
}

/** auto_movable_zone_for_pfn for a block of a static group (or of none). */
function autoMovableZone(sys: HotplugSystem, node: NodeState, group: MemoryGroup | null, start: number, nr: number): Zone {
  const kernel = (): Zone => defaultKernelZone(node, start, nr);
  if (!sys.params.autoMovableRatio) return kernel();
  let need = nr;
  if (group) {
    if (group.presentKernel) return kernel();
    need = group.maxPages - group.presentMovable;
  }
  if (!canOnlineMovable(sys, undefined, need)) return kernel();
  if (sys.params.autoMovableNumaAware && !canOnlineMovable(sys, node.nid, need)) return kernel();
  return node.zones[ZONE_MOVABLE]!;
}

export function zoneForPfnRange(
  sys: HotplugSystem,
  type: OnlineType,
  node: NodeState,
  group: MemoryGroup | null,
  start: number,
  nr: number,
): Zone {
  if (type === "online_kernel") return defaultKernelZone(node, start, nr);
  if (type === "online_movable") return node.zones[ZONE_MOVABLE]!;
  if (sys.params.onlinePolicy === "auto-movable") return autoMovableZone(sys, node, group, start, nr);
  return defaultZone(sys, node, start, nr);
}
