// The work of `memsim boot` and `memsim report`, loaded only when they run.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { decodeSrat } from "../acpi/srat-codec.js";
import type { SlitTable } from "../acpi/slit.js";
import type { SratTable } from "../acpi/srat.js";
import { boot } from "../boot/boot.js";
import { compareWithLog, diffAgainstLog, MODELLED_SECTIONS } from "../boot/compare.js";
import { exampleMachine } from "../boot/example.js";
import { SECTIONS, type SectionDiff } from "../boot/sections.js";
import type { BootResult } from "../boot/types.js";
import { InputError } from "../errors.js";
import type { Machine } from "../machine.js";
import { profileFor } from "../profiles/index.js";
import { renderDmesg } from "../render/dmesg.js";
import { renderJson } from "../render/json.js";
import { renderMap } from "../render/map.js";
import { parseJsonText } from "../readers/json-text.js";
import { loadMachine, readCapped } from "./inputs.js";
import type { MachineInputs } from "./machine-options.js";
import { slitFromQemuNumaDist } from "./qemu-slit.js";

type Format = "dmesg" | "json" | "text";

export interface BootOptions extends MachineInputs {
  format: Format;
  diff?: boolean;
}

/** A real log's text, at most this big, for --diff (the boot part is at its start). */
const MAX_LOG = 256 << 20;

function print(result: BootResult, format: Format, color: boolean): void {
  if (format === "json") process.stdout.write(renderJson(result));
  else if (format === "dmesg") process.stdout.write(renderDmesg(result.events, result.params.consoleLoglevel));
  else process.stdout.write(renderMap(result, { color }));
}

