/* SPDX-License-Identifier: GPL-2.0-only */
/* memsim oracle: panic() prints the kernel's one line and stops the script. */
#ifndef MEMSIM_LINUX_PANIC_H
#define MEMSIM_LINUX_PANIC_H
#include "memsim_hooks.h"
#define panic memsim_panic
#endif
