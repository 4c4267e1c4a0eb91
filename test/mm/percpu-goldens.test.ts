// setup_per_cpu_areas' memblock requests and lines against every recorded boot (memblock=debug shows
// each request with its size, alignment, node and call site). Addresses depend on the whole boot, so
// a freed range is compared by its size here; the boot replay test checks where things land.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { KernelEvent } from "../../src/events.js";
import type { MemblockAllocator } from "../../src/mm/memblock-port.js";
import { setupPerCpuAreas } from "../../src/mm/percpu.js";
import { vsprintf } from "../../src/printk/vsprintf.js";
import { profiles } from "../../src/profiles/index.js";
import { stripLogPrefix } from "../../src/readers/log-prefix.js";

const ROOT = "test/goldens/boot";

/** A memblock that only prints what it is asked, handing out addresses downwards. */
function recorder(lines: string[]): MemblockAllocator {
  let top = 1n << 40n;
  return {
    allocTryNid(_f, size, align, min, max, nid, caller) {
      lines.push(
        vsprintf("memblock_alloc_try_nid: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS", [size, align, nid, min, max, caller]),
      );
      top = ((top - size) / align) * align;
      return top;
    },
    physFree(base, size, caller) {
      lines.push(vsprintf("memblock_phys_free: [%pa-%pa] %pS", [base, base + size - 1n, caller]));
    },
  };
}

/** A freed range by its size: "[<size> bytes]". */
const bySize = (l: string): string =>
  l.replace(/\[0x([0-9a-f]+)-0x([0-9a-f]+)\]/, (_m, a: string, b: string) => `[${BigInt(`0x${b}`) - BigInt(`0x${a}`) + 1n} bytes]`);

const WANTED = /^(memblock_alloc_try_nid|memblock_phys_free|percpu:|pcpu-alloc|setup_percpu)/;

for (const scenario of existsSync(ROOT) ? readdirSync(ROOT).sort() : []) {
  for (const kernel of ["6.1", "6.12"] as const) {
    const dir = join(ROOT, scenario, kernel);
    if (!existsSync(join(dir, "serial.log"))) continue;
    const lines = readFileSync(join(dir, "serial.log"), "utf8").split("\n").map(stripLogPrefix);
    const first = lines.findIndex((l) => l.startsWith("setup_percpu:"));
    const cmd = lines.find((l) => l.startsWith("Command line:")) ?? "";
    // numa=fake assigns CPUs to emulated nodes; that mapping is the NUMA code's, tested with the boot
    if (first < 0 || cmd.includes("numa=fake")) continue;
    test(`percpu allocations match ${dir}`, () => {
      const last = lines.reduce((at, l, i) => (l.includes("alloc_bootmem_cpumask_var") ? i : at), -1);
      const expected = lines.slice(first, last + 1).filter((l) => WANTED.test(l) && !l.startsWith("memblock_reserve"));
      const scen = JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8")) as {
        cpus: number;
        numa?: { nodeid: number; cpus?: string }[];
        srat?: { cpus: { apic: number; pxm: number }[]; memory: { pxm: number }[] };
      };
      // 6.1 prints each CPU's node; 6.12 does not, so it is derived from the custom SRAT
      const printed = new Map<number, number>();
      for (const l of lines) {
        const m = /^SRAT: PXM \d+ -> APIC 0x([0-9a-f]+) -> Node (\d+)$/.exec(l);
        if (m) printed.set(Number.parseInt(m[1]!, 16), Number(m[2]));
      }
      // acpi_map_pxm_to_node numbers proximity domains as it meets them, processor entries first
      const order = [...new Set([...(scen.srat?.cpus ?? []), ...(scen.srat?.memory ?? [])].map((x) => x.pxm))];
      const sratNode = (cpu: number): number | undefined => {
        if (printed.size) return printed.get(cpu);
        const pxm = scen.srat?.cpus.find((c) => c.apic === cpu)?.pxm;
        return pxm === undefined ? undefined : order.indexOf(pxm);
      };
      // numa=off, or an SRAT the kernel rejected: one dummy node holds every CPU
      const numaOff = cmd.includes("numa=off") || lines.includes("No NUMA configuration found");
      const cpuNodes = Array.from({ length: scen.cpus }, (_, cpu) => {
        if (numaOff) return 0;
        const fromSrat = sratNode(cpu);
        if (fromSrat !== undefined) return fromSrat;
        const n = scen.numa?.find((x) => x.cpus !== undefined && x.cpus.split(",").some((r) => {
          const [a, b] = r.split("-").map(Number);
          return cpu >= (a ?? 0) && cpu <= (b ?? a ?? 0);
        }));
        return n?.nodeid ?? 0;
      });
      const initmem = lines.filter((l) => l.startsWith("Initmem setup node")).length;
      const nodes = Math.max(1, initmem);
      const out: string[] = [];
      const emit = (e: KernelEvent): void => void out.push(e.line);
      const mb = recorder(out);
      setupPerCpuAreas(
        mb,
        {
          cpuNodes,
          onlineNodes: new Set(Array.from({ length: nodes }, (_, i) => i)),
          nrNodeIds: nodes,
        },
        profiles[kernel].mm.percpu,
        emit,
      );
      assert.deepEqual(out.map(bySize), expected.map(bySize));
    });
  }
}
