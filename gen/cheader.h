/*
 * A small reader of the C headers in which projects keep their error codes:
 * enumerators and object-like macros with integer values, and aliases
 * (#define NEW OLD). Shared by import-header and by check --against.
 *
 * It is no preprocessor: every branch of #if is read, #include is not
 * followed, and only integer constant expressions over literals, macros of
 * the same header and earlier enumerators are evaluated. What it cannot take
 * it reports (warnings for what looks like a code, notes for what it leaves
 * out on purpose) and skips.
 *
 * Which names are codes:
 * - every enumerator, except an enum's end-of-list sentinel (its last
 *   enumerator, without a value, named ..._END_OF_LIST, ..._LIMIT, ..._MAX,
 *   ..._COUNT, ..._LAST, ..._END or ..._SENTINEL);
 * - when the header has no enum, every object-like macro whose value
 *   evaluates, except those with a word BASE or LIMIT in their name
 *   (FOO_BASE, FOO_LIMIT, ERROR_TABLE_BASE_foo): those are constants; a
 *   header with an enum keeps its codes there, and all its macros are
 *   constants (a base, a limit);
 * - #define NEW OLD, where OLD is a code (or an alias of one), and an
 *   enumerator defined as exactly another code, are aliases of that code;
 * - with a prefix, only names that start with it.
 */
#ifndef ERRGEN_CHEADER_H
#define ERRGEN_CHEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define CHEADER_NONE ((size_t)-1)

struct cheader_name {
	char *name;
	int32_t value;
	size_t alias_of; /* index of the code this is another name for, or
			    CHEADER_NONE for a code */
	char *base; /* the macro the value counts from (BASE + n), or NULL */
	int32_t base_value; /* BASE's value, when base is set */
	struct loc loc;	    /* of the name */
};

struct cheader {
	char *path;
	struct cheader_name *names; /* codes and aliases, in source order */
	size_t n;
};

/* Reads path; only names that start with prefix (may be NULL) are taken.
 * Returns false, with a diagnostic, only when the file cannot be read; what
 * it skips is reported and does not fail the read. *h is always left in a
 * state that cheader_free() accepts. */
bool cheader_read(const char *path, const char *prefix, struct cheader *h);

/* The same for text already in memory (NUL-terminated, len bytes). */
bool cheader_read_memory(const char *path, const char *text, size_t len,
			 const char *prefix, struct cheader *h);

void cheader_free(struct cheader *h);

/* Index of the entry named name, or CHEADER_NONE. */
size_t cheader_find(const struct cheader *h, const char *name);

#endif
