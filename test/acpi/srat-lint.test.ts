// Every lint rule, each on a table built to trigger it (and a clean table that triggers none).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeSrat } from "../../src/acpi/srat-codec.js";
import { sratFromJson } from "../../src/acpi/srat-json.js";
import { lintSrat, type LintFinding, type LintOptions } from "../../src/acpi/srat-lint.js";
import { profiles } from "../../src/profiles/index.js";
import { fixChecksum, manySubtables } from "./srat-fixtures.js";

const both = Object.values(profiles).map((p) => ({ name: p.version, profile: p.srat }));
const GiB = 1n << 30n;
const mem = (pxm: number, base: bigint, size: bigint, flags = 1): object => ({
  kind: "memoryAffinity",
  proximityDomain: pxm,
  baseAddress: `0x${base.toString(16)}`,
  addressLength: `0x${size.toString(16)}`,
  flags,
});
const cpu = (pxm: number, apic: number): object => ({ kind: "cpuAffinity", proximityDomainLo: pxm, apicId: apic, flags: 1 });
/** An SRAT with the given subtables, as bytes. */
const table = (subtables: object[], revision = 3): Uint8Array =>
  encodeSrat(sratFromJson(JSON.stringify({ header: { revision, oemId: "LINT" }, subtables }), "t.json"));
const good = (): Uint8Array => table([cpu(0, 0), cpu(1, 1), mem(0, 0n, 2n * GiB), mem(1, 4n * GiB, 2n * GiB, 3)]);
const e820 = [
  { addr: 0n, size: 0x9fc00n, type: 1 },
  { addr: 0x100000n, size: 2n * GiB - 0x100000n, type: 1 },
  { addr: 4n * GiB, size: 2n * GiB, type: 1 },
];
const lint = (b: Uint8Array, opts: Partial<LintOptions> = {}): LintFinding[] => lintSrat(b, { profiles: both, e820, ...opts });
const rules = (fs: LintFinding[]): string[] => fs.filter((f) => f.severity !== "note").map((f) => f.rule);
/** The finding for `rule`, which must exist. */
const find = (fs: LintFinding[], rule: string, severity?: string): LintFinding => {
  const f = fs.find((x) => x.rule === rule && (!severity || x.severity === severity));
  assert.ok(f, `no ${rule} finding in ${JSON.stringify(fs.map((x) => `${x.rule}: ${x.message}`))}`);
  return f;
};
const setByte = (b: Uint8Array, at: number, v: number, fixSum = true): Uint8Array => {
  const c = b.slice();
  c[at] = v;
  return fixSum ? fixChecksum(c) : c;
};

