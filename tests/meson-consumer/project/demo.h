/* The demo library: opens "files" and reports failures as errgen codes. */
#ifndef DEMO_H
#define DEMO_H

#include <stddef.h>

#include "demo_errors.h"

/* 0 when name is known, otherwise a DEMO_E_ code. */
int demo_open(const char *name);

/* "SYMBOL: message" for code, into buf (always terminated). */
void demo_describe(int code, char *buf, size_t size);

#endif
