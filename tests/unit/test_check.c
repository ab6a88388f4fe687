/* check: the meaning-level rules, on models built in memory. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model.h"

/* ------------------------------------------------------------------ */
/* Building models                                                     */

#define MAX_ERRORS 32
#define MAX_SUB	   8 /* translations, mappings per error */

/* A copy of s among d's strings, which domain_free() frees. */
static char *xstrdup(struct domain *d, const char *s)
{
	char *r = strarena_dup(&d->strings, s);
	assert_non_null(r);
	return r;
}

static struct loc at(const char *file, int line, int col)
{
	return (struct loc){file, line, col};
}

/* A domain read from file: its root at file:2:1, attributes on line 2. */
static void dom_init(struct domain *d, const char *file, const char *name,
		     const char *prefix)
{
	memset(d, 0, sizeof(*d));
	d->path = xstrdup(d, file);
	d->basename = xstrdup(d, file);
	d->name = xstrdup(d, name);
	d->prefix = prefix ? xstrdup(d, prefix) : NULL;
	d->gettext_domain = xstrdup(d, name);
	d->unknown_message = xstrdup(d, "Unknown error code");
	d->title = xstrdup(d, "Test errors");
	d->loc = at(file, 2, 1);
	d->base_loc = at(file, 2, 30);
	d->min_loc = at(file, 2, 40);
	d->max_loc = at(file, 2, 50);
	d->languages_loc = at(file, 2, 60);
	/* room for every error a test adds: pointers stay valid */
	d->errors = calloc(MAX_ERRORS, sizeof(*d->errors));
	assert_non_null(d->errors);
}

static void dom_range(struct domain *d, bool has_min, int32_t min, bool has_max,
		      int32_t max)
{
	d->has_min = has_min;
	d->min = min;
	d->has_max = has_max;
	d->max = max;
}

static void dom_base(struct domain *d, int32_t base)
{
	d->has_base = true;
	d->base = base;
}

static void dom_language(struct domain *d, const char *lang)
{
	char **l = realloc(d->languages, (d->nlanguages + 1) * sizeof(*l));
	assert_non_null(l);
	d->languages = l;
	d->languages[d->nlanguages++] = xstrdup(d, lang);
}

static void dom_group(struct domain *d, const char *id, int line)
{
	struct group *g = realloc(d->groups, (d->ngroups + 1) * sizeof(*g));
	assert_non_null(g);
	d->groups = g;
	g = &d->groups[d->ngroups++];
	memset(g, 0, sizeof(*g));
	g->id = xstrdup(d, id);
	g->title = xstrdup(d, "A group");
	g->loc = at(d->path, line, 3);
	g->id_loc = at(d->path, line, 14);
}

/*
 * An error whose element starts at FILE:line:3, name at line:10, value at
 * line:20 and English message (when not NULL) at line+1:5.
 */
static struct error *add_error(struct domain *d, const char *name,
			       int32_t value, const char *message, int line)
{
	assert_true(d->nerrors < MAX_ERRORS);
	struct error *e = &d->errors[d->nerrors++];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup(d, name);
	e->value = value;
	e->status = STATUS_ACTIVE;
	e->group = NO_GROUP;
	e->loc = at(d->path, line, 3);
	e->name_loc = at(d->path, line, 10);
	e->value_loc = at(d->path, line, 20);
	if (message) {
		e->message = xstrdup(d, message);
		e->message_loc = at(d->path, line + 1, 5);
	}
	e->translations = calloc(MAX_SUB, sizeof(*e->translations));
	e->mappings = calloc(MAX_SUB, sizeof(*e->mappings));
	assert_non_null(e->translations);
	assert_non_null(e->mappings);
	return e;
}

/* A translation at file:line:5. */
static void add_tr(struct domain *d, struct error *e, const char *lang,
		   const char *text, int line)
{
	assert_true(e->ntranslations < MAX_SUB);
	struct translation *t = &e->translations[e->ntranslations++];
	t->lang = xstrdup(d, lang);
	t->text = xstrdup(d, text);
	t->loc = at(d->path, line, 5);
}

/* A mapping at file:line:5, its name at file:line:20. */
static struct mapping *add_map(struct domain *d, struct error *e,
			       enum map_target target, const char *name,
			       enum map_direction dir, bool preferred, int line)
{
	assert_true(e->nmappings < MAX_SUB);
	struct mapping *m = &e->mappings[e->nmappings++];
	m->target = target;
	m->name = xstrdup(d, name);
	m->direction = dir;
	m->preferred = preferred;
	m->loc = at(d->path, line, 5);
	m->name_loc = at(d->path, line, 20);
	return m;
}

/* Runs check_domains; returns the diagnostics (caller frees). */
static char *run_check(const struct domain *doms, size_t n, bool *ok,
		       unsigned *errors)
{
	struct capture c;
	capture_begin(&c);
	*ok = check_domains(doms, n);
	*errors = diag_error_count();
	return capture_end(&c);
}

/* Checks one domain, expects exactly text and nerrors errors, frees it. */
static void expect_diags(struct domain *d, const char *text, unsigned nerrors)
{
	bool ok;
	unsigned errors;
	char *got = run_check(d, 1, &ok, &errors);
	assert_string_equal(got, text);
	assert_int_equal(errors, nerrors);
	assert_int_equal(ok, nerrors == 0);
	free(got);
	domain_free(d);
}

/* ------------------------------------------------------------------ */
/* C identifiers                                                       */

static void test_c_is_identifier(void **state)
{
	(void)state;
	assert_false(c_is_identifier(NULL));
	assert_false(c_is_identifier(""));
	assert_false(c_is_identifier("1abc"));
	assert_false(c_is_identifier("9"));
	assert_false(c_is_identifier("a-b"));
	assert_false(c_is_identifier("a b"));
	assert_false(c_is_identifier("a$"));
	assert_false(c_is_identifier("caf\xc3\xa9")); /* UTF-8 e-acute */
	assert_false(c_is_identifier("\xc3\xa9t\xc3\xa9"));
	assert_false(c_is_identifier("x\x80"));
	assert_false(c_is_identifier("\xff"));
	assert_true(c_is_identifier("a"));
	assert_true(c_is_identifier("_"));
	assert_true(c_is_identifier("Z9_z"));
	assert_true(c_is_identifier("SSL_ERROR_RX_MALFORMED_CLIENT_HELLO"));
	assert_true(c_is_identifier("a0123456789"));
}

