/*
 * DOMAIN.json: the whole domain as one JSON document, for tools that would
 * rather not read the XML (documentation sites, log analysers, other
 * languages' bindings). Keys come in a fixed order and every key is always
 * present: an optional value that the XML leaves out is null (a string or a
 * number), [] (a list) or {} (the translations). Strings are exactly the
 * XML's text (white space included), in UTF-8; only '"', '\\', control
 * characters, U+2028 and U+2029 are escaped. README.md documents the shape.
 */
#include "emit.h"
#include "swar.h"

#include <string.h>

/* The length of the UTF-8 sequence at p, or 0 if it is not one. libxml2
 * lets only valid UTF-8 into the model's text, but a file name may be
 * anything. */
static size_t utf8_length(const unsigned char *p)
{
	size_t n = p[0] < 0x80	 ? 1
		   : p[0] < 0xc2 ? 0
		   : p[0] < 0xe0 ? 2
		   : p[0] < 0xf0 ? 3
		   : p[0] < 0xf5 ? 4
				 : 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* \u followed by the four hex digits of c, at w; returns the end. */
static char *json_u_escape(char *w, unsigned c)
{
	static const char hex[] = "0123456789abcdef";
	*w++ = '\\';
	*w++ = 'u';
	for (int shift = 12; shift >= 0; shift -= 4)
		*w++ = hex[(c >> shift) & 15];
	return w;
}

static void json_string(struct buf *out, const char *s)
{
	size_t len = strlen(s);
	/* a byte takes at most 6 bytes (\u escapes) */
	char *w = len < ((size_t)-1) / 8 ? buf_room(out, 6 * len + 2) : NULL;
	if (!w) {
		out->failed = true;
		return;
	}
	char *start = w;
	*w++ = '"';
	const unsigned char *end = (const unsigned char *)s + len;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* eight bytes of plain ASCII at a time */
		while (end - p >= 8) {
			uint64_t v = swar_load(p);
			if ((v & SWAR_HIGHS) | swar_below(v, 0x20) |
			    swar_has(v, '"') | swar_has(v, '\\'))
				break;
			memcpy(w, p, 8);
			w += 8;
			p += 8;
		}
		if (!*p)
			break;
		switch (*p) {
		case '"':
		case '\\':
			*w++ = '\\';
			*w++ = (char)*p;
			break;
		case '\n':
			*w++ = '\\';
			*w++ = 'n';
			break;
		case '\r':
			*w++ = '\\';
			*w++ = 'r';
			break;
		case '\t':
			*w++ = '\\';
			*w++ = 't';
			break;
		default:
			if (*p < 0x20) {
				w = json_u_escape(w, *p);
			} else if (p[0] == 0xe2 && p[1] == 0x80 &&
				   (p[2] == 0xa8 || p[2] == 0xa9)) {
				/* line and paragraph separators: valid JSON,
				 * but they end a line in older JavaScript */
				w = json_u_escape(w, 0x2000u + p[2] - 0x80u);
				p += 2;
			} else if (*p >= 0x80) {
				size_t n = utf8_length(p);
				if (n) {
					memcpy(w, p, n);
					w += n;
				} else {
					w = json_u_escape(w, 0xfffd);
				}
				p += n ? n - 1 : 0;
			} else {
				*w++ = (char)*p;
			}
		}
	}
	*w++ = '"';
	buf_grow_by(out, (size_t)(w - start));
}

static void json_string_or_null(struct buf *out, const char *s)
{
	if (s)
		json_string(out, s);
	else
		buf_puts(out, "null");
}

