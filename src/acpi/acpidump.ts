/**
 * acpidump's hex-dump text: one block per table, a "SIG @ 0xADDRESS" line
 * followed by "OFFSET: XX XX ... ASCII" rows of up to 16 bytes.
 */
import { InputError } from "../errors.js";

export interface DumpedTable {
  signature: string;
  address: bigint;
  /** 1-based line of the "SIG @ 0x..." line. */
  line: number;
  bytes: Uint8Array;
}

const TABLE_LINE = /^\s*([\x21-\x7e]{4}) @ 0x([0-9a-fA-F]{1,16})\s*$/;
const ROW = /^\s*([0-9a-fA-F]{4,8}): /;

/** Every table in an acpidump text, in file order. */
export function readAcpidump(text: string, source: string): DumpedTable[] {
  const tables: DumpedTable[] = [];
  let cur: { t: DumpedTable; chunks: number[] } | undefined;
  const finish = (): void => {
    if (cur) tables.push({ ...cur.t, bytes: Uint8Array.from(cur.chunks) });
    cur = undefined;
  };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    const where = `${source}: line ${i + 1}`;
    const head = TABLE_LINE.exec(line);
    if (head) {
      finish();
      const t = { signature: head[1] as string, address: BigInt(`0x${head[2]}`), line: i + 1, bytes: new Uint8Array() };
      cur = { t, chunks: [] };
      continue;
    }
    if (!line.trim()) continue;
    const row = ROW.exec(line);
    if (!row || !cur) throw new InputError(`${where}: not an acpidump line`);
    const offset = parseInt(row[1] as string, 16);
    if (offset !== cur.chunks.length) {
      throw new InputError(`${where}: row offset 0x${row[1]} does not follow the ${cur.chunks.length} bytes before it`);
    }
    // The hex column is 16 "XX " cells wide; the ASCII column after it may look like hex.
    const cells = line.slice(row[0].length, row[0].length + 48).trim().split(/\s+/);
    if (cells.length > 16 || !cells.every((c) => /^[0-9a-fA-F]{2}$/.test(c))) {
      throw new InputError(`${where}: expected up to 16 hex bytes after the offset`);
    }
    for (const c of cells) cur.chunks.push(parseInt(c, 16));
  }
  finish();
  if (!tables.length) throw new InputError(`${source}: no "SIG @ 0x..." table header found`);
  return tables;
}

/** The one table with `signature` from an acpidump text. */
export function pickTable(tables: readonly DumpedTable[], signature: string, source: string): DumpedTable {
  const found = tables.filter((t) => t.signature === signature);
  if (!found.length) {
    throw new InputError(`${source}: no ${signature} table (found: ${tables.map((t) => t.signature).join(", ")})`);
  }
  if (found.length > 1) {
    throw new InputError(`${source}: ${found.length} ${signature} tables (lines ${found.map((t) => t.line).join(", ")})`);
  }
  return found[0] as DumpedTable;
}
