// Shared input handling of `memsim hotplug` and `memsim lsmem`: the machine (booted by memsim from the same
// inputs as `memsim boot`, or a run-time description JSON) and the script.
import { readFileSync } from "node:fs";
import { boot } from "../boot/boot.js";
import { InputError } from "../errors.js";
import { runtimeDescriptionFromJson, type RuntimeDescription } from "../hotplug/description.js";
import { cpuNodesFromLog, runtimeDescriptionFromBoot } from "../hotplug/from-boot.js";
import { HotplugSystem } from "../hotplug/system.js";
import { runScript, type StepResult } from "../hotplug/script.js";
import { profileFor } from "../profiles/index.js";
import { loadMachine, readCapped } from "./inputs.js";
import type { RuntimeInputs } from "./machine-options.js";

/** Boot logs are read whole for their CPU bring-up lines; larger ones are refused. */
const MAX_LOG = 256 << 20;

function parseJson(file: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(readCapped(file)));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: ${(err as Error).message}`);
  }
}

export async function loadSystem(opts: RuntimeInputs): Promise<HotplugSystem> {
  let desc: RuntimeDescription;
  let kernel: string;
  if (opts.runtime !== undefined) {
    desc = runtimeDescriptionFromJson(parseJson(opts.runtime), opts.runtime);
    kernel = opts.kernel ?? "6.12";
  } else {
    const machine = await loadMachine(opts);
    if (!machine.kernel) throw new InputError("no kernel version in the inputs: give --kernel 6.1 or --kernel 6.12");
    kernel = machine.kernel;
    const log = opts.dmesg !== undefined ? new TextDecoder().decode(readCapped(opts.dmesg, MAX_LOG)) : "";
    desc = runtimeDescriptionFromBoot(boot(machine, profileFor(kernel)), machine, cpuNodesFromLog(log));
  }
  return new HotplugSystem(profileFor(kernel), desc);
}

export function runScriptFile(sys: HotplugSystem, file: string | undefined): StepResult[] {
  if (file === undefined) return [];
  let text: string;
  try {
    text = file === "-" ? readFileSync(0, "utf8") : new TextDecoder().decode(readCapped(file));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return runScript(sys, text, { file });
}
