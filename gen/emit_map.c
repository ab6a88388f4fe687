/*
 * Mappings between a domain's codes and other code systems, both ways:
 * D_map.h/.c for errno and TLS alerts, D_map_openssl.h/.c for OpenSSL
 * reason codes and certificate verification results, so that a consumer
 * without OpenSSL still gets the first pair.
 *
 * Foreign codes are written by their symbolic names, each under #ifdef, so
 * every platform and OpenSSL build compiles its own values and a name it
 * lacks compiles to "no mapping". Lookups from a foreign value are chains of
 * comparisons rather than switches: names that share a value on some
 * platform (EAGAIN and EWOULDBLOCK) must both compile. What was compiled out
 * can be listed at run time (D_error_map_missing), so a misspelled name
 * cannot vanish silently. TLS alerts are numbers fixed by the IANA registry
 * and are written as numbers.
 */
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "foreign.h"
#include "mapping.h"

/* Whether mapping m of e is read in the direction asked. */
static bool maps_to(const struct mapping *m)
{
	return m->direction != MAP_FROM;
}

static size_t count_target(const struct domain *d, enum map_target a,
			   enum map_target b)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nerrors; i++)
		for (size_t j = 0; j < d->errors[i].nmappings; j++)
			n += d->errors[i].mappings[j].target == a ||
			     d->errors[i].mappings[j].target == b;
	return n;
}

/* The OpenSSL library macro of a reason: lib="SSL" or the name's start. */
static void openssl_lib(const struct mapping *m, char *out, size_t outlen)
{
	if (m->lib) {
		snprintf(out, outlen, "ERR_LIB_%s", m->lib);
		return;
	}
	const char *r = strstr(m->name, "_R_");
	int n = r ? (int)(r - m->name) : (int)strlen(m->name);
	snprintf(out, outlen, "ERR_LIB_%.*s", n, m->name);
}

/* "#if defined(NAME)" guard for mapping m (and its library). */
static void guard(struct buf *out, const struct mapping *m)
{
	if (m->target == MAP_OPENSSL) {
		char lib[160];
		openssl_lib(m, lib, sizeof(lib));
		buf_printf(out, "#if defined(%s) && defined(%s)\n", lib,
			   m->name);
	} else {
		buf_printf(out, "#ifdef %s\n", m->name);
	}
}

/* NULL that stays clean under C++11's -Wzero-as-null-pointer-constant. */
static void no_string_macro(struct buf *out)
{
	buf_puts(out, "#include <stddef.h>\n"
		      "#if defined(__cplusplus) && __cplusplus >= 201103L\n"
		      "#define NO_STRING nullptr\n#else\n"
		      "#define NO_STRING NULL\n#endif\n\n");
}

