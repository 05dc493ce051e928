/*
 * Bulk sends that stop early or meet odd answers, against the mock and the
 * hostile server (tests/support/hostile.h). A batch cut by its deadline
 * still returns every item's state; re-sending exactly the items the
 * states say to re-send, with their keys, stores each message once. A 2xx
 * without an id is "accepted" and never sent again. A far X-RateLimit-Reset
 * holds the batch for the client's cap at most, and an epoch Reset is read
 * against the response's Date. Time bounds are measured on the monotonic
 * clock with a generous factor; nothing sleeps to wait.
 */
#define _GNU_SOURCE
#include "testsupport.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gsmock.h"
#include "hostile.h"
#include "gosendapi/bulk.h"
#include "gosendapi/gosendapi.h"

#define KEY "gsk_test_bulkfaults0001"

typedef struct fixture {
	gsmock *mock;
	hs_server *hs;
	gosend_client *client;  /* on the mock */
	gosend_client *hclient; /* on the hostile server */
} fixture;

static gosend_client *client_on(const char *url, long cap_ms)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;

	o.base_url = url;
	o.retry_base_ms = 10; /* keep retries quick: real time here */
	o.retry_max_ms = 40;
	o.retry_after_cap_ms = cap_ms;
	assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
	return c;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(gsmock_start(&f->mock, NULL), 0);
	assert_int_equal(hs_start(&f->hs), 0);
	f->client = client_on(gsmock_base_url(f->mock), 0);
	f->hclient = client_on(hs_base_url(f->hs), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	gosend_client_free(f->client);
	gosend_client_free(f->hclient);
	hs_stop(f->hs);
	gsmock_stop(f->mock);
	free(f);
	return 0;
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void to_of(size_t i, char *to, size_t n)
{
	(void)snprintf(to, n, "54911%08zu", i);
}

/* n text messages "msg <i>" to distinct numbers; free with free_batch. */
static gosend_outgoing **batch(size_t n)
{
	gosend_outgoing **m = calloc(n, sizeof(*m));
	size_t i;

	assert_non_null(m);
	for (i = 0; i < n; i++) {
		char to[32], body[32];
		to_of(i, to, sizeof(to));
		(void)snprintf(body, sizeof(body), "msg %zu", i);
		assert_int_equal(gosend_outgoing_text_new(&m[i], "555123456789",
		                                          to, body, NULL),
		                 0);
	}
	return m;
}

static void free_batch(gosend_outgoing **m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		gosend_outgoing_free(m[i]);
	free(m);
}

static int send_bulk(gosend_bulk_result **res, gosend_client *c,
                     gosend_outgoing **m, size_t n,
                     const gosend_bulk_options *o, gosend_error **e)
{
	return gosend_messages_send_bulk(
	        res, c, (const gosend_outgoing *const *)m, n, o, e);
}

typedef struct seen {
	size_t items, ok, accepted, retryable;
} seen;

static void on_item(size_t index, int code, const gosend_message_result *r,
                    const gosend_error *e, void *p)
{
	seen *s = p;

	(void)index;
	s->items++;
	if (code == 0) {
		assert_non_null(r);
		assert_null(e);
		s->ok++;
		if (!r->id_known)
			s->accepted++;
	} else {
		assert_null(r);
		assert_non_null(e);
		if (gosend_error_is_retryable(e)) {
			assert_non_null(e->idempotency_key);
			s->retryable++;
		}
	}
}

/* The counts add up; returns the number of items that need a re-send. */
static size_t check_counts(const gosend_bulk_result *res, size_t n)
{
	assert_int_equal(res->count, n);
	assert_int_equal(res->sent + res->accepted + res->failed +
	                         res->not_attempted,
	                 n);
	assert_int_equal(res->succeeded, res->sent + res->accepted);
	return res->failed + res->not_attempted;
}

/* Whether the mock ever received a request for message i (by its number). */
static int mock_saw(gsmock *mock, size_t i, const char *key)
{
	size_t r, total = gsmock_request_count(mock);
	char to[32];
	int hit = 0;

	to_of(i, to, sizeof(to));
	for (r = 0; r < total && !hit; r++) {
		gsmock_request *rq = gsmock_request_at(mock, r);
		const char *k = gsmock_request_header(rq, "Idempotency-Key");
		assert_non_null(rq);
		if ((rq->body && strstr(rq->body, to)) ||
		    (key && k && strcmp(k, key) == 0))
			hit = 1;
		gsmock_request_free(rq);
	}
	return hit;
}

/*
 * Re-send what the states say to re-send (never attempted, or failed and
 * retryable), each with its item's key; returns how many were re-sent.
 * Asserts the re-sent batch succeeds.
 */
static size_t resend(gosend_client *c, gosend_outgoing **m,
                     const gosend_bulk_result *res)
{
	gosend_outgoing **again = calloc(res->count, sizeof(*again));
	const char **keys = calloc(res->count, sizeof(*keys));
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res2 = NULL;
	size_t i, n = 0;

	assert_non_null(again);
	assert_non_null(keys);
	for (i = 0; i < res->count; i++) {
		const gosend_bulk_item *it = res->items[i];
		if (it->state == GOSEND_BULK_NOT_ATTEMPTED ||
		    (it->state == GOSEND_BULK_FAILED &&
		     gosend_error_is_retryable(it->error))) {
			again[n] = m[i];
			keys[n] = it->idempotency_key;
			n++;
		}
	}
	o.idempotency_keys = keys;
	o.concurrency = 4;
	assert_int_equal(
	        gosend_messages_send_bulk(&res2, c,
	                                  (const gosend_outgoing *const *)again,
	                                  n, &o, NULL),
	        0);
	assert_int_equal(res2->succeeded, n);
	gosend_bulk_result_free(res2);
	free(keys);
	free(again);
	return n;
}

#define N_CUT 20

static void test_bulk_faults__deadline_leaves_every_item_a_state(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(N_CUT);
	const char *keys[N_CUT];
	char kbuf[N_CUT][32];
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	gosend_error *e = NULL;
	seen s;
	long long t0, elapsed;
	size_t i;

	memset(&s, 0, sizeof(s));
	/* the caller gives keys for the even items; the odd get UUIDs */
	for (i = 0; i < N_CUT; i++) {
		(void)snprintf(kbuf[i], sizeof(kbuf[i]), "cut-%zu", i);
		keys[i] = i % 2 == 0 ? kbuf[i] : NULL;
	}
	/* every answer takes 400 ms: with 2 in flight, by the 3 s deadline
	 * at most 2 x 3000 / 400 = 15 are answered (fewer when the mock
	 * answers one at a time) and 2 are in flight, so at least 3 never
	 * start. A slow run (valgrind) answers fewer, never none: the first
	 * answer comes after 400 ms plus the start-up */
	for (i = 0; i < N_CUT; i++)
		assert_int_equal(
		        gsmock_queue_fault(f->mock, GSMOCK_FAULT_DELAY, 400),
		        0);
	o.concurrency = 2;
	o.deadline_ms = 3000;
	o.idempotency_keys = keys;
	o.on_item = on_item;
	o.on_item_payload = &s;
	t0 = mono_ms();
	assert_int_equal(send_bulk(&res, f->client, m, N_CUT, &o, &e),
	                 GOSEND_ETIMEOUT);
	elapsed = mono_ms() - t0;
	assert_non_null(res);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_ETIMEOUT);
	gosend_error_free(e);
	assert_true(elapsed < 3 * 3000);
	check_counts(res, N_CUT);
	assert_true(res->sent >= 1);
	assert_true(res->not_attempted >= 3);
	/* only the two on the wire are cut there */
	assert_true(res->failed <= 2);
	assert_int_equal(res->accepted, 0);
	/* on_item saw every attempted item, and none other */
	assert_int_equal(s.items, N_CUT - res->not_attempted);
	for (i = 0; i < N_CUT; i++) {
		const gosend_bulk_item *it = res->items[i];
		assert_non_null(it);
		assert_int_equal(it->struct_version, 1);
		if (keys[i])
			assert_string_equal(it->idempotency_key, keys[i]);
		switch (it->state) {
		case GOSEND_BULK_SENT:
			assert_int_equal(it->code, 0);
			assert_non_null(it->result);
			assert_true(it->result->id_known);
			assert_non_null(it->result->id);
			assert_null(it->error);
			assert_non_null(it->idempotency_key);
			assert_true(it->attempts >= 1);
			break;
		case GOSEND_BULK_FAILED:
			/* cut in flight: it may have been processed; it
			 * has left (one queued but never sent at the
			 * deadline stays not attempted) */
			assert_int_equal(it->code, GOSEND_ETIMEOUT);
			assert_true(it->attempts >= 1);
			assert_null(it->result);
			assert_non_null(it->error);
			assert_int_equal(gosend_error_is_retryable(it->error),
			                 1);
			assert_non_null(it->idempotency_key);
			assert_string_equal(it->error->idempotency_key,
			                    it->idempotency_key);
			break;
		case GOSEND_BULK_NOT_ATTEMPTED:
			assert_int_equal(it->code, GOSEND_ETIMEOUT);
			assert_null(it->result);
			assert_null(it->error);
			assert_int_equal(it->attempts, 0);
			if (!keys[i])
				assert_null(it->idempotency_key);
			/* the server never saw it */
			assert_false(mock_saw(f->mock, i, keys[i]));
			break;
		default:
			fail_msg("item %zu in state %d", i, (int)it->state);
		}
	}
	/* finish the batch as documented: each message stored once */
	assert_int_equal(resend(f->client, m, res),
	                 res->failed + res->not_attempted);
	assert_int_equal(gsmock_message_count(f->mock), N_CUT);
	gosend_bulk_result_free(res);
	free_batch(m, N_CUT);
}

