/* emit: the C helpers every emitter shares, and the emitter table. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emit.h"
#include "model.h"

/* Runs fn on s and returns what it wrote (caller frees). */
static char *render(void (*fn)(struct buf *, const char *), const char *s)
{
	struct buf b;
	buf_init(&b);
	fn(&b, s);
	assert_false(b.failed);
	char *r = strdup(b.data ? b.data : "");
	assert_non_null(r);
	buf_free(&b);
	return r;
}

static void expect_render(void (*fn)(struct buf *, const char *),
			  const char *in, const char *want)
{
	char *got = render(fn, in);
	if (strcmp(got, want) != 0)
		fail_msg("input \"%s\": got [%s], expected [%s]", in, got,
			 want);
	free(got);
}

static void comment_block_plain(struct buf *b, const char *s)
{
	c_comment_block(b, "", s);
}

/* ------------------------------------------------------------------ */
/* c_string                                                            */

static void test_c_string_escapes(void **state)
{
	(void)state;
	expect_render(c_string, "", "\"\"");
	expect_render(c_string, "plain text", "\"plain text\"");
	expect_render(c_string, "say \"hi\"", "\"say \\\"hi\\\"\"");
	expect_render(c_string, "a\\b", "\"a\\\\b\"");
	expect_render(c_string, "l1\nl2\tx", "\"l1\\nl2\\tx\"");
	expect_render(c_string, "cr\r", "\"cr\\015\"");
	expect_render(c_string, "\x01\x1f\x7f", "\"\\001\\037\\177\"");
	expect_render(c_string, "\x80\xff", "\"\\200\\377\"");
	expect_render(c_string, "caf\xc3\xa9", "\"caf\\303\\251\"");
	/* a digit after an escape cannot extend it: always three digits */
	expect_render(c_string,
		      "\x01"
		      "2",
		      "\"\\0012\"");
	expect_render(c_string,
		      "\xff"
		      "7x",
		      "\"\\3777x\"");
	/* single ? stay; any ? next to another is escaped (trigraphs) */
	expect_render(c_string, "what?", "\"what?\"");
	expect_render(c_string, "a?b?c", "\"a?b?c\"");
	expect_render(c_string, "?\?/", "\"\\?\\?/\"");
	expect_render(c_string, "?\?=x", "\"\\?\\?=x\"");
	expect_render(c_string, "?\?\?", "\"\\?\\?\\?\"");
	expect_render(c_string, "?", "\"?\"");
	/* nothing to fear from comment markers or apostrophes */
	expect_render(c_string, "/* */ //'", "\"/* */ //'\"");
}

static void test_c_string_splits_long_text(void **state)
{
	(void)state;
	char in[300];
	memset(in, 'a', 250);
	in[250] = '\0';
	char want[400];
	snprintf(want, sizeof(want),
		 "\"%.100s\"\n\t\t\"%.100s\"\n\t\t\"%.50s\"", in, in, in);
	expect_render(c_string, in, want);

	/* exactly 100 bytes: one literal; 101: a second one for the last */
	in[100] = '\0';
	snprintf(want, sizeof(want), "\"%s\"", in);
	expect_render(c_string, in, want);
	in[100] = 'a';
	in[101] = '\0';
	snprintf(want, sizeof(want), "\"%.100s\"\n\t\t\"a\"", in);
	expect_render(c_string, in, want);

	/* prose breaks after a space once past 60 bytes */
	in[0] = '\0';
	for (int i = 0; i < 20; i++)
		strcat(in, "abcd ");
	snprintf(want, sizeof(want), "\"%.60s\"\n\t\t\"%s\"", in, in + 60);
	expect_render(c_string, in, want);
}

/* Every byte and every tricky sequence, through a real compiler: the
 * literal must hold exactly the input bytes. */
static const char *const tricky[] = {
	"?\?/",
	"?\?=?\?(?\?)?\?!?\?<?\?>?\?'?\?-",
	"?\?\?/",
	"?\?/",
	"a?",
	"\x01"
	"1",
	"\x80"
	"7",
	"\xff"
	"0",
	"\"\\\"",
	"\\",
	"*/",
	"\\\n",
	"tab\tnl\n",
	"\x1b[0m",
	"trailing?",
	"?",
	"\r\n",
};

static void build_input(struct buf *in)
{
	for (int c = 1; c < 256; c++)
		buf_putc(in, (char)c);
	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		buf_puts(in, tricky[i]);
	for (int i = 0; i < 30; i++)
		buf_puts(in, "some words and ?\?/ trigraphs, \xc3\xa9 and \x01"
			     "9 ");
}

