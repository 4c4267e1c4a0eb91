/**
 * Records what the real kernels print for unusual SRATs: each case's table
 * (encoded by memsim, some bytes then broken on purpose) is handed to a QEMU
 * q35 guest with -acpitable (QEMU writes no SRAT of its own without -numa or
 * memory slots) and both Debian kernels are booted. Stores
 * test/goldens/srat/kernel/<case>/<kernel>/{serial.log,srat.aml,guest-srat.aml,meta.json}:
 * srat.aml is the table given to QEMU, guest-srat.aml the one the guest saw
 * (/sys/firmware/acpi/tables/SRAT). QEMU recomputes the checksum of an
 * -acpitable, so a bad checksum cannot be recorded this way (and the kernel's
 * initrd override refuses such tables); nor can a table above QEMU's 64 KiB
 * -acpitable limit (so numa_meminfo's 2048-block limit is not recorded).
 *
 * Usage: npx tsx oracle/srat/kernel.ts [--only a,b] [--kernel 6.1|6.12] [--resave]
 * (--resave: rewrite the goldens from the last run's serial logs in the work
 * directory, without booting)
 * Env: MEMSIM_KERNEL_6_1, MEMSIM_KERNEL_6_12 (default: the Debian images in /boot),
 *      MEMSIM_BUSYBOX (default /bin/busybox), MEMSIM_ACCEL (kvm|tcg, default tcg).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildInitramfs } from "../qemu/initramfs.js";
import { qemuArgs, shellQuote, startGuest, type Accel } from "../qemu/qemu.js";
import { encodeSrat } from "../../src/acpi/srat-codec.js";
import { sratFromJson } from "../../src/acpi/srat-json.js";

const WORK = "oracle/build/srat-kernel";
const OUT = "test/goldens/srat/kernel";
const KERNELS = {
  "6.1": process.env.MEMSIM_KERNEL_6_1 ?? "/boot/vmlinuz-6.1.0-56-amd64",
  "6.12": process.env.MEMSIM_KERNEL_6_12 ?? "/boot/vmlinuz-6.12.117+deb12-amd64",
} as const;
const APPEND = "console=ttyS0 nokaslr panic=-1 loglevel=8";

const GiB = 1n << 30n;
const hex = (n: bigint): string => `0x${n.toString(16)}`;
const mem = (pxm: number, base: bigint, size: bigint, flags = 1): object => ({
  kind: "memoryAffinity",
  proximityDomain: pxm,
  baseAddress: hex(base),
  addressLength: hex(size),
  flags,
});
const cpu = (pxm: number, apic: number, extra: object = {}): object => ({ kind: "cpuAffinity", proximityDomainLo: pxm & 0xff, proximityDomainHi: pxm >>> 8, apicId: apic, flags: 1, ...extra });
/** The 4 GiB q35 guest's RAM: [0, 0xa0000), [1 MiB, 2 GiB), [4 GiB, 6 GiB). */
const lowMem = [mem(0, 0n, 0xa0000n), mem(0, 0x100000n, 2n * GiB - 0x100000n)];
const highMem = (pxm: number, flags = 1): object => mem(pxm, 4n * GiB, 2n * GiB, flags);
const cpus2 = [cpu(0, 0), cpu(1, 1)];

/** The table with `tail` appended and its Length grown to match. */
function withTail(b: Uint8Array, tail: number[]): Uint8Array {
  const out = Uint8Array.from([...b, ...tail]);
  new DataView(out.buffer).setUint32(4, out.length, true);
  return out;
}

interface Case {
  name: string;
  what: string;
  revision?: number;
  subtables: object[];
  /** Byte surgery after encoding; the checksum is refreshed unless keepSum. */
  patch?: (b: Uint8Array) => Uint8Array;
  keepSum?: boolean;
}

