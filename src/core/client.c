#define _GNU_SOURCE
#include "core/client.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>

#include <curl/curl.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/errors.h"
#include "core/check.h"
#include "gosendapi/version.h"

#define DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define DEFAULT_TIMEOUT_MS         GOSEND_DEFAULT_TIMEOUT_MS
#define DEFAULT_MAX_BODY           ((size_t)8 * 1024 * 1024)
#define DEFAULT_POOL               8U
#define DEFAULT_RETRIES            2
#define DEFAULT_RETRY_BASE_MS      500L
#define DEFAULT_RETRY_MAX_MS       5000L
#define DEFAULT_RETRY_AFTER_CAP_MS 60000L

_Static_assert(CURL_LOCK_DATA_LAST <= GOSEND__SHARE_LOCKS,
               "room for every libcurl share lock");

static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned int global_refs;
static int global_done;

const char *gosend_version(void)
{
	return GOSENDAPI_VERSION;
}

unsigned int gosend_version_num(void)
{
	return GOSENDAPI_VERSION_NUM;
}

int gosend_global_init(void)
{
	int rc = 0;

	pthread_mutex_lock(&global_lock);
	if (global_refs == 0 && !global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			rc = GOSEND_ERROR;
		else
			global_done = 1;
	}
	if (rc == 0)
		global_refs++;
	pthread_mutex_unlock(&global_lock);
	return rc;
}

void gosend_global_shutdown(void)
{
	pthread_mutex_lock(&global_lock);
	if (global_refs > 0 && --global_refs == 0 && global_done) {
		curl_global_cleanup();
		global_done = 0;
	}
	pthread_mutex_unlock(&global_lock);
}

/* Clients initialise libcurl on demand, once, without a reference. */
static int global_ensure(void)
{
	int rc = 0;

	pthread_mutex_lock(&global_lock);
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			rc = GOSEND_ERROR;
		else
			global_done = 1;
	}
	pthread_mutex_unlock(&global_lock);
	return rc;
}

int gosend_api_key_is_test(const char *api_key)
{
	return api_key && strncmp(api_key, "gsk_test_", 9) == 0;
}

/* The end of a member of the options. */
#define OPTIONS_END(member)                        \
	(offsetof(gosend_client_options, member) + \
	 sizeof(((gosend_client_options *)0)->member))

/* Size of the options a caller of `version` allocated: only that much is
 * read, never the fields of later versions (each version's last member's
 * end: never past it, whatever padding a later member brings). */
static size_t client_options_size(unsigned int version)
{
	if (version >= 4)
		return sizeof(gosend_client_options);
	if (version == 3)
		return OPTIONS_END(follow_rate_headers);
	if (version == 2)
		return OPTIONS_END(low_speed_bytes_per_s);
	return OPTIONS_END(log_payload);
}

int gosend_client_options_init(gosend_client_options *opts,
                               unsigned int version)
{
	if (!opts || version == 0 || version > GOSEND_CLIENT_OPTIONS_VERSION)
		return GOSEND_EINVAL;
	/* a caller of an older version allocated only that much */
	memset(opts, 0, client_options_size(version));
	opts->version = version;
	return GOSEND_OK;
}

static void share_lock(CURL *h, curl_lock_data data, curl_lock_access access,
                       void *payload)
{
	gosend_client *c = payload;

	(void)h;
	(void)access;
	pthread_mutex_lock(&c->share_locks[data]);
}

static void share_unlock(CURL *h, curl_lock_data data, void *payload)
{
	gosend_client *c = payload;

	(void)h;
	pthread_mutex_unlock(&c->share_locks[data]);
}

