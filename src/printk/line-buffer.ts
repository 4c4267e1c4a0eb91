/**
 * Printed lines collected in a few large strings rather than as one string
 * per line: long runs print hundreds of thousands of lines, and that many
 * live strings cost the garbage collector a lot. Lines are appended to a
 * chunk (a rope, cheap to extend), which is flattened and set aside every
 * 64K characters.
 */
const CHUNK = 1 << 16;

export class LineBuffer {
  private chunks: string[] = [];
  private chunk = "";
  private length = 0;

  /** `limit`: the most characters it holds; one more line throws LineBufferFull. */
  constructor(readonly limit = 256 << 20) {}

  /** Appends `text` and a newline. */
  line(text: string): void {
    const need = this.length + text.length + 1;
    if (need > this.limit) throw new LineBufferFull(this.limit);
    this.length = need;
    this.chunk += text + "\n";
    if (this.chunk.length >= CHUNK) {
      // reading a character makes V8 flatten the rope, freeing its pieces
      this.chunk.charCodeAt(0);
      this.chunks.push(this.chunk);
      this.chunk = "";
    }
  }

  /** Everything so far, as one string. */
  text(): string {
    return this.chunks.join("") + this.chunk;
  }
}

/** More output than a LineBuffer's limit (a string that long could not even be built). */
export class LineBufferFull extends Error {
  constructor(readonly limit: number) {
    super(`output larger than ${limit} bytes`);
    this.name = "LineBufferFull";
  }
}