static void test_bulk_faults__accepted_without_id_never_resent(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(5);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	seen s;
	size_t i, round;

	for (round = 0; round < 2; round++) {
		/* 2xx answers without an id: empty, a status only, not JSON;
		 * then two ordinary answers */
		gsmock_clear_log(f->mock);
		assert_int_equal(
		        gsmock_queue_response(f->mock, 201, NULL, NULL, NULL),
		        0);
		assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
		                                       "{\"status\":"
		                                       "\"accepted\"}"),
		                 0);
		assert_int_equal(gsmock_queue_response(f->mock, 202, NULL,
		                                       "text/plain", "OK"),
		                 0);
		memset(&s, 0, sizeof(s));
		o.concurrency = 1; /* the answers map to items in order */
		o.on_item = on_item;
		o.on_item_payload = &s;
		o.discard_results = (int)round; /* then only the counts */
		assert_int_equal(send_bulk(&res, f->client, m, 5, &o, NULL), 0);
		check_counts(res, 5);
		assert_int_equal(res->accepted, 3);
		assert_int_equal(res->sent, 2);
		assert_int_equal(res->succeeded, 5);
		assert_int_equal(res->failed, 0);
		assert_int_equal(res->not_attempted, 0);
		assert_int_equal(s.accepted, 3);
		assert_int_equal(s.ok, 5);
		/* one request per item: nothing accepted was sent again */
		assert_int_equal(gsmock_request_count(f->mock), 5);
		if (round == 0) {
			for (i = 0; i < 3; i++) {
				const gosend_bulk_item *it = res->items[i];
				assert_int_equal(it->state,
				                 GOSEND_BULK_ACCEPTED);
				assert_int_equal(it->code, 0);
				assert_non_null(it->result);
				assert_false(it->result->id_known);
				assert_null(it->result->id);
				assert_int_equal(it->attempts, 1);
				assert_non_null(it->idempotency_key);
			}
			assert_int_equal(res->items[3]->state,
			                 GOSEND_BULK_SENT);
			assert_int_equal(res->items[4]->state,
			                 GOSEND_BULK_SENT);
			/* a resume re-sends nothing */
			assert_int_equal(resend(f->client, m, res), 0);
		} else {
			assert_null(res->items);
		}
		gosend_bulk_result_free(res);
	}
	free_batch(m, 5);
}

