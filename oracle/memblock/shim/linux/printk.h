/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memsim oracle: printk with the kernel's vsprintf extensions that memblock
 * uses (%pa, %pap, and "0x0" for %#x of zero), one line per call, no log
 * levels, no timestamps.
 */
#ifndef MEMSIM_LINUX_PRINTK_H
#define MEMSIM_LINUX_PRINTK_H
#include <stdio.h>
#include <asm/bug.h>
#include "memsim_hooks.h"

#define printk memsim_printk
#define pr_info memsim_printk
#define pr_debug memsim_printk
#define pr_cont memsim_printk
#define pr_err memsim_printk
#define pr_warn memsim_printk
#define pr_warn_ratelimited memsim_printk
#endif
