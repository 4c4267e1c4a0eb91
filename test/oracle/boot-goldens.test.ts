// Every recorded boot golden is complete and consistent with the scenario and command that recorded it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDump, sratBytes } from "../../oracle/qemu/dump.js";
import { MEMMAP_SAMPLES, SCENARIOS } from "../../oracle/qemu/scenarios.js";

const BOOT = "test/goldens/boot";
const FILES = ["scenario.json", "qemu-cmd.txt", "serial.log", "dump.txt", "meta.json"];
const dirs = (p: string): string[] => (existsSync(p) ? readdirSync(p).filter((d) => !d.includes(".") || /^\d+\.\d+$/.test(d)).sort() : []);

const cases = dirs(BOOT).flatMap((name) => dirs(join(BOOT, name)).map((kernel) => ({ name, kernel, dir: join(BOOT, name, kernel) })));

test("boot goldens exist", () => {
  assert.ok(cases.length > 0);
});

for (const c of cases) {
  test(`boot golden ${c.name}/${c.kernel}`, () => {
    for (const f of FILES) assert.ok(existsSync(join(c.dir, f)), `${f} missing`);
    const scenario = JSON.parse(readFileSync(join(c.dir, "scenario.json"), "utf8")) as { name: string; kernelCommandLine: string; srat?: unknown };
    const meta = JSON.parse(readFileSync(join(c.dir, "meta.json"), "utf8")) as { kernel: string; kernelRelease: string };
    assert.equal(scenario.name, c.name);
    assert.equal(meta.kernel, c.kernel);
    assert.ok(meta.kernelRelease.startsWith(`${c.kernel}.`), meta.kernelRelease);
    // The scenario still exists in the list, unchanged in what it asks of QEMU and the kernel.
    const listed = SCENARIOS.find((s) => s.name === c.name);
    assert.ok(listed, "scenario no longer in oracle/qemu/scenarios.ts");
    assert.deepEqual(scenario, { ...JSON.parse(JSON.stringify(listed)), kernelCommandLine: scenario.kernelCommandLine });

    const cmd = readFileSync(join(c.dir, "qemu-cmd.txt"), "utf8");
    assert.ok(cmd.startsWith("qemu-system-x86_64 "));
    assert.ok(cmd.includes(`-append '${scenario.kernelCommandLine}'`), "command line not in the QEMU command");
    assert.doesNotMatch(cmd, /(^|[\s=:,])\/(tmp|work|root|home)\//, "machine path in the QEMU command");

    const log = readFileSync(join(c.dir, "serial.log"), "latin1");
    assert.ok(!log.includes("\r\n"));
    assert.ok(log.includes(`Linux version ${meta.kernelRelease} `));
    assert.ok(log.includes(`Command line: ${scenario.kernelCommandLine}\n`));
    assert.match(log, /x86\/mm: Memory block size: \d+MB\n/);
    assert.doesNotMatch(log, /printk messages dropped/, "log incomplete: give the scenario earlyprintk=serial");
    assert.match(log, /reboot: Power down\n$/, "log does not run to the guest's power-off");

    const dump = parseDump(readFileSync(join(c.dir, "dump.txt"), "latin1"));
    assert.ok(dump.done, "init dump incomplete");
    assert.equal(dump.sections.get("uname"), `${meta.kernelRelease}\n`);
    assert.equal(dump.sections.get("cmdline")?.trim(), scenario.kernelCommandLine);

    // A custom SRAT is what the guest saw (QEMU -acpitable or the initrd override passed it through).
    if (scenario.srat) {
      const aml = readFileSync(join(c.dir, "srat.aml"));
      assert.ok(existsSync(join(c.dir, "srat.json")));
      const seen = sratBytes(dump);
      assert.ok(seen, "guest has no SRAT");
      assert.ok(seen.equals(aml), "the guest's SRAT differs from the encoded one");
    }
    const seen = sratBytes(dump);
    if (seen) assert.ok(seen.equals(readFileSync(`test/goldens/srat/qemu/${c.name}.aml`)), "srat/qemu golden differs");
  });
}

test("memmap samples are the /sys/firmware/memmap trees the 6.1 guests printed", () => {
  const root = "test/goldens/readers/memmap";
  assert.deepEqual(dirs(root), [...MEMMAP_SAMPLES].sort());
  for (const name of dirs(root)) {
    const dump = parseDump(readFileSync(join(BOOT, name, "6.1", "dump.txt"), "latin1"));
    const printed = dump.sections.get("memmap")?.split("\n").filter((l) => l !== "") ?? [];
    const entries = readdirSync(join(root, name)).sort((a, b) => Number(a) - Number(b));
    assert.equal(entries.length, printed.length);
    for (const [i, e] of entries.entries()) {
      assert.match(e, /^\d+$/);
      const file = (f: string): string => readFileSync(join(root, name, e, f), "utf8");
      for (const f of ["start", "end", "type"]) assert.match(file(f), /^[^\n]+\n$/);
      assert.match(file("start"), /^0x[0-9a-f]+\n$/);
      assert.ok(BigInt(file("start").trim()) <= BigInt(file("end").trim()));
      assert.equal(`${e} ${file("start").trim()} ${file("end").trim()} ${file("type").trim()}`, printed[i]);
    }
  }
});
