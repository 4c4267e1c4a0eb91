/**
 * setup_per_cpu_areas on x86-64 (arch/x86/kernel/setup_percpu.c) with
 * mm/percpu.c's embedding first chunk: CPUs grouped by node, units packed
 * into 2 MiB allocations with at most a third wasted, each group's block
 * taken from its node, the unused tail of every unit handed back, then the
 * first chunk's bookkeeping — every step a memblock allocation.
 */
import type { KernelEvent } from "../events.js";
import { memblockAlloc, SMP_CACHE_BYTES } from "./memblock-port.js";
import type { MemblockAllocator } from "./memblock-port.js";

/** The per-CPU area of a build and the call sites its memblock=debug lines show. */
export interface PercpuProfile {
  /** __per_cpu_end - __per_cpu_start, the reserved chunk and the dynamic size after alignment (s, r, d). */
  staticSize: bigint;
  reservedSize: bigint;
  dynSize: bigint;
  /** sizeof(struct pcpu_chunk). */
  chunkStructSize: bigint;
  /** cpumask_var allocations besides node_to_cpumask_map's one per node. */
  extraCpumasks: number;
  callers: {
    allocInfo: string;
    areas: string;
    fcAlloc: string;
    /** pcpu_fc_alloc's memblock_alloc_from, for a CPU without a node. */
    fcAllocAnyNode: string;
    unitFree: string;
    groupOffsets: string;
    groupSizes: string;
    unitMap: string;
    unitOff: string;
    chunkLists: string;
    chunk: string;
    allocMap: string;
    boundMap: string;
    mdBlocks: string;
    allocInfoFree: string;
    areasFree: string;
    cpumask: string;
  };
}

export interface PercpuInput {
  /** early_cpu_to_node of every possible CPU, by CPU number (-1: none). */
  cpuNodes: readonly number[];
  /** Nodes that have NODE_DATA (pcpu_fc_alloc asks them for node-local memory). */
  onlineNodes: ReadonlySet<number>;
  /** nr_node_ids: highest possible node + 1. */
  nrNodeIds: number;
}

export interface PercpuResult {
  unitSize: bigint;
  /** Bytes of each unit kept (the rest was given back). */
  used: bigint;
  groups: { cpus: number[]; units: number; base: bigint; node: number }[];
}

const PAGE = 4096n;
const ATOM_SIZE = 2n << 20n; // PMD_SIZE
const PCPU_MIN_UNIT_SIZE = 32n << 10n;
const MAX_DMA_ADDRESS = 16n << 20n;
const NR_CPUS = 8192;
/** sizeof(struct pcpu_alloc_info) and sizeof(struct pcpu_group_info). */
const ALLOC_INFO_SIZE = 64n;
const GROUP_INFO_SIZE = 24n;
const BLOCK_MD_SIZE = 32n;
const PCPU_SLOT_BASE_SHIFT = 5;

const pfnAlign = (x: bigint): bigint => ((x + PAGE - 1n) / PAGE) * PAGE;
const bitsToLongs = (bits: bigint): bigint => (bits + 63n) / 64n;
const fls = (x: bigint): number => x.toString(2).length;
const offsetInPage = (x: bigint): bigint => x % PAGE;

/** pcpu_build_alloc_info: groups of CPUs at local distance, and the units per allocation. */
function buildAllocInfo(input: PercpuInput, sizeSum: bigint): { groups: number[][]; upa: bigint; unitSize: bigint; allocSize: bigint } {
  const minUnit = sizeSum > PCPU_MIN_UNIT_SIZE ? sizeSum : PCPU_MIN_UNIT_SIZE;
  const allocSize = ((minUnit + ATOM_SIZE - 1n) / ATOM_SIZE) * ATOM_SIZE;
  let maxUpa = allocSize / minUnit;
  while (allocSize % maxUpa || offsetInPage(allocSize / maxUpa)) maxUpa--;
  const left = input.cpuNodes.map((_, cpu) => cpu);
  const groups: number[][] = [];
  // x86's pcpu_cpu_distance: local exactly when both CPUs are on the same node (not the SLIT)
  const local = (a: number, b: number): boolean => input.cpuNodes[a] === input.cpuNodes[b];
  while (left.length) {
    const first = left.shift() as number;
    const group = [first, ...left.filter((c) => local(first, c))];
    groups.push(group);
    for (const c of group.slice(1)) left.splice(left.indexOf(c), 1);
  }
  const possible = BigInt(input.cpuNodes.length);
  let lastAllocs = -1n;
  let best = 0n;
  for (let upa = maxUpa; upa > 0n; upa--) {
    if (allocSize % upa || offsetInPage(allocSize / upa)) continue;
    let allocs = 0n;
    let wasted = 0n;
    for (const g of groups) {
      const n = (BigInt(g.length) + upa - 1n) / upa;
      allocs += n;
      wasted += n * upa - BigInt(g.length);
    }
    if (wasted > possible / 3n) continue;
    if (lastAllocs >= 0n && allocs > lastAllocs) break;
    lastAllocs = allocs;
    best = upa;
  }
  return { groups, upa: best, unitSize: allocSize / best, allocSize };
}

