/* Helpers shared by the unit tests: capturing diagnostics, temp dirs. */
#ifndef ERRGEN_UNIT_H
#define ERRGEN_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

/* Diagnostics go to a memory stream between capture_begin and capture_end;
 * the error counter starts at zero. */
struct capture {
	FILE *f;
	char *text;
	size_t len;
};

void capture_begin(struct capture *c);
/* Returns everything reported since capture_begin (caller frees). */
char *capture_end(struct capture *c);

/* A new directory under $TMPDIR (or /tmp); caller frees the name. */
char *make_temp_dir(const char *tag);
/* Removes a directory tree made by a test (no symlinks followed). */
void remove_tree(const char *path);
/* path joined with name (caller frees). */
char *path_join(const char *dir, const char *name);
/* Writes exactly len bytes of data to path; asserts on failure. */
void write_file(const char *path, const void *data, size_t len);
/* The whole content of path (caller frees), NUL-terminated; NULL if it
 * cannot be read. *len gets the length when len is not NULL. */
char *read_file(const char *path, size_t *len);

#endif
