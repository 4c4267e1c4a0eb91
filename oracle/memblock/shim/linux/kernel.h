/* SPDX-License-Identifier: GPL-2.0-only */
/* memsim oracle: our BUG_ON must win over the tools' assert() fallback. */
#ifndef MEMSIM_LINUX_KERNEL_H
#define MEMSIM_LINUX_KERNEL_H
#include <asm/bug.h>
#include_next <linux/kernel.h>
#endif
