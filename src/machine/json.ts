/**
 * The machine as JSON: the form `memsim machine` prints and users write by
 * hand, validated against schema/machine.schema.json. 64-bit values are
 * "0x..." strings, e820 types the kernel's names. A validation error is one
 * line naming the field as a JSON pointer.
 */
import { Ajv, type ErrorObject } from "ajv";
import schema from "../../schema/machine.schema.json" with { type: "json" };
import { slitFromJsonValue, slitToJson } from "../acpi/slit-input.js";
import { sratFromJson, sratToJson } from "../acpi/srat-json.js";
import { InputError } from "../errors.js";
import { parseJsonText } from "../readers/json-text.js";
import type { AcpiTable, E820Entry, Machine, PhysRange } from "../machine.js";
import { e820TypeFromName, e820TypeName } from "../x86/e820.js";

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const rangeJson = (r: PhysRange) => ({ start: hex(r.start), end: hex(r.end) });

/** A type by its kernel name when the name reads back to the same code, else by number. */
function e820TypeJson(type: number): string | number {
  const name = e820TypeName(type);
  return e820TypeFromName(name) === type ? name : type;
}

export function e820ToJson(entries: readonly E820Entry[]): unknown[] {
  return entries.map((e) => ({ addr: hex(e.addr), size: hex(e.size), type: e820TypeJson(e.type) }));
}

function tableJson(t: AcpiTable): Record<string, unknown> {
  const { address, overrides, ...rest } = t;
  return { ...rest, address: hex(address), ...(overrides === undefined ? {} : { overrides: hex(overrides) }) };
}

/** The machine as a plain JSON value (key order fixed, absent fields left out). */
export function machineToJson(m: Machine): Record<string, unknown> {
  return {
    ...(m.kernel ? { kernel: m.kernel } : {}),
    ...(m.kernelBanner !== undefined ? { kernelBanner: m.kernelBanner } : {}),
    cmdline: m.cmdline,
    e820: e820ToJson(m.e820),
    acpiTables: m.acpiTables.map(tableJson),
    acpiInitrdTables: m.acpiInitrdTables,
    acpiTableUpgrades: m.acpiTableUpgrades,
    ...(m.srat ? { srat: sratToJson(m.srat) } : {}),
    ...(m.slit ? { slit: slitToJson(m.slit) } : {}),
    ...(m.cpus ? { cpus: m.cpus } : {}),
    ...(m.mpTable ? { mpTable: rangeJson(m.mpTable) } : {}),
    ...(m.initrd ? { initrd: rangeJson(m.initrd) } : {}),
    ...(m.dmi !== undefined ? { dmi: m.dmi } : {}),
    ...(m.hypervisor !== undefined ? { hypervisor: m.hypervisor } : {}),
    ...(m.kernelImage ? { kernelImage: rangeJson(m.kernelImage) } : {}),
    unknown: m.unknown,
  };
}

const ajv = new Ajv({ allErrors: false, strict: true });
const validateMachine = ajv.compile(schema);
const validateE820 = ajv.compile({ ...schema.definitions.e820, definitions: schema.definitions });

/** One line for the first schema violation: the field as a JSON pointer and what is wrong with it. */
function describe(err: ErrorObject): string {
  let pointer = err.instancePath || "/";
  let what = err.message ?? "is invalid";
  if (err.keyword === "additionalProperties") {
    pointer = `${err.instancePath}/${String(err.params.additionalProperty)}`;
    what = "is not a known field";
  } else if (err.keyword === "required") {
    pointer = `${err.instancePath}/${String(err.params.missingProperty)}`;
    what = "is required";
  } else if (err.keyword === "oneOf") {
    // the schema's only oneOf is an e820 type
    what = "must be an e820 type: usable, reserved, ACPI data, ACPI NVS, unusable, soft reserved, persistent (type 7), persistent (type 12), type N, or a number";
  } else if (err.schemaPath.includes("/u64/")) {
    what = 'must be a "0x..." hex string of at most 64 bits';
  } else if (err.keyword === "enum") {
    what = `${err.message} (${(err.params.allowedValues as unknown[]).join(", ")})`;
  }
  return `${pointer} ${what}`;
}

