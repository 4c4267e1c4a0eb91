// A scenario's SRAT as the JSON that `memsim srat encode` reads (the SratTable model of src/acpi, with
// 64-bit fields as hex strings; the encoder fills length and checksum).

import type { SratSpec } from "./scenario.js";

/** QEMU's OEM fields, space-padded as QEMU writes them: an initrd override must match them byte for byte
 * (the kernel compares all 6 and 8 bytes) and carry a higher OEM revision. */
const QEMU_OEM = { oemId: "BOCHS ", oemTableId: "BXPC    ", aslCompilerId: "BXPC", aslCompilerRevision: 1 };

export function sratJson(spec: SratSpec): unknown {
  return {
    header: { signature: "SRAT", revision: spec.revision, ...QEMU_OEM, oemRevision: spec.via === "initrd" ? 2 : 1 },
    tableRevision: 1,
    reserved: "0x0",
    subtables: [
      ...spec.cpus.map((c) => {
        const flags = c.enabled === false ? 0 : 1;
        return c.x2apic
          ? { kind: "x2apicAffinity", proximityDomain: c.pxm, apicId: c.apic, flags, clockDomain: 0 }
          : { kind: "cpuAffinity", proximityDomainLo: c.pxm & 0xff, apicId: c.apic, flags, localSapicEid: 0, proximityDomainHi: c.pxm >>> 8, clockDomain: 0 };
      }),
      ...spec.memory.map((m) => ({
        kind: "memoryAffinity",
        proximityDomain: m.pxm,
        baseAddress: m.base,
        addressLength: m.length,
        flags: (m.enabled === false ? 0 : 1) | (m.hotpluggable ? 2 : 0) | (m.nonVolatile ? 4 : 0),
      })),
    ],
  };
}
