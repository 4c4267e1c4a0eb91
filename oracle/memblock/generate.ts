// Seeded generator of realistic memblock op scripts (format v1): x86-like
// e820 layouts with holes, SRAT-like node assignment and hotplug marking,
// early reservations, then allocations top-down and bottom-up with node
// fall-back, exact_nid, limit changes, frees, mem= limits, mirror and trim.
//
//   npx tsx oracle/memblock/generate.ts --seed N [--oracle BINARY]
//   npx tsx oracle/memblock/generate.ts --stress|--full --seed N
//   npx tsx oracle/memblock/generate.ts --bench-ops 100000 [--seed N]
//
// With an oracle binary, frees name blocks that earlier allocations really
// returned: the script is grown in segments and the prefix is run through the
// oracle after each one. Without it (and in bench mode) frees fall on
// reservations the script made itself. Every script it writes is valid.
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateFull, generateStress } from "./hostile.js";
import { ANYWHERE, G, K, M, PAGE, Random, Script, T, type Range } from "./script-writer.js";

/** Runs a script prefix and returns its standard output. */
export type Oracle = (script: string) => string;

/** The oracle binary as an Oracle: its output, also when a panic stopped it. */
export function runOracle(binary: string): Oracle {
  return (script) => run(binary, script).stdout;
}

/** Runs the oracle binary on a script: its output and exit status. */
export function run(binary: string, script: string): { stdout: string; status: number } {
  try {
    return { stdout: execFileSync(binary, ["-"], { input: script, encoding: "utf8", maxBuffer: 1 << 28 }), status: 0 };
  } catch (err) {
    const e = err as { stdout?: string; status?: number | null };
    if (typeof e.stdout !== "string" || typeof e.status !== "number") throw err;
    return { stdout: e.stdout, status: e.status };
  }
}

interface Layout {
  nodes: number;
  /** e820-like usable RAM. */
  ram: (Range & { nid: number })[];
  /** SRAT-like memory affinity ranges, which may cover holes. */
  srat: (Range & { nid: number; hotplug: boolean })[];
  top: bigint;
}

function layout(rnd: Random): Layout {
  const nodes = rnd.pick([1, 1, 1, 2, 2, 2, 4, 4, 8, rnd.int(3, 16)]);
  const ram: Layout["ram"] = [];
  const srat: Layout["srat"] = [];
  // Low memory: the first page may or may not be usable, the EBDA ends it.
  const lowStart = rnd.pick([0n, 0n, PAGE]);
  ram.push({ base: lowStart, size: rnd.pick([0x9fc00n, 0x9f000n, 0x9e000n, 0x9d800n]) - lowStart, nid: 0 });
  // Below 4G: up to the PCI hole, with firmware-owned pieces punched out.
  const below4g = rnd.pick([0x7ffdf000n, 0xbff7f000n, 0x7f7e8000n, 0xbfffffffn, 0x80000000n, 0x3fff0000n]);
  let at = M;
  for (let holes = rnd.int(0, 3); holes >= 0; holes--) {
    const end = holes === 0 ? below4g : rnd.big(at + 16n * M, below4g - 16n * M, PAGE);
    if (end <= at) continue;
    ram.push({ base: at, size: end - at, nid: 0 });
    at = end + rnd.big(PAGE, 4n * M, PAGE);
  }
  // Above 4G: one or more chunks per node, nodes on round boundaries.
  let next = 4n * G;
  let nodeStart = 0n;
  for (let nid = 0; nid < nodes; nid++) {
    const size = rnd.pick([1n, 2n, 4n, 8n, 16n, 32n, 64n]) * G + (rnd.chance(0.2) ? rnd.big(0n, G, 256n * M) : 0n);
    if (nid > 0) {
      if (rnd.chance(0.3)) next = ((next + 64n * G - 1n) / (64n * G)) * (64n * G);
      nodeStart = next;
    }
    const memoryless = nid > 0 && rnd.chance(0.08);
    if (!memoryless) {
      const pieces = rnd.chance(0.2) ? 2 : 1;
      let p = next;
      for (let i = 0; i < pieces; i++) {
        const s = size / BigInt(pieces);
        ram.push({ base: p, size: s - (i < pieces - 1 ? 128n * M : 0n), nid });
        p += s;
      }
      next += size;
    }
    const hotplug = nid > 0 && rnd.chance(0.3);
    if (nid === 0) srat.push({ base: 0n, size: 0xa0000n, nid, hotplug }, { base: M, size: (rnd.chance(0.5) ? 2n * G : 4n * G) - M, nid, hotplug });
    if (!memoryless) srat.push({ base: nid === 0 ? 4n * G : nodeStart, size: next - (nid === 0 ? 4n * G : nodeStart), nid, hotplug });
  }
  // Now and then: far-away hotpluggable memory (CXL, pmem), on its own node.
  if (rnd.chance(0.15)) {
    const base = rnd.pick([T, 2n * T, 64n * T, ANYWHERE - 4n * G + 1n]);
    const nid = Math.min(nodes, 15);
    ram.push({ base, size: rnd.pick([G, 4n * G]), nid });
    srat.push({ base, size: 4n * G, nid, hotplug: true });
  }
  return { nodes, ram, srat, top: next };
}

