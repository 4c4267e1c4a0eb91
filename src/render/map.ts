/**
 * The terminal memory map: one bar per node over the node's physical span,
 * each cell showing the zone its memory went to, with rows marking the
 * firmware's hotpluggable ranges and the boot's allocations, then the
 * verdict per node. Letters carry the meaning, so the map reads the same
 * without colour (not a TTY, NO_COLOR); colour only helps.
 */
import pc from "picocolors";
import type { BootResult } from "../boot/types.js";
import { ZONE_DMA, ZONE_DMA32, ZONE_MOVABLE, ZONE_NORMAL } from "../mm/zone.js";
import { nodeVerdicts } from "./verdict.js";

export interface MapOptions {
  /** Cells per bar. */
  width?: number;
  color?: boolean;
}

interface Range {
  start: bigint;
  end: bigint;
}

const ZONE_CELL: Record<number, string> = { [ZONE_DMA]: "D", [ZONE_DMA32]: "3", [ZONE_NORMAL]: "N", [ZONE_MOVABLE]: "M" };
const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;
const addr = (x: bigint): string => `0x${x.toString(16).padStart(16, "0")}`;

/** Which mark a cell of the allocation row gets: the most telling allocation in it. */
function allocationMark(result: BootResult, cell: Range): string {
  const k = result.kernelImage;
  if (overlaps(cell, { start: k.start, end: k.brkEnd })) return "K";
  if (result.nodeData.some((n) => overlaps(cell, n))) return "P";
  if (result.placements.some((p) => p.what.startsWith("memmap") && overlaps(cell, p))) return "m";
  if (result.memblock.reserved.some((r) => overlaps(cell, { start: r.base, end: r.base + r.size }))) return "r";
  return " ";
}

export function renderMap(result: BootResult, opts: MapOptions = {}): string {
  const width = BigInt(Math.max(1, Math.floor(opts.width ?? 64)));
  const c = pc.createColors(opts.color ?? false);
  const paint: Record<string, (s: string) => string> = {
    D: (s) => c.bgMagenta(c.black(s)),
    "3": (s) => c.bgBlue(c.white(s)),
    N: (s) => c.bgCyan(c.black(s)),
    M: (s) => c.bgGreen(c.black(s)),
    ".": (s) => c.dim(s),
    "^": (s) => c.yellow(s),
    K: (s) => c.red(c.bold(s)),
    P: (s) => c.red(s),
    m: (s) => c.magenta(s),
    r: (s) => c.gray(s),
  };
  const colour = (row: string): string =>
    opts.color ? row.replace(/(.)\1*/g, (run, ch: string) => (paint[ch] ?? ((s: string) => s))(run)) : row;
  const zones = result.mm.zones;
  const out: string[] = [];
  const cmdline = result.params.cmdline;
  out.push(c.bold(`Linux ${result.kernel}`) + (cmdline ? `, command line: ${cmdline}` : ""));
  out.push("");
  const hotplug = result.events
    .filter((e) => e.kind === "srat.memory" && e.data?.hotpluggable)
    .map((e) => ({ start: e.data?.start as bigint, end: e.data?.end as bigint }));
  for (const node of zones?.nodes ?? []) {
    const head = `Node ${node.nid}`;
    if (!node.hasMemory || node.end <= node.start) {
      out.push(`${c.bold(head)}  no memory`);
      continue;
    }
    const span = { start: node.start << 12n, end: node.end << 12n };
    const present = node.present << 12n;
    out.push(`${c.bold(head)}  [mem ${addr(span.start)}-${addr(span.end - 1n)}]  ${present >> 20n} MiB present`);
    const memory = result.memblock.memory.filter((r) => r.nid === node.nid).map((r) => ({ start: r.base, end: r.base + r.size }));
    const zoneCells: string[] = [];
    let plugRow = "";
    let allocRow = "";
    const size = span.end - span.start;
    const cellOf = (a: bigint): number => Number(((a - span.start) * width) / size);
    const zoneAt = (a: bigint): string => {
      const pfn = a >> 12n;
      const z = node.zones.find((zz) => zz.present > 0n && zz.start <= pfn && pfn < zz.start + zz.spanned);
      return z ? (ZONE_CELL[z.zone] ?? "?") : ".";
    };
    for (let i = 0n; i < width; i++) {
      const cell = { start: span.start + (size * i) / width, end: span.start + (size * (i + 1n)) / width };
      // a cell shows the zone of the first memory in it
      const first = memory.filter((m) => overlaps(m, cell)).map((m) => (m.start > cell.start ? m.start : cell.start));
      zoneCells.push(first.length ? zoneAt(first.reduce((a, b) => (a < b ? a : b))) : ".");
      plugRow += hotplug.some((h) => overlaps(h, cell)) ? "^" : " ";
      allocRow += allocationMark(result, cell);
    }
    // a zone too small for a cell of its own still shows, in the cell where it starts
    for (const z of node.zones) {
      const mark = ZONE_CELL[z.zone];
      if (z.present === 0n || !mark || zoneCells.includes(mark)) continue;
      const at = cellOf(z.start << 12n);
      if (at >= 0 && at < zoneCells.length) zoneCells[at] = mark;
    }
    out.push(`  zones     ${colour(zoneCells.join(""))}`);
    if (plugRow.trim()) out.push(`  hotplug   ${colour(plugRow)}`);
    if (allocRow.trim()) out.push(`  boot mem  ${colour(allocRow)}`);
  }
  out.push("");
  out.push(
    `Legend: ${colour("D")} DMA  ${colour("3")} DMA32  ${colour("N")} Normal  ${colour("M")} Movable  ${colour(".")} no memory  ` +
      `${colour("^")} hotpluggable (SRAT)  ${colour("K")} kernel image  ${colour("P")} NODE_DATA  ${colour("m")} memmap  ${colour("r")} other boot allocation`,
  );
  out.push("");
  for (const v of nodeVerdicts(result)) {
    const tag = v.removable ? c.green("hot-removable") : c.red("not hot-removable");
    out.push(`${c.bold(`Node ${v.nid}`)}: ${tag}`);
    for (const r of v.reasons) out.push(`  - ${r}`);
  }
  return out.join("\n") + "\n";
}
