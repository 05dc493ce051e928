/*
 * The SDK against a hostile server (tests/support/hostile.h): answers the
 * API docs allow but our mock never gives, and answers they don't allow at
 * all. Each test asserts the documented outcome, that the call ended within
 * its bound (measured on the monotonic clock with a generous factor; no
 * sleeping to wait), and for sends that the server stored the message
 * exactly once when the caller follows the documented advice: re-send only
 * when gosend_error_is_retryable() says so, with the same key.
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"
#include "gosendapi/gosendapi.h"

#define KEY  "gsk_test_hostile0123456789abcd"
#define PNID "555123456789"
#define TO   "5491140123456"

typedef struct fx {
	hs_server *hs;
	gosend_client *client;
} fx;

static gosend_client *client_with(fx *f, gosend_client_options *o)
{
	o->base_url = hs_base_url(f->hs);
	if (!o->retry_base_ms)
		o->retry_base_ms = 1; /* real sleeps, but short ones */
	if (!o->retry_max_ms)
		o->retry_max_ms = 2;
	return ts_client_new(KEY, o);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;

	assert_non_null(f);
	assert_int_equal(hs_start(&f->hs), 0);
	f->client = client_with(f, &o);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	gosend_client_free(f->client);
	hs_stop(f->hs);
	free(f);
	return 0;
}

static void queue(fx *f, const hs_action *a)
{
	assert_int_equal(hs_queue(f->hs, a), 0);
}

static int send_text(gosend_client *c, const char *key,
                     gosend_message_result **res, gosend_error **e)
{
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;

	o.idempotency_key = key;
	return gosend_messages_send_text(res, c, PNID, TO, "hi",
	                                 key ? &o : NULL, e);
}

/* Every 2xx body a server may send: the send is accepted, stored once. */
static void test_hostile__any_2xx_is_a_send(void **state)
{
	static const struct {
		const char *headers, *body;
	} answers[] = {
	        {NULL, ""},
	        {NULL, "{}"},
	        {NULL, "{\"data\":{}}"},
	        {"Content-Type: text/plain\r\n", "OK"},
	        {NULL, "{\"result\":{\"wamid\":\"wamid.Q\"}}"},
	        {NULL, "null"},
	};
	fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		hs_action a = {.kind = HS_RESPONSE,
		               .status = i % 2 ? 200 : 202,
		               .headers = answers[i].headers,
		               .body = answers[i].body,
		               .processed = 1};
		gosend_message_result *res = NULL;
		gosend_error *e = NULL;
		queue(f, &a);
		if (send_text(f->client, NULL, &res, &e) != 0)
			fail_msg("answer %zu: %s", i, e->message);
		assert_int_equal(res->id_known, 0);
		assert_null(res->id);
		assert_string_equal(res->raw_json, answers[i].body);
		assert_int_equal(res->meta->attempts, 1);
		gosend_message_result_free(res);
	}
	assert_int_equal(hs_request_count(f->hs),
	                 sizeof(answers) / sizeof(answers[0]));
	assert_int_equal(hs_stored_count(f->hs),
	                 sizeof(answers) / sizeof(answers[0]));
}

/* A compressed body that inflates past the cap ends the read; nothing is
 * held beyond the cap. */
static void test_hostile__gzip_bomb(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	hs_action a = {.kind = HS_GZIP_BOMB, .inflated_bytes = 4u << 20};
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	o.max_response_bytes = 1u << 20;
	o.max_retries = GOSEND_NO_RETRIES;
	c = client_with(f, &o);
	queue(f, &a);
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ETOOLARGE);
	assert_null(me);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);
	gosend_client_free(c);
}

/* An endless chunked body: a read fails at the cap, a send whose 2xx
 * status arrived is accepted (its body cut). Both end at once. */
static void test_hostile__endless_body(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	hs_action a = {.kind = HS_ENDLESS_CHUNKED, .processed = 1};
	gosend_me *me = NULL;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	long long t0;

	o.max_response_bytes = 256u << 10;
	o.max_retries = GOSEND_NO_RETRIES;
	c = client_with(f, &o);
	t0 = hs_now_ms();
	queue(f, &a);
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ETOOLARGE);
	gosend_error_free(e);
	queue(f, &a);
	if (send_text(c, NULL, &res, &e) != 0)
		fail_msg("send: %s", e->message);
	assert_int_equal(res->id_known, 0);
	assert_int_equal(res->meta->body_incomplete, 1);
	assert_int_equal(res->meta->http_status, 200);
	gosend_message_result_free(res);
	/* 256 KiB twice over loopback: far below a second; 20 s is generous */
	assert_true(hs_now_ms() - t0 < 20000);
	assert_int_equal(hs_stored_count(f->hs), 1);
	gosend_client_free(c);
}

