// The scale check of issue 5: a 64 TiB, 1024-node machine (bare metal, 2 GiB blocks) boots into the run-time
// model, gets a workload on every node, and offlines a whole node; memory and time stay bounded because
// everything is kept as extents and per-block records, never per page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { HotplugSystem } from "../../src/hotplug/system.js";
import type { RuntimeDescription } from "../../src/hotplug/description.js";
import { runScript } from "../../src/hotplug/script.js";
import { profiles } from "../../src/profiles/index.js";
import { sratFromJson } from "../../src/acpi/srat-json.js";
import { boot } from "../../src/boot/boot.js";
import { emptyMachine, type Machine } from "../../src/machine.js";
import { runtimeDescriptionFromBoot } from "../../src/hotplug/from-boot.js";

const GiB = 1n << 30n;
const NODES = 1024;
const PER_NODE = 64n * GiB;

function machine(): RuntimeDescription {
  const nodes: RuntimeDescription["nodes"] = [];
  const reserved: RuntimeDescription["reserved"] = [];
  for (let nid = 0; nid < NODES; nid++) {
    const start = BigInt(nid) * PER_NODE;
    const end = start + PER_NODE;
    const low = nid === 0 ? 1n << 20n : start;
    const zones: RuntimeDescription["nodes"][number]["zones"] =
      nid === 0
        ? [
            { zone: "DMA", start: low, end: 16n << 20n, present: Number(((16n << 20n) - low) >> 12n) },
            { zone: "DMA32", start: 16n << 20n, end: 4n * GiB, present: Number(((4n * GiB) - (16n << 20n)) >> 12n) },
            { zone: "Normal", start: 4n * GiB, end, present: Number((end - 4n * GiB) >> 12n) },
          ]
        : [{ zone: "Normal", start, end, present: Number(PER_NODE >> 12n) }];
    nodes.push({ nid, cpus: true, memory: [{ start: low, end }], zones });
    // The node's memmap (64 bytes per 4 KiB page) and pg_data_t at its top, as sparse_init and alloc_node_data leave them.
    reserved.push({ start: end - GiB - (1n << 21n), end, what: `memmap and NODE_DATA(${nid})` });
  }
  reserved.push({ start: 16n << 20n, end: 80n << 20n, what: "kernel image" });
  return { cmdline: "", hypervisor: false, nodes, reserved, hotplugWindows: [] };
}

for (const kernel of ["6.1", "6.12"] as const) {
  test(`64 TiB, 1024 nodes: offline node 7 (${kernel})`, () => {
    const t0 = performance.now();
    const sys = new HotplugSystem(profiles[kernel], machine());
    assert.equal(sys.blockSize, 2n * GiB);
    assert.equal(sys.blocks.size, 32 * NODES);
    const workload = Array.from({ length: NODES }, (_, nid) => `workload movable 40G node ${nid}\nworkload kernel 4G node ${nid}`).join("\n");
    runScript(sys, workload, { file: "workload" });
    const [step] = runScript(sys, "offline node 7", { file: "scale" });
    const seconds = (performance.now() - t0) / 1000;
    const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
    console.log(`# ${kernel}: ${seconds.toFixed(1)} s, heap ${heapMiB.toFixed(0)} MiB, ${sys.extents.size} extents`);
    assert.ok(step);
    const blocks = step.blocks ?? [];
    assert.equal(blocks.length, 32);
    // Blocks holding the memmap or the kernel workload stay; every other block goes, its pages migrated.
    const held = new Set<number>();
    for (const e of sys.extents.all()) {
      if (e.kind === "movable") continue;
      for (let id = Math.floor(e.start / sys.blockPages); id * sys.blockPages < e.end; id++) held.add(id);
    }
    for (const b of blocks) assert.equal(b.ok, !held.has(Number(b.block.slice(6))), `${b.block} ${b.errno ?? "ok"}`);
    assert.ok(blocks.some((b) => b.ok) && blocks.some((b) => !b.ok));
    const movableLeft = sys.extents.all().filter((e) => e.kind === "movable" && Math.floor(e.start / sys.blockPages) >= 7 * 32 && Math.floor(e.start / sys.blockPages) < 8 * 32);
    for (const e of movableLeft) assert.ok(held.has(Math.floor(e.start / sys.blockPages)), "movable pages only stay in blocks that stay online");
    assert.ok(seconds < 120, `took ${seconds} s`);
    assert.ok(heapMiB < 2048, `heap ${heapMiB} MiB`);
  });
}

/** The same machine as firmware describes it: an e820 map and an SRAT with 1024 memory ranges (CPUs on 255 nodes). */
function firmwareMachine(kernel: "6.1" | "6.12"): Machine {
  const hex = (n: bigint) => `0x${n.toString(16)}`;
  const subtables: unknown[] = [];
  for (let n = 0; n < 255; n++) {
    subtables.push({ kind: "cpuAffinity", proximityDomainLo: n & 0xff, apicId: n, flags: 1, localSapicEid: 0, proximityDomainHi: n >>> 8, clockDomain: 0 });
  }
  for (let n = 0; n < NODES; n++) {
    subtables.push({ kind: "memoryAffinity", proximityDomain: n, baseAddress: hex(BigInt(n) * PER_NODE), addressLength: hex(PER_NODE), flags: 1 });
  }
  const header = { signature: "SRAT", revision: 3, oemId: "MEMSIM", oemTableId: "SCALE", oemRevision: 1, aslCompilerId: "TEST", aslCompilerRevision: 1 };
  const m = emptyMachine();
  m.kernel = kernel;
  m.cmdline = "console=ttyS0";
  m.e820 = [
    { addr: 0n, size: 0x9fc00n, type: 1 },
    { addr: 0x9fc00n, size: 0x400n, type: 2 },
    { addr: 0xf0000n, size: 0x10000n, type: 2 },
    { addr: 0x100000n, size: 0xbff00000n, type: 1 },
    { addr: 0xc0000000n, size: 0x40000000n, type: 2 },
    { addr: 0x100000000n, size: BigInt(NODES) * PER_NODE - 0x100000000n, type: 1 },
  ];
  m.srat = sratFromJson(JSON.stringify({ header, tableRevision: 1, reserved: "0x0", subtables }), "scale SRAT");
  m.cpus = { possible: 255, hotplug: 0 };
  return m;
}

// memsim's own boot of this machine takes about a minute: run with MEMSIM_SLOW=1.
test("64 TiB, 1024 nodes booted by memsim from e820 + SRAT: offline node 7", { skip: process.env.MEMSIM_SLOW !== "1" }, () => {
  const m = firmwareMachine("6.12");
  const sys = new HotplugSystem(profiles["6.12"], runtimeDescriptionFromBoot(boot(m, profiles["6.12"]), m));
  assert.equal(sys.blocks.size, 32 * NODES);
  const [step] = runScript(sys, "offline node 7", { file: "scale" });
  const blocks = step!.blocks ?? [];
  assert.equal(blocks.length, 32);
  // Only the block holding node 7's memmap and NODE_DATA stays.
  for (const b of blocks) {
    const mem = sys.blocks.get(Number(b.block.slice(6)))!;
    const reserved = sys.extents.pages(mem.startPfn, mem.startPfn + sys.blockPages, "reserved");
    assert.equal(b.ok, reserved === 0, b.block);
  }
});
