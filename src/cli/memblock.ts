import { closeSync, openSync, readSync } from "node:fs";
import type { Command } from "commander";
import { InputError } from "../errors.js";

const READ_ERRORS: Record<string, string> = { ENOENT: "no such file", EISDIR: "is a directory", EACCES: "permission denied" };

/** Scripts beyond this are refused: a 100,000-op script is under 3 MB. */
const MAX_SCRIPT = 256 << 20;

/** All of `fd` up to MAX_SCRIPT bytes, read in chunks (stdin and devices have no size to check first). */
function readBounded(fd: number, name: string): string {
  const chunks: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(1 << 20);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      // a non-blocking stdin with nothing to read yet
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (n === 0) return Buffer.concat(chunks, total).toString("utf8");
    total += n;
    if (total > MAX_SCRIPT) throw new InputError(`${name}: more than ${MAX_SCRIPT} bytes, too large for a memblock script`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
}

/** The script text of FILE, or of standard input for `-` or no FILE. */
function readScript(file: string | undefined): { source: string; name: string } {
  const fromStdin = file === undefined || file === "-";
  const name = fromStdin ? "<stdin>" : file;
  let fd = 0;
  try {
    if (!fromStdin) fd = openSync(file, "r");
    return { source: readBounded(fd, name), name };
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new InputError(`${name}: ${READ_ERRORS[code] ?? (err as Error).message}`);
  } finally {
    if (!fromStdin && fd) closeSync(fd);
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
