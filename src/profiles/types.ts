/**
 * A kernel profile: everything that differs between the kernel builds memsim
 * models, as data and small strategy functions. Each kernel concept declares
 * its own part (e.g. `MemblockProfile` in src/memblock/) and adds it here.
 */
import type { E820Profile } from "../x86/e820-setup.js";
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
  memblock: MemblockProfile;
  srat: SratProfile;
  zones: ZonesProfile;
  mm: MmProfile;
  /** Run-time memory hotplug (src/hotplug). */
  hotplug: HotplugProfile;
}
