// `node --import tsx oracle/runtime/record.ts [--only NAME[,NAME…]] [--kernel 6.1|6.12]`
//
// Records the run-time hotplug goldens: boots each scenario of scenarios.ts on Debian's 6.1 and 6.12
// kernels under QEMU (oracle/qemu/qemu.ts) with an initramfs whose /init (init.sh) runs the scenario's
// hotplug script against the real kernel. DIMM requests the guest prints on ttyS1 are carried out over
// QMP (object-add + device_add pc-dimm, device_del). Stored in test/goldens/runtime/<scenario>/<kernel>/:
//   scenario.txt  the script, exactly as the guest ran it
//   guest.log     the guest's report (ttyS1): boot facts, sysfs views, one result per step
//   console.log   everything the kernel printed (ttyS0)
//   meta.json     kernel, command line, the QEMU command, the QMP exchanges with their outcomes
//   srat.json     the custom SRAT (scenarios with one; memsim encodes it, the initrd table override loads it)
// Environment: MEMSIM_KERNEL_6_1, MEMSIM_KERNEL_6_12 (default: the installed /boot/vmlinuz-6.1.*, -6.12.*),
// MEMSIM_BUSYBOX (default /bin/busybox).
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { Qmp, shellQuote, startGuest, type GuestSpec } from "../qemu/qemu.js";
import { buildOverrideInitrd } from "../qemu/initramfs.js";
import { sratJson } from "../qemu/srat-json.js";
import { sratFromJson } from "../../src/acpi/srat-json.js";
import { encodeSrat } from "../../src/acpi/srat-codec.js";
import { RUNTIME_SCENARIOS, type RuntimeScenario } from "./scenarios.js";

const here = dirname(fileURLToPath(import.meta.url));
const WORK = "oracle/build/runtime";
const GOLDENS = "test/goldens/runtime";
const COMMON = "console=ttyS0 nokaslr panic=-1 loglevel=8";
const KERNELS = ["6.1", "6.12"] as const;

function kernelImage(k: string): string {
  const env = process.env[`MEMSIM_KERNEL_${k.replace(".", "_")}`];
  if (env) return env;
  const found = readdirSync("/boot").filter((f) => f.startsWith(`vmlinuz-${k}.`)).sort();
  if (!found.length) throw new Error(`no /boot/vmlinuz-${k}.*`);
  return `/boot/${found[found.length - 1]}`;
}

/** A gzip'd newc initramfs with busybox, init.sh as /init and the scenario script as /scenario. */
function initramfs(dir: string, script: string): string {
  const root = join(dir, "root");
  rmSync(root, { recursive: true, force: true });
  for (const d of ["bin", "proc", "sys", "dev", "tmp"]) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(process.env.MEMSIM_BUSYBOX ?? "/bin/busybox", join(root, "bin/busybox"));
  copyFileSync(join(here, "init.sh"), join(root, "init"));
  chmodSync(join(root, "bin/busybox"), 0o755);
  chmodSync(join(root, "init"), 0o755);
  writeFileSync(join(root, "scenario"), script);
  const out = join(dir, "initramfs.cpio.gz");
  execFileSync("sh", ["-c", `cd '${root}' && find . -mindepth 1 | sort | cpio -o -H newc -R 0:0 --quiet | gzip -n > '${join("..", "initramfs.cpio.gz")}'`]);
  return out;
}

interface QmpExchange {
  request: string;
  commands: unknown[];
  outcome: string;
}

