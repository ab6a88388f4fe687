/*
 * Localized lookups for real: the generated catalog, .mo files made by
 * msgfmt from errgen's .po files, glibc's gettext, locales, and catgets
 * over gencat's catalog. expect_l10n.h (written by expect_l10n.py from the
 * XML) says what each code must give.
 *
 * usage: l10n LOCALEDIR DE_CATALOG.cat
 * Exit status 0 when every check holds, 77 when the de_DE/fr_FR UTF-8
 * locales are missing, 1 otherwise.
 *
 * Linked with -Wl,--wrap=dgettext,--wrap=dcgettext: every gettext call,
 * the catalog's included, goes through the counting wrappers below, so the
 * checks can tell when the catalog's cache of answers asks gettext and when
 * it does not.
 */
#include <locale.h>
#include <nl_types.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "expect_l10n.h"

static int failures;

/* gettext calls, from any thread */
static unsigned long gettext_calls;

char *__real_dgettext(const char *domain, const char *key);
char *__real_dcgettext(const char *domain, const char *key, int category);
char *__wrap_dgettext(const char *domain, const char *key);
char *__wrap_dcgettext(const char *domain, const char *key, int category);

char *__wrap_dgettext(const char *domain, const char *key)
{
	__atomic_fetch_add(&gettext_calls, 1, __ATOMIC_RELAXED);
	return __real_dgettext(domain, key);
}

char *__wrap_dcgettext(const char *domain, const char *key, int category)
{
	__atomic_fetch_add(&gettext_calls, 1, __ATOMIC_RELAXED);
	return __real_dcgettext(domain, key, category);
}

static unsigned long calls_now(void)
{
	return __atomic_load_n(&gettext_calls, __ATOMIC_RELAXED);
}

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

/* Every code through D_error_message_l in locale. */
static void check_all_l(const char *label, locale_t locale, const char *lang)
{
	for (int i = 0; i < N_EXPECTED; i++) {
		const struct expected_l10n *e = &expected[i];
		check(label, e, D_error_message_l(e->value, locale),
		      lang ? want_in(e, lang) : e->english);
	}
	check(label, &unknown_code, D_error_message_l(UNKNOWN_CODE, locale),
	      unknown_code.english);
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
	locale_t locale; /* (locale_t)0: the global locale */
	const char *lang;
	int rounds;
	int failures;
};

/* Many rounds in one locale while another thread works too: through
 * D_error_message_l with a locale, else D_error_message_localized. */
static void *work(void *arg)
{
	struct worker *w = arg;
	for (int round = 0; round < w->rounds; round++)
		for (int i = 0; i < N_EXPECTED; i++) {
			const struct expected_l10n *e = &expected[i];
			const char *got =
				w->locale
					? D_error_message_l(e->value, w->locale)
					: D_error_message_localized(e->value);
			if (!got || strcmp(got, want_in(e, w->lang)) != 0)
				w->failures++;
		}
	return NULL;
}

