/*
 * GET /messages and GET /messages/{id} against the mock server: one page
 * with its query and headers, one message with an encoded id, and the
 * iterator over 0, 1, 100, 101 and 250 messages, with a cap, scripted pages
 * without X-Total-Count, and an error in the middle (final).
 */
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/messages.h"

#define KEY  "gsk_test_messages_list"
#define PNID "555123456789"
#define TO   "5491140123456"

typedef ts_fx fx;

/* This file's fixture: the shared one first, and what fill() sent. */
typedef struct list_fx {
	ts_fx base;
	size_t sent;
} list_fx;

static int setup(void **state)
{
	fx *f = ts_fx_new(sizeof(list_fx), KEY, NULL);

	f->client = ts_fx_client(f, NULL, TS_NO_SLEEP);
	*state = f;
	return 0;
}

/* Send messages until the mock holds n; bodies are "m<k>" (k from 1). */
static void fill(fx *f, size_t n)
{
	list_fx *l = (list_fx *)f;
	char body[32];

	while (l->sent < n) {
		gosend_message_result *res = NULL;
		gosend_error *err = NULL;
		snprintf(body, sizeof(body), "m%zu", l->sent + 1);
		if (gosend_messages_send_text(&res, f->client, PNID, TO, body,
		                              NULL, &err) != 0)
			fail_msg("send: %s", err->message);
		gosend_message_result_free(res);
		l->sent++;
	}
	assert_int_equal(gsmock_message_count(f->mock), n);
	gsmock_clear_log(f->mock);
}

/* Check the i-th request is GET /v1/messages?page=P&per_page=100. */
static void check_page_request(fx *f, size_t i, long page)
{
	gsmock_request *r = gsmock_request_at(f->mock, i);
	char want[64];

	assert_non_null(r);
	assert_string_equal(r->method, "GET");
	snprintf(want, sizeof(want), "/v1/messages?page=%ld&per_page=100",
	         page);
	assert_string_equal(r->target, want);
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	assert_null(gsmock_request_header(r, "Idempotency-Key"));
	assert_int_equal(r->body_len, 0);
	gsmock_request_free(r);
}

/* Walk every message; check ids and bodies are in order; return count. */
static size_t walk(fx *f, size_t max_items, size_t expect, size_t pages)
{
	gosend_iter *it = NULL;
	const gosend_message *m;
	gosend_error *err = NULL;
	char want[32];
	size_t n = 0, i;
	int rc;

	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, max_items, NULL, &err),
	        0);
	/* nothing is requested before the first _next */
	assert_int_equal(gsmock_request_count(f->mock), 0);
	while ((rc = gosend_messages_iter_next(&m, it, &err)) == 1) {
		n++;
		snprintf(want, sizeof(want), "wamid.MOCK%zu", n);
		assert_string_equal(m->id, want);
		snprintf(want, sizeof(want), "m%zu", n);
		assert_string_equal(m->text_body, want);
		assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_TEXT);
		assert_string_equal(m->to, TO);
		assert_null(m->meta);
	}
	assert_int_equal(rc, 0);
	assert_null(m);
	assert_null(err);
	assert_int_equal(n, expect);
	assert_int_equal(gosend_iter_count(it), expect);
	/* done stays done, without another request */
	assert_int_equal(gosend_messages_iter_next(&m, it, &err), 0);
	assert_int_equal(gsmock_request_count(f->mock), pages);
	for (i = 0; i < pages; i++)
		check_page_request(f, i, (long)i + 1);
	if (pages)
		assert_int_equal(gosend_iter_total_count(it),
		                 (long long)((list_fx *)f)->sent);
	gosend_iter_free(it);
	gsmock_clear_log(f->mock);
	return n;
}

static void test_messages_list__iterate_0_1_100_101_250(void **state)
{
	fx *f = *state;

	walk(f, 0, 0, 1);
	fill(f, 1);
	walk(f, 0, 1, 1);
	fill(f, 100);
	walk(f, 0, 100, 1);
	fill(f, 101);
	walk(f, 0, 101, 2);
	fill(f, 250);
	walk(f, 0, 250, 3);
	/* a cap stops early and fetches no more pages than needed */
	walk(f, 150, 150, 2);
	walk(f, 1, 1, 1);
	walk(f, 250, 250, 3);
	walk(f, 1000, 250, 3);
}

