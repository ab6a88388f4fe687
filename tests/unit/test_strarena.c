/* strarena: the chunks that hold every string of a domain. */
#include "unit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strarena.h"

/* The text of string i: its length cycles through 0..300, with now and
 * then one bigger than a chunk's quarter, and its bytes name i. */
static size_t text_of(size_t i, char *out, size_t cap)
{
	size_t len = (i % 97 == 5) ? 20000 + i : (i * 7) % 301;
	if (len >= cap)
		len = cap - 1;
	for (size_t k = 0; k < len; k++)
		out[k] = (char)('A' + (i + k) % 26);
	out[len] = '\0';
	return len;
}

struct piece {
	const char *p;
	size_t len;
};

static int by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct piece *)a)->p;
	uintptr_t y = (uintptr_t)((const struct piece *)b)->p;
	return x < y ? -1 : x > y;
}

/* Thousands of copies across many chunks, big ones among them: each keeps
 * its bytes and its NUL, and no two overlap. */
static void test_copies_keep_their_bytes(void **state)
{
	(void)state;
	enum { N = 5000, CAP = 30000 };
	static char text[CAP];
	struct strarena a;
	memset(&a, 0, sizeof(a));
	struct piece *pieces = calloc(N, sizeof(*pieces));
	assert_non_null(pieces);
	for (size_t i = 0; i < N; i++) {
		size_t len = text_of(i, text, CAP);
		char *s = i % 2 ? strarena_copy(&a, text, len)
				: strarena_dup(&a, text);
		assert_non_null(s);
		pieces[i] = (struct piece){s, len};
	}
	for (size_t i = 0; i < N; i++) {
		size_t len = text_of(i, text, CAP);
		assert_int_equal(strlen(pieces[i].p), len);
		assert_memory_equal(pieces[i].p, text, len + 1);
	}
	qsort(pieces, N, sizeof(*pieces), by_address);
	for (size_t i = 1; i < N; i++)
		assert_true((uintptr_t)pieces[i - 1].p + pieces[i - 1].len +
				    1 <=
			    (uintptr_t)pieces[i].p);
	free(pieces);
	strarena_free(&a);
	assert_null(a.chunks);
	assert_int_equal(a.left, 0);
}

/* A big string first, into an empty arena, then small ones; and an arena
 * freed is empty and can be filled again. */
static void test_big_first_and_reuse(void **state)
{
	(void)state;
	static char big[100000];
	memset(big, 'x', sizeof(big) - 1);
	struct strarena a;
	memset(&a, 0, sizeof(a));
	for (int round = 0; round < 2; round++) {
		char *b = strarena_copy(&a, big, sizeof(big) - 1);
		char *s = strarena_dup(&a, "small");
		char *e = strarena_copy(&a, "ignored", 0);
		assert_non_null(b);
		assert_non_null(s);
		assert_non_null(e);
		assert_string_equal(s, "small");
		assert_string_equal(e, "");
		assert_int_equal(strlen(b), sizeof(big) - 1);
		strarena_free(&a);
		assert_null(a.chunks);
	}
	strarena_free(&a); /* twice is fine */
}

/* Bytes after the n copied are not read; embedded NULs are copied. */
static void test_copy_takes_n_bytes(void **state)
{
	(void)state;
	struct strarena a;
	memset(&a, 0, sizeof(a));
	char *s = strarena_copy(&a, "ab\0cdef", 4);
	assert_non_null(s);
	assert_memory_equal(s, "ab\0c\0", 5);
	strarena_free(&a);
}

/* Sizes no allocation can have are refused, not wrapped around. */
static void test_impossible_sizes(void **state)
{
	(void)state;
	struct strarena a;
	memset(&a, 0, sizeof(a));
	assert_null(strarena_alloc(&a, SIZE_MAX));
	assert_null(strarena_alloc(&a, SIZE_MAX - 8));
	assert_null(strarena_copy(&a, "x", SIZE_MAX));
	assert_non_null(strarena_dup(&a, "still works"));
	strarena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copies_keep_their_bytes),
		cmocka_unit_test(test_big_first_and_reuse),
		cmocka_unit_test(test_copy_takes_n_bytes),
		cmocka_unit_test(test_impossible_sizes),
	};
	return cmocka_run_group_tests_name("strarena", tests, NULL, NULL);
}
