#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void buf_init(struct buf *b)
{
	memset(b, 0, sizeof(*b));
}

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

/* Make room for len more bytes plus a terminating NUL. */
static bool buf_reserve(struct buf *b, size_t len)
{
	if (b->failed)
		return false;
	if (len < b->cap - b->len)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= len) {
		if (cap > ((size_t)-1) / 2) {
			b->failed = true;
			return false;
		}
		cap *= 2;
	}
	char *data = realloc(b->data, cap);
	if (!data) {
		b->failed = true;
		return false;
	}
	b->data = data;
	b->cap = cap;
	if (cap >= ((size_t)8 << 20))
		/* a 100,000-code run renders 200 MB */
		mem_want_huge_pages(data + b->len, cap - b->len);
	return true;
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

void buf_put_slow(struct buf *b, const void *data, size_t len)
{
	if (!buf_reserve(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* What vsnprintf() would append, without its per-call setup (the emitters
 * call buf_printf() hundreds of thousands of times for big tables), for
 * formats of %s, %c, %d, %u, %zu, %ld, %lu, %lld, %llu and %% without
 * flags, width or precision. At any other conversion it takes back what it
 * appended and returns false; ap is then spent. */
static bool buf_fast_printf(struct buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_put(b, p, strlen(p));
			return true;
		}
		if (pct > p)
			buf_put(b, p, (size_t)(pct - p));
		p = pct + 1;
		if (p[0] == 's') {
			const char *s = va_arg(ap, const char *);
			buf_puts(b, s ? s : "(null)");
		} else if (p[0] == 'c') {
			buf_putc(b, (char)va_arg(ap, int));
		} else if (p[0] == 'd') {
			buf_put_int(b, va_arg(ap, int));
		} else if (p[0] == 'u') {
			buf_put_uint(b, va_arg(ap, unsigned));
		} else if (p[0] == '%') {
			buf_putc(b, '%');
		} else if (p[0] == 'z' && p[1] == 'u') {
			buf_put_uint(b, va_arg(ap, size_t));
			p++;
		} else if (p[0] == 'l' && p[1] == 'd') {
			buf_put_int(b, va_arg(ap, long));
			p++;
		} else if (p[0] == 'l' && p[1] == 'u') {
			buf_put_uint(b, va_arg(ap, unsigned long));
			p++;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			buf_put_int(b, va_arg(ap, long long));
			p += 2;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'u') {
			buf_put_uint(b, va_arg(ap, unsigned long long));
			p += 2;
		} else {
			if (b->data)
				b->len = start;
			return false;
		}
		p++;
	}
	return true;
}

/* Formats straight into the free space; only text that does not fit is
 * formatted a second time, after the buffer grew. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list fast;
	va_copy(fast, ap);
	bool done = buf_fast_printf(b, fmt, fast);
	va_end(fast);
	if (done) {
		if (!b->data && !b->failed)
			buf_reserve(b, 0); /* "" is still a text */
		if (b->data && !b->failed)
			b->data[b->len] = '\0';
		return;
	}
	if (!buf_reserve(b, 64))
		return;
	va_list again;
	va_copy(again, ap);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->data + b->len, room, fmt, ap);
	if (n < 0) {
		b->failed = true;
	} else if ((size_t)n < room) {
		b->len += (size_t)n;
	} else if (buf_reserve(b, (size_t)n)) {
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	if (b->data && !b->failed)
		b->data[b->len] = '\0';
	va_end(again);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *buf_room(struct buf *b, size_t n)
{
	return buf_reserve(b, n) ? b->data + b->len : NULL;
}

void buf_grow_by(struct buf *b, size_t n)
{
	if (b->failed || !b->data)
		return;
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_put_uint(struct buf *b, unsigned long long v)
{
	char digits[24];
	size_t i = sizeof(digits);
	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_put(b, digits + i, sizeof(digits) - i);
}

void buf_put_int(struct buf *b, long long v)
{
	if (v < 0) {
		buf_putc(b, '-');
		buf_put_uint(b, 0ULL - (unsigned long long)v);
	} else {
		buf_put_uint(b, (unsigned long long)v);
	}
}