static char *page_body(size_t first, size_t n)
{
	char *s = malloc(64 * (n + 1) + 8);
	size_t len = 0, i;

	assert_non_null(s);
	s[len++] = '[';
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(s + len,
		                       "%s{\"id\":\"s%zu\",\"type\":\"text\"}",
		                       i ? "," : "", first + i);
	s[len++] = ']';
	s[len] = '\0';
	return s;
}

static void test_messages_list__iterate_without_total_count(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	const gosend_message *m;
	char *p1 = page_body(1, 100), *p2 = page_body(101, 100);
	size_t n = 0;

	/* full page, full page, empty page: stops at the empty page */
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, p1),
	                 0);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, p2),
	                 0);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, "[]"),
	                 0);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	while (gosend_messages_iter_next(&m, it, NULL) == 1)
		n++;
	assert_int_equal(n, 200);
	assert_null(m);
	assert_int_equal(gosend_iter_total_count(it), -1);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	check_page_request(f, 0, 1);
	check_page_request(f, 1, 2);
	check_page_request(f, 2, 3);
	gosend_iter_free(it);
	free(p2);
	gsmock_clear_log(f->mock);

	/* full page then a short one: stops without asking for page 3 */
	p2 = page_body(101, 30);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, p1),
	                 0);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, p2),
	                 0);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	n = 0;
	while (gosend_messages_iter_next(&m, it, NULL) == 1)
		n++;
	assert_int_equal(n, 130);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_iter_free(it);
	free(p1);
	free(p2);
}

static void test_messages_list__iterator_error_is_final(void **state)
{
	fx *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_iter *it = NULL;
	const gosend_message *m = NULL;
	gosend_error *err = NULL;
	size_t n = 0;
	int rc;

	fill(f, 120);
	o.max_retries = GOSEND_NO_RETRIES;
	assert_int_equal(gosend_messages_iter_new(&it, f->client, 0, &o, NULL),
	                 0);
	while (n < 100 && gosend_messages_iter_next(&m, it, NULL) == 1)
		n++;
	assert_int_equal(n, 100);
	assert_int_equal(
	        gsmock_queue_response(f->mock, 503, NULL, NULL,
	                              "{\"statusCode\":503,\"message\":"
	                              "\"busy\"}"),
	        0);
	rc = gosend_messages_iter_next(&m, it, &err);
	assert_int_equal(rc, GOSEND_ESERVER);
	assert_null(m);
	assert_int_equal(err->http_status, 503);
	assert_int_equal(err->attempts, 1);
	gosend_error_free(err);
	/* the iterator is finished: the same code again, nothing sent */
	rc = gosend_messages_iter_next(&m, it, &err);
	assert_int_equal(rc, GOSEND_ESERVER);
	assert_null(m);
	assert_string_equal(err->message,
	                    "iterator finished after an earlier failure: busy");
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	check_page_request(f, 0, 1);
	check_page_request(f, 1, 2);
	gosend_iter_free(it);
}

