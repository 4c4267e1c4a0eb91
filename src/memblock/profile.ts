/** What differs between the kernels' mm/memblock.c, as data and small strategies. */

/** Call sites whose `%pS` (_RET_IP_) memblock prints for its own nested calls. */
export interface MemblockCallers {
  /** memblock_alloc_range_nid's memblock_reserve of the node-local attempt. */
  allocReserve: string;
  /** ... of the any-node fall-back attempt. */
  allocReserveFallback: string;
  /** memblock_double_array's memblock_reserve of the new array. */
  doubleArrayReserve: string;
  /**
   * memblock_free()'s memblock_phys_free of the old array memblock_double_array
   * replaces: memblock_free() ends in a tail call, so the line names its caller.
   */
  memblockFree: string;
}

export interface MemblockProfile {
  /**
   * An empty region array keeps one zero-sized dummy entry (cnt 1), as 6.1
   * does; 6.12 has cnt 0. 6.1's static dummy starts with nid 0, a dummy
   * re-created by removing the last region gets MAX_NUMNODES.
   */
  emptyKeepsDummy: boolean;
  /** Whether `nid` selects one node: the region filter and the any-node fall-back. */
  isNodeRequest(nid: number): boolean;
  /** Whether memblock_dump prints " on node N" for a region's nid. */
  dumpShowsNode(nid: number): boolean;
  /** Whether for_each_mem_pfn_range's `nid` means "every node". */
  pfnRangeAllNodes(nid: number): boolean;
  /**
   * 6.1 warns once (per call site) about nid == MAX_NUMNODES and treats it as
   * NUMA_NO_NODE in memblock_alloc_range_nid and __next_mem_range[_rev].
   */
  deprecatedMaxNumnodes: boolean;
  /**
   * The [first, last) pair indices memblock_merge_regions scans after regions
   * [start, end) changed in an array of `cnt` entries.
   */
  mergeWindow(start: number, end: number, cnt: number): [number, number];
  /** memblock_double_array before memblock_allow_resize(): fail with -1 (6.1) or panic (6.12). */
  resizeRefusal: "fail" | "panic";
  callers: MemblockCallers;
}

/** numa_valid_node(): 0 <= nid < MAX_NUMNODES. */
export function numaValidNode(nid: number): boolean {
  return nid >= 0 && nid < 1024;
}
