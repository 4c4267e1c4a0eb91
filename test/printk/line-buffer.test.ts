import { test } from "node:test";
import assert from "node:assert/strict";
import { LineBuffer } from "../../src/printk/line-buffer.js";

test("lines come back newline-terminated, in order, across growth", () => {
  const buf = new LineBuffer();
  assert.equal(buf.text(), "");
  const lines = Array.from({ length: 20000 }, (_, i) => ` memory[0x${i.toString(16)}]\t[0x${"0".repeat(16)}]`);
  for (const l of lines) buf.line(l);
  buf.line("");
  assert.equal(buf.text(), lines.join("\n") + "\n\n");
});
