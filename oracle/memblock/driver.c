// SPDX-License-Identifier: GPL-2.0-only
/*
 * memsim oracle driver: reads a memblock op script (format v1, issue 2
 * section 3) and runs each op through the kernel's own mm/memblock.c, printing
 * what memsim's `memblock run` must print for it.
 *
 *   memblock-oracle [FILE|-]            (standard input when absent or -)
 *
 * Exit status: 0, or 1 after a kernel panic/BUG, or 2 for a script error (the
 * script is parsed completely before anything runs). With the environment
 * variable MEMSIM_ORACLE_TIMING set, the time spent parsing and running is
 * printed on stderr, wall-clock and CPU time of the process:
 * "memblock-oracle: ops=N parse_ns=P run_ns=R parse_cpu_ns=PC run_cpu_ns=RC".
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
struct seq_file;
#include <linux/memblock.h>
#include <linux/memory_hotplug.h>
#include "glue.h"

enum opcode {
	OP_RESET, OP_BOTTOM_UP, OP_MOVABLE_NODE, OP_CURRENT_LIMIT, OP_ADD,
	OP_ADD_NODE, OP_REMOVE, OP_RESERVE, OP_FREE, OP_MARK_HOTPLUG,
	OP_CLEAR_HOTPLUG, OP_MARK_MIRROR, OP_MARK_NOMAP, OP_CLEAR_NOMAP,
	OP_SET_NODE, OP_ALLOC, OP_PHYS_ALLOC_RANGE, OP_ALLOC_TRY_NID,
	OP_TRIM_MEMORY, OP_ENFORCE_MEMORY_LIMIT, OP_CAP_MEMORY_RANGE,
	OP_MEM_LIMIT_REMOVE_MAP, OP_DUMP,
};

/* Argument kinds: N number, I node id, B on/off, L number or "max", X "exact". */
static const struct {
	const char *name;
	enum opcode code;
	const char *args;
} ops[] = {
	{ "reset", OP_RESET, "" },
	{ "bottom_up", OP_BOTTOM_UP, "B" },
	{ "movable_node", OP_MOVABLE_NODE, "B" },
	{ "current_limit", OP_CURRENT_LIMIT, "L" },
	{ "add", OP_ADD, "NN" },
	{ "add", OP_ADD_NODE, "NNI" },
	{ "remove", OP_REMOVE, "NN" },
	{ "reserve", OP_RESERVE, "NN" },
	{ "free", OP_FREE, "NN" },
	{ "mark_hotplug", OP_MARK_HOTPLUG, "NN" },
	{ "clear_hotplug", OP_CLEAR_HOTPLUG, "NN" },
	{ "mark_mirror", OP_MARK_MIRROR, "NN" },
	{ "mark_nomap", OP_MARK_NOMAP, "NN" },
	{ "clear_nomap", OP_CLEAR_NOMAP, "NN" },
	{ "set_node", OP_SET_NODE, "NNI" },
	{ "alloc", OP_ALLOC, "NNNNI" },
	{ "alloc", OP_ALLOC, "NNNNIX" },
	{ "phys_alloc_range", OP_PHYS_ALLOC_RANGE, "NNNN" },
	{ "alloc_try_nid", OP_ALLOC_TRY_NID, "NNNNI" },
	{ "trim_memory", OP_TRIM_MEMORY, "N" },
	{ "enforce_memory_limit", OP_ENFORCE_MEMORY_LIMIT, "N" },
	{ "cap_memory_range", OP_CAP_MEMORY_RANGE, "NN" },
	{ "mem_limit_remove_map", OP_MEM_LIMIT_REMOVE_MAP, "N" },
	{ "dump", OP_DUMP, "" },
};

#define MAX_ARGS 6

struct op {
	enum opcode code;
	uint64_t n[MAX_ARGS];	/* numbers, in script order */
	int nid;
	bool flag;		/* on/off, or exact */
};

static const char *script_name;

