// Round trips over generated tables, and a bounded fuzz run over every SRAT reader.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { readAcpidump } from "../../src/acpi/acpidump.js";
import type { SratSubtable, SratTable } from "../../src/acpi/srat.js";
import { sratBytesToAsl, sratFromAsl, sratToAsl } from "../../src/acpi/srat-asl.js";
import { decodeSrat, encodeSrat } from "../../src/acpi/srat-codec.js";
import { readSrat } from "../../src/acpi/srat-input.js";
import { sratFromJson, sratToJson } from "../../src/acpi/srat-json.js";
import { SUBTABLE_LAYOUTS } from "../../src/acpi/srat-layout.js";
import { lintSrat } from "../../src/acpi/srat-lint.js";
import { parseSratLikeLinux } from "../../src/acpi/srat-linux.js";
import { InputError } from "../../src/errors.js";
import { profiles } from "../../src/profiles/index.js";
import { fixChecksum, manySubtables } from "./srat-fixtures.js";

const SEED = 20261125;
const uint = (width: number): fc.Arbitrary<number | bigint> =>
  width === 8 ? fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) : fc.integer({ min: 0, max: 2 ** (8 * width) - 1 });
/** Latin-1 text without trailing NULs (decode strips them); printable ASCII only when `printable`. */
const name = (width: number, printable = false): fc.Arbitrary<string> =>
  fc
    .array(printable ? fc.integer({ min: 0x20, max: 0x7e }) : fc.integer({ min: 0, max: 255 }), { maxLength: width })
    .map((a) => String.fromCharCode(...a).replace(/\0+$/, ""));
const bytes = (min: number, max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: min, maxLength: max });

/** Subtables of the given layouts, with up to `maxExtra` bytes beyond their fields. */
const knownOf = (layouts: typeof SUBTABLE_LAYOUTS, maxExtra: number): fc.Arbitrary<SratSubtable> => fc.constantFrom(...layouts).chain((l) =>
  fc
    .record({
      fields: fc.tuple(...l.fields.map((f) => (f.kind === "bytes" ? bytes(f.width, f.width) : uint(f.width)))),
      extra: bytes(0, maxExtra),
    })
    .map(({ fields, extra }) => {
      const sub: Record<string, unknown> = { kind: l.kind, type: l.type, length: l.size + extra.length };
      l.fields.forEach((f, i) => (sub[f.key] = fields[i]));
      if (extra.length) sub.extra = extra;
      return sub as unknown as SratSubtable;
    }),
);
const known = knownOf(SUBTABLE_LAYOUTS, 8);
const raw: fc.Arbitrary<SratSubtable> = fc
  .record({ type: fc.integer({ min: 8, max: 255 }), data: bytes(1, 30) })
  .map(({ type, data }) => ({ kind: "raw", type, length: data.length + 2, data }));

/** Whole tables from the given subtables; names printable when iasl must read them back. */
const tablesOf = (subtable: fc.Arbitrary<SratSubtable>, printable = false): fc.Arbitrary<SratTable> => fc
  .record({
    revision: uint(1),
    oemId: name(6, printable),
    oemTableId: name(8, printable),
    oemRevision: uint(4),
    aslCompilerId: name(4, printable),
    aslCompilerRevision: uint(4),
    tableRevision: uint(4),
    reserved: uint(8),
    subtables: fc.array(subtable, { maxLength: 12 }),
  })
  .map((r) => {
    const t: SratTable = {
      header: {
        signature: "SRAT",
        length: 0,
        revision: r.revision as number,
        checksum: 0,
        oemId: r.oemId,
        oemTableId: r.oemTableId,
        oemRevision: r.oemRevision as number,
        aslCompilerId: r.aslCompilerId,
        aslCompilerRevision: r.aslCompilerRevision as number,
      },
      tableRevision: r.tableRevision as number,
      reserved: r.reserved as bigint,
      subtables: r.subtables,
    };
    // Length and checksum as encode fills them.
    const b = encodeSrat(t);
    t.header.length = b.length;
    t.header.checksum = b[9] as number;
    return t;
  });
const tableArb = tablesOf(fc.oneof(known, raw));

