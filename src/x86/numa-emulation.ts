/**
 * numa=fake= (6.1 arch/x86/mm/numa_emulation.c, 6.12 mm/numa_emulation.c):
 * after numa_cleanup_meminfo, the physical nodes' memory is cut into fake
 * nodes — N interleaved nodes, fixed-size nodes ("512M"), or N per physical
 * node ("2U") — which replace numa_meminfo; distances follow the physical
 * nodes (or a ":d,d,..." list).
 */
import type { BootContext, NumaMemblk } from "../boot/types.js";
import { memparse, simpleStrtoull } from "../boot/cmdline.js";
import { memPfnRanges, pfnPhys } from "../mm/mem-ranges.js";
import { vsprintf } from "../printk/vsprintf.js";
import { numaResetDistance, numaSetDistance } from "./numa-distance.js";
import { numaCleanupMeminfo } from "./numa.js";
import { MAX_NUMNODES } from "../kconfig.js";

const FAKE_NODE_MIN_SIZE = 32n << 20n;
const HASH_MASK = ~(FAKE_NODE_MIN_SIZE - 1n);
const DMA32_END = 1n << 32n;
const LOCAL_DISTANCE = 10;
const REMOTE_DISTANCE = 20;
const PAGE_SIZE = 4096n;
const KERN_ERR = 3;
const KERN_WARNING = 4;
const KERN_INFO = 6;
const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const alignUp = (x: bigint, a: bigint): bigint => ((x + a - 1n) / a) * a;

interface Emu {
  ctx: BootContext;
  /** The physical blocks being carved (pi) and the fake ones made (ei). */
  pi: NumaMemblk[];
  ei: NumaMemblk[];
  /** emu_nid_to_phys */
  toPhys: Map<number, number>;
}

/** mem_hole_size: bytes of `[start, end)` (whole pages) that no memory region covers. */
function memHoleSize(ctx: BootContext, start: bigint, end: bigint): bigint {
  const s = (start + PAGE_SIZE - 1n) >> 12n;
  const e = end >> 12n;
  if (s >= e) return 0n;
  let present = 0n;
  for (const r of memPfnRanges(ctx.memblock.regions("memory"))) {
    const a = max(r.start, s);
    const b = min(r.end, e);
    if (a < b) present += b - a;
  }
  return pfnPhys(e - s - present);
}

function say(ctx: BootContext, kind: string, level: number, line: string): void {
  ctx.emit({ phase: "numa", kind, level, line });
}

/** emu_setup_memblk: the next `size` bytes of physical block `blk` become fake node `nid`. */
function setupMemblk(emu: Emu, nid: number, blk: number, size: bigint): void {
  const pb = emu.pi[blk]!;
  const eb = { start: pb.start, end: pb.start + size, nid };
  emu.ei.push(eb);
  if (!emu.toPhys.has(nid)) emu.toPhys.set(nid, pb.nid);
  pb.start += size;
  if (pb.start >= pb.end) emu.pi.splice(blk, 1);
  say(emu.ctx, "numa.fake_node", KERN_INFO, vsprintf("Faking node %d at [mem %#018Lx-%#018Lx] (%LuMB)", [nid, eb.start, eb.end - 1n, (eb.end - eb.start) >> 20n]));
}

/** If less than FAKE_NODE_MIN_SIZE of DMA32 would be left after `end`, take it all. */
function dma32Adjust(ctx: BootContext, end: bigint): bigint {
  return end < DMA32_END && DMA32_END - end - memHoleSize(ctx, end, DMA32_END) < FAKE_NODE_MIN_SIZE ? DMA32_END : end;
}

/** Walks the physical nodes round-robin until their blocks are used up; `cut` gives each piece's end. */
function carve(emu: Emu, physNodes: number[], cut: (start: bigint, limit: bigint, nid: number) => bigint, nextNid: (nid: number) => number, nid: number): number {
  const mask = new Set(physNodes);
  while (mask.size > 0) {
    for (const i of [...mask].sort((a, b) => a - b)) {
      const blk = emu.pi.findIndex((b) => b.nid === i);
      if (blk < 0) {
        mask.delete(i);
        continue;
      }
      const { start, end: limit } = emu.pi[blk]!;
      const end = cut(start, limit, nid);
      setupMemblk(emu, nextNid(nid), blk, min(end, limit) - start);
      nid++;
    }
  }
  return nid;
}

