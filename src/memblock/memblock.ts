/**
 * memblock, the boot-time memory manager of mm/memblock.c, for one kernel
 * profile. Method names follow the kernel's functions (memblock_add_node →
 * addNode). Functions that return an int in the kernel return it here too
 * (0 or -errno). Optional `caller` arguments are the `%pS` symbol the kernel
 * prints in memblock=debug lines; those lines go to `onDebug`, everything
 * else memblock prints goes to `onMessage`. panic() and BUG_ON() throw
 * KernelPanic / KernelBug.
 */
import { KernelBug, KernelPanic } from "../printk/bug.js";
import { vsprintf, type PrintfArg } from "../printk/vsprintf.js";
import { allocInternal, allocRangeNid, findInRange } from "./alloc.js";
import { type ArrayOwner, addRange, dummyRegion, removeRange, removeRegion, isolateRange, setClearFlag, setNode } from "./array.js";
import { dumpLines } from "./dump.js";
import type { MemblockProfile } from "./profile.js";
import { RangeWalk, type RangeSource } from "./ranges.js";
import {
  MAX_NUMNODES,
  MEMBLOCK_ALLOC_ACCESSIBLE,
  MEMBLOCK_DRIVER_MANAGED,
  MEMBLOCK_HOTPLUG,
  MEMBLOCK_MIRROR,
  MEMBLOCK_NOMAP,
  MEMBLOCK_NONE,
  MEMBLOCK_REGION_BYTES,
  MEMBLOCK_RSRV_NOINIT,
  MemblockType,
  NUMA_NO_NODE,
  PAGE_SHIFT,
  PAGE_SIZE,
  PHYS_ADDR_MAX,
  type MemblockTypeName,
  type Region,
  capSize,
  roundUp,
  wrap,
} from "./region.js";
import type { MemblockMessage, MemblockReporter } from "./report.js";

export interface MemblockOptions {
  /** memblock=debug lines (memblock_dbg), as printed, without newline. */
  onDebug?: (line: string) => void;
  /** WARN/WARN_ONCE/dump_stack/printk lines memblock emits on its own. */
  onMessage?: MemblockReporter;
  /** kernelcore=mirror: memblock_mark_mirror takes effect (default false). */
  mirroredKernelcore?: boolean;
}

/** A free or memory range as the kernel's range iterators yield it. */
export interface PhysRange {
  start: bigint;
  end: bigint;
  nid: number;
}

/** A for_each_mem_pfn_range step. */
export interface PfnRange {
  startPfn: bigint;
  endPfn: bigint;
  nid: number;
}

const DEPRECATED_MAX_NUMNODES = "Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead";

export class Memblock implements ArrayOwner, RangeSource {
  /** memblock.memory */
  readonly memory = new MemblockType("memory");
  /** memblock.reserved */
  readonly reserved = new MemblockType("reserved");
  /** memblock.bottom_up */
  bottomUp = false;
  /** memblock.current_limit */
  currentLimit = PHYS_ADDR_MAX;
  /** movable_node_enabled: allocations skip MEMBLOCK_HOTPLUG memory. */
  movableNode = false;
  /** system_has_some_mirror (memblock_has_mirror()) */
  hasMirror = false;
  /** memblock_can_resize, set by memblock_allow_resize(). */
  canResize = false;
  readonly mirroredKernelcore: boolean;
  readonly report: MemblockReporter;
  private readonly onDebug: ((line: string) => void) | undefined;
  /** WARN_ONCE sites that fired: once per boot, kept across reset(). */
  private readonly warnedOnce = new Set<string>();

  constructor(
    readonly profile: MemblockProfile,
    options: MemblockOptions = {},
  ) {
    this.onDebug = options.onDebug;
    this.report = options.onMessage ?? (() => {});
    this.mirroredKernelcore = options.mirroredKernelcore ?? false;
    this.reset();
  }

  /** Back to the static boot state: empty arrays of 128 entries, top-down, no limit. */
  reset(): void {
    for (const type of [this.memory, this.reserved]) {
      // 6.1's static dummy entry is zero-initialised: nid 0
      type.regions = this.profile.emptyKeepsDummy ? [dummyRegion(0)] : [];
      type.max = 128;
      type.totalSize = 0n;
      type.arrayAddr = null;
      type.sorted = true;
      type.mergeClean = true;
    }
    this.bottomUp = false;
    this.currentLimit = PHYS_ADDR_MAX;
    this.movableNode = false;
    this.hasMirror = false;
    this.canResize = false;
  }

  // --- internals shared with the array, range and alloc layers ---

