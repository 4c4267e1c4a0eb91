/**
 * arch/x86/kernel/setup.c: the memory steps of setup_arch, in its order, up
 * to initmem_init (NUMA) — early reservations, e820, parse_early_param,
 * the MP table and brk, e820__memblock_setup, the trampoline, the direct
 * mapping and the ACPI tables. Each step is one function of the BootContext.
 */
import type { BootContext } from "../boot/types.js";
import { E820Type, type AcpiTable, type E820Entry } from "../machine.js";
import { KernelPanic } from "../printk/bug.js";
import { vsprintf } from "../printk/vsprintf.js";
import { e820PrintTable, e820RangeAdd, e820RangeRemove, e820RangeUpdate, e820UpdateTable } from "./e820.js";
import { e820AddKernelRange, e820EndRamPfn, e820FinishEarlyParams, e820MemorySetup, e820TrimBiosRange } from "./e820-setup.js";

const PAGE_SIZE = 4096n;
const SZ_64K = 0x10000n;
const SZ_1M = 0x100000n;
const KERN_INFO = 6;
/** max_arch_pfn on 4-level x86-64: 2^(MAX_PHYSMEM_BITS 46 - PAGE_SHIFT). */
const MAX_ARCH_PFN = 1n << 34n;
/** BIOS_START_MIN / BIOS_START_MAX of arch/x86/kernel/ebda.c. */
const BIOS_START_MIN = 0x20000n;
const BIOS_START_MAX = 0x9f000n;
/** INIT_PGT_BUF_SIZE: 4 levels x 4 (CONFIG_RANDOMIZE_MEMORY) page-table pages taken from brk. */
export const INIT_PGT_BUF_PAGES = 16n;

const pageAlign = (x: bigint): bigint => (x + PAGE_SIZE - 1n) & ~(PAGE_SIZE - 1n);

/**
 * The base memory size the BIOS data area reports (word at 0x413) and the
 * EBDA start (word at 0x40e): the firmware puts the EBDA at the top of the
 * RAM that starts at 0, which is what the e820 map shows.
 */
function lowRamEnd(e820: readonly E820Entry[]): bigint | undefined {
  const low = e820.find((e) => e.type === E820Type.RAM && e.addr === 0n);
  return low ? low.addr + low.size : undefined;
}

/** arch/x86/kernel/ebda.c reserve_bios_regions: `[bios_start, 1M)`. */
function biosRegionsStart(e820: readonly E820Entry[]): bigint {
  const top = lowRamEnd(e820) ?? 0n;
  let start = top;
  if (start < BIOS_START_MIN || start > BIOS_START_MAX) start = BIOS_START_MAX;
  const ebda = top;
  if (ebda >= BIOS_START_MIN && ebda < start) start = ebda;
  return start & ~(PAGE_SIZE - 1n);
}

/** early_reserve_memory: before memblock=debug is parsed, so nothing is printed. */
export function earlyReserveMemory(ctx: BootContext): void {
  const mb = ctx.memblock;
  mb.reserve(ctx.kernel.start, ctx.kernel.end - ctx.kernel.start, "early_reserve_memory");
  mb.reserve(0n, SZ_64K, "early_reserve_memory");
  const initrd = ctx.machine.initrd;
  if (initrd) mb.reserve(initrd.start, pageAlign(initrd.end + 1n) - initrd.start, "early_reserve_memory");
  const bios = biosRegionsStart(ctx.machine.e820);
  mb.reserve(bios, SZ_1M - bios, "reserve_bios_regions");
}

/** e820__memory_setup. */
export function e820MemorySetupStep(ctx: BootContext): void {
  ctx.e820 = e820MemorySetup(ctx.machine.e820, ctx.emit);
  ctx.e820Firmware = ctx.e820.map((e) => ({ ...e }));
}

/** parse_early_param: replay the e820 effects of mem=/memmap= and the handlers' messages, in order. */
export function parseEarlyParam(ctx: BootContext): void {
  for (const fx of ctx.params.early) {
    switch (fx.kind) {
      case "print":
        ctx.emit({ phase: "cmdline", kind: "cmdline.early", level: fx.level, line: fx.line });
        break;
      case "e820.exactmap":
        ctx.e820 = [];
        break;
      case "e820.add":
        ctx.e820 = e820RangeAdd(ctx.e820, fx.start, fx.size, fx.type, ctx.emit);
        break;
      case "e820.remove":
        ctx.e820 = e820RangeRemove(ctx.e820, fx.start, fx.size, fx.oldType, fx.checkType, ctx.emit).table;
        break;
      case "e820.update":
        ctx.e820 = e820RangeUpdate(ctx.e820, fx.start, fx.size, fx.oldType, fx.newType, ctx.emit).table;
        break;
    }
  }
  ctx.memblock.setDebug(ctx.params.memblockDebug);
  if (ctx.params.movableNode) {
    ctx.memblock.setMovableNode(true);
    ctx.memblock.setBottomUp(true);
  }
}

