// Real boot logs (test/goldens/boot/<scenario>/<kernel>/, recorded by oracle/qemu/record.ts under QEMU)
// read back into machines, checked against what the recording knows independently of the log: the
// scenario (RAM layout, CPUs, command line), meta.json (kernel), the SRAT the guest saw
// (test/goldens/srat/qemu/<scenario>.aml) and the guest's /sys/firmware/memmap
// (test/goldens/readers/memmap/<scenario>/).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { after, test } from "node:test";
import { decodeSrat } from "../../src/acpi/srat-codec.js";
import type { SratTable } from "../../src/acpi/srat.js";
import { parseSratLikeLinux } from "../../src/acpi/srat-linux.js";
import { loadE820, loadMachine } from "../../src/cli/inputs.js";
import { E820Type, type Machine } from "../../src/machine.js";
import { profiles, type KernelVersion } from "../../src/profiles/index.js";
import { sratWalked } from "../../src/readers/srat-lines.js";
import { ramLayout, type Scenario } from "../../oracle/qemu/scenario.js";

const GOLDENS = "test/goldens";
const BOOT = join(GOLDENS, "boot");

interface Golden {
  name: string;
  kernel: string;
  dir: string;
  scenario: Scenario & { kernelCommandLine: string };
  meta: { kernel: string; kernelRelease: string };
}

const goldens: Golden[] = existsSync(BOOT)
  ? readdirSync(BOOT).flatMap((name) =>
      readdirSync(join(BOOT, name))
        .filter((k) => existsSync(join(BOOT, name, k, "serial.log")))
        .map((kernel) => {
          const dir = join(BOOT, name, kernel);
          return {
            name,
            kernel,
            dir,
            scenario: JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8")),
            meta: JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")),
          };
        }),
    )
  : [];

const machines = new Map<string, Promise<Machine>>();
const machineOf = (g: Golden) => {
  if (!machines.has(g.dir)) machines.set(g.dir, loadMachine({ dmesg: join(g.dir, "serial.log") }));
  return machines.get(g.dir)!;
};

/**
 * What the kernel keeps of an SRAT, as parseSratLikeLinux reads it: the processor entries (where
 * the profile prints them) and the memory entries, with the PXM and, if asked, the node the kernel
 * gives each.
 */
function kernelView(table: SratTable, kernel: KernelVersion, withNodes: boolean): string[] {
  const res = parseSratLikeLinux(table, profiles[kernel]);
  const node = (n: number) => (withNodes ? ` node=${n}` : "");
  const cpus = profiles[kernel].srat.cpuAffinityPrinted ? res.cpus.map((c) => `cpu type=${c.type} apic=${c.apicId} pxm=${c.pxm}${node(c.node)}`) : [];
  const memory = res.memory.map((e) => `mem pxm=${e.pxm}${node(e.node)} [${e.start.toString(16)}, ${e.end.toString(16)}) hotplug=${e.hotpluggable} nv=${e.nonVolatile}`);
  return [...cpus, ...memory];
}

test("boot goldens are present", () => {
  assert.ok(goldens.length > 0, "no recorded boots under test/goldens/boot");
});

