/* Internal layout of gosend_client. */
#ifndef GOSEND_CLIENT_INT_H
#define GOSEND_CLIENT_INT_H

#include <pthread.h>

#include <curl/curl.h>

#include "gosendapi/client.h"

struct gosend_client {
	char *api_key;
	char *key_header; /* "X-API-Key: ..." */
	char *key_redacted;
	int is_test;
	char *base_url;
	char *user_agent;
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

	pthread_mutex_t pool_lock;
	CURL **pool;
	unsigned int pool_size;
	unsigned int pool_count;
	CURLSH *share;
	pthread_mutex_t share_locks[CURL_LOCK_DATA_LAST];
};

CURL *gosend__handle_acquire(gosend_client *c);
void gosend__handle_release(gosend_client *c, CURL *h);

long long gosend__now_ms(gosend_client *c);
void gosend__sleep_ms(gosend_client *c, long long ms);
unsigned int gosend__random(gosend_client *c);
/* Fill 16 bytes from the OS CSPRNG; 0 or -1. */
int gosend__os_random(unsigned char *out, size_t n);
/* A UUIDv4 string into out[37]. */
int gosend__uuid4(char out[37]);

void gosend__log(gosend_client *c, int level, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 3, 4)))
#endif
        ;
/* A malloc'd NUL-terminated copy of text with every occurrence of the
 * client's API key replaced by its masked form; *outlen its length. NULL
 * when out of memory. */
char *gosend__mask_key(const gosend_client *c, const char *text, size_t len,
                       size_t *outlen);
/* Copy text into out replacing the API key and whsec_ secrets. */
void gosend__redact(const gosend_client *c, const char *in, size_t len,
                    char *out, size_t outsz);

#endif
