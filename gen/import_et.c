/*
 * errgen import-et and import-header (see import_et.h). Both fill one small
 * table (struct imported) and write it as XML through the same writer, which
 * checks its result against the schema before anything is written.
 *
 * import-et follows compile_et as Debian ships it (e2fsprogs' et_h.awk):
 * lines it would not match are reported and ignored as it ignores them, so
 * that every value agrees with the header compile_et writes.
 */
#include "import_et.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "cheader.h"
#include "diag.h"
#include "load.h"
#include "output.h"

/* ------------------------------------------------------------------ */
/* The imported table                                                  */

struct imported_code {
	char *name;
	int32_t value;
	char *message; /* English, or NULL */
	char **aliases;
	size_t naliases;
};

struct imported {
	char *comment; /* where it came from, for the XML comment */
	char *domain;
	char *prefix;
	char *title;
	bool has_base, has_range;
	int32_t base, min, max;
	struct imported_code *codes;
	size_t n, cap;
	bool oom;
};

static void imported_free(struct imported *im)
{
	for (size_t i = 0; i < im->n; i++) {
		free(im->codes[i].name);
		free(im->codes[i].message);
		for (size_t a = 0; a < im->codes[i].naliases; a++)
			free(im->codes[i].aliases[a]);
		free(im->codes[i].aliases);
	}
	free(im->codes);
	free(im->comment);
	free(im->domain);
	free(im->prefix);
	free(im->title);
	memset(im, 0, sizeof(*im));
}

static char *xstrdup(struct imported *im, const char *s)
{
	char *r = s ? strdup(s) : NULL;
	if (s && !r)
		im->oom = true;
	return r;
}

static char *xprintf(struct imported *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *xprintf(struct imported *im, const char *fmt, ...)
{
	struct buf b;
	buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.failed || !b.data) {
		buf_free(&b);
		im->oom = true;
		return NULL;
	}
	return b.data;
}

static bool ascii_alpha_(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* What the schema's cIdentifier accepts. */
static bool schema_identifier(const char *s)
{
	if (!ascii_alpha_(*s) || strlen(s) > 200)
		return false;
	for (; *s; s++)
		if (!ascii_alpha_(*s) && !(*s >= '0' && *s <= '9'))
			return false;
	return true;
}

static struct imported_code *find_code(struct imported *im, const char *name)
{
	for (size_t i = 0; i < im->n; i++) {
		if (strcmp(im->codes[i].name, name) == 0)
			return &im->codes[i];
		for (size_t a = 0; a < im->codes[i].naliases; a++)
			if (strcmp(im->codes[i].aliases[a], name) == 0)
				return &im->codes[i];
	}
	return NULL;
}

static struct imported_code *add_code(struct imported *im, const char *name,
				      int32_t value)
{
	if (im->n == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct imported_code *c = realloc(im->codes, cap * sizeof(*c));
		if (!c) {
			im->oom = true;
			return NULL;
		}
		im->codes = c;
		im->cap = cap;
	}
	struct imported_code *c = &im->codes[im->n];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(im, name);
	if (!c->name)
		return NULL;
	c->value = value;
	im->n++;
	return c;
}

static bool add_alias(struct imported *im, struct imported_code *c,
		      const char *name)
{
	char **a = realloc(c->aliases, (c->naliases + 1) * sizeof(*a));
	if (!a) {
		im->oom = true;
		return false;
	}
	c->aliases = a;
	a[c->naliases] = xstrdup(im, name);
	if (a[c->naliases])
		c->naliases++;
	return !im->oom;
}

/* A name as a C identifier errgen accepts for a domain: other characters
 * become '_', runs of '_' one, a leading digit or underscore is avoided,
 * and a name C reserves gets "_errors" appended. */
static char *domain_name_from(struct imported *im, const char *s, size_t len)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!ascii_alpha_(c) && !(c >= '0' && c <= '9'))
			c = '_';
		if (c == '_' && (b.len == 0 || b.data[b.len - 1] == '_'))
			continue;
		buf_putc(&b, c);
	}
	while (b.len > 0 && b.data[b.len - 1] == '_')
		b.data[--b.len] = '\0';
	if (b.len == 0 || (b.data[0] >= '0' && b.data[0] <= '9')) {
		struct buf p;
		buf_init(&p);
		buf_printf(&p, "errors%s%s", b.len ? "_" : "",
			   b.data ? b.data : "");
		buf_free(&b);
		b = p;
	}
	if (!b.failed && b.data && c_identifier_problem(b.data))
		buf_puts(&b, "_errors");
	if (b.failed || !b.data) {
		buf_free(&b);
		im->oom = true;
		return NULL;
	}
	return b.data;
}

