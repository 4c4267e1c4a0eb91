import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { InputError } from "../../src/errors.js";
import { machineFromJson, machineToJson, e820FromJson } from "../../src/machine/json.js";
import { readDmesg } from "../../src/readers/dmesg.js";
import { splitLines } from "../../src/readers/text.js";
import { machineLog } from "./log-writer.js";

const base = {
  kernel: "6.1",
  cmdline: "console=ttyS0 movable_node",
  e820: [
    { addr: "0x0", size: "0x9fc00", type: "usable" },
    { addr: "0x9fc00", size: "0x400", type: "reserved" },
    { addr: "0x100000", size: "0x7ff00000", type: 1 },
    { addr: "0x100000000", size: "0x80000000", type: "persistent (type 12)" },
  ],
  acpiTables: [{ signature: "RSDP", address: "0xf5a50", length: 20, revision: 0, oemId: "BOCHS" }],
  srat: {
    header: { revision: 3, oemId: "BOCHS", oemTableId: "BXPC" },
    subtables: [{ kind: "memoryAffinity", proximityDomain: 1, baseAddress: "0x100000000", addressLength: "0x80000000", flags: 3 }],
  },
  cpus: { possible: 4, hotplug: 2 },
  mpTable: { start: "0xf5a60", end: "0xf5a6f" },
};

test("hand-written machine JSON reads, and writes back to an equal machine", () => {
  const m = machineFromJson(JSON.stringify(base), "m.json");
  assert.equal(m.e820[3]!.type, 12);
  assert.equal(m.srat?.subtables.length, 1);
  const again = machineFromJson(JSON.stringify(machineToJson(m)), "again.json");
  assert.deepEqual(again, m);
});

test("every machine read from a log survives JSON", () => {
  const m = machineFromJson(JSON.stringify(base), "m.json");
  const fromLog = readDmesg(splitLines(machineLog(m).join("\n"), "log"), "log");
  assert.deepEqual(machineFromJson(JSON.stringify(machineToJson(fromLog)), "x.json"), fromLog);
});

test("validation errors are one line naming the field", () => {
  const cases: [unknown, RegExp][] = [
    [{ ...base, e820: [{ addr: "0x0", size: "0x10000000000000000", type: 1 }] }, /^m\.json: \/e820\/0\/size must be a "0x\.\.\." hex string/],
    [{ ...base, e820: [{ addr: "0x0", size: "0x1", type: "sparkly" }] }, /^m\.json: \/e820\/0\/type must be an e820 type/],
    [{ ...base, colour: "red" }, /^m\.json: \/colour is not a known field/],
    [{ ...base, kernel: "5.10" }, /^m\.json: \/kernel must be equal to one of the allowed values/],
    [{ ...base, cpus: { possible: 1, hotplug: 2 } }, /^m\.json: \/cpus\/hotplug exceeds/],
    [{ ...base, mpTable: { start: "0x10", end: "0x1" } }, /^m\.json: \/mpTable\/end is below/],
    [{ ...base, srat: { subtables: [{ kind: "memoryAffinity", flags: "x" }] } }, /^m\.json: \/srat: .*flags/],
    [{ cmdline: "" }, /^m\.json: \/e820 is required/],
  ];
  for (const [doc, re] of cases) {
    assert.throws(
      () => machineFromJson(JSON.stringify(doc), "m.json"),
      (e: unknown) => e instanceof InputError && re.test(e.message) && !e.message.includes("\n"),
      JSON.stringify(doc).slice(0, 80),
    );
  }
});

test("JSON syntax errors name line and column", () => {
  assert.throws(() => machineFromJson('{\n  "e820": [}', "m.json"), /^InputError: m\.json:2:12: not valid JSON/);
  assert.throws(() => e820FromJson("", "e.json"), /^InputError: e\.json:1:1: not valid JSON \(unexpected end of input\)/);
});

test("the JSON syntax locator agrees with JSON.parse on what is valid", () => {
  fc.assert(
    fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (json, cut, junk) => {
      const text = json.slice(0, cut % (json.length + 1)) + junk;
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      if (valid) return;
      assert.throws(() => e820FromJson(text, "f"), (e: unknown) => e instanceof InputError && /^f:\d+:\d+: not valid JSON/.test(e.message));
    }),
    { numRuns: 500, seed: 77 },
  );
});

test("the published schema is the one the reader validates with", () => {
  const schema = JSON.parse(readFileSync(new URL("../../schema/machine.schema.json", import.meta.url), "utf8"));
  assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
  assert.deepEqual(schema.required, ["e820"]);
});
