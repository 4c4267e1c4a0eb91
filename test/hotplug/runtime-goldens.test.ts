// The run-time goldens (test/goldens/runtime/<scenario>/<kernel>/, recorded by oracle/runtime/record.ts):
// memsim starts from the recorded guest's boot state, runs the same script, and must agree with the real
// kernel on every block's sysfs files at every `show`, and on the outcome of every write, add and removal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { guestDescription, parseGuestReport, type GuestReport, type GuestShow } from "../../src/hotplug/guest-report.js";
import { cpuNodesFromLog, runtimeDescriptionFromBoot } from "../../src/hotplug/from-boot.js";
import { boot } from "../../src/boot/boot.js";
import { loadMachine } from "../../src/cli/inputs.js";
import { HotplugSystem } from "../../src/hotplug/system.js";
import { runScript } from "../../src/hotplug/script.js";
import { sysfsView } from "../../src/hotplug/sysfs.js";
import { ERRNO } from "../../src/hotplug/errno.js";
import { profiles, type KernelVersion } from "../../src/profiles/index.js";

const ROOT = "test/goldens/runtime";

function compareShow(sys: HotplugSystem, show: GuestShow, at: string, diffs: string[]): void {
  const view = sysfsView(sys);
  const want = (s: string) => `${s}\n`;
  if (view.files.block_size_bytes !== want(show.blockSize)) diffs.push(`${at}: block_size_bytes ${view.files.block_size_bytes!.trim()} != ${show.blockSize}`);
  if (view.files.auto_online_blocks !== want(show.autoOnline)) diffs.push(`${at}: auto_online_blocks ${view.files.auto_online_blocks!.trim()} != ${show.autoOnline}`);
  const mine = new Map(view.blocks.map((b) => [b.id, b]));
  for (const g of show.blocks) {
    const b = mine.get(g.id);
    if (!b) {
      diffs.push(`${at}: memory${g.id} missing`);
      continue;
    }
    mine.delete(g.id);
    const f = b.files;
    const pairs: [string, string | undefined, string][] = [
      ["state", f.state, g.state],
      ["online", f.online, g.online],
      ["phys_index", f.phys_index, g.physIndex],
      ["valid_zones", f.valid_zones, g.validZones],
      ...(g.removable !== undefined ? ([["removable", f.removable, g.removable]] as [string, string | undefined, string][]) : []),
      ...(g.physDevice !== undefined ? ([["phys_device", f.phys_device, g.physDevice]] as [string, string | undefined, string][]) : []),
    ];
    for (const [name, got, exp] of pairs) if (got !== want(exp)) diffs.push(`${at}: memory${g.id}/${name} '${got?.trim()}' != '${exp}'`);
    if (g.nodes.join(",") !== b.nodes.join(",")) diffs.push(`${at}: memory${g.id} nodes ${b.nodes.join(",")} != ${g.nodes.join(",")}`);
  }
  for (const id of mine.keys()) diffs.push(`${at}: memory${id} should not exist`);
  // /proc/zoneinfo: every populated or spanning zone's span and present pages.
  for (const z of show.zones) {
    const zone = sys.nodes.get(z.nid)?.zones.find((x) => x.name === z.zone);
    const got = zone ? { spanned: zone.end - zone.start, present: zone.present, start: zone.start } : undefined;
    if (!got || got.spanned !== z.spanned || got.present !== z.present || (z.spanned > 0 && got.start !== z.startPfn)) {
      diffs.push(`${at}: node ${z.nid} ${z.zone} ${JSON.stringify(got)} != start ${z.startPfn} spanned ${z.spanned} present ${z.present}`);
    }
  }
}

function outcome(ok: boolean, errno?: keyof typeof ERRNO): string {
  return ok ? "ok" : errno ? `fail ${ERRNO[errno].text}` : "fail";
}

const cases = existsSync(ROOT)
  ? readdirSync(ROOT).flatMap((s) => (existsSync(join(ROOT, s, "6.1")) || existsSync(join(ROOT, s, "6.12")) ? readdirSync(join(ROOT, s)).map((k) => join(ROOT, s, k)) : []))
  : [];

test("there are run-time goldens for both kernels", () => {
  assert.ok(cases.filter((c) => c.endsWith("6.1")).length >= 10, "at least 10 scenarios on 6.1");
  assert.ok(cases.filter((c) => c.endsWith("6.12")).length >= 10, "at least 10 scenarios on 6.12");
});

