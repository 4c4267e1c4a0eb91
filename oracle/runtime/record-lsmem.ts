// `node --import tsx oracle/runtime/record-lsmem.ts`
//
// Records util-linux lsmem goldens: every sysfs view a real guest showed in the run-time goldens
// (test/goldens/runtime/<scenario>/<kernel>/guest.log) is laid out as a /sys/devices/system/memory tree
// and the host's real lsmem reads it with --sysroot under each option set below. Stored in
// test/goldens/runtime/lsmem/<scenario>-<kernel>.json: the tree, lsmem's version, and per option set the
// exact command, stdout, stderr and exit status.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseGuestReport } from "../../src/hotplug/guest-report.js";
import { writeTree } from "./sysroot.js";

const ROOT = "test/goldens/runtime";
const OUT = join(ROOT, "lsmem");
const WORK = "oracle/work/runtime/lsmem-sysroot";

export const LSMEM_OPTION_SETS: string[][] = [
  [],
  ["-a"],
  ["-b"],
  ["-n"],
  ["-r"],
  ["-J"],
  ["-P"],
  ["-o", "+NODE,ZONES"],
  ["--output-all"],
  ["--output-all", "-b", "-a"],
  ["-S", "none"],
  ["-S", "ZONES", "-o", "RANGE,STATE"],
  ["--split", "NODE,STATE", "-o", "RANGE,SIZE,NODE"],
  ["--summary"],
  ["--summary=never"],
  ["--summary=always", "-b"],
  ["-J", "-b", "-o", "SIZE,NODE,REMOVABLE,ZONES"],
  ["-P", "-a", "-o", "zones,node,state"],
  ["-r", "-n", "-o", "BLOCK,ZONES,REMOVABLE"],
  ["-J", "-a", "-n", "-o", "BLOCK"],
  ["-o", "FOO,SIZE"],
  ["-a", "-S", "none"],
  ["-J", "--summary=only"],
  ["--summary=sometimes"],
];

const version = spawnSync("lsmem", ["--version"], { encoding: "utf8" }).stdout.trim();
mkdirSync(OUT, { recursive: true });
for (const scenario of readdirSync(ROOT)) {
  for (const kernel of ["6.1", "6.12"]) {
    const log = join(ROOT, scenario, kernel, "guest.log");
    if (!existsSync(log)) continue;
    const report = parseGuestReport(readFileSync(log, "utf8"), log);
    // The last view the guest showed: after hot-add, onlining and removal attempts.
    const show = [...report.steps].reverse().find((s) => s.show)?.show ?? report.boot;
    writeTree(WORK, show);
    const cases = LSMEM_OPTION_SETS.map((args) => {
      const r = spawnSync("lsmem", ["--sysroot", WORK, ...args], { encoding: "utf8", env: { ...process.env, LC_ALL: "C", COLUMNS: "200" } });
      return { command: ["lsmem", "--sysroot", "SYSROOT", ...args].join(" "), args, stdout: r.stdout, stderr: r.stderr, status: r.status };
    });
    const file = join(OUT, `${scenario}-${kernel}.json`);
    writeFileSync(
      file,
      JSON.stringify({ recorder: "node --import tsx oracle/runtime/record-lsmem.ts", lsmem: version, source: log, show, cases }, null, 2) + "\n",
    );
    console.log(file);
  }
}
