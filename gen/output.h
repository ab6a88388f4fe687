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
	/* Staged early (content then empty): tmp is its temporary file, or
	 * NULL when path already holds the content. */
	bool staged;
	char *tmp;
};

struct output_set {
	struct output_file *files;
	size_t n, cap;
	/* directories the stager created, in order (removed by
	 * output_set_free() unless output_commit() succeeded) */
	char **made;
	size_t nmade;
};

/*
 * Early staging, for memory: a render thread writes each file to its
 * temporary file as soon as it is rendered (or finds it unchanged), so
 * that its buffer is freed and reused instead of held until every file is
 * rendered. Quiet: when it cannot, the file is left to output_commit(),
 * which writes it the ordinary way and reports. Until output_commit()
 * succeeds, output_set_free() removes whatever was staged, so a run that
 * fails later (say, two outputs for one path) still changes nothing.
 */
struct output_stager;
/* For files that will join s; the directories it makes are recorded in s.
 * NULL if it cannot start (then nothing is staged). */
struct output_stager *output_stager_new(struct output_set *s);
/* Any thread: true when staged, with content emptied (its memory kept, for
 * the caller to reuse or free) and *tmp set. */
bool output_stage(struct output_stager *st, const char *path,
		  struct buf *content, char **tmp);
/* Once every thread is done with it. */
void output_stager_free(struct output_stager *st);
/* A staged file into the set; takes path and tmp. */
bool output_set_add_staged(struct output_set *s, char *path, char *tmp);

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
enum output_result output_commit(struct output_set *s, size_t *written);

/* Compares every file with what is on disk and reports each difference. */
enum output_result output_check(const struct output_set *s);

#endif
