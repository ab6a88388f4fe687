/*
 * The C catalog: every string in one pool and small integer tables of
 * offsets into it, all in one constant struct. The tables hold no pointers
 * (no relocations in a shared object, everything in .rodata), lookups
 * allocate nothing and take no lock, and one base address reaches every
 * table and the pool.
 *
 * Strings: each code's symbol and English message are stored once, side
 * by side ("SYMBOL\0message\0"), so a slot needs only the message's offset
 * and the symbol's length: the symbol ends one byte before its message. The
 * pool is a struct of char arrays, each initialised by a literal of at most
 * 4095 characters (what ISO C compilers must accept); char arrays need no
 * padding, and a compile-time check proves the compiler added none.
 *
 * Code to slot: when the codes fill most of their range (dense), a slot is
 * the code minus the lowest one; when they come in a few runs (codes 0 to
 * 300, 1024 to 1100 and 32768 on, say), one range check per run finds the
 * run and the slot is the code's place in it, each run in slots of its
 * own; otherwise (sparse) a perfect hash of the code gives the only slot it
 * can be in, and a table of the codes says whether it is. Name to code: a
 * perfect hash of the name gives the only entry it can be; one length check and
 * a comparison a word at a time (the name's last word, read once for the hash
 * and the comparison, then the others from the first) confirm it, all inline,
 * so that the lookup calls nothing. Both hashes are built here (phf.c) for the
 * table at hand.
 *
 * The gettext key "SYMBOL\004message" is put together on the stack by the
 * localized lookup, which also skips gettext altogether in glibc's "C"
 * locale, where gettext translates nothing.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "phf.h"

/* Largest literal per pool member (ISO C's minimum limit). */
#define CHUNK_MAX 4095

/* The pool: strings in order, each followed by its NUL. */
struct pool {
	const char **strs; /* borrowed from the model */
	size_t n, cap;
	size_t size;
	char *unknown_key; /* owned */
};

static size_t pool_add(struct pool *p, const char *s, bool *failed)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		const char **strs = realloc(p->strs, cap * sizeof(*strs));
		if (!strs) {
			*failed = true;
			return 0;
		}
		p->strs = strs;
		p->cap = cap;
	}
	p->strs[p->n++] = s;
	size_t off = p->size;
	p->size += strlen(s) + 1;
	return off;
}

/* The name hash, here and in the generated lookup. Little-endian words of
 * the name are read from its end backwards (where error names differ;
 * their starts are the shared prefix), at most `words` of them, the first
 * one ending at the last byte and the last one starting at the first:
 *
 *	g = word(len - 8); g = g * K ^ word(len - 16); ...;
 *	g = (g ^ len) * mult
 *
 * Names shorter than 8 bytes are one zero-padded word. The perfect hash
 * takes g's top bits for the bucket and the 32 bits below them for the key
 * within it (name_key()): the high bits of a product are the well mixed
 * ones, and no shift and fold is needed to reach them. */
#define NAME_WORD_K 0xFF51AFD7ED558CCDu

static uint64_t le64(const unsigned char *p, size_t n)
{
	uint64_t w = 0;
	for (size_t k = 0; k < n; k++)
		w |= (uint64_t)p[k] << (8 * k);
	return w;
}

static uint64_t name_hash(const char *s, size_t len, size_t words,
			  uint64_t mult)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t g;
	if (len >= 8) {
		size_t off = len - 8;
		g = le64(p + off, 8);
		for (size_t k = 1; k < words && off > 0; k++) {
			off = off >= 8 ? off - 8 : 0;
			g = g * NAME_WORD_K ^ le64(p + off, 8);
		}
	} else {
		g = le64(p, len);
	}
	return (g ^ len) * mult;
}

/* The key phf_build() takes for the name hash g with bits bucket bits: the
 * bucket from g's top bits, the low half from the 32 bits below them. */
static uint64_t name_key(uint64_t g, unsigned bits)
{
	return (g >> (64 - bits) << (64 - bits)) | (uint32_t)(g >> (32 - bits));
}

/* The code hash: the code's offset from the lowest times an odd 32-bit
 * constant, a bijection of 32-bit numbers (so no two codes can collide);
 * its top bits pick the bucket. Handed to phf_build() in both halves. */
static uint64_t code_hash(uint32_t x, uint64_t mult)
{
	uint32_t g = x * (uint32_t)mult;
	return (uint64_t)g << 32 | g;
}

/* Odd multipliers to try, one per seed. */
static const uint64_t mults[] = {
	0x9E3779B97F4A7C15u, 0xC2B2AE3D27D4EB4Fu, 0x165667B19E3779F9u,
	0xD6E8FEB86659FD93u, 0xA0761D6478BD642Fu, 0xE7037ED1A0B428DBu,
	0x8EBC6AF09C88C6E3u, 0x589965CC75374CC3u,
};
#define NMULTS (sizeof(mults) / sizeof(mults[0]))

/* Slots for n keys: a few spare ones make the hash quick to build. */
static uint32_t phf_slots(size_t n)
{
	return (uint32_t)(n + n / 32 + 1);
}

/* Codes in a few runs: neighbours more than RUN_GAP apart start a new run,
 * and a table of at most MAX_RUNS runs finds a code's slot with one range
 * check per run (no hash, no table of the codes), as long as a code takes
 * at most MAX_CHECKS of them on average (about what the hash costs). */
#define RUN_GAP	   32
#define MAX_RUNS   16
#define MAX_CHECKS 3

/* Whether count codes may lie in a direct table of slots entries (holes
 * included): a direct table pays for a hole with a slot, a hashed one for every
 * code with its value and a share of the hash. */
static bool fits_direct(uint64_t slots, size_t count)
{
	return slots <= 2 * (uint64_t)count + 16;
}

/* A run of codes: the values [lo, lo + span) in the slots from base. */
struct run {
	int32_t lo;
	size_t span, base;
	size_t count; /* codes in it */
};

/* Everything the catalog needs, computed before any text is written. */
struct layout {
	const char *n; /* domain name */
	size_t *order; /* error indices by value */
	size_t count;
	bool dense;   /* one run, the slot is the code's offset */
	size_t nruns; /* or a few runs, most codes first, each in slots of
		       * its own */
	struct run runs[MAX_RUNS];
	bool hashed;   /* or neither: a perfect hash of the code */
	size_t nslots; /* dense, runs: span of values; hashed: hash slots */
	size_t ntable; /* entries per slot table: runs and hashed ones have
			* one more, for "no such code", so lookups need no
			* check */
	bool raw;      /* sparse, span wider than 16 bits: the code hash and
			* table take the codes themselves, not code - lo */
	int32_t lo, hi;
	size_t *msg;	  /* per slot: offset of the message */
	size_t *name_len; /* per slot: length of the symbol, 0: no code */
	size_t *vals;	  /* sparse only, per slot: code - lo */
	size_t max_name_len, max_key;
	size_t *nomsg; /* slots of codes without a message, ascending */
	size_t nnomsg;
	size_t naliases;
	size_t *alias_off, *alias_len, *alias_slot;
	struct phf code_phf;
	uint64_t code_mult;
	struct phf name_phf;
	uint64_t name_mult;
	size_t name_words; /* SIZE_MAX: all */
	size_t *name_slot; /* per name hash slot: entry (slot, or alias) */
	size_t unknown_key_off;
	struct pool pool;
	bool failed;
};

