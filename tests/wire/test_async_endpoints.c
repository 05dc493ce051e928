/*
 * The asynchronous form of every endpoint against the in-process mock, on
 * the poll(2) loop of adapters/poll.h. For each form: the request on the
 * wire is the blocking form's (method, percent-encoded path, page query,
 * JSON or multipart body), the result handed to the callback is the one
 * the blocking form returns for the same answer, the callback runs exactly
 * once with the payload and never from the starting function, an error
 * answer arrives with the blocking form's code and detail, and an argument
 * the blocking form refuses is refused at once with the same code, field
 * and message, nothing sent and no callback.
 */
#define _POSIX_C_SOURCE 200809L
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gsmock.h"
#include "gosendapi/adapters/poll.h"
#include "gosendapi/async.h"
#include "gosendapi/gosendapi.h"

#define KEY   "gsk_test_async_endpoints0123"
#define PNID  "555123456789"
#define TO    "5491140123456"
#define MAGIC 0x5eedu

/* ------------------------------------------------------------ fixture */

/* The shared fixture first, then the loop and the handle on its client. */
typedef struct afx {
	ts_fx base;
	gosend_poll_loop loop;
	gosend_async *as;
} afx;

static int setup(void **state)
{
	afx *f = (afx *)ts_fx_new(sizeof(afx), KEY, NULL);
	gosend_error *e = NULL;

	/* a limit no test reaches: nothing waits for a rate-limit window */
	assert_int_equal(gsmock_set_rate_limit(f->base.mock, 1000000, 0), 0);
	/* the real clock: the loop's timer is timed with it */
	f->base.client = ts_fx_client(&f->base, NULL, 0);
	gosend_poll_init(&f->loop);
	assert_int_equal(
	        gosend_poll_attach(&f->loop, &f->as, f->base.client, NULL, &e),
	        0);
	assert_null(e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	afx *f = *state;

	gosend_async_free(f->as);
	gosend_poll_dispose(&f->loop);
	return ts_teardown(state);
}

#define C (f->base.client)

/* ------------------------------------------------- one call, recorded */

/* One started call: what the starting function gave, what the callback
 * got. The record is the call's payload. */
typedef struct rec {
	unsigned int magic;
	int runs;
	gosend_async_call *started; /* *call of the starting function */
	gosend_error *err;          /* *err of the starting function */
	gosend_async_call *call;    /* the callback's arguments */
	int code;
	void *result;
	gosend_error *error;
	char key[64]; /* gosend_async_call_idempotency_key() in the callback */
} rec;

static void on_done(gosend_async_call *call, int code, void *result,
                    gosend_error *error, void *payload)
{
	rec *r = payload;
	const char *key = gosend_async_call_idempotency_key(call);

	assert_int_equal(r->magic, MAGIC);
	assert_true(!key || strlen(key) < sizeof(r->key));
	(void)snprintf(r->key, sizeof(r->key), "%s", key ? key : "");
	r->runs++;
	r->call = call;
	r->code = code;
	r->result = result;
	r->error = error;
}

/* A fresh record; `started` holds a value the start must overwrite. */
static rec *fresh(rec *r)
{
	memset(r, 0, sizeof(*r));
	r->magic = MAGIC;
	r->started = (gosend_async_call *)(void *)r;
	return r;
}

/* Start the asynchronous form fn on f's handle, recorded in r. */
#define GO(fn, ...) \
	fn(f->as, __VA_ARGS__, on_done, fresh(&r), &r.started, &r.err)

/* The call started (rc): it is pending, its callback has not run; run the
 * loop until it ends: the callback ran once, with the call. */
static void await_call(afx *f, rec *r, int rc)
{
	if (rc != 0)
		fail_msg("refused: %d %s", rc,
		         r->err ? r->err->message : "(no error)");
	assert_null(r->err);
	assert_non_null(r->started);
	assert_ptr_not_equal(r->started, r);
	assert_int_equal(r->runs, 0);
	assert_int_equal(gosend_async_pending(f->as), 1);
	assert_int_equal(gosend_poll_run(&f->loop), 0);
	assert_int_equal(r->runs, 1);
	assert_ptr_equal(r->call, r->started);
	assert_int_equal(gosend_async_pending(f->as), 0);
}

/* await_call, and the call succeeded: its result (the caller frees it). */
static void *await_ok(afx *f, rec *r, int rc)
{
	await_call(f, r, rc);
	if (r->code != 0)
		fail_msg("failed: %d %s", r->code,
		         r->error ? r->error->message : "(no error)");
	assert_null(r->error);
	return r->result;
}

/* await_call, and the call failed with code: its error (caller frees). */
static gosend_error *await_fail(afx *f, rec *r, int rc, int code)
{
	await_call(f, r, rc);
	assert_int_equal(r->code, code);
	assert_null(r->result);
	assert_non_null(r->error);
	assert_int_equal(r->error->code, code);
	return r->error;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* Nothing is pending, a round of the loop runs no callback, and the mock
 * saw `before` requests. */
static void no_callback(afx *f, rec *r, size_t before)
{
	assert_int_equal(gosend_async_pending(f->as), 0);
	assert_int_equal(gosend_poll_run_once(&f->loop, 0), 0);
	assert_int_equal(r->runs, 0);
	assert_int_equal(gsmock_request_count(f->base.mock), before);
}

/* The start (arc) was refused exactly as the blocking call (brc, be). */
static void same_refusal(afx *f, rec *r, int arc, int brc, gosend_error *be,
                         size_t before)
{
	assert_true(brc < 0);
	assert_int_equal(arc, brc);
	assert_non_null(be);
	assert_non_null(r->err);
	assert_int_equal(r->err->code, be->code);
	same_str(r->err->field, be->field);
	assert_string_equal(r->err->message, be->message);
	assert_int_equal(r->err->attempts, 0);
	assert_int_equal(r->err->http_status, 0);
	assert_null(r->started);
	no_callback(f, r, before);
	gosend_error_free(r->err);
	gosend_error_free(be);
}

/* `blocking` (which writes its error to berr) and the asynchronous form
 * fn with the same arguments are refused alike, nothing sent. */
#define REFUSED(blocking, fn, ...)                              \
	do {                                                    \
		gosend_error *berr = NULL;                      \
		size_t n_ = gsmock_request_count(f->base.mock); \
		int brc_ = (blocking);                          \
		int arc_ = GO(fn, __VA_ARGS__);                 \
		same_refusal(f, &r, arc_, brc_, berr, n_);      \
	} while (0)

static void async_refusal(afx *f, rec *r, int rc, const char *field,
                          size_t before)
{
	assert_int_equal(rc, GOSEND_EINVAL);
	assert_non_null(r->err);
	assert_int_equal(r->err->code, GOSEND_EINVAL);
	assert_string_equal(r->err->field, field);
	assert_null(r->started);
	no_callback(f, r, before);
	gosend_error_free(r->err);
}

/* fn refuses a NULL handle ("as") and a NULL callback ("done"). */
#define REFUSES_NULLS(fn, ...)                                          \
	do {                                                            \
		size_t n_ = gsmock_request_count(f->base.mock);         \
		async_refusal(f, &r,                                    \
		              fn(NULL, __VA_ARGS__, on_done, fresh(&r), \
		                 &r.started, &r.err),                   \
		              "as", n_);                                \
		async_refusal(f, &r,                                    \
		              fn(f->as, __VA_ARGS__, NULL, fresh(&r),   \
		                 &r.started, &r.err),                   \
		              "done", n_);                              \
		assert_int_equal(                                       \
		        fn(NULL, __VA_ARGS__, on_done, &r, NULL, NULL), \
		        GOSEND_EINVAL);                                 \
		no_callback(f, &r, n_);                                 \
	} while (0)

static void same_error(const gosend_error *a, const gosend_error *b)
{
	assert_int_equal(a->code, b->code);
	assert_int_equal(a->http_status, b->http_status);
	assert_string_equal(a->message, b->message);
	assert_int_equal(a->messages_count, b->messages_count);
	same_str(a->error, b->error);
	assert_int_equal(a->status_code, b->status_code);
	same_str(a->details_json, b->details_json);
	same_str(a->field, b->field);
	assert_int_equal(a->retry_after_s, b->retry_after_s);
	same_str(a->transport_message, b->transport_message);
	same_str(a->body, b->body);
	assert_int_equal(a->attempts, b->attempts);
	assert_int_equal(a->idempotency_key == NULL,
	                 b->idempotency_key == NULL);
	assert_int_equal(a->retryable, b->retryable);
	assert_int_equal(a->meta->http_status, b->meta->http_status);
}

/* `blocking` fails with code (its error in berr); the asynchronous form
 * fn with the same arguments delivers the same error to its callback. */
#define SAME_FAILURE(code, blocking, fn, ...)                              \
	do {                                                               \
		gosend_error *berr = NULL;                                 \
		assert_int_equal((blocking), (code));                      \
		assert_non_null(berr);                                     \
		same_error(await_fail(f, &r, GO(fn, __VA_ARGS__), (code)), \
		           berr);                                          \
		same_last2(f);                                             \
		gosend_error_free(berr);                                   \
		gosend_error_free(r.error);                                \
	} while (0)

/* The same scripted answer for the next two requests. */
static void queue2(afx *f, unsigned int status, const char *body)
{
	assert_int_equal(
	        gsmock_queue_response(f->base.mock, status, NULL, NULL, body),
	        0);
	assert_int_equal(
	        gsmock_queue_response(f->base.mock, status, NULL, NULL, body),
	        0);
}

#define ANSWER_404                                                      \
	"{\"statusCode\":404,\"message\":\"Not here\",\"error\":\"Not " \
	"Found\"}"
#define ANSWER_422                                                          \
	"{\"statusCode\":422,\"message\":[\"name is taken\",\"too "         \
	"late\"],\"error\":\"Unprocessable Entity\",\"details\":{\"field\"" \
	":\"name\"}}"

/* ------------------------------------------------------ results alike */

static void same_meta(const gosend_meta *a, const gosend_meta *b)
{
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->struct_version, b->struct_version);
	assert_int_equal(a->http_status, b->http_status);
	assert_int_equal(a->total_count, b->total_count);
	assert_int_equal(a->page, b->page);
	assert_int_equal(a->per_page, b->per_page);
	assert_int_equal(a->ratelimit_limit, b->ratelimit_limit);
	assert_int_equal(a->attempts, b->attempts);
	same_str(a->content_type, b->content_type);
	assert_int_equal(a->request_id == NULL, b->request_id == NULL);
	assert_int_equal(a->idempotency_key == NULL,
	                 b->idempotency_key == NULL);
	assert_int_equal(a->body_incomplete, b->body_incomplete);
}

/* Two results of one type decoded from the same answer. */
#define SAME_OBJ(a, b)                                                      \
	do {                                                                \
		assert_non_null(a);                                         \
		assert_non_null(b);                                         \
		assert_int_equal((a)->struct_version, (b)->struct_version); \
		same_str((a)->id, (b)->id);                                 \
		assert_string_equal((a)->raw_json, (b)->raw_json);          \
		same_meta((a)->meta, (b)->meta);                            \
	} while (0)

/* Two pages of one type decoded from the same answer. */
#define SAME_LIST(a, b)                                                     \
	do {                                                                \
		size_t i_;                                                  \
		assert_non_null(a);                                         \
		assert_non_null(b);                                         \
		assert_int_equal((a)->struct_version, (b)->struct_version); \
		assert_int_equal((a)->count, (b)->count);                   \
		assert_string_equal((a)->raw_json, (b)->raw_json);          \
		same_meta((a)->meta, (b)->meta);                            \
		for (i_ = 0; i_ < (a)->count; i_++) {                       \
			same_str((a)->items[i_]->id, (b)->items[i_]->id);   \
			assert_string_equal((a)->items[i_]->raw_json,       \
			                    (b)->items[i_]->raw_json);      \
		}                                                           \
	} while (0)

/* --------------------------------------------------------- the wire */

static gsmock_request *request(afx *f, size_t i)
{
	gsmock_request *q;

	assert_true(i < gsmock_request_count(f->base.mock));
	q = gsmock_request_at(f->base.mock, i);
	assert_non_null(q);
	return q;
}

static gsmock_request *last(afx *f, size_t back)
{
	size_t n = gsmock_request_count(f->base.mock);

	assert_true(n > back);
	return request(f, n - 1 - back);
}

/* A request's body with its multipart boundary (if any) replaced by "B". */
static char *normalized(const gsmock_request *q, size_t *len)
{
	const char *ct = gsmock_request_header(q, "Content-Type");
	const char *bd = ct ? strstr(ct, "boundary=") : NULL;
	char *out = malloc(q->body_len + 1);
	size_t i = 0, n = 0, bl = bd ? strlen(bd + 9) : 0;

	assert_non_null(out);
	while (i < q->body_len) {
		if (bl && q->body_len - i >= bl &&
		    memcmp(q->body + i, bd + 9, bl) == 0) {
			out[n++] = 'B';
			i += bl;
		} else {
			out[n++] = q->body[i++];
		}
	}
	out[n] = '\0';
	*len = n;
	return out;
}

/* The last two requests (the blocking call's, then the asynchronous
 * form's) are the same but for multipart boundaries. */
static void same_last2(afx *f)
{
	gsmock_request *b = last(f, 1), *a = last(f, 0);
	const char *cta = gsmock_request_header(a, "Content-Type");
	const char *ctb = gsmock_request_header(b, "Content-Type");
	size_t la, lb;
	char *ba = normalized(a, &la), *bb = normalized(b, &lb);

	assert_string_equal(a->method, b->method);
	assert_string_equal(a->target, b->target);
	assert_string_equal(a->query, b->query);
	assert_string_equal(gsmock_request_header(a, "X-API-Key"), KEY);
	assert_string_equal(gsmock_request_header(b, "X-API-Key"), KEY);
	same_str(gsmock_request_header(a, "Accept"),
	         gsmock_request_header(b, "Accept"));
	assert_int_equal(cta == NULL, ctb == NULL);
	if (cta && strncmp(cta, "multipart/", 10) == 0)
		assert_int_equal(
		        strncmp(ctb, "multipart/form-data; boundary=", 30), 0);
	else
		same_str(cta, ctb);
	assert_int_equal(gsmock_request_header(a, "Idempotency-Key") == NULL,
	                 gsmock_request_header(b, "Idempotency-Key") == NULL);
	assert_int_equal(la, lb);
	assert_memory_equal(ba, bb, la);
	free(ba);
	free(bb);
	gsmock_request_free(a);
	gsmock_request_free(b);
}

/* The last request: method, raw target, and its JSON body (NULL: none). */
static void assert_last(afx *f, const char *method, const char *target,
                        const char *json)
{
	gsmock_request *q = last(f, 0);

	assert_string_equal(q->method, method);
	assert_string_equal(q->target, target);
	assert_string_equal(gsmock_request_header(q, "X-API-Key"), KEY);
	if (json) {
		assert_string_equal(gsmock_request_header(q, "Content-Type"),
		                    "application/json");
		ts_assert_json_eq(q->body, json);
	} else {
		assert_int_equal(q->body_len, 0);
		assert_null(gsmock_request_header(q, "Content-Type"));
	}
	gsmock_request_free(q);
}

/* The last request's header name is value (NULL: absent). */
static void assert_last_header(afx *f, const char *name, const char *value)
{
	gsmock_request *q = last(f, 0);

	same_str(gsmock_request_header(q, name), value);
	gsmock_request_free(q);
}

/* The last request's decoded query parameter name (NULL: absent). */
static void assert_last_query(afx *f, const char *name, const char *value)
{
	gsmock_request *q = last(f, 0);
	char *v = gsmock_request_query_param(q, name);

	same_str(v, value);
	free(v);
	gsmock_request_free(q);
}

/* Per-call options with a header that would inject another one. */
static gosend_request_options *evil_opts(gosend_request_options *o)
{
	static const char *const hdr[] = {"X-Evil: a\r\nX-Injected: b"};

	*o = (gosend_request_options)GOSEND_REQUEST_OPTIONS_INIT;
	o->headers = hdr;
	o->headers_count = 1;
	return o;
}

/* Page parameters, and bad ones. */
static gosend_list_params page(long pg, long per_page)
{
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;

	p.page = pg;
	p.per_page = per_page;
	return p;
}

/* ------------------------------------------------------------ sends */

static void test_async__messages_send(void **state)
{
	afx *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_message_result *b = NULL, *a;
	gosend_outgoing *m = NULL;
	rec r;
	static const char json[] =
	        "{\"messaging_product\":\"whatsapp\",\"phone_number_id\":"
	        "\"" PNID "\",\"to\":\"" TO
	        "\",\"type\":\"text\",\"text\":{\"body\":"
	        "\"raw\"}}";

	/* the same key: the mock replays the first answer to the second */
	o.idempotency_key = "async-send-1";
	assert_int_equal(
	        gosend_outgoing_text_new(&m, PNID, TO, "Hi there", NULL), 0);
	assert_int_equal(gosend_messages_send(&b, C, m, &o, NULL), 0);
	a = await_ok(f, &r, GO(gosend_async_messages_send, m, &o));
	same_last2(f);
	assert_last(f, "POST", "/v1/messages",
	            "{\"phone_number_id\":\"" PNID "\",\"to\":\"" TO
	            "\",\"type\":\"text\",\"text\":{\"body\":\"Hi there\"}}");
	SAME_OBJ(a, b);
	assert_string_equal(a->meta->idempotency_key, "async-send-1");
	assert_int_equal(a->status, b->status);
	same_str(a->wa_id, b->wa_id);
	assert_int_equal(a->id_known, 1);
	assert_int_equal(gsmock_message_count(f->base.mock), 1);
	gosend_message_result_free(a);
	gosend_message_result_free(b);

	/* a generated key: one per call, sent with it */
	assert_int_equal(
	        gosend_messages_send_text(&b, C, PNID, TO, "Hello", NULL, NULL),
	        0);
	a = await_ok(
	        f, &r,
	        GO(gosend_async_messages_send_text, PNID, TO, "Hello", NULL));
	same_last2(f);
	assert_last(f, "POST", "/v1/messages",
	            "{\"phone_number_id\":\"" PNID "\",\"to\":\"" TO
	            "\",\"type\":\"text\",\"text\":{\"body\":\"Hello\"}}");
	assert_non_null(a->id);
	assert_string_not_equal(a->id, b->id);
	/* the key the call said it sends is the one sent and reported */
	assert_string_equal(a->meta->idempotency_key, r.key);
	assert_last_header(f, "Idempotency-Key", r.key);
	assert_string_not_equal(a->meta->idempotency_key,
	                        b->meta->idempotency_key);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->meta->http_status, b->meta->http_status);
	gosend_message_result_free(a);
	gosend_message_result_free(b);

	o.idempotency_key = "async-send-json";
	assert_int_equal(gosend_messages_send_json(&b, C, json, &o, NULL), 0);
	a = await_ok(f, &r, GO(gosend_async_messages_send_json, json, &o));
	same_last2(f);
	assert_last(f, "POST", "/v1/messages", json);
	SAME_OBJ(a, b);
	gosend_message_result_free(a);
	gosend_message_result_free(b);
	assert_int_equal(gsmock_message_count(f->base.mock), 4);

	/* an error answer: the blocking form's code and detail */
	queue2(f, 422, ANSWER_422);
	SAME_FAILURE(GOSEND_EUNPROCESSABLE,
	             gosend_messages_send(&b, C, m, NULL, &berr),
	             gosend_async_messages_send, m, NULL);
	queue2(f, 422, ANSWER_422);
	SAME_FAILURE(
	        GOSEND_EUNPROCESSABLE,
	        gosend_messages_send_text(&b, C, PNID, TO, "x", NULL, &berr),
	        gosend_async_messages_send_text, PNID, TO, "x", NULL);
	queue2(f, 404, ANSWER_404);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_messages_send_json(&b, C, json, NULL, &berr),
	             gosend_async_messages_send_json, json, NULL);
	assert_null(b);
	gosend_outgoing_free(m);
}

