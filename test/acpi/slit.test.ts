// The SLIT codec (round trips, hostile bytes), its readers, and the kernel's reading of it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decodeSlit, encodeSlit, SLIT_HEADER_SIZE, slitFromDistances, slitRows, type SlitTable } from "../../src/acpi/slit.js";
import { readSlit, slitFromJsonValue, slitToJson } from "../../src/acpi/slit-input.js";
import { slitNodeDistances, slitValid } from "../../src/acpi/slit-linux.js";
import { byteSum } from "../../src/acpi/acpi-header.js";
import { InputError } from "../../src/errors.js";

const SEED = 20261125;
const IDENT = { revision: 1, oemId: "BOCHS ", oemTableId: "BXPC    ", oemRevision: 1, aslCompilerId: "BXPC", aslCompilerRevision: 1 };
const name = (width: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: width }).map((a) => String.fromCharCode(...a));

const slitArb: fc.Arbitrary<SlitTable> = fc
  .record({
    n: fc.integer({ min: 0, max: 12 }),
    revision: fc.integer({ min: 0, max: 255 }),
    oemId: name(6),
    oemTableId: name(8),
    oemRevision: fc.integer({ min: 0, max: 0xffffffff }),
    aslCompilerId: name(4),
    aslCompilerRevision: fc.integer({ min: 0, max: 0xffffffff }),
    trailing: fc.uint8Array({ maxLength: 5 }),
  })
  .chain((r) => fc.uint8Array({ minLength: r.n * r.n, maxLength: r.n * r.n }).map((entries) => ({ r, entries })))
  .map(({ r, entries }) => {
    const { n, trailing, ...ident } = r;
    const t = slitFromDistances([], ident, "gen");
    const table: SlitTable = { ...t, localityCount: n, entries };
    if (trailing.length) table.trailing = trailing;
    return table;
  });

/** The table as decode gives it back: Length and checksum as encode wrote them. */
const written = (t: SlitTable, bytes: Uint8Array): SlitTable => ({ ...t, header: { ...t.header, length: bytes.length, checksum: bytes[9]! } });

const rejects = (bytes: Uint8Array, pattern: RegExp) => assert.throws(() => decodeSlit(bytes, "t.aml"), (e: unknown) => e instanceof InputError && pattern.test(e.message) && !e.message.includes("\n"));

