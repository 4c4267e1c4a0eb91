/**
 * The x86 e820 table (arch/x86/kernel/e820.c): its types, the printed form
 * of an entry, and the table operations the boot code applies to it. Each
 * operation is pure: it takes a table, returns a new one, and emits the lines
 * the kernel prints while doing it. Arithmetic is u64 and wraps as the
 * kernel's does.
 */
import type { Emit } from "../events.js";
import { E820Type, type E820Entry } from "../machine.js";
import { vsprintf } from "../printk/vsprintf.js";
import { MAX_NUMNODES } from "../kconfig.js";

const U64 = (1n << 64n) - 1n;
const u64 = (v: bigint): bigint => v & U64;

/** Table capacity: 128 boot_params slots plus 3 per node. */
const E820_MAX_ENTRIES = 128 + 3 * MAX_NUMNODES;

/** printk levels of the lines printed here. */
export const KERN_ERR = 3;
export const KERN_WARNING = 4;
export const KERN_INFO = 6;
export const KERN_DEBUG = 7;

/** How the kernel names a type in its e820 lines (e820_print_type). */
export function e820TypeName(type: number): string {
  switch (type) {
    case E820Type.RAM:
    case E820Type.RESERVED_KERN:
      return "usable";
    case E820Type.RESERVED:
      return "reserved";
    case E820Type.SOFT_RESERVED:
      return "soft reserved";
    case E820Type.ACPI:
      return "ACPI data";
    case E820Type.NVS:
      return "ACPI NVS";
    case E820Type.UNUSABLE:
      return "unusable";
    case E820Type.PMEM:
    case E820Type.PRAM:
      return `persistent (type ${type})`;
    default:
      return `type ${type}`;
  }
}

/** The type code behind a printed name; "usable" reads as RAM (firmware never hands out RESERVED_KERN). */
export function e820TypeFromName(name: string): number | undefined {
  const fixed: Record<string, number> = {
    usable: E820Type.RAM,
    reserved: E820Type.RESERVED,
    "soft reserved": E820Type.SOFT_RESERVED,
    "ACPI data": E820Type.ACPI,
    "ACPI NVS": E820Type.NVS,
    unusable: E820Type.UNUSABLE,
  };
  if (Object.hasOwn(fixed, name)) return fixed[name];
  const m = /^(?:persistent \(type (7|12)\)|type (\d{1,10}))$/.exec(name);
  const code = m ? Number(m[1] ?? m[2]) : NaN;
  return Number.isInteger(code) && code <= 0xffffffff ? code : undefined;
}

/** Emits one e820 line, formatted by the kernel's vsprintf. */
export function e820Line(emit: Emit, kind: string, level: number, fmt: string, args: (bigint | number | string)[], data?: Record<string, unknown>): void {
  emit({ phase: "e820", kind, level, line: vsprintf(fmt, args), ...(data ? { data } : {}) });
}

const copy = (t: readonly E820Entry[]): E820Entry[] => t.map((e) => ({ ...e }));

/** __e820__range_add: append an entry, or complain when the table is full. */
function rangeAddInPlace(t: E820Entry[], start: bigint, size: bigint, type: number, emit: Emit): void {
  if (t.length >= E820_MAX_ENTRIES) {
    e820Line(emit, "e820.too_many", KERN_ERR, "too many entries; ignoring [mem %#010llx-%#010llx]", [start, u64(start + size - 1n)]);
    return;
  }
  t.push({ addr: start, size, type });
}

/** e820__range_add: the table with `[start, start + size)` of `type` appended (unsorted, unmerged). */
export function e820RangeAdd(t: readonly E820Entry[], start: bigint, size: bigint, type: number, emit: Emit): E820Entry[] {
  const out = copy(t);
  rangeAddInPlace(out, start, size, type, emit);
  return out;
}

/** __append_e820_table: appends entries in order, each subject to the capacity check. */
export function e820AppendTable(t: readonly E820Entry[], entries: readonly E820Entry[], emit: Emit): E820Entry[] {
  const out = copy(t);
  for (const e of entries) rangeAddInPlace(out, e.addr, e.size, e.type, emit);
  return out;
}

/** Types whose neighbouring entries are never merged (e820_nomerge). */
const noMerge = (type: number): boolean => type === E820Type.PRAM || type === E820Type.SOFT_RESERVED;

/**
 * e820__update_table: resolves overlaps (the highest type code wins), merges
 * neighbours of one type and sorts by address. Returns undefined where the
 * kernel declines (fewer than two entries, or an entry wrapping past 2^64)
 * and leaves the table as it was.
 */
export function e820UpdateTable(t: readonly E820Entry[]): E820Entry[] | undefined {
  if (t.length < 2) return undefined;
  if (t.some((e) => u64(e.addr + e.size) < e.addr)) return undefined;

  // Change points: every non-empty entry starts and ends once. At one address
  // starts sort before ends; the sweep's result does not depend on the order
  // among equals (only zero-length pieces would).
  const points: { addr: bigint; entry: number; isStart: boolean }[] = [];
  t.forEach((e, i) => {
    if (e.size === 0n) return;
    points.push({ addr: e.addr, entry: i, isStart: true }, { addr: e.addr + e.size, entry: i, isStart: false });
  });
  points.sort((a, b) => (a.addr !== b.addr ? (a.addr < b.addr ? -1 : 1) : Number(!a.isStart) - Number(!b.isStart)));

  const covering = new Set<number>();
  const out: E820Entry[] = [];
  let lastType = 0;
  let lastAddr = 0n;
  for (const p of points) {
    if (p.isStart) covering.add(p.entry);
    else covering.delete(p.entry);
    let type = 0;
    for (const i of covering) type = Math.max(type, t[i]!.type);
    if (type === lastType && !noMerge(type)) continue;
    if (lastType !== 0 && p.addr - lastAddr !== 0n) {
      out.push({ addr: lastAddr, size: p.addr - lastAddr, type: lastType });
      if (out.length >= E820_MAX_ENTRIES) break;
    }
    if (type !== 0) lastAddr = p.addr;
    lastType = type;
  }
  return out;
}

