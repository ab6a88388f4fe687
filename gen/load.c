/*
 * The loader: reads a file, parses it with libxml2 under safe options,
 * validates it against the built-in schema and builds the model.
 *
 * Safety: no network (XML_PARSE_NONET), no entity substitution, no DTD
 * loading; a document type declaration of any kind is refused as soon as the
 * parser sees it, before any entity is declared, so entity bombs and external
 * entities never get a chance. The external-entity loader refuses everything
 * except the schema's own import of the XML namespace, served from memory.
 *
 * Locations: libxml2 2.9 keeps only a line per node. A wrapper around the SAX2
 * start-element handler records line and column of each start tag and of
 * each attribute value, so diagnostics point at the exact place.
 */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>

#include "buf.h"
#include "check.h"
#include "mem.h"
#include "schema_data.h"

#define ERRGEN_NS	"urn:errgen:1"
#define MAX_INPUT_BYTES ((size_t)256 << 20)

struct loader {
	xmlSchemaPtr schema;
};

struct pos {
	int line;
	int col;
	struct span span; /* elements only; byte offsets in the input */
};

struct sax_build;

/* State of one load: positions recorded by the SAX wrapper, the domain. */
struct load_state {
	const char *path; /* as the user named it; diagnostics use it */
	struct domain *d;
	struct pos *pos;
	size_t npos, cappos;
	bool failed;
	bool parse_fatal; /* a fatal parser error was reported: the rest
			     is noise */
	xmlParserCtxtPtr ctxt;
	struct sax_build *sax; /* load_events() only */
	const char *raw;       /* the document as read, raw_len bytes */
	size_t raw_len;
	size_t scan_at, line_at; /* column_at()'s last offset, its line */
	startElementNsSAX2Func sax2_start;
	endElementNsSAX2Func sax2_end;
};

/* ------------------------------------------------------------------ */
/* Locations                                                           */

static void *pos_record(struct load_state *st, int line, int col)
{
	if (st->npos == st->cappos) {
		size_t cap = st->cappos ? st->cappos * 2 : 256;
		struct pos *p = realloc(st->pos, cap * sizeof(*p));
		if (!p)
			return NULL;
		st->pos = p;
		st->cappos = cap;
	}
	st->pos[st->npos].line = line;
	st->pos[st->npos].col = col;
	memset(&st->pos[st->npos].span, 0, sizeof(struct span));
	st->npos++;
	return (void *)(uintptr_t)st->npos; /* index + 1; NULL means none */
}

static struct span *span_of(struct load_state *st, xmlNodePtr node)
{
	uintptr_t i = (uintptr_t)node->_private;
	return i > 0 && i <= st->npos ? &st->pos[i - 1].span : NULL;
}

static struct loc loc_of_private(const struct load_state *st, void *priv,
				 long fallback_line)
{
	struct loc loc = {st->path, (int)fallback_line, 0};
	uintptr_t i = (uintptr_t)priv;
	if (i > 0 && i <= st->npos) {
		loc.line = st->pos[i - 1].line;
		loc.col = st->pos[i - 1].col;
	}
	return loc;
}

static struct loc node_loc(const struct load_state *st, xmlNodePtr node)
{
	if (!node)
		return (struct loc){st->path, 0, 0};
	return loc_of_private(st, node->_private, xmlGetLineNo(node));
}

static struct loc attr_loc(const struct load_state *st, xmlNodePtr node,
			   const char *name)
{
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return loc_of_private(st, a->_private,
					      xmlGetLineNo(node));
	}
	return node_loc(st, node);
}

/* The column of the input's byte at offset at, from the document as read:
 * the parser keeps only a little of a line it has passed, so a tag late
 * in a long line has its start no longer in the buffer. Offsets mostly
 * grow, so the search goes on from where the last one ended. */
static int column_at(struct load_state *st, size_t at)
{
	if (at > st->raw_len)
		return 0;
	if (at >= st->scan_at) {
		for (size_t i = st->scan_at; i < at; i++)
			if (st->raw[i] == '\n')
				st->line_at = i + 1;
		st->scan_at = at;
	} else if (at < st->line_at) {
		size_t b = at;
		while (b > 0 && st->raw[b - 1] != '\n')
			b--;
		return (int)(at - b) + 1;
	}
	return (int)(at - st->line_at) + 1;
}

/* Line and column of p, which lies before the parser's position in input
 * in. Columns count bytes from 1, as GCC's do; 0 when p's line starts
 * before the parser's buffer in a document it had to convert (not UTF-8),
 * whose bytes as read are not those it parses. */
static struct pos pos_before(struct load_state *st, xmlParserInputPtr in,
			     const xmlChar *p)
{
	struct pos r = {.line = in->line};
	for (const xmlChar *q = p; q < in->cur; q++)
		if (*q == '\n')
			r.line--;
	const xmlChar *bol = p;
	while (bol > in->base && bol[-1] != '\n')
		bol--;
	if (bol > in->base || in->consumed == 0)
		r.col = (int)(p - bol) + 1;
	else if (st->raw && !(in->buf && in->buf->encoder))
		r.col = column_at(st, (size_t)in->consumed +
					      (size_t)(p - in->base));
	return r;
}

static void on_start_element(void *ctx, const xmlChar *localname,
			     const xmlChar *prefix, const xmlChar *uri,
			     int nb_namespaces, const xmlChar **namespaces,
			     int nb_attributes, int nb_defaulted,
			     const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	st->sax2_start(ctx, localname, prefix, uri, nb_namespaces, namespaces,
		       nb_attributes, nb_defaulted, attributes);
	xmlNodePtr node = ctxt->node;
	xmlParserInputPtr in = ctxt->input;
	if (!node || !in || !in->base || !in->cur)
		return;

	/* The parser stands at the end of the start tag; attribute values
	 * cannot hold a raw '<', so the nearest one before is the tag's start.
	 */
	const xmlChar *lt = in->cur;
	while (lt > in->base && *lt != '<')
		lt--;
	if (*lt != '<')
		return;
	struct pos p = pos_before(st, in, lt);
	node->_private = pos_record(st, p.line, p.col);
	struct span *sp = span_of(st, node);
	if (sp) {
		sp->start = (size_t)in->consumed + (size_t)(lt - in->base);
		sp->content_start = (size_t)in->consumed +
				    (size_t)(in->cur - in->base) +
				    (*in->cur == '>');
	}

	/* SAX2 appends one property per attribute, in the same order. Values
	 * that needed no normalization point into the input buffer. */
	xmlAttrPtr a = node->properties;
	for (int i = 0; i < nb_attributes && a; i++, a = a->next) {
		const xmlChar *value = attributes[5 * i + 3];
		if (value >= lt && value < in->cur) {
			struct pos ap = pos_before(st, in, value);
			a->_private = pos_record(st, ap.line, ap.col);
		} else {
			a->_private = node->_private;
		}
	}
}

/* The parser stands after the end tag's '>' (or the "/>"): the element's
 * byte span ends here, and its content where the end tag begins. */
static void on_end_element(void *ctx, const xmlChar *localname,
			   const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	xmlNodePtr node = ctxt->node;
	xmlParserInputPtr in = ctxt->input;
	struct span *sp = node ? span_of(st, node) : NULL;
	if (sp && in && in->base && in->cur) {
		const xmlChar *lt = in->cur;
		while (lt > in->base && *lt != '<')
			lt--;
		size_t base = (size_t)in->consumed;
		sp->end = base + (size_t)(in->cur - in->base);
		sp->content_end = base + (size_t)(lt - in->base);
		if (sp->content_end <= sp->start) /* <x/>: no content */
			sp->content_start = sp->content_end = sp->end - 2;
	}
	st->sax2_end(ctx, localname, prefix, uri);
}

/* A document type declaration could declare entities; errgen documents never
 * need one, so refuse it before the parser reads any of it. */
