/* madvise() and its MADV_* advice */
#define _DEFAULT_SOURCE 1

#include "mem.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* madvise() over the align-aligned part of [p, p + n). */
static void advise_inside(void *p, size_t n, uintptr_t align, int advice)
{
	if (!p || align == 0)
		return;
	uintptr_t lo = ((uintptr_t)p + align - 1) & ~(align - 1);
	uintptr_t hi = ((uintptr_t)p + n) & ~(align - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, advice);
}

void mem_prefault(void *p, size_t n)
{
#if defined(MADV_POPULATE_WRITE)
	long page = sysconf(_SC_PAGESIZE);
	if (page > 0)
		advise_inside(p, n, (uintptr_t)page, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

void mem_want_huge_pages(void *p, size_t n)
{
#if defined(MADV_HUGEPAGE)
	advise_inside(p, n, (uintptr_t)2 << 20, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}
