/**
 * x86 NUMA setup (arch/x86/mm/numa.c; 6.12 moves the meminfo half to
 * mm/numa_memblks.c): numa_init with one init method (the SRAT or the dummy
 * node), numa_cleanup_meminfo, the coverage check, node registration and
 * alloc_node_data, printing what the kernel prints on the way.
 */
import type { BootContext, NumaMemblk } from "../boot/types.js";
import { memPfnRanges, pfnPhys } from "../mm/mem-ranges.js";
import { KernelPanic } from "../printk/bug.js";
import { vsprintf, type PrintfArg } from "../printk/vsprintf.js";
import { numaResetDistance } from "./numa-distance.js";
import { MAX_NUMNODES, NR_NODE_MEMBLKS } from "../kconfig.js";

const KERN_ERR = 3;
const KERN_WARNING = 4;
const KERN_INFO = 6;
const SZ_1M = 1n << 20n;
const U64_MAX = (1n << 64n) - 1n;

/** What differs in the NUMA setup between kernel builds. */
export interface NumaProfile {
  /** The nid numa_init gives every memblock region before the init method runs (6.1 MAX_NUMNODES, 6.12 NUMA_NO_NODE). */
  resetNid: number;
  /** numa_cleanup_meminfo's clamp: `[0, max_pfn)` (6.1) or the DRAM span of memblock.memory (6.12). */
  cleanupBounds: "max_pfn" | "dram";
  /**
   * How the kernel checks that the nodes cover RAM and which nodes get
   * NODE_DATA: by numa_meminfo against e820 RAM (6.1 numa_register_memblks),
   * or by the nid of memblock.memory (6.12 numa_register_nodes).
   */
  registration: "meminfo" | "memblock";
  /** alloc_node_data's size: sizeof(pg_data_t) rounded to a page (6.1) or to 64 bytes (6.12). */
  nodeDataSize: bigint;
  /** Whether a failed NODE_DATA allocation panics (6.12) or only logs and leaves the node offline (6.1). */
  nodeDataFailurePanics: boolean;
  /** How numa_alloc_distance (and numa=fake's table copy) allocate: memblock_phys_alloc_range below max_pfn_mapped (6.1) or memblock_alloc (6.12). */
  distanceAlloc: "phys_alloc_range" | "memblock_alloc";
  /** `%pS` call sites of the distance-table allocations and frees. */
  callers: { allocDistance: string; resetDistance: string; emulationCopy: string; emulationFree: string };
}

/** A NUMA init method: fills ctx.numa (nodesParsed, meminfo) and returns < 0 on failure. */
export type NumaInitMethod = (ctx: BootContext) => number;

function print(ctx: BootContext, kind: string, level: number, fmt: string, args: PrintfArg[], data?: Record<string, unknown>): void {
  ctx.emit({ phase: "numa", kind, level, line: vsprintf(fmt, args), ...(data ? { data } : {}) });
}

/** numa_add_memblk_to: append `[start, end)` of `nid`, ignoring empty and invalid blocks. */
export function numaAddMemblkTo(ctx: BootContext, nid: number, start: bigint, end: bigint, mi: NumaMemblk[]): number {
  if (start === end) return 0;
  if (start > end || nid < 0 || nid >= MAX_NUMNODES) {
    print(ctx, "numa.invalid_memblk", KERN_WARNING, "Warning: invalid memblk node %d [mem %#010Lx-%#010Lx]", [nid, start, (end - 1n) & U64_MAX]);
    return 0;
  }
  if (mi.length >= NR_NODE_MEMBLKS) {
    print(ctx, "numa.too_many_memblks", KERN_ERR, "too many memblk ranges", []);
    return -22;
  }
  mi.push({ start, end, nid });
  return 0;
}

/** numa_add_memblk: into numa_meminfo. */
export function numaAddMemblk(ctx: BootContext, nid: number, start: bigint, end: bigint): number {
  return numaAddMemblkTo(ctx, nid, start, end, ctx.numa.meminfo);
}

/** memblock_overlaps_region(&memblock.memory, start, end - start). */
function overlapsMemory(ctx: BootContext, start: bigint, end: bigint): boolean {
  return ctx.memblock.regions("memory").some((r) => r.size !== 0n && start < r.base + r.size && r.base < end);
}