static void on_internal_subset(void *ctx, const xmlChar *name,
			       const xmlChar *external_id,
			       const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	struct loc loc = {st->path, xmlSAX2GetLineNumber(ctx),
			  xmlSAX2GetColumnNumber(ctx)};
	xmlParserInputPtr in = ctxt->input;
	if (in && in->base && in->cur) {
		const xmlChar *lt = in->cur;
		while (lt > in->base && *lt != '<')
			lt--;
		struct pos p = pos_before(st, in, lt);
		loc.line = p.line;
		loc.col = p.col;
	}
	diag_error(&loc, "document type declarations are not allowed in errgen "
			 "files (no DTD, no entities)");
	st->failed = true;
	xmlStopParser(ctxt);
}

/* ------------------------------------------------------------------ */
/* libxml2 diagnostics, reported as ours                               */

/* One line: drops the namespace braces libxml2 adds, turns inner line
 * breaks into "; " and trailing ones into nothing. */
static void tidy_message(const char *msg, char *out, size_t outlen)
{
	static const char ns[] = "{" ERRGEN_NS "}";
	static const char xml_ns[] = "{http://www.w3.org/XML/1998/namespace}";
	size_t j = 0;
	for (size_t i = 0; msg[i] && j + 7 < outlen;) {
		if (strncmp(msg + i, ns, sizeof(ns) - 1) == 0) {
			i += sizeof(ns) - 1;
		} else if (strncmp(msg + i, xml_ns, sizeof(xml_ns) - 1) == 0) {
			i += sizeof(xml_ns) - 1;
			memcpy(out + j, "xml:", 4);
			j += 4;
		} else if (msg[i] == '\n') {
			while (j > 0 && out[j - 1] == ' ')
				j--;
			i++;
			if (msg[i] && msg[i] != '\n') {
				out[j++] = ';';
				out[j++] = ' ';
			}
		} else {
			out[j++] = msg[i++];
		}
	}
	while (j > 0 && (out[j - 1] == '\n' || out[j - 1] == ' '))
		j--;
	out[j] = '\0';
}

/* Copies the text between quotes after key in msg ("attribute 'x'"). */
static bool quoted_after(const char *msg, const char *key, char *out,
			 size_t outlen)
{
	const char *p = strstr(msg, key);
	if (!p)
		return false;
	p += strlen(key);
	size_t len = strcspn(p, "'");
	snprintf(out, outlen, "%.*s", (int)len, p);
	return true;
}

/* Plainer words for the libxml2 messages that users meet most; false to
 * keep libxml2's own. */
static bool reword(const xmlError *err, char *out, size_t outlen)
{
	char attr[128], value[256];
	switch (err->code) {
	case XML_ERR_TAG_NAME_MISMATCH:
		if (!err->str1 || !err->str2)
			return false;
		snprintf(out, outlen,
			 "end tag </%s> does not close <%s>, opened on line %d",
			 err->str2, err->str1, err->int1);
		return true;
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		snprintf(out, outlen,
			 "an attribute value must be quoted "
			 "(\"...\" or '...')");
		return true;
	case XML_ERR_TAG_NOT_FINISHED:
		if (!err->str1)
			return false;
		snprintf(out, outlen,
			 "the file ends inside <%s>, opened on line %d",
			 err->str1, err->int1);
		return true;
	case XML_SCHEMAV_CVC_ELT_1: {
		xmlNodePtr n = err->node;
		if (!n || n->type != XML_ELEMENT_NODE || n->parent == NULL ||
		    n->parent->type != XML_DOCUMENT_NODE)
			return false;
		snprintf(out, outlen,
			 "the root element must be <errors xmlns=\"" ERRGEN_NS
			 "\">; this is <%s> %s%s%s",
			 (const char *)n->name, n->ns ? "in namespace '" : "",
			 n->ns ? (const char *)n->ns->href
			       : "without a namespace",
			 n->ns ? "'" : "");
		return true;
	}
	case XML_SCHEMAV_CVC_PATTERN_VALID:
		if (!quoted_after(err->message, "attribute '", attr,
				  sizeof(attr)) ||
		    !quoted_after(err->message, "The value '", value,
				  sizeof(value)))
			return false;
		if (strstr(err->message, "[1-9][0-9]{0,18}"))
			snprintf(out, outlen,
				 "%s '%s' is not a plain decimal integer (no "
				 "'+', "
				 "leading zeros, spaces or hex)",
				 attr, value);
		else if (strstr(err->message, "[A-Za-z_][A-Za-z0-9_]*"))
			snprintf(
				out, outlen,
				"%s '%s' is not a C identifier (ASCII letters, "
				"digits and '_', not starting with a digit)",
				attr, value);
		else
			return false;
		return true;
	default:
		break;
	}
	/* libxml2 texts that name its own functions or options */
	const char *m = err->message;
	if (strstr(m, "Excessive depth in document")) {
		snprintf(out, outlen,
			 "elements are nested too deeply (libxml2 "
			 "allows 256 levels)");
		return true;
	}
	if (strstr(m, "Input is not proper UTF-8")) {
		const char *bytes = strstr(m, "Bytes:");
		int blen = bytes ? (int)strcspn(bytes, "\n") : 0;
		snprintf(out, outlen, "the file is not valid UTF-8%s%.*s%s",
			 bytes ? " (" : "", blen, bytes ? bytes : "",
			 bytes ? ")" : "");
		return true;
	}
	if (strstr(m, "xmlParseCharRef: invalid xmlChar value")) {
		snprintf(out, outlen,
			 "a character reference names a character "
			 "XML does not allow (value %d)",
			 err->int1);
		return true;
	}
	return false;
}

/* A parse error's column in bytes, as every other column errgen gives:
 * libxml2 counts characters. Counted in the document as read, at the
 * parser's position, when libxml2's line and column are that position's
 * (in a converted document, whose bytes as read are not the parsed ones,
 * characters it stays; and past 64 KB into a line, so that many errors
 * on one huge line cost no more than that each). */
static int parse_error_column(struct load_state *st, int line, int chars)
{
	xmlParserInputPtr in = st->ctxt ? st->ctxt->input : NULL;
	if (!in || !in->base || !in->cur || in->line != line || !st->raw ||
	    (in->buf && in->buf->encoder))
		return chars;
	size_t at = (size_t)in->consumed + (size_t)(in->cur - in->base);
	int col = column_at(st, at);
	if (col <= 0 || col > (64 << 10))
		return chars;
	long counted = 1; /* UTF-8 sequences: bytes that do not continue one */
	for (size_t i = at - (size_t)(col - 1); i < at; i++)
		counted += ((unsigned char)st->raw[i] & 0xC0) != 0x80;
	return counted == chars ? col : chars;
}

static void on_xml_error(void *data, xmlErrorPtr err)
{
	struct load_state *st = data;
	if (!err || !err->message)
		return;
	/* After a fatal parse error libxml2 guesses on; its guesses mislead. */
	if (err->domain == XML_FROM_PARSER && st->parse_fatal)
		return;
	if (err->domain == XML_FROM_PARSER && err->level == XML_ERR_FATAL)
		st->parse_fatal = true;
	struct loc loc = {st->path, err->line, 0};
	if (err->node) {
		xmlNodePtr n = err->node;
		const char *attr = strstr(err->message, ", attribute '");
		if (n->type == XML_ELEMENT_NODE && attr) {
			/* the schema validator names the attribute only in text
			 */
			char name[128];
			attr += strlen(", attribute '");
			size_t len = strcspn(attr, "'");
			snprintf(name, sizeof(name), "%.*s", (int)len, attr);
			loc = attr_loc(st, n, name);
		} else if (n->type == XML_ELEMENT_NODE ||
			   n->type == XML_ATTRIBUTE_NODE) {
			loc = loc_of_private(st, n->_private, err->line);
		}
	} else if (err->domain == XML_FROM_PARSER ||
		   err->domain == XML_FROM_NAMESPACE ||
		   err->domain == XML_FROM_IO) {
		loc.col = parse_error_column(st, err->line, err->int2);
	}
	if (loc.line <= 0)
		loc.line = 1;
	char msg[1024];
	if (!reword(err, msg, sizeof(msg)))
		tidy_message(err->message, msg, sizeof(msg));
	if (err->level == XML_ERR_WARNING) {
		diag_warning(&loc, "%s", msg);
	} else {
		diag_error(&loc, "%s", msg);
		st->failed = true;
	}
}

