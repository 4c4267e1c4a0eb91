// Run-time hotplug scenarios: a QEMU guest shape, a command line and a memsim hotplug script that the guest's
// init (init.sh) runs against the real kernel while record.ts answers its DIMM requests over QMP.
import type { NumaNode } from "../qemu/qemu.js";

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
}

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
  { name: "invalid-writes", memory: "1G", maxmem: "4G", cpus: 1, cmdline: "memhp_default_state=offline", script: "add dimm 256M\nonline memory32 bogus\noffline memory32\nwrite memory32/online 1\nwrite memory32/online 1\nonline memory32\nwrite auto_online_blocks online_movable\nadd dimm 256M\nshow\n" },
];
