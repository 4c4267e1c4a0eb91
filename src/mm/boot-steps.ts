/**
 * The mm steps of the boot as functions of the pipeline's BootContext:
 * zone_sizes_init at the end of paging_init, and start_kernel's memory work
 * from the command line copies to the Memory: line, in the order of the
 * kernel profile. Each stores what it computed under ctx.mm.
 */
import type { BootContext } from "../boot/types.js";
import { printUnknownBootoptions, setupCommandLine, sppGetpages } from "./early-allocs.js";
import { freeAreaInit } from "./free-area-init.js";
import type { FreeAreaInitResult } from "./free-area-init.js";
import { vfsCachesInit, vfsCachesInitEarly } from "./large-system-hash.js";
import type { SystemHashInput } from "./large-system-hash.js";
import { memInitPrintInfo } from "./mem-init.js";
import { memblockDiscard } from "./memblock-discard.js";
import { memblockAlloc, SMP_CACHE_BYTES } from "./memblock-port.js";
import { setupPerCpuAreas } from "./percpu.js";
import type { StartKernelStep } from "./profile.js";
import { swiotlbInit } from "./swiotlb.js";
import { unknownBootOptions } from "./unknown-params.js";
import { buildAllZonelists } from "./zonelists.js";

/** zone_sizes_init → free_area_init; an offline possible node's pg_data_t comes from memblock. */
export function zoneSizesInit(ctx: BootContext): void {
  const zones = ctx.profile.zones;
  ctx.mm.zones = freeAreaInit(
    {
      memory: ctx.memblock.regions("memory"),
      reserved: ctx.memblock.regions("reserved"),
      maxLowPfn: ctx.maxLowPfn,
      possibleNodes: ctx.numa.possible,
      onlineNodes: ctx.numa.online,
      params: ctx.params,
      dmaReserve: ctx.mm.dmaReserve,
      allocOfflineNodeData: () => void memblockAlloc(ctx.memblock, zones.pgdatSize, SMP_CACHE_BYTES, zones.offlineNodeDataCaller),
    },
    zones,
    ctx.emit,
  );
}

/**
 * early_cpu_to_node of every possible CPU (APIC id = CPU number): the
 * SRAT's node (init_cpu_to_node), else what numa_init_array gave it — it
 * deals every CPU round robin over the nodes online when NUMA was set up,
 * before the SRAT's nodes are applied.
 */
function cpuNodes(ctx: BootContext, onlineAtNumaInit: readonly number[]): number[] {
  const possible = ctx.machine.cpus?.possible ?? 1;
  return Array.from({ length: possible }, (_, cpu) => {
    const node = ctx.numa.apicToNode.get(cpu);
    if (node !== undefined) return node;
    return onlineAtNumaInit.length ? (onlineAtNumaInit[cpu % onlineAtNumaInit.length] ?? 0) : 0;
  });
}

/** What sizes the hash tables: nr_kernel_pages (= nr_all_pages on x86-64) and the nodes with memory. */
function hashInput(zones: FreeAreaInitResult): SystemHashInput {
  return {
    nrKernelPages: zones.nrKernelPages,
    nrAllPages: zones.nrKernelPages,
    memoryNodes: zones.nodes.filter((n) => n.hasMemory).length,
  };
}

