/**
 * The NUMA distance table (numa_alloc_distance, numa_set_distance,
 * numa_reset_distance): allocated from memblock on the first distance set
 * (from the SLIT or by NUMA emulation), sized for the highest node known.
 */
import type { BootContext } from "../boot/types.js";
import { pfnPhys } from "../mm/mem-ranges.js";

const LOCAL_DISTANCE = 10;
const REMOTE_DISTANCE = 20;
const PAGE_SIZE = 4096n;
const KERN_WARNING = 4;
const KERN_DEBUG = 7;

/** numa_reset_distance: free the table (a memblock_free line when one exists). */
export function numaResetDistance(ctx: BootContext): void {
  const numa = ctx.numa;
  const cnt = BigInt(numa.distance.length);
  if (cnt !== 0n && numa.distanceAddr !== undefined) ctx.memblock.physFree(numa.distanceAddr, cnt * cnt, ctx.profile.numa.callers.resetDistance);
  numa.distance = [];
  numa.distanceAddr = undefined;
  numa.distanceFailed = false;
}

/** numa_alloc_distance: a cnt x cnt table for every node parsed or in numa_meminfo. */
function numaAllocDistance(ctx: BootContext): boolean {
  const numa = ctx.numa;
  const nodes = [...numa.nodesParsed, ...numa.meminfo.map((b) => b.nid)];
  const cnt = Math.max(-1, ...nodes) + 1;
  const size = BigInt(cnt * cnt);
  const p = ctx.profile.numa;
  const addr =
    p.distanceAlloc === "phys_alloc_range"
      ? ctx.memblock.physAllocRange(size, PAGE_SIZE, 0n, pfnPhys(ctx.maxPfnMapped), p.callers.allocDistance)
      : ctx.memblock.allocTryNid("memblock_alloc_try_nid", size, PAGE_SIZE, 0n, 0n, -1, p.callers.allocDistance);
  if (addr === 0n) {
    ctx.emit({ phase: "numa", kind: "numa.distance_failed", level: KERN_WARNING, line: "Warning: can't allocate distance table!" });
    numa.distanceFailed = true;
    return false;
  }
  numa.distanceAddr = addr;
  numa.distance = Array.from({ length: cnt }, (_, i) => Array.from({ length: cnt }, (_, j) => (i === j ? LOCAL_DISTANCE : REMOTE_DISTANCE)));
  ctx.emit({ phase: "numa", kind: "numa.distance_table", level: KERN_DEBUG, line: `NUMA: Initialized distance table, cnt=${cnt}`, data: { cnt } });
  return true;
}

/** pr_warn_once: each warning is printed the first time only. */
function warnOnce(ctx: BootContext, which: "bounds" | "invalid", what: string, from: number, to: number, distance: number): void {
  const warned = (ctx.numa.distanceWarned ??= new Set());
  if (warned.has(which)) return;
  warned.add(which);
  ctx.emit({ phase: "numa", kind: `numa.distance_${which}`, level: KERN_WARNING, line: `Warning: ${what}, from=${from} to=${to} distance=${distance}` });
}

/** numa_set_distance: out-of-range and invalid settings are ignored (the kernel warns once). */
export function numaSetDistance(ctx: BootContext, from: number, to: number, distance: number): void {
  const numa = ctx.numa;
  if (numa.distanceFailed) return;
  if (numa.distance.length === 0 && !numaAllocDistance(ctx)) return;
  const cnt = numa.distance.length;
  if (from >= cnt || to >= cnt || from < 0 || to < 0) return warnOnce(ctx, "bounds", "node ids are out of bound", from, to, distance);
  if ((distance & 0xff) !== distance || (from === to && distance !== LOCAL_DISTANCE)) return warnOnce(ctx, "invalid", "invalid distance parameter", from, to, distance);
  numa.distance[from]![to] = distance;
}