static void layout_free(struct layout *l)
{
	free(l->order);
	free(l->msg);
	free(l->name_len);
	free(l->vals);
	free(l->nomsg);
	free(l->alias_off);
	free(l->alias_len);
	free(l->alias_slot);
	free(l->name_slot);
	phf_free(&l->code_phf);
	phf_free(&l->name_phf);
	free(l->pool.strs);
	free(l->pool.unknown_key);
}

/* The perfect hash of the codes (sparse tables). */
static bool build_code_hash(const struct domain *d, struct layout *l)
{
	uint64_t *g = malloc(l->count * sizeof(*g));
	if (!g)
		return false;
	enum phf_result rc = PHF_FULL;
	uint32_t base = l->raw ? 0 : (uint32_t)l->lo;
	for (size_t m = 0; m < NMULTS && rc != PHF_OK && rc != PHF_NOMEM;
	     m++) {
		for (size_t i = 0; i < l->count; i++) {
			int32_t v = d->errors[l->order[i]].value;
			g[i] = code_hash((uint32_t)v - base, mults[m]);
		}
		rc = phf_build(g, (uint32_t)l->count, phf_slots(l->count),
			       65536, &l->code_phf);
		l->code_mult = mults[m];
	}
	free(g);
	return rc == PHF_OK;
}

/* The perfect hash of the names: the fewest words of each name that tell
 * them apart. */
static bool build_name_hash(const char **names, const size_t *lens,
			    size_t nnames, struct layout *l)
{
	static const size_t word_counts[] = {1, 2, 4, SIZE_MAX};
	uint64_t *g = malloc(nnames * sizeof(*g));
	if (!g)
		return false;
	enum phf_result rc = PHF_FULL;
	unsigned bits = phf_bucket_bits((uint32_t)nnames);
	for (size_t w = 0; w < 4; w++) {
		unsigned dups = 0;
		for (size_t m = 0; m < NMULTS && dups < 2; m++) {
			for (size_t i = 0; i < nnames; i++)
				g[i] = name_key(name_hash(names[i], lens[i],
							  word_counts[w],
							  mults[m]),
						bits);
			rc = phf_build(g, (uint32_t)nnames, phf_slots(nnames),
				       65536, &l->name_phf);
			if (rc == PHF_OK) {
				l->name_words = word_counts[w];
				l->name_mult = mults[m];
			}
			if (rc == PHF_OK || rc == PHF_NOMEM)
				goto done;
			if (rc == PHF_DUPLICATE)
				dups++;
		}
	}
done:
	free(g);
	return rc == PHF_OK;
}

/* The runs of the codes, most codes first (the order they are tried in and
 * lie in the slots), when there are few enough of them, their holes take
 * no more slots than a dense table would allow and a code takes few
 * checks on average; otherwise l->nruns stays 0. */
static void find_runs(const struct domain *d, struct layout *l)
{
	struct run r[MAX_RUNS];
	size_t n = 0, slots = 0;
	int32_t prev = 0;
	for (size_t i = 0; i < l->count; i++) {
		int32_t v = d->errors[l->order[i]].value;
		if (i == 0 || (int64_t)v - prev > RUN_GAP) {
			if (n == MAX_RUNS)
				return;
			r[n++] = (struct run){.lo = v};
		}
		struct run *cur = &r[n - 1];
		slots += (size_t)((int64_t)v - cur->lo) + 1 - cur->span;
		cur->span = (size_t)((int64_t)v - cur->lo) + 1;
		cur->count++;
		prev = v;
	}
	if (n < 2 || !fits_direct(slots, l->count))
		return;
	for (size_t i = 1; i < n; i++) /* stable: by value among equals */
		for (size_t j = i; j > 0 && r[j - 1].count < r[j].count; j--) {
			struct run t = r[j];
			r[j] = r[j - 1];
			r[j - 1] = t;
		}
	/* the slots of the run with the most codes first, from 0: its codes
	 * are the slots' plus a constant */
	size_t checks = 0;
	slots = 0;
	for (size_t i = 0; i < n; i++) {
		r[i].base = slots;
		slots += r[i].span;
		checks += (i + 1) * r[i].count;
	}
	if (checks > MAX_CHECKS * l->count)
		return; /* hashed after all */
	memcpy(l->runs, r, n * sizeof(*r));
	l->nruns = n;
	l->nslots = slots;
}