static void test_c_is_keyword(void **state)
{
	(void)state;
	/* the table is searched with bsearch: every entry must be found, so a
	 * misplaced one shows up here */
	static const char *const kw[] = {
		"_Alignas",
		"_Alignof",
		"_Atomic",
		"_BitInt",
		"_Bool",
		"_Complex",
		"_Decimal128",
		"_Decimal32",
		"_Decimal64",
		"_Generic",
		"_Imaginary",
		"_Noreturn",
		"_Static_assert",
		"_Thread_local",
		"alignas",
		"alignof",
		"and",
		"and_eq",
		"asm",
		"auto",
		"bitand",
		"bitor",
		"bool",
		"break",
		"case",
		"catch",
		"char",
		"char16_t",
		"char32_t",
		"char8_t",
		"class",
		"co_await",
		"co_return",
		"co_yield",
		"compl",
		"concept",
		"const",
		"const_cast",
		"consteval",
		"constexpr",
		"constinit",
		"continue",
		"decltype",
		"default",
		"delete",
		"do",
		"double",
		"dynamic_cast",
		"else",
		"enum",
		"explicit",
		"export",
		"extern",
		"false",
		"float",
		"for",
		"friend",
		"goto",
		"if",
		"inline",
		"int",
		"long",
		"mutable",
		"namespace",
		"new",
		"noexcept",
		"not",
		"not_eq",
		"nullptr",
		"operator",
		"or",
		"or_eq",
		"private",
		"protected",
		"public",
		"register",
		"reinterpret_cast",
		"requires",
		"restrict",
		"return",
		"short",
		"signed",
		"sizeof",
		"static",
		"static_assert",
		"static_cast",
		"struct",
		"switch",
		"template",
		"this",
		"thread_local",
		"throw",
		"true",
		"try",
		"typedef",
		"typeid",
		"typename",
		"typeof",
		"typeof_unqual",
		"union",
		"unsigned",
		"using",
		"virtual",
		"void",
		"volatile",
		"wchar_t",
		"while",
		"xor",
		"xor_eq",
	};
	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (!c_is_keyword(kw[i]))
			fail_msg("'%s' is not recognised as a keyword", kw[i]);
	assert_false(c_is_keyword(""));
	assert_false(c_is_keyword("Class"));
	assert_false(c_is_keyword("INT"));
	assert_false(c_is_keyword("int8_t"));
	assert_false(c_is_keyword("classes"));
	assert_false(c_is_keyword("_"));
	assert_false(c_is_keyword("zzz"));
	assert_false(c_is_keyword("AAA"));
}

static void test_c_identifier_problem(void **state)
{
	(void)state;
	assert_string_equal(c_identifier_problem(""), "is not a C identifier");
	assert_string_equal(c_identifier_problem("7up"),
			    "is not a C identifier");
	assert_string_equal(c_identifier_problem("na\xc3\xafve"),
			    "is not a C identifier");
	assert_string_equal(c_identifier_problem("\x80"),
			    "is not a C identifier");
	assert_string_equal(c_identifier_problem("class"),
			    "is a C or C++ keyword");
	assert_string_equal(c_identifier_problem("int"),
			    "is a C or C++ keyword");
	/* a reserved keyword that also starts with an underscore: keyword */
	assert_string_equal(c_identifier_problem("_Bool"),
			    "is a C or C++ keyword");
	assert_string_equal(
		c_identifier_problem("_foo"),
		"begins with an underscore, which C reserves at file scope");
	assert_string_equal(
		c_identifier_problem("_"),
		"begins with an underscore, which C reserves at file scope");
	assert_string_equal(
		c_identifier_problem("__x"),
		"begins with an underscore, which C reserves at file scope");
	assert_string_equal(c_identifier_problem("FOO__BAR"),
			    "contains a double underscore, which C++ reserves");
	assert_string_equal(c_identifier_problem("x__"),
			    "contains a double underscore, which C++ reserves");
	assert_string_equal(c_identifier_problem("errno"),
			    "is a macro of the C standard library");
	assert_string_equal(c_identifier_problem("NULL"),
			    "is a macro of the C standard library");
	assert_string_equal(c_identifier_problem("EOF"),
			    "is a macro of the C standard library");
	assert_null(c_identifier_problem("ERRNO"));
	assert_null(c_identifier_problem("foo_bar"));
	assert_null(c_identifier_problem("x_"));
	assert_null(c_identifier_problem("A"));
}

/* ------------------------------------------------------------------ */
/* check_domains                                                       */

static void test_clean_model_is_silent(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", "FOO_");
	dom_range(&d, true, -100, true, -1);
	dom_base(&d, -100);
	dom_language(&d, "de");
	dom_language(&d, "fr");
	dom_group(&d, "io", 5);
	dom_group(&d, "proto", 30);
	struct error *a =
		add_error(&d, "FOO_A", -100, "Cannot read %s at %d", 10);
	a->group = 0;
	a->explanation = xstrdup(&d, "The file could not be read.");
	add_tr(&d, a, "de", "Kann %s bei %d nicht lesen", 12);
	add_tr(&d, a, "fr", "%2$d : impossible de lire %1$s", 13);
	add_map(&d, a, MAP_ERRNO, "EIO", MAP_BOTH, true, 14);
	add_map(&d, a, MAP_TLS_ALERT, "decode_error", MAP_TO, false, 15);
	struct error *b = add_error(&d, "FOO_B", -99, "Broken pipe", 20);
	b->group = 0;
	add_map(&d, b, MAP_ERRNO, "EIO", MAP_FROM, false, 22);
	add_map(&d, b, MAP_ERRNO, "EPIPE", MAP_BOTH, false, 23);
	struct mapping *m = add_map(&d, b, MAP_OPENSSL, "SSL_R_BAD_PACKET",
				    MAP_BOTH, false, 24);
	m->lib = xstrdup(&d, "SSL");
	m->note = xstrdup(&d, "the same condition");
	add_map(&d, b, MAP_X509, "X509_V_ERR_CERT_HAS_EXPIRED", MAP_FROM, false,
		25);
	add_map(&d, b, MAP_TLS_ALERT, "decode_error", MAP_TO, false, 26);
	struct error *c = add_error(&d, "FOO_C", -50, NULL, 31);
	c->status = STATUS_OBSOLETE;
	c->group = 1;
	struct error *e = add_error(&d, "FOO_D", -1, "100%% done", 33);
	e->status = STATUS_DEPRECATED;
	e->group = 1;
	add_tr(&d, e, "de", "100%% fertig", 35);
	/* a message of exactly the limit is accepted: 4095 bytes for the
	 * literal "FOO_LONG\004message" */
	char *longest = malloc(4096);
	assert_non_null(longest);
	memset(longest, 'x', 4086);
	longest[4086] = '\0';
	struct error *f = add_error(&d, "FOO_LONG", -2, longest, 40);
	add_tr(&d, f, "de", longest, 42);
	free(longest);
	expect_diags(&d, "", 0);
}

