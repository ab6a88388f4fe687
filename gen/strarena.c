#include "strarena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct strarena_chunk {
	struct strarena_chunk *prev;
	size_t size;
	char data[];
};

enum {
	FIRST_CHUNK = 4096 - sizeof(struct strarena_chunk),
	LAST_GROWTH = 1 << 22, /* chunks stop doubling at 4 MiB */
};

static struct strarena_chunk *new_chunk(size_t size)
{
	if (size > SIZE_MAX - sizeof(struct strarena_chunk))
		return NULL;
	struct strarena_chunk *c = malloc(sizeof(*c) + size);
	if (c)
		c->size = size;
	return c;
}

char *strarena_alloc(struct strarena *a, size_t n)
{
	if (a->chunks && n <= a->left) {
		struct strarena_chunk *c = a->chunks;
		char *p = c->data + (c->size - a->left);
		a->left -= n;
		return p;
	}
	size_t size = a->next_size ? a->next_size : FIRST_CHUNK;
	if (n > size / 4) {
		/* a large string has a chunk of its own, behind the one being
		 * filled, whose free bytes stay in use */
		struct strarena_chunk *c = new_chunk(n);
		if (!c)
			return NULL;
		if (a->chunks) {
			c->prev = a->chunks->prev;
			a->chunks->prev = c;
		} else {
			c->prev = NULL;
			a->chunks = c;
			a->left = 0;
		}
		return c->data;
	}
	struct strarena_chunk *c = new_chunk(size);
	if (!c)
		return NULL;
	c->prev = a->chunks;
	a->chunks = c;
	a->left = size - n;
	if (size < LAST_GROWTH)
		a->next_size = 2 * size;
	else
		a->next_size = size;
	return c->data;
}

char *strarena_copy(struct strarena *a, const char *s, size_t n)
{
	char *r = n < SIZE_MAX ? strarena_alloc(a, n + 1) : NULL;
	if (r) {
		if (n)
			memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

char *strarena_dup(struct strarena *a, const char *s)
{
	return strarena_copy(a, s, strlen(s));
}

void strarena_free(struct strarena *a)
{
	struct strarena_chunk *c = a->chunks;
	while (c) {
		struct strarena_chunk *prev = c->prev;
		free(c);
		c = prev;
	}
	a->chunks = NULL;
	a->left = 0;
	a->next_size = 0;
}