/* The run that holds value v (one does). */
static const struct run *run_of(const struct layout *l, int32_t v)
{
	size_t i = 0;
	while (i + 1 < l->nruns &&
	       (uint64_t)((int64_t)v - l->runs[i].lo) >= l->runs[i].span)
		i++;
	return &l->runs[i];
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
	l->dense = fits_direct(span, l->count);
	if (!l->dense)
		find_runs(d, l);
	l->hashed = !l->dense && !l->nruns;
	l->raw = l->hashed && span > 0x10000;
	if (l->hashed && !build_code_hash(d, l))
		return false;
	if (l->dense)
		l->nslots = (size_t)span;
	else if (l->hashed)
		l->nslots = l->code_phf.nslots;
	l->ntable = l->nslots + !l->dense;

	for (size_t i = 0; i < l->count; i++)
		l->naliases += d->errors[i].naliases;
	size_t nnames = l->count + l->naliases;
	l->msg = calloc(l->ntable, sizeof(size_t));
	l->name_len = calloc(l->ntable, sizeof(size_t));
	/* the codes themselves: a dense slot is its code's offset already */
	l->vals = l->hashed ? calloc(l->ntable, sizeof(size_t)) : NULL;
	l->nomsg = calloc(l->count, sizeof(size_t));
	l->alias_off = calloc(l->naliases + 1, sizeof(size_t));
	l->alias_len = calloc(l->naliases + 1, sizeof(size_t));
	l->alias_slot = calloc(l->naliases + 1, sizeof(size_t));
	const char **names = calloc(nnames, sizeof(*names));
	size_t *lens = calloc(nnames, sizeof(*lens));
	size_t *entry = calloc(nnames, sizeof(*entry));
	bool ok = l->msg && l->name_len && (!l->hashed || l->vals) &&
		  l->nomsg && l->alias_off && l->alias_len && l->alias_slot &&
		  names && lens && entry;
	if (!ok)
		goto done;

	/* offset 0: the empty name of a slot without a code, whose message
	 * (offset 1) is the unknown one */
	pool_add(&l->pool, "", &l->failed);
	pool_add(&l->pool, d->unknown_message, &l->failed);
	size_t klen = strlen(d->name) + strlen(d->unknown_message) + 32;
	l->pool.unknown_key = malloc(klen);
	if (!l->pool.unknown_key) {
		ok = false;
		goto done;
	}
	snprintf(l->pool.unknown_key, klen, "%s_error_unknown\004%s", d->name,
		 d->unknown_message);
	l->unknown_key_off =
		pool_add(&l->pool, l->pool.unknown_key, &l->failed);
	for (size_t s = 0; s < l->ntable; s++)
		l->msg[s] = 1;
	l->max_key = strlen(l->pool.unknown_key) + 1;

	size_t nalias = 0;
	for (size_t i = 0; i < l->count; i++) {
		const struct error *e = &d->errors[l->order[i]];
		uint32_t x = (uint32_t)e->value - (uint32_t)l->lo;
		size_t s = x;
		if (l->nruns) {
			const struct run *r = run_of(l, e->value);
			s = r->base + (size_t)((int64_t)e->value - r->lo);
		} else if (l->hashed) {
			s = l->code_phf.slot[i];
		}
		size_t len = strlen(e->name);
		const char *msg = e->message ? e->message : d->unknown_message;
		l->msg[s] = pool_add(&l->pool, e->name, &l->failed) + len + 1;
		pool_add(&l->pool, msg, &l->failed);
		l->name_len[s] = len;
		if (l->vals)
			l->vals[s] = l->raw ? (uint32_t)e->value : x;
		if (!e->message)
			l->nomsg[l->nnomsg++] = s;
		if (len > l->max_name_len)
			l->max_name_len = len;
		if (len + 1 + strlen(msg) + 1 > l->max_key)
			l->max_key = len + 1 + strlen(msg) + 1;
		names[i] = e->name;
		lens[i] = len;
		entry[i] = s;
		for (size_t a = 0; a < e->naliases; a++) {
			const char *an = e->aliases[a].name;
			size_t alen = strlen(an);
			l->alias_off[nalias] = pool_add(&l->pool, an, &l->failed);
			l->alias_len[nalias] = alen;
			if (alen > l->max_name_len)
				l->max_name_len = alen;
			l->alias_slot[nalias] = s;
			names[l->count + nalias] = an;
			lens[l->count + nalias] = alen;
			entry[l->count + nalias] = l->nslots + nalias;
			nalias++;
		}
	}
	/* codes without a message, ascending by slot */
	for (size_t i = 1; i < l->nnomsg; i++)
		for (size_t j = i; j > 0 && l->nomsg[j - 1] > l->nomsg[j]; j--) {
			size_t t = l->nomsg[j];
			l->nomsg[j] = l->nomsg[j - 1];
			l->nomsg[j - 1] = t;
		}
	/* hashed: a slot without a code holds a code that hashes elsewhere,
	 * so it never matches */
	if (l->hashed)
		for (size_t s = 0; s < l->ntable; s++)
			if (!l->name_len[s])
				l->vals[s] = l->vals[l->code_phf.slot[0]];

	ok = build_name_hash(names, lens, nnames, l);
	if (!ok)
		goto done;
	l->name_slot = calloc(l->name_phf.nslots, sizeof(size_t));
	if (!l->name_slot) {
		ok = false;
		goto done;
	}
	/* a hash slot without a name points at the first name: the name
	 * compare turns any other name away */
	for (size_t s = 0; s < l->name_phf.nslots; s++)
		l->name_slot[s] = entry[0];
	for (size_t k = 0; k < nnames; k++)
		l->name_slot[l->name_phf.slot[k]] = entry[k];
done:
	free(names);
	free(lens);
	free(entry);
	return ok && !l->failed;
}

/* One member of the tables struct. */
struct table {
	const char *type;
	const char *name;
	const char *comment;
	const size_t *vals;
	size_t n;
	const uint32_t *vals32; /* instead of vals */
};

static size_t type_size(const char *type)
{
	return strcmp(type, "uint8_t") == 0	 ? 1
	       : strcmp(type, "uint16_t") == 0 ? 2
					       : 4;
}

static void table_member(const struct table *t, struct buf *out)
{
	buf_printf(out, "\t/* %s */\n\t%s %s[%zu];\n", t->comment, t->type,
		   t->name, t->n);
}

static void table_init(const struct table *t, struct buf *out)
{
	buf_puts(out, "\t{");
	for (size_t i = 0; i < t->n; i++) {
		if (i % 12)
			buf_putc(out, ' ');
		else
			buf_put(out, "\n\t\t", 3);
		buf_put_uint(out, t->vals ? t->vals[i] : t->vals32[i]);
		buf_putc(out, ',');
	}
	buf_puts(out, "\n\t},\n");
}

/* The pool's members: whole strings, at most CHUNK_MAX bytes a member
 * (a longer string gets a member of its own). */
static void pool_members(const struct layout *l, struct buf *out, bool init)
{
	size_t i = 0, member = 0;
	while (i < l->pool.n) {
		size_t j = i, size = 0;
		do {
			size += strlen(l->pool.strs[j]) + 1;
			j++;
		} while (j < l->pool.n &&
			 size + strlen(l->pool.strs[j]) < CHUNK_MAX);
		if (init)
			buf_puts(out, "\t\t");
		else
			buf_printf(out, "\tchar s%zu[%zu];\n", member, size);
		for (size_t k = i; init && k < j; k++) {
			if (k > i)
				buf_puts(out, "\n\t\t");
			c_string(out, l->pool.strs[k]);
			if (k + 1 < j)
				buf_puts(out, " \"\\0\"");
		}
		if (init)
			buf_puts(out, ",\n");
		member++;
		i = j;
	}
}

