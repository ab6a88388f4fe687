/*
 * The rules that XSD cannot express well. Each rule reports every violation
 * with its location (and a note at the first occurrence for duplicates);
 * nothing stops at the first error.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cformat.h"
#include "emit.h"
#include "foreign.h"
#include "mapping.h"

/* ------------------------------------------------------------------ */
/* C identifiers, without <ctype.h>: the locale must not change a verdict. */

static bool is_alpha_(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_alnum_(char c)
{
	return is_alpha_(c) || (c >= '0' && c <= '9');
}

bool c_is_identifier(const char *s)
{
	if (!s || !is_alpha_(*s))
		return false;
	for (s++; *s; s++)
		if (!is_alnum_(*s))
			return false;
	return true;
}

/* Keywords of C89 to C23 and of C++ up to C++23: the header must compile as
 * both languages. Sorted, for bsearch. */
static const char *const keywords[] = {
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

/* Macros of the standard headers that generated files include or that
 * consumers nearly always include; an enumerator of that name breaks them. */
static const char *const std_macros[] = {
	"EOF",	 "INT_MAX",  "INT_MIN", "NULL",	 "SIZE_MAX", "assert",
	"errno", "offsetof", "stderr",	"stdin", "stdout",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

static bool starts_with(const char *s, const char *head)
{
	return s[0] == head[0] && strncmp(s, head, strlen(head)) == 0;
}

/* Names that the headers a generated catalog includes (<stdint.h>,
 * <string.h>) declare or that C and POSIX keep for them. */
static const char *library_reserved(const char *s)
{
	static const char *const str_heads[] = {"str", "mem", "wcs"};
	for (size_t i = 0; i < 3; i++)
		if (starts_with(s, str_heads[i]) && s[3] >= 'a' && s[3] <= 'z')
			return "is reserved for <string.h> (str*, mem*, wcs* "
			       "followed by a lower-case letter)";
	if (ends_with(s, "_t"))
		return "ends in _t, which POSIX reserves for types";
	if (errno_name_known(s))
		return "is an <errno.h> macro, which the mapping files include";
	if (starts_with(s, "LC_") && s[3] >= 'A' && s[3] <= 'Z')
		return "is reserved for <locale.h> (LC_ followed by an "
		       "upper-case letter), which the header includes";
	if ((starts_with(s, "PRI") || starts_with(s, "SCN")) &&
	    ((s[3] >= 'a' && s[3] <= 'z') || s[3] == 'X'))
		return "is reserved for <inttypes.h> (PRI*, SCN*)";
	if (strcmp(s, "main") == 0)
		return "is the name of a program's entry point";
	static const char *const int_heads[] = {
		"INT",	       "UINT",	 "SIZE_", "PTRDIFF_",
		"SIG_ATOMIC_", "WCHAR_", "WINT_"};
	for (size_t i = 0; i < sizeof(int_heads) / sizeof(*int_heads); i++)
		if (starts_with(s, int_heads[i]) &&
		    (ends_with(s, "_MAX") || ends_with(s, "_MIN") ||
		     ends_with(s, "_C") || ends_with(s, "_WIDTH")))
			return "is reserved for <stdint.h> limits and "
			       "constants";
	return NULL;
}

bool c_is_keyword(const char *s)
{
	/* every keyword starts so; most symbols do not */
	if (s[0] != '_' && (s[0] < 'a' || s[0] > 'z'))
		return false;
	return bsearch(&s, keywords, sizeof(keywords) / sizeof(keywords[0]),
		       sizeof(keywords[0]), cmp_str) != NULL;
}

const char *c_identifier_problem(const char *s)
{
	if (!c_is_identifier(s))
		return "is not a C identifier";
	if (c_is_keyword(s))
		return "is a C or C++ keyword";
	if (s[0] == '_')
		return "begins with an underscore, which C reserves at file "
		       "scope";
	if (strstr(s, "__"))
		return "contains a double underscore, which C++ reserves";
	for (size_t i = 0; i < sizeof(std_macros) / sizeof(std_macros[0]); i++)
		if (s[0] == std_macros[i][0] && strcmp(s, std_macros[i]) == 0)
			return "is a macro of the C standard library";
	return library_reserved(s);
}

/* ------------------------------------------------------------------ */
/* Sorting helpers for duplicate detection                             */

struct sym_ref {
	const char *what; /* "symbol" or "alias" */
	const char *key;
	int32_t value;
	const struct loc *loc;
	size_t order; /* input order, to report the later one */
};

static int cmp_key(const void *a, const void *b)
{
	const struct sym_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return (x->order > y->order) - (x->order < y->order);
}

static int cmp_value(const void *a, const void *b)
{
	const struct sym_ref *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* ------------------------------------------------------------------ */
/* Per-domain rules                                                    */

static void check_domain_attrs(const struct domain *d)
{
	const char *why = c_identifier_problem(d->name);
	if (why)
		diag_error(&d->loc, "domain '%s' %s", d->name, why);
	if (d->nerrors == 0)
		diag_error(&d->loc, "domain '%s' has no error codes", d->name);
	/* its gettext key, "DOMAIN_error_unknown\004text", is one literal */
	size_t unknown_limit = 4095 - strlen(d->name) - 15;
	if (strlen(d->unknown_message) > unknown_limit)
		diag_error(&d->loc,
			   "unknown-message is %zu bytes long; the limit is "
			   "%zu (4095, the longest string literal every C "
			   "compiler accepts, less its gettext context)",
			   strlen(d->unknown_message), unknown_limit);
	if (d->has_min && d->has_max && d->min > d->max)
		diag_error(&d->max_loc, "max %d is below min %d", (int)d->max,
			   (int)d->min);
	if (d->has_base && d->has_min && d->base < d->min)
		diag_error(&d->base_loc, "base %d is below min %d",
			   (int)d->base, (int)d->min);
	if (d->has_base && d->has_max && d->base > d->max)
		diag_error(&d->base_loc, "base %d is above max %d",
			   (int)d->base, (int)d->max);
	for (size_t i = 0; i < d->nlanguages; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->languages[i], d->languages[j]) == 0)
				diag_error(&d->languages_loc,
					   "language '%s' is listed twice",
					   d->languages[i]);
	for (size_t i = 0; i < d->ngroups; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->groups[i].id, d->groups[j].id) == 0) {
				diag_error(&d->groups[i].id_loc,
					   "group id '%s' is used twice",
					   d->groups[i].id);
				diag_note(&d->groups[j].id_loc,
					  "first used here");
			}
}

/* Names errgen generates for a domain: functions and tables all begin with
 * "D_error_" (a namespace, so later kinds can add more), macros are the
 * upper-case prefix plus one of these (an exact list: a domain "ssl" must
 * still be able to name its codes SSL_ERROR_*). Symbols may not take them,
 * for any domain of the run, since one program may include every header. */
static const char *const generated_macros[] = {
	"_ERROR_MIN",	       "_ERROR_MAX",
	"_ERROR_COUNT",	       "_ERROR_BASE",
	"_ERROR_RANGE_MIN",    "_ERROR_RANGE_MAX",
	"_ERRORS_H",	       "_ASSERT",
	"_ASSERT_HEADER",      "_ERROR_TEXTDOMAIN",
	"_ERROR_CATGETS_SET",  "_ERROR_CATGETS_NUMBER",
	"_ERRORS_MAP_H",       "_ERRORS_MAP_OPENSSL_H",
	"_ERROR_MAP_DECLARED", "_ERROR_MAP_OPENSSL_DECLARED",
};

struct reserved {
	char *lower; /* "nss_ssl_error_" */
	char *upper; /* "NSS_SSL" */
	const char *domain;
};

static bool reserved_init(struct reserved *r, const struct domain *d)
{
	size_t n = strlen(d->name) + sizeof("_error_");
	r->domain = d->name;
	r->lower = malloc(n);
	r->upper = domain_macro_prefix(d);
	if (!r->lower || !r->upper) {
		free(r->lower);
		free(r->upper);
		r->lower = r->upper = NULL;
		return false;
	}
	snprintf(r->lower, n, "%s_error_", d->name);
	return true;
}

static bool is_generated(const struct reserved *r, const char *name)
{
	if (strncmp(name, r->lower, strlen(r->lower)) == 0)
		return true;
	size_t n = strlen(r->upper);
	if (strncmp(name, r->upper, n) != 0)
		return false;
	for (size_t i = 0;
	     i < sizeof(generated_macros) / sizeof(*generated_macros); i++)
		if (strcmp(name + n, generated_macros[i]) == 0)
			return true;
	return false;
}

struct context {
	const struct domain *doms;
	size_t n;
	struct reserved *reserved; /* one per domain */
};

/* A symbol or an alias: what="symbol" or "alias". */
static void check_name(const struct context *cx, const struct domain *d,
		       const char *name, const struct loc *loc,
		       const char *what)
{
	const char *why = c_identifier_problem(name);
	if (why)
		diag_error(loc, "%s '%s' %s", what, name, why);
	if (d->prefix && (strncmp(name, d->prefix, strlen(d->prefix)) != 0 ||
			  strlen(name) == strlen(d->prefix)))
		diag_error(loc,
			   "%s '%s' does not start with the domain prefix '%s'",
			   what, name, d->prefix);
	for (size_t i = 0; i < cx->n; i++) {
		const struct reserved *r = &cx->reserved[i];
		if (!r->lower)
			continue;
		if (is_generated(r, name))
			diag_error(loc,
				   "%s '%s' collides with a name that errgen "
				   "generates for domain '%s'",
				   what, name, r->domain);
	}
}

static void check_symbol(const struct context *cx, const struct domain *d,
			 const struct error *e)
{
	check_name(cx, d, e->name, &e->name_loc, "symbol");
	for (size_t i = 0; i < e->naliases; i++)
		check_name(cx, d, e->aliases[i].name, &e->aliases[i].loc,
			   "alias");
	/* with min > max every value would be out: that is reported once */
	bool range_ok = !(d->has_min && d->has_max && d->min > d->max);
	if (range_ok && ((d->has_min && e->value < d->min) ||
			 (d->has_max && e->value > d->max)))
		diag_error(&e->value_loc,
			   "value %d of %s is outside the domain's range "
			   "[%d, %d]",
			   (int)e->value, e->name,
			   (int)(d->has_min ? d->min : INT32_MIN),
			   (int)(d->has_max ? d->max : INT32_MAX));
}

static bool declared_language(const struct domain *d, const char *lang)
{
	for (size_t i = 0; i < d->nlanguages; i++)
		if (strcmp(d->languages[i], lang) == 0)
			return true;
	return false;
}

/* Reports a message's printf problems; writes its argument list to sig. */
static bool check_format(const struct error *e, const char *text,
			 const char *what, const struct loc *loc,
			 struct buf *sig)
{
	int count;
	switch (cformat_args(text, sig, &count)) {
	case CFORMAT_OK:
		return true;
	case CFORMAT_HAS_N:
		diag_error(loc,
			   "%s of %s contains a %%n conversion, which is "
			   "never safe in a message",
			   what, e->name);
		break;
	case CFORMAT_MIXED:
		diag_error(loc,
			   "%s of %s mixes numbered (%%1$s) and unnumbered "
			   "conversions",
			   what, e->name);
		break;
	case CFORMAT_CONFLICT:
		diag_error(loc,
			   "%s of %s uses one numbered argument with two "
			   "different types",
			   what, e->name);
		break;
	case CFORMAT_GAP:
		diag_error(loc,
			   "%s of %s has numbered conversions that leave an "
			   "argument unused",
			   what, e->name);
		break;
	}
	return false;
}

/* ISO C only promises string literals of 4095 characters (C99 5.2.4.1). */
#define MAX_MESSAGE_BYTES 4095

/* The catalog stores the English message in one literal with its symbol
 * ("SYMBOL\004message", the gettext key), so both count. */
static void check_text(const char *text, const char *what,
		       const struct error *e, const struct loc *loc)
{
	size_t n = strlen(text),
	       limit = MAX_MESSAGE_BYTES - strlen(e->name) - 1;
	if (n > limit)
		diag_error(
			loc,
			"%s of %s is %zu bytes long; the limit is %zu (4095, "
			"the longest string literal every C compiler "
			"accepts, less the symbol and a separator)",
			what, e->name, n, limit);
	if (n && (strchr(" \t\r\n", text[0]) || strchr(" \t\r\n", text[n - 1])))
		diag_warning(loc, "%s of %s begins or ends with white space",
			     what, e->name);
}

static void check_messages(const struct domain *d, const struct error *e)
{
	if (!e->message && e->status != STATUS_OBSOLETE)
		diag_error(&e->loc,
			   "%s has no English message (a <message> "
			   "without xml:lang); only obsolete codes may "
			   "omit it",
			   e->name);
	struct buf en;
	buf_init(&en);
	bool en_ok = true;
	if (e->message) {
		en_ok = check_format(e, e->message, "the message",
				     &e->message_loc, &en);
		check_text(e->message, "the message", e, &e->message_loc);
	}
	for (size_t i = 0; i < e->ntranslations; i++) {
		const struct translation *t = &e->translations[i];
		if (!declared_language(d, t->lang)) {
			diag_error(&t->loc,
				   "the '%s' message of %s is in a language "
				   "the domain does not declare",
				   t->lang, e->name);
			if (d->languages_loc.line)
				diag_note(&d->languages_loc,
					  "the languages are declared here");
			else
				diag_note(&d->loc,
					  "declare it in the languages "
					  "attribute of <errors>");
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(e->translations[j].lang, t->lang) == 0) {
				diag_error(&t->loc,
					   "%s has a second '%s' message",
					   e->name, t->lang);
				diag_note(&e->translations[j].loc,
					  "the first is here");
			}
		struct buf tr;
		buf_init(&tr);
		/* "the '%.20s' message", without snprintf for every one */
		char what[64] = "the '";
		size_t w = 5;
		for (size_t k = 0; k < 20 && t->lang[k]; k++)
			what[w++] = t->lang[k];
		memcpy(what + w, "' message", sizeof("' message"));
		check_text(t->text, what, e, &t->loc);
		if (check_format(e, t->text, what, &t->loc, &tr) && en_ok &&
		    e->message &&
		    strcmp(en.data ? en.data : "", tr.data ? tr.data : "") !=
			    0) {
			diag_error(
				&t->loc,
				"the '%s' message of %s takes arguments (%s) "
				"but the English one takes (%s)",
				t->lang, e->name, tr.data ? tr.data : "",
				en.data ? en.data : "");
			diag_note(&e->message_loc,
				  "the English message is here");
		}
		buf_free(&tr);
	}
	buf_free(&en);
}

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0 && s[strlen(p)] != '\0';
}

static void check_mapping_name(const struct mapping *m)
{
	const char *n = m->name;
	switch (m->target) {
	case MAP_ERRNO:
		if (n[0] != 'E' || !n[1])
			diag_error(&m->name_loc,
				   "'%s' is not an errno name (E...)", n);
		else if (!errno_name_known(n))
			diag_warning(&m->name_loc,
				     "'%s' is not an errno name errgen knows "
				     "(POSIX, Linux, BSD); where the platform "
				     "lacks it the mapping compiles out",
				     n);
		break;
	case MAP_OPENSSL:
		if (!strstr(n, "_R_"))
			diag_error(&m->name_loc,
				   "'%s' is not an OpenSSL reason name "
				   "(LIB_R_...)",
				   n);
		break;
	case MAP_X509:
		if (!has_prefix(n, "X509_V_ERR_"))
			diag_error(&m->name_loc,
				   "'%s' is not an OpenSSL verification result "
				   "(X509_V_ERR_...)",
				   n);
		break;
	case MAP_TLS_ALERT:
		if (tls_alert_number(n) < 0)
			diag_error(&m->name_loc,
				   "'%s' is not a TLS alert name of the "
				   "IANA registry",
				   n);
		break;
	}
	if (m->lib && m->target != MAP_OPENSSL)
		diag_error(&m->loc,
			   "lib is only meaningful for OpenSSL reasons");
}

static void check_mappings(const struct error *e)
{
	for (size_t i = 0; i < e->nmappings; i++) {
		const struct mapping *m = &e->mappings[i];
		check_mapping_name(m);
		for (size_t j = 0; j < i; j++)
			if (e->mappings[j].target == m->target &&
			    strcmp(e->mappings[j].name, m->name) == 0)
				diag_error(&m->loc, "%s maps to %s %s twice",
					   e->name, map_target_name(m->target),
					   m->name);
		for (size_t j = 0; j < i; j++)
			if (e->mappings[j].target == m->target &&
			    e->mappings[j].direction != MAP_FROM &&
			    m->direction != MAP_FROM &&
			    strcmp(e->mappings[j].name, m->name) != 0) {
				diag_error(
					&m->loc,
					"%s maps to two %s codes (%s, %s); "
					"mark all but one direction=\"from\"",
					e->name, map_target_name(m->target),
					e->mappings[j].name, m->name);
				break;
			}
		if (m->preferred && m->direction == MAP_TO)
			diag_error(&m->loc,
				   "preferred only applies to mappings "
				   "read from the foreign code "
				   "(direction both or from)");
	}
}

/* When several errors map from one foreign code, exactly one is preferred. */
static void check_preferred(const struct domain *d)
{
	size_t n;
	bool failed = false;
	struct map_ref *refs = map_from_refs(d, &n, &failed);
	if (failed)
		diag_plain(DIAG_ERROR, "out of memory");
	for (size_t i = 0; i < n;) {
		size_t end = map_group_end(refs, n, i), preferred = 0;
		for (size_t k = i; k < end; k++)
			preferred += refs[k].map->preferred;
		if (end - i >= 2 && preferred != 1) {
			const struct mapping *m = refs[i].map;
			diag_error(&m->loc,
				   "%zu codes map from %s %s; exactly one of "
				   "them must say preferred=\"true\" (%zu do)",
				   end - i, map_target_name(m->target), m->name,
				   preferred);
			for (size_t k = i + 1; k < end; k++)
				diag_note(&refs[k].map->loc,
					  "another mapping from %s %s",
					  map_target_name(m->target), m->name);
		}
		i = end;
	}
	free(refs);
}

/* ------------------------------------------------------------------ */
/* Rules across all domains of a run                                   */

static void report_dups(struct sym_ref *refs, size_t n, bool by_value)
{
	qsort(refs, n, sizeof(*refs), by_value ? cmp_value : cmp_key);
	size_t first = 0; /* where the run of equal refs began, in input order */
	for (size_t i = 1; i < n; i++) {
		bool same = by_value
				    ? refs[i].value == refs[i - 1].value
				    : strcmp(refs[i].key, refs[i - 1].key) == 0;
		if (!same) {
			first = i;
			continue;
		}
		if (by_value) {
			diag_error(refs[i].loc,
				   "value %d of %s is already used by %s",
				   (int)refs[i].value, refs[i].key,
				   refs[first].key);
			diag_note(refs[first].loc, "first used here");
		} else {
			diag_error(refs[i].loc, "%s '%s' is already defined",
				   refs[i].what, refs[i].key);
			diag_note(refs[first].loc, "first defined here, as %s",
				  strcmp(refs[first].what, "alias") == 0
					  ? "an alias"
					  : "a symbol");
		}
	}
}

static void check_duplicates(const struct domain *doms, size_t n)
{
	size_t total = 0, nnames = 0;
	for (size_t i = 0; i < n; i++) {
		total += doms[i].nerrors;
		for (size_t j = 0; j < doms[i].nerrors; j++)
			nnames += 1 + doms[i].errors[j].naliases;
	}
	if (nnames < 2)
		return;
	struct sym_ref *names = malloc(nnames * sizeof(*names));
	struct sym_ref *values = malloc(total * sizeof(*values));
	if (!names || !values) {
		diag_plain(DIAG_ERROR, "out of memory");
		free(names);
		free(values);
		return;
	}
	size_t k = 0, kn = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < doms[i].nerrors; j++, k++) {
			const struct error *e = &doms[i].errors[j];
			names[kn] = (struct sym_ref){
				"symbol", e->name, e->value, &e->name_loc, kn};
			kn++;
			for (size_t a = 0; a < e->naliases; a++, kn++)
				names[kn] = (struct sym_ref){
					"alias", e->aliases[a].name, e->value,
					&e->aliases[a].loc, kn};
			values[k] = (struct sym_ref){
				"symbol", e->name, e->value, &e->value_loc, k};
		}
	report_dups(names, nnames, false);
	report_dups(values, total, true);
	free(names);
	free(values);
}

