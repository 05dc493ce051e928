/*
 * The pluggable limiter (gosendapi/limiter.h, client options version 4)
 * against the mock: a limiter of the test's own sees one reserve per
 * attempt (retries included), its waits are slept through the client's
 * sleep hook (blocking) or waited on the loop (asynchronous, through a
 * bulk send), and one report per admitted ticket with what the server
 * said (429 and Retry-After, X-RateLimit-*); the in-process limiter made
 * by gosend_local_limiter_new() shared by two clients holds both to one
 * budget; the options and the constructor's arguments are checked.
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"

#define KEY  "gsk_test_limiter0123456789abcd"
#define PNID "555123456789"
#define T0   1700000000000LL

typedef ts_fx fx;

/* A limiter of the test's: each first reserve of an attempt answers
 * `first_wait` ms, the next one admits with ticket 100 + n. */
typedef struct test_limiter {
	gosend_limiter base;
	long long first_wait;
	int waited;
	unsigned int reserves, admitted, reports, freed;
	long statuses[8];
	long retry_after[8];
	long limits[8];
	int null_answers;
	long long tickets[8];
} test_limiter;

static long long tl_reserve(gosend_limiter *l, long long *ticket)
{
	test_limiter *t = (test_limiter *)l;

	t->reserves++;
	if (t->first_wait && !t->waited) {
		t->waited = 1;
		return t->first_wait;
	}
	t->waited = 0;
	t->admitted++;
	*ticket = 100 + t->admitted;
	return 0;
}

static void tl_report(gosend_limiter *l, long long ticket, const gosend_meta *m)
{
	test_limiter *t = (test_limiter *)l;
	unsigned int i = t->reports++;

	if (i >= 8)
		return;
	t->tickets[i] = ticket;
	if (!m) {
		t->null_answers++;
		return;
	}
	t->statuses[i] = m->http_status;
	t->retry_after[i] = m->retry_after_s;
	t->limits[i] = m->ratelimit_limit;
}

static void tl_free(gosend_limiter *l)
{
	((test_limiter *)l)->freed++;
}

static void tl_init(test_limiter *t, long long first_wait)
{
	memset(t, 0, sizeof(*t));
	t->base.version = GOSEND_LIMITER_VERSION;
	t->base.reserve = tl_reserve;
	t->base.report = tl_report;
	t->base.free = tl_free;
	t->first_wait = first_wait;
}

static int setup(void **state)
{
	fx *f = ts_fx_new(sizeof(*f), KEY, NULL);

	assert_int_equal(gsmock_set_rate_limit(f->mock, 1000000, 0), 0);
	f->now = T0;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	return ts_teardown(state);
}

static gosend_client *limited_client(fx *f, gosend_limiter *l)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;

	o.limiter = l;
	o.retry_base_ms = 100;
	return ts_fx_client(f, &o, TS_TIME | TS_RANDOM0);
}

static int send_one(gosend_client *c, unsigned int n, gosend_error **e)
{
	gosend_message_result *res = NULL;
	char to[32];
	int rc;

	(void)snprintf(to, sizeof(to), "54911%08u", n);
	rc = gosend_messages_send_text(&res, c, PNID, to, "hi", NULL, e);
	gosend_message_result_free(res);
	return rc;
}

/* A blocking send: a wait slept, one reserve per attempt, a report per
 * ticket with the 429's Retry-After and the answer's limit. */
