// `memsim srat ...` driven through the built bin, as users drive it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const G = "test/goldens/srat";
const tmp = mkdtempSync(join(tmpdir(), "memsim-srat-cli-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function memsim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], { encoding: "latin1", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const dsl = (p: string): string => {
  const t = readFileSync(p, "latin1");
  return t.slice(t.indexOf("[000h 0000   4]"));
};
/** A failed run: exit code 2 and exactly one "memsim: FILE..." line, no stack trace. */
function oneLineError(r: ReturnType<typeof memsim>, file: string, where: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, "");
  const lines = r.stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.startsWith(`memsim: ${file}`), lines[0]);
  assert.match(lines[0]!, where);
}

describe("memsim srat", () => {
  it("decode --format asl is iasl -d's text, from binary, acpidump and iasl source alike", () => {
    const want = dsl(`${G}/encode/qemu-two-nodes-rev1/srat.dsl`);
    for (const input of [`${G}/encode/qemu-two-nodes-rev1/srat.aml`, `${G}/acpidump/multi.txt`, `${G}/encode/qemu-two-nodes-rev1/srat.dsl`]) {
      const r = memsim("srat", "decode", "--format", "asl", input);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, want, input);
    }
  });

  it("decode --format json, then encode, gives back the binary", () => {
    const aml = `${G}/encode/all-types/srat.aml`;
    const j = memsim("srat", "decode", "--format", "json", aml);
    assert.equal(j.status, 0, j.stderr);
    writeFileSync(join(tmp, "t.json"), j.stdout);
    const e = memsim("srat", "encode", join(tmp, "t.json"), "-o", join(tmp, "t.aml"));
    assert.equal(e.status, 0, e.stderr);
    assert.deepEqual(readFileSync(join(tmp, "t.aml")), readFileSync(aml));
  });

  it("encode of iasl source matches iasl's binary except the compiler ID iasl stamps", () => {
    const e = memsim("srat", "encode", `${G}/cases/compile/plain.asl`, "-o", join(tmp, "p.aml"));
    assert.equal(e.status, 0, e.stderr);
    const ours = readFileSync(join(tmp, "p.aml"));
    const theirs = readFileSync(`${G}/compile/plain/srat.aml`);
    assert.equal(ours.length, theirs.length);
    const differing = [...ours.keys()].filter((i) => ours[i] !== theirs[i]);
    assert.ok(differing.every((i) => i === 9 || (i >= 28 && i < 36)), `bytes differ at ${differing}`);
  });

  it("lint exits 1 on errors and names entry and offset", () => {
    const r = memsim("srat", "lint", `${G}/malformed/zero-length/srat.aml`);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /: entry 1 @0x40: error: .*\[length-zero\]/);
  });

  it("lint --e820 reads the map from a boot log", () => {
    const log = "[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n" +
      "[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n" +
      "[    0.000000] BIOS-e820: [mem 0x0000000100000000-0x000000027fffffff] usable\n";
    writeFileSync(join(tmp, "dmesg.txt"), log);
    const r = memsim("srat", "lint", "--e820", join(tmp, "dmesg.txt"), `${G}/encode/qemu-two-nodes-rev1/srat.aml`);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /error: .*KiB e820 RAM is in no node.*\[coverage\]/);
  });

  it("kernel prints one line per enabled memory entry, and CPU lines only where the kernel prints them", () => {
    const f = `${G}/encode/qemu-two-nodes-rev1/srat.aml`;
    const count = (out: string, re: RegExp): number => out.split("\n").filter((l) => re.test(l)).length;
    const r61 = memsim("srat", "kernel", "--kernel", "6.1", f);
    const r612 = memsim("srat", "kernel", "--kernel", "6.12", f);
    assert.equal(r61.status, 0, r61.stderr);
    assert.equal(count(r61.stdout, /^ACPI: SRAT: Node \d+ PXM \d+ \[mem /), 3);
    assert.equal(count(r61.stdout, /^SRAT: PXM \d+ -> APIC /), 2);
    assert.equal(count(r612.stdout, /^SRAT: PXM \d+ -> APIC /), 0);
  });

  describe("bad input: one line, file and place, exit 2", () => {
    it("truncated binary", () => {
      const b = readFileSync(`${G}/encode/all-types/srat.aml`).subarray(0, 100);
      writeFileSync(join(tmp, "trunc.aml"), b);
      oneLineError(memsim("srat", "decode", join(tmp, "trunc.aml")), join(tmp, "trunc.aml"), /byte 0x4: table Length/);
    });
    it("subtable past the end", () => {
      const f = `${G}/malformed/past-end/srat.aml`;
      oneLineError(memsim("srat", "decode", f), f, /byte 0x[0-9a-f]+: subtable 5 .* runs past the table end/);
    });
    it("binary garbage", () => {
      writeFileSync(join(tmp, "garbage.bin"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
      oneLineError(memsim("srat", "decode", join(tmp, "garbage.bin")), join(tmp, "garbage.bin"), /byte 0x4: binary data/);
    });
    it("binary bytes inside iasl source", () => {
      const text = readFileSync(`${G}/cases/compile/plain.asl`, "latin1").replace("Oem Revision", "Oem\u0001Revision");
      writeFileSync(join(tmp, "bad.asl"), text, "latin1");
      const line = text.split("\n").findIndex((l) => l.includes("\u0001")) + 1;
      oneLineError(memsim("srat", "decode", join(tmp, "bad.asl")), join(tmp, "bad.asl"), new RegExp(`line ${line}: binary byte 0x1`));
    });
    it("a wrong field in iasl source", () => {
      const text = readFileSync(`${G}/cases/compile/plain.asl`, "latin1").replace("Base Address : 0000000100000000", "Base Address : 00000001000000000");
      writeFileSync(join(tmp, "wide.asl"), text, "latin1");
      const line = text.split("\n").findIndex((l) => l.includes("00000001000000000")) + 1;
      oneLineError(memsim("srat", "decode", join(tmp, "wide.asl")), join(tmp, "wide.asl"), new RegExp(`line ${line}: "Base Address"`));
    });
    it("a bad JSON field names its path", () => {
      writeFileSync(join(tmp, "bad.json"), JSON.stringify({ subtables: [{ kind: "memoryAffinity", flags: "0x1ffffffff" }] }));
      oneLineError(memsim("srat", "encode", join(tmp, "bad.json"), "-o", join(tmp, "x.aml")), join(tmp, "bad.json"), /\$\.subtables\[0\]\.flags/);
    });
    it("a 100 MB file is refused without reading it", () => {
      const f = join(tmp, "huge.aml");
      writeFileSync(f, "SRAT");
      truncateSync(f, 100 << 20);
      const t0 = Date.now();
      oneLineError(memsim("srat", "lint", f), f, /limit/);
      assert.ok(Date.now() - t0 < 20_000);
    });
    it("no such file", () => {
      oneLineError(memsim("srat", "decode", join(tmp, "nope.aml")), join(tmp, "nope.aml"), /no such file/);
    });
  });
});
