/* cformat: which arguments the printf conversions of a message consume. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "cformat.h"

/* Runs cformat_args and checks result, count and the argument list. */
static void expect_args(const char *s, enum cformat_result want, int want_count,
			const char *want_list)
{
	struct buf out;
	buf_init(&out);
	int count = -1;
	enum cformat_result r = cformat_args(s, &out, &count);
	const char *list = out.data ? out.data : "";
	if ((int)r != (int)want || count != want_count ||
	    (want_list && strcmp(list, want_list) != 0))
		fail_msg(
			"cformat_args(\"%s\"): result %d count %d list \"%s\"; "
			"expected result %d count %d list \"%s\"",
			s, (int)r, count, list, (int)want, want_count,
			want_list ? want_list : "(any)");
	assert_false(out.failed);
	buf_free(&out);
}

static void test_plain_text(void **state)
{
	(void)state;
	expect_args("", CFORMAT_OK, 0, "");
	expect_args("No conversions at all.", CFORMAT_OK, 0, "");
	expect_args("%%", CFORMAT_OK, 0, "");
	expect_args("100%% sure, 50%% done", CFORMAT_OK, 0, "");
	expect_args("%%s is not a conversion", CFORMAT_OK, 0, "");
	expect_args("%%%d", CFORMAT_OK, 1, "int");
	/* a lone % at the end is text */
	expect_args("100%", CFORMAT_OK, 0, "");
	/* not a conversion character: text */
	expect_args("50%!", CFORMAT_OK, 0, "");
	expect_args("%y", CFORMAT_OK, 0, "");
	/* L only goes with floating point */
	expect_args("%Ld", CFORMAT_OK, 0, "");
}

/* The header promises "100% sure" is plain text: a space flag followed by
 * 's' is not a valid conversion (the space flag applies only to signed
 * conversions; GCC's -Wformat flags "% s"). */
static void test_percent_space_s_is_text(void **state)
{
	(void)state;
	/* A flag must fit its conversion: "% s" in "100% sure" is text, not a
	 * %s with a space flag (count 0, ""), so a translation may reword it. */
	expect_args("100% sure", CFORMAT_OK, 0, "");
}

/* Length modifiers and flags that do not apply to a conversion make it
 * invalid in ISO C; such text is documented to be plain text. */
static void test_invalid_modifier_is_text(void **state)
{
	(void)state;
	/* h and hh only narrow integer conversions: "%hs", "%hp" and "%hhc" are
	 * not conversions (count 0, ""). */
	expect_args("%hs", CFORMAT_OK, 0, "");
	expect_args("%hp", CFORMAT_OK, 0, "");
	expect_args("%hhc", CFORMAT_OK, 0, "");
}

static void test_each_conversion(void **state)
{
	(void)state;
	expect_args("%s", CFORMAT_OK, 1, "const char *");
	expect_args("%d", CFORMAT_OK, 1, "int");
	expect_args("%i", CFORMAT_OK, 1, "int");
	expect_args("%ld", CFORMAT_OK, 1, "long");
	expect_args("%lld", CFORMAT_OK, 1, "long long");
	expect_args("%qd", CFORMAT_OK, 1, "long long");
	expect_args("%jd", CFORMAT_OK, 1, "intmax_t");
	expect_args("%ju", CFORMAT_OK, 1, "uintmax_t");
	expect_args("%zu", CFORMAT_OK, 1, "size_t");
	expect_args("%td", CFORMAT_OK, 1, "ptrdiff_t");
	expect_args("%u", CFORMAT_OK, 1, "unsigned int");
	expect_args("%lu", CFORMAT_OK, 1, "unsigned long");
	expect_args("%llx", CFORMAT_OK, 1, "unsigned long long");
	expect_args("%x", CFORMAT_OK, 1, "unsigned int");
	expect_args("%X", CFORMAT_OK, 1, "unsigned int");
	expect_args("%o", CFORMAT_OK, 1, "unsigned int");
	expect_args("%hd", CFORMAT_OK, 1, "int"); /* promoted */
	expect_args("%hhu", CFORMAT_OK, 1, "unsigned int");
	expect_args("%c", CFORMAT_OK, 1, "int");
	expect_args("%lc", CFORMAT_OK, 1, "wint_t");
	expect_args("%ls", CFORMAT_OK, 1, "const wchar_t *");
	expect_args("%p", CFORMAT_OK, 1, "void *");
	expect_args("%f", CFORMAT_OK, 1, "double");
	expect_args("%lf", CFORMAT_OK, 1, "double");
	expect_args("%e %E %g %G %a %A %F", CFORMAT_OK, 7,
		    "double, double, double, double, double, double, double");
	expect_args("%Lf", CFORMAT_OK, 1, "long double");
	expect_args("%Lg", CFORMAT_OK, 1, "long double");
	expect_args("%m", CFORMAT_OK, 0, "");
	expect_args("failed: %m (%d)", CFORMAT_OK, 1, "int");
	/* invalid length/conversion pairs are text */
	expect_args("%lp", CFORMAT_OK, 0, "");
	expect_args("%lm", CFORMAT_OK, 0, "");
}

