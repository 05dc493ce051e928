/*
 * Bulk sending against the mock: per-item results in input order, local
 * and server errors per item, no duplicates when responses are lost,
 * caller-given keys, progress and item callbacks, and the rate limit: with
 * the limiter at the mock's rate no 429 at all and never faster than the
 * limit; without it every 429 is absorbed and each message stored once.
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gsmock.h"
#include "gosendapi/bulk.h"
#include "gosendapi/gosendapi.h"

#define KEY "gsk_test_bulk0001"

typedef ts_fx fixture;

static int setup(void **state)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;

	o.retry_base_ms = 10; /* keep retries quick: real time here */
	o.retry_max_ms = 40;
	return ts_setup(state, KEY, &o, 0);
}

/* n text messages "msg <i>" to distinct numbers; free with free_batch. */
static gosend_outgoing **batch(size_t n)
{
	gosend_outgoing **m = calloc(n, sizeof(*m));
	size_t i;

	assert_non_null(m);
	for (i = 0; i < n; i++) {
		char to[32], body[32];
		(void)snprintf(to, sizeof(to), "54911%08zu", i);
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

/* The stored message i's body text from the mock's log of POSTs. */
static size_t count_posts(gsmock *mock)
{
	size_t i, n = 0, total = gsmock_request_count(mock);

	for (i = 0; i < total; i++) {
		gsmock_request *rq = gsmock_request_at(mock, i);
		if (strcmp(rq->method, "POST") == 0)
			n++;
		gsmock_request_free(rq);
	}
	return n;
}

static void test_bulk__results_in_input_order(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(40);
	gosend_bulk_result *res = NULL;
	gosend_message *got = NULL;
	size_t i;

	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client,
	                                  (const gosend_outgoing *const *)m, 40,
	                                  NULL, NULL),
	        0);
	assert_int_equal(res->count, 40);
	assert_int_equal(res->succeeded, 40);
	assert_int_equal(res->sent, 40);
	assert_int_equal(res->accepted, 0);
	assert_int_equal(res->failed, 0);
	assert_int_equal(res->not_attempted, 0);
	assert_int_equal(gsmock_message_count(f->mock), 40);
	for (i = 0; i < 40; i++) {
		const gosend_bulk_item *it = res->items[i];
		char to[32];

		assert_int_equal(it->code, 0);
		assert_int_equal(it->state, GOSEND_BULK_SENT);
		assert_non_null(it->result);
		assert_true(it->result->id_known);
		assert_null(it->error);
		assert_int_equal(it->attempts, 1);
		assert_non_null(it->idempotency_key);
		assert_int_equal(strlen(it->idempotency_key), 36);
		/* the kept result is whole: every string and the meta */
		(void)snprintf(to, sizeof(to), "54911%08zu", i);
		assert_string_equal(it->result->status_name, "accepted");
		assert_int_equal(it->result->status,
		                 GOSEND_MESSAGE_STATUS_ACCEPTED);
		assert_string_equal(it->result->wa_id, to);
		assert_non_null(strstr(it->result->raw_json, it->result->id));
		assert_non_null(it->result->meta);
		assert_int_equal(it->result->meta->http_status, 201);
		assert_string_equal(it->result->meta->idempotency_key,
		                    it->idempotency_key);
		assert_non_null(it->result->meta->request_id);
		assert_non_null(it->result->meta->content_type);
		/* item i's id is the message sent to item i's number */
		assert_int_equal(gosend_messages_get(&got, f->client,
		                                     it->result->id, NULL,
		                                     NULL),
		                 0);
		(void)snprintf(to, sizeof(to), "54911%08zu", i);
		assert_string_equal(got->to, to);
		gosend_message_free(got);
	}
	gosend_bulk_result_free(res);
	free_batch(m, 40);
}

