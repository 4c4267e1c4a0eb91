/**
 * How Linux reads the SLIT (acpi_parse_slit): a table whose diagonal is not
 * all LOCAL_DISTANCE, or with an off-diagonal distance not above it, is
 * dropped with one message; otherwise every pair of localities that both map
 * to a node sets that pair's distance.
 */
import type { SlitTable } from "./slit.js";
import { slitDistance } from "./slit.js";

export const LOCAL_DISTANCE = 10;

/** As printed (the ACPI NUMA code's "ACPI: " prefix included) when the table is dropped. */
export const SLIT_INVALID_MESSAGE = "ACPI: SLIT table looks invalid. Not used.";

/** slit_valid. */
export function slitValid(slit: SlitTable): boolean {
  const n = slit.localityCount;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = slitDistance(slit, i, j);
      if (i === j ? d !== LOCAL_DISTANCE : d <= LOCAL_DISTANCE) return false;
    }
  }
  return true;
}

/** The numa_set_distance calls a valid SLIT makes, in the kernel's order: [from node, to node, distance]. */
export function slitNodeDistances(slit: SlitTable, pxmToNode: ReadonlyMap<number, number>): [number, number, number][] {
  const out: [number, number, number][] = [];
  const n = slit.localityCount;
  for (let i = 0; i < n; i++) {
    const from = pxmToNode.get(i);
    if (from === undefined) continue;
    for (let j = 0; j < n; j++) {
      const to = pxmToNode.get(j);
      if (to !== undefined) out.push([from, to, slitDistance(slit, i, j)]);
    }
  }
  return out;
}
