/**
 * The run-time hotplug knobs of the kernel command line: movable_node,
 * memhp_default_state= and the memory_hotplug.* module parameters. Invalid
 * values are ignored as the kernel ignores them (a failing module-parameter
 * setter leaves the default in place).
 */
import type { HotplugProfile } from "./profile.js";
import { ONLINE_TYPES, type OnlinePolicy, type OnlineType } from "./types.js";

export interface HotplugParams {
  movableNode: boolean;
  /** mhp_default_online_type: what auto_online_blocks reads and hot-added blocks get. */
  defaultOnlineType: OnlineType;
  onlinePolicy: OnlinePolicy;
  autoMovableRatio: number;
  autoMovableNumaAware: boolean;
  memmapOnMemory: "off" | "on" | "force";
}

/** mhp_online_type_from_str: sysfs_streq, so one trailing newline is tolerated. */
export function onlineTypeFromString(s: string): OnlineType | undefined {
  const v = s.endsWith("\n") ? s.slice(0, -1) : s;
  return (ONLINE_TYPES as readonly string[]).includes(v) ? (v as OnlineType) : undefined;
}

/** kstrtobool: the first character decides; "on"/"off" need the second. */
export function kstrtobool(s: string): boolean | undefined {
  const c = s[0];
  if (c === "y" || c === "Y" || c === "t" || c === "T" || c === "1") return true;
  if (c === "n" || c === "N" || c === "f" || c === "F" || c === "0") return false;
  if (c === "o" || c === "O") {
    const d = s[1];
    if (d === "n" || d === "N") return true;
    if (d === "f" || d === "F") return false;
  }
  return undefined;
}

/** Splits a command line into words the way the kernel's next_arg does for unquoted words. */
function words(cmdline: string): [string, string | undefined][] {
  return cmdline
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => {
      const eq = w.indexOf("=");
      return eq < 0 ? [w, undefined] : [w.slice(0, eq), w.slice(eq + 1)];
    });
}

export function parseHotplugParams(cmdline: string, profile: HotplugProfile): HotplugParams {
  const p: HotplugParams = {
    movableNode: false,
    defaultOnlineType: profile.defaultOnlineType,
    onlinePolicy: "contig-zones",
    autoMovableRatio: 301,
    autoMovableNumaAware: true,
    memmapOnMemory: "off",
  };
  for (const [key, value] of words(cmdline)) {
    // Module parameters accept '-' and '_' interchangeably.
    const k = key.replace(/-/g, "_");
    if (k === "movable_node") p.movableNode = true;
    else if (k === "memhp_default_state" && value !== undefined) {
      p.defaultOnlineType = onlineTypeFromString(value) ?? p.defaultOnlineType;
    } else if (k === "memory_hotplug.online_policy" && value !== undefined) {
      if (value === "contig-zones" || value === "auto-movable") p.onlinePolicy = value;
    } else if (k === "memory_hotplug.auto_movable_ratio" && value !== undefined) {
      if (/^(0x[0-9a-f]+|[0-9]+)$/i.test(value) && Number(value) <= 0xffffffff) p.autoMovableRatio = Number(value);
    } else if (k === "memory_hotplug.auto_movable_numa_aware") {
      // param_set_bool: a bare flag means true.
      const b = value === undefined ? true : kstrtobool(value);
      if (b !== undefined) p.autoMovableNumaAware = b;
    } else if (k === "memory_hotplug.memmap_on_memory") {
      if (profile.memmapOnMemoryForce && (value === "force" || value === "FORCE")) p.memmapOnMemory = "force";
      else {
        const b = value === undefined ? true : kstrtobool(value);
        if (b !== undefined) p.memmapOnMemory = b ? "on" : "off";
      }
    }
  }
  return p;
}
