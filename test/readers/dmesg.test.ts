import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { SratSubtable } from "../../src/acpi/srat.js";
import { InputError } from "../../src/errors.js";
import type { Machine } from "../../src/machine.js";
import { readDmesg } from "../../src/readers/dmesg.js";
import { sratWalked } from "../../src/readers/srat-lines.js";
import { splitLines } from "../../src/readers/text.js";
import { e820UpdateTable } from "../../src/x86/e820.js";
import { machineLog, withPrefix, type LogStyle } from "./log-writer.js";

const hexAddr = (max: bigint) => fc.bigInt({ min: 0n, max }).map((v) => v & ~0xfffn);
// printed fields are full width (the kernel pads with spaces)
const name = (n: number) => fc.stringMatching(new RegExp(`^[A-Z][A-Z0-9 ]{${n - 1}}$`));

const arbTable = fc.record({
  signature: fc.constantFrom("XSDT", "FACP", "DSDT", "APIC", "HPET", "MCFG", "WAET", "SRAT", "SLIT"),
  address: hexAddr(0xffffffffn),
  length: fc.integer({ min: 36, max: 0xffffff }),
  revision: fc.integer({ min: 0, max: 99 }),
  oemId: name(6),
  oemTableId: name(8),
  oemRevision: fc.integer({ min: 0, max: 0xffffffff }),
  creatorId: name(4),
  creatorRevision: fc.integer({ min: 0, max: 0xffffffff }),
});

const arbMachine: fc.Arbitrary<Machine> = fc
  .record({
    kernel: fc.constantFrom("6.1" as const, "6.12" as const),
    cmdline: fc.stringMatching(/^[a-z0-9=,. _-]{0,60}$/).map((s) => `console=ttyS0 ${s}`.trim()),
    e820: fc.array(
      fc.record({ addr: hexAddr(0xfffffffffffn), size: fc.bigInt({ min: 1n, max: 1n << 36n }).map((v) => v << 12n), type: fc.constantFrom(1, 2, 3, 4, 5, 7, 12, 6) }),
      { minLength: 2, maxLength: 20 },
    ),
    tables: fc.array(arbTable, { maxLength: 8 }),
    cpus: fc.option(fc.record({ possible: fc.integer({ min: 1, max: 512 }), hotplug: fc.integer({ min: 0, max: 64 }) })),
    mp: fc.option(hexAddr(0xfffffn)),
    initrd: fc.option(hexAddr(0xffffffffn)),
    dmi: fc.option(fc.constant("QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014")),
    hypervisor: fc.option(fc.constant("KVM")),
    sratCpus: fc.array(fc.record({ pxm: fc.integer({ min: 0, max: 300 }), apicId: fc.integer({ min: 0, max: 0xfff }) }), { maxLength: 6 }),
    sratMem: fc.array(
      fc.record({ pxm: fc.integer({ min: 0, max: 300 }), base: hexAddr(0xffffffffffn), len: fc.bigInt({ min: 1n, max: 1n << 30n }).map((v) => v << 12n), flags: fc.constantFrom(1, 3, 5, 7) }),
      { maxLength: 6 },
    ),
  })
  .map((r) => {
    // the kernel prints its sanitised map, which is what a log can give back
    const e820 = (e820UpdateTable(r.e820) ?? r.e820).map((e) => ({ ...e }));
    const subtables: SratSubtable[] = [
      ...r.sratCpus.map(({ pxm, apicId }): SratSubtable =>
        apicId <= 0xff
          ? { kind: "cpuAffinity", type: 0, length: 16, proximityDomainLo: pxm & 0xff, apicId, flags: 1, localSapicEid: 0, proximityDomainHi: pxm >> 8, clockDomain: 0 }
          : { kind: "x2apicAffinity", type: 2, length: 24, reserved1: 0, proximityDomain: pxm, apicId, flags: 1, clockDomain: 0, reserved2: 0 },
      ),
      ...r.sratMem.map(
        (e): SratSubtable => ({ kind: "memoryAffinity", type: 1, length: 40, proximityDomain: e.pxm, reserved1: 0, baseAddress: e.base, addressLength: e.len, reserved2: 0, flags: e.flags, reserved3: 0n }),
      ),
    ];
    const m: Machine = {
      kernel: r.kernel,
      cmdline: r.cmdline,
      e820,
      acpiTables: [{ signature: "RSDP", address: 0xf5a50n, length: 20, revision: 0, oemId: "BOCHS " }, ...r.tables.map((t) => ({ ...t }))],
      acpiInitrdTables: [],
      acpiTableUpgrades: [],
      unknown: [],
    };
    if (subtables.length) {
      m.srat = {
        header: { signature: "SRAT", length: 0, revision: 3, checksum: 0, oemId: "", oemTableId: "", oemRevision: 0, aslCompilerId: "", aslCompilerRevision: 0 },
        tableRevision: 1,
        reserved: 0n,
        subtables,
      };
    }
    if (r.cpus) m.cpus = { possible: r.cpus.possible + r.cpus.hotplug, hotplug: r.cpus.hotplug };
    if (r.mp !== null) m.mpTable = { start: r.mp, end: r.mp + 0xfn };
    if (r.initrd !== null) m.initrd = { start: r.initrd, end: r.initrd + 0x1fffffn };
    if (r.dmi !== null) m.dmi = r.dmi;
    if (r.hypervisor !== null) m.hypervisor = r.hypervisor;
    return m;
  });

