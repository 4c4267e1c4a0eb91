import type { OnlineType } from "./types.js";

/** What differs between the kernel builds at run time (drivers/base/memory.c, mm/memory_hotplug.c). */
export interface HotplugProfile {
  /**
   * auto_online_blocks when memhp_default_state= is absent: 6.1 from
   * CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE (not set in Debian: offline),
   * 6.12 from CONFIG_MHP_DEFAULT_ONLINE_TYPE_* (Debian: ONLINE_AUTO, i.e. online).
   */
  defaultOnlineType: OnlineType;
  /**
   * How the ACPI driver asks for memmap_on_memory: 6.1 only when a range is
   * exactly one memory block (and the request then sticks for the device's later
   * ranges); 6.12 for every range, each block getting its own vmemmap.
   */
  memmapOnMemory: "single-block" | "per-block";
  /** memory_hotplug.memmap_on_memory= accepts `force` (6.12). */
  memmapOnMemoryForce: boolean;
  /** /sys/devices/system/memory/crash_hotplug exists (CONFIG_CRASH_HOTPLUG, 6.12). */
  crashHotplugFile: boolean;
  /**
   * When offlining empties a node: 6.12 clears the node's memory state before
   * rebuilding the zonelists (the node leaves the fallback lists at once), 6.1 after.
   */
  clearNodeStateBeforeZonelists: boolean;
}
