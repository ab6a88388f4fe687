/*
 * Keeping tables in sync: two versions of a domain compared for what breaks
 * their consumers (errgen compat), and another project's header compared
 * with the XML (errgen check --against).
 */
#ifndef ERRGEN_COMPAT_H
#define ERRGEN_COMPAT_H

#include <stddef.h>

#include "model.h"

/* errgen compat OLD.xml NEW.xml; argv[1] is "compat". Returns 0 when NEW
 * is compatible with OLD, 1 when something breaks, 2 on invalid input or
 * usage. */
int compat_main(int argc, char **argv);

/* Compares two loaded, checked versions of a domain; every difference is
 * reported. Returns the number of breaking changes. */
size_t compat_compare(const struct domain *old, const struct domain *new_);

/* errgen check --against HEADER: the names and values of header against
 * the codes and aliases of doms (loaded and checked). Returns 0 when they
 * agree, 1 when they differ, 2 when the header cannot be read. */
int drift_check(const char *header, const struct domain *doms, size_t n);

#endif
