// The SLIT as a boot input: its distances order the zonelists; the kernel drops an invalid one;
// a log that only lists a SLIT leaves the zonelists unpredictable. Uses the golden recorded with
// QEMU's -numa dist options (its SLIT is rebuilt from them: the guest's table bytes were not dumped).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { encodeSlit, slitFromDistances, slitRows, type SlitTable } from "../../src/acpi/slit.js";
import { slitToJson } from "../../src/acpi/slit-input.js";
import { compareWithLog } from "../../src/boot/compare.js";
import { goldenSlit, goldenSrat } from "../../src/cli/boot-run.js";
import { machineFromJson, machineToJson } from "../../src/machine/json.js";

const dir = join(import.meta.dirname, "..", "goldens", "boot", "qemu-numa4-q35-8g");
const IDENT = { revision: 1, oemId: "BOCHS ", oemTableId: "BXPC    ", oemRevision: 1, aslCompilerId: "BXPC", aslCompilerRevision: 1 };
const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const memsim = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8" });
const tmp = mkdtempSync(join(tmpdir(), "memsim-slit-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

for (const kernel of ["6.1", "6.12"]) {
  const file = join(dir, kernel, "serial.log");
  const log = readFileSync(file, "utf8");
  const srat = goldenSrat(dirname(file));
  const run = (slit?: SlitTable) => compareWithLog(log, file, srat, slit);
  const section = (c: ReturnType<typeof run>, name: string) => c.diffs.find((d) => d.section === name)!;

  describe(`qemu-numa4-q35-8g on ${kernel}`, () => {
    const qemu = goldenSlit(dirname(file))!;

    it("the SLIT rebuilt from -numa dist has the length the log lists for the guest's SLIT", () => {
      const listed = run(qemu).machine.acpiTables.find((t) => t.signature === "SLIT");
      assert.equal(encodeSlit(qemu).length, listed?.length);
    });

    it("with it the zonelists match the log; without it they are reported unpredictable", () => {
      const withSlit = run(qemu);
      assert.equal(section(withSlit, "zonelists").match, true);
      assert.equal(withSlit.unpredictable.has("zonelists"), false);
      const without = run();
      assert.match(without.unpredictable.get("zonelists") ?? "", /SLIT/);
      // the default 10/20 distances do not give the recorded order: the SLIT is what decides it
      assert.equal(section(without, "zonelists").match, false);
    });

    it("fallback order follows the distances of any valid SLIT", () => {
      const dist = fc.array(fc.integer({ min: 11, max: 254 }), { minLength: 6, maxLength: 6 }).map((v) => {
        const pairs = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]] as const;
        const d = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j): number => (i === j ? 10 : 0)));
        pairs.forEach(([i, j], k) => (d[i]![j] = d[j]![i] = v[k]!));
        return d;
      });
      fc.assert(
        fc.property(dist, (d) => {
          const lines = section(run(slitFromDistances(d, IDENT, "gen")), "zonelists").predicted.filter((l) => l.startsWith("Fallback order"));
          assert.equal(lines.length, 4);
          for (const l of lines) {
            const [, node, order] = /^Fallback order for Node (\d+): ([\d ]+?) ?$/.exec(l)!;
            const from = Number(node);
            const ds = order!.split(" ").map((n) => d[from]![Number(n)]!);
            assert.equal(ds[0], 10, l);
            assert.deepEqual(ds, [...ds].sort((a, b) => a - b), l);
          }
        }),
        { seed: 20261125, numRuns: 12 },
      );
    });

    it("an invalid SLIT is dropped with the kernel's message, and the default distances apply", () => {
      const rows = slitRows(qemu);
      rows[0]![1] = 10;
      const c = run(slitFromDistances(rows, IDENT, "bad"));
      assert.ok(c.result.events.some((e) => e.line === "ACPI: SLIT table looks invalid. Not used."));
      assert.ok(!c.result.events.some((e) => e.line.startsWith("NUMA: Initialized distance table")));
      // the order node_distance's defaults give: as with a SLIT of unknown (taken as 10/20) distances
      const fallback = (x: ReturnType<typeof run>) => section(x, "zonelists").predicted.filter((l) => l.startsWith("Fallback order"));
      assert.deepEqual(fallback(c), fallback(run()));
    });
  });
}

describe("--slit and the machine JSON", () => {
  const log = join(dir, "6.1", "serial.log");
  const slit = goldenSlit(join(dir, "6.1"))!;

  it("memsim boot --dmesg LOG --slit FILE: the zonelists agree (JSON and binary alike), and differ without it", () => {
    const json = join(tmp, "slit.json");
    writeFileSync(json, JSON.stringify({ distances: slitRows(slit) }));
    const aml = join(tmp, "slit.aml");
    writeFileSync(aml, encodeSlit(slit));
    for (const f of [json, aml]) {
      const r = memsim("boot", "--dmesg", log, "--slit", f, "--diff");
      assert.match(r.stdout, /^= zonelists: /m, r.stderr);
    }
    assert.match(memsim("boot", "--dmesg", log, "--diff").stdout, /^! zonelists: /m);
  });

  it("a broken --slit file is a one-line error", () => {
    const bad = join(tmp, "bad.aml");
    writeFileSync(bad, encodeSlit(slit).subarray(0, 40));
    const r = memsim("boot", "--dmesg", log, "--slit", bad);
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.match(r.stderr, /^memsim: .*bad\.aml: byte 0x4: table Length 0x3c is longer than the 0x28 bytes given\n$/);
  });

  it("a machine's SLIT survives machine JSON", () => {
    const m = compareWithLog(readFileSync(log, "utf8"), log, undefined, slit).machine;
    const back = machineFromJson(JSON.stringify(machineToJson(m), (_, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v)), "m.json");
    assert.deepEqual(slitToJson(back.slit!), slitToJson(slit));
  });
});

describe("a SLIT without an SRAT", () => {
  const file = join(import.meta.dirname, "..", "goldens", "boot", "nosrat-q35-4g", "6.12", "serial.log");
  const log = readFileSync(file, "utf8");
  const lines = (rows: number[][], cmdline = "") => {
    const c = compareWithLog(cmdline ? log.replace(/(Command line: .*)/, `$1 ${cmdline}`) : log, file, undefined, slitFromDistances(rows, IDENT, "t"));
    return c.result.events.map((e) => e.line);
  };
  it("no PXM has a node, so no distance is set; an invalid table is still reported (also under numa=noacpi)", () => {
    const valid = lines([[10, 21], [21, 10]]);
    assert.ok(!valid.some((l) => l.startsWith("NUMA: Initialized distance table") || l.includes("SLIT")));
    assert.ok(lines([[10, 5], [21, 10]]).includes("ACPI: SLIT table looks invalid. Not used."));
    assert.ok(lines([[10, 5], [21, 10]], "numa=noacpi").includes("ACPI: SLIT table looks invalid. Not used."));
  });
});
