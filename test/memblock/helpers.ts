// Shared set-up for the memblock engine tests.
import { Memblock, type MemblockOptions } from "../../src/memblock/memblock.js";
import type { MemblockMessage } from "../../src/memblock/report.js";
import { profiles } from "../../src/profiles/index.js";

export const SZ_1K = 1n << 10n;
export const SZ_1M = 1n << 20n;
export const SZ_1G = 1n << 30n;
export const PHYS_ADDR_MAX = (1n << 64n) - 1n;
export const VERSIONS = ["6.1", "6.12"] as const;

/** A fresh memblock of one kernel version, collecting what it reports. */
export function fresh(version: "6.1" | "6.12", options: MemblockOptions = {}): { mb: Memblock; messages: MemblockMessage[] } {
  const messages: MemblockMessage[] = [];
  const mb = new Memblock(profiles[version].memblock, { onMessage: (m) => messages.push(m), ...options });
  return { mb, messages };
}

/** The regions of one array as [base, size] pairs. */
export function spans(mb: Memblock, type: "memory" | "reserved"): [bigint, bigint][] {
  return mb[type].regions.map((r) => [r.base, r.size]);
}
