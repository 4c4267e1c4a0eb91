/**
 * The iasl data-table text of an SRAT, both ways. Writing reproduces what
 * Debian's `iasl -d` (acpica-tools 20200925) prints from the Signature line
 * through the Raw Table Data dump, including its complaints about short or
 * unknown subtables. Reading accepts what `iasl -d` writes and what `iasl`
 * compiles ("Name : Value" lines, optionally behind an "[offset length]"
 * prefix), with iasl's compile rules for flags and Reserved fields.
 */
import { InputError } from "../errors.js";
import { byteSum, decodeSrat, encodeSrat, type FieldValue, readField } from "./srat-codec.js";
import type { SratSubtable, SratTable } from "./srat.js";
import { SRAT_HEADER_SIZE } from "./srat.js";
import {
  ACPI_HEADER_FIELDS,
  type FieldLayout,
  layoutForType,
  SRAT_DESCRIPTION,
  SRAT_ROOT_FIELDS,
  SUBTABLE_HEADER_FIELDS,
} from "./srat-layout.js";

const HEX = (n: number | bigint, digits: number): string => n.toString(16).toUpperCase().padStart(digits, "0");
const DEC = (n: number, digits: number): string => String(n).padStart(digits, "0");

/** iasl's "[Offset Offset Length]  Name : " prefix. */
function lineHeader(offset: number, width: number, name: string): string {
  return `[${HEX(offset, 3)}h ${DEC(offset, 4)} ${String(width).padStart(3)}] ${name.padStart(28)} : `;
}

/** A name field as iasl shows it: stops at NUL, unprintable bytes become spaces. */
function printableName(s: string): string {
  let out = "";
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code === 0) break;
    out += code >= 0x20 && code < 0x7f ? c : " ";
  }
  return out;
}

function formatValue(f: FieldLayout, v: FieldValue): string {
  if (f.kind === "name") return `"${printableName(v as string)}"`;
  if (f.kind === "bytes") return Array.from(v as Uint8Array, (b) => HEX(b, 2)).join(" ");
  return HEX(v as number | bigint, f.width * 2);
}

const EARLY = "/**** ACPI subtable terminates early - may be older version (dump table) */\n";
const MIDDLE = "/**** ACPI table terminates in the middle of a data structure! (dump table) */\n";

/**
 * Prints fields the way iasl's table dumper does: it stops quietly at a field
 * the subtable's Length does not reach or that runs past the table's end, and
 * gives up on the whole table when that happens outside a sized subtable.
 */
function dumpFields(
  bytes: Uint8Array,
  tableLength: number,
  base: number,
  subLength: number,
  fields: readonly FieldLayout[],
  suffix: (f: FieldLayout, v: FieldValue) => string,
): { text: string; ok: boolean } {
  let text = "";
  for (const f of fields) {
    if (subLength && f.offset >= subLength) return { text: text + EARLY, ok: true };
    if (base + f.offset + f.width > tableLength) {
      return subLength ? { text: text + EARLY, ok: true } : { text: text + MIDDLE, ok: false };
    }
    const v = readField(bytes, base, f);
    text += lineHeader(base + f.offset, f.width, f.name) + formatValue(f, v) + suffix(f, v) + "\n";
    for (const bit of f.bits ?? []) text += `${bit.name.padStart(44)} : ${(v as number) & bit.mask ? 1 : 0}\n`;
  }
  return { text, ok: true };
}

/** The "Raw Table Data" hex dump iasl appends. */
function rawDump(bytes: Uint8Array): string {
  let out = `Raw Table Data: Length ${bytes.length} (0x${HEX(bytes.length, 0)})\n\n`;
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    const hexes = Array.from(row, (b) => `${HEX(b, 2)} `).join("").padEnd(48);
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    out += `    ${HEX(i, 4)}: ${hexes} // ${ascii}\n`;
  }
  return out;
}

