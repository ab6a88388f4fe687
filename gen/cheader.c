/*
 * The C header reader (see cheader.h for which names it takes). Three steps:
 * the text is spliced (backslash-newline) and cut into tokens, each keeping
 * its line and column; directives are set apart from the rest; then enums
 * and macros are read and their values evaluated by a small recursive-descent
 * evaluator over 64-bit integers that refuses anything it cannot do exactly
 * as a C compiler would (unsigned wrap-around, shifts of negative numbers,
 * overflow, division by zero, casts, floating point).
 */
#include "cheader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "load.h"

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

enum tok_kind { TOK_IDENT, TOK_NUMBER, TOK_PUNCT, TOK_STRING };

struct token {
	enum tok_kind kind;
	const char *s; /* into the spliced text; not NUL-terminated */
	size_t len;
	int line, col;
	bool bol;   /* the first token of its line */
	bool space; /* white space or a comment before it */
};

/* The text with every backslash-newline removed, and where each byte was. */
struct source {
	char *text;
	int *line, *col;
	size_t len;
};

struct macro {
	const struct token *name;
	const struct token *body;
	size_t nbody;
	bool function;
	bool base;  /* another definition counts from it */
	bool busy;  /* being evaluated: a macro that expands to itself */
	bool known; /* value is valid */
	int64_t value;
	bool unsig;
};

/* An enumerator already read: later expressions may use it. */
struct known {
	const struct token *name;
	int64_t value;
};

/* A name taken, before the list is put in source order. */
struct taken {
	char *name;
	int32_t value;
	char *alias_target; /* the code's name, for an alias */
	char *base;
	int32_t base_value;
	int line, col;
};

/* A diagnostic held back, so that all of them come out in source order. */
struct pending {
	enum diag_level level;
	struct loc loc;
	size_t seq;
	char *text;
};

struct reader {
	const char *path;
	const char *prefix;
	struct source src;
	struct token *toks;
	size_t ntoks, captoks;
	struct token *code; /* the tokens outside directives */
	size_t ncode;
	struct macro *macros;
	size_t nmacros;
	struct known *known;
	size_t nknown, capknown;
	struct taken *taken;
	size_t ntaken, captaken;
	struct pending *pending;
	size_t npending, cappending;
	bool has_enum; /* an enum gave at least one code */
	bool oom;
};

static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 64;
	void *p = realloc(*arr, c * size);
	if (!p)
		return false;
	*arr = p;
	*cap = c;
	return true;
}

static bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_char(char c)
{
	return is_ident_start(c) || is_digit(c);
}