static void test_async__messages_send_refused(void **state)
{
	afx *f = *state;
	gosend_request_options o;
	gosend_message_result *b = NULL;
	gosend_outgoing *m = NULL;
	rec r;

	assert_int_equal(gosend_outgoing_text_new(&m, PNID, TO, "Hi", NULL), 0);
	REFUSES_NULLS(gosend_async_messages_send, m, NULL);
	REFUSES_NULLS(gosend_async_messages_send_text, PNID, TO, "Hi", NULL);
	REFUSES_NULLS(gosend_async_messages_send_json, "{}", NULL);

	REFUSED(gosend_messages_send(&b, C, NULL, NULL, &berr),
	        gosend_async_messages_send, NULL, NULL);
	REFUSED(gosend_messages_send(&b, C, m, evil_opts(&o), &berr),
	        gosend_async_messages_send, m, &o);
	REFUSED(gosend_messages_send_text(&b, C, PNID, "54 911 abc", "Hi", NULL,
	                                  &berr),
	        gosend_async_messages_send_text, PNID, "54 911 abc", "Hi",
	        NULL);
	REFUSED(gosend_messages_send_text(&b, C, PNID, "+5491140123456", "Hi",
	                                  NULL, &berr),
	        gosend_async_messages_send_text, PNID, "+5491140123456", "Hi",
	        NULL);
	REFUSED(gosend_messages_send_text(&b, C, PNID, "", "Hi", NULL, &berr),
	        gosend_async_messages_send_text, PNID, "", "Hi", NULL);
	REFUSED(gosend_messages_send_text(&b, C, NULL, TO, "Hi", NULL, &berr),
	        gosend_async_messages_send_text, NULL, TO, "Hi", NULL);
	REFUSED(gosend_messages_send_text(&b, C, PNID, TO, NULL, NULL, &berr),
	        gosend_async_messages_send_text, PNID, TO, NULL, NULL);
	REFUSED(gosend_messages_send_text(&b, C, PNID, TO, "Hi", evil_opts(&o),
	                                  &berr),
	        gosend_async_messages_send_text, PNID, TO, "Hi", &o);
	REFUSED(gosend_messages_send_json(&b, C, "{not json", NULL, &berr),
	        gosend_async_messages_send_json, "{not json", NULL);
	REFUSED(gosend_messages_send_json(&b, C, NULL, NULL, &berr),
	        gosend_async_messages_send_json, NULL, NULL);
	REFUSED(gosend_messages_send_json(&b, C, "{}", evil_opts(&o), &berr),
	        gosend_async_messages_send_json, "{}", &o);
	REFUSED(gosend_messages_send_json(
	                &b, C,
	                "{\"phone_number_id\":\"1\",\"to\":\"12ab\",\"type\":"
	                "\"text\"}",
	                NULL, &berr),
	        gosend_async_messages_send_json,
	        "{\"phone_number_id\":\"1\",\"to\":\"12ab\",\"type\":\"text\"}",
	        NULL);
	assert_null(b);
	assert_int_equal(gsmock_request_count(f->base.mock), 0);
	gosend_outgoing_free(m);
}