static bool have_program(const char *name)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* Compiles literal with compiler and flags, runs it, returns its output. */
static char *compile_and_run(const char *dir, const char *compiler,
			     const char *flags, const char *ext,
			     const char *literal, size_t *outlen)
{
	char src[512], exe[512], cmd[2048];
	snprintf(src, sizeof(src), "%s/lit.%s", dir, ext);
	snprintf(exe, sizeof(exe), "%s/lit", dir);
	FILE *f = fopen(src, "w");
	assert_non_null(f);
	fprintf(f,
		"#include <stdio.h>\n"
		"static const char s[] =\n\t%s;\n"
		"int main(void)\n{\n"
		"\tfwrite(s, 1, sizeof(s) - 1, stdout);\n"
		"\treturn 0;\n}\n",
		literal);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd), "%s %s -o '%s' '%s' 2>'%s/cc.log'", compiler,
		 flags, exe, src, dir);
	if (system(cmd) != 0) {
		snprintf(cmd, sizeof(cmd), "%s/cc.log", dir);
		char *log = read_file(cmd, NULL);
		fail_msg("%s failed:\n%s", compiler, log ? log : "");
	}
	snprintf(cmd, sizeof(cmd), "'%s'", exe);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct buf out;
	buf_init(&out);
	char chunk[4096];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(&out, chunk, r);
	int status = pclose(p);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	*outlen = out.len;
	return out.data ? out.data : strdup("");
}

static void test_c_string_compiles_to_same_bytes(void **state)
{
	(void)state;
	if (!have_program("cc"))
		skip();
	struct buf in, lit;
	buf_init(&in);
	buf_init(&lit);
	build_input(&in);
	assert_true(in.len < 4095); /* what every compiler must accept */
	c_string(&lit, in.data);
	assert_false(lit.failed);

	/* pure ASCII, no trigraph left, no raw line break inside a literal */
	for (size_t i = 0; i < lit.len; i++) {
		unsigned char c = (unsigned char)lit.data[i];
		assert_true(c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f));
	}
	assert_null(strstr(lit.data, "?\?"));

	char *dir = make_temp_dir("emit");
	/* strict ISO mode turns trigraphs on: the escapes must defeat them */
	static const struct {
		const char *compiler, *flags, *ext;
	} runs[] = {
		{"cc",
		 "-std=c99 -pedantic-errors -Wall -Wextra -Werror "
		 "-Wtrigraphs",
		 "c"},
		{"cc",
		 "-std=c89 -pedantic-errors -Wall -Werror -Wtrigraphs "
		 "-Wno-overlength-strings",
		 "c"},
		{"c++", "-std=c++11 -pedantic-errors -Wall -Werror -Wtrigraphs",
		 "cc"},
	};
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		if (!have_program(runs[i].compiler))
			continue;
		size_t outlen;
		char *out =
			compile_and_run(dir, runs[i].compiler, runs[i].flags,
					runs[i].ext, lit.data, &outlen);
		assert_int_equal(outlen, in.len);
		assert_memory_equal(out, in.data, in.len);
		free(out);
	}
	remove_tree(dir);
	free(dir);
	buf_free(&in);
	buf_free(&lit);
}

/* ------------------------------------------------------------------ */
/* Comments                                                            */

/* c_escaped() copies runs of eight plain bytes at a time: for every byte
 * value at every position of a run, and for every length, it must write
 * what escaping one byte after the other writes. */
static void ref_escaped(struct buf *out, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", (char)c);
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else if (c == '\r')
			buf_puts(out, "\\r");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\%03o", c);
		else
			buf_putc(out, (char)c);
	}
}

static void test_c_escaped_matches_bytewise(void **state)
{
	(void)state;
	unsigned char text[40];
	for (unsigned c = 1; c < 256; c++) {
		for (size_t at = 0; at < 20; at++) {
			size_t n = 8 + at + (c % 13);
			memset(text, 'a', sizeof(text));
			for (size_t i = 0; i < n; i++)
				text[i] = (unsigned char)('A' + (i * 7 + c) % 26);
			text[at] = (unsigned char)c;
			if (c % 3 == 0 && at + 9 < n)
				text[at + 9] = 0xc3; /* UTF-8 lead bytes pass */
			struct buf got, want;
			buf_init(&got);
			buf_init(&want);
			buf_puts(&got, "<");
			buf_puts(&want, "<");
			c_escaped(&got, (const char *)text, n);
			ref_escaped(&want, text, n);
			assert_false(got.failed);
			assert_int_equal(got.len, want.len);
			assert_memory_equal(got.data, want.data, want.len + 1);
			buf_free(&got);
			buf_free(&want);
		}
	}
}

