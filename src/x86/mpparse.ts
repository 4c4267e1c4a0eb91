/**
 * arch/x86/kernel/mpparse.c reserves the MP config table the floating
 * pointer names; its size is not in the boot log. This is the layout
 * SeaBIOS (QEMU's firmware, src/fw/mptable.c) writes right after the
 * floating pointer: the 44-byte header, a 20-byte entry per possible CPU,
 * the PCI and ISA buses, one I/O APIC, the 12 ISA interrupts it does not
 * leave to PCI, and the two local interrupts (8 bytes each).
 */
import type { BootContext } from "../boot/types.js";

const HEADER = 44n;
const CPU_ENTRY = 20n;
const SMALL_ENTRY = 8n;
/** 2 buses + 1 I/O APIC + 12 ISA interrupts + 2 local interrupts. */
const FIXED_SMALL_ENTRIES = 17n;

export function mpcTableSize(ctx: BootContext): bigint {
  const cpus = BigInt(ctx.machine.cpus?.possible ?? 1);
  ctx.assumptions.push("the MP config table is sized as SeaBIOS lays it out (the log names only its floating pointer)");
  return HEADER + CPU_ENTRY * cpus + SMALL_ENTRY * FIXED_SMALL_ENTRIES;
}
