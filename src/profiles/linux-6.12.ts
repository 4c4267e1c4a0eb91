import { numaValidNode } from "../memblock/profile.js";
import type { KernelProfile } from "./types.js";

/** Debian's linux-image-6.12.117+deb12-amd64. */
export const linux612: KernelProfile = {
  version: "6.12",
  release: "6.12.117+deb12-amd64",
  // e820__end_ram_pfn: RAM and ACPI-data entries count towards max_pfn
  e820: { endRamTypes: [1, 3] },
  memblock: {
    emptyKeepsDummy: false,
    isNodeRequest: numaValidNode,
    dumpShowsNode: numaValidNode,
    pfnRangeAllNodes: (nid) => !numaValidNode(nid),
    deprecatedMaxNumnodes: false,
    // from the pair before the first touched region to the one after the last
    mergeWindow: (start, end, cnt) => [start ? start - 1 : 0, cnt === 0 ? end : Math.min(end, cnt - 1)],
    resizeRefusal: "panic",
    // call offsets of this build not measured yet: plain symbol names
    callers: {
      allocReserve: "memblock_alloc_range_nid",
      allocReserveFallback: "memblock_alloc_range_nid",
      doubleArrayReserve: "memblock_double_array",
      memblockFree: "memblock_free",
    },
  },
};
