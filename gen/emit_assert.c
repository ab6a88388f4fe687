/*
 * Static assertions: a C file that, compiled after another project's header,
 * proves that every symbol and alias of the XML exists there with the same
 * value. It fails to compile, naming the symbol, when they drift apart.
 */
#include "emit.h"

#include <stdlib.h>

static void assertion(struct buf *out, const char *up, const char *name,
		      int32_t value, const char *file)
{
	buf_printf(out, "%s_ASSERT(%s == ", up, name);
	c_int_expr(out, value);
	buf_printf(out, ",\n\t\"%s is not ", name);
	c_int(out, value);
	buf_puts(out, " as in ");
	/* the file name sits inside a string literal */
	struct buf lit;
	buf_init(&lit);
	c_string(&lit, file);
	if (lit.len >= 2)
		buf_put(out, lit.data + 1, lit.len - 2);
	out->failed |= lit.failed;
	buf_free(&lit);
	buf_puts(out, "\");\n");
}

void emit_static_assert(const struct domain *d, struct buf *out)
{
	char *up = domain_macro_prefix(d);
	if (!up) {
		out->failed = true;
		return;
	}
	c_banner(out, d, "_assert.c");
	buf_printf(
		out,
		"\n/* Compile this file with the header to be checked included "
		"first, e.g.\n"
		" *     cc -std=c11 -c -include HEADER.h %s_assert.c\n"
		" * or name the header: -D%s_ASSERT_HEADER='<HEADER.h>'. "
		"Every assertion\n"
		" * says: this symbol exists there and has the XML's value. "
		"*/\n"
		"#ifdef %s_ASSERT_HEADER\n#include %s_ASSERT_HEADER\n#endif\n\n"
		"#ifdef __cplusplus\n"
		"#define %s_ASSERT(cond, text) static_assert(cond, text)\n"
		"#else\n"
		"#define %s_ASSERT(cond, text) _Static_assert(cond, text)\n"
		"#endif\n\n",
		d->name, up, up, up, up, up);
	for (size_t i = 0; i < d->nerrors; i++) {
		const struct error *e = &d->errors[i];
		assertion(out, up, e->name, e->value, d->basename);
		for (size_t a = 0; a < e->naliases; a++)
			assertion(out, up, e->aliases[a].name, e->value,
				  d->basename);
	}
	free(up);
}
