#define _GNU_SOURCE
#include "failmalloc.h"

#include <errno.h>
#include <execinfo.h>
#include <stdatomic.h>
#include <stddef.h>
#include <malloc.h>
#include <stdlib.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t c, size_t n);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t a, size_t n);
void __libc_free(void *p);

static _Thread_local long fail_at;
static _Thread_local long seen;
static _Thread_local int fired;
static atomic_long live;

void failmalloc_arm(long nth)
{
	fail_at = nth;
	seen = 0;
	fired = 0;
}

int failmalloc_fired(void)
{
	return fired;
}

long failmalloc_live(void)
{
	return atomic_load(&live);
}

static int should_fail(void)
{
	if (fail_at <= 0)
		return 0;
	if (++seen == fail_at) {
		fired = 1;
		if (getenv("FAILMALLOC_TRACE")) {
			void *frames[32];
			int n;
			fail_at = 0;
			n = backtrace(frames, 32);
			backtrace_symbols_fd(frames, n, 2);
		}
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	void *p;

	if (should_fail())
		return NULL;
	p = __libc_malloc(n);
	if (p)
		atomic_fetch_add(&live, 1);
	return p;
}

void *calloc(size_t c, size_t n)
{
	void *p;

	if (should_fail())
		return NULL;
	p = __libc_calloc(c, n);
	if (p)
		atomic_fetch_add(&live, 1);
	return p;
}

void *realloc(void *old, size_t n)
{
	void *p;

	if (!old)
		return malloc(n);
	if (n == 0) {
		free(old);
		return NULL;
	}
	if (should_fail())
		return NULL;
	p = __libc_realloc(old, n);
	return p;
}

void free(void *p)
{
	if (p)
		atomic_fetch_sub(&live, 1);
	__libc_free(p);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (should_fail())
		return ENOMEM;
	p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	atomic_fetch_add(&live, 1);
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	void *p;

	if (should_fail())
		return NULL;
	p = __libc_memalign(align, n);
	if (p)
		atomic_fetch_add(&live, 1);
	return p;
}

void *memalign(size_t align, size_t n)
{
	return aligned_alloc(align, n);
}
