// memblock=debug lines: every memblock_* line of the recorded boot logs
// (test/goldens/boot/*/VERSION/serial.log) is printed again by the engine
// from the values in it, and must come out identical.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { NUMA_NO_NODE } from "../../src/memblock/region.js";
import { VERSIONS, fresh } from "./helpers.js";

const BOOTS = "test/goldens/boot";
const RANGE = /^(memblock_add|memblock_remove|memblock_reserve|memblock_phys_free): \[0x([0-9a-f]{16})-0x([0-9a-f]{16})\] (\S+)$/;
const ADD_NODE = /^memblock_add_node: \[0x([0-9a-f]{16})-0x([0-9a-f]{16})\] nid=(-?\d+) flags=([0-9a-f]+) (\S+)$/;
const PHYS = /^memblock_phys_alloc_range: (\d+) bytes align=0x([0-9a-f]+) from=0x([0-9a-f]{16}) max_addr=0x([0-9a-f]{16}) (\S+)$/;
const TRY_NID = /^(memblock_alloc_try_nid|memblock_alloc_try_nid_raw|memblock_alloc_exact_nid_raw): (\d+) bytes align=0x([0-9a-f]+) nid=(-?\d+) from=0x([0-9a-f]{16}) max_addr=0x([0-9a-f]{16}) (\S+)$/;

function logLines(version: string): string[] {
  if (!existsSync(BOOTS)) return [];
  return readdirSync(BOOTS).flatMap((scenario) => {
    const log = join(BOOTS, scenario, version, "serial.log");
    if (!existsSync(log)) return [];
    return readFileSync(log, "utf8")
      .split("\n")
      .map((l) => l.replace(/^\[[ 0-9.]+\] /, "").trimEnd())
      .filter((l) => /^memblock_[a-z_]+: /.test(l));
  });
}

/** The debug line the engine prints for the call a log line describes, or null for lines of other kinds. */
function reprint(version: (typeof VERSIONS)[number], line: string): string | null {
  const printed: string[] = [];
  const { mb } = fresh(version, { onDebug: (l) => printed.push(l) });
  const hex = (s: string) => BigInt(`0x${s}`);
  let m: RegExpExecArray | null;
  if ((m = RANGE.exec(line))) {
    const [, fn, base, last, caller] = m as unknown as [string, string, string, string, string];
    const size = hex(last) - hex(base) + 1n;
    const op = { memblock_add: "add", memblock_remove: "remove", memblock_reserve: "reserve", memblock_phys_free: "physFree" } as const;
    mb[op[fn as keyof typeof op]](hex(base), size, caller);
  } else if ((m = ADD_NODE.exec(line))) {
    const [, base, last, nid, flags, caller] = m as unknown as [string, string, string, string, string, string];
    mb.addNode(hex(base), hex(last) - hex(base) + 1n, Number(nid), Number.parseInt(flags, 16), caller);
  } else if ((m = PHYS.exec(line))) {
    const [, size, align, from, max, caller] = m as unknown as [string, string, string, string, string, string];
    mb.physAllocRange(BigInt(size), hex(align), hex(from), hex(max), caller);
  } else if ((m = TRY_NID.exec(line))) {
    const [, fn, size, align, nid, from, max, caller] = m as unknown as [string, string, string, string, string, string, string, string];
    const call = { memblock_alloc_try_nid: "allocTryNid", memblock_alloc_try_nid_raw: "allocTryNidRaw", memblock_alloc_exact_nid_raw: "allocExactNidRaw" } as const;
    mb[call[fn as keyof typeof call]](BigInt(size), hex(align), hex(from), hex(max), Number(nid) === NUMA_NO_NODE ? NUMA_NO_NODE : Number(nid), caller);
  } else {
    return null;
  }
  return printed[0] ?? "";
}

for (const version of VERSIONS) {
  test(`${version}: memblock=debug lines of the recorded boots`, (t) => {
    const lines = logLines(version);
    if (lines.length === 0) return t.skip("no recorded memblock=debug boot log");
    let checked = 0;
    for (const line of lines) {
      const again = reprint(version, line);
      if (again === null) continue;
      assert.equal(again, line);
      checked++;
    }
    assert.ok(checked > 100, `only ${checked} lines checked`);
  });
}
