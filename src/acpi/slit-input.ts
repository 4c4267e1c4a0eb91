/**
 * Reads a SLIT from what users have: the binary table, an acpidump text (the
 * SLIT picked out), or JSON ({"distances": [[10, 21], [21, 10]]}, with the
 * header's identification optional).
 */
import { InputError } from "../errors.js";
import { parseJsonText } from "../readers/json-text.js";
import { pickTable, readAcpidump } from "./acpidump.js";
import { decodeSlit, slitFromDistances, slitRows, type SlitTable } from "./slit.js";

const IDENT_DEFAULTS = { revision: 1, oemId: "", oemTableId: "", oemRevision: 0, aslCompilerId: "", aslCompilerRevision: 0 };
type Ident = typeof IDENT_DEFAULTS;

/** The table as JSON: its distances as rows, and the header's identification. */
export function slitToJson(slit: SlitTable): Record<string, unknown> {
  const { revision, oemId, oemTableId, oemRevision, aslCompilerId, aslCompilerRevision } = slit.header;
  return { revision, oemId, oemTableId, oemRevision, aslCompilerId, aslCompilerRevision, distances: slitRows(slit) };
}

/** A SLIT from its JSON value (already parsed); `source` names it in errors. */
export function slitFromJsonValue(v: unknown, source: string): SlitTable {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new InputError(`${source}: expected a SLIT object`);
  const o = v as Record<string, unknown>;
  const ident: Record<string, unknown> = { ...IDENT_DEFAULTS };
  for (const [k, val] of Object.entries(o)) {
    if (k === "distances") continue;
    const want = IDENT_DEFAULTS[k as keyof Ident];
    if (want === undefined) throw new InputError(`${source}: /${k} is not a known field`);
    if (typeof val !== typeof want) throw new InputError(`${source}: /${k} must be a ${typeof want}`);
    ident[k] = val;
  }
  const rows = o.distances;
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r))) throw new InputError(`${source}: /distances must be an array of rows`);
  return slitFromDistances(rows as number[][], ident as Ident, source);
}

/** Reads a SLIT in any supported format, judged from its first bytes. */
export function readSlit(bytes: Uint8Array, source: string): SlitTable {
  const head = Buffer.from(bytes.subarray(0, 4)).toString("latin1");
  if (head === "SLIT") return decodeSlit(bytes, source);
  const bad = bytes.findIndex((b) => b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d));
  if (bad >= 0) throw new InputError(`${source}: byte 0x${bad.toString(16)}: not a SLIT (binary tables start with "SLIT"; text has no control bytes)`);
  const text = Buffer.from(bytes).toString("latin1");
  if (/^\s*\{/.test(text)) return slitFromJsonValue(parseJsonText(text, source), source);
  const t = pickTable(readAcpidump(text, source), "SLIT", source);
  return decodeSlit(t.bytes, `${source}: SLIT at line ${t.line}`);
}
