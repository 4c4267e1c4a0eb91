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
  optional: boolean;
}

// every spec has the same shape, so the parser's reads of them stay monomorphic
const arg = (name: string, kind: ArgKind, optional = false): ArgSpec => ({ name, kind, optional });
const num = (name: string): ArgSpec => arg(name, "num");
const nid = (optional = false): ArgSpec => arg("NID", "nid", optional);
const onoff = arg("on|off", "onoff");
const range = [num("BASE"), num("SIZE")];

const OPS = {
  reset: [],
  bottom_up: [onoff],
  movable_node: [onoff],
  current_limit: [arg("ADDR", "limit")],
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
  alloc: [num("SIZE"), num("ALIGN"), num("START"), num("END"), nid(), arg("exact", "exact", true)],
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
/** Argument specs by op code (an array index, where OPS[name] is a keyed lookup). */
const OP_SPECS: readonly ArgSpec[][] = OP_NAMES.map((name) => OPS[name]);
/** Op codes by name: the runner switches on these small integers, not on names (string compares). */
export const OP = Object.fromEntries(OP_NAMES.map((name, code) => [name, code])) as Readonly<Record<MemblockOpName, number>>;
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
/** Index of the low 32-bit half of a 64-bit element in a Uint32Array view (platform byte order). */
const LOW = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
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
  /** The same numbers as 32-bit halves: most are stored from a double, no bigint made. */
  private halves = new Uint32Array(this.nums.buffer);

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
    this.halves = new Uint32Array(this.nums.buffer);
  }

  /** Stores number `k`: a bigint, or a double holding an integer in [0, 2^64). */
  setNum(k: number, value: number | bigint): void {
    if (typeof value === "bigint") {
      this.nums[k] = value;
      return;
    }
    const high = Math.floor(value / 2 ** 32);
    this.halves[2 * k + LOW] = value - high * 2 ** 32;
    this.halves[2 * k + 1 - LOW] = high;
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
    const specs = OP_SPECS[code] as ArgSpec[];
    const count = specs.filter((s) => s.kind === "num" || s.kind === "limit").length;
    for (let k = 0; k < count; k++) n.push(this.nums[i * NUMS + k] as bigint);
    const bits = this.bits[i] as number;
    return { line: this.lines[i] as number, op: OP_NAMES[code] as MemblockOpName, n, nid: bits & HAS_NID ? this.nids[i] : undefined, flag: (bits & FLAG) !== 0 };
  }
}

