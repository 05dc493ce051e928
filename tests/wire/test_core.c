/*
 * The request pipeline against the in-process mock: what goes over the
 * wire, status mapping, metadata, redirects, limits, keep-alive, redaction,
 * retries with injected time, and one client shared by threads.
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"

#define KEY "gsk_test_wire0123456789abcd"

typedef ts_fx fixture;

static gosend_client *client_for(fixture *f, gosend_client_options *o)
{
	return ts_fx_client(f, o, TS_TIME | TS_RANDOM0);
}

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_TIME | TS_RANDOM0);
}

static gsmock_request *last_request(fixture *f)
{
	size_t n = gsmock_request_count(f->mock);

	assert_true(n > 0);
	return gsmock_request_at(f->mock, n - 1);
}

static void test_core__me_on_the_wire(void **state)
{
	fixture *f = *state;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	gsmock_request *rq;
	char ua[64];

	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e), 0);
	assert_null(e);
	assert_string_equal(me->id, "42");
	assert_string_equal(me->name, "Mock Project");
	assert_string_equal(me->webhook_url, "https://example.test/hooks");
	assert_string_equal(me->created_at, "2026-01-15T10:00:00Z");
	assert_string_equal(me->api_key_prefix, "gsk_test");
	assert_int_equal(me->meta->http_status, 200);
	assert_int_equal(me->meta->attempts, 1);
	assert_non_null(me->meta->request_id);
	assert_int_equal(me->meta->ratelimit_limit, 10);
	assert_true(me->meta->ratelimit_reset > 1700000000LL);
	assert_null(me->meta->idempotency_key);

	assert_int_equal(gsmock_request_count(f->mock), 1);
	rq = last_request(f);
	assert_string_equal(rq->method, "GET");
	assert_string_equal(rq->target, "/v1/me");
	assert_string_equal(gsmock_request_header(rq, "X-API-Key"), KEY);
	assert_string_equal(gsmock_request_header(rq, "Accept"),
	                    "application/json");
	(void)snprintf(ua, sizeof(ua), "gosendapi-c/%s libcurl/",
	               GOSENDAPI_VERSION);
	assert_memory_equal(gsmock_request_header(rq, "User-Agent"), ua,
	                    strlen(ua));
	assert_null(gsmock_request_header(rq, "Content-Type"));
	assert_null(gsmock_request_header(rq, "Idempotency-Key"));
	assert_int_equal(rq->body_len, 0);
	gsmock_request_free(rq);
	gosend_me_free(me);
}

static void test_core__unauthorized_is_not_retried(void **state)
{
	fixture *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	o.base_url = gsmock_base_url(f->mock);
	assert_int_equal(gosend_client_new(&c, "gsk_test_revoked1", &o, NULL),
	                 0);
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_EUNAUTHORIZED);
	assert_null(me);
	assert_int_equal(e->http_status, 401);
	assert_int_equal(e->status_code, 401);
	assert_string_equal(e->message, "Invalid or missing API key");
	assert_string_equal(e->error, "Unauthorized");
	assert_int_equal(e->attempts, 1);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	gosend_error_free(e);
	gosend_client_free(c);
}

static void test_core__status_mapping_over_the_wire(void **state)
{
	static const struct {
		unsigned int status;
		int code;
	} map[] = {{400, GOSEND_EBADREQUEST},  {403, GOSEND_EFORBIDDEN},
	           {404, GOSEND_ENOTFOUND},    {409, GOSEND_ECONFLICT},
	           {415, GOSEND_EUNSUPPORTED}, {422, GOSEND_EUNPROCESSABLE},
	           {418, GOSEND_EHTTP},        {501, GOSEND_ESERVER}};
	fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		gosend_me *me = NULL;
		gosend_error *e = NULL;
		char body[128];
		size_t before = gsmock_request_count(f->mock);

		(void)snprintf(body, sizeof(body),
		               "{\"statusCode\":%u,\"message\":\"m%u\","
		               "\"error\":\"E\"}",
		               map[i].status, map[i].status);
		assert_int_equal(gsmock_queue_response(f->mock, map[i].status,
		                                       "X-Request-Id: rq-7",
		                                       NULL, body),
		                 0);
		assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
		                 map[i].code);
		assert_int_equal(e->code, map[i].code);
		assert_int_equal(e->http_status, (long)map[i].status);
		assert_string_equal(e->request_id, "rq-7");
		assert_int_equal(e->attempts, 1);
		/* exactly one attempt reached the server */
		assert_int_equal(gsmock_request_count(f->mock), before + 1);
		assert_int_equal(f->nslept, 0);
		gosend_error_free(e);
	}
}

