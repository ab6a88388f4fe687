/* Diagnostics in GCC style: FILE:LINE:COL: error: message. Counted, never
 * fatal. */
#ifndef ERRGEN_DIAG_H
#define ERRGEN_DIAG_H

#include <stdio.h>

/* A place in an input file. line and col start at 1; 0 means unknown. */
struct loc {
	const char *file;
	int line;
	int col;
};

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

/* Where diagnostics go (stderr unless a test redirects them). */
void diag_set_stream(FILE *f);
void diag_reset(void);
unsigned diag_error_count(void);
/* For work that may be thrown away and redone: the current stream (NULL
 * for stderr), and putting the error count back to what it was. */
FILE *diag_get_stream(void);
void diag_set_error_count(unsigned n);

void diag_at(enum diag_level level, const struct loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define diag_error(loc, ...)   diag_at(DIAG_ERROR, (loc), __VA_ARGS__)
#define diag_warning(loc, ...) diag_at(DIAG_WARNING, (loc), __VA_ARGS__)
#define diag_note(loc, ...)    diag_at(DIAG_NOTE, (loc), __VA_ARGS__)

/* An error that concerns no input place (usage, I/O): "errgen: error: ...". */
void diag_plain(enum diag_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
