/**
 * The `memsim hotplug` script: one operation per line against a HotplugSystem,
 * each with what the kernel printed and what the writer saw.
 */
import { InputError } from "../errors.js";
import type { KernelEvent } from "../events.js";
import { addDimm, removeDimm } from "./acpi-memhotplug.js";
import { writeOnline, writeState } from "./device.js";
import { ERRNO, type ErrnoName } from "./errno.js";
import { lsmem } from "./lsmem.js";
import { onlineTypeFromString } from "./params.js";
import { sysfsView } from "./sysfs.js";
import type { HotplugSystem } from "./system.js";
import { addWorkload } from "./workload.js";
import { explainBlock } from "./explain.js";
import { pfnDown } from "./span.js";
import { EXTENT_KINDS, type ExtentKind } from "./types.js";

export interface StepResult {
  line: number;
  command: string;
  ok: boolean;
  errno?: ErrnoName;
  /** What happened, one entry per affected block or device. */
  notes: string[];
  /** Lines the kernel printed during the step. */
  kernel: KernelEvent[];
  /** The step never completes on a real machine (a retry loop without end). */
  hangs?: boolean;
  /** Per-block outcomes of a step that writes several blocks (`offline node N`). */
  blocks?: { block: string; ok: boolean; errno?: ErrnoName }[];
}

const SUFFIX: Record<string, bigint> = { K: 10n, M: 20n, G: 30n, T: 40n, P: 50n, E: 60n };

/** memparse-style sizes: 4G, 128M, 0x8000000, 1073741824. */
function parseSize(s: string, where: string): bigint {
  const m = /^(0x[0-9a-f]+|[0-9]+)([KMGTPE]?)$/i.exec(s);
  if (!m) throw new InputError(`${where}: bad size '${s}'`);
  const v = BigInt(m[1]!) << (SUFFIX[m[2]!.toUpperCase()] ?? 0n);
  if (v >= 1n << 64n) throw new InputError(`${where}: size '${s}' is beyond 2^64`);
  return v;
}

