// The boot scenarios the oracle records on every kernel. Names are directory names of the goldens
// (test/goldens/boot/<name>/<kernel>/); never rename a recorded one.

import { GiB, hex, type Scenario, type SratMemoryEntry } from "./scenario.js";

const G = (n: number): string => hex(GiB(n));
/** A memory affinity entry [start, end) in GiB. */
const mem = (pxm: number, startGiB: number, endGiB: number, extra: Partial<SratMemoryEntry> = {}): SratMemoryEntry => ({
  pxm,
  base: G(startGiB),
  length: G(endGiB - startGiB),
  ...extra,
});
/** CPU entries: APIC id i on PXM pxms[i]. */
const cpus = (...pxms: number[]): { apic: number; pxm: number }[] => pxms.map((pxm, apic) => ({ apic, pxm }));

/** Low RAM as a BIOS describes it: [0, 640K) and [1M, endGiB). */
const lowRam = (pxm: number, endGiB: number, extra: Partial<SratMemoryEntry> = {}): SratMemoryEntry[] => [
  { pxm, base: "0x0", length: "0xa0000", ...extra },
  { pxm, base: "0x100000", length: hex(GiB(endGiB) - 0x100000n), ...extra },
];

/** q35, 4 GiB = [0,2G) + [4G,6G); node 0 = low RAM, node 1 = [4G,6G). */
const twoNodes = (hot1: boolean, hot0 = false): SratMemoryEntry[] => [
  ...lowRam(0, 2, { hotpluggable: hot0 }),
  mem(1, 4, 6, { hotpluggable: hot1 }),
];

const custom = (memory: SratMemoryEntry[], cpuPxms: number[], revision = 3) => ({
  via: "acpitable" as const,
  revision,
  cpus: cpus(...cpuPxms),
  memory,
});

