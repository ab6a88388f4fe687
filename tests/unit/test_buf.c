/* buf: the growable byte buffer that every emitter renders into. */
#include "unit.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "buf.h"

static void test_init_is_empty(void **state)
{
	(void)state;
	struct buf b;
	memset(&b, 0xa5, sizeof(b));
	buf_init(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_false(b.failed);
	buf_free(&b); /* freeing an empty buffer is fine */
	assert_null(b.data);
}

static void test_put_appends_and_terminates(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_put(&b, "abcdef", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "abc\0", 4);
	buf_put(&b, "xyz", 3);
	assert_int_equal(b.len, 6);
	assert_string_equal(b.data, "abcxyz");
	/* embedded NUL bytes are kept; the length is what counts */
	buf_put(&b, "\0z", 2);
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.data, "abcxyz\0z\0", 9);
	/* a zero-length append changes nothing */
	buf_put(&b, "ignored", 0);
	assert_int_equal(b.len, 8);
	assert_int_equal(b.data[8], '\0');
	assert_false(b.failed);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void test_put_zero_on_empty_gives_empty_string(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_put(&b, "", 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void test_putc_many_grows(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	/* far past the first allocation and several doublings */
	for (size_t i = 0; i < 100000; i++) {
		buf_putc(&b, (char)('a' + (char)(i % 26)));
		assert_true(b.cap > b.len); /* room for the NUL, always */
		assert_int_equal(b.data[b.len], '\0');
	}
	assert_int_equal(b.len, 100000);
	for (size_t i = 0; i < 100000; i++)
		if (b.data[i] != (char)('a' + (char)(i % 26)))
			fail_msg("byte %zu is %d", i, b.data[i]);
	assert_false(b.failed);
	buf_free(&b);
}

static void test_puts_across_capacity_boundaries(void **state)
{
	(void)state;
	/* lengths that land exactly on, just before and just after the
	 * capacity, where an off-by-one in the NUL reservation would show */
	for (size_t first = 250; first <= 260; first++) {
		struct buf b;
		buf_init(&b);
		char *s = malloc(first + 1);
		assert_non_null(s);
		memset(s, 'x', first);
		s[first] = '\0';
		buf_puts(&b, s);
		assert_int_equal(b.len, first);
		assert_true(b.cap >= first + 1);
		assert_int_equal(b.data[first], '\0');
		buf_puts(&b, "yz");
		assert_int_equal(b.len, first + 2);
		assert_true(b.cap >= first + 3);
		assert_int_equal(b.data[first], 'y');
		assert_int_equal(b.data[first + 1], 'z');
		assert_int_equal(b.data[first + 2], '\0');
		assert_int_equal(strlen(b.data), first + 2);
		free(s);
		buf_free(&b);
	}
}

static void test_puts_many(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 5000; i++)
		buf_puts(&b, "0123456789");
	assert_int_equal(b.len, 50000);
	assert_int_equal(strlen(b.data), 50000);
	for (size_t i = 0; i < 50000; i += 10)
		assert_memory_equal(b.data + i, "0123456789", 10);
	buf_free(&b);
}

static void test_printf_formats_and_appends(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "x=");
	buf_printf(&b, "%d, s=%s, z=%zu, neg=%d", 42, "str", (size_t)7, -3);
	assert_string_equal(b.data, "x=42, s=str, z=7, neg=-3");
	assert_int_equal(b.len, strlen("x=42, s=str, z=7, neg=-3"));
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, strlen("x=42, s=str, z=7, neg=-3"));
	buf_printf(&b, "|%5s|%-3d|", "ab", 1);
	assert_string_equal(b.data, "x=42, s=str, z=7, neg=-3|   ab|1  |");
	buf_free(&b);
}

/* buf_printf() formats %s, %c, %d, %u, %zu, %ld, %lu, %lld, %llu and %% by
 * itself and everything else with vsnprintf(): either way the text must be
 * exactly what snprintf() makes of the same arguments. */
static void test_printf_matches_snprintf(void **state)
{
	(void)state;
	char want[512];
	struct buf b;
	buf_init(&b);
#define SAME(...)                                                           \
	do {                                                                \
		buf_free(&b);                                               \
		buf_printf(&b, __VA_ARGS__);                                \
		int n_ = snprintf(want, sizeof(want), __VA_ARGS__);         \
		assert_true(n_ >= 0 && (size_t)n_ < sizeof(want));          \
		assert_non_null(b.data);                                    \
		assert_int_equal(b.len, (size_t)n_);                        \
		assert_memory_equal(b.data, want, (size_t)n_ + 1);          \
	} while (0)
	SAME("plain text only");
	SAME("%s", "");
	SAME("%s%s|%s", "a", "bc", "def");
	SAME("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	SAME("%u %u", 0u, UINT_MAX);
	SAME("%zu %zu", (size_t)0, SIZE_MAX);
	SAME("%ld %ld %lu", LONG_MAX, LONG_MIN, ULONG_MAX);
	SAME("%lld %lld %llu", LLONG_MAX, LLONG_MIN, ULLONG_MAX);
	SAME("%c%c%c", 'x', '%', '\t');
	SAME("100%% sure, %d%%", 5);
	SAME("%%");
	SAME("tail after %s", "value");
	SAME("%s = %d;\n\t/* %s */", "SSL_ERROR_BASE", -12288, "why");
	/* handed to vsnprintf */
	SAME("%5d|%-4s|%04x|%.3s|%+d|%x|%o|%p", 42, "ab", 255u, "abcdef", 7,
	     48879u, 8u, (void *)0);
	SAME("%5s and %s", "x", "y");
	SAME("%hd %hhu", (short)-3, (unsigned char)200);
	SAME("%.*s|", 2, "abc");
	SAME("%lx %zx", 255ul, (size_t)4096);
	/* handed over after arguments were taken: the text starts again */
	SAME("%s and %x", "first", 255u);
	SAME("%d %llu %lx", -1, 2ull, 255ul);
#undef SAME
	buf_free(&b);
}

static void test_printf_large(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "<");
	size_t n = 300000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('A' + (char)(i % 23));
	big[n] = '\0';
	buf_printf(&b, "%s|%d", big, 12345);
	assert_int_equal(b.len, 1 + n + 6);
	assert_int_equal(b.data[0], '<');
	assert_memory_equal(b.data + 1, big, n);
	assert_string_equal(b.data + 1 + n, "|12345");
	/* a large field width, too */
	buf_printf(&b, "%70000d", 9);
	assert_int_equal(b.len, 1 + n + 6 + 70000);
	assert_int_equal(b.data[b.len - 1], '9');
	assert_int_equal(b.data[b.len - 2], ' ');
	assert_int_equal(b.data[b.len], '\0');
	free(big);
	buf_free(&b);
}

