/* load: XML in, model out; every problem a located diagnostic. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "load.h"
#include "model.h"

static struct loader *loader;

static int setup(void **state)
{
	(void)state;
	loader = loader_new();
	return loader ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	loader_free(loader);
	loader = NULL;
	return 0;
}

/* Loads text as "t.xml"; returns the diagnostics (caller frees). */
static char *load_text(const char *path, const char *text, struct domain *d,
		       bool *ok)
{
	struct capture c;
	capture_begin(&c);
	*ok = loader_load_memory(loader, path, text, strlen(text), d);
	return capture_end(&c);
}

static void assert_loc(const struct loc *loc, const char *file, int line,
		       int col)
{
	if (!loc->file || strcmp(loc->file, file) != 0 || loc->line != line ||
	    loc->col != col)
		fail_msg("location %s:%d:%d, expected %s:%d:%d",
			 loc->file ? loc->file : "(null)", loc->line, loc->col,
			 file, line, col);
}

/* Loads text expecting failure with exactly the diagnostics want. */
static void expect_failure(const char *text, const char *want)
{
	struct domain d;
	bool ok;
	char *got = load_text("t.xml", text, &d, &ok);
	assert_string_equal(got, want);
	assert_false(ok);
	assert_true(diag_error_count() > 0);
	free(got);
	domain_free(&d);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* Columns below were counted by hand and by script; see the table in the
 * comments. A start tag spreads over lines 18-21. */
static const char valid_doc[] = HEAD /* 1 */
	"<errors xmlns=\"urn:errgen:1\" domain=\"foo_bar\" prefix=\"FOO_\" "
	"base=\"-100\"\n" /* 2: <errors 1, domain 38, base 67 */
	"        min=\"-200\" max=\"-1\" languages=\"de fr\">\n" /* 3: min 14,
								   max 25,
								   languages 40
								 */
	"  <title>Foo errors</title>\n"
	"  <description>All about foo.</description>\n"
	"  <group id=\"io\">\n" /* 6: <group 3, id 14 */
	"    <title>I/O</title>\n"
	"    <description>Reading and writing.</description>\n"
	"    <error name=\"FOO_READ\" value=\"-100\">\n" /* 9: 5, name 18,
							value 35 */
	"      <message>Cannot read %s</message>\n"	 /* 10: 7 */
	"      <message xml:lang=\"de\">Kann %s nicht lesen</message>\n" /* 11
									  */
	"      <message xml:lang=\"fr\">Lecture de %s impossible</message>\n"
	"      <explanation>The file could not be read.</explanation>\n"
	"      <map to=\"errno\" name=\"EIO\" preferred=\"true\" note=\"plain "
	"I/O\"/>\n" /* 14: <map 7, name 29 */
	"      <map to=\"tls-alert\" name=\"internal_error\" "
	"direction=\"to\"/>\n"
	"    </error>\n"
	"  </group>\n"
	"  <error\n"		   /* 18: <error 3 */
	"      name=\"FOO_OLD\"\n" /* 19: name 13 */
	"      value=\"-150\"\n"   /* 20: value 14 */
	"      status=\"obsolete\"/>\n"
	"  <error name=\"FOO_SSL\" value=\"-2\" status=\"deprecated\">\n" /* 22
									   */
	"    <message>TLS failure</message>\n"
	"    <map to=\"openssl\" lib=\"SSL\" name=\"SSL_R_BAD_PACKET\" "
	"direction=\"from\"/>\n" /* 24: <map 5, name 39 */
	"    <map to=\"x509\" name=\"X509_V_ERR_CERT_HAS_EXPIRED\" "
	"preferred=\"false\"/>\n" /* 25: <map 5, name 26 */
	"  </error>\n"
	"</errors>\n";

static void test_valid_document_model(void **state)
{
	(void)state;
	struct domain d;
	bool ok;
	char *diags = load_text("dir/sub/t.xml", valid_doc, &d, &ok);
	assert_string_equal(diags, "");
	assert_true(ok);
	free(diags);

	assert_string_equal(d.path, "dir/sub/t.xml");
	assert_string_equal(d.basename, "t.xml");
	assert_string_equal(d.name, "foo_bar");
	assert_string_equal(d.prefix, "FOO_");
	assert_true(d.has_base);
	assert_int_equal(d.base, -100);
	assert_true(d.has_min);
	assert_int_equal(d.min, -200);
	assert_true(d.has_max);
	assert_int_equal(d.max, -1);
	assert_string_equal(d.title, "Foo errors");
	assert_string_equal(d.description, "All about foo.");
	/* defaults: the domain with '_' as '-', and the documented text */
	assert_string_equal(d.gettext_domain, "foo-bar");
	assert_string_equal(d.unknown_message, "Unknown error code");
	assert_int_equal(d.nlanguages, 2);
	assert_string_equal(d.languages[0], "de");
	assert_string_equal(d.languages[1], "fr");

	assert_int_equal(d.ngroups, 1);
	assert_string_equal(d.groups[0].id, "io");
	assert_string_equal(d.groups[0].title, "I/O");
	assert_string_equal(d.groups[0].description, "Reading and writing.");

	assert_int_equal(d.nerrors, 3);
	const struct error *r = &d.errors[0];
	assert_string_equal(r->name, "FOO_READ");
	assert_int_equal(r->value, -100);
	assert_int_equal(r->status, STATUS_ACTIVE);
	assert_int_equal(r->group, 0);
	assert_string_equal(r->message, "Cannot read %s");
	assert_string_equal(r->explanation, "The file could not be read.");
	assert_int_equal(r->ntranslations, 2);
	assert_string_equal(r->translations[0].lang, "de");
	assert_string_equal(r->translations[0].text, "Kann %s nicht lesen");
	assert_string_equal(r->translations[1].lang, "fr");
	assert_string_equal(r->translations[1].text,
			    "Lecture de %s impossible");
	assert_int_equal(r->nmappings, 2);
	assert_int_equal(r->mappings[0].target, MAP_ERRNO);
	assert_string_equal(r->mappings[0].name, "EIO");
	assert_int_equal(r->mappings[0].direction, MAP_BOTH);
	assert_true(r->mappings[0].preferred);
	assert_null(r->mappings[0].lib);
	assert_string_equal(r->mappings[0].note, "plain I/O");
	assert_int_equal(r->mappings[1].target, MAP_TLS_ALERT);
	assert_string_equal(r->mappings[1].name, "internal_error");
	assert_int_equal(r->mappings[1].direction, MAP_TO);
	assert_false(r->mappings[1].preferred);
	assert_null(r->mappings[1].note);

	const struct error *o = &d.errors[1];
	assert_string_equal(o->name, "FOO_OLD");
	assert_int_equal(o->value, -150);
	assert_int_equal(o->status, STATUS_OBSOLETE);
	assert_int_equal(o->group, NO_GROUP);
	assert_null(o->message);
	assert_null(o->explanation);
	assert_int_equal(o->ntranslations, 0);
	assert_int_equal(o->nmappings, 0);

	const struct error *s = &d.errors[2];
	assert_string_equal(s->name, "FOO_SSL");
	assert_int_equal(s->value, -2);
	assert_int_equal(s->status, STATUS_DEPRECATED);
	assert_int_equal(s->group, NO_GROUP);
	assert_string_equal(s->message, "TLS failure");
	assert_int_equal(s->ntranslations, 0);
	assert_int_equal(s->nmappings, 2);
	assert_int_equal(s->mappings[0].target, MAP_OPENSSL);
	assert_string_equal(s->mappings[0].name, "SSL_R_BAD_PACKET");
	assert_string_equal(s->mappings[0].lib, "SSL");
	assert_int_equal(s->mappings[0].direction, MAP_FROM);
	assert_false(s->mappings[0].preferred);
	assert_int_equal(s->mappings[1].target, MAP_X509);
	assert_string_equal(s->mappings[1].name, "X509_V_ERR_CERT_HAS_EXPIRED");
	assert_int_equal(s->mappings[1].direction, MAP_BOTH);
	assert_false(s->mappings[1].preferred);
	domain_free(&d);
}

/* The event loader (loader_load_unvalidated, what errgen uses once the
 * schema has passed in another thread) and the tree loader
 * (loader_load_memory) must build the same model, places included. */
static void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_same_loc(const struct loc *a, const struct loc *b)
{
	assert_same_str(a->file, b->file);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
}

static void assert_same_span(const struct span *a, const struct span *b)
{
	assert_int_equal(a->start, b->start);
	assert_int_equal(a->content_start, b->content_start);
	assert_int_equal(a->content_end, b->content_end);
	assert_int_equal(a->end, b->end);
}

static void assert_same_error(const struct error *a, const struct error *b)
{
	assert_same_str(a->name, b->name);
	assert_int_equal(a->value, b->value);
	assert_int_equal(a->status, b->status);
	assert_same_str(a->message, b->message);
	assert_same_loc(&a->message_loc, &b->message_loc);
	assert_same_span(&a->message_span, &b->message_span);
	assert_same_span(&a->span, &b->span);
	assert_same_str(a->explanation, b->explanation);
	assert_int_equal(a->group, b->group);
	assert_same_loc(&a->loc, &b->loc);
	assert_same_loc(&a->name_loc, &b->name_loc);
	assert_same_loc(&a->value_loc, &b->value_loc);
	assert_int_equal(a->ntranslations, b->ntranslations);
	for (size_t i = 0; i < a->ntranslations; i++) {
		const struct translation *x = &a->translations[i],
					 *y = &b->translations[i];
		assert_same_str(x->lang, y->lang);
		assert_same_str(x->text, y->text);
		assert_same_loc(&x->loc, &y->loc);
		assert_same_span(&x->span, &y->span);
	}
	assert_int_equal(a->naliases, b->naliases);
	for (size_t i = 0; i < a->naliases; i++) {
		assert_same_str(a->aliases[i].name, b->aliases[i].name);
		assert_same_loc(&a->aliases[i].loc, &b->aliases[i].loc);
	}
	assert_int_equal(a->nmappings, b->nmappings);
	for (size_t i = 0; i < a->nmappings; i++) {
		const struct mapping *x = &a->mappings[i], *y = &b->mappings[i];
		assert_int_equal(x->target, y->target);
		assert_same_str(x->name, y->name);
		assert_same_str(x->lib, y->lib);
		assert_same_str(x->note, y->note);
		assert_int_equal(x->direction, y->direction);
		assert_int_equal(x->preferred, y->preferred);
		assert_same_loc(&x->loc, &y->loc);
		assert_same_loc(&x->name_loc, &y->name_loc);
	}
}

static void assert_same_domain(const struct domain *a, const struct domain *b)
{
	assert_same_str(a->path, b->path);
	assert_same_str(a->basename, b->basename);
	assert_same_str(a->name, b->name);
	assert_same_str(a->prefix, b->prefix);
	assert_int_equal(a->has_base, b->has_base);
	assert_int_equal(a->has_min, b->has_min);
	assert_int_equal(a->has_max, b->has_max);
	assert_int_equal(a->base, b->base);
	assert_int_equal(a->min, b->min);
	assert_int_equal(a->max, b->max);
	assert_same_loc(&a->base_loc, &b->base_loc);
	assert_same_loc(&a->min_loc, &b->min_loc);
	assert_same_loc(&a->max_loc, &b->max_loc);
	assert_same_str(a->gettext_domain, b->gettext_domain);
	assert_int_equal(a->nlanguages, b->nlanguages);
	for (size_t i = 0; i < a->nlanguages; i++)
		assert_same_str(a->languages[i], b->languages[i]);
	assert_same_loc(&a->languages_loc, &b->languages_loc);
	assert_same_str(a->title, b->title);
	assert_same_str(a->description, b->description);
	assert_same_str(a->unknown_message, b->unknown_message);
	assert_same_loc(&a->loc, &b->loc);
	assert_int_equal(a->ngroups, b->ngroups);
	for (size_t i = 0; i < a->ngroups; i++) {
		const struct group *x = &a->groups[i], *y = &b->groups[i];
		assert_same_str(x->id, y->id);
		assert_same_str(x->title, y->title);
		assert_same_str(x->description, y->description);
		assert_same_loc(&x->loc, &y->loc);
		assert_same_loc(&x->id_loc, &y->id_loc);
	}
	assert_int_equal(a->nerrors, b->nerrors);
	for (size_t i = 0; i < a->nerrors; i++)
		assert_same_error(&a->errors[i], &b->errors[i]);
}

static void test_both_loaders_build_the_same_model(void **state)
{
	(void)state;
	static const char *const docs[] = {
		valid_doc,
		/* defaults, aliases, entities and character references in
		 * attributes and text, token white space, a CDATA section */
		HEAD
		"<errors xmlns=\"urn:errgen:1\" domain=\"a_&#98;\"\n"
		"        unknown-message=\"Tom &amp; &#34;Jerry&#34;\">\n"
		"  <title>T &lt;1&gt;</title>\n"
		"  <group id=\" io \"><title>IO</title>\n"
		"    <error name=\"A_&#88;\" value=\"-7\" status=\" deprecated "
		"\">\n"
		"      <message>a &amp; b <![CDATA[<c>]]> &#233;</message>\n"
		"      <message xml:lang=\" de \">\xc3\xa4 &amp;</message>\n"
		"      <alias name=\"A_OLD\"/><alias name=\"A_&#79;LDER\"/>\n"
		"      <map to=\" openssl \" lib=\"SSL\" name=\"SSL_R_&#88;\"\n"
		"           direction=\" from \" preferred=\" 1 \"/>\n"
		"    </error>\n"
		"  </group>\n"
		"  <error name=\"A_Y\" value=\"2147483647\"/>\n"
		"</errors>\n",
		/* CRLF line ends, attributes over several lines */
		"<?xml version=\"1.0\"?>\r\n"
		"<errors xmlns=\"urn:errgen:1\"\r\n"
		"        domain=\"foo\" min=\"-3\"\r\n"
		"        max=\"3\">\r\n"
		"  <title>T</title>\r\n"
		"  <error\r\n name=\"FOO_A\"\r\n value=\"-3\">\r\n"
		"    <message>x\r\ny</message>\r\n"
		"  </error>\r\n"
		"</errors>\r\n",
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct domain tree, events;
		bool ok;
		char *diags = load_text("t.xml", docs[i], &tree, &ok);
		assert_string_equal(diags, "");
		assert_true(ok);
		free(diags);
		assert_true(loader_load_unvalidated("t.xml", docs[i],
						    strlen(docs[i]), &events));
		assert_same_domain(&tree, &events);
		domain_free(&tree);
		domain_free(&events);
	}
}

/* The parser keeps only a little of a line it has passed: a tag late in a
 * long line (a generated file on one line, say) still gets its column,
 * counted in the document, from both loaders. */
static void test_long_line_columns(void **state)
{
	(void)state;
	struct buf doc;
	buf_init(&doc);
	buf_puts(&doc, HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"wide\">"
			    "<title>T</title>");
	for (int i = 0; i < 200; i++)
		buf_printf(&doc,
			   "<error name=\"WIDE_%d\" value=\"%d\"><message>"
			   "Message %d, long enough to move on.</message>"
			   "<alias name=\"WIDE_OLD_%d\"/></error>",
			   i, i, i, i);
	buf_puts(&doc, "</errors>\n");
	assert_false(doc.failed);
	const char *line2 = strchr(doc.data, '\n') + 1;
	const char *last = strstr(line2, "<error name=\"WIDE_199\"");
	assert_non_null(last);
	int tag_col = (int)(last - line2) + 1;
	int value_col = (int)(strstr(last, "value=") + 7 - line2) + 1;
	int alias_col = (int)(strstr(last, "WIDE_OLD_") - line2) + 1;
	assert_true(tag_col > 10000);

	struct domain tree, events;
	bool ok;
	char *diags = load_text("t.xml", doc.data, &tree, &ok);
	assert_string_equal(diags, "");
	assert_true(ok);
	free(diags);
	assert_true(
		loader_load_unvalidated("t.xml", doc.data, doc.len, &events));
	const struct domain *both[] = {&tree, &events};
	for (size_t k = 0; k < 2; k++) {
		const struct error *e = &both[k]->errors[199];
		assert_loc(&e->loc, "t.xml", 2, tag_col);
		assert_loc(&e->value_loc, "t.xml", 2, value_col);
		assert_loc(&e->aliases[0].loc, "t.xml", 2, alias_col);
	}
	assert_same_domain(&tree, &events);
	domain_free(&tree);
	domain_free(&events);
	buf_free(&doc);
}

static void test_valid_document_locations(void **state)
{
	(void)state;
	struct domain d;
	bool ok;
	char *diags = load_text("t.xml", valid_doc, &d, &ok);
	assert_true(ok);
	free(diags);

	/* element starts point at '<', attributes at the first byte of the
	 * value */
	assert_loc(&d.loc, "t.xml", 2, 1);
	assert_loc(&d.base_loc, "t.xml", 2, 67);
	assert_loc(&d.min_loc, "t.xml", 3, 14);
	assert_loc(&d.max_loc, "t.xml", 3, 25);
	assert_loc(&d.languages_loc, "t.xml", 3, 40);
	assert_loc(&d.groups[0].loc, "t.xml", 6, 3);
	assert_loc(&d.groups[0].id_loc, "t.xml", 6, 14);

	const struct error *r = &d.errors[0];
	assert_loc(&r->loc, "t.xml", 9, 5);
	assert_loc(&r->name_loc, "t.xml", 9, 18);
	assert_loc(&r->value_loc, "t.xml", 9, 35);
	assert_loc(&r->message_loc, "t.xml", 10, 7);
	assert_loc(&r->translations[0].loc, "t.xml", 11, 7);
	assert_loc(&r->translations[1].loc, "t.xml", 12, 7);
	assert_loc(&r->mappings[0].loc, "t.xml", 14, 7);
	assert_loc(&r->mappings[0].name_loc, "t.xml", 14, 29);
	assert_loc(&r->mappings[1].loc, "t.xml", 15, 7);
	assert_loc(&r->mappings[1].name_loc, "t.xml", 15, 33);

	/* the start tag spread over lines 18 to 21 */
	const struct error *o = &d.errors[1];
	assert_loc(&o->loc, "t.xml", 18, 3);
	assert_loc(&o->name_loc, "t.xml", 19, 13);
	assert_loc(&o->value_loc, "t.xml", 20, 14);

	const struct error *s = &d.errors[2];
	assert_loc(&s->loc, "t.xml", 22, 3);
	assert_loc(&s->name_loc, "t.xml", 22, 16);
	assert_loc(&s->value_loc, "t.xml", 22, 32);
	assert_loc(&s->message_loc, "t.xml", 23, 5);
	assert_loc(&s->mappings[0].loc, "t.xml", 24, 5);
	assert_loc(&s->mappings[0].name_loc, "t.xml", 24, 39);
	assert_loc(&s->mappings[1].name_loc, "t.xml", 25, 26);
	domain_free(&d);
}

/* Locations stay right deep into a file, past libxml2's input buffer
 * refills, and columns count bytes, as GCC's do. */
static void test_locations_late_in_a_long_file(void **state)
{
	(void)state;
	struct buf doc;
	buf_init(&doc);
	buf_puts(&doc, HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			    "  <title>T</title>\n");
	for (int i = 0; i < 3000; i++)
		buf_printf(
			&doc,
			"  <error name=\"FOO_%d\" value=\"%d\"><message>Text "
			"\xc3\xa9 %d</message></error>\n",
			i, i, i);
	/* line 3004: a tag after multi-byte text on the same line */
	buf_puts(&doc, "<!-- \xc3\xa9\xc3\xa9 --><error name=\"FOO_LAST\" "
		       "value=\"99999\"><message>x</message></error>\n"
		       "</errors>\n");
	struct domain d;
	bool ok;
	char *diags = load_text("t.xml", doc.data, &d, &ok);
	assert_string_equal(diags, "");
	assert_true(ok);
	free(diags);
	assert_int_equal(d.nerrors, 3001);
	assert_loc(&d.errors[0].loc, "t.xml", 4, 3);
	assert_loc(&d.errors[0].name_loc, "t.xml", 4, 16);
	assert_loc(&d.errors[2999].loc, "t.xml", 3003, 3);
	assert_loc(&d.errors[2999].message_loc, "t.xml", 3003, 39);
	assert_string_equal(d.errors[2999].message, "Text \xc3\xa9 2999");
	/* "<!-- éé -->" is 13 bytes (11 characters) */
	assert_loc(&d.errors[3000].loc, "t.xml", 3004, 14);
	assert_loc(&d.errors[3000].name_loc, "t.xml", 3004, 27);
	assert_loc(&d.errors[3000].value_loc, "t.xml", 3004, 44);
	domain_free(&d);
	buf_free(&doc);
}

static void test_defaults_and_explicit_attributes(void **state)
{
	(void)state;
	struct domain d;
	bool ok;
	char *diags = load_text(
		"t.xml",
		HEAD
		"<errors xmlns=\"urn:errgen:1\" domain=\"a_b_c\">\n"
		"  <title>T</title>\n"
		"  <error name=\"X\" value=\"0\"><message>m</message></error>\n"
		"</errors>\n",
		&d, &ok);
	assert_string_equal(diags, "");
	assert_true(ok);
	free(diags);
	assert_null(d.prefix);
	assert_false(d.has_base);
	assert_false(d.has_min);
	assert_false(d.has_max);
	assert_int_equal(d.nlanguages, 0);
	assert_null(d.description);
	assert_int_equal(d.ngroups, 0);
	assert_string_equal(d.gettext_domain, "a-b-c");
	assert_string_equal(d.unknown_message, "Unknown error code");
	assert_int_equal(d.errors[0].value, 0);
	assert_int_equal(d.errors[0].status, STATUS_ACTIVE);
	domain_free(&d);

	diags = load_text(
		"t.xml",
		HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"a_b\" "
		     "gettext-domain=\"my.domain-1\" unknown-message=\"Huh?\" "
		     "languages=\" pt-BR  de\">\n"
		     "  <title>T</title>\n"
		     "  <error name=\"X\" value=\"0\" status=\"active\">"
		     "<message>m</message>"
		     "<message xml:lang=\"pt-BR\">n</message></error>\n"
		     "</errors>\n",
		&d, &ok);
	assert_string_equal(diags, "");
	assert_true(ok);
	free(diags);
	assert_string_equal(d.gettext_domain, "my.domain-1");
	assert_string_equal(d.unknown_message, "Huh?");
	assert_int_equal(d.nlanguages, 2);
	assert_string_equal(d.languages[0], "pt-BR");
	assert_string_equal(d.languages[1], "de");
	assert_string_equal(d.errors[0].translations[0].lang, "pt-BR");
	assert_string_equal(d.errors[0].translations[0].text, "n");
	domain_free(&d);
}

/* Text content keeps its bytes: character references, CDATA, markup
 * characters escaped in the XML, non-ASCII text. */
static void test_text_content(void **state)
{
	(void)state;
	struct domain d;
	bool ok;
	char *diags = load_text(
		"t.xml",
		HEAD
		"<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		"  <title>T</title>\n"
		"  <error name=\"X\" value=\"2147483647\"><message>a &lt;b&gt; "
		"&amp; &quot;c&quot; &#233; <![CDATA[<raw>]]> "
		"\xe2\x82\xac</message></error>\n"
		"  <error name=\"Y\" value=\"-2147483648\">"
		"<message>y</message></error>\n"
		"</errors>\n",
		&d, &ok);
	assert_string_equal(diags, "");
	assert_true(ok);
	free(diags);
	assert_string_equal(d.errors[0].message,
			    "a <b> & \"c\" \xc3\xa9 <raw> \xe2\x82\xac");
	assert_int_equal(d.errors[0].value, INT32_MAX);
	assert_int_equal(d.errors[1].value, INT32_MIN);
	domain_free(&d);
}

/* Line numbers past 65535 (libxml2 needs XML_PARSE_BIG_LINES for them),
 * for elements and for schema diagnostics. */
static void test_big_line_numbers(void **state)
{
	(void)state;
	struct buf doc;
	buf_init(&doc);
	buf_puts(&doc, HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			    "  <title>T</title>\n");
	for (int i = 4; i < 70000; i++)
		buf_puts(&doc, "  <!-- filler -->\n");
	buf_puts(&doc, "  <error name=\"FOO_A\" value=\"1\">\n" /* 70000 */
		       "    <message>m</message>\n"
		       "  </error>\n"
		       "</errors>\n");
	struct domain d;
	bool ok;
	char *got = load_text("t.xml", doc.data, &d, &ok);
	assert_string_equal(got, "");
	assert_true(ok);
	assert_loc(&d.errors[0].loc, "t.xml", 70000, 3);
	assert_loc(&d.errors[0].value_loc, "t.xml", 70000, 30);
	assert_loc(&d.errors[0].message_loc, "t.xml", 70001, 5);
	free(got);
	domain_free(&d);

	/* the same with an element the schema refuses */
	doc.len -= strlen("  </error>\n</errors>\n");
	buf_puts(&doc, "    <note>n</note>\n  </error>\n</errors>\n");
	expect_failure(
		doc.data,
		"t.xml:70002:5: error: Element 'note': This element is not "
		"expected. Expected is one of ( message, explanation, "
		"alias, map ).\n");
	buf_free(&doc);
}

/* CRLF line ends count as one line end. */
static void test_crlf_locations(void **state)
{
	(void)state;
	struct domain d;
	bool ok;
	char *got = load_text("t.xml",
			      "<?xml version=\"1.0\"?>\r\n"
			      "<errors xmlns=\"urn:errgen:1\"\r\n"
			      "        domain=\"foo\">\r\n"
			      "  <title>T</title>\r\n"
			      "  <error name=\"FOO_A\"\r\n"
			      "         value=\"1\">\r\n"
			      "    <message>m</message>\r\n"
			      "  </error>\r\n"
			      "</errors>\r\n",
			      &d, &ok);
	assert_string_equal(got, "");
	assert_true(ok);
	assert_loc(&d.loc, "t.xml", 2, 1);
	assert_loc(&d.errors[0].loc, "t.xml", 5, 3);
	assert_loc(&d.errors[0].name_loc, "t.xml", 5, 16);
	assert_loc(&d.errors[0].value_loc, "t.xml", 6, 17);
	assert_loc(&d.errors[0].message_loc, "t.xml", 7, 5);
	free(got);
	domain_free(&d);
}

static void test_second_english_message(void **state)
{
	(void)state;
	expect_failure(
		HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		     "  <title>T</title>\n"
		     "  <error name=\"FOO_A\" value=\"1\">\n"
		     "    <message>one</message>\n"
		     "    <message>two</message>\n"
		     "  </error>\n"
		     "</errors>\n",
		"t.xml:6:5: error: FOO_A has a second English message (a "
		"message without xml:lang)\n"
		"t.xml:5:5: note: the first is here\n");
}

/* The schema collapses white space in token, boolean and NCName attributes
 * (status, to, direction, preferred, id); the model must read the same
 * value the schema validated. */
static void test_whitespace_in_token_attributes(void **state)
{
	(void)state;
	struct domain d;
	bool ok;
	char *got = load_text(
		"t.xml",
		HEAD
		"<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		"  <title>T</title>\n"
		"  <group id=\" io \">\n"
		"    <title>IO</title>\n"
		"    <error name=\"FOO_A\" value=\"1\" status=\" obsolete \">\n"
		"      <map to=\" openssl \" name=\"SSL_R_X\" "
		"direction=\" to \" preferred=\" true \"/>\n"
		"      <map to=\"errno\" name=\"EIO\" direction=\"from\" "
		"preferred=\"1\"/>\n"
		"      <map to=\"errno\" name=\"EPIPE\" preferred=\"0\"/>\n"
		"    </error>\n"
		"  </group>\n"
		"</errors>\n",
		&d, &ok);
	assert_string_equal(got, "");
	assert_true(ok);
	free(got);
	const struct error *e = &d.errors[0];
	/* the plain spellings */
	assert_int_equal(e->mappings[1].direction, MAP_FROM);
	assert_true(e->mappings[1].preferred);
	assert_false(e->mappings[2].preferred);
	/* Token-typed attributes are read the way the validator reads them,
	 * with white space collapsed, so the model matches the document. */
	assert_int_equal(e->status, STATUS_OBSOLETE);
	assert_int_equal(e->mappings[0].target, MAP_OPENSSL);
	assert_int_equal(e->mappings[0].direction, MAP_TO);
	assert_true(e->mappings[0].preferred);
	assert_string_equal(d.groups[0].id, "io");
	domain_free(&d);
}

/* A token attribute padded with more white space than the longest word:
 * still that word, read from the tree and from the parser's events. */
static void test_long_padded_tokens(void **state)
{
	(void)state;
	const char *pad = "                                        ";
	struct buf doc;
	buf_init(&doc);
	buf_printf(&doc,
		   HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			"  <title>T</title>\n"
			"  <error name=\"FOO_A\" value=\"1\" "
			"status=\"%sobsolete%s\">\n"
			"    <map to=\"%sopenssl\" name=\"SSL_R_X\" "
			"direction=\"%sto\" preferred=\"%strue\"/>\n"
			"  </error>\n"
			"</errors>\n",
		   pad, pad, pad, pad, pad);
	assert_false(doc.failed);
	struct domain tree, events;
	bool ok;
	char *got = load_text("t.xml", doc.data, &tree, &ok);
	assert_string_equal(got, "");
	assert_true(ok);
	free(got);
	assert_true(
		loader_load_unvalidated("t.xml", doc.data, doc.len, &events));
	const struct domain *both[] = {&tree, &events};
	for (size_t k = 0; k < 2; k++) {
		const struct error *e = &both[k]->errors[0];
		assert_int_equal(e->status, STATUS_OBSOLETE);
		assert_int_equal(e->mappings[0].target, MAP_OPENSSL);
		assert_int_equal(e->mappings[0].direction, MAP_TO);
		assert_true(e->mappings[0].preferred);
	}
	assert_same_domain(&tree, &events);
	domain_free(&tree);
	domain_free(&events);
	buf_free(&doc);
}

/* ------------------------------------------------------------------ */
/* Refused documents                                                   */

static void test_malformed_documents(void **state)
{
	(void)state;
	expect_failure(HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			    "  <title>T</title>\n"
			    "  <error name=\"X\" value=\"1\">\n"
			    "    <message>m</mesage>\n"
			    "  </error>\n"
			    "</errors>\n",
		       /* libxml2 reports the place after the end tag */
		       "t.xml:5:24: error: end tag </mesage> does not close "
		       "<message>, opened on line 5\n");
	expect_failure(HEAD "<errors xmlns=\"urn:errgen:1\" domain=foo>\n"
			    "  <title>T</title>\n"
			    "</errors>\n",
		       "t.xml:2:37: error: an attribute value must be quoted "
		       "(\"...\" or '...')\n");
	expect_failure(
		HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		     "  <title>T</title>\n",
		/* at the end of the file */
		"t.xml:4:1: error: the file ends inside <errors>, opened "
		"on line 2\n");
	expect_failure("not xml at all\n",
		       "t.xml:1:1: error: Start tag expected, '<' not found\n");
	/* columns count bytes, also where libxml2 counts characters: the
	 * value starts at byte 51, character 49 */
	expect_failure(HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			    "  <title>T\xc3\xa9l\xc3\xa9phone</title>"
			    "<error name=\"X\" value=1>\n"
			    "</errors>\n",
		       "t.xml:3:51: error: an attribute value must be quoted "
		       "(\"...\" or '...')\n");
}

static void test_schema_violations(void **state)
{
	(void)state;
	/* an unknown element, located at its '<' */
	expect_failure(HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			    "  <title>T</title>\n"
			    "  <error name=\"FOO_A\" value=\"1\">\n"
			    "    <message>m</message>\n"
			    "    <note>n</note>\n"
			    "  </error>\n"
			    "</errors>\n",
		       "t.xml:6:5: error: Element 'note': This element is not "
		       "expected. Expected is one of ( message, explanation, "
		       "alias, map ).\n");
	/* a missing required attribute, at the element */
	expect_failure(
		HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		     "  <title>T</title>\n"
		     "  <error name=\"FOO_A\"><message>m</message></error>\n"
		     "</errors>\n",
		"t.xml:4:3: error: Element 'error': The attribute 'value' "
		"is required but missing.\n");
	/* a bad attribute value, at the value */
	expect_failure(HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			    "  <title>T</title>\n"
			    "  <error name=\"FOO_A\" value=\"0x10\">"
			    "<message>m</message></error>\n"
			    "</errors>\n",
		       "t.xml:4:30: error: value '0x10' is not a plain decimal "
		       "integer (no '+', leading zeros, spaces or hex)\n");
	/* a root the schema does not know */
	expect_failure(HEAD
		       "<error-table xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		       "  <title>T</title>\n"
		       "</error-table>\n",
		       "t.xml:2:1: error: the root element must be <errors "
		       "xmlns=\"urn:errgen:1\">; this is <error-table> in "
		       "namespace 'urn:errgen:1'\n");
	/* the right name in no namespace */
	expect_failure(HEAD "<errors domain=\"foo\">\n"
			    "  <title>T</title>\n"
			    "</errors>\n",
		       "t.xml:2:1: error: the root element must be <errors "
		       "xmlns=\"urn:errgen:1\">; this is <errors> without a "
		       "namespace\n");
}

/* A root that is another element of the errgen schema: the schema accepts
 * any global element as a root, the loader does not. */
static void test_root_is_another_schema_element(void **state)
{
	(void)state;
	expect_failure(
		HEAD "<error xmlns=\"urn:errgen:1\" name=\"X\" value=\"1\"/>\n",
		"t.xml:2:1: error: the root element must be <errors "
		"xmlns=\"urn:errgen:1\">; this is <error>\n");
	expect_failure(HEAD "<title xmlns=\"urn:errgen:1\">Hello</title>\n",
		       "t.xml:2:1: error: the root element must be <errors "
		       "xmlns=\"urn:errgen:1\">; this is <title>\n");
}

static void test_value_outside_int32(void **state)
{
	(void)state;
	expect_failure(
		HEAD "<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		     "  <title>T</title>\n"
		     "  <error name=\"A\" value=\"2147483648\">"
		     "<message>a</message></error>\n"
		     "  <error name=\"B\" value=\"-2147483649\">"
		     "<message>b</message></error>\n"
		     "  <error name=\"C\" value=\"9999999999999999999\">"
		     "<message>c</message></error>\n"
		     "</errors>\n",
		"t.xml:4:26: error: value '2147483648' is outside the "
		"32-bit signed range [-2147483648, 2147483647]\n"
		"t.xml:5:26: error: value '-2147483649' is outside the "
		"32-bit signed range [-2147483648, 2147483647]\n"
		"t.xml:6:26: error: value '9999999999999999999' is outside "
		"the 32-bit signed range [-2147483648, 2147483647]\n");
	expect_failure(
		HEAD
		"<errors xmlns=\"urn:errgen:1\" domain=\"foo\" "
		"base=\"4294967296\">\n"
		"  <title>T</title>\n"
		"  <error name=\"A\" value=\"1\"><message>a</message></error>\n"
		"</errors>\n",
		"t.xml:2:49: error: base '4294967296' is outside the "
		"32-bit signed range [-2147483648, 2147483647]\n");
}

/* ------------------------------------------------------------------ */
/* Entities: refused before anything is declared or read               */

/* Nothing from secret may be reachable through the model. */
static void assert_model_free_of(const struct domain *d, const char *secret)
{
	const char *fields[] = {d->name,	   d->prefix,
				d->title,	   d->description,
				d->gettext_domain, d->unknown_message};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		assert_true(!fields[i] || !strstr(fields[i], secret));
	for (size_t i = 0; i < d->nerrors; i++) {
		const struct error *e = &d->errors[i];
		assert_true(!e->message || !strstr(e->message, secret));
		assert_true(!e->explanation || !strstr(e->explanation, secret));
		for (size_t j = 0; j < e->ntranslations; j++)
			assert_null(strstr(e->translations[j].text, secret));
	}
}

static void test_doctype_internal_entity_refused(void **state)
{
	(void)state;
	static const char secret[] = "INTERNAL-ENTITY-TEXT-7f3a";
	static const char doc[] = HEAD
		"<!DOCTYPE errors [\n"
		"  <!ENTITY boo \"INTERNAL-ENTITY-TEXT-7f3a\">\n"
		"]>\n"
		"<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
		"  <title>&boo;</title>\n"
		"  <error name=\"FOO_A\" value=\"1\"><message>&boo;</message>"
		"</error>\n"
		"</errors>\n";
	struct domain d;
	bool ok;
	char *got = load_text("t.xml", doc, &d, &ok);
	assert_false(ok);
	assert_null(strstr(got, secret));
	assert_string_equal(got, "t.xml:2:1: error: document type declarations "
				 "are not allowed in errgen files (no DTD, no "
				 "entities)\n");
	assert_int_equal(diag_error_count(), 1);
	assert_model_free_of(&d, secret);
	assert_int_equal(d.nerrors, 0);
	free(got);
	domain_free(&d);
}

/* An entity bomb costs nothing: it is refused before any declaration. */
static void test_entity_expansion_bomb_refused(void **state)
{
	(void)state;
	struct buf doc;
	buf_init(&doc);
	buf_puts(&doc,
		 HEAD "<!DOCTYPE errors [\n <!ENTITY a0 \"HAHAHAHAHA\">\n");
	for (int i = 1; i < 12; i++) {
		buf_printf(&doc, " <!ENTITY a%d \"", i);
		for (int j = 0; j < 10; j++)
			buf_printf(&doc, "&a%d;", i - 1);
		buf_puts(&doc, "\">\n");
	}
	buf_puts(&doc, "]>\n<errors xmlns=\"urn:errgen:1\" domain=\"foo\">"
		       "<title>&a11;</title>"
		       "<error name=\"A\" value=\"1\"><message>&a11;</message>"
		       "</error></errors>\n");
	struct domain d;
	bool ok;
	clock_t t0 = clock();
	char *got = load_text("t.xml", doc.data, &d, &ok);
	clock_t t1 = clock();
	assert_false(ok);
	assert_string_equal(got, "t.xml:2:1: error: document type declarations "
				 "are not allowed in errgen files (no DTD, no "
				 "entities)\n");
	assert_null(strstr(got, "HAHA"));
	assert_model_free_of(&d, "HAHA");
	/* 10^11 expansions would take far longer than this */
	assert_true((double)(t1 - t0) / CLOCKS_PER_SEC < 5.0);
	free(got);
	domain_free(&d);
	buf_free(&doc);
}

static void test_external_entity_refused(void **state)
{
	(void)state;
	static const char secret[] = "TOP-SECRET-FILE-CONTENT-91c2";
	char *dir = make_temp_dir("load");
	char *file = path_join(dir, "secret.txt");
	write_file(file, secret, strlen(secret));
	char *dtd = path_join(dir, "evil.dtd");
	struct buf dtdtext;
	buf_init(&dtdtext);
	buf_printf(&dtdtext, "<!ENTITY leak SYSTEM \"file://%s\">\n", file);
	write_file(dtd, dtdtext.data, dtdtext.len);

	/* a general external entity */
	struct buf doc;
	buf_init(&doc);
	buf_printf(&doc,
		   HEAD "<!DOCTYPE errors [\n"
			"  <!ENTITY leak SYSTEM \"file://%s\">\n"
			"]>\n"
			"<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			"  <title>T &leak;</title>\n"
			"  <error name=\"FOO_A\" value=\"1\"><message>&leak;"
			"</message></error>\n"
			"</errors>\n",
		   file);
	/* a parameter entity pulling in a DTD that declares the entity */
	struct buf doc2;
	buf_init(&doc2);
	buf_printf(&doc2,
		   HEAD "<!DOCTYPE errors [\n"
			"  <!ENTITY %% ext SYSTEM \"file://%s\">\n"
			"  %%ext;\n"
			"]>\n"
			"<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			"  <title>&leak;</title>\n"
			"</errors>\n",
		   dtd);
	/* an external subset only, no internal one */
	struct buf doc3;
	buf_init(&doc3);
	buf_printf(&doc3,
		   HEAD "<!DOCTYPE errors SYSTEM \"%s\">\n"
			"<errors xmlns=\"urn:errgen:1\" domain=\"foo\">\n"
			"  <title>&leak;</title>\n"
			"</errors>\n",
		   dtd);
	const struct buf *docs[] = {&doc, &doc2, &doc3};
	for (size_t i = 0; i < 3; i++) {
		struct domain d;
		bool ok;
		char *got = load_text("t.xml", docs[i]->data, &d, &ok);
		assert_false(ok);
		assert_null(strstr(got, secret));
		assert_string_equal(
			got, "t.xml:2:1: error: document type declarations "
			     "are not allowed in errgen files (no DTD, no "
			     "entities)\n");
		assert_model_free_of(&d, secret);
		free(got);
		domain_free(&d);
	}
	buf_free(&doc);
	buf_free(&doc2);
	buf_free(&doc3);
	buf_free(&dtdtext);
	remove_tree(dir);
	free(file);
	free(dtd);
	free(dir);
}

/* XInclude is not processed: an include is an unknown element. */
static void test_xinclude_not_processed(void **state)
{
	(void)state;
	static const char secret[] = "XINCLUDE-SECRET-5e11";
	char *dir = make_temp_dir("load");
	char *file = path_join(dir, "inc.txt");
	write_file(file, secret, strlen(secret));
	struct buf doc;
	buf_init(&doc);
	buf_printf(&doc,
		   HEAD "<errors xmlns=\"urn:errgen:1\" "
			"xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
			"domain=\"foo\">\n"
			"  <title>T</title>\n"
			"  <error name=\"FOO_A\" value=\"1\"><message>"
			"<xi:include href=\"%s\" parse=\"text\"/></message>"
			"</error>\n"
			"</errors>\n",
		   file);
	struct domain d;
	bool ok;
	char *got = load_text("t.xml", doc.data, &d, &ok);
	assert_false(ok);
	assert_null(strstr(got, secret));
	assert_model_free_of(&d, secret);
	free(got);
	domain_free(&d);
	buf_free(&doc);
	remove_tree(dir);
	free(file);
	free(dir);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */

static void test_load_file(void **state)
{
	(void)state;
	char *dir = make_temp_dir("load");
	char *path = path_join(dir, "good.xml");
	write_file(path, valid_doc, strlen(valid_doc));
	struct domain d;
	struct capture c;
	capture_begin(&c);
	bool ok = loader_load_file(loader, path, &d);
	char *got = capture_end(&c);
	assert_string_equal(got, "");
	assert_true(ok);
	assert_string_equal(d.path, path);
	assert_string_equal(d.basename, "good.xml");
	assert_int_equal(d.nerrors, 3);
	assert_loc(&d.errors[1].name_loc, path, 19, 13);
	free(got);
	domain_free(&d);
	remove_tree(dir);
	free(path);
	free(dir);
}

static void test_load_file_failures(void **state)
{
	(void)state;
	char *dir = make_temp_dir("load");
	char *missing = path_join(dir, "missing.xml");
	char *empty = path_join(dir, "empty.xml");
	write_file(empty, "", 0);
	struct domain d;
	struct capture c;
	char want[1024];

	capture_begin(&c);
	bool ok = loader_load_file(loader, missing, &d);
	char *got = capture_end(&c);
	snprintf(want, sizeof(want),
		 "%s: error: cannot open: No such file or directory\n",
		 missing);
	assert_string_equal(got, want);
	assert_false(ok);
	free(got);
	domain_free(&d);

	capture_begin(&c);
	ok = loader_load_file(loader, dir, &d);
	got = capture_end(&c);
	snprintf(want, sizeof(want),
		 "%s: error: not a regular file (it is a directory)\n", dir);
	assert_string_equal(got, want);
	assert_false(ok);
	free(got);
	domain_free(&d);

	capture_begin(&c);
	ok = loader_load_file(loader, empty, &d);
	got = capture_end(&c);
	snprintf(
		want, sizeof(want),
		"%s:1:1: error: file is empty; expected an <errors> document\n",
		empty);
	assert_string_equal(got, want);
	assert_false(ok);
	free(got);
	domain_free(&d);

	remove_tree(dir);
	free(missing);
	free(empty);
	free(dir);
}

/* One loader serves many documents; a failure leaves no state behind. */
static void test_loader_reuse_after_failure(void **state)
{
	(void)state;
	expect_failure("<errors",
		       "t.xml:1:8: error: Couldn't find end of Start "
		       "Tag errors line 1\n");
	struct domain d;
	bool ok;
	char *got = load_text("u.xml", valid_doc, &d, &ok);
	assert_string_equal(got, "");
	assert_true(ok);
	assert_int_equal(diag_error_count(), 0);
	assert_int_equal(d.nerrors, 3);
	free(got);
	domain_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_document_model),
		cmocka_unit_test(test_both_loaders_build_the_same_model),
		cmocka_unit_test(test_long_line_columns),
		cmocka_unit_test(test_valid_document_locations),
		cmocka_unit_test(test_locations_late_in_a_long_file),
		cmocka_unit_test(test_defaults_and_explicit_attributes),
		cmocka_unit_test(test_text_content),
		cmocka_unit_test(test_big_line_numbers),
		cmocka_unit_test(test_crlf_locations),
		cmocka_unit_test(test_second_english_message),
		cmocka_unit_test(test_whitespace_in_token_attributes),
		cmocka_unit_test(test_long_padded_tokens),
		cmocka_unit_test(test_malformed_documents),
		cmocka_unit_test(test_schema_violations),
		cmocka_unit_test(test_root_is_another_schema_element),
		cmocka_unit_test(test_value_outside_int32),
		cmocka_unit_test(test_doctype_internal_entity_refused),
		cmocka_unit_test(test_entity_expansion_bomb_refused),
		cmocka_unit_test(test_external_entity_refused),
		cmocka_unit_test(test_xinclude_not_processed),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_file_failures),
		cmocka_unit_test(test_loader_reuse_after_failure),
	};
	return cmocka_run_group_tests_name("load", tests, setup, teardown);
}
