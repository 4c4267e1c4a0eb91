/**
 * The memblock op script (v1): one op per line, run through the engine with
 * the kernel's own printing. The whole script is parsed before anything runs,
 * so a bad line leaves no partial output.
 */
import { InputError } from "../errors.js";
import { KernelBug, KernelPanic } from "../printk/bug.js";
import { hex016 } from "../printk/vsprintf.js";
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

const MULTIPLIERS: Record<string, bigint> = { K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n };
const DECIMAL = /^[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const TOO_BIG = (token: string) => `number '${token}' does not fit in 64 bits`;

function parseNumber(token: string): bigint | string {
  let body = token;
  let mult = 1n;
  const last = token[token.length - 1] as string;
  if (last in MULTIPLIERS) {
    body = token.slice(0, -1);
    mult = MULTIPLIERS[last] as bigint;
  }
  let value: bigint;
  if (DECIMAL.test(body)) {
    // small decimals go through Number, exact below 2^53
    if (body.length < 16) value = BigInt(Number(body));
    else if (body.replace(/^0+/, "").length > 20) return TOO_BIG(token);
    else value = BigInt(body);
  } else if (HEX.test(body)) {
    // too many digits can only overflow; check before BigInt() sees a huge string
    if (body.length > 18 && body.slice(2).replace(/^0+/, "").length > 16) return TOO_BIG(token);
    value = BigInt(body);
  } else {
    return `bad number '${token}'`;
  }
  value *= mult;
  return value > PHYS_ADDR_MAX ? TOO_BIG(token) : value;
}

function parseNid(token: string): number | string {
  if (!/^-?[0-9]{1,11}$/.test(token)) return `bad node id '${token}'`;
  const v = Number(token);
  if (v < -0x80000000 || v > 0x7fffffff) return `node id '${token}' is not a 32-bit int`;
  return v;
}

/** A script error: `FILE:LINE: message`, exit status 2. */
function scriptError(fileName: string, line: number, msg: string): InputError {
  return new InputError(`${fileName}:${line}: ${msg}`, 2);
}

function parseLine(tokens: string[], lineNo: number, fileName: string): MemblockOp {
  const name = tokens[0] as string;
  if (!Object.hasOwn(OPS, name)) throw scriptError(fileName, lineNo, `unknown op '${name}'`);
  const op = name as MemblockOpName;
  const specs: ArgSpec[] = OPS[op];
  const parsed: MemblockOp = { line: lineNo, op, n: [], nid: undefined, flag: false };
  if (tokens.length - 1 > specs.length) throw scriptError(fileName, lineNo, `${op}: unexpected argument '${tokens[specs.length + 1]}'`);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as ArgSpec;
    const token = tokens[i + 1];
    if (token === undefined) {
      if (spec.optional) continue;
      throw scriptError(fileName, lineNo, `${op}: missing argument ${spec.name}`);
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
    if (typeof value === "string") throw scriptError(fileName, lineNo, `${op}: ${spec.name}: ${value}`);
  }
  return parsed;
}

/** Space and tab: the only separators. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Parses a whole script; throws InputError(`FILE:LINE: ...`) at the first bad line. */
export function parseMemblockScript(source: string, fileName: string): MemblockOp[] {
  const ops: MemblockOp[] = [];
  const tokens: string[] = [];
  let lineNo = 0;
  let pos = 0;
  let hash = -1;
  while (pos <= source.length) {
    let eol = source.indexOf("\n", pos);
    if (eol < 0) eol = source.length;
    lineNo++;
    if (hash < pos) hash = source.indexOf("#", pos);
    if (hash < 0) hash = source.length;
    // a comment, or a CR ending a CRLF line, ends the text
    const stop = hash < eol ? hash : eol > pos && source.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    tokens.length = 0;
    let i = pos;
    while (i < stop) {
      while (i < stop && isBlank(source.charCodeAt(i))) i++;
      const start = i;
      while (i < stop && !isBlank(source.charCodeAt(i))) i++;
      if (i > start) tokens.push(source.slice(start, i));
    }
    if (tokens.length) ops.push(parseLine(tokens, lineNo, fileName));
    pos = eol + 1;
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

/** `0x%016llx` */
function addr(out: string[], pa: bigint): void {
  out.push(`0x${hex016(pa)}`);
}

function status(out: string[], ret: number): void {
  if (ret) out.push(`error ${ret}`);
}

function execute(mb: Memblock, o: MemblockOp, out: string[]): void {
  const n = o.n;
  const a = n[0] ?? 0n;
  const b = n[1] ?? 0n;
  const c = n[2] ?? 0n;
  const d = n[3] ?? 0n;
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
