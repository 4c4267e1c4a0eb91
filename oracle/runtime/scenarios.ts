// Run-time hotplug scenarios: a QEMU guest shape, a command line and a memsim hotplug script that the guest's
// init (init.sh) runs against the real kernel while record.ts answers its DIMM requests over QMP.
import type { NumaNode } from "../qemu/qemu.js";
import type { SratSpec } from "../qemu/scenario.js";

export interface RuntimeScenario {
  name: string;
  /** Boot RAM; hot-pluggable room is maxmem - size, in `slots` DIMM slots. */
  memory: string;
  maxmem: string;
  cpus: number;
  numa?: NumaNode[];
  /** Appended to the common command line. */
  cmdline: string;
  script: string;
  /** A custom SRAT (memsim-encoded), given to the kernel through the initrd table override. */
  srat?: SratSpec;
}

/**
 * q35 with 4 GiB boots RAM at [0,2G) and [4G,6G): node 0 = the low RAM with CPU 0, node 1 = [4G,6G)
 * with CPU 1, flagged hot-pluggable as the 2013 ZONE_MOVABLE patches intend.
 */
const HOTPLUG_NODE1: SratSpec = {
  via: "initrd",
  revision: 3,
  cpus: [
    { apic: 0, pxm: 0 },
    { apic: 1, pxm: 1 },
  ],
  memory: [
    { pxm: 0, base: "0x0", length: "0xa0000" },
    { pxm: 0, base: "0x100000", length: "0x7ff00000" },
    { pxm: 1, base: "0x100000000", length: "0x80000000", hotpluggable: true },
  ],
};

const TWO_NODES: NumaNode[] = [
  { nodeid: 0, cpus: "0", mem: "1G" },
  { nodeid: 1, cpus: "1", mem: "1G" },
];

// Each online/offline attempt below is in the script language memsim runs (src/hotplug/script.ts).
const CYCLE = `show
add dimm 512M
show
online memory32 online_movable
online memory33 online_kernel
online memory34
show
offline memory32
offline memory33
offline memory0
offline memory7
show
remove dimm0
show
`;

