import { test } from "node:test";
import assert from "node:assert/strict";
import { bootMemblock } from "../../src/boot/memblock-adapter.js";
import type { KernelEvent } from "../../src/events.js";
import { memblockDiscard } from "../../src/mm/memblock-discard.js";
import { profiles } from "../../src/profiles/index.js";

const MiB = 1n << 20n;
const callers = { reserved: "memblock_discard+0x1/0x2", memory: "memblock_discard+0x3/0x4" };

/** A 4 GiB machine whose memory and reserved arrays were filled with `memory` and `reserved` disjoint regions. */
function machine(version: "6.1" | "6.12", memory: number, reserved: number): { lines: string[]; mb: ReturnType<typeof bootMemblock> } {
  const lines: string[] = [];
  const mb = bootMemblock(profiles[version].memblock, (e: KernelEvent) => lines.push(e.line), false);
  mb.setDebug(true);
  mb.add(0n, 4096n * MiB, "t");
  mb.allowResize();
  // holes every other MiB split memory into separate regions
  for (let i = 1; i < memory; i++) mb.add(8192n * MiB + BigInt(i) * 2n * MiB, MiB, "t");
  for (let i = 0; i < reserved; i++) mb.reserve(BigInt(i) * 2n * MiB + MiB, 4096n, "t");
  return { lines, mb };
}

const doubled = (lines: string[], type: string): string[] =>
  lines.filter((l) => l.startsWith(`memblock: ${type} is doubled`)).map((l) => /\[(0x[0-9a-f]+)-/.exec(l)![1]!);

for (const version of ["6.1", "6.12"] as const) {
  test(`${version}: memblock_discard frees the reserved array, then the memory array, page-aligned`, () => {
    const { lines, mb } = machine(version, 300, 600);
    const reservedAt = doubled(lines, "reserved").at(-1)!;
    const memoryAt = doubled(lines, "memory").at(-1)!;
    assert.equal(mb.regionArray("reserved").max, 1024);
    assert.equal(mb.regionArray("memory").max, 512);
    lines.length = 0;
    memblockDiscard(mb, callers);
    const end = (at: string, bytes: bigint) => `0x${(BigInt(at) + bytes - 1n).toString(16).padStart(16, "0")}`;
    assert.deepEqual(lines, [
      // 1024 × 24 bytes = 24 KiB; 512 × 24 = 12 KiB
      `memblock_free_late: [${reservedAt}-${end(reservedAt, 0x6000n)}] ${callers.reserved}`,
      `memblock_free_late: [${memoryAt}-${end(memoryAt, 0x3000n)}] ${callers.memory}`,
    ]);
  });

  test(`${version}: the static arrays are not freed`, () => {
    const { lines, mb } = machine(version, 100, 100);
    assert.equal(mb.regionArray("memory").addr, null);
    lines.length = 0;
    memblockDiscard(mb, callers);
    assert.deepEqual(lines, []);
  });

  test(`${version}: only the doubled array is freed, with its call site`, () => {
    const { lines, mb } = machine(version, 10, 200);
    lines.length = 0;
    memblockDiscard(mb, callers);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^memblock_free_late: \[0x[0-9a-f]{16}-0x[0-9a-f]{16}\] memblock_discard\+0x1\/0x2$/);
  });
}