static void test_c_comment_text(void **state)
{
	(void)state;
	expect_render(c_comment_text, "plain", "plain");
	expect_render(c_comment_text, "", "");
	/* comment ends and starts are broken up */
	expect_render(c_comment_text, "a */ b", "a * / b");
	expect_render(c_comment_text, "x/*y", "x/ *y");
	expect_render(c_comment_text, "*/*/", "* / * /");
	/* trigraph starts too */
	expect_render(c_comment_text, "what?\?/", "what? ?/");
	expect_render(c_comment_text, "?\?\?", "? ? ?");
	/* white space collapses, and goes at both ends */
	expect_render(c_comment_text, "  a \t\n b\r\n\nc  ", "a b c");
	expect_render(c_comment_text, " \n\t ", "");
	/* control characters become spaces; backslashes stay */
	expect_render(c_comment_text, "a\\b", "a\\b"); /* harmless in a block comment */
	expect_render(c_comment_text, "a\x01z\x7fy", "a z y");
	/* other bytes pass */
	expect_render(c_comment_text, "caf\xc3\xa9", "caf\xc3\xa9");
}

/* A '*' and a '/' separated by white space stay one space apart. */
static void test_c_comment_text_collapses_around_star_slash(void **state)
{
	(void)state;
	/* Breaking "* /" must not double the collapsed space. */
	expect_render(c_comment_text, "a * / b", "a * / b");
	expect_render(c_comment_text, "x/\n*y", "x/ *y");
}

/* c_comment_text appends; it does not start with a space when the buffer
 * already holds text. */
static void test_c_comment_text_appends(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "/* ");
	c_comment_text(&b, "  two  words ");
	buf_puts(&b, " */");
	assert_string_equal(b.data, "/* two words */");
	buf_free(&b);
}

static void test_c_comment_block(void **state)
{
	(void)state;
	expect_render(comment_block_plain, "Short text.",
		      "/* Short text. */\n");
	expect_render(comment_block_plain, "", "/* */\n");
	expect_render(comment_block_plain, "Ends */ early",
		      "/* Ends * / early */\n");

	struct buf b;
	buf_init(&b);
	c_comment_block(
		&b, "\t",
		"The quick brown fox jumps over the lazy dog and keeps "
		"running through the long grass of the meadow until the "
		"sun goes down behind the hills.");
	assert_string_equal(b.data,
			    "\t/* The quick brown fox jumps over the lazy dog "
			    "and keeps running\n"
			    "\t * through the long grass of the meadow until the "
			    "sun goes down\n"
			    "\t * behind the hills. */\n");
	buf_free(&b);
}

/* No line of a comment block is longer than 78 columns, counting the
 * closing marker, whatever the words. */
static void test_c_comment_block_width(void **state)
{
	(void)state;
	struct buf text;
	buf_init(&text);
	for (int i = 0; i < 200; i++)
		buf_printf(&text, "%.*s ", 1 + (i * 7) % 13,
			   "wwwwwwwwwwwwwwwwww");
	struct buf b;
	buf_init(&b);
	c_comment_block(&b, "", text.data);
	size_t longest = 0, lines = 0;
	for (const char *p = b.data; *p;) {
		size_t n = strcspn(p, "\n");
		if (n > longest)
			longest = n;
		lines++;
		p += n + (p[n] == '\n');
	}
	assert_true(lines > 10);
	buf_free(&b);

	/* a last line that fills the width must leave room for the end */
	buf_init(&b);
	c_comment_block(&b, "",
			"aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa "
			"aaaa aaaa aaaa aaaa aaaa aaaa");
	size_t last = 0;
	for (const char *p = b.data; *p;) {
		size_t n = strcspn(p, "\n");
		if (n > last)
			last = n;
		p += n + (p[n] == '\n');
	}
	/* Lines end by column 79: the opening marker, the words and the
	 * closing marker must all fit. */
	if (last > 79 || longest > 79)
		fail_msg(
			"a comment line is %zu columns wide (lines of the long "
			"text: up to %zu):\n%s",
			last > longest ? last : longest, longest, b.data);
	buf_free(&b);
	buf_free(&text);
}

/* Display width of a line, tabs to the next multiple of 8. */
static size_t display_width(const char *p, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w = p[i] == '\t' ? (w / 8 + 1) * 8 : w + 1;
	return w;
}

/* The same with a tab indent (the header's enum groups): 78 columns as
 * an editor shows them. */
