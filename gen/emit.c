#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct emitter header = {
	"header",
	"_errors.h",
	emit_header,
	"C header: enum of the codes, range macros, prototypes",
};
static const struct emitter catalog = {
	"catalog",
	"_errors.c",
	emit_catalog,
	"C catalog: code to name and message, name to code",
};

static const struct emitter static_assert_kind = {
	"static-assert",
	"_assert.c",
	emit_static_assert,
	"C11 static assertions: a foreign header agrees with the XML",
};

const struct emitter *const emitters[] = {&header, &catalog,
					  &static_assert_kind, NULL};

const struct emitter *emitter_find(const char *kind)
{
	for (size_t i = 0; emitters[i]; i++)
		if (strcmp(emitters[i]->kind, kind) == 0)
			return emitters[i];
	return NULL;
}

char *emit_file_name(const struct emitter *em, const struct domain *d)
{
	size_t n = strlen(d->name) + strlen(em->file_suffix) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s", d->name, em->file_suffix);
	return s;
}
