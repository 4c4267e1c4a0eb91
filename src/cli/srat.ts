import { readFileSync, statSync, writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { sratToAsl } from "../acpi/srat-asl.js";
import { decodeSrat, encodeSrat } from "../acpi/srat-codec.js";
import { readSratBytes, type SratInputFormat } from "../acpi/srat-input.js";
import { sratToJson } from "../acpi/srat-json.js";
import { lintSrat, KERNEL_LOAD_ADDRESS } from "../acpi/srat-lint.js";
import { parseSratLikeLinux, sratChecksumEvents } from "../acpi/srat-linux.js";
import { sratToText } from "../acpi/srat-text.js";
import type { SratProfile } from "../acpi/profile.js";
import { InputError } from "../errors.js";
import { profileFor, profiles } from "../profiles/index.js";
import { readDmesg } from "../readers/dmesg.js";
import { splitLines } from "../readers/text.js";

/** No SRAT input comes near this; larger files are refused before reading. */
const MAX_INPUT = 16 << 20;
const READ_ERRORS: Record<string, string> = { ENOENT: "no such file", EISDIR: "is a directory", EACCES: "permission denied" };

function readInput(file: string): Uint8Array {
  const stdin = file === "-";
  const name = stdin ? "<stdin>" : file;
  try {
    if (!stdin && statSync(file).size > MAX_INPUT) {
      throw new InputError(`${name}: ${statSync(file).size} bytes is more than the ${MAX_INPUT}-byte limit for an SRAT input`);
    }
    const data = new Uint8Array(readFileSync(stdin ? 0 : file));
    if (data.length > MAX_INPUT) throw new InputError(`${name}: more than the ${MAX_INPUT}-byte limit for an SRAT input`);
    return data;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new InputError(`${name}: ${READ_ERRORS[code] ?? (err as Error).message}`);
  }
}

const inputOption = new Option("--input <format>", "input format (default: detected)").choices(["binary", "asl", "acpidump", "json"]);
const nameOf = (file: string): string => (file === "-" ? "<stdin>" : file);

function load(file: string, format?: string): ReturnType<typeof readSratBytes> {
  return readSratBytes(readInput(file), nameOf(file), format as SratInputFormat | undefined);
}

function kernels(opt: string): { name: string; profile: SratProfile }[] {
  const chosen = opt === "both" ? Object.values(profiles) : [profileFor(opt)];
  return chosen.map((p) => ({ name: p.version, profile: p.srat }));
}

/** `memsim srat decode|encode|lint|kernel`. */
export function registerSrat(program: Command): void {
  const srat = program.command("srat").description("ACPI SRAT: decode, encode, lint, and what Linux makes of it");

  srat
    .command("decode <file>")
    .description("show an SRAT (binary, iasl source, acpidump text or JSON; '-' for standard input)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "asl"]).default("text"))
    .addOption(inputOption)
    .action((file: string, opts: { format: string; input?: string }) => {
      const input = load(file, opts.input);
      const table = decodeSrat(input.bytes, input.source);
      if (opts.format === "json") process.stdout.write(JSON.stringify(sratToJson(table), null, 2) + "\n");
      else if (opts.format === "asl") process.stdout.write(sratToAsl(table));
      else process.stdout.write(sratToText(table));
    });

  srat
    .command("encode <file>")
    .description("write the binary SRAT for a JSON or iasl source (Length and Checksum filled in)")
    .requiredOption("-o, --output <file>", "binary table to write")
    .addOption(inputOption)
    .action((file: string, opts: { output: string; input?: string }) => {
      const input = load(file, opts.input);
      const bytes = encodeSrat(decodeSrat(input.bytes, input.source));
      try {
        writeFileSync(opts.output, bytes);
      } catch (err) {
        throw new InputError(`${opts.output}: ${(err as Error).message}`);
      }
    });

  srat
    .command("lint <file>")
    .description("report what a kernel would reject or warn about, and known traps (exit 1 on errors)")
    .option("--e820 <dmesg>", "boot log with the BIOS-e820 map, to check that the nodes cover all RAM")
    .option("--kernel <version>", "6.1, 6.12 or both", "both")
    .option("--kernel-address <addr>", "physical address of the kernel image", `0x${KERNEL_LOAD_ADDRESS.toString(16)}`)
    .option("--x2apic", "the firmware leaves the APIC in x2APIC mode")
    .addOption(inputOption)
    .action((file: string, opts: { e820?: string; kernel: string; kernelAddress: string; x2apic?: boolean; input?: string }) => {
      const input = load(file, opts.input);
      if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(opts.kernelAddress)) throw new InputError(`--kernel-address: '${opts.kernelAddress}' is not a number`);
      let e820;
      if (opts.e820) {
        e820 = readDmesg(splitLines(readInput(opts.e820), opts.e820), opts.e820).e820;
        if (!e820.length) throw new InputError(`${opts.e820}: no "BIOS-e820:" lines found`);
      }
      const findings = lintSrat(input.bytes, {
        profiles: kernels(opts.kernel),
        e820,
        kernelAddress: BigInt(opts.kernelAddress),
        x2apicMode: opts.x2apic,
      });
      for (const f of findings) {
        const where = f.index !== undefined ? `entry ${f.index} @0x${f.offset.toString(16)}` : `@0x${f.offset.toString(16)}`;
        process.stdout.write(`${input.source}: ${where}: ${f.severity}: ${f.message} [${f.rule}]\n`);
      }
      const errors = findings.filter((f) => f.severity === "error").length;
      process.stdout.write(`${errors} error(s), ${findings.filter((f) => f.severity === "warning").length} warning(s)\n`);
      process.exitCode = errors ? 1 : 0;
    });

  srat
    .command("kernel <file>")
    .description("the lines a kernel prints while reading this SRAT at boot")
    .option("--kernel <version>", "kernel profile: 6.1 or 6.12", "6.12")
    .option("--x2apic", "the firmware leaves the APIC in x2APIC mode")
    .addOption(inputOption)
    .action((file: string, opts: { kernel: string; x2apic?: boolean; input?: string }) => {
      const input = load(file, opts.input);
      const profile = profileFor(opts.kernel);
      const res = parseSratLikeLinux(decodeSrat(input.bytes, input.source), profile.srat, { x2apicMode: opts.x2apic });
      for (const e of res.events) process.stdout.write(`${e.line}\n`);
      for (const e of sratChecksumEvents(input.bytes, profile.srat)) process.stdout.write(`(later, acpi_early_init) ${e.line}\n`);
      process.stdout.write(res.ok ? "NUMA from SRAT: yes\n" : `NUMA from SRAT: no (${res.failure})\n`);
    });
}
