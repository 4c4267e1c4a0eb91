/**
 * /sys/firmware/memmap read back into e820 entries. The kernel exposes its
 * firmware e820 table there, one directory per entry (0, 1, 2, …, in table
 * order) holding `start` and `end` (inclusive) as "0x%llx" and `type` as the
 * resource name e820 gave the entry.
 */
import { InputError } from "../errors.js";
import { E820Type, type E820Entry } from "../machine.js";

/** One entry directory's files, as text; a missing file is undefined. */
export interface MemmapDir {
  name: string;
  start?: string;
  end?: string;
  type?: string;
}

/** e820_type_to_string, inverted. "System RAM" also names hot-added memory, which a firmware map never has. */
const TYPES: Record<string, number> = {
  "System RAM": E820Type.RAM,
  "ACPI Tables": E820Type.ACPI,
  "ACPI Non-volatile Storage": E820Type.NVS,
  "Unusable memory": E820Type.UNUSABLE,
  "Persistent Memory (legacy)": E820Type.PRAM,
  "Persistent Memory": E820Type.PMEM,
  Reserved: E820Type.RESERVED,
  "Soft Reserved": E820Type.SOFT_RESERVED,
};

/** Upper bound on entries: the kernel's table holds at most 3200. */
export const MAX_MEMMAP_ENTRIES = 4096;

// A tar of sysfs pads each file with NULs to the 4096 bytes sysfs claims.
const clean = (s: string): string => s.replace(/\0+$/, "").trim();

function value(dir: MemmapDir, file: "start" | "end", source: string): bigint {
  const text = dir[file];
  const where = `${source}/${dir.name}/${file}`;
  if (text === undefined) throw new InputError(`${where}: missing`);
  const v = clean(text);
  if (!/^0x[0-9a-f]{1,16}$/.test(v)) throw new InputError(`${where}:1: expected "0x<hex>", got ${JSON.stringify(v.slice(0, 40))}`);
  return BigInt(v);
}

/**
 * The entries, ordered by directory number. Types the kernel names "Unknown
 * E820 type" cannot be told apart and are refused.
 */
export function readMemmap(dirs: readonly MemmapDir[], source: string): E820Entry[] {
  if (dirs.length === 0) throw new InputError(`${source}: no entry directories (0, 1, 2, ...)`);
  if (dirs.length > MAX_MEMMAP_ENTRIES) throw new InputError(`${source}: ${dirs.length} entries; the kernel's e820 table holds at most 3200`);
  const numbered = dirs.map((d) => {
    if (!/^(0|[1-9]\d{0,5})$/.test(d.name)) throw new InputError(`${source}/${d.name}: not an entry directory (expected a number)`);
    return { n: Number(d.name), d };
  });
  numbered.sort((a, b) => a.n - b.n);
  return numbered.map(({ d }) => {
    const start = value(d, "start", source);
    const end = value(d, "end", source);
    if (d.type === undefined) throw new InputError(`${source}/${d.name}/type: missing`);
    const name = clean(d.type);
    const type = TYPES[name];
    if (type === undefined || !Object.hasOwn(TYPES, name)) {
      throw new InputError(`${source}/${d.name}/type:1: unknown memmap type ${JSON.stringify(name.slice(0, 40))}`);
    }
    // end is inclusive; an empty entry shows end = start - 1
    if (end + 1n < start) throw new InputError(`${source}/${d.name}/end: below start`);
    return { addr: start, size: end + 1n - start, type };
  });
}
