import type { Command } from "commander";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { lsmem, type LsmemBlock } from "../hotplug/lsmem.js";
import { lsmemBlocks } from "../hotplug/script.js";
import { addRuntimeOptions, loadSystem, runScriptFile, type RuntimeInputs } from "./hotplug-input.js";

/** Reads a real (dumped) /sys/devices/system/memory the way lsmem does. */
function readSysroot(root: string): { blockSize: bigint; blocks: LsmemBlock[] } {
  const dir = join(root, "sys/devices/system/memory");
  const bsFile = join(dir, "block_size_bytes");
  if (!existsSync(bsFile)) throw new InputError("This system does not support memory blocks", 1);
  const bs = readFileSync(bsFile, "utf8").trim();
  if (!/^[0-9a-f]+$/i.test(bs)) throw new InputError(`${bsFile}: not a hex block size`, 1);
  const blocks: LsmemBlock[] = [];
  for (const name of readdirSync(dir)) {
    const m = /^memory([0-9]+)$/.exec(name);
    if (!m) continue;
    const bdir = join(dir, name);
    const read = (f: string) => (existsSync(join(bdir, f)) ? readFileSync(join(bdir, f), "utf8").trimEnd() : undefined);
    const node = readdirSync(bdir).map((f) => /^node([0-9]+)$/.exec(f)).find((x) => x);
    const zones = read("valid_zones");
    blocks.push({
      index: Number(m[1]),
      state: read("state") ?? "",
      removable: read("removable") === "1",
      node: node ? Number(node[1]) : -1,
      ...(zones !== undefined ? { zones: zones.split(" ") } : {}),
    });
  }
  return { blockSize: BigInt(`0x${bs}`), blocks };
}

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
    .action(async (o: Record<string, string | boolean | undefined>) => {
      let blockSize: bigint;
      let blocks: LsmemBlock[];
      if (typeof o.sysroot === "string") ({ blockSize, blocks } = readSysroot(o.sysroot));
      else {
        const sys = await loadSystem(o as RuntimeInputs);
        runScriptFile(sys, typeof o.script === "string" ? o.script : undefined);
        blockSize = sys.blockSize;
        blocks = lsmemBlocks(sys);
      }
      const str = (v: unknown) => (typeof v === "string" ? v : undefined);
      write(
        lsmem(blockSize, blocks, {
          output: str(o.output),
          outputAll: o.outputAll === true,
          all: o.all === true,
          bytes: o.bytes === true,
          noheadings: o.noheadings === true,
          json: o.json === true,
          pairs: o.pairs === true,
          raw: o.raw === true,
          split: str(o.split),
          summary: o.summary === true ? "" : str(o.summary),
        }),
      );
    });
}
