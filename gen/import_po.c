/*
 * errgen import-po LANG.po FILE.xml: a translator's .po file back into the
 * XML. Entries are matched by msgctxt (the symbol); the XML is edited in
 * place through the byte spans the loader records, so every byte outside
 * the changed translations stays as it was. The result is loaded and
 * checked again before it replaces the file, atomically; with any error
 * nothing is written.
 *
 * The .po is read by gettext's own parser (libgettextpo).
 */
#include "import_po.h"

#include <gettext-po.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cformat.h"
#include "check.h"
#include "diag.h"
#include "output.h"

/* An edit of the XML text: replace [from, to) by text. */
struct edit {
	size_t from, to;
	char *text;
};

struct import {
	const char *po_path;
	struct domain *d;
	const char *lang;
	struct edit *edits;
	size_t nedits, capedits;
	unsigned updated, added, unchanged, fuzzy, obsolete, unknown, stale,
		empty;
	bool failed;
};

/* libgettextpo's diagnostics, as ours. */
static const char *po_file_for_errors;

static void po_error(int severity, po_message_t message, const char *filename,
		     size_t lineno, size_t column, int multiline_p,
		     const char *text)
{
	(void)message;
	(void)multiline_p;
	struct loc loc = {filename ? filename : po_file_for_errors, (int)lineno,
			  (int)column};
	if (severity == PO_SEVERITY_WARNING)
		diag_warning(&loc, "%s", text);
	else
		diag_error(&loc, "%s", text);
	/* a fatal error must not return to libgettextpo */
	if (severity == PO_SEVERITY_FATAL_ERROR)
		exit(2);
}

static void po_error2(int severity, po_message_t message1,
		      const char *filename1, size_t lineno1, size_t column1,
		      int multiline_p1, const char *text1,
		      po_message_t message2, const char *filename2,
		      size_t lineno2, size_t column2, int multiline_p2,
		      const char *text2)
{
	po_error(severity == PO_SEVERITY_FATAL_ERROR ? PO_SEVERITY_ERROR
						     : severity,
		 message1, filename1, lineno1, column1, multiline_p1, text1);
	po_error(severity, message2, filename2, lineno2, column2, multiline_p2,
		 text2);
}

static const struct po_xerror_handler po_handler = {po_error, po_error2};

static bool add_edit(struct import *im, size_t from, size_t to, char *text)
{
	if (im->nedits == im->capedits) {
		size_t cap = im->capedits ? im->capedits * 2 : 32;
		struct edit *e = realloc(im->edits, cap * sizeof(*e));
		if (!e) {
			free(text);
			return false;
		}
		im->edits = e;
		im->capedits = cap;
	}
	im->edits[im->nedits++] = (struct edit){from, to, text};
	return true;
}

/* Text as XML element content. */
static void xml_escape(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_puts(out, "&amp;");
		else if (*s == '<')
			buf_puts(out, "&lt;");
		else if (*s == '>')
			buf_puts(out, "&gt;");
		else if (*s == '\r')
			buf_puts(out, "&#13;");
		else
			buf_putc(out, *s);
	}
}

static struct error *find_error(struct domain *d, const char *name)
{
	for (size_t i = 0; i < d->nerrors; i++)
		if (strcmp(d->errors[i].name, name) == 0)
			return &d->errors[i];
	return NULL;
}

/* The white space that starts the line holding offset off. */
static void indent_at(const char *xml, size_t off, struct buf *out)
{
	size_t bol = off;
	while (bol > 0 && xml[bol - 1] != '\n')
		bol--;
	size_t n = strspn(xml + bol, " \t");
	buf_put(out, xml + bol, n < off - bol ? n : off - bol);
}

static bool same_args(const char *a, const char *b)
{
	struct buf x, y;
	int nx, ny;
	buf_init(&x);
	buf_init(&y);
	bool ok = cformat_args(a, &x, &nx) == CFORMAT_OK &&
		  cformat_args(b, &y, &ny) == CFORMAT_OK &&
		  strcmp(x.data ? x.data : "", y.data ? y.data : "") == 0;
	buf_free(&x);
	buf_free(&y);
	return ok;
}

