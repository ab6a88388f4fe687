/*
 * The model of one error domain: plain structs and arrays, no libxml2 types.
 * Built by load.c, validated by check.c, read (const) by the emitters.
 * Every node that can be wrong carries the place it came from.
 */
#ifndef ERRGEN_MODEL_H
#define ERRGEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "strarena.h"

enum error_status { STATUS_ACTIVE, STATUS_DEPRECATED, STATUS_OBSOLETE };

enum map_target { MAP_ERRNO, MAP_OPENSSL, MAP_X509, MAP_TLS_ALERT };
enum map_direction { MAP_BOTH, MAP_TO, MAP_FROM };

/* Where an element sits in the input, as byte offsets: its '<', the start
 * and end of its content, and just past its end tag. import-po uses them to
 * edit a file in place. */
struct span {
	size_t start, content_start, content_end, end;
};

struct translation {
	char *lang;
	char *text;
	struct loc loc;
	struct span span;
};

struct mapping {
	enum map_target target;
	char *name;
	char *lib;  /* OpenSSL library of a reason code, or NULL */
	char *note; /* why the mapping holds, or NULL */
	enum map_direction direction;
	bool preferred;
	struct loc loc;
	struct loc name_loc;
};

/* Another name for the same code (#define NEW OLD in a C header). */
struct alias {
	char *name;
	struct loc loc;
};

#define NO_GROUP ((size_t)-1)

struct error {
	char *name;
	int32_t value;
	enum error_status status;
	char *message; /* English; NULL only for obsolete codes */
	struct loc message_loc;
	struct span message_span;
	struct span span;
	char *explanation;
	struct translation *translations;
	size_t ntranslations;
	struct alias *aliases;
	size_t naliases;
	struct mapping *mappings;
	size_t nmappings;
	size_t group; /* index into domain.groups, or NO_GROUP */
	struct loc loc;
	struct loc name_loc;
	struct loc value_loc;
};

struct group {
	char *id;
	char *title;
	char *description;
	struct loc loc;
	struct loc id_loc;
};

/* Every string of a domain (its own, its groups', its errors' and theirs)
 * lives in the arena strings and goes with it in domain_free(); the arrays
 * are malloc()ed one by one. */
struct domain {
	struct strarena strings;
	char *path;	/* the input as named on the command line */
	char *basename; /* the input's file name, for banners */
	char *name;	/* C API prefix, e.g. nss_ssl */
	char *prefix;	/* symbol prefix, or NULL */
	bool has_base, has_min, has_max;
	int32_t base, min, max;
	struct loc base_loc, min_loc, max_loc;
	char *gettext_domain;
	char **languages;
	size_t nlanguages;
	struct loc languages_loc;
	char *title;
	char *description;
	char *unknown_message;
	struct group *groups;
	size_t ngroups;
	struct error *errors; /* in document order */
	size_t nerrors;
	struct loc loc;
};

void domain_free(struct domain *d);

/* The upper-case form of the domain name, used for macros (NSS_SSL). */
char *domain_macro_prefix(const struct domain *d);

/* Indices of d->errors ordered by value (ascending); caller frees. */
size_t *domain_sorted_by_value(const struct domain *d);

const char *status_name(enum error_status s);
const char *map_target_name(enum map_target t);

#endif
