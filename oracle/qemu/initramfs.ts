// Builds the oracle's initramfs (busybox-static + init.sh) and the uncompressed "early cpio" that carries
// an ACPI table for the kernel's initrd table override (kernel/firmware/acpi/<table>.aml).

import { execFileSync } from "node:child_process";
import { copyFileSync, chmodSync, mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** newc archive of the directory tree `root` (owner root, fixed mtimes), optionally gzip-compressed. */
function cpioOf(root: string, gzip: boolean): Buffer {
  const list = execFileSync("find", [".", "-mindepth", "1"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((l) => l !== "")
    .sort()
    .join("\n");
  execFileSync("find", [".", "-exec", "touch", "-h", "-d", "@0", "{}", "+"], { cwd: root });
  const cpio = execFileSync("cpio", ["-o", "-H", "newc", "-R", "0:0", "--reproducible", "--quiet"], {
    cwd: root,
    input: list + "\n",
    maxBuffer: 1 << 30,
  });
  return gzip ? execFileSync("gzip", ["-n", "-9"], { input: cpio, maxBuffer: 1 << 30 }) : cpio;
}

/** Builds `${workDir}/initramfs.cpio.gz` from the given busybox binary; returns its path. */
export function buildInitramfs(workDir: string, busybox: string): string {
  const root = join(workDir, "initramfs-root");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "bin"), { recursive: true });
  for (const d of ["proc", "sys", "dev"]) mkdirSync(join(root, d));
  copyFileSync(busybox, join(root, "bin", "busybox"));
  chmodSync(join(root, "bin", "busybox"), 0o755);
  copyFileSync(join(here, "init.sh"), join(root, "init"));
  chmodSync(join(root, "init"), 0o755);
  const out = join(workDir, "initramfs.cpio.gz");
  writeFileSync(out, cpioOf(root, true));
  return out;
}

/**
 * Writes `out` = uncompressed cpio with kernel/firmware/acpi/<name> followed by the main initramfs.
 * The kernel only looks for table overrides in an uncompressed archive at the start of the initrd.
 */
export function buildOverrideInitrd(workDir: string, tableFile: string, name: string, initramfs: string, out: string): void {
  const root = join(workDir, "override-root");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "kernel", "firmware", "acpi"), { recursive: true });
  copyFileSync(tableFile, join(root, "kernel", "firmware", "acpi", name));
  writeFileSync(out, Buffer.concat([cpioOf(root, false), readFileSync(initramfs)]));
}