function sizeFor(rnd: Random): bigint {
  const k = rnd.next();
  if (k < 0.25) return BigInt(rnd.pick([8, 16, 24, 64, 100, 128, 0x1234, 2048, 3000]));
  if (k < 0.65) return rnd.big(PAGE, 512n * K, PAGE);
  if (k < 0.85) return rnd.pick([M, 2n * M, 4n * M, 16n * M, 64n * M]);
  if (k < 0.97) return rnd.big(64n * M, 1n * G, 2n * M);
  return rnd.big(G, 32n * G, G);
}

function alignFor(rnd: Random): bigint {
  const k = rnd.next();
  if (k < 0.02) return 0n;
  if (k < 0.03) return BigInt(rnd.pick([3, 24, 0x3000]));
  return rnd.pick([8n, 64n, 64n, PAGE, PAGE, PAGE, 2n * M, 2n * M, G]);
}

function nidFor(rnd: Random, l: Layout): number {
  const k = rnd.next();
  if (k < 0.4) return -1;
  if (k < 0.97) return rnd.int(0, l.nodes - 1);
  return rnd.pick([l.nodes + 1, 1024, 4096, -2]);
}

function endFor(rnd: Random, l: Layout): bigint {
  return rnd.pick([0n, 0n, 0n, 1n, ANYWHERE, 4n * G, 16n * M, rnd.big(M, l.top, M)]);
}

function startFor(rnd: Random, l: Layout): bigint {
  return rnd.chance(0.7) ? 0n : rnd.pick([M, 16n * M, 4n * G, rnd.big(0n, l.top, M)]);
}

function setup(s: Script, rnd: Random, l: Layout): void {
  const e820Style = rnd.chance(0.7);
  for (const r of l.ram) {
    if (e820Style || rnd.chance(0.1)) s.op(`add ${s.n(r.base)} ${s.n(r.size)}`);
    else s.op(`add ${s.n(r.base)} ${s.n(r.size)} ${r.nid}`);
    s.memoryBudget--;
  }
  if (rnd.chance(0.1)) s.op(`trim_memory ${s.n(rnd.pick([PAGE, 2n * M]))}`);
  if (e820Style && l.nodes > 1 ? true : rnd.chance(0.5)) {
    for (const r of l.srat) {
      s.op(`set_node ${s.n(r.base)} ${s.n(r.size)} ${r.nid}`);
      s.memoryBudget -= 2;
    }
  }
  for (const r of l.srat.filter((r) => r.hotplug)) {
    s.op(`mark_hotplug ${s.n(r.base)} ${s.n(r.size)}`);
    s.memoryBudget -= 2;
  }
  if (rnd.chance(0.2)) {
    for (const r of l.ram.filter(() => rnd.chance(0.3)).slice(0, 4)) {
      const size = rnd.big(PAGE, r.size / 2n, PAGE);
      s.op(`mark_mirror ${s.n(r.base)} ${s.n(size)}`);
      s.memoryBudget -= 2;
    }
  }
  if (rnd.chance(0.1)) {
    const r = rnd.pick(l.ram);
    s.op(`mark_nomap ${s.n(r.base)} ${s.n(rnd.big(PAGE, r.size, PAGE))}`);
    s.memoryBudget -= 2;
  }
  // Early reservations: first page, BIOS area, kernel image, initrd, others.
  const early: Range[] = [
    { base: 0n, size: PAGE },
    { base: 0x9f000n, size: 0x61000n },
    { base: 16n * M, size: rnd.big(20n * M, 64n * M, PAGE) },
  ];
  if (rnd.chance(0.7)) early.push({ base: rnd.big(256n * M, 0x70000000n, PAGE), size: rnd.big(4n * M, 64n * M, PAGE) });
  for (let i = rnd.int(0, 4); i > 0; i--) early.push({ base: rnd.big(M, l.top, 8n), size: rnd.big(64n, 64n * K, 8n) });
  for (const r of early) {
    s.op(`reserve ${s.n(r.base)} ${s.n(r.size)}`);
    s.blocks.push({ ...r, freed: false });
    s.reservedBudget--;
  }
  if (rnd.chance(0.5)) s.op(`current_limit ${s.n(M)}`);
}