/* ------------------------------------------------------------ reads */

static void test_async__messages_read(void **state)
{
	afx *f = *state;
	gosend_list_params p = page(2, 2);
	gosend_request_options o;
	gosend_message_list *bl = NULL, *al;
	gosend_message *bm = NULL, *am;
	gosend_message_result *sent = NULL;
	char id[64], target[128];
	rec r;
	int i;

	for (i = 0; i < 3; i++) {
		assert_int_equal(gosend_messages_send_text(&sent, C, PNID, TO,
		                                           "to read", NULL,
		                                           NULL),
		                 0);
		gosend_message_result_free(sent);
	}
	gsmock_clear_log(f->base.mock);

	assert_int_equal(gosend_messages_list(&bl, C, &p, NULL, NULL), 0);
	al = await_ok(f, &r, GO(gosend_async_messages_list, &p, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/messages?page=2&per_page=2", NULL);
	assert_last_query(f, "page", "2");
	assert_last_query(f, "per_page", "2");
	SAME_LIST(al, bl);
	assert_int_equal(al->count, 1);
	assert_int_equal(al->meta->total_count, 3);
	assert_string_equal(al->items[0]->text_body, "to read");
	assert_int_equal(al->items[0]->type, GOSEND_MESSAGE_TYPE_TEXT);
	assert_true(strlen(al->items[0]->id) < sizeof(id));
	strcpy(id, al->items[0]->id);
	gosend_message_list_free(al);
	gosend_message_list_free(bl);

	/* no page parameters: no query */
	assert_int_equal(gosend_messages_list(&bl, C, NULL, NULL, NULL), 0);
	al = await_ok(f, &r, GO(gosend_async_messages_list, NULL, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/messages", NULL);
	SAME_LIST(al, bl);
	assert_int_equal(al->count, 3);
	gosend_message_list_free(al);
	gosend_message_list_free(bl);

	assert_int_equal(gosend_messages_get(&bm, C, id, NULL, NULL), 0);
	am = await_ok(f, &r, GO(gosend_async_messages_get, id, NULL));
	same_last2(f);
	(void)snprintf(target, sizeof(target), "/v1/messages/%s", id);
	assert_last(f, "GET", target, NULL);
	SAME_OBJ(am, bm);
	assert_string_equal(am->id, id);
	assert_string_equal(am->text_body, "to read");
	assert_int_equal(am->status, bm->status);
	same_str(am->to, bm->to);
	gosend_message_free(am);
	gosend_message_free(bm);

	/* an id with '/' is one encoded segment; not found: 404 */
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_messages_get(&bm, C, "wamid.a/b?c", NULL, &berr),
	             gosend_async_messages_get, "wamid.a/b?c", NULL);
	assert_last(f, "GET", "/v1/messages/wamid.a%2Fb%3Fc", NULL);
	queue2(f, 404, ANSWER_404);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_messages_list(&bl, C, NULL, NULL, &berr),
	             gosend_async_messages_list, NULL, NULL);
	/* a 200 that is no message: EPROTOCOL alike */
	queue2(f, 200, "{\"status\":\"sent\"}");
	SAME_FAILURE(GOSEND_EPROTOCOL,
	             gosend_messages_get(&bm, C, "x", NULL, &berr),
	             gosend_async_messages_get, "x", NULL);

	REFUSES_NULLS(gosend_async_messages_list, NULL, NULL);
	REFUSES_NULLS(gosend_async_messages_get, id, NULL);
	p = page(1, 101);
	REFUSED(gosend_messages_list(&bl, C, &p, NULL, &berr),
	        gosend_async_messages_list, &p, NULL);
	p = page(-1, 0);
	REFUSED(gosend_messages_list(&bl, C, &p, NULL, &berr),
	        gosend_async_messages_list, &p, NULL);
	p.version = 0;
	REFUSED(gosend_messages_list(&bl, C, &p, NULL, &berr),
	        gosend_async_messages_list, &p, NULL);
	REFUSED(gosend_messages_list(&bl, C, NULL, evil_opts(&o), &berr),
	        gosend_async_messages_list, NULL, &o);
	REFUSED(gosend_messages_get(&bm, C, NULL, NULL, &berr),
	        gosend_async_messages_get, NULL, NULL);
	REFUSED(gosend_messages_get(&bm, C, "", NULL, &berr),
	        gosend_async_messages_get, "", NULL);
	REFUSED(gosend_messages_get(&bm, C, "..", NULL, &berr),
	        gosend_async_messages_get, "..", NULL);
	REFUSED(gosend_messages_get(&bm, C, id, evil_opts(&o), &berr),
	        gosend_async_messages_get, id, &o);
	assert_null(bl);
	assert_null(bm);
}

/* ------------------------------------------------------------ media */

static const unsigned char png[] = {0x89, 'P',  'N',  'G',  '\r', '\n',
                                    0x1a, '\n', 0x00, 0x00, 0x00, 0x0d,
                                    '-',  '-',  '\r', '\n', 0xff, 0x00};

/* The last upload: POST /v1/media, multipart with the three parts. */
static void assert_last_upload(afx *f, const char *mime, const char *filename,
                               const void *bytes, size_t len)
{
	gsmock_request *q = last(f, 0);
	const char *ct = gsmock_request_header(q, "Content-Type");
	char head[160];
	const char *at;

	assert_string_equal(q->method, "POST");
	assert_string_equal(q->target, "/v1/media");
	assert_non_null(ct);
	assert_int_equal(strncmp(ct, "multipart/form-data; boundary=", 30), 0);
	assert_non_null(strstr(q->body,
	                       "name=\"phone_number_id\"\r\n\r\n" PNID "\r\n"));
	(void)snprintf(head, sizeof(head), "name=\"type\"\r\n\r\n%s\r\n", mime);
	assert_non_null(strstr(q->body, head));
	(void)snprintf(head, sizeof(head),
	               "name=\"file\"; filename=\"%s\"\r\nContent-Type: "
	               "%s\r\n\r\n",
	               filename, mime);
	at = strstr(q->body, head);
	assert_non_null(at);
	at += strlen(head);
	assert_true((size_t)(at - q->body) + len <= q->body_len);
	assert_memory_equal(at, bytes, len);
	gsmock_request_free(q);
}

static void test_async__media(void **state)
{
	afx *f = *state;
	gosend_media_result *b = NULL, *a;
	gosend_request_options o;
	char path[] = "/tmp/gosend-async-media-XXXXXX";
	char tmpl[] = "/tmp/gosend-async-dir-XXXXXX";
	char *dir;
	int fd;
	rec r;

	assert_int_equal(gosend_media_upload_buffer(&b, C, PNID, png,
	                                            sizeof(png), "logo.png",
	                                            "image/png", NULL, NULL),
	                 0);
	a = await_ok(f, &r,
	             GO(gosend_async_media_upload_buffer, PNID, png,
	                sizeof(png), "logo.png", "image/png", NULL));
	same_last2(f);
	assert_last_upload(f, "image/png", "logo.png", png, sizeof(png));
	assert_last_header(f, "Idempotency-Key", NULL);
	assert_string_equal(b->id, "934567890000001");
	assert_string_equal(a->id, "934567890000002");
	ts_assert_json_eq(a->raw_json, "{\"id\":\"934567890000002\"}");
	assert_int_equal(a->struct_version, b->struct_version);
	same_meta(a->meta, b->meta);
	gosend_media_result_free(a);
	gosend_media_result_free(b);

	/* the bytes are copied when the call starts */
	{
		unsigned char copy[sizeof(png)];
		memcpy(copy, png, sizeof(png));
		assert_int_equal(GO(gosend_async_media_upload_buffer, PNID,
		                    copy, sizeof(copy), NULL, "image/png",
		                    NULL),
		                 0);
		memset(copy, 'x', sizeof(copy));
		a = await_ok(f, &r, 0);
		assert_last_upload(f, "image/png", "file", png, sizeof(png));
		gosend_media_result_free(a);
	}

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "%PDF-1.4 async", 14), 14);
	assert_int_equal(close(fd), 0);
	assert_int_equal(gosend_media_upload_file(&b, C, PNID, path,
	                                          "application/pdf", NULL,
	                                          NULL),
	                 0);
	a = await_ok(f, &r,
	             GO(gosend_async_media_upload_file, PNID, path,
	                "application/pdf", NULL));
	same_last2(f);
	assert_last_upload(f, "application/pdf", strrchr(path, '/') + 1,
	                   "%PDF-1.4 async", 14);
	assert_non_null(a->id);
	assert_string_not_equal(a->id, b->id);
	same_meta(a->meta, b->meta);
	gosend_media_result_free(a);
	gosend_media_result_free(b);

	queue2(f, 422, ANSWER_422);
	SAME_FAILURE(GOSEND_EUNPROCESSABLE,
	             gosend_media_upload_file(&b, C, PNID, path, "text/plain",
	                                      NULL, &berr),
	             gosend_async_media_upload_file, PNID, path, "text/plain",
	             NULL);
	queue2(f, 404, ANSWER_404);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_media_upload_buffer(&b, C, PNID, "ab", 2, NULL,
	                                        "text/plain", NULL, &berr),
	             gosend_async_media_upload_buffer, PNID, "ab", 2, NULL,
	             "text/plain", NULL);

	REFUSES_NULLS(gosend_async_media_upload_file, PNID, path, "text/plain",
	              NULL);
	REFUSES_NULLS(gosend_async_media_upload_buffer, PNID, "ab", 2, NULL,
	              "text/plain", NULL);
	REFUSED(gosend_media_upload_buffer(&b, C, NULL, "ab", 2, NULL,
	                                   "text/plain", NULL, &berr),
	        gosend_async_media_upload_buffer, NULL, "ab", 2, NULL,
	        "text/plain", NULL);
	REFUSED(gosend_media_upload_buffer(&b, C, "55 5", "ab", 2, NULL,
	                                   "text/plain", NULL, &berr),
	        gosend_async_media_upload_buffer, "55 5", "ab", 2, NULL,
	        "text/plain", NULL);
	REFUSED(gosend_media_upload_buffer(&b, C, PNID, NULL, 2, NULL,
	                                   "text/plain", NULL, &berr),
	        gosend_async_media_upload_buffer, PNID, NULL, 2, NULL,
	        "text/plain", NULL);
	REFUSED(gosend_media_upload_buffer(&b, C, PNID, "ab", 0, NULL,
	                                   "text/plain", NULL, &berr),
	        gosend_async_media_upload_buffer, PNID, "ab", 0, NULL,
	        "text/plain", NULL);
	REFUSED(gosend_media_upload_buffer(&b, C, PNID, "ab", 2, "a/b.txt",
	                                   "text/plain", NULL, &berr),
	        gosend_async_media_upload_buffer, PNID, "ab", 2, "a/b.txt",
	        "text/plain", NULL);
	REFUSED(gosend_media_upload_buffer(&b, C, PNID, "ab", 2, NULL,
	                                   "text/plain\r\nX-Evil: 1", NULL,
	                                   &berr),
	        gosend_async_media_upload_buffer, PNID, "ab", 2, NULL,
	        "text/plain\r\nX-Evil: 1", NULL);
	REFUSED(gosend_media_upload_buffer(&b, C, PNID, "ab", 2, NULL,
	                                   "text/plain", evil_opts(&o), &berr),
	        gosend_async_media_upload_buffer, PNID, "ab", 2, NULL,
	        "text/plain", &o);
	REFUSED(gosend_media_upload_file(&b, C, PNID, NULL, "text/plain", NULL,
	                                 &berr),
	        gosend_async_media_upload_file, PNID, NULL, "text/plain", NULL);
	REFUSED(gosend_media_upload_file(&b, C, PNID, "/nonexistent/x.pdf",
	                                 "application/pdf", NULL, &berr),
	        gosend_async_media_upload_file, PNID, "/nonexistent/x.pdf",
	        "application/pdf", NULL);
	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	REFUSED(gosend_media_upload_file(&b, C, PNID, dir, "application/pdf",
	                                 NULL, &berr),
	        gosend_async_media_upload_file, PNID, dir, "application/pdf",
	        NULL);
	assert_int_equal(rmdir(dir), 0);
	REFUSED(gosend_media_upload_file(&b, C, PNID, path, "pdf", NULL, &berr),
	        gosend_async_media_upload_file, PNID, path, "pdf", NULL);
	REFUSED(gosend_media_upload_file(&b, C, PNID, path, "application/pdf",
	                                 evil_opts(&o), &berr),
	        gosend_async_media_upload_file, PNID, path, "application/pdf",
	        &o);
	assert_null(b);
	assert_int_equal(unlink(path), 0);
}

