/**
 * A compact human-readable listing of an SRAT: one line for the headers and
 * one per subtable, every field by its iasl name, flags spelled out.
 */
import { hex } from "./hex.js";
import { byteSum, encodeSrat, type FieldValue } from "./srat-codec.js";
import type { SratTable } from "./srat.js";
import { SRAT_HEADER_SIZE } from "./srat.js";
import { layoutForType, type FieldLayout } from "./srat-layout.js";

function show(f: FieldLayout, v: FieldValue): string {
  if (f.kind === "name") return JSON.stringify(v);
  if (f.kind === "bytes") return Buffer.from(v as Uint8Array).toString("hex");
  const n = hex(v as number | bigint);
  if (!f.bits) return n;
  const set = f.bits.filter((b) => (v as number) & b.mask).map((b) => b.name);
  return `${n} (${set.length ? set.join(", ") : "none"})`;
}

export function sratToText(table: SratTable): string {
  const h = table.header;
  const bytes = encodeSrat(table, { asIs: true });
  const sum = byteSum(bytes);
  const lines = [
    `SRAT: Length ${hex(h.length)}, Revision ${h.revision}, Checksum ${hex(h.checksum)} (${sum ? `wrong, should be ${hex((h.checksum - sum) & 0xff)}` : "ok"}), ` +
      `OEM ${JSON.stringify(h.oemId)} ${JSON.stringify(h.oemTableId)} ${hex(h.oemRevision)}, ` +
      `creator ${JSON.stringify(h.aslCompilerId)} ${hex(h.aslCompilerRevision)}, Table Revision ${table.tableRevision}, ${table.subtables.length} subtables`,
  ];
  let offset = SRAT_HEADER_SIZE;
  table.subtables.forEach((s, i) => {
    const head = `#${i} @${hex(offset)} type ${s.type} length ${s.length}`;
    if (s.kind === "raw") {
      const why = layoutForType(s.type) ? "too short" : "unknown type";
      lines.push(`${head} raw (${why}): ${Buffer.from(s.data).toString("hex")}`);
    } else {
      const layout = layoutForType(s.type)!;
      const rec = s as unknown as Record<string, FieldValue>;
      const fields = layout.fields.map((f) => `${f.name.replace(" (decoded below)", "")}=${show(f, rec[f.key] as FieldValue)}`);
      const extra = s.extra?.length ? `, extra=${Buffer.from(s.extra).toString("hex")}` : "";
      lines.push(`${head} ${layout.title}: ${fields.join(", ")}${extra}`);
    }
    offset += s.length || 2;
  });
  if (table.trailing?.length) lines.push(`@${hex(offset)} trailing bytes: ${Buffer.from(table.trailing).toString("hex")}`);
  return lines.join("\n") + "\n";
}
