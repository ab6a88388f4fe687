/*
 * The C catalog: every string in one pool and small integer tables of
 * offsets into it, so the tables hold no pointers (no relocations in a
 * shared object, everything in .rodata), lookups allocate nothing and take
 * no lock.
 *
 * The pool is a struct of char arrays rather than one long literal: each
 * member is its own literal, so no literal exceeds what ISO C compilers must
 * accept, and the member offsets are fixed (char arrays need no padding; a
 * compile-time check proves it).
 *
 * Code to slot: when the codes fill most of their range, a slot is the code
 * minus the lowest one (a subtraction and a bounds check); otherwise a
 * sorted table of values is searched. Name to code: an open-addressing hash
 * table of slots, keyed by a hash of the name's length and last eight bytes.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

/* The pool: every string the catalog needs, in the order they are added. */
struct pool {
	char **strs; /* owned */
	size_t n, cap;
	size_t size;
};

/* Appends s (len bytes, then a NUL) and returns its offset. */
static size_t pool_add_n(struct pool *p, const char *s, size_t len,
			 bool *failed)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		char **strs = realloc(p->strs, cap * sizeof(*strs));
		if (!strs) {
			*failed = true;
			return 0;
		}
		p->strs = strs;
		p->cap = cap;
	}
	char *copy = malloc(len + 1);
	if (!copy) {
		*failed = true;
		return 0;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	p->strs[p->n++] = copy;
	size_t off = p->size;
	p->size += len + 1;
	return off;
}

static size_t pool_add(struct pool *p, const char *s, bool *failed)
{
	return pool_add_n(p, s, strlen(s), failed);
}

/* The gettext key "CONTEXT\004MESSAGE" (what pgettext looks up). The
 * English message is its tail, so it costs no second copy; returns the
 * key's offset and sets *msg_off to the message's. */
static size_t pool_add_key(struct pool *p, const char *context,
			   const char *message, size_t *msg_off, bool *failed)
{
	size_t clen = strlen(context), mlen = strlen(message);
	char *key = malloc(clen + 1 + mlen + 1);
	if (!key) {
		*failed = true;
		return 0;
	}
	memcpy(key, context, clen);
	key[clen] = '\004';
	memcpy(key + clen + 1, message, mlen + 1);
	size_t off = pool_add_n(p, key, clen + 1 + mlen, failed);
	free(key);
	*msg_off = off + clen + 1;
	return off;
}

static void pool_free(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->strs[i]);
	free(p->strs);
}

/* The name hash, here and in the generated lookup: the length and the last
 * eight bytes (where error names differ most), read as a little-endian
 * word, times a 64-bit odd constant; the top 32 bits. Collisions cost one
 * more probe, never a wrong answer: every probe compares the whole name. */
static uint32_t name_hash(const char *s)
{
	size_t len = strlen(s);
	const unsigned char *p =
		(const unsigned char *)s + (len < 8 ? 0 : len - 8);
	uint64_t w = 0;
	for (size_t k = 0; k < 8 && k < len; k++)
		w |= (uint64_t)p[k] << (8 * k);
	return (uint32_t)(((w ^ len) * 0x9E3779B97F4A7C15u) >> 32);
}

/* Everything the catalog needs, computed before any text is written. */
struct layout {
	const char *n; /* domain name */
	size_t *order; /* error indices by value */
	size_t count;
	bool dense;
	size_t nslots; /* dense: span of values; sparse: count */
	int32_t lo, hi;
	size_t *name_off, *msg_off, *key_off;
	size_t unknown_off, unknown_key_off;
	size_t naliases;
	size_t *alias_name_off, *alias_slot;
	uint32_t hash_size; /* power of two */
	size_t *hash;	    /* 0 empty; k <= nslots: slot k-1; else alias */
	struct pool pool;
	bool failed;
};

static void layout_free(struct layout *l)
{
	free(l->order);
	free(l->name_off);
	free(l->msg_off);
	free(l->hash);
	free(l->alias_name_off);
	free(l->alias_slot);
	free(l->key_off);
	pool_free(&l->pool);
}

