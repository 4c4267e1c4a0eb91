/**
 * The memblock op script (v1): one op per line, run through the engine with
 * the kernel's own printing. The whole script is parsed before anything runs,
 * so a bad line leaves no partial output.
 */
import { InputError } from "../errors.js";
import { KernelBug, KernelPanic } from "../printk/bug.js";
import { vsprintf } from "../printk/vsprintf.js";
import type { KernelProfile } from "../profiles/types.js";
import { Memblock } from "./memblock.js";
import { PHYS_ADDR_MAX } from "./region.js";
import type { MemblockMessage } from "./report.js";

type ArgKind = "num" | "nid" | "onoff" | "limit" | "exact";

interface ArgSpec {
  name: string;
  kind: ArgKind;
  optional?: boolean;
}

const num = (name: string): ArgSpec => ({ name, kind: "num" });
const nid = (optional = false): ArgSpec => ({ name: "NID", kind: "nid", optional });
const onoff: ArgSpec = { name: "on|off", kind: "onoff" };
const range = [num("BASE"), num("SIZE")];

const OPS = {
  reset: [],
  bottom_up: [onoff],
  movable_node: [onoff],
  current_limit: [{ name: "ADDR", kind: "limit" }],
  add: [...range, nid(true)],
  remove: range,
  reserve: range,
  free: range,
  mark_hotplug: range,
  clear_hotplug: range,
  mark_mirror: range,
  mark_nomap: range,
  clear_nomap: range,
  set_node: [...range, nid()],
  alloc: [num("SIZE"), num("ALIGN"), num("START"), num("END"), nid(), { name: "exact", kind: "exact", optional: true }],
  phys_alloc_range: [num("SIZE"), num("ALIGN"), num("START"), num("END")],
  alloc_try_nid: [num("SIZE"), num("ALIGN"), num("MIN"), num("MAX"), nid()],
  trim_memory: [num("ALIGN")],
  enforce_memory_limit: [num("LIMIT")],
  cap_memory_range: range,
  mem_limit_remove_map: [num("LIMIT")],
  dump: [],
} satisfies Record<string, ArgSpec[]>;

export type MemblockOpName = keyof typeof OPS;

/** One parsed line: numbers in `n` in argument order; `nid` and `flag` when the op takes them. */
export interface MemblockOp {
  line: number;
  op: MemblockOpName;
  n: bigint[];
  nid: number | undefined;
  flag: boolean;
}

const MULTIPLIERS: Record<string, bigint> = { "": 1n, K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n };
const NUMBER = /^(?:0x([0-9a-fA-F]+)|([0-9]+))([KMGT]?)$/;

function parseNumber(token: string): bigint | string {
  const m = NUMBER.exec(token);
  if (!m) return `bad number '${token}'`;
  const [, hex, dec, suffix] = m;
  const digits = (hex ?? dec ?? "").replace(/^0+(?=.)/, "");
  // too many digits can only overflow; check before BigInt() sees a huge string
  if (digits.length > (hex !== undefined ? 16 : 20)) return `number '${token}' does not fit in 64 bits`;
  const value = BigInt(hex !== undefined ? `0x${digits}` : digits) * (MULTIPLIERS[suffix ?? ""] as bigint);
  if (value > PHYS_ADDR_MAX) return `number '${token}' does not fit in 64 bits`;
  return value;
}

function parseNid(token: string): number | string {
  if (!/^-?[0-9]{1,11}$/.test(token)) return `bad node id '${token}'`;
  const v = Number(token);
  if (v < -0x80000000 || v > 0x7fffffff) return `node id '${token}' is not a 32-bit int`;
  return v;
}

function parseLine(tokens: string[], lineNo: number, fail: (msg: string) => never): MemblockOp {
  const name = tokens[0] as string;
  if (!Object.hasOwn(OPS, name)) fail(`unknown op '${name}'`);
  const op = name as MemblockOpName;
  const specs: ArgSpec[] = OPS[op];
  const parsed: MemblockOp = { line: lineNo, op, n: [], nid: undefined, flag: false };
  const args = tokens.slice(1);
  if (args.length > specs.length) fail(`${op}: unexpected argument '${args[specs.length]}'`);
  specs.forEach((spec, i) => {
    const token = args[i];
    if (token === undefined) {
      if (!spec.optional) fail(`${op}: missing argument ${spec.name}`);
      return;
    }
    let value: bigint | number | string;
    switch (spec.kind) {
      case "num":
        value = parseNumber(token);
        if (typeof value === "bigint") parsed.n.push(value);
        break;
      case "limit":
        value = token === "max" ? PHYS_ADDR_MAX : parseNumber(token);
        if (typeof value === "bigint") parsed.n.push(value);
        break;
      case "nid":
        value = parseNid(token);
        if (typeof value === "number") parsed.nid = value;
        break;
      case "onoff":
        value = token === "on" || token === "off" ? 0 : `expected on or off, got '${token}'`;
        parsed.flag = token === "on";
        break;
      case "exact":
        value = token === "exact" ? 0 : `expected 'exact', got '${token}'`;
        parsed.flag = true;
        break;
    }
    if (typeof value === "string") fail(`${op}: ${spec.name}: ${value}`);
  });
  return parsed;
}

