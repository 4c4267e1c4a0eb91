/**
 * mm/sparse.c sparse_init with the x86-64 vmemmap (mm/sparse-vmemmap.c,
 * arch/x86/mm/init_64.c vmemmap_populate): the section roots, the per-node
 * usage maps next to each node's pg_data_t, the per-node memmap buffer
 * (exact node, no fall-back) and the per-section 2 MiB memmap blocks with the
 * vmemmap page-table pages, as memblock allocations in the kernel's order.
 */
import type { BootContext } from "./types.js";
import { earlyPfnToNid } from "../x86/numa.js";
import { memPfnRanges } from "../mm/mem-ranges.js";

const SECTION_SHIFT = 27n;
const PAGES_PER_SECTION_SHIFT = SECTION_SHIFT - 12n;
/** sizeof(struct mem_section) is 32 with page_ext: a 4 KiB root holds 128 sections. */
const SECTIONS_PER_ROOT = 128n;
const ROOT_BYTES = 4096n;
/** The first pfn past MAX_PHYSMEM_BITS (46 with 4-level paging). */
const MAX_SECTION_PFN = 1n << (46n - 12n);
/** 8 bytes x NR_SECTION_ROOTS (2^19 sections of a 46-bit space / 128). */
const ROOT_ARRAY_BYTES = 32768n;
/** sizeof(struct mem_section_usage) with its pageblock bitmap. */
const USAGE_BYTES = 56n;
/** A section's memmap: 32768 struct pages of 64 bytes. */
const SECTION_MAP_BYTES = 1n << 21n;
const MAX_DMA_ADDRESS = 16n << 20n;
/** vmemmap page tables: a PMD table maps 1 GiB of vmemmap (512 sections), a PUD table 512 GiB. */
const SECTIONS_PER_PMD_TABLE = 512n;
const SECTIONS_PER_PUD_TABLE = 512n * 512n;

/** One present section and the node memory_present gave it first. */
interface PresentSection {
  nr: bigint;
  nid: number;
}

/** memblocks_present: the root array, roots on the node of the range needing them, the present sections. */
function memblocksPresent(ctx: BootContext): PresentSection[] {
  const c = ctx.profile.x86.callers;
  ctx.memblock.allocTryNid("memblock_alloc_try_nid", ROOT_ARRAY_BYTES, 64n, 0n, 0n, -1, c.sparseInit);
  const roots = new Set<bigint>();
  const present = new Map<bigint, number>();
  for (const r of memPfnRanges(ctx.memblock.regions("memory"))) {
    // mminit_validate_memmodel_limits: nothing beyond MAX_PHYSMEM_BITS has a section
    if (r.start >= MAX_SECTION_PFN) continue;
    const first = r.start >> PAGES_PER_SECTION_SHIFT;
    const last = ((r.end < MAX_SECTION_PFN ? r.end : MAX_SECTION_PFN) - 1n) >> PAGES_PER_SECTION_SHIFT;
    for (let s = first; s <= last; s++) {
      const root = s / SECTIONS_PER_ROOT;
      if (!roots.has(root)) {
        roots.add(root);
        ctx.memblock.allocTryNid("memblock_alloc_try_nid", ROOT_BYTES, 64n, 0n, 0n, r.nid, c.sparseIndexAlloc);
      }
      if (!present.has(s)) present.set(s, r.nid);
    }
  }
  return [...present.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([nr, nid]) => ({ nr, nid }));
}

interface VmemmapTables {
  pud: Set<bigint>;
  pmd: Set<bigint>;
}

/** vmemmap_alloc_block_zero for a missing page-table page. */
function vmemmapTable(ctx: BootContext, set: Set<bigint>, index: bigint, nid: number): void {
  if (set.has(index)) return;
  set.add(index);
  const pa = ctx.memblock.allocTryNid("memblock_alloc_try_nid_raw", 4096n, 4096n, MAX_DMA_ADDRESS, 0n, nid, ctx.profile.x86.callers.vmemmapAllocBlockZero);
  if (pa !== 0n) ctx.placements.push({ what: "vmemmap page table", start: pa, end: pa + 4096n, nid });
}

/** sparse_init_nid: usage maps, the memmap buffer, then each section's memmap. */
function sparseInitNid(ctx: BootContext, nid: number, sections: readonly PresentSection[], tables: VmemmapTables): void {
  const c = ctx.profile.x86.callers;
  const pgdat = ctx.nodeData.get(nid);
  const count = BigInt(sections.length);
  const goal = pgdat ? pgdat.start & ~((1n << SECTION_SHIFT) - 1n) : 0n;
  const limit = pgdat ? goal + (1n << SECTION_SHIFT) : 0n;
  const usageNid = pgdat ? earlyPfnToNid(ctx, goal >> 12n) : nid;
  let usage = ctx.memblock.allocTryNid("memblock_alloc_try_nid", count * USAGE_BYTES, 64n, goal, limit, usageNid, c.sparseInitNidUsage);
  if (usage === 0n && limit !== 0n) {
    usage = ctx.memblock.allocTryNid("memblock_alloc_try_nid", count * USAGE_BYTES, 64n, goal, 0n, usageNid, c.sparseInitNidUsage);
  }
  if (usage !== 0n) ctx.placements.push({ what: `section usage maps of node ${nid}`, start: usage, end: usage + count * USAGE_BYTES, nid: usageNid });

  const bufSize = count * SECTION_MAP_BYTES;
  const buf = ctx.memblock.allocTryNid("memblock_alloc_exact_nid_raw", bufSize, SECTION_MAP_BYTES, MAX_DMA_ADDRESS, 0n, nid, c.sparseInitNidBuffer);
  if (buf !== 0n) ctx.placements.push({ what: `memmap of node ${nid}`, start: buf, end: buf + bufSize, nid });
  for (const s of sections) {
    vmemmapTable(ctx, tables.pud, s.nr / SECTIONS_PER_PUD_TABLE, nid);
    vmemmapTable(ctx, tables.pmd, s.nr / SECTIONS_PER_PMD_TABLE, nid);
    if (buf !== 0n) continue; // taken from the buffer, in order, without a line
    const pa = ctx.memblock.allocTryNid("memblock_alloc_try_nid_raw", SECTION_MAP_BYTES, SECTION_MAP_BYTES, MAX_DMA_ADDRESS, 0n, nid, c.vmemmapPopulate);
    if (pa !== 0n) ctx.placements.push({ what: `memmap of section ${s.nr} (node ${nid})`, start: pa, end: pa + SECTION_MAP_BYTES, nid });
  }
}

/** sparse_init: runs of consecutive present sections with one early nid each go to sparse_init_nid. */
export function sparseInit(ctx: BootContext): void {
  const present = memblocksPresent(ctx);
  const tables: VmemmapTables = { pud: new Set(), pmd: new Set() };
  let run: PresentSection[] = [];
  for (const s of present) {
    if (run.length > 0 && run[0]!.nid !== s.nid) {
      sparseInitNid(ctx, run[0]!.nid, run, tables);
      run = [];
    }
    run.push(s);
  }
  if (run.length > 0) sparseInitNid(ctx, run[0]!.nid, run, tables);
}
