// Replays the goldens recorded with the real iasl / acpidump (oracle/srat/record.ts).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pickTable, readAcpidump } from "../../src/acpi/acpidump.js";
import { sratBytesToAsl, sratFromAsl } from "../../src/acpi/srat-asl.js";
import { decodeSrat, encodeSrat } from "../../src/acpi/srat-codec.js";
import { sratFromJson } from "../../src/acpi/srat-json.js";
import { InputError } from "../../src/errors.js";

const ROOT = "test/goldens/srat";
const dirs = (sub: string): string[] => readdirSync(join(ROOT, sub)).sort();
const bytes = (p: string): Uint8Array => new Uint8Array(readFileSync(p));
/** iasl -d output without its dated comment banner. */
const dsl = (p: string): string => {
  const t = readFileSync(p, "latin1");
  return t.slice(t.indexOf("[000h 0000   4]"));
};

describe("SRAT encoded by memsim, disassembled by iasl -d", () => {
  for (const name of dirs("encode")) {
    const dir = join(ROOT, "encode", name);
    it(name, () => {
      const src = join(ROOT, "cases", "encode", `${name}.json`);
      const aml = encodeSrat(sratFromJson(readFileSync(src, "utf8"), src));
      assert.deepEqual(aml, bytes(join(dir, "srat.aml")));
      assert.equal(sratBytesToAsl(aml), dsl(join(dir, "srat.dsl")));
    });
  }
});

describe("SRAT compiled by iasl, read by memsim", () => {
  for (const name of dirs("compile")) {
    const dir = join(ROOT, "compile", name);
    const source = readFileSync(join(ROOT, "cases", "compile", `${name}.asl`), "latin1");
    if (!existsSync(join(dir, "srat.aml"))) {
      it(`${name}: rejected as iasl rejects it`, () => {
        assert.throws(() => sratFromAsl(source, `${name}.asl`), InputError);
      });
      continue;
    }
    it(`${name}: same fields as iasl's binary`, () => {
      const aml = bytes(join(dir, "srat.aml"));
      const ours = sratFromAsl(source, `${name}.asl`);
      const theirs = decodeSrat(aml, "srat.aml");
      // iasl stamps its own compiler ID and revision, and so its checksum differs.
      const strip = (t: typeof ours): unknown => ({
        ...t,
        header: { ...t.header, aslCompilerId: "", aslCompilerRevision: 0, checksum: 0 },
      });
      assert.deepEqual(strip(ours), strip(theirs));
    });
    it(`${name}: disassembly byte for byte`, () => {
      assert.equal(sratBytesToAsl(bytes(join(dir, "srat.aml"))), dsl(join(dir, "srat.dsl")));
    });
    it(`${name}: iasl's disassembly reads back to its binary`, () => {
      const aml = bytes(join(dir, "srat.aml"));
      assert.deepEqual(encodeSrat(sratFromAsl(readFileSync(join(dir, "srat.dsl"), "latin1"), "srat.dsl")), aml);
    });
  }
});

describe("broken SRATs, disassembled by iasl -d", () => {
  for (const name of dirs("malformed")) {
    const dir = join(ROOT, "malformed", name);
    it(name, () => {
      assert.equal(sratBytesToAsl(bytes(join(dir, "srat.aml"))), dsl(join(dir, "srat.dsl")));
    });
  }
});

describe("acpidump hex dumps", () => {
  for (const name of ["single", "multi"]) {
    it(name, () => {
      const text = readFileSync(join(ROOT, "acpidump", `${name}.txt`), "latin1");
      const t = pickTable(readAcpidump(text, `${name}.txt`), "SRAT", `${name}.txt`);
      assert.deepEqual(t.bytes, bytes(join(ROOT, "acpidump", `${name}.aml`)));
    });
  }
});