const styles: LogStyle[] = ["plain", "dmesg", "journal", "syslog", "raw"];

function read(lines: string[], style: LogStyle): Machine {
  return readDmesg(splitLines(lines.map((l, i) => withPrefix(l, style, i)).join("\n") + "\n", "boot.log"), "boot.log");
}

test("a printed machine reads back to itself, in every log style", () => {
  fc.assert(
    fc.property(arbMachine, fc.constantFrom(...styles), (m, style) => {
      const got = read(machineLog(m), style);
      assert.equal(got.kernel, m.kernel);
      assert.equal(got.cmdline, m.cmdline);
      assert.deepEqual(got.e820, m.e820);
      assert.deepEqual(got.acpiTables, m.acpiTables);
      assert.deepEqual(got.cpus, m.cpus);
      assert.deepEqual(got.mpTable, m.mpTable);
      assert.deepEqual(got.initrd, m.initrd);
      assert.equal(got.dmi, m.dmi);
      assert.equal(got.hypervisor, m.hypervisor);
      const printedCpus = m.kernel === "6.1" ? (m.srat?.subtables.filter((s) => s.kind !== "memoryAffinity") ?? []) : [];
      const mems = m.srat?.subtables.filter((s) => s.kind === "memoryAffinity") ?? [];
      const expectSrat = [...printedCpus, ...mems];
      assert.deepEqual(got.srat?.subtables ?? [], expectSrat);
    }),
    { numRuns: 150, seed: 1801 },
  );
});

test("what a log cannot tell is listed", () => {
  const m = read(["Linux version 6.12.999-amd64 (x)", "Command line: console=ttyS0", "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable"], "dmesg");
  const fields = m.unknown.map((u) => u.field);
  for (const f of ["/kernelImage", "/acpiTables", "/cpus", "/kernel"]) assert.ok(fields.includes(f), `${f} listed as unknown`);
  assert.equal(m.kernel, "6.12");
});

test("several boots in one log: the last one is read", () => {
  const one = ["Linux version 6.1.0-56-amd64 (x)", "Command line: first", "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable"];
  const two = ["Linux version 6.12.117+deb12-amd64 (x)", "Command line: second", "BIOS-e820: [mem 0x0000000000100000-0x000000000fffffff] usable"];
  const m = read([...one, ...two], "journal");
  assert.equal(m.cmdline, "second");
  assert.equal(m.kernel, "6.12");
  assert.equal(m.e820.length, 1);
  assert.ok(m.unknown.some((u) => u.why.includes("2 boots")));
});

test("malformed lines of a known kind are errors with file and line", () => {
  const bad = [
    ["BIOS-e820: [mem 0x0-0x9fbff] usable"], // widths are not the kernel's, but values are fine: accepted
    ["BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] sparkly"],
    ["BIOS-e820: [mem 0xzz-0x1] usable"],
    ["ACPI: APIC 0x000000007FFE1F5C 0000B0 (v01 BOCHS  BXPC"],
  ];
  assert.doesNotThrow(() => read(bad[0]!, "plain"));
  for (const lines of bad.slice(1)) {
    assert.throws(() => read(["Linux version 6.1.0-56-amd64", ...lines], "dmesg"), (e: unknown) => e instanceof InputError && /^boot\.log:2: /.test(e.message));
  }
});

test("not a kernel log at all", () => {
  assert.throws(() => read(["hello", "world"], "plain"), (e: unknown) => e instanceof InputError && e.message.includes("not a kernel log"));
});

test("whether the boot walks the SRAT follows numa_setup and parse_acpi", () => {
  // numa= options match by prefix, acpi= ones whole; acpi=force undoes an earlier acpi=off; "--" ends the kernel's options
  const cases: [string, boolean][] = [
    ["console=ttyS0", true],
    ["numa=off", false],
    ["numa=offline", false],
    ["numa=noacpi", false],
    ["numa=noacpi_x movable_node", false],
    ["numa=fake=2", true],
    ["numa=nohmat", true],
    ["numa", true],
    ["acpi=off", false],
    ["acpi=offx", true],
    ["acpi=off acpi=force", true],
    ["acpi=force acpi=off", false],
    ["console=ttyS0 -- numa=off", true],
  ];
  for (const [cmdline, walked] of cases) assert.equal(sratWalked(cmdline), walked, cmdline);
});
