#!/usr/bin/env node
// memsim's command line: a thin shell around the pure engine. Each command
// lives in its own module and registers itself on the program here.
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.js";
import { registerMemblock } from "./memblock.js";
import { registerSrat } from "./srat.js";
import { registerHotplug } from "./hotplug.js";
import { registerLsmem } from "./lsmem.js";
import { registerMachine } from "./machine.js";
import { registerBoot, runExample } from "./boot.js";

const program = new Command()
  .name("memsim")
  .description("Predicts what Linux does with a machine's physical memory, and why.")
  .showHelpAfterError()
  .exitOverride();

registerMemblock(program);
registerSrat(program);
registerHotplug(program);
registerLsmem(program);
registerMachine(program);
registerBoot(program);
// no command: the built-in example (a two-socket machine, hotpluggable node, movable_node)
program.action(runExample);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof InputError) {
    process.stderr.write(`memsim: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  throw err;
}
