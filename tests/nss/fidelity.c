/*
 * NSS fidelity: the shipped data sets (data/nss-ssl.xml, data/nss-sec.xml),
 * through the catalogs errgen generates from them, against the NSS library
 * installed on this system.
 *
 * For every code of each XML file (every value from D_ERROR_MIN to
 * D_ERROR_MAX that D_error_name() knows):
 *   - its name is NSS's name for the code, PR_ErrorToName(code);
 *   - its message is NSS's English text, PR_ErrorToString(code,
 *     PR_LANGUAGE_I_DEFAULT);
 *   - its enum constant has NSS's value: the code that NSS's table gives that
 *     name is this code, and errgen's lookup by name returns it too.
 * And for every value in [SSL_ERROR_BASE, SSL_ERROR_LIMIT) and
 * [SEC_ERROR_BASE, SEC_ERROR_LIMIT) that NSS knows (PR_ErrorToName is not
 * NULL), the XML has that code.
 *
 * Each mismatch is printed; the last line sums up both domains. Exit status
 * 1 on any mismatch or when NSS cannot be set up, 0 otherwise.
 *
 * The enumerators of NSS's own headers are compared with the XML at compile
 * time by static_assert.py; this program compares the running library.
 */

/* sslerr.h and secerr.h declare their codes as enumerators with the same
 * names as errgen's headers, which cannot both be in one translation unit.
 * NSS's headers offer this switch for that case: without it they still
 * define SSL_ERROR_BASE/LIMIT and SEC_ERROR_BASE/LIMIT, which is all this
 * file needs from them. */
#define NO_SECURITY_ERROR_ENUM 1

#include <nss.h>
#include <prerror.h>
#include <secerr.h>
#include <ssl.h>
#include <sslerr.h>

#include "nss_sec_errors.h"
#include "nss_ssl_errors.h"

#include <stdio.h>
#include <string.h>

/* The XML's declared ranges are exactly the ranges NSS reserves. */
_Static_assert(NSS_SSL_ERROR_BASE == SSL_ERROR_BASE, "SSL base differs from NSS");
_Static_assert(NSS_SSL_ERROR_RANGE_MIN == SSL_ERROR_BASE, "SSL range start differs");
_Static_assert(NSS_SSL_ERROR_RANGE_MAX == SSL_ERROR_LIMIT - 1, "SSL range end differs");
_Static_assert(NSS_SEC_ERROR_BASE == SEC_ERROR_BASE, "SEC base differs from NSS");
_Static_assert(NSS_SEC_ERROR_RANGE_MIN == SEC_ERROR_BASE, "SEC range start differs");
_Static_assert(NSS_SEC_ERROR_RANGE_MAX == SEC_ERROR_LIMIT - 1, "SEC range end differs");

/*
 * Runtime names that differ from the header names.
 *
 * NSS builds its runtime error table (the one PR_ErrorToName reads) from a
 * separate list of names, and in NSS 3.87 five SSL entries there are spelt
 * differently from the enumerators of sslerr.h. errgen follows sslerr.h:
 * the enumerator is what C programs compile against, so the generated header
 * can stand in for sslerr.h (static_assert.py proves every symbol against
 * it); the runtime spellings exist in no NSS header, so they cannot even be
 * <alias>es (an alias is a name the foreign header defines, and the static
 * assertions would fail on them).
 *
 * These are the only name differences accepted, each only for its code; an
 * entry that no longer applies (because NSS fixed its table, or the XML
 * changed) is a mismatch too, so the list stays exact. The SEC table has no
 * such differences.
 */
struct renamed {
	int code;
	const char *header; /* the sslerr.h enumerator, the XML's name */
	const char *runtime; /* PR_ErrorToName(code) */
};

/* Values as offsets from NSS's base (not errgen's enumerators), so that this
 * file still compiles, and reports, when the XML lacks one of the codes. */