/** pcpu_dump_alloc_info at KERN_DEBUG: the layout, allocations per line as the kernel wraps them. */
function dumpLines(
  groups: readonly number[][],
  upa: bigint,
  profile: PercpuProfile,
  unitSize: bigint,
  allocSize: bigint,
  possible: number,
): string[] {
  const groupWidth = String(groups.length).length;
  const cpuWidth = String(possible).length;
  const empty = "-".repeat(Math.min(cpuWidth, 8));
  const width = Number(upa) * (cpuWidth + 1) + groupWidth + 3;
  const apl = 2 ** Math.floor(Math.log2(Math.max(Math.floor(60 / width), 1)));
  const lines = [
    `pcpu-alloc: s${profile.staticSize} r${profile.reservedSize} d${profile.dynSize} u${unitSize} alloc=${allocSize / ATOM_SIZE}*${ATOM_SIZE}`,
  ];
  let alloc = 0;
  groups.forEach((cpus, g) => {
    const units = Math.ceil(cpus.length / Number(upa)) * Number(upa);
    for (let u = 0; u < units; u += Number(upa)) {
      if (alloc % apl === 0) lines.push("pcpu-alloc: ");
      let text = `[${String(g).padStart(groupWidth, "0")}] `;
      for (let i = u; i < u + Number(upa); i++) {
        const cpu = cpus[i];
        text += cpu === undefined ? `${empty} ` : `${String(cpu).padStart(cpuWidth, "0")} `;
      }
      lines[lines.length - 1] += text;
      alloc++;
    }
  });
  return lines;
}

/** pcpu_alloc_first_chunk: the chunk and its allocation, boundary and block maps. */
function allocFirstChunk(mb: MemblockAllocator, startOffset: bigint, mapSize: bigint, profile: PercpuProfile): void {
  const c = profile.callers;
  const regionSize = ((startOffset + mapSize + PAGE - 1n) / PAGE) * PAGE;
  const pages = regionSize / PAGE;
  memblockAlloc(mb, profile.chunkStructSize + bitsToLongs(pages) * 8n, SMP_CACHE_BYTES, c.chunk);
  const regionBits = regionSize / 4n;
  memblockAlloc(mb, bitsToLongs(regionBits) * 8n, SMP_CACHE_BYTES, c.allocMap);
  memblockAlloc(mb, bitsToLongs(regionBits + 1n) * 8n, SMP_CACHE_BYTES, c.boundMap);
  memblockAlloc(mb, pages * BLOCK_MD_SIZE, SMP_CACHE_BYTES, c.mdBlocks);
}

