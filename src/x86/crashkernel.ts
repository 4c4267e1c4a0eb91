/**
 * crashkernel= (6.1 arch/x86/kernel/setup.c reserve_crashkernel; 6.12
 * arch_reserve_crashkernel → kernel/crash_reserve.c reserve_crashkernel_generic):
 * the kdump kernel's memory, reserved after NUMA setup so that it avoids
 * hotpluggable memory. Forms: SIZE, SIZE@BASE, SIZE,high, and the
 * RANGE:SIZE[,RANGE:SIZE...][@BASE] list picked by the size of System RAM.
 */
import type { BootContext } from "../boot/types.js";
import { memparse } from "../boot/cmdline.js";
import { vsprintf, type PrintfArg } from "../printk/vsprintf.js";

const SZ_1M = 1n << 20n;
const CRASH_ALIGN = 16n << 20n;
const CRASH_ADDR_LOW_MAX = 1n << 32n;
const CRASH_ADDR_HIGH_MAX = 64n << 40n;
/** max(swiotlb default 64 MiB + 8 MiB, 256 MiB). */
const CRASH_LOW_SIZE_DEFAULT = 256n << 20n;
const KERN_WARNING = 4;
const KERN_INFO = 6;
const KERN_ERR = 3;

/** How each kernel build reserves it. */
export interface CrashkernelProfile {
  /** "x86": 6.1's reserve_crashkernel; "generic": 6.12's reserve_crashkernel_generic. */
  strategy: "x86" | "generic";
  /** The `%pS` of its memblock_phys_alloc_range calls and of the free on failure. */
  caller: string;
  lowCaller: string;
}

interface CrashRequest {
  size: bigint;
  base: bigint;
  high: boolean;
}

/** kernel/crash_core.c parse_crashkernel_mem: "start-[end]:size,..." against System RAM. */
function parseRangeList(spec: string, systemRam: bigint): { size: bigint; end: number } | undefined {
  let i = 0;
  for (;;) {
    const start = memparse(spec, i);
    if (spec[start.end] !== "-") return undefined;
    let end = 1n << 64n;
    let j = start.end + 1;
    if (spec[j] !== ":") {
      const e = memparse(spec, j);
      end = e.value;
      j = e.end;
    }
    if (spec[j] !== ":") return undefined;
    const size = memparse(spec, j + 1);
    if (systemRam >= start.value && systemRam < end) {
      let k = size.end;
      while (k < spec.length && spec[k] !== "@" && spec[k] !== " ") k++;
      return { size: size.value, end: k };
    }
    if (spec[size.end] !== ",") return { size: 0n, end: size.end };
    i = size.end + 1;
  }
}

function parseCrashkernel(spec: string, systemRam: bigint): CrashRequest | undefined {
  let size: bigint;
  let rest: number;
  if (spec.includes(":")) {
    const r = parseRangeList(spec, systemRam);
    if (!r) return undefined;
    size = r.size;
    rest = r.end;
  } else {
    const s = memparse(spec);
    if (s.end === 0) return undefined;
    size = s.value;
    rest = s.end;
  }
  if (spec.slice(rest) === ",high") return { size, base: 0n, high: true };
  if (spec.slice(rest) === ",low") return undefined;
  const base = spec[rest] === "@" ? memparse(spec, rest + 1).value : 0n;
  return size === 0n ? undefined : { size, base, high: false };
}

function say(ctx: BootContext, kind: string, level: number, fmt: string, args: PrintfArg[]): void {
  ctx.emit({ phase: "crashkernel", kind, level, line: vsprintf(fmt, args) });
}

