/*
 * The Redis limiter (gosendapi/redis.h) against a real redis-server
 * started on a free loopback port for each test: the options checked;
 * two limiters on one key share one schedule (never more than the rate in
 * a Unix second, the Redis key a hash of the API key, rate and burst
 * stored beside the state); a process configured otherwise follows the
 * stored values and says so; a 429 seen by one pushes the other back and
 * an X-RateLimit-Limit lowers the stored rate; Redis killed: the fallback
 * answers within the bound, logs it, and the shared limit comes back with
 * Redis; Redis unreachable from the start: the fallback at once.
 */
#define _GNU_SOURCE
#include <math.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/redis.h"
#include "redisserver.h"

/* bounds on elapsed time are multiplied by this (valgrind, sanitizers) */
#ifndef GOSEND_TEST_SLOW
#define GOSEND_TEST_SLOW 1
#endif
#define SLOW(ms) ((ms)*GOSEND_TEST_SLOW)

#define KEY  "gsk_test_redislimit0123456789"
#define KEY2 "gsk_test_redislimitOTHERKEY99"

typedef struct logbuf {
	char text[8192];
	size_t len;
	int warnings, errors;
} logbuf;

static void collect(int level, const char *line, void *payload)
{
	logbuf *b = payload;
	int k;

	if (level == GOSEND_LOG_WARN)
		b->warnings++;
	if (level == GOSEND_LOG_ERROR)
		b->errors++;
	k = snprintf(b->text + b->len, sizeof(b->text) - b->len, "%s\n", line);
	if (k > 0 && (size_t)k < sizeof(b->text) - b->len)
		b->len += (size_t)k;
}

/* A log callback that calls the limiter back (no lock is held). */
static gosend_limiter *asked;
static int asked_ok;

static void collect_and_ask(int level, const char *line, void *payload)
{
	gosend_redis_limiter_stats st;

	collect(level, line, payload);
	if (asked && gosend_redis_limiter_stats_get(asked, &st) == 0)
		asked_ok++;
}

static long long wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap(long long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	nanosleep(&ts, NULL);
}

