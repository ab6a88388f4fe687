/* Facts about the code systems errgen maps to (TLS alerts, errno names). */
#ifndef ERRGEN_FOREIGN_H
#define ERRGEN_FOREIGN_H

#include <stdbool.h>

/* The TLS alert number of an RFC 8446 / IANA alert name, or -1. */
int tls_alert_number(const char *name);

/* Whether name is an errno macro of POSIX, Linux or the BSDs. */
bool errno_name_known(const char *name);

#endif