/** numa_cleanup_meminfo: trim to RAM, then merge same-node blocks; < 0 when two nodes overlap. */
export function numaCleanupMeminfo(ctx: BootContext, mi: NumaMemblk[]): number {
  const mem = ctx.memblock.regions("memory").filter((r) => r.size !== 0n);
  const [low, high] =
    ctx.profile.numa.cleanupBounds === "max_pfn"
      ? [0n, pfnPhys(ctx.maxPfn)]
      : mem.length === 0
        ? [0n, 0n]
        : [mem[0]!.base, mem[mem.length - 1]!.base + mem[mem.length - 1]!.size];

  for (let i = 0; i < mi.length; i++) {
    const bi = mi[i]!;
    if (!overlapsMemory(ctx, bi.start, bi.end)) {
      ctx.numa.reservedMeminfo.push(bi);
      mi.splice(i--, 1);
      continue;
    }
    if (bi.start < low) bi.start = low;
    if (bi.end > high) {
      numaAddMemblkTo(ctx, bi.nid, high, bi.end, ctx.numa.reservedMeminfo);
      bi.end = high;
    }
    if (bi.start >= bi.end) mi.splice(i--, 1);
  }

  for (let i = 0; i < mi.length; i++) {
    const bi = mi[i]!;
    for (let j = i + 1; j < mi.length; j++) {
      const bj = mi[j]!;
      if (bi.end > bj.start && bi.start < bj.end) {
        if (bi.nid !== bj.nid) {
          print(ctx, "numa.overlap", KERN_ERR, "node %d [mem %#010Lx-%#010Lx] overlaps with node %d [mem %#010Lx-%#010Lx]", [
            bi.nid,
            bi.start,
            bi.end - 1n,
            bj.nid,
            bj.start,
            bj.end - 1n,
          ]);
          return -22;
        }
        print(ctx, "numa.self_overlap", KERN_WARNING, "Warning: node %d [mem %#010Lx-%#010Lx] overlaps with itself [mem %#010Lx-%#010Lx]", [
          bi.nid,
          bi.start,
          bi.end - 1n,
          bj.start,
          bj.end - 1n,
        ]);
      }
      if (bi.nid !== bj.nid) continue;
      const start = bi.start < bj.start ? bi.start : bj.start;
      const end = bi.end > bj.end ? bi.end : bj.end;
      if (mi.some((bk) => bk.nid !== bi.nid && start < bk.end && end > bk.start)) continue;
      print(
        ctx,
        "numa.merge",
        KERN_INFO,
        "NUMA: Node %d [mem %#010Lx-%#010Lx] + [mem %#010Lx-%#010Lx] -> [mem %#010Lx-%#010Lx]",
        [bi.nid, bi.start, bi.end - 1n, bj.start, bj.end - 1n, start, end - 1n],
        { nid: bi.nid, start, end },
      );
      bi.start = start;
      bi.end = end;
      mi.splice(j--, 1);
    }
  }
  return 0;
}

/** Pages of memblock.memory (whole pages) inside `[s, e)` on `nid` (undefined = every node). */
function presentPages(ctx: BootContext, s: bigint, e: bigint, nid?: number): bigint {
  let n = 0n;
  for (const r of memPfnRanges(ctx.memblock.regions("memory"), nid)) {
    const a = r.start > s ? r.start : s;
    const b = r.end < e ? r.end : e;
    if (a < b) n += b - a;
  }
  return n;
}

/** 6.1 numa_meminfo_cover_memory: the nodes must cover all but 1 MiB of e820 RAM below max_pfn. */
function meminfoCoversMemory(ctx: BootContext): boolean {
  let numaram = 0n;
  for (const b of ctx.numa.meminfo) {
    const s = b.start >> 12n;
    const e = b.end >> 12n;
    numaram += presentPages(ctx, s, e, b.nid);
  }
  const e820ram = presentPages(ctx, 0n, ctx.maxPfn);
  if (e820ram - numaram >= 256n) {
    print(ctx, "numa.not_covered", KERN_ERR, "NUMA: nodes only cover %LuMB of your %LuMB e820 RAM. Not used.", [(numaram << 12n) >> 20n, (e820ram << 12n) >> 20n]);
    return false;
  }
  return true;
}

/** 6.12 memblock_validate_numa_coverage(SZ_1M): memory without a valid node must stay under 1 MiB. */
function memblockCoversMemory(ctx: BootContext): boolean {
  let pages = 0n;
  for (const r of memPfnRanges(ctx.memblock.regions("memory"))) {
    if (r.nid < 0 || r.nid >= MAX_NUMNODES) pages += r.end - r.start;
  }
  if (pages << 12n > SZ_1M) {
    print(ctx, "numa.not_covered", KERN_ERR, "NUMA: no nodes coverage for %luMB of %luMB RAM", [(pages << 12n) >> 20n, ctx.memblock.totalSize("memory") >> 20n]);
    return false;
  }
  return true;
}

/** early_pfn_to_nid: the node of the memory region holding `pfn`, else the first online node. */
export function earlyPfnToNid(ctx: BootContext, pfn: bigint): number {
  const addr = pfnPhys(pfn);
  for (const r of ctx.memblock.regions("memory")) {
    if (addr >= r.base && addr < r.base + r.size) return r.nid;
  }
  return ctx.numa.online[0] ?? 0;
}

function setOnline(ctx: BootContext, nid: number): void {
  if (!ctx.numa.online.includes(nid)) ctx.numa.online.push(nid);
  ctx.numa.online.sort((a, b) => a - b);
}

