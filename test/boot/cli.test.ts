// `memsim`, `memsim boot` and `memsim report`, driven through the CLI as users do.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const golden = join(import.meta.dirname, "..", "goldens", "boot", "nosrat-q35-4g", "6.12", "serial.log");
const memsim = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8" });

test("memsim without a command boots the built-in example: node 1 hot-removable, node 0 not", () => {
  const r = memsim();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /movable_node/);
  assert.match(r.stdout, /Node 0: not hot-removable/);
  assert.match(r.stdout, /Node 1: hot-removable/);
});

test("memsim boot --format dmesg prints the kernel's lines up to the memory block size", () => {
  const r = memsim("boot", "--dmesg", golden, "--format", "dmesg");
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines[0], "Command line: console=ttyS0 nokaslr memblock=debug panic=-1 loglevel=8");
  assert.equal(lines.at(-1), "x86/mm: Memory block size: 128MB");
});

test("memsim boot --format json gives the structured result", () => {
  const r = memsim("boot", "--dmesg", golden, "--format", "json");
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { kernel: string };
  assert.equal(j.kernel, "6.12");
});

test("memsim boot --diff: sections agree with the log they came from, and differ under another command line", () => {
  const same = memsim("boot", "--dmesg", golden, "--diff");
  assert.match(same.stdout, /^= zones: /m);
  assert.match(same.stdout, /^= memblock\.numa: /m);
  const other = memsim("boot", "--dmesg", golden, "--cmdline", "+mem=1G", "--diff");
  assert.equal(other.status, 1);
  assert.match(other.stdout, /^! e820: /m);
});

test("memsim boot --diff without a log is a one-line error", () => {
  const r = memsim("boot", "--machine", "nonexistent.json", "--diff");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^memsim: .*nonexistent\.json/);
  assert.equal(r.stderr.trim().split("\n").length, 1);
});

test("memsim report prints a match rate per section", () => {
  const r = memsim("report", join(import.meta.dirname, "..", "goldens", "boot"));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^zones +\d+\/\d+ +\d+\.\d%$/m);
  assert.match(r.stdout, /goldens agree in every modelled section/);
});