/** `iasl -d` output for a binary SRAT, from the Signature line to the end. */
export function sratBytesToAsl(bytes: Uint8Array): string {
  const tableLength = bytes.length;
  const sum = byteSum(bytes);
  const headerSuffix = (f: FieldLayout, v: FieldValue): string => {
    if (f.key === "signature") return `    [${SRAT_DESCRIPTION}]`;
    if (f.key === "checksum" && sum !== 0) {
      return `     /* Incorrect checksum, should be ${HEX(((v as number) - sum) & 0xff, 2)} */`;
    }
    return "";
  };
  const none = (): string => "";
  let out = dumpFields(bytes, tableLength, 0, 0, ACPI_HEADER_FIELDS, headerSuffix).text + "\n";
  out += dumpFields(bytes, tableLength, 0, 0, SRAT_ROOT_FIELDS, none).text;
  const typeName = (f: FieldLayout, v: FieldValue): string => {
    if (f.key !== "type") return "";
    const l = layoutForType(v as number);
    return ` [${l?.iaslKnows ? l.title : "Unknown Subtable Type"}]`;
  };
  let offset = SRAT_HEADER_SIZE;
  while (offset < tableLength) {
    out += "\n";
    const type = bytes[offset] ?? 0;
    const length = bytes[offset + 1] ?? 0;
    const head = dumpFields(bytes, tableLength, offset, length, SUBTABLE_HEADER_FIELDS, typeName);
    out += head.text;
    if (!head.ok) break;
    if (length === 0) {
      out += "Invalid zero length subtable\n";
      break;
    }
    const layout = layoutForType(type);
    if (layout?.iaslKnows) {
      const body = dumpFields(bytes, tableLength, offset, length, layout.fields, none);
      out += "\n" + body.text;
      if (!body.ok) break;
    } else {
      out += `\n**** Unknown SRAT subtable type 0x${HEX(type, 0)}\n`;
    }
    offset += length;
  }
  return out + "\n" + rawDump(bytes);
}

/** `iasl -d` output for a table in the model (bytes exactly as the model holds them). */
export function sratToAsl(table: SratTable): string {
  return sratBytesToAsl(encodeSrat(table, { asIs: true }));
}

// ---------------------------------------------------------------------------
// Reading iasl source

interface SourceLine {
  line: number;
  name: string;
  value: string;
}

/** "Name : Value" lines, with the "[...]" prefix and comments stripped. */
function sourceLines(text: string, source: string): SourceLine[] {
  const out: SourceLine[] = [];
  let inComment = false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let s = lines[i] as string;
    if (inComment) {
      const end = s.indexOf("*/");
      if (end < 0) continue;
      s = s.slice(end + 2);
      inComment = false;
    }
    s = s.replace(/\/\*.*?\*\//g, "").replace(/\/\/.*$/, "");
    const open = s.indexOf("/*");
    if (open >= 0) {
      inComment = true;
      s = s.slice(0, open);
    }
    s = s.replace(/^\s*\[[^\]]*\]/, "").trim();
    if (!s) continue;
    const colon = s.indexOf(":");
    if (colon < 0) throw new InputError(`${source}: line ${i + 1}: expected "Name : Value"`);
    // iasl -d appends a hex dump of the table; the fields above it are the source.
    if (s.startsWith("Raw Table Data")) break;
    out.push({ line: i + 1, name: s.slice(0, colon).trim(), value: s.slice(colon + 1).trim() });
  }
  return out;
}

class LineReader {
  private i = 0;
  constructor(
    private readonly lines: SourceLine[],
    private readonly source: string,
  ) {}

  atEnd(): boolean {
    return this.i >= this.lines.length;
  }

  peek(): SourceLine | undefined {
    return this.lines[this.i];
  }

  fail(l: SourceLine | undefined, msg: string): never {
    const where = l ? `line ${l.line}` : "end of file";
    throw new InputError(`${this.source}: ${where}: ${msg}`);
  }

  take(name: string): SourceLine {
    const l = this.lines[this.i];
    if (!l || l.name.toLowerCase() !== name.toLowerCase()) this.fail(l, `expected field "${name}"`);
    this.i++;
    return l;
  }

