/**
 * A boot's lines as the console shows them: every event whose printk level
 * passes console_loglevel (loglevel=, debug, quiet), in kernel order.
 */
import type { BootResult } from "./types.js";

const KERN_DEFAULT = 6;

export function consoleLines(result: BootResult): string[] {
  const max = result.params.consoleLoglevel;
  return result.events.filter((e) => (e.level ?? KERN_DEFAULT) < max).map((e) => e.line);
}
