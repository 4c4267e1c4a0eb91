// A two-node machine for the renderer tests: the recorded q35 4 GiB boot's firmware lines (e820, ACPI
// tables, MP table, CPUs) with an SRAT that puts [0, 2G) on node 0 and [4G, 6G) on node 1.
import { readFileSync } from "node:fs";
import { boot } from "../../src/boot/boot.js";
import type { BootResult } from "../../src/boot/types.js";
import { profiles } from "../../src/profiles/index.js";
import { readDmesg } from "../../src/readers/dmesg.js";
import { stripLogPrefix } from "../../src/readers/log-prefix.js";
import { splitLines } from "../../src/readers/text.js";

const LOG = "test/goldens/boot/nosrat-q35-4g/6.1/serial.log";
const FIRMWARE = /^(Linux version|BIOS-e820|ACPI: (RSDP|RSDT|XSDT|FACP|DSDT|FACS|APIC|HPET|MCFG|WAET) |found SMP|smpboot: Allowing)/;

export function twoNodeBoot(opts: { cmdline: string; hotplug0?: boolean; kernel?: "6.1" | "6.12" }): BootResult {
  const firmware = readFileSync(LOG, "utf8")
    .split("\n")
    .map((l) => stripLogPrefix(l.replace(/^.*?(?=\[\s*\d+\.\d+\] )/, "")))
    .filter((l) => FIRMWARE.test(l));
  const lines = [
    ...firmware,
    `Command line: ${opts.cmdline}`,
    "SRAT: PXM 0 -> APIC 0x00 -> Node 0",
    "SRAT: PXM 1 -> APIC 0x01 -> Node 1",
    `ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x7fffffff]${opts.hotplug0 ? " hotplug" : ""}`,
    "ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x17fffffff] hotplug",
  ];
  const machine = readDmesg(splitLines(lines.join("\n") + "\n", "fixture"), "fixture");
  return boot(machine, profiles[opts.kernel ?? "6.1"]);
}
