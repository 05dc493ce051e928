#include "core/pool.h"

#include "core/alloc.h"

int gosend__pool_init(gosend__pool *p, unsigned int size)
{
	pthread_mutex_init(&p->lock, NULL);
	p->size = size;
	p->count = 0;
	p->destroy = NULL;
	p->items = gosend__calloc(size, sizeof(*p->items));
	return p->items ? 0 : -1;
}

void *gosend__pool_take(gosend__pool *p)
{
	void *item = NULL;

	pthread_mutex_lock(&p->lock);
	if (p->count > 0)
		item = p->items[--p->count];
	pthread_mutex_unlock(&p->lock);
	return item;
}

int gosend__pool_put(gosend__pool *p, void *item, void (*destroy)(void *))
{
	int rc = -1;

	pthread_mutex_lock(&p->lock);
	if (p->count < p->size) {
		p->items[p->count++] = item;
		p->destroy = destroy;
		rc = 0;
	}
	pthread_mutex_unlock(&p->lock);
	return rc;
}

void gosend__pool_dispose(gosend__pool *p)
{
	unsigned int i;

	for (i = 0; i < p->count; i++)
		p->destroy(p->items[i]);
	gosend__free(p->items);
	p->items = NULL;
	p->count = 0;
	pthread_mutex_destroy(&p->lock);
}
