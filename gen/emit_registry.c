/*
 * The registry: one set of lookups for every code of a run, like NSPR's
 * PR_ErrorToString but fixed at build time. NAME_registry.h/.c dispatch a
 * code to the domain whose value range holds it, by binary search over a
 * static const table of ranges sorted by value: no mutable state, nothing to
 * register at run time, no pointers (so no relocations).
 *
 * The ranges are also what the checks keep apart: the domains of one run may
 * not overlap, or a code could belong to two of them. This file holds both,
 * so that the rule and the dispatch cannot disagree. (Two domains that share
 * a value are reported for that value, not again for their ranges.)
 */
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

void domain_value_range(const struct domain *d, int32_t *lo, int32_t *hi)
{
	int32_t first = INT32_MAX, last = INT32_MIN;
	for (size_t i = 0; i < d->nerrors; i++) {
		if (d->errors[i].value < first)
			first = d->errors[i].value;
		if (d->errors[i].value > last)
			last = d->errors[i].value;
	}
	*lo = d->has_min ? d->min : first;
	*hi = d->has_max ? d->max : last;
}

/* The range of d, when it has one that makes sense (values outside a
 * declared bound are reported elsewhere). */
static bool usable_range(const struct domain *d, int32_t *lo, int32_t *hi)
{
	domain_value_range(d, lo, hi);
	return (d->nerrors > 0 || (d->has_min && d->has_max)) && *lo <= *hi;
}

/* "the range [a, b] that domain 'x' declares" or "the values of domain 'x'
 * (a to b)". */
static void describe(char *out, size_t len, const struct domain *d)
{
	int32_t lo, hi;
	domain_value_range(d, &lo, &hi);
	if (d->has_min && d->has_max)
		snprintf(out, len,
			 "the range [%d, %d] that domain '%s' declares",
			 (int)lo, (int)hi, d->name);
	else
		snprintf(out, len, "the values of domain '%s' (%d to %d)",
			 d->name, (int)lo, (int)hi);
}

/* Do a and b have a value in common? Then check_duplicates() reported it,
 * and that report stands for the overlap too. */
static bool share_a_value(const struct domain *a, const struct domain *b)
{
	size_t *x = domain_sorted_by_value(a), *y = domain_sorted_by_value(b);
	bool shared = false;
	for (size_t i = 0, j = 0;
	     x && y && !shared && i < a->nerrors && j < b->nerrors;) {
		int32_t u = a->errors[x[i]].value, v = b->errors[y[j]].value;
		shared = u == v;
		i += u <= v;
		j += v <= u;
	}
	free(x);
	free(y);
	return shared;
}

void check_range_overlaps(const struct domain *doms, size_t n)
{
	for (size_t j = 1; j < n; j++) {
		const struct domain *b = &doms[j];
		int32_t blo, bhi;
		if (!usable_range(b, &blo, &bhi))
			continue;
		for (size_t i = 0; i < j; i++) {
			const struct domain *a = &doms[i];
			int32_t alo, ahi;
			if (!usable_range(a, &alo, &ahi) || bhi < alo ||
			    ahi < blo || share_a_value(a, b))
				continue;
			char what_b[320], what_a[320];
			describe(what_b, sizeof(what_b), b);
			describe(what_a, sizeof(what_a), a);
			diag_error(b->has_min ? &b->min_loc : &b->loc,
				   "%s overlap%s %s: the domains of one run "
				   "need ranges of their own",
				   what_b, b->has_min && b->has_max ? "s" : "",
				   what_a);
			diag_note(
				a->has_min ? &a->min_loc : &a->loc,
				a->has_min && a->has_max
					? "domain '%s' declares its range here"
					: "domain '%s' is here",
				a->name);
		}
	}
}

/* ASCII only: the locale must not change a generated name. */
static void upcase(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

bool registry_name_ok(const char *name, const struct domain *doms, size_t n)
{
	const char *why = c_identifier_problem(name);
	if (why) {
		diag_plain(DIAG_ERROR, "registry name '%s' %s", name, why);
		return false;
	}
	size_t len = strlen(name);
	if (len > 100) {
		diag_plain(DIAG_ERROR,
			   "registry name '%.20s...' is longer than "
			   "100 characters",
			   name);
		return false;
	}
	/* the macros of NAME_registry.h */
	char guard[128], count[128];
	snprintf(guard, sizeof(guard), "%s_REGISTRY_H", name);
	snprintf(count, sizeof(count), "%s_REGISTRY_DOMAINS", name);
	upcase(guard);
	upcase(count);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const struct domain *d = &doms[i];
		if (strcmp(d->name, name) == 0) {
			diag_error(&d->loc,
				   "the registry may not share the name '%s' "
				   "with a domain (give --registry another "
				   "name)",
				   name);
			ok = false;
		}
		for (size_t k = 0; k < d->nerrors; k++) {
			const char *s = d->errors[k].name;
			if ((strncmp(s, name, len) == 0 &&
			     strncmp(s + len, "_error_", 7) == 0) ||
			    strcmp(s, guard) == 0 || strcmp(s, count) == 0) {
				diag_error(&d->errors[k].name_loc,
					   "symbol '%s' collides with a name "
					   "of registry '%s'",
					   s, name);
				ok = false;
			}
		}
	}
	return ok;
}

