/*
 * The generated mappings against expectations read from the XML: every
 * to-mapping gives the foreign value this platform defines; every foreign
 * value gives the code that should win (when two names share a value, as
 * EAGAIN and EWOULDBLOCK do on Linux, the first one in the XML wins, as in
 * the generated chain); codes without mappings give "none"; the mappings
 * compiled out are exactly the expected ones.
 */
#include <stdio.h>
#include <string.h>

#include "expect_map.h"

static int failures, checked;

static void fail(const char *what, const char *system, const char *name,
		 long got, long want)
{
	printf("FAIL %s %s %s: got %ld, want %ld\n", what, system, name, got,
	       want);
	failures++;
}

/* The code a lookup of value must give: the first row with that value. */
static int winner(const char *system, long value, int lib)
{
	for (const struct from_row *r = from_rows; r->system; r++)
		if (strcmp(r->system, system) == 0 && r->value == value &&
		    r->lib == lib)
			return r->code;
	return 0;
}

static int from(const char *system, long value, int lib, int *code)
{
	if (strcmp(system, "errno") == 0)
		return D_from_errno((int)value, code);
	if (strcmp(system, "tls-alert") == 0)
		return D_from_tls_alert((int)value, code);
#ifdef WITH_OPENSSL
	if (strcmp(system, "x509") == 0)
		return D_from_x509_verify(value, code);
	if (strcmp(system, "openssl") == 0)
		return D_from_openssl(ERR_PACK(lib, 0, value), code);
#endif
	(void)lib;
	return 0;
}

static long to(const char *system, int code)
{
	if (strcmp(system, "errno") == 0)
		return D_to_errno(code);
	if (strcmp(system, "tls-alert") == 0)
		return D_to_tls_alert(code);
#ifdef WITH_OPENSSL
	if (strcmp(system, "x509") == 0)
		return D_to_x509_verify(code);
	if (strcmp(system, "openssl") == 0)
		return (long)D_to_openssl(code);
#endif
	return 0;
}

static void check_missing(const char *(*list)(unsigned), const char *kind)
{
	unsigned n = 0;
	for (const char *m; (m = list(n)); n++) {
		int expected = 0;
		for (const char *const *e = expected_missing; *e; e++)
			expected |= strcmp(*e, m) == 0;
		if (!expected) {
			printf("FAIL %s mapping compiled out: %s\n", kind, m);
			failures++;
		}
	}
	printf("%s: %u mappings compiled out\n", kind, n);
}

int main(void)
{
	for (const struct to_row *r = to_rows; r->system; r++, checked++) {
		long got = to(r->system, r->code);
		if (got != r->value)
			fail("to", r->system, r->foreign, got, r->value);
	}
	for (const struct from_row *r = from_rows; r->system; r++, checked++) {
		int code = 12345;
		int want = winner(r->system, r->value, r->lib);
		if (!from(r->system, r->value, r->lib, &code) || code != want)
			fail("from", r->system, r->foreign, code, want);
	}
	/* values no mapping uses give nothing */
	int code = 12345;
	if (D_from_errno(-1, &code) || D_from_tls_alert(255, &code) ||
	    code != 12345) {
		printf("FAIL a value without a mapping gave a code\n");
		failures++;
	}
	if (D_to_errno(-2147483647 - 1) != 0 ||
	    D_to_tls_alert(-2147483647 - 1) != -1) {
		printf("FAIL an unknown code gave a mapping\n");
		failures++;
	}
	check_missing(D_map_missing, "errno/tls");
#ifdef WITH_OPENSSL
	check_missing(D_map_openssl_missing, "openssl");
#endif
	unsigned expected_n = 0;
	for (const char *const *e = expected_missing; *e; e++)
		expected_n++;
	unsigned got_n = 0;
	while (D_map_missing(got_n))
		got_n++;
#ifdef WITH_OPENSSL
	for (unsigned i = 0; D_map_openssl_missing(i); i++)
		got_n++;
#endif
	if (got_n != expected_n) {
		printf("FAIL %u mappings compiled out, expected %u\n", got_n,
		       expected_n);
		failures++;
	}
	printf("%d mappings checked, %d failures\n", checked, failures);
	return failures ? 1 : 0;
}