static long long default_clock(void *payload)
{
	struct timespec ts;

	(void)payload;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void default_sleep(long long ms, void *payload)
{
	struct timespec ts;

	(void)payload;
	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int gosend__os_random(unsigned char *out, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(out + got, n - got, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

static unsigned int default_random(void *payload)
{
	unsigned int v = 0;

	(void)payload;
	if (gosend__os_random((unsigned char *)&v, sizeof(v)) < 0)
		v = (unsigned int)default_clock(NULL) * 2654435761U;
	return v;
}

/*
 * Random bytes for keys, drawn from the OS a page at a time into a page of
 * the calling thread's that the kernel wipes in a child (MADV_WIPEONFORK,
 * Linux 4.14): a child made by fork(), _Fork() or clone() finds the pool
 * empty and draws its own, so it never repeats its parent's next keys.
 * Bytes are erased as they are handed out. Where the kernel does not wipe,
 * every key is drawn from the OS.
 */
#define KEY_POOL_SIZE 4096
typedef struct key_pool {
	size_t left;
	unsigned char bytes[KEY_POOL_SIZE - sizeof(size_t)];
} key_pool;

static _Thread_local key_pool *tl_pool;
static _Thread_local int tl_pool_tried;
static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
static pthread_key_t pool_key; /* unmaps a thread's page when it ends */
static int pool_key_ok;

static void pool_unmap(void *p)
{
	(void)munmap(p, KEY_POOL_SIZE);
}

static void pool_key_make(void)
{
	pool_key_ok = pthread_key_create(&pool_key, pool_unmap) == 0;
}

/* This thread's pool, or NULL when there is none. */
static key_pool *pool_get(void)
{
	void *p;

	if (tl_pool_tried)
		return tl_pool;
	tl_pool_tried = 1;
	(void)pthread_once(&pool_once, pool_key_make);
#ifdef MADV_WIPEONFORK
	if (!pool_key_ok)
		return NULL;
	p = mmap(NULL, KEY_POOL_SIZE, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (madvise(p, KEY_POOL_SIZE, MADV_WIPEONFORK) != 0 ||
	    pthread_setspecific(pool_key, p) != 0) {
		(void)munmap(p, KEY_POOL_SIZE);
		return NULL;
	}
	tl_pool = p;
#else
	(void)p;
#endif
	return tl_pool;
}

/* n bytes (n at most the pool's size) for a key. 0 or -1. */
static int key_random(unsigned char *out, size_t n)
{
	key_pool *p = pool_get();
	unsigned char *at;

	if (!p)
		return gosend__os_random(out, n);
	if (p->left < n) {
		if (gosend__os_random(p->bytes, sizeof(p->bytes)) < 0)
			return -1;
		p->left = sizeof(p->bytes);
	}
	at = p->bytes + sizeof(p->bytes) - p->left;
	memcpy(out, at, n);
	memset(at, 0, n);
	p->left -= n;
	return 0;
}

int gosend__uuid4(char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	size_t i, j = 0;

	if (key_random(b, sizeof(b)) < 0)
		return -1;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[j++] = '-';
		out[j++] = hex[b[i] >> 4];
		out[j++] = hex[b[i] & 15];
	}
	out[j] = '\0';
	return 0;
}

long long gosend__now_ms(gosend_client *c)
{
	return c->clock(c->hooks_payload);
}

void gosend__sleep_ms(gosend_client *c, long long ms)
{
	c->sleep(ms, c->hooks_payload);
}

unsigned int gosend__random(gosend_client *c)
{
	return c->random(c->hooks_payload);
}

static int key_ok(const char *key)
{
	size_t i, n;

	if (strncmp(key, "gsk_test_", 9) != 0 &&
	    strncmp(key, "gsk_live_", 9) != 0)
		return 0;
	n = strlen(key);
	if (n <= 9 || n > 512)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)key[i];
		if (ch <= 0x20 || ch >= 0x7f)
			return 0;
	}
	return 1;
}

static char *redact_key(const char *key)
{
	gosend__buf b = GOSEND__BUF_INIT;
	size_t n = strlen(key);

	gosend__buf_put(&b, key, n > 9 ? 9 : n);
	gosend__buf_puts(&b, "...");
	if (n > 17)
		gosend__buf_puts(&b, key + n - 4);
	return gosend__buf_detach(&b);
}

static int url_ok(const char *u)
{
	size_t i;

	if (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)
		return 0;
	for (i = 0; u[i]; i++) {
		unsigned char ch = (unsigned char)u[i];
		if (ch <= 0x20 || ch >= 0x7f || ch == '?' || ch == '#' ||
		    ch == '@')
			return 0;
	}
	return 1;
}

/* The host of an http:// URL is loopback: localhost, 127.0.0.0/8 or
 * [::1]. Decided on the text, before any name lookup. */
static int loopback_host(const char *u)
{
	const char *h = u + 7, *end = h + strcspn(h, "/");
	size_t n;
	int dots = 0;
	const char *p;

	if (*h == '[') {
		const char *close = memchr(h, ']', (size_t)(end - h));
		return close && close - h == 4 && memcmp(h, "[::1]", 5) == 0 &&
		       (close[1] == ':' || close + 1 == end);
	}
	n = strcspn(h, ":/");
	if (n == 9 && strncasecmp(h, "localhost", 9) == 0)
		return 1;
	if (n < 9 || strncmp(h, "127.", 4) != 0)
		return 0;
	/* 127.a.b.c with decimal parts of at most three digits */
	for (p = h + 4; p < h + n; p++) {
		if (*p == '.')
			dots++;
		else if (*p < '0' || *p > '9')
			return 0;
	}
	return dots == 2 && h[n - 1] != '.' && !strstr(h, "..");
}

/* Copy the caller's options into *dst (zeroed beyond its version). */
static void read_options(gosend_client_options *dst,
                         const gosend_client_options *src)
{
	memset(dst, 0, sizeof(*dst));
	memcpy(dst, src, client_options_size(src->version));
}

/* The options' numbers: timeouts, retries, rate. */
static int check_numbers(const gosend_client_options *o, gosend_error **err)
{
	if (o->connect_timeout_ms < 0 || o->timeout_ms < 0 ||
	    o->retry_base_ms < 0 || o->retry_max_ms < 0 ||
	    o->retry_after_cap_ms < 0 || o->deadline_ms < GOSEND_NO_DEADLINE ||
	    o->low_speed_time_s < -1 || o->low_speed_bytes_per_s < 0 ||
	    o->max_retries < GOSEND_NO_RETRIES || o->max_retries > 20)
		return gosend__fail(err, GOSEND_EINVAL, "options",
		                    "negative timeout or retry setting");
	/* 0, or 1..10^6; NaN fails both tests */
	if (!(o->rate_per_second <= 0 && o->rate_per_second >= 0) &&
	    !(o->rate_per_second >= 1 && o->rate_per_second <= 1e6))
		return gosend__fail(err, GOSEND_EINVAL, "rate_per_second",
		                    "rate_per_second must be 0 (no limit) or "
		                    "1..1000000");
	if (o->limiter && (o->rate_per_second != 0 || o->follow_rate_headers))
		return gosend__fail(err, GOSEND_EINVAL, "limiter",
		                    "a limiter replaces rate_per_second and "
		                    "follow_rate_headers: leave them 0");
	if (o->limiter && (o->limiter->version != GOSEND_LIMITER_VERSION ||
	                   !o->limiter->reserve))
		return gosend__fail(err, GOSEND_EINVAL, "limiter",
		                    "limiter of an unknown version or without "
		                    "reserve");
	return GOSEND_OK;
}

/* The caller's API key and options, checked before anything is made;
 * *base gets the base URL to use. */
static int check_new(const char *api_key, const gosend_client_options *o,
                     const char **base, gosend_error **err)
{
	if (!api_key || !*api_key)
		return gosend__fail(err, GOSEND_EINVAL, "api_key",
		                    "API key is missing");
	if (!key_ok(api_key))
		return gosend__fail(
		        err, GOSEND_EINVAL, "api_key",
		        "API key must start with gsk_test_ or gsk_live_ and "
		        "contain only printable characters without spaces");
	*base = o && o->base_url ? o->base_url : GOSEND_DEFAULT_BASE_URL;
	if (!url_ok(*base))
		return gosend__fail(err, GOSEND_EINVAL, "base_url",
		                    "base URL must be http:// or https:// "
		                    "without spaces, user info, query or "
		                    "fragment");
	if (strncmp(*base, "http://", 7) == 0 && !loopback_host(*base) &&
	    !(o && o->allow_insecure_http))
		return gosend__fail(
		        err, GOSEND_EINVAL, "base_url",
		        "plain http:// would send the API key in "
		        "clear text: use https://, a loopback host, "
		        "or set allow_insecure_http");
	if (!o)
		return GOSEND_OK;
	if ((o->user_agent && !gosend__header_value_ok(o->user_agent, 256)) ||
	    (o->proxy && !gosend__header_value_ok(o->proxy, 2048)))
		return gosend__fail(err, GOSEND_EINVAL,
		                    o->proxy ? "proxy" : "user_agent",
		                    "option contains control characters");
	return check_numbers(o, err);
}

/* The client's strings: key, key header line, masked key, base URL,
 * User-Agent, CA file, proxy. 0, or -1 when out of memory (what was made
 * stays for gosend_client_free). */
static int copy_strings(gosend_client *c, const char *api_key, const char *base,
                        const gosend_client_options *o)
{
	gosend__buf b = GOSEND__BUF_INIT;
	size_t len = strlen(base);

	c->api_key = gosend__strdup(api_key);
	gosend__buf_printf(&b, "X-API-Key: %s", api_key);
	c->key_header = gosend__buf_detach(&b);
	c->key_redacted = redact_key(api_key);
	while (len > 0 && base[len - 1] == '/')
		len--;
	c->base_url = gosend__strndup(base, len);
	gosend__buf_puts(&b, "User-Agent: ");
	if (o && o->user_agent)
		gosend__buf_printf(&b, "%s ", o->user_agent);
	gosend__buf_printf(&b, "gosendapi-c/%s libcurl/%s", GOSENDAPI_VERSION,
	                   curl_version_info(CURLVERSION_NOW)->version);
	c->ua_header = gosend__buf_detach(&b);
	c->ca_file = o && o->ca_file ? gosend__strdup(o->ca_file) : NULL;
	c->proxy = o && o->proxy ? gosend__strdup(o->proxy) : NULL;
	if (!c->api_key || !c->key_header || !c->key_redacted || !c->base_url ||
	    !c->ua_header || (o && o->ca_file && !c->ca_file) ||
	    (o && o->proxy && !c->proxy))
		return -1;
	return 0;
}

#define OPT(field, def) ((o && o->field) ? o->field : (def))

/* The numbers and hooks of the options, defaults where they are 0. */
static void apply_settings(gosend_client *c, const gosend_client_options *o)
{
	c->connect_timeout_ms =
	        OPT(connect_timeout_ms, DEFAULT_CONNECT_TIMEOUT_MS);
	c->timeout_ms = OPT(timeout_ms, DEFAULT_TIMEOUT_MS);
	c->max_body = OPT(max_response_bytes, DEFAULT_MAX_BODY);
	c->pool_size = OPT(pool_size, DEFAULT_POOL);
	c->max_retries = OPT(max_retries, DEFAULT_RETRIES);
	if (c->max_retries < 0)
		c->max_retries = 0;
	c->retry_base_ms = OPT(retry_base_ms, DEFAULT_RETRY_BASE_MS);
	c->retry_max_ms = OPT(retry_max_ms, DEFAULT_RETRY_MAX_MS);
	c->retry_after_cap_ms =
	        OPT(retry_after_cap_ms, DEFAULT_RETRY_AFTER_CAP_MS);
	c->deadline_ms = OPT(deadline_ms, GOSEND_DEFAULT_DEADLINE_MS);
	if (c->deadline_ms < 0)
		c->deadline_ms = 0; /* GOSEND_NO_DEADLINE */
	c->low_speed_time_s =
	        OPT(low_speed_time_s, GOSEND_DEFAULT_LOW_SPEED_TIME_S);
	if (c->low_speed_time_s < 0)
		c->low_speed_time_s = 0; /* off */
	c->low_speed_bytes_per_s = OPT(low_speed_bytes_per_s, 1L);
	c->on_retry = o ? o->on_retry : NULL;
	c->on_retry_payload = o ? o->on_retry_payload : NULL;
	c->clock = OPT(clock, default_clock);
	c->sleep = OPT(sleep, default_sleep);
	c->random = OPT(random, default_random);
	c->hooks_payload = o ? o->hooks_payload : NULL;
	c->log = o ? o->log : NULL;
	c->log_level = c->log ? OPT(log_level, GOSEND_LOG_INFO) : 0;
	c->log_payload = o ? o->log_payload : NULL;
}

/* The client's rate limiter. Its wall clock is the `clock` hook when one
 * is set (tests drive both with one fake clock), else the real one.
 * 0 or -1. */
static int limit_setup(gosend_client *c, const gosend_client_options *o)
{
	if (!o)
		return 0; /* limits nothing (c is zeroed) */
	c->limiter = o->limiter;
	if (c->limiter)
		return 0; /* the own one limits nothing */
	return gosend__shared_limiter_init(
	        &c->limit, o->rate_per_second, o->follow_rate_headers != 0,
	        c->retry_after_cap_ms, o->clock, c->hooks_payload);
}

/* The share of DNS cache and TLS sessions between the client's handles.
 * 0 or -1. */
static int share_setup(gosend_client *c)
{
	if (curl_share_setopt(c->share, CURLSHOPT_LOCKFUNC, share_lock) ||
	    curl_share_setopt(c->share, CURLSHOPT_UNLOCKFUNC, share_unlock) ||
	    curl_share_setopt(c->share, CURLSHOPT_USERDATA, c) ||
	    curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) ||
	    /* DNS and TLS sessions only: libcurl's connection cache is not
	     * safe to share between threads (each pooled handle keeps its
	     * own warm connection instead) */
	    curl_share_setopt(c->share, CURLSHOPT_SHARE,
	                      CURL_LOCK_DATA_SSL_SESSION))
		return -1;
	return 0;
}

int gosend_client_new(gosend_client **out, const char *api_key,
                      const gosend_client_options *given, gosend_error **err)
{
	gosend_client_options copy;
	const gosend_client_options *o = NULL;
	gosend_client *c;
	const char *base = NULL;
	int i, rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (given && (given->version == 0 ||
	              given->version > GOSEND_CLIENT_OPTIONS_VERSION))
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown options version %u",
		                    given->version);
	if (given) {
		read_options(&copy, given);
		o = &copy;
	}
	rc = check_new(api_key, o, &base, err);
	if (rc < 0)
		return rc;
	if (global_ensure() < 0)
		return gosend__fail(err, GOSEND_ERROR, NULL,
		                    "curl_global_init failed");
	c = gosend__calloc(1, sizeof(*c));
	if (!c)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	for (i = 0; i < CURL_LOCK_DATA_LAST; i++)
		pthread_mutex_init(&c->share_locks[i], NULL);
	c->is_test = gosend_api_key_is_test(api_key);
	rc = copy_strings(c, api_key, base, o);
	apply_settings(c, o);
	if (limit_setup(c, o) < 0)
		rc = -1;
	if (gosend__pool_init(&c->pool, c->pool_size) < 0)
		rc = -1;
	c->share = curl_share_init();
	if (rc < 0 || !c->share) {
		gosend_client_free(c);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	if (share_setup(c) < 0) {
		gosend_client_free(c);
		return gosend__fail(err, GOSEND_ENOMEM, NULL,
		                    "cannot set up the connection cache");
	}
	*out = c;
	return GOSEND_OK;
}

int gosend_client_new_from_env(gosend_client **out,
                               const gosend_client_options *opts,
                               gosend_error **err)
{
	const char *key = getenv("GOSENDAPI_KEY");
	const char *base = getenv("GOSENDAPI_BASE_URL");
	gosend_client_options o;

	if (err)
		*err = NULL;
	if (out)
		*out = NULL;
	if (!key || !*key)
		return gosend__fail(err, GOSEND_EINVAL, "GOSENDAPI_KEY",
		                    "GOSENDAPI_KEY is not set");
	if (opts && (opts->version == 0 ||
	             opts->version > GOSEND_CLIENT_OPTIONS_VERSION))
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown options version %u",
		                    opts->version);
	if (opts) {
		read_options(&o, opts);
		o.version =
		        GOSEND_CLIENT_OPTIONS_VERSION; /* zeroed: defaults */
	} else {
		gosend_client_options_init(&o, GOSEND_CLIENT_OPTIONS_VERSION);
	}
	if (!o.base_url && base && *base)
		o.base_url = base;
	return gosend_client_new(out, key, &o, err);
}

