/* The C header: the codes as an enum, range macros, the lookup prototypes. */
#include "emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void enumerator(struct buf *out, const char *name, int32_t value,
		       bool last)
{
	buf_printf(out, "\t%s = ", name);
	c_int(out, value);
	if (!last) /* C89 and C++98 forbid a comma after the last one */
		buf_putc(out, ',');
}

static void enum_body(const struct domain *d, struct buf *out)
{
	size_t group = NO_GROUP;
	for (size_t i = 0; i < d->nerrors; i++) {
		const struct error *e = &d->errors[i];
		if (e->group != group && e->group != NO_GROUP) {
			if (i)
				buf_putc(out, '\n');
			c_comment_block(out, "\t", d->groups[e->group].title);
		} else if (e->group != group) {
			buf_puts(out, "\n");
		}
		group = e->group;
		bool last_error = i + 1 == d->nerrors;
		enumerator(out, e->name, e->value, last_error && !e->naliases);
		if (e->status != STATUS_ACTIVE)
			buf_printf(out, " /* %s */", status_name(e->status));
		buf_putc(out, '\n');
		for (size_t a = 0; a < e->naliases; a++) {
			enumerator(out, e->aliases[a].name, e->value,
				   last_error && a + 1 == e->naliases);
			buf_printf(out, " /* alias of %s */\n", e->name);
		}
	}
}

