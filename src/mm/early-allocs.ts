/**
 * The small memblock allocations start_kernel makes between setup_arch and
 * mem_init that the Memory: line counts as reserved: setup_command_line's
 * two copies of the command line, print_unknown_bootoptions' transient
 * buffer, and the page-table pages trap_init's fixmap mappings take
 * (spp_getpage).
 */
import type { KernelEvent } from "../events.js";
import { memblockAlloc, SMP_CACHE_BYTES } from "./memblock-port.js";
import type { MemblockAllocator } from "./memblock-port.js";

const encoder = new TextEncoder();
const bytes = (s: string): number => encoder.encode(s).length;

export interface EarlyAllocCallers {
  savedCommandLine: string;
  staticCommandLine: string;
  unknownOptions: string;
  unknownOptionsFree: string;
  sppGetpage: string;
}

/** setup_command_line: saved_command_line and static_command_line, each strlen + 1 bytes. */
export function setupCommandLine(mb: MemblockAllocator, cmdline: string, callers: EarlyAllocCallers): void {
  const len = BigInt(bytes(cmdline)) + 1n;
  memblockAlloc(mb, len, SMP_CACHE_BYTES, callers.savedCommandLine);
  memblockAlloc(mb, len, SMP_CACHE_BYTES, callers.staticCommandLine);
}

/**
 * print_unknown_bootoptions: the words no kernel parameter took (init's
 * arguments, then its environment) joined in a buffer of 1 + Σ(1 + strlen)
 * bytes, printed, and freed.
 */
export function printUnknownBootoptions(
  mb: MemblockAllocator,
  unknown: readonly string[],
  callers: EarlyAllocCallers,
  emit: (e: KernelEvent) => void,
): void {
  if (unknown.length === 0) return;
  const len = unknown.reduce((n, w) => n + 1n + BigInt(bytes(w)), 1n);
  const pa = memblockAlloc(mb, len, SMP_CACHE_BYTES, callers.unknownOptions);
  if (pa === 0n) return;
  emit({
    phase: "start_kernel",
    kind: "start_kernel.unknown_params",
    line: `Unknown kernel command line parameters "${unknown.join(" ")}", will be passed to user space.`,
    level: 5,
    data: { unknown },
  });
  mb.physFree(pa, len, callers.unknownOptionsFree);
}

/** spp_getpage: one page-table page per fixmap table trap_init has to create. */
export function sppGetpages(mb: MemblockAllocator, pages: number, callers: EarlyAllocCallers): void {
  for (let i = 0; i < pages; i++) memblockAlloc(mb, 4096n, 4096n, callers.sppGetpage);
}
