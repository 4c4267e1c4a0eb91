// Hostile input to every machine reader: truncated, huge, binary garbage and fuzzed files end in
// one InputError line naming the file and a line, byte offset or field; nothing else escapes and
// nothing hangs. The CLI turns them into "memsim: ..." and a non-zero exit.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { loadMachine } from "../../src/cli/inputs.js";
import type { MachineInputs } from "../../src/cli/machine-options.js";
import { InputError } from "../../src/errors.js";
import type { Machine } from "../../src/machine.js";
import { machineFromJson, machineToJson } from "../../src/machine/json.js";
import { readDmesg } from "../../src/readers/dmesg.js";
import { e820FromMemmapTar } from "../../src/readers/e820.js";
import { readMemmap } from "../../src/readers/memmap.js";
import { splitLines } from "../../src/readers/text.js";
import { untar } from "../../src/readers/tar.js";

const dir = mkdtempSync(join(tmpdir(), "memsim-bad-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const REAL_LOG = "test/goldens/readers/logs/nosrat-q35-4g-6.1/serial.log";
const realLog = new Uint8Array(readFileSync(REAL_LOG));

/** An InputError of one line that names `file`. */
function isGoodError(e: unknown, file: string): boolean {
  return e instanceof InputError && !e.message.includes("\n") && e.message.startsWith(file) && e.message.length < 400;
}

async function rejects(opts: MachineInputs, file: string, detail?: RegExp): Promise<void> {
  await assert.rejects(loadMachine(opts), (e: unknown) => isGoodError(e, file) && (!detail || detail.test((e as Error).message)));
}

function put(name: string, data: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** A file of `size` bytes: `head`, then zeros (sparse, so that 100 MB cost no disk writes). */
function bigFile(name: string, size: number, head: Uint8Array = new Uint8Array()): string {
  const path = join(dir, name);
  writeFileSync(path, head);
  truncateSync(path, size);
  return path;
}

const garbage = (n: number, seed: number) => {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
};

test("truncated inputs", async () => {
  // a log cut in the middle of a BIOS-e820 line
  const text = new TextDecoder().decode(realLog);
  const cut = text.indexOf("BIOS-e820: [mem 0x0000000000100000") + 30;
  await rejects({ dmesg: put("cut.log", text.slice(0, cut)) }, join(dir, "cut.log"), /:\d+: malformed BIOS-e820 line/);
  const json = put("cut.json", '{"e820": [{"addr": "0x0", "size": "0x9fc00", "ty');
  await rejects({ machine: json }, json, /:1:\d+: not valid JSON/);
  const tar = spawnSync("tar", ["-C", "test/goldens/readers/memmap", "-cf", "-", "nosrat-q35-4g"]).stdout as Buffer;
  const cutTar = put("cut.tar", tar.subarray(0, 1536 + 100));
  await rejects({ e820: cutTar }, cutTar, /byte \d+: /);
  const srat = put("cut.aml", new Uint8Array(readFileSync("test/goldens/srat/acpidump/single.aml")).subarray(0, 60));
  await rejects({ e820: REAL_LOG, srat }, srat, /byte/);
});

test("binary garbage to every reader", async () => {
  const bin = put("garbage.bin", garbage(1 << 16, 7));
  await rejects({ dmesg: bin }, bin, /:1: binary data, not text \(byte 0x[0-9a-f]{2} at offset \d+\)/);
  await rejects({ machine: bin }, bin);
  await rejects({ e820: bin }, bin);
  await rejects({ dmesg: REAL_LOG, srat: bin }, bin);
  const gz = put("garbage.gz", new Uint8Array([0x1f, 0x8b, ...garbage(4096, 9)]));
  await rejects({ e820: gz }, gz, /not a readable gzip archive/);
  // a gzip bomb: 80 MB of zeros in a few KB
  const bomb = put("bomb.tar.gz", gzipSync(new Uint8Array(80 << 20), { level: 9 }));
  await rejects({ e820: bomb }, bomb, /expands to more than \d+ bytes/);
});

test("memmap directories with bad files", async () => {
  const root = join(dir, "memmap");
  mkdirSync(join(root, "0"), { recursive: true });
  writeFileSync(join(root, "0", "start"), "0x0\n");
  writeFileSync(join(root, "0", "end"), "zzz\n");
  writeFileSync(join(root, "0", "type"), "System RAM\n");
  await rejects({ memmap: root }, root, /\/0\/end:1: expected "0x<hex>"/);
  writeFileSync(join(root, "0", "end"), "0x9fbff\n");
  writeFileSync(join(root, "0", "type"), "Sparkly RAM\n");
  await rejects({ memmap: root }, root, /unknown memmap type/);
  mkdirSync(join(root, "junk"));
  await rejects({ memmap: root }, root, /not an entry directory/);
  await rejects({ memmap: join(dir, "nope") }, join(dir, "nope"), /no such file or directory/);
});

test("100 MB inputs end quickly in one line", async () => {
  const t0 = Date.now();
  const noNewline = join(dir, "one-line.log");
  const mib = new TextEncoder().encode("x".repeat(1 << 20));
  const fd = openSync(noNewline, "w");
  for (let i = 0; i < 100; i++) writeSync(fd, mib);
  closeSync(fd);
  await rejects({ dmesg: noNewline }, noNewline, /:1: line longer than 65536 bytes/);
  const log = bigFile("log-then-zeros.log", 100 << 20, realLog);
  await rejects({ dmesg: log }, log, /binary data/);
  const zeros = bigFile("zeros.bin", 100 << 20);
  await rejects({ dmesg: zeros }, zeros, /:1: binary data/);
  await rejects({ machine: zeros }, zeros, /more than the \d+-byte limit/);
  await rejects({ e820: zeros }, zeros);
  await rejects({ e820: REAL_LOG, srat: zeros }, zeros);
  assert.ok(Date.now() - t0 < 60_000, "huge inputs are handled in bounded time");
});

test("the CLI prints one line and exits non-zero", () => {
  const bin = put("cli.bin", garbage(4096, 3));
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "machine", "--dmesg", bin], { encoding: "utf8" });
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^memsim: .*cli\.bin:1: binary data, not text[^\n]*\n$/);
});

