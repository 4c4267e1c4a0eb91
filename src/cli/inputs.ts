/**
 * The machine a command runs on, from the files users give: a boot log, a
 * machine JSON, an SRAT, an e820 map (log lines, JSON, a /sys/firmware/memmap
 * directory or a tar of it), plus --kernel and --cmdline. Later sources
 * override earlier ones, field by field:
 *
 *   --dmesg  <  --machine  <  --srat / --slit / --e820 / --memmap  <  --kernel / --cmdline
 *
 * so a binary SRAT wins over the SRAT lines of a log. `--cmdline "+ARGS"`
 * appends to the command line found in the inputs; any other value replaces
 * it. Files are streamed (logs) or size-capped (everything else), so huge or
 * hostile files end in a one-line InputError rather than a hang.
 */
import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readSlit } from "../acpi/slit-input.js";
import { readSrat } from "../acpi/srat-input.js";
import { InputError } from "../errors.js";
import { emptyMachine, type Machine, type Unknown } from "../machine.js";
import { machineFromJson } from "../machine/json.js";
import { profileFor } from "../profiles/index.js";
import { DmesgReader } from "../readers/dmesg.js";
import { E820LogReader, e820FromJson, e820FromMemmapTar } from "../readers/e820.js";
import { readMemmap, MAX_MEMMAP_ENTRIES, type MemmapDir } from "../readers/memmap.js";
import { LineSplitter, type TextLine } from "../readers/text.js";
import type { MachineInputs } from "./machine-options.js";

/** Structured files (JSON, SRAT, archives) larger than this are refused unread. */
const MAX_FILE = 64 << 20;
const READ_ERRORS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EISDIR: "is a directory",
  ENOTDIR: "is not a directory",
  EACCES: "permission denied",
};

function fsError(file: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? "";
  return new InputError(`${file}: ${READ_ERRORS[code] ?? (err as Error).message}`);
}

/** A whole file, refused when over `limit` bytes. */
export function readCapped(file: string, limit = MAX_FILE): Uint8Array {
  try {
    const size = statSync(file).size;
    if (size > limit) throw new InputError(`${file}: ${size} bytes is more than the ${limit}-byte limit for this input`);
    return new Uint8Array(readFileSync(file));
  } catch (err) {
    throw fsError(file, err);
  }
}

/** Streams a text file ("-": standard input) through `sink` line by line (any size, bounded memory). */
export async function streamLines(file: string, sink: (l: TextLine) => void): Promise<void> {
  const stdin = file === "-";
  const splitter = new LineSplitter(stdin ? "<stdin>" : file);
  try {
    for await (const chunk of stdin ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 })) {
      for (const l of splitter.push(chunk as Buffer)) sink(l);
    }
  } catch (err) {
    throw fsError(file, err);
  }
  for (const l of splitter.end()) sink(l);
}

async function readLog(file: string): Promise<Machine> {
  const r = new DmesgReader(file === "-" ? "<stdin>" : file);
  await streamLines(file, (l) => r.line(l));
  return r.finish();
}

/** The entry directories of a /sys/firmware/memmap copy. */
function readMemmapDir(dir: string): MemmapDir[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw fsError(dir, err);
  }
  if (names.length > MAX_MEMMAP_ENTRIES) throw new InputError(`${dir}: ${names.length} entries; the kernel's e820 table holds at most 3200`);
  const value = (name: string, file: string): string | undefined => {
    const path = join(dir, name, file);
    try {
      if (statSync(path).size > 4096) throw new InputError(`${path}: larger than a sysfs value (4096 bytes)`);
      return readFileSync(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw fsError(path, err);
    }
  };
  return names.map((name) => ({ name, start: value(name, "start"), end: value(name, "end"), type: value(name, "type") }));
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch (err) {
    throw fsError(path, err);
  }
};

/** An e820 map from a file or directory, its kind judged from its content. */
export async function loadE820(path: string): Promise<Machine["e820"]> {
  if (isDir(path)) return readMemmap(readMemmapDir(path), path);
  const head = readHead(path);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    let tar: Uint8Array;
    try {
      tar = new Uint8Array(gunzipSync(readCapped(path), { maxOutputLength: MAX_FILE }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new InputError(`${path}: expands to more than ${MAX_FILE} bytes; not a memmap archive`);
      }
      throw new InputError(`${path}: not a readable gzip archive (${(err as Error).message.split("\n")[0]})`);
    }
    return e820FromMemmapTar(tar, path);
  }
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === "ustar") return e820FromMemmapTar(readCapped(path), path);
  const firstChar = String.fromCharCode(...head.subarray(0, 64)).trimStart()[0];
  if (firstChar === "[" || firstChar === "{") return e820FromJson(new TextDecoder().decode(readCapped(path)), path);
  const r = new E820LogReader(path);
  await streamLines(path, (l) => r.line(l));
  return r.finish();
}

/** The first 512 bytes of a file (enough to tell gzip, tar, JSON and text apart). */
function readHead(path: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buf = new Uint8Array(512);
    return buf.subarray(0, readSync(fd, buf, 0, 512, 0));
  } catch (err) {
    throw fsError(path, err);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Drops what a source could not tell about fields another source has now given. */
function resolved(unknown: Unknown[], field: string): Unknown[] {
  return unknown.filter((u) => u.field !== field && !u.field.startsWith(`${field}/`));
}

/** Combines the inputs into one machine (see the module comment for precedence). */
export async function loadMachine(opts: MachineInputs): Promise<Machine> {
  let m: Machine = emptyMachine();
  let any = false;
  if (opts.dmesg !== undefined) {
    m = await readLog(opts.dmesg);
    any = true;
  }
  if (opts.machine !== undefined) {
    const text = new TextDecoder().decode(readCapped(opts.machine));
    const fromJson = machineFromJson(text, opts.machine);
    // the fields the JSON gives win; what it leaves out is kept from the log
    const given = new Set(Object.keys(JSON.parse(text) as object));
    const merged: Record<string, unknown> = { ...m };
    for (const [k, v] of Object.entries(fromJson)) if (given.has(k) && k !== "unknown") merged[k] = v;
    m = merged as unknown as Machine;
    m.unknown = [...m.unknown.filter((u) => !given.has(u.field.split("/")[1] ?? "")), ...fromJson.unknown];
    any = true;
  }
  if (opts.srat !== undefined) {
    m.srat = readSrat(readCapped(opts.srat), opts.srat).table;
    m.unknown = resolved(m.unknown, "/srat");
    any = true;
  }
  if (opts.slit !== undefined) {
    m.slit = readSlit(readCapped(opts.slit), opts.slit);
    m.unknown = resolved(m.unknown, "/slit");
    any = true;
  }
  for (const path of [opts.e820, opts.memmap]) {
    if (path === undefined) continue;
    m.e820 = await loadE820(path);
    m.unknown = resolved(m.unknown, "/e820");
    any = true;
  }
  if (opts.kernel !== undefined) {
    m.kernel = profileFor(opts.kernel).version;
    m.unknown = resolved(m.unknown, "/kernel");
  }
  if (opts.cmdline !== undefined) {
    m.cmdline = opts.cmdline.startsWith("+") ? `${m.cmdline} ${opts.cmdline.slice(1).trimStart()}`.trim() : opts.cmdline;
    m.unknown = resolved(m.unknown, "/cmdline");
  }
  if (!any) throw new InputError("no machine given: use --dmesg, --machine, or --e820 (with --srat)");
  if (m.e820.length === 0) throw new InputError("the inputs hold no e820 map: add --e820 FILE|DIR, or a log with BIOS-e820 lines");
  return m;
}
