// The kernel command line as parse_early_param sees it (lib/cmdline.c and the early_param handlers).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { memparse, parseCmdline, simpleStrtoull, splitArgs } from "../../src/boot/cmdline.js";

const U64_MAX = (1n << 64n) - 1n;

describe("next_arg", () => {
  it("splits on blanks, keeps values after the first '=' and strips quotes", () => {
    assert.deepEqual(splitArgs('  a=1  b="x y" "c=d e" f=g=h  '), [
      { param: "a", val: "1" },
      { param: "b", val: "x y" },
      { param: "c", val: "d e" },
      { param: "f", val: "g=h" },
    ]);
  });
  it("stops at a bare --", () => {
    assert.deepEqual(splitArgs("a -- mem=1G"), [{ param: "a", val: undefined }]);
  });
});

describe("memparse / simple_strtoull", () => {
  it("reads decimal, hex and octal, with K/M/G/T/P/E in either case", () => {
    assert.equal(memparse("512M").value, 512n << 20n);
    assert.equal(memparse("0x1000k").value, 0x1000n << 10n);
    assert.equal(memparse("010").value, 8n);
    assert.equal(memparse("3g").value, 3n << 30n);
  });
  it("stops at the first character that is not a digit of the base", () => {
    assert.deepEqual(simpleStrtoull("12x"), { value: 12n, end: 2 });
    assert.deepEqual(simpleStrtoull("0x"), { value: 0n, end: 1 });
  });
  it("wraps at 2^64 as the kernel's unsigned long long does", () => {
    assert.equal(memparse("16E").value, 0n);
  });
});

describe("early parameters", () => {
  it("movable_node, memblock=debug, numa=off and loglevel", () => {
    const p = parseCmdline("movable_node memblock=debug numa=off loglevel=8");
    assert.equal(p.movableNode, true);
    assert.equal(p.memblockDebug, true);
    assert.equal(p.numaOff, true);
    assert.equal(p.consoleLoglevel, 8);
  });
  it("kernelcore/movablecore: percent or size, the last one of a form wins and a size clears the percent", () => {
    const p = parseCmdline("kernelcore=30% kernelcore=1G movablecore=10%");
    assert.deepEqual(p.kernelcore, { pages: (1n << 30n) >> 12n, percent: 0n });
    assert.deepEqual(p.movablecore, { pages: 0n, percent: 10n });
    assert.equal(parseCmdline("kernelcore=mirror").mirroredKernelcore, true);
  });
  it("mem= removes RAM above the limit and marks the map user-defined; mem=0 is malformed", () => {
    const p = parseCmdline("mem=2G");
    assert.deepEqual(p.early, [{ kind: "e820.remove", start: 2n << 30n, size: U64_MAX - (2n << 30n), oldType: 1, checkType: true }]);
    assert.equal(p.userdef, true);
    assert.equal(p.maxMemSize, 2n << 30n);
    assert.deepEqual(parseCmdline("mem=0").early, [{ kind: "print", line: "Malformed early option 'mem'", level: 4 }]);
  });
  it("memmap= forms, comma-separated, in order", () => {
    const p = parseCmdline("memmap=exactmap,640K@0 memmap=64K#0x7000000,256M$1G,1G!4G,4K%0x1000-1+2");
    assert.deepEqual(
      p.early.map((e) => e.kind),
      ["e820.exactmap", "e820.add", "e820.add", "e820.add", "e820.add", "e820.update"],
    );
    assert.deepEqual(p.early[2], { kind: "e820.add", start: 0x7000000n, size: 64n << 10n, type: 3 });
    assert.deepEqual(p.early[4], { kind: "e820.add", start: 4n << 30n, size: 1n << 30n, type: 12 });
    assert.deepEqual(p.early[5], { kind: "e820.update", start: 0x1000n, size: 4096n, oldType: 1, newType: 2 });
  });
  it("names compare with dashes and underscores alike; unknown words are not early parameters", () => {
    assert.equal(parseCmdline("movable-node").movableNode, true);
    const p = parseCmdline("nokaslr foo=bar crashkernel=256M");
    assert.equal(p.nokaslr, true);
    assert.equal(p.crashkernel, "256M");
    assert.deepEqual(p.early, []);
  });
});