function step(s: Script, rnd: Random, l: Layout): void {
  const k = rnd.next();
  const canAlloc = s.reservedBudget > 2;
  if (k < 0.3 && canAlloc) {
    const exact = rnd.chance(0.2) ? " exact" : "";
    s.allocs.push({ line: s.lines.length, size: 0n });
    const size = sizeFor(rnd);
    s.allocs[s.allocs.length - 1]!.size = size;
    s.op(`alloc ${s.n(size)} ${s.n(alignFor(rnd))} ${s.n(startFor(rnd, l))} ${s.n(endFor(rnd, l))} ${nidFor(rnd, l)}${exact}`);
    s.reservedBudget--;
  } else if (k < 0.45 && canAlloc) {
    const size = sizeFor(rnd);
    s.allocs.push({ line: s.lines.length, size });
    s.op(`alloc_try_nid ${s.n(size)} ${s.n(alignFor(rnd))} ${s.n(startFor(rnd, l))} ${s.n(endFor(rnd, l))} ${nidFor(rnd, l)}`);
    s.reservedBudget--;
  } else if (k < 0.55 && canAlloc) {
    const size = sizeFor(rnd);
    s.allocs.push({ line: s.lines.length, size });
    s.op(`phys_alloc_range ${s.n(size)} ${s.n(alignFor(rnd))} ${s.n(startFor(rnd, l))} ${s.n(endFor(rnd, l))}`);
    s.reservedBudget--;
  } else if (k < 0.68) {
    const live = s.blocks.filter((b) => !b.freed && b.size > 0n);
    if (live.length === 0 || s.reservedBudget < 2) return;
    const b = rnd.pick(live);
    if (rnd.chance(0.8)) {
      s.op(`free ${s.n(b.base)} ${s.n(b.size)}`);
      b.freed = true;
    } else {
      // a u64 argument, as a C caller would pass it: blocks near 2^64 wrap
      s.op(`free ${s.n(BigInt.asUintN(64, b.base + b.size / 2n))} ${s.n(b.size - b.size / 2n)}`);
      b.size /= 2n;
      s.reservedBudget--;
    }
  } else if (k < 0.73) {
    s.op(`bottom_up ${rnd.chance(0.5) ? "on" : "off"}`);
  } else if (k < 0.78) {
    s.op(`movable_node ${rnd.chance(0.5) ? "on" : "off"}`);
  } else if (k < 0.83) {
    const limit = rnd.pick([M, 4n * G, 896n * M, rnd.big(16n * M, l.top, M)]);
    s.op(`current_limit ${rnd.chance(0.4) ? "max" : s.n(limit)}`);
  } else if (k < 0.87 && s.reservedBudget > 2) {
    const r = { base: rnd.big(0n, l.top, PAGE), size: rnd.big(PAGE, 16n * M, PAGE) };
    s.op(`reserve ${s.n(r.base)} ${s.n(r.size)}`);
    s.blocks.push({ ...r, freed: false });
    s.reservedBudget--;
  } else if (k < 0.9 && s.memoryBudget > 4) {
    const r = rnd.pick(l.srat);
    const op = rnd.pick(["mark_hotplug", "clear_hotplug", "set_node", "remove", "clear_nomap", "mark_mirror"]);
    const base = r.base + rnd.big(0n, r.size / 2n, M);
    const size = rnd.big(M, r.size / 2n, M);
    s.op(`${op} ${s.n(base)} ${s.n(size)}${op === "set_node" ? ` ${rnd.int(0, l.nodes - 1)}` : ""}`);
    s.memoryBudget -= 2;
  } else if (k < 0.92 && s.memoryBudget > 4) {
    const base = rnd.big(l.top, l.top + 64n * G, G);
    s.op(`add ${s.n(base)} ${s.n(rnd.big(G, 8n * G, 128n * M))} ${rnd.int(0, l.nodes)}`);
    s.memoryBudget--;
  } else if (k < 0.935) {
    const total = l.ram.reduce((a, r) => a + r.size, 0n);
    const limit = rnd.big(64n * M, total + G, M);
    const which = rnd.next();
    if (which < 0.45) s.op(`enforce_memory_limit ${s.n(limit)}`);
    else if (which < 0.8) s.op(`mem_limit_remove_map ${s.n(limit)}`);
    else s.op(`cap_memory_range ${s.n(rnd.big(0n, l.top / 2n, M))} ${s.n(limit)}`);
  } else if (k < 0.94) {
    s.op("dump");
  }
}