static void test_bulk__per_item_errors(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(5);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;

	/* item 1 invalid locally (never sent), item 3 refused by the server */
	gosend_outgoing_free(m[1]);
	m[1] = NULL;
	o.concurrency = 1; /* scripted answers then map to items in order */
	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL,
	                                       "{\"id\":\"wamid.A\"}"),
	                 0);
	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL,
	                                       "{\"id\":\"wamid.B\"}"),
	                 0);
	assert_int_equal(
	        gsmock_queue_response(f->mock, 422, NULL, NULL,
	                              "{\"statusCode\":422,\"message\":"
	                              "\"template not approved\"}"),
	        0);
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client,
	                                  (const gosend_outgoing *const *)m, 5,
	                                  &o, NULL),
	        0);
	assert_int_equal(res->succeeded, 3);
	assert_int_equal(res->sent, 3);
	assert_int_equal(res->failed, 2);
	assert_int_equal(res->not_attempted, 0);
	assert_string_equal(res->items[0]->result->id, "wamid.A");
	assert_int_equal(res->items[1]->code, GOSEND_EINVAL);
	/* refused before anything was sent: failed, with no key */
	assert_int_equal(res->items[1]->state, GOSEND_BULK_FAILED);
	assert_int_equal(res->items[1]->attempts, 0);
	assert_null(res->items[1]->idempotency_key);
	assert_int_equal(gosend_error_is_retryable(res->items[1]->error), 0);
	assert_string_equal(res->items[2]->result->id, "wamid.B");
	assert_int_equal(res->items[3]->code, GOSEND_EUNPROCESSABLE);
	assert_int_equal(res->items[3]->state, GOSEND_BULK_FAILED);
	assert_int_equal(gosend_error_is_retryable(res->items[3]->error), 0);
	assert_string_equal(res->items[3]->error->message,
	                    "template not approved");
	assert_int_equal(res->items[3]->attempts, 1);
	assert_int_equal(res->items[4]->code, 0);
	assert_int_equal(count_posts(f->mock), 4);
	gosend_bulk_result_free(res);
	free_batch(m, 5);
}

static void test_bulk__lost_responses_never_duplicate(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(30);
	gosend_bulk_result *res = NULL;
	size_t i, j;

	/* the first 6 requests are processed, then their answer is lost */
	for (i = 0; i < 6; i++)
		assert_int_equal(
		        gsmock_queue_fault(f->mock,
		                           GSMOCK_FAULT_PROCESS_THEN_CLOSE, 0),
		        0);
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client,
	                                  (const gosend_outgoing *const *)m, 30,
	                                  NULL, NULL),
	        0);
	assert_int_equal(res->succeeded, 30);
	/* each message stored exactly once, whatever was retried */
	assert_int_equal(gsmock_message_count(f->mock), 30);
	assert_true(count_posts(f->mock) >= 36); /* libcurl may resend once */
	for (i = 0; i < 30; i++)
		for (j = i + 1; j < 30; j++)
			assert_string_not_equal(res->items[i]->result->id,
			                        res->items[j]->result->id);
	gosend_bulk_result_free(res);
	free_batch(m, 30);
}

typedef struct counters {
	size_t progress_calls, last_done, items;
	int codes_ok;
} counters;

static void on_progress(size_t done, size_t total, void *p)
{
	counters *c = p;
	c->progress_calls++;
	assert_true(done > c->last_done);
	assert_int_equal(total, 12);
	c->last_done = done;
}

static void on_item(size_t index, int code, const gosend_message_result *r,
                    const gosend_error *e, void *p)
{
	counters *c = p;
	assert_true(index < 12);
	c->items++;
	if (code == 0 && r && !e && r->id)
		c->codes_ok++;
}

static void test_bulk__keys_callbacks_and_discard(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(12);
	const char *keys[12];
	char buf[12][32];
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	counters c;
	size_t i, matched = 0;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < 12; i++) {
		(void)snprintf(buf[i], sizeof(buf[i]), "order-%zu", i);
		keys[i] = buf[i];
	}
	o.idempotency_keys = keys;
	o.progress = on_progress;
	o.progress_payload = &c;
	o.on_item = on_item;
	o.on_item_payload = &c;
	o.discard_results = 1;
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client,
	                                  (const gosend_outgoing *const *)m, 12,
	                                  &o, NULL),
	        0);
	assert_null(res->items);
	assert_int_equal(res->succeeded, 12);
	assert_int_equal(res->sent, 12);
	assert_int_equal(res->not_attempted, 0);
	assert_int_equal(c.progress_calls, 12);
	assert_int_equal(c.items, 12);
	assert_int_equal(c.codes_ok, 12);
	for (i = 0; i < gsmock_request_count(f->mock); i++) {
		gsmock_request *rq = gsmock_request_at(f->mock, i);
		const char *k = gsmock_request_header(rq, "Idempotency-Key");
		if (k && strncmp(k, "order-", 6) == 0)
			matched++;
		gsmock_request_free(rq);
	}
	assert_int_equal(matched, 12);
	gosend_bulk_result_free(res);
	/* the same keys again: the server replays, nothing new is stored */
	o.discard_results = 0;
	o.progress = NULL;
	o.on_item = NULL;
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client,
	                                  (const gosend_outgoing *const *)m, 12,
	                                  &o, NULL),
	        0);
	assert_int_equal(res->succeeded, 12);
	assert_int_equal(gsmock_message_count(f->mock), 12);
	assert_string_equal(res->items[5]->idempotency_key, "order-5");
	gosend_bulk_result_free(res);
	free_batch(m, 12);
}

