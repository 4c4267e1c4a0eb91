import type { Command } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { formatStep, lsmemBlocks } from "../hotplug/script.js";
import { sysfsView } from "../hotplug/sysfs.js";
import type { HotplugSystem } from "../hotplug/system.js";
import { addRuntimeOptions, loadSystem, runScriptFile, type RuntimeInputs } from "./hotplug-input.js";

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

/** `memsim hotplug --machine FILE [SCRIPT|-]`: run hotplug operations and print what the kernel does. */
export function registerHotplug(program: Command): void {
  addRuntimeOptions(
    program
      .command("hotplug [script]")
      .description("run a memory hotplug script (online/offline/add dimm/remove/workload/explain/show) against a booted machine"),
  )
    .option("--format <format>", "text or json", "text")
    .option("--dump-sysfs <dir>", "also write the final /sys/devices/system/memory under DIR")
    .action(async (script: string | undefined, o: RuntimeInputs & { format: string; dumpSysfs?: string }) => {
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
    });
}
