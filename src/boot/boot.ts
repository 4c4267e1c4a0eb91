/**
 * boot(machine, profile): the x86-64 kernel's boot-time memory setup in its
 * own order — setup_arch's steps up to paging_init, then what start_kernel
 * does with memory until the memory block size is known — on one memblock
 * engine, collecting every line the kernel prints as an event.
 */
import type { KernelEvent } from "../events.js";
import { KernelPanic } from "../printk/bug.js";
import type { Machine } from "../machine.js";
import { zoneSizesInit, startKernelMm } from "../mm/boot-steps.js";
import { memblockFindDmaReserve } from "../mm/mem-init.js";
import { probeMemoryBlockSize } from "../mm/memory-block-size.js";
import type { KernelProfile } from "../profiles/types.js";
import { reserveCrashkernel } from "../x86/crashkernel.js";
import { initMemMapping } from "../x86/init-mem-mapping.js";
import { mpcTableSize } from "../x86/mpparse.js";
import { initCpuToNode, x86NumaInit } from "../x86/numa-init.js";
import { setupArchTail } from "../x86/setup-tail.js";
import {
  acpiReserveInitialTables,
  acpiTableUpgrade,
  e820EarlyFixups,
  e820MemblockSetup,
  e820MemorySetupStep,
  earlyReserveMemory,
  findSmpConfig,
  INIT_PGT_BUF_PAGES,
  parseEarlyParam,
  reserveBrk,
  reserveInitrd,
  reserveRealMode,
} from "../x86/setup.js";
import { parseCmdline } from "./cmdline.js";
import { bootMemblock } from "./memblock-adapter.js";
import { sparseInit } from "./sparse.js";
import type { BootContext, BootResult, KernelImage } from "./types.js";

const PAGE = 4096n;
const KERN_INFO = 6;

/** Where the image and its brk area lie: _text at the load address, brk right after __end_of_kernel_reserve. */
function kernelImage(machine: Machine, profile: KernelProfile, assumptions: string[]): KernelImage {
  const start = machine.kernelImage?.start ?? profile.x86.physicalStart;
  if (!machine.kernelImage && !/(^|\s)nokaslr(\s|$)/.test(machine.cmdline)) {
    assumptions.push("without nokaslr the kernel picks a random load address; the image is placed at CONFIG_PHYSICAL_START (0x1000000)");
  }
  const end = start + profile.x86.kernelReserveSize;
  // brk in use at reserve_brk: dmi_setup's copy of the DMI table (a page at most in
  // practice), then early_alloc_pgt_buf's page-aligned page-table buffer
  const dmiPages = machine.dmi !== undefined ? 1n : 0n;
  return { start, end, brkStart: end, brkEnd: end + (dmiPages + INIT_PGT_BUF_PAGES) * PAGE };
}

function newContext(machine: Machine, profile: KernelProfile): BootContext {
  const events: KernelEvent[] = [];
  const emit = (e: KernelEvent): void => void events.push(e);
  const params = parseCmdline(machine.cmdline);
  const assumptions: string[] = [];
  return {
    machine,
    profile,
    params,
    memblock: bootMemblock(profile.memblock, emit, params.mirroredKernelcore),
    e820: [],
    e820Firmware: [],
    maxPfn: 0n,
    maxLowPfn: 0n,
    maxPfnMapped: 0n,
    maxPossiblePfn: 0n,
    kernel: kernelImage(machine, profile, assumptions),
    pfnMapped: [],
    numa: {
      method: "dummy",
      meminfo: [],
      reservedMeminfo: [],
      nodesParsed: [],
      possible: [],
      online: [],
      distance: [],
      pxmToNode: new Map(),
      apicToNode: new Map(),
      kernelNodes: [],
    },
    nodeData: new Map(),
    placements: [],
    mm: { dmaReserve: 0n },
    assumptions,
    events,
    emit,
  };
}

/**
 * X86_FEATURE_HYPERVISOR (CPUID.1:ECX[31]): set under any hypervisor the log
 * names, and by QEMU for every CPU model even under TCG, where the log
 * names none but the DMI identifies the machine as QEMU's.
 */
function hasHypervisorBit(machine: Machine): boolean {
  return machine.hypervisor !== undefined || /\bQEMU\b/.test(machine.dmi ?? "");
}

/** setup_arch, the memory steps in order; returns node_online_map as NUMA setup left it. */
function setupArch(ctx: BootContext): number[] {
  ctx.emit({ phase: "setup", kind: "setup.cmdline", level: KERN_INFO, line: `Command line: ${ctx.params.cmdline}` });
  earlyReserveMemory(ctx);
  e820MemorySetupStep(ctx);
  parseEarlyParam(ctx);
  e820EarlyFixups(ctx);
  findSmpConfig(ctx, mpcTableSize);
  reserveBrk(ctx);
  e820MemblockSetup(ctx);
  reserveRealMode(ctx);
  initMemMapping(ctx);
  reserveInitrd(ctx);
  acpiTableUpgrade(ctx);
  acpiReserveInitialTables(ctx);
  x86NumaInit(ctx);
  reserveCrashkernel(ctx);
  if (ctx.profile.mm.dmaReserve) {
    ctx.mm.dmaReserve = memblockFindDmaReserve(ctx.memblock.regions("memory"), ctx.memblock.regions("reserved"), ctx.params.movableNode);
  }
  pagingInit(ctx);
  const onlineAtNumaInit = [...ctx.numa.online];
  initCpuToNode(ctx);
  setupArchTail(ctx);
  return onlineAtNumaInit;
}

/** x86-64 paging_init: sparse_init, then zone_sizes_init → free_area_init. */
function pagingInit(ctx: BootContext): void {
  sparseInit(ctx);
  zoneSizesInit(ctx);
}

/** start_kernel after setup_arch: its memory steps up to the Memory: line, then the memory block size (memory_dev_init). */
function afterSetupArch(ctx: BootContext, onlineAtNumaInit: readonly number[]): void {
  startKernelMm(ctx, onlineAtNumaInit);
  ctx.mm.blockSize = probeMemoryBlockSize({ maxPfn: ctx.maxPfn, hypervisor: hasHypervisorBit(ctx.machine) }, ctx.emit);
}

function result(ctx: BootContext): BootResult {
  const snapshot = (t: "memory" | "reserved") => ctx.memblock.regions(t).map((r) => ({ ...r }));
  return {
    kernel: ctx.profile.version,
    params: ctx.params,
    events: ctx.events,
    e820: ctx.e820,
    maxPfn: ctx.maxPfn,
    kernelImage: ctx.kernel,
    numa: ctx.numa,
    nodeData: [...ctx.nodeData.values()].sort((a, b) => a.nid - b.nid),
    placements: ctx.placements,
    memblock: { memory: snapshot("memory"), reserved: snapshot("reserved") },
    mm: ctx.mm,
    assumptions: ctx.assumptions,
  };
}

/** Boot `machine` with the kernel `profile`. */
export function boot(machine: Machine, profile: KernelProfile): BootResult {
  const ctx = newContext(machine, profile);
  try {
    afterSetupArch(ctx, setupArch(ctx));
  } catch (err) {
    // the machine stops here: the panic is the last line
    if (!(err instanceof KernelPanic)) throw err;
    ctx.emit({ phase: "panic", kind: "panic", level: 0, line: err.message });
  }
  return result(ctx);
}
