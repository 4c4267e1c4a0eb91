/**
 * The running kernel's own allocations, as far as hotplug can see them: which
 * block it has taken unmovable pages from.
 */
import { freeInZone } from "./free.js";
import type { HotplugSystem, NodeState } from "./system.js";
import { ZONE_MOVABLE } from "../mm/zone.js";

/**
 * A running kernel keeps allocating unmovable pages (slab, page tables, kernel
 * stacks) on the nodes its CPUs run on, from the highest populated kernel zone.
 * Pages reach the free lists at their tail (boot memory in ascending address
 * order, then each onlined block in turn) and allocations take the head, so
 * they land in the earliest-freed free pages of that zone. memsim marks one
 * pageblock there: the amount is not modelled, only that such a block can no
 * longer be isolated.
 */
export function runningKernelAllocates(sys: HotplugSystem, node: NodeState): void {
  if (!node.cpus) return;
  const zone = [...node.zones].reverse().find((z) => z.idx < ZONE_MOVABLE && z.present > 0);
  if (!zone) return;
  const head = freeInZone(sys, zone)[0];
  if (!head) return;
  const mem = sys.blocks.get(Math.floor(head.start / sys.blockPages))!;
  if (sys.extents.overlapping(mem.startPfn, mem.startPfn + sys.blockPages).some((e) => e.what === RUNNING_KERNEL)) return;
  const end = Math.min(head.end, head.start + Number(sys.zonesProfile.pageblockNrPages));
  sys.extents.add({ start: head.start, end, kind: "kernel", what: RUNNING_KERNEL });
}

const RUNNING_KERNEL = "the running kernel (slab, page tables, stacks)";