/* ------------------------------------------ WABAs and phone numbers */

static void test_async__wabas(void **state)
{
	afx *f = *state;
	gosend_list_params p = page(2, 1);
	gosend_request_options o;
	gosend_waba_list *bl = NULL, *al;
	gosend_waba *bw = NULL, *aw;
	gosend_phone_number_list *bp = NULL, *ap;
	rec r;

	assert_int_equal(gosend_wabas_list(&bl, C, &p, NULL, NULL), 0);
	al = await_ok(f, &r, GO(gosend_async_wabas_list, &p, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/wabas?page=2&per_page=1", NULL);
	assert_last_query(f, "page", "2");
	assert_last_query(f, "per_page", "1");
	SAME_LIST(al, bl);
	assert_int_equal(al->count, 1);
	assert_string_equal(al->items[0]->id, "2");
	assert_int_equal(al->items[0]->status, GOSEND_WABA_STATUS_PENDING);
	assert_int_equal(al->meta->total_count, 2);
	assert_int_equal(al->meta->page, 2);
	assert_int_equal(al->meta->per_page, 1);
	gosend_waba_list_free(al);
	gosend_waba_list_free(bl);

	assert_int_equal(gosend_wabas_get(&bw, C, "1", NULL, NULL), 0);
	aw = await_ok(f, &r, GO(gosend_async_wabas_get, "1", NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/wabas/1", NULL);
	SAME_OBJ(aw, bw);
	assert_string_equal(aw->display_name, "Mock Clinic");
	assert_int_equal(aw->status, GOSEND_WABA_STATUS_ACTIVE);
	assert_string_equal(aw->waba_id, bw->waba_id);
	gosend_waba_free(aw);
	gosend_waba_free(bw);

	p = page(0, 1);
	assert_int_equal(gosend_phone_numbers_list(&bp, C, "2", &p, NULL, NULL),
	                 0);
	ap = await_ok(f, &r,
	              GO(gosend_async_phone_numbers_list, "2", &p, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/wabas/2/phone-numbers?per_page=1", NULL);
	assert_last_query(f, "page", NULL);
	SAME_LIST(ap, bp);
	assert_int_equal(ap->count, 1);
	assert_int_equal(ap->items[0]->quality_rating,
	                 bp->items[0]->quality_rating);
	assert_int_equal(ap->items[0]->status,
	                 GOSEND_PHONE_NUMBER_STATUS_PENDING);
	gosend_phone_number_list_free(ap);
	gosend_phone_number_list_free(bp);

	/* ids with reserved characters are encoded; 404 alike */
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_wabas_get(&bw, C, "a/b?c", NULL, &berr),
	             gosend_async_wabas_get, "a/b?c", NULL);
	assert_last(f, "GET", "/v1/wabas/a%2Fb%3Fc", NULL);
	SAME_FAILURE(
	        GOSEND_ENOTFOUND,
	        gosend_phone_numbers_list(&bp, C, "9 9#%", NULL, NULL, &berr),
	        gosend_async_phone_numbers_list, "9 9#%", NULL, NULL);
	assert_last(f, "GET", "/v1/wabas/9%209%23%25/phone-numbers", NULL);
	queue2(f, 422, ANSWER_422);
	SAME_FAILURE(GOSEND_EUNPROCESSABLE,
	             gosend_wabas_list(&bl, C, NULL, NULL, &berr),
	             gosend_async_wabas_list, NULL, NULL);

	REFUSES_NULLS(gosend_async_wabas_list, NULL, NULL);
	REFUSES_NULLS(gosend_async_wabas_get, "1", NULL);
	REFUSES_NULLS(gosend_async_phone_numbers_list, "1", NULL, NULL);
	p = page(0, 101);
	REFUSED(gosend_wabas_list(&bl, C, &p, NULL, &berr),
	        gosend_async_wabas_list, &p, NULL);
	REFUSED(gosend_phone_numbers_list(&bp, C, "1", &p, NULL, &berr),
	        gosend_async_phone_numbers_list, "1", &p, NULL);
	REFUSED(gosend_wabas_list(&bl, C, NULL, evil_opts(&o), &berr),
	        gosend_async_wabas_list, NULL, &o);
	REFUSED(gosend_wabas_get(&bw, C, NULL, NULL, &berr),
	        gosend_async_wabas_get, NULL, NULL);
	REFUSED(gosend_wabas_get(&bw, C, ".", NULL, &berr),
	        gosend_async_wabas_get, ".", NULL);
	REFUSED(gosend_wabas_get(&bw, C, "1", evil_opts(&o), &berr),
	        gosend_async_wabas_get, "1", &o);
	REFUSED(gosend_phone_numbers_list(&bp, C, "..", NULL, NULL, &berr),
	        gosend_async_phone_numbers_list, "..", NULL, NULL);
	REFUSED(gosend_phone_numbers_list(&bp, C, "", NULL, NULL, &berr),
	        gosend_async_phone_numbers_list, "", NULL, NULL);
	REFUSED(gosend_phone_numbers_list(&bp, C, "1", NULL, evil_opts(&o),
	                                  &berr),
	        gosend_async_phone_numbers_list, "1", NULL, &o);
	assert_null(bl);
	assert_null(bw);
	assert_null(bp);
}

/* -------------------------------------------------------- templates */

static gosend_template_builder *reminder(const char *name)
{
	gosend_template_builder *b = NULL;
	const char *ex[] = {"Ana"};

	assert_int_equal(
	        gosend_template_builder_new(&b, name, "UTILITY", "en_US", NULL),
	        0);
	assert_int_equal(gosend_template_builder_body(
	                         b, "Hi {{1}}, see you tomorrow.", ex, 1, NULL),
	                 0);
	return b;
}

#define REMINDER_JSON(name)                                                 \
	"{\"name\":\"" name "\",\"category\":\"UTILITY\",\"language\":"     \
	"\"en_US\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hi {{1}}," \
	" see you tomorrow.\",\"example\":{\"body_text\":[[\"Ana\"]]}}]}"

static void test_async__templates(void **state)
{
	afx *f = *state;
	gosend_list_params p = page(2, 2);
	gosend_request_options o;
	gosend_template_list *bl = NULL, *al;
	gosend_template *bt = NULL, *at;
	gosend_template_sync_result *bs = NULL, *ss;
	gosend_template_builder *b = reminder("async_reminder");
	gosend_template_builder *b2 = reminder("async_reminder_2");
	rec r;

	assert_int_equal(gosend_templates_list(&bl, C, "1", &p, NULL, NULL), 0);
	al = await_ok(f, &r, GO(gosend_async_templates_list, "1", &p, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/wabas/1/templates?page=2&per_page=2", NULL);
	SAME_LIST(al, bl);
	assert_int_equal(al->count, 1);
	assert_string_equal(al->items[0]->id, "1003");
	assert_int_equal(al->items[0]->category,
	                 GOSEND_TEMPLATE_CATEGORY_AUTHENTICATION);
	assert_int_equal(al->meta->total_count, 3);
	gosend_template_list_free(al);
	gosend_template_list_free(bl);

	/* create: the same scripted answer for both forms ... */
	queue2(f, 201,
	       "{\"id\":\"2001\",\"name\":\"async_reminder\",\"language\":"
	       "\"en_US\",\"category\":\"UTILITY\",\"status\":\"PENDING\","
	       "\"waba_id\":\"1\"}");
	assert_int_equal(gosend_templates_create(&bt, C, "1", b, NULL, NULL),
	                 0);
	at = await_ok(f, &r, GO(gosend_async_templates_create, "1", b, NULL));
	same_last2(f);
	assert_last(f, "POST", "/v1/wabas/1/templates",
	            REMINDER_JSON("async_reminder"));
	SAME_OBJ(at, bt);
	assert_string_equal(at->id, "2001");
	assert_int_equal(at->status, GOSEND_TEMPLATE_STATUS_PENDING);
	assert_int_equal(at->category, GOSEND_TEMPLATE_CATEGORY_UTILITY);
	gosend_template_free(at);
	gosend_template_free(bt);
	/* ... and one the mock really makes */
	at = await_ok(f, &r, GO(gosend_async_templates_create, "1", b2, NULL));
	assert_last(f, "POST", "/v1/wabas/1/templates",
	            REMINDER_JSON("async_reminder_2"));
	assert_non_null(at->id);
	assert_string_equal(at->name, "async_reminder_2");
	assert_string_equal(at->waba_id, "1");
	assert_int_equal(at->meta->http_status, 201);
	gosend_template_free(at);
	/* the same name again: 409 alike */
	SAME_FAILURE(GOSEND_ECONFLICT,
	             gosend_templates_create(&bt, C, "1", b2, NULL, &berr),
	             gosend_async_templates_create, "1", b2, NULL);

	assert_int_equal(gosend_templates_sync(&bs, C, "1", NULL, NULL), 0);
	ss = await_ok(f, &r, GO(gosend_async_templates_sync, "1", NULL));
	same_last2(f);
	assert_last(f, "POST", "/v1/wabas/1/templates/sync", "{}");
	assert_non_null(ss);
	assert_string_equal(ss->raw_json, bs->raw_json);
	same_meta(ss->meta, bs->meta);
	assert_int_equal(ss->synced, 4);
	assert_int_equal(ss->synced, bs->synced);
	assert_int_equal(ss->count, bs->count);
	gosend_template_sync_result_free(ss);
	gosend_template_sync_result_free(bs);

	/* delete: nothing is returned */
	assert_int_equal(gosend_templates_delete(C, "1", "1001", NULL, NULL),
	                 0);
	assert_null(await_ok(
	        f, &r, GO(gosend_async_templates_delete, "1", "1002", NULL)));
	assert_last(f, "DELETE", "/v1/wabas/1/templates/1002", NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_templates_delete(C, "1", "1002", NULL, &berr),
	             gosend_async_templates_delete, "1", "1002", NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_templates_delete(C, "a/b", "c d", NULL, &berr),
	             gosend_async_templates_delete, "a/b", "c d", NULL);
	assert_last(f, "DELETE", "/v1/wabas/a%2Fb/templates/c%20d", NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_templates_create(&bt, C, "w/1", b, NULL, &berr),
	             gosend_async_templates_create, "w/1", b, NULL);
	assert_last(f, "POST", "/v1/wabas/w%2F1/templates",
	            REMINDER_JSON("async_reminder"));
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_templates_list(&bl, C, "w/1", NULL, NULL, &berr),
	             gosend_async_templates_list, "w/1", NULL, NULL);
	assert_last(f, "GET", "/v1/wabas/w%2F1/templates", NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_templates_sync(&bs, C, "w/1", NULL, &berr),
	             gosend_async_templates_sync, "w/1", NULL);
	assert_last(f, "POST", "/v1/wabas/w%2F1/templates/sync", "{}");

	REFUSES_NULLS(gosend_async_templates_list, "1", NULL, NULL);
	REFUSES_NULLS(gosend_async_templates_create, "1", b, NULL);
	REFUSES_NULLS(gosend_async_templates_sync, "1", NULL);
	REFUSES_NULLS(gosend_async_templates_delete, "1", "1003", NULL);
	p = page(0, 0);
	p.version = 99;
	REFUSED(gosend_templates_list(&bl, C, "1", &p, NULL, &berr),
	        gosend_async_templates_list, "1", &p, NULL);
	REFUSED(gosend_templates_list(&bl, C, NULL, NULL, NULL, &berr),
	        gosend_async_templates_list, NULL, NULL, NULL);
	REFUSED(gosend_templates_list(&bl, C, "1", NULL, evil_opts(&o), &berr),
	        gosend_async_templates_list, "1", NULL, &o);
	REFUSED(gosend_templates_create(&bt, C, "1", NULL, NULL, &berr),
	        gosend_async_templates_create, "1", NULL, NULL);
	REFUSED(gosend_templates_create(&bt, C, "..", b, NULL, &berr),
	        gosend_async_templates_create, "..", b, NULL);
	REFUSED(gosend_templates_create(&bt, C, "1", b, evil_opts(&o), &berr),
	        gosend_async_templates_create, "1", b, &o);
	REFUSED(gosend_templates_sync(&bs, C, "", NULL, &berr),
	        gosend_async_templates_sync, "", NULL);
	REFUSED(gosend_templates_sync(&bs, C, "1", evil_opts(&o), &berr),
	        gosend_async_templates_sync, "1", &o);
	REFUSED(gosend_templates_delete(C, "1", NULL, NULL, &berr),
	        gosend_async_templates_delete, "1", NULL, NULL);
	REFUSED(gosend_templates_delete(C, NULL, "1003", NULL, &berr),
	        gosend_async_templates_delete, NULL, "1003", NULL);
	REFUSED(gosend_templates_delete(C, "1", "..", NULL, &berr),
	        gosend_async_templates_delete, "1", "..", NULL);
	REFUSED(gosend_templates_delete(C, "1", "1003", evil_opts(&o), &berr),
	        gosend_async_templates_delete, "1", "1003", &o);
	assert_null(bl);
	assert_null(bt);
	assert_null(bs);
	gosend_template_builder_free(b);
	gosend_template_builder_free(b2);
}

/* ---------------------------------------------------- conversations */

static void test_async__conversations(void **state)
{
	afx *f = *state;
	gosend_list_params p = page(2, 0);
	gosend_request_options o;
	gosend_conversation_list *bl = NULL, *al;
	gosend_conversation *bc = NULL, *ac;
	rec r;

	assert_int_equal(gosend_conversations_list(&bl, C, &p, NULL, NULL), 0);
	al = await_ok(f, &r, GO(gosend_async_conversations_list, &p, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/conversations?page=2", NULL);
	assert_last_query(f, "per_page", NULL);
	SAME_LIST(al, bl);
	assert_int_equal(al->count, 5);
	assert_string_equal(al->items[4]->id, "25");
	assert_int_equal(al->meta->total_count, 25);
	gosend_conversation_list_free(al);
	gosend_conversation_list_free(bl);

	assert_int_equal(gosend_conversations_get(&bc, C, "3", NULL, NULL), 0);
	ac = await_ok(f, &r, GO(gosend_async_conversations_get, "3", NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/conversations/3", NULL);
	SAME_OBJ(ac, bc);
	assert_int_equal(ac->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_string_equal(ac->category, "marketing");
	gosend_conversation_free(ac);
	gosend_conversation_free(bc);

	/* closing twice gives the same answer: the conversation, ended */
	assert_int_equal(gosend_conversations_close(&bc, C, "1", NULL, NULL),
	                 0);
	ac = await_ok(f, &r, GO(gosend_async_conversations_close, "1", NULL));
	same_last2(f);
	assert_last(f, "POST", "/v1/conversations/1/close", "{}");
	SAME_OBJ(ac, bc);
	assert_string_equal(ac->id, "1");
	assert_int_equal(ac->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_non_null(ac->closed_at);
	gosend_conversation_free(ac);
	gosend_conversation_free(bc);
	/* an answer that is not the conversation: success, NULL alike */
	queue2(f, 200, "{\"success\":true}");
	assert_int_equal(gosend_conversations_close(&bc, C, "2", NULL, NULL),
	                 0);
	assert_null(bc);
	assert_null(await_ok(f, &r,
	                     GO(gosend_async_conversations_close, "2", NULL)));
	same_last2(f);
	queue2(f, 204, NULL);
	assert_int_equal(gosend_conversations_close(&bc, C, "2", NULL, NULL),
	                 0);
	assert_null(bc);
	assert_null(await_ok(f, &r,
	                     GO(gosend_async_conversations_close, "2", NULL)));
	/* under `data`, with an id: the conversation alike */
	queue2(f, 200, "{\"data\":{\"id\":\"2\",\"status\":\"ended\"}}");
	assert_int_equal(gosend_conversations_close(&bc, C, "2", NULL, NULL),
	                 0);
	ac = await_ok(f, &r, GO(gosend_async_conversations_close, "2", NULL));
	SAME_OBJ(ac, bc);
	assert_string_equal(ac->id, "2");
	gosend_conversation_free(ac);
	gosend_conversation_free(bc);

	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_conversations_get(&bc, C, "a/b?c", NULL, &berr),
	             gosend_async_conversations_get, "a/b?c", NULL);
	assert_last(f, "GET", "/v1/conversations/a%2Fb%3Fc", NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_conversations_close(&bc, C, "x/y", NULL, &berr),
	             gosend_async_conversations_close, "x/y", NULL);
	assert_last(f, "POST", "/v1/conversations/x%2Fy/close", "{}");
	queue2(f, 422, ANSWER_422);
	SAME_FAILURE(GOSEND_EUNPROCESSABLE,
	             gosend_conversations_list(&bl, C, NULL, NULL, &berr),
	             gosend_async_conversations_list, NULL, NULL);

	REFUSES_NULLS(gosend_async_conversations_list, NULL, NULL);
	REFUSES_NULLS(gosend_async_conversations_get, "1", NULL);
	REFUSES_NULLS(gosend_async_conversations_close, "1", NULL);
	p = page(0, -5);
	REFUSED(gosend_conversations_list(&bl, C, &p, NULL, &berr),
	        gosend_async_conversations_list, &p, NULL);
	REFUSED(gosend_conversations_list(&bl, C, NULL, evil_opts(&o), &berr),
	        gosend_async_conversations_list, NULL, &o);
	REFUSED(gosend_conversations_get(&bc, C, NULL, NULL, &berr),
	        gosend_async_conversations_get, NULL, NULL);
	REFUSED(gosend_conversations_get(&bc, C, "..", NULL, &berr),
	        gosend_async_conversations_get, "..", NULL);
	REFUSED(gosend_conversations_get(&bc, C, "1", evil_opts(&o), &berr),
	        gosend_async_conversations_get, "1", &o);
	REFUSED(gosend_conversations_close(&bc, C, "", NULL, &berr),
	        gosend_async_conversations_close, "", NULL);
	REFUSED(gosend_conversations_close(&bc, C, "1", evil_opts(&o), &berr),
	        gosend_async_conversations_close, "1", &o);
	assert_null(bl);
	assert_null(bc);
}

/* --------------------------------------------------------- webhooks */

static const char *const events2[] = {"whatsapp.message.received",
                                      "whatsapp.message.delivered"};

#define HOOK_ANSWER                                                           \
	"{\"id\":\"wh_9\",\"url\":\"https://acme.example/hooks\",\"secret\":" \
	"\"whsec_abc\",\"events\":[\"whatsapp.message.received\",\""          \
	"whatsapp.message.delivered\"],\"enabled\":true,\"type\":"            \
	"\"gosendapi_events\"}"

static void test_async__webhooks(void **state)
{
	afx *f = *state;
	gosend_webhook_params wp = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook_update_params up = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	gosend_list_params p = page(1, 50);
	gosend_request_options o;
	gosend_webhook *bw = NULL, *aw;
	gosend_webhook_list *bl = NULL, *al;
	gosend_webhook_delivery_list *bd = NULL, *ad;
	char id[64], target[128];
	rec r;

	wp.url = "https://acme.example/hooks";
	wp.events = events2;
	wp.events_count = 2;
	queue2(f, 201, HOOK_ANSWER);
	assert_int_equal(gosend_webhooks_create(&bw, C, &wp, NULL, NULL), 0);
	aw = await_ok(f, &r, GO(gosend_async_webhooks_create, &wp, NULL));
	same_last2(f);
	assert_last(f, "POST", "/v1/webhooks",
	            "{\"url\":\"https://acme.example/hooks\",\"events\":["
	            "\"whatsapp.message.received\","
	            "\"whatsapp.message.delivered\"]}");
	assert_last_header(f, "Idempotency-Key", NULL);
	SAME_OBJ(aw, bw);
	assert_string_equal(aw->secret, "whsec_abc");
	assert_int_equal(aw->events_count, 2);
	assert_string_equal(aw->events[1], "whatsapp.message.delivered");
	assert_int_equal(aw->enabled, bw->enabled);
	gosend_webhook_free(aw);
	gosend_webhook_free(bw);
	/* one the mock really makes */
	aw = await_ok(f, &r, GO(gosend_async_webhooks_create, &wp, NULL));
	assert_non_null(aw->id);
	assert_memory_equal(aw->secret, "whsec_", 6);
	assert_int_equal(aw->meta->http_status, 201);
	assert_true(strlen(aw->id) < sizeof(id));
	strcpy(id, aw->id);
	gosend_webhook_free(aw);

	assert_int_equal(gosend_webhooks_list(&bl, C, &p, NULL, NULL), 0);
	al = await_ok(f, &r, GO(gosend_async_webhooks_list, &p, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/webhooks?page=1&per_page=50", NULL);
	SAME_LIST(al, bl);
	assert_int_equal(al->count, 1);
	assert_string_equal(al->items[0]->id, id);
	assert_null(al->items[0]->secret);
	gosend_webhook_list_free(al);
	gosend_webhook_list_free(bl);

	/* the same change twice: the same answer */
	up.set_enabled = 1;
	up.enabled = 0;
	up.url = "https://acme.example/v2";
	assert_int_equal(gosend_webhooks_update(&bw, C, id, &up, NULL, NULL),
	                 0);
	aw = await_ok(f, &r, GO(gosend_async_webhooks_update, id, &up, NULL));
	same_last2(f);
	(void)snprintf(target, sizeof(target), "/v1/webhooks/%s", id);
	assert_last(f, "PATCH", target,
	            "{\"url\":\"https://acme.example/v2\",\"enabled\":false}");
	SAME_OBJ(aw, bw);
	assert_int_equal(aw->enabled, 0);
	assert_string_equal(aw->url, "https://acme.example/v2");
	gosend_webhook_free(aw);
	gosend_webhook_free(bw);
	/* an answer without an id: success, NULL alike */
	queue2(f, 200, "{\"ok\":true,\"url\":\"https://acme.example/v2\"}");
	assert_int_equal(gosend_webhooks_update(&bw, C, id, &up, NULL, NULL),
	                 0);
	assert_null(bw);
	assert_null(await_ok(f, &r,
	                     GO(gosend_async_webhooks_update, id, &up, NULL)));
	same_last2(f);

	assert_int_equal(gsmock_add_delivery(f->base.mock, id, "{}"), 0);
	assert_int_equal(gsmock_add_delivery(f->base.mock, id,
	                                     "{\"status\":\"failed\","
	                                     "\"attempts\":5}"),
	                 0);
	p = page(1, 1);
	assert_int_equal(
	        gosend_webhook_deliveries_list(&bd, C, id, &p, NULL, NULL), 0);
	ad = await_ok(f, &r,
	              GO(gosend_async_webhook_deliveries_list, id, &p, NULL));
	same_last2(f);
	(void)snprintf(target, sizeof(target),
	               "/v1/webhooks/%s/deliveries?page=1&per_page=1", id);
	assert_last(f, "GET", target, NULL);
	SAME_LIST(ad, bd);
	assert_int_equal(ad->count, 1);
	assert_int_equal(ad->meta->total_count, 2);
	assert_int_equal(ad->items[0]->attempts, bd->items[0]->attempts);
	gosend_webhook_delivery_list_free(ad);
	gosend_webhook_delivery_list_free(bd);

	/* delete: nothing is returned; the second time 404 alike */
	assert_null(
	        await_ok(f, &r, GO(gosend_async_webhooks_delete, id, NULL)));
	(void)snprintf(target, sizeof(target), "/v1/webhooks/%s", id);
	assert_last(f, "DELETE", target, NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_webhooks_delete(C, id, NULL, &berr),
	             gosend_async_webhooks_delete, id, NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_webhooks_delete(C, "h/1", NULL, &berr),
	             gosend_async_webhooks_delete, "h/1", NULL);
	assert_last(f, "DELETE", "/v1/webhooks/h%2F1", NULL);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_webhooks_update(&bw, C, "h/1", &up, NULL, &berr),
	             gosend_async_webhooks_update, "h/1", &up, NULL);
	assert_last(f, "PATCH", "/v1/webhooks/h%2F1",
	            "{\"url\":\"https://acme.example/v2\",\"enabled\":false}");
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_webhook_deliveries_list(&bd, C, "h/1", NULL, NULL,
	                                            &berr),
	             gosend_async_webhook_deliveries_list, "h/1", NULL, NULL);
	assert_last(f, "GET", "/v1/webhooks/h%2F1/deliveries", NULL);
	queue2(f, 422, ANSWER_422);
	SAME_FAILURE(GOSEND_EUNPROCESSABLE,
	             gosend_webhooks_create(&bw, C, &wp, NULL, &berr),
	             gosend_async_webhooks_create, &wp, NULL);
	queue2(f, 404, ANSWER_404);
	SAME_FAILURE(GOSEND_ENOTFOUND,
	             gosend_webhooks_list(&bl, C, NULL, NULL, &berr),
	             gosend_async_webhooks_list, NULL, NULL);

	REFUSES_NULLS(gosend_async_webhooks_create, &wp, NULL);
	REFUSES_NULLS(gosend_async_webhooks_list, NULL, NULL);
	REFUSES_NULLS(gosend_async_webhooks_update, "1", &up, NULL);
	REFUSES_NULLS(gosend_async_webhooks_delete, "1", NULL);
	REFUSES_NULLS(gosend_async_webhook_deliveries_list, "1", NULL, NULL);
	REFUSED(gosend_webhooks_create(&bw, C, NULL, NULL, &berr),
	        gosend_async_webhooks_create, NULL, NULL);
	wp.url = "https://acme.example/\r\nX-Evil: 1";
	REFUSED(gosend_webhooks_create(&bw, C, &wp, NULL, &berr),
	        gosend_async_webhooks_create, &wp, NULL);
	wp.url = "https://acme.example/hooks";
	wp.events_count = 0;
	REFUSED(gosend_webhooks_create(&bw, C, &wp, NULL, &berr),
	        gosend_async_webhooks_create, &wp, NULL);
	wp.events_count = 2;
	REFUSED(gosend_webhooks_create(&bw, C, &wp, evil_opts(&o), &berr),
	        gosend_async_webhooks_create, &wp, &o);
	p = page(0, 0);
	p.version = 0;
	REFUSED(gosend_webhooks_list(&bl, C, &p, NULL, &berr),
	        gosend_async_webhooks_list, &p, NULL);
	REFUSED(gosend_webhooks_list(&bl, C, NULL, evil_opts(&o), &berr),
	        gosend_async_webhooks_list, NULL, &o);
	REFUSED(gosend_webhooks_update(&bw, C, NULL, &up, NULL, &berr),
	        gosend_async_webhooks_update, NULL, &up, NULL);
	REFUSED(gosend_webhooks_update(&bw, C, "1", NULL, NULL, &berr),
	        gosend_async_webhooks_update, "1", NULL, NULL);
	up = (gosend_webhook_update_params)GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	REFUSED(gosend_webhooks_update(&bw, C, "1", &up, NULL, &berr),
	        gosend_async_webhooks_update, "1", &up, NULL);
	up.set_enabled = 1;
	REFUSED(gosend_webhooks_update(&bw, C, "1", &up, evil_opts(&o), &berr),
	        gosend_async_webhooks_update, "1", &up, &o);
	REFUSED(gosend_webhooks_delete(C, "..", NULL, &berr),
	        gosend_async_webhooks_delete, "..", NULL);
	REFUSED(gosend_webhooks_delete(C, "1", evil_opts(&o), &berr),
	        gosend_async_webhooks_delete, "1", &o);
	REFUSED(gosend_webhook_deliveries_list(&bd, C, "", NULL, NULL, &berr),
	        gosend_async_webhook_deliveries_list, "", NULL, NULL);
	p = page(0, 101);
	REFUSED(gosend_webhook_deliveries_list(&bd, C, "1", &p, NULL, &berr),
	        gosend_async_webhook_deliveries_list, "1", &p, NULL);
	REFUSED(gosend_webhook_deliveries_list(&bd, C, "1", NULL, evil_opts(&o),
	                                       &berr),
	        gosend_async_webhook_deliveries_list, "1", NULL, &o);
	assert_null(bw);
	assert_null(bl);
	assert_null(bd);
}

/* ------------------------------------------------- me, onboarding */

static void test_async__me_and_admin(void **state)
{
	afx *f = *state;
	gosend_customer_params cp = GOSEND_CUSTOMER_PARAMS_INIT;
	gosend_setup_link_params lp = GOSEND_SETUP_LINK_PARAMS_INIT;
	gosend_request_options o;
	gosend_me *bm = NULL, *am;
	gosend_customer *bc = NULL, *ac;
	gosend_setup_link *bl = NULL, *al;
	char cid[64], target[128];
	rec r;

	assert_int_equal(gosend_me_get(&bm, C, NULL, NULL), 0);
	am = await_ok(f, &r, GO(gosend_async_me_get, NULL));
	same_last2(f);
	assert_last(f, "GET", "/v1/me", NULL);
	SAME_OBJ(am, bm);
	assert_string_equal(am->name, "Mock Project");
	assert_string_equal(am->webhook_url, "https://example.test/hooks");
	same_str(am->api_key_prefix, bm->api_key_prefix);
	gosend_me_free(am);
	gosend_me_free(bm);
	queue2(f, 404, ANSWER_404);
	SAME_FAILURE(GOSEND_ENOTFOUND, gosend_me_get(&bm, C, NULL, &berr),
	             gosend_async_me_get, NULL);
	queue2(f, 200, "[]");
	SAME_FAILURE(GOSEND_EPROTOCOL, gosend_me_get(&bm, C, NULL, &berr),
	             gosend_async_me_get, NULL);

	cp.name = "Cl\xC3\xAD"
	          "nica";
	cp.phone = "+54 11 5555-0000";
	cp.metadata_json = "{\"plan\":\"pro\"}";
	queue2(f, 201,
	       "{\"id\":\"77\",\"tenant_id\":\"42\",\"name\":\"Cl\xC3\xAD"
	       "nica\",\"status\":\"active\",\"metadata\":{\"plan\":\"pro\"}}");
	assert_int_equal(gosend_customers_create(&bc, C, "42", &cp, NULL, NULL),
	                 0);
	ac = await_ok(f, &r,
	              GO(gosend_async_customers_create, "42", &cp, NULL));
	same_last2(f);
	assert_last(f, "POST", "/v1/admin/tenants/42/customers",
	            "{\"name\":\"Cl\xC3\xAD"
	            "nica\",\"phone\":\"+54 11 5555-0000\",\"metadata\":{"
	            "\"plan\":\"pro\"}}");
	SAME_OBJ(ac, bc);
	assert_string_equal(ac->id, "77");
	assert_int_equal(ac->status, GOSEND_CUSTOMER_STATUS_ACTIVE);
	same_str(ac->metadata_json, bc->metadata_json);
	gosend_customer_free(ac);
	gosend_customer_free(bc);
	/* one the mock really makes, under an encoded tenant id */
	ac = await_ok(f, &r,
	              GO(gosend_async_customers_create, "t/1", &cp, NULL));
	assert_last(f, "POST", "/v1/admin/tenants/t%2F1/customers",
	            "{\"name\":\"Cl\xC3\xAD"
	            "nica\",\"phone\":\"+54 11 5555-0000\",\"metadata\":{"
	            "\"plan\":\"pro\"}}");
	assert_non_null(ac->id);
	assert_string_equal(ac->tenant_id, "t/1");
	assert_int_equal(ac->meta->http_status, 201);
	assert_true(strlen(ac->id) < sizeof(cid));
	strcpy(cid, ac->id);
	gosend_customer_free(ac);

	lp.success_redirect_url = "https://app.example/ok";
	lp.expires_at = "2026-05-25T23:59:59Z";
	queue2(f, 201,
	       "{\"id\":\"sl_1\",\"url\":\"https://cloud.example/signup/sl_1\","
	       "\"status\":\"pending\",\"expiresAt\":\"2026-05-25T23:59:"
	       "59Z\"}");
	assert_int_equal(
	        gosend_setup_links_create(&bl, C, cid, &lp, NULL, NULL), 0);
	al = await_ok(f, &r,
	              GO(gosend_async_setup_links_create, cid, &lp, NULL));
	same_last2(f);
	(void)snprintf(target, sizeof(target),
	               "/v1/admin/customers/%s/setup-links", cid);
	assert_last(f, "POST", target,
	            "{\"successRedirectUrl\":\"https://app.example/ok\","
	            "\"expiresAt\":\"2026-05-25T23:59:59Z\"}");
	SAME_OBJ(al, bl);
	assert_string_equal(al->url, "https://cloud.example/signup/sl_1");
	assert_string_equal(al->expires_at, "2026-05-25T23:59:59Z");
	gosend_setup_link_free(al);
	gosend_setup_link_free(bl);
	al = await_ok(f, &r,
	              GO(gosend_async_setup_links_create, cid, NULL, NULL));
	assert_last(f, "POST", target, "{}");
	assert_non_null(al->id);
	assert_string_equal(al->status, "pending");
	gosend_setup_link_free(al);

	SAME_FAILURE(
	        GOSEND_ENOTFOUND,
	        gosend_setup_links_create(&bl, C, "c/9", NULL, NULL, &berr),
	        gosend_async_setup_links_create, "c/9", NULL, NULL);
	assert_last(f, "POST", "/v1/admin/customers/c%2F9/setup-links", "{}");
	queue2(f, 422, ANSWER_422);
	SAME_FAILURE(GOSEND_EUNPROCESSABLE,
	             gosend_customers_create(&bc, C, "42", &cp, NULL, &berr),
	             gosend_async_customers_create, "42", &cp, NULL);

	REFUSES_NULLS(gosend_async_me_get, NULL);
	REFUSES_NULLS(gosend_async_customers_create, "42", &cp, NULL);
	REFUSES_NULLS(gosend_async_setup_links_create, "1", NULL, NULL);
	REFUSED(gosend_me_get(&bm, C, evil_opts(&o), &berr),
	        gosend_async_me_get, &o);
	REFUSED(gosend_customers_create(&bc, C, "42", NULL, NULL, &berr),
	        gosend_async_customers_create, "42", NULL, NULL);
	REFUSED(gosend_customers_create(&bc, C, NULL, &cp, NULL, &berr),
	        gosend_async_customers_create, NULL, &cp, NULL);
	REFUSED(gosend_customers_create(&bc, C, "42", &cp, evil_opts(&o),
	                                &berr),
	        gosend_async_customers_create, "42", &cp, &o);
	cp.phone = "54 11 abc";
	REFUSED(gosend_customers_create(&bc, C, "42", &cp, NULL, &berr),
	        gosend_async_customers_create, "42", &cp, NULL);
	cp.phone = NULL;
	cp.email = "not an email";
	REFUSED(gosend_customers_create(&bc, C, "42", &cp, NULL, &berr),
	        gosend_async_customers_create, "42", &cp, NULL);
	cp.email = NULL;
	cp.name = "line\r\nbreak";
	REFUSED(gosend_customers_create(&bc, C, "42", &cp, NULL, &berr),
	        gosend_async_customers_create, "42", &cp, NULL);
	cp.name = "X";
	cp.metadata_json = "[1]";
	REFUSED(gosend_customers_create(&bc, C, "42", &cp, NULL, &berr),
	        gosend_async_customers_create, "42", &cp, NULL);
	REFUSED(gosend_setup_links_create(&bl, C, "..", NULL, NULL, &berr),
	        gosend_async_setup_links_create, "..", NULL, NULL);
	lp.failure_redirect_url = "https://app.example/\r\nX-Evil: 1";
	REFUSED(gosend_setup_links_create(&bl, C, "1", &lp, NULL, &berr),
	        gosend_async_setup_links_create, "1", &lp, NULL);
	lp.failure_redirect_url = NULL;
	lp.expires_at = "tomorrow";
	REFUSED(gosend_setup_links_create(&bl, C, "1", &lp, NULL, &berr),
	        gosend_async_setup_links_create, "1", &lp, NULL);
	REFUSED(gosend_setup_links_create(&bl, C, "1", NULL, evil_opts(&o),
	                                  &berr),
	        gosend_async_setup_links_create, "1", NULL, &o);
	assert_null(bm);
	assert_null(bc);
	assert_null(bl);
}

/* ------------------------------------------------ many calls at once */

/* Calls of every group started together complete, each once, on the
 * same loop. */
static void test_async__many_at_once(void **state)
{
	afx *f = *state;
	gosend_list_params p = page(1, 2);
	rec r[6];
	size_t i;

	assert_int_equal(gosend_async_wabas_get(f->as, "1", NULL, on_done,
	                                        fresh(&r[0]), &r[0].started,
	                                        NULL),
	                 0);
	assert_int_equal(gosend_async_me_get(f->as, NULL, on_done, fresh(&r[1]),
	                                     &r[1].started, NULL),
	                 0);
	assert_int_equal(gosend_async_templates_list(f->as, "1", &p, NULL,
	                                             on_done, fresh(&r[2]),
	                                             &r[2].started, NULL),
	                 0);
	assert_int_equal(gosend_async_conversations_get(f->as, "nope", NULL,
	                                                on_done, fresh(&r[3]),
	                                                &r[3].started, NULL),
	                 0);
	assert_int_equal(gosend_async_messages_send_text(
	                         f->as, PNID, TO, "all", NULL, on_done,
	                         fresh(&r[4]), NULL, NULL),
	                 0);
	assert_int_equal(gosend_async_webhooks_list(f->as, NULL, NULL, on_done,
	                                            fresh(&r[5]), &r[5].started,
	                                            NULL),
	                 0);
	assert_int_equal(gosend_async_pending(f->as), 6);
	for (i = 0; i < 6; i++)
		assert_int_equal(r[i].runs, 0);
	assert_int_equal(gosend_poll_run(&f->loop), 0);
	assert_int_equal(gsmock_request_count(f->base.mock), 6);
	for (i = 0; i < 6; i++) {
		assert_int_equal(r[i].runs, 1);
		if (i != 4)
			assert_ptr_equal(r[i].call, r[i].started);
		assert_int_equal(r[i].code, i == 3 ? GOSEND_ENOTFOUND : 0);
	}
	assert_string_equal(((gosend_waba *)r[0].result)->id, "1");
	gosend_waba_free(r[0].result);
	assert_non_null(((gosend_me *)r[1].result)->id);
	gosend_me_free(r[1].result);
	assert_int_equal(((gosend_template_list *)r[2].result)->count, 2);
	gosend_template_list_free(r[2].result);
	assert_int_equal(r[3].error->http_status, 404);
	gosend_error_free(r[3].error);
	assert_string_equal(((gosend_message_result *)r[4].result)->wa_id, TO);
	gosend_message_result_free(r[4].result);
	assert_int_equal(((gosend_webhook_list *)r[5].result)->count, 0);
	gosend_webhook_list_free(r[5].result);
}

/* Cancelled or freed with the handle, the calls whose answer is kept only
 * with an id (close, webhook update) complete once with ECANCELED and no
 * result, like any other. */
static void test_async__kept_answers_cancelled(void **state)
{
	afx *f = *state;
	gosend_webhook_update_params up = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	rec r, r2;
	int i;

	up.set_enabled = 1;
	assert_int_equal(GO(gosend_async_conversations_close, "1", NULL), 0);
	assert_int_equal(gosend_async_pending(f->as), 1);
	gosend_async_cancel(r.started);
	assert_int_equal(r.runs, 1);
	assert_ptr_equal(r.call, r.started);
	assert_int_equal(r.code, GOSEND_ECANCELED);
	assert_null(r.result);
	assert_int_equal(r.error->code, GOSEND_ECANCELED);
	gosend_error_free(r.error);
	assert_int_equal(gosend_async_pending(f->as), 0);
	assert_int_equal(gsmock_request_count(f->base.mock), 0);

	/* freeing the handle ends both: one on the wire (its answer held
	 * back by the mock), one never sent */
	assert_int_equal(
	        gsmock_queue_fault(f->base.mock, GSMOCK_FAULT_DELAY, 300), 0);
	assert_int_equal(GO(gosend_async_webhooks_update, "1", &up, NULL), 0);
	for (i = 0; i < 1000 && gsmock_request_count(f->base.mock) == 0; i++)
		assert_int_equal(gosend_poll_run_once(&f->loop, 5), 0);
	assert_int_equal(gsmock_request_count(f->base.mock), 1);
	assert_int_equal(gosend_async_conversations_close(f->as, "2", NULL,
	                                                  on_done, fresh(&r2),
	                                                  NULL, NULL),
	                 0);
	assert_int_equal(r.runs + r2.runs, 0);
	gosend_async_free(f->as);
	f->as = NULL;
	assert_int_equal(r.runs, 1);
	assert_int_equal(r2.runs, 1);
	assert_int_equal(r.code, GOSEND_ECANCELED);
	assert_int_equal(r2.code, GOSEND_ECANCELED);
	assert_null(r.result);
	assert_null(r2.result);
	gosend_error_free(r.error);
	gosend_error_free(r2.error);
	assert_int_equal(gsmock_request_count(f->base.mock), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_async__messages_send,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_async__messages_send_refused, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__messages_read,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__media, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__wabas, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__templates, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__conversations,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_async__webhooks, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__me_and_admin, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async__many_at_once, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_async__kept_answers_cancelled, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
