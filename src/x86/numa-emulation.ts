/**
 * numa=fake= (arch/x86/mm/numa_emulation.c, 6.12 mm/numa_emulation.c).
 * Not modelled yet: with numa=fake= the physical nodes are kept and the
 * kernel's emulated layout is not predicted.
 */
import type { BootContext } from "../boot/types.js";

export function numaEmulation(ctx: BootContext): void {
  void ctx;
}