/* ------------------------------------------------------------------ */
/* XML                                                                 */

/* Bytes that XML 1.0 can carry: valid UTF-8 without the control characters
 * it forbids. */
static bool xml_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		size_t n = c < 0x80		? 1
			   : (c & 0xe0) == 0xc0 ? 2
			   : (c & 0xf0) == 0xe0 ? 3
			   : (c & 0xf8) == 0xf0 ? 4
						: 0;
		if (n == 0 ||
		    (n == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			return false;
		unsigned cp = n == 1 ? c : c & (0x7fu >> n);
		for (size_t i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3fu);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe ||
		    cp == 0xffff)
			return false;
		p += n;
	}
	return true;
}

static void xml_escaped(struct buf *out, const char *s, bool attribute)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, attribute ? "&quot;" : "\"");
			break;
		case '\r':
			buf_puts(out, "&#13;");
			break;
		case '\n':
			buf_puts(out, attribute ? "&#10;" : "\n");
			break;
		case '\t':
			buf_puts(out, attribute ? "&#9;" : "\t");
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

/* Comment text wrapped at 76 columns, indented by two spaces; "--" may not
 * occur in an XML comment. */
static void xml_comment_text(struct buf *out, const char *s)
{
	size_t col = 2;
	buf_puts(out, "  ");
	while (*s) {
		size_t w = strcspn(s, " ");
		if (col > 2 && col + 1 + w > 76) {
			buf_puts(out, "\n  ");
			col = 2;
		} else if (col > 2) {
			buf_putc(out, ' ');
			col++;
		}
		for (size_t i = 0; i < w; i++) {
			buf_putc(out, s[i]);
			if (s[i] == '-' && (i + 1 == w || s[i + 1] == '-'))
				buf_putc(out, ' ');
		}
		col += w;
		s += w;
		s += strspn(s, " ");
	}
}

static void write_xml(const struct imported *im, struct buf *out)
{
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n");
	xml_comment_text(out, im->comment);
	buf_puts(out, "\n-->\n<errors xmlns=\"urn:errgen:1\" domain=\"");
	xml_escaped(out, im->domain, true);
	buf_putc(out, '"');
	if (im->prefix) {
		buf_puts(out, " prefix=\"");
		xml_escaped(out, im->prefix, true);
		buf_putc(out, '"');
	}
	if (im->has_base)
		buf_printf(out, " base=\"%d\"", (int)im->base);
	if (im->has_range)
		buf_printf(out, " min=\"%d\" max=\"%d\"", (int)im->min,
			   (int)im->max);
	buf_puts(out, ">\n  <title>");
	xml_escaped(out, im->title, false);
	buf_puts(out, "</title>\n");
	for (size_t i = 0; i < im->n; i++) {
		const struct imported_code *c = &im->codes[i];
		buf_printf(out, "  <error name=\"%s\" value=\"%d\"", c->name,
			   (int)c->value);
		if (!c->message && !c->naliases) {
			buf_puts(out, "/>\n");
			continue;
		}
		buf_puts(out, ">\n");
		if (c->message) {
			buf_puts(out, "    <message>");
			xml_escaped(out, c->message, false);
			buf_puts(out, "</message>\n");
		}
		for (size_t a = 0; a < c->naliases; a++)
			buf_printf(out, "    <alias name=\"%s\"/>\n",
				   c->aliases[a]);
		buf_puts(out, "  </error>\n");
	}
	buf_puts(out, "</errors>\n");
}

/* Proves the XML is what errgen reads (schema and loader), then writes it
 * to out_path or stdout. */