  /** numa_valid_node() (6.12) / nid != NUMA_NO_NODE (6.1). */
  isNodeRequest(nid: number): boolean {
    return this.profile.isNodeRequest(nid);
  }

  /** 6.1: WARN_ONCE about MAX_NUMNODES at the site `fn`, which then uses NUMA_NO_NODE. */
  checkNid(nid: number, fn: string): number {
    if (!this.profile.deprecatedMaxNumnodes || nid !== MAX_NUMNODES) return nid;
    this.warnOnce(fn, DEPRECATED_MAX_NUMNODES);
    return NUMA_NO_NODE;
  }

  checkIteratorNid(nid: number, fn: string): number {
    return this.checkNid(nid, fn);
  }

  private warnOnce(fn: string, text: string): void {
    if (this.warnedOnce.has(fn)) return;
    this.warnedOnce.add(fn);
    this.report({ kind: "warn_once", fn, text });
  }

  private dbg(fmt: string, args: PrintfArg[]): void {
    if (this.onDebug) this.onDebug(vsprintf(fmt, args));
  }

  private dbgRange(fn: string, base: bigint, size: bigint, caller: string | undefined): void {
    if (this.onDebug) this.dbg("%s: [%pa-%pa] %pS", [fn, base, wrap(base + size - 1n), caller ?? "?"]);
  }

  /** memblock_double_array(): grow a full array (only after allowResize()). */
  doubleArray(type: MemblockType, newAreaStart: bigint, newAreaSize: bigint): number {
    if (!this.canResize) {
      if (this.profile.resizeRefusal === "panic") throw new KernelPanic(`memblock: cannot resize ${type.name} array`);
      this.report({ kind: "resize_refused", array: type.name });
      return -1;
    }
    const oldSize = BigInt(type.max) * MEMBLOCK_REGION_BYTES;
    const oldAllocSize = roundUp(oldSize, PAGE_SIZE);
    const newAllocSize = roundUp(oldSize * 2n, PAGE_SIZE);
    // only a new reserved array must avoid the range being added
    if (type !== this.reserved) newAreaStart = newAreaSize = 0n;
    let addr = findInRange(this, newAreaStart + newAreaSize, this.currentLimit, newAllocSize, PAGE_SIZE);
    if (!addr && newAreaSize) {
      const below = newAreaStart < this.currentLimit ? newAreaStart : this.currentLimit;
      addr = findInRange(this, 0n, below, newAllocSize, PAGE_SIZE);
    }
    if (!addr) {
      const line = vsprintf("memblock: Failed to double %s array from %ld to %ld entries !", [type.name, type.max, type.max * 2]);
      this.report({ kind: "printk", level: 3, fn: "memblock_double_array", line });
      return -1;
    }
    this.dbg("memblock: %s is doubled to %ld at [%pa-%pa]", [type.name, type.max * 2, addr, addr + oldSize * 2n - 1n]);
    const oldAddr = type.arrayAddr;
    type.arrayAddr = addr;
    type.max *= 2;
    if (oldAddr !== null) this.physFree(oldAddr, oldAllocSize, this.profile.callers.memblockFree);
    if (this.reserve(addr, newAllocSize, this.profile.callers.doubleArrayReserve)) {
      throw new KernelBug("memblock_double_array", "memblock_reserve(addr, new_alloc_size)");
    }
    return 0;
  }

  // --- adding and removing ---

  /** memblock_allow_resize(): from now on full arrays double instead of failing. */
  allowResize(): void {
    this.canResize = true;
  }

  /** memblock_add_node(): add memory of node `nid` with `flags`. */
  addNode(base: bigint, size: bigint, nid: number, flags = MEMBLOCK_NONE, caller?: string): number {
    if (this.onDebug) {
      this.dbg("%s: [%pa-%pa] nid=%d flags=%x %pS", ["memblock_add_node", base, wrap(base + size - 1n), nid, flags, caller ?? "?"]);
    }
    return addRange(this, this.memory, base, size, nid, flags);
  }

  /** memblock_add(): add memory of no node yet (MAX_NUMNODES). */
  add(base: bigint, size: bigint, caller?: string): number {
    this.dbgRange("memblock_add", base, size, caller);
    return addRange(this, this.memory, base, size, MAX_NUMNODES, MEMBLOCK_NONE);
  }

  /** memblock_remove(): take a range out of memory. */
  remove(base: bigint, size: bigint, caller?: string): number {
    this.dbgRange("memblock_remove", base, size, caller);
    return removeRange(this, this.memory, base, size);
  }