static void tables(const struct layout *l, struct buf *out)
{
	const char *n = l->n;
	struct table t[12];
	size_t nt = 0;
	const char *offtype = c_uint_type(l->pool.size);
	const char *slottype = c_uint_type(l->nslots + l->naliases);
	t[nt++] = (struct table){offtype,
				 "msg",
				 "per slot: offset of the message; the symbol "
				 "ends just before it",
				 l->msg,
				 l->ntable,
				 NULL};
	t[nt++] = (struct table){c_uint_type(l->max_name_len),
				 "name_len",
				 "per slot: length of the symbol, 0 for no "
				 "code",
				 l->name_len,
				 l->ntable,
				 NULL};
	if (l->hashed) {
		t[nt++] = (struct table){
			c_uint_type((uint32_t)l->hi - (uint32_t)l->lo),
			"code",
			l->raw ? "per slot: the code, as uint32_t"
			       : "per slot: code - lowest code",
			l->vals,
			l->ntable,
			NULL};
		t[nt++] = (struct table){
			c_uint_type(l->code_phf.max_pilot), "code_pilot",
			"per bucket of the code hash: its pilot", NULL,
			(size_t)1 << l->code_phf.bucket_bits,
			l->code_phf.pilot};
	}
	t[nt++] = (struct table){slottype, "name_slot",
				 "per slot of the name hash: the code's slot "
				 "(or slots + alias)",
				 l->name_slot, l->name_phf.nslots, NULL};
	t[nt++] = (struct table){c_uint_type(l->name_phf.max_pilot),
				 "name_pilot",
				 "per bucket of the name hash: its pilot", NULL,
				 (size_t)1 << l->name_phf.bucket_bits,
				 l->name_phf.pilot};
	if (l->naliases) {
		t[nt++] = (struct table){offtype, "alias_off",
					 "per alias: offset of its name",
					 l->alias_off, l->naliases, NULL};
		t[nt++] = (struct table){c_uint_type(l->max_name_len),
					 "alias_len",
					 "per alias: length of its name",
					 l->alias_len, l->naliases, NULL};
		t[nt++] = (struct table){c_uint_type(l->nslots),
					 "alias_slot",
					 "per alias: the slot of its code",
					 l->alias_slot, l->naliases, NULL};
	}
	if (l->nnomsg)
		t[nt++] = (struct table){c_uint_type(l->nslots), "nomsg",
					 "slots of the codes that have no "
					 "message, ascending",
					 l->nomsg, l->nnomsg, NULL};
	/* widest first: no padding between the members */
	for (size_t i = 1; i < nt; i++)
		for (size_t j = i; j > 0 && type_size(t[j - 1].type) <
						   type_size(t[j].type);
		     j--) {
			struct table tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}

	buf_printf(out, "struct %s_error_pool {\n", n);
	pool_members(l, out, false);
	buf_puts(out, "};\n\n");
	buf_printf(out,
		   "/* Fails to compile if the compiler padded the pool, which "
		   "would break the\n * offsets below. */\n"
		   "typedef char %s_error_pool_is_packed[sizeof(struct "
		   "%s_error_pool) == %zu ? 1 : -1];\n\n",
		   n, n, l->pool.size);
	buf_printf(out, "static const struct %s_error_tables {\n", n);
	for (size_t i = 0; i < nt; i++)
		table_member(&t[i], out);
	buf_printf(out,
		   "\t/* every string: \"\", the unknown message, its "
		   "gettext key, then\n"
		   "\t * \"SYMBOL\\0message\\0\" for each code by value, "
		   "then the aliases */\n"
		   "\tstruct %s_error_pool pool;\n} %s_error_tables = {\n",
		   n, n);
	for (size_t i = 0; i < nt; i++)
		table_init(&t[i], out);
	buf_puts(out, "\t{\n");
	pool_members(l, out, true);
	buf_puts(out, "\t},\n};\n\n");
	buf_printf(out,
		   "#define T %s_error_tables\n"
		   "#define POOL RCAST(const char *, &T.pool)\n"
		   "/* POOL - 1: the symbol before the message at offset msg starts\n"
		   " * at NAME_END + (msg - len), one addition fewer than\n"
		   " * POOL + msg - len - 1 */\n"
		   "#define NAME_END \\\n"
		   "\t(RCAST(const char *, &T) + (offsetof(struct %s_error_tables, pool) - 1))\n\n",
		   n, n);
}

static void run_slot_function(const struct layout *l, struct buf *out)
{
	buf_printf(out,
		   "/* The slot of code, or %zu (whose entries say \"no such "
		   "code\") when the\n * domain has no such code: its codes "
		   "come in %zu runs of values, each in\n * slots of its own, "
		   "the run with the most codes first. */\n"
		   "static uint32_t %s_error_slot(int code)\n{\n"
		   "\tuint32_t x = CAST(uint32_t, code);\n",
		   l->nslots, l->nruns, l->n);
	for (size_t i = 0; i < l->nruns; i++) {
		const struct run *r = &l->runs[i];
		buf_puts(out, "\tif (x - CAST(uint32_t, ");
		c_int_expr(out, r->lo);
		buf_printf(out, ") < %zuu)\n\t\treturn x - CAST(uint32_t, ",
			   r->span);
		c_int_expr(out, r->lo);
		buf_printf(out, ")%s", r->base ? " + " : ";\n");
		if (r->base)
			buf_printf(out, "%zuu;\n", r->base);
	}
	buf_printf(out, "\treturn %zuu;\n}\n\n", l->nslots);
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
	if (l->nruns) {
		run_slot_function(l, out);
		return;
	}
	buf_printf(out,
		   "/* The slot of code, or %zu (whose entries say \"no such "
		   "code\") when the\n * domain has no such code: the perfect "
		   "hash of the code%s, checked\n * against the code that slot "
		   "holds. */\n"
		   "static uint32_t %s_error_slot(int code)\n{\n"
		   "\tuint32_t x = CAST(uint32_t, code)",
		   l->nslots, l->raw ? "" : "'s offset from the lowest one",
		   l->n);
	if (!l->raw) {
		buf_puts(out, " - CAST(uint32_t, ");
		c_int_expr(out, l->lo);
		buf_putc(out, ')');
	}
	buf_printf(out,
		   ";\n"
		   "\tuint32_t g = x * 0x%08Xu;\n"
		   "\tuint32_t s = (g ^ CAST(uint32_t, T.code_pilot[g >> %u])) "
		   "* 0x%08Xu;\n"
		   "\ts = CAST(uint32_t, (CAST(uint64_t, s) * %zuu) >> 32);\n"
		   "\treturn T.code[s] == x ? s : %zuu;\n}\n\n",
		   (unsigned)(uint32_t)l->code_mult,
		   32 - l->code_phf.bucket_bits, PHF_K, l->nslots, l->nslots);
}

/* Slots of a direct table (dense or runs) without a code. */
static bool has_holes(const struct layout *l)
{
	return !l->hashed && l->nslots > l->count;
}

static void code_of_slot(const struct layout *l, const char *slot,
			 struct buf *out)
{
	if (l->dense) {
		buf_puts(out, "CAST(int, CAST(int64_t, ");
		c_int_expr(out, l->lo);
		buf_printf(out, ") + %s)", slot);
	} else if (l->nruns) {
		/* by the slot's run, most codes first */
		for (size_t i = 0; i < l->nruns; i++) {
			const struct run *r = &l->runs[i];
			if (i + 1 < l->nruns && r->base)
				buf_printf(out, "%s - %zuu < %zuu ? ", slot,
					   r->base, r->span);
			else if (i + 1 < l->nruns)
				buf_printf(out, "%s < %zuu ? ", slot, r->span);
			buf_puts(out, "CAST(int, CAST(int64_t, ");
			c_int_expr(out, r->lo);
			if (r->base)
				buf_printf(out, ") + (%s - %zuu))", slot,
					   r->base);
			else
				buf_printf(out, ") + %s)", slot);
			if (i + 1 < l->nruns)
				buf_puts(out, "\n\t\t: ");
		}
	} else if (!l->raw) {
		buf_puts(out, "CAST(int, CAST(int64_t, ");
		c_int_expr(out, l->lo);
		buf_printf(out, ") + T.code[%s])", slot);
	} else {
		/* the code's bits back to an int without an
		 * implementation-defined conversion */
		buf_puts(out, "CAST(int, CAST(int64_t, ");
		c_int_expr(out, l->lo);
		buf_printf(out, ") +\n\t\t\t  (T.code[%s] - CAST(uint32_t, ",
			   slot);
		c_int_expr(out, l->lo);
		buf_puts(out, ")))");
	}
}

