/**
 * An e820 map from whatever holds one: boot-log lines ("BIOS-e820: [mem …]
 * type", with any log prefix), a tar archive of /sys/firmware/memmap (the
 * directory itself is read by the CLI into MemmapDir records), or JSON.
 */
import { InputError } from "../errors.js";
import type { E820Entry } from "../machine.js";
import { DmesgReader } from "./dmesg.js";
import { readMemmap, type MemmapDir } from "./memmap.js";
import { untar } from "./tar.js";
import type { TextLine } from "./text.js";

export { e820FromJson } from "../machine/json.js";

/** Reads "BIOS-e820:" lines line by line; `finish` fails if there were none. */
export class E820LogReader {
  private readonly log: DmesgReader;

  constructor(private readonly file: string) {
    this.log = new DmesgReader(file);
  }

  line(l: TextLine): void {
    this.log.line(l);
  }

  finish(): E820Entry[] {
    let e820: E820Entry[] = [];
    try {
      e820 = this.log.finish().e820;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
    if (e820.length === 0) throw new InputError(`${this.file}: no "BIOS-e820: [mem ...] type" lines`);
    return e820;
  }
}

const MEMMAP_FILE = /(?:^|\/)(\d+)\/(start|end|type)$/;

/** The memmap entries in a tar archive of /sys/firmware/memmap (any leading directories). */
export function e820FromMemmapTar(bytes: Uint8Array, source: string): E820Entry[] {
  const dirs = new Map<string, MemmapDir>();
  const decoder = new TextDecoder("utf-8");
  for (const f of untar(bytes, source)) {
    const m = MEMMAP_FILE.exec(f.path);
    if (!m) continue;
    const dir = dirs.get(m[1]!) ?? { name: m[1]! };
    // sysfs values are short; a big member is not a memmap file
    if (f.data.length > 4096) throw new InputError(`${source}: ${f.path}: ${f.data.length} bytes, not a memmap value`);
    dir[m[2] as "start" | "end" | "type"] = decoder.decode(f.data);
    dirs.set(m[1]!, dir);
  }
  if (dirs.size === 0) throw new InputError(`${source}: no <n>/start, <n>/end, <n>/type files in the archive`);
  return readMemmap([...dirs.values()], source);
}
