import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeVerdicts } from "../../src/render/verdict.js";
import { twoNodeBoot } from "./fixture.js";

const verdict = (v: ReturnType<typeof nodeVerdicts>, nid: number) => {
  const found = v.find((x) => x.nid === nid);
  assert.ok(found, `a verdict for node ${nid}`);
  return found;
};

test("movable_node: the hotpluggable node is removable, its NODE_DATA lives on node 0", () => {
  for (const kernel of ["6.1", "6.12"] as const) {
    const v = nodeVerdicts(twoNodeBoot({ cmdline: "console=ttyS0 movable_node", kernel }));
    const n1 = verdict(v, 1);
    assert.equal(n1.removable, true, n1.reasons.join("; "));
    assert.ok(n1.reasons.includes("NODE_DATA(1) was placed on node 0"));
    const n0 = verdict(v, 0);
    assert.equal(n0.removable, false);
    assert.match(n0.summary, /does not mark node 0's boot memory hotpluggable/);
    assert.ok(n0.reasons.includes("node 0 holds NODE_DATA(1)"));
  }
});

test("the kernel's node loses its hotplug flag", () => {
  const v = nodeVerdicts(twoNodeBoot({ cmdline: "console=ttyS0 movable_node", hotplug0: true }));
  const n0 = verdict(v, 0);
  assert.equal(n0.removable, false);
  assert.ok(n0.reasons.includes("node 0 holds the kernel image, so its hotplug flag was cleared"), n0.reasons.join("; "));
});

test("without movable_node hotpluggable memory goes to ZONE_NORMAL", () => {
  const n1 = verdict(nodeVerdicts(twoNodeBoot({ cmdline: "console=ttyS0" })), 1);
  assert.equal(n1.removable, false);
  assert.ok(n1.reasons.includes("movable_node was not given, so hotpluggable memory went to Normal"), n1.reasons.join("; "));
});

test("kernelcore= is reported as ignored under movable_node", () => {
  const n1 = verdict(nodeVerdicts(twoNodeBoot({ cmdline: "console=ttyS0 movable_node kernelcore=1G" })), 1);
  assert.ok(n1.reasons.includes("kernelcore= was ignored because movable_node takes priority"));
  assert.equal(n1.removable, true);
});

test("no SRAT: nothing is removable, and the verdict says why", () => {
  const r = twoNodeBoot({ cmdline: "console=ttyS0 numa=off" });
  const v = nodeVerdicts(r);
  assert.equal(v.length, 1);
  assert.equal(v[0]?.removable, false);
  assert.match(v[0]?.summary ?? "", /no usable SRAT/);
});
