// The work of `memsim hotplug`, loaded only when the command runs.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { formatStep, lsmemBlocks } from "../hotplug/script.js";
import { sysfsView } from "../hotplug/sysfs.js";
import type { HotplugSystem } from "../hotplug/system.js";
import { loadSystem, runScriptFile } from "./hotplug-input.js";
import type { RuntimeInputs } from "./machine-options.js";

/** Writes the simulated /sys/devices/system/memory under `root` (for `lsmem --sysroot`). */
function dumpSysfs(sys: HotplugSystem, root: string): void {
  const dir = join(root, "sys/devices/system/memory");
  mkdirSync(dir, { recursive: true });
  const view = sysfsView(sys);
  for (const [name, content] of Object.entries(view.files)) writeFileSync(join(dir, name), content);
  for (const b of view.blocks) {
    const bdir = join(dir, `memory${b.id}`);
    for (const n of b.nodes) mkdirSync(join(bdir, `node${n}`), { recursive: true });
    for (const [name, content] of Object.entries(b.files)) writeFileSync(join(bdir, name), content);
  }
}

export type HotplugOptions = RuntimeInputs & { format: string; dumpSysfs?: string };

/** Runs the script against the machine and prints each step (text or JSON). */
export async function runHotplug(script: string | undefined, o: HotplugOptions): Promise<void> {
  if (o.format !== "text" && o.format !== "json") throw new InputError(`--format: expected text or json, got '${o.format}'`);
  const sys = await loadSystem(o);
  const steps = runScriptFile(sys, script);
  if (o.dumpSysfs) dumpSysfs(sys, o.dumpSysfs);
  if (o.format === "json") {
    const json = { blockSize: `0x${sys.blockSize.toString(16)}`, steps, blocks: lsmemBlocks(sys) };
    process.stdout.write(`${JSON.stringify(json, (_k, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v), 2)}\n`);
  } else {
    process.stdout.write(steps.map((s) => formatStep(s)).join(""));
  }
}