static void hash_insert(struct layout *l, const char *name, size_t entry)
{
	uint32_t h = name_hash(name) & (l->hash_size - 1);
	while (l->hash[h])
		h = (h + 1) & (l->hash_size - 1);
	l->hash[h] = entry;
}

static bool layout_build(const struct domain *d, struct layout *l)
{
	memset(l, 0, sizeof(*l));
	l->n = d->name;
	l->count = d->nerrors;
	l->order = domain_sorted_by_value(d);
	if (!l->order || !l->count)
		return false;
	l->lo = d->errors[l->order[0]].value;
	l->hi = d->errors[l->order[l->count - 1]].value;
	uint64_t span = (uint64_t)((int64_t)l->hi - l->lo) + 1;
	/* A direct table is worth up to three slots per code. */
	l->dense = span <= 3 * (uint64_t)l->count + 8;
	l->nslots = l->dense ? (size_t)span : l->count;

	for (size_t i = 0; i < l->count; i++)
		l->naliases += d->errors[i].naliases;
	size_t nnames = l->count + l->naliases;
	l->name_off = calloc(l->nslots, sizeof(size_t));
	l->msg_off = calloc(l->nslots, sizeof(size_t));
	l->key_off = calloc(l->nslots, sizeof(size_t));
	l->alias_name_off = calloc(l->naliases + 1, sizeof(size_t));
	l->alias_slot = calloc(l->naliases + 1, sizeof(size_t));
	for (l->hash_size = 4; l->hash_size < 2 * nnames; l->hash_size *= 2)
		;
	l->hash = calloc(l->hash_size, sizeof(size_t));
	if (!l->name_off || !l->msg_off || !l->key_off || !l->hash ||
	    !l->alias_name_off || !l->alias_slot)
		return false;

	pool_add(&l->pool, "", &l->failed); /* offset 0: "no name" */
	char unknown_ctx[300];
	snprintf(unknown_ctx, sizeof(unknown_ctx), "%s_error_unknown", d->name);
	l->unknown_key_off =
		pool_add_key(&l->pool, unknown_ctx, d->unknown_message,
			     &l->unknown_off, &l->failed);
	for (size_t s = 0; s < l->nslots; s++) {
		l->msg_off[s] = l->unknown_off;
		l->key_off[s] = l->unknown_key_off;
	}
	size_t nalias = 0;
	for (size_t i = 0; i < l->count; i++) {
		const struct error *e = &d->errors[l->order[i]];
		size_t s = l->dense ? (size_t)((int64_t)e->value - l->lo) : i;
		l->name_off[s] = pool_add(&l->pool, e->name, &l->failed);
		if (e->message)
			l->key_off[s] =
				pool_add_key(&l->pool, e->name, e->message,
					     &l->msg_off[s], &l->failed);
		hash_insert(l, e->name, s + 1);
		for (size_t a = 0; a < e->naliases; a++) {
			l->alias_name_off[nalias] = pool_add(
				&l->pool, e->aliases[a].name, &l->failed);
			l->alias_slot[nalias] = s;
			hash_insert(l, e->aliases[a].name,
				    l->nslots + 1 + nalias);
			nalias++;
		}
	}
	return !l->failed;
}

static void pool_struct(const struct layout *l, struct buf *out)
{
	buf_printf(out, "static const struct %s_error_pool {\n", l->n);
	for (size_t i = 0; i < l->pool.n; i++) {
		buf_printf(out, "\tchar s%zu[sizeof(", i);
		c_string(out, l->pool.strs[i]);
		buf_puts(out, ")];\n");
	}
	buf_printf(out, "} %s_error_pool = {\n", l->n);
	for (size_t i = 0; i < l->pool.n; i++) {
		buf_putc(out, '\t');
		c_string(out, l->pool.strs[i]);
		buf_puts(out, ",\n");
	}
	buf_puts(out, "};\n\n");
	buf_printf(out,
		   "/* Fails to compile if the compiler padded the pool, which "
		   "would break the\n * offsets below. */\n"
		   "typedef char %s_error_pool_is_packed[sizeof(struct "
		   "%s_error_pool) == %zu ? 1 : -1];\n\n"
		   "#define POOL RCAST(const char *, &%s_error_pool)\n\n",
		   l->n, l->n, l->pool.size, l->n);
}