static bool splice(const char *in, size_t len, struct source *src)
{
	src->text = malloc(len + 1);
	src->line = malloc((len + 1) * sizeof(int));
	src->col = malloc((len + 1) * sizeof(int));
	if (!src->text || !src->line || !src->col)
		return false;
	int line = 1, col = 1;
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		if (in[i] == '\\' && i + 1 < len &&
		    (in[i + 1] == '\n' ||
		     (in[i + 1] == '\r' && i + 2 < len && in[i + 2] == '\n'))) {
			i += in[i + 1] == '\r' ? 2 : 1;
			line++;
			col = 1;
			continue;
		}
		src->text[k] = in[i];
		src->line[k] = line;
		src->col[k] = col;
		k++;
		if (in[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	src->text[k] = '\0';
	src->line[k] = line;
	src->col[k] = col;
	src->len = k;
	return true;
}

static const char *const two_char_puncts[] = {"<<", ">>", "##", "&&", "||",
					      "==", "!=", "<=", ">=", "->"};

/* Length of the token that starts at t[i] (never 0). */
static size_t token_length(const char *t, size_t i, size_t len,
			   enum tok_kind *kind)
{
	size_t j = i;
	char c = t[i];
	if (is_ident_start(c)) {
		while (j < len && is_ident_char(t[j]))
			j++;
		*kind = TOK_IDENT;
	} else if (is_digit(c) ||
		   (c == '.' && i + 1 < len && is_digit(t[i + 1]))) {
		/* a preprocessing number: 0x1fUL, 1e+5, ... */
		for (j++; j < len; j++) {
			if (is_ident_char(t[j]) || t[j] == '.')
				continue;
			if ((t[j] == '+' || t[j] == '-') &&
			    strchr("eEpP", t[j - 1]))
				continue;
			break;
		}
		*kind = TOK_NUMBER;
	} else if (c == '"' || c == '\'') {
		for (j++; j < len && t[j] != c && t[j] != '\n'; j++)
			if (t[j] == '\\' && j + 1 < len)
				j++;
		if (j < len && t[j] == c)
			j++;
		*kind = TOK_STRING;
	} else {
		*kind = TOK_PUNCT;
		for (size_t k = 0;
		     k < sizeof(two_char_puncts) / sizeof(*two_char_puncts);
		     k++)
			if (i + 1 < len && t[i] == two_char_puncts[k][0] &&
			    t[i + 1] == two_char_puncts[k][1])
				return 2;
		j++;
	}
	return j - i;
}

static void tokenize(struct reader *r)
{
	const char *t = r->src.text;
	size_t len = r->src.len, i = 0;
	bool bol = true, space = false;
	while (i < len) {
		char c = t[i];
		if (c == '\n') {
			bol = space = true;
			i++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			space = true;
			i++;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			for (i += 2; i < len && !(t[i] == '*' && i + 1 < len &&
						  t[i + 1] == '/');
			     i++)
				;
			i = i < len ? i + 2 : len;
			space = true;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '/') {
			while (i < len && t[i] != '\n')
				i++;
			space = true;
		} else {
			if (!grow((void **)&r->toks, &r->captoks, r->ntoks,
				  sizeof(*r->toks))) {
				r->oom = true;
				return;
			}
			struct token *tok = &r->toks[r->ntoks++];
			tok->s = t + i;
			tok->len = token_length(t, i, len, &tok->kind);
			tok->line = r->src.line[i];
			tok->col = r->src.col[i];
			tok->bol = bol;
			tok->space = space;
			i += tok->len;
			bol = space = false;
		}
	}
}

static bool tok_is(const struct token *t, const char *s)
{
	return t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

static bool tok_same(const struct token *a, const struct token *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static bool tok_eq_str(const struct token *t, const char *s)
{
	return strlen(s) == t->len && memcmp(t->s, s, t->len) == 0;
}

static char *tok_dup(struct reader *r, const struct token *t)
{
	char *s = malloc(t->len + 1);
	if (!s) {
		r->oom = true;
		return NULL;
	}
	memcpy(s, t->s, t->len);
	s[t->len] = '\0';
	return s;
}

static struct loc tok_loc(const struct reader *r, const struct token *t)
{
	return (struct loc){r->path, t->line, t->col};
}

/* Sets directives apart: #define becomes a macro, other directives are
 * ignored (every branch of #if is read); the rest is the code stream. */
static void split_directives(struct reader *r)
{
	r->code = malloc((r->ntoks ? r->ntoks : 1) * sizeof(*r->code));
	r->macros = malloc((r->ntoks ? r->ntoks : 1) * sizeof(*r->macros));
	if (!r->code || !r->macros) {
		r->oom = true;
		return;
	}
	for (size_t i = 0; i < r->ntoks;) {
		const struct token *t = &r->toks[i];
		if (!(t->bol && tok_is(t, "#"))) {
			r->code[r->ncode++] = *t;
			i++;
			continue;
		}
		size_t end = i + 1;
		while (end < r->ntoks && !r->toks[end].bol)
			end++;
		if (end - i >= 3 && tok_is(&r->toks[i + 1], "define") &&
		    r->toks[i + 2].kind == TOK_IDENT) {
			struct macro *m = &r->macros[r->nmacros++];
			memset(m, 0, sizeof(*m));
			m->name = &r->toks[i + 2];
			m->body = &r->toks[i + 3];
			m->nbody = end - (i + 3);
			m->function = m->nbody > 0 && tok_is(m->body, "(") &&
				      !m->body->space;
		}
		i = end;
	}
}

static void report(struct reader *r, enum diag_level level,
		   const struct loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct reader *r, enum diag_level level,
		   const struct loc *loc, const char *fmt, ...)
{
	if (!grow((void **)&r->pending, &r->cappending, r->npending,
		  sizeof(*r->pending))) {
		r->oom = true;
		return;
	}
	struct buf b;
	buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.failed || !b.data) {
		buf_free(&b);
		r->oom = true;
		return;
	}
	r->pending[r->npending] =
		(struct pending){level, *loc, r->npending, b.data};
	r->npending++;
}

static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void flush_reports(struct reader *r)
{
	if (r->npending > 1)
		qsort(r->pending, r->npending, sizeof(*r->pending),
		      cmp_pending);
	for (size_t i = 0; i < r->npending; i++)
		diag_at(r->pending[i].level, &r->pending[i].loc, "%s",
			r->pending[i].text);
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

static struct macro *find_macro(struct reader *r, const struct token *name)
{
	for (size_t i = 0; i < r->nmacros; i++)
		if (tok_same(r->macros[i].name, name))
			return &r->macros[i];
	return NULL;
}

static const struct known *find_known(const struct reader *r,
				      const struct token *name)
{
	for (size_t i = r->nknown; i-- > 0;)
		if (tok_same(r->known[i].name, name))
			return &r->known[i];
	return NULL;
}

static struct taken *find_taken(struct reader *r, const struct token *name)
{
	for (size_t i = 0; i < r->ntaken; i++)
		if (tok_eq_str(name, r->taken[i].name))
			return &r->taken[i];
	return NULL;
}

static bool has_prefix(const struct reader *r, const struct token *name)
{
	return !r->prefix ||
	       (name->len >= strlen(r->prefix) &&
		memcmp(name->s, r->prefix, strlen(r->prefix)) == 0);
}

/* The names enums end with, one past their last code. */
static bool is_sentinel_name(const struct token *name)
{
	static const char *const tails[] = {"END_OF_LIST", "_LIMIT", "_MAX",
					    "_COUNT",	   "_LAST",  "_END",
					    "_SENTINEL"};
	for (size_t i = 0; i < sizeof(tails) / sizeof(*tails); i++) {
		size_t n = strlen(tails[i]);
		if (name->len > n &&
		    memcmp(name->s + name->len - n, tails[i], n) == 0)
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

#define WHY_MAX 160

struct value {
	int64_t v;
	bool unsig;
};

struct eval {
	struct reader *r;
	const struct token *t;
	size_t n, i;
	int depth; /* of macros expanding macros */
	int nest;  /* of parentheses and unary operators */
	char *why; /* the first reason it failed, WHY_MAX bytes */
	const struct token **base; /* the first macro used at the top */
};

static bool fail(struct eval *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool fail(struct eval *e, const char *fmt, ...)
{
	if (!e->why[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->why, WHY_MAX, fmt, ap);
		va_end(ap);
	}
	return false;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static bool parse_number(struct eval *e, const struct token *t,
			 struct value *out)
{
	const char *s = t->s, *end = t->s + t->len;
	int radix = 10;
	if (end - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		radix = 16;
		s += 2;
	} else if (s[0] == '0') {
		radix = 8;
	}
	uint64_t v = 0;
	const char *digits = s;
	for (; s < end && digit_value(*s) < radix; s++) {
		if (v > (UINT64_C(1) << 59))
			return fail(e, "'%.*s' is too large", (int)t->len,
				    t->s);
		v = v * (uint64_t)radix + (uint64_t)digit_value(*s);
	}
	size_t nu = 0, nl = 0;
	for (const char *p = s; p < end; p++) {
		if (*p == 'u' || *p == 'U')
			nu++;
		else if (*p == 'l' || *p == 'L')
			nl++;
		else
			return fail(e, "'%.*s' is not an integer literal",
				    (int)t->len, t->s);
	}
	if (s == digits || nu > 1 || nl > 2)
		return fail(e, "'%.*s' is not an integer literal", (int)t->len,
			    t->s);
	out->v = (int64_t)v;
	/* a hex or octal literal too large for int is an unsigned int */
	out->unsig = nu > 0 || (radix != 10 && nl == 0 && v > INT32_MAX &&
				v <= UINT32_MAX);
	return true;
}

static bool eval_expr(struct eval *e, int min_prec, struct value *out);

static bool eval_macro(struct eval *e, struct macro *m, struct value *out)
{
	if (m->known) {
		out->v = m->value;
		out->unsig = m->unsig;
		return true;
	}
	if (m->function)
		return fail(e, "'%.*s' is a function-like macro",
			    (int)m->name->len, m->name->s);
	if (m->busy || e->depth > 64)
		return fail(e, "'%.*s' expands to itself", (int)m->name->len,
			    m->name->s);
	if (m->nbody == 0)
		return fail(e, "'%.*s' is defined empty", (int)m->name->len,
			    m->name->s);
	struct eval sub = {e->r,	 m->body, m->nbody, 0,
			   e->depth + 1, e->nest, e->why,   NULL};
	m->busy = true;
	bool ok = eval_expr(&sub, 0, out);
	if (ok && sub.i < sub.n)
		ok = fail(e, "cannot evaluate '%.*s'", (int)sub.t[sub.i].len,
			  sub.t[sub.i].s);
	m->busy = false;
	/* Only successes are kept: a macro that uses an enumerator not yet
	 * read may evaluate later. */
	if (ok) {
		m->known = true;
		m->value = out->v;
		m->unsig = out->unsig;
	}
	return ok;
}

static bool eval_unary(struct eval *e, struct value *out);

static bool eval_primary(struct eval *e, struct value *out)
{
	if (e->i >= e->n)
		return fail(e, "the expression ends early");
	const struct token *t = &e->t[e->i++];
	if (t->kind == TOK_NUMBER)
		return parse_number(e, t, out);
	if (t->kind == TOK_IDENT) {
		const struct known *k = find_known(e->r, t);
		if (k) {
			out->v = k->value;
			out->unsig = false;
			return true;
		}
		struct macro *m = find_macro(e->r, t);
		if (!m)
			return fail(e, "'%.*s' is not defined in this header",
				    (int)t->len, t->s);
		if (e->base) { /* a code counts from it */
			m->base = true;
			if (!*e->base)
				*e->base = t;
		}
		return eval_macro(e, m, out);
	}
	if (t->kind == TOK_STRING)
		return fail(e, "%.*s is a string or character literal",
			    (int)t->len, t->s);
	if (tok_is(t, "(")) {
		if (!eval_expr(e, 0, out))
			return false;
		if (e->i >= e->n || !tok_is(&e->t[e->i], ")"))
			return fail(e, "a parenthesis is not closed");
		e->i++;
		return true;
	}
	return fail(e, "cannot evaluate '%.*s'", (int)t->len, t->s);
}

static bool eval_unary_nested(struct eval *e, struct value *out)
{
	if (e->i < e->n && e->t[e->i].kind == TOK_PUNCT) {
		const struct token *t = &e->t[e->i];
		if (tok_is(t, "-") || tok_is(t, "+") || tok_is(t, "~")) {
			e->i++;
			if (!eval_unary(e, out))
				return false;
			if (tok_is(t, "-")) {
				if (out->unsig && out->v != 0)
					return fail(e, "the negation of an "
						       "unsigned value wraps "
						       "around");
				if (out->v == INT64_MIN)
					return fail(e, "the arithmetic "
						       "overflows");
				out->v = -out->v;
			} else if (tok_is(t, "~")) {
				if (out->unsig)
					return fail(e, "'~' of an unsigned "
						       "value");
				out->v = ~out->v;
			}
			return true;
		}
	}
	return eval_primary(e, out);
}

static bool eval_unary(struct eval *e, struct value *out)
{
	if (++e->nest > 200) /* keep the C stack small */
		return fail(e, "the expression nests too deeply");
	bool ok = eval_unary_nested(e, out);
	e->nest--;
	return ok;
}

/* Binary operators the evaluator knows, by precedence (higher binds
 * tighter); 0 for anything else. */
static int binary_prec(const struct token *t)
{
	static const struct {
		const char *op;
		int prec;
	} ops[] = {{"|", 1}, {"^", 2}, {"&", 3}, {"<<", 4}, {">>", 4},
		   {"+", 5}, {"-", 5}, {"*", 6}, {"/", 6},  {"%", 6}};
	if (t->kind != TOK_PUNCT)
		return 0;
	for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); i++)
		if (tok_is(t, ops[i].op))
			return ops[i].prec;
	return 0;
}

static bool apply(struct eval *e, const struct token *op, struct value a,
		  struct value b, struct value *out)
{
	int64_t x = a.v, y = b.v, r = 0;
	bool overflow = false;
	out->unsig = a.unsig || b.unsig;
	char c = op->s[0];
	if (c == '+')
		overflow = __builtin_add_overflow(x, y, &r);
	else if (c == '-')
		overflow = __builtin_sub_overflow(x, y, &r);
	else if (c == '*')
		overflow = __builtin_mul_overflow(x, y, &r);
	else if (c == '/' || c == '%') {
		if (y == 0)
			return fail(e, "division by zero");
		if (x == INT64_MIN && y == -1)
			overflow = true;
		else
			r = c == '/' ? x / y : x % y;
	} else if (op->len == 2) { /* << and >> */
		if (y < 0 || y > 62 || x < 0)
			return fail(e, "a shift that C leaves undefined or "
				       "to the implementation");
		if (c == '<') {
			if (x > (INT64_MAX >> y))
				overflow = true;
			else
				r = x << y;
		} else {
			r = x >> y;
		}
	} else if (c == '&')
		r = x & y;
	else if (c == '|')
		r = x | y;
	else
		r = x ^ y;
	if (overflow)
		return fail(e, "the arithmetic overflows");
	if (out->unsig && r < 0)
		return fail(e, "unsigned arithmetic wraps around");
	out->v = r;
	return true;
}

static bool eval_expr(struct eval *e, int min_prec, struct value *out)
{
	if (!eval_unary(e, out))
		return false;
	for (;;) {
		if (e->i >= e->n)
			return true;
		const struct token *op = &e->t[e->i];
		int prec = binary_prec(op);
		if (prec == 0 || prec < min_prec)
			return true;
		e->i++;
		struct value rhs;
		if (!eval_expr(e, prec + 1, &rhs) ||
		    !apply(e, op, *out, rhs, out))
			return false;
	}
}

/* Evaluates the whole of t[0..n) into a 32-bit value. */
static bool evaluate(struct reader *r, const struct token *t, size_t n,
		     int32_t *out, char *why, const struct token **base)
{
	why[0] = '\0';
	if (base)
		*base = NULL;
	struct eval e = {r, t, n, 0, 0, 0, why, base};
	struct value v;
	if (!eval_expr(&e, 0, &v))
		return false;
	if (e.i < n)
		return fail(&e, "cannot evaluate '%.*s'", (int)t[e.i].len,
			    t[e.i].s);
	if (v.v < INT32_MIN || v.v > INT32_MAX)
		return fail(&e, "%s%lld does not fit a 32-bit int",
			    v.unsig ? "unsigned " : "", (long long)v.v);
	*out = (int32_t)v.v;
	return true;
}

/* ------------------------------------------------------------------ */
/* Taking names                                                        */

static void take(struct reader *r, const struct token *name, int32_t value,
		 const char *alias_target, const struct token *base)
{
	if (!grow((void **)&r->taken, &r->captaken, r->ntaken,
		  sizeof(*r->taken))) {
		r->oom = true;
		return;
	}
	struct taken *t = &r->taken[r->ntaken];
	memset(t, 0, sizeof(*t));
	t->name = tok_dup(r, name);
	t->alias_target = alias_target ? strdup(alias_target) : NULL;
	t->base = base ? tok_dup(r, base) : NULL;
	if (!t->name || (alias_target && !t->alias_target) ||
	    (base && !t->base)) {
		free(t->name);
		free(t->alias_target);
		free(t->base);
		r->oom = true;
		return;
	}
	t->value = value;
	if (base) {
		/* evaluating the value evaluated BASE */
		const struct macro *m = find_macro(r, base);
		if (m && m->known && m->value >= INT32_MIN &&
		    m->value <= INT32_MAX) {
			t->base_value = (int32_t)m->value;
		} else {
			free(t->base);
			t->base = NULL;
		}
	}
	t->line = name->line;
	t->col = name->col;
	r->ntaken++;
}

static void remember(struct reader *r, const struct token *name, int64_t v)
{
	if (!grow((void **)&r->known, &r->capknown, r->nknown,
		  sizeof(*r->known))) {
		r->oom = true;
		return;
	}
	r->known[r->nknown++] = (struct known){name, v};
}

/* The code a name stands for, following aliases; NULL if it is no name
 * taken. */
static const char *code_of(struct reader *r, const struct token *name)
{
	struct taken *t = find_taken(r, name);
	if (!t)
		return NULL;
	return t->alias_target ? t->alias_target : t->name;
}

struct enumerator {
	const struct token *name;
	const struct token *expr; /* NULL: implicit value */
	size_t nexpr;
	bool unreadable; /* something between the name and the next ',' */
	bool last;
};

/* The value of an enumerator, given the one before it. */
static bool enumerator_value(struct reader *r, const struct enumerator *en,
			     bool prev_ok, int64_t prev, int32_t *v, char *why,
			     const struct token **base)
{
	why[0] = '\0';
	*base = NULL;
	if (en->unreadable) {
		snprintf(why, WHY_MAX,
			 "its declaration is not 'NAME' or 'NAME = VALUE'");
		return false;
	}
	if (en->expr)
		return evaluate(r, en->expr, en->nexpr, v, why, base);
	if (!prev_ok) {
		snprintf(why, WHY_MAX,
			 "it follows an enumerator whose value is unknown");
		return false;
	}
	if (prev >= INT32_MAX) {
		snprintf(why, WHY_MAX,
			 "the previous value plus one does not fit a 32-bit "
			 "int");
		return false;
	}
	*v = (int32_t)(prev + 1);
	return true;
}

static void take_enumerator(struct reader *r, const struct enumerator *en,
			    bool *prev_ok, int64_t *prev)
{
	const struct token *name = en->name;
	struct loc loc = tok_loc(r, name);
	char why[WHY_MAX];
	const struct token *base;
	int32_t v = 0;
	bool ok = enumerator_value(r, en, *prev_ok, *prev, &v, why, &base);
	*prev_ok = ok;
	*prev = v;
	if (ok)
		remember(r, name, v);

	if (!en->expr && en->last && is_sentinel_name(name)) {
		report(r, DIAG_NOTE, &loc,
		       "%.*s is read as the end-of-list sentinel of its "
		       "enum, not as an error code",
		       (int)name->len, name->s);
		return;
	}
	if (!has_prefix(r, name)) {
		report(r, DIAG_NOTE, &loc,
		       "%.*s does not start with '%s'; skipped", (int)name->len,
		       name->s, r->prefix);
		return;
	}
	if (!ok) {
		report(r, DIAG_WARNING, &loc,
		       "cannot evaluate %.*s: %s; skipped", (int)name->len,
		       name->s, why);
		return;
	}
	if (find_taken(r, name)) {
		report(r, DIAG_WARNING, &loc, "%.*s is defined again; skipped",
		       (int)name->len, name->s);
		return;
	}
	const char *target =
		en->expr && en->nexpr == 1 && en->expr->kind == TOK_IDENT
			? code_of(r, en->expr)
			: NULL;
	take(r, name, v, target, target ? NULL : base);
	r->has_enum = true;
}

/* Index just past the ',' or '}' (at depth 0) that ends what starts at i. */
static size_t skip_to_separator(const struct reader *r, size_t i)
{
	int depth = 0;
	for (; i < r->ncode; i++) {
		const struct token *t = &r->code[i];
		if (tok_is(t, "(") || tok_is(t, "[") || tok_is(t, "{"))
			depth++;
		else if (depth > 0 &&
			 (tok_is(t, ")") || tok_is(t, "]") || tok_is(t, "}")))
			depth--;
		else if (depth == 0 && (tok_is(t, ",") || tok_is(t, "}")))
			return i;
	}
	return i;
}

/* Reads the enumerators after an enum's '{'; returns the index of '}'. */
static size_t read_enum_body(struct reader *r, size_t i)
{
	bool prev_ok = true;
	int64_t prev = -1;
	while (i < r->ncode && !tok_is(&r->code[i], "}")) {
		const struct token *t = &r->code[i];
		if (t->kind != TOK_IDENT) {
			struct loc loc = tok_loc(r, t);
			report(r, DIAG_WARNING, &loc,
			       "cannot read this enum from '%.*s' on; "
			       "the rest of it is skipped",
			       (int)t->len, t->s);
			int depth = 1;
			for (; i < r->ncode; i++) {
				if (tok_is(&r->code[i], "{"))
					depth++;
				else if (tok_is(&r->code[i], "}") &&
					 --depth == 0)
					break;
			}
			return i;
		}
		struct enumerator en = {.name = t};
		size_t end = skip_to_separator(r, i + 1);
		if (i + 1 < r->ncode && tok_is(&r->code[i + 1], "=")) {
			en.expr = &r->code[i + 2];
			en.nexpr = end > i + 2 ? end - (i + 2) : 0;
		} else if (end != i + 1) {
			en.unreadable = true;
		}
		en.last =
			end >= r->ncode || tok_is(&r->code[end], "}") ||
			(end + 1 < r->ncode && tok_is(&r->code[end + 1], "}"));
		take_enumerator(r, &en, &prev_ok, &prev);
		i = end < r->ncode && tok_is(&r->code[end], ",") ? end + 1
								 : end;
	}
	return i;
}

static void read_enums(struct reader *r)
{
	for (size_t i = 0; i < r->ncode; i++) {
		if (!tok_is(&r->code[i], "enum"))
			continue;
		size_t j = i + 1;
		if (j < r->ncode && r->code[j].kind == TOK_IDENT)
			j++;
		if (j < r->ncode && tok_is(&r->code[j], "{"))
			i = read_enum_body(r, j + 1);
	}
}

/* Marks every macro that another definition counts from (BASE in
 * BASE + n), so that it goes without a note when it is no code; a
 * definition that is just another name is not counting. */
static void mark_bases(struct reader *r)
{
	for (size_t i = 0; i < r->nmacros; i++) {
		const struct macro *m = &r->macros[i];
		if (m->function || m->nbody < 2)
			continue;
		for (size_t k = 0; k < m->nbody; k++) {
			struct macro *used =
				m->body[k].kind == TOK_IDENT
					? find_macro(r, &m->body[k])
					: NULL;
			if (used && used != m)
				used->base = true;
		}
	}
}

/* A second definition of a macro (in another #if branch, say): the first
 * is used; say so when they differ. */
static bool redefined(struct reader *r, const struct macro *m)
{
	const struct macro *first = find_macro(r, m->name);
	if (first == m)
		return false;
	bool same = first->nbody == m->nbody && first->function == m->function;
	for (size_t k = 0; same && k < m->nbody; k++)
		same = tok_same(&first->body[k], &m->body[k]);
	if (!same && has_prefix(r, m->name)) {
		struct loc loc = tok_loc(r, m->name);
		report(r, DIAG_WARNING, &loc,
		       "%.*s is defined again, differently; the first "
		       "definition (line %d) is used",
		       (int)m->name->len, m->name->s, first->name->line);
	}
	return true;
}

static bool is_alias_macro(const struct macro *m)
{
	return !m->function && m->nbody == 1 && m->body->kind == TOK_IDENT;
}

/* A macro with a value: a code in a header without enum, else a constant. */
/* Names that say a constant rather than a code: a word BASE or LIMIT
 * (SSL_ERROR_BASE, ERROR_TABLE_BASE_krb5, FOO_LIMIT). */
static bool constant_name(const struct token *name)
{
	static const char *const words[] = {"BASE", "LIMIT"};
	for (size_t w = 0; w < sizeof(words) / sizeof(*words); w++) {
		size_t n = strlen(words[w]);
		for (size_t i = 0; i + n <= name->len; i++) {
			bool starts = i == 0 || name->s[i - 1] == '_';
			bool ends = i + n == name->len || name->s[i + n] == '_';
			if (starts && ends &&
			    memcmp(name->s + i, words[w], n) == 0)
				return true;
		}
	}
	return false;
}

/* A macro with a value: a code in a header without enum, else a constant. */
static void take_value_macro(struct reader *r, struct macro *m)
{
	struct loc loc = tok_loc(r, m->name);
	char why[WHY_MAX];
	const struct token *base = NULL;
	int32_t v;
	bool ok = evaluate(r, m->body, m->nbody, &v, why, &base);
	const char *constant = r->has_enum ? "this header declares its codes "
					     "in an enum"
			       : constant_name(m->name)
				       ? "its name says BASE or LIMIT"
				       : NULL;
	if (constant) {
		/* a base that codes count from goes without saying */
		if (ok && !m->base && has_prefix(r, m->name))
			report(r, DIAG_NOTE, &loc,
			       "%.*s (%d) is read as a constant, not as an "
			       "error code: %s",
			       (int)m->name->len, m->name->s, (int)v, constant);
		return;
	}
	if (!has_prefix(r, m->name)) {
		report(r, DIAG_NOTE, &loc,
		       "%.*s does not start with '%s'; skipped",
		       (int)m->name->len, m->name->s, r->prefix);
		return;
	}
	if (!ok) {
		report(r, DIAG_WARNING, &loc,
		       "cannot evaluate %.*s: %s; skipped", (int)m->name->len,
		       m->name->s, why);
		return;
	}
	if (find_taken(r, m->name)) {
		report(r, DIAG_WARNING, &loc, "%.*s is defined again; skipped",
		       (int)m->name->len, m->name->s);
		return;
	}
	take(r, m->name, v, NULL, base);
}

static void read_macros(struct reader *r)
{
	mark_bases(r);
	bool *done = calloc(r->nmacros ? r->nmacros : 1, sizeof(*done));
	if (!done) {
		r->oom = true;
		return;
	}
	/* Values first, then aliases (in rounds, for chains of aliases). */
	for (size_t i = 0; i < r->nmacros; i++) {
		struct macro *m = &r->macros[i];
		done[i] = m->function || m->nbody == 0 ||
			  (m->nbody == 1 && tok_same(m->body, m->name)) ||
			  redefined(r, m);
		if (!done[i] && !is_alias_macro(m)) {
			take_value_macro(r, m);
			done[i] = true;
		}
	}
	for (bool progress = true; progress;) {
		progress = false;
		for (size_t i = 0; i < r->nmacros; i++) {
			struct macro *m = &r->macros[i];
			const char *target =
				done[i] ? NULL : code_of(r, m->body);
			if (!target)
				continue;
			done[i] = progress = true;
			struct loc loc = tok_loc(r, m->name);
			if (!has_prefix(r, m->name))
				report(r, DIAG_NOTE, &loc,
				       "%.*s does not start with '%s'; "
				       "skipped",
				       (int)m->name->len, m->name->s,
				       r->prefix);
			else if (find_taken(r, m->name))
				report(r, DIAG_WARNING, &loc,
				       "%.*s is defined again; skipped",
				       (int)m->name->len, m->name->s);
			else
				take(r, m->name, find_taken(r, m->body)->value,
				     target, NULL);
		}
	}
	/* #define X Y where Y is no code: a constant like any other, or
	 * another name for an enumerator that was not taken. */
	for (size_t i = 0; i < r->nmacros; i++) {
		struct macro *m = &r->macros[i];
		if (done[i])
			continue;
		if (find_known(r, m->body)) {
			struct loc loc = tok_loc(r, m->name);
			report(r, DIAG_NOTE, &loc,
			       "%.*s is another name for %.*s, which is not "
			       "taken; skipped",
			       (int)m->name->len, m->name->s, (int)m->body->len,
			       m->body->s);
		} else {
			take_value_macro(r, m);
		}
	}
	free(done);
}

/* ------------------------------------------------------------------ */
/* The result, in source order                                         */

static int cmp_taken(const void *a, const void *b)
{
	const struct taken *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

static bool publish(struct reader *r, struct cheader *h)
{
	if (r->ntaken > 1)
		qsort(r->taken, r->ntaken, sizeof(*r->taken), cmp_taken);
	h->names = calloc(r->ntaken ? r->ntaken : 1, sizeof(*h->names));
	if (!h->names)
		return false;
	for (size_t i = 0; i < r->ntaken; i++) {
		struct taken *t = &r->taken[i];
		struct cheader_name *n = &h->names[h->n++];
		n->name = t->name;
		n->value = t->value;
		n->base = t->base;
		n->base_value = t->base_value;
		n->loc = (struct loc){h->path, t->line, t->col};
		n->alias_of = CHEADER_NONE;
		t->name = t->base = NULL;
	}
	/* a value counts from a base only if that is no code itself */
	for (size_t i = 0; i < h->n; i++)
		if (h->names[i].base &&
		    cheader_find(h, h->names[i].base) != CHEADER_NONE) {
			free(h->names[i].base);
			h->names[i].base = NULL;
		}
	for (size_t i = 0; i < r->ntaken; i++)
		if (r->taken[i].alias_target)
			h->names[i].alias_of =
				cheader_find(h, r->taken[i].alias_target);
	return true;
}

static void reader_free(struct reader *r)
{
	for (size_t i = 0; i < r->npending; i++)
		free(r->pending[i].text);
	free(r->pending);
	for (size_t i = 0; i < r->ntaken; i++) {
		free(r->taken[i].name);
		free(r->taken[i].alias_target);
		free(r->taken[i].base);
	}
	free(r->taken);
	free(r->known);
	free(r->macros);
	free(r->code);
	free(r->toks);
	free(r->src.text);
	free(r->src.line);
	free(r->src.col);
}

bool cheader_read_memory(const char *path, const char *text, size_t len,
			 const char *prefix, struct cheader *h)
{
	memset(h, 0, sizeof(*h));
	h->path = strdup(path);
	struct reader r = {.prefix = prefix};
	r.path = h->path;
	bool ok = h->path && splice(text, len, &r.src);
	if (ok) {
		tokenize(&r);
		if (!r.oom)
			split_directives(&r);
		if (!r.oom)
			read_enums(&r);
		if (!r.oom)
			read_macros(&r);
		ok = !r.oom && publish(&r, h);
		flush_reports(&r);
	}
	reader_free(&r);
	if (!ok)
		diag_plain(DIAG_ERROR, "out of memory reading '%s'", path);
	return ok;
}

bool cheader_read(const char *path, const char *prefix, struct cheader *h)
{
	memset(h, 0, sizeof(*h));
	size_t len;
	char *text = loader_read_file(path, &len);
	if (!text)
		return false;
	bool ok = cheader_read_memory(path, text, len, prefix, h);
	free(text);
	return ok;
}

void cheader_free(struct cheader *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->names[i].name);
		free(h->names[i].base);
	}
	free(h->names);
	free(h->path);
	memset(h, 0, sizeof(*h));
}

size_t cheader_find(const struct cheader *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->names[i].name, name) == 0)
			return i;
	return CHEADER_NONE;
}
