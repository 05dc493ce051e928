/*
 * A bounded, locked stack of idle objects of one kind: the client's warm
 * transfers, each an easy handle with its connection. Whoever puts an
 * object in names how it is destroyed, so the pool's owner frees what is
 * left without knowing what it holds.
 */
#ifndef GOSEND_POOL_H
#define GOSEND_POOL_H

#include <pthread.h>

typedef struct gosend__pool {
	pthread_mutex_t lock;
	void **items;
	unsigned int size;
	unsigned int count;
	void (*destroy)(void *item); /* set by gosend__pool_put */
} gosend__pool;

/* An empty pool of at most size objects. 0, or -1 when out of memory
 * (dispose it all the same). */
int gosend__pool_init(gosend__pool *p, unsigned int size);
/* The object put last, or NULL when the pool is empty. */
void *gosend__pool_take(gosend__pool *p);
/* Keep item; destroy frees it when the pool is disposed. 0, or -1 when
 * the pool is full (the item stays the caller's). */
int gosend__pool_put(gosend__pool *p, void *item, void (*destroy)(void *));
/* Destroy the objects left and the pool. */
void gosend__pool_dispose(gosend__pool *p);

#endif