/** 6.1: low first (16M..4G), then anywhere below 64T; a fixed base must be free. */
function reserveX86(ctx: BootContext, req: CrashRequest, total: bigint, p: CrashkernelProfile): void {
  const mb = ctx.memblock;
  let base = req.base;
  if (base === 0n) {
    if (!req.high) base = mb.physAllocRange(req.size, CRASH_ALIGN, CRASH_ALIGN, CRASH_ADDR_LOW_MAX, p.caller);
    if (base === 0n) base = mb.physAllocRange(req.size, CRASH_ALIGN, CRASH_ALIGN, CRASH_ADDR_HIGH_MAX, p.caller);
    if (base === 0n) {
      say(ctx, "crashkernel.no_area", KERN_INFO, "crashkernel reservation failed - No suitable area found.", []);
      return;
    }
  } else if (mb.physAllocRange(req.size, SZ_1M, base, base + req.size, p.caller) !== base) {
    say(ctx, "crashkernel.in_use", KERN_INFO, "crashkernel reservation failed - memory is in use.", []);
    return;
  }
  if (base >= CRASH_ADDR_LOW_MAX) {
    const limit = total < CRASH_ADDR_LOW_MAX ? total : CRASH_ADDR_LOW_MAX;
    const low = mb.physAllocRange(CRASH_LOW_SIZE_DEFAULT, CRASH_ALIGN, 0n, CRASH_ADDR_LOW_MAX, p.lowCaller);
    if (low === 0n) {
      say(ctx, "crashkernel.low_failed", KERN_ERR, "Cannot reserve %ldMB crashkernel low memory, please try smaller size.", [CRASH_LOW_SIZE_DEFAULT >> 20n]);
      mb.physFree(base, req.size, p.caller);
      return;
    }
    say(ctx, "crashkernel.low", KERN_INFO, "Reserving %ldMB of low memory at %ldMB for crashkernel (low RAM limit: %ldMB)", [
      CRASH_LOW_SIZE_DEFAULT >> 20n,
      low >> 20n,
      limit >> 20n,
    ]);
  }
  ctx.placements.push({ what: "crashkernel", start: base, end: base + req.size, nid: -1 });
  say(ctx, "crashkernel.reserved", KERN_INFO, "Reserving %ldMB of memory at %ldMB for crashkernel (System RAM: %ldMB)", [req.size >> 20n, base >> 20n, total >> 20n]);
}

/** 6.12: below 4G, else above it with a low part; ,high the other way round. */
function reserveGeneric(ctx: BootContext, req: CrashRequest, p: CrashkernelProfile): void {
  const mb = ctx.memblock;
  let searchBase = req.base !== 0n ? req.base : req.high ? CRASH_ADDR_LOW_MAX : 0n;
  let searchEnd = req.base !== 0n ? req.base + req.size : req.high ? CRASH_ADDR_HIGH_MAX : CRASH_ADDR_LOW_MAX;
  let lowSize = req.high ? CRASH_LOW_SIZE_DEFAULT : 0n;
  let base = 0n;
  for (;;) {
    base = mb.physAllocRange(req.size, CRASH_ALIGN, searchBase, searchEnd, p.caller);
    if (base !== 0n) break;
    if (req.base !== 0n) {
      say(ctx, "crashkernel.in_use", KERN_WARNING, "crashkernel reservation failed - memory is in use.", []);
      return;
    }
    if (!req.high && searchEnd === CRASH_ADDR_LOW_MAX) {
      searchBase = CRASH_ADDR_LOW_MAX;
      searchEnd = CRASH_ADDR_HIGH_MAX;
      lowSize = CRASH_LOW_SIZE_DEFAULT;
      continue;
    }
    if (req.high && searchEnd === CRASH_ADDR_HIGH_MAX) {
      searchBase = 0n;
      searchEnd = CRASH_ADDR_LOW_MAX;
      continue;
    }
    say(ctx, "crashkernel.failed", KERN_WARNING, "cannot allocate crashkernel (size:0x%llx)", [req.size]);
    return;
  }
  if (base >= CRASH_ADDR_LOW_MAX && lowSize !== 0n) {
    const low = mb.physAllocRange(lowSize, CRASH_ALIGN, 0n, CRASH_ADDR_LOW_MAX, p.lowCaller);
    if (low === 0n) {
      say(ctx, "crashkernel.low_failed", KERN_ERR, "cannot allocate crashkernel low memory (size:0x%llx).", [lowSize]);
      mb.physFree(base, req.size, p.caller);
      return;
    }
    say(ctx, "crashkernel.low", KERN_INFO, "crashkernel low memory reserved: 0x%08llx - 0x%08llx (%lld MB)", [low, low + lowSize, lowSize >> 20n]);
  }
  ctx.placements.push({ what: "crashkernel", start: base, end: base + req.size, nid: -1 });
  say(ctx, "crashkernel.reserved", KERN_INFO, "crashkernel reserved: 0x%016llx - 0x%016llx (%lld MB)", [base, base + req.size, req.size >> 20n]);
}

export function reserveCrashkernel(ctx: BootContext): void {
  const spec = ctx.params.crashkernel;
  if (spec === undefined) return;
  const total = ctx.memblock.totalSize("memory");
  const req = parseCrashkernel(spec, total);
  if (!req) return;
  const p = ctx.profile.crashkernel;
  if (p.strategy === "x86") reserveX86(ctx, req, total, p);
  else reserveGeneric(ctx, req, p);
}