static int publish(const struct imported *im, const char *out_path)
{
	if (im->oom) {
		diag_plain(DIAG_ERROR, "out of memory");
		return 3;
	}
	struct buf xml;
	buf_init(&xml);
	write_xml(im, &xml);
	if (xml.failed) {
		buf_free(&xml);
		diag_plain(DIAG_ERROR, "out of memory");
		return 3;
	}
	struct loader *l = loader_new();
	struct domain d;
	bool valid =
		l && loader_load_memory(l, out_path ? out_path : "<stdout>",
					xml.data, xml.len, &d);
	if (l)
		domain_free(&d);
	loader_free(l);
	if (!valid) {
		diag_plain(DIAG_ERROR,
			   "the imported XML does not load; this is "
			   "a bug in errgen, nothing was written");
		buf_free(&xml);
		return 2;
	}
	int rc = 0;
	if (!out_path) {
		if (fwrite(xml.data, 1, xml.len, stdout) != xml.len ||
		    fflush(stdout) != 0) {
			diag_plain(DIAG_ERROR,
				   "cannot write to standard output");
			rc = 3;
		}
		buf_free(&xml);
		return rc;
	}
	struct output_set set;
	output_set_init(&set);
	char *path = strdup(out_path);
	size_t written;
	if (!path || !output_set_add(&set, path, &xml))
		rc = 3;
	else if (output_commit(&set, &written) != OUTPUT_OK)
		rc = 3;
	output_set_free(&set);
	return rc;
}

/* ------------------------------------------------------------------ */
/* compile_et tables                                                   */