static void test_core__pagination_headers_case_insensitive(void **state)
{
	fixture *f = *state;
	gosend_raw_response *res = NULL;
	gosend_error *e = NULL;

	assert_int_equal(
	        gsmock_queue_response(f->mock, 200,
	                              "x-total-count: 1234\r\nx-PAGE: 2\r\n"
	                              "X-Per-Page: 50\r\nretry-after: 3\r\n"
	                              "x-ratelimit-remaining: 87",
	                              NULL, "[]"),
	        0);
	assert_int_equal(gosend_raw_request(&res, f->client, "GET", "/messages",
	                                    NULL, NULL, NULL, &e),
	                 0);
	assert_int_equal(res->meta->total_count, 1234);
	assert_int_equal(res->meta->page, 2);
	assert_int_equal(res->meta->per_page, 50);
	assert_int_equal(res->meta->retry_after_s, 3);
	assert_int_equal(res->meta->ratelimit_remaining, 87);
	assert_string_equal(res->body, "[]");
	gosend_raw_response_free(res);
}

static void test_core__raw_request_on_the_wire(void **state)
{
	static const char *const query[] = {"page", "2", "q", "a&b c", NULL};
	static const char *const headers[] = {"X-Trace: abc"};
	fixture *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_raw_response *res = NULL;
	gosend_error *e = NULL;
	gsmock_request *rq;

	o.headers = headers;
	o.headers_count = 1;
	o.idempotency_key = "order-1234";
	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL,
	                                       "{\"ok\":true}"),
	                 0);
	assert_int_equal(gosend_raw_request(&res, f->client, "PATCH",
	                                    "/things/x1", query, "{\"a\":1}",
	                                    &o, &e),
	                 0);
	assert_int_equal(res->http_status, 201);
	assert_string_equal(res->body, "{\"ok\":true}");
	assert_string_equal(res->meta->idempotency_key, "order-1234");
	rq = last_request(f);
	assert_string_equal(rq->method, "PATCH");
	assert_string_equal(rq->target, "/v1/things/x1?page=2&q=a%26b%20c");
	assert_string_equal(gsmock_request_header(rq, "Content-Type"),
	                    "application/json");
	assert_string_equal(gsmock_request_header(rq, "X-Trace"), "abc");
	assert_string_equal(gsmock_request_header(rq, "Idempotency-Key"),
	                    "order-1234");
	ts_assert_json_eq(rq->body, "{\"a\":1}");
	gsmock_request_free(rq);
	gosend_raw_response_free(res);
}

/* A caller's User-Agent replaces the client's (one line, the caller's);
 * no body, small or large, waits for "100 Continue". */
static void test_core__caller_user_agent_and_no_expect(void **state)
{
	static const char *const headers[] = {"user-agent: shop/2.1"};
	fixture *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_raw_response *res = NULL;
	gosend_error *e = NULL;
	gsmock_request *rq;
	char *big = malloc(4096);
	size_t i;

	assert_non_null(big);
	big[0] = '"';
	for (i = 1; i < 4094; i++)
		big[i] = 'x';
	big[4094] = '"';
	big[4095] = '\0';
	o.headers = headers;
	o.headers_count = 1;
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, "{}"),
	                 0);
	assert_int_equal(gosend_raw_request(&res, f->client, "POST", "/things",
	                                    NULL, big, &o, &e),
	                 0);
	gosend_raw_response_free(res);
	rq = last_request(f);
	assert_string_equal(gsmock_request_header(rq, "User-Agent"),
	                    "shop/2.1");
	assert_null(gsmock_request_header(rq, "Expect"));
	assert_int_equal(rq->body_len, 4095);
	gsmock_request_free(rq);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, "{}"),
	                 0);
	assert_int_equal(gosend_raw_request(&res, f->client, "POST", "/things",
	                                    NULL, "{\"a\":1}", NULL, &e),
	                 0);
	gosend_raw_response_free(res);
	rq = last_request(f);
	assert_null(gsmock_request_header(rq, "Expect"));
	assert_memory_equal(gsmock_request_header(rq, "User-Agent"),
	                    "gosendapi-c/", 12);
	gsmock_request_free(rq);
	free(big);
}

