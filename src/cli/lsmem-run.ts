// The work of `memsim lsmem`, loaded only when the command runs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { lsmem, type LsmemBlock } from "../hotplug/lsmem.js";
import { lsmemBlocks } from "../hotplug/script.js";
import { loadSystem, runScriptFile } from "./hotplug-input.js";
import type { RuntimeInputs } from "./machine-options.js";

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

/** Lists the simulated machine's (or a dumped sysfs tree's) memory the way util-linux lsmem does. */
export async function runLsmem(o: Record<string, string | boolean | undefined>, write: (text: string) => void): Promise<void> {
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
}
