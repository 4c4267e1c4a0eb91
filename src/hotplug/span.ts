/**
 * Page-frame and span arithmetic shared by the run-time modules: address
 * conversion, the kernel's range formatting, and zone/node span tests
 * (include/linux/mmzone.h zone_intersects, pgdat spans).
 */
import type { MemoryBlock, NodeState, Zone } from "./system.js";
import { ZONE_MOVABLE } from "../mm/zone.js";
import { PAGE_SHIFT } from "../mm/mem-ranges.js";
import type { PfnRange } from "./types.js";

export function pfnDown(addr: bigint): number {
  return Number(addr >> PAGE_SHIFT);
}

export function pfnUp(addr: bigint): number {
  return Number((addr + (1n << PAGE_SHIFT) - 1n) >> PAGE_SHIFT);
}

export function pfnToAddr(pfn: number): bigint {
  return BigInt(pfn) << PAGE_SHIFT;
}

export function zoneIsEmpty(z: Zone): boolean {
  return z.end <= z.start;
}

/** zone_intersects: a non-empty span overlapping `[start, start + nr)`. */
export function zoneIntersects(z: Zone, start: number, nr: number): boolean {
  if (zoneIsEmpty(z)) return false;
  return start < z.end && start + nr > z.start;
}

/** The node's span: the hull of its non-empty zone spans. */
export function nodeSpan(node: NodeState): PfnRange {
  let start = Infinity;
  let end = 0;
  for (const z of node.zones) {
    if (zoneIsEmpty(z)) continue;
    start = Math.min(start, z.start);
    end = Math.max(end, z.end);
  }
  return start === Infinity ? { start: 0, end: 0 } : { start, end };
}

export function nodePresent(node: NodeState): number {
  return node.zones.reduce((n, z) => n + z.present, 0);
}

/** `%#010llx` of a pfn's first byte, as the hotplug messages print ranges. */
export function memStart(pfn: number): string {
  return `0x${pfnToAddr(pfn).toString(16).padStart(8, "0")}`;
}

/** `%#010llx` of the last byte before `endPfn`. */
export function memLast(endPfn: number): string {
  return `0x${(pfnToAddr(endPfn) - 1n).toString(16).padStart(8, "0")}`;
}

/** adjust_present_page_count. */
export function adjustPresent(mem: MemoryBlock, zone: Zone, pages: number): void {
  zone.present += pages;
  if (mem.early) zone.presentEarly += pages;
  if (mem.group) {
    if (zone.idx === ZONE_MOVABLE) mem.group.presentMovable += pages;
    else mem.group.presentKernel += pages;
  }
}
