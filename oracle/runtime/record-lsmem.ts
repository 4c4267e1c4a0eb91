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
import { parseGuestReport, type GuestShow } from "../../src/hotplug/guest-report.js";
import { HotplugSystem } from "../../src/hotplug/system.js";
import { runScript } from "../../src/hotplug/script.js";
import { sysfsView } from "../../src/hotplug/sysfs.js";
import { profiles } from "../../src/profiles/index.js";
import { writeTree } from "./sysroot.js";

const ROOT = "test/goldens/runtime";
const OUT = join(ROOT, "lsmem");
const WORK = "oracle/build/runtime/lsmem-sysroot";

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

/** Runs the real lsmem on `show` under every option set and stores the golden as `name`. */
function record(name: string, source: string, show: GuestShow): void {
  writeTree(WORK, show);
  const cases = LSMEM_OPTION_SETS.map((args) => {
    const r = spawnSync("lsmem", ["--sysroot", WORK, ...args], { encoding: "utf8", env: { ...process.env, LC_ALL: "C", COLUMNS: "200" } });
    return { command: ["lsmem", "--sysroot", "SYSROOT", ...args].join(" "), args, stdout: r.stdout, stderr: r.stderr, status: r.status };
  });
  const file = join(OUT, `${name}.json`);
  writeFileSync(file, JSON.stringify({ recorder: "node --import tsx oracle/runtime/record-lsmem.ts", lsmem: version, source, show, cases }, null, 2) + "\n");
  console.log(file);
}

/** memsim's own sysfs view of a simulated machine, in the guest report's shape. */
function simulatedShow(sys: HotplugSystem): GuestShow {
  const view = sysfsView(sys);
  const f = (s: string | undefined) => (s ?? "").trimEnd();
  return {
    blockSize: f(view.files.block_size_bytes),
    autoOnline: f(view.files.auto_online_blocks),
    zones: [],
    blocks: view.blocks.map((b) => ({
      id: b.id,
      state: f(b.files.state),
      online: f(b.files.online),
      physIndex: f(b.files.phys_index),
      removable: f(b.files.removable),
      validZones: f(b.files.valid_zones),
      nodes: b.nodes,
    })),
  };
}

mkdirSync(OUT, { recursive: true });
for (const scenario of readdirSync(ROOT)) {
  for (const kernel of ["6.1", "6.12"]) {
    const log = join(ROOT, scenario, kernel, "guest.log");
    if (!existsSync(log)) continue;
    const report = parseGuestReport(readFileSync(log, "utf8"), log);
    // The last view the guest showed: after hot-add, onlining and removal attempts.
    record(`${scenario}-${kernel}`, log, [...report.steps].reverse().find((s) => s.show)?.show ?? report.boot);
  }
}

// Simulated machines bigger than any guest (2 GiB blocks, many nodes, sizes in T and fractions): the tree
// is memsim's, the output is the real lsmem's, so these check memsim's lsmem rendering at sizes guests
// cannot reach. The machine: NODES nodes of 96 GiB on bare metal, part of each node offlined.
const SIM_NODES = 24;
const GiB = 1n << 30n;
const nodes = Array.from({ length: SIM_NODES }, (_, nid) => {
  const start = BigInt(nid) * 96n * GiB + (nid === 0 ? 1n << 20n : 0n);
  const end = BigInt(nid + 1) * 96n * GiB;
  return { nid, cpus: nid % 2 === 0, memory: [{ start, end }], zones: [{ zone: "Normal" as const, start, end, present: Number((end - start) >> 12n) }] };
});
const sys = new HotplugSystem(profiles["6.12"], { cmdline: "", hypervisor: false, nodes, reserved: [], hotplugWindows: [] });
const offline = Array.from({ length: SIM_NODES }, (_, nid) => `offline memory${nid * 48 + 40}\noffline memory${nid * 48 + 41}`).join("\n");
runScript(sys, `${offline}\noffline node 7\noffline node 8`, { file: "simulated" });
record("simulated-24x96g-6.12", "memsim: 24 nodes of 96 GiB, blocks offlined", simulatedShow(sys));
