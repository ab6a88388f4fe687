/* Hints to the kernel about memory errgen is about to fill (Linux; they
 * change nothing elsewhere or when the kernel declines). */
#ifndef ERRGEN_MEM_H
#define ERRGEN_MEM_H

#include <stddef.h>

/* Maps the pages of [p, p + n) now, in one call, rather than one fault at a
 * time as they are first written (Linux 5.14 and later). */
void mem_prefault(void *p, size_t n);

/* Asks for transparent huge pages (2 MiB) over the 2 MiB blocks inside
 * [p, p + n) that nothing has touched yet; Linux's default THP mode gives
 * them to those who ask. */
void mem_want_huge_pages(void *p, size_t n);

#endif
