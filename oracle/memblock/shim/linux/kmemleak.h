/* SPDX-License-Identifier: GPL-2.0-only */
/* memsim oracle: kmemleak does nothing; dump_stack() names its caller. */
#ifndef MEMSIM_LINUX_KMEMLEAK_H
#define MEMSIM_LINUX_KMEMLEAK_H
#include <linux/types.h>
#include "memsim_hooks.h"

static inline void kmemleak_free_part_phys(phys_addr_t phys, size_t size) {}
static inline void kmemleak_alloc_phys(phys_addr_t phys, size_t size, gfp_t gfp) {}
#define dump_stack() memsim_dump_stack(__func__)
#endif
