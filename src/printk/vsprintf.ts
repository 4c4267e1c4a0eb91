/**
 * The kernel's vsprintf (lib/vsprintf.c) for the conversions memsim prints:
 * integers (%d %i %u %x %X %o with flags - + space # 0, width, precision and
 * the hh/h/l/ll/L/z/t qualifiers), %s, %c, %%, %pa/%pap/%pad (phys/dma
 * address: 0x + 16 hex digits) and symbol pointers (%pS %ps %pB ...), which
 * take the symbol's text as a string argument.
 *
 * Kernel differences from C's printf that matter: `%#x` of 0 prints `0x0`,
 * and the `0x` prefix counts inside the field width.
 */

export type PrintfArg = bigint | number | string;

const LEFT = 1;
const PLUS = 2;
const SPACE = 4;
const SPECIAL = 8;
const ZEROPAD = 16;

/** One decoded piece of a format: literal text, or a conversion. */
type Piece =
  | string
  | {
      conv: string; // d u x X o s c p %
      flags: number;
      width: number; // -1 = none, -2 = from argument ('*')
      precision: number; // -1 = none, -2 = from argument ('*')
      bits: number; // integer width of the argument (8, 16, 32, 64)
      ext: string; // %p extension letters
    };

const cache = new Map<string, Piece[]>();

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[0-9A-Za-z]/.test(c);
}

/** A width or precision at `i`: digits, '*' (-2: from the arguments) or none (-1); and the next index. */
function readCount(fmt: string, i: number): [number, number] {
  if (fmt[i] === "*") return [-2, i + 1];
  if (!isDigit(fmt[i])) return [-1, i];
  let n = 0;
  while (isDigit(fmt[i])) n = n * 10 + Number(fmt[i++]);
  return [n, i];
}

function decode(fmt: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf("%", i);
    if (pct < 0) {
      pieces.push(fmt.slice(i));
      break;
    }
    if (pct > i) pieces.push(fmt.slice(i, pct));
    i = pct + 1;
    let flags = 0;
    for (;;) {
      const c = fmt[i];
      const f = c === "-" ? LEFT : c === "+" ? PLUS : c === " " ? SPACE : c === "#" ? SPECIAL : c === "0" ? ZEROPAD : 0;
      if (!f) break;
      flags |= f;
      i++;
    }
    let width: number;
    [width, i] = readCount(fmt, i);
    let precision = -1;
    // the kernel reads a bare '.' as no precision at all
    if (fmt[i] === ".") [precision, i] = readCount(fmt, i + 1);
    let bits = 32;
    const q = fmt[i];
    if (q === "h" || q === "l" || q === "L" || q === "z" || q === "t") {
      i++;
      if (q === "h" && fmt[i] === "h") {
        bits = 8;
        i++;
      } else if (q === "h") {
        bits = 16;
      } else {
        if (q === "l" && fmt[i] === "l") i++;
        bits = 64; // long, long long, size_t, ptrdiff_t are all 64-bit on x86-64
      }
    }
    const conv = fmt[i];
    if (conv === undefined || !"cspdiuxXo%".includes(conv)) {
      throw new Error(`vsprintf: unsupported conversion in '${fmt}'`);
    }
    i++;
    let ext = "";
    if (conv === "p") {
      const start = i;
      while (isAlnum(fmt[i])) i++;
      ext = fmt.slice(start, i);
    }
    pieces.push({ conv: conv === "i" ? "d" : conv, flags, width, precision, bits, ext });
  }
  return pieces;
}