/** split_nodes_interleave: N nodes of equal present size, interleaved over the physical nodes. */
function splitNodesInterleave(emu: Emu, maxAddr: bigint, nrNodes: number): number {
  const ctx = emu.ctx;
  if (nrNodes <= 0) return -1;
  if (nrNodes > MAX_NUMNODES) {
    say(ctx, "numa.fake_too_large", KERN_INFO, `numa=fake=${nrNodes} too large, reducing to ${MAX_NUMNODES}`);
    nrNodes = MAX_NUMNODES;
  }
  let size = maxAddr - memHoleSize(ctx, 0n, maxAddr);
  size = pfnPhys((size >> 12n) / BigInt(nrNodes));
  const big = Number(((size & ~HASH_MASK) * BigInt(nrNodes)) / FAKE_NODE_MIN_SIZE);
  size &= HASH_MASK;
  if (size === 0n) {
    say(ctx, "numa.fake_not_enough", KERN_ERR, "Not enough memory for each node.  NUMA emulation disabled.");
    return -1;
  }
  const cut = (start: bigint, limit: bigint, nid: number): bigint => {
    let end = start + size;
    if (nid < big) end += FAKE_NODE_MIN_SIZE;
    while (end - start - memHoleSize(ctx, start, end) < size) {
      end += FAKE_NODE_MIN_SIZE;
      if (end > limit) {
        end = limit;
        break;
      }
    }
    end = dma32Adjust(ctx, end);
    if (u64(limit - end - memHoleSize(ctx, end, limit)) < size) end = limit;
    return end;
  };
  carve(emu, ctx.numa.nodesParsed, cut, (nid) => nid % nrNodes, 0);
  return 0;
}

/** find_end_of_node: the end giving `size` bytes of memory, capped at `maxAddr`. */
function findEndOfNode(ctx: BootContext, start: bigint, maxAddr: bigint, size: bigint): bigint {
  let end = start + size;
  while (end - start - memHoleSize(ctx, start, end) < size) {
    end += FAKE_NODE_MIN_SIZE;
    if (end > maxAddr) return maxAddr;
  }
  return end;
}

/** split_nodes_size_interleave_uniform: fixed-size nodes, or `nrNodes` equal ones of one physical block. */
function splitNodesSize(emu: Emu, addr: bigint, maxAddr: bigint, size: bigint, nrNodes: number, pblk: NumaMemblk | undefined, nid: number): number {
  const ctx = emu.ctx;
  if ((size === 0n && nrNodes === 0) || (nrNodes !== 0 && !pblk)) return -1;
  const uniform = nrNodes !== 0;
  const physNodes = uniform ? [pblk!.nid] : ctx.numa.nodesParsed;
  const n = BigInt(uniform ? nrNodes : MAX_NUMNODES);
  const hole = uniform ? 0n : memHoleSize(ctx, addr, maxAddr);
  let minSize = pfnPhys(((maxAddr >> 12n) - (addr >> 12n) - (hole >> 12n)) / n);
  if (uniform) size = minSize;
  minSize = alignUp(max(minSize, FAKE_NODE_MIN_SIZE), FAKE_NODE_MIN_SIZE);
  if (size < minSize) {
    say(ctx, "numa.fake_size_small", KERN_ERR, `Fake node size ${size >> 20n}MB too small, increasing to ${minSize >> 20n}MB`);
    size = minSize;
  }
  size &= HASH_MASK;
  const cut = (start: bigint, limit: bigint): bigint => {
    let end = uniform ? start + size : findEndOfNode(ctx, start, limit, size);
    end = dma32Adjust(ctx, end);
    if (!uniform && u64(limit - end - memHoleSize(ctx, end, limit)) < size) end = limit;
    return end;
  };
  return carve(emu, physNodes, cut, (id) => id % MAX_NUMNODES, nid);
}

