// `npm run oracle [-- --only NAME[,NAME…]] [--kernel 6.1|6.12] [--missing] [--list] [--samples]`
//
// Boots every scenario of scenarios.ts on Debian's 6.1 and 6.12 kernels under QEMU and stores each boot
// as a golden in test/goldens/boot/<scenario>/<kernel>/:
//   scenario.json  the scenario and the full kernel command line
//   qemu-cmd.txt   the exact QEMU command (run from the repository root)
//   serial.log     everything the kernel printed on ttyS0 (CR LF turned into LF)
//   dump.txt       what the initramfs printed on ttyS1 (SRAT hex, /sys/firmware/memmap, zoneinfo, memory blocks)
//   meta.json      kernel release and image, QEMU version, accelerator, boot time, notes
//   srat.json, srat.aml   the custom SRAT memsim encoded (custom-SRAT scenarios only)
// The SRAT the guest saw goes to test/goldens/srat/qemu/<scenario>.aml, and for scenarios marked as
// samples the guest's /sys/firmware/memmap to test/goldens/readers/memmap/<scenario>/ (`--samples` rebuilds
// those from the recorded dump.txt files without booting).
//
// Environment: MEMSIM_KERNEL_6_1, MEMSIM_KERNEL_6_12 (kernel images; default: the /boot/vmlinuz-6.1.* and
// -6.12.* of the installed Debian packages), MEMSIM_BUSYBOX (default /bin/busybox from busybox-static),
// QEMU (default qemu-system-x86_64), MEMSIM_ACCEL (kvm|tcg; default kvm when /dev/kvm is usable).
// Work files live in oracle/build/ (git-ignored).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildInitramfs, buildOverrideInitrd } from "./initramfs.js";
import { kvmBoots, shellQuote, startGuest, type Accel, type GuestSpec } from "./qemu.js";
import { COMMON_CMDLINE, sizeBytes, type Scenario } from "./scenario.js";
import { MEMMAP_SAMPLES, SCENARIOS } from "./scenarios.js";
import { sratJson } from "./srat-json.js";
import { parseDump, sratBytes } from "./dump.js";

const KERNELS = ["6.1", "6.12"] as const;
type KernelName = (typeof KERNELS)[number];

const WORK = "oracle/build";
/** Seconds one boot may take unless the scenario says otherwise (TCG on a busy 2-core host needs 60 s). */
const DEFAULT_TIMEOUT = 240;
const GOLDENS = "test/goldens";
const NOTES: Record<KernelName, string[]> = {
  "6.1": [],
  "6.12": ["The 'Memory: …K/…K available' figure is printed after deferred page init and varies between runs."],
};

function kernelImage(k: KernelName): string {
  const env = process.env[`MEMSIM_KERNEL_${k.replace(".", "_")}`];
  if (env) return env;
  const re = new RegExp(`^vmlinuz-${k.replace(".", "\\.")}\\.\\d`);
  const found = readdirSync("/boot").filter((f) => re.test(f)).sort();
  if (found.length === 0) throw new Error(`no /boot/vmlinuz-${k}.* (install the Debian kernel or set MEMSIM_KERNEL_${k.replace(".", "_")})`);
  return `/boot/${found[found.length - 1]}`;
}

interface Options {
  only?: Set<string>;
  kernels: KernelName[];
  missing: boolean;
  list: boolean;
  /** Rebuild the memmap samples from the recorded dump.txt files, without booting. */
  samples: boolean;
}

function args(): Options {
  const a = process.argv.slice(2);
  const r: Options = { kernels: [...KERNELS], missing: false, list: false, samples: false };
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === "--only") r.only = new Set(a[++i]?.split(",") ?? []);
    else if (v === "--kernel") r.kernels = [a[++i] as KernelName];
    else if (v === "--missing") r.missing = true;
    else if (v === "--list") r.list = true;
    else if (v === "--samples") r.samples = true;
    else throw new Error(`unknown argument ${v}`);
  }
  for (const k of r.kernels) if (!KERNELS.includes(k)) throw new Error(`--kernel must be one of ${KERNELS.join(", ")}`);
  for (const n of r.only ?? []) if (!SCENARIOS.some((s) => s.name === n)) throw new Error(`no scenario ${n}`);
  return r;
}

