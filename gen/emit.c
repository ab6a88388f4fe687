#include "emit.h"
#include "diag.h"

#include <errno.h>
#include <time.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct emitter header = {
	.kind = "header",
	.file_suffix = "_errors.h",
	.emit = emit_header,
	.summary = "C header: enum of the codes, range macros, prototypes",
};
static const struct emitter catalog = {
	.kind = "catalog",
	.file_suffix = "_errors.c",
	.emit = emit_catalog,
	.summary = "C catalog: code to name and message, name to code",
};

static const struct emitter static_assert_kind = {
	.kind = "static-assert",
	.file_suffix = "_assert.c",
	.emit = emit_static_assert,
	.summary =
		"C11 static assertions: a foreign header agrees with the XML",
};

static const struct emitter gettext_kind = {
	.kind = "gettext",
	.file_suffix = "DOMAIN.pot LANG.po",
	.summary = "gettext template and one catalog per declared language",
	.emit_many = emit_gettext,
};

static const struct emitter catgets_kind = {
	.kind = "catgets",
	.file_suffix = "LANG.msg",
	.summary = "POSIX catgets message source per declared language",
	.emit_many = emit_catgets,
};

static const struct emitter map_kind = {
	.kind = "map",
	.file_suffix = "DOMAIN_map.h/.c",
	.summary = "errno and TLS alert mappings, both ways",
	.emit_many = emit_map,
};

static const struct emitter map_openssl_kind = {
	.kind = "map-openssl",
	.file_suffix = "DOMAIN_map_openssl.h/.c",
	.summary = "OpenSSL reason and X509_V_ERR mappings, both ways",
	.emit_many = emit_map_openssl,
};

static const struct emitter markdown_kind = {
	.kind = "markdown",
	.file_suffix = ".md",
	.emit = emit_markdown,
	.summary = "reference documentation in Markdown, an anchor per code",
};

static const struct emitter html_kind = {
	.kind = "html",
	.file_suffix = ".html",
	.emit = emit_html,
	.summary = "reference documentation, one standalone HTML page",
};

static const struct emitter json_kind = {
	.kind = "json",
	.file_suffix = ".json",
	.emit = emit_json,
	.summary = "the whole domain as one JSON document",
};

static const struct emitter registry_kind = {
	.kind = "registry",
	.file_suffix = "NAME_registry.h/.c",
	.summary = "every code of the run, dispatched by value (on request)",
	.emit_run = emit_registry,
};

const struct emitter *const emitters[] = {
	&header,       &catalog,   &static_assert_kind, &gettext_kind,
	&catgets_kind, &map_kind,  &map_openssl_kind,	&markdown_kind,
	&html_kind,    &json_kind, &registry_kind,	NULL};

struct buf *emit_files_add(struct emit_files *f, const char *name)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct emit_file *files =
			realloc(f->files, cap * sizeof(*files));
		if (!files) {
			f->failed = true;
			return NULL;
		}
		f->files = files;
		f->cap = cap;
	}
	struct emit_file *file = &f->files[f->n];
	file->name = strdup(name);
	if (!file->name) {
		f->failed = true;
		return NULL;
	}
	buf_init(&file->content);
	f->n++;
	return &file->content;
}

void emit_files_free(struct emit_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->files[i].name);
		buf_free(&f->files[i].content);
	}
	free(f->files);
	memset(f, 0, sizeof(*f));
}

/* SOURCE_DATE_EPOCH as seconds: 0 when unset or empty; false when it is
 * not plain decimal digits for a time before the year 10000. */
static bool source_epoch(const char *env, long long *t)
{
	*t = 0;
	if (!env || !*env)
		return true;
	if (strspn(env, "0123456789") != strlen(env))
		return false; /* no sign, space or fraction */
	errno = 0;
	long long v = strtoll(env, NULL, 10);
	if (errno != 0 || v >= 253402300800LL)
		return false;
	*t = v;
	return true;
}

bool emit_source_date_ok(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	long long t;
	if (source_epoch(env, &t))
		return true;
	diag_plain(DIAG_ERROR,
		   "SOURCE_DATE_EPOCH='%.40s%s' is not a number of seconds "
		   "since 1970 (digits only, before the year 10000)",
		   env, strlen(env) > 40 ? "..." : "");
	return false;
}

void emit_source_date(char out[32])
{
	long long t;
	if (!source_epoch(getenv("SOURCE_DATE_EPOCH"), &t))
		t = 0; /* emit_source_date_ok() said so before */
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) ||
	    !strftime(out, 32, "%Y-%m-%d %H:%M+0000", &tm))
		snprintf(out, 32, "1970-01-01 00:00+0000");
}

const struct emitter *emitter_find(const char *kind)
{
	for (size_t i = 0; emitters[i]; i++)
		if (strcmp(emitters[i]->kind, kind) == 0)
			return emitters[i];
	return NULL;
}

char *emit_file_name(const struct emitter *em, const struct domain *d)
{
	size_t n = strlen(d->name) + strlen(em->file_suffix) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s", d->name, em->file_suffix);
	return s;
}
