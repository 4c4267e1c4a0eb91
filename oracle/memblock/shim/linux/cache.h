/* SPDX-License-Identifier: GPL-2.0-only */
/* memsim oracle: x86-64's 64-byte cache line (the tools default is 32). */
#ifndef MEMSIM_LINUX_CACHE_H
#define MEMSIM_LINUX_CACHE_H
#define L1_CACHE_SHIFT 6
#define L1_CACHE_BYTES (1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES L1_CACHE_BYTES
#endif