const CASES: Case[] = [
  { name: "two-nodes", what: "two nodes, node 1 hotpluggable", subtables: [...cpus2, ...lowMem, highMem(1, 3)] },
  { name: "rev1-pxm-mask", what: "revision 1: memory PXM 0x101 is read as 1; CPU PXM high bytes ignored", revision: 1, subtables: [cpu(0, 0), cpu(0x201, 1), ...lowMem, mem(0x101, 4n * GiB, 2n * GiB)] },
  { name: "rev2-cpu-pxm-hi", what: "revision 2: a CPU's PXM high bytes count", revision: 2, subtables: [cpu(0, 0), cpu(0x201, 1), ...lowMem, mem(0x201, 4n * GiB, 2n * GiB)] },
  {
    name: "zero-length",
    what: "the third subtable has Length 0",
    subtables: [...cpus2, ...lowMem, highMem(1)],
    patch: (b) => {
      b[48 + 32 + 1] = 0;
      return b;
    },
  },
  { name: "short-memory", what: "a Memory Affinity of 22 bytes after the good ones", subtables: [...cpus2, ...lowMem, highMem(1), { kind: "raw", type: 1, data: "01000000000000000000000000000000000000000000".slice(0, 40) }] },
  { name: "cpu-length-17", what: "a Processor Local APIC Affinity one byte too long", subtables: [cpu(0, 0), cpu(1, 1, { extra: "00" }), ...lowMem, highMem(1)] },
  { name: "disabled-initiator", what: "a disabled Generic Initiator between the two CPU entries", subtables: [cpu(0, 0), { kind: "genericInitiatorAffinity", proximityDomain: 2, flags: 0 }, cpu(1, 1), ...lowMem, highMem(1)] },
  { name: "enabled-initiator", what: "an enabled Generic Initiator in its own PXM", subtables: [cpu(0, 0), { kind: "genericInitiatorAffinity", proximityDomain: 2, flags: 1 }, cpu(1, 1), ...lowMem, highMem(1)] },
  { name: "x2apic-ids", what: "x2APIC entries: APIC 1 and 0x1ff (not valid without x2APIC mode), one disabled", subtables: [cpu(0, 0), { kind: "x2apicAffinity", proximityDomain: 1, apicId: 1, flags: 1 }, { kind: "x2apicAffinity", proximityDomain: 3, apicId: 0x1ff, flags: 1 }, { kind: "x2apicAffinity", proximityDomain: 4, apicId: 2, flags: 0 }, ...lowMem, highMem(1)] },
  { name: "pxm-too-big", what: "a memory PXM of 1024 (MAX_PXM_DOMAINS)", subtables: [...cpus2, ...lowMem, highMem(1024)] },
  { name: "cpu-pxm-too-big", what: "a CPU PXM of 0x1000 with revision 3", subtables: [cpu(0, 0), cpu(0x1000, 1), ...lowMem, highMem(1)] },
  { name: "memblk-wrap", what: "a range that wraps past 2^64, a zero-length range and a disabled one", subtables: [...cpus2, ...lowMem, mem(1, (1n << 64n) - GiB, 2n * GiB), mem(1, 8n * GiB, 0n), mem(1, 12n * GiB, GiB, 0), highMem(1)] },
  { name: "new-types", what: "Generic Port, RINTC, GICC, GIC ITS and an unknown type 0x20 among the entries", subtables: [cpu(0, 0), { kind: "genericPortAffinity", proximityDomain: 5, flags: 1 }, { kind: "rintcAffinity", proximityDomain: 6, acpiProcessorUid: 1, flags: 1 }, { kind: "giccAffinity", proximityDomain: 7, flags: 1 }, { kind: "gicItsAffinity", proximityDomain: 8 }, { kind: "raw", type: 0x20, data: "0000" }, cpu(1, 1), ...lowMem, highMem(1)] },
  { name: "no-memory", what: "CPU entries only, no memory affinity", subtables: [...cpus2] },
  { name: "overlap", what: "node 1 overlaps node 0", subtables: [...cpus2, ...lowMem, highMem(1), mem(0, 5n * GiB, GiB)] },

  { name: "trailing-two-bytes", what: "two bytes (type 1, Length 0) after the last subtable: too few for the kernel's walk", subtables: [...cpus2, ...lowMem, highMem(1)], patch: (b) => withTail(b, [1, 0]) },
  { name: "trailing-three-bytes", what: "three bytes (type 1, Length 3, 0) after the last subtable", subtables: [...cpus2, ...lowMem, highMem(1)], patch: (b) => withTail(b, [1, 3, 0]) },
];

