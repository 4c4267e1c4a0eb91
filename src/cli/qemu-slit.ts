/**
 * The SLIT QEMU builds from `-numa dist,src=S,dst=D,val=V` options, for the
 * goldens recorded with them (their guests' SLIT bytes were not dumped):
 * QEMU fills a pair given in one direction only with the same distance the
 * other way (unless some pair is asymmetric, which it then refuses), and the
 * local distances with 10; it names the table as it names all of its own.
 */
import { slitFromDistances, type SlitTable } from "../acpi/slit.js";
import { InputError } from "../errors.js";

const QEMU_IDENT = { revision: 1, oemId: "BOCHS ", oemTableId: "BXPC    ", oemRevision: 1, aslCompilerId: "BXPC", aslCompilerRevision: 1 };
const LOCAL = 10;

/** `nodes` NUMA nodes and the [src, dst, val] triples given; `source` names them in errors. */
export function slitFromQemuNumaDist(nodes: number, dists: readonly (readonly number[])[], source: string): SlitTable {
  const d = Array.from({ length: nodes }, () => new Array<number>(nodes).fill(0));
  for (const [src, dst, val] of dists) {
    if (src === undefined || dst === undefined || val === undefined || !(src >= 0 && src < nodes && dst >= 0 && dst < nodes)) {
      throw new InputError(`${source}: numa dist ${JSON.stringify([src, dst, val])} does not name two of the ${nodes} nodes`);
    }
    if (val < LOCAL || (src === dst && val !== LOCAL)) throw new InputError(`${source}: numa dist ${src}->${dst} = ${val} is not a distance QEMU accepts`);
    d[src]![dst] = val;
  }
  const asymmetric = d.some((row, i) => row.some((v, j) => v !== 0 && d[j]![i] !== 0 && d[j]![i] !== v));
  for (let i = 0; i < nodes; i++) {
    for (let j = 0; j < nodes; j++) {
      if (d[i]![j] !== 0) continue;
      if (i === j) d[i]![j] = LOCAL;
      else if (d[j]![i] !== 0 && !asymmetric) d[i]![j] = d[j]![i]!;
      else throw new InputError(`${source}: the distance from node ${i} to node ${j} is missing`);
    }
  }
  return slitFromDistances(d, QEMU_IDENT, source);
}
