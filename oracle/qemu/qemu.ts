// Boot a QEMU x86-64 guest for the oracle: direct kernel boot, any number of serial ports written to
// files, an optional QMP socket, a hard timeout. Used by the boot-golden recorder (record.ts) and meant
// for run-time hotplug recorders too: start a guest with `qmp` set, connect with `Qmp.connect`, then
// `execute("object-add", …)`, `execute("device_add", { driver: "pc-dimm", … })`, `execute("device_del", …)`
// while reading the guest's answers from its serial files.
//
//   const guest = startGuest({ machine: "q35", memory: { size: "4G", slots: 4, maxmem: "16G" }, cpus: 2,
//     kernel: "/boot/vmlinuz-…", initrd: "oracle/build/initramfs.cpio.gz", append: "console=ttyS0",
//     serial: ["oracle/build/run/ttyS0.log", "oracle/build/run/ttyS1.log"], qmp: "oracle/build/run/qmp.sock" });
//   const qmp = await Qmp.connect(guest.spec.qmp!, 10_000);
//   await qmp.execute("object-add", { "qom-type": "memory-backend-ram", id: "m1", size: 1 << 30 });
//   await qmp.execute("device_add", { driver: "pc-dimm", id: "d1", memdev: "m1" });
//   const exit = await guest.exited(120_000);
//
// Paths are passed to QEMU as given; recorders pass repository-relative paths so that the recorded
// command names no path of the recording machine.

import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, readFileSync, writeFileSync } from "node:fs";
import { createConnection, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export type Accel = "kvm" | "tcg";

/** One -numa node; QEMU then builds its own SRAT (and a SLIT when distances are given). */
export interface NumaNode {
  nodeid: number;
  /** QEMU cpu list, e.g. "0" or "0-1"; omitted for a memory-only node. */
  cpus?: string;
  /** RAM of the node (a memory-backend-ram object); omitted for a CPU-only node. */
  mem?: string;
}

export interface GuestSpec {
  qemu?: string;
  machine: "q35" | "pc";
  accel: Accel;
  /** Number of CPUs, each in its own socket (APIC id = CPU index). */
  cpus: number;
  memory: {
    size: string;
    slots?: number;
    maxmem?: string;
    /** Give boot RAM through memory-backend-ram objects with reserve=off (needed above 16 GiB). */
    backend?: boolean;
  };
  numa?: NumaNode[];
  /** -numa dist entries: [src, dst, value]. */
  numaDist?: [number, number, number][];
  kernel: string;
  initrd?: string;
  append: string;
  /** Extra ACPI tables given with -acpitable file=… */
  acpiTables?: string[];
  /** Output files of COM1, COM2, … in order. */
  serial: string[];
  /** Unix socket path for a QMP server (QEMU listens, does not wait). */
  qmp?: string;
  extraArgs?: string[];
}

/** True when KVM can be used by this process. */
export function kvmUsable(): boolean {
  try {
    accessSync("/dev/kvm", constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when a KVM guest really runs this kernel: boots it (no initrd) and waits for the kernel's
 * "Command line:" on the serial port. /dev/kvm can exist and still not work (some nested setups stop
 * right after the decompressor), so access alone is not enough.
 */
export async function kvmBoots(kernel: string, workDir: string, timeoutMs = 30_000): Promise<boolean> {
  if (!kvmUsable()) return false;
  const log = `${workDir}/kvm-probe.log`;
  writeFileSync(log, "");
  const guest = startGuest({
    machine: "q35", accel: "kvm", cpus: 1, memory: { size: "256M" }, kernel, append: "console=ttyS0", serial: [log],
  });
  const deadline = Date.now() + timeoutMs;
  let ok = false;
  while (!ok && Date.now() < deadline && guest.process.exitCode === null) {
    await sleep(250);
    ok = readFileSync(log, "latin1").includes("Command line:");
  }
  guest.kill();
  await guest.exited(5_000);
  return ok;
}

/** The QEMU argument vector for a spec (argv[0] included). */
export function qemuArgs(spec: GuestSpec): string[] {
  const a: string[] = [spec.qemu ?? "qemu-system-x86_64"];
  const machineOpts: string[] = [spec.machine];
  a.push("-accel", spec.accel);
  // A fixed CPU model (not "host"): the guest's paging mode and features must not depend on the recorder.
  a.push("-cpu", "qemu64");
  a.push("-smp", `${spec.cpus},sockets=${spec.cpus},cores=1,threads=1`);
  const m = spec.memory;
  const mOpts = [`size=${m.size}`];
  if (m.slots !== undefined) mOpts.push(`slots=${m.slots}`);
  if (m.maxmem !== undefined) mOpts.push(`maxmem=${m.maxmem}`);
  a.push("-m", mOpts.join(","));
  if (spec.numa && spec.numa.length > 0) {
    for (const n of spec.numa) {
      const opts = [`node`, `nodeid=${n.nodeid}`];
      if (n.cpus !== undefined) opts.push(`cpus=${n.cpus}`);
      if (n.mem !== undefined) {
        a.push("-object", `memory-backend-ram,id=ram-node${n.nodeid},size=${n.mem},reserve=off`);
        opts.push(`memdev=ram-node${n.nodeid}`);
      }
      a.push("-numa", opts.join(","));
    }
    for (const [src, dst, val] of spec.numaDist ?? []) a.push("-numa", `dist,src=${src},dst=${dst},val=${val}`);
  } else if (m.backend) {
    a.push("-object", `memory-backend-ram,id=ram0,size=${m.size},reserve=off`);
    machineOpts.push("memory-backend=ram0");
  }
  a.splice(1, 0, "-machine", machineOpts.join(","));
  a.push("-nodefaults", "-nographic", "-no-reboot");
  for (const [i, path] of spec.serial.entries()) {
    a.push("-chardev", `file,id=serial${i},path=${path}`, "-serial", `chardev:serial${i}`);
  }
  if (spec.qmp !== undefined) a.push("-qmp", `unix:${spec.qmp},server=on,wait=off`);
  for (const t of spec.acpiTables ?? []) a.push("-acpitable", `file=${t}`);
  a.push("-kernel", spec.kernel);
  if (spec.initrd !== undefined) a.push("-initrd", spec.initrd);
  a.push("-append", spec.append);
  a.push(...(spec.extraArgs ?? []));
  return a;
}

/** POSIX-shell quoting of an argument vector, for recording the exact command. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((s) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`)).join(" ");
}

export interface GuestExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** QEMU's own stderr (warnings, errors). */
  stderr: string;
  seconds: number;
}

export interface Guest {
  spec: GuestSpec;
  argv: string[];
  process: ChildProcess;
  /** Resolves when QEMU exits; kills it (SIGKILL) after timeoutMs and reports timedOut. */
  exited(timeoutMs: number): Promise<GuestExit>;
  kill(): void;
}

export function startGuest(spec: GuestSpec, cwd?: string): Guest {
  const argv = qemuArgs(spec);
  const started = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", (err) => {
      stderr += String(err);
      resolve({ code: null, signal: null });
    });
  });
  return {
    spec,
    argv,
    process: child,
    kill: () => void child.kill("SIGKILL"),
    async exited(timeoutMs: number): Promise<GuestExit> {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, timeoutMs);
      const r = await done;
      clearTimeout(timer);
      return { ...r, timedOut, stderr, seconds: (performance.now() - started) / 1000 };
    },
  };
}