/** Clamp a size so that start + size stays within u64, as both range operations do. */
function clampSize(start: bigint, size: bigint): bigint {
  return size > U64 - start ? U64 - start : size;
}

/**
 * The walk both range operations share: every entry of `oldType` (of any type
 * when undefined) loses its overlap with `[start, end)`; with a `newType` the
 * overlap comes back as that type (in place when the entry lies wholly
 * inside, else as an appended piece). Removed entries become all-zero ones
 * until the next e820UpdateTable. Pieces appended during the walk are visited
 * too, as in the kernel. Returns the table and the bytes changed.
 */
function cutRange(
  t: readonly E820Entry[],
  start: bigint,
  size: bigint,
  oldType: number | undefined,
  newType: number | undefined,
  emit: Emit,
): { table: E820Entry[]; changed: bigint } {
  const end = start + size;
  const out = copy(t);
  let changed = 0n;
  for (let i = 0; i < out.length; i++) {
    const e = out[i]!;
    if (oldType !== undefined && e.type !== oldType) continue;
    const entryEnd = u64(e.addr + e.size);
    if (e.addr >= start && entryEnd <= end) {
      changed += e.size;
      if (newType !== undefined) e.type = newType;
      else out[i] = { addr: 0n, size: 0n, type: 0 };
      continue;
    }
    if (e.addr < start && entryEnd > end) {
      if (newType !== undefined) rangeAddInPlace(out, start, size, newType, emit);
      rangeAddInPlace(out, end, entryEnd - end, e.type, emit);
      e.size = start - e.addr;
      changed += size;
      continue;
    }
    const finalStart = e.addr > start ? e.addr : start;
    const finalEnd = entryEnd < end ? entryEnd : end;
    if (finalStart >= finalEnd) continue;
    if (newType !== undefined) rangeAddInPlace(out, finalStart, finalEnd - finalStart, newType, emit);
    changed += finalEnd - finalStart;
    e.size -= finalEnd - finalStart;
    if (e.addr >= finalStart) e.addr = finalEnd;
  }
  return { table: out, changed: u64(changed) };
}

/**
 * __e820__range_update: retypes the `oldType` parts of `[start, start + size)`
 * to `newType`, splitting entries (the pieces are appended, unsorted). The
 * line is printed whether or not anything matched.
 */
export function e820RangeUpdate(
  t: readonly E820Entry[],
  start: bigint,
  size: bigint,
  oldType: number,
  newType: number,
  emit: Emit,
): { table: E820Entry[]; updated: bigint } {
  size = clampSize(start, size);
  const end = start + size;
  const names = [e820TypeName(oldType), e820TypeName(newType)];
  e820Line(emit, "e820.update", KERN_DEBUG, "e820: update [mem %#010Lx-%#010Lx] %s ==> %s", [start, end - 1n, ...names], { start, end, oldType, newType });
  const { table, changed } = cutRange(t, start, size, oldType, newType, emit);
  return { table, updated: changed };
}

/**
 * e820__range_remove: drops `[start, start + size)` from entries of `oldType`
 * (of any type when `checkType` is false; the line then names no type).
 */
export function e820RangeRemove(
  t: readonly E820Entry[],
  start: bigint,
  size: bigint,
  oldType: number,
  checkType: boolean,
  emit: Emit,
): { table: E820Entry[]; removed: bigint } {
  size = clampSize(start, size);
  const end = start + size;
  const typeName = checkType ? e820TypeName(oldType) : "";
  e820Line(emit, "e820.remove", KERN_DEBUG, "e820: remove [mem %#010Lx-%#010Lx] %s", [start, end - 1n, typeName], { start, end, ...(checkType ? { oldType } : {}) });
  const { table, changed } = cutRange(t, start, size, checkType ? oldType : undefined, undefined, emit);
  return { table, removed: changed };
}

/** e820__print_table: one "<who>: [mem …] <type>" line per entry, in table order. */
export function e820PrintTable(t: readonly E820Entry[], who: string, emit: Emit): void {
  for (const e of t) {
    e820Line(emit, "e820.entry", KERN_INFO, "%s: [mem %#018Lx-%#018Lx] %s", [who, e.addr, u64(e.addr + e.size - 1n), e820TypeName(e.type)], {
      who,
      addr: e.addr,
      size: e.size,
      type: e.type,
    });
  }
}

/**
 * The entry that completes coverage of `[start, end)` by entries of `type`
 * (0: any), walking the table in order (__e820__mapped_all); only right on a
 * sorted, sanitised table, like the kernel's.
 */
export function e820MappedAllEntry(t: readonly E820Entry[], start: bigint, end: bigint, type: number): E820Entry | undefined {
  for (const e of t) {
    if (type && e.type !== type) continue;
    const entryEnd = u64(e.addr + e.size);
    if (e.addr >= end || entryEnd <= start) continue;
    if (e.addr <= start) start = entryEnd;
    if (start >= end) return e;
  }
  return undefined;
}
