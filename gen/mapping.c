#include "mapping.h"

#include <stdlib.h>
#include <string.h>

static int cmp_ref(const void *a, const void *b)
{
	const struct map_ref *x = a, *y = b;
	if (x->map->target != y->map->target)
		return x->map->target < y->map->target ? -1 : 1;
	int c = strcmp(x->map->name, y->map->name);
	if (c)
		return c;
	return (x->order > y->order) - (x->order < y->order);
}

static int cmp_order(const void *a, const void *b)
{
	const struct map_ref *x = a, *y = b;
	return (x->order > y->order) - (x->order < y->order);
}

struct map_ref *map_from_refs(const struct domain *d, size_t *n, bool *failed)
{
	size_t count = 0, order = 0;
	*n = 0;
	for (size_t i = 0; i < d->nerrors; i++)
		for (size_t j = 0; j < d->errors[i].nmappings; j++)
			count += d->errors[i].mappings[j].direction != MAP_TO;
	if (!count)
		return NULL;
	struct map_ref *refs = malloc(count * sizeof(*refs));
	if (!refs) {
		*failed = true;
		return NULL;
	}
	for (size_t i = 0; i < d->nerrors; i++)
		for (size_t j = 0; j < d->errors[i].nmappings; j++, order++) {
			const struct mapping *m = &d->errors[i].mappings[j];
			if (m->direction != MAP_TO)
				refs[(*n)++] = (struct map_ref){&d->errors[i],
								m, order};
		}
	if (*n)
		qsort(refs, *n, sizeof(*refs), cmp_ref);
	return refs;
}

size_t map_group_end(const struct map_ref *refs, size_t n, size_t i)
{
	size_t j = i + 1;
	while (j < n && refs[j].map->target == refs[i].map->target &&
	       strcmp(refs[j].map->name, refs[i].map->name) == 0)
		j++;
	return j;
}

struct map_ref *map_winners(const struct domain *d, enum map_target target,
			    size_t *n, bool *failed)
{
	size_t nrefs;
	struct map_ref *refs = map_from_refs(d, &nrefs, failed);
	*n = 0;
	for (size_t i = 0; i < nrefs;) {
		size_t end = map_group_end(refs, nrefs, i);
		if (refs[i].map->target == target) {
			size_t win = i;
			for (size_t k = i; k < end; k++)
				if (refs[k].map->preferred) {
					win = k;
					break;
				}
			refs[(*n)++] = refs[win]; /* *n <= i: no overlap */
		}
		i = end;
	}
	if (*n)
		qsort(refs, *n, sizeof(*refs), cmp_order);
	return refs;
}
