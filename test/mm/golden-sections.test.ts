// The zone sections of every recorded boot (test/goldens/boot/<scenario>/<kernel>/serial.log),
// recomputed from the memory map the same log prints ("Early memory node ranges", so that line
// group is an input here, not a check), max_pfn, the SRAT hotplug ranges and the command line.
// The whole pipeline, from e820 and SRAT, is checked by the boot replay test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCmdline } from "../../src/boot/cmdline.js";
import type { KernelEvent } from "../../src/events.js";
import { freeAreaInit } from "../../src/mm/free-area-init.js";
import { MEMBLOCK_HOTPLUG } from "../../src/mm/mem-ranges.js";
import type { MemRegion } from "../../src/mm/mem-ranges.js";
import { probeMemoryBlockSize } from "../../src/mm/memory-block-size.js";
import { buildAllZonelists } from "../../src/mm/zonelists.js";
import { profiles } from "../../src/profiles/index.js";
import { stripLogPrefix } from "../../src/readers/log-prefix.js";

const ROOT = "test/goldens/boot";

/** The lines of the sections src/mm prints. */
const SECTION = [
  /^Zone ranges:$/,
  /^ {2}(DMA|DMA32|Normal|Device) +(\[mem|empty)/,
  /^Movable zone start for each node$/,
  /^ {2}Node \d+: 0x/,
  /^Early memory node ranges$/,
  /^ {2}node +\d+: \[mem/,
  /^Initmem setup node /,
  /^Initializing node \d+ as memoryless$/,
  /^On node \d+, zone \w+: \d+ pages in unavailable ranges$/,
  /^Fallback order for Node /,
  /^Built \d+ zonelists/,
  /^Policy zone: /,
  /^x86\/mm: Memory block size: /,
];

const hex = (s: string | undefined): bigint => BigInt(s ?? "0");

function machineOf(lines: string[]): {
  memory: MemRegion[];
  maxPfn: bigint;
  cmdline: string;
  hypervisor: boolean;
  nodes: number[];
} {
  const hotplug: { start: bigint; end: bigint }[] = [];
  for (const l of lines) {
    const m = /^ACPI: SRAT: Node \d+ PXM \d+ \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]( hotplug)?/.exec(l);
    if (m?.[3]) hotplug.push({ start: hex(m[1]), end: hex(m[2]) + 1n });
  }
  const cmdline = lines.find((l) => l.startsWith("Command line: "))?.slice(14) ?? "";
  const movableNode = parseCmdline(cmdline).movableNode;
  const memory: MemRegion[] = [];
  for (const l of lines) {
    const m = /^ {2}node +(\d+): \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]$/.exec(l);
    if (!m) continue;
    const base = hex(m[2]);
    const end = hex(m[3]) + 1n;
    // numa_clear_kernel_node_hotplug: node 0 holds the kernel image in every recorded boot
    const hp = movableNode && m[1] !== "0" && hotplug.some((h) => h.start <= base && end <= h.end);
    memory.push({ base, size: end - base, nid: Number(m[1]), flags: hp ? MEMBLOCK_HOTPLUG : 0 });
  }
  const nodes = [
    ...new Set(
      lines.flatMap((l) => {
        const m = /^Initmem setup node (\d+)/.exec(l);
        return m ? [Number(m[1])] : [];
      }),
    ),
  ];
  const lastPfn = lines.find((l) => l.startsWith("last_pfn = "));
  return {
    memory,
    maxPfn: hex(/last_pfn = (0x[0-9a-f]+)/.exec(lastPfn ?? "")?.[1]),
    cmdline,
    // every recording is a QEMU guest, and QEMU's CPU models set the CPUID hypervisor bit
    hypervisor: true,
    nodes,
  };
}

const cases: { dir: string; kernel: "6.1" | "6.12" }[] = [];
if (existsSync(ROOT)) {
  for (const scenario of readdirSync(ROOT).sort()) {
    for (const kernel of ["6.1", "6.12"] as const) {
      const dir = join(ROOT, scenario, kernel);
      if (existsSync(join(dir, "serial.log"))) cases.push({ dir, kernel });
    }
  }
}

/** What the recorder gave QEMU: CPU-only nodes (online from boot) and the SLIT's distances. */
function scenarioOf(dir: string): { cpuNodes: number[]; distance: number[][] } {
  const file = join(dir, "scenario.json");
  if (!existsSync(file)) return { cpuNodes: [], distance: [] };
  const s = JSON.parse(readFileSync(file, "utf8")) as {
    numa?: { nodeid: number; cpus?: string }[];
    numaDist?: [number, number, number][];
  };
  const cpuNodes = (s.numa ?? []).filter((n) => n.cpus !== undefined).map((n) => n.nodeid);
  const distance: number[][] = [];
  if (s.numaDist?.length) {
    const n = (s.numa ?? []).length;
    for (let i = 0; i < n; i++) distance.push(Array.from({ length: n }, (_, j) => (i === j ? 10 : 20)));
    for (const [a, b, d] of s.numaDist) {
      distance[a]![b] = d;
      distance[b]![a] = d;
    }
  }
  return { cpuNodes, distance };
}

for (const { dir, kernel } of cases) {
  test(`zone sections match ${dir}`, (t) => {
    const text = readFileSync(join(dir, "serial.log"), "utf8");
    // a log whose start the kernel dropped ("printk messages dropped") lacks max_pfn and the command line
    if (/\*\* \d+ printk messages dropped \*\*/.test(text)) return t.skip("the log lost its first lines");
    const lines = text.split("\n").map(stripLogPrefix);
    const m = machineOf(lines);
    const scenario = scenarioOf(dir);
    const profile = profiles[kernel];
    const params = parseCmdline(m.cmdline);
    const events: KernelEvent[] = [];
    const emit = (e: KernelEvent): void => void events.push(e);
    const withMemory = m.nodes.filter((n) => m.memory.some((r) => r.nid === n));
    const fa = freeAreaInit(
      {
        memory: m.memory,
        maxLowPfn: m.maxPfn,
        possibleNodes: m.nodes,
        onlineNodes: withMemory,
        params,
        dmaReserve: 0n,
      },
      profile.zones,
      emit,
    );
    const numaOff = m.cmdline.includes("numa=off");
    const online = new Set([...withMemory, ...(numaOff ? [] : scenario.cpuNodes)]);
    buildAllZonelists(
      { nodes: fa.nodes, onlineNodes: online.size, localNode: 0, distance: scenario.distance },
      profile.zones,
      emit,
    );
    probeMemoryBlockSize({ maxPfn: m.maxPfn, hypervisor: m.hypervisor }, emit);
    // 6.1's Total pages needs dma_reserve, which depends on the reservations below 16 MiB;
    // numa=fake's distances come from the NUMA emulation, checked by the boot replay
    const fake = m.cmdline.includes("numa=fake");
    const comparable = (l: string): boolean =>
      SECTION.some((re) => re.test(l)) &&
      !(profile.mm.dmaReserve && l.startsWith("Built ")) &&
      !(fake && l.startsWith("Fallback order"));
    const expected = lines.filter(comparable);
    const actual = events.map((e) => e.line).filter(comparable);
    assert.ok(expected.length > 10, "the log holds the zone sections");
    assert.deepEqual(actual, expected);
  });
}