/** e820__finish_early_params, e820_add_kernel_range, trim_bios_range, then max_pfn and max_low_pfn. */
export function e820EarlyFixups(ctx: BootContext): void {
  ctx.e820 = e820FinishEarlyParams(ctx.e820, ctx.params.userdef, ctx.emit);
  ctx.e820 = e820AddKernelRange(ctx.e820, ctx.kernel.start, ctx.kernel.end - ctx.kernel.start, ctx.emit);
  ctx.e820 = e820TrimBiosRange(ctx.e820, ctx.emit);
  ctx.maxPfn = e820EndRamPfn(ctx.e820, MAX_ARCH_PFN, MAX_ARCH_PFN, ctx.profile.e820, ctx.emit);
  ctx.maxPossiblePfn = ctx.maxPfn;
  const low4g = 1n << 20n;
  ctx.maxLowPfn = ctx.maxPfn > low4g ? e820EndRamPfn(ctx.e820, low4g, MAX_ARCH_PFN, ctx.profile.e820, ctx.emit) : ctx.maxPfn;
}

/**
 * find_smp_config → smp_scan_config: the MP floating pointer (16 bytes) and
 * the MP config table it points at. The log names only the former; the
 * config table follows it as SeaBIOS lays it out (see mpparse.ts).
 */
export function findSmpConfig(ctx: BootContext, mpcSize: (ctx: BootContext) => bigint): void {
  const mpf = ctx.machine.mpTable;
  if (!mpf) return;
  ctx.emit({
    phase: "mpparse",
    kind: "mpparse.found",
    level: KERN_INFO,
    line: vsprintf("found SMP MP-table at [mem %#010lx-%#010lx]", [mpf.start, mpf.end]),
  });
  const callers = ctx.profile.x86.callers;
  ctx.memblock.reserve(mpf.start, 16n, callers.smpScanConfigMpf);
  const size = mpcSize(ctx);
  if (size > 0n) ctx.memblock.reserve(mpf.start + 16n, size, callers.smpScanConfigMpc);
}

/** early_alloc_pgt_buf + reserve_brk: the brk area in use (DMI copy, then the early page-table buffer). */
export function reserveBrk(ctx: BootContext): void {
  const { brkStart, brkEnd } = ctx.kernel;
  if (brkEnd > brkStart) ctx.memblock.reserve(brkStart, brkEnd - brkStart, ctx.profile.x86.callers.reserveBrk);
}

/** memblock_set_current_limit(ISA_END_ADDRESS) + e820__memblock_setup. */
export function e820MemblockSetup(ctx: BootContext): void {
  const mb = ctx.memblock;
  mb.setCurrentLimit(SZ_1M);
  mb.allowResize();
  for (const e of ctx.e820) {
    if (e.addr + e.size >= 1n << 64n) continue;
    if (e.type === E820Type.SOFT_RESERVED) mb.reserve(e.addr, e.size, ctx.profile.x86.callers.e820MemblockSetup);
    if (e.type !== E820Type.RAM && e.type !== E820Type.RESERVED_KERN) continue;
    mb.add(e.addr, e.size, ctx.profile.x86.callers.e820MemblockSetup);
  }
  mb.trimMemory(PAGE_SIZE);
  mb.dumpAll();
}

/** arch/x86/realmode/init.c reserve_real_mode: the trampoline below 1 MiB, then all of the first 1 MiB. */
export function reserveRealMode(ctx: BootContext): void {
  const x86 = ctx.profile.x86;
  const mem = ctx.memblock.physAllocRange(x86.realModeSize, PAGE_SIZE, 0n, SZ_1M, x86.callers.reserveRealMode);
  if (mem === 0n) {
    ctx.emit({ phase: "realmode", kind: "realmode.no_memory", level: KERN_INFO, line: "No sub-1M memory is available for the trampoline" });
  } else {
    ctx.placements.push({ what: "real-mode trampoline", start: mem, end: mem + x86.realModeSize, nid: -1 });
  }
  ctx.memblock.reserve(0n, SZ_1M, x86.callers.reserveLow1M);
}

