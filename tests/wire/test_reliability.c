/*
 * Waits, retries and secrets against scripted answers of the in-process
 * mock: a server's wait beyond the cap ends the call at once, HTTP dates are
 * read against the server's Date, only what is safe is retried (and the
 * error says whether a re-send is), a DELETE whose answer was lost is done,
 * a 2xx whose body is cut is still a send, and the API key never shows in
 * an error whatever the server echoes; the debug log tells the attempts
 * and the waits. Time is injected: nothing sleeps.
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"

#define KEY  "gsk_test_reliable0123456789wxyz"
#define PNID "555123456789"
#define TO   "5491140123456"

typedef ts_fx fx;

static gosend_client *client_with(fx *f, gosend_client_options *o)
{
	return ts_fx_client(f, o, TS_TIME | TS_RANDOM0);
}

static int setup(void **state)
{
	fx *f = ts_fx_new(sizeof(*f), KEY, NULL);

	f->now = 1000000;
	f->client = client_with(f, NULL);
	*state = f;
	return 0;
}

static void queue(fx *f, unsigned int status, const char *headers,
                  const char *body)
{
	assert_int_equal(
	        gsmock_queue_response(f->mock, status, headers, NULL, body), 0);
}

static int send_text(fx *f, gosend_message_result **res, gosend_error **e)
{
	return gosend_messages_send_text(res, f->client, PNID, TO, "hi", NULL,
	                                 e);
}

/* A wait beyond the cap ends the call at once: no blind retry, no sleep,
 * and the server's wait on the error; however large the number. */
static void test_reliability__long_retry_after_ends_the_call(void **state)
{
	static const struct {
		const char *headers, *body;
		long want;
	} cases[] = {
	        {"Retry-After: 86400\r\n", NULL, 86400},
	        {"Retry-After: 100000000\r\n", NULL, 100000000},
	        {"Retry-After: 99999999999999999999999999\r\n", NULL,
	         1000000000L},
	        {NULL, "{\"statusCode\":429,\"retry_after_seconds\":1e12}",
	         1000000000L},
	        {NULL, "{\"statusCode\":429,\"retry_after_seconds\":86400}",
	         86400},
	};
	fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gosend_message_result *res = NULL;
		gosend_error *e = NULL;
		size_t before = gsmock_request_count(f->mock);
		queue(f, 429, cases[i].headers,
		      cases[i].body
		              ? cases[i].body
		              : "{\"statusCode\":429,\"message\":\"slow\"}");
		assert_int_equal(send_text(f, &res, &e), GOSEND_ERATELIMIT);
		assert_null(res);
		assert_int_equal(e->retry_after_s, cases[i].want);
		assert_int_equal(e->attempts, 1);
		/* later, with the same key, is safe */
		assert_int_equal(gosend_error_is_retryable(e), 1);
		assert_non_null(e->idempotency_key);
		assert_int_equal(gsmock_request_count(f->mock), before + 1);
		gosend_error_free(e);
	}
	assert_int_equal(f->sleeps, 0);
}

/* An HTTP-date Retry-After counts from the server's Date, not our clock
 * (the dates here are years in the past: the local clock would say 0). */
static void test_reliability__retry_after_date_uses_server_date(void **state)
{
	fx *f = *state;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	queue(f, 503,
	      "Date: Wed, 01 Jan 2025 00:00:00 GMT\r\n"
	      "Retry-After: Wed, 01 Jan 2025 00:00:03 GMT\r\n",
	      "{\"statusCode\":503,\"message\":\"busy\"}");
	if (gosend_me_get(&me, f->client, NULL, &e) != 0)
		fail_msg("me: %s", e->message);
	assert_int_equal(me->meta->attempts, 2);
	assert_int_equal(f->sleeps, 1);
	assert_int_equal(f->last_sleep, 3000);
	gosend_me_free(me);
}

/* The Date header is in the metadata, as Unix seconds. */
static void test_reliability__server_date_in_meta(void **state)
{
	fx *f = *state;
	gosend_me *me = NULL;

	queue(f, 200, "Date: Wed, 01 Jan 2025 00:00:00 GMT\r\n",
	      "{\"id\":\"1\",\"name\":\"p\"}");
	assert_int_equal(gosend_me_get(&me, f->client, NULL, NULL), 0);
	assert_int_equal(me->meta->server_date, 1735689600LL);
	assert_int_equal(me->meta->body_incomplete, 0);
	gosend_me_free(me);
}

