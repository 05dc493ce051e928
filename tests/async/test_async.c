/*
 * The async handle on an event loop, through one of the adapters (built
 * once per adapter: tloop.c), against the mock and the scriptable hostile
 * server: typed results of sends and of reads (one message, a page) and
 * what went over the wire; retries and Retry-After waits as timers while
 * a timer of the program keeps ticking; deadlines; cancelling a queued
 * call, a call on the wire and one waiting for its retry; freeing the
 * handle with calls pending, also from a completion callback; 10,000
 * calls queued at once over 32 connections with memory that does not grow
 * per completed call; in the plain build, the longest gap between two
 * ticks of a 10 ms timer during 1,000 sends with faults; and the engine's
 * promise the adapters rely on (`closed` comes once, last). Real time: the
 * waits are short, and bounds on time are generous.
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/async.h"
#include "gosendapi/gosendapi.h"
#include "hostile.h"
#include "tloop.h"

#ifdef TLOOP_POLL
#include "gosendapi/adapters/poll.h"
#endif

#define KEY  "gsk_test_async00000001"
#define PNID "555123456789"
#define TO   "5491140123456"

/* Sanitizers and valgrind: no timing bounds, no malloc hook. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || \
        defined(GOSEND_TEST_VALGRIND)
#define TA_INSTRUMENTED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TA_INSTRUMENTED 1
#endif
#endif

static const char sent_body[] =
        "{\"messages\":[{\"id\":\"wamid.HS\",\"message_status\":"
        "\"accepted\"}]}";

typedef struct fx {
	ts_fx ts;          /* the mock and f->ts.client on it */
	hs_server *hs;     /* the hostile server */
	gosend_client *hc; /* a client on it */
	tloop *tl;
	int retries;               /* on_retry calls */
	long long retry_delay;     /* the last on_retry's delay */
	unsigned long retry_ticks; /* ticks when on_retry ran last */
	long long skew;            /* skewed_clock()'s lead, ms */
} fx;

static void on_retry(unsigned int attempt, long long delay_ms,
                     const gosend_error *why, void *payload)
{
	fx *f = payload;

	(void)attempt;
	(void)why;
	f->retries++;
	f->retry_delay = delay_ms;
	f->retry_ticks = tl_ticks(f->tl);
}

static gosend_client_options client_options(fx *f)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;

	o.retry_base_ms = 5; /* real time: quick backoffs */
	o.retry_max_ms = 20;
	o.on_retry = on_retry;
	o.on_retry_payload = f;
	return o;
}

/* A client on the hostile server with o (NULL: client_options()). */
static gosend_client *hostile_client(fx *f, gosend_client_options *o)
{
	gosend_client_options d = client_options(f);

	if (!o)
		o = &d;
	o->base_url = hs_base_url(f->hs);
	return ts_fx_client(&f->ts, o, TS_RANDOM0);
}

static int setup(void **state)
{
	fx *f = (fx *)ts_fx_new(sizeof(*f), KEY, NULL);
	gosend_client_options o = client_options(f);
	hs_action ok = {.kind = HS_RESPONSE, .body = sent_body, .processed = 1};

	f->ts.client = ts_fx_client(&f->ts, &o, TS_RANDOM0);
	assert_int_equal(hs_start(&f->hs), 0);
	assert_int_equal(hs_set_default(f->hs, &ok), 0);
	f->hc = hostile_client(f, NULL);
	f->tl = tl_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;

	tl_free(f->tl); /* the handle before its client */
	gosend_client_free(f->hc);
	hs_stop(f->hs);
	ts_fx_free(&f->ts);
	return 0;
}

static void set_default(fx *f, hs_kind kind)
{
	hs_action a = {.kind = kind, .body = sent_body, .processed = 1};

	assert_int_equal(hs_set_default(f->hs, &a), 0);
}

/* ---- completions ---- */

typedef struct rec {
	int n; /* times the callback ran */
	int code;
	gosend_message_result *result;
	gosend_error *err;
	char key[80];   /* the call's Idempotency-Key */
	size_t pending; /* gosend_async_pending() in the callback */
	tloop *detach;  /* detach this loop's handle in the callback */
	gosend_async_call *cancel; /* cancel this call in the callback */
} rec;

static void on_done(gosend_async_call *call, int code, void *result,
                    gosend_error *err, void *payload)
{
	rec *r = payload;
	const char *k = gosend_async_call_idempotency_key(call);

	r->n++;
	r->code = code;
	r->result = result;
	r->err = err;
	(void)snprintf(r->key, sizeof(r->key), "%s", k ? k : "");
	if (r->detach) {
		r->pending = gosend_async_pending(tl_async(r->detach));
		tl_detach(r->detach);
	}
	if (r->cancel)
		gosend_async_cancel(r->cancel);
}

static void rec_dispose(rec *r)
{
	gosend_message_result_free(r->result);
	gosend_error_free(r->err);
	memset(r, 0, sizeof(*r));
}

static int rec_done(void *arg)
{
	return ((rec *)arg)->n > 0;
}

typedef struct hs_wait {
	hs_server *hs;
	size_t n;
} hs_wait;