static void header_common(struct buf *out, const struct domain *d,
			  const char *what, const char *guardname)
{
	c_banner(out, d, what);
	buf_printf(out, "#ifndef %s\n#define %s\n\n", guardname, guardname);
	buf_puts(out, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
}

static void header_end(struct buf *out, const char *guardname)
{
	buf_printf(out, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s */\n",
		   guardname);
}

/* ------------------------------------------------------------------ */
/* errno and TLS alerts                                                */

static void to_errno(struct buf *out, const struct domain *d)
{
	buf_printf(out,
		   "int %s_error_to_errno(int code)\n{\n"
		   "\tswitch (code) {\n",
		   d->name);
	for (size_t i = 0; i < d->nerrors; i++) {
		const struct error *e = &d->errors[i];
		for (size_t j = 0; j < e->nmappings; j++) {
			const struct mapping *m = &e->mappings[j];
			if (m->target != MAP_ERRNO || !maps_to(m))
				continue;
			guard(out, m);
			buf_printf(out, "\tcase %s:\n\t\treturn %s;\n#endif\n",
				   e->name, m->name);
		}
	}
	buf_puts(out, "\tdefault:\n\t\treturn 0;\n\t}\n}\n\n");
}

static void from_foreign(struct buf *out, const struct domain *d,
			 enum map_target target, const char *param)
{
	size_t n;
	bool failed = false;
	struct map_ref *wins = map_winners(d, target, &n, &failed);
	out->failed |= failed;
	for (size_t i = 0; i < n; i++) {
		const struct mapping *m = wins[i].map;
		guard(out, m);
		if (target == MAP_OPENSSL) {
			char lib[160];
			openssl_lib(m, lib, sizeof(lib));
			buf_printf(out, "\tif (lib == %s && %s == %s) {\n", lib,
				   param, m->name);
		} else {
			buf_printf(out, "\tif (%s == %s) {\n", param, m->name);
		}
		buf_printf(out, "\t\t*code = %s;\n\t\treturn 1;\n\t}\n#endif\n",
			   wins[i].error->name);
	}
	free(wins);
	buf_puts(out, "\treturn 0;\n}\n\n");
}

static void tls_functions(struct buf *out, const struct domain *d)
{
	buf_printf(out,
		   "int %s_error_to_tls_alert(int code)\n{\n"
		   "\tswitch (code) {\n",
		   d->name);
	for (size_t i = 0; i < d->nerrors; i++)
		for (size_t j = 0; j < d->errors[i].nmappings; j++) {
			const struct mapping *m = &d->errors[i].mappings[j];
			if (m->target == MAP_TLS_ALERT && maps_to(m))
				buf_printf(
					out,
					"\tcase %s:\n\t\treturn %d; /* %s */\n",
					d->errors[i].name,
					tls_alert_number(m->name), m->name);
		}
	buf_puts(out, "\tdefault:\n\t\treturn -1;\n\t}\n}\n\n");
	buf_printf(out,
		   "int %s_error_from_tls_alert(int alert, int *code)\n{\n"
		   "\t(void)code;\n"
		   "\tswitch (alert) {\n",
		   d->name);
	size_t n;
	bool failed = false;
	struct map_ref *wins = map_winners(d, MAP_TLS_ALERT, &n, &failed);
	out->failed |= failed;
	for (size_t i = 0; i < n; i++)
		buf_printf(
			out,
			"\tcase %d: /* %s */\n\t\t*code = %s;\n\t\treturn 1;\n",
			tls_alert_number(wins[i].map->name), wins[i].map->name,
			wins[i].error->name);
	free(wins);
	buf_puts(out, "\tdefault:\n\t\treturn 0;\n\t}\n}\n\n");
}

/* The declared mappings of the targets whose names this build lacks. */
static void missing_function(struct buf *out, const struct domain *d,
			     const char *fname, enum map_target a,
			     enum map_target b)
{
	buf_printf(out,
		   "const char *%s(unsigned index)\n{\n"
		   "\tstatic const char *const missing[] = {\n",
		   fname);
	for (size_t i = 0; i < d->nerrors; i++)
		for (size_t j = 0; j < d->errors[i].nmappings; j++) {
			const struct mapping *m = &d->errors[i].mappings[j];
			if (m->target != a && m->target != b)
				continue;
			if (m->target == MAP_OPENSSL) {
				char lib[160];
				openssl_lib(m, lib, sizeof(lib));
				buf_printf(out,
					   "#if !defined(%s) || !defined(%s)\n",
					   lib, m->name);
			} else {
				buf_printf(out, "#ifndef %s\n", m->name);
			}
			buf_printf(out, "\t\t\"%s %s (%s)\",\n#endif\n",
				   map_target_name(m->target), m->name,
				   d->errors[i].name);
		}
	buf_puts(out, "\t\tNO_STRING\n\t};\n"
		      "\tunsigned i;\n"
		      "\tfor (i = 0; missing[i]; i++)\n"
		      "\t\tif (i == index)\n"
		      "\t\t\treturn missing[i];\n"
		      "\treturn NO_STRING;\n}\n");
}

static void map_header(struct buf *out, const struct domain *d, const char *up)
{
	char g[300];
	snprintf(g, sizeof(g), "%s_ERRORS_MAP_H", up);
	header_common(out, d, "_map.h", g);
	const char *n = d->name;
	buf_printf(out,
		   "/* Mappings declared in the XML, errno and TLS alerts. */\n"
		   "#define %s_ERROR_MAP_DECLARED %zu\n\n",
		   up, count_target(d, MAP_ERRNO, MAP_TLS_ALERT));
	c_comment_block(out, "",
			"The errno value of code, as this platform defines "
			"it, or 0 when code maps to none.");
	buf_printf(out, "int %s_error_to_errno(int code);\n\n", n);
	c_comment_block(out, "",
			"If the errno value err maps to a code, stores it in "
			"*code and returns 1; otherwise returns 0.");
	buf_printf(out, "int %s_error_from_errno(int err, int *code);\n\n", n);
	c_comment_block(out, "",
			"The TLS alert description (RFC 8446 / IANA number) "
			"for code, or -1 when it maps to none.");
	buf_printf(out, "int %s_error_to_tls_alert(int code);\n\n", n);
	c_comment_block(out, "",
			"If the TLS alert description alert maps to a code, "
			"stores it in *code and returns 1; otherwise 0.");
	buf_printf(out,
		   "int %s_error_from_tls_alert(int alert, int *code);\n\n", n);
	c_comment_block(out, "",
			"The index-th declared errno mapping whose name this "
			"platform lacks, as \"errno NAME (SYMBOL)\", or NULL "
			"past the last: a misspelled or foreign name shows up "
			"here instead of vanishing.");
	buf_printf(out, "const char *%s_error_map_missing(unsigned index);\n",
		   n);
	header_end(out, g);
}

static void map_source(struct buf *out, const struct domain *d)
{
	c_banner(out, d, "_map.c");
	buf_printf(out,
		   "#include \"%s_map.h\"\n\n#include <errno.h>\n\n"
		   "#include \"%s_errors.h\"\n\n",
		   d->name, d->name);
	no_string_macro(out);
	to_errno(out, d);
	buf_printf(out,
		   "int %s_error_from_errno(int err, int *code)\n{\n"
		   "\t(void)err;\n\t(void)code;\n",
		   d->name);
	from_foreign(out, d, MAP_ERRNO, "err");
	tls_functions(out, d);
	char fname[300];
	snprintf(fname, sizeof(fname), "%s_error_map_missing", d->name);
	missing_function(out, d, fname, MAP_ERRNO, MAP_ERRNO);
}

void emit_map(const struct domain *d, struct emit_files *out)
{
	char *up = domain_macro_prefix(d);
	char name[300];
	if (!up) {
		out->failed = true;
		return;
	}
	snprintf(name, sizeof(name), "%s_map.h", d->name);
	struct buf *b = emit_files_add(out, name);
	if (b)
		map_header(b, d, up);
	snprintf(name, sizeof(name), "%s_map.c", d->name);
	b = b ? emit_files_add(out, name) : NULL;
	if (b)
		map_source(b, d);
	free(up);
}

/* ------------------------------------------------------------------ */
/* OpenSSL                                                             */

static void to_openssl(struct buf *out, const struct domain *d,
		       enum map_target target, const char *decl,
		       const char *none)
{
	buf_printf(out, "%s\n{\n\tswitch (code) {\n", decl);
	for (size_t i = 0; i < d->nerrors; i++) {
		const struct error *e = &d->errors[i];
		for (size_t j = 0; j < e->nmappings; j++) {
			const struct mapping *m = &e->mappings[j];
			if (m->target != target || !maps_to(m))
				continue;
			guard(out, m);
			if (target == MAP_OPENSSL) {
				char lib[160];
				openssl_lib(m, lib, sizeof(lib));
				buf_printf(out,
					   "\tcase %s:\n\t\treturn "
					   "ERR_PACK(%s, 0, "
					   "%s);\n#endif\n",
					   e->name, lib, m->name);
			} else {
				buf_printf(
					out,
					"\tcase %s:\n\t\treturn %s;\n#endif\n",
					e->name, m->name);
			}
		}
	}
	buf_printf(out, "\tdefault:\n\t\treturn %s;\n\t}\n}\n\n", none);
}

static void openssl_header(struct buf *out, const struct domain *d,
			   const char *up)
{
	char g[300];
	snprintf(g, sizeof(g), "%s_ERRORS_MAP_OPENSSL_H", up);
	header_common(out, d, "_map_openssl.h", g);
	const char *n = d->name;
	buf_printf(out,
		   "/* Mappings declared in the XML, OpenSSL reasons and "
		   "verification results. */\n"
		   "#define %s_ERROR_MAP_OPENSSL_DECLARED %zu\n\n",
		   up, count_target(d, MAP_OPENSSL, MAP_X509));
	c_comment_block(
		out, "",
		"If the packed OpenSSL error (from ERR_get_error or "
		"ERR_peek_error) maps to a code, by library and reason, "
		"stores it in *code and returns 1; otherwise returns 0.");
	buf_printf(out,
		   "int %s_error_from_openssl(unsigned long packed, int *code);"
		   "\n\n",
		   n);
	c_comment_block(out, "",
			"The packed OpenSSL error (library and reason, as "
			"ERR_PACK makes it) for code, or 0 when it maps to "
			"none.");
	buf_printf(out, "unsigned long %s_error_to_openssl(int code);\n\n", n);
	c_comment_block(out, "",
			"If the certificate verification result (an "
			"X509_V_ERR_* value, from SSL_get_verify_result or "
			"X509_STORE_CTX_get_error) maps to a code, stores it "
			"in *code and returns 1; otherwise returns 0.");
	buf_printf(out,
		   "int %s_error_from_x509_verify(long result, int *code);\n\n",
		   n);
	c_comment_block(out, "",
			"The X509_V_ERR_* value for code, or 0 (X509_V_OK) "
			"when it maps to none.");
	buf_printf(out, "long %s_error_to_x509_verify(int code);\n\n", n);
	c_comment_block(out, "",
			"The index-th declared OpenSSL mapping whose name this "
			"OpenSSL build lacks, or NULL past the last.");
	buf_printf(
		out,
		"const char *%s_error_map_openssl_missing(unsigned index);\n",
		n);
	header_end(out, g);
}

static void openssl_source(struct buf *out, const struct domain *d)
{
	const char *n = d->name;
	char decl[300];
	c_banner(out, d, "_map_openssl.c");
	buf_printf(
		out,
		"#include \"%s_map_openssl.h\"\n\n"
		"#include <openssl/err.h>\n#include <openssl/ssl.h>\n"
		"#include <openssl/x509_vfy.h>\n\n#include \"%s_errors.h\"\n\n",
		n, n);
	no_string_macro(out);
	buf_printf(
		out,
		"int %s_error_from_openssl(unsigned long packed, int *code)\n"
		"{\n\tint lib = ERR_GET_LIB(packed);\n"
		"\tint reason = ERR_GET_REASON(packed);\n"
		"\t(void)lib;\n\t(void)reason;\n\t(void)code;\n",
		n);
	from_foreign(out, d, MAP_OPENSSL, "reason");
	snprintf(decl, sizeof(decl),
		 "unsigned long %s_error_to_openssl(int code)", n);
	to_openssl(out, d, MAP_OPENSSL, decl, "0");
	buf_printf(out,
		   "int %s_error_from_x509_verify(long result, int *code)\n{\n"
		   "\t(void)result;\n\t(void)code;\n",
		   n);
	from_foreign(out, d, MAP_X509, "result");
	snprintf(decl, sizeof(decl), "long %s_error_to_x509_verify(int code)",
		 n);
	to_openssl(out, d, MAP_X509, decl, "0");
	char fname[300];
	snprintf(fname, sizeof(fname), "%s_error_map_openssl_missing", n);
	missing_function(out, d, fname, MAP_OPENSSL, MAP_X509);
}

void emit_map_openssl(const struct domain *d, struct emit_files *out)
{
	char *up = domain_macro_prefix(d);
	char name[300];
	if (!up) {
		out->failed = true;
		return;
	}
	snprintf(name, sizeof(name), "%s_map_openssl.h", d->name);
	struct buf *b = emit_files_add(out, name);
	if (b)
		openssl_header(b, d, up);
	snprintf(name, sizeof(name), "%s_map_openssl.c", d->name);
	b = b ? emit_files_add(out, name) : NULL;
	if (b)
		openssl_source(b, d);
	free(up);
}
