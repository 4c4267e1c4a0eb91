/**
 * find_zone_movable_pfns_for_nodes: where ZONE_MOVABLE begins on each node.
 * movable_node wins over kernelcore=mirror, which wins over the
 * kernelcore=/movablecore= sizes; the sizes are spread over the nodes with
 * memory, DMA/DMA32 memory always counting as kernel memory.
 */
import type { KernelEvent } from "../events.js";
import { MEMBLOCK_HOTPLUG, MEMBLOCK_MIRROR, memPfnRanges, pfnDown, pfnRangeForNid, pfnUp } from "./mem-ranges.js";
import type { MemRegion } from "./mem-ranges.js";
import type { ZonesProfile } from "./profile.js";
import type { ZoneBounds } from "./zone.js";

const U64 = 64;
const PFN_4G = 0x100000n;

/** A kernelcore=/movablecore= setting as the command line left it (pages, or a percent when non-zero). */
export interface CoreSetting {
  pages: bigint;
  percent: bigint;
}

export interface ZoneMovableParams {
  movableNode: boolean;
  mirroredKernelcore: boolean;
  kernelcore: CoreSetting;
  movablecore: CoreSetting;
  /** is_kdump_kernel(): a crash kernel ignores kernelcore=mirror in 6.12. */
  kdump?: boolean;
}

/** Which rule decided, for explanations. */
export type MovableMode = "movable_node" | "mirror" | "core" | "none";

export interface ZoneMovableResult {
  /** zone_movable_pfn per node; nodes without ZONE_MOVABLE are absent. */
  zoneMovablePfn: Map<number, bigint>;
  /** movable_zone: the zone ZONE_MOVABLE is carved from. */
  movableZone: number;
  mode: MovableMode;
  /** Settings that were given but did not count, with the reason. */
  ignored: { param: string; because: string }[];
  /** kernelcore pages after movablecore= and percentages were resolved (the "core" mode). */
  requiredKernelcore: bigint;
  totalPages: bigint;
}

const minB = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const maxB = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const roundUp = (x: bigint, to: bigint): bigint => ((x + to - 1n) / to) * to;

function setMin(map: Map<number, bigint>, nid: number, pfn: bigint): void {
  const cur = map.get(nid) ?? 0n;
  map.set(nid, cur ? minB(pfn, cur) : pfn);
}

function warn(line: string, cause: string): KernelEvent {
  return { phase: "zones", kind: "zones.movable_warning", line, level: 4, cause };
}

/** Spread the kernelcore pages over the nodes with memory (the `restart:` loop). */
function spreadKernelcore(
  memory: readonly MemRegion[],
  nodes: readonly number[],
  required: bigint,
  usableStartPfn: bigint,
  zmp: Map<number, bigint>,
): void {
  let usableNodes = BigInt(nodes.length);
  let kernelcore = required;
  const rangesOf = new Map(nodes.map((nid) => [nid, memPfnRanges(memory, nid)]));
  for (;;) {
    let perNode = kernelcore / usableNodes;
    for (const nid of nodes) {
      if (kernelcore < perNode) perNode = kernelcore / usableNodes;
      let remaining = perNode;
      for (const r of rangesOf.get(nid) ?? []) {
        let start = maxB(r.start, zmp.get(nid) ?? 0n);
        const end = r.end;
        if (start >= end) continue;
        if (start < usableStartPfn) {
          const kernelPages = minB(end, usableStartPfn) - start;
          remaining -= minB(kernelPages, remaining);
          kernelcore -= minB(kernelPages, kernelcore);
          if (end <= usableStartPfn) {
            zmp.set(nid, end);
            continue;
          }
          start = usableStartPfn;
        }
        const size = minB(end - start, remaining);
        zmp.set(nid, start + size);
        kernelcore -= minB(kernelcore, size);
        remaining -= size;
        if (remaining === 0n) break;
      }
    }
    usableNodes--;
    if (!(usableNodes > 0n && kernelcore > usableNodes)) return;
  }
}