static void test_core__bad_input_sends_nothing(void **state)
{
	static const char *const crlf[] = {"X-A: 1\r\nX-API-Key: stolen"};
	fixture *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_raw_response *res = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	o.headers = crlf;
	o.headers_count = 1;
	assert_int_equal(gosend_me_get(&me, f->client, &o, &e), GOSEND_EINVAL);
	gosend_error_free(e);
	assert_int_equal(gosend_raw_request(&res, f->client, "GET", "/a/../me",
	                                    NULL, NULL, NULL, &e),
	                 GOSEND_EINVAL);
	gosend_error_free(e);
	assert_int_equal(gosend_raw_request(&res, f->client, "GET", "/me?x=1",
	                                    NULL, NULL, NULL, NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

static void test_core__redirect_is_not_followed(void **state)
{
	fixture *f = *state;
	gsmock *other = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	char loc[160];

	assert_int_equal(gsmock_start(&other, NULL), 0);
	(void)snprintf(loc, sizeof(loc), "Location: %s/me",
	               gsmock_base_url(other));
	assert_int_equal(gsmock_queue_response(f->mock, 302, loc, NULL, "{}"),
	                 0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e), GOSEND_EHTTP);
	assert_int_equal(e->http_status, 302);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	/* the other server never saw the key, nor anything */
	assert_int_equal(gsmock_request_count(other), 0);
	gosend_error_free(e);
	gsmock_stop(other);
}

static void test_core__response_body_cap(void **state)
{
	fixture *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	o.max_response_bytes = 4096;
	c = client_for(f, &o);
	assert_int_equal(
	        gsmock_queue_fault(f->mock, GSMOCK_FAULT_HUGE_BODY, 100000), 0);
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ETOOLARGE);
	assert_null(me);
	assert_int_equal(e->code, GOSEND_ETOOLARGE);
	assert_non_null(strstr(e->message, "max_response_bytes"));
	gosend_error_free(e);
	gosend_client_free(c);
}

static void test_core__bad_success_bodies(void **state)
{
	fixture *f = *state;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	assert_int_equal(
	        gsmock_queue_fault(f->mock, GSMOCK_FAULT_INVALID_JSON, 0), 0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
	                 GOSEND_EPROTOCOL);
	assert_int_equal(e->http_status, 200);
	assert_non_null(e->body);
	gosend_error_free(e);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, ""),
	                 0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
	                 GOSEND_EPROTOCOL);
	gosend_error_free(e);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"name\":\"no id\"}"),
	                 0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
	                 GOSEND_EPROTOCOL);
	assert_string_equal(e->field, "id");
	assert_int_equal(e->http_status, 200);
	gosend_error_free(e);
	assert_null(me);
}

static void test_core__html_502_is_useful(void **state)
{
	fixture *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	o.max_retries = GOSEND_NO_RETRIES;
	assert_int_equal(gsmock_queue_fault(f->mock, GSMOCK_FAULT_HTML_502, 0),
	                 0);
	assert_int_equal(gosend_me_get(&me, f->client, &o, &e), GOSEND_ESERVER);
	assert_int_equal(e->http_status, 502);
	assert_non_null(strstr(e->message, "HTTP 502"));
	assert_int_equal(e->attempts, 1);
	gosend_error_free(e);
}

static void test_core__closed_connection(void **state)
{
	fixture *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	o.max_retries = GOSEND_NO_RETRIES;
	assert_int_equal(gsmock_queue_close(f->mock), 0);
	assert_int_equal(gosend_me_get(&me, f->client, &o, &e),
	                 GOSEND_ENETWORK);
	assert_int_equal(e->http_status, 0);
	assert_non_null(e->transport_message);
	gosend_error_free(e);
}

static void test_core__retries_503_with_backoff(void **state)
{
	fixture *f = *state;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gsmock_queue_response(f->mock, 503, NULL, NULL,
	                                       "{\"statusCode\":503}"),
	                 0);
	assert_int_equal(gsmock_queue_response(f->mock, 503, NULL, NULL,
	                                       "{\"statusCode\":503}"),
	                 0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e), 0);
	assert_int_equal(me->meta->attempts, 3);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	/* base 500 ms doubling, equal jitter with random 0: 250, 500 */
	assert_int_equal(f->nslept, 2);
	assert_int_equal(f->slept[0], 250);
	assert_int_equal(f->slept[1], 500);
	gosend_me_free(me);
}

static void test_core__retry_after_wins_over_backoff(void **state)
{
	fixture *f = *state;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	assert_int_equal(
	        gsmock_queue_response(f->mock, 429, "Retry-After: 2", NULL,
	                              "{\"statusCode\":429,\"message\":\"Rate "
	                              "limit exceeded for API key\","
	                              "\"retry_after_seconds\":1}"),
	        0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e), 0);
	assert_int_equal(f->nslept, 1);
	assert_int_equal(f->slept[0], 2000);
	gosend_me_free(me);
}