void gosend_client_free(gosend_client *c)
{
	int l;

	if (!c)
		return;
	/* the pooled handles use the share: they go first */
	gosend__pool_dispose(&c->pool);
	if (c->share)
		curl_share_cleanup(c->share);
	for (l = 0; l < CURL_LOCK_DATA_LAST; l++)
		pthread_mutex_destroy(&c->share_locks[l]);
	gosend__shared_limiter_dispose(&c->limit);
	if (c->api_key)
		memset(c->api_key, 0, strlen(c->api_key));
	if (c->key_header)
		memset(c->key_header, 0, strlen(c->key_header));
	gosend__free(c->api_key);
	gosend__free(c->key_header);
	gosend__free(c->key_redacted);
	gosend__free(c->base_url);
	gosend__free(c->ua_header);
	gosend__free(c->ca_file);
	gosend__free(c->proxy);
	gosend__free(c);
}

int gosend_client_is_test(const gosend_client *c)
{
	return c ? c->is_test : 0;
}

const char *gosend_client_base_url(const gosend_client *c)
{
	return c ? c->base_url : "";
}

/* The client's rate limit: the limiter of its options, else its own
 * shared limiter (core/ratelimit.c). */
long long gosend__rate_admit(gosend_client *c, long long *start_ms)
{
	if (c->limiter)
		return gosend_limiter_reserve(c->limiter, start_ms);
	return gosend__shared_limiter_admit(&c->limit, start_ms);
}

void gosend__rate_settle(gosend_client *c, long long start_ms,
                         const gosend_meta *m)
{
	if (c->limiter)
		gosend_limiter_report(c->limiter, start_ms, m);
	else
		gosend__shared_limiter_settle(&c->limit, start_ms, m);
}
