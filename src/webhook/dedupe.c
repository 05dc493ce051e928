/*
 * Bounded set of recently seen ids: a fixed array of slots, each holding a
 * keyed SHA-256 digest of an id, linked into a hash chain and into a
 * most-recently-used list. When the set is full the least recently used
 * slot is reused. Every structural change happens under one mutex; the
 * digest is computed before taking it (the key never changes after
 * creation).
 */
#include "gosendapi/dedupe.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "core/alloc.h"
#include "core/errors.h"

#define DIGEST_LEN   32
#define MAX_CAPACITY ((size_t)1 << 24)
#define NONE         UINT32_MAX

typedef struct slot {
	unsigned char digest[DIGEST_LEN];
	uint32_t chain; /* next slot in the hash bucket, or the free list */
	uint32_t newer; /* towards the most recent, NONE at the head */
	uint32_t older; /* towards the least recent, NONE at the tail */
} slot;

struct gosend_dedupe {
	pthread_mutex_t lock;
	unsigned char key[DIGEST_LEN];
	uint32_t capacity;
	uint32_t count;
	uint32_t used;      /* slots handed out at least once */
	uint32_t free_list; /* slots released by remove */
	uint32_t mask;      /* bucket count - 1 */
	uint32_t newest;
	uint32_t oldest;
	uint32_t *buckets;
	slot *slots;
};