static void test_messages_list__iterator_bad_arguments(void **state)
{
	fx *f = *state;
	gosend_iter *it = (gosend_iter *)1;
	const gosend_message *m = NULL;
	gosend_error *err = NULL;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;

	assert_int_equal(gosend_messages_iter_new(&it, NULL, 0, NULL, &err),
	                 GOSEND_EINVAL);
	assert_null(it);
	assert_string_equal(err->field, "client");
	gosend_error_free(err);
	o.version = 99;
	assert_int_equal(gosend_messages_iter_new(&it, f->client, 0, &o, &err),
	                 GOSEND_EINVAL);
	gosend_error_free(err);
	assert_int_equal(
	        gosend_messages_iter_new(NULL, f->client, 0, NULL, &err),
	        GOSEND_EINVAL);
	gosend_error_free(err);
	assert_int_equal(gosend_messages_iter_next(&m, NULL, &err),
	                 GOSEND_EINVAL);
	gosend_error_free(err);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(gosend_messages_iter_next(NULL, it, &err),
	                 GOSEND_EINVAL);
	assert_string_equal(err->field, "out");
	gosend_error_free(err);
	gosend_iter_free(it);
	gosend_iter_free(NULL);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

static void test_messages_list__one_page(void **state)
{
	fx *f = *state;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_message_list *l = NULL;
	gosend_error *err = NULL;
	gsmock_request *r;
	char *q;

	fill(f, 12);
	p.page = 2;
	p.per_page = 5;
	assert_int_equal(gosend_messages_list(&l, f->client, &p, NULL, &err),
	                 0);
	r = gsmock_request_at(f->mock, 0);
	assert_string_equal(r->method, "GET");
	assert_string_equal(r->target, "/v1/messages?page=2&per_page=5");
	q = gsmock_request_query_param(r, "per_page");
	assert_string_equal(q, "5");
	free(q);
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	gsmock_request_free(r);
	assert_int_equal(l->count, 5);
	assert_string_equal(l->items[0]->id, "wamid.MOCK6");
	assert_string_equal(l->items[4]->id, "wamid.MOCK10");
	assert_string_equal(l->items[0]->text_body, "m6");
	assert_string_equal(l->items[0]->phone_number_id, PNID);
	/* the mock hands a message over at once: stored as "sent" */
	assert_string_equal(l->items[0]->status_name, "sent");
	assert_int_equal(l->items[0]->status, GOSEND_MESSAGE_STATUS_SENT);
	assert_non_null(l->items[0]->created_at);
	assert_int_equal(l->meta->total_count, 12);
	assert_int_equal(l->meta->page, 2);
	assert_int_equal(l->meta->per_page, 5);
	assert_int_equal(l->meta->http_status, 200);
	assert_non_null(strstr(l->raw_json, "wamid.MOCK6"));
	gosend_message_list_free(l);

	/* defaults: no query at all */
	assert_int_equal(gosend_messages_list(&l, f->client, NULL, NULL, &err),
	                 0);
	r = gsmock_request_at(f->mock, 1);
	assert_string_equal(r->target, "/v1/messages");
	gsmock_request_free(r);
	assert_int_equal(l->count, 12);
	assert_int_equal(l->meta->per_page, 20);
	gosend_message_list_free(l);

	/* a page past the end is empty */
	p.page = 9;
	assert_int_equal(gosend_messages_list(&l, f->client, &p, NULL, &err),
	                 0);
	assert_int_equal(l->count, 0);
	gosend_message_list_free(l);
}

static void test_messages_list__bad_page_params_send_nothing(void **state)
{
	fx *f = *state;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_message_list *l = (gosend_message_list *)1;
	gosend_error *err = NULL;

	p.per_page = 101;
	assert_int_equal(gosend_messages_list(&l, f->client, &p, NULL, &err),
	                 GOSEND_EINVAL);
	assert_null(l);
	assert_string_equal(err->field, "per_page");
	gosend_error_free(err);
	p.per_page = 0;
	p.page = -1;
	assert_int_equal(gosend_messages_list(&l, f->client, &p, NULL, &err),
	                 GOSEND_EINVAL);
	assert_string_equal(err->field, "page");
	gosend_error_free(err);
	assert_int_equal(
	        gosend_messages_list(NULL, f->client, NULL, NULL, &err),
	        GOSEND_EINVAL);
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

static void test_messages_list__get_one(void **state)
{
	fx *f = *state;
	gosend_message *m = NULL;
	gosend_error *err = NULL;
	gsmock_request *r;

	fill(f, 3);
	assert_int_equal(
	        gsmock_set_message_status(f->mock, "wamid.MOCK2", "delivered"),
	        0);
	assert_int_equal(
	        gosend_messages_get(&m, f->client, "wamid.MOCK2", NULL, &err),
	        0);
	r = gsmock_request_at(f->mock, 0);
	assert_string_equal(r->method, "GET");
	assert_string_equal(r->target, "/v1/messages/wamid.MOCK2");
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	gsmock_request_free(r);
	assert_int_equal(m->struct_version, 1);
	assert_string_equal(m->id, "wamid.MOCK2");
	assert_string_equal(m->phone_number_id, PNID);
	assert_string_equal(m->to, TO);
	assert_string_equal(m->from, PNID);
	assert_string_equal(m->type_name, "text");
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_TEXT);
	assert_string_equal(m->status_name, "delivered");
	assert_int_equal(m->status, GOSEND_MESSAGE_STATUS_DELIVERED);
	assert_non_null(m->created_at);
	ts_assert_json_eq(m->content_json, "{\"body\":\"m2\"}");
	assert_string_equal(m->text_body, "m2");
	assert_non_null(m->meta);
	assert_int_equal(m->meta->http_status, 200);
	assert_non_null(strstr(m->raw_json, "\"wamid.MOCK2\""));
	gosend_message_free(m);
}

static void test_messages_list__get_encodes_the_id(void **state)
{
	fx *f = *state;
	gosend_message *m = (gosend_message *)1;
	gosend_error *err = NULL;
	gsmock_request *r;

	assert_int_equal(
	        gosend_messages_get(&m, f->client, "a/b?c #d%", NULL, &err),
	        GOSEND_ENOTFOUND);
	assert_null(m);
	assert_int_equal(err->http_status, 404);
	assert_string_equal(err->message, "Message not found");
	gosend_error_free(err);
	r = gsmock_request_at(f->mock, 0);
	assert_string_equal(r->target, "/v1/messages/a%2Fb%3Fc%20%23d%25");
	assert_string_equal(r->query, "");
	gsmock_request_free(r);
	assert_int_equal(gsmock_request_count(f->mock), 1);
}

static void test_messages_list__get_bad_ids_send_nothing(void **state)
{
	static const char *const bad[] = {"", ".", ".."};
	fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gosend_message *m = (gosend_message *)1;
		gosend_error *err = NULL;
		assert_int_equal(
		        gosend_messages_get(&m, f->client, bad[i], NULL, &err),
		        GOSEND_EINVAL);
		assert_null(m);
		assert_string_equal(err->field, "message_id");
		gosend_error_free(err);
	}
	{
		gosend_message *m = (gosend_message *)1;
		gosend_error *err = NULL;
		assert_int_equal(
		        gosend_messages_get(&m, f->client, NULL, NULL, &err),
		        GOSEND_EINVAL);
		assert_string_equal(err->field, "message_id");
		gosend_error_free(err);
	}
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

static void test_messages_list__bad_bodies_are_protocol_errors(void **state)
{
	fx *f = *state;
	gosend_message *m = (gosend_message *)1;
	gosend_message_list *l = (gosend_message_list *)1;
	gosend_error *err = NULL;

	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"type\":\"text\"}"),
	                 0);
	assert_int_equal(gosend_messages_get(&m, f->client, "x", NULL, &err),
	                 GOSEND_EPROTOCOL);
	assert_null(m);
	assert_string_equal(err->field, "id");
	gosend_error_free(err);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"nope\":true}"),
	                 0);
	assert_int_equal(gosend_messages_list(&l, f->client, NULL, NULL, &err),
	                 GOSEND_EPROTOCOL);
	assert_null(l);
	gosend_error_free(err);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ts_teardown)
	const struct CMUnitTest tests[] = {
	        T(test_messages_list__iterate_0_1_100_101_250),
	        T(test_messages_list__iterate_without_total_count),
	        T(test_messages_list__iterator_error_is_final),
	        T(test_messages_list__iterator_bad_arguments),
	        T(test_messages_list__one_page),
	        T(test_messages_list__bad_page_params_send_nothing),
	        T(test_messages_list__get_one),
	        T(test_messages_list__get_encodes_the_id),
	        T(test_messages_list__get_bad_ids_send_nothing),
	        T(test_messages_list__bad_bodies_are_protocol_errors),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