/* Words of a name that the lookup compares one by one before it loops:
 * names up to 8 * (NAME_UNROLLED + 1) bytes are compared without a loop. */
#define NAME_UNROLLED 5

/* The name hash, in the generated C: name_hash() above, then the slot of
 * the perfect hash and the entry it holds. */
static void name_entry_function(const struct layout *l, struct buf *out)
{
	buf_printf(
		out,
		"/* The bytes p[0..8) as a little-endian number on any machine "
		"(one load where\n"
		" * the compiler can; p must be a plain pointer for that). */\n"
		"#define LE64(p) \\\n"
		"\t(CAST(uint64_t, (p)[0]) | CAST(uint64_t, (p)[1]) << 8 | \\\n"
		"\t CAST(uint64_t, (p)[2]) << 16 | CAST(uint64_t, (p)[3]) << "
		"24 | \\\n"
		"\t CAST(uint64_t, (p)[4]) << 32 | CAST(uint64_t, (p)[5]) << "
		"40 | \\\n"
		"\t CAST(uint64_t, (p)[6]) << 48 | CAST(uint64_t, (p)[7]) << "
		"56)\n\n"
		"/* The entry of the name hash where a name of len bytes whose "
		"words hash to g\n * can be: errgen chose the hash so that "
		"every name of the domain has an\n * entry of its own. */\n"
		"static inline uint32_t %s_error_name_entry(uint64_t g, size_t "
		"len)\n{\n"
		"\tuint32_t s;\n"
		"\tg = (g ^ len) * UINT64_C(0x%016llX);\n"
		"\ts = (CAST(uint32_t, g >> %u) ^\n"
		"\t     CAST(uint32_t, T.name_pilot[g >> %u])) *\n"
		"\t    0x%08Xu;\n"
		"\treturn T.name_slot[CAST(uint32_t, (CAST(uint64_t, s) * "
		"%uu) >> 32)];\n"
		"}\n\n",
		l->n, (unsigned long long)l->name_mult,
		32 - l->name_phf.bucket_bits, 64 - l->name_phf.bucket_bits,
		PHF_K, (unsigned)l->name_phf.nslots);
}

/* The generated C that points q at the symbol (or alias) of the name
 * hash's entry e when that is len bytes long, and leaves in e the slot of
 * its code; otherwise the function returns 0. */
static void name_candidate(const struct layout *l, struct buf *out)
{
	if (l->naliases)
		buf_printf(out,
			   "\tif (e >= %zuu) {\n"
			   "\t\tuint32_t a = e - %zuu;\n"
			   "\t\tif (T.alias_len[a] != len)\n"
			   "\t\t\treturn 0;\n"
			   "\t\tq = RCAST(const unsigned char *, POOL + "
			   "T.alias_off[a]);\n"
			   "\t\te = T.alias_slot[a];\n"
			   "\t} else {\n",
			   l->nslots, l->nslots);
	const char *in = l->naliases ? "\t" : "";
	buf_printf(out,
		   "\t%sif (T.name_len[e] != len)\n"
		   "\t%s\treturn 0;\n"
		   "\t%sq = RCAST(const unsigned char *, NAME_END + (T.msg[e] "
		   "- len));\n",
		   in, in, in);
	if (l->naliases)
		buf_puts(out, "\t}\n");
}

static void from_name_functions(const struct layout *l, struct buf *out)
{
	const char *n = l->n;
	name_entry_function(l, out);

	/* names shorter than a word: out of line, so that the usual case
	 * needs no saved registers; the usual case inline in both entry
	 * points, so that _from_name is strlen and the lookup, not a call
	 * more */
	buf_printf(out,
		   "#if defined(__GNUC__)\n"
		   "#define NOINLINE __attribute__((noinline))\n"
		   "#define ALWAYS_INLINE __attribute__((always_inline))\n"
		   "#else\n"
		   "#define NOINLINE\n"
		   "#define ALWAYS_INLINE\n"
		   "#endif\n\n"
		   "/* %s_error_from_name_n() for names of fewer than 8 bytes "
		   "(the hash takes\n * them as one zero-padded word). */\n"
		   "NOINLINE static int\n"
		   "%s_error_from_short_name(const unsigned char *p, size_t "
		   "len, int *code)\n{\n"
		   "\tconst unsigned char *q;\n"
		   "\tuint64_t g = 0;\n"
		   "\tuint32_t e;\n"
		   "\tsize_t k;\n"
		   "\tfor (k = 0; k < len; k++)\n"
		   "\t\tg |= CAST(uint64_t, p[k]) << (8 * k);\n"
		   "\te = %s_error_name_entry(g, len);\n",
		   n, n, n);
	name_candidate(l, out);
	buf_puts(out, "\tfor (k = 0; k < len; k++)\n"
		      "\t\tif (q[k] != p[k])\n"
		      "\t\t\treturn 0;\n"
		      "\t*code = ");
	code_of_slot(l, "e", out);
	buf_puts(out, ";\n\treturn 1;\n}\n\n");

	/* the usual case: the last word is read once, for the hash and the
	 * comparison; the others are compared a word at a time */
	buf_printf(out,
		   "/* The name of len bytes at name: 1 and its code in *code, "
		   "or 0. */\n"
		   "ALWAYS_INLINE static inline int\n"
		   "%s_error_find_name(const char *name, size_t len, int "
		   "*code)\n{\n"
		   "\tconst unsigned char *p = RCAST(const unsigned char *, "
		   "name), *q, *t;\n"
		   "\tuint64_t w, g;\n"
		   "\tuint32_t e;\n",
		   n);
	size_t words = (l->max_name_len + 7) / 8; /* all but the last */
	bool loop = words > NAME_UNROLLED + 1;
	if (loop)
		buf_puts(out, "\tsize_t i;\n");
	buf_printf(out,
		   "\tif (len < 8)\n"
		   "\t\treturn %s_error_from_short_name(p, len, code);\n"
		   "\tt = p + len - 8;\n"
		   "\tg = w = LE64(t);\n",
		   n);
	if (l->name_words > 1) {
		buf_printf(out, "\t{\n\t\tsize_t off = len - 8%s;\n",
			   l->name_words == SIZE_MAX ? "" : ", k");
		if (l->name_words == SIZE_MAX)
			buf_puts(out, "\t\twhile (off > 0) {\n");
		else
			buf_printf(out,
				   "\t\tfor (k = 1; k < %zuu && off > 0; "
				   "k++) {\n",
				   l->name_words);
		buf_printf(out,
			   "\t\t\toff = off >= 8 ? off - 8 : 0;\n"
			   "\t\t\tt = p + off;\n"
			   "\t\t\tg = g * UINT64_C(0x%016llX) ^ LE64(t);\n"
			   "\t\t}\n\t}\n",
			   (unsigned long long)NAME_WORD_K);
	}
	buf_printf(out, "\te = %s_error_name_entry(g, len);\n", n);
	name_candidate(l, out);
	buf_puts(out, "\tt = q + len - 8;\n"
		      "\tif (LE64(t) != w || LE64(q) != LE64(p))\n"
		      "\t\treturn 0;\n");
	/* word k (bytes 8k..8k+8) is needed when it starts before the
	 * last word does: len > 8k + 8 */
	for (size_t k = 1; k < words - 1 && k <= NAME_UNROLLED; k++)
		buf_printf(
			out,
			"\tif (len > %zuu && LE64(q + %zu) != LE64(p + %zu))\n"
			"\t\treturn 0;\n",
			8 * k + 8, 8 * k, 8 * k);
	if (loop)
		buf_printf(out,
			   "\tfor (i = %d; i + 8 < len; i += 8) {\n"
			   "\t\tconst unsigned char *a = p + i, *b = q + i;\n"
			   "\t\tif (LE64(a) != LE64(b))\n"
			   "\t\t\treturn 0;\n"
			   "\t}\n",
			   8 * (NAME_UNROLLED + 1));
	buf_puts(out, "\t*code = ");
	code_of_slot(l, "e", out);
	buf_printf(out,
		   ";\n\treturn 1;\n}\n\n"
		   "int %s_error_from_name_n(const char *name, size_t len, "
		   "int *code)\n{\n"
		   "\treturn %s_error_find_name(name, len, code);\n"
		   "}\n\n"
		   "int %s_error_from_name(const char *name, int *code)\n{\n"
		   "\tif (!name)\n"
		   "\t\treturn 0;\n"
		   "\treturn %s_error_find_name(name, strlen(name), code);\n"
		   "}\n",
		   n, n, n, n);
}