static void check_threads(void)
{
	struct worker de = {newlocale(LC_ALL_MASK, "de_DE.UTF-8", 0), "de", 200,
			    0};
	struct worker fr = {newlocale(LC_ALL_MASK, "fr_FR.UTF-8", 0), "fr", 200,
			    0};
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

/* glibc's count of changes to what gettext answers; the gettext manual
 * asks a program that changes LANGUAGE to count it up */
extern int _nl_msg_cat_cntr;

/* Whether answers are kept: run_l10n.py builds this file once more with
 * -DERRGEN_NO_CACHE, where gettext must answer every time (but in the C
 * locale, which the catalog answers itself). */
#ifdef ERRGEN_NO_CACHE
#define KEPT 0
#else
#define KEPT 1
#endif

static void expect_calls(const char *what, unsigned long got, int want_none)
{
	printf("cache: %s: %lu gettext calls\n", what, got);
	if (want_none ? got != 0 : got == 0) {
		if (failures++ < 20)
			printf("FAIL cache: %s: %s gettext\n", what,
			       want_none ? "asked" : "did not ask");
	}
}

/* Counts glibc's changes up until told to stop. */
static void *count_up(void *arg)
{
	int *stop = arg;
	while (!__atomic_load_n(stop, __ATOMIC_RELAXED)) {
		__atomic_fetch_add(&_nl_msg_cat_cntr, 1, __ATOMIC_RELAXED);
		sched_yield();
	}
	return NULL;
}

/* The catalog keeps the answers it found in the global locale and asks
 * gettext again only once glibc's change count moves: these checks fail
 * when it keeps nothing, and when it keeps an answer past a change
 * (setlocale, bindtextdomain, LANGUAGE plus the count, a thread's own
 * locale). Runs in de_DE.UTF-8 with LANGUAGE unset. */
static void check_cache(const char *localedir)
{
	unsigned long before;
	_nl_msg_cat_cntr++;
	before = calls_now();
	check_all("cache: de, first round", "de");
	expect_calls("first round", calls_now() - before, 0);
	before = calls_now();
	check_all("cache: de, second round", "de");
	expect_calls("second round", calls_now() - before, KEPT);

	/* LANGUAGE the way the gettext manual says */
	setenv("LANGUAGE", "fr", 1);
	_nl_msg_cat_cntr++;
	check_all("cache: LANGUAGE=fr and the count", "fr");
	before = calls_now();
	check_all("cache: LANGUAGE=fr kept", "fr");
	expect_calls("LANGUAGE=fr, second round", calls_now() - before, KEPT);
	unsetenv("LANGUAGE");
	_nl_msg_cat_cntr++;
	check_all("cache: LANGUAGE unset again", "de");

	/* another directory without catalogs: English; then back */
	bindtextdomain(D_TEXTDOMAIN, "/nonexistent/errgen-l10n");
	check_all("cache: bound elsewhere", NULL);
	bindtextdomain(D_TEXTDOMAIN, localedir);
	check_all("cache: bound back", "de");

	/* a thread with a locale of its own is answered in it, every time
	 * through gettext, and leaves the kept German answers alone */
	{
		locale_t fr = newlocale(LC_ALL_MASK, "fr_FR.UTF-8", 0);
		locale_t saved = uselocale(fr);
		check_all("cache: uselocale fr, first", "fr");
		before = calls_now();
		check_all("cache: uselocale fr, again", "fr");
		expect_calls("uselocale fr, second round", calls_now() - before,
			     0);
		uselocale(saved);
		freelocale(fr);
		before = calls_now();
		check_all("cache: global de after uselocale", "de");
		expect_calls("global de after uselocale", calls_now() - before,
			     KEPT);
	}

	/* two threads fill the emptied cache at once, a third asks in French
	 * through its own locale, and a fourth keeps counting glibc's changes
	 * up (nothing really changes: German stays right), so entries are
	 * replaced under readers */
	{
		locale_t fr = newlocale(LC_ALL_MASK, "fr_FR.UTF-8", 0);
		struct worker w[3] = {{(locale_t)0, "de", 50, 0},
				      {(locale_t)0, "de", 50, 0},
				      {fr, "fr", 20, 0}};
		pthread_t t[3], tc;
		int stop = 0;
		_nl_msg_cat_cntr++;
		pthread_create(&tc, NULL, count_up, &stop);
		for (int k = 0; k < 3; k++)
			pthread_create(&t[k], NULL, work, &w[k]);
		for (int k = 0; k < 3; k++)
			pthread_join(t[k], NULL);
		__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
		pthread_join(tc, NULL);
		printf("cache: two German fillers and a French reader: %d, %d "
		       "and %d wrong\n",
		       w[0].failures, w[1].failures, w[2].failures);
		failures += w[0].failures + w[1].failures + w[2].failures;
		freelocale(fr);
	}

	/* D_error_message_l keeps its answers by the locale's LC_MESSAGES
	 * name, in four ways: here five names (French first, which the
	 * reader above may have named already), so the last finds none */
	{
		static const char *const names[] = {"de_DE.UTF-8", "C",
						    "C.UTF-8", "de_DE.utf8"};
		locale_t fr = newlocale(LC_ALL_MASK, "fr_FR.UTF-8", 0);
		locale_t fr2 = newlocale(LC_ALL_MASK, "fr_FR.UTF-8", 0);
		locale_t other[4];
		check_all_l("cache: _l fr, first", fr, "fr");
		before = calls_now();
		check_all_l("cache: _l fr, again", fr, "fr");
		expect_calls("_l fr, second round", calls_now() - before, KEPT);
		before = calls_now();
		check_all_l("cache: _l, another fr locale_t", fr2, "fr");
		expect_calls("_l, another locale_t of the same name",
			     calls_now() - before, KEPT);
		/* LANGUAGE wins over a locale of one's own too */
		setenv("LANGUAGE", "de", 1);
		_nl_msg_cat_cntr++;
		check_all_l("cache: _l fr under LANGUAGE=de", fr, "de");
		unsetenv("LANGUAGE");
		_nl_msg_cat_cntr++;
		check_all_l("cache: _l fr, LANGUAGE unset", fr, "fr");
		/* three more names fill the ways; the fifth name is answered
		 * by gettext every time, and right */
		for (int k = 0; k < 4; k++) {
			other[k] = newlocale(LC_ALL_MASK, names[k], 0);
			if (!other[k]) {
				printf("FAIL newlocale %s\n", names[k]);
				failures++;
				continue;
			}
			check_all_l("cache: _l, one more locale", other[k],
				    names[k][0] == 'C' ? NULL : "de");
		}
		if (other[3]) {
			before = calls_now();
			check_all_l("cache: _l, a fifth locale", other[3],
				    "de");
			expect_calls("_l, a fifth locale name, second round",
				     calls_now() - before, 0);
		}
		before = calls_now();
		check_all_l("cache: _l fr, after the others", fr, "fr");
		expect_calls("_l fr, after the others", calls_now() - before,
			     KEPT);
		for (int k = 0; k < 4; k++)
			if (other[k])
				freelocale(other[k]);
		freelocale(fr2);
		freelocale(fr);
	}

	/* the C locale: English, kept too */
	setlocale(LC_ALL, "C");
	check_all("cache: C", NULL);
	before = calls_now();
	check_all("cache: C again", NULL);
	expect_calls("C, second round", calls_now() - before, 1);
	setlocale(LC_ALL, "de_DE.UTF-8");
	check_all("cache: de after C", "de");
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
	check_cache(argv[1]);
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