static const char et_charset[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

bool et_table_base(const char *name, int32_t *base)
{
	if (strlen(name) > 4)
		return false;
	int64_t number = 0;
	for (const char *p = name; *p; p++) {
		const char *at = strchr(et_charset, *p);
		number = number * 64 + (at ? at - et_charset + 1 : 0);
	}
	int64_t b = number * 256;
	if (number > 128 * 256 * 256)
		b -= INT64_C(1) << 32;
	if (b < INT32_MIN || b > INT32_MAX)
		return false;
	*base = (int32_t)b;
	return true;
}

struct et_reader {
	const char *path;
	const char *text;
	size_t len, pos;
	int line; /* of the line last read */
	struct imported *im;
	bool have_table;
	int32_t base;
	long index;
	char *prefix; /* compile_et's prefix, with its '_' */
	bool after_end;
	bool failed;
	unsigned ignored, without_message;
	bool past_table; /* a code beyond the table's 256 */
};

/* The next line (without its newline) into *line and *len; false at the
 * end. */
static bool next_line(struct et_reader *r, const char **line, size_t *len)
{
	if (r->pos >= r->len)
		return false;
	const char *s = r->text + r->pos;
	const char *nl = memchr(s, '\n', r->len - r->pos);
	size_t n = nl ? (size_t)(nl - s) : r->len - r->pos;
	r->pos += n + (nl != NULL);
	if (n > 0 && s[n - 1] == '\r')
		n--;
	*line = s;
	*len = n;
	r->line++;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool et_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static void et_warn(struct et_reader *r, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void et_warn(struct et_reader *r, int col, const char *fmt, ...)
{
	struct loc loc = {r->path, r->line, col};
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_warning(&loc, "%s", msg);
}

static void et_error(struct et_reader *r, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void et_error(struct et_reader *r, int col, const char *fmt, ...)
{
	struct loc loc = {r->path, r->line, col};
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(&loc, "%s", msg);
	r->failed = true;
}

/* One C escape sequence after the backslash at *p; advances *p. */
static int c_escape(const char **p, const char *end)
{
	static const char simple[] = "n\nt\tr\ra\ab\bf\fv\v\\\\''\"\"??";
	char c = *(*p)++;
	for (size_t i = 0; simple[i]; i += 2)
		if (simple[i] == c)
			return (unsigned char)simple[i + 1];
	if (c >= '0' && c <= '7') {
		int v = c - '0';
		for (int k = 0; k < 2 && *p < end && **p >= '0' && **p <= '7';
		     k++)
			v = v * 8 + (*(*p)++ - '0');
		return v > 0xff ? -1 : v;
	}
	if (c == 'x') {
		int v = 0, digits = 0;
		for (; *p < end; (*p)++, digits++) {
			char h = **p;
			int d = (h >= '0' && h <= '9')	 ? h - '0'
				: (h >= 'a' && h <= 'f') ? h - 'a' + 10
				: (h >= 'A' && h <= 'F') ? h - 'A' + 10
							 : -1;
			if (d < 0)
				break;
			v = v * 16 + d;
			if (v > 0xff)
				return -1;
		}
		return digits ? v : -1;
	}
	return -1;
}

/* The message of an ec line: one or more adjacent C string literals in
 * text (lines already spliced). NULL, with *why set, when there is none. */
static char *et_message(struct imported *im, const char *s, size_t len,
			const char **why)
{
	const char *p = s, *end = s + len;
	struct buf b;
	buf_init(&b);
	bool any = false;
	*why = NULL;
	for (;;) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end || *p != '"')
			break;
		any = true;
		for (p++; p < end && *p != '"'; p++) {
			if (*p != '\\') {
				buf_putc(&b, *p);
				continue;
			}
			p++;
			int c = p < end ? c_escape(&p, end) : -1;
			p--;
			if (c <= 0) {
				*why = c == 0 ? "it contains \\0"
					      : "it has an escape sequence "
						"errgen does not read";
				buf_free(&b);
				return NULL;
			}
			buf_putc(&b, (char)c);
		}
		if (p == end) {
			*why = "its string is not closed";
			buf_free(&b);
			return NULL;
		}
		p++;
	}
	if (!any)
		*why = "it has no message string";
	else if (p < end && *p != '#')
		*why = "there is more after the message string";
	else if (b.len == 0)
		*why = "its message is empty";
	else if (!xml_text_ok(b.data))
		*why = "its message is not UTF-8 text that XML can hold";
	if (*why || b.failed) {
		im->oom |= b.failed;
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* The rest of an ec line from s on, joined with the following lines where
 * a line ends in a backslash (C's line splicing); when it is empty, the
 * next line, as compile_et takes it. */
static void et_message_text(struct et_reader *r, const char *s, size_t len,
			    struct buf *text)
{
	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
	}
	if (len == 0) {
		/* the message on the next line; anything else there is a line
		 * of its own, which compile_et numbers as such */
		size_t pos = r->pos;
		int line = r->line;
		if (!next_line(r, &s, &len))
			return;
		const char *q = s;
		while (q < s + len && is_blank(*q))
			q++;
		if (q == s + len || *q != '"') {
			r->pos = pos;
			r->line = line;
			return;
		}
	}
	for (;;) {
		bool spliced = len > 0 && s[len - 1] == '\\';
		buf_put(text, s, spliced ? len - 1 : len);
		if (!spliced || !next_line(r, &s, &len))
			return;
	}
}

static void et_table(struct et_reader *r, const char *line, const char *p,
		     const char *end)
{
	int col = (int)(p - line) + 1;
	if (r->have_table) {
		et_error(r, col,
			 "a second error_table; compile_et writes one table "
			 "per file");
		return;
	}
	/* fields: NAME, or BASE NAME (compile_et counts from the first) */
	const char *f[2];
	size_t flen[2], nf = 0;
	while (p < end && nf < 2) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end)
			break;
		f[nf] = p;
		while (p < end && !is_blank(*p))
			p++;
		flen[nf] = (size_t)(p - f[nf]);
		nf++;
	}
	char base_name[5];
	if (flen[0] > 4) {
		et_error(r, col,
			 "the table name '%.*s' is longer than 4 characters: "
			 "compile_et's codes for it do not fit 32 bits",
			 (int)flen[0], f[0]);
		return;
	}
	memcpy(base_name, f[0], flen[0]);
	base_name[flen[0]] = '\0';
	if (!et_table_base(base_name, &r->base)) {
		et_error(r, col,
			 "compile_et's base for table '%s' does not fit 32 "
			 "bits",
			 base_name);
		return;
	}
	const char *name = nf > 1 ? f[1] : f[0];
	size_t name_len = nf > 1 ? flen[1] : flen[0];
	struct imported *im = r->im;
	r->have_table = true;
	im->domain = domain_name_from(im, name, name_len);
	im->title = xprintf(im, "Error table %.*s", (int)name_len, name);
	im->has_base = true;
	im->base = r->base;
	if (im->domain && (strlen(im->domain) != name_len ||
			   memcmp(im->domain, name, name_len) != 0)) {
		struct loc loc = {r->path, r->line, col};
		diag_note(&loc,
			  "the domain is '%s': '%.*s' is no name errgen "
			  "accepts for one",
			  im->domain, (int)name_len, name);
	}
}

static void et_code(struct et_reader *r, const char *line, const char *name,
		    size_t name_len, const char *rest, const char *end)
{
	int col = (int)(name - line) + 1;
	if (!r->have_table) {
		/* once: the lines after it say nothing new */
		if (!r->failed)
			et_error(r, col, "an error code before error_table");
		return;
	}
	struct imported *im = r->im;
	int64_t value = (int64_t)r->base + r->index;
	if (r->index > 255 && !r->past_table) {
		et_warn(r, col,
			"%s%.*s is code %ld of the table, past its 256 codes: "
			"the codes from here on run into another table's "
			"range; min and max are not declared",
			r->prefix ? r->prefix : "", (int)name_len, name,
			r->index);
		r->past_table = true;
	}
	r->index++;
	struct buf full, text;
	buf_init(&full);
	buf_init(&text);
	buf_printf(&full, "%s%.*s", r->prefix ? r->prefix : "", (int)name_len,
		   name);
	int ec_line = r->line;
	et_message_text(r, rest, (size_t)(end - rest), &text);
	const char *why = NULL;
	char *message =
		et_message(im, text.data ? text.data : "", text.len, &why);
	struct loc loc = {r->path, ec_line, col};
	const char *sym = full.data ? full.data : "";
	if (full.failed || text.failed) {
		im->oom = true;
	} else if (value < INT32_MIN || value > INT32_MAX) {
		diag_error(&loc, "the value of %s does not fit 32 bits", sym);
		r->failed = true;
	} else if (!schema_identifier(sym)) {
		diag_warning(&loc,
			     "%s (%lld) is no C identifier; skipped (its value "
			     "stays used)",
			     sym, (long long)value);
		r->ignored++;
	} else if (find_code(im, sym)) {
		diag_warning(&loc,
			     "%s is defined again; skipped (its value "
			     "%lld stays used)",
			     sym, (long long)value);
		r->ignored++;
	} else {
		struct imported_code *c = add_code(im, sym, (int32_t)value);
		if (c && message) {
			c->message = message;
			message = NULL;
		} else if (c) {
			diag_warning(&loc, "%s has no message: %s; add one",
				     sym, why);
			r->without_message++;
		}
		if (r->after_end)
			diag_warning(&loc,
				     "%s comes after 'end'; compile_et still "
				     "reads it, and so does errgen",
				     sym);
	}
	free(message);
	buf_free(&full);
	buf_free(&text);
}

static void et_index(struct et_reader *r, const char *line, const char *arg)
{
	/* compile_et reads the number as awk does: its leading digits */
	long v = 0;
	for (const char *p = arg; *p >= '0' && *p <= '9'; p++) {
		if (v > 100000000) {
			et_error(r, (int)(arg - line) + 1,
				 "index is too large");
			return;
		}
		v = v * 10 + (*p - '0');
	}
	if (v < r->index)
		et_error(r, (int)(arg - line) + 1,
			 "index %ld goes back (the next code would be %ld); "
			 "compile_et's message table would no longer match "
			 "its codes",
			 v, r->index);
	else
		r->index = v;
}

static void et_prefix(struct et_reader *r, const char *arg, size_t len)
{
	free(r->prefix);
	r->prefix = NULL;
	if (len == 0)
		return;
	r->prefix = malloc(len + 2);
	if (!r->prefix) {
		r->im->oom = true;
		return;
	}
	memcpy(r->prefix, arg, len);
	memcpy(r->prefix + len, "_", 2);
}

/* Is the line (from p) keyword followed by blanks? Sets *arg past them. */
static bool keyword(const char *p, const char *end, const char *kw,
		    const char **arg)
{
	size_t n = strlen(kw);
	if ((size_t)(end - p) <= n || memcmp(p, kw, n) != 0 || !is_blank(p[n]))
		return false;
	for (p += n; p < end && is_blank(*p); p++)
		;
	*arg = p;
	return true;
}

static void et_line(struct et_reader *r, const char *line, size_t len)
{
	const char *end = line + len, *p = line, *arg;
	while (p < end && is_blank(*p))
		p++;
	if (p == end || *p == '#')
		return;
	int col = (int)(p - line) + 1;
	if (keyword(p, end, "error_table", &arg) ||
	    keyword(p, end, "et", &arg)) {
		if (arg + 1 < end && ascii_alpha_(*arg) && *arg != '_' &&
		    (ascii_alpha_(arg[1]) || (arg[1] >= '0' && arg[1] <= '9')))
			et_table(r, line, arg, end);
		else
			et_error(r, col,
				 "error_table wants a name of two or more "
				 "letters, digits and '_', starting with a "
				 "letter");
		return;
	}
	if (keyword(p, end, "error_code", &arg) ||
	    keyword(p, end, "ec", &arg)) {
		const char *q = arg;
		while (q < end && et_name_char(*q))
			q++;
		if (q > arg && q < end && *q == ',') {
			et_code(r, line, arg, (size_t)(q - arg), q + 1, end);
			return;
		}
		et_warn(r, col,
			"ignored, as compile_et ignores it: it reads 'ec "
			"NAME,' "
			"with NAME of upper-case letters, digits and '_' and "
			"the comma right after it");
		r->ignored++;
		return;
	}
	if (keyword(p, end, "index", &arg) && arg < end && et_name_char(*arg)) {
		et_index(r, line, arg);
		return;
	}
	if ((size_t)(end - p) == 6 && memcmp(p, "prefix", 6) == 0) {
		et_prefix(r, NULL, 0);
		return;
	}
	if (keyword(p, end, "prefix", &arg) && arg < end &&
	    et_name_char(*arg)) {
		const char *q = arg;
		while (q < end && !is_blank(*q))
			q++;
		et_prefix(r, arg, (size_t)(q - arg));
		return;
	}
	if ((size_t)(end - p) >= 3 && memcmp(p, "end", 3) == 0 &&
	    (end - p == 3 || is_blank(p[3]))) {
		r->after_end = true;
		return;
	}
	et_warn(r, col, "not understood; ignored, as compile_et ignores it");
	r->ignored++;
}

static bool import_et_file(const char *path, struct imported *im)
{
	size_t len;
	char *text = loader_read_file(path, &len);
	if (!text)
		return false;
	struct et_reader r = {.path = path, .text = text, .len = len, .im = im};
	const char *line;
	size_t n;
	while (next_line(&r, &line, &n))
		et_line(&r, line, n);
	if (!r.have_table && !r.failed) {
		struct loc loc = {path, 0, 0};
		diag_error(&loc, "no error_table line: not a compile_et table");
		r.failed = true;
	}
	if (r.have_table && !r.failed && im->n == 0) {
		struct loc loc = {path, 0, 0};
		diag_error(&loc, "the table has no error codes");
		r.failed = true;
	}
	/* compile_et gives each table 256 values */
	im->has_range = !r.past_table;
	im->min = im->base;
	im->max = im->base + 255;
	if (!r.failed && im->domain) {
		struct loc loc = {path, 0, 0};
		diag_note(&loc,
			  "%zu codes of table %s (base %d); %u lines "
			  "skipped, %u codes without a message",
			  im->n, im->domain, (int)im->base, r.ignored,
			  r.without_message);
		im->comment = xprintf(
			im,
			"Imported by errgen import-et from %s, a compile_et "
			"table: the values are those compile_et gives (base "
			"%d, the table's 256 codes from there).",
			path, (int)im->base);
	}
	free(r.prefix);
	free(text);
	return !r.failed;
}

/* Parses [-o OUT] and, for headers, --domain and --prefix. */
struct import_args {
	const char *input, *out, *domain, *prefix;
};

static bool parse_import_args(int argc, char **argv, bool header,
			      struct import_args *a)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"domain", required_argument, NULL, 'd'},
		{"prefix", required_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof(*a));
	optind = 1;
	opterr = 0; /* the usage line says it all */
	int c;
	while ((c = getopt_long(argc - 1, argv + 1, "o:", longopts, NULL)) !=
	       -1) {
		if (c == 'o')
			a->out = optarg;
		else if (c == 'd' && header)
			a->domain = optarg;
		else if (c == 'p' && header)
			a->prefix = optarg;
		else
			return false;
	}
	if (optind != argc - 2)
		return false;
	a->input = argv[optind + 1];
	return !(a->out && !*a->out);
}

