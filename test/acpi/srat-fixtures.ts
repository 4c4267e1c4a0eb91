// Byte-level builders shared by the SRAT tests.

/** Recomputes the checksum byte of a table in place. */
export function fixChecksum(b: Uint8Array): Uint8Array {
  b[9] = 0;
  b[9] = (0x100 - b.reduce((s, x) => (s + x) & 0xff, 0)) & 0xff;
  return b;
}

/** An SRAT of `n` 3-byte subtables of an unknown type (a hostile subtable count). */
export function manySubtables(n: number): Uint8Array {
  const b = new Uint8Array(48 + 3 * n);
  b.set([0x53, 0x52, 0x41, 0x54]);
  new DataView(b.buffer).setUint32(4, b.length, true);
  for (let i = 0; i < n; i++) b.set([0x20, 3], 48 + 3 * i);
  return b;
}

/** The lines the SRAT walk prints (and that no other boot step prints). */
export const SRAT_LINE = /^(ACPI: )?(SRAT: |\[SRAT:)|^Warning: invalid memblk|^too many memblk ranges/;

/** A serial log's kernel lines without their timestamps. */
export function kernelLines(log: string): string[] {
  return log
    .split("\n")
    .map((l) => l.replace(/^\[\s*\d+\.\d+\] /, ""))
    .filter((l) => l !== "");
}
