// Cutting a boot log into the compared sections.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bootPartOfLog, compareSections, maskAvailable, sectionsOf } from "../../src/boot/sections.js";

const log = [
  "[    0.000000] Linux version 6.1.0-56-amd64 (x)",
  "[    0.000000] e820: update [mem 0x00000000-0x00000fff] usable ==> reserved",
  "[    0.000000] memblock_reserve: [0x00000000000f5b90-0x00000000000f5b9f] smp_scan_config+0xa7/0xff",
  "[    0.000000] MEMBLOCK configuration:",
  "[    0.000000]  memory size = 0x00000000fff7ec00 reserved size = 0x0000000003482000",
  "[    0.000000] memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x50/0x89",
  "[    0.000000] NODE_DATA(0) allocated [mem 0x7ffb5000-0x7ffdffff]",
  "[    0.000000] MEMBLOCK configuration:",
  "[    0.000000]  reserved.cnt  = 0x5",
  "[    0.000000] memblock_alloc_try_nid: 32768 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init+0x9f/0x23c",
  "[    0.000000] Zone ranges:",
  "[    0.000000]   DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
  "[    0.000000] memblock_alloc_try_nid: 73 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 acpi_parse_hpet+0xc3/0x132",
  "[    0.000000] [mem 0xc0000000-0xfed1bfff] available for PCI devices",
  "[    0.000000] memblock_alloc_try_nid: 70 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 start_kernel+0x14f/0x70f",
  "[    0.000000] Memory: 338620K/4193784K available (14343K kernel code)",
  "[    1.789951] x86/mm: Memory block size: 128MB",
  "[    1.800000] e820: reserve RAM buffer [mem 0x7ffe0000-0x7fffffff]",
].join("\n");

test("memblock lines go to the step they belong to: dumps, zones and setup_arch's last line split them; offsets are dropped", () => {
  const s = sectionsOf(bootPartOfLog(log));
  assert.deepEqual(s.get("e820"), ["e820: update [mem 0x00000000-0x00000fff] usable ==> reserved"]);
  assert.deepEqual(s.get("memblock.e820"), [
    "memblock_reserve: [0x00000000000f5b90-0x00000000000f5b9f] smp_scan_config",
    "MEMBLOCK configuration:",
    " memory size = 0x00000000fff7ec00 reserved size = 0x0000000003482000",
  ]);
  assert.equal(s.get("memblock.numa")!.length, 3);
  assert.deepEqual(s.get("numa"), ["NODE_DATA(0) allocated [mem 0x7ffb5000-0x7ffdffff]"]);
  assert.equal(s.get("memblock.sparse")!.length, 1);
  assert.equal(s.get("setup.tail")!.length, 2);
  assert.equal(s.get("memblock.late")!.length, 1);
  assert.deepEqual(s.get("blocksize"), ["x86/mm: Memory block size: 128MB"]);
});

test("the boot part ends at the memory block size", () => {
  assert.equal(bootPartOfLog(log).at(-1), "x86/mm: Memory block size: 128MB");
});

test("compareSections reports the first differing line; a masked available figure compares equal", () => {
  const a = sectionsOf(["Memory: 100K/200K available (x)", "x86/mm: Memory block size: 128MB"]);
  const b = sectionsOf(["Memory: 104K/200K available (x)", "x86/mm: Memory block size: 2048MB"]);
  const d = compareSections(a, b);
  assert.equal(d.find((x) => x.section === "blocksize")!.match, false);
  assert.equal(d.find((x) => x.section === "memory")!.match, false);
  maskAvailable(a);
  maskAvailable(b);
  assert.equal(compareSections(a, b).find((x) => x.section === "memory")!.match, true);
});