/* Errors while compiling the built-in schema are errgen's own bugs. */
static void on_schema_error(void *data, xmlErrorPtr err)
{
	(void)data;
	if (err && err->message)
		diag_plain(DIAG_ERROR, "built-in schema: %s", err->message);
}

/* ------------------------------------------------------------------ */
/* The external-entity loader                                          */

static xmlParserInputPtr refuse_entity(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	(void)id;
	/* The schema imports the XML namespace's attributes from "xml.xsd";
	 * errgen carries that file itself. */
	if (url && strcmp(url, "xml.xsd") == 0 && ctxt)
		return xmlNewStringInputStream(ctxt,
					       (const xmlChar *)errgen_xml_xsd);
	if (ctxt) {
		struct load_state *st = ctxt->_private;
		if (st && st->d) {
			struct loc loc = {st->path, xmlSAX2GetLineNumber(ctxt),
					  xmlSAX2GetColumnNumber(ctxt)};
			diag_error(&loc,
				   "refusing to load external resource '%s'",
				   url ? url : "");
			st->failed = true;
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Loader lifetime                                                     */

/* Once per process, before any thread uses libxml2. */
static void init_libxml(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
}

/* The facets that the event loader checks itself, left out of the schema
 * that validates beside it: the patterns of C identifiers and decimal
 * integers (a_ident(), decimal32(); libxml2 matches patterns with a
 * general automaton, at about half of the whole validation's cost) and
 * the minimum length of text (on_sax_end(), a_text(): libxml2 counts the
 * characters of every message to find that it is not empty). */
static const struct {
	const char *type, *facet;
} lean_facets[] = {
	{"cIdentifier", "pattern"},
	{"cPrefix", "pattern"},
	{"decimalInt", "pattern"},
	{"text", "minLength"},
};

/* Whether an element of the schema document is xs:LOCAL. */
static bool is_xs(xmlNodePtr n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       xmlStrEqual(
		       n->ns->href,
		       (const xmlChar *)"http://www.w3.org/2001/XMLSchema") &&
	       xmlStrEqual(n->name, (const xmlChar *)local);
}

/* Takes lean_facets[] out of the schema document. */
static void drop_lean_facets(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr t = root ? root->children : NULL; t; t = t->next) {
		if (!is_xs(t, "simpleType"))
			continue;
		xmlChar *name = xmlGetNoNsProp(t, (const xmlChar *)"name");
		for (size_t i = 0;
		     name && i < sizeof(lean_facets) / sizeof(*lean_facets);
		     i++) {
			if (!xmlStrEqual(name,
					 (const xmlChar *)lean_facets[i].type))
				continue;
			for (xmlNodePtr r = t->children; r; r = r->next) {
				if (!is_xs(r, "restriction"))
					continue;
				for (xmlNodePtr f = r->children, next; f;
				     f = next) {
					next = f->next;
					if (is_xs(f, lean_facets[i].facet)) {
						xmlUnlinkNode(f);
						xmlFreeNode(f);
					}
				}
			}
		}
		xmlFree(name);
	}
}

/* The built-in schema; lean: without lean_facets[], for a
 * validation whose loader checks them (*doc then holds the document,
 * which must outlive the schema). */
static xmlSchemaPtr compile_schema(xmlStructuredErrorFunc on_error, void *data,
				   xmlDocPtr *doc)
{
	xmlSchemaPtr schema = NULL;
	xmlSchemaParserCtxtPtr pctxt = NULL;
	if (doc) {
		*doc = xmlReadMemory(errgen_schema_xsd,
				     (int)errgen_schema_xsd_len, NULL, NULL,
				     XML_PARSE_NONET);
		if (*doc) {
			drop_lean_facets(*doc);
			pctxt = xmlSchemaNewDocParserCtxt(*doc);
		}
	} else {
		pctxt = xmlSchemaNewMemParserCtxt(errgen_schema_xsd,
						  (int)errgen_schema_xsd_len);
	}
	if (pctxt) {
		xmlSchemaSetParserStructuredErrors(pctxt, on_error, data);
		schema = xmlSchemaParse(pctxt);
		xmlSchemaFreeParserCtxt(pctxt);
	}
	return schema;
}

struct loader *loader_new(void)
{
	init_libxml();
	struct loader *l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->schema = compile_schema(on_schema_error, NULL, NULL);
	if (!l->schema) {
		diag_plain(DIAG_ERROR, "cannot compile the built-in schema");
		free(l);
		return NULL;
	}
	return l;
}

void loader_free(struct loader *l)
{
	if (!l)
		return;
	xmlSchemaFree(l->schema);
	free(l);
}

/* ------------------------------------------------------------------ */
/* Building the model                                                  */

static char *dup_str(struct load_state *st, const xmlChar *s)
{
	if (!s)
		return NULL;
	char *r = strarena_dup(&st->d->strings, (const char *)s);
	if (!r)
		st->failed = true;
	return r;
}

static char *prop(struct load_state *st, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *r = dup_str(st, v);
	xmlFree(v);
	return r;
}

static char *content(struct load_state *st, xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *r = dup_str(st, v ? v : (const xmlChar *)"");
	xmlFree(v);
	return r;
}

static void trim(char *s)
{
	if (!s)
		return;
	size_t lead = strspn(s, " \t\r\n");
	memmove(s, s + lead, strlen(s + lead) + 1);
	size_t len = strlen(s);
	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		s[--len] = '\0';
}

/* An attribute whose schema type collapses white space (xs:token, xs:NCName,
 * xs:boolean): read it the way the validator did. */
static char *token(struct load_state *st, xmlNodePtr n, const char *name)
{
	char *v = prop(st, n, name);
	trim(v);
	return v;
}

static bool is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, ERRGEN_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* s as an int32_t, written as decimalInt's pattern has it,
 * 0|-?[1-9][0-9]{0,18} (no '+', leading zero, "-0" or space): the tree
 * loader reads values the schema checked, the event loader values whose
 * pattern its validation leaves out (lean_facets[]). */
static bool decimal32(const char *s, int32_t *out)
{
	bool neg = (*s == '-');
	const char *p = s + neg;
	if (*p == '0' && !neg && p[1] == '\0') {
		*out = 0;
		return true;
	}
	if (*p < '1' || *p > '9')
		return false;
	long long mag = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || mag > 10000000000LL)
			return false;
		mag = mag * 10 + (*p - '0');
	}
	long long val = neg ? -mag : mag;
	if (val < INT32_MIN || val > INT32_MAX)
		return false;
	*out = (int32_t)val;
	return true;
}

/* An integer attribute; one that decimal32() refuses is reported. */
static bool parse_int32(struct load_state *st, xmlNodePtr n, const char *attr,
			int32_t *out, struct loc *where)
{
	*where = attr_loc(st, n, attr);
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
	if (!v)
		return false;
	const char *s = (const char *)v;
	if (!decimal32(s, out)) {
		diag_error(where,
			   "%s '%s' is outside the 32-bit signed range "
			   "[-2147483648, 2147483647]",
			   attr, s);
		st->failed = true;
		xmlFree(v);
		return false;
	}
	xmlFree(v);
	return true;
}

/* Room in *arr for element n: its capacity doubles, from first. */
static bool grow(void **arr, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : first;
	void *p = realloc(*arr, c * size);
	if (!p)
		return false;
	*arr = p;
	*cap = c;
	return true;
}

/* ------------------------------------------------------------------ */
/* The attributes of the model, read once for both ways of loading     */

/* One element's attributes: from the tree (load_root()) or from the
 * parser's start tag (the event loader below, which reads documents the
 * schema accepts and gives up silently where the tree way reports). */
struct sax_tag;
struct attrs {
	struct load_state *st;
	xmlNodePtr node;	   /* the tree's element, or NULL */
	const struct sax_tag *tag; /* else its start tag */
};

