/**
 * SRAT as JSON: the model with 64-bit values as "0x..." strings and byte
 * strings as hex. Reading accepts numbers or "0x..." strings for any integer,
 * fills omitted fields with zero, rejects unknown keys, and recomputes the
 * Length bytes and the checksum (as iasl does when compiling).
 */
import { InputError } from "../errors.js";
import { parseJsonText } from "../readers/json-text.js";
import { decodeSrat, encodeSrat, type FieldValue } from "./srat-codec.js";
import type { SratSubtable, SratTable } from "./srat.js";
import {
  ACPI_HEADER_FIELDS,
  type FieldLayout,
  layoutForType,
  SRAT_ROOT_FIELDS,
  SUBTABLE_LAYOUTS,
} from "./srat-layout.js";

const toHexBytes = (b: Uint8Array): string => Buffer.from(b).toString("hex");

function jsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return `0x${v.toString(16)}`;
  if (v instanceof Uint8Array) return toHexBytes(v);
  return v;
}

/** The model as a plain JSON value. */
export function sratToJson(table: SratTable): unknown {
  const conv = (o: object): Record<string, unknown> =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, jsonValue(v)]));
  return {
    header: conv(table.header),
    tableRevision: table.tableRevision,
    reserved: jsonValue(table.reserved),
    subtables: table.subtables.map(conv),
    ...(table.trailing ? { trailing: toHexBytes(table.trailing) } : {}),
  };
}

class JsonReader {
  constructor(private readonly source: string) {}

  fail(path: string, msg: string): never {
    throw new InputError(`${this.source}: ${path}: ${msg}`);
  }

  object(v: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, "expected an object");
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(`${path}.${k}`, "unknown field");
    return o;
  }

  uint(v: unknown, path: string, width: number): bigint {
    let n: bigint | undefined;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) n = BigInt(v);
    else if (typeof v === "string" && /^(0x[0-9a-f]+|[0-9]+)$/i.test(v.trim())) n = BigInt(v.trim());
    if (n === undefined) this.fail(path, `expected a non-negative integer or "0x..." string, got ${JSON.stringify(v)}`);
    if ((n as bigint) >> BigInt(width * 8)) this.fail(path, `${String(v)} does not fit in ${width} bytes`);
    return n as bigint;
  }

  bytes(v: unknown, path: string, width?: number): Uint8Array {
    const s = typeof v === "string" ? v.replace(/\s+/g, "") : undefined;
    if (s === undefined || !/^([0-9a-f]{2})*$/i.test(s)) this.fail(path, "expected a hex byte string");
    const b = Uint8Array.from(Buffer.from(s as string, "hex"));
    if (width !== undefined && b.length !== width) this.fail(path, `expected ${width} bytes, got ${b.length}`);
    return b;
  }

  name(v: unknown, path: string, width: number): string {
    if (typeof v !== "string" || v.length > width || [...v].some((c) => c.charCodeAt(0) > 0xff)) {
      this.fail(path, `expected a string of at most ${width} Latin-1 characters`);
    }
    return v as string;
  }

  field(o: Record<string, unknown>, f: FieldLayout, path: string): FieldValue {
    const v = o[f.key];
    const p = `${path}.${f.key}`;
    if (f.kind === "name") return v === undefined ? "" : this.name(v, p, f.width);
    if (f.kind === "bytes") return v === undefined ? new Uint8Array(f.width) : this.bytes(v, p, f.width);
    const n = v === undefined ? 0n : this.uint(v, p, f.width);
    return f.width === 8 ? n : Number(n);
  }
}

const KINDS = SUBTABLE_LAYOUTS.map((l) => l.kind);

function subtableFromJson(r: JsonReader, v: unknown, path: string): SratSubtable {
  const probe = r.object(v, path, Object.keys(v ?? {}));
  let type: number;
  if (probe.kind !== undefined && probe.kind !== "raw") {
    const layout =
      SUBTABLE_LAYOUTS.find((l) => l.kind === probe.kind) ??
      r.fail(`${path}.kind`, `unknown kind ${JSON.stringify(probe.kind)} (known: ${KINDS.join(", ")}, raw)`);
    type = layout.type;
    if (probe.type !== undefined && Number(r.uint(probe.type, `${path}.type`, 1)) !== type) {
      r.fail(`${path}.type`, `does not match kind ${String(probe.kind)}`);
    }
  } else {
    type = Number(r.uint(probe.type, `${path}.type`, 1));
  }
  const layout = probe.kind === "raw" ? undefined : layoutForType(type);
  if (!layout) {
    const o = r.object(v, path, ["kind", "type", "length", "data"]);
    const data = o.data === undefined ? new Uint8Array() : r.bytes(o.data, `${path}.data`);
    const length = o.length === undefined ? data.length + 2 : Number(r.uint(o.length, `${path}.length`, 1));
    if (length !== 0 && length !== data.length + 2) r.fail(`${path}.length`, `must be 0 or data bytes + 2 (${data.length + 2})`);
    return { kind: "raw", type, length, data };
  }
  const o = r.object(v, path, ["kind", "type", "length", "extra", ...layout.fields.map((f) => f.key)]);
  const sub: Record<string, FieldValue> = {};
  for (const f of layout.fields) sub[f.key] = r.field(o, f, path);
  const extra = o.extra === undefined ? undefined : r.bytes(o.extra, `${path}.extra`);
  return {
    kind: layout.kind,
    type,
    length: layout.size + (extra?.length ?? 0),
    ...sub,
    ...(extra?.length ? { extra } : {}),
  } as unknown as SratSubtable;
}

/** Parses JSON text (as written by `sratToJson`, or by hand) into a table. */
export function sratFromJson(text: string, source: string): SratTable {
  const doc = parseJsonText(text, source);
  const r = new JsonReader(source);
  const top = r.object(doc, "$", ["header", "tableRevision", "reserved", "subtables", "trailing"]);
  const h = r.object(top.header ?? {}, "$.header", ACPI_HEADER_FIELDS.map((f) => f.key));
  const header: Record<string, FieldValue> = {};
  for (const f of ACPI_HEADER_FIELDS) header[f.key] = r.field(h, f, "$.header");
  if (h.signature === undefined) header.signature = "SRAT";
  if (header.signature !== "SRAT") r.fail("$.header.signature", `is "${String(header.signature)}", not "SRAT"`);
  const root: Record<string, FieldValue> = {};
  for (const f of SRAT_ROOT_FIELDS) root[f.key] = r.field(top, f, "$");
  if (top.tableRevision === undefined) root.tableRevision = 1;
  const subs = top.subtables ?? [];
  if (!Array.isArray(subs)) r.fail("$.subtables", "expected an array");
  const table: SratTable = {
    header: header as unknown as SratTable["header"],
    tableRevision: root.tableRevision as number,
    reserved: root.reserved as bigint,
    subtables: (subs as unknown[]).map((s, i) => subtableFromJson(r, s, `$.subtables[${i}]`)),
  };
  if (top.trailing !== undefined) table.trailing = r.bytes(top.trailing, "$.trailing");
  return decodeSrat(encodeSrat(table), source);
}
