import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

// The CLI is driven as users drive it: through the built bin.
test("memsim --help lists the commands", () => {
  const r = spawnSync(process.execPath, ["dist/src/cli/main.js", "--help"], { encoding: "utf8" });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /memblock/);
});
