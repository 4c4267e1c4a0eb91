import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { InputError } from "../errors.js";

const READ_ERRORS: Record<string, string> = { ENOENT: "no such file", EISDIR: "is a directory", EACCES: "permission denied" };

/** The script text of FILE, or of standard input for `-` or no FILE. */
function readScript(file: string | undefined): { source: string; name: string } {
  const fromStdin = file === undefined || file === "-";
  const name = fromStdin ? "<stdin>" : file;
  try {
    return { source: readFileSync(fromStdin ? 0 : file, "utf8"), name };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    const reason = READ_ERRORS[code] ?? (err as Error).message;
    throw new InputError(`${name}: ${reason}`);
  }
}

/** `memsim memblock run [FILE|-] [--kernel 6.1|6.12]`: the memblock script runner. */
export function registerMemblock(program: Command): void {
  program
    .command("memblock")
    .description("memblock engine tools")
    .command("run [file]")
    .description("run a memblock op script (from FILE, or standard input)")
    .option("--kernel <version>", "kernel profile: 6.1 or 6.12", "6.12")
    .action(async (file: string | undefined, opts: { kernel: string }) => {
      // loaded on use, so that other commands do not pay for the engine at start-up
      const { profileFor } = await import("../profiles/index.js");
      const { runMemblockScript } = await import("../memblock/script.js");
      const profile = profileFor(opts.kernel);
      const { source, name } = readScript(file);
      const { output, exitCode } = runMemblockScript(source, profile, name);
      process.stdout.write(output);
      process.exitCode = exitCode;
    });
}
