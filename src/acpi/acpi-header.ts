/**
 * The 36-byte header every ACPI table starts with: reading it from a binary
 * table with the checks a decoder needs first (size, signature, Length), and
 * writing it back with the Length and checksum computed.
 */
import { InputError } from "../errors.js";
import { hex } from "./hex.js";
import type { AcpiTableHeader } from "./srat.js";
import { ACPI_HEADER_FIELDS, type FieldLayout } from "./srat-layout.js";

export const ACPI_HEADER_SIZE = 36;

export type FieldValue = number | bigint | string | Uint8Array;

/** Reads one field; bytes past the end of `bytes` read as zero. */
export function readField(bytes: Uint8Array, base: number, f: FieldLayout): FieldValue {
  const at = (i: number): number => bytes[base + f.offset + i] ?? 0;
  if (f.kind === "bytes") return Uint8Array.from({ length: f.width }, (_, i) => at(i));
  if (f.kind === "name") {
    let s = "";
    for (let i = 0; i < f.width; i++) s += String.fromCharCode(at(i));
    return s.replace(/\0+$/, "");
  }
  if (f.width === 8) {
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(at(i));
    return v;
  }
  let v = 0;
  for (let i = f.width - 1; i >= 0; i--) v = v * 256 + at(i);
  return v;
}

export function writeField(buf: Uint8Array, base: number, f: FieldLayout, value: FieldValue): void {
  const at = base + f.offset;
  if (f.kind === "bytes" || f.kind === "name") {
    const src =
      typeof value === "string"
        ? Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff)
        : (value as Uint8Array);
    for (let i = 0; i < f.width; i++) buf[at + i] = src[i] ?? 0;
    return;
  }
  let v = BigInt(value as number | bigint);
  for (let i = 0; i < f.width; i++) {
    buf[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Sum of all bytes mod 256; a correct table sums to zero. */
export function byteSum(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s;
}


/**
 * Checks that `bytes` hold a `signature` table whose Length is at least
 * `minLength` (`what` names that minimum) and no more than the bytes given;
 * returns the Length. Bytes after it are ignored (a dump may be padded).
 */
export function checkTableHeader(bytes: Uint8Array, source: string, signature: string, minLength: number, what: string): number {
  const fail = (offset: number, msg: string): never => {
    throw new InputError(`${source}: byte ${hex(offset)}: ${msg}`);
  };
  if (bytes.length < ACPI_HEADER_SIZE) fail(0, `${bytes.length} bytes is too short for an ACPI table header (36)`);
  const sig = String.fromCharCode(...bytes.subarray(0, 4));
  if (sig !== signature) fail(0, `signature is ${JSON.stringify(sig)}, not "${signature}"`);
  const length = readField(bytes, 0, ACPI_HEADER_FIELDS[1] as FieldLayout) as number;
  if (length < minLength) fail(4, `table Length ${hex(length)} is shorter than ${what} (${hex(minLength)})`);
  if (length > bytes.length) fail(4, `table Length ${hex(length)} is longer than the ${hex(bytes.length)} bytes given`);
  return length;
}

export function decodeAcpiHeader(bytes: Uint8Array): AcpiTableHeader {
  const out: Record<string, unknown> = {};
  for (const f of ACPI_HEADER_FIELDS) out[f.key] = readField(bytes, 0, f);
  return out as unknown as AcpiTableHeader;
}

/** Writes `header` at the start of `buf`, as it is when `asIs`, else with Length = buf's size. */
export function writeAcpiHeader(buf: Uint8Array, header: AcpiTableHeader, asIs = false): void {
  const h: AcpiTableHeader = asIs ? header : { ...header, length: buf.length };
  for (const f of ACPI_HEADER_FIELDS) writeField(buf, 0, f, h[f.key as keyof AcpiTableHeader]);
}

/** Sets the checksum byte so that the whole table sums to zero. */
export function fixChecksum(buf: Uint8Array): void {
  buf[9] = 0;
  buf[9] = (0x100 - byteSum(buf)) & 0xff;
}
