/**
 * The regular files of a tar archive (POSIX ustar / GNU), bounds-checked:
 * a header or size that points past the end, a bad header checksum or too
 * many members is an InputError with the byte offset.
 */
import { InputError } from "../errors.js";

export interface TarFile {
  path: string;
  data: Uint8Array;
}

const BLOCK = 512;
export const MAX_TAR_MEMBERS = 100_000;

const latin1Decoder = new TextDecoder("latin1");
const latin1 = (b: Uint8Array): string => latin1Decoder.decode(b);

function field(h: Uint8Array, off: number, len: number): string {
  const raw = h.subarray(off, off + len);
  const nul = raw.indexOf(0);
  return latin1(nul >= 0 ? raw.subarray(0, nul) : raw);
}

function octal(h: Uint8Array, off: number, len: number, source: string, at: number): number {
  // GNU base-256 (high bit set) marks sizes over 8 GiB: far beyond any memmap
  if (h[off]! & 0x80) throw new InputError(`${source}: byte ${at + off}: tar member larger than 8 GiB`);
  const s = field(h, off, len).trim();
  if (!/^[0-7]*$/.test(s)) throw new InputError(`${source}: byte ${at + off}: bad octal field ${JSON.stringify(s.slice(0, 12))}`);
  return s === "" ? 0 : Number.parseInt(s, 8);
}

export function untar(bytes: Uint8Array, source: string): TarFile[] {
  const files: TarFile[] = [];
  let at = 0;
  let longName: string | undefined;
  for (let members = 0; ; members++) {
    if (members > MAX_TAR_MEMBERS) throw new InputError(`${source}: more than ${MAX_TAR_MEMBERS} tar members`);
    if (at + BLOCK > bytes.length) throw new InputError(`${source}: byte ${at}: truncated tar archive (no end-of-archive block)`);
    const h = bytes.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) return files;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    if (sum !== octal(h, 148, 8, source, at)) throw new InputError(`${source}: byte ${at}: not a tar header (checksum mismatch)`);
    const size = octal(h, 124, 12, source, at);
    const type = String.fromCharCode(h[156]!);
    const dataStart = at + BLOCK;
    if (dataStart + size > bytes.length) throw new InputError(`${source}: byte ${at}: tar member of ${size} bytes runs past the end of the archive`);
    const data = bytes.subarray(dataStart, dataStart + size);
    const prefix = latin1(h.subarray(257, 263)) === "ustar\0" ? field(h, 345, 155) : "";
    let path = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = undefined;
    if (type === "L") {
      longName = field(data, 0, data.length);
    } else if (type === "0" || type === "\0") {
      path = path.replace(/^\.\//, "");
      files.push({ path, data });
    }
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
}
