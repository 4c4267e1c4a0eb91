// util-linux lsmem goldens (test/goldens/runtime/lsmem/, recorded by oracle/runtime/record-lsmem.ts from
// real guests' sysfs views and the real lsmem): `memsim lsmem --sysroot` on the same tree with the same
// options must print the same bytes, or fail with the same message and status.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { registerLsmem } from "../../src/cli/lsmem.js";
import { InputError } from "../../src/errors.js";
import { writeTree } from "../../oracle/runtime/sysroot.js";

const DIR = "test/goldens/runtime/lsmem";

async function memsimLsmem(sysroot: string, args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  let stdout = "";
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {} });
  registerLsmem(program, (t) => (stdout += t));
  try {
    await program.parseAsync(["node", "memsim", "lsmem", "--sysroot", sysroot, ...args]);
    return { stdout, stderr: "", status: 0 };
  } catch (err) {
    if (err instanceof InputError) return { stdout, stderr: `lsmem: ${err.message}\n`, status: err.exitCode };
    if (err instanceof CommanderError) return { stdout, stderr: err.message, status: err.exitCode };
    throw err;
  }
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

test("lsmem goldens cover both kernels", () => {
  assert.ok(files.some((f) => f.endsWith("-6.1.json")) && files.some((f) => f.endsWith("-6.12.json")));
});

for (const f of files) {
  test(`lsmem golden ${f}`, async () => {
    const golden = JSON.parse(readFileSync(join(DIR, f), "utf8"));
    const root = mkdtempSync(join(tmpdir(), "memsim-lsmem-"));
    try {
      writeTree(root, golden.show);
      for (const c of golden.cases as { command: string; args: string[]; stdout: string; stderr: string; status: number }[]) {
        const got = await memsimLsmem(root, c.args);
        assert.deepEqual(got, { stdout: c.stdout, stderr: c.stderr, status: c.status }, c.command);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}