static void test_domain_name_problems(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "class", NULL);
	add_error(&d, "X_A", 1, "a", 10);
	expect_diags(&d,
		     "a.xml:2:1: error: domain 'class' is a C or C++ keyword\n",
		     1);
	dom_init(&d, "a.xml", "errno", NULL);
	add_error(&d, "X_A", 1, "a", 10);
	expect_diags(&d,
		     "a.xml:2:1: error: domain 'errno' is a macro of the C "
		     "standard library\n",
		     1);
	dom_init(&d, "a.xml", "__foo", NULL);
	add_error(&d, "X_A", 1, "a", 10);
	expect_diags(
		&d,
		"a.xml:2:1: error: domain '__foo' begins with an underscore, "
		"which C reserves at file scope\n",
		1);
}

static void test_symbol_identifier_problems(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	add_error(&d, "class", 1, "a", 10);
	add_error(&d, "while", 2, "b", 12);
	add_error(&d, "_FOO", 3, "c", 14);
	add_error(&d, "FOO__BAR", 4, "d", 16);
	add_error(&d, "errno", 5, "e", 18);
	add_error(&d, "9LIVES", 6, "f", 20);
	add_error(&d, "FOO_\xc3\x84", 7, "g", 22);
	add_error(&d, "FOO_FINE", 8, "h", 24);
	expect_diags(
		&d,
		"a.xml:10:10: error: symbol 'class' is a C or C++ keyword\n"
		"a.xml:12:10: error: symbol 'while' is a C or C++ keyword\n"
		"a.xml:14:10: error: symbol '_FOO' begins with an "
		"underscore, which C reserves at file scope\n"
		"a.xml:16:10: error: symbol 'FOO__BAR' contains a double "
		"underscore, which C++ reserves\n"
		"a.xml:18:10: error: symbol 'errno' is a macro of the C "
		"standard library\n"
		"a.xml:20:10: error: symbol '9LIVES' is not a C identifier\n"
		"a.xml:22:10: error: symbol 'FOO_\xc3\x84' is not a C "
		"identifier\n",
		7);
}

static void test_prefix_mismatch(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", "FOO_");
	add_error(&d, "FOO_OK", 1, "a", 10);
	add_error(&d, "BAR_X", 2, "b", 12);
	add_error(&d, "FOO_", 3, "c", 14);	/* the prefix alone */
	add_error(&d, "foo_lower", 4, "d", 16); /* case matters */
	add_error(&d, "FOO", 5, "e", 18);
	expect_diags(
		&d,
		"a.xml:12:10: error: symbol 'BAR_X' does not start with the "
		"domain prefix 'FOO_'\n"
		"a.xml:14:10: error: symbol 'FOO_' does not start with the "
		"domain prefix 'FOO_'\n"
		"a.xml:16:10: error: symbol 'foo_lower' does not start with "
		"the domain prefix 'FOO_'\n"
		"a.xml:18:10: error: symbol 'FOO' does not start with the "
		"domain prefix 'FOO_'\n",
		4);
}

static void test_generated_name_collisions(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	add_error(&d, "FOO_ERROR_MAX", 1, "a", 10);
	add_error(&d, "foo_error_name", 2, "b", 12);
	add_error(&d, "foo_error_message", 3, "c", 14);
	add_error(&d, "foo_error_from_name", 4, "d", 16);
	add_error(&d, "FOO_ERROR_MIN", 5, "e", 18);
	add_error(&d, "FOO_ERROR_COUNT", 6, "f", 20);
	add_error(&d, "FOO_ERROR_BASE", 7, "g", 22);
	add_error(&d, "FOO_ERROR_RANGE_MIN", 8, "h", 24);
	add_error(&d, "FOO_ERROR_RANGE_MAX", 9, "i", 26);
	add_error(&d, "FOO_ERRORS_H", 10, "j", 28);
	/* near misses are fine */
	add_error(&d, "FOO_ERROR", 11, "k", 30);
	add_error(&d, "foo_error", 12, "l", 32);
	add_error(&d, "BAR_ERROR_MAX", 13, "m", 34);
	add_error(&d, "foo_ERROR_MAX", 14, "n", 36);
	const char *tail = "' collides with a name that errgen generates for "
			   "domain 'foo'\n";
	char want[4096];
	snprintf(want, sizeof(want),
		 "a.xml:10:10: error: symbol 'FOO_ERROR_MAX%s"
		 "a.xml:12:10: error: symbol 'foo_error_name%s"
		 "a.xml:14:10: error: symbol 'foo_error_message%s"
		 "a.xml:16:10: error: symbol 'foo_error_from_name%s"
		 "a.xml:18:10: error: symbol 'FOO_ERROR_MIN%s"
		 "a.xml:20:10: error: symbol 'FOO_ERROR_COUNT%s"
		 "a.xml:22:10: error: symbol 'FOO_ERROR_BASE%s"
		 "a.xml:24:10: error: symbol 'FOO_ERROR_RANGE_MIN%s"
		 "a.xml:26:10: error: symbol 'FOO_ERROR_RANGE_MAX%s"
		 "a.xml:28:10: error: symbol 'FOO_ERRORS_H%s",
		 tail, tail, tail, tail, tail, tail, tail, tail, tail, tail);
	expect_diags(&d, want, 10);

	/* with a prefix, a generated name that has it is still refused */
	dom_init(&d, "a.xml", "nss_ssl", "NSS_SSL_");
	add_error(&d, "NSS_SSL_ERROR_COUNT", 1, "a", 10);
	expect_diags(
		&d,
		"a.xml:10:10: error: symbol 'NSS_SSL_ERROR_COUNT' collides "
		"with a name that errgen generates for domain 'nss_ssl'\n",
		1);
}