static void import_entry(struct import *im, const char *xml, po_message_t m)
{
	struct loc po_loc = {im->po_path, 0, 0};
	const char *ctx = po_message_msgctxt(m);
	const char *msgid = po_message_msgid(m);
	const char *msgstr = po_message_msgstr(m);
	if (!*msgid)
		return; /* the header */
	if (po_message_is_obsolete(m)) {
		im->obsolete++;
		return;
	}
	struct error *e = ctx ? find_error(im->d, ctx) : NULL;
	char unknown_ctx[300];
	snprintf(unknown_ctx, sizeof(unknown_ctx), "%s_error_unknown",
		 im->d->name);
	if (!e && ctx && strcmp(ctx, unknown_ctx) == 0)
		return; /* errgen's own entry; the XML has no place for it */
	if (!e) {
		/* the unknown-code message has no place in the XML yet */
		im->unknown++;
		diag_warning(&po_loc,
			     "entry '%s' matches no code of %s; skipped",
			     ctx ? ctx : msgid, im->d->basename);
		return;
	}
	if (po_message_is_fuzzy(m)) {
		im->fuzzy++;
		diag_warning(&po_loc, "%s: fuzzy translation skipped", ctx);
		return;
	}
	if (!*msgstr) {
		im->empty++;
		return;
	}
	if (e->message &&
	    (xml[e->message_span.start] != '<' ||
	     strncmp(xml + e->message_span.content_end, "</", 2) != 0)) {
		struct loc loc = {im->d->path, e->message_loc.line,
				  e->message_loc.col};
		diag_error(&loc,
			   "cannot edit this file in place (is it UTF-8?)");
		im->failed = true;
		return;
	}
	if (!e->message || strcmp(e->message, msgid) != 0) {
		im->stale++;
		diag_warning(&po_loc,
			     "%s: the English text changed since this .po was "
			     "made; translation skipped",
			     ctx);
		return;
	}
	if (!same_args(msgid, msgstr)) {
		diag_error(&po_loc,
			   "%s: the translation's printf conversions differ "
			   "from the English message's; refused",
			   ctx);
		im->failed = true;
		return;
	}
	struct translation *t = NULL;
	for (size_t i = 0; i < e->ntranslations; i++)
		if (strcmp(e->translations[i].lang, im->lang) == 0)
			t = &e->translations[i];
	if (t && strcmp(t->text, msgstr) == 0) {
		im->unchanged++;
		return;
	}
	struct buf text;
	buf_init(&text);
	bool ok;
	if (t) {
		xml_escape(&text, msgstr);
		ok = !text.failed && add_edit(im, t->span.content_start,
					      t->span.content_end, text.data);
		im->updated++;
	} else {
		/* a new line after the error's last message, indented alike */
		size_t after = e->message_span.end;
		for (size_t i = 0; i < e->ntranslations; i++)
			if (e->translations[i].span.end > after)
				after = e->translations[i].span.end;
		buf_putc(&text, '\n');
		indent_at(xml, e->message_span.start, &text);
		buf_printf(&text, "<message xml:lang=\"%s\">", im->lang);
		xml_escape(&text, msgstr);
		buf_puts(&text, "</message>");
		ok = !text.failed && add_edit(im, after, after, text.data);
		im->added++;
	}
	if (!ok) {
		diag_plain(DIAG_ERROR, "out of memory");
		im->failed = true;
	}
}

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

/* The XML with every edit applied, in order of position. */
static bool apply_edits(struct import *im, const char *xml, size_t len,
			struct buf *out)
{
	qsort(im->edits, im->nedits, sizeof(*im->edits), cmp_edit);
	size_t at = 0;
	for (size_t i = 0; i < im->nedits; i++) {
		buf_put(out, xml + at, im->edits[i].from - at);
		buf_puts(out, im->edits[i].text);
		at = im->edits[i].to;
	}
	buf_put(out, xml + at, len - at);
	return !out->failed;
}