static void test_sequence_in_order(void **state)
{
	(void)state;
	expect_args("%s %d %ld %lld %zu %u %x %c %lc %p %f %Lf %m", CFORMAT_OK,
		    12,
		    "const char *, int, long, long long, size_t, unsigned int, "
		    "unsigned int, int, wint_t, void *, double, long double");
	expect_args("File %s, line %d: %s", CFORMAT_OK, 3,
		    "const char *, int, const char *");
}

static void test_flags_width_precision(void **state)
{
	(void)state;
	expect_args("%-10s|%+d|%05.2f|%#x|%'d", CFORMAT_OK, 5,
		    "const char *, int, double, unsigned int, int");
	expect_args("%10.3s", CFORMAT_OK, 1, "const char *");
	expect_args("%*d", CFORMAT_OK, 2, "int, int");
	expect_args("%.*s", CFORMAT_OK, 2, "int, const char *");
	expect_args("%*.*f", CFORMAT_OK, 3, "int, int, double");
	expect_args("%-*s!", CFORMAT_OK, 2, "int, const char *");
}

static void test_numbered(void **state)
{
	(void)state;
	/* ordered by argument number, not by position in the text */
	expect_args("%2$s %1$d", CFORMAT_OK, 2, "int, const char *");
	expect_args("%1$d %2$s", CFORMAT_OK, 2, "int, const char *");
	expect_args("%3$p %1$s %2$lu", CFORMAT_OK, 3,
		    "const char *, unsigned long, void *");
	/* the same argument twice */
	expect_args("%1$s and again %1$s", CFORMAT_OK, 1, "const char *");
	/* width and precision from numbered arguments */
	expect_args("%1$*2$s", CFORMAT_OK, 2, "const char *, int");
	expect_args("%2$.*1$s", CFORMAT_OK, 2, "int, const char *");
	expect_args("%3$*1$.*2$f", CFORMAT_OK, 3, "int, int, double");
	/* %m takes no argument in numbered form either */
	expect_args("%1$s: %m", CFORMAT_OK, 1, "const char *");
}

static void test_mixed(void **state)
{
	(void)state;
	expect_args("%1$s %d", CFORMAT_MIXED, 1, NULL);
	expect_args("%s %2$d", CFORMAT_MIXED, 2, NULL);
	/* unnumbered conversion with a numbered width */
	expect_args("%*2$d", CFORMAT_MIXED, 2, NULL);
	/* numbered conversion with an unnumbered width */
	expect_args("%1$*d", CFORMAT_MIXED, 1, NULL);
}

static void test_gap(void **state)
{
	(void)state;
	expect_args("%2$s", CFORMAT_GAP, 2, NULL);
	expect_args("%1$s %3$d", CFORMAT_GAP, 3, NULL);
	expect_args("%4$d %2$d %1$d", CFORMAT_GAP, 4, NULL);
}

static void test_has_n(void **state)
{
	(void)state;
	expect_args("%n", CFORMAT_HAS_N, 1, NULL);
	expect_args("%hhn", CFORMAT_HAS_N, 1, NULL);
	expect_args("%ln", CFORMAT_HAS_N, 1, NULL);
	expect_args("count%s%n", CFORMAT_HAS_N, 2, NULL);
	expect_args("%1$n", CFORMAT_HAS_N, 1, NULL);
	/* %n is reported even when the conversions are also mixed */
	expect_args("%1$s %d %n", CFORMAT_HAS_N, 2, NULL);
	/* but "%%n" is text */
	expect_args("%%n", CFORMAT_OK, 0, "");
}

static void test_too_many_arguments(void **state)
{
	(void)state;
	/* the 65th argument is beyond what the scanner tracks: refused */
	struct buf many;
	buf_init(&many);
	for (int i = 0; i < 65; i++)
		buf_puts(&many, "%d");
	expect_args(many.data, CFORMAT_GAP, 64, NULL);
	buf_free(&many);

	buf_init(&many);
	for (int i = 0; i < 64; i++)
		buf_puts(&many, "%u");
	struct buf out;
	buf_init(&out);
	int count = 0;
	assert_int_equal(cformat_args(many.data, &out, &count), CFORMAT_OK);
	assert_int_equal(count, 64);
	assert_int_equal(strlen(out.data),
			 64 * strlen("unsigned int") + 63 * 2);
	buf_free(&out);
	buf_free(&many);
}

/* The list is appended to what the buffer already holds. */
static void test_appends_to_buffer(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out);
	buf_puts(&out, "(");
	int count = 0;
	assert_int_equal(cformat_args("%s%d", &out, &count), CFORMAT_OK);
	assert_int_equal(count, 2);
	assert_string_equal(out.data, "(const char *, int");
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_percent_space_s_is_text),
		cmocka_unit_test(test_invalid_modifier_is_text),
		cmocka_unit_test(test_each_conversion),
		cmocka_unit_test(test_sequence_in_order),
		cmocka_unit_test(test_flags_width_precision),
		cmocka_unit_test(test_numbered),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_gap),
		cmocka_unit_test(test_has_n),
		cmocka_unit_test(test_too_many_arguments),
		cmocka_unit_test(test_appends_to_buffer),
	};
	return cmocka_run_group_tests_name("cformat", tests, NULL, NULL);
}
