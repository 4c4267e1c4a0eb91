/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memsim oracle: the WARN/BUG family prints the condition as spelled in the
 * source (the # operator applied directly, so macros inside stay unexpanded)
 * and the enclosing function. Each *_ONCE site has its own static flag, which
 * `reset` never clears, like one boot.
 */
#ifndef MEMSIM_ASM_BUG_H
#define MEMSIM_ASM_BUG_H

#include "memsim_hooks.h"

#define WARN_ON(condition) ({						\
	int __memsim_c = !!(condition);					\
	if (__memsim_c)							\
		memsim_warn(__func__, "WARN_ON(%s)", #condition);	\
	__memsim_c;							\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __memsim_done;					\
	int __memsim_c = !!(condition);					\
	if (__memsim_c && !__memsim_done) {				\
		__memsim_done = true;					\
		memsim_warn(__func__, "WARN_ON_ONCE(%s)", #condition);	\
	}								\
	__memsim_c;							\
})

#define WARN(condition, format...) ({					\
	int __memsim_c = !!(condition);					\
	if (__memsim_c)							\
		memsim_warn(__func__, format);				\
	__memsim_c;							\
})

#define WARN_ONCE(condition, format...) ({				\
	static bool __memsim_done;					\
	int __memsim_c = !!(condition);					\
	if (__memsim_c && !__memsim_done) {				\
		__memsim_done = true;					\
		memsim_warn(__func__, format);				\
	}								\
	__memsim_c;							\
})

#define BUG_ON(condition) do {						\
	if (condition)							\
		memsim_bug(__func__, #condition);			\
} while (0)

#endif
