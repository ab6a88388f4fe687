/*
 * A consumer of errgen's generated API, compiled as C and as C++. expect.h
 * (written by expect.py from the XML) lists every code; this program checks
 * the generated lookups against it and probes the edges.
 * Exit status: 0 when every check holds; prints each failure.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

static int failures;

static void fail(const char *what, long code, const char *got, const char *want)
{
	printf("FAIL %s(%ld): got %s%s%s, want %s%s%s\n", what, code,
	       got ? "\"" : "", got ? got : "NULL", got ? "\"" : "",
	       want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	failures++;
}

static int is_code(long v)
{
	int i;
	for (i = 0; i < N_EXPECTED; i++)
		if (expected[i].value == v)
			return 1;
	return 0;
}

static int is_name(const char *name)
{
	int i;
	for (i = 0; i < N_EXPECTED; i++)
		if (strcmp(expected[i].name, name) == 0)
			return 1;
	for (i = 0; i < N_ALIASES; i++)
		if (strcmp(expected_aliases[i].name, name) == 0)
			return 1;
	return 0;
}

/* Whether the len bytes at s are a symbol or an alias. */
static int is_name_n(const char *s, size_t len)
{
	char buf[512];
	if (len >= sizeof(buf) || memchr(s, '\0', len))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return is_name(buf);
}

/* The length-taking lookup of name's first len bytes, which are not a
 * symbol unless it finds them (then they must be one: the list of names
 * is searched only then, which keeps this quick). */
static void check_bad_name_n(const char *name, size_t len)
{
	int code = 12345;
	char shown[512];
	if (D_error_from_name_n(name, len, &code) ? !is_name_n(name, len)
						  : code != 12345) {
		/* name has no NUL of its own */
		snprintf(shown, sizeof(shown), "%.*s", (int)len, name ? name : "");
		fail("from_name_n of a non-symbol", code, shown, NULL);
	}
}

/* from_name_n() on name (whose code is value): found where it lies in a
 * longer buffer without its NUL; not found once any one byte of it is
 * changed (to another letter or to a NUL), nor one byte shorter or longer,
 * unless that makes another name. */
static void check_name_n(const char *name, long value)
{
	char buf[512], *exact;
	size_t len = strlen(name), i;
	int code = -1;
	if (len + 2 >= sizeof(buf))
		return;
	memcpy(buf, name, len);
	buf[len] = 'X';
	buf[len + 1] = '\0';
	if (!D_error_from_name_n(buf, len, &code) || code != (int)value)
		fail("from_name_n", value, name, name);
	check_bad_name_n(buf, len + 1);
	check_bad_name_n(buf, len - 1);
	/* exactly the name's bytes, so that a sanitizer build catches a
	 * read past them */
	exact = (char *)malloc(len);
	if (!exact)
		return;
	memcpy(exact, name, len);
	code = -1;
	if (!D_error_from_name_n(exact, len, &code) || code != (int)value)
		fail("from_name_n without a NUL", value, name, name);
	for (i = 0; i < len; i++) {
		const char was = exact[i];
		exact[i] = was == 'Q' ? 'R' : 'Q';
		check_bad_name_n(exact, len);
		exact[i] = '\0';
		check_bad_name_n(exact, len);
		exact[i] = was;
	}
	free(exact);
}

/* An alias is accepted by name and has its code's value; looking the code
 * up gives the code's own symbol. */
static void check_aliases(void)
{
	int i;
	for (i = 0; i < N_ALIASES; i++) {
		const struct expected_alias *a = &expected_aliases[i];
		int code = -1;
		const char *name = D_error_name((int)a->value);
		if (a->enum_value != a->value)
			fail("alias enum constant", a->enum_value, a->name, a->name);
		if (!D_error_from_name(a->name, &code) || code != (int)a->value)
			fail("from_name of alias", a->value, a->name, a->name);
		check_name_n(a->name, a->value);
		if (!name || strcmp(name, a->of) != 0)
			fail("name of aliased code", a->value, name, a->of);
	}
}

