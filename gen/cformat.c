#include "cformat.h"

#include <stdbool.h>
#include <string.h>

#define MAX_ARGS 64

struct arg {
	const char *type; /* NULL while unassigned */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads "N$" at *p; returns N (1..MAX_ARGS) and advances, or 0. */
static int read_position(const char **p)
{
	const char *q = *p;
	int n = 0;
	while (is_digit(*q) && n <= MAX_ARGS)
		n = n * 10 + (*q++ - '0');
	if (q == *p || *q != '$' || n < 1 || n > MAX_ARGS)
		return 0;
	*p = q + 1;
	return n;
}

static const char *int_type(const char *len, bool is_unsigned)
{
	static const char *const types[][2] = {
		{"int", "unsigned int"},
		{"long", "unsigned long"},
		{"long long", "unsigned long long"},
		{"intmax_t", "uintmax_t"},
		{"size_t", "size_t"},
		{"ptrdiff_t", "ptrdiff_t"},
	};
	int k = 0; /* "", "h" and "hh" all pass an int */
	if (strcmp(len, "l") == 0)
		k = 1;
	else if (strcmp(len, "ll") == 0 || strcmp(len, "q") == 0)
		k = 2;
	else if (strcmp(len, "j") == 0)
		k = 3;
	else if (strcmp(len, "z") == 0)
		k = 4;
	else if (strcmp(len, "t") == 0)
		k = 5;
	return types[k][is_unsigned];
}

/* The argument type of conversion c with length modifier len, or NULL if the
 * pair is not a valid conversion. "" means no argument (%m). */
static const char *conv_type(char c, const char *len)
{
	/* h and hh only narrow integer conversions */
	if (len[0] == 'h' && !strchr("diouxXn", c))
		return NULL;
	switch (c) {
	case 'd':
	case 'i':
		return strcmp(len, "L") ? int_type(len, false) : NULL;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		return strcmp(len, "L") ? int_type(len, true) : NULL;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		if (!*len || strcmp(len, "l") == 0)
			return "double";
		return strcmp(len, "L") == 0 ? "long double" : NULL;
	case 'c':
		return !*len ? "int" : strcmp(len, "l") == 0 ? "wint_t" : NULL;
	case 's':
		return !*len		       ? "const char *"
		       : strcmp(len, "l") == 0 ? "const wchar_t *"
					       : NULL;
	case 'p':
		return !*len ? "void *" : NULL;
	case 'n':
		return "int *";
	case 'm':
		return !*len ? "" : NULL;
	default:
		return NULL;
	}
}

static const char *read_length(const char **p)
{
	static const char *const mods[] = {"hh", "ll", "h", "l", "j",
					   "z",	 "t",  "L", "q"};
	for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		size_t n = strlen(mods[i]);
		if (strncmp(*p, mods[i], n) == 0) {
			*p += n;
			return mods[i];
		}
	}
	return "";
}

struct scan {
	struct arg args[MAX_ARGS];
	int next; /* next unnumbered argument (0-based) */
	int used; /* highest argument index used + 1 */
	bool numbered, unnumbered, has_n, overflow, conflict;
};

static void take(struct scan *sc, int pos, const char *type)
{
	int i = pos ? pos - 1 : sc->next++;
	if (pos)
		sc->numbered = true;
	else
		sc->unnumbered = true;
	if (i >= MAX_ARGS) {
		sc->overflow = true;
		return;
	}
	if (sc->args[i].type && strcmp(sc->args[i].type, type) != 0)
		sc->conflict = true;
	sc->args[i].type = type;
	if (i + 1 > sc->used)
		sc->used = i + 1;
}

/* Reads a field width or precision: digits, "*" or "*N$". */
static bool read_star(const char **p, int *star_pos, bool *star)
{
	*star = false;
	if (**p == '*') {
		(*p)++;
		*star = true;
		*star_pos = read_position(p);
		return true;
	}
	while (is_digit(**p))
		(*p)++;
	return true;
}

/* Whether each flag means something for conversion c: "% s" in "100% sure"
 * is text, not a conversion with a space flag. */
static bool flags_fit(const char *flags, size_t n, char c)
{
	bool is_signed = strchr("dieEfFgGaA", c) != NULL;
	bool numeric = is_signed || strchr("ouxX", c) != NULL;
	for (size_t i = 0; i < n; i++) {
		char f = flags[i];
		if ((f == ' ' || f == '+') && !is_signed)
			return false;
		if (f == '#' && !strchr("oxXaAeEfFgG", c))
			return false;
		if ((f == '0' || f == '\'' || f == 'I') && !numeric)
			return false;
	}
	return true;
}

/* Scans one directive after '%'; returns the end, or NULL if invalid. */
static const char *scan_directive(struct scan *sc, const char *p)
{
	int pos = read_position(&p);
	const char *flags = p;
	while (*p && strchr("-+ #0'I", *p))
		p++;
	size_t nflags = (size_t)(p - flags);
	int wpos = 0, ppos = 0;
	bool wstar, pstar = false;
	read_star(&p, &wpos, &wstar);
	if (*p == '.') {
		p++;
		read_star(&p, &ppos, &pstar);
	}
	const char *len = read_length(&p);
	const char *type = *p ? conv_type(*p, len) : NULL;
	if (!type || !flags_fit(flags, nflags, *p))
		return NULL;
	if (wstar)
		take(sc, wpos, "int");
	if (pstar)
		take(sc, ppos, "int");
	if (*p == 'n')
		sc->has_n = true;
	if (*type)
		take(sc, pos, type);
	return p + 1;
}

enum cformat_result cformat_args(const char *s, struct buf *out, int *count)
{
	if (!strchr(s, '%')) { /* most messages: nothing to scan */
		*count = 0;
		return CFORMAT_OK;
	}
	struct scan sc;
	memset(&sc, 0, sizeof(sc));
	for (const char *p = s; *p;) {
		if (*p != '%') {
			p++;
		} else if (p[1] == '%') {
			p += 2;
		} else {
			const char *end = scan_directive(&sc, p + 1);
			p = end ? end : p + 1;
		}
	}
	*count = sc.used;
	if (sc.has_n)
		return CFORMAT_HAS_N;
	if (sc.numbered && sc.unnumbered)
		return CFORMAT_MIXED;
	if (sc.conflict)
		return CFORMAT_CONFLICT;
	for (int i = 0; i < sc.used; i++) {
		if (!sc.args[i].type)
			return CFORMAT_GAP;
		buf_printf(out, "%s%s", i ? ", " : "", sc.args[i].type);
	}
	return sc.overflow ? CFORMAT_GAP : CFORMAT_OK;
}