static int hs_has(void *arg)
{
	hs_wait *w = arg;

	return hs_request_count(w->hs) >= w->n;
}

/* Turn the loop until the hostile server has read n requests. */
static void run_until_requests(fx *f, size_t n)
{
	hs_wait w = {f->hs, n};

	assert_int_equal(tl_run(f->tl, hs_has, &w, 10000), 0);
}

static int send_text(gosend_async *as, const char *body,
                     const gosend_request_options *o, rec *r,
                     gosend_async_call **call)
{
	gosend_error *e = NULL;
	int rc = gosend_async_messages_send_text(as, PNID, TO, body, o, on_done,
	                                         r, call, &e);

	if (rc != 0)
		fail_msg("send_text refused: %s", e ? e->message : "?");
	return rc;
}

static const char *header_at(fx *f, size_t i, const char *name)
{
	const hs_request *rq = hs_request_at(f->hs, i);

	assert_non_null(rq);
	return hs_req_header(rq, name);
}

/* ---- results ---- */

/* The mock's last request: POST /v1/messages with key and body text. */
static void check_posted(fx *f, const char *key, const char *needle)
{
	size_t n = gsmock_request_count(f->ts.mock);
	gsmock_request *rq;

	assert_true(n > 0);
	rq = gsmock_request_at(f->ts.mock, n - 1);
	assert_non_null(rq);
	assert_string_equal(rq->method, "POST");
	assert_string_equal(rq->path, "/v1/messages");
	assert_string_equal(gsmock_request_header(rq, "Idempotency-Key"), key);
	assert_string_equal(gsmock_request_header(rq, "Content-Type"),
	                    "application/json");
	if (!strstr(rq->body, needle))
		fail_msg("body %s lacks %s", rq->body, needle);
	gsmock_request_free(rq);
}

static void check_sent_after(const rec *r, unsigned int attempts)
{
	const gosend_message_result *res = r->result;

	if (r->code != 0)
		fail_msg("code %d: %s", r->code,
		         r->err ? r->err->message : "(no error)");
	assert_int_equal(r->n, 1);
	assert_null(r->err);
	assert_non_null(res);
	assert_int_equal(res->id_known, 1);
	assert_true(strncmp(res->id, "wamid.", 6) == 0);
	assert_int_equal(res->status, GOSEND_MESSAGE_STATUS_ACCEPTED);
	assert_int_equal(res->meta->http_status / 100, 2);
	assert_int_equal(res->meta->attempts, attempts);
	assert_string_equal(res->meta->idempotency_key, r->key);
}

static void check_sent(const rec *r)
{
	check_sent_after(r, 1);
}

/* A text send: the callback runs later, never from the starting function,
 * with a typed result; the request on the wire is the blocking call's. */
static void test_async__send_text(void **state)
{
	fx *f = *state;
	gosend_async *as = tl_attach(f->tl, f->ts.client, 0);
	gosend_async_call *call = NULL;
	rec r = {0};

	send_text(as, "hola async", NULL, &r, &call);
	assert_non_null(call);
	assert_int_equal(r.n, 0);
	assert_int_equal(gosend_async_pending(as), 1);
	assert_int_equal(strlen(gosend_async_call_idempotency_key(call)), 36);
	assert_int_equal(tl_run(f->tl, rec_done, &r, 10000), 0);
	check_sent(&r);
	assert_int_equal(strlen(r.key), 36);
	assert_int_equal(gosend_async_pending(as), 0);
	check_posted(f, r.key, "\"text\":{\"body\":\"hola async\"}");
	check_posted(f, r.key, "\"to\":\"" TO "\"");
	assert_int_equal(gsmock_message_count(f->ts.mock), 1);
	rec_dispose(&r);
}

/* A built message and a caller's JSON, with a caller's key and header. */
static void test_async__send_and_send_json(void **state)
{
	fx *f = *state;
	gosend_async *as = tl_attach(f->tl, f->ts.client, 0);
	static const char json[] =
	        "{\"phone_number_id\":\"" PNID "\",\"to\":\"" TO
	        "\",\"type\":\"text\",\"text\":{\"body\":\"raw json\"}}";
	static const char *const headers[] = {"X-Trace: async-1"};
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_outgoing *m = NULL;
	rec r1 = {0}, r2 = {0};
	gsmock_request *rq;

	assert_int_equal(gosend_outgoing_text_new(&m, PNID, TO, "built", NULL),
	                 0);
	o.idempotency_key = "async-key-0001";
	o.headers = headers;
	o.headers_count = 1;
	assert_int_equal(
	        gosend_async_messages_send(as, m, &o, on_done, &r1, NULL, NULL),
	        0);
	/* everything given was copied */
	gosend_outgoing_free(m);
	o.idempotency_key = "changed";
	assert_int_equal(tl_run(f->tl, rec_done, &r1, 10000), 0);
	check_sent(&r1);
	assert_string_equal(r1.key, "async-key-0001");
	check_posted(f, "async-key-0001", "\"text\":{\"body\":\"built\"}");
	rq = gsmock_request_at(f->ts.mock,
	                       gsmock_request_count(f->ts.mock) - 1);
	assert_string_equal(gsmock_request_header(rq, "X-Trace"), "async-1");
	gsmock_request_free(rq);

	assert_int_equal(gosend_async_messages_send_json(
	                         as, json, NULL, on_done, &r2, NULL, NULL),
	                 0);
	assert_int_equal(tl_run(f->tl, rec_done, &r2, 10000), 0);
	check_sent(&r2);
	rq = gsmock_request_at(f->ts.mock,
	                       gsmock_request_count(f->ts.mock) - 1);
	assert_memory_equal(rq->body, json, strlen(json));
	assert_int_equal(rq->body_len, strlen(json));
	gsmock_request_free(rq);
	assert_int_equal(gsmock_message_count(f->ts.mock), 2);
	rec_dispose(&r1);
	rec_dispose(&r2);
}

