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

test("a line past the limit throws instead of growing without end", () => {
  const buf = new LineBuffer(10);
  buf.line("123456789");
  assert.throws(() => buf.line(""), { name: "LineBufferFull" });
  assert.equal(buf.text(), "123456789\n");
});
