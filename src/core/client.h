/* Internal layout of gosend_client. */
#ifndef GOSEND_CLIENT_INT_H
#define GOSEND_CLIENT_INT_H

#include <pthread.h>

#include "core/pool.h"
#include "core/ratelimit.h"
#include "gosendapi/client.h"

/* Locks of the shared libcurl data (at least CURL_LOCK_DATA_LAST). */
#define GOSEND__SHARE_LOCKS 16

struct gosend_client {
	char *api_key;
	char *key_header; /* "X-API-Key: ..." */
	char *key_redacted;
	int is_test;
	char *base_url;
	char *ua_header; /* "User-Agent: ..." */
	char *ca_file;
	char *proxy;
	long connect_timeout_ms;
	long timeout_ms;
	size_t max_body;
	int max_retries;
	long retry_base_ms;
	long retry_max_ms;
	long retry_after_cap_ms;
	long deadline_ms;      /* 0: none */
	long low_speed_time_s; /* 0: off */
	long low_speed_bytes_per_s;
	gosend_retry_fn on_retry;
	void *on_retry_payload;
	gosend_clock_fn clock;
	gosend_sleep_fn sleep;
	gosend_random_fn random;
	void *hooks_payload;
	gosend_log_fn log;
	int log_level;
	void *log_payload;

	unsigned int pool_size;
	gosend__pool pool; /* warm transfers (core/transport.c) */
	void *share;       /* CURLSH *: DNS cache and TLS sessions */
	pthread_mutex_t share_locks[GOSEND__SHARE_LOCKS];
	/* the client-side rate limit of every call (core/ratelimit.h) */
	gosend__shared_limiter limit;
	/* the options' limiter, used instead of `limit`; not owned */
	gosend_limiter *limiter;
};

long long gosend__now_ms(gosend_client *c);
void gosend__sleep_ms(gosend_client *c, long long ms);
unsigned int gosend__random(gosend_client *c);
/* Fill 16 bytes from the OS CSPRNG; 0 or -1. */
int gosend__os_random(unsigned char *out, size_t n);
/* A UUIDv4 string into out[37]. */
int gosend__uuid4(char out[37]);

#endif
