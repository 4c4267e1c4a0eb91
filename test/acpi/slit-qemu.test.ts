// The SLIT recorded from QEMU (oracle/slit/record-qemu.ts) against memsim's codec, and against the
// SLIT the boot goldens rebuild from their scenario's -numa dist options.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { byteSum } from "../../src/acpi/acpi-header.js";
import { decodeSlit, encodeSlit } from "../../src/acpi/slit.js";
import { slitValid } from "../../src/acpi/slit-linux.js";
import { goldenSlit } from "../../src/cli/boot-run.js";
import { slitFromQemuNumaDist } from "../../src/cli/qemu-slit.js";
import { InputError } from "../../src/errors.js";

const root = join(import.meta.dirname, "..", "..");
const goldens = join(root, "test", "goldens", "slit");

describe("SLITs recorded from QEMU", () => {
  const cases = readdirSync(goldens);
  it("there is at least one", () => assert.ok(cases.length > 0));
  for (const name of cases) {
    const bytes = new Uint8Array(readFileSync(join(goldens, name, "slit.aml")));
    const meta = JSON.parse(readFileSync(join(goldens, name, "meta.json"), "utf8")) as { from: string };
    it(`${name}: decodes, re-encodes to the same bytes, and the kernel takes it`, () => {
      assert.equal(byteSum(bytes), 0);
      const t = decodeSlit(bytes, name);
      assert.deepEqual(encodeSlit(t), bytes);
      assert.equal(slitValid(t), true);
    });
    it(`${name}: is exactly the SLIT rebuilt from ${meta.from}'s -numa dist options`, () => {
      assert.deepEqual(encodeSlit(goldenSlit(join(root, meta.from))!), bytes);
    });
  }
});

describe("slitFromQemuNumaDist refuses what QEMU refuses", () => {
  const refuses = (nodes: number, dists: number[][], pattern: RegExp) =>
    assert.throws(() => slitFromQemuNumaDist(nodes, dists, "s"), (e: unknown) => e instanceof InputError && pattern.test(e.message));
  it("a pair given in neither direction", () => refuses(3, [[0, 1, 21], [0, 2, 31]], /distance from node 1 to node 2 is missing/));
  it("an asymmetric pair while another pair is given one way only", () => refuses(3, [[0, 1, 21], [1, 0, 22], [0, 2, 31], [1, 2, 31]], /is missing/));
  it("a distance below 10, or a local distance other than 10", () => {
    refuses(2, [[0, 1, 9]], /not a distance QEMU accepts/);
    refuses(2, [[0, 0, 11], [0, 1, 20]], /not a distance QEMU accepts/);
  });
  it("a node it does not have", () => refuses(2, [[0, 2, 20]], /does not name two of the 2 nodes/));
  it("fills the other direction of a symmetric pair, and asymmetric tables given in full", () => {
    const sym = slitFromQemuNumaDist(2, [[0, 1, 21]], "s");
    const full = slitFromQemuNumaDist(2, [[0, 1, 21], [1, 0, 21]], "s");
    assert.deepEqual(sym.entries, full.entries);
    const asym = slitFromQemuNumaDist(2, [[0, 1, 21], [1, 0, 31]], "s");
    assert.notDeepEqual(asym.entries, full.entries);
  });
});