describe("SLIT codec", () => {
  it("decode(encode(x)) = x, and the encoding has a correct Length and checksum", () => {
    fc.assert(
      fc.property(slitArb, (t) => {
        const b = encodeSlit(t);
        assert.equal(b.length, SLIT_HEADER_SIZE + t.localityCount ** 2 + (t.trailing?.length ?? 0));
        assert.equal(byteSum(b), 0);
        assert.deepEqual(decodeSlit(b, "gen"), written(t, b));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("encode(decode(b)) = b for any well-formed table", () => {
    fc.assert(
      fc.property(slitArb, (t) => {
        const b = encodeSlit(t);
        assert.deepEqual(encodeSlit(decodeSlit(b, "gen")), b);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("ignores bytes after the Length (a padded dump)", () => {
    const t = slitFromDistances([[10, 21], [21, 10]], IDENT, "t");
    const b = encodeSlit(t);
    const padded = new Uint8Array(b.length + 7);
    padded.set(b);
    assert.deepEqual(decodeSlit(padded, "t"), decodeSlit(b, "t"));
  });

  it("rejects broken tables with one line naming the byte offset", () => {
    const good = encodeSlit(slitFromDistances([[10, 21], [21, 10]], IDENT, "t"));
    rejects(good.subarray(0, 20), /^t\.aml: byte 0x0: 20 bytes is too short/);
    rejects(Uint8Array.from(good, (v, i) => (i === 0 ? 0x58 : v)), /^t\.aml: byte 0x0: signature is "XLIT", not "SLIT"/);
    const long = good.slice();
    long[4] = 0xff;
    rejects(long, /^t\.aml: byte 0x4: table Length 0xff is longer than the 0x30 bytes given/);
    const short = good.slice();
    short[4] = 40;
    rejects(short, /^t\.aml: byte 0x4: table Length 0x28 is shorter than the SLIT header \(0x2c\)/);
    // a hostile locality count: 2^64 - 1 localities cannot fit (and must not be allocated)
    const huge = good.slice();
    huge.fill(0xff, 36, 44);
    rejects(huge, /^t\.aml: byte 0x24: 18446744073709551615 localities need \d+ distance bytes; the Length leaves 4$/);
    const three = good.slice();
    three[36] = 3;
    rejects(three, /^t\.aml: byte 0x24: 3 localities need 9 distance bytes; the Length leaves 4$/);
  });

  it("never throws anything but a one-line InputError on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.boolean(), (raw, sig) => {
        const b = raw.slice();
        if (sig) b.set([0x53, 0x4c, 0x49, 0x54].slice(0, b.length));
        try {
          const t = decodeSlit(b, "fuzz");
          assert.equal(t.entries.length, t.localityCount ** 2);
        } catch (e) {
          assert.ok(e instanceof InputError && !e.message.includes("\n"), String(e));
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("SLIT readers", () => {
  const t = slitFromDistances([[10, 21, 31], [21, 10, 21], [31, 21, 10]], IDENT, "t");
  const bin = encodeSlit(t);
  const want = decodeSlit(bin, "bin");

  it("binary, acpidump text and JSON give the same table", () => {
    const rows: string[] = [];
    for (let o = 0; o < bin.length; o += 16) {
      const cells = Array.from(bin.subarray(o, o + 16), (v) => v.toString(16).padStart(2, "0").toUpperCase());
      rows.push(`    ${o.toString(16).padStart(4, "0").toUpperCase()}: ${cells.join(" ")}`);
    }
    const dump = `APIC @ 0x0000000000000000\n    0000: 41 50 49 43\n\nSLIT @ 0x000000007FFE2252\n${rows.join("\n")}\n`;
    assert.deepEqual(readSlit(new TextEncoder().encode(dump), "dump.txt"), want);
    assert.deepEqual(readSlit(bin, "slit.aml"), want);
    const json = JSON.stringify(slitToJson(want));
    assert.deepEqual(encodeSlit(readSlit(new TextEncoder().encode(json), "slit.json")), bin);
    assert.deepEqual(slitRows(readSlit(new TextEncoder().encode('{"distances": [[10, 21], [21, 10]]}'), "s.json")), [[10, 21], [21, 10]]);
  });

  it("bad JSON is one line naming the field", () => {
    const bad = (v: unknown, pattern: RegExp) => assert.throws(() => slitFromJsonValue(v, "s.json"), (e: unknown) => e instanceof InputError && pattern.test(e.message));
    bad({ distances: [[10, 21], [21]] }, /^s\.json: row 1 has 1 distances; the matrix is 2 x 2$/);
    bad({ distances: [[10, 256], [21, 10]] }, /^s\.json: distance \[0\]\[1\] = 256 is not a byte/);
    bad({ distances: [[10]], oem: "x" }, /^s\.json: \/oem is not a known field$/);
    bad({ distances: [[10]], oemRevision: "1" }, /^s\.json: \/oemRevision must be a number$/);
    bad({}, /^s\.json: \/distances must be an array of rows$/);
    assert.throws(() => readSlit(Uint8Array.of(1, 2, 3), "x.bin"), { message: /^x\.bin: byte 0x0: not a SLIT/ });
  });
});

describe("the kernel's reading of a SLIT (acpi_parse_slit)", () => {
  const slit = (rows: number[][]) => slitFromDistances(rows, IDENT, "t");

  it("slit_valid: the diagonal must be 10 and every other distance above 10", () => {
    assert.equal(slitValid(slit([[10, 21], [21, 10]])), true);
    assert.equal(slitValid(slit([[10, 11], [255, 10]])), true);
    assert.equal(slitValid(slit([[10, 10], [21, 10]])), false);
    assert.equal(slitValid(slit([[10, 0], [21, 10]])), false);
    assert.equal(slitValid(slit([[11, 21], [21, 10]])), false);
    assert.equal(slitValid(slit([[10, 21], [21, 0]])), false);
    assert.equal(slitValid(slit([])), true);
  });

  it("sets a distance for every pair of localities mapped to nodes, row by row", () => {
    const s = slit([[10, 21, 31], [22, 10, 41], [32, 42, 10]]);
    // locality 1 has no node; locality 2 is node 0, locality 0 is node 1
    const pxmToNode = new Map([[0, 1], [2, 0]]);
    assert.deepEqual(slitNodeDistances(s, pxmToNode), [[1, 1, 10], [1, 0, 31], [0, 1, 32], [0, 0, 10]]);
  });
});