static void test_core__retries_exhausted(void **state)
{
	fixture *f = *state;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(
		        gsmock_queue_response(f->mock, 500, NULL, NULL,
		                              "{\"message\":\"boom\"}"),
		        0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
	                 GOSEND_ESERVER);
	assert_int_equal(e->attempts, 3);
	assert_string_equal(e->message, "boom");
	assert_int_equal(gsmock_request_count(f->mock), 3);
	gosend_error_free(e);
}

typedef struct log_capture {
	char lines[256][256];
	size_t n;
	pthread_mutex_t lock;
} log_capture;

static void capture(int level, const char *line, void *p)
{
	log_capture *lc = p;

	(void)level;
	pthread_mutex_lock(&lc->lock);
	if (lc->n < 256)
		(void)snprintf(lc->lines[lc->n++], 256, "%s", line);
	pthread_mutex_unlock(&lc->lock);
}

static void test_core__keepalive_and_redacted_trace(void **state)
{
	fixture *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	log_capture *lc = calloc(1, sizeof(*lc));
	gosend_client *c;
	gosend_me *me = NULL;
	size_t i;
	int reused = 0, key_seen = 0, redacted_seen = 0;

	assert_non_null(lc);
	pthread_mutex_init(&lc->lock, NULL);
	o.log = capture;
	o.log_payload = lc;
	o.log_level = GOSEND_LOG_TRACE;
	c = client_for(f, &o);
	for (i = 0; i < 3; i++) {
		assert_int_equal(gosend_me_get(&me, c, NULL, NULL), 0);
		gosend_me_free(me);
	}
	for (i = 0; i < lc->n; i++) {
		if (strstr(lc->lines[i], "Re-using existing "))
			reused++;
		if (strstr(lc->lines[i], KEY) ||
		    strstr(lc->lines[i], "wire0123456789"))
			key_seen++;
		if (strstr(lc->lines[i], "X-API-Key: gsk_test_...abcd"))
			redacted_seen++;
	}
	assert_int_equal(key_seen, 0);
	assert_int_equal(redacted_seen, 3);
	assert_int_equal(reused, 2);
	gosend_client_free(c);
	pthread_mutex_destroy(&lc->lock);
	free(lc);
}

static void test_core__iterator_of_another_kind_is_refused(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL;
	const gosend_message *m = NULL;
	const gosend_waba *w = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gosend_wabas_iter_new(&it, f->client, 0, NULL, NULL),
	                 0);
	assert_int_equal(gosend_messages_iter_next(&m, it, &e), GOSEND_EINVAL);
	assert_null(m);
	assert_string_equal(e->field, "iter");
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 0);
	/* the right kind still works */
	assert_int_equal(gosend_wabas_iter_next(&w, it, NULL), 1);
	assert_non_null(w->id);
	gosend_iter_free(it);
}

static void test_core__iterator_follows_server_page_size(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL;
	const gosend_waba *w = NULL;
	gsmock_request *rq;
	char *page, *per_page;
	int n = 0, rc;

	/* asked for 100 per page, the server serves 2 (and says so) */
	assert_int_equal(
	        gsmock_queue_response(
	                f->mock, 200,
	                "X-Total-Count: 5\r\nX-Per-Page: 2\r\nX-Page: 1", NULL,
	                "[{\"id\":\"a\"},{\"id\":\"b\"}]"),
	        0);
	assert_int_equal(
	        gsmock_queue_response(
	                f->mock, 200,
	                "X-Total-Count: 5\r\nX-Per-Page: 2\r\nX-Page: 2", NULL,
	                "[{\"id\":\"c\"},{\"id\":\"d\"}]"),
	        0);
	assert_int_equal(
	        gsmock_queue_response(
	                f->mock, 200,
	                "X-Total-Count: 5\r\nX-Per-Page: 2\r\nX-Page: 3", NULL,
	                "[{\"id\":\"e\"}]"),
	        0);
	assert_int_equal(gosend_wabas_iter_new(&it, f->client, 0, NULL, NULL),
	                 0);
	while ((rc = gosend_wabas_iter_next(&w, it, NULL)) == 1)
		n++;
	assert_int_equal(rc, 0);
	assert_int_equal(n, 5);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	rq = gsmock_request_at(f->mock, 1);
	page = gsmock_request_query_param(rq, "page");
	per_page = gsmock_request_query_param(rq, "per_page");
	assert_string_equal(page, "2");
	assert_string_equal(per_page, "2");
	free(page);
	free(per_page);
	gsmock_request_free(rq);
	gosend_iter_free(it);
}