  /** memblock_reserve() */
  reserve(base: bigint, size: bigint, caller?: string): number {
    this.dbgRange("memblock_reserve", base, size, caller);
    return addRange(this, this.reserved, base, size, MAX_NUMNODES, MEMBLOCK_NONE);
  }

  /** memblock_phys_free(): release a reservation (memblock_free() prints the same line). */
  physFree(base: bigint, size: bigint, caller?: string): number {
    this.dbgRange("memblock_phys_free", base, size, caller);
    return removeRange(this, this.reserved, base, size);
  }

  /** memblock_free_late(): the pages go straight to the buddy allocator; the arrays stay as they are. */
  freeLate(base: bigint, size: bigint, caller?: string): void {
    this.dbgRange("memblock_free_late", base, size, caller);
  }

  // --- flags and nodes ---

  /** memblock_mark_hotplug() */
  markHotplug(base: bigint, size: bigint): number {
    return setClearFlag(this, this.memory, base, size, true, MEMBLOCK_HOTPLUG);
  }

  /** memblock_clear_hotplug() */
  clearHotplug(base: bigint, size: bigint): number {
    return setClearFlag(this, this.memory, base, size, false, MEMBLOCK_HOTPLUG);
  }

  /** memblock_mark_mirror(): a no-op without kernelcore=mirror; otherwise allocations prefer mirror from now on. */
  markMirror(base: bigint, size: bigint): number {
    if (!this.mirroredKernelcore) return 0;
    this.hasMirror = true;
    return setClearFlag(this, this.memory, base, size, true, MEMBLOCK_MIRROR);
  }

  /** memblock_mark_nomap() */
  markNomap(base: bigint, size: bigint): number {
    return setClearFlag(this, this.memory, base, size, true, MEMBLOCK_NOMAP);
  }

  /** memblock_clear_nomap() */
  clearNomap(base: bigint, size: bigint): number {
    return setClearFlag(this, this.memory, base, size, false, MEMBLOCK_NOMAP);
  }

  /** memblock_reserved_mark_noinit() (6.12) */
  reservedMarkNoinit(base: bigint, size: bigint): number {
    return setClearFlag(this, this.reserved, base, size, true, MEMBLOCK_RSRV_NOINIT);
  }

  /** memblock_set_node() on memblock.memory or memblock.reserved. */
  setNode(base: bigint, size: bigint, nid: number, type: MemblockTypeName = "memory"): number {
    return setNode(this, this[type], base, size, nid);
  }

  // --- limits ---

  /** memblock_set_bottom_up() */
  setBottomUp(enable: boolean): void {
    this.bottomUp = enable;
  }

  /** memblock_set_current_limit() */
  setCurrentLimit(limit: bigint): void {
    this.currentLimit = limit;
  }

  /** memblock_trim_memory(): shrink memory regions to `align`; drops those that vanish. */
  trimMemory(align: bigint): void {
    const regions = this.memory.regions;
    this.memory.mergeClean = false;
    for (let i = 0; i < regions.length; i++) {
      const r = regions[i] as Region;
      const origStart = r.base;
      const origEnd = r.end;
      const start = roundUp(origStart, align);
      const end = origEnd & ~((align - 1n) & PHYS_ADDR_MAX);
      if (start === origStart && end === origEnd) continue;
      if (start < end) {
        // total_size is left as it was; a round_up that wraps moves the region down
        if (start < origStart) this.memory.sorted = false;
        r.base = start;
        r.size = end - start;
        r.end = end;
      } else {
        removeRegion(this, this.memory, i);
        i--;
      }
    }
  }

  /** __find_max_addr(): the address below which memory adds up to `limit`, or PHYS_ADDR_MAX. */
  private findMaxAddr(limit: bigint): bigint {
    for (const r of this.memory.regions) {
      if (limit <= r.size) return r.base + limit;
      limit -= r.size;
    }
    return PHYS_ADDR_MAX;
  }

  /** memblock_enforce_memory_limit() (mem=): drop memory and reservations beyond `limit` bytes of memory. */
  enforceMemoryLimit(limit: bigint): void {
    if (!limit) return;
    const maxAddr = this.findMaxAddr(limit);
    if (maxAddr === PHYS_ADDR_MAX) return;
    removeRange(this, this.memory, maxAddr, PHYS_ADDR_MAX);
    removeRange(this, this.reserved, maxAddr, PHYS_ADDR_MAX);
  }