static void check_unknown(long v)
{
	int code = (int)v;
	const char *name = D_error_name(code);
	const char *msg = D_error_message(code);
	if (is_code(v))
		return;
	if (name != NULL)
		fail("name of unknown", v, name, NULL);
	if (msg == NULL || strcmp(msg, D_UNKNOWN) != 0)
		fail("message of unknown", v, msg, D_UNKNOWN);
}

static void check_bad_name(const char *name)
{
	int code = 12345;
	if (D_error_from_name(name, &code) != 0 || code != 12345)
		fail("from_name of a non-symbol", code, name, NULL);
}

int main(void)
{
	int i, checked = 0;
	long lo = LONG_MAX, hi = LONG_MIN, v;
	char buf[512];

	for (i = 0; i < N_EXPECTED; i++) {
		const struct expected_code *e = &expected[i];
		int code = -1;
		const char *name = D_error_name((int)e->value);
		const char *msg = D_error_message((int)e->value);
		if (e->enum_value != e->value)
			fail("enum constant", e->enum_value, e->name, e->name);
		if (!name || strcmp(name, e->name) != 0)
			fail("name", e->value, name, e->name);
		if (!msg || strcmp(msg, e->message) != 0)
			fail("message", e->value, msg, e->message);
		/* the C locale (no setlocale call) has no translations */
		msg = D_error_message_localized((int)e->value);
		if (!msg || strcmp(msg, e->message) != 0)
			fail("localized message in C", e->value, msg, e->message);
		if (!D_error_from_name(e->name, &code) || code != (int)e->value)
			fail("from_name", e->value, e->name, e->name);
		check_name_n(e->name, e->value);
		/* a prefix or an extension of a symbol is not a symbol */
		strncpy(buf, e->name, sizeof(buf) - 2);
		buf[sizeof(buf) - 2] = '\0';
		buf[strlen(buf) - 1] = '\0';
		if (!is_name(buf))
			check_bad_name(buf);
		strcat(strcpy(buf, e->name), "X");
		if (!is_name(buf))
			check_bad_name(buf);
		/* nor is a name of the same length with its first or last
		 * byte changed */
		strcpy(buf, e->name);
		buf[0] = buf[0] == 'Q' ? 'R' : 'Q';
		if (!is_name(buf))
			check_bad_name(buf);
		strcpy(buf, e->name);
		buf[strlen(buf) - 1] = buf[strlen(buf) - 1] == '7' ? '8' : '7';
		if (!is_name(buf))
			check_bad_name(buf);
		/* the neighbours of every code */
		if (e->value > INT_MIN)
			check_unknown(e->value - 1);
		if (e->value < INT_MAX)
			check_unknown(e->value + 1);
		if (e->value < lo)
			lo = e->value;
		if (e->value > hi)
			hi = e->value;
		checked++;
	}
	if (D_MIN != lo || D_MAX != hi || D_COUNT != N_EXPECTED) {
		printf("FAIL range macros: MIN %ld MAX %ld COUNT %ld, want %ld %ld "
		       "%d\n",
		       (long)D_MIN, (long)D_MAX, (long)D_COUNT, lo, hi, N_EXPECTED);
		failures++;
	}
	/* the edges: beyond both ends, zero, the ends of int */
	for (v = 1; v <= 3; v++) {
		if (lo - v >= INT_MIN)
			check_unknown(lo - v);
		if (hi + v <= INT_MAX)
			check_unknown(hi + v);
	}
	check_unknown(0);
	check_unknown(INT_MIN);
	check_unknown(INT_MAX);
	check_unknown(INT_MIN + 1);
	check_unknown(INT_MAX - 1);
	check_aliases();
	check_bad_name(NULL);
	check_bad_name("");
	check_bad_name(" ");
	check_bad_name("\377");
	check_bad_name_n(NULL, 0);
	check_bad_name_n("", 0);
	check_bad_name_n("\377", 1);

	printf("%d codes and %d aliases checked, %d failures\n", checked,
	       N_ALIASES, failures);
	return failures ? 1 : 0;
}
