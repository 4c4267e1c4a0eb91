/**
 * Text input, hostile-input safe: bytes arrive in chunks (a file streamed
 * from disk, or all at once) and leave as numbered lines. A line longer than
 * any log line can be, a control byte no text file holds, or bytes that are
 * not UTF-8 stop the read with an InputError naming the file, the line and
 * the byte offset.
 */
import { InputError } from "../errors.js";

export interface TextLine {
  /** The line without its line ending. */
  text: string;
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte. */
  offset: number;
}

/** Kernel log lines are at most ~1 KiB (the command line up to 2 KiB); 64 KiB is generous. */
export const MAX_LINE_BYTES = 64 * 1024;

/** Control bytes allowed in text: tab, CR (of CRLF) and ESC (colour codes from journalctl). */
function isBinaryByte(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x1b;
}

// eslint-disable-next-line no-control-regex -- control bytes are what this finds
const BINARY = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]/;

const decoder = new TextDecoder("utf-8", { fatal: true });

export class LineSplitter {
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private lineNo = 1;
  private lineStart = 0;
  private consumed = 0;

  constructor(
    private readonly file: string,
    private readonly maxLine = MAX_LINE_BYTES,
  ) {}

  /** Feeds a chunk; returns the lines it completes. */
  push(chunk: Uint8Array): TextLine[] {
    const out: TextLine[] = [];
    let from = 0;
    while (from <= chunk.length) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl < 0 ? chunk.length : nl;
      this.checkLength(chunk.subarray(from, end));
      if (nl < 0) {
        this.take(chunk.subarray(from));
        break;
      }
      // most lines lie within one chunk: decode them in place
      const bytes = this.pendingLength === 0 ? chunk.subarray(from, nl) : this.joined(chunk.subarray(from, nl));
      out.push(this.finishLine(bytes));
      this.lineStart = this.consumed + nl + 1;
      from = nl + 1;
    }
    this.consumed += chunk.length;
    return out;
  }

  /** Ends the input; returns the last line if it had no line ending. */
  end(): TextLine[] {
    return this.pendingLength > 0 ? [this.finishLine(this.joined(new Uint8Array()))] : [];
  }

  /** Refuses an over-long line before its bytes pile up (as binary data, if that is what it is). */
  private checkLength(part: Uint8Array): void {
    if (this.pendingLength + part.length <= this.maxLine) return;
    this.refuseBinary(this.joined(part));
    throw new InputError(`${this.file}:${this.lineNo}: line longer than ${this.maxLine} bytes (at offset ${this.lineStart})`);
  }

  /** Throws if the current line's bytes hold a control byte no text has. */
  private refuseBinary(bytes: Uint8Array): void {
    const i = bytes.findIndex(isBinaryByte);
    if (i < 0) return;
    throw new InputError(
      `${this.file}:${this.lineNo}: binary data, not text (byte 0x${bytes[i]!.toString(16).padStart(2, "0")} at offset ${this.lineStart + i})`,
    );
  }

  private take(part: Uint8Array): void {
    if (part.length === 0) return;
    this.pending.push(part.slice());
    this.pendingLength += part.length;
  }

  /** The pending start of the line followed by `last`. */
  private joined(last: Uint8Array): Uint8Array {
    const bytes = new Uint8Array(this.pendingLength + last.length);
    let at = 0;
    for (const p of this.pending) {
      bytes.set(p, at);
      at += p.length;
    }
    bytes.set(last, at);
    this.pending = [];
    this.pendingLength = 0;
    return bytes;
  }

  private finishLine(bytes: Uint8Array): TextLine {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      this.refuseBinary(bytes);
      throw new InputError(`${this.file}:${this.lineNo}: not UTF-8 text (line at offset ${this.lineStart})`);
    }
    if (BINARY.test(text)) this.refuseBinary(bytes);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    return { text, line: this.lineNo++, offset: this.lineStart };
  }
}

/** All lines of a text held in memory. */
export function splitLines(data: Uint8Array | string, file: string): TextLine[] {
  const splitter = new LineSplitter(file);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return [...splitter.push(bytes), ...splitter.end()];
}