static void offset_table(struct buf *out, const char *type, const char *name,
			 const size_t *vals, size_t n)
{
	buf_printf(out, "static const %s %s[%zu] = {", type, name, n);
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s%zu,", i % 12 ? " " : "\n\t", vals[i]);
	buf_puts(out, "\n};\n\n");
}

static void tables(const struct layout *l, const struct domain *d,
		   struct buf *out)
{
	const char *offtype = c_uint_type(l->pool.size);
	char name[300];
	snprintf(name, sizeof(name), "%s_error_name_off", l->n);
	buf_puts(out,
		 "/* Per slot: offset of the symbol in the pool (0: no code) "
		 "and of the\n * message. */\n");
	offset_table(out, offtype, name, l->name_off, l->nslots);
	snprintf(name, sizeof(name), "%s_error_msg_off", l->n);
	offset_table(out, offtype, name, l->msg_off, l->nslots);
	buf_puts(out, "#ifndef ERRGEN_NO_NLS\n");
	buf_puts(out, "/* Per slot: offset of the gettext key, "
		      "\"SYMBOL\\004message\", "
		      "whose tail is the\n * message above. */\n");
	snprintf(name, sizeof(name), "%s_error_key_off", l->n);
	offset_table(out, offtype, name, l->key_off, l->nslots);
	buf_puts(out, "#endif\n\n");
	if (!l->dense) {
		buf_printf(out,
			   "/* The codes in ascending order; a code's index "
			   "is its slot. */\n"
			   "static const int32_t %s_error_values[%zu] = {",
			   l->n, l->count);
		for (size_t i = 0; i < l->count; i++) {
			buf_puts(out, i % 8 ? " " : "\n\t");
			c_int_expr(out, d->errors[l->order[i]].value);
			buf_putc(out, ',');
		}
		buf_puts(out, "\n};\n\n");
	}
	if (l->naliases) {
		buf_puts(out,
			 "/* Aliases: the name's offset in the pool, and the "
			 "slot of its code. */\n");
		snprintf(name, sizeof(name), "%s_error_alias_name_off", l->n);
		offset_table(out, offtype, name, l->alias_name_off,
			     l->naliases);
		snprintf(name, sizeof(name), "%s_error_alias_slot", l->n);
		offset_table(out, c_uint_type(l->nslots), name, l->alias_slot,
			     l->naliases);
	}
	buf_printf(out,
		   "/* Hash of the names: 0 for an empty bucket, slot + 1 "
		   "for a symbol%s. */\n",
		   l->naliases ? ", or " : "");
	if (l->naliases)
		buf_printf(out, "/* %zu + 1 + i for alias i. */\n", l->nslots);
	snprintf(name, sizeof(name), "%s_error_hash", l->n);
	offset_table(out, c_uint_type((uint64_t)l->nslots + l->naliases + 1),
		     name, l->hash, l->hash_size);
}

static void slot_function(const struct layout *l, struct buf *out)
{
	if (l->dense) {
		buf_printf(out,
			   "/* The slot of code; %zu or more when the code is "
			   "outside the table\n * (callers check, so one "
			   "comparison does). */\n"
			   "static uint32_t %s_error_slot(int code)\n{\n"
			   "\treturn CAST(uint32_t, code) - CAST(uint32_t, ",
			   l->nslots, l->n);
		c_int_expr(out, l->lo);
		buf_puts(out, ");\n}\n\n");
		return;
	}
	buf_printf(out,
		   "/* The slot of code, or %zu when the domain has no such "
		   "code. */\n"
		   "static uint32_t %s_error_slot(int code)\n{\n"
		   "\tuint32_t lo = 0, hi = %zuu;\n"
		   "\twhile (lo < hi) {\n"
		   "\t\tuint32_t mid = lo + (hi - lo) / 2;\n"
		   "\t\tif (%s_error_values[mid] < code)\n"
		   "\t\t\tlo = mid + 1;\n"
		   "\t\telse\n"
		   "\t\t\thi = mid;\n"
		   "\t}\n"
		   "\treturn (lo < %zuu && %s_error_values[lo] == code) ? lo : "
		   "%zuu;\n}\n\n",
		   l->nslots, l->n, l->count, l->n, l->count, l->n, l->nslots);
}

