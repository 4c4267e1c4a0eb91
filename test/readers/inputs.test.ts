// loadMachine: how the inputs of `memsim machine` / `memsim boot` combine.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { decodeSrat } from "../../src/acpi/srat-codec.js";
import { loadE820, loadMachine } from "../../src/cli/inputs.js";
import { InputError } from "../../src/errors.js";
import { e820ToJson, machineToJson } from "../../src/machine/json.js";

const dir = mkdtempSync(join(tmpdir(), "memsim-inputs-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const LOG = "test/goldens/readers/logs/qemu-numa4-q35-8g-6.1/serial.log";
const SRAT = "test/goldens/srat/acpidump/single.aml";

test("a machine written as JSON loads back equal", async () => {
  const m = await loadMachine({ dmesg: LOG });
  const file = join(dir, "m.json");
  writeFileSync(file, JSON.stringify(machineToJson(m)));
  assert.deepEqual(await loadMachine({ machine: file }), m);
  const e820 = join(dir, "e820.json");
  writeFileSync(e820, JSON.stringify(e820ToJson(m.e820)));
  assert.deepEqual(await loadE820(e820), m.e820);
});

test("an SRAT file wins over the log's SRAT lines, and settles what the log could not tell", async () => {
  const m = await loadMachine({ dmesg: LOG, srat: SRAT });
  assert.deepEqual(m.srat, decodeSrat(new Uint8Array(readFileSync(SRAT)), SRAT));
  assert.ok(!m.unknown.some((u) => u.field.startsWith("/srat")));
  const fromLog = await loadMachine({ dmesg: LOG });
  assert.ok(fromLog.unknown.some((u) => u.field.startsWith("/srat")));
  assert.deepEqual({ ...m, srat: undefined, unknown: [] }, { ...fromLog, srat: undefined, unknown: [] });
});

test("machine JSON overrides only the fields it gives", async () => {
  const file = join(dir, "partial.json");
  writeFileSync(file, JSON.stringify({ e820: [{ addr: "0x0", size: "0x9fc00", type: "usable" }, { addr: "0x100000", size: "0x1000000", type: "usable" }] }));
  const m = await loadMachine({ dmesg: LOG, machine: file });
  const fromLog = await loadMachine({ dmesg: LOG });
  assert.equal(m.e820.length, 2);
  assert.equal(m.cmdline, fromLog.cmdline);
  assert.deepEqual(m.acpiTables, fromLog.acpiTables);
  assert.deepEqual(m.srat, fromLog.srat);
});

test("--cmdline replaces, --cmdline +ARGS appends, --kernel sets the profile", async () => {
  const fromLog = await loadMachine({ dmesg: LOG });
  assert.equal((await loadMachine({ dmesg: LOG, cmdline: "quiet" })).cmdline, "quiet");
  assert.equal((await loadMachine({ dmesg: LOG, cmdline: "+movable_node" })).cmdline, `${fromLog.cmdline} movable_node`);
  assert.equal((await loadMachine({ dmesg: LOG, kernel: "6.12" })).kernel, "6.12");
  await assert.rejects(loadMachine({ dmesg: LOG, kernel: "5.10" }), /--kernel: unknown kernel version/);
});

test("no input, or no e820 map, is an error", async () => {
  await assert.rejects(loadMachine({}), (e: unknown) => e instanceof InputError && /no machine given/.test(e.message));
  await assert.rejects(loadMachine({ srat: SRAT }), (e: unknown) => e instanceof InputError && /no e820 map/.test(e.message));
});

test("memsim machine prints machine JSON that reads back, and the unknowns on stderr", async () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "machine", "--dmesg", LOG], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const file = join(dir, "printed.json");
  writeFileSync(file, r.stdout);
  assert.deepEqual(await loadMachine({ machine: file }), await loadMachine({ dmesg: LOG }));
  const lines = r.stderr.trimEnd().split("\n");
  assert.ok(lines.length > 0 && lines.every((l) => l.startsWith("memsim: unknown /")), r.stderr);
});