/* One byte every 2 s: cut by the low-speed limit, long before the attempt
 * timeout. The bound: low_speed_time_s per attempt. */
static void test_hostile__trickle(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	hs_action a = {.kind = HS_TRICKLE,
	               .interval_ms = 2000,
	               .body = "{\"id\":\"1\",\"name\":\"slow project\"}"};
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	long long t0, took;

	o.low_speed_time_s = 1;
	o.max_retries = 1; /* two attempts, both trickled */
	c = client_with(f, &o);
	queue(f, &a);
	queue(f, &a);
	t0 = hs_now_ms();
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ETIMEOUT);
	took = hs_now_ms() - t0;
	assert_int_equal(e->attempts, 2);
	assert_int_equal(gosend_error_is_retryable(e), 1);
	gosend_error_free(e);
	/* 2 attempts x 1 s of low speed (+ libcurl's once-a-second check):
	 * about 2-4 s; the attempt timeout alone would be 60 s */
	assert_true(took < 15000);
	gosend_client_free(c);
}

/* A server that never answers: the deadline ends the call. */
static void test_hostile__deadline_bounds_silence(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	hs_action a = {.kind = HS_SILENT};
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	long long t0, took;

	o.deadline_ms = 1500;
	o.low_speed_time_s = -1; /* off: only the deadline is left */
	c = client_with(f, &o);
	assert_int_equal(hs_set_default(f->hs, &a), 0);
	t0 = hs_now_ms();
	assert_int_equal(send_text(c, "silence-1", &res, &e), GOSEND_ETIMEOUT);
	took = hs_now_ms() - t0;
	assert_true(took >= 1400);
	assert_true(took < 1500 * 4);
	assert_string_equal(e->idempotency_key, "silence-1");
	assert_int_equal(gosend_error_is_retryable(e), 1);
	gosend_error_free(e);
	gosend_client_free(c);
}

/* 100,000 nested brackets: no crash, no deep recursion; a read is a
 * protocol error, a send accepted. */
static void test_hostile__deep_nesting(void **state)
{
	fx *f = *state;
	size_t n = 100000, i;
	char *body = malloc(2 * n + 1);
	hs_action a = {.kind = HS_RESPONSE, .processed = 1};
	gosend_me *me = NULL;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;

	assert_non_null(body);
	for (i = 0; i < n; i++) {
		body[i] = '[';
		body[n + i] = ']';
	}
	body[2 * n] = '\0';
	a.body = body;
	queue(f, &a);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
	                 GOSEND_EPROTOCOL);
	assert_non_null(e->body);
	gosend_error_free(e);
	queue(f, &a);
	if (send_text(f->client, NULL, &res, &e) != 0)
		fail_msg("send: %s", e->message);
	assert_int_equal(res->id_known, 0);
	gosend_message_result_free(res);
	free(body);
}

/* A redirect to another host is not followed: the key never goes there. */
static void test_hostile__redirect_elsewhere(void **state)
{
	fx *f = *state;
	hs_server *other;
	char raw[256];
	hs_action a = {.kind = HS_RAW};
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	assert_int_equal(hs_start(&other), 0);
	(void)snprintf(raw, sizeof(raw),
	               "HTTP/1.1 307 Temporary Redirect\r\n"
	               "Location: http://127.0.0.2:%u/v1/me\r\n"
	               "Content-Length: 0\r\n\r\n",
	               hs_port(other));
	a.raw = raw;
	queue(f, &a);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e), GOSEND_EHTTP);
	assert_int_equal(e->http_status, 307);
	gosend_error_free(e);
	assert_int_equal(hs_request_count(f->hs), 1);
	assert_int_equal(hs_request_count(other), 0);
	hs_stop(other);
}

/* A server closes kept-alive connections after reading the request.
 * libcurl would send it again unasked on a fresh connection: fine for a
 * keyed send (stored once), never for a POST the API does not
 * de-duplicate, which goes on a connection of its own and is sent once. */