static void __attribute__((noreturn)) script_error(unsigned long line, const char *what, const char *tok)
{
	fprintf(stderr, "memblock-oracle: %s:%lu: %s '%s'\n", script_name, line, what, tok);
	exit(2);
}

static bool parse_number(const char *t, uint64_t *out)
{
	uint64_t v = 0;
	unsigned base = 10, shift = 0, digits = 0;
	size_t n = strlen(t);

	if (n && strchr("KMGT", t[n - 1])) {
		shift = t[n - 1] == 'K' ? 10 : t[n - 1] == 'M' ? 20 : t[n - 1] == 'G' ? 30 : 40;
		n--;
	}
	if (n > 2 && t[0] == '0' && t[1] == 'x') {
		base = 16;
		t += 2;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++, digits++) {
		int c = t[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && isxdigit(c))
			d = tolower(c) - 'a' + 10;
		else
			return false;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
	}
	if (!digits || (shift && v > (UINT64_MAX >> shift)))
		return false;
	*out = v << shift;
	return true;
}

static bool parse_nid(const char *t, int *out)
{
	long long v = 0;
	bool neg = *t == '-';

	if (neg)
		t++;
	if (!*t)
		return false;
	for (; *t; t++) {
		if (*t < '0' || *t > '9')
			return false;
		v = v * 10 + (*t - '0');
		if (v > 2147483648LL)
			return false;
	}
	if (neg)
		v = -v;
	if (v > INT32_MAX)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_args(const char *kinds, char **tok, int ntok, struct op *op)
{
	int k = 0;

	if ((int)strlen(kinds) != ntok)
		return false;
	for (int i = 0; i < ntok; i++) {
		switch (kinds[i]) {
		case 'N':
			if (!parse_number(tok[i], &op->n[k++]))
				return false;
			break;
		case 'L':
			if (!strcmp(tok[i], "max"))
				op->n[k++] = UINT64_MAX;
			else if (!parse_number(tok[i], &op->n[k++]))
				return false;
			break;
		case 'I':
			if (!parse_nid(tok[i], &op->nid))
				return false;
			break;
		case 'B':
			if (strcmp(tok[i], "on") && strcmp(tok[i], "off"))
				return false;
			op->flag = !strcmp(tok[i], "on");
			break;
		case 'X':
			if (strcmp(tok[i], "exact"))
				return false;
			op->flag = true;
			break;
		}
	}
	return true;
}

static void parse_line(char *line, unsigned long lineno, struct op *op, bool *empty)
{
	char *tok[MAX_ARGS + 2];
	int ntok = 0;
	char *hash = strchr(line, '#');

	if (hash)
		*hash = '\0';
	for (char *t = strtok(line, " \t"); t; t = strtok(NULL, " \t")) {
		if (ntok == MAX_ARGS + 2)
			script_error(lineno, "too many arguments at", t);
		tok[ntok++] = t;
	}
	*empty = ntok == 0;
	if (*empty)
		return;
	bool known = false;

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (strcmp(ops[i].name, tok[0]))
			continue;
		known = true;
		memset(op, 0, sizeof(*op));
		op->code = ops[i].code;
		if (parse_args(ops[i].args, tok + 1, ntok - 1, op))
			return;
	}
	script_error(lineno, known ? "bad arguments for" : "unknown op", tok[0]);
}

static char *read_all(FILE *f)
{
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);

	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0)
			buf = realloc(buf, cap *= 2);
	}
	if (!buf) {
		perror("memblock-oracle");
		exit(2);
	}
	buf[len] = '\0';
	return buf;
}

static void result(int ret)
{
	if (ret)
		printf("error %d\n", ret);
}

static void address(phys_addr_t addr)
{
	printf("0x%016llx\n", (unsigned long long)addr);
}

