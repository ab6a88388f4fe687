/* Unit tests of the C header reader (gen/cheader.c) and of compile_et's
 * table base (gen/import_et.c). */
#include <stdlib.h>
#include <string.h>

#include "cheader.h"
#include "import_et.h"
#include "unit.h"

/* Reads text as a header; returns the diagnostics (caller frees). */
static char *read_header(const char *text, const char *prefix,
			 struct cheader *h)
{
	struct capture c;
	capture_begin(&c);
	assert_true(cheader_read_memory("t.h", text, strlen(text), prefix, h));
	return capture_end(&c);
}

/* The value of the single code of "enum { X = expr };", or the reason it
 * was skipped in *why (caller frees). */
static bool value_of(const char *expr, int32_t *v, char **why)
{
	char text[512];
	snprintf(text, sizeof(text), "#define B (-0x100)\nenum { X = %s };\n",
		 expr);
	struct cheader h;
	*why = read_header(text, NULL, &h);
	size_t x = cheader_find(&h, "X");
	bool ok = x != CHEADER_NONE;
	if (ok)
		*v = h.names[x].value;
	cheader_free(&h);
	return ok;
}

static void evaluates_to(const char *expr, int32_t want)
{
	int32_t v = 0;
	char *why;
	if (!value_of(expr, &v, &why))
		fail_msg("'%s' not evaluated: %s", expr, why);
	if (v != want)
		fail_msg("'%s' is %d, expected %d", expr, (int)v, (int)want);
	free(why);
}

static void is_refused(const char *expr, const char *reason)
{
	int32_t v;
	char *why;
	if (value_of(expr, &v, &why))
		fail_msg("'%s' evaluated to %d", expr, (int)v);
	if (!strstr(why, reason))
		fail_msg("'%s': \"%s\" does not say \"%s\"", expr, why, reason);
	free(why);
}

static void test_arithmetic(void **state)
{
	(void)state;
	evaluates_to("7", 7);
	evaluates_to("0x1F", 31);
	evaluates_to("010", 8);
	evaluates_to("0", 0);
	evaluates_to("-5", -5);
	evaluates_to("(-(12))", -12);
	evaluates_to("- -5", 5);
	evaluates_to("~0", -1);
	evaluates_to("1 + 2 * 3", 7);
	evaluates_to("(1 + 2) * 3", 9);
	evaluates_to("1 - 2 - 3", -4); /* left to right */
	evaluates_to("10 / 3", 3);
	evaluates_to("-7 % 3", -1);
	evaluates_to("1 << 4 | 1", 17);
	evaluates_to("0xff & ~0xf ^ 1", 0xf1);
	evaluates_to("B + 3", -253);
	evaluates_to("(B - 1)", -257);
	evaluates_to("2000L", 2000);
	evaluates_to("3u + 4UL", 7);
	evaluates_to("-2147483647 - 1", INT32_MIN);
	evaluates_to("0x7fffffff", INT32_MAX);
	evaluates_to("((((((1))))))", 1);
}

static void test_refused(void **state)
{
	(void)state;
	is_refused("1 << 31", "does not fit a 32-bit int");
	is_refused("0x80000000", "does not fit a 32-bit int");
	is_refused("-0x80000000", "unsigned");
	is_refused("1u - 2", "unsigned arithmetic wraps around");
	is_refused("-1 << 2", "shift");
	is_refused("1 / 0", "division by zero");
	is_refused("(int)5", "'int' is not defined");
	is_refused("sizeof(int)", "'sizeof' is not defined");
	is_refused("1.5", "not an integer literal");
	is_refused("08", "not an integer literal");
	is_refused("'a'", "character literal");
	is_refused("(1", "parenthesis is not closed");
	is_refused("1 +", "ends early");
	is_refused("1 ? 2 : 3", "cannot evaluate '?'");
	is_refused("UNKNOWN + 1", "'UNKNOWN' is not defined");
	is_refused("9223372036854775807 * 2", "too large");
	char deep[600];
	memset(deep, '(', 300);
	strcpy(deep + 300, "1");
	memset(deep + 301, ')', 298);
	deep[599] = '\0';
	is_refused(deep, "nests too deeply");
}

