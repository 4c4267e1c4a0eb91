/**
 * The SLIT (System Locality Information Table, ACPI 6.5 §5.2.17): after the
 * common header, an 8-byte Number of System Localities N and an N x N matrix
 * of one-byte relative distances, row i holding the distances from locality
 * i. Decoding refuses a matrix the Length cannot hold; the kernel's reading
 * (which entries it takes, and when it drops the table) is in
 * slit-linux.ts.
 */
import { InputError } from "../errors.js";
import {
  ACPI_HEADER_SIZE,
  checkTableHeader,
  decodeAcpiHeader,
  fixChecksum,
  readField,
  writeAcpiHeader,
  writeField,
} from "./acpi-header.js";
import { hex } from "./hex.js";
import type { AcpiTableHeader } from "./srat.js";
import type { FieldLayout } from "./srat-layout.js";

/** Header plus the locality count: where the matrix starts. */
export const SLIT_HEADER_SIZE = ACPI_HEADER_SIZE + 8;
const LOCALITY_COUNT: FieldLayout = { key: "localityCount", name: "Localities", offset: ACPI_HEADER_SIZE, width: 8, kind: "uint" };

export interface SlitTable {
  header: AcpiTableHeader;
  localityCount: number;
  /** localityCount² distances, row by row: entries[i * localityCount + j] is from i to j. */
  entries: Uint8Array;
  /** Bytes within the Length after the matrix. */
  trailing?: Uint8Array;
}

/** Decodes a binary SLIT; `source` names the input in error messages. Bytes past the Length are ignored. */
export function decodeSlit(bytes: Uint8Array, source: string): SlitTable {
  const length = checkTableHeader(bytes, source, "SLIT", SLIT_HEADER_SIZE, "the SLIT header");
  const count = readField(bytes, 0, LOCALITY_COUNT) as bigint;
  const room = BigInt(length - SLIT_HEADER_SIZE);
  if (count * count > room) {
    throw new InputError(`${source}: byte ${hex(ACPI_HEADER_SIZE)}: ${count} localities need ${count * count} distance bytes; the Length leaves ${room}`);
  }
  const n = Number(count);
  const end = SLIT_HEADER_SIZE + n * n;
  const table: SlitTable = { header: decodeAcpiHeader(bytes), localityCount: n, entries: bytes.slice(SLIT_HEADER_SIZE, end) };
  if (end < length) table.trailing = bytes.slice(end, length);
  return table;
}

/** Encodes a SLIT with its Length and checksum computed. */
export function encodeSlit(table: SlitTable): Uint8Array {
  const n = table.localityCount;
  if (table.entries.length !== n * n) throw new InputError(`SLIT: ${n} localities need ${n * n} distances, not ${table.entries.length}`);
  const buf = new Uint8Array(SLIT_HEADER_SIZE + n * n + (table.trailing?.length ?? 0));
  writeAcpiHeader(buf, table.header);
  writeField(buf, 0, LOCALITY_COUNT, BigInt(n));
  buf.set(table.entries, SLIT_HEADER_SIZE);
  if (table.trailing) buf.set(table.trailing, SLIT_HEADER_SIZE + n * n);
  fixChecksum(buf);
  return buf;
}

/** The distance from locality `from` to `to`. */
export function slitDistance(slit: SlitTable, from: number, to: number): number {
  return slit.entries[from * slit.localityCount + to] ?? 0;
}

/** A SLIT holding `distances` (a square matrix of bytes) under `header`'s identification. */
export function slitFromDistances(distances: readonly (readonly number[])[], header: Omit<AcpiTableHeader, "signature" | "length" | "checksum">, source: string): SlitTable {
  const n = distances.length;
  const entries = new Uint8Array(n * n);
  distances.forEach((row, i) => {
    if (row.length !== n) throw new InputError(`${source}: row ${i} has ${row.length} distances; the matrix is ${n} x ${n}`);
    row.forEach((d, j) => {
      if (!Number.isInteger(d) || d < 0 || d > 255) throw new InputError(`${source}: distance [${i}][${j}] = ${d} is not a byte (0..255)`);
      entries[i * n + j] = d;
    });
  });
  return { header: { ...header, signature: "SLIT", length: SLIT_HEADER_SIZE + n * n, checksum: 0 }, localityCount: n, entries };
}

/** The matrix as rows. */
export function slitRows(slit: SlitTable): number[][] {
  const n = slit.localityCount;
  return Array.from({ length: n }, (_, i) => Array.from(slit.entries.subarray(i * n, (i + 1) * n)));
}
