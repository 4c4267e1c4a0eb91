import { test } from "node:test";
import assert from "node:assert/strict";
import { vsprintf } from "../../src/printk/vsprintf.js";

// Facts from the kernel's own printf self-test (lib/test_printf.c), restated.
test("basic text and %%", () => {
  assert.equal(vsprintf("", []), "");
  assert.equal(vsprintf("100%%", []), "100%");
  assert.equal(vsprintf("xxx%cyyy", [37]), "xxx%yyy");
});

test("integers: flags, width, narrowing", () => {
  assert.equal(vsprintf("%#-12x", [0x1234abcd]), "0x1234abcd  ");
  assert.equal(vsprintf("%#12x", [0x1234abcd]), "  0x1234abcd");
  assert.equal(
    vsprintf("%d|%03d|%3d|%+d|% d|%+d|% d", [0, 1, 12, 123, 1234, -123, -1234]),
    "0|001| 12|+123| 1234|-123|-1234",
  );
  assert.equal(vsprintf("%hhu|%hhu|%hhu|%hhu|%hhu", [0, 1, 257, 128, -1]), "0|1|1|128|255");
  assert.equal(vsprintf("%hhd|%hhd|%hhd|%hhd|%hhd", [0, 1, 257, 128, -1]), "0|1|1|-128|-1");
  assert.equal(vsprintf("%ho%ho%#ho", [1037, 5282, -11627]), "2015122420151225");
  assert.equal(vsprintf("%.2d|%.1d|%.0d|%.*d|%1.0d", [0, 0, 0, 0, 0, 0]), "00|0|0|0|0");
});

test("strings: precision and width", () => {
  assert.equal(vsprintf("%s%.0s", ["", "123"]), "");
  assert.equal(vsprintf("%s|%.3s|%.*s", ["ABCD", "abcdef", 3, "123456"]), "ABCD|abc|123");
  assert.equal(vsprintf("%-3s|%3s|%-*s|%*s|%*s", ["1", "2", 3, "3", 3, "4", -3, "5"]), "1  |  2|3  |  4|5  ");
  assert.equal(vsprintf("%-10.4s", ["123456"]), "1234      ");
  assert.equal(vsprintf("%10.4s", ["123456"]), "      1234");
  assert.equal(vsprintf("%4.*s", [-5, "123456"]), "    ");
  assert.equal(vsprintf("%.s", ["123456"]), "123456");
  assert.equal(vsprintf("%.s|%.0s|%.*s", ["a", "b", 0, "c"]), "a||");
  assert.equal(vsprintf("%-3.s|%-3.0s|%-3.*s", ["a", "b", 0, "c"]), "a  |   |   ");
});

// The kernel's number(): the SPECIAL prefix is printed for zero too and counts
// inside the field width (lib/vsprintf.c), unlike C's printf.
test("special hex prefix and 64-bit widths", () => {
  assert.equal(vsprintf("%#x", [0]), "0x0");
  assert.equal(vsprintf("%#lx|%#llx", [0n, 255n]), "0x0|0xff");
  assert.equal(vsprintf("%#010Lx", [0x1000n]), "0x00001000");
  assert.equal(vsprintf("%#018Lx", [(1n << 64n) - 1n]), "0xffffffffffffffff");
  assert.equal(vsprintf("%016llx", [0xabcn]), "0000000000000abc");
  assert.equal(vsprintf("0x%016llx", [1n << 63n]), "0x8000000000000000");
  assert.equal(vsprintf("%lu|%llu", [(1n << 64n) - 1n, 42n]), "18446744073709551615|42");
  assert.equal(vsprintf("%x", [(1n << 32n) + 5n]), "5", "plain %x is a 32-bit int");
  assert.equal(vsprintf("%d", [0xffffffff]), "-1");
  assert.equal(vsprintf("%#X", [255]), "0XFF");
  assert.equal(vsprintf("%#o|%#o", [0, 8]), "0|010");
});

test("%pa/%pap print a 64-bit phys_addr_t; %pS takes the symbol text", () => {
  assert.equal(vsprintf("%pa", [0n]), "0x0000000000000000");
  assert.equal(vsprintf("[%pa-%pap]", [0x1000n, 0xfffffn]), "[0x0000000000001000-0x00000000000fffff]");
  assert.equal(vsprintf("%pS\n", ["memblock_alloc_try_nid+0x7e/0xb0"]), "memblock_alloc_try_nid+0x7e/0xb0\n");
});

test("unsupported conversions are refused", () => {
  assert.throws(() => vsprintf("%n", [0]));
  assert.throws(() => vsprintf("%x", ["str"]));
});
