/**
 * The built-in example (`memsim` with no arguments): a two-socket QEMU q35
 * guest, one CPU and 2 GiB per socket, whose second socket's memory is
 * hot-pluggable, booted with movable_node. Written as the input lines a boot
 * log of such a machine carries, and read back like any log.
 */
import type { Machine } from "../machine.js";
import { readDmesg } from "../readers/dmesg.js";
import { splitLines } from "../readers/text.js";

const EXAMPLE_LOG = `Linux version 6.12.117+deb12-amd64 (memsim built-in example)
Command line: console=ttyS0 nokaslr movable_node
BIOS-provided physical RAM map:
BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved
BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable
BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved
BIOS-e820: [mem 0x00000000b0000000-0x00000000bfffffff] reserved
BIOS-e820: [mem 0x00000000fed1c000-0x00000000fed1ffff] reserved
BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved
BIOS-e820: [mem 0x0000000100000000-0x000000017fffffff] usable
BIOS-e820: [mem 0x000000fd00000000-0x000000ffffffffff] reserved
DMI: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
Hypervisor detected: KVM
found SMP MP-table at [mem 0x000f5b90-0x000f5b9f]
ACPI: RSDP 0x00000000000F5970 000014 (v00 BOCHS )
ACPI: RSDT 0x000000007FFE28BD 00003C (v01 BOCHS  BXPC     00000001 BXPC 00000001)
ACPI: FACP 0x000000007FFE2595 0000F4 (v03 BOCHS  BXPC     00000001 BXPC 00000001)
ACPI: DSDT 0x000000007FFE0040 002555 (v01 BOCHS  BXPC     00000001 BXPC 00000001)
ACPI: FACS 0x000000007FFE0000 000040
ACPI: APIC 0x000000007FFE2689 000080 (v01 BOCHS  BXPC     00000001 BXPC 00000001)
ACPI: HPET 0x000000007FFE2709 000038 (v01 BOCHS  BXPC     00000001 BXPC 00000001)
ACPI: SRAT 0x000000007FFE2741 0000C8 (v01 BOCHS  BXPC     00000001 BXPC 00000001)
ACPI: MCFG 0x000000007FFE2809 00003C (v01 BOCHS  BXPC     00000001 BXPC 00000001)
ACPI: WAET 0x000000007FFE2845 000028 (v01 BOCHS  BXPC     00000001 BXPC 00000001)
SRAT: PXM 0 -> APIC 0x00 -> Node 0
SRAT: PXM 1 -> APIC 0x01 -> Node 1
ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]
ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x7fffffff]
ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x17fffffff] hotplug
smpboot: Allowing 2 CPUs, 0 hotplug CPUs
`;

export function exampleMachine(): Machine {
  return readDmesg(splitLines(EXAMPLE_LOG, "<built-in example>"), "<built-in example>");
}