async function runOne(s: RuntimeScenario, k: string): Promise<void> {
  const dir = join(WORK, s.name, k);
  mkdirSync(dir, { recursive: true });
  const serial = [join(dir, "ttyS0.log"), join(dir, "ttyS1.log")];
  for (const f of serial) writeFileSync(f, "");
  let initrd = initramfs(dir, s.script);
  if (s.srat) {
    // The custom SRAT replaces QEMU's own through the kernel's initrd table override.
    const aml = join(dir, "srat.aml");
    writeFileSync(aml, encodeSrat(sratFromJson(JSON.stringify(sratJson(s.srat)), "srat.json")));
    const withTable = join(dir, "initrd-override.cpio");
    buildOverrideInitrd(dir, aml, "srat.aml", initrd, withTable);
    initrd = withTable;
  }
  const qmpPath = join(dir, "qmp.sock");
  rmSync(qmpPath, { force: true });
  const spec: GuestSpec = {
    machine: "q35",
    accel: "tcg",
    cpus: s.cpus,
    memory: { size: s.memory, slots: 4, maxmem: s.maxmem },
    ...(s.numa ? { numa: s.numa } : {}),
    kernel: kernelImage(k),
    initrd,
    append: `${COMMON} ${s.cmdline}`.trim(),
    serial,
    qmp: qmpPath,
  };
  const guest = startGuest(spec);
  const qmp = await Qmp.connect(qmpPath, 10_000);
  const exchanges: QmpExchange[] = [];
  let handled = 0;
  let dimms = 0;
  const deadline = Date.now() + 240_000;
  while (guest.process.exitCode === null && Date.now() < deadline) {
    await sleep(100);
    const requests = readFileSync(serial[1]!, "latin1").split("\n").filter((l) => l.startsWith("@@@ request "));
    for (; handled < requests.length; handled++) {
      const w = requests[handled]!.trim().split(/\s+/).slice(2);
      const ex: QmpExchange = { request: w.join(" "), commands: [], outcome: "" };
      const run = async (cmd: string, args: Record<string, unknown>) => {
        ex.commands.push({ execute: cmd, arguments: args });
        return qmp.execute(cmd, args);
      };
      try {
        if (w[0] === "add") {
          const opt = new Map<string, string>();
          for (let i = 2; i + 1 < w.length; i += 2) opt.set(w[i]!, w[i + 1]!);
          const id = opt.get("id") ?? `dimm${dimms}`;
          dimms++;
          await run("object-add", { "qom-type": "memory-backend-ram", id: `mem-${id}`, size: sizeOf(w[1]!) });
          await run("device_add", { driver: "pc-dimm", id, memdev: `mem-${id}`, ...(opt.has("node") ? { node: Number(opt.get("node")) } : {}) });
          ex.outcome = JSON.stringify(await qmp.execute("query-memory-devices"));
        } else if (w[0] === "remove") {
          await run("device_del", { id: w[1] });
          try {
            await qmp.waitEvent("DEVICE_DELETED", 15_000);
            ex.outcome = "DEVICE_DELETED";
          } catch {
            ex.outcome = "no DEVICE_DELETED within 15 s";
          }
        }
      } catch (err) {
        ex.outcome = `error: ${(err as Error).message}`;
      }
      exchanges.push(ex);
    }
  }
  qmp.close();
  const exit = await guest.exited(10_000);
  const out = join(GOLDENS, s.name, k);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "scenario.txt"), s.script);
  if (s.srat) writeFileSync(join(out, "srat.json"), JSON.stringify(sratJson(s.srat), null, 2) + "\n");
  writeFileSync(join(out, "guest.log"), readFileSync(serial[1]!, "latin1").replace(/\r\n/g, "\n"));
  writeFileSync(join(out, "console.log"), readFileSync(serial[0]!, "latin1").replace(/\r\n/g, "\n"));
  const release = execFileSync("sh", ["-c", "file -b \"$0\" | sed 's/.*version \\([^ ]*\\).*/\\1/'", spec.kernel], { encoding: "utf8" }).trim();
  writeFileSync(
    join(out, "meta.json"),
    JSON.stringify(
      {
        kernel: k,
        release,
        cmdline: spec.append,
        qemu: shellQuote(guest.argv),
        qemuVersion: execFileSync("qemu-system-x86_64", ["--version"], { encoding: "utf8" }).split("\n")[0],
        recorder: `node --import tsx oracle/runtime/record.ts --only ${s.name} --kernel ${k}`,
        qmp: exchanges,
        exit: { code: exit.code, timedOut: exit.timedOut, seconds: Math.round(exit.seconds) },
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`${s.name} ${k}: ${exit.timedOut ? "TIMED OUT" : "done"} in ${Math.round(exit.seconds)} s`);
}

function sizeOf(s: string): number {
  const m = /^([0-9]+)([MG])$/.exec(s);
  if (!m) throw new Error(`bad size ${s}`);
  return Number(m[1]) * (m[2] === "G" ? 1 << 30 : 1 << 20);
}

const argv = process.argv.slice(2);
const only = argv.includes("--only") ? new Set(argv[argv.indexOf("--only") + 1]!.split(",")) : undefined;
const kernels = argv.includes("--kernel") ? [argv[argv.indexOf("--kernel") + 1]!] : [...KERNELS];
if (!existsSync("package.json")) throw new Error("run from the repository root");
for (const s of RUNTIME_SCENARIOS) {
  if (only && !only.has(s.name)) continue;
  for (const k of kernels) await runOne(s, k);
}