export function setupPerCpuAreas(
  mb: MemblockAllocator,
  input: PercpuInput,
  profile: PercpuProfile,
  emit: (e: KernelEvent) => void,
): PercpuResult {
  const c = profile.callers;
  const say = (kind: string, line: string, level = 6): void => emit({ phase: "percpu", kind, line, level });
  const possible = input.cpuNodes.length;
  say(
    "percpu.setup",
    `setup_percpu: NR_CPUS:${NR_CPUS} nr_cpumask_bits:${possible} nr_cpu_ids:${possible} nr_node_ids:${input.nrNodeIds}`,
  );
  const sizeSum = pfnAlign(profile.staticSize + profile.reservedSize + profile.dynSize);
  const { groups, upa, unitSize, allocSize } = buildAllocInfo(input, sizeSum);
  const units = groups.map((g) => ((BigInt(g.length) + upa - 1n) / upa) * upa);
  const nrUnits = units.reduce((a, b) => a + b, 0n);
  const aiSize = pfnAlign(ALLOC_INFO_SIZE + BigInt(groups.length) * GROUP_INFO_SIZE + nrUnits * 4n);
  const ai = memblockAlloc(mb, aiSize, PAGE, c.allocInfo);
  const areasSize = pfnAlign(BigInt(groups.length) * 8n);
  const areas = memblockAlloc(mb, areasSize, SMP_CACHE_BYTES, c.areas);
  const bases = groups.map((g, i) => {
    const nid = input.cpuNodes[g[0] ?? 0] ?? -1;
    const size = (units[i] ?? 0n) * unitSize;
    if (nid >= 0 && input.onlineNodes.has(nid)) {
      return mb.allocTryNid("memblock_alloc_try_nid", size, ATOM_SIZE, MAX_DMA_ADDRESS, 0n, nid, c.fcAlloc);
    }
    const pa = mb.allocTryNid("memblock_alloc_try_nid", size, ATOM_SIZE, MAX_DMA_ADDRESS, 0n, -1, c.fcAllocAnyNode);
    say("percpu.no_node", `percpu: cpu ${g[0] ?? 0} has no node ${nid} or node-local memory`);
    return pa;
  });
  groups.forEach((g, i) => {
    const base = bases[i] ?? 0n;
    for (let u = 0n; u < (units[i] ?? 0n); u++) {
      const unit = base + u * unitSize;
      if (u < BigInt(g.length)) mb.physFree(unit + sizeSum, unitSize - sizeSum, c.unitFree);
      else mb.physFree(unit, unitSize, c.unitFree);
    }
  });
  say(
    "percpu.embedded",
    `percpu: Embedded ${sizeSum / PAGE} pages/cpu s${profile.staticSize} r${profile.reservedSize} d${profile.dynSize} u${unitSize}`,
  );
  // pcpu_setup_first_chunk
  memblockAlloc(mb, BigInt(groups.length) * 8n, SMP_CACHE_BYTES, c.groupOffsets);
  memblockAlloc(mb, BigInt(groups.length) * 8n, SMP_CACHE_BYTES, c.groupSizes);
  memblockAlloc(mb, BigInt(possible) * 4n, SMP_CACHE_BYTES, c.unitMap);
  memblockAlloc(mb, BigInt(possible) * 8n, SMP_CACHE_BYTES, c.unitOff);
  for (const l of dumpLines(groups, upa, profile, unitSize, allocSize, possible)) say("percpu.dump", l, 7);
  const slots = BigInt(Math.max(fls(unitSize) - PCPU_SLOT_BASE_SHIFT + 2, 1) + 4);
  memblockAlloc(mb, slots * 16n, SMP_CACHE_BYTES, c.chunkLists);
  const startOffset = profile.staticSize % PAGE;
  if (profile.reservedSize) {
    allocFirstChunk(mb, startOffset, profile.reservedSize, profile);
    allocFirstChunk(mb, (profile.staticSize + profile.reservedSize) % PAGE, profile.dynSize, profile);
  } else {
    allocFirstChunk(mb, startOffset, profile.dynSize, profile);
  }
  mb.physFree(ai, aiSize, c.allocInfoFree);
  mb.physFree(areas, areasSize, c.areasFree);
  // setup_node_to_cpumask_map and the CPU masks of x86's setup_per_cpu_areas
  const cpumask = bitsToLongs(BigInt(possible)) * 8n;
  for (let i = 0; i < input.nrNodeIds + profile.extraCpumasks; i++) memblockAlloc(mb, cpumask, SMP_CACHE_BYTES, c.cpumask);
  return {
    unitSize,
    used: sizeSum,
    groups: groups.map((cpus, i) => ({ cpus, units: Number(units[i]), base: bases[i] ?? 0n, node: input.cpuNodes[cpus[0] ?? 0] ?? -1 })),
  };
}