static const struct renamed ssl_renamed[] = {
	{ SSL_ERROR_BASE + 147, "SSL_ERROR_MALFORMED_PRE_SHARED_KEY",
	  "SSL_ERROR_RX_MALFORMED_PRE_SHARED_KEY" },
	{ SSL_ERROR_BASE + 148, "SSL_ERROR_MALFORMED_EARLY_DATA",
	  "SSL_ERROR_RX_MALFORMED_EARLY_DATA" },
	{ SSL_ERROR_BASE + 149, "SSL_ERROR_END_OF_EARLY_DATA_ALERT",
	  "SSL_ERROR_UNUSED_149" },
	{ SSL_ERROR_BASE + 152, "SSL_ERROR_MISSING_SUPPORTED_GROUPS_EXTENSION",
	  "SSL_ERROR_MISSING_SUPPORTED_GROUPS" },
	{ SSL_ERROR_BASE + 167, "SSL_ERROR_NO_TIMERS_FOUND",
	  "SSL_ERROR_NO_TIMERS_ERROR" },
};

struct domain {
	const char *tag;
	int min, max;      /* the XML's lowest and highest code */
	int base, limit;   /* NSS's range: [base, limit) */
	const char *(*name)(int code);
	const char *(*message)(int code);
	int (*from_name)(const char *name, int *code);
	const struct renamed *renamed;
	size_t nrenamed;
	int checked, mismatches;
};

static const char *show(const char *s)
{
	return s ? s : "(null)";
}

static int same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static void mismatch(struct domain *d, int code, const char *what,
		     const char *xml, const char *nss)
{
	printf("%s %d: %s: xml \"%s\", nss \"%s\"\n", d->tag, code, what,
	       show(xml), show(nss));
	d->mismatches++;
}

static const struct renamed *find_renamed(const struct domain *d, int code)
{
	for (size_t i = 0; i < d->nrenamed; i++)
		if (d->renamed[i].code == code)
			return &d->renamed[i];
	return NULL;
}

/* The value that NSS's table gives name: the only v in [base, limit) with
 * PR_ErrorToName(v) equal to name. Sets *count to how many there are. */
static int nss_value_of(const struct domain *d, const char *name, int *count)
{
	int value = 0;
	*count = 0;
	for (int v = d->base; v < d->limit; v++) {
		if (same(PR_ErrorToName(v), name)) {
			value = v;
			++*count;
		}
	}
	return value;
}

/* Every code of the XML against NSS. */
static void check_xml_codes(struct domain *d)
{
	for (int code = d->min; code <= d->max; code++) {
		const char *name = d->name(code);
		if (!name)
			continue;
		d->checked++;
		if (code < d->base || code >= d->limit) {
			mismatch(d, code, "outside NSS's range", name, NULL);
			continue;
		}

		const char *nss_name = PR_ErrorToName(code);
		const struct renamed *r = find_renamed(d, code);
		const char *want_name = name;
		if (r) {
			if (!same(r->header, name))
				mismatch(d, code, "renamed-list entry for another name",
					 name, r->header);
			want_name = r->runtime;
		}
		if (!same(nss_name, want_name))
			mismatch(d, code, r ? "name (expected NSS's runtime spelling)" : "name",
				 want_name, nss_name);

		const char *message = d->message(code);
		const char *nss_message = PR_ErrorToString(code, PR_LANGUAGE_I_DEFAULT);
		if (!nss_name)
			nss_message = NULL; /* for unknown codes NSPR makes up a text */
		if (!same(message, nss_message))
			mismatch(d, code, "message", message, nss_message);

		/* The enum constant: errgen's constant of this name is the code,
		 * and so is NSS's value for the name (found through NSS's table,
		 * under its runtime spelling). */
		int by_name = 0;
		if (!d->from_name(name, &by_name) || by_name != code) {
			char got[32];
			snprintf(got, sizeof got, "%d", by_name);
			mismatch(d, code, "errgen's value for the name", name, got);
		}
		int count = 0;
		int nss_value = nss_value_of(d, want_name, &count);
		if (count != 1 || nss_value != code) {
			char got[64];
			snprintf(got, sizeof got, "%d (%d entries with that name)",
				 nss_value, count);
			mismatch(d, code, "NSS's value for the name", want_name, got);
		}
	}
}

