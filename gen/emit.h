/*
 * Emitters: each renders one kind of output for one domain into a buffer.
 * They read a const model, never open files and never change the model.
 */
#ifndef ERRGEN_EMIT_H
#define ERRGEN_EMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "model.h"

#define ERRGEN_VERSION "0.1.0"

/* The files of a kind that writes several (one per language). */
struct emit_file {
	char *name;
	struct buf content;
};

struct emit_files {
	struct emit_file *files;
	size_t n, cap;
	bool failed;
};

/* A new, empty file of that name to render into; NULL on failure (and
 * f->failed is set). */
struct buf *emit_files_add(struct emit_files *f, const char *name);
void emit_files_free(struct emit_files *f);

struct emitter {
	const char *kind;	 /* name used by --emit */
	const char *file_suffix; /* appended to the domain name */
	void (*emit)(const struct domain *d, struct buf *out);
	const char *summary;
	/* Instead of emit, for kinds that write several files; the file
	 * names are then the emitter's own (file_suffix describes them). */
	void (*emit_many)(const struct domain *d, struct emit_files *out);
	/* Instead of both, for kinds that write one set of files for the
	 * whole run (name: --registry); they are written only on request. */
	void (*emit_run)(const struct domain *doms, size_t n, const char *name,
			 struct emit_files *out);
};

/* All emitters, in the order --help lists them; NULL-terminated. */
extern const struct emitter *const emitters[];
const struct emitter *emitter_find(const char *kind);

/* The output file name of emitter em for domain d (caller frees). */
char *emit_file_name(const struct emitter *em, const struct domain *d);

void emit_header(const struct domain *d, struct buf *out);
void emit_catalog(const struct domain *d, struct buf *out);
void emit_static_assert(const struct domain *d, struct buf *out);
void emit_gettext(const struct domain *d, struct emit_files *out);
void emit_catgets(const struct domain *d, struct emit_files *out);
void emit_map(const struct domain *d, struct emit_files *out);
void emit_map_openssl(const struct domain *d, struct emit_files *out);
void emit_markdown(const struct domain *d, struct buf *out);
void emit_html(const struct domain *d, struct buf *out);
void emit_json(const struct domain *d, struct buf *out);
void emit_registry(const struct domain *doms, size_t n, const char *name,
		   struct emit_files *out);

/* The values a domain holds in a run (emit_registry.c): its declared min
 * and max, or the span of its codes. Domains of one run may not overlap;
 * check_range_overlaps() reports those that do, the registry dispatches on
 * them. registry_name_ok() reports a --registry name that cannot be used. */
void domain_value_range(const struct domain *d, int32_t *lo, int32_t *hi);
void check_range_overlaps(const struct domain *doms, size_t n);
bool registry_name_ok(const char *name, const struct domain *doms, size_t n);

/* The date that generated files may carry: SOURCE_DATE_EPOCH when set,
 * otherwise the start of 1970, so that output never depends on when it was
 * made. Writes "YYYY-MM-DD HH:MM+0000". A malformed value is an error,
 * which emit_source_date_ok() reports (before anything is rendered). */
void emit_source_date(char out[32]);
bool emit_source_date_ok(void);

/* The code whose catgets message number is 1 (emit_catgets.c). */
int32_t catgets_base(const struct domain *d);

/* Shared C helpers (emit_c.c). */
void c_banner(struct buf *out, const struct domain *d, const char *what);
/* A C string literal holding exactly the bytes of s; long text is split
 * into adjacent literals. ASCII-only output: other bytes become escapes. */
void c_string(struct buf *out, const char *s);
/* Bytes s[0..n) escaped the way .po and gencat strings want (no quotes). */
void c_escaped(struct buf *out, const char *s, size_t n);
/* Text made safe inside a block comment, white space collapsed. */
void c_comment_text(struct buf *out, const char *s);
/* A whole comment, wrapped at 78 columns, each line starting with indent. */
void c_comment_block(struct buf *out, const char *indent, const char *s);
/* A value as a C int constant (INT32_MIN spelled so it stays an int)... */
void c_int(struct buf *out, int32_t v);
/* ...and the same in parentheses when negative, safe inside any expression. */
void c_int_expr(struct buf *out, int32_t v);
/* The narrowest unsigned type that holds max. */
const char *c_uint_type(uint64_t max);

#endif
