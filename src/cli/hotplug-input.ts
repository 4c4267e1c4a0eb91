// Shared input handling of `memsim hotplug` and `memsim lsmem`: the machine file and the script.
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { runtimeDescriptionFromJson } from "../hotplug/description.js";
import { HotplugSystem } from "../hotplug/system.js";
import { runScript, type StepResult } from "../hotplug/script.js";
import { profileFor } from "../profiles/index.js";

const MAX_INPUT = 64 << 20;

export function readInput(file: string): string {
  let text: string;
  try {
    text = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`${file}: ${(err as NodeJS.ErrnoException).code ?? "cannot read"}`);
  }
  if (text.length > MAX_INPUT) throw new InputError(`${file}: larger than 64 MiB`);
  return text;
}

export function loadSystem(machineFile: string, kernel: string): HotplugSystem {
  const text = readInput(machineFile);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${machineFile}: ${(err as Error).message}`);
  }
  return new HotplugSystem(profileFor(kernel).hotplug, runtimeDescriptionFromJson(json, machineFile));
}

export function runScriptFile(sys: HotplugSystem, file: string | undefined): StepResult[] {
  return file === undefined ? [] : runScript(sys, readInput(file), { file });
}
