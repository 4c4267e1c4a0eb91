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
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x0a) {
        this.take(chunk.subarray(from, i));
        out.push(this.finishLine());
        this.lineStart = this.consumed + i + 1;
        from = i + 1;
      } else if (isBinaryByte(b)) {
        throw new InputError(
          `${this.file}:${this.lineNo}: binary data, not text (byte 0x${b.toString(16).padStart(2, "0")} at offset ${this.consumed + i})`,
        );
      } else if (this.pendingLength + (i - from) >= this.maxLine) {
        throw new InputError(`${this.file}:${this.lineNo}: line longer than ${this.maxLine} bytes (at offset ${this.lineStart})`);
      }
    }
    this.take(chunk.subarray(from));
    this.consumed += chunk.length;
    return out;
  }

  /** Ends the input; returns the last line if it had no line ending. */
  end(): TextLine[] {
    return this.pendingLength > 0 ? [this.finishLine()] : [];
  }

  private take(part: Uint8Array): void {
    if (part.length === 0) return;
    this.pending.push(part.slice());
    this.pendingLength += part.length;
  }

  private finishLine(): TextLine {
    const bytes = new Uint8Array(this.pendingLength);
    let at = 0;
    for (const p of this.pending) {
      bytes.set(p, at);
      at += p.length;
    }
    this.pending = [];
    this.pendingLength = 0;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new InputError(`${this.file}:${this.lineNo}: not UTF-8 text (line at offset ${this.lineStart})`);
    }
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
