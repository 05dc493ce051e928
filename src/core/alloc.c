#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "gosendapi/common.h"

void *gosend__malloc(size_t n)
{
	return malloc(n ? n : 1);
}

void *gosend__calloc(size_t count, size_t size)
{
	if (count == 0 || size == 0)
		return calloc(1, 1);
	return calloc(count, size);
}

void *gosend__realloc(void *p, size_t n)
{
	return realloc(p, n ? n : 1);
}

void gosend__free(void *p)
{
	free(p);
}

char *gosend__strndup(const char *s, size_t n)
{
	char *d = gosend__malloc(n + 1);

	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *gosend__strdup(const char *s)
{
	return s ? gosend__strndup(s, strlen(s)) : NULL;
}

void gosend_free(void *ptr)
{
	gosend__free(ptr);
}
