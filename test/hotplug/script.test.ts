// The hotplug script on hostile input: any text either runs or fails with one InputError naming file:line;
// and a real run through the built CLI prints one line and exits 2 on bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { InputError } from "../../src/errors.js";
import { runtimeDescriptionFromJson } from "../../src/hotplug/description.js";
import { HotplugSystem } from "../../src/hotplug/system.js";
import { runScript } from "../../src/hotplug/script.js";
import { parseGuestReport } from "../../src/hotplug/guest-report.js";
import { profiles } from "../../src/profiles/index.js";

const FIXTURE = "test/hotplug/fixtures/two-node-movable.json";
const fresh = () => new HotplugSystem(profiles["6.12"], runtimeDescriptionFromJson(JSON.parse(readFileSync(FIXTURE, "utf8")), FIXTURE));

const word = fc.constantFrom(
  "online", "offline", "add", "remove", "workload", "show", "explain", "write", "node", "dimm", "dimm0", "memory0", "memory32",
  "memory48", "memory99999999999999999999", "online_movable", "online_kernel", "1", "0", "4G", "128M", "0x180000000", "movable",
  "kernel", "pinned", "at", "id", "auto_online_blocks", "memory33/state", "memory33/online", "-1", "1e9", "\u0000", "",
);

test("random scripts either run or fail with a located InputError", () => {
  fc.assert(
    fc.property(fc.array(fc.array(word, { maxLength: 6 }).map((w) => w.join(" ")), { maxLength: 8 }), (lines) => {
      try {
        runScript(fresh(), lines.join("\n"), { file: "s" });
      } catch (err) {
        assert.ok(err instanceof InputError, String(err));
        assert.match(err.message, /^s(:\d+)?: /);
        assert.ok(!err.message.includes("\n"));
      }
    }),
    { numRuns: 300 },
  );
});

test("offline then online round-trips the state of every block that goes offline", () => {
  const sys = fresh();
  for (const mem of [...sys.blocksInOrder()]) {
    if (mem.state !== "online" || !mem.zone || mem.early === false) continue;
    const [r] = runScript(sys, `offline memory${mem.id}`, { file: "t" });
    if (!r!.ok) continue;
    assert.equal(mem.state, "offline");
    const [back] = runScript(sys, `online memory${mem.id}`, { file: "t" });
    assert.ok(back!.ok);
    assert.equal(mem.state, "online");
  }
});

test("the CLI reports bad input in one line and exits 2", () => {
  for (const args of [
    ["hotplug", "--runtime", "/nonexistent.json"],
    ["hotplug", "--runtime", "package.json"],
    ["hotplug", "--runtime", FIXTURE, "--format", "yaml"],
    ["hotplug", "--runtime", FIXTURE, "test/hotplug/fixtures/two-node-movable.json"],
    ["lsmem", "--runtime", FIXTURE, "-o", "NOPE"],
  ]) {
    const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], { encoding: "utf8" });
    assert.notEqual(r.status, 0, args.join(" "));
    assert.match(r.stderr, /^memsim: [^\n]+\n$/, `${args.join(" ")}: ${r.stderr}`);
  }
});

test("hostile descriptions fail with one InputError instead of hanging or crashing", () => {
  const base = JSON.parse(readFileSync(FIXTURE, "utf8"));
  const variants = [
    { ...base, nodes: [{ nid: 0, memory: [{ start: "0x0", end: "0xffffffffffffffff" }], zones: [] }] },
    { ...base, nodes: [] },
    { ...base, nodes: [{ nid: 5000, memory: [], zones: [] }] },
    { ...base, reserved: [{ start: "0x10", end: "0x5" }] },
    { ...base, nodes: [{ nid: 0, memory: [{ start: "0x1000", end: "0x2000" }], zones: [{ zone: "Highmem", start: "0x0", end: "0x1", present: 1 }] }] },
  ];
  for (const v of variants) {
    assert.throws(() => new HotplugSystem(profiles["6.1"], runtimeDescriptionFromJson(v, "m.json")), InputError);
  }
  // Overlapping and unaligned reservations are fine: a page is reserved if any byte of it is.
  const overlapping = { ...base, reserved: [{ start: "0x1000001", end: "0x1000fff" }, { start: "0x1000800", end: "0x1002001" }, ...base.reserved] };
  const sys = new HotplugSystem(profiles["6.1"], runtimeDescriptionFromJson(overlapping, "m.json"));
  assert.equal(sys.extents.pages(0x1000, 0x1003, "reserved"), 3);
  for (const line of ["add dimm 0x10000000000000000", "add dimm 8E at 0xf000000000000000", "add dimm 1P", "add dimm 1P at 0x10000000000", "workload movable 16E"]) {
    assert.throws(() => runScript(sys, line, { file: "s" }), InputError, line);
  }
});

test("a damaged guest report fails with an InputError naming the line", () => {
  const good = readFileSync("test/goldens/runtime/default/6.1/guest.log", "utf8");
  const lines = good.split("\n");
  fc.assert(
    fc.property(fc.integer({ min: 0, max: lines.length - 1 }), fc.integer({ min: 1, max: 40 }), (at, n) => {
      const damaged = [...lines.slice(0, at), ...lines.slice(at + n)].join("\n");
      try {
        parseGuestReport(damaged, "g.log");
      } catch (err) {
        assert.ok(err instanceof InputError, String(err));
        assert.match(err.message, /^g\.log:\d+: /);
      }
    }),
    { numRuns: 200 },
  );
});

test("offlining moves movable pages without losing any, and pinned pages keep their block online", () => {
  const sys = fresh();
  runScript(sys, "add dimm 512M node 1\nonline memory48 online_movable\nonline memory49 online_movable\nworkload movable 200M node 1\nworkload pinned 1M node 1", { file: "w" });
  const movable = () => sys.extents.all().filter((e) => e.kind === "movable").reduce((n, e) => n + e.end - e.start, 0);
  const before = movable();
  let sawPinned = false;
  let moved = false;
  for (const mem of [...sys.blocksInOrder()].filter((m) => m.nid === 1 && m.state === "online")) {
    const end = mem.startPfn + sys.blockPages;
    const pinned = sys.extents.pages(mem.startPfn, end, "pinned") > 0;
    const hadMovable = sys.extents.pages(mem.startPfn, end, "movable") > 0;
    const [r] = runScript(sys, `offline memory${mem.id}`, { file: "t" });
    assert.equal(movable(), before, `memory${mem.id}: movable pages conserved`);
    if (pinned) {
      assert.equal(r!.ok, false);
      assert.equal(r!.errno, "EINTR");
      assert.equal(r!.hangs, true);
      assert.equal(mem.state, "online");
      sawPinned = true;
    }
    if (r!.ok) {
      assert.equal(sys.extents.pages(mem.startPfn, end), 0, `memory${mem.id} left empty`);
      moved ||= hadMovable;
    }
  }
  assert.ok(sawPinned && moved, "the workload put pinned pages in one block and moved movable pages out of another");
});