  /** A field's value parsed by its layout; flag words are rebuilt from their bit lines. */
  field(f: FieldLayout): FieldValue {
    const l = this.take(f.name);
    let v = parseValue(f, l, this);
    if (f.bits?.length) {
      // iasl builds a flags word from its bit lines, which must all follow it.
      v = 0;
      for (const bit of f.bits) {
        const b = this.take(bit.name);
        const n = parseHex(b.value.split(/\s/)[0] ?? "", b, this);
        if (n > 1n) this.fail(b, `flag "${bit.name}" must be 0 or 1`);
        if (n) v |= bit.mask;
      }
    }
    // iasl forces a field named exactly "Reserved" to zero when compiling.
    if (f.name === "Reserved") v = typeof v === "bigint" ? 0n : 0;
    return v;
  }
}

function parseHex(s: string, l: SourceLine, r: LineReader): bigint {
  const t = s.replace(/^0x/i, "");
  if (!/^[0-9a-f]+$/i.test(t) || t.length > 16) r.fail(l, `"${l.name}": "${s}" is not a hex number`);
  return BigInt(`0x${t}`);
}

function parseValue(f: FieldLayout, l: SourceLine, r: LineReader): FieldValue {
  if (f.kind === "name") {
    // everything between the first and the last quote: iasl -d does not escape quotes in names
    const last = l.value.lastIndexOf('"');
    if (!l.value.startsWith('"') || last < 1) r.fail(l, `"${f.name}": expected a quoted string`);
    const s = l.value.slice(1, last);
    if (s.length > f.width) r.fail(l, `"${f.name}": "${s}" is longer than ${f.width} characters`);
    if (/[^\x20-\x7e]/.test(s)) r.fail(l, `"${f.name}": only printable ASCII is allowed`);
    return s;
  }
  if (f.kind === "bytes") {
    const parts = l.value.split(/\s+/).filter(Boolean);
    if (parts.length !== f.width) r.fail(l, `"${f.name}": expected ${f.width} hex bytes`);
    return Uint8Array.from(parts, (p) => {
      const n = parseHex(p, l, r);
      if (n > 0xffn) r.fail(l, `"${f.name}": "${p}" is not a byte`);
      return Number(n);
    });
  }
  const n = parseHex(l.value.split(/\s/)[0] ?? "", l, r);
  if (n >> BigInt(f.width * 8)) r.fail(l, `"${f.name}": ${l.value.split(/\s/)[0]} does not fit in ${f.width} bytes`);
  return f.width === 8 ? n : Number(n);
}

/**
 * Parses iasl data-table source into a table; Length and Checksum are
 * recomputed as iasl does when it compiles (the values written are ignored).
 */
export function sratFromAsl(text: string, source: string): SratTable {
  const r = new LineReader(sourceLines(text, source), source);
  const rec: Record<string, FieldValue> = {};
  for (const f of ACPI_HEADER_FIELDS) rec[f.key] = r.field(f);
  if (rec.signature !== "SRAT") r.fail(undefined, `signature is "${String(rec.signature)}", not "SRAT"`);
  for (const f of SRAT_ROOT_FIELDS) rec[f.key] = r.field(f);
  const subtables: SratSubtable[] = [];
  while (!r.atEnd()) {
    const typeLine = r.peek();
    const type = Number(r.field(SUBTABLE_HEADER_FIELDS[0] as FieldLayout));
    r.field(SUBTABLE_HEADER_FIELDS[1] as FieldLayout);
    const layout = layoutForType(type) ?? r.fail(typeLine, `unknown SRAT subtable type ${type}`);
    const sub: Record<string, FieldValue> = {};
    for (const f of layout.fields) sub[f.key] = r.field(f);
    subtables.push({ kind: layout.kind, type, length: layout.size, ...sub } as unknown as SratSubtable);
  }
  const { signature, length, revision, checksum, oemId, oemTableId, oemRevision, aslCompilerId } = rec;
  const table: SratTable = {
    header: {
      signature: signature as string,
      length: length as number,
      revision: revision as number,
      checksum: checksum as number,
      oemId: oemId as string,
      oemTableId: oemTableId as string,
      oemRevision: oemRevision as number,
      aslCompilerId: aslCompilerId as string,
      aslCompilerRevision: rec.aslCompilerRevision as number,
    },
    tableRevision: rec.tableRevision as number,
    reserved: rec.reserved as bigint,
    subtables,
  };
  return decodeSrat(encodeSrat(table), source);
}
