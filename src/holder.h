/*
 * Internal container behind every object the library returns: the public
 * struct lives right after a hidden header that owns an arena of strings,
 * the parsed JSON tree (decoded strings point into it) and the body text.
 * One free releases it all.
 */
#ifndef GOSEND_HOLDER_H
#define GOSEND_HOLDER_H

#include <stddef.h>

struct cJSON;
struct gosend_meta;
typedef struct gosend__chunk gosend__chunk;

typedef struct gosend__holder {
	gosend__chunk *chunks;
	struct cJSON *root;
	char *body;
	size_t body_len;
	const struct gosend_meta *meta;
	void (*cleanup)(void *pub);
} gosend__holder;

/* Allocate a zeroed public object of `size` bytes with its holder. */
void *gosend__obj_new(size_t size, gosend__holder **h);
gosend__holder *gosend__obj_holder(const void *pub);
void gosend__obj_free(void *pub);

/* Zeroed memory owned by the holder; NULL when out of memory. */
void *gosend__h_alloc(gosend__holder *h, size_t n);
char *gosend__h_strndup(gosend__holder *h, const char *s, size_t n);
char *gosend__h_strdup(gosend__holder *h, const char *s);

/* A meta with every numeric field -1, owned by h. */
struct gosend_meta *gosend__h_meta(gosend__holder *h,
                                   const struct gosend_meta *from);

#endif