function parseNumber(s: string | undefined, where: string, what: string): number {
  if (s === undefined || !/^(0x[0-9a-f]+|[0-9]+)$/i.test(s)) throw new InputError(`${where}: expected ${what}, got '${s ?? ""}'`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new InputError(`${where}: ${what} '${s}' is too large`);
  return n;
}

function blockId(word: string | undefined, where: string): number {
  const m = /^memory([0-9]+)$/.exec(word ?? "");
  if (!m) throw new InputError(`${where}: expected memoryN, got '${word ?? ""}'`);
  return parseNumber(m[1], where, "a block number");
}

/** `key value` options after the positional words. */
function options(words: string[], allowed: string[], where: string): Map<string, string> {
  const o = new Map<string, string>();
  for (let i = 0; i < words.length; i += 2) {
    const k = words[i]!;
    if (!allowed.includes(k) || words[i + 1] === undefined) throw new InputError(`${where}: unexpected '${words.slice(i).join(" ")}'`);
    o.set(k, words[i + 1]!);
  }
  return o;
}

export interface ScriptOptions {
  /** Lines of the script, numbered from 1; `file` names it in errors. */
  file: string;
}

export function runScript(sys: HotplugSystem, text: string, opts: ScriptOptions): StepResult[] {
  if (text.includes("\0")) throw new InputError(`${opts.file}: binary data in the script`);
  const results: StepResult[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const command = lines[i]!.replace(/#.*/, "").trim();
    if (!command) continue;
    const where = `${opts.file}:${i + 1}`;
    const before = sys.events.length;
    const step = runStep(sys, command.split(/\s+/), where);
    results.push({ line: i + 1, command, ...step, kernel: sys.events.slice(before) });
  }
  return results;
}

type Step = Omit<StepResult, "line" | "command" | "kernel">;

function runStep(sys: HotplugSystem, w: string[], where: string): Step {
  const [verb, a, b, ...rest] = w;
  switch (verb) {
    case "online": {
      const mem = sys.block(blockId(a, where), where);
      if (rest.length) throw new InputError(`${where}: unexpected '${rest.join(" ")}'`);
      // The word is written to the state file as given: the kernel refuses what it does not know.
      return fromWrite(writeState(sys, mem, b ?? "online"));
    }
    case "offline": {
      if (a === "node") {
        const nid = parseNumber(b, where, "a node id");
        if (!sys.nodes.has(nid)) throw new InputError(`${where}: no node ${nid}`);
        const mems = [...sys.blocksInOrder()].filter((m) => m.nid === nid && m.state === "online");
        const outs = mems.map((m) => writeState(sys, m, "offline"));
        const bad = outs.find((o) => !o.ok);
        return {
          ok: !bad,
          ...(bad?.errno ? { errno: bad.errno } : {}),
          notes: outs.map((o) => o.note),
          blocks: outs.map((o, j) => ({ block: `memory${mems[j]!.id}`, ok: o.ok, ...(o.errno ? { errno: o.errno } : {}) })),
          ...(outs.some((o) => o.failure?.hangs) ? { hangs: true } : {}),
        };
      }
      if (b !== undefined) throw new InputError(`${where}: unexpected '${[b, ...rest].join(" ")}'`);
      return fromWrite(writeState(sys, sys.block(blockId(a, where), where), "offline"));
    }
    case "write": {
      // write memory42/state online_movable | write memory42/online 0 | write auto_online_blocks offline
      if (b === undefined || rest.length) throw new InputError(`${where}: usage: write FILE VALUE`);
      if (a === "auto_online_blocks") {
        const t = onlineTypeFromString(b);
        if (t === undefined) return { ok: false, errno: "EINVAL", notes: [`'${b}' is not an online type`] };
        sys.autoOnline = t;
        return { ok: true, notes: [`auto_online_blocks is ${t}`] };
      }
      const m = /^(memory[0-9]+)\/(state|online)$/.exec(a ?? "");
      if (!m) throw new InputError(`${where}: cannot write '${a ?? ""}'`);
      const mem = sys.block(blockId(m[1], where), where);
      return fromWrite(m[2] === "state" ? writeState(sys, mem, b) : writeOnline(sys, mem, b));
    }
    case "add": {
      if (a !== "dimm" || b === undefined) throw new InputError(`${where}: usage: add dimm SIZE [node N] [at ADDR] [id NAME]`);
      const o = options(rest, ["node", "at", "id"], where);
      const r = addDimm(sys, {
        size: parseSize(b, where),
        ...(o.has("node") ? { nid: parseNumber(o.get("node"), where, "a node id") } : {}),
        ...(o.has("at") ? { at: parseSize(o.get("at")!, where) } : {}),
        ...(o.has("id") ? { id: o.get("id")! } : {}),
        where,
      });
      return { ok: r.ok, ...(r.errno ? { errno: r.errno } : {}), notes: [r.note] };
    }
    case "remove": {
      if (a === undefined || b !== undefined) throw new InputError(`${where}: usage: remove DIMM`);
      const r = removeDimm(sys, a, where);
      return { ok: r.ok, ...(r.errno ? { errno: r.errno } : {}), notes: [r.note], ...(r.hangs ? { hangs: true } : {}) };
    }
    case "workload": {
      if (!EXTENT_KINDS.includes(a as ExtentKind) || a === "reserved" || b === undefined) {
        throw new InputError(`${where}: usage: workload kernel|movable|pinned SIZE [node N] [at ADDR] [name NAME]`);
      }
      const o = options(rest, ["node", "at", "name"], where);
      const pages = pfnDown(parseSize(b, where));
      const text = addWorkload(sys, {
        kind: a as "kernel" | "movable" | "pinned",
        pages,
        ...(o.has("node") ? { nid: parseNumber(o.get("node"), where, "a node id") } : {}),
        ...(o.has("at") ? { at: pfnDown(parseSize(o.get("at")!, where)) } : {}),
        what: o.get("name") ?? `workload at ${where}`,
        where,
      });
      return { ok: true, notes: [text] };
    }
    case "explain": {
      // explain memoryN | explain node N
      const mems =
        a === "node"
          ? [...sys.blocksInOrder()].filter((m) => m.nid === parseNumber(b, where, "a node id"))
          : [sys.block(blockId(a, where), where)];
      if (a !== "node" && b !== undefined) throw new InputError(`${where}: unexpected '${b}'`);
      return { ok: true, notes: mems.flatMap((m) => explainBlock(sys, m)) };
    }
    case "show": {
      if (a !== undefined) throw new InputError(`${where}: show takes no arguments`);
      return { ok: true, notes: [showTable(sys).trimEnd()] };
    }
    default:
      throw new InputError(`${where}: unknown command '${verb ?? ""}'`);
  }
}

function fromWrite(o: { ok: boolean; errno?: ErrnoName; note: string; failure?: { hangs?: boolean } }): Step {
  return { ok: o.ok, ...(o.errno ? { errno: o.errno } : {}), notes: [o.note], ...(o.failure?.hangs ? { hangs: true } : {}) };
}

/** The machine as `lsmem -a -o RANGE,SIZE,STATE,BLOCK,NODE,ZONES` shows it. */
function showTable(sys: HotplugSystem): string {
  return lsmem(sys.blockSize, lsmemBlocks(sys), { all: true, output: "RANGE,SIZE,STATE,BLOCK,NODE,ZONES", summary: "always" });
}

/** The sysfs view as lsmem reads it. */
export function lsmemBlocks(sys: HotplugSystem) {
  return sysfsView(sys).blocks.map((b) => ({
    index: b.id,
    state: b.files.state!.trimEnd(),
    removable: b.files.removable === "1\n",
    // lsmem shows the first nodeN link readdir returns; memsim shows the lowest.
    node: b.nodes[0] ?? -1,
    zones: b.files.valid_zones!.trimEnd().split(" "),
  }));
}

/** A step as text: the kernel's console lines, then the outcome. */
export function formatStep(s: StepResult, consoleLevel = 7): string {
  let out = `$ ${s.command}\n`;
  for (const e of s.kernel) if ((e.level ?? 6) < consoleLevel) out += `${e.line}\n`;
  const status = s.ok ? "ok" : s.errno ? `error: ${s.errno} (${ERRNO[s.errno].text})` : "never completes";
  const notes = s.notes.join("\n");
  out += notes.includes("\n") ? `${status}\n${notes}\n` : `${status}: ${notes}\n`;
  return out;
}
