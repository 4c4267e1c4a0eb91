/**
 * initmem_init → x86_numa_init: the SRAT (x86_acpi_numa_init, read by
 * src/acpi's Linux walk) unless numa=off, else the dummy single node.
 */
import type { BootContext } from "../boot/types.js";
import { SLIT_INVALID_MESSAGE, slitNodeDistances, slitValid } from "../acpi/slit-linux.js";
import { SLIT_HEADER_SIZE } from "../acpi/slit.js";
import { parseSratLikeLinux } from "../acpi/srat-linux.js";
import { vsprintf } from "../printk/vsprintf.js";
import { dummyNumaInit, numaInit } from "./numa.js";
import { numaSetDistance } from "./numa-distance.js";
import { numaEmulation } from "./numa-emulation.js";

const KERN_WARNING = 4;
const KERN_INFO = 6;

/**
 * acpi_parse_slit: the machine's SLIT, its distances set for every pair of
 * PXMs mapped to nodes (the first set allocating the table), unless the
 * kernel finds it invalid. A SLIT only listed in a log has unknown entries:
 * they are taken as the defaults (10 local, 20 remote).
 */
function acpiParseSlit(ctx: BootContext): void {
  const slit = ctx.machine.slit;
  if (slit) {
    if (!slitValid(slit)) {
      ctx.emit({ phase: "srat", kind: "slit.invalid", level: KERN_INFO, line: SLIT_INVALID_MESSAGE });
      return;
    }
    for (const [from, to, d] of slitNodeDistances(slit, ctx.numa.pxmToNode)) numaSetDistance(ctx, from, to, d);
    return;
  }
  const listed = ctx.machine.acpiTables.find((t) => t.signature === "SLIT");
  if (!listed || ctx.numa.pxmToNode.size === 0) return;
  ctx.assumptions.push("the SLIT's distances are not known: 10 local, 20 remote");
  const count = Math.floor(Math.sqrt(Math.max(0, listed.length - SLIT_HEADER_SIZE)));
  for (let i = 0; i < count; i++) {
    const from = ctx.numa.pxmToNode.get(i);
    if (from === undefined) continue;
    for (let j = 0; j < count; j++) {
      const to = ctx.numa.pxmToNode.get(j);
      if (to !== undefined) numaSetDistance(ctx, from, to, from === to ? 10 : 20);
    }
  }
}

/** x86_acpi_numa_init: the SRAT's nodes into numa_meminfo, its hotplug ranges into memblock. */
function x86AcpiNumaInit(ctx: BootContext): number {
  const srat = ctx.machine.srat;
  if (!srat || ctx.params.numaNoAcpi) {
    // acpi_numa_init still reads the SLIT: no PXM has a node, but an invalid table is still reported
    acpiParseSlit(ctx);
    return -2;
  }
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
  acpiParseSlit(ctx);
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
