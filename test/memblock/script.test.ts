// The memblock op script: its lexical rules, its errors, and the runner's
// printing around the engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../src/errors.js";
import { parseMemblockScript, runMemblockScript } from "../../src/memblock/script.js";
import { profiles } from "../../src/profiles/index.js";

const run = (src: string, v: "6.1" | "6.12" = "6.12") => runMemblockScript(src, profiles[v], "t.script");

function scriptError(src: string): InputError {
  try {
    run(src);
  } catch (err) {
    assert.ok(err instanceof InputError);
    assert.equal(err.exitCode, 2);
    return err;
  }
  assert.fail(`no error for ${JSON.stringify(src)}`);
}

test("numbers: decimal, 0x hex in either case, K M G T suffixes, 64 bits", () => {
  const ops = parseMemblockScript("reserve 0x1aBc 10\nreserve 4K 0x2M\nreserve 1G 1T\nreserve 0xffffffffffffffff 18446744073709551615\nreserve 0x00000000000000000001 00000000000000000000001", "f").ops();
  assert.deepEqual(
    ops.map((o) => o.n),
    [
      [0x1abcn, 10n],
      [4096n, 2n << 20n],
      [1n << 30n, 1n << 40n],
      [(1n << 64n) - 1n, (1n << 64n) - 1n],
      [1n, 1n],
    ],
  );
});

test("bad numbers, node ids and words are script errors naming file and line", () => {
  for (const [src, msg] of [
    ["reserve 0X10 1", "t.script:1: reserve: BASE: bad number '0X10'"],
    ["reserve 4k 1", "t.script:1: reserve: BASE: bad number '4k'"],
    ["reserve -1 1", "t.script:1: reserve: BASE: bad number '-1'"],
    ["reserve 0x 1", "t.script:1: reserve: BASE: bad number '0x'"],
    ["reserve 0x10000000000000000 1", "t.script:1: reserve: BASE: number '0x10000000000000000' does not fit in 64 bits"],
    ["reserve 18446744073709551616 1", "t.script:1: reserve: BASE: number '18446744073709551616' does not fit in 64 bits"],
    ["reserve 16777216T 1", "t.script:1: reserve: BASE: number '16777216T' does not fit in 64 bits"],
    ["add 0 1 2147483648", "t.script:1: add: NID: node id '2147483648' is not a 32-bit int"],
    ["add 0 1 0x1", "t.script:1: add: NID: bad node id '0x1'"],
    ["current_limit maxx", "t.script:1: current_limit: ADDR: bad number 'maxx'"],
    ["reserve max 1", "t.script:1: reserve: BASE: bad number 'max'"],
    ["bottom_up yes", "t.script:1: bottom_up: on|off: expected on or off, got 'yes'"],
    ["alloc 1 1 0 0 -1 exactly", "t.script:1: alloc: exact: expected 'exact', got 'exactly'"],
  ]) {
    assert.equal(scriptError(src as string).message, msg);
  }
});

test("unknown ops, missing and extra arguments; nothing runs before the error", () => {
  assert.equal(scriptError("dump\n\n# c\nfrobnicate 1").message, "t.script:4: unknown op 'frobnicate'");
  assert.equal(scriptError("set_node 0 1").message, "t.script:1: set_node: missing argument NID");
  assert.equal(scriptError("dump now").message, "t.script:1: dump: unexpected argument 'now'");
  assert.equal(scriptError("alloc 1 1 0 0").message, "t.script:1: alloc: missing argument NID");
});

test("hostile tokens are quoted printable and short in errors", () => {
  assert.equal(scriptError("du\u0001mp").message, "t.script:1: unknown op 'du\\u{1}mp'");
  const long = "x".repeat(100000);
  assert.equal(scriptError(`reserve ${long} 1`).message, `t.script:1: reserve: BASE: bad number '${"x".repeat(40)}...'`);
});

test("a UTF-8 byte order mark before the first op is ignored", () => {
  assert.deepEqual(run("\ufeffreset\ndump\n"), run("reset\ndump\n"));
});

test("comments, blank lines, tabs and CRLF line ends", () => {
  const ops = parseMemblockScript("# header\n\n\treserve\t0x1000 0x1000 # tail\r\nadd 0 4K -1#x\n   \n", "f").ops();
  assert.deepEqual(
    ops.map((o) => [o.line, o.op, o.n, o.nid]),
    [
      [3, "reserve", [0x1000n, 0x1000n], undefined],
      [4, "add", [0n, 4096n], -1],
    ],
  );
});

test("results: addresses as 0x%016llx, non-zero returns as error -N, nothing for void ops", () => {
  const out = run("add 1M 1M\nalloc 4K 4K 0 0 -1\nalloc 4M 4K 0 0 -1\nremove 0 0\ntrim_memory 4K\n").output;
  assert.equal(out, "0x00000000001ff000\n0x0000000000000000\n");
  const full = Array.from({ length: 128 }, (_, i) => `reserve ${i * 2} 1`).join("\n");
  assert.match(run(`${full}\nreserve 0x1000 1\n`, "6.1").output, /^note: memblock region array full, memblock_double_array\(\) fails \(resizing not allowed\)\nerror -12\n$/);
});

test("a panic prints its line, stops the script and exits 1", () => {
  const full = Array.from({ length: 128 }, (_, i) => `reserve ${i * 2} 1`).join("\n");
  const r = run(`${full}\nreserve 0x1000 1\ndump\n`, "6.12");
  assert.equal(r.output, "Kernel panic - not syncing: memblock: cannot resize reserved array\n");
  assert.equal(r.exitCode, 1);
});

test("an empty script prints nothing", () => {
  assert.deepEqual(run("# nothing\n"), { output: "", exitCode: 0 });
});

test("memsim memblock run: file, stdin, --kernel, and file errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "memsim-script-"));
  const file = join(dir, "s.script");
  writeFileSync(file, "dump\n");
  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, ["dist/src/cli/main.js", "memblock", "run", ...args], { encoding: "utf8", input });
  const r61 = cli([file, "--kernel", "6.1"]);
  assert.equal(r61.status, 0);
  assert.equal(r61.stdout, run("dump\n", "6.1").output);
  const stdin = cli(["-"], "dump\n");
  assert.equal(stdin.stdout, run("dump\n").output, "6.12 by default");
  const missing = cli([join(dir, "nope")]);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, `memsim: ${join(dir, "nope")}: no such file\n`);
  const bad = cli(["-"], "dump\nreserve 1\n");
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, "");
  assert.equal(bad.stderr, "memsim: <stdin>:2: reserve: missing argument SIZE\n");
});
