/*
 * The peers of errgen's catalog under callgrind (see bench_lookup.py).
 *
 *   lookup_peers VARIANT RANDOM KEYS [LOCALE]
 *
 * VARIANT (each only when built with its HAVE_ macro):
 *   empty_code, empty_long, empty_name, empty_name_n
 *                the loops without a call
 *   gperf        gperf_lookup(name, strlen(name)) over the KEYS names
 *                (HAVE_GPERF; bench_gperf.c from gperf)
 *   gperf_n      gperf_lookup(name, len), the lengths known beforehand
 *   bsearch      bsearch() + strcmp over the KEYS names, sorted
 *   strerror     glibc strerror over the errno values it names
 *   gpg_strerror libgpg-error over its known codes (HAVE_GPG_ERROR)
 *   com_err      error_message over the compile_et tables (HAVE_COM_ERR;
 *                et_codes.c lists the codes and initializes the tables)
 *   nss          PR_ErrorToString over the codes NSS names, after
 *                NSS_NoDB_Init and the SSL table (HAVE_NSS)
 *   openssl      ERR_reason_error_string over every packed reason
 *                OpenSSL has a string for (HAVE_OPENSSL)
 * LOCALE: setlocale(LC_ALL, LOCALE) before the loop (default "C"); matters
 * for strerror and gpg_strerror, which translate through gettext.
 *
 * Element i of each code array is valid code RANDOM[i] % count, the same
 * random sequence as lookup_errgen.
 */
#define _GNU_SOURCE
#include <locale.h>

#include "lookup_common.h"

/* ---- gperf and bsearch over the same names ---- */
#ifdef HAVE_GPERF
struct gperf_entry {
	const char *name;
	int code;
};
const struct gperf_entry *gperf_lookup(const char *str, size_t len);
NAME_LOOP(gperf, gperf_lookup(name, strlen(name)))
NAME_N_LOOP(gperf_n, gperf_lookup(name, len))
#endif

struct sorted_entry {
	const char *name;
	int code;
};
static struct sorted_entry *sorted;
static size_t nsorted;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct sorted_entry *)a)->name,
		      ((const struct sorted_entry *)b)->name);
}

static int cmp_key(const void *key, const void *e)
{
	return strcmp((const char *)key,
		      ((const struct sorted_entry *)e)->name);
}

NAME_LOOP(bsearch,
	  bsearch(name, sorted, nsorted, sizeof(*sorted), cmp_key))

/* ---- message lookups ---- */
CODE_LOOP(strerror, int, strerror(code))

#ifdef HAVE_GPG_ERROR
#include <gpg-error.h>
CODE_LOOP(gpg_strerror, int, gpg_strerror((gpg_error_t)code))
#endif

#ifdef HAVE_COM_ERR
#include <et/com_err.h>
extern const long et_codes[];
extern const size_t et_ncodes;
void et_init_all(void);
CODE_LOOP(com_err, long, error_message(code))
#endif

#ifdef HAVE_NSS
#include <nss.h>
#include <prerror.h>
#include <secerr.h>
#include <ssl.h>
#include <sslerr.h>
CODE_LOOP(nss, int, PR_ErrorToString(code, PR_LANGUAGE_I_DEFAULT))
#endif

#ifdef HAVE_OPENSSL
#include <openssl/err.h>
#include <openssl/ssl.h>
CODE_LOOP(openssl, long, ERR_reason_error_string((unsigned long)code))
#endif

/* valid[] -> codes[i] = valid[r[i] % nvalid] */
static int *int_codes(const int *valid, size_t nvalid, const uint32_t *r,
		      size_t n)
{
	int *c = malloc(n * sizeof(*c));
	if (!c || !nvalid)
		die("no codes");
	for (size_t i = 0; i < n; i++)
		c[i] = valid[r[i] % nvalid];
	return c;
}

static long *long_codes(const long *valid, size_t nvalid, const uint32_t *r,
			size_t n)
{
	long *c = malloc(n * sizeof(*c));
	if (!c || !nvalid)
		die("no codes");
	for (size_t i = 0; i < n; i++)
		c[i] = valid[r[i] % nvalid];
	return c;
}

#define IS(v) (strcmp(variant, v) == 0)