const args = process.argv.slice(2);
const argOf = (n: string): string | undefined => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const only = argOf("--only")?.split(",");
const kernels = (argOf("--kernel") ? [argOf("--kernel")] : Object.keys(KERNELS)) as (keyof typeof KERNELS)[];
const accel = (process.env.MEMSIM_ACCEL ?? "tcg") as Accel;
const resave = args.includes("--resave");

/** The SRAT the guest's init dumped as hex on ttyS1 (between "@@@ begin/end srat-hex"). */
function guestSrat(dump: string): Uint8Array {
  const m = /@@@ begin srat-hex\n([\s\S]*?)@@@ end srat-hex/.exec(dump);
  if (!m) throw new Error("no srat-hex in the guest dump");
  return Uint8Array.from((m[1] as string).trim().split(/\s+/), (h) => parseInt(h, 16));
}

function encodeCase(c: Case): Uint8Array {
  const json = { header: { revision: c.revision ?? 3, oemId: "MEMSIM", oemTableId: "SRATCASE", oemRevision: 1, aslCompilerId: "MSIM", aslCompilerRevision: 1 }, subtables: c.subtables };
  let b = encodeSrat(sratFromJson(JSON.stringify(json), c.name));
  if (c.patch) {
    b = c.patch(b);
    if (!c.keepSum) {
      b[9] = 0;
      b[9] = (0x100 - b.reduce((s, x) => (s + x) & 0xff, 0)) & 0xff;
    }
  }
  return b;
}

mkdirSync(WORK, { recursive: true });
if (!resave) buildInitramfs(WORK, process.env.MEMSIM_BUSYBOX ?? "/bin/busybox");
for (const c of CASES.filter((x) => !only || only.includes(x.name))) {
  const aml = encodeCase(c);
  writeFileSync(join(WORK, `${c.name}.aml`), aml);
  for (const k of kernels) {
    const serial = [`${c.name}-${k}-ttyS0.log`, `${c.name}-${k}-ttyS1.log`];
    const spec = {
      machine: "q35" as const,
      accel,
      cpus: 2,
      memory: { size: "4G" },
      kernel: KERNELS[k],
      initrd: "initramfs.cpio.gz",
      append: APPEND,
      acpiTables: [`${c.name}.aml`],
      serial,
    };
    let seconds = 0;
    if (!resave) {
      for (const s of serial) writeFileSync(join(WORK, s), "");
      const exit = await startGuest(spec, WORK).exited(180_000);
      if (exit.timedOut) throw new Error(`${c.name} on ${k}: timed out; see ${WORK}`);
      seconds = exit.seconds;
    }
    const log = readFileSync(join(WORK, serial[0]!), "latin1").replaceAll("\r\n", "\n");
    if (!log.includes("Memory block size")) throw new Error(`${c.name} on ${k}: boot did not finish; see ${WORK}`);
    const seen = guestSrat(readFileSync(join(WORK, serial[1]!), "latin1").replaceAll("\r\n", "\n"));
    const dir = join(OUT, c.name, k);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "serial.log"), log, "latin1");
    writeFileSync(join(dir, "srat.aml"), aml);
    writeFileSync(join(dir, "guest-srat.aml"), seen);
    const meta = {
      case: c.name,
      what: c.what,
      kernel: k,
      kernelImage: KERNELS[k],
      accel,
      qemuCommand: shellQuote(qemuArgs(spec)),
      qemuWorkingDirectory: "oracle/build/srat-kernel (initramfs from oracle/qemu/initramfs.ts; the table is srat.aml here)",
      recordedBy: `npx tsx oracle/srat/kernel.ts --only ${c.name} --kernel ${k}`,
      ...(resave ? {} : { bootSeconds: seconds }),
    };
    writeFileSync(join(dir, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
    console.log(`${c.name} ${k}: ${seconds.toFixed(1)} s`);
  }
}
