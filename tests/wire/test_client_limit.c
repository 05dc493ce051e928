/*
 * The client's rate limit (client options version 3) against the mock:
 * blocking calls from several threads, asynchronous calls and bulk sends
 * on one client share one budget (a batch's own rate caps it besides) (no 429
 * from a mock enforcing the same rate, never more per Unix-second window, each
 * message stored once); a wait that would pass the call's deadline ends it
 * (GOSEND_ETIMEOUT, nothing sent, before the first attempt; the last attempt's
 * error after one); the server's X-RateLimit-* headers followed on request,
 * each wait clamped to the cap; nothing limited by default; the options
 * checked.
 *
 * The windows are counted from the server's side: each answer's
 * X-RateLimit-Reset is the Unix second after the one the mock counted the
 * request in. The tests with injected time (TS_TIME) drive the limiter's
 * clock too (the client's `clock` hook is its wall clock): nothing sleeps.
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gsmock.h"
#include "gosendapi/adapters/poll.h"
#include "gosendapi/gosendapi.h"

#define KEY  "gsk_test_climit0123456789abcd"
#define PNID "555123456789"
#define T0   1700000000000LL /* an aligned Unix second, in ms */

typedef ts_fx fx;

static int setup(void **state)
{
	fx *f = ts_fx_new(sizeof(*f), KEY, NULL);

	/* the mock's own headers never limit the TS_TIME tests: its windows
	 * are real seconds, their clock a fake one */
	assert_int_equal(gsmock_set_rate_limit(f->mock, 1000000, 0), 0);
	f->now = T0;
	*state = f;
	return 0;
}

static int send_to(gosend_client *c, unsigned int n,
                   gosend_message_result **res, gosend_error **e)
{
	char to[32];

	(void)snprintf(to, sizeof(to), "54911%08u", n);
	return gosend_messages_send_text(res, c, PNID, to, "hi", NULL, e);
}

/* Send once; the call must succeed. */
static void send_ok(gosend_client *c, unsigned int n)
{
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;

	if (send_to(c, n, &res, &e) != 0)
		fail_msg("send %u: %s", n, e ? e->message : "?");
	gosend_message_result_free(res);
}

/* A 200 answer to the next send, with these rate-limit headers. */
static void queue_ok(fx *f, const char *headers)
{
	assert_int_equal(gsmock_queue_response(f->mock, 200, headers, NULL,
	                                       "{\"id\":\"wamid.1\"}"),
	                 0);
}

/* A client on f's mock with injected time and these limiter options. */
static gosend_client *timed_client(fx *f, double rate, int follow,
                                   long deadline_ms, long cap_ms)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;

	o.rate_per_second = rate;
	o.follow_rate_headers = follow;
	o.deadline_ms = deadline_ms;
	o.retry_after_cap_ms = cap_ms;
	o.retry_base_ms = 100;
	return ts_fx_client(f, &o, TS_TIME | TS_RANDOM0);
}

/* ---- options ---- */

static void test_client_limit__rate_checked(void **state)
{
	static const double bad[] = {-1,    -0.5, 0.5,      0.999,    1e6 + 1,
	                             1e300, NAN,  INFINITY, -INFINITY};
	static const double good[] = {0, 1, 2.5, 1e6};
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_error *e = NULL;
	size_t i;

	(void)state;
	assert_int_equal(GOSEND_CLIENT_OPTIONS_VERSION, 4);
	assert_true(o.rate_per_second <= 0 && o.rate_per_second >= 0);
	assert_int_equal(o.follow_rate_headers, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.rate_per_second = bad[i];
		assert_int_equal(gosend_client_new(&c, KEY, &o, &e),
		                 GOSEND_EINVAL);
		assert_null(c);
		assert_non_null(e);
		assert_int_equal(e->code, GOSEND_EINVAL);
		assert_string_equal(e->field, "rate_per_second");
		gosend_error_free(e);
		e = NULL;
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		o.rate_per_second = good[i];
		o.follow_rate_headers = (int)i % 2;
		assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
		gosend_client_free(c);
		c = NULL;
	}
}

/* A caller of version 2 allocated no version-3 fields: whatever lies
 * beyond is neither read nor written. */
