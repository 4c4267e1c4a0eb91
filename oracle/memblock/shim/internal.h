/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memsim oracle: stands in for mm/internal.h. Mirror mode is on, as with
 * kernelcore=mirror.
 */
#ifndef MEMSIM_MM_INTERNAL_H
#define MEMSIM_MM_INTERNAL_H
#include "memsim_hooks.h"

bool mirrored_kernelcore = true;

struct page {};

void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order) {}

static inline void accept_memory(phys_addr_t start, unsigned long size) {}

#ifdef MEMSIM_NOTE_DOUBLE_ARRAY
/*
 * Kernels whose memblock_double_array() returns -1 when resizing is not
 * allowed: every read of the resize switch happens right before that failure,
 * so reading it through this accessor prints the note the runner defines.
 */
static int memsim_resize_allowed;
static int *memsim_can_resize(void)
{
	if (!memsim_resize_allowed)
		memsim_printk("note: memblock region array full, memblock_double_array() fails (resizing not allowed)\n");
	return &memsim_resize_allowed;
}
#define memblock_can_resize (*memsim_can_resize())
#endif
#endif
