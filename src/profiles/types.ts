/**
 * A kernel profile: everything that differs between the kernel builds memsim
 * models, as data and small strategy functions. Each kernel concept declares
 * its own part (e.g. `MemblockProfile` in src/memblock/) and adds it here.
 */
import type { E820Profile } from "../x86/e820-setup.js";
import type { CrashkernelProfile } from "../x86/crashkernel.js";
import type { NumaProfile } from "../x86/numa.js";
import type { X86Profile } from "../x86/profile.js";
import type { MemblockProfile } from "../memblock/profile.js";
import type { SratProfile } from "../acpi/profile.js";
import type { MmProfile, ZonesProfile } from "../mm/profile.js";
import type { HotplugProfile } from "../hotplug/profile.js";

export type KernelVersion = "6.1" | "6.12";

export interface KernelProfile {
  version: KernelVersion;
  /** The `uname -r` of the Debian build this profile was measured on. */
  release: string;
  e820: E820Profile;
  /** x86 early setup: image layout and memblock=debug call sites (src/x86/profile.ts). */
  x86: X86Profile;
  /** NUMA setup (src/x86/numa.ts). */
  numa: NumaProfile;
  /** crashkernel= reservation (src/x86/crashkernel.ts). */
  crashkernel: CrashkernelProfile;
  memblock: MemblockProfile;
  srat: SratProfile;
  zones: ZonesProfile;
  mm: MmProfile;
  /** Run-time memory hotplug (src/hotplug). */
  hotplug: HotplugProfile;
}