function check(ok: boolean, errors: ErrorObject[] | null | undefined, file: string): void {
  if (ok || !errors?.length) return;
  // a oneOf reports its branches' failures first; the oneOf itself says it best
  throw new InputError(`${file}: ${describe(errors.find((e) => e.keyword === "oneOf") ?? errors[0]!)}`);
}

function e820FromValue(v: unknown[], file: string, pointer: string): E820Entry[] {
  return v.map((raw, i) => {
    const e = raw as { addr: string; size: string; type: string | number };
    const type = typeof e.type === "number" ? e.type : e820TypeFromName(e.type);
    if (type === undefined) throw new InputError(`${file}: ${pointer}/${i}/type is not an e820 type`);
    return { addr: BigInt(e.addr), size: BigInt(e.size), type };
  });
}

const range = (r: { start: string; end: string } | undefined, field: string, file: string): PhysRange | undefined => {
  if (!r) return undefined;
  const out = { start: BigInt(r.start), end: BigInt(r.end) };
  if (out.end < out.start) throw new InputError(`${file}: ${field}/end is below ${field}/start`);
  return out;
};

/** Reads machine JSON text. */
export function machineFromJson(text: string, file: string): Machine {
  const doc = parseJsonText(text, file);
  check(validateMachine(doc), validateMachine.errors, file);
  type Doc = Omit<Machine, "e820" | "acpiTables" | "srat" | "slit" | "mpTable" | "initrd" | "kernelImage"> & {
    e820: unknown[];
    acpiTables?: (Omit<AcpiTable, "address" | "overrides"> & { address: string; overrides?: string })[];
    srat?: unknown;
    slit?: unknown;
    mpTable?: { start: string; end: string };
    initrd?: { start: string; end: string };
    kernelImage?: { start: string; end: string };
  };
  const d = doc as Doc;
  const m: Machine = {
    ...(d.kernel ? { kernel: d.kernel } : {}),
    ...(d.kernelBanner !== undefined ? { kernelBanner: d.kernelBanner } : {}),
    cmdline: d.cmdline ?? "",
    e820: e820FromValue(d.e820, file, "/e820"),
    acpiTables: (d.acpiTables ?? []).map(({ address, overrides, ...rest }) => ({
      ...rest,
      address: BigInt(address),
      ...(overrides === undefined ? {} : { overrides: BigInt(overrides) }),
    })),
    acpiInitrdTables: d.acpiInitrdTables ?? [],
    acpiTableUpgrades: d.acpiTableUpgrades ?? [],
    ...(d.cpus ? { cpus: d.cpus } : {}),
    ...(d.dmi !== undefined ? { dmi: d.dmi } : {}),
    ...(d.hypervisor !== undefined ? { hypervisor: d.hypervisor } : {}),
    unknown: d.unknown ?? [],
  };
  if (d.srat !== undefined) m.srat = sratFromJson(JSON.stringify(d.srat), `${file}: /srat`);
  if (d.slit !== undefined) m.slit = slitFromJsonValue(d.slit, `${file}: /slit`);
  const mp = range(d.mpTable, "/mpTable", file);
  if (mp) m.mpTable = mp;
  const rd = range(d.initrd, "/initrd", file);
  if (rd) m.initrd = rd;
  const ki = range(d.kernelImage, "/kernelImage", file);
  if (ki) m.kernelImage = ki;
  if (m.cpus && m.cpus.hotplug > m.cpus.possible) throw new InputError(`${file}: /cpus/hotplug exceeds /cpus/possible`);
  return m;
}

/** Reads an e820 map from JSON: an array of entries, or an object with an "e820" array (a machine). */
export function e820FromJson(text: string, file: string): E820Entry[] {
  const doc = parseJsonText(text, file);
  if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) return machineFromJson(text, file).e820;
  check(validateE820(doc), validateE820.errors, file);
  return e820FromValue(doc as unknown[], file, "");
}