/* The catalog (DOMAIN_errors.c) includes the header and then defines more
 * file-scope names of its own; an enumerator of the same name makes the
 * generated catalog fail to compile ("redeclared as different kind of
 * symbol"), so check must refuse them like the header's names. */
static void test_catalog_internal_name_collisions(void **state)
{
	(void)state;
	static const char *const names[] = {
		"foo_error_pool",	    "foo_error_slot",
		"foo_error_hash",	    "foo_error_values",
		"foo_error_name_off",	    "foo_error_msg_off",
		"foo_error_pool_is_packed",
	};
	/* The catalog's own file-scope names (D_error_*) are errgen's: a
	 * symbol that takes one would make the catalog fail to compile. */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct domain d;
		dom_init(&d, "a.xml", "foo", NULL);
		add_error(&d, names[i], 1, "a", 10);
		char want[256];
		snprintf(want, sizeof(want),
			 "a.xml:10:10: error: symbol '%s' collides with a name "
			 "that errgen generates for domain 'foo'\n",
			 names[i]);
		expect_diags(&d, want, 1);
	}
}

/* The catalog includes <stdint.h> and <string.h> after the header: an
 * enumerator named like one of their declarations breaks it too. */
static void test_standard_header_name_collisions(void **state)
{
	(void)state;
	static const char *const names[] = {"int32_t", "uint32_t", "strcmp"};
	/* Names that <stdint.h> and <string.h> declare or reserve would break
	 * the catalog, which includes both. */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct domain d;
		dom_init(&d, "a.xml", "foo", NULL);
		add_error(&d, names[i], 1, "a", 10);
		bool ok;
		unsigned errors;
		char *got = run_check(&d, 1, &ok, &errors);
		char head[128];
		snprintf(head, sizeof(head), "a.xml:10:10: error: symbol '%s' ",
			 names[i]);
		if (strncmp(got, head, strlen(head)) != 0)
			fail_msg("symbol '%s' accepted; diagnostics: \"%s\"",
				 names[i], got);
		assert_false(ok);
		free(got);
		domain_free(&d);
	}
}

/* Two domains of one run: a symbol of one must not be a name generated
 * for the other, or their headers cannot be included together. */
static void test_generated_names_across_domains(void **state)
{
	(void)state;
	struct domain d[2];
	dom_init(&d[0], "a.xml", "foo", NULL);
	dom_init(&d[1], "b.xml", "bar", NULL);
	add_error(&d[0], "FOO_A", 1, "a", 10);
	add_error(&d[1], "FOO_ERROR_MAX", 5, "b", 10);
	bool ok;
	unsigned errors;
	char *got = run_check(d, 2, &ok, &errors);
	/* Generated names of every domain in the run are reserved: a program
	 * may include foo_errors.h and bar_errors.h together, and foo's
	 * FOO_ERROR_MAX macro would rewrite bar's enumerator. */
	assert_string_equal(got,
			    "b.xml:10:10: error: symbol 'FOO_ERROR_MAX' "
			    "collides with a name that errgen generates for "
			    "domain 'foo'\n");
	assert_false(ok);
	free(got);
	domain_free(&d[0]);
	domain_free(&d[1]);
}

static void test_duplicates_within_domain(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	add_error(&d, "FOO_A", 1, "a", 10);
	add_error(&d, "FOO_B", 2, "b", 12);
	add_error(&d, "FOO_A", 3, "c", 14);
	add_error(&d, "FOO_C", 2, "d", 16);
	add_error(&d, "FOO_D", 4, "e", 18);
	add_error(&d, "FOO_E", 2, "f", 20); /* a third user of value 2 */
	expect_diags(&d,
		     "a.xml:14:10: error: symbol 'FOO_A' is already defined\n"
		     "a.xml:10:10: note: first defined here, as a symbol\n"
		     "a.xml:16:20: error: value 2 of FOO_C is already used by "
		     "FOO_B\n"
		     "a.xml:12:20: note: first used here\n"
		     "a.xml:20:20: error: value 2 of FOO_E is already used by "
		     "FOO_B\n"
		     "a.xml:12:20: note: first used here\n",
		     3);
}

static void test_duplicates_across_domains(void **state)
{
	(void)state;
	struct domain d[2];
	dom_init(&d[0], "a.xml", "foo", NULL);
	dom_init(&d[1], "b.xml", "bar", NULL);
	add_error(&d[0], "FOO_A", 1, "a", 10);
	add_error(&d[0], "FOO_B", 2, "b", 12);
	add_error(&d[1], "FOO_A", 7, "c", 10);
	add_error(&d[1], "BAR_B", 1, "d", 12);
	add_error(&d[1], "BAR_C", 8, "e", 14);
	bool ok;
	unsigned errors;
	char *got = run_check(d, 2, &ok, &errors);
	assert_string_equal(
		got, "b.xml:10:10: error: symbol 'FOO_A' is already "
		     "defined\n"
		     "a.xml:10:10: note: first defined here, as a symbol\n"
		     "b.xml:12:20: error: value 1 of BAR_B is already used "
		     "by FOO_A\n"
		     "a.xml:10:20: note: first used here\n");
	assert_false(ok);
	assert_int_equal(errors, 2);
	free(got);
	/* each alone is clean */
	got = run_check(&d[0], 1, &ok, &errors);
	assert_string_equal(got, "");
	assert_true(ok);
	free(got);
	got = run_check(&d[1], 1, &ok, &errors);
	assert_string_equal(got, "");
	assert_true(ok);
	free(got);
	domain_free(&d[0]);
	domain_free(&d[1]);
}

