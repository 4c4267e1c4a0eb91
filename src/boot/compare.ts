/**
 * A real boot log against memsim's prediction for the machine read back
 * from it: the machine comes from the log's input lines only (src/readers),
 * the prediction is booted with the log's kernel, and both are cut into
 * sections and compared.
 */
import type { SlitTable } from "../acpi/slit.js";
import type { SratTable } from "../acpi/srat.js";
import { InputError } from "../errors.js";
import type { Machine } from "../machine.js";
import { profileFor } from "../profiles/index.js";
import type { KernelProfile } from "../profiles/types.js";
import { readDmesg } from "../readers/dmesg.js";
import { renderDmesg } from "../render/dmesg.js";
import { splitLines } from "../readers/text.js";
import { boot } from "./boot.js";
import { bootPartOfLog, compareSections, maskAvailable, SECTIONS, sectionsOf, type SectionDiff, type SectionName } from "./sections.js";
import type { BootResult } from "./types.js";

/** Sections the pipeline does not model yet. */
const NOT_MODELLED: readonly SectionName[] = [];

/** Sections the pipeline models; the others are only reported. */
export const MODELLED_SECTIONS: readonly SectionName[] = SECTIONS.filter((s) => !NOT_MODELLED.includes(s));

export interface LogComparison {
  machine: Machine;
  profile: KernelProfile;
  result: BootResult;
  diffs: SectionDiff[];
  /** Modelled sections that depend on something the inputs do not tell, with why. */
  unpredictable: Map<SectionName, string>;
}

/**
 * Sections whose lines depend on input a machine read from a log lacks: a
 * SLIT is listed but its distances are not printed (and no SLIT was given),
 * and they order the zonelists' fallback lists.
 */
export function unpredictableSections(machine: Machine, result: BootResult): Map<SectionName, string> {
  const out = new Map<SectionName, string>();
  if (!machine.slit && machine.acpiTables.some((t) => t.signature === "SLIT")) out.set("zonelists", "the SLIT's distances are not in the inputs (a log does not print them)");
  // without the SRAT's processor entries (6.12 does not print them) each CPU's node is the kernel's
  // round-robin fallback, a guess; per-CPU areas (and the free pages they leave) follow it
  const noCpuEntries = machine.srat !== undefined && !machine.srat.subtables.some((t) => t.kind === "cpuAffinity" || t.kind === "x2apicAffinity");
  if (noCpuEntries && (machine.cpus?.possible ?? 1) > 1 && result.numa.online.length > 1) {
    const why = "the CPUs' nodes come from SRAT processor entries the log does not print";
    out.set("memblock.late", why);
    out.set("memory", why);
  }
  // the SRAT reader found printed node numbers that unprinted (6.12: processor) entries must have taken first
  if (machine.unknown.some((u) => u.field === "/srat/subtables" && / is node \d+, but /.test(u.why))) {
    const why = "SRAT entries the log does not print took node numbers first";
    for (const s of NODE_NUMBERED) out.set(s, why);
  }
  return out;
}

/** Sections whose lines name node numbers. */
const NODE_NUMBERED: readonly SectionName[] = ["srat", "numa", "memblock.numa", "memblock.sparse", "zones", "setup.tail", "zonelists", "memblock.late", "memory"];

/** Diffs of a prediction against a log text, section by section. */
export function diffAgainstLog(result: BootResult, logText: string): SectionDiff[] {
  const predicted = sectionsOf(renderDmesg(result.events, result.params.consoleLoglevel).split("\n"));
  const actual = sectionsOf(bootPartOfLog(logText));
  if (result.mm.memory?.freePagesEstimated) {
    maskAvailable(predicted);
    maskAvailable(actual);
  }
  return compareSections(predicted, actual);
}

/**
 * Reads the machine from `logText` (its SRAT replaced by `srat` when the
 * table itself is at hand), boots it with the log's kernel and compares.
 */
export function compareWithLog(logText: string, file: string, srat?: SratTable, slit?: SlitTable): LogComparison {
  const machine = readDmesg(splitLines(logText, file), file);
  if (srat) {
    machine.srat = srat;
    machine.unknown = machine.unknown.filter((u) => !u.field.startsWith("/srat"));
  }
  if (slit) machine.slit = slit;
  const version = machine.kernel;
  if (!version) throw new InputError(`${file}: no "Linux version" line`);
  const profile = profileFor(version);
  const result = boot(machine, profile);
  return { machine, profile, result, diffs: diffAgainstLog(result, logText), unpredictable: unpredictableSections(machine, result) };
}