static gosend_webhook_params hook_params(void)
{
	static const char *const events[] = {"whatsapp.message.received"};
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;

	p.url = "https://example.test/hook";
	p.events = events;
	p.events_count = 1;
	return p;
}

/* A POST other than a send is not idempotent at the API: repeated only
 * when it provably was not processed, even with a caller's key. */
static void test_reliability__other_posts_retry_only_unprocessed(void **state)
{
	fx *f = *state;
	gosend_webhook_params p = hook_params();
	gosend_request_options ro = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;

	/* 500: may have been processed: one attempt, not safe to repeat */
	queue(f, 500, NULL, "{\"statusCode\":500,\"message\":\"oops\"}");
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, &e),
	                 GOSEND_ESERVER);
	assert_int_equal(e->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 1);

	/* the same with a caller's key: the API documents no idempotency
	 * for this endpoint, so the key changes nothing */
	ro.idempotency_key = "hook-1";
	queue(f, 502, NULL, "{\"statusCode\":502,\"message\":\"gw\"}");
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, &ro, &e),
	                 GOSEND_ESERVER);
	assert_int_equal(e->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 2);

	/* 429 and 503 with Retry-After were not processed: repeated */
	queue(f, 429, "Retry-After: 1\r\n", "{\"statusCode\":429}");
	queue(f, 503, "Retry-After: 2\r\n", "{\"statusCode\":503}");
	if (gosend_webhooks_create(&w, f->client, &p, NULL, &e) != 0)
		fail_msg("create: %s", e->message);
	assert_int_equal(w->meta->attempts, 3);
	assert_int_equal(f->slept_total, 3000);
	gosend_webhook_free(w);
	/* three more requests, and the mock created exactly one webhook */
	assert_int_equal(gsmock_request_count(f->mock), 5);
}

/* PATCH is not repeated on an answer that may mean "done". */
static void test_reliability__patch_not_retried_on_5xx(void **state)
{
	fx *f = *state;
	gosend_webhook_update_params u = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;

	u.url = "https://example.test/other";
	queue(f, 504, NULL, "{\"statusCode\":504,\"message\":\"late\"}");
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, "7", &u, NULL, &e),
	        GOSEND_ESERVER);
	assert_int_equal(e->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 1);
}

/* A send is repeated with its key and says so when it gives up. */
static void test_reliability__send_errors_say_whether_to_resend(void **state)
{
	fx *f = *state;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;

	queue(f, 503, NULL, "{\"statusCode\":503}");
	queue(f, 503, NULL, "{\"statusCode\":503}");
	queue(f, 503, NULL, "{\"statusCode\":503}");
	assert_int_equal(send_text(f, &res, &e), GOSEND_ESERVER);
	assert_int_equal(e->attempts, 3);
	assert_int_equal(gosend_error_is_retryable(e), 1);
	gosend_error_free(e);

	queue(f, 400, NULL,
	      "{\"statusCode\":400,\"message\":\"bad\",\"error\":\"Bad "
	      "Request\"}");
	assert_int_equal(send_text(f, &res, &e), GOSEND_EBADREQUEST);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);

	queue(f, 409, NULL, "{\"statusCode\":409}");
	assert_int_equal(send_text(f, &res, &e), GOSEND_ECONFLICT);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);

	/* local refusals are never "re-send" */
	assert_int_equal(gosend_messages_send_text(&res, f->client, PNID, "+12",
	                                           "x", NULL, &e),
	                 GOSEND_EINVAL);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);
	assert_int_equal(gosend_error_is_retryable(NULL), 0);
}

