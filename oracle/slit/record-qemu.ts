// Records the SLIT QEMU builds from `-numa dist` options: runs a boot golden's recorded QEMU command
// without its kernel (the firmware alone lays out the ACPI tables), saves guest memory through the
// HMP monitor's pmemsave, and follows RSDP -> RSDT to the SLIT.
//
//   node --import tsx oracle/slit/record-qemu.ts test/goldens/boot/qemu-numa4-q35-8g/6.1 test/goldens/slit/qemu-numa4-q35-8g
//
// Writes slit.aml, qemu-cmd.txt (the command run) and meta.json (this command line, QEMU's version).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const [from, out] = process.argv.slice(2);
if (!from || !out) throw new Error("usage: record-qemu.ts GOLDEN_DIR OUT_DIR");

/** A shell command line split into words (single and double quotes). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const DROP = new Set(["-kernel", "-initrd", "-append", "-chardev", "-serial", "-nographic"]);
const argv = words(readFileSync(join(from, "qemu-cmd.txt"), "utf8").trim());
const args: string[] = [];
for (let i = 1; i < argv.length; i++) {
  if (!DROP.has(argv[i]!)) args.push(argv[i]!);
  else if (argv[i] !== "-nographic") i++;
}
const work = mkdtempSync(join(tmpdir(), "slit-"));
const sock = join(work, "mon.sock");
args.push("-display", "none", "-monitor", `unix:${sock},server,nowait`);
const qemu = spawn(argv[0]!, args, { stdio: "inherit" });

async function hmp(cmd: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const c = createConnection(sock, () => c.write(`${cmd}\n`));
    c.on("error", reject);
    // the monitor answers with a prompt; give the command time to finish
    setTimeout(() => (c.end(), resolve()), 700);
  });
}
async function mem(addr: number, len: number): Promise<Buffer> {
  const f = join(work, `m${addr.toString(16)}`);
  await hmp(`pmemsave 0x${addr.toString(16)} ${len} "${f}"`);
  return readFileSync(f);
}

try {
  await sleep(4000); // firmware start-up (TCG)
  const bios = await mem(0xe0000, 0x20000);
  const rsdp = bios.indexOf("RSD PTR ");
  if (rsdp < 0) throw new Error("no RSDP in 0xe0000-0xfffff");
  const rsdtAddr = bios.readUInt32LE(rsdp + 16);
  const rsdtHead = await mem(rsdtAddr, 36);
  const rsdt = await mem(rsdtAddr, rsdtHead.readUInt32LE(4));
  let slit: Buffer | undefined;
  for (let o = 36; o + 4 <= rsdt.length; o += 4) {
    const head = await mem(rsdt.readUInt32LE(o), 36);
    if (head.subarray(0, 4).toString("latin1") === "SLIT") slit = await mem(rsdt.readUInt32LE(o), head.readUInt32LE(4));
  }
  if (!slit) throw new Error("the RSDT lists no SLIT");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "slit.aml"), slit);
  writeFileSync(join(out, "qemu-cmd.txt"), `${[argv[0], ...args].join(" ").replace(sock, "SOCKET")}\n`);
  const version = execFileSync(argv[0]!, ["--version"], { encoding: "utf8" }).split("\n")[0];
  const meta = { recordedWith: `node --import tsx oracle/slit/record-qemu.ts ${from} ${out}`, qemu: version, from };
  writeFileSync(join(out, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
} finally {
  qemu.kill();
  rmSync(work, { recursive: true, force: true });
}
