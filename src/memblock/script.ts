/**
 * The memblock script runner: a parsed op script run through the engine,
 * printing what the kernel returns and prints.
 */
import { KernelBug, KernelPanic } from "../printk/bug.js";
import { LineBuffer, LineBufferFull } from "../printk/line-buffer.js";
import { InputError } from "../errors.js";
import { formatPa } from "../printk/vsprintf.js";
import type { KernelProfile } from "../profiles/types.js";
import { Memblock } from "./memblock.js";
import type { MemblockMessage } from "./report.js";
import { type MemblockProgram, OP, parseMemblockScript } from "./script-parse.js";

export { parseMemblockScript, MemblockProgram } from "./script-parse.js";
export type { MemblockOp, MemblockOpName } from "./script-parse.js";

/** How the runner prints what memblock reports. */
function messageLine(m: MemblockMessage): string {
  switch (m.kind) {
    case "warn_on":
      return `WARNING: ${m.fn}: WARN_ON(${m.cond})`;
    case "warn_once":
      return `WARNING: ${m.fn}: ${m.text}`;
    case "dump_stack":
      return `dump_stack() from ${m.fn}`;
    case "printk":
      return m.line;
    case "resize_refused":
      return "note: memblock region array full, memblock_double_array() fails (resizing not allowed)";
  }
}

/** `0x%016llx` */
function addr(out: LineBuffer, pa: bigint): void {
  out.line(formatPa(pa));
}

function status(out: LineBuffer, ret: number): void {
  if (ret) out.line(`error ${ret}`);
}

function execute(mb: Memblock, prog: MemblockProgram, i: number, out: LineBuffer): void {
  const nid = prog.nids[i] as number;
  const flag = ((prog.bits[i] as number) & 1) !== 0;
  switch (prog.codes[i]) {
    case OP.reset:
      return mb.reset();
    case OP.bottom_up:
      return mb.setBottomUp(flag);
    case OP.movable_node:
      mb.movableNode = flag;
      return;
    case OP.current_limit:
      return mb.setCurrentLimit(prog.num(i, 0));
    case OP.add:
      return status(out, (prog.bits[i] as number) & 2 ? mb.addNode(prog.num(i, 0), prog.num(i, 1), nid) : mb.add(prog.num(i, 0), prog.num(i, 1)));
    case OP.remove:
      return status(out, mb.remove(prog.num(i, 0), prog.num(i, 1)));
    case OP.reserve:
      return status(out, mb.reserve(prog.num(i, 0), prog.num(i, 1)));
    case OP.free:
      return status(out, mb.physFree(prog.num(i, 0), prog.num(i, 1)));
    case OP.mark_hotplug:
      return status(out, mb.markHotplug(prog.num(i, 0), prog.num(i, 1)));
    case OP.clear_hotplug:
      return status(out, mb.clearHotplug(prog.num(i, 0), prog.num(i, 1)));
    case OP.mark_mirror:
      return status(out, mb.markMirror(prog.num(i, 0), prog.num(i, 1)));
    case OP.mark_nomap:
      return status(out, mb.markNomap(prog.num(i, 0), prog.num(i, 1)));
    case OP.clear_nomap:
      return status(out, mb.clearNomap(prog.num(i, 0), prog.num(i, 1)));
    case OP.set_node:
      return status(out, mb.setNode(prog.num(i, 0), prog.num(i, 1), nid));
    case OP.alloc:
      return addr(out, mb.allocRangeNid(prog.num(i, 0), prog.num(i, 1), prog.num(i, 2), prog.num(i, 3), nid, flag));
    case OP.phys_alloc_range:
      return addr(out, mb.physAllocRange(prog.num(i, 0), prog.num(i, 1), prog.num(i, 2), prog.num(i, 3)));
    case OP.alloc_try_nid:
      return addr(out, mb.allocTryNidRaw(prog.num(i, 0), prog.num(i, 1), prog.num(i, 2), prog.num(i, 3), nid));
    case OP.trim_memory:
      return mb.trimMemory(prog.num(i, 0));
    case OP.enforce_memory_limit:
      return mb.enforceMemoryLimit(prog.num(i, 0));
    case OP.cap_memory_range:
      return mb.capMemoryRange(prog.num(i, 0), prog.num(i, 1));
    case OP.mem_limit_remove_map:
      return mb.memLimitRemoveMap(prog.num(i, 0));
    case OP.dump:
      for (const line of mb.dumpAll()) out.line(line);
      return;
  }
}

/**
 * Runs parsed ops from the boot state `reset` gives (kernelcore=mirror, no
 * resizing). A panic or BUG stops the run with exit code 1.
 */
export function executeMemblockScript(prog: MemblockProgram, profile: KernelProfile): { output: string; exitCode: number } {
  const out = new LineBuffer();
  const mb = new Memblock(profile.memblock, { mirroredKernelcore: true, onMessage: (m) => out.line(messageLine(m)) });
  let exitCode = 0;
  try {
    for (let i = 0; i < prog.count; i++) execute(mb, prog, i, out);
  } catch (err) {
    if (err instanceof KernelPanic) out.line(`Kernel panic - not syncing: ${err.panicMessage}`);
    else if (err instanceof KernelBug) out.line(`kernel BUG: ${err.fn}: BUG_ON(${err.cond})`);
    else throw err;
    exitCode = 1;
  }
  return { output: out.text(), exitCode };
}

/** Parses and runs a memblock op script; script errors throw InputError (exit code 2). */
export function runMemblockScript(source: string, profile: KernelProfile, fileName: string): { output: string; exitCode: number } {
  const prog = parseMemblockScript(source, fileName);
  try {
    return executeMemblockScript(prog, profile);
  } catch (err) {
    if (err instanceof LineBufferFull) throw new InputError(`${fileName}: the script prints more than ${err.limit} bytes`, 2);
    throw err;
  }
}
