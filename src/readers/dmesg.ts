/**
 * A kernel boot log read back into the machine that printed it. Only the
 * lines that describe the machine are read (the banner, the command line, the
 * firmware e820 map, the ACPI table list, the MP table, the initrd, ACPI table
 * upgrades, DMI, hypervisor, CPU counts, SRAT entries); everything the kernel
 * computed from them is left to the boot pipeline. What the log cannot tell
 * is listed in `machine.unknown`.
 *
 * Feed lines in order with `line()`, then `finish()`. A log holding several
 * boots (a syslog file) yields the last one.
 */
import { InputError } from "../errors.js";
import type { AcpiTable, E820Entry, Machine, PhysRange } from "../machine.js";
import { emptyMachine } from "../machine.js";
import { profiles } from "../profiles/index.js";
import type { KernelVersion } from "../profiles/types.js";
import { e820TypeFromName } from "../x86/e820.js";
import { isJournalMarker, stripLogPrefix } from "./log-prefix.js";
import { sratFromLog, sratWalked, type SratLogLines } from "./srat-lines.js";
import type { TextLine } from "./text.js";

const HEX = "0x([0-9a-fA-F]{1,16})";
const MEM = String.raw`\[mem ${HEX}-${HEX}\]`;

const RE = {
  banner: /^Linux version (\S+)/,
  cmdline: /^Command line: ?(.*)$/,
  kernelCmdline: /^Kernel command line: ?(.*)$/,
  e820: new RegExp(String.raw`^(BIOS-e820|BIOS-88|BIOS-e801): ${MEM} (.*)$`),
  e820Start: /^BIOS-e820: /,
  rsdp: /^ACPI: RSDP 0x([0-9A-F]{16}) ([0-9A-F]{6,8}) \(v(\d{2,3}) (.{6})\)$/,
  facs: /^ACPI: FACS 0x([0-9A-F]{16}) ([0-9A-F]{6,8})$/,
  table: /^ACPI: (.{4}) 0x([0-9A-F]{16}) ([0-9A-F]{6,8}) \(v(\d{2,3}) (.{6}) (.{8}) ([0-9A-F]{8}) (.{4}) ([0-9A-F]{8})\)$/,
  tableLike: /^ACPI: .{4} 0x[0-9A-F]{16} [0-9A-F]/,
  override: /^ACPI: (.{4}) 0x([0-9A-F]{16}) (?:Physical|Logical) table override, new table: 0x([0-9A-F]{16})$/,
  tableListEnd: /^ACPI: (?:Dynamic OEM Table Load:|Host-directed Dynamic ACPI Table Load:|\d+ ACPI AML tables successfully acquired and loaded|Interpreter enabled)/,
  initrdTable: /^ACPI: (.{4}) ACPI table found in initrd \[(.*)\]\[0x([0-9a-f]{1,8})\]$/,
  upgrade: /^ACPI: Table Upgrade: (override|install) \[(.{4})-(.{6})-(.{8})\]$/,
  mpTable: new RegExp(String.raw`^found SMP MP-table at ${MEM}$`),
  ramdisk: new RegExp(String.raw`^RAMDISK: ${MEM}$`),
  dmi: /^DMI: (?!Memory slots populated)(.*)$/,
  hypervisor: /^Hypervisor detected: (.*)$/,
  cpus61: /^smpboot: Allowing (\d+) CPUs, (\d+) hotplug CPUs$/,
  cpus612: /^CPU topo: Allowing (\d+) present CPUs plus (\d+) hotplug CPUs$/,
  sratCpu: /^SRAT: PXM (\d+) -> APIC 0x([0-9a-f]{1,8}) -> Node (\d+)( skipped apicid that is too big)?$/,
  sratX2apicIgnored: /^SRAT: PXM (\d+) -> X2APIC 0x([0-9a-f]{1,8}) ignored$/,
  sratMem: new RegExp(String.raw`^ACPI: SRAT: Node (\d+) PXM (\d+) ${MEM}( hotplug)?( non-volatile)?$`),
  sratTrouble: /^(?:ACPI: )?SRAT: (?:Too many proximity domains|SRAT not used|Unexpected header length|Failed to add memblk)/,
};

/** Every line read starts like this: a cheap test that lets the rest of a long log through. */
const INTERESTING = /^(?:Linux version|Command line|Kernel command line|BIOS-|ACPI|found SMP|RAMDISK|DMI|Hypervisor|smpboot|CPU topo|SRAT)/;

const big = (hex: string): bigint => BigInt(`0x${hex}`);

class Boot {
  machine: Machine = emptyMachine();
  release?: string;
  sawCmdline = false;
  kernelCmdline?: string;
  sawE820 = false;
  e820Who?: string;
  /** The ACPI table list is open from the RSDP line until the kernel starts loading AML. */
  tableList: "before" | "open" | "closed" = "before";
  pendingOverride?: { signature: string; from: bigint; to: bigint };
  srat: SratLogLines = { cpus: [], memory: [], trouble: [] };
}