/* A completion of any type: the result as given. */
typedef struct got {
	int n, code;
	void *result;
	gosend_error *err;
} got;

static void on_got(gosend_async_call *call, int code, void *result,
                   gosend_error *err, void *payload)
{
	got *g = payload;

	(void)call;
	g->n++;
	g->code = code;
	g->result = result;
	g->err = err;
}

static int got_done(void *arg)
{
	return ((got *)arg)->n > 0;
}

/* A read of each kind, typed as the blocking forms give them: one message
 * (GET /messages/{id}) and a page of messages (GET /messages?per_page=). */
static void test_async__reads(void **state)
{
	fx *f = *state;
	gosend_async *as = tl_attach(f->tl, f->ts.client, 0);
	gosend_list_params lp = GOSEND_LIST_PARAMS_INIT;
	const gosend_message_list *page;
	const gosend_message *one;
	got g1 = {0}, g2 = {0};
	gsmock_request *rq;
	char path[128];
	rec sent = {0};
	int i, seen = 0;

	send_text(as, "to read", NULL, &sent, NULL);
	assert_int_equal(tl_run(f->tl, rec_done, &sent, 10000), 0);
	check_sent(&sent);
	lp.per_page = 10;
	assert_int_equal(gosend_async_messages_get(as, sent.result->id, NULL,
	                                           on_got, &g1, NULL, NULL),
	                 0);
	assert_int_equal(gosend_async_messages_list(as, &lp, NULL, on_got, &g2,
	                                            NULL, NULL),
	                 0);
	assert_int_equal(tl_run(f->tl, got_done, &g1, 10000), 0);
	assert_int_equal(tl_run(f->tl, got_done, &g2, 10000), 0);
	assert_int_equal(g1.code, 0);
	assert_int_equal(g2.code, 0);
	one = g1.result;
	assert_string_equal(one->id, sent.result->id);
	assert_string_equal(one->to, TO);
	assert_non_null(one->meta);
	assert_int_equal(one->meta->http_status, 200);
	page = g2.result;
	assert_int_equal(page->count, 1);
	assert_string_equal(page->items[0]->id, sent.result->id);
	/* on the wire: the blocking forms' requests, in either order */
	(void)snprintf(path, sizeof(path), "/v1/messages/%s", sent.result->id);
	for (i = 1; i < 3; i++) {
		rq = gsmock_request_at(f->ts.mock, i);
		assert_string_equal(rq->method, "GET");
		if (strcmp(rq->path, path) == 0) {
			assert_string_equal(rq->query, "");
			seen |= 1;
		} else {
			assert_string_equal(rq->path, "/v1/messages");
			assert_string_equal(rq->query, "per_page=10");
			seen |= 2;
		}
		gsmock_request_free(rq);
	}
	assert_int_equal(seen, 3);
	gosend_message_free(g1.result);
	gosend_message_list_free(g2.result);
	rec_dispose(&sent);
}

/* An argument the blocking call refuses is refused at once: nothing
 * queued, no callback. */