#define TEN_YEARS_S (10LL * 365 * 86400)

static void test_bulk_faults__far_rate_reset_held_to_the_cap(void **state)
{
	fixture *f = *state;
	gosend_client *c = client_on(gsmock_base_url(f->mock), 300);
	gosend_outgoing **m = batch(3);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	char hdr[160];
	long long t0, elapsed;

	(void)snprintf(hdr, sizeof(hdr),
	               "X-RateLimit-Limit: 10\r\nX-RateLimit-Remaining: 0\r\n"
	               "X-RateLimit-Reset: %lld",
	               (long long)time(NULL) + TEN_YEARS_S);
	assert_int_equal(gsmock_queue_response(f->mock, 201, hdr, NULL,
	                                       "{\"id\":\"wamid.R0\"}"),
	                 0);
	o.concurrency = 1;
	o.follow_rate_headers = 1;
	t0 = mono_ms();
	assert_int_equal(send_bulk(&res, c, m, 3, &o, NULL), 0);
	elapsed = mono_ms() - t0;
	assert_int_equal(res->sent, 3);
	/* held (the block was honoured), for the 300 ms cap, not 10 years */
	assert_true(elapsed >= 250);
	assert_true(elapsed < 10 * 1000);
	gosend_bulk_result_free(res);
	free_batch(m, 3);
	gosend_client_free(c);
}

