/**
 * initmem_init → x86_numa_init: the SRAT (x86_acpi_numa_init, read by
 * src/acpi's Linux walk) unless numa=off, else the dummy single node.
 */
import type { BootContext } from "../boot/types.js";
import { parseSratLikeLinux } from "../acpi/srat-linux.js";
import { vsprintf } from "../printk/vsprintf.js";
import { dummyNumaInit, numaInit } from "./numa.js";
import { numaSetDistance } from "./numa-distance.js";
import { numaEmulation } from "./numa-emulation.js";

const KERN_WARNING = 4;

/** SLIT header (36) + locality count (8): the rest is count x count one-byte distances. */
const SLIT_HEADER = 44;

/**
 * acpi_numa_slit_init: every pair of mapped PXMs sets a distance, the first
 * one allocating the table. A log lists the SLIT but not its entries, so
 * the values are the defaults (10 local, 20 remote).
 */
function acpiNumaSlitInit(ctx: BootContext): void {
  const slit = ctx.machine.acpiTables.find((t) => t.signature === "SLIT");
  if (!slit) return;
  const count = Math.floor(Math.sqrt(Math.max(0, slit.length - SLIT_HEADER)));
  ctx.assumptions.push("the SLIT's distances are not known: 10 local, 20 remote");
  for (let i = 0; i < count; i++) {
    const from = ctx.numa.pxmToNode.get(i);
    if (from === undefined) continue;
    for (let j = 0; j < count; j++) {
      const to = ctx.numa.pxmToNode.get(j);
      if (to === undefined) continue;
      numaSetDistance(ctx, from, to, from === to ? 10 : 20);
    }
  }
}

/** x86_acpi_numa_init: the SRAT's nodes into numa_meminfo, its hotplug ranges into memblock. */
function x86AcpiNumaInit(ctx: BootContext): number {
  const srat = ctx.machine.srat;
  if (!srat || ctx.params.numaNoAcpi) return -2;
  const res = parseSratLikeLinux(srat, ctx.profile.srat);
  for (const e of res.events) ctx.emit(e);
  ctx.numa.pxmToNode = new Map(res.pxmToNode);
  if (res.maxPossiblePfn > ctx.maxPossiblePfn) ctx.maxPossiblePfn = res.maxPossiblePfn;
  ctx.numa.apicToNode = new Map(res.cpus.filter((c) => c.node >= 0).map((c) => [c.apicId, c.node]));
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
  acpiNumaSlitInit(ctx);
  if (!res.ok) return -22;
  ctx.numa.method = "acpi";
  return 0;
}

export function x86NumaInit(ctx: BootContext): void {
  if (!ctx.params.numaOff && numaInit(ctx, x86AcpiNumaInit, numaEmulation) === 0) return;
  ctx.numa.method = "dummy";
  numaInit(ctx, dummyNumaInit, numaEmulation);
}

/**
 * init_cpu_to_node (after paging_init): every possible CPU's node comes
 * online, so CPU-only nodes count in the zonelists. The machine gives the
 * number of possible CPUs; their APIC IDs are taken as 0..N-1 (QEMU's
 * one-thread sockets).
 */
export function initCpuToNode(ctx: BootContext): void {
  const possible = ctx.machine.cpus?.possible ?? 1;
  if (ctx.numa.apicToNode.size > 0) ctx.assumptions.push("CPU n has APIC ID n (QEMU's one-thread sockets)");
  for (let apic = 0; apic < possible; apic++) {
    const node = ctx.numa.apicToNode.get(apic);
    if (node === undefined || ctx.numa.online.includes(node)) continue;
    ctx.numa.online.push(node);
  }
  ctx.numa.online.sort((a, b) => a - b);
}