for (const g of goldens) {
  test(`golden ${g.name} (${g.kernel}): the log gives back the recorded machine`, async () => {
    const m = await machineOf(g);
    assert.equal(m.kernel, g.meta.kernel);
    assert.ok(m.kernelBanner?.startsWith(`Linux version ${g.meta.kernelRelease} `));
    assert.equal(m.cmdline, g.scenario.kernelCommandLine);
    assert.ok(!m.unknown.some((u) => u.field === "/kernel" || u.field === "/cmdline"));

    // the usable RAM lies in QEMU's RAM ranges and covers each of them but for firmware-reserved edges
    const ram = ramLayout(g.scenario.machine, g.scenario.memory);
    const usable = m.e820.filter((e) => e.type === E820Type.RAM);
    for (const e of usable) {
      assert.ok(
        ram.some((r) => e.addr >= r.base && e.addr + e.size <= r.end),
        `usable [${e.addr.toString(16)}, +${e.size.toString(16)}) outside QEMU's RAM`,
      );
    }
    for (const r of ram) {
      const covered = usable.reduce((n, e) => n + (e.addr >= r.base && e.addr < r.end ? e.size : 0n), 0n);
      assert.ok(r.end - r.base - covered < 2n << 20n, `RAM [${r.base.toString(16)}, ${r.end.toString(16)}) mostly unusable`);
    }
    const sorted = m.e820.every((e, i) => i === 0 || m.e820[i - 1]!.addr + m.e820[i - 1]!.size <= e.addr);
    assert.ok(sorted, "the printed map is sanitised: sorted and disjoint");

    assert.equal(m.cpus && m.cpus.possible - m.cpus.hotplug, g.scenario.cpus);
    assert.ok(m.acpiTables[0]?.signature === "RSDP" && m.acpiTables.some((t) => t.signature === "DSDT"));
    assert.ok(m.mpTable && m.mpTable.end - m.mpTable.start === 15n, "MP floating pointer is 16 bytes");
    assert.ok(m.initrd, "QEMU -initrd shows as RAMDISK");

    const amlPath = join(GOLDENS, "srat", "qemu", `${g.name}.aml`);
    const listed = m.acpiTables.find((t) => t.signature === "SRAT");
    const qemuWritesSrat = g.scenario.numa !== undefined || g.scenario.slots !== undefined;
    if (!g.scenario.srat && !qemuWritesSrat) {
      assert.equal(listed, undefined, "no SRAT in the table list");
      assert.equal(m.srat, undefined);
    }
    if (g.scenario.srat?.via === "initrd") {
      const initrd = m.acpiInitrdTables.find((t) => t.signature === "SRAT");
      assert.equal(initrd?.length, readFileSync(join(g.dir, "srat.aml")).length, "the initrd's SRAT as the kernel found it");
      assert.equal(m.acpiTableUpgrades.length, 1);
    }
    if (!existsSync(amlPath)) return;
    const seen = decodeSrat(new Uint8Array(readFileSync(amlPath)), amlPath);
    assert.equal(listed?.length, seen.header.length);
    // the kernel prints OEM fields with %-6.6s: NUL-padded and space-padded IDs look alike
    assert.equal(listed?.oemId, seen.header.oemId.padEnd(6));
    assert.equal(listed?.oemTableId, seen.header.oemTableId.padEnd(8));
    assert.equal(listed?.revision, seen.header.revision);
    // the log's SRAT, read by the kernel, must mean what the real one meant (a revision 1 table keeps
    // 8 bits of each PXM); a command line that keeps the kernel off the SRAT leaves nothing to show
    const kernel = g.kernel as KernelVersion;
    const walked = sratWalked(g.scenario.kernelCommandLine);
    const view = (withNodes: boolean): [string[] | undefined, string[]] => [
      m.srat && kernelView(m.srat, kernel, withNodes),
      walked ? kernelView(seen, kernel, withNodes) : [],
    ];
    assert.deepEqual(...view(false));
    // entries the log does not print (6.12's processor entries) can take node numbers first: the
    // reader must say so exactly when the rebuilt table numbers the nodes differently
    const gap = m.unknown.some((u) => /the printed entries alone would make it node/.test(u.why));
    assert.equal(gap, !isDeepStrictEqual(...view(true)));
    const lowBitsOnly = m.unknown.some((u) => /keeps only the low 8 bits/.test(u.why));
    assert.equal(lowBitsOnly, seen.header.revision <= 1 && (m.srat?.subtables.length ?? 0) > 0);
  });
}

const MEMMAP = join(GOLDENS, "readers", "memmap");
const scratch = mkdtempSync(join(tmpdir(), "memsim-memmap-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
for (const name of existsSync(MEMMAP) ? readdirSync(MEMMAP) : []) {
  test(`memmap sample ${name}: /sys/firmware/memmap is the log's BIOS-e820 map`, async () => {
    const fromMemmap = await loadE820(join(MEMMAP, name));
    const logs = goldens.filter((g) => g.name === name);
    assert.ok(logs.length > 0, `no boot log for ${name}`);
    for (const g of logs) assert.deepEqual(fromMemmap, (await machineOf(g)).e820, `${name} ${g.kernel}`);
    // the same directory archived by the real tar (plain and gzipped) reads the same
    for (const flags of ["-cf", "-czf"]) {
      const archive = join(scratch, `${name}${flags === "-czf" ? ".tar.gz" : ".tar"}`);
      const r = spawnSync("tar", ["-C", MEMMAP, flags, archive, name]);
      assert.equal(r.status, 0, String(r.stderr));
      assert.deepEqual(await loadE820(archive), fromMemmap, archive);
    }
  });
}