static void test_duplicate_domain_names(void **state)
{
	(void)state;
	struct domain d[2];
	dom_init(&d[0], "a.xml", "foo", NULL);
	dom_init(&d[1], "b.xml", "foo", NULL);
	add_error(&d[0], "FOO_A", 1, "a", 10);
	add_error(&d[1], "FOO_B", 2, "b", 10);
	bool ok;
	unsigned errors;
	char *got = run_check(d, 2, &ok, &errors);
	assert_string_equal(
		got, "b.xml:2:1: error: domain 'foo' is defined twice in "
		     "this run\n"
		     "a.xml:2:1: note: first defined here\n");
	assert_false(ok);
	assert_int_equal(errors, 1);
	free(got);
	domain_free(&d[0]);
	domain_free(&d[1]);
}

static void test_value_range(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, true, -10, true, 10);
	add_error(&d, "FOO_LOW", -11, "a", 10);
	add_error(&d, "FOO_MIN", -10, "b", 12);
	add_error(&d, "FOO_MAX", 10, "c", 14);
	add_error(&d, "FOO_HIGH", 11, "d", 16);
	expect_diags(&d,
		     "a.xml:10:20: error: value -11 of FOO_LOW is outside the "
		     "domain's range [-10, 10]\n"
		     "a.xml:16:20: error: value 11 of FOO_HIGH is outside the "
		     "domain's range [-10, 10]\n",
		     2);

	/* one bound only: the other side is open, shown as the int32 limit */
	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, true, 0, false, 0);
	add_error(&d, "FOO_NEG", -1, "a", 10);
	add_error(&d, "FOO_BIG", INT32_MAX, "b", 12);
	expect_diags(&d,
		     "a.xml:10:20: error: value -1 of FOO_NEG is outside the "
		     "domain's range [0, 2147483647]\n",
		     1);
	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, false, 0, true, -1);
	add_error(&d, "FOO_ZERO", 0, "a", 10);
	add_error(&d, "FOO_LEAST", INT32_MIN, "b", 12);
	expect_diags(&d,
		     "a.xml:10:20: error: value 0 of FOO_ZERO is outside the "
		     "domain's range [-2147483648, -1]\n",
		     1);
}

static void test_min_above_max(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, true, 10, true, 5);
	add_error(&d, "FOO_A", 10, "a", 10);
	expect_diags(&d, "a.xml:2:50: error: max 5 is below min 10\n", 1);
	/* min == max is a range of one */
	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, true, 7, true, 7);
	add_error(&d, "FOO_A", 7, "a", 10);
	expect_diags(&d, "", 0);
}

/* A domain past the size limits is refused before any other check, which
 * reads only the counts: the 16,777,217 codes or aliases need not exist. */
static void test_size_limits(void **state)
{
	(void)state;
	struct domain d;
	bool ok;
	unsigned errors;
	dom_init(&d, "a.xml", "foo", NULL);
	add_error(&d, "FOO_A", 1, "a", 10);
	d.nerrors = ((size_t)1 << 24) + 1;
	char *got = run_check(&d, 1, &ok, &errors);
	d.nerrors = 1;
	assert_string_equal(got, "a.xml:2:1: error: domain 'foo' has 16777217 "
				 "codes; errgen handles at most 16777216 in a "
				 "domain\n");
	assert_false(ok);
	assert_int_equal(errors, 1);
	free(got);
	/* aliases count on their own */
	d.errors[0].naliases = ((size_t)1 << 24) + 1;
	got = run_check(&d, 1, &ok, &errors);
	d.errors[0].naliases = 0;
	assert_string_equal(got, "a.xml:2:1: error: domain 'foo' has 16777217 "
				 "aliases; errgen handles at most 16777216 in "
				 "a domain\n");
	assert_false(ok);
	free(got);
	domain_free(&d);
}

static void test_base_outside_range(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, true, 0, true, 100);
	dom_base(&d, -1);
	add_error(&d, "FOO_A", 0, "a", 10);
	expect_diags(&d, "a.xml:2:30: error: base -1 is below min 0\n", 1);

	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, true, 0, true, 100);
	dom_base(&d, 101);
	add_error(&d, "FOO_A", 0, "a", 10);
	expect_diags(&d, "a.xml:2:30: error: base 101 is above max 100\n", 1);

	/* on the bounds, and without a range, a base is fine */
	dom_init(&d, "a.xml", "foo", NULL);
	dom_range(&d, true, 0, true, 100);
	dom_base(&d, 100);
	add_error(&d, "FOO_A", 0, "a", 10);
	expect_diags(&d, "", 0);
	dom_init(&d, "a.xml", "foo", NULL);
	dom_base(&d, INT32_MIN);
	add_error(&d, "FOO_A", 0, "a", 10);
	expect_diags(&d, "", 0);
}

static void test_missing_english_message(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	add_error(&d, "FOO_ACTIVE", 1, NULL, 10);
	struct error *dep = add_error(&d, "FOO_DEPRECATED", 2, NULL, 12);
	dep->status = STATUS_DEPRECATED;
	struct error *obs = add_error(&d, "FOO_OBSOLETE", 3, NULL, 14);
	obs->status = STATUS_OBSOLETE;
	expect_diags(
		&d,
		"a.xml:10:3: error: FOO_ACTIVE has no English message (a "
		"<message> without xml:lang); only obsolete codes may omit "
		"it\n"
		"a.xml:12:3: error: FOO_DEPRECATED has no English message (a "
		"<message> without xml:lang); only obsolete codes may omit "
		"it\n",
		2);
}