static void lookup_functions(const struct layout *l, struct buf *out)
{
	const char *n = l->n;
	slot_function(l, out);
	buf_printf(out,
		   "const char *%s_error_name(int code)\n{\n"
		   "\tuint32_t slot = %s_error_slot(code);\n"
		   "\tuint32_t len;\n",
		   n, n);
	/* (runs, hashes: the compiler sends the slot function's "no such
	 * code" here directly) */
	buf_printf(out,
		   "\tif (slot >= %zuu)\n\t\treturn NO_STRING;\n"
		   "\tlen = T.name_len[slot];\n",
		   l->nslots);
	if (has_holes(l))
		buf_puts(out, "\tif (!len)\n\t\treturn NO_STRING;\n");
	buf_puts(out, "\treturn NAME_END + (T.msg[slot] - len);\n}\n\n");
	buf_printf(out,
		   "const char *%s_error_message(int code)\n{\n"
		   "\tuint32_t slot = %s_error_slot(code);\n",
		   n, n);
	/* the slot of runs or of a hash is always in the tables: the last
	 * entry says "no such code" (no symbol, the unknown message) */
	if (l->dense)
		buf_printf(out, "\tif (slot >= %zuu)\n\t\treturn POOL + 1;\n",
			   l->nslots);
	buf_puts(out, "\treturn POOL + T.msg[slot];\n}\n\n");
	from_name_functions(l, out);
}

/* The cache of localized answers (glibc with GCC-style atomics): one
 * entry per slot and one for unknown codes, each the answer and the stamp
 * it was found under, read and written without locks. */
static void cache_functions(const struct layout *l, const char *up,
			    struct buf *out)
{
	const char *n = l->n;
	buf_printf(
		out,
		"\n#ifdef %s_ERROR_CACHE\n"
		"/* glibc counts every change that can change what gettext "
		"answers (setlocale,\n"
		" * bindtextdomain, bind_textdomain_codeset, textdomain) in "
		"_nl_msg_cat_cntr;\n"
		" * its own cache of found messages goes by it, and the "
		"gettext manual asks\n"
		" * a program that changes LANGUAGE to count up too. */\n"
		"#if defined(__clang__) && defined(__has_warning)\n"
		"#if __has_warning(\"-Wreserved-identifier\")\n"
		"#pragma clang diagnostic push\n"
		"#pragma clang diagnostic ignored \"-Wreserved-identifier\"\n"
		"#define %s_ERROR_POP_WARNING 1\n"
		"#endif\n#endif\n"
		"#ifdef __cplusplus\nextern \"C\" {\n#endif\n"
		"extern int _nl_msg_cat_cntr;\n"
		"#ifdef __cplusplus\n}\n#endif\n"
		"#ifdef %s_ERROR_POP_WARNING\n"
		"#pragma clang diagnostic pop\n"
		"#undef %s_ERROR_POP_WARNING\n"
		"#endif\n\n"
		"/* Per slot, and last for unknown codes: the answer in the "
		"global locale and\n"
		" * the stamp it was found under, _nl_msg_cat_cntr with the "
		"top bit set\n"
		" * (0: none yet, 1: being written). */\n"
		"static const char *%s_error_cache_text[%zu];\n"
		"static unsigned %s_error_cache_stamp[%zu];\n\n"
		"/* The entry of slot: codes outside the table share the last. "
		"*/\n"
		"static uint32_t %s_error_cache_entry(uint32_t slot)\n{\n"
		"\treturn slot < %zuu ? slot : %zuu;\n}\n\n",
		up, up, up, up, n, l->nslots + 1, n, l->nslots + 1, n,
		l->nslots, l->nslots);
	buf_printf(out,
		   "/* The stamp of answers found now. */\n"
		   "static unsigned %s_error_cache_count(void)\n{\n"
		   "\treturn CAST(unsigned, __atomic_load_n(&_nl_msg_cat_cntr, "
		   "__ATOMIC_ACQUIRE)) |\n"
		   "\t       0x80000000u;\n}\n\n"
		   "/* The same, or 0 when this thread has a locale of its own "
		   "(uselocale) and\n"
		   " * its answers are not kept with the global locale's. */\n"
		   "static unsigned %s_error_cache_now(void)\n{\n"
		   "\tif (uselocale(CAST(locale_t, NO_STRING)) != "
		   "LC_GLOBAL_LOCALE)\n"
		   "\t\treturn 0;\n"
		   "\treturn %s_error_cache_count();\n}\n\n",
		   n, n, n);
	buf_printf(
		out,
		"/* Keeps text, found under stamp now, in entry at of stamps "
		"and texts, unless\n"
		" * another thread is writing the entry or has kept an answer "
		"for now or for\n"
		" * a later change (stamps only grow, modulo 2^31, so a "
		"reader that sees its\n"
		" * stamp gets the answer stored with it or a newer one, "
		"never an older one).\n"
		" * Returns text. */\n"
		"static const char *%s_error_cache_put(unsigned *stamps,\n"
		"\t\t\t\t\tconst char **texts, uint32_t at,\n"
		"\t\t\t\t\tunsigned now, const char *text)\n{\n"
		"\tunsigned seen = __atomic_load_n(&stamps[at], "
		"__ATOMIC_RELAXED);\n"
		"\tif (seen == 1u || (seen != 0u && now - seen - 1u >= "
		"0x7FFFFFFFu) ||\n"
		"\t    !__atomic_compare_exchange_n(&stamps[at], &seen, 1u, "
		"0,\n"
		"\t\t\t\t\t __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))\n"
		"\t\treturn text;\n"
		"\t__atomic_store_n(&texts[at], text, __ATOMIC_RELEASE);\n"
		"\t__atomic_store_n(&stamps[at], now, __ATOMIC_RELEASE);\n"
		"\treturn text;\n}\n#endif\n",
		n);
}

