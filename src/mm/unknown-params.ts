/**
 * Which command-line words start_kernel hands to init as "unknown"
 * (init/main.c unknown_bootoption): words no kernel parameter claims, those
 * without a value first (init's arguments), then those with one (its
 * environment); dotted words are module parameters and never unknown; the
 * words after "--" are init's own arguments.
 */

/** Parameters of the Debian kernels that memsim's users are likely to write (all others count as unknown). */
const KNOWN = new Set([
  "acpi", "acpi_no_memhotplug", "add_efi_memmap", "amd_iommu", "apic", "audit", "cma", "console", "crashkernel",
  "debug", "default_hugepagesz", "earlycon", "earlyprintk", "edd", "efi", "elevator", "hashdist", "hugepages",
  "hugepagesz", "idle", "ignore_loglevel", "init", "init_on_alloc", "init_on_free", "initrd", "intel_iommu",
  "iommu", "isolcpus", "kernelcore", "log_buf_len", "loglevel", "maxcpus", "mem", "memblock", "memhp_default_state",
  "memmap", "memtest", "mitigations", "movable_node", "movablecore", "nmi_watchdog", "noapic", "nohz_full",
  "nomodeset", "nopti", "noresume", "nosmp", "nowatchdog", "nox2apic", "nr_cpus", "numa", "numa_balancing",
  "page_poison", "panic", "pci", "pcie_aspm", "possible_cpus", "quiet", "rcu_nocbs", "rdinit", "resume", "ro",
  "root", "rootfstype", "rootwait", "rw", "security", "selinux", "slub_debug", "splash", "swiotlb",
  "sysrq_always_enabled", "transparent_hugepage", "tsc", "vga",
]);

export function unknownBootOptions(cmdline: string): string[] {
  const words = cmdline.split(/\s+/).filter(Boolean);
  const dashes = words.indexOf("--");
  const before = dashes < 0 ? words : words.slice(0, dashes);
  const args: string[] = [];
  const env: string[] = [];
  for (const w of before) {
    const eq = w.indexOf("=");
    const name = (eq < 0 ? w : w.slice(0, eq)).replace(/-/g, "_");
    if (KNOWN.has(name) || name.includes(".")) continue;
    (eq < 0 ? args : env).push(w);
  }
  return [...args, ...(dashes < 0 ? [] : words.slice(dashes + 1)), ...env];
}