/** Runs the split the option asks for; < 0 = no emulation. Returns the index of the distance list (after ':'). */
function split(emu: Emu, opt: string, maxAddr: bigint): { ret: number; rest: string } {
  if (opt.includes("U")) {
    const n = simpleStrtoull(opt);
    let ret = -1;
    let nid = 0;
    for (const phys of emu.ctx.numa.nodesParsed) {
      const first = emu.pi[0];
      ret = splitNodesSize(emu, first?.start ?? 0n, first?.end ?? 0n, 0n, Number(n.value), first, nid);
      if (ret < 0) break;
      if (ret === nid) continue;
      if (BigInt(ret - nid) < n.value) {
        say(emu.ctx, "numa.fake_failing", KERN_INFO, `numa_emulation: phys: ${phys} only got ${ret - nid} of ${n.value} nodes, failing`);
        ret = -1;
        break;
      }
      nid = ret;
    }
    return { ret, rest: opt.slice(n.end) };
  }
  if (opt.includes("M") || opt.includes("G")) {
    const size = memparse(opt);
    return { ret: splitNodesSize(emu, 0n, maxAddr, size.value, 0, undefined, 0), rest: opt.slice(size.end) };
  }
  const n = simpleStrtoull(opt);
  return { ret: splitNodesInterleave(emu, maxAddr, Number(n.value)), rest: opt.slice(n.end) };
}

/** numa_emulation(numa_meminfo, numa_distance_cnt). */
export function numaEmulation(ctx: BootContext): void {
  const opt = ctx.params.numaFake;
  if (opt === undefined) return;
  const numa = ctx.numa;
  const p = ctx.profile.numa;
  const emu: Emu = { ctx, pi: numa.meminfo.map((b) => ({ ...b })), ei: [], toPhys: new Map() };
  const maxAddr = pfnPhys(ctx.maxPfn);
  const { ret, rest } = split(emu, opt, maxAddr);
  if (ret < 0) return;
  if (numaCleanupMeminfo(ctx, emu.ei) < 0) {
    say(ctx, "numa.fake_invalid", KERN_WARNING, "NUMA: Warning: constructed meminfo invalid, disabling emulation");
    return;
  }
  // copy the physical distance table
  const physCnt = numa.distance.length;
  const physDist = numa.distance.map((row) => [...row]);
  let copy = 0n;
  if (physCnt !== 0) {
    const size = BigInt(physCnt * physCnt);
    copy =
      p.distanceAlloc === "phys_alloc_range"
        ? ctx.memblock.physAllocRange(size, PAGE_SIZE, 0n, pfnPhys(ctx.maxPfnMapped), p.callers.emulationCopy)
        : ctx.memblock.allocTryNid("memblock_alloc_try_nid", size, PAGE_SIZE, 0n, 0n, -1, p.callers.emulationCopy);
    if (copy === 0n) {
      say(ctx, "numa.fake_no_copy", KERN_WARNING, "NUMA: Warning: can't allocate copy of distance table, disabling emulation");
      return;
    }
  }
  const emuNids = [...emu.toPhys.keys()].sort((a, b) => a - b);
  const maxEmuNid = emuNids[emuNids.length - 1] ?? 0;
  const dflPhys = emu.toPhys.get(emuNids[0] ?? 0) ?? 0;
  numa.nodesParsed = [...new Set(emu.ei.filter((b) => b.start !== b.end).map((b) => b.nid))].sort((a, b) => a - b);
  numa.meminfo = emu.ei;
  // CPUs follow their physical node to its first fake node
  for (const [apic, node] of numa.apicToNode) {
    const fake = [...emu.toPhys].filter(([, phys]) => phys === node).map(([nid]) => nid);
    numa.apicToNode.set(apic, fake.length > 0 ? Math.min(...fake) : 0);
  }
  for (let i = 0; i <= maxEmuNid; i++) if (!emu.toPhys.has(i)) emu.toPhys.set(i, dflPhys);

  numaResetDistance(ctx);
  const given = rest.startsWith(":") ? rest.slice(1).split(",") : [];
  for (let i = 0; i <= maxEmuNid; i++) {
    for (let j = 0; j <= maxEmuNid; j++) {
      const pi = emu.toPhys.get(i)!;
      const pj = emu.toPhys.get(j)!;
      const listed = given.length > 0 ? Number.parseInt(given.shift()!, 10) : NaN;
      const dist = !Number.isNaN(listed) ? listed : pi >= physCnt || pj >= physCnt ? (pi === pj ? LOCAL_DISTANCE : REMOTE_DISTANCE) : physDist[pi]![pj]!;
      numaSetDistance(ctx, i, j, dist);
    }
  }
  if (copy !== 0n) ctx.memblock.physFree(copy, BigInt(physCnt * physCnt), p.callers.emulationFree);
}