static void test_client_limit__version_2_reads_no_rate(void **state)
{
	gosend_client_options o;
	gosend_client *c = NULL;
	size_t v2 = offsetof(gosend_client_options, low_speed_bytes_per_s) +
	            sizeof(o.low_speed_bytes_per_s);

	(void)state;
	memset(&o, 0xab, sizeof(o));
	assert_int_equal(gosend_client_options_init(&o, 2), 0);
	assert_int_equal(((unsigned char *)&o)[v2], 0xab);
	assert_int_equal(((unsigned char *)&o)[sizeof(o) - 1], 0xab);
	o.rate_per_second = (double)NAN; /* not the caller's: not read */
	o.follow_rate_headers = 1;
	assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
	gosend_client_free(c);
}

/* ---- one budget for every call ---- */

#define RATE    25
#define THREADS 4
#define EACH    15 /* 60 sends: at least 3 windows */
#define N_ALL   (THREADS * EACH)

/* What the server said of each send. */
typedef struct seen {
	int code;
	unsigned int attempts;
	long long reset; /* X-RateLimit-Reset: the window's second + 1 */
} seen;

static void record(seen *s, int code, const gosend_message_result *res)
{
	s->code = code;
	s->attempts = res ? res->meta->attempts : 0;
	s->reset = res ? res->meta->ratelimit_reset : -1;
}

typedef struct sender {
	gosend_client *c;
	unsigned int first, n;
	seen *out;
} sender;

static void *send_many(void *arg)
{
	sender *s = arg;
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		gosend_message_result *res = NULL;
		int rc = send_to(s->c, s->first + i, &res, NULL);
		record(&s->out[i], rc, res);
		gosend_message_result_free(res);
	}
	return NULL;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Every send succeeded at its first attempt, no window of the server got
 * more than `rate`, the mock refused none and stored each once (one POST
 * per message, each with its own key). */
static void check_runs(gsmock *mock, const seen *s, size_t n, unsigned rate)
{
	long long resets[N_ALL * 2];
	size_t i, j, posts = 0, total = gsmock_request_count(mock);
	char **keys;

	assert_true(n <= N_ALL * 2);
	for (i = 0; i < n; i++) {
		assert_int_equal(s[i].code, 0);
		assert_int_equal(s[i].attempts, 1);
		assert_true(s[i].reset > 1000000000LL);
		resets[i] = s[i].reset;
	}
	qsort(resets, n, sizeof(resets[0]), cmp_ll);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && resets[j] == resets[i]; j++)
			;
		if (j - i > rate)
			fail_msg("%zu requests in the window of second %lld",
			         j - i, resets[i] - 1);
	}
	assert_int_equal(gsmock_rejected_count(mock), 0);
	assert_int_equal(gsmock_message_count(mock), n);
	keys = calloc(total, sizeof(*keys));
	assert_non_null(keys);
	for (i = 0; i < total; i++) {
		gsmock_request *rq = gsmock_request_at(mock, i);
		const char *k = gsmock_request_header(rq, "Idempotency-Key");
		assert_string_equal(rq->method, "POST");
		assert_non_null(k);
		keys[posts] = strdup(k);
		for (j = 0; j < posts; j++)
			assert_string_not_equal(keys[j], keys[posts]);
		posts++;
		gsmock_request_free(rq);
	}
	assert_int_equal(posts, n);
	for (i = 0; i < posts; i++)
		free(keys[i]);
	free(keys);
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A client in real time at the mock's enforced rate. */
static gosend_client *real_client(fx *f)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;

	assert_int_equal(gsmock_set_rate_limit(f->mock, RATE, 1), 0);
	o.rate_per_second = RATE;
	return ts_fx_client(f, &o, 0);
}

static void test_client_limit__threads_share_one_budget(void **state)
{
	fx *f = *state;
	static seen out[N_ALL];
	sender s[THREADS];
	pthread_t t[THREADS];
	long long t0, elapsed;
	unsigned int i;

	f->client = real_client(f);
	t0 = mono_ms();
	for (i = 0; i < THREADS; i++) {
		s[i].c = f->client;
		s[i].first = i * EACH;
		s[i].n = EACH;
		s[i].out = out + i * EACH;
		assert_int_equal(pthread_create(&t[i], NULL, send_many, &s[i]),
		                 0);
	}
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	elapsed = mono_ms() - t0;
	check_runs(f->mock, out, N_ALL, RATE);
	/* 60 at 25 per window span at least 3 windows: from the first
	 * start to the last, over 1 s (four limiters of their own would
	 * have let each thread send its 15 in one window) */
	assert_true(elapsed > 1000);
}