static char *sax_prop(struct load_state *st, const struct sax_tag *t,
		      const char *name);
static char *sax_token(struct load_state *st, const struct sax_tag *t,
		       const char *name);
static struct loc sax_attr_loc(const struct sax_tag *t, const char *name);
static const char *sax_raw(const struct sax_tag *t, const char *name,
			   size_t *len);
static struct loc sax_tag_loc(const struct sax_tag *t);
static bool sax_int32(struct load_state *st, const struct sax_tag *t,
		      const char *attr, int32_t *out, struct loc *where);

static char *a_str(const struct attrs *a, const char *name)
{
	return a->node ? prop(a->st, a->node, name)
		       : sax_prop(a->st, a->tag, name);
}

/* An attribute of a type in lean_facets[] (a C identifier): from a start
 * tag, the event loader gives up on a value that the pattern refuses, since
 * the validation beside it leaves the pattern out; the tree loader's
 * validation then reports it. */
static char *a_ident(const struct attrs *a, const char *name)
{
	char *v = a_str(a, name);
	if (v && !a->node && !c_is_identifier(v))
		a->st->failed = true; /* on_sax_start() stops the parser */
	return v;
}

/* An attribute of type text, which may not be empty: from a start tag, the
 * event loader gives up on an empty one (lean_facets[]). */
static char *a_text(const struct attrs *a, const char *name)
{
	char *v = a_str(a, name);
	if (v && !*v && !a->node)
		a->st->failed = true; /* on_sax_start() stops the parser */
	return v;
}

static char *a_token(const struct attrs *a, const char *name)
{
	return a->node ? token(a->st, a->node, name)
		       : sax_token(a->st, a->tag, name);
}

/* The len bytes at v, white space trimmed off both ends, into buf (then
 * cut to cap - 1 bytes). */
static void copy_word(const char *v, size_t len, char *buf, size_t cap)
{
	while (len && strchr(" \t\r\n", *v)) {
		v++;
		len--;
	}
	while (len && strchr(" \t\r\n", v[len - 1]))
		len--;
	if (len >= cap)
		len = cap - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
}

/* A word of an enumeration (a token attribute) into buf, for a moment;
 * false when the attribute is absent. A value too long for buf comes back
 * cut, which matches no word shorter than cap - 1 bytes. */
static bool a_word(const struct attrs *a, const char *name, char *buf,
		   size_t cap)
{
	if (!a->node) {
		size_t len;
		const char *v = sax_raw(a->tag, name, &len);
		if (v)
			copy_word(v, len, buf, cap);
		return v != NULL;
	}
	xmlChar *v = xmlGetNoNsProp(a->node, (const xmlChar *)name);
	if (!v)
		return false;
	copy_word((const char *)v, strlen((const char *)v), buf, cap);
	xmlFree(v);
	return true;
}

static struct loc a_loc(const struct attrs *a, const char *name)
{
	return a->node ? attr_loc(a->st, a->node, name)
		       : sax_attr_loc(a->tag, name);
}

/* The element itself. */
static struct loc a_elem_loc(const struct attrs *a)
{
	return a->node ? node_loc(a->st, a->node) : sax_tag_loc(a->tag);
}

/* From the tree an out-of-range value is reported; from a start tag the
 * event loader gives up. */
static bool a_int32(const struct attrs *a, const char *name, int32_t *out,
		    struct loc *where)
{
	return a->node ? parse_int32(a->st, a->node, name, out, where)
		       : sax_int32(a->st, a->tag, name, out, where);
}

/* The position of token attribute name's value among words[0..n) (the
 * schema's enumeration, in the order of the model's enum; 0 for a word
 * the schema refuses anyway), or -1 when the attribute is absent. */
static int a_choice(const struct attrs *a, const char *name,
		    const char *const *words, int n)
{
	char v[32];
	if (!a_word(a, name, v, sizeof(v)))
		return -1;
	int k = n - 1;
	while (k > 0 && strcmp(v, words[k]) != 0)
		k--;
	return k;
}

/* The attributes of <errors>, with their defaults. */
static void read_domain(const struct attrs *a)
{
	struct load_state *st = a->st;
	struct domain *d = st->d;
	d->loc = a_elem_loc(a);
	d->name = a_ident(a, "domain");
	d->prefix = a_ident(a, "prefix");
	d->has_base = a_int32(a, "base", &d->base, &d->base_loc);
	d->has_min = a_int32(a, "min", &d->min, &d->min_loc);
	d->has_max = a_int32(a, "max", &d->max, &d->max_loc);
	d->gettext_domain = a_str(a, "gettext-domain");
	d->unknown_message = a_text(a, "unknown-message");

	/* the languages are the words of the attribute's copy, cut apart */
	char *langs = a_str(a, "languages");
	d->languages_loc = a_loc(a, "languages");
	size_t cap = 0;
	for (char *save = NULL,
		  *tok = langs ? strtok_r(langs, " \t\r\n", &save) : NULL;
	     tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (!grow((void **)&d->languages, &cap, d->nlanguages,
			  sizeof(*d->languages), 4)) {
			st->failed = true;
			break;
		}
		d->languages[d->nlanguages++] = tok;
	}

	if (!d->gettext_domain && d->name) {
		d->gettext_domain = strarena_dup(&d->strings, d->name);
		for (char *p = d->gettext_domain; p && *p; p++)
			if (*p == '_')
				*p = '-';
	}
	if (!d->unknown_message)
		d->unknown_message =
			strarena_dup(&d->strings, "Unknown error code");
	if (!d->gettext_domain || !d->unknown_message)
		st->failed = true;
}

/* The attributes of a <group>; false without its id. */
static bool read_group(const struct attrs *a, struct group *g)
{
	memset(g, 0, sizeof(*g));
	g->loc = a_elem_loc(a);
	g->id = a_token(a, "id");
	g->id_loc = a_loc(a, "id");
	return g->id != NULL;
}

/* The attributes of an <error>; false without its name or value. */
static bool read_error(const struct attrs *a, struct error *e, size_t group)
{
	e->loc = a_elem_loc(a);
	e->group = group;
	e->name = a_ident(a, "name");
	e->name_loc = a_loc(a, "name");
	bool ok = a_int32(a, "value", &e->value, &e->value_loc) && e->name;
	static const char *const statuses[] = {"active", "deprecated",
					       "obsolete"};
	int status = a_choice(a, "status", statuses, 3);
	e->status = status < 0 ? STATUS_ACTIVE : (enum error_status)status;
	return ok;
}

/* A <map>; false without its name or target. */
static bool read_mapping(const struct attrs *a, struct mapping *m)
{
	memset(m, 0, sizeof(*m));
	m->loc = a_elem_loc(a);
	static const char *const targets[] = {"errno", "openssl", "x509",
					      "tls-alert"};
	static const char *const directions[] = {"both", "to", "from"};
	int target = a_choice(a, "to", targets, 4);
	m->target = target < 0 ? MAP_ERRNO : (enum map_target)target;
	m->name = a_ident(a, "name");
	m->name_loc = a_loc(a, "name");
	m->lib = a_ident(a, "lib");
	m->note = a_text(a, "note");
	int direction = a_choice(a, "direction", directions, 3);
	m->direction = direction < 0 ? MAP_BOTH : (enum map_direction)direction;
	char pref[32];
	m->preferred = a_word(a, "preferred", pref, sizeof(pref)) &&
		       (strcmp(pref, "true") == 0 || strcmp(pref, "1") == 0);
	return m->name && target >= 0;
}

/* ------------------------------------------------------------------ */
/* The model from the tree                                             */

static void copy_span(struct load_state *st, xmlNodePtr n, struct span *out)
{
	struct span *sp = span_of(st, n);
	if (sp)
		*out = *sp;
}

static size_t count_children(xmlNodePtr n, const char *name)
{
	size_t c = 0;
	for (xmlNodePtr k = n->children; k; k = k->next)
		c += is_elem(k, name);
	return c;
}

