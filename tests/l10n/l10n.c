/*
 * Localized lookups for real: the generated catalog, .mo files made by
 * msgfmt from errgen's .po files, glibc's gettext, locales, and catgets
 * over gencat's catalog. expect_l10n.h (written by expect_l10n.py from the
 * XML) says what each code must give.
 *
 * usage: l10n LOCALEDIR DE_CATALOG.cat
 * Exit status 0 when every check holds, 77 when the de_DE/fr_FR UTF-8
 * locales are missing, 1 otherwise.
 */
#include <locale.h>
#include <nl_types.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "expect_l10n.h"

static int failures;

static void check(const char *what, const struct expected_l10n *e,
		  const char *got, const char *want)
{
	if (got && strcmp(got, want) == 0)
		return;
	if (failures++ < 20)
		printf("FAIL %s %s (%d): got \"%s\", want \"%s\"\n", what,
		       e->name, e->value, got ? got : "(null)", want);
}

static const char *want_in(const struct expected_l10n *e, const char *lang)
{
	const char *t = strcmp(lang, "de") == 0 ? e->de : e->fr;
	return t ? t : e->english;
}

/* Every code through D_error_message_localized in the current locale. */
static int check_all(const char *label, const char *lang)
{
	int translated = 0;
	for (int i = 0; i < N_EXPECTED; i++) {
		const struct expected_l10n *e = &expected[i];
		const char *want = lang ? want_in(e, lang) : e->english;
		check(label, e, D_error_message_localized(e->value), want);
		translated += want != e->english;
	}
	check(label, &unknown_code, D_error_message_localized(UNKNOWN_CODE),
	      unknown_code.english);
	return translated;
}

/* Every code and an unknown one give what gettext itself gives for their
 * key (the English message when it gives the key back): the lookup may
 * skip gettext only where gettext would translate nothing. Returns how
 * many came back translated. */
static int check_as_gettext(const char *label)
{
	int translated = 0;
	for (int i = 0; i <= N_EXPECTED; i++) {
		const struct expected_l10n *e =
			i < N_EXPECTED ? &expected[i] : &unknown_code;
		const char *text = dgettext(D_TEXTDOMAIN, e->key);
		const char *want = text == e->key ? e->english : text;
		check(label, e, D_error_message_localized(e->value), want);
		translated += text != e->key;
	}
	return translated;
}

/* LANGUAGE=de under the C locale and its look-alikes: glibc ignores
 * LANGUAGE in "C" only, so the catalog may skip gettext there and must
 * ask it everywhere else. */
static void check_c_locales(void)
{
	static const char *const locales[] = {"C", "POSIX", "C.UTF-8",
					      "de_DE.UTF-8"};
	setenv("LANGUAGE", "de", 1);
	for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++) {
		char label[64];
		if (!setlocale(LC_ALL, locales[i]))
			continue; /* C.UTF-8 is not everywhere */
		snprintf(label, sizeof(label), "as gettext, LANGUAGE=de LC_ALL=%s",
			 locales[i]);
		int n = check_as_gettext(label);
		printf("LANGUAGE=de LC_ALL=%s: gettext translates %d\n",
		       locales[i], n);
		if (strcmp(locales[i], "C") == 0 && n != 0 && failures++ < 20)
			printf("FAIL gettext translated in the C locale\n");
		if (strcmp(locales[i], "de_DE.UTF-8") == 0 && n == 0 &&
		    failures++ < 20)
			printf("FAIL gettext translated nothing in German\n");
		setlocale(LC_ALL, "C");
	}
	unsetenv("LANGUAGE");
}

struct worker {
	locale_t locale;
	const char *lang;
	int failures;
};

/* Many rounds in one locale while another thread uses the other. */
static void *work(void *arg)
{
	struct worker *w = arg;
	for (int round = 0; round < 200; round++)
		for (int i = 0; i < N_EXPECTED; i++) {
			const struct expected_l10n *e = &expected[i];
			const char *got = D_error_message_l(e->value, w->locale);
			if (!got || strcmp(got, want_in(e, w->lang)) != 0)
				w->failures++;
		}
	return NULL;
}

static void check_threads(void)
{
	struct worker de = {newlocale(LC_ALL_MASK, "de_DE.UTF-8", 0), "de", 0};
	struct worker fr = {newlocale(LC_ALL_MASK, "fr_FR.UTF-8", 0), "fr", 0};
	pthread_t a, b;
	pthread_create(&a, NULL, work, &de);
	pthread_create(&b, NULL, work, &fr);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("threads: de %d wrong, fr %d wrong\n", de.failures, fr.failures);
	failures += de.failures + fr.failures;
	freelocale(de.locale);
	freelocale(fr.locale);
}

static void check_catgets(const char *cat_path)
{
	nl_catd cat = catopen(cat_path, 0);
	int n = 0;
	if (cat == (nl_catd)-1) {
		printf("FAIL catopen %s\n", cat_path);
		failures++;
		return;
	}
	for (int i = 0; i < N_EXPECTED; i++) {
		const struct expected_l10n *e = &expected[i];
		if (!e->de || !e->catgets_number)
			continue;
		const char *got = catgets(cat, D_CATGETS_SET,
					  D_CATGETS_NUMBER(e->value),
					  e->english);
		check("catgets de", e, got, e->de);
		n++;
	}
	catclose(cat);
	printf("catgets: %d German messages read back\n", n);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: l10n LOCALEDIR DE.cat\n");
		return 2;
	}
	unsetenv("LANGUAGE");
	bindtextdomain(D_TEXTDOMAIN, argv[1]);
	bind_textdomain_codeset(D_TEXTDOMAIN, "UTF-8");
	if (!setlocale(LC_ALL, "fr_FR.UTF-8") ||
	    !setlocale(LC_ALL, "de_DE.UTF-8")) {
		printf("SKIP: de_DE.UTF-8 or fr_FR.UTF-8 locale missing\n");
		return 77;
	}
	int de = check_all("de (LC_ALL)", "de");
	/* LANGUAGE wins over the locale; glibc notices a change of it once a
	 * locale change flushes its cache of found messages */
	setenv("LANGUAGE", "fr", 1);
	setlocale(LC_ALL, "C");
	setlocale(LC_ALL, "de_DE.UTF-8");
	int fr = check_all("fr (LANGUAGE)", "fr");
	unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C");
	setlocale(LC_ALL, "de_DE.UTF-8");
	check_all("de again", "de");
	setlocale(LC_ALL, "C");
	check_all("C", NULL);
	check_c_locales();
	setlocale(LC_ALL, "C");
	printf("localized: %d German and %d French messages, the rest English\n",
	       de, fr);
	check_threads();
	if (*argv[2])
		check_catgets(argv[2]);
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