static void test_bulk_faults__epoch_reset_read_against_date(void **state)
{
	fixture *f = *state;
	/* a cap long enough to tell one reading from the other */
	gosend_client *c = client_on(gsmock_base_url(f->mock), 20000);
	gosend_outgoing **m = batch(2);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	time_t server = time(NULL) + 3600; /* its clock is an hour ahead */
	char date[64], hdr[256];
	struct tm tm;
	long long t0, elapsed;

	(void)gmtime_r(&server, &tm);
	(void)strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	/* the window resets one second after the server's Date: a second
	 * away, while on the local clock it would be an hour (the cap) */
	(void)snprintf(hdr, sizeof(hdr),
	               "Date: %s\r\nX-RateLimit-Remaining: 0\r\n"
	               "X-RateLimit-Reset: %lld",
	               date, (long long)server + 1);
	assert_int_equal(gsmock_queue_response(f->mock, 201, hdr, NULL,
	                                       "{\"id\":\"wamid.D0\"}"),
	                 0);
	o.concurrency = 1;
	o.follow_rate_headers = 1;
	t0 = mono_ms();
	assert_int_equal(send_bulk(&res, c, m, 2, &o, NULL), 0);
	elapsed = mono_ms() - t0;
	assert_int_equal(res->sent, 2);
	assert_true(elapsed < 10 * 1000);
	gosend_bulk_result_free(res);
	free_batch(m, 2);
	gosend_client_free(c);
}

static void test_bulk_faults__deadline_bounds_rate_limit_waits(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(5);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	long long t0, elapsed;
	size_t i;

	o.rate_per_second = 1; /* one start per second at most */
	o.deadline_ms = 300;
	t0 = mono_ms();
	assert_int_equal(send_bulk(&res, f->client, m, 5, &o, NULL),
	                 GOSEND_ETIMEOUT);
	elapsed = mono_ms() - t0;
	check_counts(res, 5);
	assert_true(res->not_attempted >= 4);
	assert_true(elapsed < 3000);
	for (i = 0; i < 5; i++)
		if (res->items[i]->state == GOSEND_BULK_NOT_ATTEMPTED)
			assert_false(mock_saw(f->mock, i, NULL));
	gosend_bulk_result_free(res);
	free_batch(m, 5);
}

static void test_bulk_faults__no_retry_planned_past_the_deadline(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(3);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	const gosend_bulk_item *it;
	long long t0, elapsed;

	/* a retry in 5 s would end after the 3 s deadline: none is made */
	assert_int_equal(gsmock_queue_response(f->mock, 503, "Retry-After: 5",
	                                       NULL,
	                                       "{\"statusCode\":503,"
	                                       "\"message\":\"busy\"}"),
	                 0);
	o.concurrency = 1;
	o.deadline_ms = 3000;
	t0 = mono_ms();
	assert_int_equal(send_bulk(&res, f->client, m, 3, &o, NULL), 0);
	elapsed = mono_ms() - t0;
	assert_true(elapsed < 3000);
	check_counts(res, 3);
	it = res->items[0];
	assert_int_equal(it->state, GOSEND_BULK_FAILED);
	assert_int_equal(it->code, GOSEND_ESERVER);
	assert_int_equal(it->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(it->error), 1);
	assert_non_null(it->idempotency_key);
	assert_int_equal(res->sent, 2);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	gosend_bulk_result_free(res);
	free_batch(m, 3);
}

static void queue_hs(fixture *f, const hs_action *a, size_t times)
{
	while (times--)
		assert_int_equal(hs_queue(f->hs, a), 0);
}

static void test_bulk_faults__cut_after_2xx_head_is_accepted(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(3);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	hs_action trickle = {.kind = HS_TRICKLE,
	                     .status = 201,
	                     .body = "{\"id\":\"wamid.TRICKLED\"}",
	                     .interval_ms = 1000,
	                     .processed = 1};
	long long t0, elapsed;

	/* the status line arrives, the body never in time */
	queue_hs(f, &trickle, 1);
	o.concurrency = 1;
	o.deadline_ms = 1000; /* time for the head even under valgrind */
	t0 = mono_ms();
	assert_int_equal(send_bulk(&res, f->hclient, m, 3, &o, NULL),
	                 GOSEND_ETIMEOUT);
	elapsed = mono_ms() - t0;
	assert_true(elapsed < 3000);
	check_counts(res, 3);
	assert_int_equal(res->items[0]->state, GOSEND_BULK_ACCEPTED);
	assert_int_equal(res->items[0]->code, 0);
	assert_non_null(res->items[0]->result);
	assert_true(res->items[0]->result->meta->body_incomplete);
	assert_int_equal(res->items[1]->state, GOSEND_BULK_NOT_ATTEMPTED);
	assert_int_equal(res->items[2]->state, GOSEND_BULK_NOT_ATTEMPTED);
	assert_int_equal(res->accepted, 1);
	assert_int_equal(res->not_attempted, 2);
	assert_int_equal(hs_request_count(f->hs), 1);
	gosend_bulk_result_free(res);
	free_batch(m, 3);
}

