/**
 * The predicted kernel log: every line in the kernel's order, as the console
 * shows them without timestamps. Lines above the console log level stay out,
 * as they would on a real console (memblock=debug lines are KERN_INFO).
 */
import type { KernelEvent } from "../events.js";

export function renderDmesg(events: readonly KernelEvent[], consoleLoglevel = 15): string {
  return events
    .filter((e) => (e.level ?? 6) < consoleLoglevel)
    .map((e) => e.line + "\n")
    .join("");
}