static void test_async__refused_at_once(void **state)
{
	fx *f = *state;
	gosend_async *as = tl_attach(f->tl, f->ts.client, 0);
	gosend_async_call *call = NULL;
	gosend_error *e = NULL;
	rec r = {0};

	assert_int_equal(gosend_async_messages_send_text(as, PNID, "12", "x",
	                                                 NULL, on_done, &r,
	                                                 &call, &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "to");
	assert_null(call);
	gosend_error_free(e);
	assert_int_equal(gosend_async_messages_send_text(as, PNID, TO, "x",
	                                                 NULL, NULL, &r, &call,
	                                                 NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gosend_async_pending(as), 0);
	tl_turn(f->tl);
	assert_int_equal(r.n, 0);
	assert_int_equal(gsmock_request_count(f->ts.mock), 0);
}

/* ---- retries ---- */

static int retried(void *arg)
{
	return ((fx *)arg)->retries > 0;
}

/* A 503 or 429 with Retry-After: 1, then 200: the wait is a timer; the
 * program's 5 ms timer keeps ticking all along; the same key twice. */
static void retry_after_case(fx *f, int status)
{
	char body[64];
	hs_action busy = {.kind = HS_RESPONSE,
	                  .status = status,
	                  .headers = "Retry-After: 1\r\n",
	                  .body = body};
	gosend_async *as = tl_attach(f->tl, f->hc, 0);
	unsigned long during;
	long long gap;
	rec r = {0};

	(void)snprintf(body, sizeof(body),
	               "{\"statusCode\":%d,\"message\":\"later\"}", status);
	assert_int_equal(hs_queue(f->hs, &busy), 0);
	tl_ticker(f->tl, 5);
	send_text(as, "retry me", NULL, &r, NULL);
	assert_int_equal(tl_run(f->tl, rec_done, &r, 10000), 0);
	during = tl_ticks(f->tl) - f->retry_ticks;
	check_sent_after(&r, 2);
	assert_int_equal(f->retries, 1);
	assert_int_equal(f->retry_delay, 1000);
	/* the server's wait was kept, the loop served its timer meanwhile
	 * (about 200 ticks; a tenth is enough) */
	assert_int_equal(hs_request_count(f->hs), 2);
	gap = hs_request_at(f->hs, 1)->arrived_ms -
	      hs_request_at(f->hs, 0)->arrived_ms;
	print_message("%s: %d, Retry-After: 1 -> retried after %lld ms, %lu "
	              "ticks of 5 ms meanwhile, longest gap %lld ms\n",
	              tl_name(), status, gap, during, tl_max_gap(f->tl));
	assert_true(gap >= 900 && gap < 5000);
	assert_true(during >= 20);
	/* one message, whatever the number of attempts */
	assert_string_equal(header_at(f, 0, "Idempotency-Key"), r.key);
	assert_string_equal(header_at(f, 1, "Idempotency-Key"), r.key);
	assert_int_equal(hs_stored_count(f->hs), 1);
	rec_dispose(&r);
}

static void test_async__retry_after_503(void **state)
{
	retry_after_case(*state, 503);
}

static void test_async__retry_after_429(void **state)
{
	retry_after_case(*state, 429);
}

/* A clock `skew` ms ahead of the loop's: the deadline test moves it on to
 * pass a queued call's deadline at a moment of its choosing. */
static long long skewed_clock(void *payload)
{
	return tl_now_ms() + ((fx *)payload)->skew;
}

static int first_request_in(void *arg)
{
	return hs_request_count(((fx *)arg)->hs) > 0;
}

/* The client's deadline ends a call on a server that never answers, and a
 * queued call whose deadline passed before it could start (never sent).
 * The second must not depend on which of two timers at the same moment
 * runs first, so the clock is moved past the queued call's deadline while
 * the first call is on the wire (its transfer's timeout is real time). */
static void test_async__deadline(void **state)
{
	fx *f = *state;
	gosend_client_options o = client_options(f);
	gosend_client *c;
	gosend_async *as;
	gosend_async_call *late;
	long long t0, took;
	rec a = {0}, b = {0}, d = {0};

	o.deadline_ms = 2000;
	o.clock = skewed_clock;
	c = hostile_client(f, &o); /* its hooks' payload is f */
	set_default(f, HS_SILENT);
	as = tl_attach(f->tl, c, 1);
	t0 = tl_now_ms();
	send_text(as, "a", NULL, &a, NULL);
	send_text(as, "b", NULL, &b, NULL);
	assert_int_equal(tl_run(f->tl, first_request_in, f, 10000), 0);
	assert_int_equal(a.n + b.n, 0);
	f->skew = 2000; /* b's deadline has passed; a's transfer runs on */
	send_text(as, "d", NULL, &d, &late);
	gosend_async_cancel(late); /* an entry point: b has ended by now */
	assert_int_equal(b.n, 1);
	assert_int_equal(b.code, GOSEND_ETIMEOUT);
	assert_int_equal(b.err->attempts, 0);
	assert_int_equal(d.code, GOSEND_ECANCELED);
	assert_int_equal(a.n, 0);
	assert_int_equal(tl_run(f->tl, rec_done, &a, 20000), 0);
	took = tl_now_ms() - t0;
	print_message("%s: deadline 2000 ms: the call on the wire ended after "
	              "%lld ms\n",
	              tl_name(), took);
	assert_int_equal(a.code, GOSEND_ETIMEOUT);
	assert_int_equal(a.err->attempts, 1);
	assert_true(took >= 1900 && took < 10000);
	assert_int_equal(hs_request_count(f->hs), 1);
	assert_true(tl_ticks(f->tl) >= 5);
	rec_dispose(&a);
	rec_dispose(&b);
	rec_dispose(&d);
	tl_detach(f->tl);
	f->skew = 0;
	gosend_client_free(c);
}

/* ---- cancel ---- */

/* A queued call is cancelled before it was sent; then the call on the
 * wire: each callback runs before gosend_async_cancel() returns. */
static void test_async__cancel_queued(void **state)
{
	fx *f = *state;
	gosend_async *as;
	gosend_async_call *ca = NULL, *cb = NULL;
	rec a = {0}, b = {0};
	int i;

	set_default(f, HS_SILENT);
	as = tl_attach(f->tl, f->hc, 1);
	send_text(as, "a", NULL, &a, &ca);
	send_text(as, "b", NULL, &b, &cb);
	run_until_requests(f, 1);
	assert_int_equal(gosend_async_pending(as), 2);
	gosend_async_cancel(cb);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.code, GOSEND_ECANCELED);
	assert_int_equal(b.err->code, GOSEND_ECANCELED);
	assert_int_equal(b.err->attempts, 0);
	assert_null(b.result);
	assert_int_equal(gosend_async_pending(as), 1);
	assert_int_equal(a.n, 0);
	gosend_async_cancel(ca);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.code, GOSEND_ECANCELED);
	assert_int_equal(gosend_async_pending(as), 0);
	for (i = 0; i < 5; i++)
		tl_turn(f->tl);
	/* b never went out */
	assert_int_equal(hs_request_count(f->hs), 1);
	assert_string_equal(header_at(f, 0, "Idempotency-Key"), a.key);
	rec_dispose(&a);
	rec_dispose(&b);
}