static void lookup_functions(const struct layout *l, struct buf *out)
{
	const char *n = l->n;
	slot_function(l, out);
	buf_printf(out,
		   "const char *%s_error_name(int code)\n{\n"
		   "\tuint32_t slot = %s_error_slot(code);\n"
		   "\tuint32_t off;\n"
		   "\tif (slot >= %zuu)\n"
		   "\t\treturn NO_STRING;\n"
		   "\toff = %s_error_name_off[slot];\n"
		   "\treturn off ? POOL + off : NO_STRING;\n}\n\n",
		   n, n, l->nslots, n);
	buf_printf(out,
		   "const char *%s_error_message(int code)\n{\n"
		   "\tuint32_t slot = %s_error_slot(code);\n"
		   "\tif (slot >= %zuu)\n"
		   "\t\treturn POOL + %zu;\n"
		   "\treturn POOL + %s_error_msg_off[slot];\n}\n\n",
		   n, n, l->nslots, l->unknown_off, n);
	buf_printf(
		out,
		"int %s_error_from_name(const char *name, int *code)\n{\n"
		"\tconst unsigned char *p;\n"
		"\tsize_t len;\n"
		"\tuint64_t w = 0;\n"
		"\tuint32_t i;\n"
		"\tif (!name)\n"
		"\t\treturn 0;\n"
		"\t/* the length and the last eight bytes, as errgen hashed "
		"them */\n"
		"\tlen = strlen(name);\n"
		"\tp = RCAST(const unsigned char *, name);\n"
		"\tif (len >= 8) {\n"
		"\t\tp += len - 8;\n"
		"\t\tw = CAST(uint64_t, p[0]) | CAST(uint64_t, p[1]) << 8 |\n"
		"\t\t    CAST(uint64_t, p[2]) << 16 | CAST(uint64_t, p[3]) << "
		"24 |\n"
		"\t\t    CAST(uint64_t, p[4]) << 32 | CAST(uint64_t, p[5]) << "
		"40 |\n"
		"\t\t    CAST(uint64_t, p[6]) << 48 | CAST(uint64_t, p[7]) << "
		"56;\n"
		"\t} else {\n"
		"\t\tsize_t k;\n"
		"\t\tfor (k = 0; k < len; k++)\n"
		"\t\t\tw |= CAST(uint64_t, p[k]) << (8 * k);\n"
		"\t}\n"
		"\tw = (w ^ len) * UINT64_C(0x9E3779B97F4A7C15);\n"
		"\tfor (i = CAST(uint32_t, w >> 32) & %uu;; i = (i + 1) & %uu) "
		"{\n"
		"\t\tuint32_t entry = %s_error_hash[i];\n"
		"\t\tuint32_t slot, off;\n"
		"\t\tif (entry == 0)\n"
		"\t\t\treturn 0;\n",
		n, l->hash_size - 1, l->hash_size - 1, n);
	if (l->naliases)
		buf_printf(
			out,
			"\t\tif (entry <= %zuu) {\n"
			"\t\t\tslot = entry - 1;\n"
			"\t\t\toff = %s_error_name_off[slot];\n"
			"\t\t} else {\n"
			"\t\t\tslot = %s_error_alias_slot[entry - %zuu];\n"
			"\t\t\toff = %s_error_alias_name_off[entry - %zuu];\n"
			"\t\t}\n",
			l->nslots, n, n, l->nslots + 1, n, l->nslots + 1);
	else
		buf_printf(out,
			   "\t\tslot = entry - 1;\n"
			   "\t\toff = %s_error_name_off[slot];\n",
			   n);
	buf_puts(out, "\t\tif (strcmp(POOL + off, name) == 0) {\n");
	if (l->dense) {
		buf_puts(out, "\t\t\t*code = ");
		c_int_expr(out, l->lo);
		buf_puts(out, " + CAST(int, slot);\n");
	} else {
		buf_printf(out, "\t\t\t*code = %s_error_values[slot];\n", n);
	}
	buf_puts(out, "\t\t\treturn 1;\n\t\t}\n\t}\n}\n");
}