static void test_enum_and_aliases(void **state)
{
	(void)state;
	struct cheader h;
	char *d = read_header("#define E_BASE 100 /* a base */\n"
			      "typedef enum {\n"
			      "  E_A = E_BASE, E_B, /* implicit */\n"
			      "  E_C = (E_BASE \\\n + 10),\n"
			      "  E_SAME = E_B,\n"
			      "  E_COUNT\n"
			      "} e;\n"
			      "#define E_ALIAS E_C\n"
			      "#define E_ALIAS2 E_ALIAS\n"
			      "#define E_LIMIT (E_BASE + 50)\n",
			      NULL, &h);
	assert_string_equal(
		d, "t.h:7:3: note: E_COUNT is read as the end-of-list sentinel "
		   "of its enum, not as an error code\n"
		   "t.h:11:9: note: E_LIMIT (150) is read as a constant, not "
		   "as an error code: this header declares its codes in an "
		   "enum\n");
	free(d);
	assert_int_equal(h.n, 6);
	const char *names[] = {"E_A",	 "E_B",	    "E_C",
			       "E_SAME", "E_ALIAS", "E_ALIAS2"};
	const int32_t values[] = {100, 101, 110, 101, 110, 110};
	const char *alias_of[] = {NULL, NULL, NULL, "E_B", "E_C", "E_C"};
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(h.names[i].name, names[i]);
		assert_int_equal(h.names[i].value, values[i]);
		if (alias_of[i])
			assert_string_equal(h.names[h.names[i].alias_of].name,
					    alias_of[i]);
		else
			assert_true(h.names[i].alias_of == CHEADER_NONE);
	}
	assert_string_equal(h.names[0].base, "E_BASE");
	assert_int_equal(h.names[0].base_value, 100);
	assert_null(h.names[1].base); /* implicit */
	assert_int_equal(h.names[2].loc.line, 4);
	assert_int_equal(h.names[2].loc.col, 3);
	cheader_free(&h);
}

static void test_defines_only(void **state)
{
	(void)state;
	struct cheader h;
	char *d = read_header("#ifndef X_H\n#define X_H\n"
			      "#define X_ERR_BASE 1000\n"
			      "#define X_ERR_ONE (X_ERR_BASE + 1)\n"
			      "#define X_ERR_TWO (X_ERR_ONE + 1)\n"
			      "#define X_ERR_AGAIN X_ERR_TWO\n"
			      "#define X_ERR_FN(a) ((a) + 1)\n"
			      "#define OTHER 5\n"
			      "#endif\n",
			      "X_ERR_", &h);
	assert_string_equal(d, "t.h:8:9: note: OTHER does not start with "
			       "'X_ERR_'; skipped\n");
	free(d);
	assert_int_equal(h.n, 3);
	assert_string_equal(h.names[0].name, "X_ERR_ONE");
	assert_int_equal(h.names[0].value, 1001);
	assert_string_equal(h.names[0].base, "X_ERR_BASE");
	assert_string_equal(h.names[1].name, "X_ERR_TWO");
	assert_int_equal(h.names[1].value, 1002);
	assert_null(h.names[1].base); /* counts from a code, not a base */
	assert_string_equal(h.names[2].name, "X_ERR_AGAIN");
	assert_string_equal(h.names[h.names[2].alias_of].name, "X_ERR_TWO");
	cheader_free(&h);
}

static void test_odd_input(void **state)
{
	(void)state;
	struct cheader h;
	/* unterminated comment and string, stray braces, self-reference */
	char *d = read_header("enum { A = 1, B = /* never closed", NULL, &h);
	assert_int_equal(h.n, 1);
	cheader_free(&h);
	free(d);
	d = read_header("#define L L\n#define M N\n#define N M\n"
			"enum { \"x\", C };\n}}}{{{\nenum",
			NULL, &h);
	assert_int_equal(h.n, 0);
	assert_non_null(strstr(d, "cannot read this enum"));
	assert_non_null(strstr(d, "expands to itself"));
	cheader_free(&h);
	free(d);
	d = read_header("", NULL, &h);
	assert_int_equal(h.n, 0);
	assert_string_equal(d, "");
	cheader_free(&h);
	free(d);
}

static void test_et_table_base(void **state)
{
	(void)state;
	int32_t b;
	/* values compile_et gives (e2fsprogs, MIT Kerberos) */
	assert_true(et_table_base("krb5", &b));
	assert_int_equal(b, -1765328384);
	assert_true(et_table_base("ext2", &b));
	assert_int_equal(b, 2133571328);
	assert_true(et_table_base("ss", &b));
	assert_int_equal(b, 748800);
	/* 63 four times is 2^24 - 1: shifted by 8, 2^32 - 256, so -256 */
	assert_true(et_table_base("____", &b));
	assert_int_equal(b, -256);
	assert_false(et_table_base("abcde", &b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_enum_and_aliases),
		cmocka_unit_test(test_defines_only),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_et_table_base),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