/* Ways of the per-locale cache (D_error_message_l): as many locales as
 * keep their answers at once. */
#define LOCALE_WAYS 4
/* Longest LC_MESSAGES locale name kept, NUL included. */
#define LOCALE_NAME_MAX 64
/* Tables of this many slots or more keep no answers per locale: their ways
 * would take LOCALE_WAYS * 12 bytes a slot, 3 MiB at this size. */
#define LOCALE_CACHE_MAX_SLOTS 65536

/* The cache of D_error_message_l's answers: a few "ways", each the
 * answers for one LC_MESSAGES locale name (gettext's own cache goes by
 * that name too), stamped like the global locale's. */
static void locale_cache_functions(const struct layout *l, const char *up,
				   struct buf *out)
{
	const char *n = l->n;
	buf_printf(out,
		   "\n#ifdef %s_ERROR_LOCALE_CACHE\n"
		   "/* For D_error_message_l: the answers for up to %d "
		   "locales, each by the name\n"
		   " * of its LC_MESSAGES category (0: free, 1: being named, "
		   "2: named). */\n"
		   "static char %s_error_lcache_name[%d][%d];\n"
		   "static unsigned %s_error_lcache_state[%d];\n"
		   "static const char *%s_error_lcache_text[%d][%zu];\n"
		   "static unsigned %s_error_lcache_stamp[%d][%zu];\n\n",
		   up, LOCALE_WAYS, n, LOCALE_WAYS, LOCALE_NAME_MAX, n,
		   LOCALE_WAYS, n, LOCALE_WAYS, l->nslots + 1, n, LOCALE_WAYS,
		   l->nslots + 1);
	buf_printf(out,
		   "/* The way that keeps locale's answers, named now if need "
		   "be, or -1 when\n"
		   " * every way keeps another locale's (a way another thread "
		   "is naming counts\n"
		   " * as another's: no waiting). */\n"
		   "static int %s_error_lcache_way(locale_t locale)\n{\n"
		   "\tconst char *name =\n"
		   "\t\tnl_langinfo_l(_NL_LOCALE_NAME(LC_MESSAGES), locale);\n"
		   "\tint w;\n"
		   "\tfor (w = 0; w < %d; w++) {\n"
		   "\t\tunsigned state = "
		   "__atomic_load_n(&%s_error_lcache_state[w],\n"
		   "\t\t\t\t\t\t __ATOMIC_ACQUIRE);\n"
		   "\t\tunsigned free_state = 0u;\n"
		   "\t\tsize_t len;\n"
		   "\t\tif (state == 2u && strcmp(%s_error_lcache_name[w], "
		   "name) == 0)\n"
		   "\t\t\treturn w;\n"
		   "\t\tif (state != 0u || (len = strlen(name)) >= %du ||\n"
		   "\t\t    "
		   "!__atomic_compare_exchange_n(&%s_error_lcache_state[w],\n"
		   "\t\t\t\t\t\t &free_state, 1u, 0,\n"
		   "\t\t\t\t\t\t __ATOMIC_ACQUIRE,\n"
		   "\t\t\t\t\t\t __ATOMIC_RELAXED))\n"
		   "\t\t\tcontinue;\n"
		   "\t\tmemcpy(%s_error_lcache_name[w], name, len + 1);\n"
		   "\t\t__atomic_store_n(&%s_error_lcache_state[w], 2u, "
		   "__ATOMIC_RELEASE);\n"
		   "\t\treturn w;\n"
		   "\t}\n"
		   "\treturn -1;\n}\n#endif\n",
		   n, LOCALE_WAYS, n, n, LOCALE_NAME_MAX, n, n, n);
}

