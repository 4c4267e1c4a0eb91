/**
 * The run-time model's starting point from memsim's own boot: zones and node
 * memory from free_area_init, PageReserved from what memblock still holds,
 * hotplug windows from the SRAT ranges that had no RAM at boot.
 */
import type { BootResult } from "../boot/types.js";
import { zoneNames } from "../mm/zone.js";
import { pfnPhys } from "../mm/mem-ranges.js";
import type { Machine } from "../machine.js";
import { SRAT_FLAGS } from "../acpi/srat.js";
import type { NodeDescription, RuntimeDescription } from "./description.js";
import { lowerBound } from "./search.js";

const ANONYMOUS = "a boot-time memblock reservation";

/** Nodes with CPUs: the SRAT's enabled processor affinities through pxm_to_node; without them the boot CPU's node. */
function cpuNodes(boot: BootResult, machine: Machine): Set<number> {
  const nodes = new Set<number>();
  const srat = machine.srat;
  if (srat && boot.numa.method === "acpi") {
    for (const t of srat.subtables) {
      let pxm: number | undefined;
      if (t.kind === "cpuAffinity" && t.flags & SRAT_FLAGS.enabled) {
        pxm = t.proximityDomainLo | (srat.header.revision >= 2 ? t.proximityDomainHi << 8 : 0);
      } else if (t.kind === "x2apicAffinity" && t.flags & SRAT_FLAGS.enabled) pxm = t.proximityDomain;
      if (pxm === undefined) continue;
      const nid = boot.numa.pxmToNode.get(pxm);
      if (nid !== undefined) nodes.add(nid);
    }
  }
  if (nodes.size === 0) nodes.add(boot.numa.online[0] ?? 0);
  return nodes;
}

/**
 * Nodes whose CPUs a boot log shows coming up (`.... node  #1, CPUs:      #1`, printed whenever the
 * next secondary CPU is on another node); 6.12 logs carry no SRAT processor lines, so this is how
 * their CPU nodes are known.
 */
export function cpuNodesFromLog(log: string): number[] {
  return [...log.matchAll(/\.\.\.\. node +#(\d+), CPUs:/g)].map((m) => Number(m[1]));
}

/** `extraCpuNodes`: nodes known from elsewhere (e.g. cpuNodesFromLog) to have CPUs. */
export function runtimeDescriptionFromBoot(boot: BootResult, machine: Machine, extraCpuNodes: readonly number[] = []): RuntimeDescription {
  const zones = boot.mm.zones;
  const withCpus = cpuNodes(boot, machine);
  for (const n of extraCpuNodes) withCpus.add(n);
  const nodes: NodeDescription[] = (zones?.nodes ?? [])
    .filter((n) => n.online)
    .map((n) => ({
      nid: n.nid,
      cpus: withCpus.has(n.nid),
      memory: boot.memblock.memory.filter((r) => r.nid === n.nid).map((r) => ({ start: r.base, end: r.base + r.size })),
      zones: n.zones
        .filter((z) => z.spanned > 0n)
        .map((z) => ({
          zone: zoneNames[z.zone]!,
          start: pfnPhys(z.start),
          end: pfnPhys(z.start + z.spanned),
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
    bootMemEnd: pfnPhys(boot.maxPfn),
    ...(boot.mm.blockSize ? { blockSize: boot.mm.blockSize.size } : {}),
    nodes,
    reserved,
    hotplugWindows: boot.numa.reservedMeminfo.map((m) => ({ start: m.start, end: m.end, nid: m.nid })),
  };
}
