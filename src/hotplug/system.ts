/**
 * The run-time state of a booted machine's memory: nodes and their zones,
 * the memory block devices (drivers/base/memory.c), the System RAM resources,
 * the hot-plugged ACPI memory devices and what occupies each page range.
 * Operations live in their own modules (online.ts, offline.ts, acpi-memhotplug.ts,
 * workload.ts) and act on one HotplugSystem.
 */
import type { Emit, KernelEvent } from "../events.js";
import { InputError } from "../errors.js";
import { probeMemoryBlockSize } from "../mm/memory-block-size.js";
import type { HotplugWindow, RuntimeDescription } from "./description.js";
import { ExtentMap } from "./extents.js";
import { lowerBound } from "./search.js";
import { nodeSpan, pfnDown, pfnUp, zoneIntersects } from "./span.js";
import { runningKernelAllocates } from "./running-kernel.js";
import { parseHotplugParams, type HotplugParams } from "./params.js";
import type { HotplugProfile } from "./profile.js";
import type { ZonesProfile } from "../mm/profile.js";
import { zoneNames, type ZoneName } from "../mm/zone.js";
import { PAGE_SHIFT } from "../mm/mem-ranges.js";
import type { BlockState, OnlineType, PfnRange } from "./types.js";

export interface Zone {
  nid: number;
  idx: number;
  name: ZoneName;
  /** Span `[start, end)`; empty when start === end. */
  start: number;
  end: number;
  present: number;
  /** Present pages of early (boot) sections; auto-movable's KERNEL_EARLY. */
  presentEarly: number;
}

export interface NodeState {
  nid: number;
  zones: Zone[];
  cpus: boolean;
  online: boolean;
}

/** One piece of an online block inside one zone (boot blocks can hold several). */
export interface BlockPiece {
  zone: Zone;
  start: number;
  end: number;
}

/** struct memory_group for an ACPI memory device (a static group). */
export interface MemoryGroup {
  maxPages: number;
  presentKernel: number;
  presentMovable: number;
}

export interface MemoryBlock {
  id: number;
  startPfn: number;
  /** mem->nid: the last node registered for it. */
  nid: number;
  /** The nodes with a memoryN link (a boot block across a node boundary has several). */
  nodeLinks: number[];
  state: BlockState;
  /** mem->zone: the single zone of an online block, null when it spans several (or is offline). */
  zone: Zone | null;
  /** Zone pieces of an online block, for shrinking spans when it goes offline. */
  pieces: BlockPiece[];
  /** Every section of the block was present at boot. */
  early: boolean;
  /** System RAM pages in the block (fewer than the block's pages = memory holes). */
  ramPages: number;
  group: MemoryGroup | null;
  /** Pages of the block's own memmap (memmap_on_memory), at its start. */
  altmapPages: number;
  /** The ACPI memory device the block belongs to. */
  dimm: string | null;
  /** When it was last onlined (0: at boot); the buddy hands out the earliest-onlined free pages first. */
  onlineSeq: number;
}

export interface Dimm {
  id: string;
  start: number;
  end: number;
  nid: number;
  group: MemoryGroup;
  /** Ranges are added with MHP_MEMMAP_ON_MEMORY honoured. */
  memmapOnMemory: boolean;
}

/** 1 PiB of 128 MiB sections: far beyond any machine, small enough to walk. */
export const MAX_SECTIONS = 1 << 23;

export class HotplugSystem {
  readonly blockSize: bigint;
  readonly blockPages: number;
  readonly params: HotplugParams;
  readonly nodes = new Map<number, NodeState>();
  readonly blocks = new Map<number, MemoryBlock>();
  /** Block ids in ascending order (the order sysfs lists memoryN is not numeric, but lsmem sorts). */
  private sortedIds: number[] = [];
  /** System RAM resources, sorted `[start, end)` pfn ranges. */
  readonly ram: PfnRange[] = [];
  readonly extents = new ExtentMap();
  readonly dimms = new Map<string, Dimm>();
  readonly windows: HotplugWindow[];
  readonly events: KernelEvent[] = [];
  readonly emit: Emit = (e) => {
    this.events.push(e);
  };
  /** auto_online_blocks: writable at run time. */
  autoOnline: OnlineType;
  nextDimmId = 0;
  /** Counts onlinings, for MemoryBlock.onlineSeq. */
  onlineCount = 0;
  /** policy_zone only ever grows. */
  policyZoneFloor = 0;

