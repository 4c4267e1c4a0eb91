/** memblock_dump_all(): the "MEMBLOCK configuration:" block memblock=debug prints. */
import { formatPa } from "../printk/vsprintf.js";
import type { MemblockProfile } from "./profile.js";
import type { MemblockType, Region } from "./region.js";

// The kernel's formats, written out with the fast hex path (hot in benches):
//   " %s.cnt  = 0x%lx"
//   " %s[%#x]\t[%pa-%pa], %pa bytes%s flags: %#x" with %s = " on node %d" or ""
function dumpType(profile: MemblockProfile, type: MemblockType, out: string[]): void {
  out.push(` ${type.name}.cnt  = 0x${type.cnt.toString(16)}`);
  for (let idx = 0; idx < type.regions.length; idx++) {
    const r = type.regions[idx] as Region;
    const nidBuf = profile.dumpShowsNode(r.nid) ? ` on node ${r.nid}` : "";
    out.push(
      ` ${type.name}[0x${idx.toString(16)}]\t[${formatPa(r.base)}-${formatPa(r.end - 1n)}], ${formatPa(r.size)} bytes${nidBuf} flags: 0x${r.flags.toString(16)}`,
    );
  }
}

/** The lines of __memblock_dump_all(), without log level or newline. */
export function dumpLines(profile: MemblockProfile, memory: MemblockType, reserved: MemblockType): string[] {
  const out = ["MEMBLOCK configuration:", ` memory size = ${formatPa(memory.totalSize)} reserved size = ${formatPa(reserved.totalSize)}`];
  dumpType(profile, memory, out);
  dumpType(profile, reserved, out);
  return out;
}
