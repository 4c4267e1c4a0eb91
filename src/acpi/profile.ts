import { MAX_NUMNODES, NR_NODE_MEMBLKS } from "../kconfig.js";

/**
 * What differs between kernel builds in how they read the SRAT: limits from
 * the build's config, which subtable types the first walk hands to a
 * handler, and how the shared subtable walker reports and reacts to errors.
 */
export interface SratProfile {
  /** MAX_NUMNODES (1 << CONFIG_NODES_SHIFT). */
  maxNumNodes: number;
  /** MAX_PXM_DOMAINS: MAX_NUMNODES when that exceeds 256, else 256. */
  maxPxmDomains: number;
  /** MAX_LOCAL_APIC on x86-64. */
  maxLocalApic: number;
  /** NR_NODE_MEMBLKS: numa_meminfo capacity. */
  nrNodeMemblks: number;
  /** Subtable types of the first (processor-class) walk, in handler order. */
  processorTypes: readonly number[];
  /** Whether "SRAT: PXM p -> APIC a -> Node n" is printk(KERN_INFO) (else pr_debug, unseen). */
  cpuAffinityPrinted: boolean;
  /** pr_fmt of the file holding the subtable walker ("[SRAT:0x..] Invalid zero length"). */
  walkerPrefix: string;
  /** After a handler fails, the walker returns at once (else it walks on, calling no more handlers). */
  walkerStopsOnError: boolean;
  /** ACPICA's late checksum check: version, module and line it prints, and the value it calls right. */
  checksumWarning: {
    acpicaVersion: string;
    module: string;
    line: number;
    shouldBe: (field: number, correct: number) => number;
  };
}

/** Limits shared by Debian's x86-64 builds (CONFIG_NODES_SHIFT=10, 64-bit MAX_LOCAL_APIC). */
export const DEBIAN_X86_64_SRAT_LIMITS = {
  maxNumNodes: MAX_NUMNODES,
  maxPxmDomains: 1024,
  maxLocalApic: 32768,
  nrNodeMemblks: NR_NODE_MEMBLKS,
} as const;