  readonly profile: HotplugProfile;
  /** The boot's zone rules, which the run-time zonelist rebuilds follow too. */
  readonly zonesProfile: ZonesProfile;

  constructor(kernel: { hotplug: HotplugProfile; zones: ZonesProfile }, desc: RuntimeDescription) {
    this.profile = kernel.hotplug;
    this.zonesProfile = kernel.zones;
    this.params = parseHotplugParams(desc.cmdline, this.profile);
    this.autoOnline = this.params.defaultOnlineType;
    this.windows = desc.hotplugWindows;
    for (const n of [...desc.nodes].sort((a, b) => a.nid - b.nid)) {
      if (this.nodes.has(n.nid)) throw new InputError(`nodes: node ${n.nid} described twice`);
      const node = this.addNode(n.nid, n.cpus);
      for (const z of n.zones) {
        const zone = node.zones[zoneNames.indexOf(z.zone)]!;
        zone.start = pfnDown(z.start);
        zone.end = pfnUp(z.end);
        zone.present = z.present;
        zone.presentEarly = z.present;
      }
      for (const m of n.memory) this.addRam(pfnDown(m.start), pfnUp(m.end));
    }
    const ramEnd = this.ram.length ? this.ram[this.ram.length - 1]!.end : 0;
    let blockSize = desc.blockSize;
    if (blockSize === undefined) {
      const bootMemEnd = desc.bootMemEnd ?? BigInt(ramEnd) << PAGE_SHIFT;
      blockSize = probeMemoryBlockSize({ maxPfn: bootMemEnd >> PAGE_SHIFT, hypervisor: desc.hypervisor }, this.emit).size;
    }
    this.blockSize = blockSize;
    this.blockPages = Number(blockSize >> PAGE_SHIFT);
    // A page is reserved if any part of it is; overlapping ranges keep the first name given.
    for (const r of desc.reserved) {
      for (const g of this.extents.gapsDescending(pfnDown(r.start), pfnUp(r.end))) {
        this.extents.add({ ...g, kind: "reserved", what: r.what });
      }
    }
    this.createBootBlocks(desc);
    for (const node of this.nodes.values()) runningKernelAllocates(this, node);
  }

  addNode(nid: number, cpus: boolean): NodeState {
    const node: NodeState = {
      nid,
      cpus,
      online: true,
      zones: zoneNames.map((name, idx) => ({ nid, idx, name, start: 0, end: 0, present: 0, presentEarly: 0 })),
    };
    this.nodes.set(nid, node);
    return node;
  }

  addRam(start: number, end: number): void {
    this.ram.splice(lowerBound(this.ram.length, (i) => this.ram[i]!.start < start), 0, { start, end });
  }

  removeRam(start: number, end: number): void {
    const keep: PfnRange[] = [];
    for (const r of this.ram) {
      if (r.end <= start || r.start >= end) keep.push(r);
      else {
        if (r.start < start) keep.push({ start: r.start, end: start });
        if (r.end > end) keep.push({ start: end, end: r.end });
      }
    }
    this.ram.splice(0, this.ram.length, ...keep);
  }

  ramPagesIn(start: number, end: number): number {
    // ram is sorted and disjoint: start at the first range ending after start.
    const lo = lowerBound(this.ram.length, (i) => this.ram[i]!.end <= start);
    let n = 0;
    for (let i = lo; i < this.ram.length && this.ram[i]!.start < end; i++) {
      const r = this.ram[i]!;
      n += Math.min(r.end, end) - Math.max(r.start, start);
    }
    return n;
  }