/* "gosendapi:rl:{SHA-256 of the key in hex}". */
static const char *state_key(const char *api_key)
{
	static char out[128];
	unsigned char d[SHA256_DIGEST_LENGTH];
	size_t i, n;

	SHA256((const unsigned char *)api_key, strlen(api_key), d);
	n = (size_t)snprintf(out, sizeof(out), "gosendapi:rl:{");
	for (i = 0; i < sizeof(d); i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%02x", d[i]);
	snprintf(out + n, sizeof(out) - n, "}");
	return out;
}

static gosend_limiter *make(const char *url, const char *key, double rate,
                            logbuf *log)
{
	gosend_redis_limiter_options o = GOSEND_REDIS_LIMITER_OPTIONS_INIT;
	gosend_limiter *l = NULL;
	gosend_error *e = NULL;

	o.url = url;
	o.api_key = key;
	o.rate_per_second = rate;
	o.retry_ms = 100;
	o.timeout_ms = SLOW(1000); /* a loaded machine: no fallback */
	o.log = log ? collect : NULL;
	o.log_payload = log;
	if (gosend_redis_limiter_new(&l, &o, &e) != 0)
		fail_msg("gosend_redis_limiter_new: %s", e ? e->message : "?");
	return l;
}

/* Wait as told until the limiter admits; the wall time of admission, or
 * -1 after `bound_ms`. */
static long long acquire(gosend_limiter *l, long long bound_ms,
                         long long *ticket)
{
	long long t0 = wall_ms(), w;

	while ((w = gosend_limiter_reserve(l, ticket)) > 0) {
		if (wall_ms() - t0 > bound_ms)
			return -1;
		nap(w);
	}
	return wall_ms();
}

static int setup(void **state)
{
	test_redis *r = calloc(1, sizeof(*r));

	if (!r || test_redis_start(r) != 0) {
		free(r);
		return -1;
	}
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	test_redis_stop(*state, 0);
	free(*state);
	return 0;
}

static void expect_einval(gosend_redis_limiter_options *o, const char *field)
{
	gosend_limiter *l = (gosend_limiter *)o;
	gosend_error *e = NULL;

	assert_int_equal(gosend_redis_limiter_new(&l, o, &e), GOSEND_EINVAL);
	assert_null(l);
	assert_non_null(e);
	assert_string_equal(e->field, field);
	gosend_error_free(e);
}

static void test_redis__options_checked(void **state)
{
	static const char *bad_urls[] = {
	        NULL,
	        "http://127.0.0.1:6379",
	        "redis://",
	        "redis://:6379",
	        "redis://host:0",
	        "redis://host:65536",
	        "redis://host:12ab",
	        "redis://host/db",
	        "redis://host/1/2",
	        "redis://user@host",
	        "redis://host\r\n:1",
	        "redis://[::1]:6379",
	        "redis://user:@host",
	        "redis://:@host",
	        "redis://:p%zz@host",
	        "redis://:p%0@host",
	        "redis://:p%00q@host",
	};
	gosend_redis_limiter_options o = GOSEND_REDIS_LIMITER_OPTIONS_INIT;
	gosend_local_limiter_options lo = GOSEND_LOCAL_LIMITER_OPTIONS_INIT;
	gosend_redis_limiter_stats st;
	gosend_limiter *l = NULL;
	gosend_error *e = NULL;
	size_t i;

	(void)state;
	o.api_key = KEY;
	o.rate_per_second = 10;
	for (i = 0; i < sizeof(bad_urls) / sizeof(bad_urls[0]); i++) {
		o.url = bad_urls[i];
		expect_einval(&o, "url");
	}
	o.url = "redis://:secret@127.0.0.1:1/3";
	o.api_key = "";
	expect_einval(&o, "api_key");
	o.api_key = KEY;
	o.rate_per_second = NAN;
	expect_einval(&o, "rate_per_second");
	o.rate_per_second = 0.5;
	expect_einval(&o, "rate_per_second");
	o.rate_per_second = 10;
	o.burst = 1001;
	expect_einval(&o, "burst");
	o.burst = 0;
	o.fallback_share = 1.5;
	expect_einval(&o, "fallback_share");
	o.fallback_share = 0;
	o.timeout_ms = -1;
	expect_einval(&o, "timeout_ms");
	o.timeout_ms = 0;
	o.version = 0;
	expect_einval(&o, "opts.version");
	assert_int_equal(gosend_redis_limiter_new(&l, NULL, &e), GOSEND_EINVAL);
	gosend_error_free(e);
	assert_int_equal(gosend_redis_limiter_new(NULL, &o, NULL),
	                 GOSEND_EINVAL);
	/* the stats of another kind of limiter */
	assert_int_equal(gosend_local_limiter_new(&l, &lo, NULL), 0);
	assert_int_equal(gosend_redis_limiter_stats_get(l, &st), GOSEND_EINVAL);
	assert_int_equal(gosend_redis_limiter_stats_get(NULL, &st),
	                 GOSEND_EINVAL);
	gosend_limiter_free(l);
}

/* Two limiters on one key for about 2.5 s: never more than the rate in
 * one Unix second (counted on the local clock, which is Redis's here),
 * and close to it in the full seconds. */
static void test_redis__one_schedule(void **state)
{
	test_redis *r = *state;
	gosend_limiter *a = make(r->url, KEY, 20, NULL);
	gosend_limiter *b = make(r->url, KEY, 20, NULL);
	gosend_redis_limiter_stats sa, sb;
	unsigned int per_sec[8] = {0};
	long long t0 = wall_ms() / 1000, ticket = 0, w, now;
	char keys[512];
	unsigned int i, turn = 0;

	for (;;) {
		gosend_limiter *l = turn++ % 2 ? a : b;
		now = wall_ms();
		if (now / 1000 >= t0 + 3)
			break;
		w = gosend_limiter_reserve(l, &ticket);
		if (w > 0) {
			nap(w < 5 ? w : 5);
			continue;
		}
		assert_int_equal(ticket, -1);
		per_sec[now / 1000 - t0]++;
		gosend_limiter_report(l, ticket, NULL);
	}
	for (i = 0; i < 3; i++)
		assert_true(per_sec[i] <= 20);
	/* the full seconds: both together near the rate */
	assert_true(per_sec[1] + per_sec[2] >= 30);
	assert_int_equal(gosend_redis_limiter_stats_get(a, &sa), 0);
	assert_int_equal(gosend_redis_limiter_stats_get(b, &sb), 0);
	assert_true(sa.granted > 0 && sb.granted > 0);
	assert_int_equal(sa.processes, 2);
	assert_int_equal(sa.in_fallback, 0);
	assert_int_equal(sa.fallbacks, 0);
	assert_true(sa.rate_per_second == 20);
	/* the state's key: a hash of the API key, rate and burst stored */
	assert_int_equal(
	        test_redis_cmd(r, keys, sizeof(keys), "KEYS", "*", NULL), -1);
	assert_null(strstr(keys, KEY));
	assert_non_null(strstr(keys, "gosendapi:rl:{"));
	assert_int_equal(
	        test_redis_cmd(r, NULL, 0, "EXISTS", state_key(KEY), NULL), 1);
	gosend_limiter_free(a);
	gosend_limiter_free(b);
}

/* The key's stored values win over a process configured otherwise. */
static void test_redis__stored_values_win(void **state)
{
	test_redis *r = *state;
	logbuf la, lb;
	gosend_limiter *a, *b;
	gosend_redis_limiter_stats st;
	long long ticket = 0;
	char rate[64];

	memset(&la, 0, sizeof(la));
	memset(&lb, 0, sizeof(lb));
	a = make(r->url, KEY, 20, &la);
	assert_true(acquire(a, 5000, &ticket) > 0);
	b = make(r->url, KEY, 50, &lb);
	assert_true(acquire(b, 5000, &ticket) > 0);
	assert_int_equal(gosend_redis_limiter_stats_get(b, &st), 0);
	assert_true(st.rate_per_second == 20);
	assert_int_equal(lb.warnings, 1);
	assert_non_null(strstr(lb.text, "stored rate 20.000/s"));
	assert_int_equal(la.warnings, 0);
	assert_int_equal(test_redis_cmd(r, rate, sizeof(rate), "HGET",
	                                state_key(KEY), "rate", NULL),
	                 -1);
	assert_string_equal(rate, "20.000");
	gosend_limiter_free(a);
	gosend_limiter_free(b);
}

/* A 429 seen by one limiter holds the other back for its Retry-After;
 * an X-RateLimit-Limit below the stored rate lowers it. */
static void test_redis__429_pushes_everyone(void **state)
{
	test_redis *r = *state;
	gosend_limiter *a = make(r->url, KEY2, 20, NULL);
	gosend_limiter *b = make(r->url, KEY2, 20, NULL);
	gosend_redis_limiter_stats st;
	gosend_meta m;
	long long ticket = 0, t_report, t_b, w;

	memset(&m, 0, sizeof(m));
	m.http_status = 429;
	m.retry_after_s = 1;
	m.ratelimit_limit = 10;
	m.ratelimit_remaining = -1;
	m.ratelimit_reset = -1;
	m.server_date = -1;
	assert_true(acquire(a, 5000, &ticket) > 0);
	t_report = wall_ms();
	gosend_limiter_report(a, ticket, &m);
	/* a itself waits at once, without asking Redis */
	w = gosend_limiter_reserve(a, &ticket);
	assert_true(w > 500 && w <= 1000);
	/* the push and then the lower limit reach Redis on a's thread, one
	 * round trip each (the schedule's next slot a second away, the
	 * stored rate 10): then b asks */
	for (;;) {
		char tat[64] = "", rate[64] = "";
		assert_true(wall_ms() - t_report < 5000);
		test_redis_cmd(r, tat, sizeof(tat), "HGET", state_key(KEY2),
		               "tat", NULL);
		test_redis_cmd(r, rate, sizeof(rate), "HGET", state_key(KEY2),
		               "rate", NULL);
		if (atof(tat) >= (double)(t_report + 900) && atof(rate) == 10)
			break;
		nap(1);
	}
	t_b = acquire(b, 5000, &ticket);
	assert_true(t_b - t_report >= 900);
	assert_int_equal(gosend_redis_limiter_stats_get(b, &st), 0);
	assert_true(st.rate_per_second == 10);
	gosend_limiter_free(a);
	gosend_limiter_free(b);
}

/* The rate Redis holds for the key, 0 when none. */
static double stored_rate(test_redis *r, const char *key)
{
	char v[64] = "";

	test_redis_cmd(r, v, sizeof(v), "HGET", state_key(key), "rate", NULL);
	return atof(v);
}

/* l reports an answer with X-RateLimit-Limit `limit`; then Redis holds
 * `want` (within 5 s: the limiter's thread takes it there). */
static void limit_to(test_redis *r, gosend_limiter *l, long limit, double want)
{
	gosend_meta m;
	long long ticket = 0, t0;

	memset(&m, 0, sizeof(m));
	m.http_status = 201;
	m.ratelimit_limit = limit;
	m.ratelimit_remaining = -1;
	m.ratelimit_reset = -1;
	m.server_date = -1;
	assert_true(acquire(l, 5000, &ticket) > 0);
	gosend_limiter_report(l, ticket, &m);
	t0 = wall_ms();
	while (stored_rate(r, KEY2) != want) {
		assert_true(wall_ms() - t0 < 5000);
		nap(1);
	}
}

/* l takes slots (each may bring a round trip) until it reports the
 * shared rate `want` (within 5 s). */
static void wait_rate(gosend_limiter *l, double want)
{
	gosend_redis_limiter_stats st;
	long long ticket = 0, t0 = wall_ms();

	for (;;) {
		assert_true(acquire(l, 5000, &ticket) > 0);
		assert_int_equal(gosend_redis_limiter_stats_get(l, &st), 0);
		if (st.rate_per_second == want)
			return;
		assert_true(wall_ms() - t0 < 5000);
	}
}

/* The server's limit moves the shared rate both ways: down to it, and
 * back up with a later, higher one, never past the rate the key was
 * first stored with (its base). */
static void test_redis__limit_moves_both_ways(void **state)
{
	test_redis *r = *state;
	gosend_limiter *a = make(r->url, KEY2, 20, NULL);
	gosend_limiter *b;
	gosend_redis_limiter_stats st;
	long long ticket = 0;
	char base[64] = "";

	limit_to(r, a, 10, 10);
	limit_to(r, a, 15, 15);
	limit_to(r, a, 50, 20); /* the base */
	assert_int_equal(test_redis_cmd(r, base, sizeof(base), "HGET",
	                                state_key(KEY2), "base", NULL),
	                 -1);
	assert_string_equal(base, "20.000");
	limit_to(r, a, 12, 12);
	/* a process configured for more follows what Redis holds */
	b = make(r->url, KEY2, 50, NULL);
	assert_true(acquire(b, 5000, &ticket) > 0);
	assert_int_equal(gosend_redis_limiter_stats_get(b, &st), 0);
	assert_true(st.rate_per_second == 12);
	/* and raises it no further than the base either */
	limit_to(r, b, 50, 20);
	/* a, once it has seen the rate move, sends its old limit again */
	wait_rate(a, 20);
	limit_to(r, a, 12, 12);
	gosend_limiter_free(a);
	gosend_limiter_free(b);
}

/* A key stored before the base existed (its rate maybe lowered) takes
 * the higher of its rate and the process's as its base: the server's
 * limit can raise it again. */
static void test_redis__limit_raises_an_older_key(void **state)
{
	test_redis *r = *state;
	gosend_limiter *a;
	char base[64] = "", ok[16] = "";

	assert_int_equal(test_redis_cmd(r, ok, sizeof(ok), "HSET",
	                                state_key(KEY2), "rate", "10", "burst",
	                                "1", NULL),
	                 2);
	a = make(r->url, KEY2, 20, NULL);
	wait_rate(a, 10);
	limit_to(r, a, 50, 20);
	assert_int_equal(test_redis_cmd(r, base, sizeof(base), "HGET",
	                                state_key(KEY2), "base", NULL),
	                 -1);
	assert_string_equal(base, "20.000");
	gosend_limiter_free(a);
}

/* X-RateLimit-Remaining 0 holds the limiter until X-RateLimit-Reset, a
 * Unix time against the answer's Date or seconds from now. */
static void test_redis__remaining_zero_waits(void **state)
{
	test_redis *r = *state;
	gosend_limiter *a = make(r->url, KEY2, 20, NULL);
	gosend_meta m;
	long long ticket = 0, now, w;

	memset(&m, 0, sizeof(m));
	m.http_status = 201;
	m.ratelimit_limit = -1;
	m.ratelimit_remaining = 0;
	assert_true(acquire(a, 5000, &ticket) > 0);
	now = wall_ms();
	m.server_date = now / 1000;
	m.ratelimit_reset = now / 1000 + 2;
	gosend_limiter_report(a, ticket, &m);
	w = gosend_limiter_reserve(a, &ticket);
	assert_true(w > 1000 - 50 && w <= 2000);
	assert_int_equal(ticket, 0);
	gosend_limiter_free(a);

	a = make(r->url, KEY, 20, NULL);
	assert_true(acquire(a, 5000, &ticket) > 0);
	m.ratelimit_reset = 3; /* seconds from now */
	m.server_date = -1;
	gosend_limiter_report(a, ticket, &m);
	w = gosend_limiter_reserve(a, &ticket);
	assert_true(w > 2900 && w <= 3000);
	gosend_limiter_free(a);
}

/* Redis killed: the fallback answers within the bound and says so;
 * Redis back on the same port: the shared limit again. */
static void test_redis__fallback_and_back(void **state)
{
	test_redis *r = *state;
	logbuf log;
	gosend_limiter *a;
	gosend_redis_limiter_stats st;
	gosend_meta m;
	long long ticket = 0, t0, t;
	int i;

	memset(&log, 0, sizeof(log));
	a = make(r->url, KEY, 50, &log);
	assert_true(acquire(a, 5000, &ticket) > 0);
	gosend_limiter_report(a, ticket, NULL);
	test_redis_stop(r, 1);
	/* the next slots: from the fallback, each wait bounded */
	t0 = wall_ms();
	for (i = 0; i < 5; i++) {
		t = acquire(a, 2000, &ticket);
		assert_true(t > 0);
		gosend_limiter_report(a, ticket, NULL);
	}
	assert_true(wall_ms() - t0 < SLOW(3000));
	assert_int_equal(gosend_redis_limiter_stats_get(a, &st), 0);
	assert_int_equal(st.in_fallback, 1);
	assert_int_equal(st.fallbacks, 1);
	assert_int_equal(log.errors, 1);
	assert_non_null(strstr(log.text, "failed"));
	/* back: a new server on the same port */
	assert_int_equal(test_redis_start_on(r, r->port), 0);
	t0 = wall_ms();
	do {
		assert_true(acquire(a, 2000, &ticket) > 0);
		gosend_limiter_report(a, ticket, NULL);
		assert_int_equal(gosend_redis_limiter_stats_get(a, &st), 0);
	} while (st.in_fallback && wall_ms() - t0 < SLOW(5000));
	assert_int_equal(st.in_fallback, 0);
	assert_non_null(strstr(log.text, "answers again"));
	/* the stored rate lowered to 20: the next fallback follows it */
	memset(&m, 0, sizeof(m));
	m.http_status = 200;
	m.ratelimit_limit = 20;
	m.ratelimit_remaining = -1;
	m.ratelimit_reset = -1;
	m.server_date = -1;
	gosend_limiter_report(a, ticket, &m);
	t0 = wall_ms();
	do {
		assert_true(acquire(a, 2000, &ticket) > 0);
		gosend_limiter_report(a, ticket, NULL);
		assert_int_equal(gosend_redis_limiter_stats_get(a, &st), 0);
	} while (st.rate_per_second != 20 && wall_ms() - t0 < SLOW(5000));
	assert_true(st.rate_per_second == 20);
	test_redis_stop(r, 1);
	t0 = wall_ms();
	do {
		assert_true(acquire(a, 2000, &ticket) > 0);
		gosend_limiter_report(a, ticket, NULL);
		assert_int_equal(gosend_redis_limiter_stats_get(a, &st), 0);
	} while (!st.in_fallback && wall_ms() - t0 < SLOW(5000));
	assert_true(acquire(a, 2000, &ticket) > 0);
	assert_true(ticket > 0); /* the second fallback's */
	gosend_limiter_report(a, ticket, NULL);
	assert_int_equal(st.fallbacks, 2);
	assert_non_null(strstr(log.text, "20.000/s on its own"));
	gosend_limiter_free(a);
}

/* A password and a db in the URL: AUTH and SELECT; a wrong password is a
 * failure like any other (the fallback, a log line). */
static void test_redis__password_and_db(void **state)
{
	test_redis *r = *state;
	char url[128], ok[16] = "";
	logbuf log;
	gosend_limiter *l;
	gosend_redis_limiter_stats st;
	long long ticket = 0;

	memset(&log, 0, sizeof(log));
	assert_int_equal(test_redis_cmd(r, ok, sizeof(ok), "CONFIG", "SET",
	                                "requirepass", "s3cret", NULL),
	                 -1);
	assert_string_equal(ok, "OK");
	snprintf(url, sizeof(url), "redis://:s3cret@127.0.0.1:%d/5", r->port);
	l = make(url, KEY, 20, &log);
	assert_true(acquire(l, 5000, &ticket) > 0);
	assert_int_equal(ticket, -1); /* a slot from Redis */
	assert_int_equal(gosend_redis_limiter_stats_get(l, &st), 0);
	assert_int_equal(st.in_fallback, 0);
	assert_int_equal(log.errors, 0);
	gosend_limiter_free(l);

	snprintf(url, sizeof(url), "redis://default:wrong@127.0.0.1:%d/5",
	         r->port);
	l = make(url, KEY, 20, &log);
	assert_true(acquire(l, 3000, &ticket) > 0);
	assert_true(ticket > 0); /* the fallback's */
	gosend_limiter_report(l, ticket, NULL);
	assert_int_equal(log.errors, 1);
	assert_non_null(strstr(log.text, "failed"));
	gosend_limiter_free(l);
}

/* Redis hung (SIGSTOP): the fallback within timeout_ms plus the next
 * second, however many commands a round trip needs (connect, AUTH,
 * EVALSHA); and freeing the limiter does not wait for a hung round trip. */
static void test_redis__hung_bounded(void **state)
{
	test_redis *r = *state;
	gosend_redis_limiter_options o = GOSEND_REDIS_LIMITER_OPTIONS_INIT;
	char url[128], ok[16] = "";
	gosend_limiter *l = NULL;
	long long ticket = 0, t0;
	int i;

	assert_int_equal(test_redis_cmd(r, ok, sizeof(ok), "CONFIG", "SET",
	                                "requirepass", "pw", NULL),
	                 -1);
	snprintf(url, sizeof(url), "redis://:pw@127.0.0.1:%d", r->port);
	o.url = url;
	o.api_key = KEY;
	o.rate_per_second = 50;
	o.timeout_ms = 300;
	o.retry_ms = 100;
	assert_int_equal(gosend_redis_limiter_new(&l, &o, NULL), 0);
	assert_true(acquire(l, 5000, &ticket) > 0);
	assert_int_equal(ticket, -1);
	assert_int_equal(kill(r->pid, SIGSTOP), 0);
	t0 = wall_ms();
	do {
		assert_true(acquire(l, 5000, &ticket) > 0);
		gosend_limiter_report(l, ticket, NULL);
	} while (ticket < 0 && wall_ms() - t0 < SLOW(5000));
	assert_true(ticket > 0);
	/* the bound, 300 ms + 1 s, with a factor of 2 */
	assert_true(wall_ms() - t0 < SLOW(2 * (300 + 1000)));
	gosend_limiter_free(l);

	/* a long time-out, the refill hung: free returns at once */
	o.timeout_ms = 60000;
	assert_int_equal(kill(r->pid, SIGCONT), 0);
	assert_int_equal(gosend_redis_limiter_new(&l, &o, NULL), 0);
	assert_true(acquire(l, 5000, &ticket) > 0);
	assert_int_equal(ticket, -1);
	assert_int_equal(kill(r->pid, SIGSTOP), 0);
	/* take the leased slots until none comes: the refill is hung */
	for (i = 0; i < 100 && acquire(l, 300, &ticket) > 0; i++)
		;
	assert_true(i < 100);
	t0 = wall_ms();
	gosend_limiter_free(l);
	assert_true(wall_ms() - t0 < SLOW(2000));
	assert_int_equal(kill(r->pid, SIGCONT), 0);
}

/* Used in a child after fork(): nothing admitted, one clear log line;
 * the parent's limiter unaffected. */
static void test_redis__forked_child(void **state)
{
	test_redis *r = *state;
	logbuf log;
	gosend_limiter *l;
	long long ticket = 0;
	int status = -1;
	pid_t pid;

	memset(&log, 0, sizeof(log));
	l = make(r->url, KEY, 50, &log);
	assert_true(acquire(l, 5000, &ticket) > 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		long long w1 = gosend_limiter_reserve(l, &ticket);
		long long w2 = gosend_limiter_reserve(l, &ticket);
		int ok = w1 == 1000 && w2 == 1000 && ticket == 0 &&
		         log.errors == 1 && strstr(log.text, "after fork()");
		gosend_limiter_free(l);
		/* exec, not exit: the parent's thread's memory, gone in
		 * the child, is not a leak of the child's */
		execl("/bin/sh", "sh", "-c", ok ? "exit 0" : "exit 1",
		      (char *)NULL);
		_exit(2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(acquire(l, 5000, &ticket) > 0);
	assert_int_equal(ticket, -1);
	assert_int_equal(log.errors, 0);
	gosend_limiter_free(l);
}

/* Credentials percent-decoded, split on the last '@', and an empty db
 * ("/") as db 0: a password with '@', ':', '/' and '%' authenticates. */
static void test_redis__url_credentials(void **state)
{
	test_redis *r = *state;
	char url[160], ok[16] = "";
	logbuf log;
	gosend_limiter *l;
	long long ticket = 0;

	memset(&log, 0, sizeof(log));
	assert_int_equal(test_redis_cmd(r, ok, sizeof(ok), "CONFIG", "SET",
	                                "requirepass", "a@b:c/d%e", NULL),
	                 -1);
	assert_string_equal(ok, "OK");
	snprintf(url, sizeof(url),
	         "redis://default:a@b%%3Ac%%2Fd%%25e@127.0.0.1:%d/", r->port);
	l = make(url, KEY, 20, &log);
	assert_true(acquire(l, SLOW(5000), &ticket) > 0);
	assert_int_equal(ticket, -1); /* a slot from Redis */
	assert_int_equal(log.errors, 0);
	gosend_limiter_free(l);
}

/* Nothing listens: the fallback from the first reservation. */
static void test_redis__unreachable_from_start(void **state)
{
	gosend_redis_limiter_options o = GOSEND_REDIS_LIMITER_OPTIONS_INIT;
	gosend_limiter *l = NULL;
	test_redis dead;
	logbuf log;
	long long ticket = 0, t0 = wall_ms();

	(void)state;
	memset(&log, 0, sizeof(log));
	memset(&dead, 0, sizeof(dead));
	/* a port that was free a moment ago */
	assert_int_equal(test_redis_start(&dead), 0);
	test_redis_stop(&dead, 1);
	o.url = dead.url;
	o.api_key = KEY;
	o.rate_per_second = 100;
	o.fallback_share = 0.5;
	o.log = collect_and_ask;
	o.log_payload = &log;
	assert_int_equal(gosend_redis_limiter_new(&l, &o, NULL), 0);
	asked = l;
	assert_true(acquire(l, 2000, &ticket) > 0);
	assert_true(ticket > 0); /* the fallback's */
	gosend_limiter_report(l, ticket, NULL);
	assert_true(wall_ms() - t0 < SLOW(2000));
	assert_non_null(strstr(log.text, "50.000/s on its own"));
	gosend_limiter_free(l);
	asked = NULL;
	assert_true(asked_ok >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_redis__options_checked),
	        cmocka_unit_test_setup_teardown(test_redis__one_schedule, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_redis__stored_values_win,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_redis__429_pushes_everyone,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_redis__limit_moves_both_ways, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_redis__limit_raises_an_older_key, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_redis__remaining_zero_waits, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_redis__fallback_and_back,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_redis__password_and_db,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_redis__hung_bounded, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_redis__forked_child, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_redis__url_credentials,
	                                        setup, teardown),
	        cmocka_unit_test(test_redis__unreachable_from_start),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
