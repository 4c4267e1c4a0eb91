/**
 * Hot-add and hot-remove of an ACPI memory device (PNP0C80; QEMU's pc-dimm):
 * drivers/acpi/acpi_memhotplug.c, mm/memory_hotplug.c:add_memory_resource and
 * try_remove_memory, and the ACPI eject path's automatic offlining
 * (drivers/acpi/scan.c:acpi_scan_try_to_offline).
 */
import type { ErrnoName } from "./errno.js";
import { InputError } from "../errors.js";
import { deviceOffline, deviceOnline } from "./device.js";
import { placeKernelPages } from "./workload.js";
import type { Dimm, HotplugSystem, MemoryBlock } from "./system.js";
import { memLast, memStart, nodePresent, nodeSpan, pfnDown, pfnToAddr } from "./span.js";
import { rebuildZonelists } from "./zonelists.js";
import { PAGE_SHIFT } from "../mm/mem-ranges.js";
import { MAX_NUMNODES } from "../kconfig.js";

export interface AddDimmRequest {
  size: bigint;
  /** The node the device's _PXM names; without it memory_add_physaddr_to_nid decides. */
  nid?: number;
  /** Guest-physical address; without it the first free, block-aligned place in a hotplug window. */
  at?: bigint;
  id?: string;
  /** Script location for errors. */
  where: string;
}

export interface DimmOutcome {
  ok: boolean;
  errno?: ErrnoName;
  note: string;
  /** The removal never finishes (an offline attempt inside the eject retries forever). */
  hangs?: boolean;
  dimm?: string;
}

/** More blocks than any DIMM has (128 TiB of 128 MiB blocks). */
const MAX_DIMM_BLOCKS = 1 << 20;

/** Pages of struct page (the memmap) that describe `pages` pages. */
const memmapPagesFor = (sys: HotplugSystem, pages: number): number => Number((BigInt(pages) * sys.zonesProfile.structPageSize) >> PAGE_SHIFT);

const DEVICE_NAME = (slot: number): string => `acpi PNP0C80:${slot.toString(16).padStart(2, "0")}`;

/** QEMU's first fit: the lowest block-aligned free place in a window, past RAM and the DIMMs already there. */
function findPlace(sys: HotplugSystem, pages: number, where: string): number {
  const taken = [...sys.ram, ...[...sys.dimms.values()].map((d) => ({ start: d.start, end: d.end }))].sort((a, b) => a.start - b.start);
  const align = (pfn: number) => Math.ceil(pfn / sys.blockPages) * sys.blockPages;
  for (const w of sys.windows) {
    let cursor = align(pfnDown(w.start));
    const end = pfnDown(w.end);
    for (const t of taken) {
      if (t.end <= cursor || t.start >= end) continue;
      if (t.start - cursor >= pages) break;
      cursor = align(t.end);
    }
    if (cursor + pages <= end) return cursor;
  }
  throw new InputError(`${where}: no room for ${pages} pages in the hotplug windows`);
}