/* Asynchronous calls on a poll loop and blocking calls from a thread, on
 * one client: the loop waits on a timer, the thread sleeps; one budget. */
static void on_sent(gosend_async_call *call, int code, void *result,
                    gosend_error *error, void *payload)
{
	seen *s = payload;

	(void)call;
	record(s, code, result);
	gosend_message_result_free(result);
	gosend_error_free(error);
}

static void test_client_limit__async_and_blocking_share_it(void **state)
{
	fx *f = *state;
	static seen blocking[N_ALL / 2];
	static seen async[N_ALL / 2];
	seen all[N_ALL];
	gosend_poll_loop loop;
	gosend_async *as = NULL;
	sender s;
	pthread_t t;
	unsigned int i;

	f->client = real_client(f);
	gosend_poll_init(&loop);
	assert_int_equal(gosend_poll_attach(&loop, &as, f->client, NULL, NULL),
	                 0);
	for (i = 0; i < N_ALL / 2; i++) {
		char to[32];
		(void)snprintf(to, sizeof(to), "54922%08u", i);
		assert_int_equal(gosend_async_messages_send_text(
		                         as, PNID, to, "hi", NULL, on_sent,
		                         &async[i], NULL, NULL),
		                 0);
	}
	s.c = f->client;
	s.first = 0;
	s.n = N_ALL / 2;
	s.out = blocking;
	assert_int_equal(pthread_create(&t, NULL, send_many, &s), 0);
	assert_int_equal(gosend_poll_run(&loop), 0);
	pthread_join(t, NULL);
	assert_int_equal(gosend_async_pending(as), 0);
	gosend_async_free(as);
	gosend_poll_dispose(&loop);
	memcpy(all, blocking, sizeof(blocking));
	memcpy(all + N_ALL / 2, async, sizeof(async));
	check_runs(f->mock, all, N_ALL, RATE);
}

/* Two bulk sends at once on one client: they share its budget (each one
 * alone would take the whole of it). */
#define N_BULK (N_ALL / 2)

typedef struct bulk_run {
	gosend_client *c;
	unsigned int first;
	double rate; /* the batch's own */
	seen out[N_BULK];
} bulk_run;

static void *send_bulk(void *arg)
{
	bulk_run *b = arg;
	gosend_outgoing *m[N_BULK];
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	unsigned int i;
	int rc;

	for (i = 0; i < N_BULK; i++) {
		char to[32];
		(void)snprintf(to, sizeof(to), "54933%08u", b->first + i);
		if (gosend_outgoing_text_new(&m[i], PNID, to, "hi", NULL) != 0)
			return NULL;
	}
	o.concurrency = 8;
	o.rate_per_second = b->rate;
	rc = gosend_messages_send_bulk(&res, b->c,
	                               (const gosend_outgoing *const *)m,
	                               N_BULK, &o, NULL);
	for (i = 0; rc == 0 && i < N_BULK; i++) {
		const gosend_bulk_item *it = res->items[i];
		record(&b->out[i], it->code, it->result);
		b->out[i].attempts = it->attempts;
	}
	gosend_bulk_result_free(res);
	for (i = 0; i < N_BULK; i++)
		gosend_outgoing_free(m[i]);
	return rc == 0 ? b : NULL;
}

static void test_client_limit__bulk_sends_share_it(void **state)
{
	fx *f = *state;
	static bulk_run b[2];
	seen all[N_ALL];
	pthread_t t[2];
	void *ret;
	unsigned int i;

	f->client = real_client(f);
	for (i = 0; i < 2; i++) {
		memset(&b[i], 0, sizeof(b[i]));
		b[i].c = f->client;
		b[i].first = i * N_BULK;
		assert_int_equal(pthread_create(&t[i], NULL, send_bulk, &b[i]),
		                 0);
	}
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], &ret);
		assert_ptr_equal(ret, &b[i]);
		memcpy(all + i * N_BULK, b[i].out, sizeof(b[i].out));
	}
	check_runs(f->mock, all, N_ALL, RATE);
}