/* DELETE whose answer was lost: the repeat's 404 means it is gone. */
static void test_reliability__delete_after_lost_answer(void **state)
{
	fx *f = *state;
	gosend_webhook_params p = hook_params();
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;
	char id[64];

	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, NULL),
	                 0);
	(void)snprintf(id, sizeof(id), "%s", w->id);
	gosend_webhook_free(w);
	assert_int_equal(
	        gsmock_queue_fault(f->mock, GSMOCK_FAULT_PROCESS_THEN_CLOSE, 0),
	        0);
	if (gosend_webhooks_delete(f->client, id, NULL, &e) != 0)
		fail_msg("delete: %s", e->message);
	/* create, the lost delete, the repeat that found nothing */
	assert_int_equal(gsmock_request_count(f->mock), 3);

	/* a plain 404 (no earlier attempt) stays an error */
	assert_int_equal(gosend_webhooks_delete(f->client, id, NULL, &e),
	                 GOSEND_ENOTFOUND);
	gosend_error_free(e);
}

/* A 2xx status is a send even when its body is cut at the size cap; a read
 * with the same answer fails. */
static void test_reliability__cut_2xx_body(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	gosend_message_result *res = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	char body[2048];

	memset(body, ' ', sizeof(body) - 1);
	body[0] = '{';
	memcpy(body + sizeof(body) - 12, "\"id\":\"x\"}  ", 11);
	body[sizeof(body) - 1] = '\0';
	o.max_response_bytes = 64;
	c = client_with(f, &o);
	queue(f, 201, NULL, body);
	if (gosend_messages_send_text(&res, c, PNID, TO, "x", NULL, &e) != 0)
		fail_msg("send: %s", e->message);
	assert_int_equal(res->id_known, 0);
	assert_int_equal(res->meta->body_incomplete, 1);
	assert_int_equal(res->meta->http_status, 201);
	assert_int_equal(res->meta->attempts, 1);
	gosend_message_result_free(res);

	queue(f, 200, NULL, body);
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ETOOLARGE);
	gosend_error_free(e);
	gosend_client_free(c);
	assert_int_equal(gsmock_request_count(f->mock), 2);
}

/* A cap larger than libcurl's file size type is accepted as "no cap
 * there" instead of wrapping negative. */
static void test_reliability__huge_response_cap(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c;
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	o.max_response_bytes = (size_t)-1;
	c = client_with(f, &o);
	if (gosend_me_get(&me, c, NULL, &e) != 0)
		fail_msg("me: %s", e->message);
	gosend_me_free(me);
	gosend_client_free(c);
}

static int contains(const char *s, const char *what)
{
	return s && strstr(s, what) != NULL;
}

/* Whatever the server echoes, no error text holds the key. */
static void test_reliability__key_never_in_errors(void **state)
{
	fx *f = *state;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	size_t i;

	queue(f, 401, "X-Request-Id: req-" KEY "\r\n",
	      "{\"statusCode\":401,\"message\":\"unknown key " KEY
	      "\",\"error\":\"Unauthorized\",\"details\":{\"key\":\"" KEY
	      "\"}}");
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
	                 GOSEND_EUNAUTHORIZED);
	assert_false(contains(e->message, KEY));
	assert_false(contains(e->body, KEY));
	assert_false(contains(e->request_id, KEY));
	assert_false(contains(e->meta->request_id, KEY));
	assert_false(contains(e->details_json, KEY));
	for (i = 0; i < e->messages_count; i++)
		assert_false(contains(e->messages[i], KEY));
	/* masked, not removed: the reader sees which key */
	assert_true(contains(e->message, "gsk_test_...wxyz"));
	assert_true(contains(e->request_id, "req-gsk_test_...wxyz"));
	gosend_error_free(e);

	/* a plain-text error body goes into the message as an excerpt */
	assert_int_equal(gsmock_queue_response(f->mock, 502, NULL, "text/plain",
	                                       "proxy saw key=" KEY " bye"),
	                 0);
	assert_int_equal(gsmock_queue_response(f->mock, 502, NULL, "text/plain",
	                                       "proxy saw key=" KEY " bye"),
	                 0);
	assert_int_equal(gsmock_queue_response(f->mock, 502, NULL, "text/plain",
	                                       "proxy saw key=" KEY " bye"),
	                 0);
	assert_int_equal(gosend_me_get(&me, f->client, NULL, &e),
	                 GOSEND_ESERVER);
	assert_false(contains(e->message, KEY));
	assert_false(contains(e->body, KEY));
	assert_true(contains(e->body, "key=gsk_test_...wxyz bye"));
	gosend_error_free(e);
}

/* The raw door: POST /messages is a send (keyed, repeated with its key);
 * another POST is repeated only when it provably was not processed. */
