/* Facts about the code systems errgen maps to (TLS alerts, errno names). */
#ifndef ERRGEN_FOREIGN_H
#define ERRGEN_FOREIGN_H

/* The TLS alert number of an RFC 8446 / IANA alert name, or -1. */
int tls_alert_number(const char *name);

#endif
