// Issue 4 §2: a boot log cut down to its input lines must be enough. Every
// boot golden is cut to exactly the lines the issue lists (this file's own
// filter, not the reader's), plus the one kind of line the list lacks, and
// the machine read from the cut log must boot to the same predicted dmesg as
// the machine read from the whole log.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import type { SratTable } from "../../src/acpi/srat.js";
import { compareWithLog } from "../../src/boot/compare.js";
import { goldenSrat } from "../../src/cli/boot-run.js";
import { renderDmesg } from "../../src/render/dmesg.js";

/** The input lines issue 4 §2 lists, as messages (timestamp and console noise stripped). */
const INPUT_LINES: readonly RegExp[] = [
  /^Linux version /,
  /^Command line: /,
  /^BIOS-e820: /,
  // the ACPI table list: RSDP, then one line per table (FACS has no header to print)
  /^ACPI: RSDP 0x[0-9A-F]{16} /,
  /^ACPI: .{4} 0x[0-9A-F]{16} [0-9A-F]+(?: \(v\d+ .*\))?$/,
  /^found SMP MP-table at /,
  /^RAMDISK: /,
  /^ACPI: Table Upgrade: /,
  /^DMI: /,
  /^Hypervisor detected: /,
  /^smpboot: Allowing \d+ CPUs, \d+ hotplug CPUs$/,
  /^CPU topo: Allowing /,
];

/**
 * Input lines the issue's list lacks but a boot needs: the ACPI tables found
 * in the initrd (acpi_table_upgrade). Their total length sizes the early
 * allocation, the e820 "modified" entry and the reservation that follow, and
 * the file's path inside the initrd is printed nowhere else.
 */
const MISSING_FROM_ISSUE_LIST: readonly RegExp[] = [/^ACPI: .{4} ACPI table found in initrd \[/];

/** The SRAT lines, input only when no SRAT binary is given. */
const SRAT_LINES: readonly RegExp[] = [/^ACPI: SRAT: Node /, /^SRAT: PXM /];

/**
 * A serial-console line's message: what follows its `[    0.000000] `
 * timestamp, after the last carriage return (the firmware's screen output
 * can share the kernel's first line).
 */
function message(line: string): string | undefined {
  return /^.*?\[\s*\d+\.\d+\] (.*)$/.exec(line.slice(line.lastIndexOf("\r") + 1))?.[1];
}

/** The log cut down to its input lines' messages. */
function cutToInputLines(log: string, withSratLines: boolean): string[] {
  const keep = [...INPUT_LINES, ...MISSING_FROM_ISSUE_LIST, ...(withSratLines ? SRAT_LINES : [])];
  return log
    .split("\n")
    .map(message)
    .filter((m): m is string => m !== undefined && keep.some((re) => re.test(m)));
}

/** The predicted dmesg for the machine read from `text` as the golden test reads it (SRAT binary first). */
function predict(text: string, file: string, srat: SratTable | undefined): string {
  const { result } = compareWithLog(text, file, srat);
  return renderDmesg(result.events, result.params.consoleLoglevel);
}

const root = join(import.meta.dirname, "..", "goldens", "boot");
const goldens = readdirSync(root)
  .sort()
  .flatMap((scenario) => ["6.1", "6.12"].map((kernel) => ({ name: `${scenario} on ${kernel}`, file: join(root, scenario, kernel, "serial.log") })))
  .filter((g) => existsSync(g.file));

/** The cut log must predict what the whole log predicts, with the same SRAT binary (or none). */
function checkCut(file: string, full: string, srat: SratTable | undefined): void {
  const cut = cutToInputLines(full, srat === undefined);
  // a small part of the log (an SRAT may list hundreds of ranges: those are not counted)
  const fullLines = full.split("\n").length;
  const kept = cutToInputLines(full, false).length;
  assert.ok(kept * 10 < fullLines, `the cut log keeps ${kept} of ${fullLines} lines besides SRAT lines`);

  const expected = predict(full, file, srat);
  const fromCut = predict(cut.join("\n"), `${file} (cut)`, srat);
  assert.equal(fromCut, expected);

  // what the prediction prints beyond the input lines was computed, not copied
  const input = new Set(cut);
  const computed = expected.split("\n").filter((l) => l !== "" && !input.has(l));
  assert.ok(computed.includes("Zone ranges:"), "the prediction has a Zone ranges: line");
  assert.ok(computed.includes("Early memory node ranges"), "the prediction has an Early memory node ranges line");
  assert.ok(computed.length > cut.length, `${computed.length} computed lines, ${cut.length} input lines`);
}

describe("a boot log cut down to its input lines", () => {
  it("covers the boot goldens", () => assert.ok(goldens.length >= 80, `${goldens.length} goldens`));
  for (const g of goldens) {
    const srat = goldenSrat(dirname(g.file));
    it(`predicts the same boot as the whole log: ${g.name}`, () => checkCut(g.file, readFileSync(g.file, "utf8"), srat));
    // no golden lacks the binary but prints SRAT lines: read the SRAT from the lines alone as well
    if (srat) it(`predicts the same boot from its SRAT lines, without the binary: ${g.name}`, () => checkCut(g.file, readFileSync(g.file, "utf8"), undefined));
  }
});