  /** memblock_cap_memory_range(): keep only [base, base+size) of memory (and NOMAP regions anywhere). */
  capMemoryRange(base: bigint, size: bigint): void {
    if (!size) return;
    if (!this.memory.totalSize) {
      this.report({ kind: "printk", level: 4, fn: "memblock_cap_memory_range", line: "memblock_cap_memory_range: No memory registered yet" });
      return;
    }
    const [ret, startRgn, endRgn] = isolateRange(this, this.memory, base, size);
    if (ret) return;
    // NOMAP halves of split regions stay beside the other halves
    this.memory.mergeClean = false;
    const regions = this.memory.regions;
    for (let i = regions.length - 1; i >= endRgn; i--) {
      if (!((regions[i] as Region).flags & MEMBLOCK_NOMAP)) removeRegion(this, this.memory, i);
    }
    for (let i = startRgn - 1; i >= 0; i--) {
      if (!((regions[i] as Region).flags & MEMBLOCK_NOMAP)) removeRegion(this, this.memory, i);
    }
    removeRange(this, this.reserved, 0n, base);
    removeRange(this, this.reserved, wrap(base + size), PHYS_ADDR_MAX);
  }

  /** memblock_mem_limit_remove_map() */
  memLimitRemoveMap(limit: bigint): void {
    if (!limit) return;
    const maxAddr = this.findMaxAddr(limit);
    if (maxAddr === PHYS_ADDR_MAX) return;
    this.capMemoryRange(0n, maxAddr);
  }

  // --- allocation ---

  /** memblock_alloc_range_nid(): physical address, or 0. */
  allocRangeNid(size: bigint, align: bigint, start: bigint, end: bigint, nid: number, exactNid: boolean): bigint {
    return allocRangeNid(this, size, align, start, end, nid, exactNid);
  }

  /** memblock_phys_alloc_range(): any node, [start, end) as given. */
  physAllocRange(size: bigint, align: bigint, start: bigint, end: bigint, caller?: string): bigint {
    if (this.onDebug) {
      this.dbg("%s: %llu bytes align=0x%llx from=%pa max_addr=%pa %pS", ["memblock_phys_alloc_range", size, align, start, end, caller ?? "?"]);
    }
    return allocRangeNid(this, size, align, start, end, NUMA_NO_NODE, false);
  }

  /** memblock_phys_alloc(): memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE). */
  physAlloc(size: bigint, align: bigint, caller?: string): bigint {
    return this.physAllocRange(size, align, 0n, MEMBLOCK_ALLOC_ACCESSIBLE, caller);
  }

