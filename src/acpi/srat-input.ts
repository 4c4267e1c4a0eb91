/**
 * Reads an SRAT from whatever users have: the binary table, iasl source or
 * disassembly, an acpidump text (SRAT picked out), or memsim's JSON.
 */
import { InputError } from "../errors.js";
import { pickTable, readAcpidump } from "./acpidump.js";
import { decodeSrat, encodeSrat } from "./srat-codec.js";
import type { SratTable } from "./srat.js";
import { sratFromAsl } from "./srat-asl.js";
import { sratFromJson } from "./srat-json.js";

export type SratInputFormat = "binary" | "asl" | "acpidump" | "json";

/** Which reader a file needs, judged from its first bytes. */
export function detectSratFormat(bytes: Uint8Array, source: string): SratInputFormat {
  const head = Buffer.from(bytes.subarray(0, 4)).toString("latin1");
  if (head === "SRAT") return "binary";
  const probe = bytes.subarray(0, 4096);
  const control = (b: number): boolean => b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  // Text readers report a stray control byte by line; a file that starts with one is binary.
  const bad = probe.subarray(0, 64).findIndex(control);
  if (bad >= 0) {
    throw new InputError(
      `${source}: byte 0x${bad.toString(16)}: binary data that is not an SRAT (starts with "${head.replace(/[^\x20-\x7e]/g, ".")}")`,
    );
  }
  const text = Buffer.from(probe).toString("latin1");
  if (/^\s*\{/.test(text)) return "json";
  if (/^\s*[\x21-\x7e]{4} @ 0x[0-9a-f]+\s*$/im.test(text)) return "acpidump";
  if (/Signature\s*:/i.test(text)) return "asl";
  throw new InputError(`${source}: line 1: not an SRAT in any known format (binary, iasl source, acpidump, JSON)`);
}

/** Text must be text: a NUL or control byte is reported with its line. */
function asText(bytes: Uint8Array, source: string): string {
  const bad = bytes.findIndex((b) => b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d));
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new InputError(`${source}: line ${line}: binary byte 0x${(bytes[bad] as number).toString(16)} in a text file`);
  }
  return Buffer.from(bytes).toString("latin1");
}

/**
 * The table's bytes as the kernel would get them: exactly the file's bytes for
 * binary and acpidump input (so that lint sees a bad checksum or Length), or
 * the encoding of the parsed table for iasl source and JSON.
 */
export function readSratBytes(bytes: Uint8Array, source: string, format?: SratInputFormat): SratInput {
  const f = format ?? detectSratFormat(bytes, source);
  switch (f) {
    case "binary":
      return { bytes, format: f, source };
    case "json":
      return { bytes: encodeSrat(sratFromJson(asText(bytes, source), source)), format: f, source };
    case "asl":
      return { bytes: encodeSrat(sratFromAsl(asText(bytes, source), source)), format: f, source };
    case "acpidump": {
      const t = pickTable(readAcpidump(asText(bytes, source), source), "SRAT", source);
      return { bytes: t.bytes, format: f, source: `${source}: SRAT at line ${t.line}` };
    }
  }
}

export interface SratInput {
  bytes: Uint8Array;
  format: SratInputFormat;
  /** How to name the table in messages. */
  source: string;
}

/** Reads and decodes an SRAT in any supported format. */
export function readSrat(bytes: Uint8Array, source: string, format?: SratInputFormat): { table: SratTable; format: SratInputFormat } {
  const input = readSratBytes(bytes, source, format);
  return { table: decodeSrat(input.bytes, input.source), format: input.format };
}
