import type { Command } from "commander";

/** `memsim memblock run [FILE|-] [--kernel 6.1|6.12]`: the memblock script runner. */
export function registerMemblock(program: Command): void {
  program
    .command("memblock")
    .description("memblock engine tools")
    .command("run [file]")
    .description("run a memblock op script (from FILE, or standard input)")
    .option("--kernel <version>", "kernel profile: 6.1 or 6.12", "6.12")
    .action(() => {
      throw new Error("memblock run: not built yet");
    });
}
