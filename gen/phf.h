/*
 * Perfect hashing for the generated catalog: every key of a table gets its
 * own slot, so a lookup computes one slot and checks one entry.
 *
 * The scheme is hash-and-displace. A key's 64-bit hash g picks a bucket
 * from its top bits; each bucket has a small "pilot" number, chosen here,
 * that moves all of the bucket's keys to free slots:
 *
 *	bucket = g >> (64 - bucket_bits)
 *	x      = ((uint32_t)g ^ pilot[bucket]) * PHF_K   (mod 2^32)
 *	slot   = (x * nslots) >> 32                                (64-bit)
 *
 * The generated C computes exactly this; phf_slot() is the reference.
 */
#ifndef ERRGEN_PHF_H
#define ERRGEN_PHF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* odd, so x is a bijection of the low half of g for each pilot */
#define PHF_K 0x85EBCA6Bu

struct phf {
	unsigned bucket_bits;	/* 1 to 31 */
	uint32_t nslots;	/* at least the number of keys */
	uint32_t *pilot;	/* per bucket (owned) */
	uint32_t max_pilot;
	uint32_t *slot;		/* per key: its slot (owned) */
};

enum phf_result {
	PHF_OK,
	PHF_NOMEM,
	/* two keys can never be told apart (same bucket, same low 32 bits of
	 * the hash): hash them another way */
	PHF_DUPLICATE,
	/* some bucket found no free slots within the pilot limit: try
	 * another seed or more slots */
	PHF_FULL,
};

/* The bucket bits phf_build() takes for n keys (about three to six keys a
 * bucket), for callers that fold more of their hash into the key's low half
 * (the bits below the bucket's). */
unsigned phf_bucket_bits(uint32_t n);

/* Places n keys (n >= 1) by their hashes g[0..n) into nslots >= n slots,
 * with pilots below max_pilot. */
enum phf_result phf_build(const uint64_t *g, uint32_t n, uint32_t nslots,
			  uint32_t max_pilot, struct phf *out);
uint32_t phf_slot(const struct phf *p, uint64_t g);
void phf_free(struct phf *p);

#endif