int import_et_main(int argc, char **argv)
{
	struct import_args a;
	if (!parse_import_args(argc, argv, false, &a)) {
		diag_plain(DIAG_ERROR,
			   "usage: errgen import-et FILE.et [-o OUT.xml]");
		return 2;
	}
	struct imported im = {0};
	int rc = import_et_file(a.input, &im) ? publish(&im, a.out) : 2;
	if (im.oom && rc == 2) {
		diag_plain(DIAG_ERROR, "out of memory");
		rc = 3;
	}
	imported_free(&im);
	return rc;
}

/* ------------------------------------------------------------------ */
/* C headers                                                           */

static bool import_header_file(const struct import_args *a, struct imported *im)
{
	struct cheader h;
	if (!cheader_read(a->input, a->prefix, &h)) {
		cheader_free(&h);
		return false;
	}
	const char *base = strrchr(a->input, '/');
	base = base ? base + 1 : a->input;
	size_t stem = strcspn(base, ".");
	im->domain = a->domain ? xstrdup(im, a->domain)
			       : domain_name_from(im, base, stem);
	im->prefix = xstrdup(im, a->prefix);
	im->title = xprintf(im, "Error codes of %s", base);
	im->comment = xprintf(
		im,
		"Imported by errgen import-header from %s: names, values and "
		"aliases. Every code still needs its <message>.",
		a->input);
	/* the base, when every code that counts from one counts from it */
	const char *base_macro = NULL;
	bool one_base = true;
	for (size_t i = 0; i < h.n; i++) {
		const struct cheader_name *n = &h.names[i];
		if (!schema_identifier(n->name)) {
			diag_warning(&n->loc,
				     "%s is longer than the 200 characters the "
				     "schema allows; skipped",
				     n->name);
			continue;
		}
		if (n->alias_of != CHEADER_NONE) {
			struct imported_code *c =
				find_code(im, h.names[n->alias_of].name);
			if (c)
				add_alias(im, c, n->name);
			continue;
		}
		struct imported_code *same = NULL;
		for (size_t k = 0; k < im->n && !same; k++)
			if (im->codes[k].value == n->value)
				same = &im->codes[k];
		if (same) {
			diag_note(&n->loc,
				  "%s has the value of %s (%d); it becomes an "
				  "alias of it",
				  n->name, same->name, (int)n->value);
			add_alias(im, same, n->name);
			continue;
		}
		add_code(im, n->name, n->value);
		if (n->base && base_macro && strcmp(n->base, base_macro) != 0)
			one_base = false;
		if (n->base && !base_macro)
			base_macro = n->base;
	}
	/* BASE's value: the code that is BASE + 0, or BASE from the text */
	if (base_macro && one_base) {
		for (size_t i = 0; i < h.n && !im->has_base; i++) {
			const struct cheader_name *n = &h.names[i];
			if (n->base && strcmp(n->base, base_macro) == 0 &&
			    n->alias_of == CHEADER_NONE) {
				im->has_base = true;
				im->base = n->base_value;
			}
		}
	}
	bool ok = true;
	if (im->n == 0) {
		struct loc loc = {a->input, 0, 0};
		if (a->prefix)
			diag_error(&loc, "no error codes that start with '%s'",
				   a->prefix);
		else
			diag_error(&loc, "no error codes found");
		ok = false;
	} else {
		struct loc loc = {a->input, 0, 0};
		size_t naliases = 0;
		for (size_t i = 0; i < im->n; i++)
			naliases += im->codes[i].naliases;
		diag_note(&loc,
			  "%zu codes and %zu alias%s imported into domain "
			  "'%s'; none has a message yet: write a <message> "
			  "for each (errgen refuses a code without one, "
			  "unless it is obsolete)",
			  im->n, naliases, naliases == 1 ? "" : "es",
			  im->domain ? im->domain : "");
	}
	cheader_free(&h);
	return ok;
}

int import_header_main(int argc, char **argv)
{
	struct import_args a;
	if (!parse_import_args(argc, argv, true, &a)) {
		diag_plain(DIAG_ERROR,
			   "usage: errgen import-header FILE.h [--domain NAME] "
			   "[--prefix P] [-o OUT.xml]");
		return 2;
	}
	if (a.domain && c_identifier_problem(a.domain)) {
		diag_plain(DIAG_ERROR, "domain '%s' %s", a.domain,
			   c_identifier_problem(a.domain));
		return 2;
	}
	if (a.prefix &&
	    (!schema_identifier(a.prefix) || strlen(a.prefix) > 100)) {
		diag_plain(DIAG_ERROR,
			   "prefix '%s' is not the start of a C identifier",
			   a.prefix);
		return 2;
	}
	struct imported im = {0};
	int rc = import_header_file(&a, &im) ? publish(&im, a.out) : 2;
	imported_free(&im);
	return rc;
}
