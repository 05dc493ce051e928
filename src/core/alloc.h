/* Internal allocation: every allocation of the library goes through here. */
#ifndef GOSEND_ALLOC_H
#define GOSEND_ALLOC_H

#include <stddef.h>

void *gosend__malloc(size_t n);
void *gosend__calloc(size_t count, size_t size);
void *gosend__realloc(void *p, size_t n);
void gosend__free(void *p);
char *gosend__strdup(const char *s);
char *gosend__strndup(const char *s, size_t n);

#endif
