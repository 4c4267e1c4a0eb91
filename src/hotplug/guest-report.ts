/**
 * Reads the run-time oracle's guest report (what oracle/runtime/init.sh prints on
 * the second serial port) and the guest's kernel log: the boot facts become a
 * RuntimeDescription, the sysfs views and step results become the expected
 * outcomes memsim's predictions are compared with.
 */
import { InputError } from "../errors.js";
import type { NodeDescription, RuntimeDescription, ZoneDescription } from "./description.js";
import { zoneNames, type ZoneName } from "../mm/zone.js";
import { pfnToAddr } from "./span.js";

export interface GuestBlock {
  id: number;
  state: string;
  online: string;
  physIndex: string;
  removable?: string;
  physDevice?: string;
  /** valid_zones as the kernel printed it (words separated by one space). */
  validZones: string;
  nodes: number[];
}

export interface GuestZone {
  nid: number;
  zone: ZoneName;
  startPfn: number;
  spanned: number;
  present: number;
}

export interface GuestShow {
  blockSize: string;
  autoOnline: string;
  blocks: GuestBlock[];
  zones: GuestZone[];
}

export interface GuestStep {
  command: string;
  /** One result per written file ("ok" or the shell's error text); `offline node` writes several. */
  results: { block?: string; result: string }[];
  show?: GuestShow;
}

export interface GuestReport {
  release: string;
  cmdline: string;
  cpus: number[];
  ram: { start: bigint; end: bigint }[];
  boot: GuestShow;
  steps: GuestStep[];
}

function nodeList(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(",").filter((p) => p)) {
    const [a, b] = part.split("-").map(Number);
    for (let n = a!; n <= (b ?? a!); n++) out.push(n);
  }
  return out;
}

function parseShow(lines: string[], where: string): GuestShow {
  const show: GuestShow = { blockSize: "", autoOnline: "", blocks: [], zones: [] };
  let zone: GuestZone | undefined;
  for (const l of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^block_size_bytes (\S+)$/.exec(l))) show.blockSize = m[1]!;
    else if ((m = /^auto_online_blocks (\S+)$/.exec(l))) show.autoOnline = m[1]!;
    else if ((m = /^memory(\d+) (.*)$/.exec(l))) {
      const kv = new Map<string, string>();
      for (const [, k, v] of m[2]!.matchAll(/(\w+)=(\S*)/g)) kv.set(k!, v!);
      show.blocks.push({
        id: Number(m[1]),
        state: kv.get("state") ?? "",
        online: kv.get("online") ?? "",
        physIndex: kv.get("phys_index") ?? "",
        ...(kv.has("removable") ? { removable: kv.get("removable")! } : {}),
        ...(kv.has("phys_device") ? { physDevice: kv.get("phys_device")! } : {}),
        validZones: (kv.get("valid_zones") ?? "").replace(/,/g, " "),
        nodes: m[2]!.replace(/.*node=/, "").trim().split(/\s+/).filter((x) => x).map(Number),
      });
    } else if ((m = /^Node (\d+), zone\s+(\S+)$/.exec(l))) {
      const name = m[2] as ZoneName;
      if (!zoneNames.includes(name)) throw new InputError(`${where}: unknown zone ${name}`);
      zone = { nid: Number(m[1]), zone: name, startPfn: 0, spanned: 0, present: 0 };
      show.zones.push(zone);
    } else if (zone && (m = /^\s+(spanned|present)\s+(\d+)$/.exec(l))) zone[m[1] as "spanned" | "present"] = Number(m[2]);
    else if (zone && (m = /^\s+start_pfn:\s+(\d+)$/.exec(l))) zone.startPfn = Number(m[1]);
  }
  return show;
}

/** Parses guest.log; throws InputError naming the line for anything malformed. */
export function parseGuestReport(text: string, file: string): GuestReport {
  const lines = text.split("\n");
  let i = 0;
  const section = (name: string): string[] => {
    if (lines[i] !== `@@@ begin ${name}`) throw new InputError(`${file}:${i + 1}: expected '@@@ begin ${name}'`);
    const start = ++i;
    while (i < lines.length && lines[i] !== `@@@ end ${name}`) i++;
    if (i >= lines.length) throw new InputError(`${file}:${start}: '${name}' never ends`);
    return lines.slice(start, i++);
  };
  while (i < lines.length && lines[i] !== "@@@ begin boot") i++;
  const boot = section("boot");
  const ram = boot
    .map((l) => /^([0-9a-f]+)-([0-9a-f]+) : System RAM$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`) + 1n }));
  const report: GuestReport = {
    release: boot[0] ?? "",
    cmdline: boot[1] ?? "",
    cpus: nodeList((boot.find((l) => l.startsWith("cpus ")) ?? "cpus ").slice(5)),
    ram,
    boot: parseShow(section("show"), file),
    steps: [],
  };
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith("@@@ step ")) report.steps.push({ command: l.slice(9).trim().replace(/\s+/g, " "), results: [] });
    else if (l.startsWith("@@@ result ")) {
      const step = report.steps[report.steps.length - 1];
      if (!step) throw new InputError(`${file}:${i + 1}: result before any step`);
      const block = /^@@@ block (\S+)$/.exec(lines[i - 1] ?? "")?.[1];
      step.results.push({ ...(block ? { block } : {}), result: l.slice(11) });
    } else if (l === "@@@ begin show") {
      const step = report.steps[report.steps.length - 1];
      const show = parseShow(section("show"), file);
      i--;
      if (step) step.show = show;
    }
  }
  return report;
}

/** The hotplug windows from the guest's SRAT lines (`ACPI: SRAT: Node N PXM P [mem a-b] hotplug`). */
export function sratHotplugWindows(consoleLog: string): RuntimeDescription["hotplugWindows"] {
  const out: RuntimeDescription["hotplugWindows"] = [];
  for (const m of consoleLog.matchAll(/ACPI: SRAT: Node (\d+) PXM \d+ \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] hotplug/g)) {
    out.push({ start: BigInt(m[2]!), end: BigInt(m[3]!) + 1n, nid: Number(m[1]) });
  }
  return out;
}

/** The booted guest as a RuntimeDescription: zones from /proc/zoneinfo, RAM from /proc/iomem. */
export function guestDescription(report: GuestReport, consoleLog: string): RuntimeDescription {
  const byNode = new Map<number, NodeDescription>();
  for (const z of report.boot.zones) {
    let n = byNode.get(z.nid);
    if (!n) byNode.set(z.nid, (n = { nid: z.nid, cpus: report.cpus.includes(z.nid), memory: [], zones: [] }));
    if (z.spanned === 0) continue;
    const zone: ZoneDescription = {
      zone: z.zone,
      start: pfnToAddr(z.startPfn),
      end: pfnToAddr(z.startPfn + z.spanned),
      present: z.present,
    };
    n.zones.push(zone);
    for (const r of report.ram) {
      const s = r.start > zone.start ? r.start : zone.start;
      const e = r.end < zone.end ? r.end : zone.end;
      if (s < e) n.memory.push({ start: s, end: e });
    }
  }
  return {
    cmdline: report.cmdline,
    hypervisor: true,
    nodes: [...byNode.values()],
    reserved: [],
    hotplugWindows: sratHotplugWindows(consoleLog),
  };
}
