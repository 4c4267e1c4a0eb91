// SPDX-License-Identifier: GPL-2.0-only
/*
 * memsim oracle: the kernel's own mm/memblock.c (copied into the build
 * directory at oracle time, never committed) plus the two things the driver
 * needs from inside it: going back to the static boot state, and the dump
 * that memblock_dump_all() prints only under memblock=debug.
 */
#include "memblock.c"
#include "glue.h"

static struct memblock boot_memblock;
static struct memblock_region boot_memory[INIT_MEMBLOCK_MEMORY_REGIONS];
static struct memblock_region boot_reserved[INIT_MEMBLOCK_RESERVED_REGIONS];

void memsim_save_boot_state(void)
{
	boot_memblock = memblock;
	memcpy(boot_memory, memblock_memory_init_regions, sizeof(boot_memory));
	memcpy(boot_reserved, memblock_reserved_init_regions, sizeof(boot_reserved));
}

void memsim_reset(void)
{
	memblock = boot_memblock;
	memcpy(memblock_memory_init_regions, boot_memory, sizeof(boot_memory));
	memcpy(memblock_reserved_init_regions, boot_reserved, sizeof(boot_reserved));
	system_has_some_mirror = false;
	movable_node_enabled = false;
}

void memsim_dump(void)
{
	__memblock_dump_all();
}

/* Defined by the kernel's mm/memory_hotplug.c; the tools tests define it too. */
bool movable_node_enabled;
