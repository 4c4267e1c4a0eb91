/**
 * util-linux 2.38 lsmem: the memory block list merged into ranges, printed
 * as libsmartcols prints a table (aligned, raw, key="value" pairs or JSON),
 * plus the summary lines. Input is the sysfs view, so it renders a simulated
 * machine exactly as the real tool renders a real one.
 */
import { InputError } from "../errors.js";

export const LSMEM_COLUMNS = ["RANGE", "SIZE", "STATE", "REMOVABLE", "BLOCK", "NODE", "ZONES"] as const;
export type LsmemColumn = (typeof LSMEM_COLUMNS)[number];
const RIGHT: ReadonlySet<LsmemColumn> = new Set(["SIZE", "STATE", "REMOVABLE", "BLOCK", "NODE", "ZONES"]);
const ZONE_IDS = ["DMA", "DMA32", "Normal", "Highmem", "Movable", "Device", "None"];

export interface LsmemBlock {
  index: number;
  /** The state file's first line. */
  state: string;
  removable: boolean;
  /** From the memoryN/nodeX link; -1 without one. */
  node: number;
  /** valid_zones words, or undefined without the file. */
  zones?: string[];
}

export interface LsmemOptions {
  output?: string;
  outputAll?: boolean;
  all?: boolean;
  bytes?: boolean;
  noheadings?: boolean;
  json?: boolean;
  pairs?: boolean;
  raw?: boolean;
  split?: string;
  /** --summary[=when]: "" for the bare flag. */
  summary?: string;
}

interface Range {
  index: number;
  count: number;
  state: "online" | "offline" | "on->off" | "?";
  removable: boolean;
  node: number;
  zones: string[];
}

/** size_to_human_string(SIZE_SUFFIX_1LETTER): one decimal, rounded, trailing zero dropped. */
function humanSize(bytes: bigint): string {
  let exp = 0;
  while (exp < 60 && bytes >= 1n << BigInt(exp + 10)) exp += 10;
  const letter = "BKMGTPE"[exp / 10]!;
  let dec = exp ? bytes >> BigInt(exp) : bytes;
  let frac = exp ? bytes & ((1n << BigInt(exp)) - 1n) : 0n;
  if (frac) {
    frac = (frac * 1000n) >> BigInt(exp);
    frac = ((frac + 50n) / 100n) * 10n;
    if (frac === 100n) {
      dec++;
      frac = 0n;
    }
  }
  if (!frac) return `${dec}${letter}`;
  let s = `${dec}.${frac.toString().padStart(2, "0")}`;
  if (s.endsWith("0")) s = s.slice(0, -1);
  return `${s}${letter}`;
}

function parseColumns(list: string, into: LsmemColumn[]): void {
  const names = list.split(",");
  for (let i = 0; i < names.length; i++) {
    const c = LSMEM_COLUMNS.find((x) => x.toLowerCase() === names[i]!.toLowerCase());
    if (!c) throw new InputError(`unknown column: ${names.slice(i).join(",")}`, 1);
    into.push(c);
  }
}

function stateOf(s: string): Range["state"] {
  return s === "online" ? "online" : s === "offline" ? "offline" : s === "going-offline" ? "on->off" : "?";
}

function zoneName(word: string): string {
  return ZONE_IDS.find((z) => z.toLowerCase() === word.toLowerCase()) ?? "Unknown";
}

export function lsmem(blockSize: bigint, blocks: readonly LsmemBlock[], opts: LsmemOptions): string {
  if (opts.split !== undefined && opts.all) throw new InputError("mutually exclusive arguments: --split --all", 1);
  if ([opts.json, opts.pairs, opts.raw].filter(Boolean).length > 1) {
    throw new InputError("mutually exclusive arguments: --json --pairs --raw", 1);
  }
  let wantSummary = !(opts.json || opts.pairs || opts.raw);
  let wantTable = true;
  if (opts.summary !== undefined) {
    if (opts.summary === "never") wantSummary = false;
    else if (opts.summary === "only" || opts.summary === "") wantTable = false;
    else if (opts.summary === "always") wantSummary = true;
    else throw new InputError("unsupported --summary argument", 1);
  }
  if (!wantTable && !wantSummary) {
    throw new InputError("options --{raw,json,pairs} and --summary=only are mutually exclusive", 1);
  }
  const columns: LsmemColumn[] = opts.outputAll ? [...LSMEM_COLUMNS] : [];
  if (!columns.length && (!opts.output || opts.output.startsWith("+"))) columns.push("RANGE", "SIZE", "STATE", "REMOVABLE", "BLOCK");
  if (opts.output) parseColumns(opts.output.replace(/^\+/, ""), columns);
  let splitBy: Set<string>;
  if (opts.split === undefined) splitBy = new Set(columns);
  else if (opts.split.toLowerCase() === "none") splitBy = new Set();
  else {
    const s: LsmemColumn[] = [];
    parseColumns(opts.split, s);
    splitBy = new Set(s);
  }
  const haveNodes = blocks.some((b) => b.node >= 0);
  const haveZones = blocks.some((b) => b.zones !== undefined);
  const sorted = [...blocks].sort((a, b) => a.index - b.index);
  const ranges: Range[] = [];
  let online = 0n;
  let offline = 0n;
  for (const b of sorted) {
    const r: Range = {
      index: b.index,
      count: 1,
      state: stateOf(b.state),
      removable: b.removable,
      node: b.node,
      zones: (b.zones ?? []).map(zoneName),
    };
    if (r.state === "online") online += blockSize;
    else offline += blockSize;
    const cur = ranges[ranges.length - 1];
    if (cur && !opts.all && mergeable(cur, r, splitBy, haveNodes, haveZones)) cur.count++;
    else ranges.push(r);
  }
  let out = "";
  if (wantTable) out += table(columns, ranges, blockSize, opts, haveNodes, haveZones);
  if (wantTable && wantSummary) out += "\n";
  if (wantSummary) out += summary(blockSize, online, offline, opts.bytes === true);
  return out;
}