export const RUNTIME_SCENARIOS: RuntimeScenario[] = [
  { name: "default", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "", script: CYCLE },
  { name: "memhp-offline", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "memhp_default_state=offline", script: CYCLE },
  { name: "memhp-online", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "memhp_default_state=online", script: "show\nadd dimm 512M\nshow\noffline memory33\nremove dimm0\nshow\n" },
  { name: "memhp-online-movable", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "memhp_default_state=online_movable", script: "show\nadd dimm 512M\nshow\nremove dimm0\nshow\nadd dimm 256M\nshow\n" },
  { name: "memhp-online-kernel", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "memhp_default_state=online_kernel", script: "show\nadd dimm 512M\nshow\noffline memory35\nshow\n" },
  { name: "movable-node", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "movable_node", script: CYCLE },
  { name: "movable-node-online", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "movable_node memhp_default_state=online", script: "show\nadd dimm 512M\nshow\nremove dimm0\nshow\n" },
  { name: "auto-movable", memory: "1G", maxmem: "8G", cpus: 1, cmdline: "memhp_default_state=online memory_hotplug.online_policy=auto-movable", script: "show\nadd dimm 1G\nshow\nadd dimm 2G\nshow\nadd dimm 1G\nshow\nremove dimm0\nshow\n" },
  { name: "auto-movable-ratio0", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "memhp_default_state=online memory_hotplug.online_policy=auto-movable memory_hotplug.auto_movable_ratio=0", script: "show\nadd dimm 512M\nshow\n" },
  { name: "two-nodes", memory: "2G", maxmem: "6G", cpus: 2, numa: TWO_NODES, cmdline: "memhp_default_state=offline", script: "show\nadd dimm 512M node 1\nshow\nonline memory32 online_movable\nonline memory33\nonline memory34 online_kernel\nshow\noffline node 1\nshow\nremove dimm0\nshow\n" },
  { name: "two-nodes-movable-node-auto", memory: "2G", maxmem: "6G", cpus: 2, numa: TWO_NODES, cmdline: "movable_node memhp_default_state=online memory_hotplug.online_policy=auto-movable", script: "show\nadd dimm 512M node 1\nshow\nadd dimm 1G node 0\nshow\nremove dimm1\nshow\n" },
  {
    name: "memmap-on-memory",
    memory: "1G",
    maxmem: "4G",
    cpus: 1,
    cmdline: "memhp_default_state=offline memory_hotplug.memmap_on_memory=1",
    script: "add dimm 128M\nadd dimm 256M\nshow\nonline memory32 online_kernel\nonline memory33 online_movable\nonline memory34 online_kernel\nshow\noffline memory32\noffline memory33\noffline memory34\nshow\nremove dimm1\nshow\nremove dimm0\nshow\n",
  },
  {
    name: "new-node",
    memory: "1G",
    maxmem: "4G",
    cpus: 1,
    numa: [
      { nodeid: 0, cpus: "0", mem: "1G" },
      { nodeid: 1 },
    ],
    cmdline: "memhp_default_state=offline",
    script: "show\nadd dimm 256M node 1\nshow\nonline memory32\nonline memory33 online_kernel\nshow\noffline memory32\noffline memory33\nshow\nremove dimm0\nshow\n",
  },
  {
    name: "offline-boot-memory",
    memory: "1G",
    maxmem: "2G",
    cpus: 1,
    cmdline: "",
    script: "offline memory1\noffline memory2\noffline memory3\noffline memory4\noffline memory5\noffline memory6\nshow\nonline memory6 online_movable\nonline memory5\nshow\n",
  },
  {
    name: "srat-hotplug-movable-node",
    memory: "4G",
    maxmem: "8G",
    cpus: 2,
    srat: HOTPLUG_NODE1,
    cmdline: "movable_node memhp_default_state=offline",
    script: "show\noffline node 1\nshow\nonline memory32\nonline memory33 online_kernel\nonline memory34 online_movable\nshow\noffline memory33\noffline memory32\nshow\n",
  },
  {
    name: "srat-hotplug-no-movable-node",
    memory: "4G",
    maxmem: "8G",
    cpus: 2,
    srat: HOTPLUG_NODE1,
    cmdline: "memhp_default_state=offline",
    script: "show\noffline node 1\nshow\noffline memory15\noffline memory14\noffline memory8\nshow\n",
  },
  {
    name: "auto-movable-numa-aware",
    memory: "2G",
    maxmem: "6G",
    cpus: 2,
    numa: TWO_NODES,
    cmdline: "memhp_default_state=online memory_hotplug.online_policy=auto-movable",
    script: "add dimm 1G node 1\nadd dimm 1G node 1\nadd dimm 1G node 1\nadd dimm 512M node 1\nshow\n",
  },
  {
    name: "auto-movable-numa-unaware",
    memory: "2G",
    maxmem: "6G",
    cpus: 2,
    numa: TWO_NODES,
    cmdline: "memhp_default_state=online memory_hotplug.online_policy=auto-movable memory_hotplug.auto_movable_numa_aware=0",
    script: "add dimm 1G node 1\nadd dimm 1G node 1\nadd dimm 1G node 1\nadd dimm 512M node 1\nshow\n",
  },
  {
    name: "block-across-nodes",
    memory: "2G",
    maxmem: "4G",
    cpus: 2,
    numa: [
      { nodeid: 0, cpus: "0", mem: "1000M" },
      { nodeid: 1, cpus: "1", mem: "1048M" },
    ],
    cmdline: "",
    script: "show\noffline memory7\noffline memory9\nwrite memory7/online 0\nshow\n",
  },
  { name: "invalid-writes", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "memhp_default_state=offline", script: "add dimm 256M\nonline memory32 bogus\noffline memory32\nwrite memory32/online 1\nwrite memory32/online 1\nonline memory32\nwrite auto_online_blocks online_movable\nadd dimm 256M\nshow\n" },
];