static void test_limiter__blocking_calls_use_it(void **state)
{
	fx *f = *state;
	test_limiter t;
	gosend_client *c;
	gosend_error *e = NULL;

	tl_init(&t, 250);
	c = limited_client(f, &t.base);
	assert_int_equal(gsmock_queue_response(f->mock, 429, "Retry-After: 1",
	                                       NULL,
	                                       "{\"error\":{\"code\":"
	                                       "\"rate_limited\"}}"),
	                 0);
	assert_int_equal(send_one(c, 1, &e), GOSEND_OK);
	assert_null(e);
	/* two attempts, each after one wait of 250 ms */
	assert_int_equal(t.reserves, 4);
	assert_int_equal(t.admitted, 2);
	assert_int_equal(t.reports, 2);
	assert_int_equal(t.tickets[0], 101);
	assert_int_equal(t.tickets[1], 102);
	assert_int_equal(t.statuses[0], 429);
	assert_int_equal(t.retry_after[0], 1);
	assert_int_equal(t.statuses[1], 201);
	assert_int_equal(t.limits[1], 1000000);
	assert_int_equal(f->slept[0], 250);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	assert_int_equal(gsmock_message_count(f->mock), 1);
	gosend_client_free(c);
	/* the client never frees a limiter it was given */
	assert_int_equal(t.freed, 0);
	gosend_limiter_free(&t.base);
	assert_int_equal(t.freed, 1);
}

/* An attempt with no answer is reported with status 0. */
static void test_limiter__no_answer_reported(void **state)
{
	fx *f = *state;
	test_limiter t;
	gosend_client *c;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_error *e = NULL;

	tl_init(&t, 0);
	o.limiter = &t.base;
	o.max_retries = GOSEND_NO_RETRIES;
	c = ts_fx_client(f, &o, TS_TIME | TS_RANDOM0);
	assert_int_equal(gsmock_queue_close(f->mock), 0);
	assert_int_equal(send_one(c, 2, &e), GOSEND_ENETWORK);
	gosend_error_free(e);
	assert_int_equal(t.admitted, 1);
	assert_int_equal(t.reports, 1);
	assert_int_equal(t.null_answers, 0);
	assert_int_equal(t.statuses[0], 0);
	assert_int_equal(gsmock_message_count(f->mock), 0);
	gosend_client_free(c);
}

/* A bulk send goes through the asynchronous engine: its waits are the
 * loop's timers, and every item's attempt is reserved and reported. */
static void test_limiter__bulk_uses_it(void **state)
{
	fx *f = *state;
	test_limiter t;
	gosend_client *c;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_outgoing *m[5];
	gosend_bulk_result *out = NULL;
	gosend_error *e = NULL;
	size_t i;

	tl_init(&t, 2);
	o.limiter = &t.base;
	/* real time: the engine's timers wait for real */
	c = ts_fx_client(f, &o, 0);
	for (i = 0; i < 5; i++) {
		char to[32];
		(void)snprintf(to, sizeof(to), "5491100000%02zu", i);
		assert_int_equal(
		        gosend_outgoing_text_new(&m[i], PNID, to, "hi", NULL),
		        0);
	}
	assert_int_equal(gosend_messages_send_bulk(
	                         &out, c, (const gosend_outgoing *const *)m, 5,
	                         NULL, &e),
	                 GOSEND_OK);
	assert_null(e);
	assert_int_equal(out->succeeded, 5);
	assert_int_equal(t.admitted, 5);
	assert_int_equal(t.reports, 5);
	/* each admission came after one wait */
	assert_int_equal(t.reserves, 10);
	assert_int_equal(gsmock_message_count(f->mock), 5);
	for (i = 0; i < 5; i++)
		gosend_outgoing_free(m[i]);
	gosend_bulk_result_free(out);
	gosend_client_free(c);
}

static long long fake_wall(void *p)
{
	return *(long long *)p;
}

