// The shape of a boot scenario, as data. A scenario is a QEMU machine (type, RAM, CPUs, optional -numa
// nodes or a custom SRAT) plus the kernel parameters under test; record.ts boots it on every kernel.

import type { NumaNode } from "./qemu.js";

/** One memory affinity entry of a custom SRAT. Addresses and sizes are hex strings. */
export interface SratMemoryEntry {
  pxm: number;
  base: string;
  length: string;
  hotpluggable?: boolean;
  /** Default true; false writes the entry with its Enabled flag clear. */
  enabled?: boolean;
  nonVolatile?: boolean;
}

/** A custom SRAT, encoded by memsim (`memsim srat encode`) at recording time. */
export interface SratSpec {
  /**
   * How the table reaches the guest: "acpitable" (QEMU -acpitable, when QEMU builds no SRAT itself) or
   * "initrd" (the kernel's initrd table override, needed when QEMU writes its own SRAT because of
   * slots=/maxmem=: the table then carries QEMU's OEM IDs and a higher OEM revision).
   */
  via: "acpitable" | "initrd";
  /** ACPI header revision of the SRAT (the kernel reads 8-bit PXMs at revision <= 1). */
  revision: number;
  /** Processor affinity entries, in table order: Local APIC (type 0), or Local x2APIC (type 2) when x2apic. */
  cpus: { apic: number; pxm: number; enabled?: boolean; x2apic?: boolean }[];
  memory: SratMemoryEntry[];
}

export interface Scenario {
  name: string;
  description: string;
  machine: "q35" | "pc";
  /** Boot RAM, QEMU syntax ("512M", "4G"). */
  memory: string;
  slots?: number;
  maxmem?: string;
  cpus: number;
  /** -numa nodes: QEMU builds the SRAT itself. */
  numa?: NumaNode[];
  numaDist?: [number, number, number][];
  srat?: SratSpec;
  /** The scenario's own kernel parameters, appended to the common ones. */
  cmdline: string;
  /** Hard limit for one boot, seconds. */
  timeout?: number;
}

/** Parameters every boot gets, before the scenario's own. */
export const COMMON_CMDLINE = "console=ttyS0 nokaslr memblock=debug panic=-1 loglevel=8";

const UNITS: Record<string, bigint> = { K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n };

/** Bytes of a QEMU size string like "512M" or "64G". */
export function sizeBytes(s: string): bigint {
  const m = /^(\d+)([KMGT]?)$/.exec(s);
  if (!m) throw new Error(`bad size ${s}`);
  return BigInt(m[1]!) * (m[2] ? UNITS[m[2]]! : 1n);
}

/** Hex string of a byte count. */
export const hex = (n: bigint): string => `0x${n.toString(16)}`;
export const GiB = (n: number): bigint => BigInt(Math.round(n * 1024)) << 20n;

/**
 * Guest-physical RAM ranges QEMU gives a machine of this type and size: RAM below 4 GiB up to the
 * machine's limit (q35: 2 GiB when RAM >= 2.75 GiB; pc: 3 GiB when RAM >= 3.5 GiB), the rest at 4 GiB.
 */
export function ramLayout(machine: "q35" | "pc", memory: string): { base: bigint; end: bigint }[] {
  const ram = sizeBytes(memory);
  const [threshold, low] = machine === "q35" ? [0xb0000000n, 0x80000000n] : [0xe0000000n, 0xc0000000n];
  const below = ram >= threshold ? low : ram;
  const r = [{ base: 0n, end: below }];
  if (ram > below) r.push({ base: 1n << 32n, end: (1n << 32n) + ram - below });
  return r;
}
