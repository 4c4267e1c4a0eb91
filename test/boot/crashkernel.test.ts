// crashkernel= forms on a generated machine: where the reservation lands, by each kernel's rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import { boot } from "../../src/boot/boot.js";
import { emptyMachine, E820Type, type Machine } from "../../src/machine.js";
import { profiles } from "../../src/profiles/index.js";
import type { KernelVersion } from "../../src/profiles/types.js";

const G = 1n << 30n;

function machine(cmdline: string, kernel: KernelVersion): Machine {
  const m = emptyMachine();
  m.kernel = kernel;
  m.cmdline = `console=ttyS0 nokaslr ${cmdline}`;
  m.e820 = [
    { addr: 0n, size: 0x9fc00n, type: E820Type.RAM },
    { addr: 0x100000n, size: 2n * G - 0x100000n, type: E820Type.RAM },
    { addr: 4n * G, size: 4n * G, type: E820Type.RAM },
  ];
  return m;
}

const crash = (cmdline: string, kernel: KernelVersion) => {
  const r = boot(machine(cmdline, kernel), profiles[kernel]);
  return { lines: r.events.filter((e) => e.phase === "crashkernel").map((e) => e.line), placed: r.placements.find((p) => p.what === "crashkernel") };
};

for (const kernel of ["6.1", "6.12"] as const) {
  test(`${kernel}: crashkernel=SIZE takes memory below 4 GiB, 16 MiB aligned`, () => {
    const { placed } = crash("crashkernel=256M", kernel);
    assert.ok(placed && placed.end <= 4n * G && placed.start % (16n << 20n) === 0n);
    assert.equal(placed.end - placed.start, 256n << 20n);
  });
  test(`${kernel}: crashkernel=SIZE@BASE lands at BASE or fails as in use`, () => {
    assert.equal(crash("crashkernel=64M@256M", kernel).placed?.start, 256n << 20n);
    const busy = crash("crashkernel=64M@16M", kernel);
    assert.equal(busy.placed, undefined);
    assert.deepEqual(busy.lines, ["crashkernel reservation failed - memory is in use."]);
  });
  test(`${kernel}: crashkernel=SIZE,high goes above 4 GiB with a low part below it`, () => {
    const { placed, lines } = crash("crashkernel=512M,high", kernel);
    assert.ok(placed && placed.start >= 4n * G);
    assert.equal(lines.length, 2);
  });
}
