// The memory block view right after boot, for every recorded boot golden (test/goldens/boot/<scenario>/<kernel>/,
// whose guests dumped /sys/devices/system/memory into dump.txt): memsim boots the guest's log, builds the
// run-time model from its own boot and must give the kernel's block size, auto_online_blocks and, per block,
// phys_index, state, online, removable, valid_zones and node links. A golden whose boot memsim predicts
// differently in the sections the block view rests on (SRAT, NUMA, zones) is skipped with that reason:
// the block view cannot be right on a wrong boot, and the boot tests already report it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareWithLog } from "../../src/boot/compare.js";
import { goldenSlit, goldenSrat } from "../../src/cli/boot-run.js";
import { cpuNodesFromLog, runtimeDescriptionFromBoot } from "../../src/hotplug/from-boot.js";
import { sysfsView } from "../../src/hotplug/sysfs.js";
import { HotplugSystem } from "../../src/hotplug/system.js";
import { profiles, type KernelVersion } from "../../src/profiles/index.js";

const ROOT = "test/goldens/boot";
const BLOCK_VIEW_RESTS_ON = ["srat", "numa", "zones", "blocksize"];

/** The kernel's view from dump.txt, one line per file, in memsim's order. */
function recordedView(dump: string): string[] {
  const section = /@@@ begin memory-blocks\n([\s\S]*?)@@@ end memory-blocks/.exec(dump)?.[1] ?? "";
  const out: string[] = [];
  for (const l of section.split("\n")) {
    let m: RegExpExecArray | null;
    if ((m = /^(block_size_bytes|auto_online_blocks) (\S+)$/.exec(l))) out.push(`${m[1]} ${m[2]}`);
    else if ((m = /^memory(\d+) phys_index=(\S+) state=(\S+) online=(\S+) removable=(\S+) valid_zones=(\S+) node=(.*)$/.exec(l))) {
      const nodes = m[7]!.trim().split(/\s+/).map((n) => n.replace("node", ""));
      out.push(`memory${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]} ${m[6]!.replace(/,/g, " ")} ${nodes.join(",")}`);
    }
  }
  return out;
}

function predictedView(sys: HotplugSystem): string[] {
  const v = sysfsView(sys);
  const f = (s: string | undefined) => (s ?? "").trimEnd();
  return [
    `block_size_bytes ${f(v.files.block_size_bytes)}`,
    `auto_online_blocks ${f(v.files.auto_online_blocks)}`,
    ...v.blocks.map((b) => {
      const x = b.files;
      return `memory${b.id} ${f(x.phys_index)} ${f(x.state)} ${f(x.online)} ${f(x.removable)} ${f(x.valid_zones)} ${b.nodes.join(",")}`;
    }),
  ];
}

const cases = existsSync(ROOT)
  ? readdirSync(ROOT).flatMap((s) => ["6.1", "6.12"].map((k) => join(ROOT, s, k))).filter((d) => existsSync(join(d, "dump.txt")) && existsSync(join(d, "serial.log")))
  : [];

for (const dir of cases) {
  const kernel = dir.split("/").pop() as KernelVersion;
  test(`boot block view ${dir}`, async (t) => {
    const recorded = recordedView(readFileSync(join(dir, "dump.txt"), "utf8"));
    if (recorded.length === 0) return t.skip("the guest dumped no memory blocks");
    const log = join(dir, "serial.log");
    const text = readFileSync(log, "utf8");
    // the recorded SRAT/SLIT, as the boot golden test uses them: a 6.12 log lacks its processor entries
    const { machine, result, diffs } = compareWithLog(text, log, goldenSrat(dir), goldenSlit(dir));
    const wrong = diffs.filter((d) => BLOCK_VIEW_RESTS_ON.includes(d.section) && !d.match);
    if (wrong.length) return t.skip(`memsim's boot differs in ${wrong.map((d) => d.section).join(", ")}`);
    const sys = new HotplugSystem(profiles[kernel], runtimeDescriptionFromBoot(result, machine, cpuNodesFromLog(text)));
    assert.deepEqual(predictedView(sys), recorded);
  });
}

test("the boot goldens with a memory block dump are found", () => {
  assert.ok(cases.length >= 100, `${cases.length} boot goldens with a block dump`);
});
