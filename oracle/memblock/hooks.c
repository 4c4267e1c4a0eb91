// SPDX-License-Identifier: GPL-2.0-only
/*
 * memsim oracle: the kernel's printk/WARN/BUG/panic as one-line messages on
 * stdout, in the formats memsim's memblock script runner defines.
 *
 * The formatter knows the vsprintf extensions memblock uses: %pa and %pap
 * print the phys_addr_t that the argument points to as 0x%016llx, and %#x of
 * zero is "0x0" (glibc would print "0"). Everything else goes to snprintf.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memsim_hooks.h"

static void emit(char *out, size_t *len, size_t cap, const char *s, size_t n)
{
	if (*len + n >= cap)
		n = cap - 1 - *len;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

static void kvsnprintf(char *out, size_t cap, const char *fmt, va_list ap)
{
	size_t len = 0;
	char spec[32], piece[128];

	out[0] = '\0';
	while (*fmt) {
		const char *pct = strchr(fmt, '%');

		if (!pct) {
			emit(out, &len, cap, fmt, strlen(fmt));
			break;
		}
		emit(out, &len, cap, fmt, (size_t)(pct - fmt));
		const char *p = pct + 1;
		bool alt = false;

		while (strchr("-+ #0", *p) && *p) {
			if (*p == '#')
				alt = true;
			p++;
		}
		while ((*p >= '0' && *p <= '9') || *p == '.')
			p++;
		int longs = 0;

		while (strchr("hlzt", *p) && *p) {
			if (*p == 'l' || *p == 'z' || *p == 't')
				longs++;
			p++;
		}
		char conv = *p++;
		size_t speclen = (size_t)(p - pct);

		if (speclen >= sizeof(spec))
			speclen = sizeof(spec) - 1;
		memcpy(spec, pct, speclen);
		spec[speclen] = '\0';

		switch (conv) {
		case '%':
			emit(out, &len, cap, "%", 1);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			snprintf(piece, sizeof(piece), spec, s);
			emit(out, &len, cap, piece, strlen(piece));
			break;
		}
		case 'p': {
			void *ptr = va_arg(ap, void *);

			if (*p == 'a') {
				p++;
				if (*p == 'p' || *p == 'd')
					p++;
				snprintf(piece, sizeof(piece), "0x%016llx",
					 (unsigned long long)*(uint64_t *)ptr);
			} else {
				while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
					p++;
				snprintf(piece, sizeof(piece), "%p", ptr);
			}
			emit(out, &len, cap, piece, strlen(piece));
			break;
		}
		case 'c':
			snprintf(piece, sizeof(piece), spec, va_arg(ap, int));
			emit(out, &len, cap, piece, strlen(piece));
			break;
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
			unsigned long long v;

			if (longs >= 2)
				v = va_arg(ap, unsigned long long);
			else if (longs == 1)
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			if (alt && v == 0 && (conv == 'x' || conv == 'X'))
				snprintf(piece, sizeof(piece), conv == 'x' ? "0x0" : "0X0");
			else if (longs >= 2)
				snprintf(piece, sizeof(piece), spec, v);
			else if (longs == 1)
				snprintf(piece, sizeof(piece), spec, (unsigned long)v);
			else
				snprintf(piece, sizeof(piece), spec, (unsigned int)v);
			emit(out, &len, cap, piece, strlen(piece));
			break;
		}
		default:
			emit(out, &len, cap, spec, speclen);
			break;
		}
		fmt = p;
	}
}

/* One line: the kernel ends each non-continuation message with a newline. */
static void vline(const char *prefix, const char *fmt, va_list ap)
{
	char buf[1024];
	size_t n;

	kvsnprintf(buf, sizeof(buf), fmt, ap);
	n = strlen(buf);
	while (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	fputs(prefix, stdout);
	fputs(buf, stdout);
	fputc('\n', stdout);
}

void memsim_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline("", fmt, ap);
	va_end(ap);
}

void memsim_warn(const char *func, const char *fmt, ...)
{
	char prefix[256];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "WARNING: %s: ", func);
	va_start(ap, fmt);
	vline(prefix, fmt, ap);
	va_end(ap);
}

void memsim_dump_stack(const char *func)
{
	printf("dump_stack() from %s\n", func);
}

void memsim_bug(const char *func, const char *cond)
{
	printf("kernel BUG: %s: BUG_ON(%s)\n", func, cond);
	exit(1);
}

void memsim_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline("Kernel panic - not syncing: ", fmt, ap);
	va_end(ap);
	exit(1);
}