/** Encodes the scenario's SRAT with `memsim srat encode`; returns the .aml path (under `dir`). */
function encodeSrat(s: Scenario, dir: string): { aml: string; encoder: string } {
  const json = join(dir, "srat.json");
  const aml = join(dir, "srat.aml");
  writeFileSync(json, JSON.stringify(sratJson(s.srat!), null, 2) + "\n");
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "srat", "encode", json, "-o", aml], { stdio: "inherit" });
  return { aml, encoder: "memsim srat encode srat.json -o srat.aml" };
}

function guestSpec(s: Scenario, kernel: string, accel: Accel, initrd: string, acpiTables: string[], serial: string[]): GuestSpec {
  return {
    qemu: process.env.QEMU,
    machine: s.machine,
    accel,
    cpus: s.cpus,
    memory: { size: s.memory, slots: s.slots, maxmem: s.maxmem, backend: sizeBytes(s.memory) > 16n << 30n },
    numa: s.numa,
    numaDist: s.numaDist,
    kernel,
    initrd,
    append: [COMMON_CMDLINE, s.cmdline].filter((x) => x !== "").join(" "),
    acpiTables,
    serial,
  };
}

async function record(s: Scenario, k: KernelName, accel: Accel, initramfs: string, qemuVersion: string): Promise<string> {
  const caseDir = join(GOLDENS, "boot", s.name, k);
  // QEMU runs in WORK and gets paths relative to it, so the recorded command names no machine path.
  const runRel = join("run", `${s.name}-${k}`);
  const run = join(WORK, runRel);
  rmSync(run, { recursive: true, force: true });
  mkdirSync(run, { recursive: true });
  let initrd = initramfs;
  let encoder: string | undefined;
  const tables: string[] = [];
  if (s.srat) {
    const enc = encodeSrat(s, run);
    encoder = enc.encoder;
    if (s.srat.via === "acpitable") tables.push(join(runRel, "srat.aml"));
    else {
      initrd = join(runRel, "initrd-override.cpio");
      buildOverrideInitrd(run, enc.aml, "srat.aml", join(WORK, initramfs), join(WORK, initrd));
    }
  }
  const serial = [join(runRel, "ttyS0.log"), join(runRel, "ttyS1.log")];
  const spec = guestSpec(s, kernelImage(k), accel, initrd, tables, serial);
  const guest = startGuest(spec, WORK);
  const limit = s.timeout ?? DEFAULT_TIMEOUT;
  const exit = await guest.exited(limit * 1000);
  const log = readFileSync(join(WORK, serial[0]!), "latin1").replaceAll("\r\n", "\n");
  const dumpText = readFileSync(join(WORK, serial[1]!), "latin1").replaceAll("\r\n", "\n");
  const dump = parseDump(dumpText);
  const problems: string[] = [];
  if (exit.timedOut) problems.push(`timed out after ${limit} s`);
  if (!log.includes("x86/mm: Memory block size")) problems.push("no 'x86/mm: Memory block size' line");
  if (!dump.done) problems.push("init dump incomplete");
  if (problems.length > 0) {
    writeFileSync(join(run, "qemu-stderr.txt"), exit.stderr);
    throw new Error(`${s.name} on ${k}: ${problems.join("; ")} (see ${run})`);
  }

  rmSync(caseDir, { recursive: true, force: true });
  mkdirSync(caseDir, { recursive: true });
  writeFileSync(join(caseDir, "scenario.json"), JSON.stringify({ ...s, kernelCommandLine: spec.append }, null, 2) + "\n");
  writeFileSync(join(caseDir, "qemu-cmd.txt"), shellQuote(guest.argv) + "\n");
  writeFileSync(join(caseDir, "serial.log"), log, "latin1");
  writeFileSync(join(caseDir, "dump.txt"), dumpText, "latin1");
  if (s.srat) {
    writeFileSync(join(caseDir, "srat.json"), readFileSync(join(run, "srat.json")));
    writeFileSync(join(caseDir, "srat.aml"), readFileSync(join(run, "srat.aml")));
  }
  const meta = {
    kernel: k,
    kernelImage: spec.kernel,
    kernelRelease: dump.sections.get("uname")?.trim(),
    qemuVersion,
    qemuWorkingDirectory: "oracle/build (git-ignored; the initramfs and per-boot files are rebuilt by the recorder)",
    accel,
    bootSeconds: Number(exit.seconds.toFixed(1)),
    qemuExit: exit.code,
    qemuStderr: exit.stderr,
    serialNormalisation: "CR LF -> LF",
    recordedAt: new Date().toISOString(),
    recordedBy: "npm run oracle -- --only " + s.name + " --kernel " + k,
    ...(encoder ? { sratEncoder: encoder, sratVia: s.srat?.via } : {}),
    notes: NOTES[k],
  };
  writeFileSync(join(caseDir, "meta.json"), JSON.stringify(meta, null, 2) + "\n");

  const srat = sratBytes(dump);
  if (srat) {
    const path = join(GOLDENS, "srat", "qemu", `${s.name}.aml`);
    mkdirSync(join(GOLDENS, "srat", "qemu"), { recursive: true });
    if (existsSync(path) && !readFileSync(path).equals(srat)) {
      console.warn(`  warning: ${s.name}: the SRAT seen by ${k} differs from the stored one; overwriting`);
    }
    writeFileSync(path, srat);
  }
  if (MEMMAP_SAMPLES.has(s.name) && k === "6.1") writeMemmap(s.name, dump.sections.get("memmap") ?? "");
  return `${exit.seconds.toFixed(1)} s`;
}