/** alloc_node_data: NODE_DATA(nid) on the node if possible, else anywhere. */
export function allocNodeData(ctx: BootContext, nid: number): boolean {
  const size = ctx.profile.numa.nodeDataSize;
  const pa = ctx.memblock.physAllocTryNid(size, 64n, nid);
  if (pa === 0n) {
    if (ctx.profile.numa.nodeDataFailurePanics) {
      throw new KernelPanic(vsprintf("Cannot allocate %zu bytes for node %d data", [size, nid]));
    } else {
      print(ctx, "numa.node_data_failed", KERN_ERR, "Cannot find %zu bytes in any node (initial node: %d)", [size, nid]);
    }
    return false;
  }
  const onNode = earlyPfnToNid(ctx, pa >> 12n);
  print(ctx, "numa.node_data", KERN_INFO, "NODE_DATA(%d) allocated [mem %#010Lx-%#010Lx]", [nid, pa, pa + size - 1n], { nid, start: pa, end: pa + size });
  if (onNode !== nid) {
    print(ctx, "numa.node_data_remote", KERN_INFO, "    NODE_DATA(%d) on node %d", [nid, onNode], { nid, onNode });
  }
  ctx.nodeData.set(nid, { nid, start: pa, end: pa + size, onNode });
  ctx.placements.push({ what: `NODE_DATA(${nid})`, start: pa, end: pa + size, nid: onNode });
  return true;
}

/** numa_clear_kernel_node_hotplug: nodes holding any reservation lose their hotplug flag. */
function clearKernelNodeHotplug(ctx: BootContext): void {
  const mi = ctx.numa.meminfo;
  for (const b of mi) ctx.memblock.setNode(b.start, b.end - b.start, "reserved", b.nid);
  const nodes = new Set<number>();
  for (const r of ctx.memblock.regions("reserved")) {
    if (r.size !== 0n && r.nid >= 0 && r.nid < MAX_NUMNODES) nodes.add(r.nid);
  }
  const hotplugBefore = new Set(ctx.memblock.regions("memory").filter((r) => r.flags & 1).map((r) => r.nid));
  for (const b of mi) {
    if (nodes.has(b.nid)) ctx.memblock.clearHotplug(b.start, b.end - b.start);
  }
  ctx.numa.kernelNodes = [...nodes].filter((n) => hotplugBefore.has(n)).sort((a, b) => a - b);
}

/** numa_register_memblks (6.1) / numa_register_meminfo + numa_register_nodes (6.12). */
function registerNodes(ctx: BootContext): number {
  const numa = ctx.numa;
  const possible = new Set(numa.nodesParsed);
  for (const b of numa.meminfo) possible.add(b.nid);
  numa.possible = [...possible].sort((a, b) => a - b);
  if (numa.possible.length === 0) return -22;
  for (const b of numa.meminfo) ctx.memblock.setNode(b.start, b.end - b.start, "memory", b.nid);
  clearKernelNodeHotplug(ctx);

  const byMeminfo = ctx.profile.numa.registration === "meminfo";
  if (!(byMeminfo ? meminfoCoversMemory(ctx) : memblockCoversMemory(ctx))) return -22;
  for (const nid of numa.possible) {
    let hasMemory: boolean;
    if (byMeminfo) {
      let start = pfnPhys(ctx.maxPfn);
      let end = 0n;
      for (const b of numa.meminfo) {
        if (b.nid !== nid) continue;
        if (b.start < start) start = b.start;
        if (b.end > end) end = b.end;
      }
      hasMemory = start < end;
    } else {
      hasMemory = memPfnRanges(ctx.memblock.regions("memory"), nid).length > 0;
    }
    if (!hasMemory) continue;
    if (allocNodeData(ctx, nid)) setOnline(ctx, nid);
  }
  ctx.memblock.dumpAll();
  return 0;
}

/** dummy_numa_init: one node over `[0, max_pfn)`. */
export function dummyNumaInit(ctx: BootContext): number {
  print(ctx, "numa.dummy", KERN_INFO, "%s", [ctx.params.numaOff ? "NUMA turned off" : "No NUMA configuration found"]);
  print(ctx, "numa.fake_node", KERN_INFO, "Faking a node at [mem %#018Lx-%#018Lx]", [0n, pfnPhys(ctx.maxPfn) - 1n]);
  ctx.numa.nodesParsed = [0];
  numaAddMemblk(ctx, 0, 0n, pfnPhys(ctx.maxPfn));
  return 0;
}

/** numa_init(init): reset, run the method, clean up, (emulate,) register. < 0 = try the next method. */
export function numaInit(ctx: BootContext, init: NumaInitMethod, emulate: (ctx: BootContext) => void): number {
  const numa = ctx.numa;
  numa.nodesParsed = [];
  numa.possible = [];
  numa.online = [];
  numa.meminfo = [];
  numa.reservedMeminfo = [];
  numa.kernelNodes = [];
  numa.apicToNode = new Map();
  ctx.memblock.setNode(0n, U64_MAX, "memory", ctx.profile.numa.resetNid);
  ctx.memblock.setNode(0n, U64_MAX, "reserved", ctx.profile.numa.resetNid);
  ctx.memblock.clearHotplug(0n, U64_MAX);
  numaResetDistance(ctx);
  if (init(ctx) < 0) return -1;
  ctx.memblock.setBottomUp(false);
  if (numaCleanupMeminfo(ctx, numa.meminfo) < 0) return -1;
  emulate(ctx);
  return registerNodes(ctx);
}