/* A batch's own rate still caps it below the client's. */
static void test_client_limit__bulk_rate_caps_the_batch(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	static bulk_run b;

	assert_int_equal(gsmock_set_rate_limit(f->mock, RATE / 2, 1), 0);
	o.rate_per_second = RATE * 10;
	f->client = ts_fx_client(f, &o, 0);
	memset(&b, 0, sizeof(b));
	b.c = f->client;
	b.rate = RATE / 2;
	assert_ptr_equal(send_bulk(&b), &b);
	check_runs(f->mock, b.out, N_BULK, RATE / 2);
}

/* ---- waits and the deadline ---- */

/* At 1 per second the second call waits a second: past a 500 ms deadline
 * it is not sent at all; within a longer one it sleeps exactly that. */
static void test_client_limit__wait_past_deadline_sends_nothing(void **state)
{
	fx *f = *state;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	gosend_client *c;

	f->client = timed_client(f, 1, 0, 500, 0);
	send_ok(f->client, 1);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_int_equal(send_to(f->client, 2, &res, &e), GOSEND_ETIMEOUT);
	assert_null(res);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_ETIMEOUT);
	assert_non_null(strstr(e->message, "nothing was sent"));
	gosend_error_free(e);
	/* not sent, no time spent */
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_int_equal(gsmock_message_count(f->mock), 1);
	assert_int_equal(f->sleeps, 0);
	assert_int_equal(f->now, T0);

	/* a deadline the wait fits in: slept through, then sent */
	c = timed_client(f, 1, 0, 5000, 0);
	send_ok(c, 3);
	send_ok(c, 4);
	assert_int_equal(f->sleeps, 1);
	assert_int_equal(f->slept[0], 1000);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	gosend_client_free(c);
}

/* What an async callback saw. */
typedef struct ended {
	int runs, code, retryable;
	char message[160];
} ended;

static void on_ended(gosend_async_call *call, int code, void *result,
                     gosend_error *error, void *payload)
{
	ended *d = payload;

	gosend_async_cancel(call); /* its own callback: nothing happens */
	d->runs++;
	d->code = code;
	d->retryable = gosend_error_is_retryable(error);
	if (error)
		(void)snprintf(d->message, sizeof(d->message), "%s",
		               error->message);
	gosend_message_result_free(result);
	gosend_error_free(error);
}

/* The same asynchronously: the call starts (its callback never runs from
 * the starting function, even when it is refused at once), then ends with
 * GOSEND_ETIMEOUT, retryable, nothing sent. */
static void test_client_limit__async_wait_past_deadline(void **state)
{
	fx *f = *state;
	ended first = {0}, second = {0};
	gosend_poll_loop loop;
	gosend_async *as = NULL;

	f->client = timed_client(f, 1, 0, 500, 0);
	gosend_poll_init(&loop);
	assert_int_equal(gosend_poll_attach(&loop, &as, f->client, NULL, NULL),
	                 0);
	assert_int_equal(gosend_async_messages_send_text(
	                         as, "555123456789", "5491140000001", "one",
	                         NULL, on_ended, &first, NULL, NULL),
	                 0);
	assert_int_equal(gosend_async_messages_send_text(
	                         as, "555123456789", "5491140000002", "two",
	                         NULL, on_ended, &second, NULL, NULL),
	                 0);
	assert_int_equal(first.runs + second.runs, 0);
	assert_int_equal(gosend_poll_run(&loop), 0);
	assert_int_equal(first.runs, 1);
	assert_int_equal(first.code, 0);
	assert_int_equal(second.runs, 1);
	assert_int_equal(second.code, GOSEND_ETIMEOUT);
	assert_int_equal(second.retryable, 1);
	assert_non_null(strstr(second.message, "nothing was sent"));
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_int_equal(f->sleeps, 0);
	gosend_async_free(as);
	gosend_poll_dispose(&loop);
}

/* A retry whose slot lies past the deadline: the call ends with its last
 * attempt's error, after one request. */
static void test_client_limit__retry_wait_past_deadline(void **state)
{
	fx *f = *state;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;

	f->client = timed_client(f, 1, 0, 500, 0);
	assert_int_equal(
	        gsmock_queue_response(f->mock, 503, NULL, NULL,
	                              "{\"statusCode\":503,\"message\":\"x\"}"),
	        0);
	assert_int_equal(send_to(f->client, 1, &res, &e), GOSEND_ESERVER);
	assert_int_equal(e->http_status, 503);
	assert_int_equal(e->attempts, 1);
	assert_true(e->retryable);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	/* the backoff (half of 100 ms with no jitter) was slept; the
	 * limiter's second then passed the deadline */
	assert_int_equal(f->sleeps, 1);
	assert_int_equal(f->slept[0], 50);
}