/* One documented prototype: the comment wrapped, then the declaration. */
static void prototype(struct buf *out, const char *decl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void prototype(struct buf *out, const char *decl, const char *fmt, ...)
{
	struct buf text;
	buf_init(&text);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	c_comment_block(out, "", text.data ? text.data : "");
	out->failed |= text.failed;
	buf_free(&text);
	buf_printf(out, "%s\n", decl);
}

static void prototypes(const struct domain *d, struct buf *out)
{
	const char *n = d->name;
	char decl[300];
	snprintf(decl, sizeof(decl), "const char *%s_error_name(int code);\n",
		 n);
	prototype(out, decl,
		  "The symbol of code (\"%s\" for %s), or NULL when the domain "
		  "has no such code. Obsolete codes keep their symbol; for a "
		  "code with aliases this is its own name.",
		  d->errors[0].name, d->errors[0].name);
	snprintf(decl, sizeof(decl),
		 "const char *%s_error_message(int code);\n", n);
	prototype(out, decl,
		  "The English message of code; never NULL. A code the domain "
		  "does not know, or an obsolete code without a message, gives "
		  "\"%s\".",
		  d->unknown_message);
	snprintf(decl, sizeof(decl),
		 "int %s_error_from_name(const char *name, int *code);\n", n);
	prototype(
		out, decl,
		"If name is the symbol or an alias of a code, stores its value "
		"in *code and returns 1; otherwise returns 0 and leaves *code "
		"unchanged. name may be NULL.");
	snprintf(decl, sizeof(decl),
		 "int %s_error_from_name_n(const char *name, size_t len, "
		 "int *code);",
		 n);
	prototype(out, decl,
		  "%s_error_from_name() for the len bytes at name, which need "
		  "no terminating NUL (a NUL among them matches no name); "
		  "name may be NULL when len is 0. Quicker when the length is "
		  "known: no strlen().",
		  n);
}

static void range_macros(const struct domain *d, const char *up,
			 struct buf *out)
{
	int32_t lo = d->errors[0].value, hi = d->errors[0].value;
	for (size_t i = 1; i < d->nerrors; i++) {
		if (d->errors[i].value < lo)
			lo = d->errors[i].value;
		if (d->errors[i].value > hi)
			hi = d->errors[i].value;
	}
	if (d->has_base) {
		buf_printf(out,
			   "/* The domain's base value. */\n"
			   "#define %s_ERROR_BASE ",
			   up);
		c_int_expr(out, d->base);
		buf_putc(out, '\n');
	}
	if (d->has_min || d->has_max) {
		buf_puts(out,
			 "/* The range reserved for this domain's codes. */\n");
		if (d->has_min) {
			buf_printf(out, "#define %s_ERROR_RANGE_MIN ", up);
			c_int_expr(out, d->min);
			buf_putc(out, '\n');
		}
		if (d->has_max) {
			buf_printf(out, "#define %s_ERROR_RANGE_MAX ", up);
			c_int_expr(out, d->max);
			buf_putc(out, '\n');
		}
	}
	buf_printf(out,
		   "/* The lowest and highest code, and the number of "
		   "codes (obsolete ones\n * included). */\n"
		   "#define %s_ERROR_MIN ",
		   up);
	c_int_expr(out, lo);
	buf_printf(out, "\n#define %s_ERROR_MAX ", up);
	c_int_expr(out, hi);
	buf_printf(out, "\n#define %s_ERROR_COUNT %zu\n", up, d->nerrors);
}

static void translation_macros(const struct domain *d, const char *up,
			       struct buf *out)
{
	c_comment_block(out, "",
			"The gettext text domain of the messages: the "
			"application binds it (bindtextdomain) to where the "
			".mo files are installed.");
	buf_printf(out, "#define %s_ERROR_TEXTDOMAIN \"%s\"\n", up,
		   d->gettext_domain);
	c_comment_block(out, "",
			"catgets: the set and message number of a code in the "
			"LANG.msg catalogs (stable: derived from the code "
			"alone).");
	buf_printf(out,
		   "#define %s_ERROR_CATGETS_SET 1\n"
		   "#define %s_ERROR_CATGETS_NUMBER(code) ((code) - ",
		   up, up);
	c_int_expr(out, catgets_base(d));
	buf_puts(out, " + 1)\n");
}

static void localized_prototypes(const struct domain *d, struct buf *out)
{
	const char *n = d->name;
	char decl[300];
	snprintf(decl, sizeof(decl),
		 "const char *%s_error_message_localized(int code);\n", n);
	prototype(out, decl,
		  "The message of code in the language of the current locale "
		  "(LC_MESSAGES, or the LANGUAGE variable), through dgettext "
		  "with the symbol as context; the English message when no "
		  "translation applies; never NULL. Compiled with "
		  "ERRGEN_NO_NLS defined, always English.");
	snprintf(decl, sizeof(decl),
		 "#ifdef LC_ALL_MASK\n"
		 "const char *%s_error_message_l(int code, locale_t locale);\n"
		 "#endif",
		 n);
	prototype(out, decl,
		  "The same in the given locale (from newlocale), for servers "
		  "that answer each client in its own language. It changes "
		  "only the calling thread's locale and only during the call, "
		  "so threads may use different locales at once. glibc lets "
		  "a set LANGUAGE variable take precedence over the locale. "
		  "Declared where <locale.h> offers locale_t (POSIX 2008).");
}

void emit_header(const struct domain *d, struct buf *out)
{
	char *up = domain_macro_prefix(d);
	if (!up || d->nerrors == 0) {
		out->failed = true;
		free(up);
		return;
	}
	c_banner(out, d, "_errors.h");
	buf_printf(out, "#ifndef %s_ERRORS_H\n#define %s_ERRORS_H\n\n", up, up);
	buf_puts(out, "#include <locale.h> /* locale_t, where POSIX 2008 is on "
		      "*/\n#include <stddef.h> /* size_t */\n\n");
	buf_puts(out, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	if (d->description)
		c_comment_block(out, "", d->description);
	buf_printf(out, "enum %s_error {\n", d->name);
	enum_body(d, out);
	buf_puts(out, "};\n\n");
	range_macros(d, up, out);
	buf_putc(out, '\n');
	translation_macros(d, up, out);
	buf_putc(out, '\n');
	prototypes(d, out);
	buf_putc(out, '\n');
	localized_prototypes(d, out);
	buf_printf(
		out,
		"\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s_ERRORS_H */\n",
		up);
	free(up);
}
