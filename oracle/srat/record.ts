/**
 * Records the SRAT goldens with the real ACPICA tools (Debian acpica-tools):
 *  - encode/:    memsim encodes each test/goldens/srat/cases/encode/*.json;
 *                `iasl -d` disassembles the result.
 *  - compile/:   `iasl` compiles each cases/compile/*.asl; `iasl -d`
 *                disassembles what it produced.
 *  - malformed/: broken binaries derived from the encode cases (bad checksum,
 *                zero/short/overlong Lengths, stray bytes); `iasl -d` output.
 *  - acpidump/:  `acpidump -f` hex dumps of encoded tables, one and several
 *                tables per file.
 * Every output directory gets a meta.json with the tool version and the exact
 * commands. Usage: npx tsx oracle/srat/record.ts [--iasl PATH] [--acpidump PATH]
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { encodeSrat } from "../../src/acpi/srat-codec.js";
import { sratFromJson } from "../../src/acpi/srat-json.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : def;
};
const IASL = opt("--iasl", "iasl");
const ACPIDUMP = opt("--acpidump", "acpidump");
const ROOT = "test/goldens/srat";
const CASES = join(ROOT, "cases");

const version = execFileSync(IASL, ["-v"], { encoding: "utf8" }).match(/version (\d+)/)?.[1] ?? "unknown";

function run(cmd: string, argv: string[], cwd: string): string {
  try {
    return execFileSync(cmd, argv, { cwd, encoding: "latin1", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    // iasl exits non-zero on some broken tables yet still writes its output.
    return String((e as { stdout?: string }).stdout ?? "");
  }
}

function freshDir(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}

/** Disassembles `aml` with iasl -d in a scratch directory; returns the .dsl text. */
function disassemble(aml: Uint8Array): string {
  const tmp = mkdtempSync(join(tmpdir(), "memsim-srat-"));
  try {
    writeFileSync(join(tmp, "srat.aml"), aml);
    run(IASL, ["-d", "srat.aml"], tmp);
    return readFileSync(join(tmp, "srat.dsl"), "latin1");
  } catch {
    return "";
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function meta(dir: string, m: Record<string, unknown>): void {
  writeFileSync(join(dir, "meta.json"), JSON.stringify({ tool: `iasl ${version} (Debian acpica-tools)`, ...m }, null, 2) + "\n");
}

const encoded = new Map<string, Uint8Array>();
for (const f of readdirSync(join(CASES, "encode")).filter((n) => n.endsWith(".json")).sort()) {
  const name = basename(f, ".json");
  const src = join(CASES, "encode", f);
  const aml = encodeSrat(sratFromJson(readFileSync(src, "utf8"), src));
  encoded.set(name, aml);
  const dir = freshDir(join(ROOT, "encode", name));
  writeFileSync(join(dir, "srat.aml"), aml);
  writeFileSync(join(dir, "srat.dsl"), disassemble(aml), "latin1");
  meta(dir, { input: src, commands: [`encodeSrat(sratFromJson(${src})) -> srat.aml (what memsim srat encode does)`, "iasl -d srat.aml"] });
}

for (const f of readdirSync(join(CASES, "compile")).filter((n) => n.endsWith(".asl")).sort()) {
  const name = basename(f, ".asl");
  const src = join(CASES, "compile", f);
  const dir = freshDir(join(ROOT, "compile", name));
  const tmp = mkdtempSync(join(tmpdir(), "memsim-srat-"));
  copyFileSync(src, join(tmp, "srat.asl"));
  const log = run(IASL, ["srat.asl"], tmp);
  const compiled = existsSync(join(tmp, "srat.aml"));
  if (compiled) {
    const aml = new Uint8Array(readFileSync(join(tmp, "srat.aml")));
    writeFileSync(join(dir, "srat.aml"), aml);
    writeFileSync(join(dir, "srat.dsl"), disassemble(aml), "latin1");
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(dir, "iasl.log"), log, "latin1");
  meta(dir, { input: src, compiled, commands: ["cp INPUT srat.asl", "iasl srat.asl", "iasl -d srat.aml"] });
}

/** Broken tables: each a mutation of an encoded case, with the checksum refreshed unless noted. */
const fix = (b: Uint8Array): Uint8Array => {
  let s = 0;
  b[9] = 0;
  for (const x of b) s = (s + x) & 0xff;
  b[9] = (0x100 - s) & 0xff;
  return b;
};
const setLength = (b: Uint8Array): Uint8Array => {
  new DataView(b.buffer, b.byteOffset).setUint32(4, b.length, true);
  return b;
};
const cat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const qemu = encoded.get("qemu-two-nodes-rev1") as Uint8Array;
const all = encoded.get("all-types") as Uint8Array;
const malformed: Record<string, Uint8Array> = {
  "bad-checksum": (() => {
    const b = qemu.slice();
    b[9] = (b[9] as number) ^ 0x55;
    return b;
  })(),
  // second subtable's Length set to 0
  "zero-length": (() => {
    const b = qemu.slice();
    b[48 + 16 + 1] = 0;
    return fix(b);
  })(),
  // a Memory Affinity cut to 20 bytes, followed by a whole one
  "short-memory": fix(setLength(cat(qemu.subarray(0, 48), Uint8Array.of(1, 20), qemu.subarray(48 + 32 + 2, 48 + 32 + 20), qemu.subarray(48 + 32, 48 + 72)))),
  // last subtable's Length runs 8 bytes past the table's end
  "past-end": (() => {
    const b = qemu.slice();
    b[b.length - 40 + 1] = 48;
    return fix(b);
  })(),
  "trailing-byte": fix(setLength(cat(qemu, Uint8Array.of(5)))),
  "unknown-type-zero-length": fix(setLength(cat(qemu, Uint8Array.of(9, 0, 0, 0)))),
  "length-one": fix(setLength(cat(qemu.subarray(0, 48), Uint8Array.of(1, 1), qemu.subarray(48)))),
};
for (const [name, aml] of Object.entries(malformed)) {
  const dir = freshDir(join(ROOT, "malformed", name));
  writeFileSync(join(dir, "srat.aml"), aml);
  writeFileSync(join(dir, "srat.dsl"), disassemble(aml), "latin1");
  meta(dir, { input: "oracle/srat/record.ts (mutation of an encode case)", commands: ["iasl -d srat.aml"] });
}

const dumpDir = freshDir(join(ROOT, "acpidump"));
const tmp = mkdtempSync(join(tmpdir(), "memsim-srat-"));
const dump = (name: string, bytes: Uint8Array): string => {
  writeFileSync(join(tmp, name), bytes);
  return run(ACPIDUMP, ["-f", name], tmp);
};
// An acpidump of several tables: a fake APIC before and a FACP-like table after the SRAT.
const other = (sig: string): Uint8Array => fix(setLength(cat(new TextEncoder().encode(sig), new Uint8Array(40))));
writeFileSync(join(dumpDir, "single.txt"), dump("srat.aml", all), "latin1");
writeFileSync(join(dumpDir, "single.aml"), all);
writeFileSync(
  join(dumpDir, "multi.txt"),
  dump("apic.aml", other("APIC")) + dump("srat.aml", qemu) + dump("facp.aml", other("FACP")),
  "latin1",
);
writeFileSync(join(dumpDir, "multi.aml"), qemu);
rmSync(tmp, { recursive: true, force: true });
writeFileSync(
  join(dumpDir, "meta.json"),
  JSON.stringify(
    {
      tool: "acpidump (Debian acpica-tools)",
      commands: {
        "single.txt": "acpidump -f srat.aml  (srat.aml = encode/all-types/srat.aml)",
        "multi.txt": "acpidump -f apic.aml; acpidump -f srat.aml; acpidump -f facp.aml  (srat.aml = encode/qemu-two-nodes-rev1/srat.aml), concatenated",
      },
    },
    null,
    2,
  ) + "\n",
);
console.log(`recorded with iasl ${version}`);