/* A send cut on the wire may have reached the server: retryable, with its
 * key; sent again with that key it is stored once. */
static void test_async__cancel_on_the_wire(void **state)
{
	fx *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_async_call *call = NULL;
	gosend_async *as;
	rec a = {0}, again = {0};

	set_default(f, HS_SILENT);
	as = tl_attach(f->tl, f->hc, 0);
	send_text(as, "cut", NULL, &a, &call);
	run_until_requests(f, 1);
	gosend_async_cancel(call);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.code, GOSEND_ECANCELED);
	assert_int_equal(a.err->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(a.err), 1);
	assert_string_equal(a.err->idempotency_key, a.key);
	assert_string_equal(header_at(f, 0, "Idempotency-Key"), a.key);

	set_default(f, HS_RESPONSE);
	o.idempotency_key = a.err->idempotency_key;
	send_text(as, "cut", &o, &again, NULL);
	assert_int_equal(tl_run(f->tl, rec_done, &again, 10000), 0);
	check_sent(&again);
	assert_string_equal(again.key, a.key);
	assert_string_equal(header_at(f, 1, "Idempotency-Key"), a.key);
	assert_int_equal(hs_stored_count(f->hs), 1);
	rec_dispose(&a);
	rec_dispose(&again);
}

/* A call waiting for its retry is cancelled: it was sent once, and is
 * not sent again. */
static void test_async__cancel_waiting_for_retry(void **state)
{
	fx *f = *state;
	gosend_async_call *call = NULL;
	gosend_async *as;
	rec a = {0};
	int i;

	assert_int_equal(hs_queue_response(f->hs, 503, "Retry-After: 1\r\n",
	                                   "{\"statusCode\":503}"),
	                 0);
	as = tl_attach(f->tl, f->hc, 0);
	send_text(as, "wait", NULL, &a, &call);
	assert_int_equal(tl_run(f->tl, retried, f, 10000), 0);
	assert_int_equal(a.n, 0);
	assert_int_equal(gosend_async_pending(as), 1);
	gosend_async_cancel(call);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.code, GOSEND_ECANCELED);
	assert_int_equal(a.err->attempts, 1);
	assert_int_equal(gosend_error_is_retryable(a.err), 1);
	assert_string_equal(a.err->idempotency_key, a.key);
	assert_int_equal(gosend_async_pending(as), 0);
	for (i = 0; i < 5; i++)
		tl_turn(f->tl);
	assert_int_equal(hs_request_count(f->hs), 1);
	rec_dispose(&a);
}

/* A completion callback cancels a queued call: never sent. */
static void test_async__cancel_from_callback(void **state)
{
	fx *f = *state;
	gosend_async *as = tl_attach(f->tl, f->hc, 1);
	gosend_async_call *cb = NULL;
	rec a = {0}, b = {0};
	int i;

	send_text(as, "a", NULL, &a, NULL);
	send_text(as, "b", NULL, &b, &cb);
	a.cancel = cb;
	assert_int_equal(tl_run(f->tl, rec_done, &a, 10000), 0);
	check_sent(&a);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.code, GOSEND_ECANCELED);
	assert_int_equal(b.err->attempts, 0);
	for (i = 0; i < 5; i++)
		tl_turn(f->tl);
	assert_int_equal(hs_request_count(f->hs), 1);
	rec_dispose(&a);
	rec_dispose(&b);
}

/* ---- freeing with calls pending ---- */

/* Two calls on the wire, three queued: freeing the handle completes each
 * once with GOSEND_ECANCELED before it returns. */
static void test_async__free_with_calls_pending(void **state)
{
	fx *f = *state;
	gosend_async *as;
	size_t wire = 0, queued = 0, i;
	rec r[5];

	memset(r, 0, sizeof(r));
	set_default(f, HS_SILENT);
	as = tl_attach(f->tl, f->hc, 2);
	for (i = 0; i < 5; i++)
		send_text(as, "pending", NULL, &r[i], NULL);
	run_until_requests(f, 2);
	tl_detach(f->tl);
	for (i = 0; i < 5; i++) {
		assert_int_equal(r[i].n, 1);
		assert_int_equal(r[i].code, GOSEND_ECANCELED);
		assert_null(r[i].result);
		if (r[i].err->attempts) {
			wire++;
			assert_int_equal(gosend_error_is_retryable(r[i].err),
			                 1);
		} else {
			queued++;
		}
		rec_dispose(&r[i]);
	}
	assert_int_equal(wire, 2);
	assert_int_equal(queued, 3);
	assert_int_equal(hs_request_count(f->hs), 2);
}

