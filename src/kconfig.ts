/**
 * Build configuration shared by both Debian x86-64 kernels memsim models
 * (6.1 and 6.12 alike). What differs between the builds lives in the
 * profiles; what the Kconfig fixes for both lives here, once.
 */

/** CONFIG_NODES_SHIFT=10. */
export const MAX_NUMNODES = 1024;
/** numa_meminfo's capacity: two blocks a node. */
export const NR_NODE_MEMBLKS = 2 * MAX_NUMNODES;