/** acpi_memory_device_add → __add_memory → add_memory_resource, then auto-onlining. */
export function addDimm(sys: HotplugSystem, req: AddDimmRequest): DimmOutcome {
  const pages = Number(req.size >> PAGE_SHIFT);
  if (pages <= 0) throw new InputError(`${req.where}: a DIMM needs a size`);
  if (pages / sys.blockPages > MAX_DIMM_BLOCKS) throw new InputError(`${req.where}: a DIMM of ${req.size} bytes is beyond what memsim models`);
  if (req.at !== undefined && req.at + req.size > 1n << 64n) throw new InputError(`${req.where}: the DIMM would end beyond 2^64`);
  const start = req.at !== undefined ? pfnDown(req.at) : findPlace(sys, pages, req.where);
  const end = start + pages;
  const slot = sys.nextDimmId++;
  const id = req.id ?? `dimm${slot}`;
  if (sys.dimms.has(id)) throw new InputError(`${req.where}: device id '${id}' is in use`);
  const dev = DEVICE_NAME(slot);
  if (sys.ramPagesIn(start, end) > 0 || [...sys.dimms.values()].some((d) => d.start < end && d.end > start)) {
    return { ok: false, errno: "EEXIST", note: `[mem ${memStart(start)}-${memLast(end)}] overlaps existing memory` };
  }
  if (start % sys.blockPages !== 0 || pages % sys.blockPages !== 0) {
    sys.emit({
      phase: "hotplug",
      kind: "add.unaligned",
      line: `Block size [0x${sys.blockSize.toString(16)}] unaligned hotplug range: start 0x${pfnToAddr(start).toString(16)}, size 0x${req.size.toString(16)}`,
      level: 3,
    });
    for (const line of ["add_memory failed", "acpi_memory_enable_device() error"]) {
      sys.emit({ phase: "hotplug", kind: "acpi.memhotplug_error", line: `${dev}: ${line}`, level: 3 });
    }
    return { ok: false, errno: "EINVAL", note: "the range is not aligned to the memory block size; the device stays unused" };
  }
  const nid = req.nid ?? sys.windows.find((w) => pfnDown(w.start) <= start && start < pfnDown(w.end))?.nid ?? Math.min(...sys.nodes.keys());
  if (nid < 0 || nid >= MAX_NUMNODES) throw new InputError(`${req.where}: node ${nid} is not possible`);
  // 6.1 asks for memmap_on_memory only for a single-block range; 6.12 for every block.
  const altmap =
    sys.params.memmapOnMemory !== "off" && (sys.profile.memmapOnMemory === "per-block" || pages === sys.blockPages)
      ? memmapPagesFor(sys, sys.blockPages)
      : 0;
  let node = sys.nodes.get(nid);
  if (!node || !node.online) {
    node = node ?? sys.addNode(nid, false);
    node.online = false;
    for (const e of rebuildZonelists(sys, node)) sys.emit(e);
    node.online = true;
  }
  const dimm: Dimm = { id, start, end, nid, group: { maxPages: pages, presentKernel: 0, presentMovable: 0 }, memmapOnMemory: altmap > 0 };
  sys.dimms.set(id, dimm);
  sys.addRam(start, end);
  if (!altmap) {
    // Without memmap_on_memory the memmap (2 MiB per section) comes from the node's kernel memory.
    const sectionPages = Number(sys.zonesProfile.pagesPerSection);
    const memmapPages = (pages / sectionPages) * memmapPagesFor(sys, sectionPages);
    placeKernelPages(sys, nid, memmapPages, `memmap of ${id}`, id);
  }
  const blocks: MemoryBlock[] = [];
  for (let s = start; s < end; s += sys.blockPages) {
    const mem: MemoryBlock = {
      id: s / sys.blockPages,
      startPfn: s,
      nid,
      nodeLinks: [nid],
      state: "offline",
      zone: null,
      pieces: [],
      early: false,
      ramPages: sys.blockPages,
      group: dimm.group,
      altmapPages: altmap,
      dimm: id,
      onlineSeq: 0,
    };
    sys.insertBlock(mem);
    blocks.push(mem);
  }
  if (sys.autoOnline !== "offline") for (const mem of blocks) deviceOnline(sys, mem, sys.autoOnline);
  const where = blocks.map((m) => `memory${m.id}${m.state === "online" ? `(${m.zone!.name})` : ""}`).join(" ");
  const memmap = dimm.memmapOnMemory ? " (memmap on the memory itself)" : "";
  return { ok: true, dimm: id, note: `${id} at [mem ${memStart(start)}-${memLast(end)}] on node ${nid}${memmap}: ${where}` };
}

/** device_del: the eject offlines every block (two passes), then removes the memory; -EBUSY re-onlines. */
export function removeDimm(sys: HotplugSystem, id: string, where: string): DimmOutcome {
  const dimm = sys.dimms.get(id);
  if (!dimm) throw new InputError(`${where}: no DIMM '${id}'`);
  const blocks = [...sys.blocksInOrder()].filter((m) => m.dimm === id);
  const putOnline = new Set<MemoryBlock>();
  const failed: MemoryBlock[] = [];
  for (const mem of blocks) {
    const r = deviceOffline(sys, mem);
    if (r === 1) continue;
    if (r.ok) putOnline.add(mem);
    else if (r.failure?.hangs) return { ok: false, hangs: true, note: `eject never finishes: ${r.note}` };
    else failed.push(mem);
  }
  // The second pass retries the blocks the first one could not offline and stops at the first refusal.
  let refused: { mem: MemoryBlock; note: string } | undefined;
  for (const mem of failed) {
    const r = deviceOffline(sys, mem);
    if (r === 1) continue;
    if (r.ok) putOnline.add(mem);
    else {
      refused = { mem, note: r.note };
      break;
    }
  }
  if (refused) {
    sys.emit({ phase: "hotplug", kind: "acpi.offline_failed", line: `memory memory${refused.mem.id}: Offline failed.`, level: 4 });
    for (const mem of putOnline) deviceOnline(sys, mem, "online");
    return { ok: false, errno: "EBUSY", note: `${id} stays: ${refused.note}; the blocks the eject offlined are online again` };
  }
  for (const mem of blocks) sys.deleteBlock(mem.id);
  sys.extents.remove(dimm.start, dimm.end);
  for (const e of sys.extents.all().filter((x) => x.owner === id)) sys.extents.remove(e.start, e.end);
  sys.removeRam(dimm.start, dimm.end);
  sys.dimms.delete(id);
  tryOfflineNode(sys, dimm.nid);
  return { ok: true, note: `${id} removed` };
}

/** try_offline_node: the node goes only when it spans nothing, has no blocks and no CPUs. */
function tryOfflineNode(sys: HotplugSystem, nid: number): void {
  const node = sys.nodes.get(nid)!;
  const span = nodeSpan(node);
  if (span.end > span.start || nodePresent(node) > 0 || node.cpus) return;
  for (const mem of sys.blocks.values()) if (mem.nid === nid) return;
  node.online = false;
}
