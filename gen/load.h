/* Loading an XML description into the model: the only part that knows libxml2.
 */
#ifndef ERRGEN_LOAD_H
#define ERRGEN_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct loader;

/* Parses the built-in schema once; NULL (with a diagnostic) on failure. */
struct loader *loader_new(void);
void loader_free(struct loader *l);

/*
 * Reads, parses and validates path and fills *d. Every problem is reported
 * as a diagnostic; returns false if any was an error. *d is always left in a
 * state that domain_free() accepts.
 */
bool loader_load_file(struct loader *l, const char *path, struct domain *d);

/* Reads a whole input file (NUL-terminated); NULL with a diagnostic. */
char *loader_read_file(const char *path, size_t *len);

/* The same for a document already in memory (tests, the fuzzer). */
bool loader_load_memory(struct loader *l, const char *path, const char *data,
			size_t len, struct domain *d);

/*
 * For speed: the same as loader_load_memory() without the schema
 * validation, which the caller must have had done by loader_prevalidate()
 * (and trusted only when loader_prevalidation_wait() said so) before the
 * model is used. It builds the model from the parser's events, without a
 * tree, and is written for valid documents only: it may give up (false)
 * without a word, and its diagnostics may be incomplete; a caller that gets
 * false or any diagnostic loads again the ordinary way.
 */
bool loader_load_unvalidated(const char *path, const char *data, size_t len,
			     struct domain *d);

/* Starts validating the n documents in a second thread, which compiles the
 * schema for itself; the buffers must stay until
 * loader_prevalidation_wait(). NULL if it cannot start. */
struct prevalidation;
struct prevalidation *loader_prevalidate(const char *const *data,
					 const size_t *len, size_t n);
/* Waits for it and frees it: true only if every document was well-formed
 * and valid without a single message from libxml2. */
bool loader_prevalidation_wait(struct prevalidation *p);

#endif
