// Properties of boot() on generated machines: it finishes (or refuses the
// input with an InputError), prints the memory block size last, and leaves
// memblock consistent; NODE_DATA lies in memory and on the node it names.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { boot } from "../../src/boot/boot.js";
import { InputError } from "../../src/errors.js";
import { emptyMachine, E820Type, type Machine } from "../../src/machine.js";
import { profiles } from "../../src/profiles/index.js";

const G = 1n << 30n;
const M = 1n << 20n;

/** A QEMU-like low map (640 KiB, BIOS area, RAM from 1 MiB) plus RAM above 4 GiB, and a command line. */
const machineArb = fc
  .record({
    lowMiB: fc.integer({ min: 64, max: 3072 }),
    highGiB: fc.integer({ min: 0, max: 20 }),
    cmd: fc.subarray(["movable_node", "numa=off", "mem=1G", "memmap=64M$0x4000000", "kernelcore=20%", "movablecore=512M", "numa=fake=2", "crashkernel=64M"]),
    kernel: fc.constantFrom("6.1" as const, "6.12" as const),
  })
  .map(({ lowMiB, highGiB, cmd, kernel }) => {
    const m: Machine = emptyMachine();
    m.kernel = kernel;
    m.cmdline = ["console=ttyS0", "memblock=debug", ...cmd].join(" ");
    m.e820 = [
      { addr: 0n, size: 0x9fc00n, type: E820Type.RAM },
      { addr: 0x9fc00n, size: 0x400n, type: E820Type.RESERVED },
      { addr: 0xf0000n, size: 0x10000n, type: E820Type.RESERVED },
      { addr: M, size: BigInt(lowMiB) * M - M, type: E820Type.RAM },
    ];
    if (highGiB > 0) m.e820.push({ addr: 4n * G, size: BigInt(highGiB) * G, type: E820Type.RAM });
    return m;
  });

test("boot() finishes on generated machines with memblock and NODE_DATA consistent", () => {
  fc.assert(
    fc.property(machineArb, (m) => {
      let r;
      try {
        r = boot(m, profiles[m.kernel!]);
      } catch (err) {
        if (err instanceof InputError) return;
        throw err;
      }
      assert.match(r.events.at(-1)!.line, /^(x86\/mm: Memory block size: \d+MB|Kernel panic - not syncing: .*)$/);
      for (const type of ["memory", "reserved"] as const) {
        const regions = r.memblock[type].filter((x) => x.size > 0n);
        for (let i = 1; i < regions.length; i++) assert.ok(regions[i - 1]!.base + regions[i - 1]!.size <= regions[i]!.base, `${type} sorted, disjoint`);
      }
      for (const nd of r.nodeData) {
        const inMemory = r.memblock.memory.some((x) => x.base <= nd.start && nd.end <= x.base + x.size);
        assert.ok(inMemory, `NODE_DATA(${nd.nid}) lies in memory`);
        assert.ok(r.memblock.reserved.some((x) => x.base <= nd.start && nd.end <= x.base + x.size), `NODE_DATA(${nd.nid}) is reserved`);
      }
    }),
    { numRuns: 40 },
  );
});