static void test_languages(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_language(&d, "de");
	struct error *e = add_error(&d, "FOO_A", 1, "Bad", 10);
	add_tr(&d, e, "de", "Schlecht", 12);
	add_tr(&d, e, "fr", "Mauvais", 13);
	expect_diags(&d,
		     "a.xml:13:5: error: the 'fr' message of FOO_A is in a "
		     "language the domain does not declare\n"
		     "a.xml:2:60: note: the languages are declared here\n",
		     1);

	/* no languages declared at all */
	dom_init(&d, "a.xml", "foo", NULL);
	d.languages_loc = at(NULL, 0, 0);
	e = add_error(&d, "FOO_A", 1, "Bad", 10);
	add_tr(&d, e, "de", "Schlecht", 12);
	expect_diags(
		&d,
		"a.xml:12:5: error: the 'de' message of FOO_A is in a "
		"language the domain does not declare\n"
		"a.xml:2:1: note: declare it in the languages attribute of "
		"<errors>\n",
		1);

	/* a language declared twice */
	dom_init(&d, "a.xml", "foo", NULL);
	dom_language(&d, "de");
	dom_language(&d, "fr");
	dom_language(&d, "de");
	add_error(&d, "FOO_A", 1, "Bad", 10);
	expect_diags(&d, "a.xml:2:60: error: language 'de' is listed twice\n",
		     1);
}

static void test_duplicate_translation(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_language(&d, "de");
	dom_language(&d, "fr");
	struct error *e = add_error(&d, "FOO_A", 1, "Bad", 10);
	add_tr(&d, e, "de", "Schlecht", 12);
	add_tr(&d, e, "fr", "Mauvais", 13);
	add_tr(&d, e, "de", "Sehr schlecht", 14);
	expect_diags(&d,
		     "a.xml:14:5: error: FOO_A has a second 'de' message\n"
		     "a.xml:12:5: note: the first is here\n",
		     1);
}

static void test_duplicate_group_id(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_group(&d, "io", 5);
	dom_group(&d, "net", 20);
	dom_group(&d, "io", 40);
	add_error(&d, "FOO_A", 1, "a", 10);
	expect_diags(&d,
		     "a.xml:40:14: error: group id 'io' is used twice\n"
		     "a.xml:5:14: note: first used here\n",
		     1);
}

static void test_printf_agreement(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_language(&d, "de");
	dom_language(&d, "fr");
	struct error *a = add_error(&d, "FOO_A", 1, "Cannot open %s: %m", 10);
	add_tr(&d, a, "de", "Kann %d nicht oeffnen", 12);
	add_tr(&d, a, "fr", "Impossible d'ouvrir %s : %m", 13); /* agrees */
	struct error *b = add_error(&d, "FOO_B", 2, "No arguments", 20);
	add_tr(&d, b, "de", "Mit %s", 22);
	struct error *c = add_error(&d, "FOO_C", 3, "%s at %d", 30);
	add_tr(&d, c, "de", "%2$d: %1$s", 32); /* reordered: agrees */
	add_tr(&d, c, "fr", "%s", 33);	       /* one missing */
	struct error *e = add_error(&d, "FOO_D", 4, "%lu items", 40);
	add_tr(&d, e, "de", "%u Dinge", 42);
	expect_diags(
		&d,
		"a.xml:12:5: error: the 'de' message of FOO_A takes "
		"arguments (int) but the English one takes (const char *)\n"
		"a.xml:11:5: note: the English message is here\n"
		"a.xml:22:5: error: the 'de' message of FOO_B takes "
		"arguments (const char *) but the English one takes ()\n"
		"a.xml:21:5: note: the English message is here\n"
		"a.xml:33:5: error: the 'fr' message of FOO_C takes "
		"arguments (const char *) but the English one takes (const "
		"char *, int)\n"
		"a.xml:31:5: note: the English message is here\n"
		"a.xml:42:5: error: the 'de' message of FOO_D takes "
		"arguments (unsigned int) but the English one takes "
		"(unsigned long)\n"
		"a.xml:41:5: note: the English message is here\n",
		4);
}

static void test_printf_problems(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_language(&d, "de");
	add_error(&d, "FOO_A", 1, "wrote %n bytes", 10);
	struct error *b = add_error(&d, "FOO_B", 2, "Fine", 20);
	add_tr(&d, b, "de", "Gut%hhn", 22);
	add_error(&d, "FOO_C", 3, "%1$s and %s", 30);
	struct error *e = add_error(&d, "FOO_D", 4, "%s", 40);
	add_tr(&d, e, "de", "%2$s", 42);
	expect_diags(
		&d,
		"a.xml:11:5: error: the message of FOO_A contains a %n "
		"conversion, which is never safe in a message\n"
		"a.xml:22:5: error: the 'de' message of FOO_B contains a %n "
		"conversion, which is never safe in a message\n"
		"a.xml:31:5: error: the message of FOO_C mixes numbered "
		"(%1$s) and unnumbered conversions\n"
		"a.xml:42:5: error: the 'de' message of FOO_D has numbered "
		"conversions that leave an argument unused\n",
		4);
}

static void test_message_length(void **state)
{
	(void)state;
	char *text = malloc(5000);
	assert_non_null(text);
	memset(text, 'y', 4096);
	text[4096] = '\0';
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_language(&d, "de");
	add_error(&d, "FOO_A", 1, text, 10);
	struct error *b = add_error(&d, "FOO_B", 2, "Short", 20);
	memset(text, 'z', 4999);
	text[4999] = '\0';
	add_tr(&d, b, "de", text, 22);
	free(text);
	expect_diags(
		&d,
		"a.xml:11:5: error: the message of FOO_A is 4096 bytes long; "
		"the limit is 4089 (4095, the longest string literal every C "
		"compiler accepts, less the symbol and a separator)\n"
		"a.xml:22:5: error: the 'de' message of FOO_B is 4999 bytes "
		"long; the limit is 4089 (4095, the longest string literal "
		"every C compiler accepts, less the symbol and a separator)\n",
		2);
}

static void test_whitespace_warning(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	dom_language(&d, "de");
	add_error(&d, "FOO_A", 1, " leading", 10);
	add_error(&d, "FOO_B", 2, "trailing\n", 20);
	struct error *c =
		add_error(&d, "FOO_C", 3, "inner  spaces are fine", 30);
	add_tr(&d, c, "de", "Tab\t", 32);
	add_error(&d, "FOO_D", 4, "\rcarriage", 40);
	/* warnings only: check passes */
	expect_diags(&d,
		     "a.xml:11:5: warning: the message of FOO_A begins or ends "
		     "with white space\n"
		     "a.xml:21:5: warning: the message of FOO_B begins or ends "
		     "with white space\n"
		     "a.xml:32:5: warning: the 'de' message of FOO_C begins or "
		     "ends with white space\n"
		     "a.xml:41:5: warning: the message of FOO_D begins or ends "
		     "with white space\n",
		     0);
}