/* The first call to complete frees the handle from its callback: the
 * others complete with GOSEND_ECANCELED after it, each once. */
static void test_async__free_from_callback(void **state)
{
	fx *f = *state;
	hs_action ok = {.kind = HS_RESPONSE, .body = sent_body, .processed = 1};
	gosend_async *as;
	size_t done = 0, cancelled = 0, i;
	rec r[4];

	memset(r, 0, sizeof(r));
	assert_int_equal(hs_queue(f->hs, &ok), 0);
	set_default(f, HS_SILENT);
	as = tl_attach(f->tl, f->hc, 3);
	for (i = 0; i < 4; i++) {
		r[i].detach = f->tl;
		send_text(as, "free me", NULL, &r[i], NULL);
	}
	assert_int_equal(tl_run(f->tl, rec_done, &r[0], 10000), 0);
	assert_null(tl_async(f->tl));
	for (i = 0; i < 4; i++) {
		assert_int_equal(r[i].n, 1);
		if (r[i].code == 0) {
			done++;
			assert_int_equal(r[i].pending, 3);
		} else {
			cancelled++;
			assert_int_equal(r[i].code, GOSEND_ECANCELED);
		}
		rec_dispose(&r[i]);
	}
	assert_int_equal(done, 1);
	assert_int_equal(cancelled, 3);
}

/* Cancelling a call whose callback frees the handle: the other call
 * completes too, before gosend_async_cancel() returns. */
static void test_async__free_from_cancel_callback(void **state)
{
	fx *f = *state;
	gosend_async_call *call = NULL;
	gosend_async *as;
	rec a = {0}, b = {0};

	set_default(f, HS_SILENT);
	as = tl_attach(f->tl, f->hc, 0);
	send_text(as, "a", NULL, &a, &call);
	send_text(as, "b", NULL, &b, NULL);
	run_until_requests(f, 2);
	a.detach = f->tl;
	gosend_async_cancel(call);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.code, GOSEND_ECANCELED);
	assert_int_equal(a.pending, 1);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.code, GOSEND_ECANCELED);
	rec_dispose(&a);
	rec_dispose(&b);
}

/* ---- many calls ---- */

/* Bytes held by the loop's thread (the test's main thread): malloc,
 * calloc, realloc and free of this program, counted on that thread only
 * (the servers' threads record every request). Plain builds only:
 * sanitizers and valgrind bring their own malloc. */
#ifndef TA_INSTRUMENTED
void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void __libc_free(void *p);

static _Thread_local int counted;
static long long live;

__attribute__((constructor)) static void count_this_thread(void)
{
	counted = 1;
}

void *malloc(size_t n)
{
	void *p = __libc_malloc(n);

	if (p && counted)
		live += (long long)malloc_usable_size(p);
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p = __libc_calloc(n, size);

	if (p && counted)
		live += (long long)malloc_usable_size(p);
	return p;
}

void *realloc(void *p, size_t n)
{
	long long before = p && counted ? (long long)malloc_usable_size(p) : 0;
	void *q = __libc_realloc(p, n);

	if (counted && q)
		live += (long long)malloc_usable_size(q) - before;
	else if (counted && !n)
		live -= before;
	return q;
}

void free(void *p)
{
	if (p && counted)
		live -= (long long)malloc_usable_size(p);
	__libc_free(p);
}
#endif

typedef struct tally {
	size_t ok, failed;
	int first_failure;
} tally;

static void count_done(gosend_async_call *call, int code, void *result,
                       gosend_error *err, void *payload)
{
	tally *t = payload;

	(void)call;
	if (code == 0) {
		t->ok++;
	} else {
		if (!t->failed++)
			t->first_failure = code;
	}
	gosend_message_result_free(result);
	gosend_error_free(err);
}

static size_t env_count(const char *name, size_t dflt)
{
	const char *v = getenv(name);

	return v && atol(v) > 0 ? (size_t)atol(v) : dflt;
}

static void send_many(gosend_async *as, size_t n,
                      const gosend_request_options *o, tally *t)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(gosend_async_messages_send_text(
		                         as, PNID, TO, "many", o, count_done, t,
		                         NULL, NULL),
		                 0);
}

/* 10,000 calls started at once over 32 connections: all complete, never
 * more than 32 connections, each message stored once, and the memory
 * the loop's thread holds is back where it was (a queued call holds its
 * request only; a completed call nothing). */