export const SCENARIOS: Scenario[] = [
  // ---- no SRAT ----
  { name: "nosrat-q35-512m", description: "q35, 512 MiB, one CPU, no SRAT", machine: "q35", memory: "512M", cpus: 1, cmdline: "" },
  { name: "nosrat-q35-2g", description: "q35, 2 GiB (all below 4 GiB), no SRAT", machine: "q35", memory: "2G", cpus: 2, cmdline: "" },
  { name: "nosrat-q35-4g", description: "q35, 4 GiB split at the 2 GiB PCI hole, no SRAT", machine: "q35", memory: "4G", cpus: 2, cmdline: "" },
  { name: "nosrat-pc-1g", description: "pc (i440fx), 1 GiB, no SRAT", machine: "pc", memory: "1G", cpus: 1, cmdline: "" },
  { name: "nosrat-pc-6g", description: "pc (i440fx), 6 GiB = 3 GiB low + 3 GiB high, no SRAT", machine: "pc", memory: "6G", cpus: 2, cmdline: "" },
  { name: "nosrat-q35-24g", description: "q35, 24 GiB through a reserve=off backend, no SRAT", machine: "q35", memory: "24G", cpus: 2, cmdline: "" },
  { name: "nosrat-q35-64g", description: "q35, 64 GiB (2 GiB memory blocks), no SRAT", machine: "q35", memory: "64G", cpus: 2, cmdline: "", timeout: 300 },

  // ---- mem= / memmap= ----
  { name: "mem-2g-of-4g", description: "mem=2G on a 4 GiB q35 guest (high RAM cut away)", machine: "q35", memory: "4G", cpus: 2, cmdline: "mem=2G" },
  { name: "mem-3g-of-8g-pc", description: "mem=3G on an 8 GiB pc guest", machine: "pc", memory: "8G", cpus: 2, cmdline: "mem=3G" },
  { name: "memmap-reserve", description: "memmap=256M$0x40000000 reserves RAM in the middle of low memory", machine: "q35", memory: "4G", cpus: 2, cmdline: "memmap=256M$0x40000000" },
  { name: "memmap-pram-acpi", description: "memmap=512M!0x140000000 (PRAM) and memmap=64K#0x7000000 (ACPI data)", machine: "q35", memory: "4G", cpus: 2, cmdline: "memmap=512M!0x140000000 memmap=64K#0x7000000" },
  { name: "memmap-exactmap", description: "memmap=exactmap keeping 640K@0 and 1023M@1M of a 2 GiB guest", machine: "q35", memory: "2G", cpus: 1, cmdline: "memmap=exactmap memmap=640K@0 memmap=1023M@1M" },
  { name: "memmap-limit", description: "bare memmap=3G (limit like mem= without max_mem_size)", machine: "q35", memory: "4G", cpus: 2, cmdline: "memmap=3G" },

  // ---- kernelcore= / movablecore= without SRAT ----
  { name: "kernelcore-1g-nosrat", description: "kernelcore=1G on a 6 GiB single-node guest", machine: "q35", memory: "6G", cpus: 2, cmdline: "kernelcore=1G" },
  { name: "kernelcore-pct-nosrat", description: "kernelcore=30% on a 6 GiB single-node guest", machine: "q35", memory: "6G", cpus: 2, cmdline: "kernelcore=30%" },
  { name: "movablecore-2g-nosrat", description: "movablecore=2G on a 6 GiB single-node guest", machine: "q35", memory: "6G", cpus: 2, cmdline: "movablecore=2G" },
  { name: "movablecore-pct-nosrat", description: "movablecore=50% on a 6 GiB single-node guest", machine: "q35", memory: "6G", cpus: 2, cmdline: "movablecore=50%" },
  { name: "kernelcore-mirror", description: "kernelcore=mirror on a machine without mirrored memory", machine: "q35", memory: "4G", cpus: 2, cmdline: "kernelcore=mirror" },
  { name: "movable-node-nosrat", description: "movable_node without an SRAT (bottom-up memblock until NUMA init, no hotplug ranges)", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node" },
  { name: "crashkernel-256m", description: "crashkernel=256M on a 4 GiB guest without SRAT", machine: "q35", memory: "4G", cpus: 2, cmdline: "crashkernel=256M" },
  { name: "movablecore-small-ram", description: "movablecore=256M on a 1 GiB guest (all below 4 GiB: movable zone from DMA32)", machine: "q35", memory: "1G", cpus: 1, cmdline: "movablecore=256M" },

  { name: "movablecore-100pct", description: "movablecore=100% on a 6 GiB single-node guest (kernelcore becomes 0)", machine: "q35", memory: "6G", cpus: 2, cmdline: "movablecore=100%" },
  { name: "memhp-default-online-movable", description: "memhp_default_state=online_movable with slots=2,maxmem=8G (auto_online_blocks in the dump)", machine: "q35", memory: "2G", slots: 2, maxmem: "8G", cpus: 2, cmdline: "memhp_default_state=online_movable" },

  // ---- numa=fake ----
  { name: "numafake-4", description: "numa=fake=4 on an 8 GiB guest without SRAT", machine: "q35", memory: "8G", cpus: 2, cmdline: "numa=fake=4" },
  { name: "numafake-512m", description: "numa=fake=512M (fixed-size nodes) on a 2 GiB guest", machine: "q35", memory: "2G", cpus: 2, cmdline: "numa=fake=512M" },

  // ---- QEMU builds the SRAT from -numa ----
  {
    name: "qemu-numa2-q35-4g", description: "QEMU SRAT: 2 nodes of 2 GiB with one CPU each", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    numa: [{ nodeid: 0, cpus: "0", mem: "2G" }, { nodeid: 1, cpus: "1", mem: "2G" }],
  },
  {
    name: "qemu-numa2-pc-4g", description: "QEMU SRAT on pc: 2 nodes of 2 GiB", machine: "pc", memory: "4G", cpus: 2, cmdline: "",
    numa: [{ nodeid: 0, cpus: "0", mem: "2G" }, { nodeid: 1, cpus: "1", mem: "2G" }],
  },
  {
    name: "qemu-numa4-q35-8g", description: "QEMU SRAT: 4 nodes of 2 GiB with a SLIT", machine: "q35", memory: "8G", cpus: 4, cmdline: "",
    numa: [0, 1, 2, 3].map((i) => ({ nodeid: i, cpus: String(i), mem: "2G" })),
    numaDist: [[0, 1, 21], [0, 2, 31], [0, 3, 41], [1, 2, 21], [1, 3, 31], [2, 3, 21]],
  },
  {
    name: "qemu-numa8-q35-16g", description: "QEMU SRAT: 8 nodes of 2 GiB", machine: "q35", memory: "16G", cpus: 8, cmdline: "",
    numa: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ nodeid: i, cpus: String(i), mem: "2G" })),
  },
  {
    name: "qemu-numa3-memonly", description: "QEMU SRAT: nodes 0,1 with CPUs, node 2 memory-only, node 1 CPU-only", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    numa: [{ nodeid: 0, cpus: "0", mem: "3G" }, { nodeid: 1, cpus: "1" }, { nodeid: 2, mem: "1G" }],
  },
  {
    name: "qemu-numa2-slots", description: "QEMU SRAT with slots=4,maxmem=16G: hotplug range on the last node", machine: "q35", memory: "4G", slots: 4, maxmem: "16G", cpus: 2, cmdline: "",
    numa: [{ nodeid: 0, cpus: "0", mem: "2G" }, { nodeid: 1, cpus: "1", mem: "2G" }],
  },
  {
    name: "qemu-numa2-slots-movable-node", description: "as qemu-numa2-slots, with movable_node", machine: "q35", memory: "4G", slots: 4, maxmem: "16G", cpus: 2, cmdline: "movable_node",
    numa: [{ nodeid: 0, cpus: "0", mem: "2G" }, { nodeid: 1, cpus: "1", mem: "2G" }],
  },
  {
    name: "qemu-auto-slots", description: "slots=2,maxmem=8G without -numa: QEMU makes one node and a hotplug range", machine: "q35", memory: "2G", slots: 2, maxmem: "8G", cpus: 2, cmdline: "",
  },
  {
    name: "qemu-numa2-slots-pc-64g", description: "pc, 64 GiB in 2 QEMU nodes, slots=8,maxmem=128G", machine: "pc", memory: "64G", slots: 8, maxmem: "128G", cpus: 2, cmdline: "", timeout: 300,
    numa: [{ nodeid: 0, cpus: "0", mem: "32G" }, { nodeid: 1, cpus: "1", mem: "32G" }],
  },
  {
    name: "qemu-numa2-mem-2g", description: "QEMU SRAT, 2 nodes of 2 GiB, mem=2G leaves node 1 without RAM", machine: "q35", memory: "4G", cpus: 2, cmdline: "mem=2G",
    numa: [{ nodeid: 0, cpus: "0", mem: "2G" }, { nodeid: 1, cpus: "1", mem: "2G" }],
  },
  {
    name: "qemu-numa2-numa-off", description: "QEMU SRAT with 2 nodes, booted with numa=off", machine: "q35", memory: "4G", cpus: 2, cmdline: "numa=off",
    numa: [{ nodeid: 0, cpus: "0", mem: "2G" }, { nodeid: 1, cpus: "1", mem: "2G" }],
  },
  {
    name: "qemu-numa2-kernelcore-1g", description: "QEMU SRAT, 2 nodes of 4 GiB, kernelcore=1G spread over the nodes", machine: "q35", memory: "8G", cpus: 2, cmdline: "kernelcore=1G",
    numa: [{ nodeid: 0, cpus: "0", mem: "4G" }, { nodeid: 1, cpus: "1", mem: "4G" }],
  },
  {
    name: "qemu-numa2-movablecore-pct", description: "QEMU SRAT, 2 nodes of 4 GiB, movablecore=40%", machine: "q35", memory: "8G", cpus: 2, cmdline: "movablecore=40%",
    numa: [{ nodeid: 0, cpus: "0", mem: "4G" }, { nodeid: 1, cpus: "1", mem: "4G" }],
  },
  {
    name: "qemu-numa2-numafake-2u", description: "QEMU SRAT, 2 nodes of 4 GiB, numa=fake=2U (two fake nodes per node)", machine: "q35", memory: "8G", cpus: 2, cmdline: "numa=fake=2U",
    numa: [{ nodeid: 0, cpus: "0", mem: "4G" }, { nodeid: 1, cpus: "1", mem: "4G" }],
  },

  // ---- custom SRAT, encoded by memsim ----
  { name: "srat2-hotplug", description: "custom SRAT: node 1 [4G,6G) hotpluggable, no movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "", srat: custom(twoNodes(true), [0, 1]) },
  { name: "srat2-hotplug-movable-node", description: "custom SRAT: node 1 [4G,6G) hotpluggable, movable_node (the reference machine)", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node", srat: custom(twoNodes(true), [0, 1]) },
  { name: "srat2-kernel-node-hotplug", description: "custom SRAT: both nodes hotpluggable, including the kernel's node 0; movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node", srat: custom(twoNodes(true, true), [0, 1]) },
  { name: "srat2-plain", description: "custom SRAT: 2 nodes, nothing hotpluggable", machine: "q35", memory: "4G", cpus: 2, cmdline: "", srat: custom(twoNodes(false), [0, 1]) },
  { name: "srat2-hotplug-kernelcore", description: "custom SRAT: node 1 hotpluggable, movable_node kernelcore=512M (movable_node wins)", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node kernelcore=512M", srat: custom(twoNodes(true), [0, 1]) },
  { name: "srat2-hotplug-movablecore-pct", description: "custom SRAT: node 1 hotpluggable, movable_node movablecore=10%", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node movablecore=10%", srat: custom(twoNodes(true), [0, 1]) },
  { name: "srat2-hotplug-kernelcore-pct", description: "custom SRAT: node 1 hotpluggable, movable_node kernelcore=50%", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node kernelcore=50%", srat: custom(twoNodes(true), [0, 1]) },
  { name: "srat2-hotplug-movablecore-1g", description: "custom SRAT: node 1 hotpluggable, movable_node movablecore=1G", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node movablecore=1G", srat: custom(twoNodes(true), [0, 1]) },
  { name: "srat2-hotplug-mem-5g", description: "custom SRAT: node 1 [4G,6G) hotpluggable, movable_node mem=5G (half of node 1 cut away)", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node mem=5G", srat: custom(twoNodes(true), [0, 1]) },
  { name: "srat2-kernelcore-pct", description: "custom SRAT: 2 plain nodes, kernelcore=60%", machine: "q35", memory: "4G", cpus: 2, cmdline: "kernelcore=60%", srat: custom(twoNodes(false), [0, 1]) },
  { name: "srat2-movablecore-1g", description: "custom SRAT: 2 plain nodes, movablecore=1G", machine: "q35", memory: "4G", cpus: 2, cmdline: "movablecore=1G", srat: custom(twoNodes(false), [0, 1]) },
  {
    name: "srat2-memonly-hotplug", description: "custom SRAT: CPUs on PXM 0 only, PXM 1 memory-only and hotpluggable; movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node",
    srat: custom(twoNodes(true), [0, 0]),
  },
  {
    name: "srat4-interleaved", description: "custom SRAT: 4 nodes with interleaved 512 MiB ranges on a 8 GiB guest", machine: "q35", memory: "8G", cpus: 4, cmdline: "",
    srat: custom([
      ...lowRam(0, 0.5), mem(1, 0.5, 1), mem(0, 1, 1.5), mem(1, 1.5, 2),
      mem(2, 4, 5), mem(3, 5, 6), mem(2, 6, 7), mem(3, 7, 10),
    ], [0, 1, 2, 3]),
  },
  {
    name: "srat2-several-ranges", description: "custom SRAT: node 0 in 4 adjacent pieces (merge lines), node 1 in 2", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: custom([...lowRam(0, 1), mem(0, 1, 1.5), mem(0, 1.5, 2), mem(1, 4, 5), mem(1, 5, 6)], [0, 1]),
  },
  {
    name: "srat2-overlap", description: "custom SRAT: node 1 overlaps node 0 (NUMA rejected, dummy node)", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: custom([mem(0, 0, 2), mem(1, 1.5, 6)], [0, 1]),
  },
  {
    name: "srat2-overlap-self", description: "custom SRAT: node 0 entries overlap each other", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: custom([mem(0, 0, 1.5), mem(0, 1, 2), mem(1, 4, 6)], [0, 1]),
  },
  {
    name: "srat2-disabled-entries", description: "custom SRAT: a disabled memory entry and a disabled CPU entry", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: {
      via: "acpitable", revision: 3,
      cpus: [{ apic: 0, pxm: 0 }, { apic: 1, pxm: 1 }, { apic: 2, pxm: 2, enabled: false }],
      memory: [mem(0, 0, 2), mem(2, 2, 4, { enabled: false }), mem(1, 4, 6)],
    },
  },
  {
    name: "srat2-partial-cover", description: "custom SRAT leaving [5G,6G) of RAM uncovered (NUMA dropped)", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: custom([mem(0, 0, 2), mem(1, 4, 5)], [0, 1]),
  },
  {
    name: "srat2-hotplug-beyond-ram", description: "custom SRAT: node 1 = RAM [4G,6G) + hotpluggable empty [6G,16G); movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node",
    srat: custom([mem(0, 0, 2), mem(1, 4, 6), mem(1, 6, 16, { hotpluggable: true })], [0, 1]),
  },
  {
    name: "srat3-hotplug-only-node", description: "custom SRAT: PXM 2 memory-only and hotpluggable with no RAM present", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node",
    srat: custom([mem(0, 0, 2), mem(1, 4, 6), mem(2, 8, 12, { hotpluggable: true })], [0, 1]),
  },
  {
    name: "srat8-16g", description: "custom SRAT: 8 nodes on 16 GiB, odd nodes hotpluggable; movable_node", machine: "q35", memory: "16G", cpus: 8, cmdline: "movable_node",
    srat: custom([
      mem(0, 0, 2), mem(1, 4, 6, { hotpluggable: true }), mem(2, 6, 8), mem(3, 8, 10, { hotpluggable: true }),
      mem(4, 10, 12), mem(5, 12, 14, { hotpluggable: true }), mem(6, 14, 16), mem(7, 16, 18, { hotpluggable: true }),
    ], [0, 1, 2, 3, 4, 5, 6, 7]),
  },
  {
    name: "srat4-64g-hotplug", description: "custom SRAT: 64 GiB in 4 nodes, nodes 2 and 3 hotpluggable; movable_node (earlyprintk: the memblock=debug lines overflow the log buffer before the console starts)", machine: "q35", memory: "64G", cpus: 4, cmdline: "movable_node earlyprintk=serial", timeout: 300,
    srat: custom([mem(0, 0, 2), mem(1, 4, 20), mem(2, 20, 40, { hotpluggable: true }), mem(3, 40, 66, { hotpluggable: true })], [0, 1, 2, 3]),
  },
  {
    name: "srat2-pc-hotplug", description: "pc machine, custom SRAT: node 1 [4G,7G) hotpluggable; movable_node", machine: "pc", memory: "6G", cpus: 2, cmdline: "movable_node",
    srat: custom([mem(0, 0, 3), mem(1, 4, 7, { hotpluggable: true })], [0, 1]),
  },
  {
    name: "srat2-512m", description: "512 MiB guest, custom SRAT splitting low RAM into 2 nodes", machine: "q35", memory: "512M", cpus: 2, cmdline: "",
    srat: custom([mem(0, 0, 0.25), mem(1, 0.25, 0.5)], [0, 1]),
  },
  {
    name: "srat2-rev1-pxm-high", description: "SRAT revision 1 with PXMs 0x100 and 0x101 (the kernel keeps only 8 bits)", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: custom([mem(0x100, 0, 2), mem(0x101, 4, 6)], [0x100, 0x101], 1),
  },
  {
    name: "srat2-x2apic", description: "custom SRAT with Local x2APIC affinity entries instead of Local APIC ones", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: { via: "acpitable", revision: 3, cpus: [{ apic: 0, pxm: 0, x2apic: true }, { apic: 1, pxm: 1, x2apic: true }], memory: twoNodes(false) },
  },
  {
    name: "srat2-nonvolatile", description: "custom SRAT: node 1 [4G,6G) flagged non-volatile and hotpluggable; movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "movable_node",
    srat: custom([...lowRam(0, 2), mem(1, 4, 6, { hotpluggable: true, nonVolatile: true })], [0, 1]),
  },
  {
    name: "srat3-pxm-numbering", description: "custom SRAT: CPU PXMs 7 and 3, memory entries of PXM 3, 1 (memory-only), 7: node ids follow the CPU entries first", machine: "q35", memory: "4G", cpus: 2, cmdline: "",
    srat: custom([...lowRam(3, 1), mem(1, 1, 2), mem(7, 4, 6)], [7, 3]),
  },
  {
    name: "srat2-numa-noacpi", description: "custom SRAT with a hotpluggable node, booted with numa=noacpi movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "numa=noacpi movable_node", srat: custom(twoNodes(true), [0, 1]),
  },
  {
    name: "srat2-hotplug-kernelcore-1g", description: "custom SRAT: node 1 hotpluggable, kernelcore=1G without movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "kernelcore=1G", srat: custom(twoNodes(true), [0, 1]),
  },
  {
    name: "srat2-interleave-16m", description: "custom SRAT: 256 entries of 16 MiB alternating between 2 nodes (memblock arrays grow past 128 regions); earlyprintk for the long log", machine: "q35", memory: "4G", cpus: 2, cmdline: "earlyprintk=serial",
    srat: custom([0, 4].flatMap((baseGiB) => Array.from({ length: 128 }, (_, i) => mem(i % 2, baseGiB + i / 64, baseGiB + (i + 1) / 64))), [0, 1]),
  },
  {
    name: "srat16-memonly", description: "custom SRAT: CPUs on PXM 0 and 1, 14 more memory-only PXMs of 256 MiB each in high RAM (16 nodes)", machine: "q35", memory: "6G", cpus: 2, cmdline: "",
    srat: custom([...lowRam(0, 2), ...Array.from({ length: 16 }, (_, i) => mem(i === 0 ? 1 : i === 1 ? 1 : i, 4 + i / 4, 4 + (i + 1) / 4))], [0, 1]),
  },
  {
    name: "srat2-numa-off", description: "custom SRAT with a hotpluggable node, booted with numa=off movable_node", machine: "q35", memory: "4G", cpus: 2, cmdline: "numa=off movable_node", srat: custom(twoNodes(true), [0, 1]),
  },
  {
    name: "srat2-override-slots", description: "slots=4,maxmem=16G (QEMU writes its SRAT); memsim's SRAT given by initrd table override, node 1 hotpluggable; movable_node", machine: "q35", memory: "4G", slots: 4, maxmem: "16G", cpus: 2, cmdline: "movable_node",
    srat: { ...custom([mem(0, 0, 2), mem(1, 4, 6, { hotpluggable: true }), mem(1, 6, 22, { hotpluggable: true })], [0, 1]), via: "initrd" },
  },
];

/**
 * Scenarios whose /sys/firmware/memmap (from the 6.1 boot) is kept as a reader sample: one per firmware
 * map, plus two that show what the firmware map leaves out (memmap=exactmap, slots/maxmem).
 */
export const MEMMAP_SAMPLES = new Set([
  "nosrat-q35-512m", "nosrat-q35-2g", "nosrat-q35-4g", "nosrat-pc-1g", "nosrat-pc-6g", "nosrat-q35-24g", "nosrat-q35-64g",
  "qemu-numa2-slots-pc-64g", "qemu-numa2-slots", "memmap-exactmap",
]);
