/**
 * /sys/devices/system/memory as the kernel shows it (drivers/base/memory.c):
 * file contents byte for byte, and the nodeN links lsmem reads.
 */
import type { HotplugSystem, MemoryBlock } from "./system.js";
import { zoneForPfnRange } from "./zone-select.js";

/** valid_zones_show. */
export function validZones(sys: HotplugSystem, mem: MemoryBlock): string {
  if (mem.state === "online") return `${mem.zone ? mem.zone.name : "none"}\n`;
  const node = sys.nodes.get(mem.nid)!;
  const at = (t: "online" | "online_kernel" | "online_movable") =>
    zoneForPfnRange(sys, t, node, mem.group, mem.startPfn, sys.blockPages);
  const dflt = at("online");
  let s = dflt.name;
  for (const t of ["online_kernel", "online_movable"] as const) {
    const z = at(t);
    if (z !== dflt) s += ` ${z.name}`;
  }
  return `${s}\n`;
}

export interface SysfsBlockView {
  id: number;
  /** The nodes memoryN links to, lowest first. */
  nodes: number[];
  files: Record<string, string>;
}

export interface SysfsView {
  /** Files directly in /sys/devices/system/memory. */
  files: Record<string, string>;
  blocks: SysfsBlockView[];
}

function blockFiles(sys: HotplugSystem, mem: MemoryBlock): Record<string, string> {
  return {
    phys_index: `${mem.id.toString(16).padStart(8, "0")}\n`,
    state: `${mem.state}\n`,
    online: `${mem.state === "offline" ? 0 : 1}\n`,
    valid_zones: validZones(sys, mem),
    removable: "1\n",
    phys_device: "0\n",
  };
}

export function sysfsView(sys: HotplugSystem): SysfsView {
  const files: Record<string, string> = {
    block_size_bytes: `${sys.blockSize.toString(16)}\n`,
    auto_online_blocks: `${sys.autoOnline}\n`,
  };
  if (sys.profile.crashHotplugFile) files.crash_hotplug = "0\n";
  const blocks = [...sys.blocksInOrder()].map((mem) => ({ id: mem.id, nodes: [...mem.nodeLinks].sort((a, b) => a - b), files: blockFiles(sys, mem) }));
  return { files, blocks };
}