static void test_hostile__closed_keepalive(void **state)
{
	fx *f = *state;
	static const char *const events[] = {"whatsapp.message.received"};
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	hs_action ok = {.kind = HS_RESPONSE, .body = "{\"id\":\"1\"}"};
	hs_action drop = {.kind = HS_CLOSE, .processed = 1};
	hs_action created = {.kind = HS_RESPONSE,
	                     .status = 201,
	                     .body = "{\"id\":\"wamid.K\"}",
	                     .processed = 1};
	gosend_me *me = NULL;
	gosend_webhook *w = NULL;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	size_t i, posts = 0;

	/* a send on a warm connection that the server drops */
	queue(f, &ok);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, NULL), 0);
	gosend_me_free(me);
	queue(f, &drop);
	queue(f, &created);
	if (send_text(f->client, "keep-1", &res, &e) != 0)
		fail_msg("send: %s", e->message);
	assert_string_equal(res->id, "wamid.K");
	gosend_message_result_free(res);
	assert_int_equal(hs_stored_count(f->hs), 1);

	/* a webhook create on the same warm client */
	queue(f, &ok);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, NULL), 0);
	gosend_me_free(me);
	queue(f, &drop);
	queue(f, &created);
	p.url = "https://example.test/h";
	p.events = events;
	p.events_count = 1;
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, &e),
	                 GOSEND_ENETWORK);
	/* it may have been created: not repeated, and the caller is told */
	assert_int_equal(e->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);
	for (i = 0; i < hs_request_count(f->hs); i++) {
		const hs_request *r = hs_request_at(f->hs, i);
		if (strcmp(r->method, "POST") == 0 &&
		    strcmp(r->path, "/v1/webhooks") == 0)
			posts++;
	}
	assert_int_equal(posts, 1);
}

/* The documented advice, followed: a lost answer, then 503s until the
 * retry budget is spent; the caller re-sends with the same key when the
 * error says it may; the server stores the message once. */
static void test_hostile__resend_advice_stores_once(void **state)
{
	fx *f = *state;
	hs_action drop = {.kind = HS_CLOSE, .processed = 1};
	hs_action busy = {.kind = HS_RESPONSE,
	                  .status = 503,
	                  .body = "{\"statusCode\":503}"};
	hs_action created = {.kind = HS_RESPONSE,
	                     .status = 201,
	                     .body = "{\"messages\":[{\"id\":\"wamid.R\"}]}",
	                     .processed = 1};
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	char key[64];
	int rc, tries = 0;

	queue(f, &drop);
	queue(f, &busy);
	queue(f, &busy);
	queue(f, &busy);
	queue(f, &created);
	rc = send_text(f->client, NULL, &res, &e);
	assert_int_equal(rc, GOSEND_ESERVER);
	assert_int_equal(gosend_error_is_retryable(e), 1);
	(void)snprintf(key, sizeof(key), "%s", e->idempotency_key);
	while (rc != 0 && gosend_error_is_retryable(e) && tries++ < 3) {
		gosend_error_free(e);
		e = NULL;
		rc = send_text(f->client, key, &res, &e);
	}
	assert_int_equal(rc, 0);
	assert_null(e);
	assert_string_equal(res->id, "wamid.R");
	gosend_message_result_free(res);
	assert_int_equal(hs_stored_count(f->hs), 1);
}

/* Through a proxy: the CONNECT carries the client's User-Agent too (the
 * request's own line never reaches the proxy). The proxy refuses, so the
 * call fails; what matters is what it was asked. */
static void test_hostile__proxy_connect_has_user_agent(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	char proxy[64];
	const hs_request *r;
	const char *ua;

	(void)snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%u",
	               (unsigned)hs_port(f->hs));
	o.base_url = "https://api.example.invalid/v1";
	o.proxy = proxy;
	o.max_retries = GOSEND_NO_RETRIES;
	c = ts_client_new(KEY, &o);
	assert_int_equal(hs_queue_raw(f->hs,
	                              "HTTP/1.1 403 Forbidden\r\n"
	                              "Content-Length: 0\r\n\r\n",
	                              1),
	                 0);
	assert_true(gosend_me_get(&me, c, NULL, &e) < 0);
	assert_null(me);
	gosend_error_free(e);
	assert_int_equal(hs_wait_requests(f->hs, 1, 10000), 0);
	r = hs_request_at(f->hs, 0);
	assert_non_null(r);
	assert_string_equal(r->method, "CONNECT");
	ua = hs_req_header(r, "User-Agent");
	assert_non_null(ua);
	assert_memory_equal(ua, "gosendapi-c/", 12);
	assert_null(hs_req_header(r, "X-API-Key"));
	gosend_client_free(c);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_hostile__proxy_connect_has_user_agent),
	        T(test_hostile__any_2xx_is_a_send),
	        T(test_hostile__gzip_bomb),
	        T(test_hostile__endless_body),
	        T(test_hostile__trickle),
	        T(test_hostile__deadline_bounds_silence),
	        T(test_hostile__deep_nesting),
	        T(test_hostile__redirect_elsewhere),
	        T(test_hostile__closed_keepalive),
	        T(test_hostile__resend_advice_stores_once),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
