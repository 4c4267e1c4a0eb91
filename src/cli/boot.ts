import { join } from "node:path";
import { type Command, Option } from "commander";
import type { BootOptions } from "./boot-run.js";
import { addMachineOptions } from "./machine-options.js";

/** What `memsim` does without a command: boot the built-in example and draw it. */
export async function runExample(): Promise<void> {
  (await import("./boot-run.js")).bootExample();
}

/** `memsim boot …` and `memsim report DIR`. */
export function registerBoot(program: Command): void {
  addMachineOptions(program.command("boot").description("predict the kernel's boot-time memory setup for a machine"))
    .addOption(new Option("--format <format>", "output: predicted kernel lines, the structured result, or a memory map with verdicts").choices(["dmesg", "json", "text"]).default("text"))
    .option("--diff", "compare the prediction with the --dmesg log, section by section")
    .action(async (opts: BootOptions) => (await import("./boot-run.js")).bootCommand(opts));
  program
    .command("report")
    .argument("[dir]", "directory of boot goldens (<scenario>/<kernel>/serial.log)", join("test", "goldens", "boot"))
    .description("per-section match rate of memsim's predictions over recorded boot logs")
    .action(async (dir: string) => (await import("./boot-run.js")).report(dir));
}