export class DmesgReader {
  private boot = new Boot();
  private boots = 0;
  private sawAnything = false;

  constructor(private readonly file: string) {}

  line({ text, line }: TextLine): void {
    if (isJournalMarker(text)) return;
    const msg = stripLogPrefix(text);
    if (!INTERESTING.test(msg)) return;
    const at = `${this.file}:${line}`;
    let m: RegExpExecArray | null;
    if ((m = RE.banner.exec(msg))) {
      if (this.boots > 0) this.boot = new Boot();
      this.boots++;
      this.sawAnything = true;
      this.boot.release = m[1]!;
      this.boot.machine.kernelBanner = msg;
      return;
    }
    const b = this.boot;
    const machine = b.machine;
    if ((m = RE.cmdline.exec(msg))) {
      machine.cmdline = m[1]!;
      b.sawCmdline = true;
    } else if ((m = RE.kernelCmdline.exec(msg))) {
      b.kernelCmdline ??= m[1]!;
    } else if ((m = RE.e820.exec(msg))) {
      this.sawAnything = true;
      b.sawE820 = true;
      b.e820Who ??= m[1]!;
      machine.e820.push(e820Entry(m[2]!, m[3]!, m[4]!, at));
    } else if (RE.e820Start.test(msg)) {
      throw new InputError(`${at}: malformed BIOS-e820 line: ${clip(msg)}`);
    } else if ((m = RE.override.exec(msg))) {
      b.pendingOverride = { signature: m[1]!, from: big(m[2]!), to: big(m[3]!) };
    } else if (b.tableList !== "closed" && this.acpiTable(msg, at)) {
      b.tableList = "open";
    } else if (RE.tableListEnd.test(msg)) {
      if (b.tableList === "open") b.tableList = "closed";
    } else if ((m = RE.initrdTable.exec(msg))) {
      machine.acpiInitrdTables.push({ signature: m[1]!, path: m[2]!, length: Number.parseInt(m[3]!, 16) });
    } else if ((m = RE.upgrade.exec(msg))) {
      machine.acpiTableUpgrades.push({
        action: m[1] as "override" | "install",
        signature: m[2]!,
        // printed right-aligned (%6.6s, %8.8s)
        oemId: m[3]!.trimStart(),
        oemTableId: m[4]!.trimStart(),
      });
    } else if ((m = RE.mpTable.exec(msg))) {
      machine.mpTable = range(m[1]!, m[2]!, at);
    } else if ((m = RE.ramdisk.exec(msg))) {
      machine.initrd = range(m[1]!, m[2]!, at);
    } else if ((m = RE.dmi.exec(msg))) {
      machine.dmi ??= m[1]!;
    } else if ((m = RE.hypervisor.exec(msg))) {
      machine.hypervisor = m[1]!;
    } else if ((m = RE.cpus61.exec(msg))) {
      machine.cpus = { possible: count(m[1]!, at), hotplug: count(m[2]!, at) };
    } else if ((m = RE.cpus612.exec(msg))) {
      const hotplug = count(m[2]!, at);
      machine.cpus = { possible: count(m[1]!, at) + hotplug, hotplug };
    } else if ((m = RE.sratCpu.exec(msg))) {
      b.srat.cpus.push({ pxm: count(m[1]!, at), apicId: Number.parseInt(m[2]!, 16), digits: m[2]!.length, node: count(m[3]!, at), at });
    } else if ((m = RE.sratX2apicIgnored.exec(msg))) {
      b.srat.cpus.push({ pxm: count(m[1]!, at), apicId: Number.parseInt(m[2]!, 16), digits: m[2]!.length, at });
    } else if ((m = RE.sratMem.exec(msg))) {
      const r = range(m[3]!, m[4]!, at);
      b.srat.memory.push({ node: count(m[1]!, at), pxm: count(m[2]!, at), ...r, hotplug: !!m[5], nonVolatile: !!m[6], at });
    } else if (RE.sratTrouble.test(msg)) {
      b.srat.trouble.push(msg);
    }
  }

  /** One line of the ACPI table list; true if it was one. */
  private acpiTable(msg: string, at: string): boolean {
    let m: RegExpExecArray | null;
    let t: AcpiTable;
    if ((m = RE.rsdp.exec(msg))) {
      t = { signature: "RSDP", address: big(m[1]!), length: hexNum(m[2]!), revision: revision(m[3]!, at), oemId: m[4]! };
    } else if ((m = RE.facs.exec(msg))) {
      t = { signature: "FACS", address: big(m[1]!), length: hexNum(m[2]!) };
    } else if ((m = RE.table.exec(msg))) {
      t = {
        signature: m[1]!,
        address: big(m[2]!),
        length: hexNum(m[3]!),
        revision: revision(m[4]!, at),
        oemId: m[5]!,
        oemTableId: m[6]!,
        oemRevision: hexNum(m[7]!),
        creatorId: m[8]!,
        creatorRevision: hexNum(m[9]!),
      };
    } else {
      if (RE.tableLike.test(msg)) throw new InputError(`${at}: malformed ACPI table line: ${clip(msg)}`);
      return false;
    }
    const o = this.boot.pendingOverride;
    if (o && o.signature === t.signature && o.to === t.address) {
      t.overrides = o.from;
      this.boot.pendingOverride = undefined;
    }
    this.boot.machine.acpiTables.push(t);
    return true;
  }