static void localized_functions(const struct layout *l, const char *up,
				struct buf *out)
{
	const char *n = l->n;
	cache_functions(l, up, out);
	buf_printf(out,
		   "\n#ifndef ERRGEN_NO_NLS\n"
		   "/* What gettext answers for the code in slot (%zu: none) "
		   "in this thread's\n"
		   " * locale, or the English message. */\n"
		   "static const char *%s_error_ask_gettext(uint32_t slot)\n{\n"
		   "\tconst char *english = POOL + 1, *key = POOL + %zu, "
		   "*text;\n"
		   "\tchar buf[%zu];\n"
		   "\tsize_t len = 0;\n"
		   "\tif (slot < %zuu) {\n"
		   "\t\tenglish = POOL + T.msg[slot];\n"
		   "\t\tlen = T.name_len[slot];\n"
		   "\t}\n",
		   l->nslots, n, l->unknown_key_off, l->max_key, l->nslots);
	if (l->nnomsg)
		buf_printf(out,
			   "\tif (len) {\n"
			   "\t\t/* a code without a message has the unknown "
			   "one, and its key */\n"
			   "\t\tsize_t lo = 0, hi = %zuu;\n"
			   "\t\twhile (lo < hi) {\n"
			   "\t\t\tsize_t mid = lo + (hi - lo) / 2;\n"
			   "\t\t\tif (T.nomsg[mid] < slot)\n"
			   "\t\t\t\tlo = mid + 1;\n"
			   "\t\t\telse\n"
			   "\t\t\t\thi = mid;\n"
			   "\t\t}\n"
			   "\t\tif (lo < %zuu && T.nomsg[lo] == slot)\n"
			   "\t\t\tlen = 0;\n"
			   "\t}\n",
			   l->nnomsg, l->nnomsg);
	buf_printf(out,
		   "#ifdef %s_ERROR_C_LOCALE_FAST\n"
		   "\t/* glibc's gettext translates nothing in the \"C\" "
		   "locale, whatever\n"
		   "\t * LANGUAGE says: no need to ask it */\n"
		   "\t{\n"
		   "\t\tconst char *locale = "
		   "nl_langinfo(_NL_LOCALE_NAME(LC_MESSAGES));\n"
		   "\t\tif (locale[0] == 'C' && locale[1] == '\\0')\n"
		   "\t\t\treturn english;\n"
		   "\t}\n"
		   "#endif\n"
		   "\tif (len) {\n"
		   "\t\t/* the key is \"SYMBOL\\004message\"; the symbol "
		   "ends just before\n"
		   "\t\t * the message */\n"
		   "\t\tsize_t mlen = strlen(english);\n"
		   "\t\tmemcpy(buf, english - len - 1, len);\n"
		   "\t\tbuf[len] = '\\004';\n"
		   "\t\tmemcpy(buf + len + 1, english, mlen + 1);\n"
		   "\t\tkey = buf;\n"
		   "\t}\n"
		   "\t/* dgettext gives back the key itself when no "
		   "translation applies */\n"
		   "\ttext = dgettext(%s_ERROR_TEXTDOMAIN, key);\n"
		   "\treturn text == key ? english : text;\n"
		   "}\n#endif\n",
		   up, up);
	buf_printf(out,
		   "\n#ifdef %s_ERROR_CACHE\n"
		   "/* The answer for slot when its entry at has none: "
		   "gettext's, kept if now\n"
		   " * is a stamp. Out of line, so that the kept answers are "
		   "quick to reach. */\n"
		   "__attribute__((noinline)) static const char *\n"
		   "%s_error_cache_miss(uint32_t slot, uint32_t at, unsigned "
		   "now)\n{\n"
		   "\tconst char *text = %s_error_ask_gettext(slot);\n"
		   "\tif (!now)\n"
		   "\t\treturn text;\n"
		   "\treturn %s_error_cache_put(%s_error_cache_stamp,\n"
		   "\t\t\t\t     %s_error_cache_text, at, now, text);\n"
		   "}\n#endif\n",
		   up, n, n, n, n, n);
	buf_printf(out,
		   "\nconst char *%s_error_message_localized(int code)\n{\n"
		   "#ifdef ERRGEN_NO_NLS\n"
		   "\treturn %s_error_message(code);\n"
		   "#elif defined(%s_ERROR_CACHE)\n"
		   "\t/* answers in the global locale are kept until "
		   "_nl_msg_cat_cntr changes;\n"
		   "\t * the stamp comes first, so only code outlives the call "
		   "*/\n"
		   "\tunsigned now = %s_error_cache_now();\n"
		   "\tuint32_t slot = %s_error_slot(code);\n"
		   "\tuint32_t at = %s_error_cache_entry(slot);\n"
		   "\tif (now && __atomic_load_n(&%s_error_cache_stamp[at], "
		   "__ATOMIC_ACQUIRE) == now)\n"
		   "\t\treturn __atomic_load_n(&%s_error_cache_text[at], "
		   "__ATOMIC_RELAXED);\n"
		   "\treturn %s_error_cache_miss(slot, at, now);\n"
		   "#else\n"
		   "\treturn %s_error_ask_gettext(%s_error_slot(code));\n"
		   "#endif\n}\n",
		   n, n, up, n, n, n, n, n, n, n, n);
	locale_cache_functions(l, up, out);
	buf_printf(
		out,
		"\n#ifdef LC_ALL_MASK\n"
		"const char *%s_error_message_l(int code, locale_t locale)\n{\n"
		"#ifdef ERRGEN_NO_NLS\n"
		"\t(void)locale;\n"
		"\treturn %s_error_message(code);\n"
		"#else\n"
		"\tlocale_t saved;\n"
		"\tconst char *text;\n"
		"#ifdef %s_ERROR_LOCALE_CACHE\n"
		"\tuint32_t slot = %s_error_slot(code);\n"
		"\tuint32_t at = %s_error_cache_entry(slot);\n"
		"\tint way = locale == LC_GLOBAL_LOCALE || !locale\n"
		"\t\t\t  ? -1\n"
		"\t\t\t  : %s_error_lcache_way(locale);\n"
		"\tunsigned now = %s_error_cache_count();\n"
		"\tif (way >= 0 && "
		"__atomic_load_n(&%s_error_lcache_stamp[way][at],\n"
		"\t\t\t\t\t __ATOMIC_ACQUIRE) == now)\n"
		"\t\treturn __atomic_load_n(&%s_error_lcache_text[way][at],\n"
		"\t\t\t\t       __ATOMIC_RELAXED);\n"
		"#endif\n"
		"\t/* only this thread's locale changes, and only for the call "
		"*/\n"
		"\tsaved = uselocale(locale);\n"
		"\ttext = %s_error_message_localized(code);\n"
		"\tuselocale(saved);\n"
		"#ifdef %s_ERROR_LOCALE_CACHE\n"
		"\tif (way >= 0)\n"
		"\t\ttext = %s_error_cache_put(%s_error_lcache_stamp[way],\n"
		"\t\t\t\t\t    %s_error_lcache_text[way], at, now,\n"
		"\t\t\t\t\t    text);\n"
		"#endif\n"
		"\treturn text;\n"
		"#endif\n}\n#endif\n",
		n, n, up, n, n, n, n, n, n, n, up, n, n, n);
}

void emit_catalog(const struct domain *d, struct buf *out)
{
	struct layout l;
	char *up = domain_macro_prefix(d);
	if (!up || !layout_build(d, &l)) {
		if (up)
			layout_free(&l);
		free(up);
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
	buf_printf(out,
		   "#include <stddef.h>\n#include <stdint.h>\n#include "
		   "<string.h>\n"
		   "#ifndef ERRGEN_NO_NLS\n#include <libintl.h>\n"
		   "#if defined(__GLIBC__)\n"
		   "#include <langinfo.h>\n#include <locale.h>\n"
		   "#if defined(_NL_LOCALE_NAME) && defined(LC_MESSAGES)\n"
		   "#define %s_ERROR_C_LOCALE_FAST 1\n"
		   "#endif\n"
		   "/* localized answers are kept (see %s_error_cache_now) "
		   "unless\n"
		   " * ERRGEN_NO_CACHE is defined */\n"
		   "#if defined(LC_ALL_MASK) && defined(__ATOMIC_ACQUIRE) && "
		   "\\\n"
		   "    !defined(ERRGEN_NO_CACHE)\n"
		   "#define %s_ERROR_CACHE 1\n",
		   up, d->name, up);
	/* D_error_message_l keeps answers too, unless the table is so big
	 * that its ways would take megabytes */
	if (l.nslots < LOCALE_CACHE_MAX_SLOTS)
		buf_printf(out,
			   "#if defined(%s_ERROR_C_LOCALE_FAST)\n"
			   "#define %s_ERROR_LOCALE_CACHE 1\n"
			   "#endif\n",
			   up, up);
	buf_puts(out, "#endif\n#endif\n#endif\n\n");
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
	tables(&l, out);
	lookup_functions(&l, out);
	localized_functions(&l, up, out);
	buf_printf(out,
		   "\n#undef NOINLINE\n#undef ALWAYS_INLINE\n"
		   "#undef LE64\n#undef NAME_END\n"
		   "#undef POOL\n#undef T\n"
		   "#undef %s_ERROR_C_LOCALE_FAST\n"
		   "#undef %s_ERROR_CACHE\n#undef %s_ERROR_LOCALE_CACHE\n"
		   "#undef NO_STRING\n#undef RCAST\n#undef CAST\n",
		   up, up, up);
	free(up);
	layout_free(&l);
}