// ---- bounded, deterministic fuzz over the pure readers ----

/** Runs `read`; anything but success or a one-line InputError naming the source fails the property. */
function survives(read: () => unknown, source: string): void {
  try {
    read();
  } catch (e) {
    if (!isGoodError(e, source)) throw e;
  }
}

/** Random edits of real input: byte flips, cuts, splices of garbage. */
const mutated = (base: Uint8Array) =>
  fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "cut", "insert")), { minLength: 1, maxLength: 8 })
    .map((edits) => {
      let b = base;
      for (const [pos, val, op] of edits) {
        const at = pos % (b.length + 1);
        if (op === "set" && at < b.length) {
          b = b.slice();
          b[at] = val;
        } else if (op === "cut") b = b.subarray(0, at);
        else b = new Uint8Array([...b.subarray(0, at), val, ...b.subarray(at)]);
      }
      return b;
    });

test("fuzz: the boot log reader, whose machines always pass the schema", () => {
  const head = realLog.subarray(0, 12_000);
  // the lines the reader acts on, with their digits changed at random
  const machineLines = new TextDecoder()
    .decode(realLog)
    .split("\n")
    .filter((l) => /Linux version|Command line|BIOS-e820|ACPI: |MP-table|RAMDISK|Allowing|SRAT|DMI:/.test(l));
  const digitsChanged = fc
    .tuple(fc.subarray(machineLines, { minLength: 1 }), fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 64 }))
    .map(([lines, digits]) => {
      let i = 0;
      const text = lines.join("\n").replace(/[0-9a-fA-F]/g, (d) => (i++ % 3 === 0 ? (digits[i % digits.length]!).toString(16) : d));
      return new TextEncoder().encode(text);
    });
  fc.assert(
    fc.property(fc.oneof(mutated(head), digitsChanged, fc.uint8Array({ maxLength: 2000 })), (bytes) => {
      let m: Machine | undefined;
      survives(() => (m = readDmesg(splitLines(bytes, "f.log"), "f.log")), "f.log");
      if (m) assert.deepEqual(machineFromJson(JSON.stringify(machineToJson(m)), "again.json"), m);
    }),
    { numRuns: 400, seed: 11 },
  );
});

test("fuzz: machine JSON", () => {
  const good = new TextEncoder().encode(
    JSON.stringify({ kernel: "6.1", cmdline: "x", e820: [{ addr: "0x0", size: "0x1000", type: "usable" }], cpus: { possible: 2, hotplug: 0 } }),
  );
  fc.assert(
    fc.property(fc.oneof(mutated(good), fc.uint8Array({ maxLength: 300 })), (bytes) => {
      survives(() => machineFromJson(new TextDecoder().decode(bytes), "m.json"), "m.json");
    }),
    { numRuns: 500, seed: 12 },
  );
});

test("fuzz: tar and memmap", () => {
  const tar = new Uint8Array(spawnSync("tar", ["-C", "test/goldens/readers/memmap", "-cf", "-", "nosrat-pc-1g"]).stdout as Buffer);
  fc.assert(
    fc.property(fc.oneof(mutated(tar), fc.uint8Array({ maxLength: 2048 })), (bytes) => {
      survives(() => e820FromMemmapTar(bytes, "m.tar"), "m.tar");
      survives(() => untar(bytes, "e.tar"), "e.tar");
    }),
    { numRuns: 300, seed: 13 },
  );
  fc.assert(
    fc.property(
      fc.array(fc.record({ name: fc.string({ maxLength: 4 }), start: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), end: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), type: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }), { maxLength: 5 }),
      (dirs) => survives(() => readMemmap(dirs, "memmap"), "memmap"),
    ),
    { numRuns: 300, seed: 14 },
  );
});
