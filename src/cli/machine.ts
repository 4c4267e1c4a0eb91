import type { Command } from "commander";
import { addMachineOptions, type MachineInputs } from "./machine-options.js";

/** `memsim machine`: the machine the inputs describe, as machine JSON; what they cannot tell goes to stderr. */
export function registerMachine(program: Command): void {
  addMachineOptions(
    program.command("machine").description("combine a boot log, SRAT, e820 map and machine JSON into one machine, printed as JSON"),
  ).action(async (opts: MachineInputs) => {
    const [{ loadMachine }, { machineToJson }] = await Promise.all([import("./inputs.js"), import("../machine/json.js")]);
    const m = await loadMachine(opts);
    process.stdout.write(`${JSON.stringify(machineToJson(m), null, 2)}\n`);
    for (const u of m.unknown) process.stderr.write(`memsim: unknown ${u.field || "(machine)"}: ${u.why}\n`);
  });
}