static void load_error(struct load_state *st, xmlNodePtr n, struct error *e,
		       size_t group)
{
	/* the schema has reported a missing name or value already */
	(void)read_error(&(struct attrs){st, n, NULL}, e, group);
	copy_span(st, n, &e->span);

	size_t nmsg = count_children(n, "message");
	size_t nmap = count_children(n, "map");
	size_t nalias = count_children(n, "alias");
	e->translations = nmsg ? calloc(nmsg, sizeof(*e->translations)) : NULL;
	e->mappings = nmap ? calloc(nmap, sizeof(*e->mappings)) : NULL;
	e->aliases = nalias ? calloc(nalias, sizeof(*e->aliases)) : NULL;
	if ((nmsg && !e->translations) || (nmap && !e->mappings) ||
	    (nalias && !e->aliases)) {
		st->failed = true;
		return;
	}
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (is_elem(k, "message")) {
			xmlChar *lang = xmlGetNsProp(k, (const xmlChar *)"lang",
						     XML_XML_NAMESPACE);
			struct loc loc = node_loc(st, k);
			if (!lang && e->message) {
				diag_error(&loc,
					   "%s has a second English message "
					   "(a message without xml:lang)",
					   e->name);
				diag_note(&e->message_loc, "the first is here");
				st->failed = true;
			} else if (!lang) {
				e->message = content(st, k);
				e->message_loc = loc;
				copy_span(st, k, &e->message_span);
			} else {
				struct translation *t =
					&e->translations[e->ntranslations++];
				t->lang = dup_str(st, lang);
				/* xs:language collapses white space; so do we
				 */
				trim(t->lang);
				t->text = content(st, k);
				t->loc = loc;
				copy_span(st, k, &t->span);
			}
			xmlFree(lang);
		} else if (is_elem(k, "explanation") && !e->explanation) {
			e->explanation = content(st, k);
		} else if (is_elem(k, "alias")) {
			struct alias *a = &e->aliases[e->naliases++];
			a->name = prop(st, k, "name");
			a->loc = attr_loc(st, k, "name");
		} else if (is_elem(k, "map")) {
			(void)read_mapping(&(struct attrs){st, k, NULL},
					   &e->mappings[e->nmappings++]);
		}
	}
}

