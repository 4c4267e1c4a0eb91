// Shared by the memblock script generators: a seedable random source, the
// number spellings of the op script format, and a script writer whose budgets
// keep both region arrays below their 128 entries.

export const K = 1n << 10n;
export const M = 1n << 20n;
export const G = 1n << 30n;
export const T = 1n << 40n;
export const PAGE = 4n * K;
export const ANYWHERE = (1n << 64n) - 1n;

/** mulberry32: small, fast and seedable. */
export class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Any 64-bit value, uniformly. */
  u64(): bigint {
    return (BigInt(Math.floor(this.next() * 2 ** 32)) << 32n) | BigInt(Math.floor(this.next() * 2 ** 32));
  }
  /** A multiple of `unit` in [lo, hi] (not uniform: small offsets are likelier). */
  big(lo: bigint, hi: bigint, unit = 1n): bigint {
    const n = (hi - lo) / unit;
    const r = BigInt(Math.floor(this.next() * 2 ** 26)) * BigInt(Math.floor(this.next() * 2 ** 26));
    return lo + (n > 0n ? (r % (n + 1n)) * unit : 0n);
  }
}

/** Numbers in all the spellings the format allows. */
function num(rnd: Random, v: bigint): string {
  for (const [suffix, unit] of [["T", T], ["G", G], ["M", M], ["K", K]] as const) {
    if (v !== 0n && v % unit === 0n && rnd.chance(0.6)) return `${v / unit}${suffix}`;
  }
  if (v < 100000n && rnd.chance(0.3)) return v.toString();
  const hex = v.toString(16);
  return `0x${rnd.chance(0.1) ? hex.toUpperCase() : hex}`;
}

export interface Range {
  base: bigint;
  size: bigint;
}

export interface Block extends Range {
  freed: boolean;
}

/** Script writer with budgets that keep both region arrays below 128 entries. */
export class Script {
  lines: string[] = [];
  allocs: { line: number; size: bigint }[] = [];
  blocks: Block[] = [];
  memoryBudget = 110;
  reservedBudget = 110;
  ops = 0;
  constructor(private readonly rnd: Random) {}
  op(text: string): void {
    this.lines.push(text);
    this.ops++;
  }
  n(v: bigint): string {
    return num(this.rnd, v);
  }
  text(): string {
    return this.lines.join("\n") + "\n";
  }
}
