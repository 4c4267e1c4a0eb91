import type { Command } from "commander";
import { machineToJson } from "../machine/json.js";
import { loadMachine, type MachineInputs } from "./inputs.js";

/** `memsim machine`: the machine the inputs describe, as machine JSON; what they cannot tell goes to stderr. */
export function registerMachine(program: Command): void {
  program
    .command("machine")
    .description("combine a boot log, SRAT, e820 map and machine JSON into one machine, printed as JSON")
    .option("--dmesg <file>", "boot log (dmesg, serial console, journalctl -k or syslog)")
    .option("--machine <file>", "machine JSON")
    .option("--srat <file>", "SRAT: binary, iasl source, acpidump text or JSON (wins over the log's SRAT lines)")
    .option("--e820 <path>", "e820 map: BIOS-e820 log lines, JSON, a /sys/firmware/memmap directory or a tar(.gz) of it")
    .option("--memmap <dir>", "a /sys/firmware/memmap directory (same as --e820 DIR)")
    .option("--kernel <version>", "kernel profile: 6.1 or 6.12")
    .option("--cmdline <args>", 'kernel command line; "+ARGS" appends to the one in the inputs')
    .action(async (opts: MachineInputs) => {
      const m = await loadMachine(opts);
      process.stdout.write(`${JSON.stringify(machineToJson(m), null, 2)}\n`);
      for (const u of m.unknown) process.stderr.write(`memsim: unknown ${u.field || "(machine)"}: ${u.why}\n`);
    });
}
