/* Eight bytes at a time: tests that tell whether any byte of a 64-bit word
 * is below a bound or equal to a value, for the escapers' fast paths over
 * runs of text that need no escaping. The answers are exact for the word as
 * a whole (not for which byte), whatever the byte order. */
#ifndef ERRGEN_SWAR_H
#define ERRGEN_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES  UINT64_C(0x0101010101010101)
#define SWAR_HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t swar_load(const void *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* Non-zero when some byte of x is below n (n at most 128). */
static inline uint64_t swar_below(uint64_t x, unsigned n)
{
	return (x - SWAR_ONES * n) & ~x & SWAR_HIGHS;
}

/* Non-zero when some byte of x equals c. */
static inline uint64_t swar_has(uint64_t x, unsigned char c)
{
	return swar_below(x ^ (SWAR_ONES * c), 1);
}

#endif
