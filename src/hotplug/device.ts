/**
 * Writes to a memory block's sysfs files (drivers/base/memory.c state_store,
 * drivers/base/core.c online_store → device_online/device_offline).
 */
import type { ErrnoName } from "./errno.js";
import { memoryBlockOffline, type OfflineFailure } from "./offline.js";
import { memoryBlockOnline } from "./online.js";
import { kstrtobool, onlineTypeFromString } from "./params.js";
import type { HotplugSystem, MemoryBlock } from "./system.js";
import type { OnlineType } from "./types.js";

export interface WriteOutcome {
  /** The write succeeded (it may still have done nothing). */
  ok: boolean;
  errno?: ErrnoName;
  failure?: OfflineFailure;
  /** What happened, in words. */
  note: string;
}

/** device_online: 1 (→ "already online") when the device is online. */
function deviceOnline(sys: HotplugSystem, mem: MemoryBlock, type: OnlineType): WriteOutcome | 1 {
  if (mem.state === "online") return 1;
  memoryBlockOnline(sys, mem, type === "offline" ? "online" : type);
  return { ok: true, note: `memory${mem.id} online in zone ${mem.zone!.name}` };
}

function deviceOffline(sys: HotplugSystem, mem: MemoryBlock): WriteOutcome | 1 {
  if (mem.state === "offline") return 1;
  const failure = memoryBlockOffline(sys, mem);
  if (failure) {
    const culprit = failure.culprit ? `: ${failure.culprit.kind} pages of ${failure.culprit.what}` : "";
    const hang = failure.hangs ? " (the write blocks, retrying, until a signal interrupts it)" : "";
    return { ok: false, errno: failure.errno, failure, note: `memory${mem.id} stays online: ${failure.reason}${culprit}${hang}` };
  }
  return { ok: true, note: `memory${mem.id} offline` };
}

/** `echo VALUE > memoryN/state`: writing the current state is refused with EINVAL. */
export function writeState(sys: HotplugSystem, mem: MemoryBlock, value: string): WriteOutcome {
  const type = onlineTypeFromString(value);
  if (type === undefined) return { ok: false, errno: "EINVAL", note: `'${value}' is not an online type` };
  const r = type === "offline" ? deviceOffline(sys, mem) : deviceOnline(sys, mem, type);
  if (r === 1) return { ok: false, errno: "EINVAL", note: `memory${mem.id} is already ${mem.state}` };
  return r;
}

/** `echo 0|1 > memoryN/online`: the default zone (MMOP_ONLINE); writing the current state succeeds. */
export function writeOnline(sys: HotplugSystem, mem: MemoryBlock, value: string): WriteOutcome {
  const b = kstrtobool(value);
  if (b === undefined) return { ok: false, errno: "EINVAL", note: `'${value}' is not a boolean` };
  const r = b ? deviceOnline(sys, mem, "online") : deviceOffline(sys, mem);
  if (r === 1) return { ok: true, note: `memory${mem.id} is already ${mem.state}` };
  return r;
}

export { deviceOffline, deviceOnline };