/* One in-process limiter, two clients: one budget. */
static void test_limiter__local_shared_by_clients(void **state)
{
	fx *f = *state;
	gosend_local_limiter_options lo = GOSEND_LOCAL_LIMITER_OPTIONS_INIT;
	gosend_limiter *l = NULL;
	gosend_client *a, *b;
	gosend_error *e = NULL;
	long long now = T0, ticket = 0;
	unsigned int i;

	lo.rate_per_second = 4;
	lo.wall_clock = fake_wall;
	lo.clock_payload = &now;
	assert_int_equal(gosend_local_limiter_new(&l, &lo, &e), GOSEND_OK);
	a = limited_client(f, l);
	b = limited_client(f, l);
	/* the clock stands still: slots at 0 ms of the window, then a
	 * wait */
	assert_int_equal(send_one(a, 1, &e), GOSEND_OK);
	now = T0 + 225;
	assert_int_equal(send_one(b, 2, &e), GOSEND_OK);
	now = T0 + 450;
	assert_int_equal(send_one(a, 3, &e), GOSEND_OK);
	now = T0 + 675;
	assert_int_equal(send_one(b, 4, &e), GOSEND_OK);
	/* the window's four are taken: the next one waits for the next */
	assert_int_equal(gosend_limiter_reserve(l, &ticket), 325);
	assert_int_equal(ticket, 0);
	now = T0 + 1000;
	assert_int_equal(gosend_limiter_reserve(l, &ticket), 0);
	assert_true(ticket > 0);
	gosend_limiter_report(l, ticket, NULL);
	for (i = 0; i < 4; i++)
		assert_int_equal(f->slept[i], 0);
	assert_int_equal(gsmock_message_count(f->mock), 4);
	gosend_client_free(a);
	gosend_client_free(b);
	gosend_limiter_free(l);
}

/* The options and the constructor refuse what they cannot use. */
static void test_limiter__checked(void **state)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_local_limiter_options lo = GOSEND_LOCAL_LIMITER_OPTIONS_INIT;
	test_limiter t;
	gosend_client *c = NULL;
	gosend_limiter *l = (gosend_limiter *)&t;
	gosend_error *e = NULL;
	long long ticket = 7;

	(void)state;
	assert_int_equal(GOSEND_CLIENT_OPTIONS_VERSION, 4);
	assert_null(o.limiter);
	tl_init(&t, 0);
	o.limiter = &t.base;
	o.rate_per_second = 10;
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	assert_null(c);
	assert_string_equal(e->field, "limiter");
	gosend_error_free(e);
	o.rate_per_second = 0;
	o.follow_rate_headers = 1;
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "limiter");
	gosend_error_free(e);
	o.follow_rate_headers = 0;
	t.base.version = 0;
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	gosend_error_free(e);
	t.base.version = GOSEND_LIMITER_VERSION;
	t.base.reserve = NULL;
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	gosend_error_free(e);
	/* the local limiter's arguments */
	assert_int_equal(gosend_local_limiter_new(NULL, &lo, &e),
	                 GOSEND_EINVAL);
	gosend_error_free(e);
	assert_int_equal(gosend_local_limiter_new(&l, NULL, &e), GOSEND_EINVAL);
	assert_null(l);
	gosend_error_free(e);
	lo.rate_per_second = NAN;
	assert_int_equal(gosend_local_limiter_new(&l, &lo, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "rate_per_second");
	gosend_error_free(e);
	lo.rate_per_second = 0;
	lo.version = 99;
	assert_int_equal(gosend_local_limiter_new(&l, &lo, &e), GOSEND_EINVAL);
	gosend_error_free(e);
	/* the public calls on NULL do nothing */
	assert_int_equal(gosend_limiter_reserve(NULL, &ticket), 0);
	assert_int_equal(ticket, 0);
	assert_int_equal(gosend_limiter_reserve(NULL, NULL), 0);
	gosend_limiter_report(NULL, 1, NULL);
	gosend_limiter_free(NULL);
	assert_int_equal(gosend_limiter_fail(NULL, GOSEND_EINVAL, "x", "y"),
	                 GOSEND_EINVAL);
	assert_int_equal(gosend_limiter_fail(&e, GOSEND_ENOMEM, NULL, "z"),
	                 GOSEND_ENOMEM);
	assert_string_equal(e->message, "z");
	gosend_error_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(
	                test_limiter__blocking_calls_use_it, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_limiter__no_answer_reported, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_limiter__bulk_uses_it,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_limiter__local_shared_by_clients, setup, teardown),
	        cmocka_unit_test(test_limiter__checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