/** Colour on a terminal, unless the user asks for none (https://no-color.org). */
function useColor(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

function bootMachine(m: Machine): BootResult {
  if (!m.kernel) throw new InputError("no kernel version in the inputs: give --kernel 6.1 or --kernel 6.12");
  return boot(m, profileFor(m.kernel));
}

/** The section-by-section comparison, one block per section; returns whether every section matched. */
function printDiff(diffs: readonly SectionDiff[]): boolean {
  const out: string[] = [];
  for (const d of diffs) {
    const modelled = MODELLED_SECTIONS.includes(d.section) ? "" : " (not modelled)";
    if (d.match) {
      out.push(`= ${d.section}: ${d.actual.length} line(s) agree${modelled}`);
      continue;
    }
    out.push(`! ${d.section}: differs at line ${d.firstDiff + 1} of ${d.actual.length} in the log, ${d.predicted.length} predicted${modelled}`);
    out.push(`    predicted: ${d.predicted[d.firstDiff] ?? "(nothing more)"}`);
    out.push(`    log:       ${d.actual[d.firstDiff] ?? "(nothing more)"}`);
  }
  const agree = diffs.filter((d) => d.match).length;
  out.push(`${agree}/${diffs.length} sections agree`);
  process.stdout.write(`${out.join("\n")}\n`);
  return agree === diffs.length;
}

/**
 * The SRAT a golden's guest booted with, when recorded: the srat.aml given
 * to QEMU, else the guest's own /sys/firmware/acpi/tables/SRAT (dump.txt's
 * srat-hex section). A log alone lacks what 6.12 does not print.
 */
export function goldenSrat(dir: string): SratTable | undefined {
  const aml = join(dir, "srat.aml");
  if (existsSync(aml)) return decodeSrat(readCapped(aml), aml);
  const dump = join(dir, "dump.txt");
  if (!existsSync(dump)) return undefined;
  const text = new TextDecoder().decode(readCapped(dump));
  const hex = /^@@@ begin srat-hex\n([\s\S]*?)^@@@ end srat-hex$/m.exec(text)?.[1]?.trim();
  if (!hex) return undefined;
  return decodeSrat(Uint8Array.from(hex.split(/\s+/), (b) => Number.parseInt(b, 16)), `${dump} (srat-hex)`);
}

/**
 * The SLIT a golden's guest booted with, when it had one: QEMU's, built from
 * the scenario's recorded `-numa dist` options (numaDist: [src, dst, val]).
 */
export function goldenSlit(dir: string): SlitTable | undefined {
  const file = join(dir, "scenario.json");
  if (!existsSync(file)) return undefined;
  const scenario = parseJsonText(new TextDecoder().decode(readCapped(file)), file) as { numa?: unknown[]; numaDist?: number[][] };
  if (!scenario.numaDist?.length) return undefined;
  return slitFromQemuNumaDist(scenario.numa?.length ?? 0, scenario.numaDist, `${file}: numaDist`);
}

/** Every `<scenario>/<kernel>/serial.log` under `dir`. */
function goldenLogs(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dir}: not a directory of boot goldens`);
  const logs: string[] = [];
  for (const scenario of readdirSync(dir).sort()) {
    const sub = join(dir, scenario);
    if (!statSync(sub).isDirectory()) continue;
    for (const kernel of readdirSync(sub).sort()) {
      const file = join(sub, kernel, "serial.log");
      if (existsSync(file)) logs.push(file);
    }
  }
  if (logs.length === 0) throw new InputError(`${dir}: no <scenario>/<kernel>/serial.log below it`);
  return logs;
}

/** `memsim report DIR`: per-section match rate over every golden below DIR. */
export function report(dir: string): void {
  const logs = goldenLogs(dir);
  const matched = new Map<string, number>(SECTIONS.map((s) => [s, 0]));
  let whole = 0;
  const failures: string[] = [];
  for (const file of logs) {
    let diffs: SectionDiff[];
    let unpredictable: Map<string, string>;
    try {
      ({ diffs, unpredictable } = compareWithLog(new TextDecoder().decode(readCapped(file, MAX_LOG)), file, goldenSrat(dirname(file)), goldenSlit(dirname(file))));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      failures.push(`  ${err.message}`);
      continue;
    }
    for (const d of diffs) if (d.match) matched.set(d.section, matched.get(d.section)! + 1);
    const differ = diffs.filter((d) => !d.match && MODELLED_SECTIONS.includes(d.section));
    const bad: string[] = differ.filter((d) => !unpredictable.has(d.section)).map((d) => d.section);
    const hidden = differ.filter((d) => unpredictable.has(d.section));
    if (hidden.length > 0) bad.push(`not predictable from the log: ${hidden.map((d) => d.section).join(", ")} (${unpredictable.get(hidden[0]!.section)})`);
    if (bad.length === 0) whole++;
    else failures.push(`  ${file}: ${bad.join(", ")}`);
  }
  const n = logs.length;
  const rows = SECTIONS.map((s) => {
    const m = matched.get(s)!;
    const rate = ((100 * m) / n).toFixed(1).padStart(6);
    return `${s.padEnd(16)} ${`${m}/${n}`.padStart(9)} ${rate}%${MODELLED_SECTIONS.includes(s) ? "" : "  (not modelled)"}`;
  });
  const lines = [`${"section".padEnd(16)} ${"match".padStart(9)}    rate`, ...rows, `${whole}/${n} goldens agree in every modelled section`];
  if (failures.length > 0) lines.push("modelled sections that differ:", ...failures);
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** What `memsim` does without a command: boot the built-in example and draw it. */
export function bootExample(): void {
  print(bootMachine(exampleMachine()), "text", useColor());
}

/** `memsim boot`: the prediction in the chosen format, or its section-by-section diff with a real log. */
export async function bootCommand(opts: BootOptions): Promise<void> {
  const result = bootMachine(await loadMachine(opts));
  for (const a of result.assumptions) process.stderr.write(`memsim: assumed: ${a}\n`);
  if (!opts.diff) {
    print(result, opts.format, useColor());
    return;
  }
  if (opts.dmesg === undefined) throw new InputError("--diff compares with a real log: give it with --dmesg");
  const ok = printDiff(diffAgainstLog(result, new TextDecoder().decode(readCapped(opts.dmesg, MAX_LOG))));
  if (!ok) process.exitCode = 1;
}
