/**
 * The x86-64 zones and their architectural boundaries: zone_sizes_init
 * (arch/x86/mm/init.c) gives each zone's highest pfn, free_area_init lays
 * the zones end to end from the first pfn of memory, ZONE_MOVABLE having no
 * range of its own.
 */

export const ZONE_DMA = 0;
export const ZONE_DMA32 = 1;
export const ZONE_NORMAL = 2;
export const ZONE_MOVABLE = 3;
export const MAX_NR_ZONES = 5;

export const zoneNames = ["DMA", "DMA32", "Normal", "Movable", "Device"] as const;
export type ZoneName = (typeof zoneNames)[number];

/** MAX_DMA_PFN (16 MiB) and MAX_DMA32_PFN (4 GiB), arch/x86/include/asm/dma.h. */
export const MAX_DMA_PFN = 0x1000n;
export const MAX_DMA32_PFN = 0x100000n;

/** A pfn range `[lowest, highest)`; empty when they are equal. */
export interface ZoneBounds {
  lowest: bigint;
  highest: bigint;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** zone_sizes_init: the highest pfn of each zone (Device 0, Movable unused). */
export function maxZonePfns(maxLowPfn: bigint): bigint[] {
  return [min(MAX_DMA_PFN, maxLowPfn), min(MAX_DMA32_PFN, maxLowPfn), maxLowPfn, 0n, 0n];
}

/**
 * arch_zone_lowest/highest_possible_pfn: each zone starts where the previous
 * one ended, beginning at the first pfn of memory; Movable stays [0, 0).
 */
export function archZoneBounds(firstPfn: bigint, maxZonePfn: readonly bigint[]): ZoneBounds[] {
  const bounds: ZoneBounds[] = [];
  let start = firstPfn;
  for (let z = 0; z < MAX_NR_ZONES; z++) {
    if (z === ZONE_MOVABLE) {
      bounds.push({ lowest: 0n, highest: 0n });
      continue;
    }
    const end = max(maxZonePfn[z] ?? 0n, start);
    bounds.push({ lowest: start, highest: end });
    start = end;
  }
  return bounds;
}

/** find_usable_zone_for_movable: the highest non-Movable zone with a non-empty range. */
export function usableZoneForMovable(bounds: readonly ZoneBounds[]): number {
  for (let z = MAX_NR_ZONES - 1; z >= 0; z--) {
    if (z === ZONE_MOVABLE) continue;
    const b = bounds[z];
    if (b && b.highest > b.lowest) return z;
  }
  return ZONE_DMA;
}
