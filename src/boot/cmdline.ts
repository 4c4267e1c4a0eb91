/**
 * The kernel command line as the early boot sees it: lib/cmdline.c's
 * next_arg/memparse and the early_param handlers that touch memory
 * (mem=, memmap=, movable_node, memblock=, kernelcore=, movablecore=, numa=,
 * loglevel=/debug/quiet) plus crashkernel= and nokaslr. Parsing is pure:
 * the effects that the kernel applies to e820 while parsing are returned as
 * ordered `EarlyEffect`s, which the pipeline replays at parse_early_param.
 */

export interface CmdlineArg {
  param: string;
  /** undefined when the word has no `=`. */
  val: string | undefined;
}

/** A kernelcore=/movablecore= setting: required pages and percent, as the kernel keeps both. */
export interface CoreSetting {
  pages: bigint;
  percent: bigint;
}

/** What parse_early_param does, in command-line order. */
export type EarlyEffect =
  | { kind: "print"; line: string; level: number }
  /** e820__range_remove(start, size, oldType, checkType) */
  | { kind: "e820.remove"; start: bigint; size: bigint; oldType: number; checkType: boolean }
  /** e820__range_add(start, size, type) */
  | { kind: "e820.add"; start: bigint; size: bigint; type: number }
  /** e820__range_update(start, size, oldType, newType) */
  | { kind: "e820.update"; start: bigint; size: bigint; oldType: number; newType: number }
  /** memmap=exactmap: the e820 table is emptied. */
  | { kind: "e820.exactmap" };

export interface BootParams {
  cmdline: string;
  args: CmdlineArg[];
  early: EarlyEffect[];
  /** Any mem=/memmap= seen: e820__finish_early_params prints the user-defined map. */
  userdef: boolean;
  /** mem=: hot-add above it is refused (max_mem_size). */
  maxMemSize?: bigint;
  movableNode: boolean;
  memblockDebug: boolean;
  numaOff: boolean;
  /** numa=noacpi: the SRAT is disabled. */
  numaNoAcpi: boolean;
  /** numa=fake= argument, as written. */
  numaFake?: string;
  kernelcore: CoreSetting;
  movablecore: CoreSetting;
  mirroredKernelcore: boolean;
  nokaslr: boolean;
  /** crashkernel= argument, as written (the last one). */
  crashkernel?: string;
  /** console_loglevel after loglevel=/debug/quiet (default CONFIG_CONSOLE_LOGLEVEL_DEFAULT 7). */
  consoleLoglevel: number;
}

const U64 = (1n << 64n) - 1n;
const KERN_WARNING = 4;

const E820_RAM = 1;
const E820_RESERVED = 2;
const E820_ACPI = 3;
const E820_PRAM = 12;

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";
}

/** lib/cmdline.c:next_arg over the whole line; stops at a bare `--` as parse_args does. */
export function splitArgs(cmdline: string): CmdlineArg[] {
  const out: CmdlineArg[] = [];
  let s = cmdline;
  let i = 0;
  while (i < s.length && isSpace(s[i])) i++;
  s = s.slice(i);
  while (s.length > 0) {
    let start = 0;
    let inQuote = false;
    let quoted = false;
    if (s[0] === '"') {
      start = 1;
      inQuote = true;
      quoted = true;
    }
    let equals = -1;
    let j = start;
    for (; j < s.length; j++) {
      if (isSpace(s[j]) && !inQuote) break;
      if (equals < 0 && s[j] === "=") equals = j;
      if (s[j] === '"') inQuote = !inQuote;
    }
    // a closing quote ends the word (quoted words) or the value (param="value")
    const closes = s[j - 1] === '"' && j - 1 >= start;
    let param: string;
    let val: string | undefined;
    if (equals < 0) {
      param = s.slice(start, quoted && closes ? j - 1 : j);
    } else {
      param = s.slice(start, equals);
      const valQuoted = s[equals + 1] === '"';
      val = s.slice(equals + 1 + (valQuoted ? 1 : 0), (quoted || valQuoted) && closes ? j - 1 : j);
    }
    if (param === "--" && val === undefined) break;
    out.push({ param, val });
    s = s.slice(j < s.length ? j + 1 : j);
    let k = 0;
    while (k < s.length && isSpace(s[k])) k++;
    s = s.slice(k);
  }
  return out;
}

/** lib/kstrtox.c/vsprintf.c simple_strtoull(s, &end, 0): returns the value (mod 2^64) and the end index. */
export function simpleStrtoull(s: string, from = 0): { value: bigint; end: number } {
  let i = from;
  let base = 10;
  if (s[i] === "0") {
    if ((s[i + 1] === "x" || s[i + 1] === "X") && /[0-9a-fA-F]/.test(s[i + 2] ?? "")) {
      base = 16;
      i += 2;
    } else {
      base = 8;
    }
  }
  let value = 0n;
  for (; i < s.length; i++) {
    const d = parseInt(s[i] as string, 16);
    if (Number.isNaN(d) || d >= base) break;
    value = (value * BigInt(base) + BigInt(d)) & U64;
  }
  return { value, end: i };
}

/** lib/cmdline.c:memparse: a number with an optional K/M/G/T/P/E suffix (either case). */
export function memparse(s: string, from = 0): { value: bigint; end: number } {
  const r = simpleStrtoull(s, from);
  const shifts: Record<string, bigint> = { k: 10n, m: 20n, g: 30n, t: 40n, p: 50n, e: 60n };
  const sh = shifts[(s[r.end] ?? "").toLowerCase()];
  if (sh === undefined) return r;
  return { value: (r.value << sh) & U64, end: r.end + 1 };
}

