/**
 * The end of setup_arch, after paging_init: the small memblock allocations
 * of acpi_boot_init (HPET resource), io_apic_init_mappings, the e820
 * resources (e820__reserve_resources, firmware_map_add_early), the
 * hibernation nosave regions, and the PCI gap (arch/x86/kernel/e820.c).
 */
import type { BootContext } from "../boot/types.js";
import { E820Type } from "../machine.js";
import { memblockAlloc, SMP_CACHE_BYTES } from "../mm/memblock-port.js";
import { vsprintf } from "../printk/vsprintf.js";

/** sizeof(struct resource). */
const RESOURCE_BYTES = 64n;
/** acpi_parse_hpet: a resource and its name, "HPET %u". */
const HPET_RESOURCE_NAME_SIZE = 9n;
/** ioapic_setup_resources: a resource and its name, "IOAPIC %u", per I/O APIC. */
const IOAPIC_RESOURCE_NAME_SIZE = 11n;
/** sizeof(struct firmware_map_entry), sizeof(struct nosave_region). */
const FIRMWARE_MAP_ENTRY_BYTES = 104n;
const NOSAVE_REGION_BYTES = 32n;
const MAX_GAP_END = 1n << 32n;
const MIN_PCI_GAP = 0x400000n;
const KERN_ERR = 3;
const KERN_INFO = 6;

/** register_nosave_region: extends the last region when contiguous, else allocates one; prints the new piece. */
function registerNosaveRegion(ctx: BootContext, regions: { start: bigint; end: bigint }[], start: bigint, end: bigint): void {
  if (start >= end) return;
  const last = regions[regions.length - 1];
  if (last && last.end === start) {
    last.end = end;
  } else {
    memblockAlloc(ctx.memblock, NOSAVE_REGION_BYTES, SMP_CACHE_BYTES, ctx.profile.x86.callers.registerNosaveRegion);
    regions.push({ start, end });
  }
  ctx.emit({
    phase: "e820",
    kind: "e820.nosave",
    level: KERN_INFO,
    line: vsprintf("PM: hibernation: Registered nosave memory: [mem %#010llx-%#010llx]", [start << 12n, (end << 12n) - 1n]),
  });
}

/** e820__register_nosave_regions(max_pfn): the holes between RAM entries, and what lies above the last. */
function registerNosaveRegions(ctx: BootContext): void {
  const regions: { start: bigint; end: bigint }[] = [];
  let last = 0n;
  for (const e of ctx.e820) {
    if (e.type !== E820Type.RAM && e.type !== E820Type.RESERVED_KERN) continue;
    if (last < e.addr) registerNosaveRegion(ctx, regions, last >> 12n, (e.addr + 4095n) >> 12n);
    last = e.addr + e.size;
  }
  registerNosaveRegion(ctx, regions, last >> 12n, ctx.maxPfn);
}

/** e820__setup_pci_gap: the largest gap below 4 GiB (at least 4 MiB), scanning the table downwards. */
function setupPciGap(ctx: BootContext): void {
  let gapSize = MIN_PCI_GAP;
  let gapStart = 0n;
  let found = false;
  let last = MAX_GAP_END;
  for (let i = ctx.e820.length - 1; i >= 0; i--) {
    const e = ctx.e820[i]!;
    const end = e.addr + e.size;
    if (last > end && last - end >= gapSize) {
      gapSize = last - end;
      gapStart = end;
      found = true;
    }
    if (e.addr < last) last = e.addr;
  }
  if (!found) {
    gapStart = (ctx.maxPfn << 12n) + (1n << 20n);
    ctx.emit({ phase: "e820", kind: "e820.no_pci_gap", level: KERN_ERR, line: "Cannot find an available gap in the 32-bit address range" });
    ctx.emit({ phase: "e820", kind: "e820.no_pci_gap", level: KERN_ERR, line: "PCI devices with unassigned 32-bit BARs may not work!" });
  }
  ctx.emit({
    phase: "e820",
    kind: "e820.pci_gap",
    level: KERN_INFO,
    line: vsprintf("[mem %#010lx-%#010lx] available for PCI devices", [gapStart, gapStart + gapSize - 1n]),
  });
}

/**
 * acpi_boot_init's HPET resource, io_apic_init_mappings (one I/O APIC per
 * MADT, as QEMU builds it), e820__reserve_resources with a firmware map
 * entry per BIOS-e820 entry, the nosave regions, the PCI gap.
 */
export function setupArchTail(ctx: BootContext): void {
  const c = ctx.profile.x86.callers;
  const tables = new Set(ctx.machine.acpiTables.map((t) => t.signature));
  if (tables.has("HPET")) memblockAlloc(ctx.memblock, RESOURCE_BYTES + HPET_RESOURCE_NAME_SIZE, SMP_CACHE_BYTES, c.acpiParseHpet);
  if (tables.has("APIC")) ctx.assumptions.push("the MADT lists one I/O APIC, as QEMU's does");
  if (tables.has("APIC")) memblockAlloc(ctx.memblock, RESOURCE_BYTES + IOAPIC_RESOURCE_NAME_SIZE, SMP_CACHE_BYTES, c.ioApicInitMappings);
  memblockAlloc(ctx.memblock, RESOURCE_BYTES * BigInt(ctx.e820.length), SMP_CACHE_BYTES, c.e820ReserveResources);
  for (let i = 0; i < ctx.e820Firmware.length; i++) memblockAlloc(ctx.memblock, FIRMWARE_MAP_ENTRY_BYTES, SMP_CACHE_BYTES, c.firmwareMapAddEarly);
  registerNosaveRegions(ctx);
  setupPciGap(ctx);
}
