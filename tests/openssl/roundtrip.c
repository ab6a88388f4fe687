/*
 * Every mapping of both data sets, there and back, through the generated
 * code (tests/map checks each direction alone; this checks them together):
 *
 * - every code of the XML maps to exactly its declared foreign value in
 *   each system, or to none: no mapping appears that the XML lacks;
 * - a "both" mapping taken to its foreign value and back gives the code
 *   again, or the code preferred for that foreign name;
 * - the code that wins a foreign name through a "both" mapping gives that
 *   foreign value again;
 * - OpenSSL's reason for a received alert (SSL_AD_REASON_OFFSET + alert)
 *   and the alert number itself give the same code, for every alert that
 *   OpenSSL names, and a code that maps both to an alert and to a
 *   received-alert reason uses the same number in both.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "nss_sec_errors.h"
#include "nss_sec_map.h"
#include "nss_sec_map_openssl.h"
#include "nss_ssl_errors.h"
#include "nss_ssl_map.h"
#include "nss_ssl_map_openssl.h"
#include "expect_roundtrip.h"

static const char *const systems[] = {"errno", "tls-alert", "openssl", "x509"};
static int checks, failures;

static int system_index(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(systems[i], s) == 0)
			return i;
	return -1;
}

static long to(int dom, int sys, int code)
{
	switch (sys) {
	case 0:
		return dom ? nss_sec_error_to_errno(code)
			   : nss_ssl_error_to_errno(code);
	case 1:
		return dom ? nss_sec_error_to_tls_alert(code)
			   : nss_ssl_error_to_tls_alert(code);
	case 2:
		return (long)(dom ? nss_sec_error_to_openssl(code)
				  : nss_ssl_error_to_openssl(code));
	default:
		return dom ? nss_sec_error_to_x509_verify(code)
			   : nss_ssl_error_to_x509_verify(code);
	}
}

static int from(int dom, int sys, long v, int *code)
{
	switch (sys) {
	case 0:
		return dom ? nss_sec_error_from_errno((int)v, code)
			   : nss_ssl_error_from_errno((int)v, code);
	case 1:
		return dom ? nss_sec_error_from_tls_alert((int)v, code)
			   : nss_ssl_error_from_tls_alert((int)v, code);
	case 2:
		return dom ? nss_sec_error_from_openssl((unsigned long)v, code)
			   : nss_ssl_error_from_openssl((unsigned long)v, code);
	default:
		return dom ? nss_sec_error_from_x509_verify(v, code)
			   : nss_ssl_error_from_x509_verify(v, code);
	}
}

static const char *name_of(int dom, int code)
{
	const char *n =
		dom ? nss_sec_error_name(code) : nss_ssl_error_name(code);
	return n ? n : "(none)";
}

/* Whether code may win a lookup of v in sys: it wins some foreign name
 * whose value is v (two names can share a value, EAGAIN and EWOULDBLOCK). */
static int may_win(int dom, int sys, long v, int code)
{
	for (const struct row *r = rows; r->system; r++)
		if (r->dom == dom && system_index(r->system) == sys &&
		    r->value == v && r->winner_name && r->winner == code)
			return 1;
	return 0;
}

static void every_code(void)
{
	for (const struct code_row *c = code_rows; c->name; c++)
		for (int sys = 0; sys < 4; sys++, checks++) {
			long got = to(c->dom, sys, c->code);
			if (got != c->to[sys]) {
				printf("FAIL %s to %s: got %ld, want %ld\n",
				       c->name, systems[sys], got, c->to[sys]);
				failures++;
			}
		}
}

static void there_and_back(void)
{
	for (const struct row *r = rows; r->system; r++) {
		int sys = system_index(r->system), code = 0;
		if (r->dir == 0) { /* both: code -> foreign -> code */
			long v = to(r->dom, sys, r->code);
			checks++;
			if (!from(r->dom, sys, v, &code) ||
			    (code != r->winner &&
			     !may_win(r->dom, sys, v, code))) {
				printf("FAIL %s -> %s %s -> %s, want %s\n",
				       r->code_name, r->system, r->foreign,
				       name_of(r->dom, code), r->winner_name);
				failures++;
			}
		}
		if (r->dir == 0 && r->winner == r->code) {
			/* the winner of a foreign name, through a "both"
			 * mapping, goes back to it */
			checks++;
			if (to(r->dom, sys, r->code) != r->value) {
				printf("FAIL %s %s -> %s -> %ld, want %ld\n",
				       r->system, r->foreign, r->code_name,
				       to(r->dom, sys, r->code), r->value);
				failures++;
			}
		}
	}
}

static void alerts_and_reasons(void)
{
	int named = 0;
	for (int alert = 0; alert < 256; alert++) {
		unsigned long packed =
			ERR_PACK(ERR_LIB_SSL, 0, SSL_AD_REASON_OFFSET + alert);
		if (!ERR_reason_error_string(packed))
			continue; /* OpenSSL has no reason for this alert */
		named++;
		int a = 0, b = 0;
		int ok_alert = nss_ssl_error_from_tls_alert(alert, &a);
		int ok_reason = nss_ssl_error_from_openssl(packed, &b);
		checks++;
		if (ok_alert != ok_reason || a != b) {
			printf("FAIL alert %d gives %s, OpenSSL's reason for "
			       "receiving it (\"%s\") gives %s\n",
			       alert, ok_alert ? name_of(0, a) : "(none)",
			       ERR_reason_error_string(packed),
			       ok_reason ? name_of(0, b) : "(none)");
			failures++;
		} else if (!ok_alert) {
			printf("note: alert %d (\"%s\") maps to no code\n",
			       alert, ERR_reason_error_string(packed));
		}
		int nsec = 0;
		checks++;
		if (nss_sec_error_from_openssl(packed, &nsec)) {
			printf("FAIL received alert %d maps in the SEC "
			       "domain\n",
			       alert);
			failures++;
		}
	}
	printf("%d alerts have an OpenSSL reason\n", named);
	/* a code mapping to alert A and to a received-alert reason: 1000 + A */
	for (const struct code_row *c = code_rows; c->name; c++) {
		unsigned long packed = (unsigned long)c->to[2];
		if (c->dom != 0 || c->to[1] < 0 || !packed ||
		    ERR_GET_LIB(packed) != ERR_LIB_SSL ||
		    ERR_GET_REASON(packed) < SSL_AD_REASON_OFFSET)
			continue;
		checks++;
		if (ERR_GET_REASON(packed) - SSL_AD_REASON_OFFSET != c->to[1]) {
			printf("FAIL %s: alert %ld but reason %d\n", c->name,
			       c->to[1], ERR_GET_REASON(packed));
			failures++;
		}
	}
}

int main(void)
{
	OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS, NULL);
	every_code();
	there_and_back();
	alerts_and_reasons();
	printf("%d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
