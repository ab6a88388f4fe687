/*
 * errgen's generated catalog under callgrind (see bench_lookup.py).
 *
 *   lookup_errgen VARIANT RANDOM KEYS [LOCALEDIR LOCALE]
 *
 * VARIANT: empty_code, empty_name, empty_name_n, message, name, from_name,
 * from_name_n (the names' lengths known beforehand), localized,
 * localized_kept, message_l (the last three in LOCALE, with LOCALEDIR bound
 * to the catalog's text domain; LOCALE "C" for no translation).
 * localized_kept first looks every element up once outside the counted
 * loop, so it measures the catalog's kept answers alone. RANDOM is the shared
 * file of random numbers, KEYS the domain's "VALUE NAME" lines; element i of
 * the arrays is key RANDOM[i] % count. Before the loop, every key is checked
 * both ways, so a wrong catalog cannot produce a figure.
 */
#define _GNU_SOURCE
#include <libintl.h>
#include <locale.h>

#include "bench_errors.h"
#include "lookup_common.h"

static locale_t bench_locale;

CODE_LOOP(message, int, bench_error_message(code))
CODE_LOOP(name, int, bench_error_name(code))
CODE_LOOP(localized, int, bench_error_message_localized(code))
CODE_LOOP(localized_kept, int, bench_error_message_localized(code))
CODE_LOOP(message_l, int, bench_error_message_l(code, bench_locale))

NOINLINE uintptr_t loop_from_name(const char *const *names, size_t n)
{
	uintptr_t acc = 0;
	for (size_t i = 0; i < n; i++) {
		int code = 0;
		acc += (uintptr_t)bench_error_from_name(names[i], &code);
		acc += (uintptr_t)code;
		BARRIER(acc);
	}
	return acc;
}

NOINLINE uintptr_t loop_from_name_n(const char *const *names,
				    const size_t *lens, size_t n)
{
	uintptr_t acc = 0;
	for (size_t i = 0; i < n; i++) {
		int code = 0;
		acc += (uintptr_t)bench_error_from_name_n(names[i], lens[i],
							   &code);
		acc += (uintptr_t)code;
		BARRIER(acc);
	}
	return acc;
}

int main(int argc, char **argv)
{
	if (argc != 4 && argc != 6)
		die("usage: lookup_errgen VARIANT RANDOM KEYS [LOCALEDIR LOCALE]");
	const char *variant = argv[1];
	size_t n, nkeys;
	uint32_t *r = read_random(argv[2], &n);
	long *values;
	char **keynames;
	nkeys = read_keys(argv[3], &values, &keynames);

	for (size_t k = 0; k < nkeys; k++) {
		int code = -1;
		const char *name = bench_error_name((int)values[k]);
		if (!name || strcmp(name, keynames[k]) != 0)
			die("bench_error_name disagrees with the keys");
		if (!bench_error_from_name(keynames[k], &code) ||
		    code != (int)values[k])
			die("bench_error_from_name disagrees with the keys");
		code = -1;
		if (!bench_error_from_name_n(keynames[k], strlen(keynames[k]),
					     &code) ||
		    code != (int)values[k])
			die("bench_error_from_name_n disagrees with the keys");
	}

	int *codes = malloc(n * sizeof(*codes));
	const char **names = malloc(n * sizeof(*names));
	if (!codes || !names)
		die("out of memory");
	for (size_t i = 0; i < n; i++) {
		codes[i] = (int)values[r[i] % nkeys];
		names[i] = keynames[r[i] % nkeys];
	}
	const size_t *lens = name_lengths(names, n);

	const char *translated = "-";
	if (argc == 6) {
		unsetenv("LANGUAGE");
		if (!bindtextdomain(BENCH_ERROR_TEXTDOMAIN, argv[4]))
			die("bindtextdomain failed");
		if (!setlocale(LC_ALL, argv[5]))
			die("setlocale failed: locale not installed");
		bench_locale = newlocale(LC_ALL_MASK, argv[5], (locale_t)0);
		if (!bench_locale)
			die("newlocale failed");
		const char *en = bench_error_message(codes[0]);
		const char *l10n = bench_error_message_localized(codes[0]);
		const char *l10n_l = bench_error_message_l(codes[0], bench_locale);
		if (strcmp(l10n, l10n_l) != 0)
			die("message_localized and message_l disagree");
		translated = strcmp(en, l10n) != 0 ? "yes" : "no";
		/* the loop runs in the C locale after this for message_l */
		if (strcmp(variant, "message_l") == 0)
			setlocale(LC_ALL, "C");
	}

	/* warm-up: lazy binding, the .mo file, first-use state */
	uintptr_t acc = 0;
	acc += loop_message(codes, 1) + loop_name(codes, 1) +
	       loop_from_name(names, 1) + loop_from_name_n(names, lens, 1);
	if (argc == 6)
		acc += loop_localized(codes, 1) + loop_message_l(codes, 1);

	/* the empty loops run once more too, so that both sides of the
	 * difference count n + 1 calls */
	if (strcmp(variant, "empty_code") == 0)
		acc += loop_empty_code(codes, 1) + loop_empty_code(codes, n);
	else if (strcmp(variant, "empty_name") == 0)
		acc += loop_empty_name(names, 1) + loop_empty_name(names, n);
	else if (strcmp(variant, "message") == 0)
		acc += loop_message(codes, n);
	else if (strcmp(variant, "name") == 0)
		acc += loop_name(codes, n);
	else if (strcmp(variant, "empty_name_n") == 0)
		acc += loop_empty_name_n(names, lens, 1) +
		       loop_empty_name_n(names, lens, n);
	else if (strcmp(variant, "from_name") == 0)
		acc += loop_from_name(names, n);
	else if (strcmp(variant, "from_name_n") == 0)
		acc += loop_from_name_n(names, lens, n);
	else if (strcmp(variant, "localized") == 0 && argc == 6)
		acc += loop_localized(codes, n);
	else if (strcmp(variant, "localized_kept") == 0 && argc == 6)
		acc += loop_localized(codes, n) +
		       loop_localized_kept(codes, 1) +
		       loop_localized_kept(codes, n);
	else if (strcmp(variant, "message_l") == 0 && argc == 6)
		acc += loop_message_l(codes, n);
	else
		die("unknown variant (localized, localized_kept and message_l "
		    "need a locale)");
	printf("variant=%s calls=%zu keys=%zu translated=%s acc=%lu\n", variant,
	       n, nkeys, translated, (unsigned long)acc);
	return 0;
}