static void test_bulk__bad_arguments(void **state)
{
	fixture *f = *state;
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	gosend_error *e = NULL;

	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client, NULL, 3, NULL, &e),
	        GOSEND_EINVAL);
	assert_string_equal(e->field, "messages");
	gosend_error_free(e);
	o.concurrency = 100000;
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client, NULL, 0, &o, NULL),
	        GOSEND_EINVAL);
	o.concurrency = 0;
	o.rate_per_second = 0.5;
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client, NULL, 0, &o, NULL),
	        GOSEND_EINVAL);
	o.rate_per_second = NAN;
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client, NULL, 0, &o, &e),
	        GOSEND_EINVAL);
	assert_string_equal(e->field, "rate_per_second");
	gosend_error_free(e);
	o.rate_per_second = 0;
	assert_int_equal(
	        gosend_messages_send_bulk(NULL, f->client, NULL, 0, NULL, NULL),
	        GOSEND_EINVAL);
	assert_int_equal(
	        gosend_messages_send_bulk(&res, NULL, NULL, 0, NULL, NULL),
	        GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f->mock), 0);
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client, NULL, 0, NULL, NULL),
	        0);
	assert_int_equal(res->count, 0);
	gosend_bulk_result_free(res);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define RATE   50
#define N_RATE 120

static void test_bulk__limiter_holds_the_mock_rate(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(N_RATE);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	long long t0, elapsed;

	assert_int_equal(gsmock_set_rate_limit(f->mock, RATE, 1), 0);
	o.rate_per_second = RATE;
	o.concurrency = 32;
	t0 = now_ms();
	assert_int_equal(
	        gosend_messages_send_bulk(&res, f->client,
	                                  (const gosend_outgoing *const *)m,
	                                  N_RATE, &o, NULL),
	        0);
	elapsed = now_ms() - t0;
	assert_int_equal(res->succeeded, N_RATE);
	assert_int_equal(res->rate_limited, 0);
	assert_int_equal(gsmock_rejected_count(f->mock), 0);
	assert_int_equal(gsmock_message_count(f->mock), N_RATE);
	/* 120 at 50 per aligned second span at least 3 seconds: > 2 s */
	assert_true(elapsed >= (N_RATE / RATE) * 1000 - 1000);
	gosend_bulk_result_free(res);
	free_batch(m, N_RATE);
}

/* A rate any client exceeds, however slow the build (valgrind too). */
#define LOW_RATE 2
#define N_LOW    12

static void test_bulk__429s_absorbed_without_limiter(void **state)
{
	fixture *f = *state;
	gosend_outgoing **m = batch(N_LOW);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_client_options co = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_bulk_result *res = NULL;

	co.base_url = gsmock_base_url(f->mock);
	/* each 429 waits the mock's Retry-After (1 s); 12 at 2 per second
	 * need at most 6 rounds */
	co.max_retries = 12;
	assert_int_equal(gosend_client_new(&c, KEY, &co, NULL), 0);
	assert_int_equal(gsmock_set_rate_limit(f->mock, LOW_RATE, 1), 0);
	o.concurrency = N_LOW; /* all at once: the limit is exceeded */
	assert_int_equal(gosend_messages_send_bulk(
	                         &res, c, (const gosend_outgoing *const *)m,
	                         N_LOW, &o, NULL),
	                 0);
	assert_int_equal(res->succeeded, N_LOW);
	assert_true(res->rate_limited > 0);
	assert_int_equal(gsmock_rejected_count(f->mock), res->rate_limited);
	/* none lost, none duplicated */
	assert_int_equal(gsmock_message_count(f->mock), N_LOW);
	gosend_bulk_result_free(res);
	free_batch(m, N_LOW);
	gosend_client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ts_teardown)
	        T(test_bulk__results_in_input_order),
	        T(test_bulk__per_item_errors),
	        T(test_bulk__lost_responses_never_duplicate),
	        T(test_bulk__keys_callbacks_and_discard),
	        T(test_bulk__bad_arguments),
	        T(test_bulk__limiter_holds_the_mock_rate),
	        T(test_bulk__429s_absorbed_without_limiter),
#undef T
	};
	gosend_global_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