/* "key": at the given indent (in steps of two spaces). */
static void key(struct buf *out, int indent, const char *k)
{
	static const char spaces[] = "            ";
	size_t n = 2 * (size_t)indent;
	buf_put(out, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
	buf_putc(out, '"');
	buf_puts(out, k);
	buf_put(out, "\": ", 3);
}

static void key_string(struct buf *out, int indent, const char *k,
		       const char *v, bool last)
{
	key(out, indent, k);
	json_string_or_null(out, v);
	buf_puts(out, last ? "\n" : ",\n");
}

static void key_int(struct buf *out, int indent, const char *k, bool has,
		    int32_t v)
{
	key(out, indent, k);
	if (has) {
		buf_put_int(out, v);
		buf_put(out, ",\n", 2);
	} else
		buf_puts(out, "null,\n");
}

static void groups(const struct domain *d, struct buf *out)
{
	key(out, 1, "groups");
	if (!d->ngroups) {
		buf_puts(out, "[],\n");
		return;
	}
	buf_puts(out, "[\n");
	for (size_t g = 0; g < d->ngroups; g++) {
		const struct group *gr = &d->groups[g];
		buf_puts(out, "    {\n");
		key_string(out, 3, "id", gr->id, false);
		key_string(out, 3, "title", gr->title, false);
		key_string(out, 3, "description", gr->description, true);
		buf_puts(out, g + 1 < d->ngroups ? "    },\n" : "    }\n");
	}
	buf_puts(out, "  ],\n");
}

static void translations(const struct error *e, struct buf *out)
{
	key(out, 3, "translations");
	if (!e->ntranslations) {
		buf_puts(out, "{},\n");
		return;
	}
	buf_puts(out, "{\n");
	for (size_t t = 0; t < e->ntranslations; t++) {
		buf_put(out, "        ", 8);
		json_string(out, e->translations[t].lang);
		buf_puts(out, ": ");
		json_string(out, e->translations[t].text);
		buf_puts(out, t + 1 < e->ntranslations ? ",\n" : "\n");
	}
	buf_puts(out, "      },\n");
}

static void aliases(const struct error *e, struct buf *out)
{
	key(out, 3, "aliases");
	if (!e->naliases) {
		buf_puts(out, "[],\n");
		return;
	}
	buf_puts(out, "[");
	for (size_t a = 0; a < e->naliases; a++) {
		buf_puts(out, a ? ", " : "");
		json_string(out, e->aliases[a].name);
	}
	buf_puts(out, "],\n");
}

static void mappings(const struct error *e, struct buf *out)
{
	key(out, 3, "mappings");
	if (!e->nmappings) {
		buf_puts(out, "[]\n");
		return;
	}
	buf_puts(out, "[\n");
	for (size_t i = 0; i < e->nmappings; i++) {
		const struct mapping *m = &e->mappings[i];
		buf_puts(out, "        {\n");
		key_string(out, 5, "to", map_target_name(m->target), false);
		key_string(out, 5, "name", m->name, false);
		key_string(out, 5, "lib", m->lib, false);
		key_string(out, 5, "direction",
			   m->direction == MAP_TO     ? "to"
			   : m->direction == MAP_FROM ? "from"
						      : "both",
			   false);
		key(out, 5, "preferred");
		buf_puts(out, m->preferred ? "true,\n" : "false,\n");
		key_string(out, 5, "note", m->note, true);
		buf_puts(out,
			 i + 1 < e->nmappings ? "        },\n" : "        }\n");
	}
	buf_puts(out, "      ]\n");
}

static void json_error(const struct domain *d, const struct error *e,
		       struct buf *out)
{
	buf_puts(out, "    {\n");
	key_string(out, 3, "name", e->name, false);
	key_int(out, 3, "value", true, e->value);
	key_string(out, 3, "status", status_name(e->status), false);
	key_string(out, 3, "group",
		   e->group == NO_GROUP ? NULL : d->groups[e->group].id, false);
	key_string(out, 3, "message", e->message, false);
	translations(e, out);
	key_string(out, 3, "explanation", e->explanation, false);
	aliases(e, out);
	mappings(e, out);
	buf_puts(out, "    }");
}

void emit_json(const struct domain *d, struct buf *out)
{
	buf_puts(out, "{\n");
	key_string(out, 1, "errgen", ERRGEN_VERSION, false);
	key_string(out, 1, "source", d->basename, false);
	key_string(out, 1, "domain", d->name, false);
	key_string(out, 1, "prefix", d->prefix, false);
	key_int(out, 1, "base", d->has_base, d->base);
	key_int(out, 1, "min", d->has_min, d->min);
	key_int(out, 1, "max", d->has_max, d->max);
	key_string(out, 1, "gettext_domain", d->gettext_domain, false);
	key(out, 1, "languages");
	buf_putc(out, '[');
	for (size_t i = 0; i < d->nlanguages; i++) {
		buf_puts(out, i ? ", " : "");
		json_string(out, d->languages[i]);
	}
	buf_puts(out, "],\n");
	key_string(out, 1, "title", d->title, false);
	key_string(out, 1, "description", d->description, false);
	key_string(out, 1, "unknown_message", d->unknown_message, false);
	groups(d, out);
	key(out, 1, "errors");
	buf_puts(out, d->nerrors ? "[\n" : "[");
	for (size_t i = 0; i < d->nerrors; i++) {
		json_error(d, &d->errors[i], out);
		buf_puts(out, i + 1 < d->nerrors ? ",\n" : "\n  ");
	}
	buf_puts(out, "]\n}\n");
}
