// A guest's sysfs memory view laid out as the /sys/devices/system/memory tree lsmem reads (--sysroot).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GuestShow } from "../../src/hotplug/guest-report.js";

/** Lays out a guest's sysfs view under `root` as lsmem reads it. */
export function writeTree(root: string, show: GuestShow): void {
  rmSync(root, { recursive: true, force: true });
  const dir = join(root, "sys/devices/system/memory");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "block_size_bytes"), `${show.blockSize}\n`);
  writeFileSync(join(dir, "auto_online_blocks"), `${show.autoOnline}\n`);
  for (const b of show.blocks) {
    const bdir = join(dir, `memory${b.id}`);
    mkdirSync(bdir);
    // lsmem reads the first nodeN entry readdir returns, and readdir's order is the filesystem's: a block
    // linked to several nodes keeps only its lowest link, so that the recorded output does not depend on
    // the recording machine's filesystem.
    if (b.nodes.length) mkdirSync(join(bdir, `node${Math.min(...b.nodes)}`));
    writeFileSync(join(bdir, "state"), `${b.state}\n`);
    writeFileSync(join(bdir, "online"), `${b.online}\n`);
    writeFileSync(join(bdir, "phys_index"), `${b.physIndex}\n`);
    writeFileSync(join(bdir, "valid_zones"), `${b.validZones}\n`);
    writeFileSync(join(bdir, "removable"), `${b.removable ?? "1"}\n`);
  }
}