static void test_core__lost_response_never_duplicates(void **state)
{
	fixture *f = *state;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	gsmock_request *first, *last;
	size_t n;

	/* the mock stores the message, then drops the connection unanswered */
	assert_int_equal(
	        gsmock_queue_fault(f->mock, GSMOCK_FAULT_PROCESS_THEN_CLOSE, 0),
	        0);
	assert_int_equal(
	        gosend_messages_send_text(&res, f->client, "555123456789",
	                                  "5491140123456", "once", NULL, &e),
	        0);
	assert_non_null(res->id);
	assert_true(res->meta->attempts >= 1);
	/* exactly one message, whatever was resent */
	assert_int_equal(gsmock_message_count(f->mock), 1);
	n = gsmock_request_count(f->mock);
	assert_true(n >= 2);
	first = gsmock_request_at(f->mock, 0);
	last = gsmock_request_at(f->mock, n - 1);
	assert_non_null(gsmock_request_header(first, "Idempotency-Key"));
	assert_string_equal(gsmock_request_header(first, "Idempotency-Key"),
	                    gsmock_request_header(last, "Idempotency-Key"));
	assert_string_equal(res->meta->idempotency_key,
	                    gsmock_request_header(first, "Idempotency-Key"));
	gsmock_request_free(first);
	gsmock_request_free(last);
	gosend_message_result_free(res);
}

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_core__deadline_bounds_the_whole_call(void **state)
{
	fixture *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	long long t0, elapsed;
	int i;

	/* real clock: each answer comes 3 s late, attempts time out at
	 * 300 ms, and the whole call may take 800 ms */
	o.base_url = gsmock_base_url(f->mock);
	o.timeout_ms = 300;
	o.deadline_ms = 800;
	o.retry_base_ms = 100;
	assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(
		        gsmock_queue_fault(f->mock, GSMOCK_FAULT_DELAY, 3000),
		        0);
	t0 = mono_ms();
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ETIMEOUT);
	elapsed = mono_ms() - t0;
	assert_true(e->attempts >= 2);
	/* no hang: the deadline (plus slack for slow sanitizer builds) */
	assert_true(elapsed < 2000);
	gosend_error_free(e);
	gosend_client_free(c);
}

#define THREADS 8
#define CALLS   25

static void *worker(void *p)
{
	gosend_client *c = p;
	long ok = 0;
	int i;

	for (i = 0; i < CALLS; i++) {
		gosend_me *me = NULL;
		if (gosend_me_get(&me, c, NULL, NULL) == 0 &&
		    strcmp(me->id, "42") == 0)
			ok++;
		gosend_me_free(me);
	}
	return (void *)ok;
}

static void test_core__one_client_many_threads(void **state)
{
	fixture *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	pthread_t t[THREADS];
	long total = 0;
	int i;

	/* real clock and sleep: the fixture's fake ones are not thread-safe */
	o.base_url = gsmock_base_url(f->mock);
	o.pool_size = 4;
	assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, c), 0);
	for (i = 0; i < THREADS; i++) {
		void *r;
		assert_int_equal(pthread_join(t[i], &r), 0);
		total += (long)r;
	}
	assert_int_equal(total, THREADS * CALLS);
	assert_int_equal(gsmock_request_count(f->mock), THREADS * CALLS);
	gosend_client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ts_teardown)
	        T(test_core__me_on_the_wire),
	        T(test_core__unauthorized_is_not_retried),
	        T(test_core__status_mapping_over_the_wire),
	        T(test_core__pagination_headers_case_insensitive),
	        T(test_core__raw_request_on_the_wire),
	        T(test_core__caller_user_agent_and_no_expect),
	        T(test_core__bad_input_sends_nothing),
	        T(test_core__redirect_is_not_followed),
	        T(test_core__response_body_cap),
	        T(test_core__bad_success_bodies),
	        T(test_core__html_502_is_useful),
	        T(test_core__closed_connection),
	        T(test_core__retries_503_with_backoff),
	        T(test_core__retry_after_wins_over_backoff),
	        T(test_core__retries_exhausted),
	        T(test_core__keepalive_and_redacted_trace),
	        T(test_core__iterator_of_another_kind_is_refused),
	        T(test_core__iterator_follows_server_page_size),
	        T(test_core__lost_response_never_duplicates),
	        T(test_core__deadline_bounds_the_whole_call),
	        T(test_core__one_client_many_threads),
#undef T
	};
	gosend_global_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
