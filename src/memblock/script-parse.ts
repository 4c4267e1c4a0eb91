/**
 * The memblock op script, format v1: one op per line, tokens separated by
 * spaces or tabs, '#' starts a comment. Parsed whole before anything runs, so
 * a bad line leaves no partial output.
 */
import { InputError } from "../errors.js";
import { PHYS_ADDR_MAX } from "./region.js";

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
/** Ops by number: the program stores op codes, indices into this list. */
export const OP_NAMES = Object.keys(OPS) as MemblockOpName[];
/** Op codes by first character and length (a name is then compared in place, not sliced). */
const OP_INDEX = new Map<number, number[]>();
const opKey = (first: number, length: number): number => first * 256 + length;
OP_NAMES.forEach((name, code) => {
  const key = opKey(name.charCodeAt(0), name.length);
  OP_INDEX.set(key, [...(OP_INDEX.get(key) ?? []), code]);
});

/** The code of the op named by [from, to) of `src`, or -1. */
function opCode(src: string, from: number, to: number): number {
  const codes = OP_INDEX.get(opKey(src.charCodeAt(from), to - from));
  if (codes) {
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as number;
      if (src.startsWith(OP_NAMES[code] as string, from)) return code;
    }
  }
  return -1;
}

/** One parsed line: numbers in `n` in argument order; `nid` and `flag` when the op takes them. */
export interface MemblockOp {
  line: number;
  op: MemblockOpName;
  n: bigint[];
  nid: number | undefined;
  flag: boolean;
}

const NUMS = 4;
const FLAG = 1;
const HAS_NID = 2;

/**
 * A parsed script, packed in typed arrays: a 100,000-op script must not
 * become 100,000 heap objects for the garbage collector to copy around.
 */
export class MemblockProgram {
  count = 0;
  codes = new Uint8Array(256);
  lines = new Int32Array(256);
  nids = new Int32Array(256);
  bits = new Uint8Array(256);
  /** Up to four numbers per op, in argument order. */
  nums = new BigUint64Array(256 * NUMS);

  private grow(): void {
    const cap = this.codes.length * 2;
    const widen = <T extends Uint8Array | Int32Array | BigUint64Array>(old: T, size: number): T => {
      const next = new (old.constructor as new (n: number) => T)(size);
      next.set(old as never);
      return next;
    };
    this.codes = widen(this.codes, cap);
    this.lines = widen(this.lines, cap);
    this.nids = widen(this.nids, cap);
    this.bits = widen(this.bits, cap);
    this.nums = widen(this.nums, cap * NUMS);
  }

  /** Starts op number `count`; returns its index. */
  push(code: number, line: number): number {
    if (this.count === this.codes.length) this.grow();
    const i = this.count++;
    this.codes[i] = code;
    this.lines[i] = line;
    this.nids[i] = -1;
    this.bits[i] = 0;
    return i;
  }

  /**
   * Number `j` of op `i`. Read where used, as each read makes a bigint (a
   * method, not a closure per op, which would be garbage of its own).
   */
  num(i: number, j: number): bigint {
    return this.nums[i * NUMS + j] as bigint;
  }

  /** All ops as plain objects. */
  ops(): MemblockOp[] {
    return Array.from({ length: this.count }, (_, i) => this.op(i));
  }

  /** Op `i` as a plain object. */
  op(i: number): MemblockOp {
    const n: bigint[] = [];
    const code = this.codes[i] as number;
    const specs = OPS[OP_NAMES[code] as MemblockOpName] as ArgSpec[];
    const count = specs.filter((s) => s.kind === "num" || s.kind === "limit").length;
    for (let k = 0; k < count; k++) n.push(this.nums[i * NUMS + k] as bigint);
    const bits = this.bits[i] as number;
    return { line: this.lines[i] as number, op: OP_NAMES[code] as MemblockOpName, n, nid: bits & HAS_NID ? this.nids[i] : undefined, flag: (bits & FLAG) !== 0 };
  }
}

/** The shift of a K, M, G or T suffix (by character code), or 0. */
function suffixShift(c: number): number {
  return c === 75 ? 10 : c === 77 ? 20 : c === 71 ? 30 : c === 84 ? 40 : 0;
}

/** A token quoted for an error message: printable ASCII, at most 40 characters shown. */
function show(token: string): string {
  const cut = token.length > 40 ? `${token.slice(0, 40)}...` : token;
  return `'${cut.replace(/[^\x20-\x7e]/g, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`)}'`;
}

/** Value of one digit in `base`, or -1. */
function digitValue(c: number, base: number): number {
  const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
  return d < base ? d : -1;
}

// Tokens are read in place, as [from, to) of the source: slicing a string per
// token costs more than the parse itself. Errors slice the token they quote.