/** The multiplier of a K, M, G or T suffix (by character code), or 0. */
function suffixScale(c: number): number {
  return c === 75 ? 2 ** 10 : c === 77 ? 2 ** 20 : c === 71 ? 2 ** 30 : c === 84 ? 2 ** 40 : 0;
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

/** Space and tab: the only separators. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * One line of the script, read left to right in one pass: each argument is
 * parsed where its token starts, and the token ends where parsing stops.
 * Tokens are not sliced out (that costs more than the parse itself); errors
 * slice the token they quote.
 */
class LineReader {
  /** The line's text is [start, stop); the next token is looked for at `pos`. */
  start = 0;
  stop = 0;
  pos = 0;

  constructor(readonly src: string) {}

  /** Starts reading [start, stop). */
  line(start: number, stop: number): void {
    this.start = this.pos = start;
    this.stop = stop;
  }

  /** Skips blanks; true when a token starts at `pos`. */
  more(): boolean {
    while (this.pos < this.stop && isBlank(this.src.charCodeAt(this.pos))) this.pos++;
    return this.pos < this.stop;
  }

  /** Whether the token being read ends at `at`. */
  endsAt(at: number): boolean {
    return at >= this.stop || isBlank(this.src.charCodeAt(at));
  }

  /** Moves `pos` past the token there; returns where the token started. */
  skip(): number {
    const from = this.pos;
    while (!this.endsAt(this.pos)) this.pos++;
    return from;
  }

  /** The token at `pos`, which is passed. */
  token(): string {
    const from = this.skip();
    return this.src.slice(from, this.pos);
  }
}

/**
 * The number at r.pos (decimal or 0x hex, with an optional K/M/G/T suffix),
 * or an error message. Up to 13 hex / 15 decimal significant digits it stays
 * a double (exact below 2^53, and a suffix scales it by a power of two);
 * longer ones go through BigInt.
 */
function readNumber(r: LineReader): number | bigint | string {
  const src = r.src;
  const from = r.pos;
  const hex = src.charCodeAt(from) === 48 && from + 1 < r.stop && src.charCodeAt(from + 1) === 120;
  const base = hex ? 16 : 10;
  const first = hex ? from + 2 : from;
  // a blank is no digit: the digit loops stop at the token's end by themselves
  const stop = r.stop;
  let i = first;
  while (i < stop && src.charCodeAt(i) === 48) i++;
  const lead = i;
  let small = 0;
  for (; i < stop; i++) {
    const d = digitValue(src.charCodeAt(i), base);
    if (d < 0) break;
    small = small * base + d;
  }
  const end = i;
  const scale = r.endsAt(i) ? 1 : suffixScale(src.charCodeAt(i++));
  if (end === first || !scale || !r.endsAt(i)) {
    r.pos = from;
    return `bad number ${show(r.token())}`;
  }
  r.pos = i;
  const significant = end - lead;
  // beyond 16 hex / 20 decimal significant digits it can only overflow
  if (significant > (hex ? 16 : 20)) return tooBig(src.slice(from, i));
  if (significant <= (hex ? 13 : 15)) {
    const value = small * scale;
    return value < 2 ** 64 ? value : tooBig(src.slice(from, i));
  }
  const value = BigInt(hex ? `0x${src.slice(first, end)}` : src.slice(first, end)) * BigInt(scale);
  return value > PHYS_ADDR_MAX ? tooBig(src.slice(from, i)) : value;
}

function tooBig(token: string): string {
  return `number ${show(token)} does not fit in 64 bits`;
}

/** The node id at r.pos: an optional '-' and 1 to 11 decimal digits, 32-bit. */
function readNid(r: LineReader): number | string {
  const src = r.src;
  const from = r.skip();
  const to = r.pos;
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

/** The error of a bad line; a surplus argument is reported before anything wrong in the others. */
function lineError(r: LineReader, name: string, args: number, lineNo: number, fileName: string, msg: string): InputError {
  r.pos = r.start;
  for (let t = 0; r.more(); t++) {
    const token = r.token();
    if (t > args) return scriptError(fileName, lineNo, `${name}: unexpected argument ${show(token)}`);
  }
  return scriptError(fileName, lineNo, `${name}: ${msg}`);
}

/** Parses the line `r` is at, which has a token. */
function parseLine(prog: MemblockProgram, r: LineReader, lineNo: number, fileName: string): void {
  const src = r.src;
  const opFrom = r.skip();
  const code = opCode(src, opFrom, r.pos);
  if (code < 0) throw scriptError(fileName, lineNo, `unknown op ${show(src.slice(opFrom, r.pos))}`);
  const name = OP_NAMES[code] as MemblockOpName;
  const specs = OP_SPECS[code] as ArgSpec[];
  const i = prog.push(code, lineNo);
  let k = i * NUMS;
  let error = "";
  for (let a = 0; a < specs.length && !error; a++) {
    const spec = specs[a] as ArgSpec;
    if (!r.more()) {
      if (!spec.optional) error = `missing argument ${spec.name}`;
      continue;
    }
    let value: bigint | number | string;
    switch (spec.kind) {
      case "num":
      case "limit":
        if (spec.kind === "limit" && src.startsWith("max", r.pos) && r.endsAt(r.pos + 3)) {
          r.pos += 3;
          value = PHYS_ADDR_MAX;
        } else value = readNumber(r);
        if (typeof value !== "string") prog.setNum(k++, value);
        break;
      case "nid":
        value = readNid(r);
        if (typeof value === "number") {
          prog.nids[i] = value;
          (prog.bits[i] as number) |= HAS_NID;
        }
        break;
      case "onoff": {
        const token = r.token();
        value = token === "on" || token === "off" ? 0 : `expected on or off, got ${show(token)}`;
        if (token === "on") (prog.bits[i] as number) |= FLAG;
        break;
      }
      case "exact": {
        const token = r.token();
        value = token === "exact" ? 0 : `expected 'exact', got ${show(token)}`;
        (prog.bits[i] as number) |= FLAG;
        break;
      }
    }
    if (typeof value === "string") error = `${spec.name}: ${value}`;
  }
  if (error || r.more()) throw lineError(r, name, specs.length, lineNo, fileName, error);
}

/** Parses a whole script; throws InputError(`FILE:LINE: ...`) at the first bad line. */
export function parseMemblockScript(source: string, fileName: string): MemblockProgram {
  const prog = new MemblockProgram();
  const r = new LineReader(source);
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
    r.line(pos, hash < eol ? hash : eol > pos && source.charCodeAt(eol - 1) === 13 ? eol - 1 : eol);
    if (r.more()) parseLine(prog, r, lineNo, fileName);
    pos = eol + 1;
  }
  return prog;
}
