/* phf.c: the perfect hash behind the catalog's lookups. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "phf.h"

/* A fixed sequence of 64-bit numbers (splitmix64). */
static uint64_t next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Every key gets a slot below nslots, no two the same, and phf_slot()
 * finds it again from the pilots alone. */
static void expect_perfect(const uint64_t *g, uint32_t n, uint32_t nslots)
{
	struct phf p;
	assert_int_equal(phf_build(g, n, nslots, 65536, &p), PHF_OK);
	assert_int_equal(p.nslots, nslots);
	assert_true(p.bucket_bits >= 1 && p.bucket_bits <= 31);
	/* callers that build their keys for the bucket bits can know them */
	assert_int_equal(p.bucket_bits, phf_bucket_bits(n));
	unsigned char *seen = calloc(nslots, 1);
	assert_non_null(seen);
	for (uint32_t i = 0; i < n; i++) {
		assert_true(p.slot[i] < nslots);
		assert_int_equal(seen[p.slot[i]], 0);
		seen[p.slot[i]] = 1;
		assert_int_equal(phf_slot(&p, g[i]), p.slot[i]);
		assert_true(p.pilot[g[i] >> (64 - p.bucket_bits)] <=
			    p.max_pilot);
	}
	free(seen);
	phf_free(&p);
}

static void test_sizes(void **state)
{
	(void)state;
	static const uint32_t sizes[] = {1, 2, 3, 7, 64, 1000, 100000};
	uint64_t s = 1;
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		uint32_t n = sizes[k];
		uint64_t *g = malloc(n * sizeof(*g));
		assert_non_null(g);
		for (uint32_t i = 0; i < n; i++)
			g[i] = next(&s);
		/* with a few spare slots, and with none (minimal) */
		expect_perfect(g, n, n + n / 32 + 1);
		if (n <= 1000)
			expect_perfect(g, n, n);
		free(g);
	}
}

/* Keys that only differ in the top half share their low half: no pilot
 * can part them when they fall into one bucket, and the builder says so
 * at once instead of searching. */
static void test_duplicates(void **state)
{
	(void)state;
	uint64_t g[3] = {0x1234567800000001u, 0x1234567800000001u, 42};
	struct phf p;
	assert_int_equal(phf_build(g, 3, 4, 65536, &p), PHF_DUPLICATE);
	assert_null(p.pilot);
	assert_null(p.slot);
	g[1] = 0x1234567900000001u; /* same bucket, same low half */
	assert_int_equal(phf_build(g, 3, 4, 65536, &p), PHF_DUPLICATE);
	g[1] = 0x1234567800000002u;
	assert_int_equal(phf_build(g, 3, 4, 65536, &p), PHF_OK);
	phf_free(&p);
}

/* With too few pilots to try, a crowded table reports PHF_FULL (the
 * caller then tries another hash), never a wrong table. */
static void test_full(void **state)
{
	(void)state;
	uint64_t s = 7, g[200];
	for (size_t i = 0; i < 200; i++)
		g[i] = next(&s);
	struct phf p;
	assert_int_equal(phf_build(g, 200, 200, 1, &p), PHF_FULL);
	assert_null(p.pilot);
	assert_int_equal(phf_build(g, 200, 200, 65536, &p), PHF_OK);
	phf_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_full),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
