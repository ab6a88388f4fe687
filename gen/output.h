/*
 * Committing rendered files: all or nothing. Every file is written to a
 * temporary file beside its target first; only when all of them were written
 * are they renamed into place. A file whose content is unchanged is left
 * alone (no new timestamp, no rebuild downstream).
 */
#ifndef ERRGEN_OUTPUT_H
#define ERRGEN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct output_file {
	char *path; /* where it goes */
	struct buf content;
};

struct output_set {
	struct output_file *files;
	size_t n, cap;
};

void output_set_init(struct output_set *s);
void output_set_free(struct output_set *s);
/* Takes ownership of path and content. */
bool output_set_add(struct output_set *s, char *path, struct buf *content);

enum output_result {
	OUTPUT_OK,	 /* committed, or (check mode) everything up to date */
	OUTPUT_DIFFERS,	 /* check mode: at least one file would change */
	OUTPUT_IO_ERROR, /* nothing was changed; diagnostics were reported */
};

/* Writes every file; *written counts those that changed. */
enum output_result output_commit(const struct output_set *s, size_t *written);

/* Compares every file with what is on disk and reports each difference. */
enum output_result output_check(const struct output_set *s);

#endif