/** Recreates the guest's /sys/firmware/memmap/<n>/{start,end,type} files. */
function writeMemmap(name: string, text: string): void {
  const root = join(GOLDENS, "readers", "memmap", name);
  rmSync(root, { recursive: true, force: true });
  for (const line of text.split("\n").filter((l) => l !== "")) {
    const m = /^(\d+) (\S+) (\S+) (.+)$/.exec(line);
    if (!m) throw new Error(`bad memmap line: ${line}`);
    const d = join(root, m[1]!);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "start"), m[2] + "\n");
    writeFileSync(join(d, "end"), m[3] + "\n");
    writeFileSync(join(d, "type"), m[4] + "\n");
  }
}

async function main(): Promise<void> {
  const opt = args();
  const chosen = SCENARIOS.filter((s) => !opt.only || opt.only.has(s.name));
  if (opt.list) {
    for (const s of chosen) console.log(`${s.name}\t${s.description}`);
    return;
  }
  if (opt.samples) {
    for (const s of chosen.filter((c) => MEMMAP_SAMPLES.has(c.name))) {
      const dump = parseDump(readFileSync(join(GOLDENS, "boot", s.name, "6.1", "dump.txt"), "latin1"));
      writeMemmap(s.name, dump.sections.get("memmap") ?? "");
    }
    return;
  }
  mkdirSync(WORK, { recursive: true });
  const accel: Accel =
    (process.env.MEMSIM_ACCEL as Accel | undefined) ?? ((await kvmBoots(kernelImage(KERNELS[0]), WORK)) ? "kvm" : "tcg");
  console.log(`accelerator: ${accel}`);
  const qemuVersion = execFileSync(process.env.QEMU ?? "qemu-system-x86_64", ["--version"], { encoding: "utf8" }).split("\n")[0]!;
  const initramfs = relative(WORK, buildInitramfs(WORK, process.env.MEMSIM_BUSYBOX ?? "/bin/busybox"));
  let failed = 0;
  for (const s of chosen) {
    for (const k of opt.kernels) {
      if (opt.missing && existsSync(join(GOLDENS, "boot", s.name, k, "meta.json"))) continue;
      try {
        console.log(`${s.name} ${k}: ${await record(s, k, accel, initramfs, qemuVersion)}`);
      } catch (err) {
        failed++;
        console.error(`FAILED ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  if (failed > 0) {
    console.error(`${failed} boot(s) failed`);
    process.exitCode = 1;
  }
}

await main();