static void test_c_comment_block_tab_indent_width(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	c_comment_block(
		&b, "\t",
		"The quick brown fox jumps over the lazy dog and keeps "
		"running through the long grass of the meadow until the "
		"sun goes down behind the hills.");
	/* A tab indent counts as 8 columns when wrapping. */
	for (const char *p = b.data; *p;) {
		size_t n = strcspn(p, "\n");
		if (display_width(p, n) > 78)
			fail_msg("line of %zu columns: [%.*s]",
				 display_width(p, n), (int)n, p);
		p += n + (p[n] == '\n');
	}
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Integers                                                            */

static void expect_int(void (*fn)(struct buf *, int32_t), int32_t v,
		       const char *want)
{
	struct buf b;
	buf_init(&b);
	fn(&b, v);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

static void test_c_int(void **state)
{
	(void)state;
	expect_int(c_int, 0, "0");
	expect_int(c_int, 1, "1");
	expect_int(c_int, -1, "-1");
	expect_int(c_int, -12288, "-12288");
	expect_int(c_int, INT32_MAX, "2147483647");
	expect_int(c_int, INT32_MIN + 1, "-2147483647");
	/* 2147483648 is not an int: the negation would be long */
	expect_int(c_int, INT32_MIN, "-2147483647 - 1");

	expect_int(c_int_expr, 0, "0");
	expect_int(c_int_expr, 7, "7");
	expect_int(c_int_expr, INT32_MAX, "2147483647");
	expect_int(c_int_expr, -7, "(-7)");
	expect_int(c_int_expr, INT32_MIN + 1, "(-2147483647)");
	expect_int(c_int_expr, INT32_MIN, "(-2147483647 - 1)");
}

static void test_c_uint_type(void **state)
{
	(void)state;
	assert_string_equal(c_uint_type(0), "uint8_t");
	assert_string_equal(c_uint_type(255), "uint8_t");
	assert_string_equal(c_uint_type(256), "uint16_t");
	assert_string_equal(c_uint_type(65535), "uint16_t");
	assert_string_equal(c_uint_type(65536), "uint32_t");
	assert_string_equal(c_uint_type(UINT32_MAX), "uint32_t");
}

/* ------------------------------------------------------------------ */
/* The emitter table                                                   */

static void test_emitter_find(void **state)
{
	(void)state;
	const struct emitter *h = emitter_find("header");
	assert_non_null(h);
	assert_string_equal(h->kind, "header");
	assert_string_equal(h->file_suffix, "_errors.h");
	assert_true(h->emit == emit_header);
	const struct emitter *c = emitter_find("catalog");
	assert_non_null(c);
	assert_string_equal(c->file_suffix, "_errors.c");
	assert_true(c->emit == emit_catalog);
	assert_null(emitter_find("Header"));
	assert_null(emitter_find("head"));
	assert_null(emitter_find("headers"));
	assert_null(emitter_find(""));
	/* every entry is found by its own kind, and kinds are unique */
	size_t n = 0;
	for (size_t i = 0; emitters[i]; i++, n++) {
		assert_true(emitter_find(emitters[i]->kind) == emitters[i]);
		assert_non_null(emitters[i]->summary);
		assert_true(strlen(emitters[i]->file_suffix) > 0);
	}
	assert_true(n >= 2);
}

static void test_emit_file_name(void **state)
{
	(void)state;
	struct domain d;
	memset(&d, 0, sizeof(d));
	d.name = strarena_dup(&d.strings, "nss_ssl");
	assert_non_null(d.name);
	char *h = emit_file_name(emitter_find("header"), &d);
	char *c = emit_file_name(emitter_find("catalog"), &d);
	assert_string_equal(h, "nss_ssl_errors.h");
	assert_string_equal(c, "nss_ssl_errors.c");
	free(h);
	free(c);
	domain_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c_string_escapes),
		cmocka_unit_test(test_c_string_splits_long_text),
		cmocka_unit_test(test_c_string_compiles_to_same_bytes),
		cmocka_unit_test(test_c_escaped_matches_bytewise),
		cmocka_unit_test(test_c_comment_text),
		cmocka_unit_test(
			test_c_comment_text_collapses_around_star_slash),
		cmocka_unit_test(test_c_comment_text_appends),
		cmocka_unit_test(test_c_comment_block),
		cmocka_unit_test(test_c_comment_block_width),
		cmocka_unit_test(test_c_comment_block_tab_indent_width),
		cmocka_unit_test(test_c_int),
		cmocka_unit_test(test_c_uint_type),
		cmocka_unit_test(test_emitter_find),
		cmocka_unit_test(test_emit_file_name),
	};
	return cmocka_run_group_tests_name("emit", tests, NULL, NULL);
}