int gosend_dedupe_new(gosend_dedupe **out, size_t capacity, gosend_error **err)
{
	gosend_dedupe *d;
	size_t nbuckets = 8, i;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (capacity < 1 || capacity > MAX_CAPACITY)
		return gosend__fail(err, GOSEND_EINVAL, "capacity",
		                    "capacity must be between 1 and %lu",
		                    (unsigned long)MAX_CAPACITY);
	while (nbuckets < capacity)
		nbuckets <<= 1;
	d = gosend__calloc(1, sizeof(*d));
	if (!d)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	d->buckets = gosend__malloc(nbuckets * sizeof(*d->buckets));
	d->slots = gosend__calloc(capacity, sizeof(*d->slots));
	if (!d->buckets || !d->slots) {
		gosend__free(d->buckets);
		gosend__free(d->slots);
		gosend__free(d);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	if (RAND_bytes(d->key, (int)sizeof(d->key)) != 1) {
		gosend__free(d->buckets);
		gosend__free(d->slots);
		gosend__free(d);
		return gosend__fail(err, GOSEND_ERROR, NULL,
		                    "no random key available for the set");
	}
	if (pthread_mutex_init(&d->lock, NULL) != 0) {
		OPENSSL_cleanse(d->key, sizeof(d->key));
		gosend__free(d->buckets);
		gosend__free(d->slots);
		gosend__free(d);
		return gosend__fail(err, GOSEND_ERROR, NULL,
		                    "cannot create the set's mutex");
	}
	for (i = 0; i < nbuckets; i++)
		d->buckets[i] = NONE;
	d->capacity = (uint32_t)capacity;
	d->mask = (uint32_t)(nbuckets - 1);
	d->free_list = NONE;
	d->newest = NONE;
	d->oldest = NONE;
	*out = d;
	return GOSEND_OK;
}

void gosend_dedupe_free(gosend_dedupe *d)
{
	if (!d)
		return;
	pthread_mutex_destroy(&d->lock);
	OPENSSL_cleanse(d->key, sizeof(d->key));
	gosend__free(d->buckets);
	gosend__free(d->slots);
	gosend__free(d);
}

/* Validate arguments and hash the id. */
static int digest_of(gosend_dedupe *d, const char *id,
                     unsigned char digest[DIGEST_LEN], gosend_error **err)
{
	unsigned int len = 0;

	if (err)
		*err = NULL;
	if (!d)
		return gosend__fail(err, GOSEND_EINVAL, "set", "set is NULL");
	if (!id || !*id)
		return gosend__fail(err, GOSEND_EINVAL, "id",
		                    "id is NULL or empty");
	if (!HMAC(EVP_sha256(), d->key, (int)sizeof(d->key),
	          (const unsigned char *)id, strlen(id), digest, &len) ||
	    len != DIGEST_LEN)
		return gosend__fail(err, GOSEND_ERROR, NULL,
		                    "SHA-256 computation failed");
	return GOSEND_OK;
}

static uint32_t bucket_of(const gosend_dedupe *d,
                          const unsigned char digest[DIGEST_LEN])
{
	uint32_t b = (uint32_t)digest[0] | (uint32_t)digest[1] << 8 |
	             (uint32_t)digest[2] << 16 | (uint32_t)digest[3] << 24;

	return b & d->mask;
}

static uint32_t find(const gosend_dedupe *d,
                     const unsigned char digest[DIGEST_LEN])
{
	uint32_t i = d->buckets[bucket_of(d, digest)];

	while (i != NONE && memcmp(d->slots[i].digest, digest, DIGEST_LEN) != 0)
		i = d->slots[i].chain;
	return i;
}

static void unlink_chain(gosend_dedupe *d, uint32_t i)
{
	uint32_t *p = &d->buckets[bucket_of(d, d->slots[i].digest)];

	while (*p != i)
		p = &d->slots[*p].chain;
	*p = d->slots[i].chain;
	d->slots[i].chain = NONE;
}

static void unlink_recency(gosend_dedupe *d, uint32_t i)
{
	slot *s = &d->slots[i];

	if (s->newer != NONE)
		d->slots[s->newer].older = s->older;
	else
		d->newest = s->older;
	if (s->older != NONE)
		d->slots[s->older].newer = s->newer;
	else
		d->oldest = s->newer;
	s->newer = s->older = NONE;
}

static void push_newest(gosend_dedupe *d, uint32_t i)
{
	slot *s = &d->slots[i];

	s->newer = NONE;
	s->older = d->newest;
	if (d->newest != NONE)
		d->slots[d->newest].newer = i;
	d->newest = i;
	if (d->oldest == NONE)
		d->oldest = i;
}

int gosend_dedupe_check_and_add(gosend_dedupe *d, const char *id,
                                gosend_error **err)
{
	unsigned char digest[DIGEST_LEN] = {0};
	uint32_t i, b;
	int rc = digest_of(d, id, digest, err);

	if (rc < 0)
		return rc;
	pthread_mutex_lock(&d->lock);
	i = find(d, digest);
	if (i != NONE) {
		unlink_recency(d, i);
		push_newest(d, i);
		pthread_mutex_unlock(&d->lock);
		return 1;
	}
	if (d->free_list != NONE) {
		i = d->free_list;
		d->free_list = d->slots[i].chain;
		d->count++;
	} else if (d->used < d->capacity) {
		i = d->used++;
		d->count++;
	} else {
		i = d->oldest;
		unlink_recency(d, i);
		unlink_chain(d, i);
	}
	memcpy(d->slots[i].digest, digest, DIGEST_LEN);
	b = bucket_of(d, digest);
	d->slots[i].chain = d->buckets[b];
	d->buckets[b] = i;
	push_newest(d, i);
	pthread_mutex_unlock(&d->lock);
	return 0;
}

int gosend_dedupe_remove(gosend_dedupe *d, const char *id, gosend_error **err)
{
	unsigned char digest[DIGEST_LEN] = {0};
	uint32_t i;
	int rc = digest_of(d, id, digest, err);

	if (rc < 0)
		return rc;
	pthread_mutex_lock(&d->lock);
	i = find(d, digest);
	if (i == NONE) {
		pthread_mutex_unlock(&d->lock);
		return 0;
	}
	unlink_recency(d, i);
	unlink_chain(d, i);
	memset(d->slots[i].digest, 0, DIGEST_LEN);
	d->slots[i].chain = d->free_list;
	d->free_list = i;
	d->count--;
	pthread_mutex_unlock(&d->lock);
	return 1;
}

size_t gosend_dedupe_count(gosend_dedupe *d)
{
	size_t n;

	if (!d)
		return 0;
	pthread_mutex_lock(&d->lock);
	n = d->count;
	pthread_mutex_unlock(&d->lock);
	return n;
}