/* ------------------------------------------------------------------ */
/* The files                                                           */

struct run {
	const struct domain *doms;
	size_t n;
	const char *name;
	char *up;      /* NAME in upper case */
	size_t *order; /* domain indices by range */
};

static void banner(const struct run *r, struct buf *out, const char *file)
{
	struct buf text;
	buf_init(&text);
	buf_printf(&text,
		   "%s%s: the error codes of %zu domain%s, each dispatched to "
		   "its domain's lookups by value. Generated by "
		   "errgen " ERRGEN_VERSION " from",
		   r->name, file, r->n, r->n == 1 ? "" : "s");
	for (size_t i = 0; i < r->n; i++)
		buf_printf(&text, "%s %s", i ? "," : "", r->doms[i].basename);
	buf_puts(&text, "; do not edit: change the XML and regenerate.");
	c_comment_block(out, "", text.data ? text.data : "");
	out->failed |= text.failed;
	buf_free(&text);
}

static void registry_header(const struct run *r, struct buf *out)
{
	const char *n = r->name;
	banner(r, out, "_registry.h");
	buf_printf(out,
		   "#ifndef %s_REGISTRY_H\n#define %s_REGISTRY_H\n\n"
		   "#include <stddef.h> /* size_t */\n\n"
		   "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n",
		   r->up, r->up);
	buf_puts(out, "/* The domains, in the order of their values:");
	for (size_t i = 0; i < r->n; i++) {
		int32_t lo, hi;
		const struct domain *d = &r->doms[r->order[i]];
		domain_value_range(d, &lo, &hi);
		buf_printf(out, "\n * %s [%d, %d]", d->name, (int)lo, (int)hi);
	}
	buf_printf(out, " */\n#define %s_REGISTRY_DOMAINS %zu\n\n", r->up,
		   r->n);
	c_comment_block(out, "",
			"The symbol of code in the domain that defines it, or "
			"NULL when no domain of the registry defines it.");
	buf_printf(out, "const char *%s_error_name(int code);\n\n", n);
	c_comment_block(out, "",
			"The English message of code; never NULL. A code "
			"inside a domain's range that the domain does not "
			"define gets that domain's text for unknown codes; a "
			"code outside every range gets \"Unknown error "
			"code\".");
	buf_printf(out, "const char *%s_error_message(int code);\n\n", n);
	c_comment_block(out, "",
			"The same in the language of the current locale, "
			"through the domain's own localized lookup; a code "
			"outside every range gets \"Unknown error code\" in "
			"English.");
	buf_printf(out, "const char *%s_error_message_localized(int code);\n\n",
		   n);
	c_comment_block(out, "",
			"The name of the domain that defines code (the domain "
			"attribute of its XML, which prefixes its own "
			"lookups), or NULL when no domain of the registry "
			"defines it.");
	buf_printf(out, "const char *%s_error_domain(int code);\n\n", n);
	c_comment_block(out, "",
			"If name is a symbol or an alias of any domain, stores "
			"its value in *code and returns 1; otherwise returns 0 "
			"and leaves *code unchanged. name may be NULL.");
	buf_printf(out,
		   "int %s_error_from_name(const char *name, int *code);\n\n",
		   n);
	c_comment_block(out, "",
			"The same for the len bytes at name, which need no "
			"terminating NUL; name may be NULL when len is 0.");
	buf_printf(out,
		   "int %s_error_from_name_n(const char *name, size_t len, "
		   "int *code);\n\n",
		   n);
	buf_printf(out,
		   "#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s_REGISTRY_H "
		   "*/\n",
		   r->up);
}

/* One dispatching function: a switch over the domain index. */
static void dispatch(const struct run *r, struct buf *out, const char *ret,
		     const char *fn, const char *fallback)
{
	buf_printf(out,
		   "%s%s_error_%s(int code)\n{\n"
		   "\tswitch (%s_registry_find(code)) {\n",
		   ret, r->name, fn, r->name);
	for (size_t i = 0; i < r->n; i++) {
		const struct domain *d = &r->doms[r->order[i]];
		buf_printf(out, "\tcase %zu:\n", i);
		if (strcmp(fn, "domain") == 0)
			buf_printf(out,
				   "\t\treturn %s_error_name(code) ? \"%s\" : "
				   "NO_STRING;\n",
				   d->name, d->name);
		else
			buf_printf(out, "\t\treturn %s_error_%s(code);\n",
				   d->name, fn);
	}
	buf_printf(out, "\tdefault:\n\t\treturn %s;\n\t}\n}\n\n", fallback);
}