static void test_reliability__raw_requests(void **state)
{
	fx *f = *state;
	gosend_raw_response *res = NULL;
	gosend_error *e = NULL;
	gosend_request_options ro = GOSEND_REQUEST_OPTIONS_INIT;
	gsmock_request *first, *second;

	queue(f, 503, NULL, "{\"statusCode\":503}");
	if (gosend_raw_request(
	            &res, f->client, "POST", "/messages", NULL,
	            "{\"phone_number_id\":\"" PNID "\",\"to\":\"" TO
	            "\",\"type\":\"text\",\"text\":{\"body\":\"r\"}}",
	            NULL, &e) != 0)
		fail_msg("raw send: %s", e->message);
	assert_int_equal(res->meta->attempts, 2);
	assert_non_null(res->meta->idempotency_key);
	first = gsmock_request_at(f->mock, 0);
	second = gsmock_request_at(f->mock, 1);
	assert_string_equal(gsmock_request_header(first, "Idempotency-Key"),
	                    res->meta->idempotency_key);
	assert_string_equal(gsmock_request_header(second, "Idempotency-Key"),
	                    res->meta->idempotency_key);
	gsmock_request_free(first);
	gsmock_request_free(second);
	gosend_raw_response_free(res);

	ro.idempotency_key = "raw-hook-1";
	queue(f, 503, NULL, "{\"statusCode\":503}");
	assert_int_equal(gosend_raw_request(&res, f->client, "POST",
	                                    "/webhooks", NULL, "{}", &ro, &e),
	                 GOSEND_ESERVER);
	assert_int_equal(e->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(e), 0);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 3);
}

static void debug_line(int level, const char *line, void *p)
{
	fx *f = p;
	size_t n = strlen(line);

	if (level != GOSEND_LOG_DEBUG || f->log_len + n + 2 >= sizeof(f->log))
		return;
	memcpy(f->log + f->log_len, line, n);
	f->log_len += n;
	f->log[f->log_len++] = '\n';
	f->log[f->log_len] = '\0';
}

/* The debug log says when each attempt starts and how each wait was
 * chosen, with the key masked like every other line. */
static void test_reliability__debug_log_attempts_and_waits(void **state)
{
	fx *f = *state;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_message_result *res = NULL;
	gosend_client *c;

	o.log = debug_line;
	o.log_payload = f;
	o.log_level = GOSEND_LOG_DEBUG;
	c = client_with(f, &o);
	queue(f, 503, "Retry-After: 2\r\n", "{\"statusCode\":503}");
	queue(f, 500, NULL, "{\"statusCode\":500}");
	queue(f, 201, NULL, "{\"messages\":[{\"id\":\"wamid.1\"}]}");
	assert_int_equal(
	        gosend_messages_send_text(&res, c, PNID, TO, "hi", NULL, NULL),
	        0);
	gosend_message_result_free(res);
	gosend_client_free(c);
	assert_non_null(strstr(f->log, "POST /messages: attempt 1, timeout"));
	assert_non_null(strstr(f->log, "POST /messages: the server asks to "
	                               "wait 2000 ms"));
	assert_non_null(strstr(f->log, "POST /messages: attempt 2, timeout"));
	assert_non_null(strstr(f->log, "POST /messages: backoff 500 ms after "
	                               "attempt 2"));
	assert_non_null(strstr(f->log, "POST /messages: attempt 3, timeout"));
	assert_null(strstr(f->log, KEY));
	assert_int_equal(f->slept_total, 2500);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, ts_teardown)
	const struct CMUnitTest tests[] = {
	        T(test_reliability__long_retry_after_ends_the_call),
	        T(test_reliability__retry_after_date_uses_server_date),
	        T(test_reliability__server_date_in_meta),
	        T(test_reliability__other_posts_retry_only_unprocessed),
	        T(test_reliability__patch_not_retried_on_5xx),
	        T(test_reliability__send_errors_say_whether_to_resend),
	        T(test_reliability__delete_after_lost_answer),
	        T(test_reliability__cut_2xx_body),
	        T(test_reliability__huge_response_cap),
	        T(test_reliability__key_never_in_errors),
	        T(test_reliability__raw_requests),
	        T(test_reliability__debug_log_attempts_and_waits),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