static void test_mapping_names(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	struct error *e = add_error(&d, "FOO_A", 1, "a", 10);
	add_map(&d, e, MAP_ERRNO, "EPIPE", MAP_BOTH, false, 11);
	add_map(&d, e, MAP_ERRNO, "epipe", MAP_FROM, false, 12);
	add_map(&d, e, MAP_ERRNO, "E", MAP_FROM, false, 13);
	e = add_error(&d, "FOO_B", 2, "b", 20);
	add_map(&d, e, MAP_OPENSSL, "SSL_R_BAD_PACKET", MAP_BOTH, false, 21);
	add_map(&d, e, MAP_OPENSSL, "BAD_PACKET", MAP_FROM, false, 22);
	e = add_error(&d, "FOO_C", 3, "c", 30);
	add_map(&d, e, MAP_X509, "X509_V_ERR_CERT_HAS_EXPIRED", MAP_BOTH, false,
		31);
	add_map(&d, e, MAP_X509, "X509_V_OK", MAP_FROM, false, 32);
	add_map(&d, e, MAP_X509, "X509_V_ERR_", MAP_FROM, false, 33);
	e = add_error(&d, "FOO_D", 4, "d", 40);
	add_map(&d, e, MAP_TLS_ALERT, "decode_error", MAP_BOTH, false, 41);
	add_map(&d, e, MAP_TLS_ALERT, "close_notify", MAP_FROM, false, 42);
	add_map(&d, e, MAP_TLS_ALERT, "ech_required", MAP_FROM, false, 43);
	add_map(&d, e, MAP_TLS_ALERT, "DECODE_ERROR", MAP_FROM, false, 44);
	add_map(&d, e, MAP_TLS_ALERT, "decode_errors", MAP_FROM, false, 45);
	e = add_error(&d, "FOO_E", 5, "e", 50);
	struct mapping *m =
		add_map(&d, e, MAP_ERRNO, "EIO", MAP_BOTH, false, 51);
	m->lib = xstrdup(&d, "SSL");
	m = add_map(&d, e, MAP_OPENSSL, "X509_R_BAD_X509_FILETYPE", MAP_BOTH,
		    false, 52);
	m->lib = xstrdup(&d, "X509");
	expect_diags(
		&d,
		"a.xml:12:20: error: 'epipe' is not an errno name (E...)\n"
		"a.xml:13:20: error: 'E' is not an errno name (E...)\n"
		"a.xml:22:20: error: 'BAD_PACKET' is not an OpenSSL reason "
		"name (LIB_R_...)\n"
		"a.xml:32:20: error: 'X509_V_OK' is not an OpenSSL "
		"verification result (X509_V_ERR_...)\n"
		"a.xml:33:20: error: 'X509_V_ERR_' is not an OpenSSL "
		"verification result (X509_V_ERR_...)\n"
		"a.xml:44:20: error: 'DECODE_ERROR' is not a TLS alert name "
		"of the IANA registry\n"
		"a.xml:45:20: error: 'decode_errors' is not a TLS alert name "
		"of the IANA registry\n"
		"a.xml:51:5: error: lib is only meaningful for OpenSSL "
		"reasons\n",
		8);
}

/* A code maps to at most one value of a system in the "to" direction:
 * otherwise D_error_to_errno() would have two answers. */
static void test_two_to_mappings(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	struct error *e = add_error(&d, "FOO_A", 1, "a", 10);
	add_map(&d, e, MAP_ERRNO, "EPIPE", MAP_BOTH, false, 11);
	add_map(&d, e, MAP_ERRNO, "ECONNRESET", MAP_TO, false, 12);
	add_map(&d, e, MAP_ERRNO, "ESHUTDOWN", MAP_FROM, false, 13);
	add_map(&d, e, MAP_TLS_ALERT, "decode_error", MAP_BOTH, false, 14);
	expect_diags(&d,
		     "a.xml:12:5: error: FOO_A maps to two errno codes (EPIPE, "
		     "ECONNRESET); mark all but one direction=\"from\"\n",
		     1);
}

static void test_mapping_twice_and_preferred_to(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", NULL);
	struct error *e = add_error(&d, "FOO_A", 1, "a", 10);
	add_map(&d, e, MAP_ERRNO, "EPIPE", MAP_BOTH, true, 11);
	add_map(&d, e, MAP_ERRNO, "EPIPE", MAP_TO, false, 12);
	/* same name, another target: not a repeat */
	add_map(&d, e, MAP_OPENSSL, "SSL_R_X", MAP_BOTH, false, 13);
	e = add_error(&d, "FOO_B", 2, "b", 20);
	add_map(&d, e, MAP_ERRNO, "EIO", MAP_TO, true, 21);
	expect_diags(
		&d,
		"a.xml:12:5: error: FOO_A maps to errno EPIPE twice\n"
		"a.xml:21:5: error: preferred only applies to mappings read "
		"from the foreign code (direction both or from)\n",
		2);
}