  /** memblock_phys_alloc_try_nid(): no debug line. */
  physAllocTryNid(size: bigint, align: bigint, nid: number): bigint {
    return allocRangeNid(this, size, align, 0n, MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
  }

  private allocNamed(fn: string, size: bigint, align: bigint, minAddr: bigint, maxAddr: bigint, nid: number, exact: boolean, caller?: string): bigint {
    if (this.onDebug) {
      this.dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS", [fn, size, align, nid, minAddr, maxAddr, caller ?? "?"]);
    }
    return allocInternal(this, size, align, minAddr, maxAddr, nid, exact);
  }

  /** memblock_alloc_try_nid() (and memblock_alloc/_from/_low/_node): physical address, or 0. */
  allocTryNid(size: bigint, align: bigint, minAddr: bigint, maxAddr: bigint, nid: number, caller?: string): bigint {
    return this.allocNamed("memblock_alloc_try_nid", size, align, minAddr, maxAddr, nid, false, caller);
  }

  /** memblock_alloc_try_nid_raw() */
  allocTryNidRaw(size: bigint, align: bigint, minAddr: bigint, maxAddr: bigint, nid: number, caller?: string): bigint {
    return this.allocNamed("memblock_alloc_try_nid_raw", size, align, minAddr, maxAddr, nid, false, caller);
  }

  /** memblock_alloc_exact_nid_raw(): never falls back to another node. */
  allocExactNidRaw(size: bigint, align: bigint, minAddr: bigint, maxAddr: bigint, nid: number, caller?: string): bigint {
    return this.allocNamed("memblock_alloc_exact_nid_raw", size, align, minAddr, maxAddr, nid, true, caller);
  }

  // --- queries ---

  /** for_each_free_mem_range (or _reverse): memory minus reserved, filtered like allocations. */
  freeRanges(nid = NUMA_NO_NODE, flags = MEMBLOCK_NONE, reverse = false): PhysRange[] {
    return this.collect(new RangeWalk(this, this.memory, this.reserved, nid, flags, reverse));
  }

  /** for_each_mem_range (or _rev): memory regions, including HOTPLUG and DRIVER_MANAGED ones. */
  memRanges(reverse = false): PhysRange[] {
    return this.collect(new RangeWalk(this, this.memory, null, NUMA_NO_NODE, MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED, reverse));
  }

  /** for_each_reserved_mem_range */
  reservedRanges(): PhysRange[] {
    return this.collect(new RangeWalk(this, this.reserved, null, NUMA_NO_NODE, MEMBLOCK_NONE));
  }

  private collect(walk: RangeWalk): PhysRange[] {
    const out: PhysRange[] = [];
    while (walk.next()) out.push({ start: walk.start, end: walk.end, nid: walk.nid });
    return out;
  }

  /** for_each_mem_pfn_range: whole pages of each memory region of `nid` (or of all nodes). */
  memPfnRanges(nid: number): PfnRange[] {
    const out: PfnRange[] = [];
    const all = this.profile.pfnRangeAllNodes(nid);
    for (const r of this.memory.regions) {
      const startPfn = wrap(r.base + PAGE_SIZE - 1n) >> PAGE_SHIFT;
      const endPfn = r.end >> PAGE_SHIFT;
      if (startPfn >= endPfn) continue;
      if (all || nid === r.nid) out.push({ startPfn, endPfn, nid: r.nid });
    }
    return out;
  }

  /** memblock_phys_mem_size(): memory.total_size. */
  physMemSize(): bigint {
    return this.memory.totalSize;
  }

  /** memblock_reserved_size(): reserved.total_size. */
  reservedSize(): bigint {
    return this.reserved.totalSize;
  }

  /** memblock_start_of_DRAM() (0 when there is no region). */
  startOfDRAM(): bigint {
    return this.memory.regions[0]?.base ?? 0n;
  }

  /** memblock_end_of_DRAM() (0 when there is no region). */
  endOfDRAM(): bigint {
    const r = this.memory.regions[this.memory.cnt - 1];
    return r ? r.end : 0n;
  }

  /** memblock_search(): index of the region of `type` holding `addr`, or -1. */
  search(type: MemblockTypeName, addr: bigint): number {
    const regions = this[type].regions;
    let left = 0;
    let right = regions.length;
    // the kernel's do/while probes index 0 even of an empty array
    do {
      const mid = (left + right) >>> 1;
      const r = regions[mid];
      if (!r) return -1;
      if (addr < r.base) right = mid;
      else if (addr >= r.end) left = mid + 1;
      else return mid;
    } while (left < right);
    return -1;
  }

  /** memblock_is_memory() */
  isMemory(addr: bigint): boolean {
    return this.search("memory", addr) !== -1;
  }

  /** memblock_is_reserved() */
  isReserved(addr: bigint): boolean {
    return this.search("reserved", addr) !== -1;
  }

  /** memblock_is_map_memory(): memory and not NOMAP. */
  isMapMemory(addr: bigint): boolean {
    const i = this.search("memory", addr);
    return i !== -1 && !((this.memory.regions[i] as Region).flags & MEMBLOCK_NOMAP);
  }

  /** memblock_is_region_memory(): [base, base+size) lies inside one memory region. */
  isRegionMemory(base: bigint, size: bigint): boolean {
    const idx = this.search("memory", base);
    if (idx === -1) return false;
    const r = this.memory.regions[idx] as Region;
    return r.end >= base + capSize(base, size);
  }

  /** memblock_overlaps_region() */
  overlapsRegion(type: MemblockTypeName, base: bigint, size: bigint): boolean {
    size = capSize(base, size);
    return this[type].regions.some((r) => base < r.end && r.base < base + size);
  }

  /** memblock_is_region_reserved(): [base, base+size) intersects a reservation. */
  isRegionReserved(base: bigint, size: bigint): boolean {
    return this.overlapsRegion("reserved", base, size);
  }

  /** memblock_search_pfn_nid(): nid and pfn bounds of the memory region holding `pfn`, or null. */
  searchPfnNid(pfn: bigint): PfnRange | null {
    const mid = this.search("memory", pfn << PAGE_SHIFT);
    if (mid === -1) return null;
    const r = this.memory.regions[mid] as Region;
    return { startPfn: r.base >> PAGE_SHIFT, endPfn: r.end >> PAGE_SHIFT, nid: r.nid };
  }

  /** __memblock_dump_all(): the lines memblock_dump_all() prints with memblock=debug. */
  dumpAll(): string[] {
    return dumpLines(this.profile, this.memory, this.reserved);
  }
}

export type { MemblockMessage };