describe("SRAT round trips (property)", () => {
  it("decode(encode(x)) = x", () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        assert.deepEqual(decodeSrat(encodeSrat(t), "gen"), t);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("JSON out and back in gives the same bytes", () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const text = JSON.stringify(sratToJson(t));
        assert.deepEqual(encodeSrat(sratFromJson(text, "gen.json")), encodeSrat(t));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("iasl text of tables iasl can compile reads back to the same table, Reserved zeroed", () => {
    // what iasl 20200925 can compile: types 0-5, no bytes beyond the fields, printable names
    const compilable = tablesOf(knownOf(SUBTABLE_LAYOUTS.filter((l) => l.iaslKnows), 0), true);
    fc.assert(
      fc.property(compilable, (t) => {
        const back = sratFromAsl(sratToAsl(t), "gen.dsl");
        const zeroReserved = (s: SratSubtable): unknown => ("reserved" in s && s.type === 4 ? { ...s, reserved: 0 } : s);
        const flagsOnly = (s: SratSubtable): unknown => {
          const z = zeroReserved(s) as Record<string, unknown>;
          // iasl rebuilds flags from the bits it names
          if (typeof z.flags === "number") z.flags = z.flags & (s.type === 1 ? 7 : 1);
          return z;
        };
        assert.deepEqual(
          back.subtables.map(flagsOnly),
          t.subtables.map(flagsOnly),
        );
        assert.equal(back.reserved, 0n);
        for (const k of ["oemId", "oemTableId", "aslCompilerId"] as const) assert.equal(back.header[k], t.header[k]);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

/** Readers may only succeed or throw InputError: no other exception, no hang. */
function survives(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    assert.doesNotMatch(e.message, /\n/);
    assert.match(e.message, /^fuzz(\.\w+)?:/);
  }
}

describe("SRAT readers under fuzzing", () => {
  const seedTables = ["encode/all-types", "encode/odd-fields", "encode/qemu-two-nodes-rev1"].map(
    (d) => new Uint8Array(readFileSync(`test/goldens/srat/${d}/srat.aml`)),
  );
  const mutated = fc
    .record({
      base: fc.constantFrom(...seedTables),
      edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
      cut: fc.nat(),
      fixSum: fc.boolean(),
    })
    .map(({ base, edits, cut, fixSum }) => {
      const b = base.slice(0, Math.max(0, base.length - (cut % 24)));
      for (const e of edits) if (b.length) b[e.at % b.length] = e.value;
      return fixSum && b.length > 9 ? fixChecksum(b) : b;
    });

  it("binary decode, lint, asl writer and the kernel walk on mutated tables", () => {
    fc.assert(
      fc.property(mutated, (b) => {
        survives(() => decodeSrat(b, "fuzz"));
        survives(() => readSrat(b, "fuzz"));
        lintSrat(b, { profiles: [{ name: "6.12", profile: profiles["6.12"].srat }] });
        try {
          const t = decodeSrat(b, "fuzz");
          sratBytesToAsl(encodeSrat(t, { asIs: true }));
          for (const p of Object.values(profiles)) parseSratLikeLinux(t, p.srat);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("text readers on garbage and on mutated text", () => {
    const asl = readFileSync("test/goldens/srat/compile/template/srat.dsl", "latin1");
    const dump = readFileSync("test/goldens/srat/acpidump/multi.txt", "latin1");
    const json = JSON.stringify(sratToJson(decodeSrat(seedTables[0] as Uint8Array, "x")));
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a).toString("latin1")),
      fc
        .record({ base: fc.constantFrom(asl, dump, json), at: fc.nat(), len: fc.nat({ max: 40 }), ins: fc.string({ maxLength: 20 }) })
        .map(({ base, at, len, ins }) => base.slice(0, at % base.length) + ins + base.slice((at % base.length) + len)),
    );
    fc.assert(
      fc.property(text, (t) => {
        survives(() => sratFromAsl(t, "fuzz.asl"));
        survives(() => readAcpidump(t, "fuzz.txt"));
        survives(() => sratFromJson(t, "fuzz.json"));
        survives(() => readSrat(Buffer.from(t, "latin1"), "fuzz"));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe("hostile sizes", () => {
  it("a Length of 4 GiB in a small file is an error at byte 0x4", () => {
    const b = new Uint8Array(readFileSync("test/goldens/srat/encode/all-types/srat.aml"));
    new DataView(b.buffer).setUint32(4, 0xffffffff, true);
    assert.throws(() => decodeSrat(b, "big.aml"), /^InputError: big\.aml: byte 0x4: table Length 0xffffffff is longer/);
  });

  it("a table of a million 3-byte subtables stops at the subtable limit", () => {
    const b = manySubtables((1 << 20) + 10);
    assert.throws(() => decodeSrat(b, "many.aml"), /many\.aml: byte 0x300030: more than 1048576 subtables/);
  });

  it("binary garbage in a text reader names the line", () => {
    assert.throws(() => readSrat(Buffer.from("Signature : \"SRAT\"\n\n\u0001\u0002"), "g.asl", "asl"), /^InputError: g\.asl: line 3: binary byte 0x1/);
  });
});