static struct error *new_error(struct load_state *st, size_t *cap)
{
	struct domain *d = st->d;
	if (!grow((void **)&d->errors, cap, d->nerrors, sizeof(*d->errors),
		  16)) {
		st->failed = true;
		return NULL;
	}
	struct error *e = &d->errors[d->nerrors++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void load_group(struct load_state *st, xmlNodePtr n, size_t *errcap)
{
	struct domain *d = st->d;
	size_t gi = d->ngroups;
	struct group *g = &d->groups[d->ngroups++];
	(void)read_group(&(struct attrs){st, n, NULL}, g);
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (is_elem(k, "title"))
			g->title = content(st, k);
		else if (is_elem(k, "description"))
			g->description = content(st, k);
		else if (is_elem(k, "error")) {
			struct error *e = new_error(st, errcap);
			if (e)
				load_error(st, k, e, gi);
		}
	}
}

static void load_root(struct load_state *st, xmlNodePtr root)
{
	struct domain *d = st->d;
	read_domain(&(struct attrs){st, root, NULL});

	size_t ngroups = count_children(root, "group");
	d->groups = ngroups ? calloc(ngroups, sizeof(*d->groups)) : NULL;
	if (ngroups && !d->groups) {
		st->failed = true;
		return;
	}
	size_t errcap = 0;
	for (xmlNodePtr k = root->children; k; k = k->next) {
		if (is_elem(k, "title"))
			d->title = content(st, k);
		else if (is_elem(k, "description"))
			d->description = content(st, k);
		else if (is_elem(k, "group"))
			load_group(st, k, &errcap);
		else if (is_elem(k, "error")) {
			struct error *e = new_error(st, &errcap);
			if (e)
				load_error(st, k, e, NO_GROUP);
		}
	}
}

/* ------------------------------------------------------------------ */
/* The model straight from the parser's events, without a tree         */

/* For documents that the schema validator reads in another thread (see
 * loader_prevalidate()): the same model as load_root() builds from the
 * tree, locations and spans included, without building, walking and
 * freeing the tree. It is written for documents the schema accepts; at
 * anything else (a message from libxml2, an element where the schema has
 * none, an attribute value with a character reference, a position it
 * cannot find, a required attribute missing) it gives up without a word,
 * and the caller loads the ordinary way, which reports exactly. A model it
 * gives is one that check_domains() can read before the validation ends. */

enum sax_kind { SAX_ROOT, SAX_GROUP, SAX_ERROR, SAX_TEXT, SAX_LEAF };

#define SAX_MAX_DEPTH 8

struct sax_build {
	enum sax_kind stack[SAX_MAX_DEPTH];
	int depth;
	size_t group; /* the open group's index, or NO_GROUP */
	size_t groupcap, errcap;
	size_t trcap, aliascap, mapcap; /* of the open error's arrays */
	char **text;		/* where the open text element's content goes */
	struct span *text_span; /* and its span, or NULL */
	struct buf content;
};

static void sax_give_up(struct load_state *st)
{
	st->failed = true;
	xmlStopParser(st->ctxt);
}

static void on_sax_message(void *data, xmlErrorPtr err)
{
	(void)err;
	struct load_state *st = data;
	st->failed = true;
}

static void on_sax_generic(void *data, const char *msg, ...)
{
	(void)msg;
	struct load_state *st = data;
	st->failed = true;
}

static void on_sax_doctype(void *ctx, const xmlChar *name,
			   const xmlChar *external_id, const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	xmlParserCtxtPtr ctxt = ctx;
	sax_give_up(ctxt->_private);
}

static void on_sax_reference(void *ctx, const xmlChar *name)
{
	(void)name;
	xmlParserCtxtPtr ctxt = ctx;
	sax_give_up(ctxt->_private);
}

/* The attributes of one start tag as the SAX2 handler has them, and where
 * the tag begins: what attr_loc() and prop() read from the tree. */
struct sax_tag {
	struct load_state *st;
	const xmlChar **attrs; /* 5 per attribute */
	int nattrs;
	const xmlChar *lt;
	xmlParserInputPtr in;
	struct loc loc;
};

static int sax_find(const struct sax_tag *t, const char *name)
{
	for (int i = 0; i < t->nattrs; i++)
		if (t->attrs[5 * i + 2] == NULL &&
		    strcmp((const char *)t->attrs[5 * i], name) == 0)
			return i;
	return -1;
}

static struct loc sax_attr_loc(const struct sax_tag *t, const char *name)
{
	int i = sax_find(t, name);
	if (i < 0)
		return t->loc;
	const xmlChar *value = t->attrs[5 * i + 3];
	if (value < t->lt || value >= t->in->cur)
		return t->loc;
	struct pos p = pos_before(t->st, t->in, value);
	return (struct loc){t->loc.file, p.line, p.col};
}

/* A value the parser had to rewrite ends in a NUL of its own, and it
 * leaves "&#38;" for each '&', which the tree decodes again (any other '&'
 * would be an entity the tree expands: give up). */
static char *sax_value(struct load_state *st, const struct sax_tag *t, int i)
{
	if (i < 0)
		return NULL;
	const xmlChar *v = t->attrs[5 * i + 3], *end = t->attrs[5 * i + 4];
	size_t len = (size_t)(end - v);
	char *r = strarena_alloc(&st->d->strings, len + 1);
	if (!r) {
		st->failed = true;
		return NULL;
	}
	if (*end != '\0' || !memchr(v, '&', len)) {
		memcpy(r, v, len);
		r[len] = '\0';
		return r;
	}
	size_t n = 0;
	for (const xmlChar *p = v; p < end; n++) {
		if (*p != '&') {
			r[n] = (char)*p++;
		} else if ((size_t)(end - p) >= 5 &&
			   memcmp(p, "&#38;", 5) == 0) {
			r[n] = '&';
			p += 5;
		} else {
			st->failed = true;
			return NULL;
		}
	}
	r[n] = '\0';
	return r;
}

/* The value of attribute name as the parser has it ("&#38;" left as it
 * is), *len bytes, not terminated; NULL when the tag has no such
 * attribute. */
static const char *sax_raw(const struct sax_tag *t, const char *name,
			   size_t *len)
{
	int i = sax_find(t, name);
	if (i < 0)
		return NULL;
	const xmlChar *v = t->attrs[5 * i + 3], *end = t->attrs[5 * i + 4];
	*len = (size_t)(end - v);
	return (const char *)v;
}

static char *sax_prop(struct load_state *st, const struct sax_tag *t,
		      const char *name)
{
	return sax_value(st, t, sax_find(t, name));
}

static char *sax_token(struct load_state *st, const struct sax_tag *t,
		       const char *name)
{
	char *v = sax_prop(st, t, name);
	trim(v);
	return v;
}

/* parse_int32() without its diagnostic: a value that decimal32() refuses
 * gives up. */
static bool sax_int32(struct load_state *st, const struct sax_tag *t,
		      const char *attr, int32_t *out, struct loc *where)
{
	*where = sax_attr_loc(t, attr);
	size_t len;
	const char *raw = sax_raw(t, attr, &len);
	if (!raw)
		return false;
	char v[32];
	bool ok = len < sizeof(v);
	if (ok) {
		memcpy(v, raw, len);
		v[len] = '\0';
		ok = decimal32(v, out);
	}
	if (!ok)
		st->failed = true;
	return ok;
}

static struct loc sax_tag_loc(const struct sax_tag *t)
{
	return t->loc;
}

static void sax_root(struct load_state *st, const struct sax_tag *t)
{
	read_domain(&(struct attrs){st, NULL, t});
	if (!st->d->name)
		st->failed = true;
}

static void sax_group(struct load_state *st, struct sax_build *b,
		      const struct sax_tag *t)
{
	struct domain *d = st->d;
	if (!grow((void **)&d->groups, &b->groupcap, d->ngroups,
		  sizeof(*d->groups), 8)) {
		st->failed = true;
		return;
	}
	b->group = d->ngroups;
	if (!read_group(&(struct attrs){st, NULL, t}, &d->groups[d->ngroups++]))
		st->failed = true;
}

/* The byte offsets of a start tag, as on_start_element() records them. */
static void sax_span_start(const struct sax_tag *t, struct span *sp)
{
	xmlParserInputPtr in = t->in;
	memset(sp, 0, sizeof(*sp));
	sp->start = (size_t)in->consumed + (size_t)(t->lt - in->base);
	sp->content_start = (size_t)in->consumed +
			    (size_t)(in->cur - in->base) + (*in->cur == '>');
}

static void sax_error(struct load_state *st, struct sax_build *b,
		      const struct sax_tag *t, size_t group)
{
	struct error *e = new_error(st, &b->errcap);
	if (!e)
		return;
	b->trcap = b->aliascap = b->mapcap = 0;
	if (!read_error(&(struct attrs){st, NULL, t}, e, group))
		st->failed = true;
	sax_span_start(t, &e->span);
}

/* A <message>: the English text, or one more translation. */
static bool sax_message(struct load_state *st, struct sax_build *b,
			const struct sax_tag *t, struct error *e)
{
	int lang = -1;
	for (int i = 0; i < t->nattrs; i++)
		if (t->attrs[5 * i + 2] &&
		    strcmp((const char *)t->attrs[5 * i + 2],
			   (const char *)XML_XML_NAMESPACE) == 0 &&
		    strcmp((const char *)t->attrs[5 * i], "lang") == 0)
			lang = i;
	if (lang < 0) {
		if (e->message) /* reported by the ordinary way */
			return false;
		b->text = &e->message;
		b->text_span = &e->message_span;
		e->message_loc = t->loc;
	} else {
		/* mostly one for each language the domain lists */
		size_t langs = st->d->nlanguages;
		if (!grow((void **)&e->translations, &b->trcap,
			  e->ntranslations, sizeof(*e->translations),
			  langs ? langs : 1))
			return false;
		struct translation *tr = &e->translations[e->ntranslations++];
		memset(tr, 0, sizeof(*tr));
		tr->lang = sax_value(st, t, lang);
		if (!tr->lang)
			return false;
		trim(tr->lang);
		tr->loc = t->loc;
		b->text = &tr->text;
		b->text_span = &tr->span;
	}
	sax_span_start(t, b->text_span);
	return true;
}

/* Opens an element inside an <error>; false where the schema has none. */
static bool sax_error_child(struct load_state *st, struct sax_build *b,
			    const struct sax_tag *t, const char *name,
			    enum sax_kind *kind)
{
	struct error *e = &st->d->errors[st->d->nerrors - 1];
	if (strcmp(name, "message") == 0) {
		*kind = SAX_TEXT;
		return sax_message(st, b, t, e);
	}
	if (strcmp(name, "explanation") == 0) {
		*kind = SAX_TEXT;
		b->text = &e->explanation;
		return !e->explanation;
	}
	*kind = SAX_LEAF;
	if (strcmp(name, "alias") == 0) {
		if (!grow((void **)&e->aliases, &b->aliascap, e->naliases,
			  sizeof(*e->aliases), 1))
			return false;
		struct alias *a = &e->aliases[e->naliases++];
		a->name = a_ident(&(struct attrs){st, NULL, t}, "name");
		a->loc = sax_attr_loc(t, "name");
		return a->name != NULL;
	}
	if (strcmp(name, "map") == 0) {
		if (!grow((void **)&e->mappings, &b->mapcap, e->nmappings,
			  sizeof(*e->mappings), 2))
			return false;
		return read_mapping(&(struct attrs){st, NULL, t},
				    &e->mappings[e->nmappings++]);
	}
	return false;
}

/* <title> or <description> of the domain or of a group. */
static bool sax_prose(struct sax_build *b, const char *name, char **title,
		      char **description)
{
	if (strcmp(name, "title") == 0)
		b->text = title;
	else if (strcmp(name, "description") == 0)
		b->text = description;
	else
		return false;
	return *b->text == NULL;
}

static bool sax_open(struct load_state *st, struct sax_build *b,
		     const struct sax_tag *t, const char *name,
		     enum sax_kind *kind)
{
	struct domain *d = st->d;
	b->text = NULL;
	b->text_span = NULL;
	b->content.len = 0;
	*kind = SAX_TEXT;
	if (b->depth == 0) {
		*kind = SAX_ROOT;
		if (strcmp(name, "errors") != 0)
			return false;
		sax_root(st, t);
		return true;
	}
	switch (b->stack[b->depth - 1]) {
	case SAX_ROOT:
		if (strcmp(name, "group") == 0) {
			*kind = SAX_GROUP;
			sax_group(st, b, t);
			return true;
		}
		if (strcmp(name, "error") == 0) {
			*kind = SAX_ERROR;
			sax_error(st, b, t, NO_GROUP);
			return true;
		}
		return sax_prose(b, name, &d->title, &d->description);
	case SAX_GROUP:
		if (strcmp(name, "error") == 0) {
			*kind = SAX_ERROR;
			sax_error(st, b, t, b->group);
			return true;
		}
		return sax_prose(b, name, &d->groups[b->group].title,
				 &d->groups[b->group].description);
	case SAX_ERROR:
		return sax_error_child(st, b, t, name, kind);
	default:
		return false;
	}
}

static void on_sax_start(void *ctx, const xmlChar *localname,
			 const xmlChar *prefix, const xmlChar *uri,
			 int nb_namespaces, const xmlChar **namespaces,
			 int nb_attributes, int nb_defaulted,
			 const xmlChar **attributes)
{
	(void)prefix;
	(void)nb_namespaces;
	(void)namespaces;
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	struct sax_build *b = st->sax;
	xmlParserInputPtr in = ctxt->input;
	if (st->failed || nb_defaulted != 0 || b->depth == SAX_MAX_DEPTH ||
	    !uri || strcmp((const char *)uri, ERRGEN_NS) != 0 || !in ||
	    !in->base || !in->cur) {
		sax_give_up(st);
		return;
	}
	const xmlChar *lt = in->cur;
	while (lt > in->base && *lt != '<')
		lt--;
	if (*lt != '<') {
		sax_give_up(st);
		return;
	}
	struct pos p = pos_before(st, in, lt);
	if (p.col == 0) { /* the tree loader says what it can */
		sax_give_up(st);
		return;
	}
	struct sax_tag t = {.st = st,
			    .attrs = attributes,
			    .nattrs = nb_attributes,
			    .lt = lt,
			    .in = in,
			    .loc = {st->path, p.line, p.col}};
	enum sax_kind kind;
	if (!sax_open(st, b, &t, (const char *)localname, &kind) || st->failed)
		sax_give_up(st);
	else
		b->stack[b->depth++] = kind;
}

/* The end of a span, as on_end_element() finds it. */
static void sax_span_end(xmlParserInputPtr in, struct span *sp)
{
	const xmlChar *lt = in->cur;
	while (lt > in->base && *lt != '<')
		lt--;
	size_t base = (size_t)in->consumed;
	sp->end = base + (size_t)(in->cur - in->base);
	sp->content_end = base + (size_t)(lt - in->base);
	if (sp->content_end <= sp->start) /* <x/>: no content */
		sp->content_start = sp->content_end = sp->end - 2;
}

static void on_sax_end(void *ctx, const xmlChar *localname,
		       const xmlChar *prefix, const xmlChar *uri)
{
	(void)localname;
	(void)prefix;
	(void)uri;
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	struct sax_build *b = st->sax;
	xmlParserInputPtr in = ctxt->input;
	if (st->failed || b->depth == 0 || !in || !in->base || !in->cur) {
		sax_give_up(st);
		return;
	}
	enum sax_kind kind = b->stack[--b->depth];
	if (kind == SAX_GROUP) {
		b->group = NO_GROUP;
	} else if (kind == SAX_ERROR) {
		sax_span_end(in, &st->d->errors[st->d->nerrors - 1].span);
	} else if (kind == SAX_TEXT && b->text) {
		/* text may not be empty, which the validation beside this
		 * leaves to it (lean_facets[]): the tree loader reports */
		char *s = b->content.failed || !b->content.len
				  ? NULL
				  : strarena_copy(&st->d->strings,
						  b->content.data,
						  b->content.len);
		if (!s) {
			sax_give_up(st);
			return;
		}
		*b->text = s;
		if (b->text_span)
			sax_span_end(in, b->text_span);
		b->text = NULL;
		b->text_span = NULL;
	}
}

/* Text and CDATA sections: what xmlNodeGetContent() joins together. */
static void on_sax_text(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *st = ctxt->_private;
	struct sax_build *b = st->sax;
	if (b->text && len > 0)
		buf_put(&b->content, ch, (size_t)len);
}

/* The input handed to libxml2 a chunk at a time. Given memory, libxml2
 * 2.9 first copies all of it, which for a large file costs more in page
 * faults than the parse; from a reader it keeps a few kilobytes. */
struct chunks {
	const char *p;
	size_t left;
};

static int read_chunk(void *ctx, char *out, int len)
{
	struct chunks *c = ctx;
	size_t n = len < 0 ? 0 : (size_t)len;
	if (n > c->left)
		n = c->left;
	memcpy(out, c->p, n);
	c->p += n;
	c->left -= n;
	return (int)n;
}

/* About how many <error> elements data holds (start tags "<error" or
 * "<P:error", whatever comes before them): grown one doubling at a time,
 * an array of 100,000 errors is copied 13 times and faults in twice the
 * memory it ends with. */
static size_t error_count_hint(const char *data, size_t len)
{
	size_t n = 0;
	const char *end = data + len;
	for (const char *p = data; (p = memchr(p, '<', (size_t)(end - p)));) {
		p++;
		const char *name = p;
		while (p < end && *p != ':' && *p != '>' && *p != '<' &&
		       *p != ' ' && *p != '\n' && p - name < 64)
			p++;
		if (p < end && *p == ':')
			name = ++p;
		if (end - name > 5 && memcmp(name, "error", 5) == 0) {
			char c = name[5];
			n += c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
			     c == '>' || c == '/';
		}
	}
	return n;
}

static bool load_events(struct load_state *st, const char *data, size_t len)
{
	struct sax_build b = {.group = NO_GROUP};
	buf_init(&b.content);
	/* <error name="A" value="1"/> is the shortest error: 27 bytes */
	size_t hint = error_count_hint(data, len);
	if (hint > len / 27)
		hint = len / 27;
	if (hint > 16 && (st->d->errors = malloc(hint * sizeof(struct error))))
		b.errcap = hint;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		buf_free(&b.content);
		return false;
	}
	st->ctxt = ctxt;
	st->sax = &b;
	ctxt->_private = st;
	xmlSAXHandlerPtr sax = ctxt->sax;
	sax->startDocument = NULL;
	sax->endDocument = NULL;
	sax->startElementNs = on_sax_start;
	sax->endElementNs = on_sax_end;
	sax->characters = on_sax_text;
	sax->ignorableWhitespace = on_sax_text;
	sax->cdataBlock = on_sax_text;
	sax->comment = NULL;
	sax->processingInstruction = NULL;
	sax->reference = on_sax_reference;
	sax->internalSubset = on_sax_doctype;
	sax->externalSubset = NULL;
	xmlSetStructuredErrorFunc(st, on_sax_message);
	xmlSetGenericErrorFunc(st, on_sax_generic);
	/* the options of parse(), so that the parser reads alike */
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
	struct chunks in = {data, len};
	xmlDocPtr doc = xmlCtxtReadIO(ctxt, read_chunk, NULL, &in, st->path,
				      NULL, opts);
	bool ok = !doc && ctxt->wellFormed && !st->failed && b.depth == 0 &&
		  st->d->loc.line > 0;
	xmlFreeDoc(doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	st->ctxt = NULL;
	st->sax = NULL;
	buf_free(&b.content);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Parse and validate                                                  */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static xmlDocPtr parse(struct load_state *st, const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_plain(DIAG_ERROR, "out of memory");
		return NULL;
	}
	st->ctxt = ctxt;
	ctxt->_private = st;
	st->sax2_start = ctxt->sax->startElementNs;
	st->sax2_end = ctxt->sax->endElementNs;
	ctxt->sax->endElementNs = on_end_element;
	ctxt->sax->startElementNs = on_start_element;
	ctxt->sax->internalSubset = on_internal_subset;
	/* Parser errors reach on_xml_error through the global handler, whose
	 * context is st (sax->serror would be handed the parser context). */
	xmlSetStructuredErrorFunc(st, on_xml_error);

	/* Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD,
	 * XML_PARSE_DTDATTR, XML_PARSE_HUGE, XML_PARSE_XINCLUDE. */
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
	xmlDocPtr doc =
		xmlCtxtReadMemory(ctxt, data, (int)len, st->path, NULL, opts);
	if (doc && (!ctxt->wellFormed || st->failed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && !st->failed) {
		struct loc loc = {st->path, 1, 1};
		diag_error(&loc, "not a well-formed XML document");
	}
	st->failed |= (doc == NULL);
	return doc;
}

static bool validate(struct loader *l, struct load_state *st, xmlDocPtr doc)
{
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(l->schema);
	if (!v) {
		diag_plain(DIAG_ERROR, "out of memory");
		return false;
	}
	xmlSchemaSetValidStructuredErrors(v, on_xml_error, st);
	int rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (rc != 0 && !st->failed) {
		struct loc loc = {st->path, 1, 1};
		diag_error(&loc,
			   "document does not conform to the errgen schema");
	}
	return rc == 0;
}

/* The schema declares every element globally, so it accepts any of them as
 * the root; only <errors> is a document. */
static bool root_is_errors(struct load_state *st, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root && is_elem(root, "errors"))
		return true;
	struct loc loc = node_loc(st, root);
	diag_error(&loc,
		   "the root element must be <errors xmlns=\"" ERRGEN_NS
		   "\">; this is <%s>",
		   root ? (const char *)root->name : "");
	return false;
}

static bool load_memory(struct loader *l, const char *path, const char *data,
			size_t len, struct domain *d, bool skip_validation)
{
	memset(d, 0, sizeof(*d));
	struct load_state st = {
		.path = path, .d = d, .raw = data, .raw_len = len};
	d->path = strarena_dup(&d->strings, path);
	d->basename = strarena_dup(&d->strings, base_name(path));
	if (!d->path || !d->basename) {
		diag_plain(DIAG_ERROR, "out of memory");
		return false;
	}
	st.path = d->path;
	if (len > INT32_MAX || len > MAX_INPUT_BYTES) {
		struct loc loc = {d->path, 0, 0};
		diag_error(&loc, "file is too large (over %zu MiB)",
			   MAX_INPUT_BYTES >> 20);
		return false;
	}
	if (len == 0) {
		struct loc loc = {d->path, 1, 1};
		diag_error(&loc,
			   "file is empty; expected an <errors> document");
		return false;
	}

	if (skip_validation)
		return load_events(&st, data, len);

	xmlDocPtr doc = parse(&st, data, len);
	if (doc && validate(l, &st, doc) && root_is_errors(&st, doc))
		load_root(&st, xmlDocGetRootElement(doc));
	else
		st.failed = true;
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeDoc(doc);
	if (st.ctxt) {
		st.ctxt->_private = NULL;
		xmlFreeParserCtxt(st.ctxt);
	}
	free(st.pos);
	return !st.failed;
}

bool loader_load_memory(struct loader *l, const char *path, const char *data,
			size_t len, struct domain *d)
{
	return load_memory(l, path, data, len, d, false);
}

bool loader_load_unvalidated(const char *path, const char *data, size_t len,
			     struct domain *d)
{
	return load_memory(NULL, path, data, len, d, true);
}

/* ------------------------------------------------------------------ */
/* Validation ahead of time, in a thread of its own                    */

/* The thread compiles a schema of its own, then parses each document a
 * second time, without a tree, with the schema validator plugged into the
 * parser's SAX events; it touches nothing of the caller's but the input.
 * Any message at all from the parser or the validator (or the schema
 * compiler) counts as a failure: the caller then loads the slow way, which
 * reports it exactly. */
struct prevalidation {
	const char *const *data;
	const size_t *len;
	size_t n;
	bool clean;
	pthread_t thread;
};

static bool validates_quietly(struct loader *l, const char *data, size_t len)
{
	if (len == 0 || len > INT32_MAX || len > MAX_INPUT_BYTES)
		return false;
	/* d stays NULL, so refuse_entity() refuses without a word */
	struct load_state st = {.path = ""};
	xmlSetStructuredErrorFunc(&st, on_sax_message);
	xmlSetGenericErrorFunc(&st, on_sax_generic);
	/* Fed a megabyte at a time: handed all of it, libxml2 would copy it
	 * first; read a few kilobytes at a time, it would hand the validator
	 * a long text in as many pieces, which the validator joins by
	 * reallocating (quadratic where realloc moves, as under ASan). */
	xmlParserCtxtPtr ctxt =
		xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL);
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(l->schema);
	bool valid = false;
	if (ctxt && v) {
		xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
		/* no tree: the validator's own handlers are all it needs */
		memset(ctxt->sax, 0, sizeof(*ctxt->sax));
		ctxt->sax->initialized = XML_SAX2_MAGIC;
		ctxt->sax->internalSubset = on_sax_doctype;
		ctxt->userData = ctxt;
		ctxt->_private = &st;
		xmlSchemaSetValidStructuredErrors(v, on_sax_message,
						  &st);
		xmlSchemaSAXPlugPtr plug =
			xmlSchemaSAXPlug(v, &ctxt->sax, &ctxt->userData);
		if (plug) {
			const size_t piece = (size_t)1 << 20;
			for (size_t at = 0; at < len && ctxt->wellFormed;
			     at += piece) {
				size_t n = len - at < piece ? len - at : piece;
				if (xmlParseChunk(ctxt, data + at, (int)n,
						  at + n == len) != 0)
					break;
			}
			xmlSchemaSAXUnplug(plug);
			valid = ctxt->wellFormed && xmlSchemaIsValid(v) == 1;
		}
	}
	xmlSchemaFreeValidCtxt(v);
	if (ctxt) {
		/* the push parser may have made a document to hold a DTD */
		xmlFreeDoc(ctxt->myDoc);
		ctxt->myDoc = NULL;
		ctxt->_private = NULL;
		xmlFreeParserCtxt(ctxt);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	return valid && !st.failed;
}

static void *prevalidate_all(void *arg)
{
	struct prevalidation *p = arg;
	struct load_state st = {.path = ""};
	xmlSetStructuredErrorFunc(&st, on_sax_message);
	xmlSetGenericErrorFunc(&st, on_sax_generic);
	xmlDocPtr doc = NULL;
	struct loader l = {compile_schema(on_sax_message, &st, &doc)};
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	p->clean = l.schema && !st.failed;
	for (size_t i = 0; p->clean && i < p->n; i++)
		p->clean = validates_quietly(&l, p->data[i], p->len[i]);
	xmlSchemaFree(l.schema);
	xmlFreeDoc(doc);
	return NULL;
}

struct prevalidation *loader_prevalidate(const char *const *data,
					 const size_t *len, size_t n)
{
	init_libxml();
	struct prevalidation *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	*p = (struct prevalidation){.data = data, .len = len, .n = n};
	if (pthread_create(&p->thread, NULL, prevalidate_all, p) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

bool loader_prevalidation_wait(struct prevalidation *p)
{
	if (!p)
		return false;
	bool clean = pthread_join(p->thread, NULL) == 0 && p->clean;
	free(p);
	return clean;
}

char *loader_read_file(const char *path, size_t *len)
{
	struct loc loc = {path, 0, 0};
	/* O_NONBLOCK: a FIFO must not block the open; it is refused below */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		diag_error(&loc, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		diag_error(&loc, "cannot read: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		diag_error(&loc, "not a regular file%s",
			   S_ISDIR(sb.st_mode) ? " (it is a directory)" : "");
		close(fd);
		return NULL;
	}
	size_t cap = (size_t)sb.st_size + 1, n = 0;
	if (cap > MAX_INPUT_BYTES + 1) {
		diag_error(&loc, "file is too large (over %zu MiB)",
			   MAX_INPUT_BYTES >> 20);
		close(fd);
		return NULL;
	}
	char *data = malloc(cap);
	/* On a virtual machine a page fault is dear: mapping 25 MB of new
	 * pages one fault at a time costs about twice what one call for all
	 * of them does, and read() fills the buffer whole. */
	if (cap >= ((size_t)1 << 20))
		mem_prefault(data, cap);
	while (data) {
		/* Where fstat() said the file ends, one byte more is read
		 * aside: the file may have grown since. */
		char probe;
		bool at_end = n == cap - 1;
		ssize_t r = at_end ? read(fd, &probe, 1)
				   : read(fd, data + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_error(&loc, "cannot read: %s", strerror(errno));
			free(data);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		if (at_end) {
			char *more = cap > MAX_INPUT_BYTES
					     ? NULL
					     : realloc(data, cap * 2);
			if (!more) {
				free(data);
				data = NULL;
				break;
			}
			data = more;
			cap *= 2;
			data[n] = probe;
		}
		n += (size_t)r;
	}
	close(fd);
	if (!data) {
		diag_error(&loc,
			   "cannot read: file too large or out of memory");
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

bool loader_load_file(struct loader *l, const char *path, struct domain *d)
{
	memset(d, 0, sizeof(*d));
	size_t len = 0;
	char *data = loader_read_file(path, &len);
	if (!data)
		return false;
	bool ok = loader_load_memory(l, path, data, len, d);
	free(data);
	return ok;
}
