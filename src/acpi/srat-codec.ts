/**
 * Binary SRAT <-> model, by walking the layouts in srat-layout.ts. The walk
 * follows the kernel's own subtable loop (lib/fw_table.c): a subtable starts
 * wherever the previous Length says, and the loop stops when fewer than three
 * bytes remain, so those bytes are kept as `trailing`.
 */
import { InputError } from "../errors.js";
import { byteSum, checkTableHeader, decodeAcpiHeader, fixChecksum, readField, writeAcpiHeader, writeField, type FieldValue } from "./acpi-header.js";
import { hex } from "./hex.js";
import type { SratRawSubtable, SratSubtable, SratTable } from "./srat.js";
import { SRAT_HEADER_SIZE } from "./srat.js";
import {
  type FieldLayout,
  layoutForKind,
  layoutForType,
  SRAT_ROOT_FIELDS,
} from "./srat-layout.js";

export { byteSum, readField, writeField, type FieldValue };

/** More subtables than any real machine has; a guard against hostile input. */
export const MAX_SUBTABLES = 1 << 20;

/** One subtable's place in the table, as the kernel's walk finds it. */
export interface SubtableSpan {
  index: number;
  offset: number;
  type: number;
  length: number;
}

export interface SratStructureProblem {
  code: "length-zero" | "length-too-short" | "past-end" | "too-many";
  index: number;
  offset: number;
  message: string;
}

/**
 * Walks the subtable headers of a table of `length` bytes. Stops at the first
 * structural problem, which it returns; a zero Length ends the walk as it
 * ends the kernel's.
 */
export function walkSubtables(
  bytes: Uint8Array,
  length: number,
): { spans: SubtableSpan[]; end: number; problem?: SratStructureProblem } {
  const spans: SubtableSpan[] = [];
  let offset = SRAT_HEADER_SIZE;
  while (offset + 2 < length) {
    const index = spans.length;
    const type = bytes[offset] ?? 0;
    const len = bytes[offset + 1] ?? 0;
    const where = `subtable ${index} (type ${type}) at ${hex(offset)}`;
    if (index >= MAX_SUBTABLES) {
      const message = `more than ${MAX_SUBTABLES} subtables`;
      return { spans, end: offset, problem: { code: "too-many", index, offset, message } };
    }
    if (len === 0) {
      spans.push({ index, offset, type, length: 0 });
      const message = `${where}: Length is 0`;
      return { spans, end: offset + 2, problem: { code: "length-zero", index, offset, message } };
    }
    if (len < 2) {
      const message = `${where}: Length ${len} is shorter than the 2-byte subtable header`;
      return { spans, end: offset, problem: { code: "length-too-short", index, offset, message } };
    }
    if (offset + len > length) {
      const message = `${where}: Length ${len} runs past the table end ${hex(length)}`;
      return { spans, end: offset, problem: { code: "past-end", index, offset, message } };
    }
    spans.push({ index, offset, type, length: len });
    offset += len;
  }
  return { spans, end: offset };
}

function decodeFields(bytes: Uint8Array, base: number, fields: readonly FieldLayout[]): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) out[f.key] = readField(bytes, base, f);
  return out;
}

/** The subtable at `span`, fields read from `bytes` (the whole table). */
export function decodeSubtable(bytes: Uint8Array, span: SubtableSpan): SratSubtable {
  const layout = layoutForType(span.type);
  if (!layout || span.length < layout.size) {
    const data = bytes.slice(span.offset + 2, span.offset + Math.max(span.length, 2));
    const raw: SratRawSubtable = { kind: "raw", type: span.type, length: span.length, data };
    return raw;
  }
  const sub = {
    kind: layout.kind,
    type: layout.type,
    length: span.length,
    ...decodeFields(bytes, span.offset, layout.fields),
  } as SratSubtable & { extra?: Uint8Array };
  if (span.length > layout.size) {
    sub.extra = bytes.slice(span.offset + layout.size, span.offset + span.length);
  }
  return sub;
}

/** The table's two headers; `bytes` must hold at least 48 bytes. */
export function decodeHeaders(bytes: Uint8Array): Omit<SratTable, "subtables" | "trailing"> {
  const header = decodeAcpiHeader(bytes);
  const root = decodeFields(bytes, 0, SRAT_ROOT_FIELDS);
  return { header, tableRevision: root.tableRevision as number, reserved: root.reserved as bigint };
}

/**
 * Decodes a binary SRAT. `source` names the input in error messages. Bytes
 * after the header's Length are ignored (a dump may be padded).
 */
export function decodeSrat(bytes: Uint8Array, source: string): SratTable {
  const fail = (offset: number, msg: string): never => {
    throw new InputError(`${source}: byte ${hex(offset)}: ${msg}`);
  };
  const length = checkTableHeader(bytes, source, "SRAT", SRAT_HEADER_SIZE, "the SRAT header");
  const walk = walkSubtables(bytes, length);
  if (walk.problem && walk.problem.code !== "length-zero") fail(walk.problem.offset, walk.problem.message);
  const table: SratTable = {
    ...decodeHeaders(bytes),
    subtables: walk.spans.map((s) => decodeSubtable(bytes, s)),
  };
  if (walk.end < length) table.trailing = bytes.slice(walk.end, length);
  return table;
}

/** Length in bytes a subtable encodes to. */
export function subtableSize(s: SratSubtable): number {
  if (s.kind === "raw") return 2 + s.data.length;
  return layoutForKind(s.kind).size + (s.extra?.length ?? 0);
}

export interface EncodeOptions {
  /**
   * Write the Length bytes and checksum exactly as the model holds them
   * instead of computing them (to build deliberately broken tables).
   */
  asIs?: boolean;
}

export function encodeSrat(table: SratTable, opts: EncodeOptions = {}): Uint8Array {
  const total =
    SRAT_HEADER_SIZE +
    table.subtables.reduce((n, s) => n + subtableSize(s), 0) +
    (table.trailing?.length ?? 0);
  const buf = new Uint8Array(total);
  writeAcpiHeader(buf, table.header, opts.asIs);
  for (const f of SRAT_ROOT_FIELDS) writeField(buf, 0, f, table[f.key as "tableRevision" | "reserved"]);
  let offset = SRAT_HEADER_SIZE;
  for (const s of table.subtables) {
    const size = subtableSize(s);
    if (!opts.asIs && size > 255) {
      throw new InputError(`subtable at ${hex(offset)} (type ${s.type}) is ${size} bytes; Length is one byte`);
    }
    buf[offset] = s.type;
    // A zero Length is what stops the kernel's walk; keep it rather than "fix" it.
    buf[offset + 1] = opts.asIs || (s.kind === "raw" && s.length === 0) ? s.length : size;
    if (s.kind === "raw") {
      buf.set(s.data, offset + 2);
    } else {
      const layout = layoutForKind(s.kind);
      const rec = s as unknown as Record<string, FieldValue>;
      for (const f of layout.fields) writeField(buf, offset, f, rec[f.key] as FieldValue);
      if (s.extra) buf.set(s.extra, offset + layout.size);
    }
    offset += size;
  }
  if (table.trailing) buf.set(table.trailing, offset);
  if (!opts.asIs) fixChecksum(buf);
  return buf;
}