/** Parses a whole script; throws InputError(`FILE:LINE: ...`) at the first bad line. */
export function parseMemblockScript(source: string, fileName: string): MemblockOp[] {
  const ops: MemblockOp[] = [];
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i] as string;
    const hash = text.indexOf("#");
    if (hash >= 0) text = text.slice(0, hash);
    const tokens = text.split(/[ \t]+/).filter((t) => t !== "");
    if (tokens.length === 0) continue;
    const fail = (msg: string): never => {
      throw new InputError(`${fileName}:${i + 1}: ${msg}`, 2);
    };
    ops.push(parseLine(tokens, i + 1, fail));
  }
  return ops;
}

/** How the runner prints what memblock reports. */
function messageLine(m: MemblockMessage): string {
  switch (m.kind) {
    case "warn_on":
      return `WARNING: ${m.fn}: WARN_ON(${m.cond})`;
    case "warn_once":
      return `WARNING: ${m.fn}: ${m.text}`;
    case "dump_stack":
      return `dump_stack() from ${m.fn}`;
    case "printk":
      return m.line;
    case "resize_refused":
      return "note: memblock region array full, memblock_double_array() fails (resizing not allowed)";
  }
}

function addr(out: string[], pa: bigint): void {
  out.push(vsprintf("0x%016llx", [pa]));
}

function status(out: string[], ret: number): void {
  if (ret) out.push(`error ${ret}`);
}

function execute(mb: Memblock, o: MemblockOp, out: string[]): void {
  const [a = 0n, b = 0n, c = 0n, d = 0n] = o.n;
  const nid = o.nid ?? -1;
  switch (o.op) {
    case "reset":
      return mb.reset();
    case "bottom_up":
      return mb.setBottomUp(o.flag);
    case "movable_node":
      mb.movableNode = o.flag;
      return;
    case "current_limit":
      return mb.setCurrentLimit(a);
    case "add":
      return status(out, o.nid === undefined ? mb.add(a, b) : mb.addNode(a, b, o.nid));
    case "remove":
      return status(out, mb.remove(a, b));
    case "reserve":
      return status(out, mb.reserve(a, b));
    case "free":
      return status(out, mb.physFree(a, b));
    case "mark_hotplug":
      return status(out, mb.markHotplug(a, b));
    case "clear_hotplug":
      return status(out, mb.clearHotplug(a, b));
    case "mark_mirror":
      return status(out, mb.markMirror(a, b));
    case "mark_nomap":
      return status(out, mb.markNomap(a, b));
    case "clear_nomap":
      return status(out, mb.clearNomap(a, b));
    case "set_node":
      return status(out, mb.setNode(a, b, nid));
    case "alloc":
      return addr(out, mb.allocRangeNid(a, b, c, d, nid, o.flag));
    case "phys_alloc_range":
      return addr(out, mb.physAllocRange(a, b, c, d));
    case "alloc_try_nid":
      return addr(out, mb.allocTryNidRaw(a, b, c, d, nid));
    case "trim_memory":
      return mb.trimMemory(a);
    case "enforce_memory_limit":
      return mb.enforceMemoryLimit(a);
    case "cap_memory_range":
      return mb.capMemoryRange(a, b);
    case "mem_limit_remove_map":
      return mb.memLimitRemoveMap(a);
    case "dump":
      for (const line of mb.dumpAll()) out.push(line);
      return;
  }
}

/**
 * Runs parsed ops from the boot state `reset` gives (kernelcore=mirror, no
 * resizing). A panic or BUG stops the run with exit code 1.
 */
export function executeMemblockScript(ops: readonly MemblockOp[], profile: KernelProfile): { output: string; exitCode: number } {
  const out: string[] = [];
  const mb = new Memblock(profile.memblock, { mirroredKernelcore: true, onMessage: (m) => out.push(messageLine(m)) });
  let exitCode = 0;
  try {
    for (const o of ops) execute(mb, o, out);
  } catch (err) {
    if (err instanceof KernelPanic) out.push(`Kernel panic - not syncing: ${err.panicMessage}`);
    else if (err instanceof KernelBug) out.push(`kernel BUG: ${err.fn}: BUG_ON(${err.cond})`);
    else throw err;
    exitCode = 1;
  }
  return { output: out.length ? out.join("\n") + "\n" : "", exitCode };
}

/** Parses and runs a memblock op script; script errors throw InputError (exit code 2). */
export function runMemblockScript(source: string, profile: KernelProfile, fileName: string): { output: string; exitCode: number } {
  return executeMemblockScript(parseMemblockScript(source, fileName), profile);
}
