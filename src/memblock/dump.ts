/** memblock_dump_all(): the "MEMBLOCK configuration:" block memblock=debug prints. */
import { vsprintf } from "../printk/vsprintf.js";
import type { MemblockProfile } from "./profile.js";
import type { MemblockType } from "./region.js";

function dumpType(profile: MemblockProfile, type: MemblockType, out: string[]): void {
  out.push(vsprintf(" %s.cnt  = 0x%lx", [type.name, type.cnt]));
  type.regions.forEach((r, idx) => {
    const nidBuf = profile.dumpShowsNode(r.nid) ? vsprintf(" on node %d", [r.nid]) : "";
    const end = (r.base + r.size - 1n) & 0xffffffffffffffffn;
    out.push(vsprintf(" %s[%#x]\t[%pa-%pa], %pa bytes%s flags: %#x", [type.name, idx, r.base, end, r.size, nidBuf, r.flags]));
  });
}

/** The lines of __memblock_dump_all(), without log level or newline. */
export function dumpLines(profile: MemblockProfile, memory: MemblockType, reserved: MemblockType): string[] {
  const out = ["MEMBLOCK configuration:", vsprintf(" memory size = %pa reserved size = %pa", [memory.totalSize, reserved.totalSize])];
  dumpType(profile, memory, out);
  dumpType(profile, reserved, out);
  return out;
}
