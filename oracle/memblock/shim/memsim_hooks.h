/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memsim oracle: how the kernel's diagnostics surface in the driver's output.
 * Every message is one line on stdout, in the formats memsim's script runner
 * defines (issue 2, section 3). Implemented in hooks.c.
 */
#ifndef MEMSIM_HOOKS_H
#define MEMSIM_HOOKS_H

#include <stdbool.h>

void memsim_printk(const char *fmt, ...);
void memsim_warn(const char *func, const char *fmt, ...);
void memsim_dump_stack(const char *func);
void memsim_bug(const char *func, const char *cond) __attribute__((noreturn));
void memsim_panic(const char *fmt, ...) __attribute__((noreturn));

#endif
