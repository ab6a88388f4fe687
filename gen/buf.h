/* A growable byte buffer: emitters render into one, the writer commits it. */
#ifndef ERRGEN_BUF_H
#define ERRGEN_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	bool failed; /* sticky: set on the first allocation failure */
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
/* Empties b but keeps its memory, for the next text. */
void buf_clear(struct buf *b);
/* buf_put() when the bytes do not fit (or the buffer failed). */
void buf_put_slow(struct buf *b, const void *data, size_t len);

/* The emitters append millions of short pieces: the usual case, room to
 * spare, is inline and saves no registers. */
static inline void buf_put(struct buf *b, const void *data, size_t len)
{
	if (len < b->cap - b->len && !b->failed) {
		if (len)
			memcpy(b->data + b->len, data, len);
		b->len += len;
		b->data[b->len] = '\0';
		return;
	}
	buf_put_slow(b, data, len);
}

static inline void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static inline void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* For loops that append a lot: room for n more bytes, returned as the place
 * to write them (NULL once the buffer failed); buf_grow_by() then counts
 * the bytes actually written (at most n) and terminates the text. */
char *buf_room(struct buf *b, size_t n);
void buf_grow_by(struct buf *b, size_t n);
/* A decimal number, as "%lld" and "%llu" would write it. */
void buf_put_int(struct buf *b, long long v);
void buf_put_uint(struct buf *b, unsigned long long v);

#endif