static void registry_source(const struct run *r, struct buf *out)
{
	const char *n = r->name;
	banner(r, out, "_registry.c");
	buf_printf(out,
		   "#include \"%s_registry.h\"\n\n#include <stddef.h>\n"
		   "#include <string.h>\n\n",
		   n);
	c_comment_block(out, "",
			"The lookups of each domain, declared here rather than "
			"through the domains' headers, so that this file "
			"compiles wherever they are (DIR/DOMAIN/ or one flat "
			"directory).");
	buf_puts(out, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n");
	for (size_t i = 0; i < r->n; i++) {
		const char *d = r->doms[r->order[i]].name;
		buf_printf(out,
			   "const char *%s_error_name(int code);\n"
			   "const char *%s_error_message(int code);\n"
			   "const char *%s_error_message_localized(int code);\n"
			   "int %s_error_from_name_n(const char *name, size_t "
			   "len, int *code);\n",
			   d, d, d, d);
	}
	buf_puts(out, "#ifdef __cplusplus\n}\n#endif\n\n"
		      "#if defined(__cplusplus) && __cplusplus >= 201103L\n"
		      "#define NO_STRING nullptr\n"
		      "#else\n"
		      "#define NO_STRING NULL\n"
		      "#endif\n\n");
	buf_printf(out,
		   "/* The values of each domain, in order; the index of a "
		   "range is the domain's\n * case in the functions below. "
		   "*/\n"
		   "static const struct %s_registry_range {\n"
		   "\tint lo, hi;\n"
		   "} %s_registry_ranges[%zu] = {\n",
		   n, n, r->n);
	for (size_t i = 0; i < r->n; i++) {
		int32_t lo, hi;
		const struct domain *d = &r->doms[r->order[i]];
		domain_value_range(d, &lo, &hi);
		buf_puts(out, "\t{");
		c_int_expr(out, lo);
		buf_puts(out, ", ");
		c_int_expr(out, hi);
		buf_printf(out, "}%s /* %zu: %s */\n", i + 1 < r->n ? "," : "",
			   i, d->name);
	}
	buf_puts(out, "};\n\n");
	buf_printf(out,
		   "/* The index of the range that holds code, or -1. */\n"
		   "static int %s_registry_find(int code)\n{\n"
		   "\tint lo = 0, hi = %zu;\n"
		   "\twhile (lo < hi) {\n"
		   "\t\tint mid = lo + (hi - lo) / 2;\n"
		   "\t\tif (%s_registry_ranges[mid].hi < code)\n"
		   "\t\t\tlo = mid + 1;\n"
		   "\t\telse\n"
		   "\t\t\thi = mid;\n"
		   "\t}\n"
		   "\treturn lo < %zu && %s_registry_ranges[lo].lo <= code ? "
		   "lo : -1;\n}\n\n",
		   n, r->n, n, r->n, n);
	dispatch(r, out, "const char *", "name", "NO_STRING");
	dispatch(r, out, "const char *", "message", "\"Unknown error code\"");
	dispatch(r, out, "const char *", "message_localized",
		 "\"Unknown error code\"");
	dispatch(r, out, "const char *", "domain", "NO_STRING");
	buf_printf(out,
		   "int %s_error_from_name_n(const char *name, size_t len, "
		   "int *code)\n{\n"
		   "\treturn ",
		   n);
	for (size_t i = 0; i < r->n; i++)
		buf_printf(out, "%s%s_error_from_name_n(name, len, code)",
			   i ? " ||\n\t       " : "",
			   r->doms[r->order[i]].name);
	/* the name's length is found once, not once per domain */
	buf_printf(out,
		   ";\n}\n\n"
		   "int %s_error_from_name(const char *name, int *code)\n{\n"
		   "\treturn name && %s_error_from_name_n(name, strlen(name), "
		   "code);\n}\n",
		   n, n);
}

static int cmp_lo(const void *a, const void *b, const struct domain *doms)
{
	int32_t alo, ahi, blo, bhi;
	domain_value_range(&doms[*(const size_t *)a], &alo, &ahi);
	domain_value_range(&doms[*(const size_t *)b], &blo, &bhi);
	return (alo > blo) - (alo < blo);
}

void emit_registry(const struct domain *doms, size_t n, const char *name,
		   struct emit_files *out)
{
	struct run r = {doms, n, name, NULL, NULL};
	size_t len = strlen(name);
	r.up = malloc(len + 1);
	r.order = malloc((n ? n : 1) * sizeof(*r.order));
	if (!r.up || !r.order || n == 0) {
		out->failed = true;
		free(r.up);
		free(r.order);
		return;
	}
	memcpy(r.up, name, len + 1);
	upcase(r.up);
	/* a few domains: insertion sort, stable, with the domains at hand */
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		r.order[i] = i;
		while (j > 0 &&
		       cmp_lo(&r.order[j - 1], &r.order[j], doms) > 0) {
			size_t t = r.order[j];
			r.order[j] = r.order[j - 1];
			r.order[j - 1] = t;
			j--;
		}
	}
	char file[300];
	snprintf(file, sizeof(file), "%s_registry.h", name);
	struct buf *h = emit_files_add(out, file);
	if (h)
		registry_header(&r, h);
	snprintf(file, sizeof(file), "%s_registry.c", name);
	struct buf *c = emit_files_add(out, file);
	if (c)
		registry_source(&r, c);
	free(r.up);
	free(r.order);
}