static void test_bulk_faults__silent_server_cut_then_resumed(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(6);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	hs_action ok = {.kind = HS_RESPONSE,
	                .status = 201,
	                .body = "{\"id\":\"wamid.OK\"}",
	                .processed = 1};
	/* it may well have stored them: it just never says so */
	hs_action silent = {.kind = HS_SILENT, .processed = 1};
	size_t round;

	assert_int_equal(hs_set_default(f->hs, &ok), 0);
	for (round = 0; round < 2; round++) {
		seen s;

		memset(&s, 0, sizeof(s));
		queue_hs(f, &ok, 2);
		queue_hs(f, &silent, 2);
		o.concurrency = 2;
		/* time for the two answers even under valgrind */
		o.deadline_ms = 1500;
		o.on_item = on_item;
		o.on_item_payload = &s;
		o.discard_results = (int)round;
		assert_int_equal(send_bulk(&res, f->hclient, m, 6, &o, NULL),
		                 GOSEND_ETIMEOUT);
		check_counts(res, 6);
		assert_int_equal(res->sent, 2);
		assert_int_equal(res->failed, 2);
		assert_int_equal(res->not_attempted, 2);
		assert_int_equal(s.items, 4);
		assert_int_equal(s.retryable, 2);
		if (round == 0) {
			assert_int_equal(res->items[4]->state,
			                 GOSEND_BULK_NOT_ATTEMPTED);
			assert_int_equal(res->items[5]->state,
			                 GOSEND_BULK_NOT_ATTEMPTED);
			assert_int_equal(resend(f->hclient, m, res), 4);
			/* the two cut ones replayed under their keys */
			assert_int_equal(hs_stored_count(f->hs), 6);
		} else {
			assert_null(res->items);
		}
		gosend_bulk_result_free(res);
	}
	free_batch(m, 6);
}

static void test_bulk_faults__options_by_version(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(3);
	size_t v1 = offsetof(gosend_bulk_options, deadline_ms);
	/* a caller built against version 1 allocated only this much: the
	 * library must not read past it (ASan and valgrind would see it) */
	unsigned char *old = malloc(v1);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	gosend_error *e = NULL;

	assert_non_null(old);
	/* fill the version-1 part through a full struct: the block itself is
	 * only ever read by the library */
	o.version = 1;
	o.concurrency = 2;
	memcpy(old, &o, v1);
	o = (gosend_bulk_options)GOSEND_BULK_OPTIONS_INIT;
	assert_int_equal(send_bulk(&res, f->client, m, 3,
	                           (const gosend_bulk_options *)(void *)old,
	                           NULL),
	                 0);
	assert_int_equal(res->sent, 3);
	gosend_bulk_result_free(res);
	free(old);

	assert_int_equal(GOSEND_BULK_OPTIONS_VERSION, 2);
	o.version = 3;
	assert_int_equal(send_bulk(&res, f->client, m, 3, &o, &e),
	                 GOSEND_EINVAL);
	assert_null(res);
	assert_string_equal(e->field, "options.version");
	gosend_error_free(e);
	o.version = GOSEND_BULK_OPTIONS_VERSION;
	o.deadline_ms = -1;
	assert_int_equal(send_bulk(&res, f->client, m, 3, &o, &e),
	                 GOSEND_EINVAL);
	assert_null(res);
	assert_string_equal(e->field, "deadline_ms");
	gosend_error_free(e);
	assert_int_equal(gsmock_message_count(f->mock), 3);
	free_batch(m, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	        T(test_bulk_faults__deadline_leaves_every_item_a_state),
	        T(test_bulk_faults__accepted_without_id_never_resent),
	        T(test_bulk_faults__far_rate_reset_held_to_the_cap),
	        T(test_bulk_faults__epoch_reset_read_against_date),
	        T(test_bulk_faults__deadline_bounds_rate_limit_waits),
	        T(test_bulk_faults__no_retry_planned_past_the_deadline),
	        T(test_bulk_faults__cut_after_2xx_head_is_accepted),
	        T(test_bulk_faults__silent_server_cut_then_resumed),
	        T(test_bulk_faults__options_by_version),
#undef T
	};
	gosend_global_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
