import type { KernelProfile } from "./types.js";

/** Debian's linux-image-6.1.0-56-amd64 (6.1.192). */
export const linux61: KernelProfile = {
  version: "6.1",
  release: "6.1.0-56-amd64",
  // e820_end_pfn: only RAM entries count towards max_pfn
  e820: { endRamTypes: [1] },
};