/** lib/vsprintf.c number(): the digits, sign, prefix and padding of one integer. */
function number(num: bigint, base: number, flags: number, width: number, precision: number, small: boolean, signed: boolean): string {
  const needPfx = (flags & SPECIAL) !== 0 && base !== 10;
  const isZero = num === 0n;
  if (flags & LEFT) flags &= ~ZEROPAD;
  let sign = "";
  if (signed) {
    if (num < 0n) {
      sign = "-";
      num = -num;
    } else if (flags & PLUS) sign = "+";
    else if (flags & SPACE) sign = " ";
  }
  width -= sign.length;
  if (needPfx) width -= base === 16 ? 2 : isZero ? 0 : 1;
  let digits = num.toString(base);
  if (base === 16 && !small) digits = digits.toUpperCase();
  const prec = Math.max(precision, digits.length);
  width -= prec;
  let out = "";
  if (!(flags & (ZEROPAD | LEFT)) && width > 0) {
    out += " ".repeat(width);
    width = 0;
  }
  out += sign;
  if (needPfx) {
    if (base === 16) out += small ? "0x" : "0X";
    else if (!isZero) out += "0";
  }
  if (!(flags & LEFT) && width > 0) {
    out += (flags & ZEROPAD ? "0" : " ").repeat(width);
    width = 0;
  }
  if (prec > digits.length) out += "0".repeat(prec - digits.length);
  out += digits;
  if (flags & LEFT && width > 0) out += " ".repeat(width);
  return out;
}

function widen(s: string, flags: number, width: number): string {
  if (s.length >= width) return s;
  const pad = " ".repeat(width - s.length);
  return flags & LEFT ? s + pad : pad + s;
}

function toBigInt(arg: PrintfArg | undefined, fmt: string): bigint {
  if (typeof arg === "bigint") return arg;
  if (typeof arg === "number" && Number.isInteger(arg)) return BigInt(arg);
  throw new Error(`vsprintf: '${fmt}' expects an integer argument, got ${String(arg)}`);
}

/** Formats like the kernel's vsprintf; integer arguments are bigint or number. */
export function vsprintf(fmt: string, args: readonly PrintfArg[]): string {
  let pieces = cache.get(fmt);
  if (!pieces) {
    pieces = decode(fmt);
    cache.set(fmt, pieces);
  }
  let out = "";
  let a = 0;
  for (const p of pieces) {
    if (typeof p === "string") {
      out += p;
      continue;
    }
    let { flags, width, precision } = p;
    if (width === -2) {
      width = Number(toBigInt(args[a++], fmt));
      if (width < 0) {
        width = -width;
        flags |= LEFT;
      }
    }
    if (precision === -2) precision = Math.max(0, Number(toBigInt(args[a++], fmt)));
    switch (p.conv) {
      case "%":
        out += "%";
        break;
      case "c": {
        const ch = String.fromCharCode(Number(BigInt.asUintN(8, toBigInt(args[a++], fmt))));
        out += widen(ch, flags, width);
        break;
      }
      case "s": {
        const s = String(args[a++] ?? "(null)");
        out += widen(precision >= 0 ? s.slice(0, precision) : s, flags, width);
        break;
      }
      case "p": {
        const arg = args[a++];
        // %pa: what number() gives for "%#018llx", by the fast path
        if (p.ext[0] === "a") out += formatPa(toBigInt(arg, fmt));
        else out += widen(String(arg), flags, width);
        break;
      }
      default: {
        const signed = p.conv === "d";
        const raw = toBigInt(args[a++], fmt);
        const num = signed ? BigInt.asIntN(p.bits, raw) : BigInt.asUintN(p.bits, raw);
        const base = p.conv === "o" ? 8 : p.conv === "u" || p.conv === "d" ? 10 : 16;
        out += number(num, base, flags, width, precision, p.conv !== "X", signed);
      }
    }
  }
  return out;
}

/** "0x" and (16 - n) zeros: what precedes n hex digits, made once (one concatenation per number). */
const PAD16 = Array.from({ length: 17 }, (_, n) => `0x${"0".repeat(16 - n)}`);

/** Fast path for `%pa` and `0x%016llx`: 0x and 16 lower-case hex digits of a 64-bit value. */
export function formatPa(x: bigint): string {
  const digits = BigInt.asUintN(64, x).toString(16);
  return (PAD16[digits.length] as string) + digits;
}