function step(ctx: BootContext, s: StartKernelStep, onlineAtNumaInit: readonly number[]): void {
  const mm = ctx.profile.mm;
  const zones = ctx.mm.zones;
  const info = (kind: string, line: string): void => ctx.emit({ phase: "start_kernel", kind, line, level: 6 });
  switch (s) {
    case "setup_command_line":
      setupCommandLine(ctx.memblock, ctx.params.cmdline, mm.callers);
      return;
    case "setup_per_cpu_areas": {
      const pcpu = setupPerCpuAreas(
        ctx.memblock,
        {
          cpuNodes: cpuNodes(ctx, onlineAtNumaInit),
          onlineNodes: new Set(ctx.numa.online),
          nrNodeIds: Math.max(0, ...ctx.numa.possible) + 1,
        },
        mm.percpu,
        ctx.emit,
      );
      for (const g of pcpu.groups) {
        for (let u = 0; u < g.cpus.length && g.base !== 0n; u++) {
          const start = g.base + BigInt(u) * pcpu.unitSize;
          ctx.placements.push({ what: "per-CPU areas", start, end: start + pcpu.used, nid: g.node });
        }
      }
      return;
    }
    case "build_all_zonelists":
      if (!zones) return;
      ctx.mm.zonelists = buildAllZonelists(
        {
          nodes: zones.nodes,
          onlineNodes: ctx.numa.online.length,
          distance: ctx.numa.distance,
          localNode: ctx.numa.apicToNode.get(0) ?? ctx.numa.online[0] ?? 0,
        },
        ctx.profile.zones,
        ctx.emit,
      );
      return;
    case "kernel_command_line":
      info("start_kernel.cmdline", `Kernel command line: ${ctx.params.cmdline}`);
      printUnknownBootoptions(ctx.memblock, unknownBootOptions(ctx.params.cmdline), mm.callers, ctx.emit);
      return;
    case "vfs_caches_init_early":
      if (!zones) return;
      for (const t of vfsCachesInitEarly(ctx.memblock, hashInput(zones), mm.callers.largeSystemHash, ctx.emit)) {
        ctx.placements.push({ what: `${t.name} hash table`, start: t.start, end: t.start + t.size, nid: -1 });
      }
      return;
    case "trap_init":
      sppGetpages(ctx.memblock, mm.sppPages, mm.callers);
      return;
    case "report_meminit":
      reportMeminit(ctx);
      return;
    case "mem_init":
    {
      const possible = ctx.machine.cpus?.possible ?? 1;
      const tlb = swiotlbInit(ctx.memblock, ctx.maxPossiblePfn, possible, mm.callers.swiotlb, mm.swiotlbAreasLimited, ctx.emit);
      if (tlb) ctx.placements.push({ what: "swiotlb bounce buffers", start: tlb.buffer, end: tlb.buffer + tlb.size, nid: -1 });
      return;
    }
    case "vfs_caches_init":
      if (zones) vfsCachesInit(hashInput(zones), ctx.numa.online.length, ctx.emit);
      return;
    case "mem_init_print_info": {
      if (!zones) return;
      const freedLaterPages = freeInitBeforeMemoryLine(ctx);
      ctx.mm.memory = memInitPrintInfo(
        {
          memory: ctx.memblock.regions("memory"),
          reserved: ctx.memblock.regions("reserved"),
          maxLowPfn: ctx.maxLowPfn,
          presentPages: zones.nodes.filter((n) => ctx.numa.online.includes(n.nid)).map((n) => n.present),
          firstDeferredPfn: new Map(
            zones.nodes.flatMap((n) => (n.firstDeferredPfn === undefined ? [] : [[n.nid, n.firstDeferredPfn] as const])),
          ),
          freedLaterPages,
        },
        mm,
        ctx.emit,
      );
      return;
    }
    case "memblock_discard":
      memblockDiscard(ctx.memblock, mm.callers.memblockDiscard);
  }
}

/** kstrtobool: y/Y/1/on true, n/N/0/off false, anything else leaves the setting alone. */
function kstrtobool(val: string | undefined): boolean | undefined {
  const c = val?.[0];
  if (c === "y" || c === "Y" || c === "1") return true;
  if (c === "n" || c === "N" || c === "0") return false;
  if ((c === "o" || c === "O") && val !== undefined) {
    const d = val[1]?.toLowerCase();
    return d === "n" ? true : d === "f" ? false : undefined;
  }
  return undefined;
}

/** report_meminit, with init_on_alloc=/init_on_free= applied in command-line order. */
function reportMeminit(ctx: BootContext): void {
  const cfg = ctx.profile.mm.memAutoInit;
  let onAlloc = cfg.onAlloc;
  let onFree = cfg.onFree;
  for (const a of ctx.params.args) {
    if (a.param === "init_on_alloc") onAlloc = kstrtobool(a.val) ?? onAlloc;
    if (a.param === "init_on_free") onFree = kstrtobool(a.val) ?? onFree;
  }
  const info = (line: string): void => ctx.emit({ phase: "start_kernel", kind: "start_kernel.mem_auto_init", line, level: 6 });
  info(`mem auto-init: stack:${cfg.stack}, heap alloc:${onAlloc ? "on" : "off"}, heap free:${onFree ? "on" : "off"}`);
  if (onFree) info("mem auto-init: clearing system memory may take some time...");
}

/**
 * free_init_pages of what the kernel frees before the Memory: line: the SMP
 * alternatives go unless one present CPU of several possible keeps the
 * kernel uniprocessor-patched.
 */
function freeInitBeforeMemoryLine(ctx: BootContext): bigint {
  const freed = ctx.profile.mm.initFreedBeforeMemoryLine;
  const possible = ctx.machine.cpus?.possible ?? 1;
  const present = possible - (ctx.machine.cpus?.hotplug ?? 0);
  if (!freed || (present === 1 && possible > 1)) return 0n;
  ctx.emit({
    phase: "start_kernel",
    kind: "start_kernel.free_init",
    line: `Freeing ${freed.what} memory: ${freed.bytes >> 10n}K`,
    level: 6,
  });
  return freed.bytes >> 12n;
}

/**
 * start_kernel's memory steps after setup_arch, up to and including
 * page_alloc_init_late's memblock_discard. `onlineAtNumaInit` is node_online_map as numa_init left it
 * (before init_cpu_to_node brought CPU-only nodes online).
 */
export function startKernelMm(ctx: BootContext, onlineAtNumaInit: readonly number[]): void {
  for (const s of ctx.profile.mm.startKernelOrder) step(ctx, s, onlineAtNumaInit);
}
