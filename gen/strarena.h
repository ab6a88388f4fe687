/*
 * Strings that live and die together: a domain's names, messages and
 * translations are copied into chunks of one arena and freed at once, not
 * one malloc() and one free() each (a million of both at 100,000 codes).
 */
#ifndef ERRGEN_STRARENA_H
#define ERRGEN_STRARENA_H

#include <stddef.h>

struct strarena_chunk;

/* All zero is an empty arena. */
struct strarena {
	struct strarena_chunk *chunks; /* the one being filled first */
	size_t left;		       /* its bytes not handed out yet */
	size_t next_size;	       /* the size of the next chunk */
};

/* n bytes for a string (no alignment), or NULL when out of memory. */
char *strarena_alloc(struct strarena *a, size_t n);

/* A NUL-terminated copy of the n bytes at s, or NULL when out of memory. */
char *strarena_copy(struct strarena *a, const char *s, size_t n);

/* A copy of s, or NULL when out of memory. */
char *strarena_dup(struct strarena *a, const char *s);

/* Frees every string of the arena and leaves it empty. */
void strarena_free(struct strarena *a);

#endif
