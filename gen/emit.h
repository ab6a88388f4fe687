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

struct emitter {
	const char *kind;	 /* name used by --emit */
	const char *file_suffix; /* appended to the domain name */
	void (*emit)(const struct domain *d, struct buf *out);
	const char *summary;
};

/* All emitters, in the order --help lists them; NULL-terminated. */
extern const struct emitter *const emitters[];
const struct emitter *emitter_find(const char *kind);

/* The output file name of emitter em for domain d (caller frees). */
char *emit_file_name(const struct emitter *em, const struct domain *d);

void emit_header(const struct domain *d, struct buf *out);
void emit_catalog(const struct domain *d, struct buf *out);
void emit_static_assert(const struct domain *d, struct buf *out);

/* Shared C helpers (emit_c.c). */
void c_banner(struct buf *out, const struct domain *d, const char *what);
/* A C string literal holding exactly the bytes of s; long text is split
 * into adjacent literals. ASCII-only output: other bytes become escapes. */
void c_string(struct buf *out, const char *s);
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
