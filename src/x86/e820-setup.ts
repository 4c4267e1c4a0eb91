/**
 * The e820 steps of x86 setup_arch, built on the table operations of
 * e820.ts: taking the firmware map (e820__memory_setup), the user map after
 * mem=/memmap= (e820__finish_early_params), the kernel-image and BIOS-area
 * fix-ups (e820_add_kernel_range, trim_bios_range) and the RAM end
 * (e820__end_of_ram_pfn / e820__end_of_low_ram_pfn).
 */
import { InputError } from "../errors.js";
import type { Emit } from "../events.js";
import { E820Type, type E820Entry } from "../machine.js";
import {
  KERN_INFO,
  KERN_WARNING,
  e820AppendTable,
  e820Line,
  e820MappedAllEntry,
  e820PrintTable,
  e820RangeAdd,
  e820RangeRemove,
  e820RangeUpdate,
  e820UpdateTable,
} from "./e820.js";

/** What differs in e820 handling between kernel builds. */
export interface E820Profile {
  /** Entry types that count towards the end of RAM (max_pfn): RAM in 6.1, RAM and ACPI data in 6.12. */
  endRamTypes: readonly number[];
}

const PAGE_SHIFT = 12n;
const PAGE_SIZE = 1n << PAGE_SHIFT;
/** The legacy BIOS area the kernel never treats as RAM: [640 KiB, 1 MiB). */
const BIOS_BEGIN = 0xa0000n;
const BIOS_END = 0x100000n;

/**
 * e820__memory_setup with the default memory_setup hook: sanitise the boot
 * loader's map and print it as "BIOS-provided physical RAM map:". A map of
 * fewer than two entries makes the kernel fall back to the BIOS-88/e801 memory
 * sizes, which a machine description does not carry.
 */
export function e820MemorySetup(firmware: readonly E820Entry[], emit: Emit): E820Entry[] {
  if (firmware.length < 2) {
    throw new InputError(
      `e820: the map has ${firmware.length} entr${firmware.length === 1 ? "y" : "ies"}; the kernel ignores maps of fewer than 2 and falls back to BIOS-88/e801 sizes, which memsim does not model`,
    );
  }
  // __append_e820_table rejects the whole map (the same fallback) when an entry wraps past 2^64.
  const wraps = firmware.findIndex((e) => e.size !== 0n && e.addr + e.size - 1n >= 1n << 64n);
  if (wraps >= 0) throw new InputError(`e820: entry ${wraps} wraps past 2^64; the kernel then ignores the map and falls back to BIOS-88/e801 sizes, which memsim does not model`);
  const added = e820AppendTable([], firmware, emit);
  const table = e820UpdateTable(added) ?? added;
  e820Line(emit, "e820.header", KERN_INFO, "BIOS-provided physical RAM map:", []);
  e820PrintTable(table, "BIOS-e820", emit);
  return table;
}

/** e820__finish_early_params: after mem=/memmap=, sanitise and print the user-defined map. */
export function e820FinishEarlyParams(table: readonly E820Entry[], userdef: boolean, emit: Emit): E820Entry[] {
  if (!userdef) return [...table];
  const sane = e820UpdateTable(table);
  if (!sane) throw new InputError("memmap=/mem=: the kernel panics with 'Invalid user supplied memory map'");
  e820Line(emit, "e820.header", KERN_INFO, "user-defined physical RAM map:", []);
  e820PrintTable(sane, "user", emit);
  return sane;
}

/** e820_add_kernel_range: force the kernel image to RAM if the map says otherwise. */
export function e820AddKernelRange(table: readonly E820Entry[], start: bigint, size: bigint, emit: Emit): E820Entry[] {
  if (e820MappedAllEntry(table, start, start + size, E820Type.RAM)) return [...table];
  e820Line(emit, "e820.kernel_not_ram", KERN_WARNING, ".text .data .bss are not marked as E820_TYPE_RAM!", []);
  const { table: removed } = e820RangeRemove(table, start, size, E820Type.RAM, false, emit);
  return e820RangeAdd(removed, start, size, E820Type.RAM, emit);
}

/** trim_bios_range: page 0 becomes reserved, [640 KiB, 1 MiB) stops being RAM; re-sanitised silently. */
export function e820TrimBiosRange(table: readonly E820Entry[], emit: Emit): E820Entry[] {
  const { table: t1 } = e820RangeUpdate(table, 0n, PAGE_SIZE, E820Type.RAM, E820Type.RESERVED, emit);
  const { table: t2 } = e820RangeRemove(t1, BIOS_BEGIN, BIOS_END - BIOS_BEGIN, E820Type.RAM, true, emit);
  return e820UpdateTable(t2) ?? t2;
}

/**
 * e820__end_ram_pfn (6.12) / e820_end_pfn (6.1): the end pfn of the last RAM
 * entry below `limitPfn`, capped at `maxArchPfn`; the walk stops at the first
 * entry crossing the limit. Prints "last_pfn = … max_arch_pfn = …".
 */
export function e820EndRamPfn(
  table: readonly E820Entry[],
  limitPfn: bigint,
  maxArchPfn: bigint,
  profile: E820Profile,
  emit: Emit,
): bigint {
  let last = 0n;
  for (const e of table) {
    if (!profile.endRamTypes.includes(e.type)) continue;
    const startPfn = e.addr >> PAGE_SHIFT;
    const endPfn = ((e.addr + e.size) & ((1n << 64n) - 1n)) >> PAGE_SHIFT;
    if (startPfn >= limitPfn) continue;
    if (endPfn > limitPfn) {
      last = limitPfn;
      break;
    }
    if (endPfn > last) last = endPfn;
  }
  if (last > maxArchPfn) last = maxArchPfn;
  e820Line(emit, "e820.last_pfn", KERN_INFO, "last_pfn = %#lx max_arch_pfn = %#lx", [last, maxArchPfn], { lastPfn: last, maxArchPfn });
  return last;
}