function mergeable(cur: Range, r: Range, split: Set<string>, haveNodes: boolean, haveZones: boolean): boolean {
  if (cur.index + cur.count !== r.index) return false;
  if (split.has("STATE") && cur.state !== r.state) return false;
  if (split.has("REMOVABLE") && cur.removable !== r.removable) return false;
  if (split.has("NODE") && haveNodes && cur.node !== r.node) return false;
  if (split.has("ZONES") && haveZones) {
    if (cur.zones.length !== r.zones.length) return false;
    if (cur.zones.some((z, i) => z === "Unknown" || z !== r.zones[i])) return false;
  }
  return true;
}

function cell(c: LsmemColumn, r: Range, blockSize: bigint, bytes: boolean, haveNodes: boolean, haveZones: boolean): string | undefined {
  const start = BigInt(r.index) * blockSize;
  const size = BigInt(r.count) * blockSize;
  switch (c) {
    case "RANGE":
      return `0x${start.toString(16).padStart(16, "0")}-0x${(start + size - 1n).toString(16).padStart(16, "0")}`;
    case "SIZE":
      return bytes ? size.toString() : humanSize(size);
    case "STATE":
      return r.state;
    case "REMOVABLE":
      return r.state === "online" ? (r.removable ? "yes" : "no") : undefined;
    case "BLOCK":
      return r.count === 1 ? `${r.index}` : `${r.index}-${r.index + r.count - 1}`;
    case "NODE":
      return haveNodes ? `${r.node}` : undefined;
    case "ZONES":
      return haveZones ? r.zones.join("/") : undefined;
  }
}

/** libsmartcols' escaping for raw and pairs output. */
function escape(s: string, pairs: boolean): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const unsafe = code < 0x20 || code === 0x7f || ch === "\\" || (pairs ? ch === '"' : ch === " ");
    out += unsafe ? `\\x${code.toString(16).padStart(2, "0")}` : ch;
  }
  return out;
}

function jsonValue(c: LsmemColumn, v: string | undefined, bytes: boolean): string {
  if (c === "REMOVABLE") return v === "yes" ? "true" : "false";
  if (c === "NODE" || (c === "SIZE" && bytes)) return v === undefined ? "null" : v;
  return v === undefined ? "null" : JSON.stringify(v);
}

function table(columns: LsmemColumn[], ranges: Range[], blockSize: bigint, opts: LsmemOptions, haveNodes: boolean, haveZones: boolean): string {
  const rows = ranges.map((r) => columns.map((c) => cell(c, r, blockSize, opts.bytes === true, haveNodes, haveZones)));
  if (opts.json) {
    const objs = rows.map(
      (row) => `{\n${columns.map((c, i) => `         "${c.toLowerCase()}": ${jsonValue(c, row[i], opts.bytes === true)}`).join(",\n")}\n      }`,
    );
    return `{\n   "memory": [\n      ${objs.join(",")}\n   ]\n}\n`;
  }
  if (opts.pairs) {
    return rows.map((row) => columns.map((c, i) => `${c}="${escape(row[i] ?? "", true)}"`).join(" ")).join("\n") + "\n";
  }
  const lines: string[][] = [];
  if (!opts.noheadings) lines.push([...columns]);
  for (const row of rows) lines.push(row.map((v) => v ?? ""));
  if (opts.raw) return lines.map((l) => l.map((v) => escape(v, false)).join(" ")).join("\n") + "\n";
  // libsmartcols: the widest cell; below the header's width it widens to that, else up to the
  // column's width hint (SIZE's 5).
  const widths = columns.map((c, i) => {
    const w = Math.max(0, ...rows.map((r) => (r[i] ?? "").length));
    const hint = c === "SIZE" ? 5 : 0;
    return w < c.length ? c.length : Math.max(w, hint);
  });
  return (
    lines
      .map((l) =>
        l
          .map((v, i) => {
            const c = columns[i]!;
            if (RIGHT.has(c)) return v.padStart(widths[i]!);
            return i === l.length - 1 ? v : v.padEnd(widths[i]!);
          })
          .join(" "),
      )
      .join("\n") + "\n"
  );
}

function summary(blockSize: bigint, online: bigint, offline: bigint, bytes: boolean): string {
  const f = (label: string, v: bigint) => `${label.padEnd(23)} ${bytes ? v.toString().padStart(15) : humanSize(v).padStart(5)}\n`;
  return f("Memory block size:", blockSize) + f("Total online memory:", online) + f("Total offline memory:", offline);
}
