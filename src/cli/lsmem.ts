import type { Command } from "commander";
import { addRuntimeOptions } from "./machine-options.js";

/** `memsim lsmem`: util-linux lsmem's output for a simulated machine (or a dumped sysfs tree). */
export function registerLsmem(program: Command, write: (text: string) => void = (t) => void process.stdout.write(t)): void {
  addRuntimeOptions(program.command("lsmem").description("list memory ranges as util-linux lsmem prints them, for a simulated machine"))
    .option("--script <file>", "hotplug script to run before listing")
    .option("-s, --sysroot <dir>", "read a sysfs tree under DIR instead of simulating")
    .option("-J, --json", "use JSON output format")
    .option("-P, --pairs", 'use key="value" output format')
    .option("-a, --all", "list each individual memory block")
    .option("-b, --bytes", "print SIZE in bytes rather than in human readable format")
    .option("-n, --noheadings", "don't print headings")
    .option("-o, --output <list>", "output columns")
    .option("--output-all", "output all columns")
    .option("-r, --raw", "use raw output format")
    .option("-S, --split <list>", "split ranges by specified columns")
    .option("--summary [when]", "print summary information (never, always or only)")
    .action(async (o: Record<string, string | boolean | undefined>) => (await import("./lsmem-run.js")).runLsmem(o, write));
}