/* Every code NSS knows in its range is in the XML. */
static int check_nss_codes(struct domain *d)
{
	int known = 0;
	for (int code = d->base; code < d->limit; code++) {
		const char *nss_name = PR_ErrorToName(code);
		if (!nss_name)
			continue;
		known++;
		if (!d->name(code))
			mismatch(d, code, "code NSS knows is missing from the XML",
				 NULL, nss_name);
	}
	return known;
}

/* NSS installs its error tables with PR_ErrorInstallTable as it sets up:
 * NSS_NoDB_Init installs the SEC table; libssl3 installs the SSL table
 * once, on the first call of one of its setup functions such as
 * SSL_OptionSetDefault or NSS_SetDomesticPolicy (SSL_OptionGetDefault and
 * NSS_NoDB_Init do not). Setting an option's default to the value it
 * already has registers the table without changing anything. Both tables
 * are verified before any comparison. */
static int install_nss_tables(void)
{
	if (NSS_NoDB_Init(NULL) != SECSuccess) {
		printf("NSS_NoDB_Init failed: %s\n", show(PR_ErrorToName(PR_GetError())));
		return 0;
	}
	int ssl_before = PR_ErrorToName(SSL_ERROR_BASE) != NULL;
	PRIntn security = PR_TRUE;
	if (SSL_OptionGetDefault(SSL_SECURITY, &security) != SECSuccess ||
	    SSL_OptionSetDefault(SSL_SECURITY, security) != SECSuccess) {
		printf("SSL_OptionSetDefault failed: %s\n",
		       show(PR_ErrorToName(PR_GetError())));
		return 0;
	}
	int ok = 1;
	if (!PR_ErrorToName(SEC_ERROR_BASE)) {
		printf("NSS did not install its SEC error table\n");
		ok = 0;
	}
	if (!PR_ErrorToName(SSL_ERROR_BASE)) {
		printf("NSS did not install its SSL error table\n");
		ok = 0;
	} else {
		printf("ssl: error table installed %s\n",
		       ssl_before ? "already by NSS_NoDB_Init" : "by SSL_OptionSetDefault");
	}
	return ok;
}

int main(void)
{
	struct domain ssl = {
		"ssl", NSS_SSL_ERROR_MIN, NSS_SSL_ERROR_MAX,
		SSL_ERROR_BASE, SSL_ERROR_LIMIT,
		nss_ssl_error_name, nss_ssl_error_message, nss_ssl_error_from_name,
		ssl_renamed, sizeof ssl_renamed / sizeof ssl_renamed[0], 0, 0,
	};
	struct domain sec = {
		"sec", NSS_SEC_ERROR_MIN, NSS_SEC_ERROR_MAX,
		SEC_ERROR_BASE, SEC_ERROR_LIMIT,
		nss_sec_error_name, nss_sec_error_message, nss_sec_error_from_name,
		NULL, 0, 0, 0,
	};

	if (!install_nss_tables())
		return 1;

	struct domain *domains[] = { &ssl, &sec };
	for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++) {
		struct domain *d = domains[i];
		check_xml_codes(d);
		int known = check_nss_codes(d);
		for (size_t k = 0; k < d->nrenamed; k++)
			if (!d->name(d->renamed[k].code))
				mismatch(d, d->renamed[k].code,
					 "renamed-list entry for a code not in the XML",
					 d->renamed[k].header, d->renamed[k].runtime);
		printf("%s: NSS knows %d codes in [%d, %d)\n", d->tag, known,
		       d->base, d->limit);
	}

	printf("ssl: %d codes checked, %d mismatches; sec: %d codes checked, %d mismatches\n",
	       ssl.checked, ssl.mismatches, sec.checked, sec.mismatches);

	if (NSS_Shutdown() != SECSuccess)
		printf("note: NSS_Shutdown failed\n");
	return ssl.mismatches || sec.mismatches ? 1 : 0;
}