  /** The machine of the last boot in the log. */
  finish(): Machine {
    if (!this.sawAnything) {
      throw new InputError(`${this.file}: not a kernel log (no "Linux version" or "BIOS-e820:" line)`);
    }
    const b = this.boot;
    const m = b.machine;
    const unknown = m.unknown;
    if (this.boots > 1) unknown.push({ field: "", why: `the log holds ${this.boots} boots; read the last one` });

    if (b.release === undefined) {
      unknown.push({ field: "/kernel", why: 'no "Linux version" line: give --kernel' });
    } else {
      const version = versionOf(b.release);
      if (version) {
        m.kernel = version;
        if (profiles[version].release !== b.release) {
          unknown.push({
            field: "/kernel",
            why: `the log is from ${b.release}; memsim's ${version} profile is Debian's ${profiles[version].release}, whose build-specific sizes may differ`,
          });
        }
      } else {
        unknown.push({ field: "/kernel", why: `kernel ${b.release} has no profile (known: 6.1, 6.12): give --kernel` });
      }
    }

    if (!b.sawCmdline) {
      if (b.kernelCmdline !== undefined) {
        m.cmdline = b.kernelCmdline;
        unknown.push({ field: "/cmdline", why: 'no "Command line:" line; took "Kernel command line:", which may differ (bootconfig, init arguments)' });
      } else {
        unknown.push({ field: "/cmdline", why: "no command line in the log" });
      }
    }
    if (!/(^|\s)nokaslr(\s|$)/.test(m.cmdline)) {
      unknown.push({ field: "/kernelImage", why: "the log does not print where the kernel was loaded; with KASLR it is random" });
    }

    if (!b.sawE820) unknown.push({ field: "/e820", why: "no BIOS-e820 lines in the log" });
    else if (b.e820Who !== "BIOS-e820") {
      unknown.push({ field: "/e820", why: `the map is the kernel's ${b.e820Who} fallback: the firmware's own e820 map had fewer than 2 usable entries` });
    } else {
      unknown.push({ field: "/e820", why: "the log prints the map after the kernel sanitised it; overlaps in the firmware's own map are not visible" });
    }

    if (m.acpiTables.length === 0) unknown.push({ field: "/acpiTables", why: "no ACPI table list in the log" });
    if (!m.cpus) unknown.push({ field: "/cpus", why: 'no "Allowing N CPUs" line' });

    const sratTable = m.acpiTables.find((t) => t.signature === "SRAT");
    const srat = sratFromLog(b.srat, sratTable, m.kernel, this.file);
    if (srat) {
      m.srat = srat.table;
      unknown.push(...srat.unknown);
      if (!sratWalked(m.cmdline)) {
        unknown.push({ field: "/srat/subtables", why: "the kernel was told not to read the SRAT (numa=off, numa=noacpi or acpi=off), so the log shows none of its entries" });
      }
    }
    return m;
  }
}

/** Read a whole log held in memory. */
export function readDmesg(lines: Iterable<TextLine>, file: string): Machine {
  const r = new DmesgReader(file);
  for (const l of lines) r.line(l);
  return r.finish();
}

/** "6.1.0-56-amd64" → "6.1"; undefined when memsim has no profile for it. */
export function versionOf(release: string): KernelVersion | undefined {
  const m = /^(\d+)\.(\d+)(?!\d)/.exec(release);
  const v = m ? `${m[1]}.${m[2]}` : "";
  return Object.hasOwn(profiles, v) ? (v as KernelVersion) : undefined;
}

function e820Entry(start: string, end: string, typeName: string, at: string): E820Entry {
  const type = e820TypeFromName(typeName);
  if (type === undefined) throw new InputError(`${at}: unknown e820 type '${clip(typeName)}'`);
  const addr = big(start);
  // [mem a-b] is inclusive; a zero-size entry prints b = a - 1
  return { addr, size: BigInt.asUintN(64, big(end) - addr + 1n), type };
}

function range(start: string, end: string, at: string): PhysRange {
  const r = { start: big(start), end: big(end) };
  if (r.end < r.start) throw new InputError(`${at}: range ends before it starts`);
  return r;
}

/** A table revision: one byte, printed with %.2d. */
function revision(s: string, at: string): number {
  const n = Number(s);
  if (n > 0xff) throw new InputError(`${at}: table revision ${s} does not fit in a byte`);
  return n;
}

function hexNum(s: string): number {
  return Number.parseInt(s, 16);
}

function count(s: string, at: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n > 0xffffffff) throw new InputError(`${at}: number out of range: ${clip(s)}`);
  return n;
}

/** Keeps error lines to one short line even when the input line is huge. */
function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