static void test_printf_many_appends(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	size_t expect = 0;
	for (int i = 0; i < 20000; i++) {
		buf_printf(&b, "%d,", i);
		char tmp[16];
		expect += (size_t)snprintf(tmp, sizeof(tmp), "%d,", i);
		assert_int_equal(b.len, expect);
	}
	assert_int_equal(strlen(b.data), expect);
	assert_memory_equal(b.data, "0,1,2,3,", 8);
	assert_string_equal(b.data + expect - 6, "19999,");
	buf_free(&b);
}

/* An append too large to ever allocate marks the buffer failed without
 * touching what it holds. */
static void test_impossible_size_sets_failed(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "keep");
	/* volatile: GCC would see the inline copy of 2 GiB from "x", which
	 * the size check keeps from running, and warn */
	volatile size_t huge = (size_t)-1 / 2;
	buf_put(&b, "x", huge);
	assert_true(b.failed);
	assert_int_equal(b.len, 4);
	assert_string_equal(b.data, "keep");
	buf_free(&b);
	assert_false(b.failed); /* buf_free resets the buffer entirely */
	assert_null(b.data);
}

/* buf_clear() empties the text, keeps the memory (no reallocation for the
 * next text of the same size) and starts over a failed buffer. */
static void test_clear_keeps_memory(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_clear(&b); /* nothing yet: still empty, no memory */
	assert_null(b.data);
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, "0123456789");
	char *data = b.data;
	size_t cap = b.cap;
	buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_ptr_equal(b.data, data);
	assert_int_equal(b.cap, cap);
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, "abcdefghij");
	assert_ptr_equal(b.data, data);
	assert_int_equal(b.len, 10000);
	assert_memory_equal(b.data + 9990, "abcdefghij", 11);
	b.failed = true;
	buf_clear(&b);
	assert_false(b.failed);
	buf_puts(&b, "x");
	assert_string_equal(b.data, "x");
	buf_free(&b);
}

/* The flag is sticky: after a failure nothing more is appended, by any of
 * the four functions, even appends that would fit. */
static void test_failed_is_sticky(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "abc");
	b.failed = true;
	size_t cap = b.cap;
	buf_puts(&b, "def");
	buf_putc(&b, 'g');
	buf_put(&b, "hij", 3);
	buf_printf(&b, "%d", 12);
	assert_true(b.failed);
	assert_int_equal(b.len, 3);
	assert_int_equal(b.cap, cap);
	assert_string_equal(b.data, "abc");
	buf_free(&b);

	/* and on a buffer that never allocated, data stays NULL */
	buf_init(&b);
	b.failed = true;
	buf_puts(&b, "x");
	buf_printf(&b, "%s", "y");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* An output error of vsnprintf (a wide character that the C locale cannot
 * encode) fails the buffer too, and the failure sticks. */
static void test_printf_encoding_error_sets_failed(void **state)
{
	(void)state;
	static const wchar_t wide[] = {0x20ac, 0};
	char probe[8];
	if (snprintf(probe, sizeof(probe), "%ls", wide) >= 0)
		skip(); /* this C library encodes it anyway */
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "ok");
	buf_printf(&b, "%ls", wide);
	assert_true(b.failed);
	assert_string_equal(b.data, "ok");
	buf_puts(&b, "more");
	assert_string_equal(b.data, "ok");
	assert_int_equal(b.len, 2);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty),
		cmocka_unit_test(test_put_appends_and_terminates),
		cmocka_unit_test(test_put_zero_on_empty_gives_empty_string),
		cmocka_unit_test(test_putc_many_grows),
		cmocka_unit_test(test_puts_across_capacity_boundaries),
		cmocka_unit_test(test_puts_many),
		cmocka_unit_test(test_printf_formats_and_appends),
		cmocka_unit_test(test_printf_matches_snprintf),
		cmocka_unit_test(test_printf_large),
		cmocka_unit_test(test_printf_many_appends),
		cmocka_unit_test(test_impossible_size_sets_failed),
		cmocka_unit_test(test_clear_keeps_memory),
		cmocka_unit_test(test_failed_is_sticky),
		cmocka_unit_test(test_printf_encoding_error_sets_failed),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
