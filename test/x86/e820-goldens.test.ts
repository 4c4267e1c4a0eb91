// The e820 steps of setup_arch replayed on each recorded boot (test/goldens/boot/*, real kernels
// under QEMU): the firmware map read from the log is run through e820__memory_setup, the mem=/memmap=
// effects of the command line, e820__finish_early_params, e820_add_kernel_range, trim_bios_range and
// the max_pfn computations, and every e820 line they print must equal the log's, byte for byte.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseCmdline } from "../../src/boot/cmdline.js";
import { loadMachine } from "../../src/cli/inputs.js";
import type { KernelEvent } from "../../src/events.js";
import type { E820Entry } from "../../src/machine.js";
import { profiles } from "../../src/profiles/index.js";
import { stripLogPrefix } from "../../src/readers/log-prefix.js";
import { splitLines } from "../../src/readers/text.js";
import { e820RangeAdd, e820RangeRemove, e820RangeUpdate } from "../../src/x86/e820.js";
import { e820AddKernelRange, e820EndRamPfn, e820FinishEarlyParams, e820MemorySetup, e820TrimBiosRange } from "../../src/x86/e820-setup.js";

const BOOT = "test/goldens/boot";
const E820_LINE =
  /^(BIOS-provided physical RAM map:|BIOS-e820: |e820: (update|remove) |user-defined physical RAM map:|user: |\.text \.data \.bss are not marked|last_pfn = |too many entries)/;
const MAX_ARCH_PFN = 0x400000000n;

/** The log's e820 lines up to the last max_pfn line (later e820 lines belong to other steps). */
function loggedLines(log: string): string[] {
  const lines = splitLines(readFileSync(log), log).map((l) => stripLogPrefix(l.text)).filter((l) => E820_LINE.test(l));
  let end = lines.length;
  while (end > 0 && !lines[end - 1]!.startsWith("last_pfn = ")) end--;
  return lines.slice(0, end);
}

function replay(firmware: readonly E820Entry[], cmdline: string, version: "6.1" | "6.12"): string[] {
  const profile = profiles[version];
  const events: KernelEvent[] = [];
  const emit = (e: KernelEvent) => void events.push(e);
  let t = e820MemorySetup(firmware, emit);
  const params = parseCmdline(cmdline);
  for (const fx of params.early) {
    if (fx.kind === "e820.exactmap") t = [];
    else if (fx.kind === "e820.add") t = e820RangeAdd(t, fx.start, fx.size, fx.type, emit);
    else if (fx.kind === "e820.remove") t = e820RangeRemove(t, fx.start, fx.size, fx.oldType, fx.checkType, emit).table;
    else if (fx.kind === "e820.update") t = e820RangeUpdate(t, fx.start, fx.size, fx.oldType, fx.newType, emit).table;
  }
  t = e820FinishEarlyParams(t, params.userdef, emit);
  t = e820AddKernelRange(t, profile.x86.physicalStart, profile.x86.kernelEndOffset, emit);
  t = e820TrimBiosRange(t, emit);
  const maxPfn = e820EndRamPfn(t, MAX_ARCH_PFN, MAX_ARCH_PFN, profile.e820, emit);
  if (maxPfn > 1n << 20n) e820EndRamPfn(t, 1n << 20n, MAX_ARCH_PFN, profile.e820, emit);
  return events.map((e) => e.line);
}

const boots = existsSync(BOOT)
  ? readdirSync(BOOT).flatMap((name) =>
      readdirSync(join(BOOT, name))
        .filter((k) => existsSync(join(BOOT, name, k, "serial.log")))
        .map((k) => ({ name, kernel: k as "6.1" | "6.12", log: join(BOOT, name, k, "serial.log") })),
    )
  : [];

test("e820 goldens are present", () => assert.ok(boots.length > 0));

for (const b of boots) {
  test(`e820 golden ${b.name} (${b.kernel}): the early e820 lines match the real kernel's`, async () => {
    const m = await loadMachine({ dmesg: b.log });
    assert.deepEqual(replay(m.e820, m.cmdline, b.kernel), loggedLines(b.log));
  });
}