/* ---- the server's headers ---- */

/* Remaining 0 with a Reset holds back the next call for the announced
 * time, clamped to retry_after_cap_ms. */
static void test_client_limit__follows_reset(void **state)
{
	fx *f = *state;

	f->client = timed_client(f, 0, 1, 0, 3000);
	queue_ok(f, "X-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: 2\r\n");
	send_ok(f->client, 1);
	assert_int_equal(f->sleeps, 0);
	send_ok(f->client, 2);
	assert_int_equal(f->sleeps, 1);
	assert_int_equal(f->slept[0], 2000);
	/* ten minutes asked: the cap */
	queue_ok(f, "X-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: 600\r\n");
	send_ok(f->client, 3);
	send_ok(f->client, 4);
	assert_int_equal(f->sleeps, 2);
	assert_int_equal(f->slept[1], 3000);
	assert_int_equal(gsmock_message_count(f->mock), 2);
	assert_int_equal(gsmock_request_count(f->mock), 4);
}

/* A Reset that is a Unix time is measured against the answer's Date, the
 * fraction of the current second against the client's clock. */
static void test_client_limit__follows_reset_epoch(void **state)
{
	fx *f = *state;

	f->now = T0 + 250;
	f->client = timed_client(f, 0, 1, 0, 60000);
	queue_ok(f, "Date: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
	            "X-RateLimit-Remaining: 0\r\n"
	            "X-RateLimit-Reset: 1700000002\r\n");
	send_ok(f->client, 1);
	send_ok(f->client, 2);
	assert_int_equal(f->sleeps, 1);
	assert_int_equal(f->slept[0], 1750);
}

/* X-RateLimit-Limit becomes the budget (below rate_per_second): the next
 * start waits for its slot in the window. */
static void test_client_limit__follows_limit(void **state)
{
	fx *f = *state;

	f->client = timed_client(f, 100, 1, 0, 60000);
	queue_ok(f, "X-RateLimit-Limit: 4\r\nX-RateLimit-Remaining: 3\r\n");
	send_ok(f->client, 1);
	send_ok(f->client, 2);
	assert_int_equal(f->sleeps, 1);
	assert_int_equal(f->slept[0], 225); /* 900 ms / 4 */
}

/* ---- nothing by default ---- */

/* Default options (and a version-2 caller): no limit, the server's
 * headers not followed, no wait ever. */
static void test_client_limit__off_by_default(void **state)
{
	fx *f = *state;
	gosend_client_options v2;
	gosend_client *c;
	unsigned int i;

	f->client = ts_fx_client(f, NULL, TS_TIME);
	assert_int_equal(gosend_client_options_init(&v2, 2), 0);
	c = ts_fx_client(f, &v2, TS_TIME);
	for (i = 0; i < 20; i++) {
		queue_ok(f, "X-RateLimit-Limit: 1\r\nX-RateLimit-Remaining: "
		            "0\r\nX-RateLimit-Reset: 30\r\n");
		send_ok(i % 2 ? c : f->client, i);
	}
	assert_int_equal(f->sleeps, 0);
	assert_int_equal(f->now, T0);
	assert_int_equal(gsmock_request_count(f->mock), 20);
	gosend_client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ts_teardown)
	        cmocka_unit_test(test_client_limit__rate_checked),
	        cmocka_unit_test(test_client_limit__version_2_reads_no_rate),
	        T(test_client_limit__threads_share_one_budget),
	        T(test_client_limit__async_and_blocking_share_it),
	        T(test_client_limit__bulk_sends_share_it),
	        T(test_client_limit__bulk_rate_caps_the_batch),
	        T(test_client_limit__wait_past_deadline_sends_nothing),
	        T(test_client_limit__async_wait_past_deadline),
	        T(test_client_limit__retry_wait_past_deadline),
	        T(test_client_limit__follows_reset),
	        T(test_client_limit__follows_reset_epoch),
	        T(test_client_limit__follows_limit),
	        T(test_client_limit__off_by_default),
#undef T
	};
	gosend_global_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