/**
 * reserve_initrd: an initrd outside the direct mapping (e.g. above a mem=
 * limit) is copied into mapped memory and its old place freed. The log
 * gives the initrd page-aligned, which is all the allocation needs.
 */
export function reserveInitrd(ctx: BootContext): void {
  const initrd = ctx.machine.initrd;
  if (!initrd) return;
  const end = pageAlign(initrd.end + 1n);
  ctx.emit({ phase: "setup", kind: "setup.ramdisk", level: KERN_INFO, line: vsprintf("RAMDISK: [mem %#010llx-%#010llx]", [initrd.start, end - 1n]) });
  const startPfn = initrd.start >> 12n;
  const endPfn = end >> 12n;
  if (ctx.pfnMapped.some((r) => r.start <= startPfn && endPfn <= r.end)) return;
  const callers = ctx.profile.x86.callers;
  const size = end - initrd.start;
  const moved = ctx.memblock.physAllocRange(size, PAGE_SIZE, 0n, ctx.maxPfnMapped << 12n, callers.relocateInitrd);
  if (moved === 0n) throw new KernelPanic(`Cannot find place for new RAMDISK of size ${size}`);
  ctx.placements.push({ what: "initrd (relocated)", start: moved, end: moved + size, nid: -1 });
  ctx.memblock.physFree(initrd.start, size, callers.relocateInitrdFree);
}

/** max_low_pfn_mapped: the end of the direct mapping below 4 GiB. */
function maxLowPfnMapped(ctx: BootContext): bigint {
  const low = 1n << 20n;
  let max = 0n;
  for (const r of ctx.pfnMapped) if (r.start < low && (r.end < low ? r.end : low) > max) max = r.end < low ? r.end : low;
  return max;
}

/**
 * drivers/acpi/tables.c acpi_table_upgrade: tables found in the initrd are
 * copied to memory below the low direct mapping's end, which
 * arch_reserve_mem_area turns into ACPI NVS in e820 (printing the modified map).
 */
export function acpiTableUpgrade(ctx: BootContext): void {
  const found = ctx.machine.acpiInitrdTables;
  if (!ctx.machine.initrd || found.length === 0) return;
  let total = 0n;
  for (const t of found) {
    ctx.emit({ phase: "acpi", kind: "acpi.initrd_table", level: KERN_INFO, line: vsprintf("ACPI: %4.4s ACPI table found in initrd [%s][0x%x]", [t.signature, t.path, t.length]) });
    total += BigInt(t.length);
  }
  const addr = ctx.memblock.physAllocRange(total, PAGE_SIZE, 0n, maxLowPfnMapped(ctx) << 12n, ctx.profile.x86.callers.acpiTableUpgrade);
  if (addr === 0n) return;
  ctx.placements.push({ what: "ACPI tables from the initrd", start: addr, end: addr + total, nid: -1 });
  const added = e820RangeAdd(ctx.e820, addr, total, E820Type.NVS, ctx.emit);
  const sane = e820UpdateTable(added);
  if (!sane) return;
  ctx.e820 = sane;
  ctx.emit({ phase: "e820", kind: "e820.header", level: KERN_INFO, line: "modified physical RAM map:" });
  e820PrintTable(sane, "modified", ctx.emit);
}

/** The table list minus what the initrd installed: the last listed table of each installed signature. */
function firmwareTables(ctx: BootContext): AcpiTable[] {
  const tables = [...ctx.machine.acpiTables];
  for (const u of ctx.machine.acpiTableUpgrades) {
    if (u.action !== "install") continue;
    const at = tables.map((t) => t.signature).lastIndexOf(u.signature);
    if (at >= 0) tables.splice(at, 1);
  }
  return tables;
}

/** drivers/acpi/tables.c acpi_reserve_initial_tables: every firmware table the kernel installed, but RSDP and the root tables. */
export function acpiReserveInitialTables(ctx: BootContext): void {
  for (const t of firmwareTables(ctx)) {
    if (t.signature === "RSDP" || t.signature === "RSDT" || t.signature === "XSDT") continue;
    if (t.address === 0n || t.length === 0) break;
    const end = t.address + BigInt(t.length) - 1n;
    ctx.emit({
      phase: "acpi",
      kind: "acpi.reserve_table",
      level: KERN_INFO,
      line: vsprintf("ACPI: Reserving %4s table memory at [mem 0x%llx-0x%llx]", [t.signature, t.address, end]),
    });
    ctx.memblock.reserve(t.address, BigInt(t.length), ctx.profile.x86.callers.acpiReserveInitialTables);
  }
}