/** The number at [from, to) of `src`, or an error message. */
function parseNumber(src: string, from: number, to: number): bigint | string {
  const shift = suffixShift(src.charCodeAt(to - 1));
  const end = shift ? to - 1 : to;
  const hex = end - from > 2 && src.charCodeAt(from) === 48 && src.charCodeAt(from + 1) === 120;
  const first = hex ? from + 2 : from;
  const base = hex ? 16 : 10;
  if (end <= first) return `bad number ${show(src.slice(from, to))}`;
  // digits accumulate exactly in a double while below 2^53
  let small = 0;
  let significant = 0;
  for (let i = first; i < end; i++) {
    const d = digitValue(src.charCodeAt(i), base);
    if (d < 0) return `bad number ${show(src.slice(from, to))}`;
    if (significant || d) significant++;
    small = small * base + d;
  }
  // beyond 16 hex / 20 decimal significant digits it can only overflow
  if (significant > (hex ? 16 : 20)) return tooBig(src.slice(from, to));
  let value = significant <= (hex ? 13 : 15) ? BigInt(small) : BigInt(hex ? `0x${src.slice(first, end)}` : src.slice(first, end));
  if (shift) value <<= BigInt(shift);
  return value > PHYS_ADDR_MAX ? tooBig(src.slice(from, to)) : value;
}

function tooBig(token: string): string {
  return `number ${show(token)} does not fit in 64 bits`;
}

/** The node id at [from, to) of `src`: an optional '-' and 1 to 11 decimal digits, 32-bit. */
function parseNid(src: string, from: number, to: number): number | string {
  const neg = src.charCodeAt(from) === 45;
  const first = neg ? from + 1 : from;
  let v = 0;
  for (let i = first; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57 || to - first > 11) return `bad node id ${show(src.slice(from, to))}`;
    v = v * 10 + c - 48;
  }
  if (to === first) return `bad node id ${show(src.slice(from, to))}`;
  if (neg) v = -v;
  if (v < -0x80000000 || v > 0x7fffffff) return `node id ${show(src.slice(from, to))} is not a 32-bit int`;
  return v;
}

/** A script error: `FILE:LINE: message`, exit status 2. */
function scriptError(fileName: string, line: number, msg: string): InputError {
  return new InputError(`${fileName}:${line}: ${msg}`, 2);
}

/** Tokens `[from, to)` pairs: token t is [bounds[2t], bounds[2t + 1]). */
function parseLine(prog: MemblockProgram, src: string, bounds: number[], ntokens: number, lineNo: number, fileName: string): void {
  const code = opCode(src, bounds[0] as number, bounds[1] as number);
  if (code < 0) throw scriptError(fileName, lineNo, `unknown op ${show(src.slice(bounds[0], bounds[1]))}`);
  const name = OP_NAMES[code] as MemblockOpName;
  const specs: ArgSpec[] = OPS[name];
  if (ntokens - 1 > specs.length) {
    const t = specs.length + 1;
    throw scriptError(fileName, lineNo, `${name}: unexpected argument ${show(src.slice(bounds[2 * t], bounds[2 * t + 1]))}`);
  }
  const i = prog.push(code, lineNo);
  let k = i * NUMS;
  for (let a = 0; a < specs.length; a++) {
    const spec = specs[a] as ArgSpec;
    if (a + 1 >= ntokens) {
      if (spec.optional) continue;
      throw scriptError(fileName, lineNo, `${name}: missing argument ${spec.name}`);
    }
    const from = bounds[2 * a + 2] as number;
    const to = bounds[2 * a + 3] as number;
    let value: bigint | number | string;
    switch (spec.kind) {
      case "num":
      case "limit":
        value = spec.kind === "limit" && src.startsWith("max", from) && to - from === 3 ? PHYS_ADDR_MAX : parseNumber(src, from, to);
        if (typeof value === "bigint") prog.nums[k++] = value;
        break;
      case "nid":
        value = parseNid(src, from, to);
        if (typeof value === "number") {
          prog.nids[i] = value;
          (prog.bits[i] as number) |= HAS_NID;
        }
        break;
      case "onoff": {
        const token = src.slice(from, to);
        value = token === "on" || token === "off" ? 0 : `expected on or off, got ${show(token)}`;
        if (token === "on") (prog.bits[i] as number) |= FLAG;
        break;
      }
      case "exact": {
        const token = src.slice(from, to);
        value = token === "exact" ? 0 : `expected 'exact', got ${show(token)}`;
        (prog.bits[i] as number) |= FLAG;
        break;
      }
    }
    if (typeof value === "string") throw scriptError(fileName, lineNo, `${name}: ${spec.name}: ${value}`);
  }
}

/** Space and tab: the only separators. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Parses a whole script; throws InputError(`FILE:LINE: ...`) at the first bad line. */
export function parseMemblockScript(source: string, fileName: string): MemblockProgram {
  const prog = new MemblockProgram();
  const bounds: number[] = [];
  let lineNo = 0;
  // a UTF-8 byte order mark is not part of the first line
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let hash = -1;
  while (pos <= source.length) {
    let eol = source.indexOf("\n", pos);
    if (eol < 0) eol = source.length;
    lineNo++;
    if (hash < pos) hash = source.indexOf("#", pos);
    if (hash < 0) hash = source.length;
    // a comment, or a CR ending a CRLF line, ends the text
    const stop = hash < eol ? hash : eol > pos && source.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    let ntokens = 0;
    let i = pos;
    while (i < stop) {
      while (i < stop && isBlank(source.charCodeAt(i))) i++;
      const start = i;
      while (i < stop && !isBlank(source.charCodeAt(i))) i++;
      if (i > start) {
        bounds[2 * ntokens] = start;
        bounds[2 * ntokens + 1] = i;
        ntokens++;
      }
    }
    if (ntokens) parseLine(prog, source, bounds, ntokens, lineNo, fileName);
    pos = eol + 1;
  }
  return prog;
}