static void test_async__ten_thousand_queued(void **state)
{
	fx *f = *state;
	size_t n = env_count("GOSEND_ASYNC_MANY", 10000);
	gosend_async *as = tl_attach(f->tl, f->hc, 32);
	long long base = 0, queued = 0, t0;
	tally t = {0, 0, 0};

	/* warm up: the connections, the transfers kept for reuse */
	send_many(as, 64, NULL, &t);
	assert_int_equal(tl_run_idle(f->tl, 20000), 0);
	assert_int_equal(t.ok, 64);
#ifndef TA_INSTRUMENTED
	base = live;
#endif
	t0 = tl_now_ms();
	send_many(as, n, NULL, &t);
#ifndef TA_INSTRUMENTED
	queued = live;
#endif
	assert_int_equal(gosend_async_pending(as), n);
	assert_int_equal(tl_run_idle(f->tl, 300000), 0);
	if (t.failed)
		fail_msg("%zu calls failed, the first with %d", t.failed,
		         t.first_failure);
	assert_int_equal(t.ok, n + 64);
	assert_true(hs_connection_count(f->hs) <= 32);
	assert_int_equal(hs_stored_count(f->hs), n + 64);
	print_message("%s: %zu calls over 32 connections in %lld ms, %lu "
	              "connections\n",
	              tl_name(), n, tl_now_ms() - t0,
	              hs_connection_count(f->hs));
#ifndef TA_INSTRUMENTED
	print_message("%s: %lld bytes per queued call; %lld bytes more once "
	              "all completed\n",
	              tl_name(), (queued - base) / (long long)n, live - base);
	/* not a byte per completed call (a few KiB of slack) */
	assert_true(live - base < (long long)n);
#else
	(void)base;
	(void)queued;
#endif
}

/* ---- the loop is never blocked ---- */

/* 1,000 sends over 32 connections, a fifth answered 503 and a fifth 429
 * (retried with backoff timers): a 10 ms timer on the same loop never
 * waits 100 ms. Timing: plain builds only. */
static void test_async__loop_never_blocks(void **state)
{
#ifdef TA_INSTRUMENTED
	(void)state;
	skip();
#else
	fx *f = *state;
	hs_action busy = {.kind = HS_RESPONSE,
	                  .status = 503,
	                  .body = "{\"statusCode\":503}"};
	hs_action slow = {.kind = HS_RESPONSE,
	                  .status = 429,
	                  .body = "{\"statusCode\":429}"};
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_async *as = tl_attach(f->tl, f->hc, 32);
	tally t = {0, 0, 0};
	long long t0, gap;
	size_t i;

	for (i = 0; i < 1000; i++) {
		if (i % 5 == 1)
			assert_int_equal(hs_queue(f->hs, &busy), 0);
		else if (i % 5 == 3)
			assert_int_equal(hs_queue(f->hs, &slow), 0);
		else
			assert_int_equal(
			        hs_queue_response(f->hs, 200, NULL, sent_body),
			        0);
	}
	o.max_retries = 20;
	t0 = tl_now_ms();
	send_many(as, 1000, &o, &t);
	tl_ticker(f->tl, 10);
	assert_int_equal(tl_run_idle(f->tl, 60000), 0);
	gap = tl_max_gap(f->tl);
	print_message("%s: 1000 sends (%zu requests, 40%% faults) in %lld "
	              "ms: longest gap between two 10 ms ticks %lld ms\n",
	              tl_name(), hs_request_count(f->hs), tl_now_ms() - t0,
	              gap);
	assert_int_equal(t.ok, 1000);
	assert_int_equal(hs_stored_count(f->hs), 1000);
	assert_true(hs_request_count(f->hs) > 1200);
	assert_true(gap < 100);
#endif
}

/* A retry falls due while every slot is taken: it waits for a slot
 * without spinning the loop (about a turn per tick and per read, not
 * thousands of turns with a timer of 0 ms). */
static void test_async__due_retry_waits_for_a_slot(void **state)
{
	fx *f = *state;
	static const char short_body[] =
	        "{\"messages\":[{\"id\":\"wamid.T\",\"status\":\"accepted\"}]}";
	hs_action busy = {.kind = HS_RESPONSE,
	                  .status = 503,
	                  .body = "{\"statusCode\":503}"};
	hs_action trickle = {.kind = HS_TRICKLE,
	                     .body = short_body,
	                     .interval_ms = 15,
	                     .processed = 1};
	gosend_async *as;
	unsigned long turns;
	long long t0, took;
	rec a = {0}, b = {0};

	assert_int_equal(hs_queue(f->hs, &busy), 0);
	assert_int_equal(hs_queue(f->hs, &trickle), 0);
	as = tl_attach(f->tl, f->hc, 1);
	send_text(as, "a", NULL, &a, NULL);
	send_text(as, "b", NULL, &b, NULL);
	run_until_requests(f, 2); /* a answered 503, b trickling */
	turns = tl_turns(f->tl);
	t0 = tl_now_ms();
	assert_int_equal(tl_run(f->tl, rec_done, &b, 10000), 0);
	took = tl_now_ms() - t0;
	turns = tl_turns(f->tl) - turns;
	print_message("%s: %lu turns of the loop in %lld ms with a retry "
	              "due and no slot\n",
	              tl_name(), turns, took);
	check_sent(&b);
	assert_int_equal(f->retries, 1);
	assert_true(took > 200);
	assert_true(turns < 1000);
	assert_int_equal(tl_run(f->tl, rec_done, &a, 10000), 0);
	check_sent_after(&a, 2);
	/* a's retry went out once b was done: one request at a time */
	assert_int_equal(hs_request_count(f->hs), 3);
	assert_string_equal(header_at(f, 2, "Idempotency-Key"), a.key);
	assert_true(hs_request_at(f->hs, 2)->arrived_ms - t0 >= took - 50);
	rec_dispose(&a);
	rec_dispose(&b);
}

