/**
 * src/memblock's engine behind the pipeline's BootMemblock: memblock=debug
 * switches on at parse_early_param (so early_reserve_memory stays silent),
 * and every line memblock prints becomes a KernelEvent.
 */
import type { Emit } from "../events.js";
import { Memblock, type MemblockMessage } from "../memblock/memblock.js";
import type { MemblockProfile } from "../memblock/profile.js";
import type { BootMemblock, BootMemblockRegion, MemblockTypeName, TryNidFlavour } from "./memblock-port.js";

const KERN_INFO = 6;
const KERN_WARNING = 4;

function messageLine(m: MemblockMessage): { line: string; level: number } | undefined {
  switch (m.kind) {
    case "printk":
      return { line: m.line, level: m.level };
    case "warn_on":
      return { line: `WARNING: ${m.fn}: WARN_ON(${m.cond})`, level: KERN_WARNING };
    case "warn_once":
      return { line: `WARNING: ${m.fn}: ${m.text}`, level: KERN_WARNING };
    case "dump_stack":
    case "resize_refused":
      return undefined;
  }
}

export function bootMemblock(profile: MemblockProfile, emit: Emit, mirroredKernelcore: boolean): BootMemblock {
  let debug = false;
  const mb = new Memblock(profile, {
    onDebug: (line) => {
      if (debug) emit({ phase: "memblock", kind: "memblock.debug", level: KERN_INFO, line });
    },
    onMessage: (m) => {
      const out = messageLine(m);
      if (out) emit({ phase: "memblock", kind: `memblock.${m.kind}`, level: out.level, line: out.line });
    },
    mirroredKernelcore,
  });
  const type = (t: MemblockTypeName) => (t === "memory" ? mb.memory : mb.reserved);
  const flavours: Record<TryNidFlavour, typeof mb.allocTryNid> = {
    memblock_alloc_try_nid: mb.allocTryNid.bind(mb),
    memblock_alloc_try_nid_raw: mb.allocTryNidRaw.bind(mb),
    memblock_alloc_exact_nid_raw: mb.allocExactNidRaw.bind(mb),
  };
  return {
    regions: (t): readonly BootMemblockRegion[] => type(t).regions,
    totalSize: (t) => type(t).totalSize,
    setDebug: (on) => {
      debug = on;
    },
    setMovableNode: (on) => {
      mb.movableNode = on;
    },
    setBottomUp: (on) => mb.setBottomUp(on),
    bottomUp: () => mb.bottomUp,
    setCurrentLimit: (limit) => mb.setCurrentLimit(limit),
    allowResize: () => mb.allowResize(),
    add: (base, size, caller) => void mb.add(base, size, caller),
    reserve: (base, size, caller) => void mb.reserve(base, size, caller),
    physFree: (base, size, caller) => void mb.physFree(base, size, caller),
    freeLate: (base, size, caller) => mb.freeLate(base, size, caller),
    regionArray: (t) => ({ addr: type(t).arrayAddr, max: type(t).max }),
    setNode: (base, size, t, nid) => void mb.setNode(base, size, nid, t),
    markHotplug: (base, size) => mb.markHotplug(base, size),
    clearHotplug: (base, size) => void mb.clearHotplug(base, size),
    trimMemory: (align) => mb.trimMemory(align),
    physAllocRange: (size, align, start, end, caller) => mb.physAllocRange(size, align, start, end, caller),
    physAllocTryNid: (size, align, nid) => mb.physAllocTryNid(size, align, nid),
    allocTryNid: (flavour, size, align, min, max, nid, caller) => flavours[flavour](size, align, min, max, nid, caller),
    dumpAll: () => {
      if (!debug) return;
      for (const line of mb.dumpAll()) emit({ phase: "memblock", kind: "memblock.dump", level: KERN_INFO, line });
    },
  };
}
