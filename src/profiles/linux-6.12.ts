import type { KernelProfile } from "./types.js";

/** Debian's linux-image-6.12.117+deb12-amd64. */
export const linux612: KernelProfile = {
  version: "6.12",
  release: "6.12.117+deb12-amd64",
  // e820__end_ram_pfn: RAM and ACPI-data entries count towards max_pfn
  e820: { endRamTypes: [1, 3] },
};