static char *language_of(po_file_t po, const char *po_path)
{
	const char *header = po_file_domain_header(po, NULL);
	char *lang = header ? po_header_field(header, "Language") : NULL;
	if (lang && *lang)
		return lang;
	free(lang);
	/* else the file name: de.po */
	const char *base = strrchr(po_path, '/');
	base = base ? base + 1 : po_path;
	size_t n = strcspn(base, ".");
	lang = malloc(n + 1);
	if (lang)
		snprintf(lang, n + 1, "%s", base);
	return lang;
}

static bool declared(const struct domain *d, const char *lang)
{
	for (size_t i = 0; i < d->nlanguages; i++)
		if (strcmp(d->languages[i], lang) == 0)
			return true;
	return false;
}

/* Loads the edited document and runs the checks: what is written must be
 * a file errgen accepts. */
static bool still_valid(struct loader *l, const char *xml_path,
			const struct buf *b)
{
	struct domain check;
	bool ok = loader_load_memory(l, xml_path, b->data, b->len, &check) &&
		  check_domains(&check, 1);
	domain_free(&check);
	return ok;
}

static int write_result(const char *xml_path, struct buf *b)
{
	struct output_set set;
	output_set_init(&set);
	char *path = strdup(xml_path);
	size_t written = 0;
	int rc = 3;
	if (path && output_set_add(&set, path, b))
		rc = output_commit(&set, &written) == OUTPUT_OK ? 0 : 3;
	output_set_free(&set);
	return rc;
}

static void report(const struct import *im)
{
	struct loc loc = {im->po_path, 0, 0};
	diag_note(&loc,
		  "%s: %u added, %u updated, %u unchanged, %u untranslated; "
		  "skipped: %u fuzzy, %u obsolete, %u unknown, %u stale",
		  im->lang, im->added, im->updated, im->unchanged, im->empty,
		  im->fuzzy, im->obsolete, im->unknown, im->stale);
}

int import_po(struct loader *l, const char *po_path, const char *xml_path)
{
	size_t len;
	char *xml = loader_read_file(xml_path, &len);
	if (!xml)
		return 2;
	struct domain d;
	if (!loader_load_memory(l, xml_path, xml, len, &d) ||
	    !check_domains(&d, 1)) {
		domain_free(&d);
		free(xml);
		return 2;
	}
	po_file_for_errors = po_path;
	po_file_t po = po_file_read(po_path, &po_handler);
	if (!po) {
		domain_free(&d);
		free(xml);
		return 2;
	}
	struct import im = {.po_path = po_path, .d = &d};
	char *lang = language_of(po, po_path);
	im.lang = lang;
	int rc = 0;
	if (!lang || !declared(&d, lang)) {
		struct loc loc = {xml_path, d.languages_loc.line,
				  d.languages_loc.col};
		diag_error(&loc,
			   "language '%s' of %s is not declared in languages; "
			   "add it there first",
			   lang ? lang : "?", po_path);
		rc = 2;
	} else {
		po_message_iterator_t it = po_message_iterator(po, NULL);
		for (po_message_t m; (m = po_next_message(it));)
			import_entry(&im, xml, m);
		po_message_iterator_free(it);
		report(&im);
		struct buf out;
		buf_init(&out);
		if (im.failed)
			rc = 2;
		else if (!apply_edits(&im, xml, len, &out))
			rc = 3;
		else if (!still_valid(l, xml_path, &out))
			rc = 2;
		else if (im.nedits)
			rc = write_result(xml_path, &out);
		buf_free(&out);
	}
	for (size_t i = 0; i < im.nedits; i++)
		free(im.edits[i].text);
	free(im.edits);
	free(lang);
	po_file_free(po);
	domain_free(&d);
	free(xml);
	return rc;
}