describe("srat lint", () => {
  it("a sound table has no errors or warnings", () => {
    assert.deepEqual(rules(lint(good())), []);
  });

  it("signature", () => void find(lint(setByte(good(), 0, 0x58)), "signature", "error"));
  it("header-short", () => void find(lint(good().subarray(0, 40)), "header-short", "error"));
  it("length-mismatch: Length past the data", () => {
    const b = good();
    assert.equal(find(lint(b.subarray(0, b.length - 4)), "length-mismatch", "error").offset, 4);
  });
  it("length-mismatch: bytes after the table", () => {
    const b = good();
    const f = find(lint(Uint8Array.from([...b, 0, 0])), "length-mismatch", "warning");
    assert.equal(f.offset, b.length);
  });
  it("checksum", () => {
    const f = find(lint(setByte(good(), 9, 0x12, false)), "checksum", "warning");
    assert.equal(f.offset, 9);
    assert.match(f.message, /tbprint-\d+.*utcksum-\d+/);
  });
  it("table-revision", () => {
    const b = setByte(good(), 36, 2);
    assert.equal(find(lint(b), "table-revision", "note").offset, 36);
  });
  it("length-zero", () => {
    // Length byte of the second subtable (a 16-byte CPU entry at 0x30)
    const f = find(lint(setByte(good(), 0x40 + 1, 0)), "length-zero", "error");
    assert.deepEqual([f.index, f.offset], [1, 0x40]);
    // and the kernels' own complaint about it
    assert.ok(lint(setByte(good(), 0x40 + 1, 0)).some((x) => x.rule === "kernel" && /Invalid zero length/.test(x.message)));
  });
  it("length-too-short", () => {
    const f = find(lint(setByte(good(), 0x40 + 1, 1)), "length-too-short", "error");
    assert.deepEqual([f.index, f.offset], [1, 0x40]);
  });
  it("past-end", () => {
    const b = good();
    const last = b.length - 40;
    const f = find(lint(setByte(b, last + 1, 60)), "past-end", "error");
    assert.deepEqual([f.index, f.offset], [3, last]);
  });
  it("too-many is bounded (no hang on a huge count)", () => {
    const b = manySubtables((1 << 20) + 1);
    find(lintSrat(b, { profiles: both }), "too-many", "error");
  });
  it("trailing-bytes", () => {
    const b = sratFromJson(JSON.stringify({ subtables: [mem(0, 0n, GiB)], trailing: "0102" }), "t.json");
    const bytes = encodeSrat(b);
    assert.equal(find(lint(bytes, { e820: undefined }), "trailing-bytes", "warning").offset, bytes.length - 2);
  });
  it("unknown-type", () => {
    const b = table([{ kind: "raw", type: 0x30, data: "00112233" }, mem(0, 0n, 8n * GiB)]);
    assert.equal(find(lint(b), "unknown-type", "note").index, 0);
  });
  it("short-subtable, and the kernel's 'Unexpected header length'", () => {
    const b = table([mem(0, 0n, 8n * GiB), { kind: "raw", type: 1, data: "00".repeat(20) }]);
    const fs = lint(b);
    assert.equal(find(fs, "short-subtable", "error").index, 1);
    assert.ok(fs.some((f) => f.rule === "kernel" && f.index === 1 && /Unexpected header length: 22/.test(f.message)));
    find(fs, "numa-off", "error");
  });
  it("cpu-length: a CPU affinity longer than 16 bytes", () => {
    const b = table([{ ...cpu(0, 0), extra: "0000" }, mem(0, 0n, 8n * GiB)]);
    const fs = lint(b);
    assert.equal(find(fs, "cpu-length", "error").index, 0);
    find(fs, "numa-off", "error");
  });
  it("pxm-revision-1: 8-bit proximity domains", () => {
    const fs = lint(table([mem(0x101, 0n, 8n * GiB)], 1));
    assert.equal(find(fs, "pxm-revision-1", "warning").index, 0);
    const cpuHi = lint(table([{ ...cpu(0, 0), proximityDomainHi: 1 }, mem(0, 0n, 8n * GiB)], 1));
    assert.equal(find(cpuHi, "pxm-revision-1", "warning").index, 0);
  });
  it("kernel: proximity domain beyond MAX_PXM_DOMAINS", () => {
    const fs = lint(table([mem(0, 0n, 2n * GiB), mem(profiles["6.12"].srat.maxPxmDomains, 4n * GiB, 2n * GiB)]));
    const f = find(fs, "kernel", "error");
    assert.equal(f.index, 1);
    assert.match(f.message, /^6\.1, 6\.12: .*MAX_PXM_DOMAINS/);
    find(fs, "numa-off", "error");
  });
  it("kernel: more proximity domains than nodes", () => {
    const n = profiles["6.12"].srat.maxNumNodes + 1;
    const subs = Array.from({ length: n }, (_, i) => mem(i, BigInt(i) * GiB, GiB));
    const fs = lint(table(subs), { e820: undefined });
    assert.equal(find(fs, "kernel", "error").index, n - 1);
  });
  it("kernel: an x2APIC ID the xAPIC driver cannot take (info line, still a warning)", () => {
    const x2 = { kind: "x2apicAffinity", proximityDomain: 1, apicId: 0x1ff, flags: 1 };
    const f = find(lint(table([cpu(0, 0), x2, mem(0, 0n, 2n * GiB), mem(1, 4n * GiB, 2n * GiB)])), "kernel", "warning");
    assert.equal(f.index, 1);
    assert.equal(lint(table([cpu(0, 0), x2, mem(0, 0n, 2n * GiB), mem(1, 4n * GiB, 2n * GiB)]), { x2apicMode: true }).filter((x) => x.rule === "kernel").length, 0);
  });
  it("numa-off: no enabled memory affinity", () => {
    find(lint(table([cpu(0, 0), mem(0, 0n, GiB, 0)])), "numa-off", "error");
  });
  it("disabled-initiator stops the processor walk", () => {
    const gi = { kind: "genericInitiatorAffinity", proximityDomain: 2, flags: 0 };
    const fs = lint(table([cpu(0, 0), gi, cpu(1, 1), mem(0, 0n, 8n * GiB)]));
    assert.equal(find(fs, "disabled-initiator", "error").index, 1);
  });
  it("overlap between nodes, and within one node", () => {
    const fs = lint(table([mem(0, 0n, 4n * GiB), mem(1, 3n * GiB, 4n * GiB)]));
    assert.equal(find(fs, "overlap", "error").index, 1);
    const self = lint(table([mem(0, 0n, 4n * GiB), mem(0, 3n * GiB, 4n * GiB)]));
    assert.equal(find(self, "overlap", "warning").index, 1);
  });
  it("hotplug-kernel-node: hotpluggable memory on the kernel's node", () => {
    const b = table([mem(0, 0n, 2n * GiB), mem(0, 4n * GiB, 2n * GiB, 3), mem(1, 6n * GiB, GiB, 3)]);
    const fs = lint(b);
    const hits = fs.filter((f) => f.rule === "hotplug-kernel-node");
    assert.deepEqual(hits.map((f) => f.index), [1]);
    // the kernel elsewhere: no finding
    assert.deepEqual(rules(lint(b, { kernelAddress: 6n * GiB + 0x1000000n })).filter((r) => r === "hotplug-kernel-node"), ["hotplug-kernel-node"]);
  });
  it("coverage: RAM in no node", () => {
    const b = table([mem(0, 0n, 2n * GiB)]);
    find(lint(b), "coverage", "error");
    const nearly = lint(b, { e820: [...e820.slice(0, 2), { addr: 2n * GiB, size: 0x80000n, type: 1 }] });
    find(nearly, "coverage", "warning");
    find(lint(b, { e820: undefined }), "coverage", "note");
  });
});
