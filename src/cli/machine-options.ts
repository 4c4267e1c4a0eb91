/**
 * The input options of every command that takes a machine, kept apart from
 * the readers (src/cli/inputs.ts) so that declaring a command loads nothing
 * heavy: the readers are imported only when a command runs.
 */
import type { Command } from "commander";

export interface MachineInputs {
  /** Machine JSON file. */
  machine?: string;
  /** Boot log file ("-": standard input). */
  dmesg?: string;
  /** SRAT file (binary, iasl, acpidump or JSON). */
  srat?: string;
  /** SLIT file (binary, acpidump or JSON). */
  slit?: string;
  /** e820 map: log lines, JSON, a memmap directory, or a (gzipped) tar of one. */
  e820?: string;
  /** A /sys/firmware/memmap directory (same as --e820 DIR). */
  memmap?: string;
  /** Command line: replaces the inputs' one, or with a leading "+" extends it. */
  cmdline?: string;
  /** Kernel version: 6.1 or 6.12. */
  kernel?: string;
}

/** The input options of every command that takes a machine (`memsim machine`, `memsim boot`, `memsim hotplug`, `memsim lsmem`). */
export function addMachineOptions(cmd: Command): Command {
  return cmd
    .option("--dmesg <file>", "boot log (dmesg, serial console, journalctl -k or syslog; '-' = stdin)")
    .option("--machine <file>", "machine JSON")
    .option("--srat <file>", "SRAT: binary, iasl source, acpidump text or JSON (wins over the log's SRAT lines)")
    .option("--slit <file>", "SLIT (NUMA distances): binary, acpidump text or JSON {\"distances\": [[10, 21], [21, 10]]}")
    .option("--e820 <path>", "e820 map: BIOS-e820 log lines, JSON, a /sys/firmware/memmap directory or a tar(.gz) of it")
    .option("--memmap <dir>", "a /sys/firmware/memmap directory (same as --e820 DIR)")
    .option("--kernel <version>", "kernel profile: 6.1 or 6.12")
    .option("--cmdline <args>", 'kernel command line; "+ARGS" appends to the one in the inputs');
}

export interface RuntimeInputs extends MachineInputs {
  /** A run-time description JSON instead of booting the machine inputs. */
  runtime?: string;
}

/** The machine options, plus --runtime: the inputs of `memsim hotplug` and `memsim lsmem`. */
export function addRuntimeOptions(cmd: Command): Command {
  return addMachineOptions(cmd).option("--runtime <file>", "start from a run-time description JSON (booted machine state) instead of booting");
}