static void test_preferred_rule(void **state)
{
	(void)state;
	struct domain d;
	/* two codes from one errno, none preferred */
	dom_init(&d, "a.xml", "foo", NULL);
	struct error *a = add_error(&d, "FOO_A", 1, "a", 10);
	struct error *b = add_error(&d, "FOO_B", 2, "b", 20);
	add_map(&d, a, MAP_ERRNO, "EIO", MAP_BOTH, false, 11);
	add_map(&d, b, MAP_ERRNO, "EIO", MAP_BOTH, false, 21);
	expect_diags(
		&d,
		"a.xml:11:5: error: 2 codes map from errno EIO; exactly one "
		"of them must say preferred=\"true\" (0 do)\n"
		"a.xml:21:5: note: another mapping from errno EIO\n",
		1);

	/* exactly one preferred: fine */
	dom_init(&d, "a.xml", "foo", NULL);
	a = add_error(&d, "FOO_A", 1, "a", 10);
	b = add_error(&d, "FOO_B", 2, "b", 20);
	add_map(&d, a, MAP_ERRNO, "EIO", MAP_BOTH, false, 11);
	add_map(&d, b, MAP_ERRNO, "EIO", MAP_FROM, true, 21);
	expect_diags(&d, "", 0);

	/* both preferred */
	dom_init(&d, "a.xml", "foo", NULL);
	a = add_error(&d, "FOO_A", 1, "a", 10);
	b = add_error(&d, "FOO_B", 2, "b", 20);
	add_map(&d, a, MAP_TLS_ALERT, "decode_error", MAP_FROM, true, 11);
	add_map(&d, b, MAP_TLS_ALERT, "decode_error", MAP_BOTH, true, 21);
	expect_diags(
		&d,
		"a.xml:11:5: error: 2 codes map from tls-alert decode_error; "
		"exactly one of them must say preferred=\"true\" (2 do)\n"
		"a.xml:21:5: note: another mapping from tls-alert "
		"decode_error\n",
		1);

	/* direction="to" mappings do not read back: they don't count */
	dom_init(&d, "a.xml", "foo", NULL);
	a = add_error(&d, "FOO_A", 1, "a", 10);
	b = add_error(&d, "FOO_B", 2, "b", 20);
	struct error *c = add_error(&d, "FOO_C", 3, "c", 30);
	add_map(&d, a, MAP_ERRNO, "EIO", MAP_TO, false, 11);
	add_map(&d, b, MAP_ERRNO, "EIO", MAP_BOTH, false, 21);
	add_map(&d, c, MAP_ERRNO, "EIO", MAP_TO, false, 31);
	expect_diags(&d, "", 0);

	/* three, first error reported once, at the first mapping */
	dom_init(&d, "a.xml", "foo", NULL);
	a = add_error(&d, "FOO_A", 1, "a", 10);
	b = add_error(&d, "FOO_B", 2, "b", 20);
	c = add_error(&d, "FOO_C", 3, "c", 30);
	add_map(&d, a, MAP_X509, "X509_V_ERR_CERT_REVOKED", MAP_TO, true, 11);
	add_map(&d, b, MAP_X509, "X509_V_ERR_CERT_REVOKED", MAP_FROM, false,
		21);
	add_map(&d, c, MAP_X509, "X509_V_ERR_CERT_REVOKED", MAP_BOTH, false,
		31);
	expect_diags(
		&d,
		"a.xml:11:5: error: preferred only applies to mappings read "
		"from the foreign code (direction both or from)\n"
		"a.xml:21:5: error: 2 codes map from x509 "
		"X509_V_ERR_CERT_REVOKED; exactly one of them must say "
		"preferred=\"true\" (0 do)\n"
		"a.xml:31:5: note: another mapping from x509 "
		"X509_V_ERR_CERT_REVOKED\n",
		2);
}

static void test_empty_domain(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", "FOO_");
	expect_diags(&d, "a.xml:2:1: error: domain 'foo' has no error codes\n",
		     1);
}

static void test_no_domains(void **state)
{
	(void)state;
	bool ok;
	unsigned errors;
	char *got = run_check(NULL, 0, &ok, &errors);
	assert_string_equal(got, "");
	assert_true(ok);
	free(got);
}

/* Aliases are checked like symbols and share the symbols' name space. */
static void test_aliases(void **state)
{
	(void)state;
	struct domain d;
	dom_init(&d, "a.xml", "foo", "FOO_");
	struct error *a = add_error(&d, "FOO_A", 1, "a", 10);
	add_error(&d, "FOO_B", 2, "b", 20);
	a->aliases = calloc(3, sizeof(*a->aliases));
	assert_non_null(a->aliases);
	a->aliases[0].name = xstrdup(&d, "FOO_OLD_A");
	a->aliases[0].loc = at("a.xml", 12, 12);
	a->aliases[1].name = xstrdup(&d, "OLD_A");
	a->aliases[1].loc = at("a.xml", 13, 12);
	a->aliases[2].name = xstrdup(&d, "FOO_B");
	a->aliases[2].loc = at("a.xml", 14, 12);
	a->naliases = 3;
	expect_diags(
		&d,
		"a.xml:13:12: error: alias 'OLD_A' does not start with the "
		"domain prefix 'FOO_'\n"
		"a.xml:20:10: error: symbol 'FOO_B' is already defined\n"
		"a.xml:14:12: note: first defined here, as an alias\n",
		2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c_is_identifier),
		cmocka_unit_test(test_c_is_keyword),
		cmocka_unit_test(test_c_identifier_problem),
		cmocka_unit_test(test_clean_model_is_silent),
		cmocka_unit_test(test_domain_name_problems),
		cmocka_unit_test(test_symbol_identifier_problems),
		cmocka_unit_test(test_prefix_mismatch),
		cmocka_unit_test(test_generated_name_collisions),
		cmocka_unit_test(test_catalog_internal_name_collisions),
		cmocka_unit_test(test_standard_header_name_collisions),
		cmocka_unit_test(test_generated_names_across_domains),
		cmocka_unit_test(test_duplicates_within_domain),
		cmocka_unit_test(test_duplicates_across_domains),
		cmocka_unit_test(test_duplicate_domain_names),
		cmocka_unit_test(test_value_range),
		cmocka_unit_test(test_min_above_max),
		cmocka_unit_test(test_base_outside_range),
		cmocka_unit_test(test_size_limits),
		cmocka_unit_test(test_missing_english_message),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_duplicate_translation),
		cmocka_unit_test(test_duplicate_group_id),
		cmocka_unit_test(test_printf_agreement),
		cmocka_unit_test(test_printf_problems),
		cmocka_unit_test(test_message_length),
		cmocka_unit_test(test_whitespace_warning),
		cmocka_unit_test(test_mapping_names),
		cmocka_unit_test(test_two_to_mappings),
		cmocka_unit_test(test_mapping_twice_and_preferred_to),
		cmocka_unit_test(test_preferred_rule),
		cmocka_unit_test(test_empty_domain),
		cmocka_unit_test(test_no_domains),
		cmocka_unit_test(test_aliases),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
