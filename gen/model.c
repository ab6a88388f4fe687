#include "model.h"

#include <stdlib.h>
#include <string.h>

static void error_free(struct error *e)
{
	free(e->translations);
	free(e->aliases);
	free(e->mappings);
}

void domain_free(struct domain *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nerrors; i++)
		error_free(&d->errors[i]);
	free(d->errors);
	free(d->groups);
	free(d->languages);
	strarena_free(&d->strings);
	memset(d, 0, sizeof(*d));
}

char *domain_macro_prefix(const struct domain *d)
{
	size_t n = strlen(d->name);
	char *s = malloc(n + 1);
	if (!s)
		return NULL;
	for (size_t i = 0; i <= n; i++) {
		char c = d->name[i];
		s[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	return s;
}

/* qsort has no context argument and is not stable; a merge sort is both. */
static void sort_by_value(size_t *idx, size_t *tmp, size_t n,
			  const struct error *errors)
{
	if (n < 2)
		return;
	size_t half = n / 2;
	sort_by_value(idx, tmp, half, errors);
	sort_by_value(idx + half, tmp, n - half, errors);
	/* tables are mostly written in order: then there is nothing to merge */
	if (errors[idx[half - 1]].value <= errors[idx[half]].value)
		return;
	size_t i = 0, j = half, k = 0;
	while (i < half && j < n) {
		if (errors[idx[j]].value < errors[idx[i]].value)
			tmp[k++] = idx[j++];
		else
			tmp[k++] = idx[i++];
	}
	while (i < half)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof(*idx));
}

size_t *domain_sorted_by_value(const struct domain *d)
{
	size_t n = d->nerrors ? d->nerrors : 1;
	size_t *idx = malloc(n * sizeof(*idx));
	size_t *tmp = malloc(n * sizeof(*tmp));
	if (!idx || !tmp) {
		free(idx);
		free(tmp);
		return NULL;
	}
	for (size_t i = 0; i < d->nerrors; i++)
		idx[i] = i;
	sort_by_value(idx, tmp, d->nerrors, d->errors);
	free(tmp);
	return idx;
}

const char *status_name(enum error_status s)
{
	switch (s) {
	case STATUS_ACTIVE:
		return "active";
	case STATUS_DEPRECATED:
		return "deprecated";
	case STATUS_OBSOLETE:
		return "obsolete";
	}
	return "active";
}

const char *map_target_name(enum map_target t)
{
	switch (t) {
	case MAP_ERRNO:
		return "errno";
	case MAP_OPENSSL:
		return "openssl";
	case MAP_X509:
		return "x509";
	case MAP_TLS_ALERT:
		return "tls-alert";
	}
	return "errno";
}
