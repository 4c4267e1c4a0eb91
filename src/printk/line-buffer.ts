/**
 * Printed lines collected as ASCII bytes rather than as strings: long runs
 * print hundreds of thousands of lines, and bytes in one growing array cost
 * the garbage collector nothing, where as many live strings cost it a lot.
 * Kernel text is ASCII; other code units are stored modulo 256.
 */
export class LineBuffer {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  /** `limit`: the most bytes it holds; one more line throws LineBufferFull. */
  constructor(readonly limit = 256 << 20) {}

  /** Appends `text` and a newline. */
  line(text: string): void {
    const need = this.length + text.length + 1;
    if (need > this.limit) throw new LineBufferFull(this.limit);
    if (need > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < need) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    bytes[at++] = 10;
    this.length = at;
  }

  /** Everything so far, as one string. */
  text(): string {
    return new TextDecoder("latin1").decode(this.bytes.subarray(0, this.length));
  }
}

/** More output than a LineBuffer's limit (a string that long could not even be built). */
export class LineBufferFull extends Error {
  constructor(readonly limit: number) {
    super(`output larger than ${limit} bytes`);
    this.name = "LineBufferFull";
  }
}