  /** memory_dev_init + register_one_node for the boot memory. */
  private createBootBlocks(desc: RuntimeDescription): void {
    const sectionPages = Number(this.zonesProfile.pagesPerSection);
    const sectionsPerBlock = this.blockPages / sectionPages;
    let sections = 0;
    for (const r of this.ram) sections += Math.ceil(r.end / sectionPages) - Math.floor(r.start / sectionPages);
    if (sections > MAX_SECTIONS) throw new InputError(`nodes: ${sections} memory sections; memsim models at most ${MAX_SECTIONS} (1 PiB)`);
    const present = new Set<number>();
    for (const r of this.ram) {
      for (let s = Math.floor(r.start / sectionPages); s * sectionPages < r.end; s++) present.add(s);
    }
    for (const s of [...present].sort((a, b) => a - b)) {
      const id = Math.floor(s / sectionsPerBlock);
      if (this.blocks.has(id)) continue;
      this.insertBlock({
        id,
        startPfn: id * this.blockPages,
        nid: -1,
        nodeLinks: [],
        state: "online",
        zone: null,
        pieces: [],
        early: true,
        ramPages: 0,
        group: null,
        altmapPages: 0,
        dimm: null,
        onlineSeq: 0,
      });
    }
    const firstOnline = Math.min(...this.nodes.keys());
    const owned = desc.nodes
      .flatMap((n) => n.memory.map((m) => ({ start: pfnDown(m.start), end: pfnUp(m.end), nid: n.nid })))
      .sort((a, b) => a.start - b.start);
    for (const mem of this.blocks.values()) {
      const start = mem.startPfn;
      const end = start + this.blockPages;
      mem.ramPages = this.ramPagesIn(start, end);
      // Pages of present sections that no node's memory covers read as the first online node.
      const nids = new Set<number>();
      for (let s = start; s < end; s += sectionPages) {
        if (present.has(s / sectionPages) && this.ramPagesIn(s, s + sectionPages) < sectionPages) nids.add(firstOnline);
      }
      for (let i = lowerBound(owned.length, (j) => owned[j]!.end <= start); i < owned.length && owned[i]!.start < end; i++) {
        if (owned[i]!.end > start) nids.add(owned[i]!.nid);
      }
      // register_one_node walks the nodes in order, each over the blocks its span touches.
      let first = true;
      for (const nid of [...nids].sort((a, b) => a - b)) {
        const node = this.nodes.get(nid)!;
        const span = nodeSpan(node);
        if (span.end <= start || span.start >= end) continue;
        const zones = node.zones.filter((z) => z.present > 0 && zoneIntersects(z, start, this.blockPages));
        if (first) mem.zone = zones.length === 1 ? zones[0]! : null;
        else if (mem.nid !== node.nid) mem.zone = null;
        first = false;
        mem.nid = node.nid;
        mem.nodeLinks.push(node.nid);
        for (const z of zones) mem.pieces.push({ zone: z, start: Math.max(z.start, start), end: Math.min(z.end, end) });
      }
      if (mem.nid < 0) {
        mem.nid = firstOnline;
        mem.nodeLinks.push(firstOnline);
      }
    }
  }

  insertBlock(mem: MemoryBlock): void {
    this.blocks.set(mem.id, mem);
    const ids = this.sortedIds;
    ids.splice(lowerBound(ids.length, (i) => ids[i]! < mem.id), 0, mem.id);
  }

  deleteBlock(id: number): void {
    this.blocks.delete(id);
    this.sortedIds = this.sortedIds.filter((x) => x !== id);
  }

  /** Memory blocks in ascending id order. */
  *blocksInOrder(): Generator<MemoryBlock> {
    for (const id of this.sortedIds) yield this.blocks.get(id)!;
  }

  block(id: number, field: string): MemoryBlock {
    const mem = this.blocks.get(id);
    if (!mem) throw new InputError(`${field}: no memory block memory${id}`);
    return mem;
  }

  /** The zone holding `pfn` on its node, by span (what page_zone reports for online memory). */
  zoneOfPfn(pfn: number): Zone | undefined {
    const mem = this.blocks.get(Math.floor(pfn / this.blockPages));
    if (!mem || mem.state !== "online") return undefined;
    return mem.pieces.find((p) => pfn >= p.start && pfn < p.end)?.zone;
  }
}
