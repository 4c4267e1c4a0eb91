import type { Command } from "commander";
import type { HotplugOptions } from "./hotplug-run.js";
import { addRuntimeOptions } from "./machine-options.js";

/** `memsim hotplug --machine FILE [SCRIPT|-]`: run hotplug operations and print what the kernel does. */
export function registerHotplug(program: Command): void {
  addRuntimeOptions(
    program
      .command("hotplug [script]")
      .description("run a memory hotplug script (online/offline/add dimm/remove/workload/explain/show) against a booted machine"),
  )
    .option("--format <format>", "text or json", "text")
    .option("--dump-sysfs <dir>", "also write the final /sys/devices/system/memory under DIR")
    .action(async (script: string | undefined, o: HotplugOptions) => (await import("./hotplug-run.js")).runHotplug(script, o));
}