export interface QmpEvent {
  event: string;
  data?: unknown;
  timestamp?: unknown;
}

/** Minimal QMP client: negotiates capabilities, runs one command at a time, collects events. */
export class Qmp {
  readonly events: QmpEvent[] = [];
  private buf = "";
  private waiters: ((msg: Record<string, unknown>) => void)[] = [];
  private constructor(private readonly sock: Socket) {
    sock.setEncoding("utf8").on("data", (d: string) => this.onData(d));
  }

  /** Connects (retrying while QEMU creates the socket), reads the greeting, sends qmp_capabilities. */
  static async connect(path: string, timeoutMs = 10_000): Promise<Qmp> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const sock = await new Promise<Socket>((resolve, reject) => {
          const s = createConnection(path, () => resolve(s));
          s.once("error", reject);
        });
        const qmp = new Qmp(sock);
        await qmp.next(); // greeting
        await qmp.execute("qmp_capabilities");
        return qmp;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`QMP: cannot connect to ${path}: ${String(err)}`);
        await sleep(100);
      }
    }
  }

  /** Runs a command; resolves with its "return" value, rejects with QMP's error description. */
  async execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    this.sock.write(JSON.stringify(args ? { execute: command, arguments: args } : { execute: command }) + "\n");
    const msg = await this.next();
    if ("error" in msg) {
      const e = msg.error as { class?: string; desc?: string };
      throw new Error(`QMP ${command}: ${e.class ?? "Error"}: ${e.desc ?? ""}`);
    }
    return msg.return;
  }

  /** Waits for an event by name (already received ones count), e.g. "DEVICE_DELETED". */
  async waitEvent(name: string, timeoutMs: number): Promise<QmpEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.events.findIndex((e) => e.event === name);
      if (i >= 0) return this.events.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`QMP: no ${name} event within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  close(): void {
    this.sock.end();
  }

  private next(): Promise<Record<string, unknown>> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private onData(d: string): void {
    this.buf += d;
    let nl: number;
    while ((nl = this.buf.indexOf("\n")) >= 0) {
      const line = this.buf.slice(0, nl).trim();
      this.buf = this.buf.slice(nl + 1);
      if (line === "") continue;
      const msg = JSON.parse(line) as Record<string, unknown>;
      if (typeof msg.event === "string") this.events.push(msg as unknown as QmpEvent);
      else this.waiters.shift()?.(msg);
    }
  }
}
