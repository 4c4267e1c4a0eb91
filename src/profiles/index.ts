import { InputError } from "../errors.js";
import { linux61 } from "./linux-6.1.js";
import { linux612 } from "./linux-6.12.js";
import type { KernelProfile, KernelVersion } from "./types.js";

export type { KernelProfile, KernelVersion } from "./types.js";

export const profiles: Record<KernelVersion, KernelProfile> = { "6.1": linux61, "6.12": linux612 };

/** The profile for a version string as users write it (`--kernel 6.1`). */
export function profileFor(version: string, field = "--kernel"): KernelProfile {
  const p = (profiles as Record<string, KernelProfile | undefined>)[version];
  if (!p) throw new InputError(`${field}: unknown kernel version '${version}' (known: 6.1, 6.12)`);
  return p;
}