/**
 * The kernel lines hotplug prints at run time. Not compared: the Total pages figure, and the ratelimited
 * "migrating pfn … failed" / "migration failure" reports of pages that were busy for a moment (the
 * kernel retries them until they move; how often they are busy is not modelled).
 */
const RUNTIME_LINE = /^(Fallback order for Node \d+:|Built \d+ zonelists|Policy zone:|page dumped because: unmovable page|memory memory\d+: Offline failed\.)/;
const mask = (l: string) => l.replace(/Total pages: \d+$/, "Total pages: N");

/** The guest kernel's run-time lines: those after init started, timestamps dropped. */
function consoleRuntimeLines(consoleLog: string): string[] {
  const lines = consoleLog.split("\n").map((l) => l.replace(/^\[[ 0-9.]+\] /, ""));
  return lines.slice(lines.findIndex((l) => l.startsWith("Run /init as init process"))).filter((l) => RUNTIME_LINE.test(l)).map(mask);
}

/** Runs the guest's script on `sys` step by step and lists every disagreement with the guest. */
function replay(sys: HotplugSystem, report: GuestReport, consoleLog: string): string[] {
  const diffs: string[] = [];
  const firstEvent = sys.events.length;
  compareShow(sys, report.boot, "boot", diffs);
  for (const [n, step] of report.steps.entries()) {
    const at = `step ${n + 1} '${step.command}'`;
    const [r] = runScript(sys, step.command, { file: at });
    assert.ok(r);
    if (step.command.startsWith("offline node")) {
      const got = (r.blocks ?? []).map((b) => `${b.block} ${outcome(b.ok, b.errno)}`);
      const exp = step.results.map((x) => `${x.block} ${x.result}`);
      if (got.join("\n") !== exp.join("\n")) diffs.push(`${at}: ${JSON.stringify(got)} != ${JSON.stringify(exp)}`);
    } else if (step.command.startsWith("remove") || step.command.startsWith("add")) {
      const exp = step.results[0]?.result;
      const got = r.ok ? "ok" : "fail";
      if ((exp === "ok") !== r.ok) diffs.push(`${at}: ${got} != ${exp}`);
    } else if (!step.command.startsWith("show")) {
      const got = outcome(r.ok, r.errno);
      if (got !== step.results[0]?.result) diffs.push(`${at}: ${got} != ${step.results[0]?.result}`);
    }
    if (step.show) compareShow(sys, step.show, at, diffs);
  }
  const printed = sys.events.slice(firstEvent).map((e) => e.line).filter((l) => RUNTIME_LINE.test(l)).map(mask);
  const real = consoleRuntimeLines(consoleLog);
  if (printed.join("\n") !== real.join("\n")) diffs.push(`kernel lines:\n${printed.join("\n")}\n!=\n${real.join("\n")}`);
  return diffs;
}

for (const dir of cases) {
  const kernel = dir.split("/").pop() as KernelVersion;
  const log = join(dir, "guest.log");
  const consoleLog = join(dir, "console.log");
  // The guest's sysfs and /proc/zoneinfo cannot tell which pages boot reserved: those come from memsim's boot.
  test(`runtime golden ${dir}: from the guest's recorded zones (reservations from memsim's boot)`, async () => {
    const report = parseGuestReport(readFileSync(log, "utf8"), log);
    assert.ok(report.steps.length > 0, "the guest ran its script");
    const text = readFileSync(consoleLog, "utf8");
    const machine = await loadMachine({ dmesg: consoleLog });
    const booted = runtimeDescriptionFromBoot(boot(machine, profiles[kernel]), machine, cpuNodesFromLog(text));
    const sys = new HotplugSystem(profiles[kernel], { ...guestDescription(report, text), reserved: booted.reserved });
    assert.deepEqual(replay(sys, report, text), []);
  });
  test(`runtime golden ${dir}: from memsim's own boot of the guest's log`, async () => {
    const report = parseGuestReport(readFileSync(log, "utf8"), log);
    const machine = await loadMachine({ dmesg: consoleLog });
    const text = readFileSync(consoleLog, "utf8");
    const sys = new HotplugSystem(profiles[kernel], runtimeDescriptionFromBoot(boot(machine, profiles[kernel]), machine, cpuNodesFromLog(text)));
    assert.deepEqual(replay(sys, report, text), []);
  });
}