/* ---- what the adapters rely on ---- */

#ifdef TLOOP_POLL
/* A poll loop that records the handle's calls to it. */
typedef struct spy {
	gosend_poll_loop pl;
	int free_asked;  /* gosend_async_free() was called */
	int closed;      /* `closed` calls */
	int calls_after; /* calls to the loop after `closed` */
	long last_timer; /* the argument of the last timer call */
	int last_was_timer;
	int open; /* sockets watched and not unwatched yet */
} spy;

static void spy_watch(int fd, int events, void *socket_data, void *loop_data)
{
	spy *s = loop_data;

	if (events && !socket_data) {
		assert_int_equal(gosend_async_assign(s->pl.as, fd, s), 0);
		s->open++;
	} else if (!events && socket_data) {
		s->open--;
	}
	s->calls_after += s->closed;
	s->last_was_timer = 0;
	gosend_poll__watch(fd, events, socket_data, &s->pl);
}

static void spy_timer(long ms, void *loop_data)
{
	spy *s = loop_data;

	s->calls_after += s->closed;
	s->last_was_timer = 1;
	s->last_timer = ms;
	gosend_poll__timer(ms, &s->pl);
}

/* Every socket was unwatched and the timer disarmed before. */
static void spy_closed(void *loop_data)
{
	spy *s = loop_data;

	s->calls_after += s->closed;
	s->closed++;
	assert_true(s->free_asked > 0);
	assert_int_equal(s->open, 0);
	assert_int_equal(s->last_was_timer, 1);
	assert_int_equal(s->last_timer, -1);
	gosend_poll__closed(&s->pl);
}

static void spy_done(gosend_async_call *call, int code, void *result,
                     gosend_error *err, void *payload)
{
	spy *s = payload;

	(void)call;
	(void)code;
	gosend_message_result_free(result);
	gosend_error_free(err);
	if (!s->free_asked++)
		gosend_async_free(s->pl.as);
}

/* After gosend_async_free() every socket is unwatched, the timer disarmed,
 * then `closed` runs, once and last: the adapters free their own state
 * there. Freed outside a callback, and from one (then `closed` runs when
 * the round's call into the library returns). */
static void test_async__closed_comes_last(void **state)
{
	fx *f = *state;
	gosend_async_loop funcs = GOSEND_ASYNC_LOOP_INIT;
	int from_callback;

	funcs.watch = spy_watch;
	funcs.timer = spy_timer;
	funcs.closed = spy_closed;
	for (from_callback = 0; from_callback < 2; from_callback++) {
		spy s;
		size_t i, base = hs_request_count(f->hs);

		memset(&s, 0, sizeof(s));
		gosend_poll_init(&s.pl);
		funcs.loop_data = &s;
		assert_int_equal(
		        gosend_async_new(&s.pl.as, f->hc, &funcs, NULL, NULL),
		        0);
		if (from_callback)
			assert_int_equal(
			        hs_queue_response(f->hs, 200, NULL, sent_body),
			        0);
		set_default(f, HS_SILENT);
		for (i = 0; i < 3; i++)
			assert_int_equal(gosend_async_messages_send_text(
			                         s.pl.as, PNID, TO, "spy", NULL,
			                         spy_done, &s, NULL, NULL),
			                 0);
		while (s.pl.as && hs_request_count(f->hs) < base + 3)
			assert_int_equal(gosend_poll_run_once(&s.pl, 100), 0);
		/* freed by the first completion's callback, or here */
		while (from_callback && s.pl.as)
			assert_int_equal(gosend_poll_run_once(&s.pl, 100), 0);
		if (!s.free_asked++)
			gosend_async_free(s.pl.as);
		assert_int_equal(s.closed, 1);
		assert_int_equal(s.calls_after, 0);
		assert_null(s.pl.as);
		assert_int_equal(s.pl.nfds, 0);
		gosend_poll_dispose(&s.pl);
	}
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_async__send_text, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__send_and_send_json,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__reads, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__refused_at_once,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__retry_after_503,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__retry_after_429,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__deadline, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__cancel_queued,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__cancel_on_the_wire,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_async__cancel_waiting_for_retry, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_async__cancel_from_callback, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_async__free_with_calls_pending, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__free_from_callback,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_async__free_from_cancel_callback, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_async__due_retry_waits_for_a_slot, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(test_async__ten_thousand_queued,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__loop_never_blocks,
	                                        setup, teardown),
#ifdef TLOOP_POLL
	        cmocka_unit_test_setup_teardown(test_async__closed_comes_last,
	                                        setup, teardown),
#endif
	};
	char name[64];

	(void)snprintf(name, sizeof(name), "async on %s", tl_name());
	return cmocka_run_group_tests_name(name, tests, NULL, NULL);
}