export function findZoneMovablePfnsForNodes(
  memory: readonly MemRegion[],
  bounds: readonly ZoneBounds[],
  movableZone: number,
  params: ZoneMovableParams,
  profile: ZonesProfile,
  emit: (e: KernelEvent) => void,
): ZoneMovableResult {
  const ranges = memPfnRanges(memory);
  const totalPages = ranges.reduce((n, r) => n + (r.end - r.start), 0n);
  const nodes = [...new Set(ranges.map((r) => r.nid))].sort((a, b) => a - b);
  const zmp = new Map<number, bigint>();
  const ignored: { param: string; because: string }[] = [];
  const given = (s: CoreSetting): boolean => s.pages !== 0n || s.percent !== 0n;
  const result = (mode: MovableMode, requiredKernelcore = 0n): ZoneMovableResult => ({
    zoneMovablePfn: zmp,
    movableZone,
    mode,
    ignored,
    requiredKernelcore,
    totalPages,
  });

  const align = (mode: MovableMode, requiredKernelcore = 0n): ZoneMovableResult => {
    for (const [nid, pfn] of zmp) {
      const aligned = roundUp(pfn, profile.maxOrderNrPages);
      if (aligned >= pfnRangeForNid(memory, nid).end || aligned === 0n) zmp.delete(nid);
      else zmp.set(nid, aligned);
    }
    return result(mode, requiredKernelcore);
  };

  if (params.movableNode) {
    for (const p of ["kernelcore", "movablecore"] as const) {
      if (given(params[p])) ignored.push({ param: `${p}=`, because: "movable_node takes priority" });
    }
    if (params.mirroredKernelcore) ignored.push({ param: "kernelcore=mirror", because: "movable_node takes priority" });
    for (const r of memory) {
      if (!(r.flags & MEMBLOCK_HOTPLUG)) continue;
      setMin(zmp, r.nid, profile.movableNodeBasePfn === "down" ? pfnDown(r.base) : pfnUp(r.base));
    }
    return align("movable_node");
  }

  if (params.mirroredKernelcore) {
    if (given(params.movablecore)) ignored.push({ param: "movablecore=", because: "kernelcore=mirror takes priority" });
    if (profile.mirrorNeedsMirroredMemory) {
      if (!memory.some((r) => r.flags & MEMBLOCK_MIRROR)) {
        emit(warn("The system has no mirror memory, ignore kernelcore=mirror.", "no memblock region is mirrored"));
        ignored.push({ param: "kernelcore=mirror", because: "the system has no mirrored memory" });
        return result("none");
      }
      if (params.kdump) {
        emit(warn("The system is under kdump, ignore kernelcore=mirror.", "this is a crash kernel"));
        ignored.push({ param: "kernelcore=mirror", because: "the kernel is a kdump kernel" });
        return result("none");
      }
    }
    let below4g = false;
    for (const r of memory) {
      if (r.flags & MEMBLOCK_MIRROR) continue;
      const base = pfnUp(r.base);
      if (base < PFN_4G) {
        below4g = true;
        continue;
      }
      setMin(zmp, r.nid, base);
    }
    if (below4g) {
      emit(warn("This configuration results in unmirrored kernel memory.", "memory below 4 GiB is not mirrored"));
    }
    return align("mirror");
  }

  const percentOf = (pct: bigint): bigint => BigInt.asUintN(U64, BigInt.asUintN(U64, totalPages * 100n * pct) / 10000n);
  let kernelcore = params.kernelcore.percent ? percentOf(params.kernelcore.percent) : params.kernelcore.pages;
  let movablecore = params.movablecore.percent ? percentOf(params.movablecore.percent) : params.movablecore.pages;
  if (movablecore) {
    movablecore = minB(totalPages, roundUp(movablecore, profile.maxOrderNrPages));
    kernelcore = maxB(kernelcore, totalPages - movablecore);
  }
  if (!kernelcore || kernelcore >= totalPages) {
    if (kernelcore >= totalPages && kernelcore) {
      const p = given(params.kernelcore) ? "kernelcore=" : "movablecore=";
      ignored.push({ param: p, because: "it leaves no memory for ZONE_MOVABLE" });
    }
    return result("none", kernelcore);
  }
  const usableStartPfn = bounds[movableZone]?.lowest ?? 0n;
  spreadKernelcore(memory, nodes, kernelcore, usableStartPfn, zmp);
  return align("core", kernelcore);
}
