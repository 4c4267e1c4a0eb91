import { test } from "node:test";
import assert from "node:assert/strict";
import { renderDmesg } from "../../src/render/dmesg.js";
import { renderJson } from "../../src/render/json.js";
import { renderMap } from "../../src/render/map.js";
import { twoNodeBoot } from "./fixture.js";

const r = twoNodeBoot({ cmdline: "console=ttyS0 movable_node" });

test("the map is plain text without colour and one bar per node of the requested width", () => {
  const text = renderMap(r, { width: 40, color: false });
  assert.ok(!text.includes("\x1b"));
  const bars = text.split("\n").filter((l) => l.startsWith("  zones     "));
  assert.equal(bars.length, 2);
  for (const b of bars) assert.equal(b.length - "  zones     ".length, 40);
  // node 0 starts with its small DMA zone, node 1 is all Movable and all hotpluggable
  assert.match(bars[0] ?? "", /^ {2}zones {5}D3+$/);
  assert.match(bars[1] ?? "", /^ {2}zones {5}M{40}$/);
  assert.match(text, /^ {2}hotplug {3}\^{40}$/m);
  assert.match(text, /^Node 1: hot-removable$/m);
});

test("colour only adds escapes around the same letters", () => {
  const plain = renderMap(r, { width: 40, color: false });
  const coloured = renderMap(r, { width: 40, color: true });
  assert.ok(coloured.includes("\x1b["));
  // eslint-disable-next-line no-control-regex -- stripping the SGR sequences picocolors adds
  assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ""), plain);
});

test("the JSON result parses back with nodes, zones, movable starts and verdicts", () => {
  const j = JSON.parse(renderJson(r));
  assert.equal(j.kernel, "6.1");
  assert.deepEqual(
    j.nodes.map((n: { nid: number }) => n.nid),
    [0, 1],
  );
  assert.deepEqual(j.movable.starts, [{ nid: 1, start: "0x100000000" }]);
  const movable = j.nodes[1].zones.find((z: { zone: string }) => z.zone === "Movable");
  assert.equal(movable.presentPages, 524288);
  assert.equal(j.verdicts[1].removable, true);
  assert.equal(j.events.length, r.events.length);
});

test("dmesg prints every line in order, and keeps lines above the console level out", () => {
  const all = renderDmesg(r.events);
  assert.equal(all.split("\n").length - 1, r.events.length);
  assert.ok(all.startsWith("Command line: console=ttyS0 movable_node\n"));
  const quiet = renderDmesg(r.events, 4);
  assert.ok(!quiet.includes("Zone ranges:"));
});
