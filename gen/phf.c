#include "phf.h"

#include <stdlib.h>
#include <string.h>

static uint32_t slot_for(uint64_t g, uint32_t pilot, uint32_t nslots)
{
	uint32_t x = ((uint32_t)g ^ pilot) * PHF_K;
	return (uint32_t)(((uint64_t)x * nslots) >> 32);
}

uint32_t phf_slot(const struct phf *p, uint64_t g)
{
	return slot_for(g, p->pilot[g >> (64 - p->bucket_bits)], p->nslots);
}

void phf_free(struct phf *p)
{
	free(p->pilot);
	free(p->slot);
	memset(p, 0, sizeof(*p));
}

unsigned phf_bucket_bits(uint32_t n)
{
	/* about three to six keys per bucket */
	unsigned bits = 1;
	while (bits < 31 && ((uint64_t)3 << (bits + 1)) <= n)
		bits++;
	return bits;
}

/* The largest bucket this will place; a bigger one means the hash is poor
 * for these keys (or they repeat), and another seed is the cure. */
#define MAX_BUCKET 64

enum phf_result phf_build(const uint64_t *g, uint32_t n, uint32_t nslots,
			  uint32_t max_pilot, struct phf *out)
{
	memset(out, 0, sizeof(*out));
	unsigned bits = phf_bucket_bits(n);
	uint32_t nb = (uint32_t)1 << bits;
	out->bucket_bits = bits;
	out->nslots = nslots;

	enum phf_result rc = PHF_NOMEM;
	uint32_t *start = calloc((size_t)nb + 1, sizeof(*start));
	uint32_t *keys = malloc((size_t)n * sizeof(*keys));
	uint32_t *order = malloc((size_t)nb * sizeof(*order));
	uint32_t by_size[MAX_BUCKET + 2] = {0};
	unsigned char *taken = calloc(nslots, 1);
	out->pilot = calloc(nb, sizeof(*out->pilot));
	out->slot = malloc((size_t)n * sizeof(*out->slot));
	if (!start || !keys || !order || !taken || !out->pilot || !out->slot)
		goto done;

	/* keys grouped by bucket (a counting sort) */
	for (uint32_t i = 0; i < n; i++)
		start[(g[i] >> (64 - bits)) + 1]++;
	for (uint32_t b = 0; b < nb; b++)
		start[b + 1] += start[b];
	{
		uint32_t *fill = malloc((size_t)nb * sizeof(*fill));
		if (!fill)
			goto done;
		memcpy(fill, start, (size_t)nb * sizeof(*fill));
		for (uint32_t i = 0; i < n; i++)
			keys[fill[g[i] >> (64 - bits)]++] = i;
		free(fill);
	}
	/* buckets by size, largest first: they are hardest to place */
	rc = PHF_DUPLICATE;
	for (uint32_t b = 0; b < nb; b++) {
		uint32_t size = start[b + 1] - start[b];
		if (size > MAX_BUCKET)
			goto done;
		by_size[MAX_BUCKET - size + 1]++;
	}
	for (unsigned k = 1; k <= MAX_BUCKET + 1; k++)
		by_size[k] += by_size[k - 1];
	for (uint32_t b = 0; b < nb; b++)
		order[by_size[MAX_BUCKET - (start[b + 1] - start[b])]++] = b;

	for (uint32_t ob = 0; ob < nb; ob++) {
		uint32_t b = order[ob];
		const uint32_t *k = keys + start[b];
		uint32_t size = start[b + 1] - start[b];
		if (!size)
			break; /* the rest are empty too */
		for (uint32_t i = 0; i < size; i++)
			for (uint32_t j = 0; j < i; j++)
				if ((uint32_t)g[k[i]] == (uint32_t)g[k[j]]) {
					rc = PHF_DUPLICATE;
					goto done;
				}
		uint32_t cand[MAX_BUCKET];
		uint32_t p;
		for (p = 0; p < max_pilot; p++) {
			uint32_t i;
			for (i = 0; i < size; i++) {
				uint32_t s = slot_for(g[k[i]], p, nslots);
				if (taken[s])
					break;
				uint32_t j = 0;
				while (j < i && cand[j] != s)
					j++;
				if (j < i)
					break;
				cand[i] = s;
			}
			if (i == size)
				break;
		}
		if (p == max_pilot) {
			rc = PHF_FULL;
			goto done;
		}
		out->pilot[b] = p;
		if (p > out->max_pilot)
			out->max_pilot = p;
		for (uint32_t i = 0; i < size; i++) {
			taken[cand[i]] = 1;
			out->slot[k[i]] = cand[i];
		}
	}
	rc = PHF_OK;
done:
	free(start);
	free(keys);
	free(order);
	free(taken);
	if (rc != PHF_OK)
		phf_free(out);
	return rc;
}