/** init/main.c parameq: dashes and underscores are the same. */
function parameq(a: string, b: string): boolean {
  return a.replace(/-/g, "_") === b.replace(/-/g, "_");
}

/** mm/page_alloc.c cmdline_parse_core. */
function parseCore(val: string, setting: CoreSetting): boolean {
  const n = simpleStrtoull(val);
  if (val[n.end] === "%") {
    setting.percent = n.value;
  } else {
    setting.pages = memparse(val).value >> 12n;
    setting.percent = 0n;
  }
  return true;
}

/** lib/cmdline.c parse_option_str: `opt` is one of the comma-separated words of `str`. */
function parseOptionStr(str: string, opt: string): boolean {
  return str.split(",").includes(opt);
}

/** arch/x86/kernel/e820.c parse_memmap_one; false = -EINVAL (ignored by parse_memmap_opt). */
function parseMemmapOne(p: string, params: BootParams): void {
  if (p.startsWith("exactmap")) {
    params.early.push({ kind: "e820.exactmap" });
    params.userdef = true;
    return;
  }
  const size = memparse(p);
  if (size.end === 0) return;
  params.userdef = true;
  const op = p[size.end];
  const addTypes: Record<string, number> = { "@": E820_RAM, "#": E820_ACPI, $: E820_RESERVED, "!": E820_PRAM };
  const type = op === undefined ? undefined : addTypes[op];
  if (type !== undefined) {
    const at = memparse(p, size.end + 1);
    params.early.push({ kind: "e820.add", start: at.value, size: size.value, type });
  } else if (op === "%") {
    const at = memparse(p, size.end + 1);
    let i = at.end;
    let from = 0n;
    let to = 0n;
    if (p[i] === "-") ({ value: from, end: i } = simpleStrtoull(p, i + 1));
    if (p[i] === "+") ({ value: to, end: i } = simpleStrtoull(p, i + 1));
    if (i !== p.length) return;
    const start = at.value;
    const len = size.value;
    // e820 types are u32 in the kernel's enum
    const f = Number(from & 0xffffffffn);
    const t = Number(to & 0xffffffffn);
    if (f && t) params.early.push({ kind: "e820.update", start, size: len, oldType: f, newType: t });
    else if (t) params.early.push({ kind: "e820.add", start, size: len, type: t });
    else if (f) params.early.push({ kind: "e820.remove", start, size: len, oldType: f, checkType: true });
    else params.early.push({ kind: "e820.remove", start, size: len, oldType: 0, checkType: false });
  } else {
    params.early.push({ kind: "e820.remove", start: size.value, size: U64 - size.value, oldType: E820_RAM, checkType: true });
  }
}

type EarlyHandler = (val: string | undefined, params: BootParams) => boolean;

/** The early_param handlers memsim models; false = the handler failed ("Malformed early option"). */
const earlyParams: Record<string, EarlyHandler> = {
  mem(val, params) {
    if (val === undefined) return false;
    if (val === "nopentium") {
      params.early.push({ kind: "print", line: "mem=nopentium ignored! (only supported on x86_32)", level: KERN_WARNING });
      return false;
    }
    params.userdef = true;
    const size = memparse(val).value;
    if (size === 0n) return false;
    params.early.push({ kind: "e820.remove", start: size, size: U64 - size, oldType: E820_RAM, checkType: true });
    params.maxMemSize = size;
    return true;
  },
  memmap(val, params) {
    if (val === undefined) return true;
    for (const one of val.split(",")) parseMemmapOne(one, params);
    return true;
  },
  movable_node(_val, params) {
    params.movableNode = true;
    return true;
  },
  memblock(val, params) {
    if (val?.includes("debug")) params.memblockDebug = true;
    return true;
  },
  kernelcore(val, params) {
    if (val === undefined) return false;
    if (parseOptionStr(val, "mirror")) {
      params.mirroredKernelcore = true;
      return true;
    }
    return parseCore(val, params.kernelcore);
  },
  movablecore(val, params) {
    if (val === undefined) return false;
    return parseCore(val, params.movablecore);
  },
  numa(val, params) {
    if (val === undefined) return false;
    if (val.startsWith("off")) params.numaOff = true;
    if (val.startsWith("fake=")) {
      params.numaFake = val.slice(5);
      return true;
    }
    if (val.startsWith("noacpi")) params.numaNoAcpi = true;
    return true;
  },
  loglevel(val, params) {
    if (val === undefined) return false;
    const m = /^-?\d+/.exec(val);
    if (!m) return false;
    params.consoleLoglevel = Number(m[0]);
    return true;
  },
  debug(_val, params) {
    params.consoleLoglevel = 10;
    return true;
  },
  quiet(_val, params) {
    params.consoleLoglevel = 4;
    return true;
  },
};

/** Parse a command line the way parse_early_param (and, for crashkernel=/nokaslr, their readers) see it. */
export function parseCmdline(cmdline: string): BootParams {
  const params: BootParams = {
    cmdline,
    args: splitArgs(cmdline),
    early: [],
    userdef: false,
    movableNode: false,
    memblockDebug: false,
    numaOff: false,
    numaNoAcpi: false,
    kernelcore: { pages: 0n, percent: 0n },
    movablecore: { pages: 0n, percent: 0n },
    mirroredKernelcore: false,
    nokaslr: false,
    consoleLoglevel: 7,
  };
  for (const { param, val } of params.args) {
    if (param === "nokaslr") params.nokaslr = true;
    if (param === "crashkernel" && val !== undefined) params.crashkernel = val;
    for (const [name, handler] of Object.entries(earlyParams)) {
      if (!parameq(param, name)) continue;
      if (!handler(val, params)) {
        params.early.push({ kind: "print", line: `Malformed early option '${param}'`, level: KERN_WARNING });
      }
    }
  }
  return params;
}
