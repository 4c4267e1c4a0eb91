// Test helper: prints a machine the way the kernel's boot log shows it (the
// kernel's format strings, through memsim's vsprintf), wrapped in the line
// prefixes of dmesg, journalctl and syslog, so that reader tests can check
// that reading a printed machine gives the machine back.
import type { SratCpuAffinity, SratMemoryAffinity, SratX2apicAffinity } from "../../src/acpi/srat.js";
import type { AcpiTable, Machine } from "../../src/machine.js";
import { vsprintf } from "../../src/printk/vsprintf.js";
import { e820PrintTable } from "../../src/x86/e820.js";

export type LogStyle = "plain" | "dmesg" | "journal" | "syslog" | "raw";

const RELEASE = { "6.1": "6.1.0-56-amd64", "6.12": "6.12.117+deb12-amd64" } as const;

function tableLine(t: AcpiTable): string {
  const addr = t.address.toString(16).toUpperCase().padStart(16, "0");
  if (t.signature === "RSDP") return vsprintf("ACPI: RSDP 0x%s %06X (v%.2d %-6.6s)", [addr, t.length, t.revision ?? 0, t.oemId ?? ""]);
  if (t.signature === "FACS") return vsprintf("ACPI: %-4.4s 0x%s %06X", [t.signature, addr, t.length]);
  return vsprintf("ACPI: %-4.4s 0x%s %06X (v%.2d %-6.6s %-8.8s %08X %-4.4s %08X)", [
    t.signature,
    addr,
    t.length,
    t.revision ?? 0,
    t.oemId ?? "",
    t.oemTableId ?? "",
    t.oemRevision ?? 0,
    t.creatorId ?? "",
    t.creatorRevision ?? 0,
  ]);
}

/** The machine's lines in boot order, without prefixes. */
export function machineLog(m: Machine): string[] {
  const version = m.kernel ?? "6.12";
  const out: string[] = [];
  out.push(`Linux version ${RELEASE[version]} (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian`);
  out.push(`Command line: ${m.cmdline}`);
  out.push("BIOS-provided physical RAM map:");
  e820PrintTable(m.e820, "BIOS-e820", (e) => void out.push(e.line));
  if (m.dmi !== undefined) out.push(`DMI: ${m.dmi}`);
  if (m.hypervisor !== undefined) out.push(`Hypervisor detected: ${m.hypervisor}`);
  out.push("e820: update [mem 0x00000000-0x00000fff] usable ==> reserved");
  if (m.mpTable) out.push(vsprintf("found SMP MP-table at [mem %#010lx-%#010lx]", [m.mpTable.start, m.mpTable.end]));
  if (m.initrd) out.push(vsprintf("RAMDISK: [mem %#010llx-%#010llx]", [m.initrd.start, m.initrd.end]));
  out.push("ACPI: Early table checksum verification disabled");
  for (const t of m.acpiTables) out.push(tableLine(t));
  const srat = m.srat;
  if (srat) {
    const cpus = srat.subtables.filter((s): s is SratCpuAffinity | SratX2apicAffinity => s.kind === "cpuAffinity" || s.kind === "x2apicAffinity");
    const mems = srat.subtables.filter((s): s is SratMemoryAffinity => s.kind === "memoryAffinity");
    const nodes = new Map<number, number>();
    const node = (pxm: number) => {
      if (!nodes.has(pxm)) nodes.set(pxm, nodes.size);
      return nodes.get(pxm)!;
    };
    for (const c of cpus) {
      const pxm = c.kind === "cpuAffinity" ? c.proximityDomainLo | (c.proximityDomainHi << 8) : c.proximityDomain;
      const fmt = c.kind === "cpuAffinity" ? "SRAT: PXM %u -> APIC 0x%02x -> Node %u" : "SRAT: PXM %u -> APIC 0x%04x -> Node %u";
      const line = vsprintf(fmt, [pxm, c.apicId, node(pxm)]);
      if (version === "6.1") out.push(line);
    }
    for (const e of mems) {
      out.push(
        vsprintf("ACPI: SRAT: Node %u PXM %u [mem %#010Lx-%#010Lx]%s%s", [
          node(e.proximityDomain),
          e.proximityDomain,
          e.baseAddress,
          e.baseAddress + e.addressLength - 1n,
          e.flags & 2 ? " hotplug" : "",
          e.flags & 4 ? " non-volatile" : "",
        ]),
      );
    }
  }
  if (m.cpus) {
    out.push(
      version === "6.1"
        ? `smpboot: Allowing ${m.cpus.possible} CPUs, ${m.cpus.hotplug} hotplug CPUs`
        : `CPU topo: Allowing ${m.cpus.possible - m.cpus.hotplug} present CPUs plus ${m.cpus.hotplug} hotplug CPUs`,
    );
  }
  return out;
}

/** One message as a logging tool writes it. */
export function withPrefix(msg: string, style: LogStyle, n: number): string {
  const ts = `[${String(Math.floor(n / 1000)).padStart(5)}.${String((n % 1000) * 1000).padStart(6, "0")}] `;
  switch (style) {
    case "plain":
      return msg;
    case "dmesg":
      return ts + msg;
    case "raw":
      return `<6>${ts}${msg}`;
    case "journal":
      return `Nov 25 20:54:31 guest-host kernel: ${msg}`;
    case "syslog":
      return `2026-11-25T20:54:31.123456+00:00 guest kernel: ${ts}${msg}`;
  }
}