static void check_domain_names(const struct domain *doms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(doms[i].name, doms[j].name) == 0) {
				diag_error(
					&doms[i].loc,
					"domain '%s' is defined twice in this "
					"run",
					doms[i].name);
				diag_note(&doms[j].loc, "first defined here");
			}
}

/* A domain past this many codes, or aliases, is refused: its tables keep
 * 32-bit slot numbers with room for the hashes' spare slots, and generating
 * it would take gigabytes. Tested with 1,000,000 codes (tests/scale). */
#define MAX_NAMES ((size_t)1 << 24)

/* True when every domain is within the limits; reports those that are not
 * before any other check spends time on them. */
static bool check_sizes(const struct domain *doms, size_t n)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const struct domain *d = &doms[i];
		size_t naliases = 0;
		if (d->nerrors > MAX_NAMES) {
			diag_error(&d->loc,
				   "domain '%s' has %zu codes; errgen handles "
				   "at most %zu in a domain",
				   d->name, d->nerrors, MAX_NAMES);
			ok = false;
			continue;
		}
		for (size_t j = 0; j < d->nerrors; j++)
			naliases += d->errors[j].naliases;
		if (naliases > MAX_NAMES) {
			diag_error(&d->loc,
				   "domain '%s' has %zu aliases; errgen handles "
				   "at most %zu in a domain",
				   d->name, naliases, MAX_NAMES);
			ok = false;
		}
	}
	return ok;
}

bool check_domains(const struct domain *doms, size_t n)
{
	unsigned before = diag_error_count();
	if (!check_sizes(doms, n))
		return false;
	struct context cx = {doms, n,
			     calloc(n ? n : 1, sizeof(struct reserved))};
	if (!cx.reserved) {
		diag_plain(DIAG_ERROR, "out of memory");
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if (!reserved_init(&cx.reserved[i], &doms[i]))
			diag_plain(DIAG_ERROR, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct domain *d = &doms[i];
		check_domain_attrs(d);
		for (size_t j = 0; j < d->nerrors; j++) {
			check_symbol(&cx, d, &d->errors[j]);
			check_messages(d, &d->errors[j]);
			check_mappings(&d->errors[j]);
		}
		check_preferred(d);
	}
	check_domain_names(doms, n);
	check_duplicates(doms, n);
	check_range_overlaps(doms, n);
	for (size_t i = 0; i < n; i++) {
		free(cx.reserved[i].lower);
		free(cx.reserved[i].upper);
	}
	free(cx.reserved);
	return diag_error_count() == before;
}
