/**
 * The run-time model's starting point from memsim's own boot: zones and node
 * memory from free_area_init, PageReserved from what memblock still holds,
 * hotplug windows from the SRAT ranges that had no RAM at boot.
 */
import type { BootResult } from "../boot/types.js";
import type { FreeAreaInitResult } from "../mm/free-area-init.js";
import { zoneNames } from "../mm/zone.js";
import type { Machine } from "../machine.js";
import type { NodeDescription, RuntimeDescription } from "./description.js";
import { lowerBound } from "./search.js";

const ANONYMOUS = "a boot-time memblock reservation";

export function runtimeDescriptionFromBoot(boot: BootResult, machine: Machine): RuntimeDescription {
  const zones = boot.mm.zones as FreeAreaInitResult | undefined;
  const bootCpuNode = boot.numa.online[0] ?? 0;
  const nodes: NodeDescription[] = (zones?.nodes ?? [])
    .filter((n) => n.online)
    .map((n) => ({
      nid: n.nid,
      // The SRAT's CPU affinities are not kept by the boot model: only the boot CPU's node is known to have one.
      cpus: n.nid === bootCpuNode,
      memory: boot.memblock.memory.filter((r) => r.nid === n.nid).map((r) => ({ start: r.base, end: r.base + r.size })),
      zones: n.zones
        .filter((z) => z.spanned > 0n)
        .map((z) => ({
          zone: zoneNames[z.zone]!,
          start: z.start << 12n,
          end: (z.start + z.spanned) << 12n,
          present: Number(z.present),
        })),
    }));
  const placements = [...boot.placements].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  // Each reserved region split into the boot allocations it holds, named; the rest stays anonymous.
  const reserved: RuntimeDescription["reserved"] = [];
  for (const r of boot.memblock.reserved) {
    let cursor = r.base;
    const end = r.base + r.size;
    // Placements are sorted by start and rarely overlap: start a few before the first one at or above the base.
    const from = Math.max(0, lowerBound(placements.length, (i) => placements[i]!.start < r.base) - 8);
    for (let i = from; i < placements.length && placements[i]!.start < end; i++) {
      const p = placements[i]!;
      if (p.end <= cursor) continue;
      if (p.start > cursor) reserved.push({ start: cursor, end: p.start, what: ANONYMOUS });
      const pieceEnd = p.end < end ? p.end : end;
      reserved.push({ start: p.start > cursor ? p.start : cursor, end: pieceEnd, what: p.what });
      cursor = pieceEnd;
    }
    if (cursor < end) reserved.push({ start: cursor, end, what: ANONYMOUS });
  }
  return {
    cmdline: boot.params.cmdline,
    hypervisor: machine.hypervisor !== undefined,
    bootMemEnd: boot.maxPfn << 12n,
    nodes,
    reserved,
    hotplugWindows: boot.numa.reservedMeminfo.map((m) => ({ start: m.start, end: m.end, nid: m.nid })),
  };
}