static void run(const struct op *op)
{
	const uint64_t *n = op->n;

	switch (op->code) {
	case OP_RESET: memsim_reset(); break;
	case OP_BOTTOM_UP: memblock_set_bottom_up(op->flag); break;
	case OP_MOVABLE_NODE: movable_node_enabled = op->flag; break;
	case OP_CURRENT_LIMIT: memblock_set_current_limit(n[0]); break;
	case OP_ADD: result(memblock_add(n[0], n[1])); break;
	case OP_ADD_NODE: result(memblock_add_node(n[0], n[1], op->nid, MEMBLOCK_NONE)); break;
	case OP_REMOVE: result(memblock_remove(n[0], n[1])); break;
	case OP_RESERVE: result(memblock_reserve(n[0], n[1])); break;
	case OP_FREE: result(memblock_phys_free(n[0], n[1])); break;
	case OP_MARK_HOTPLUG: result(memblock_mark_hotplug(n[0], n[1])); break;
	case OP_CLEAR_HOTPLUG: result(memblock_clear_hotplug(n[0], n[1])); break;
	case OP_MARK_MIRROR: result(memblock_mark_mirror(n[0], n[1])); break;
	case OP_MARK_NOMAP: result(memblock_mark_nomap(n[0], n[1])); break;
	case OP_CLEAR_NOMAP: result(memblock_clear_nomap(n[0], n[1])); break;
	case OP_SET_NODE: result(memblock_set_node(n[0], n[1], &memblock.memory, op->nid)); break;
	case OP_ALLOC:
		address(memblock_alloc_range_nid(n[0], n[1], n[2], n[3], op->nid, op->flag));
		break;
	case OP_PHYS_ALLOC_RANGE: address(memblock_phys_alloc_range(n[0], n[1], n[2], n[3])); break;
	case OP_ALLOC_TRY_NID:
		address((phys_addr_t)(uintptr_t)memblock_alloc_try_nid_raw(n[0], n[1], n[2], n[3], op->nid));
		break;
	case OP_TRIM_MEMORY: memblock_trim_memory(n[0]); break;
	case OP_ENFORCE_MEMORY_LIMIT: memblock_enforce_memory_limit(n[0]); break;
	case OP_CAP_MEMORY_RANGE: memblock_cap_memory_range(n[0], n[1]); break;
	case OP_MEM_LIMIT_REMOVE_MAP: memblock_mem_limit_remove_map(n[0]); break;
	case OP_DUMP: memsim_dump(); break;
	}
}

static long long now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	static char outbuf[1 << 20];
	FILE *in = stdin;

	script_name = argc > 1 ? argv[1] : "-";
	if (strcmp(script_name, "-")) {
		in = fopen(script_name, "r");
		if (!in) {
			fprintf(stderr, "memblock-oracle: %s: %s\n", script_name, strerror(errno));
			return 2;
		}
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));

	long long t0 = now_ns(CLOCK_MONOTONIC), c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	char *text = read_all(in);
	size_t cap = 1024, nops = 0;
	struct op *prog = malloc(cap * sizeof(*prog));
	unsigned long lineno = 0;

	for (char *line = text, *next; line; line = next) {
		bool empty;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (nops == cap)
			prog = realloc(prog, (cap *= 2) * sizeof(*prog));
		parse_line(line, lineno, &prog[nops], &empty);
		if (!empty)
			nops++;
	}

	long long t1 = now_ns(CLOCK_MONOTONIC), c1 = now_ns(CLOCK_PROCESS_CPUTIME_ID);

	memsim_save_boot_state();
	for (size_t i = 0; i < nops; i++)
		run(&prog[i]);
	long long t2 = now_ns(CLOCK_MONOTONIC), c2 = now_ns(CLOCK_PROCESS_CPUTIME_ID);

	fflush(stdout);
	if (getenv("MEMSIM_ORACLE_TIMING"))
		fprintf(stderr, "memblock-oracle: ops=%zu parse_ns=%lld run_ns=%lld parse_cpu_ns=%lld run_cpu_ns=%lld\n",
			nops, t1 - t0, t2 - t1, c1 - c0, c2 - c1);
	return 0;
}