int main(int argc, char **argv)
{
	if (argc != 4 && argc != 5)
		die("usage: lookup_peers VARIANT RANDOM KEYS [LOCALE]");
	const char *variant = argv[1];
	size_t n, nkeys, nvalid = 0;
	uint32_t *r = read_random(argv[2], &n);
	long *values;
	char **keynames;
	nkeys = read_keys(argv[3], &values, &keynames);
	unsetenv("LANGUAGE");
	if (!setlocale(LC_ALL, argc == 5 ? argv[4] : "C"))
		die("setlocale failed: locale not installed");

	const char **names = malloc(n * sizeof(*names));
	int *valid = malloc(70000 * sizeof(*valid));
	long *lvalid = malloc(70000 * sizeof(*lvalid));
	if (!names || !valid || !lvalid)
		die("out of memory");
	for (size_t i = 0; i < n; i++)
		names[i] = keynames[r[i] % nkeys];
	uintptr_t acc = 0;

	if (IS("empty_code")) {
		for (int e = 1; e < 134; e++)
			valid[nvalid++] = e;
		const int *c = int_codes(valid, nvalid, r, n);
		/* once more, as every measured loop runs a warm-up call */
		acc += loop_empty_code(c, 1) + loop_empty_code(c, n);
	} else if (IS("empty_long")) {
		for (int e = 1; e < 134; e++)
			lvalid[nvalid++] = e;
		const long *c = long_codes(lvalid, nvalid, r, n);
		acc += loop_empty_long(c, 1) + loop_empty_long(c, n);
	} else if (IS("empty_name")) {
		acc += loop_empty_name(names, 1) + loop_empty_name(names, n);
	} else if (IS("empty_name_n")) {
		const size_t *lens = name_lengths(names, n);
		acc += loop_empty_name_n(names, lens, 1) +
		       loop_empty_name_n(names, lens, n);
#ifdef HAVE_GPERF
	} else if (IS("gperf")) {
		for (size_t k = 0; k < nkeys; k++) {
			const struct gperf_entry *e =
				gperf_lookup(keynames[k], strlen(keynames[k]));
			if (!e || e->code != (int)values[k])
				die("gperf table disagrees with the keys");
		}
		acc += loop_gperf(names, 1);
		acc += loop_gperf(names, n);
	} else if (IS("gperf_n")) {
		const size_t *lens = name_lengths(names, n);
		acc += loop_gperf_n(names, lens, 1);
		acc += loop_gperf_n(names, lens, n);
#endif
	} else if (IS("bsearch")) {
		nsorted = nkeys;
		sorted = malloc(nkeys * sizeof(*sorted));
		for (size_t k = 0; k < nkeys; k++) {
			sorted[k].name = strdup(keynames[k]);
			sorted[k].code = (int)values[k];
		}
		qsort(sorted, nsorted, sizeof(*sorted), cmp_entry);
		for (size_t k = 0; k < nkeys; k++) {
			const struct sorted_entry *e =
				bsearch(keynames[k], sorted, nsorted,
					sizeof(*sorted), cmp_key);
			if (!e || e->code != (int)values[k])
				die("bsearch disagrees with the keys");
		}
		acc += loop_bsearch(names, 1);
		acc += loop_bsearch(names, n);
	} else if (IS("strerror")) {
		for (int e = 1; e < 4096; e++)
			if (strerrorname_np(e))
				valid[nvalid++] = e;
		int *c = int_codes(valid, nvalid, r, n);
		acc += loop_strerror(c, 1);
		acc += loop_strerror(c, n);
#ifdef HAVE_GPG_ERROR
	} else if (IS("gpg_strerror")) {
		gpg_err_init();
		const char *unknown = gpg_strerror(16000);
		for (int e = 1; e < GPG_ERR_CODE_DIM; e++)
			if (!(e & GPG_ERR_SYSTEM_ERROR) &&
			    strcmp(gpg_strerror((gpg_error_t)e), unknown) != 0)
				valid[nvalid++] = e;
		int *c = int_codes(valid, nvalid, r, n);
		acc += loop_gpg_strerror(c, 1);
		acc += loop_gpg_strerror(c, n);
#endif
#ifdef HAVE_COM_ERR
	} else if (IS("com_err")) {
		et_init_all();
		for (size_t k = 0; k < et_ncodes; k++) {
			const char *m = error_message(et_codes[k]);
			if (!m || strncmp(m, "Unknown code", 12) == 0)
				die("com_err does not know a code");
			lvalid[nvalid++] = et_codes[k];
		}
		long *c = long_codes(lvalid, nvalid, r, n);
		acc += loop_com_err(c, 1);
		acc += loop_com_err(c, n);
#endif
#ifdef HAVE_NSS
	} else if (IS("nss")) {
		PRIntn security = PR_TRUE;
		if (NSS_NoDB_Init(NULL) != SECSuccess ||
		    SSL_OptionGetDefault(SSL_SECURITY, &security) != SECSuccess ||
		    SSL_OptionSetDefault(SSL_SECURITY, security) != SECSuccess)
			die("NSS initialization failed");
		for (int e = SEC_ERROR_BASE; e < SEC_ERROR_BASE + 1000; e++)
			if (PR_ErrorToName(e))
				valid[nvalid++] = e;
		for (int e = SSL_ERROR_BASE; e < SSL_ERROR_BASE + 1000; e++)
			if (PR_ErrorToName(e))
				valid[nvalid++] = e;
		int *c = int_codes(valid, nvalid, r, n);
		acc += loop_nss(c, 1);
		acc += loop_nss(c, n);
#endif
#ifdef HAVE_OPENSSL
	} else if (IS("openssl")) {
		OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS |
					 OPENSSL_INIT_LOAD_CRYPTO_STRINGS,
				 NULL);
		/* only reasons a library has a string of its own for: a
		 * miss falls back to the common (library 0) reasons, which
		 * would cost a second hash lookup */
		for (int lib = 1; lib < ERR_LIB_USER; lib++) {
			if (lib == ERR_LIB_SYS)
				continue;
			for (int reason = 1; reason < 2048; reason++) {
				const char *own = ERR_reason_error_string(
					ERR_PACK(lib, 0, reason));
				const char *common = ERR_reason_error_string(
					ERR_PACK(0, 0, reason));
				if (own && own != common && nvalid < 70000)
					lvalid[nvalid++] =
						(long)ERR_PACK(lib, 0, reason);
			}
		}
		long *c = long_codes(lvalid, nvalid, r, n);
		acc += loop_openssl(c, 1);
		acc += loop_openssl(c, n);
#endif
	} else {
		die("unknown variant, or not built in");
	}
	printf("variant=%s calls=%zu valid=%zu locale=%s acc=%lu\n", variant,
	       n, nvalid, setlocale(LC_MESSAGES, NULL), (unsigned long)acc);
	return 0;
}
