/*
 * Shared by the lookup benchmarks (lookup_errgen.c, lookup_peers.c).
 *
 * Each variant is a loop function of its own, loop_NAME, that calls one
 * lookup for every element of a precomputed array; bench_lookup.py runs the
 * program under callgrind with --toggle-collect=loop_NAME, so only the loop
 * (and what it calls) is counted, and subtracts loop_empty_code or
 * loop_empty_name, which load the same array elements and accumulate them
 * the same way without calling anything. Setup (reading the inputs, loading
 * tables, a warm-up call of every lookup so lazy binding and first-use
 * initialisation are not counted) happens outside the loops.
 *
 * The asm barrier keeps the accumulator in a register and stops the
 * compiler from vectorizing or folding the empty loops.
 */
#ifndef LOOKUP_COMMON_H
#define LOOKUP_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline, used))
#define BARRIER(x) __asm__ volatile("" : "+r"(x))

/* A loop over codes: acc += (uintptr_t)(EXPR), with `code` the element. */
#define CODE_LOOP(NAME, CTYPE, EXPR)                                       \
	NOINLINE uintptr_t loop_##NAME(const CTYPE *codes, size_t n)       \
	{                                                                  \
		uintptr_t acc = 0;                                         \
		for (size_t i = 0; i < n; i++) {                           \
			CTYPE code = codes[i];                             \
			acc += (uintptr_t)(EXPR);                          \
			BARRIER(acc);                                      \
		}                                                          \
		return acc;                                                \
	}

/* A loop over names: acc += (uintptr_t)(EXPR), with `name` the element. */
#define NAME_LOOP(NAME, EXPR)                                              \
	NOINLINE uintptr_t loop_##NAME(const char *const *names, size_t n) \
	{                                                                  \
		uintptr_t acc = 0;                                         \
		for (size_t i = 0; i < n; i++) {                           \
			const char *name = names[i];                       \
			acc += (uintptr_t)(EXPR);                          \
			BARRIER(acc);                                      \
		}                                                          \
		return acc;                                                \
	}

/* The same over names whose lengths are known: `len` is the element's. */
#define NAME_N_LOOP(NAME, EXPR)                                            \
	NOINLINE uintptr_t loop_##NAME(const char *const *names,           \
				       const size_t *lens, size_t n)       \
	{                                                                  \
		uintptr_t acc = 0;                                         \
		for (size_t i = 0; i < n; i++) {                           \
			const char *name = names[i];                       \
			size_t len = lens[i];                              \
			acc += (uintptr_t)(EXPR);                          \
			BARRIER(acc);                                      \
		}                                                          \
		return acc;                                                \
	}

static void die(const char *what)
{
	fprintf(stderr, "lookup: %s\n", what);
	exit(2);
}

/* The random sequence: uint32 little-endian numbers, as many as fit. */
static uint32_t *read_random(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open the random file");
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	*n = (size_t)size / 4;
	uint32_t *r = malloc(*n * 4 + 4);
	if (!r || fread(r, 4, *n, f) != *n)
		die("cannot read the random file");
	fclose(f);
	return r;
}

/* Keys: lines "VALUE NAME"; fills values and names (each name its own
 * allocation, so no lookup gets a pointer into its own tables). */
static size_t read_keys(const char *path, long **values, char ***names)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open the keys file");
	size_t cap = 1024, n = 0;
	*values = malloc(cap * sizeof(**values));
	*names = malloc(cap * sizeof(**names));
	char line[512];
	while (fgets(line, sizeof(line), f)) {
		char name[400];
		long v;
		if (sscanf(line, "%ld %399s", &v, name) != 2)
			continue;
		if (n == cap) {
			cap *= 2;
			*values = realloc(*values, cap * sizeof(**values));
			*names = realloc(*names, cap * sizeof(**names));
		}
		(*values)[n] = v;
		(*names)[n] = strdup(name);
		n++;
	}
	fclose(f);
	if (!n)
		die("no keys");
	return n;
}

CODE_LOOP(empty_code, int, code)
CODE_LOOP(empty_long, long, code)
NAME_LOOP(empty_name, name)
NAME_N_LOOP(empty_name_n, (uintptr_t)name + len)

/* The lengths of names[0..n). */
static size_t *name_lengths(const char *const *names, size_t n)
{
	size_t *lens = malloc(n * sizeof(*lens) + 1);
	if (!lens)
		die("out of memory");
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(names[i]);
	return lens;
}

#endif
