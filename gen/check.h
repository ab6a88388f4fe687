/* Meaning-level rules that the schema cannot express; all reported in one run.
 */
#ifndef ERRGEN_CHECK_H
#define ERRGEN_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* Checks the domains of one run, alone and together. Returns true when no
 * error was found; every problem is reported with its location. */
bool check_domains(const struct domain *doms, size_t n);

/* Exposed for the emitters and tests. */
bool c_is_identifier(const char *s);
bool c_is_keyword(const char *s);
/* Why s may not be used as a C identifier in a generated file, or NULL. */
const char *c_identifier_problem(const char *s);

#endif
