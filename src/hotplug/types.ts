/**
 * The run-time memory model's vocabulary: memory blocks, the online types
 * and what a page range holds, as drivers/base/memory.c and
 * mm/memory_hotplug.c name them (the zones are src/mm/zone.ts's).
 * Page frame numbers are plain numbers: a pfn is at most 2^52, exact in a double.
 * Section, pageblock and struct page sizes are the kernel profile's (ZonesProfile).
 */

/** PAGES_PER_SUBSECTION (2 MiB): the granularity zone spans shrink by. */
export const PAGES_PER_SUBSECTION = 512;

/** enum mmop, in its numeric order. */
export const ONLINE_TYPES = ["offline", "online", "online_kernel", "online_movable"] as const;
export type OnlineType = (typeof ONLINE_TYPES)[number];

export type BlockState = "online" | "offline" | "going-offline";

export type OnlinePolicy = "contig-zones" | "auto-movable";

/** What a page range holds, as page isolation and migration see it. */
export type ExtentKind =
  /** PageReserved: memblock allocations and holes at boot; never isolates. */
  | "reserved"
  /** An unmovable kernel allocation (slab, page tables, vmemmap from the buddy). */
  | "kernel"
  /** LRU user pages: migrated away when their block goes offline. */
  | "movable"
  /** LRU pages with an elevated reference (e.g. short-term GUP pins): migration keeps failing. */
  | "pinned";

export const EXTENT_KINDS: readonly ExtentKind[] = ["reserved", "kernel", "movable", "pinned"];

/** `[start, end)` in pfns with what holds it and why. */
export interface Extent {
  start: number;
  end: number;
  kind: ExtentKind;
  /** Who allocated it, for explanations ("NODE_DATA(1)", "memmap of memory40", "workload 2"). */
  what: string;
  /** The ACPI memory device whose removal frees it (hot-add's memmap and page tables). */
  owner?: string;
}

export interface PfnRange {
  start: number;
  end: number;
}
