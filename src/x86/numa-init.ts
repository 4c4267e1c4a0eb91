/**
 * initmem_init → x86_numa_init: the SRAT (x86_acpi_numa_init, read by
 * src/acpi's Linux walk) unless numa=off, else the dummy single node.
 */
import type { BootContext } from "../boot/types.js";
import { parseSratLikeLinux } from "../acpi/srat-linux.js";
import { vsprintf } from "../printk/vsprintf.js";
import { dummyNumaInit, numaInit } from "./numa.js";
import { numaEmulation } from "./numa-emulation.js";

const KERN_WARNING = 4;

/** x86_acpi_numa_init: the SRAT's nodes into numa_meminfo, its hotplug ranges into memblock. */
function x86AcpiNumaInit(ctx: BootContext): number {
  const srat = ctx.machine.srat;
  if (!srat || ctx.params.numaNoAcpi) return -2;
  const res = parseSratLikeLinux(srat, ctx.profile.srat);
  for (const e of res.events) ctx.emit(e);
  ctx.numa.pxmToNode = new Map(res.pxmToNode);
  ctx.numa.nodesParsed = [...res.nodesParsed].sort((a, b) => a - b);
  // the walk already applied numa_add_memblk's rules (and printed its complaints)
  ctx.numa.meminfo = res.memblks.map((b) => ({ ...b }));
  for (const h of res.hotplugRanges) {
    if (ctx.memblock.markHotplug(h.start, h.size) !== 0) {
      ctx.emit({
        phase: "srat",
        kind: "srat.mark_hotplug_failed",
        level: KERN_WARNING,
        line: vsprintf("SRAT: Failed to mark hotplug range [mem %#010Lx-%#010Lx] in memblock", [h.start, h.start + h.size - 1n]),
      });
    }
  }
  if (!res.ok) return -22;
  ctx.numa.method = "acpi";
  return 0;
}

export function x86NumaInit(ctx: BootContext): void {
  if (!ctx.params.numaOff && numaInit(ctx, x86AcpiNumaInit, numaEmulation) === 0) return;
  ctx.numa.method = "dummy";
  numaInit(ctx, dummyNumaInit, numaEmulation);
}
