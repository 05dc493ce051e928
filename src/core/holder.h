/*
 * Internal container behind every object the library returns: the public
 * struct lives right after a hidden header that owns an arena of strings,
 * the parsed JSON tree (decoded strings point into it) and the body text.
 * One free releases it all; the tree is freed by the function its parser
 * left in root_free, so this layer knows nothing of JSON.
 */
#ifndef GOSEND_HOLDER_H
#define GOSEND_HOLDER_H

#include <stddef.h>

struct gosend_meta;
typedef struct gosend__chunk gosend__chunk;

typedef struct gosend__holder {
	gosend__chunk *chunks;
	void *root; /* the parsed JSON tree (json/), or NULL */
	void (*root_free)(void *root); /* set with root by its parser */
	/* the text root was parsed from (its positions count from here):
	 * inside body, or any text that lives as long as the holder */
	const char *root_text;
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
/* Memory owned by the holder, not zeroed; NULL when out of memory. */
void *gosend__h_alloc_raw(gosend__holder *h, size_t n);
/*
 * Make room for n more bytes in one block, so that the allocations that
 * follow (up to n bytes, each rounded up to max_align_t) need no malloc of
 * their own. 0, or -1 when out of memory (nothing changes then).
 */
int gosend__h_reserve(gosend__holder *h, size_t n);
/* Bytes h can still hand out without a malloc (in its newest block). */
size_t gosend__h_room(const gosend__holder *h);
char *gosend__h_strndup(gosend__holder *h, const char *s, size_t n);
char *gosend__h_strdup(gosend__holder *h, const char *s);

/* A meta with every numeric field -1, owned by h. */
struct gosend_meta *gosend__h_meta(gosend__holder *h,
                                   const struct gosend_meta *from);

#endif