/** Fills in allocation results from the oracle, so frees can name real blocks. */
function learn(s: Script, oracle: Oracle): boolean {
  const out = oracle(s.text());
  const addrs = out.split("\n").filter((line) => /^0x[0-9a-f]{16}$/.test(line));
  if (addrs.length < s.allocs.length) return false; // the script stopped (panic)
  s.allocs.forEach((a, i) => {
    const base = BigInt(addrs[i]!);
    if (base !== 0n && a.size > 0n) s.blocks.push({ base, size: a.size, freed: false });
  });
  s.allocs = [];
  return !/^(Kernel panic|kernel BUG)/m.test(out);
}

/** One random script for `seed`; frees follow real results when given an oracle. */
export function generate(seed: number, oracle?: Oracle): string {
  const rnd = new Random(seed);
  const s = new Script(rnd);
  const l = layout(rnd);
  if (rnd.chance(0.3)) s.op(`bottom_up on`);
  setup(s, rnd, l);
  if (rnd.chance(0.5)) s.op(`current_limit max`);
  const segments = rnd.int(3, 6);
  for (let seg = 0; seg < segments; seg++) {
    if (seg > 0 && oracle && !learn(s, oracle)) break;
    for (let i = rnd.int(15, 40); i > 0; i--) step(s, rnd, l);
    if (rnd.chance(0.3)) s.op("dump");
  }
  s.op("dump");
  return s.text();
}

/** A long script for the bench: blocks that each start from `reset`. */
export function generateBench(ops: number, seed = 1): string {
  const rnd = new Random(seed);
  const parts: string[] = [];
  let count = 0;
  while (count < ops) {
    const s = new Script(rnd);
    const l = layout(rnd);
    s.op("reset");
    setup(s, rnd, l);
    s.op("current_limit max");
    while (s.ops < 150 && count + s.ops < ops) step(s, rnd, l);
    if (count + s.ops < ops) s.op("dump");
    count += s.ops;
    parts.push(s.text());
  }
  return parts.join("");
}

function main(argv: string[]): void {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string", default: "1" },
      oracle: { type: "string" },
      stress: { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      "bench-ops": { type: "string" },
    },
  });
  const seed = Number(args.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed: not an integer`);
  const script = args.full
    ? generateFull(seed)
    : args.stress
      ? generateStress(seed)
      : args["bench-ops"]
        ? generateBench(Number(args["bench-ops"]), seed)
        : generate(seed, args.oracle ? runOracle(args.oracle) : undefined);
  process.stdout.write(script);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.slice(2));
