#include "core/holder.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "gosendapi/client.h"

struct gosend__chunk {
	gosend__chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

#define ALIGN_UP(n, a) (((n) + (a)-1) / (a) * (a))
#define HOLDER_SIZE    ALIGN_UP(sizeof(gosend__holder), alignof(max_align_t))
/* The first chunk is small (a send's result needs its meta and a few
 * strings, and a batch may keep tens of thousands of them); each next one
 * doubles, up to below glibc's large-request size (1 KiB with its
 * header), where a request first consolidates every freed small block. */
#define CHUNK_FIRST (320 - sizeof(gosend__chunk))
#define CHUNK_MAX   (992 - sizeof(gosend__chunk))

void *gosend__obj_new(size_t size, gosend__holder **h)
{
	char *mem = gosend__calloc(1, HOLDER_SIZE + size);

	if (!mem)
		return NULL;
	if (h)
		*h = (gosend__holder *)(void *)mem;
	return mem + HOLDER_SIZE;
}

gosend__holder *gosend__obj_holder(const void *pub)
{
	return (gosend__holder *)(void *)((char *)(uintptr_t)pub - HOLDER_SIZE);
}

void gosend__obj_free(void *pub)
{
	gosend__holder *h;
	gosend__chunk *c;

	if (!pub)
		return;
	h = gosend__obj_holder(pub);
	if (h->cleanup)
		h->cleanup(pub);
	c = h->chunks;
	while (c) {
		gosend__chunk *next = c->next;
		gosend__free(c);
		c = next;
	}
	if (h->root && h->root_free)
		h->root_free(h->root);
	gosend__free(h->body);
	gosend__free(h);
}

/* A new chunk of at least n free bytes at the head of h's list; exact:
 * of n bytes (a reservation knows what it needs), else of the next size. */
static gosend__chunk *new_chunk(gosend__holder *h, size_t n, int exact)
{
	size_t size = CHUNK_FIRST;
	gosend__chunk *c;

	if (h->chunks)
		size = h->chunks->size * 2 < CHUNK_MAX ? h->chunks->size * 2
		                                       : CHUNK_MAX;
	if (size < n || exact)
		size = n;
	c = gosend__malloc(sizeof(*c) + size);
	if (!c)
		return NULL;
	c->used = 0;
	c->size = size;
	c->next = h->chunks;
	h->chunks = c;
	return c;
}

int gosend__h_reserve(gosend__holder *h, size_t n)
{
	gosend__chunk *c = h->chunks;

	n = ALIGN_UP(n, alignof(max_align_t));
	if (c && c->size - c->used >= n)
		return 0;
	return new_chunk(h, n, 1) ? 0 : -1;
}

size_t gosend__h_room(const gosend__holder *h)
{
	return h->chunks ? h->chunks->size - h->chunks->used : 0;
}

void *gosend__h_alloc_raw(gosend__holder *h, size_t n)
{
	gosend__chunk *c = h->chunks;
	void *p;

	n = ALIGN_UP(n ? n : 1, alignof(max_align_t));
	if (!c || c->size - c->used < n) {
		c = new_chunk(h, n, 0);
		if (!c)
			return NULL;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void *gosend__h_alloc(gosend__holder *h, size_t n)
{
	void *p = gosend__h_alloc_raw(h, n);

	if (p)
		memset(p, 0, n ? n : 1);
	return p;
}

char *gosend__h_strndup(gosend__holder *h, const char *s, size_t n)
{
	char *d = gosend__h_alloc_raw(h, n + 1);

	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *gosend__h_strdup(gosend__holder *h, const char *s)
{
	return s ? gosend__h_strndup(h, s, strlen(s)) : NULL;
}

gosend_meta *gosend__h_meta(gosend__holder *h, const gosend_meta *from)
{
	gosend_meta *m = gosend__h_alloc(h, sizeof(*m));

	if (!m)
		return NULL;
	if (from) {
		*m = *from;
		m->request_id = NULL;
		m->content_type = NULL;
		m->idempotency_key = NULL;
		if ((from->request_id && !(m->request_id = gosend__h_strdup(
		                                   h, from->request_id))) ||
		    (from->content_type && !(m->content_type = gosend__h_strdup(
		                                     h, from->content_type))) ||
		    (from->idempotency_key &&
		     !(m->idempotency_key =
		               gosend__h_strdup(h, from->idempotency_key))))
			return NULL;
		return m;
	}
	m->struct_version = 1;
	m->total_count = -1;
	m->page = -1;
	m->per_page = -1;
	m->ratelimit_limit = -1;
	m->ratelimit_remaining = -1;
	m->ratelimit_reset = -1;
	m->retry_after_s = -1;
	m->server_date = -1;
	return m;
}
