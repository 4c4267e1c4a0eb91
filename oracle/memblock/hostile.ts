// Hostile memblock op scripts: ranges around 0, 4G and 2^64, any node id,
// odd alignments, overlapping adds, resets ("stress"), and scripts that fill
// the region arrays ("full").
import { ANYWHERE, G, M, PAGE, Random, Script } from "./script-writer.js";

/** Addresses where things go wrong: zero, page edges, 4G, the top of 2^64. */
function pointFor(rnd: Random): bigint {
  const k = rnd.next();
  if (k < 0.3) return rnd.big(0n, 64n * M, rnd.pick([1n, 8n, PAGE]));
  if (k < 0.5) return rnd.big(4n * G - 64n * M, 4n * G + 64n * M, rnd.pick([8n, PAGE, M]));
  if (k < 0.65) return ANYWHERE - rnd.big(0n, 64n * M, rnd.pick([1n, PAGE]));
  if (k < 0.75) return rnd.pick([0n, 1n, PAGE - 1n, PAGE, PAGE + 1n, 1n << 63n, ANYWHERE]);
  const unit = rnd.pick([1n, PAGE, G]);
  return rnd.u64() & ~(unit - 1n);
}

function chaosSize(rnd: Random): bigint {
  const k = rnd.next();
  if (k < 0.05) return 0n;
  if (k < 0.1) return rnd.pick([1n, ANYWHERE, 1n << 63n]);
  if (k < 0.6) return rnd.big(1n, 16n * M, rnd.pick([1n, 8n, PAGE]));
  return rnd.big(16n * M, 64n * G, M);
}

function chaosNid(rnd: Random): number {
  const k = rnd.next();
  if (k < 0.25) return -1;
  if (k < 0.85) return rnd.int(0, 3);
  return rnd.pick([4, 1023, 1024, 1025, -2, 2147483647, -2147483648]);
}

/**
 * A hostile script for `seed`: every op kind on ranges around 0, 4G and 2^64,
 * overlapping adds with other nodes and flags, any node id, odd alignments,
 * resets in between. Budgets still keep most runs clear of a full array.
 */
export function generateStress(seed: number): string {
  const rnd = new Random(seed ^ 0x5eed5eed);
  const s = new Script(rnd);
  const range = (): string => `${s.n(pointFor(rnd))} ${s.n(chaosSize(rnd))}`;
  for (let i = rnd.int(40, 120); i > 0; i--) {
    const k = rnd.next();
    const nid = chaosNid(rnd);
    const exact = rnd.chance(0.3) ? " exact" : "";
    const limit = (): string => s.n(rnd.pick([0n, 1n, ANYWHERE, pointFor(rnd)]));
    const align = (): string => s.n(rnd.chance(0.1) ? rnd.big(0n, 1n << 20n) : rnd.pick([0n, 1n, 8n, 64n, PAGE, 2n * M, G, 1n << 63n]));
    if (k < 0.2 && s.memoryBudget > 1) {
      s.op(rnd.chance(0.3) ? `add ${range()}` : `add ${range()} ${nid}`);
      s.memoryBudget--;
    } else if (k < 0.3 && s.memoryBudget > 2) {
      const op = rnd.pick(["remove", "mark_hotplug", "clear_hotplug", "mark_mirror", "mark_nomap", "clear_nomap", "set_node"]);
      s.op(`${op} ${range()}${op === "set_node" ? ` ${nid}` : ""}`);
      s.memoryBudget -= 2;
    } else if (k < 0.4 && s.reservedBudget > 2) {
      s.op(`${rnd.pick(["reserve", "free"])} ${range()}`);
      s.reservedBudget -= 2;
    } else if (k < 0.7 && s.reservedBudget > 1) {
      const which = rnd.next();
      const size = s.n(chaosSize(rnd));
      if (which < 0.5) s.op(`alloc ${size} ${align()} ${s.n(rnd.chance(0.5) ? 0n : pointFor(rnd))} ${limit()} ${nid}${exact}`);
      else if (which < 0.8) s.op(`alloc_try_nid ${size} ${align()} ${s.n(pointFor(rnd))} ${limit()} ${nid}`);
      else s.op(`phys_alloc_range ${size} ${align()} ${s.n(rnd.chance(0.5) ? 0n : pointFor(rnd))} ${limit()}`);
      s.reservedBudget--;
    } else if (k < 0.76) s.op(`current_limit ${rnd.chance(0.3) ? "max" : limit()}`);
    else if (k < 0.8) s.op(`bottom_up ${rnd.chance(0.5) ? "on" : "off"}`);
    else if (k < 0.84) s.op(`movable_node ${rnd.chance(0.5) ? "on" : "off"}`);
    else if (k < 0.87) s.op(`trim_memory ${align()}`);
    else if (k < 0.9) s.op(`${rnd.pick(["enforce_memory_limit", "mem_limit_remove_map"])} ${s.n(chaosSize(rnd))}`);
    else if (k < 0.92) s.op(`cap_memory_range ${range()}`);
    else if (k < 0.97) s.op("dump");
    else {
      s.op("reset");
      s.memoryBudget = s.reservedBudget = 110;
    }
  }
  s.op("dump");
  return s.text();
}

/**
 * A script that fills the region arrays: small scattered adds and
 * reservations on a few nodes, flag marks, allocations (mirror, exact,
 * bottom-up) and frees, so the full-array paths run again and again.
 */
export function generateFull(seed: number): string {
  const rnd = new Random(seed ^ 0xf011f011);
  const s = new Script(rnd);
  const small = (): string => `${s.n(rnd.big(0n, 4n * G, PAGE))} ${s.n(rnd.big(PAGE, 8n * M, PAGE))}`;
  for (let i = rnd.int(200, 500); i > 0; i--) {
    const k = rnd.next();
    const nid = rnd.chance(0.1) ? -1 : rnd.int(0, 3);
    if (k < 0.35) s.op(rnd.chance(0.8) ? `add ${small()} ${nid}` : `add ${small()}`);
    else if (k < 0.6) s.op(`${rnd.chance(0.8) ? "reserve" : "free"} ${small()}`);
    else if (k < 0.7) {
      const op = rnd.pick(["mark_hotplug", "clear_hotplug", "mark_mirror", "mark_nomap", "clear_nomap", "set_node", "remove"]);
      s.op(`${op} ${small()}${op === "set_node" ? ` ${nid}` : ""}`);
    } else if (k < 0.9) {
      const exact = rnd.chance(0.3) ? " exact" : "";
      const size = s.n(rnd.big(8n, 2n * M, 8n));
      if (rnd.chance(0.6)) s.op(`alloc ${size} ${s.n(rnd.pick([8n, PAGE, 2n * M]))} 0 ${s.n(rnd.pick([0n, ANYWHERE, 2n * G]))} ${nid}${exact}`);
      else s.op(`alloc_try_nid ${size} ${s.n(PAGE)} ${s.n(rnd.big(0n, 4n * G, M))} 0 ${nid}`);
    } else if (k < 0.93) s.op(`bottom_up ${rnd.chance(0.5) ? "on" : "off"}`);
    else if (k < 0.96) s.op(`movable_node ${rnd.chance(0.5) ? "on" : "off"}`);
    else if (k < 0.99) s.op(`current_limit ${rnd.chance(0.5) ? "max" : s.n(rnd.big(G, 4n * G, M))}`);
    else if (k < 0.993) s.op("dump");
    else s.op(`${rnd.pick(["enforce_memory_limit", "mem_limit_remove_map"])} ${s.n(rnd.big(G, 4n * G, M))}`);
  }
  s.op("dump");
  return s.text();
}