static void localized_functions(const struct layout *l, const char *up,
				struct buf *out)
{
	const char *n = l->n;
	buf_printf(out,
		   "\nconst char *%s_error_message_localized(int code)\n{\n"
		   "#ifdef ERRGEN_NO_NLS\n"
		   "\treturn %s_error_message(code);\n"
		   "#else\n"
		   "\t/* dgettext gives back the key itself when no "
		   "translation applies */\n"
		   "\tuint32_t slot = %s_error_slot(code);\n"
		   "\tconst char *key, *english, *text;\n"
		   "\tif (slot < %zuu) {\n"
		   "\t\tkey = POOL + %s_error_key_off[slot];\n"
		   "\t\tenglish = POOL + %s_error_msg_off[slot];\n"
		   "\t} else {\n"
		   "\t\tkey = POOL + %zu;\n"
		   "\t\tenglish = POOL + %zu;\n"
		   "\t}\n"
		   "\ttext = dgettext(%s_ERROR_TEXTDOMAIN, key);\n"
		   "\treturn text == key ? english : text;\n"
		   "#endif\n}\n",
		   n, n, n, l->nslots, n, n, l->unknown_key_off, l->unknown_off,
		   up);
	buf_printf(
		out,
		"\n#ifdef LC_ALL_MASK\n"
		"const char *%s_error_message_l(int code, locale_t locale)\n{\n"
		"#ifdef ERRGEN_NO_NLS\n"
		"\t(void)locale;\n"
		"\treturn %s_error_message(code);\n"
		"#else\n"
		"\t/* only this thread's locale changes, and only for the call "
		"*/\n"
		"\tlocale_t saved = uselocale(locale);\n"
		"\tconst char *text = %s_error_message_localized(code);\n"
		"\tuselocale(saved);\n"
		"\treturn text;\n"
		"#endif\n}\n#endif\n",
		n, n, n);
}

void emit_catalog(const struct domain *d, struct buf *out)
{
	struct layout l;
	if (!layout_build(d, &l)) {
		layout_free(&l);
		out->failed = true;
		return;
	}
	c_banner(out, d, "_errors.c");
	/* uselocale() and locale_t are POSIX 2008; ask for them unless the
	 * build already chose a feature level. */
	buf_puts(out,
		 "#if !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE) && "
		 "\\\n    !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE)\n"
		 "#define _POSIX_C_SOURCE 200809L\n#endif\n\n");
	buf_printf(out, "#include \"%s_errors.h\"\n\n", d->name);
	buf_puts(out,
		 "#include <stdint.h>\n#include <string.h>\n"
		 "#ifndef ERRGEN_NO_NLS\n#include <libintl.h>\n#endif\n\n");
	/* Casts that stay clean under C++'s -Wold-style-cast. */
	buf_puts(out,
		 "#ifdef __cplusplus\n"
		 "#define CAST(type, value) static_cast<type>(value)\n"
		 "#define RCAST(type, value) reinterpret_cast<type>(value)\n"
		 "#else\n"
		 "#define CAST(type, value) ((type)(value))\n");
	buf_puts(out, "#define RCAST(type, value) ((type)(value))\n"
		      "#endif\n"
		      "#if defined(__cplusplus) && __cplusplus >= 201103L\n"
		      "#define NO_STRING nullptr\n"
		      "#else\n"
		      "#define NO_STRING NULL\n"
		      "#endif\n\n");
	pool_struct(&l, out);
	tables(&l, d, out);
	lookup_functions(&l, out);
	char *up = domain_macro_prefix(d);
	if (up)
		localized_functions(&l, up, out);
	else
		out->failed = true;
	free(up);
	layout_free(&l);
}
