/* Mappings grouped by foreign code, for the rules and emitters that look at
 * every code mapping from one foreign name (sorting keeps them O(n log n)). */
#ifndef ERRGEN_MAPPING_H
#define ERRGEN_MAPPING_H

#include <stddef.h>

#include "model.h"

struct map_ref {
	const struct error *error;
	const struct mapping *map;
	size_t order; /* position in the document */
};

/* The mappings of d read from the foreign side (direction both or from),
 * sorted by target, name and document order; NULL (and *n = 0) when there
 * are none or memory ran out (*failed then set). Caller frees. */
struct map_ref *map_from_refs(const struct domain *d, size_t *n, bool *failed);

/* The end of the group of refs[i]: the refs that share its target and name. */
size_t map_group_end(const struct map_ref *refs, size_t n, size_t i);

/* The mapping that wins lookups from each foreign name of target (the one
 * marked preferred, else the first), in document order. Caller frees. */
struct map_ref *map_winners(const struct domain *d, enum map_target target,
			    size_t *n, bool *failed);

#endif
