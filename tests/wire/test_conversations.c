/*
 * Conversations against the in-process mock: list with page parameters,
 * get, close (and the lenient reading of its answer), 404/403 mapping,
 * iterators across real and scripted pages, bad input that sends nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gsmock.h"
#include "gosendapi/conversations.h"
#include "gosendapi/gosendapi.h"

#define KEY "gsk_test_conversations0123"

typedef ts_fx fixture;

/* This file's fixture: the shared one first, and the seed file made for
 * it (removed at teardown). */
typedef struct conv_fx {
	ts_fx base;
	char seed[64];
} conv_fx;

static conv_fx *start(const char *seed_file)
{
	gsmock_options mo;
	conv_fx *c;

	memset(&mo, 0, sizeof(mo));
	mo.seed_file = seed_file;
	c = (conv_fx *)ts_fx_new(sizeof(*c), KEY, &mo);
	c->base.client = ts_fx_client(&c->base, NULL, TS_TIME);
	return c;
}

static int setup(void **state)
{
	*state = start(NULL);
	return 0;
}

/* A mock seeded with 230 conversations "c1".."c230". */
static int setup_many(void **state)
{
	char path[] = "/tmp/gosend-conv-seed-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;
	conv_fx *f;
	int i;

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs("{\"conversations\":[", fp);
	for (i = 1; i <= 230; i++)
		fprintf(fp, "%s{\"id\":\"c%d\",\"status\":\"active\"}",
		        i > 1 ? "," : "", i);
	fputs("]}", fp);
	assert_int_equal(fclose(fp), 0);
	f = start(path);
	(void)snprintf(f->seed, sizeof(f->seed), "%s", path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	conv_fx *f = *state;

	if (f->seed[0])
		(void)unlink(f->seed);
	return ts_teardown(state);
}

static gsmock_request *request(fixture *f, size_t i)
{
	gsmock_request *r;

	assert_true(i < gsmock_request_count(f->mock));
	r = gsmock_request_at(f->mock, i);
	assert_non_null(r);
	return r;
}

static void assert_request(fixture *f, size_t i, const char *method,
                           const char *target, const char *json)
{
	gsmock_request *r = request(f, i);

	assert_string_equal(r->method, method);
	assert_string_equal(r->target, target);
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	if (json) {
		assert_string_equal(gsmock_request_header(r, "Content-Type"),
		                    "application/json");
		ts_assert_json_eq(r->body, json);
	} else {
		assert_int_equal(r->body_len, 0);
	}
	gsmock_request_free(r);
}

static void assert_refused(fixture *f, size_t before, int rc, gosend_error **ep,
                           const char *field)
{
	gosend_error *e = *ep;

	*ep = NULL;
	assert_int_equal(rc, GOSEND_EINVAL);
	assert_non_null(e);
	assert_int_equal(e->attempts, 0);
	assert_string_equal(e->field, field);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), before);
}

static void test_conversations__list(void **state)
{
	fixture *f = *state;
	gosend_conversation_list *l = NULL;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_error *e = NULL;
	const gosend_conversation *c;

	assert_int_equal(
	        gosend_conversations_list(&l, f->client, NULL, NULL, &e), 0);
	assert_request(f, 0, "GET", "/v1/conversations", NULL);
	assert_int_equal(l->count, 20);
	assert_int_equal(l->meta->total_count, 25);
	assert_int_equal(l->meta->per_page, 20);
	c = l->items[0];
	assert_string_equal(c->id, "1");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ACTIVE);
	assert_string_equal(c->phone_number_id, "555123456789");
	assert_string_equal(c->contact_wa_id, "5491140123401");
	assert_string_equal(c->contact_name, "Contact 1");
	assert_string_equal(c->category, "service");
	assert_string_equal(c->opened_at, "2026-01-15T10:00:00Z");
	assert_string_equal(c->expires_at, "2026-01-16T10:00:00Z");
	assert_null(c->closed_at);
	assert_string_equal(c->customer_id, "1");
	assert_string_equal(c->tenant_id, "42");
	c = l->items[1];
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_INACTIVE);
	c = l->items[2];
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_string_equal(c->closed_at, c->expires_at);
	gosend_conversation_list_free(l);

	p.page = 2;
	assert_int_equal(gosend_conversations_list(&l, f->client, &p, NULL, &e),
	                 0);
	assert_request(f, 1, "GET", "/v1/conversations?page=2", NULL);
	assert_int_equal(l->count, 5);
	assert_string_equal(l->items[4]->id, "25");
	assert_int_equal(l->meta->page, 2);
	gosend_conversation_list_free(l);
}

static void test_conversations__get(void **state)
{
	fixture *f = *state;
	gosend_conversation *c = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gosend_conversations_get(&c, f->client, "3", NULL, &e),
	                 0);
	assert_request(f, 0, "GET", "/v1/conversations/3", NULL);
	assert_string_equal(c->id, "3");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_string_equal(c->category, "marketing");
	assert_string_equal(c->phone_number_id, "555987654321");
	assert_int_equal(c->meta->http_status, 200);
	gosend_conversation_free(c);

	assert_int_equal(
	        gosend_conversations_get(&c, f->client, "a/b?c", NULL, &e),
	        GOSEND_ENOTFOUND);
	assert_null(c);
	assert_request(f, 1, "GET", "/v1/conversations/a%2Fb%3Fc", NULL);
	assert_int_equal(e->http_status, 404);
	assert_string_equal(e->message, "Conversation not found");
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 403, NULL, NULL,
	                         "{\"statusCode\":403,\"message\":\"Forbidden "
	                         "resource\",\"error\":\"Forbidden\"}"),
	                 0);
	assert_int_equal(gosend_conversations_get(&c, f->client, "1", NULL, &e),
	                 GOSEND_EFORBIDDEN);
	assert_null(c);
	assert_int_equal(e->http_status, 403);
	gosend_error_free(e);
}

static void test_conversations__close(void **state)
{
	fixture *f = *state;
	gosend_conversation *c = NULL;
	gosend_error *e = NULL;

	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "1", NULL, &e), 0);
	assert_null(e);
	assert_request(f, 0, "POST", "/v1/conversations/1/close", "{}");
	assert_non_null(c);
	assert_string_equal(c->id, "1");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_non_null(c->closed_at);
	assert_int_equal(c->meta->http_status, 200);
	assert_non_null(c->meta->request_id);
	assert_non_null(strstr(c->raw_json, "\"ended\""));
	gosend_conversation_free(c);

	/* the change is visible */
	assert_int_equal(gosend_conversations_get(&c, f->client, "1", NULL, &e),
	                 0);
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	gosend_conversation_free(c);

	/* out may be NULL */
	assert_int_equal(
	        gosend_conversations_close(NULL, f->client, "2", NULL, &e), 0);
	assert_request(f, 2, "POST", "/v1/conversations/2/close", "{}");

	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "a/b?c", NULL, &e),
	        GOSEND_ENOTFOUND);
	assert_null(c);
	assert_request(f, 3, "POST", "/v1/conversations/a%2Fb%3Fc/close", "{}");
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(f->mock, 403, NULL, NULL,
	                                       "{\"statusCode\":403,"
	                                       "\"message\":\"no\"}"),
	                 0);
	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "1", NULL, &e),
	        GOSEND_EFORBIDDEN);
	assert_null(c);
	gosend_error_free(e);
}

static void test_conversations__close_lenient_answers(void **state)
{
	fixture *f = *state;
	gosend_conversation *c = (gosend_conversation *)1;
	gosend_error *e = NULL;

	assert_int_equal(gsmock_queue_response(f->mock, 204, NULL, NULL, NULL),
	                 0);
	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "1", NULL, &e), 0);
	assert_null(c);
	assert_null(e);

	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"success\":true}"),
	                 0);
	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "1", NULL, &e), 0);
	assert_null(c);

	assert_int_equal(
	        gsmock_queue_response(f->mock, 200, NULL, "text/plain", "OK"),
	        0);
	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "1", NULL, &e), 0);
	assert_null(c);

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 201, "X-Request-Id: req_close", NULL,
	                         "{\"conversation\":{\"id\":\"1\","
	                         "\"status\":\"ended\"},\"ok\":true}"),
	                 0);
	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "1", NULL, &e), 0);
	assert_non_null(c);
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_int_equal(c->meta->http_status, 201);
	assert_string_equal(c->meta->request_id, "req_close");
	/* raw_json is the whole answer, as for every call that took effect */
	ts_assert_json_eq(c->raw_json, "{\"conversation\":{\"id\":\"1\","
	                               "\"status\":\"ended\"},\"ok\":true}");
	gosend_conversation_free(c);
	assert_int_equal(gsmock_request_count(f->mock), 4);
}

static void test_conversations__iterator_one_page(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_conversation *c;
	size_t n = 0;
	int rc;

	assert_int_equal(
	        gosend_conversations_iter_new(&it, f->client, 0, NULL, &e), 0);
	while ((rc = gosend_conversations_iter_next(&c, it, &e)) == 1) {
		char id[8];
		n++;
		(void)snprintf(id, sizeof(id), "%zu", n);
		assert_string_equal(c->id, id);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 25);
	assert_int_equal(gosend_iter_total_count(it), 25);
	gosend_iter_free(it);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_request(f, 0, "GET", "/v1/conversations?page=1&per_page=100",
	               NULL);
}

static void test_conversations__iterator_across_pages(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_conversation *c;
	size_t n = 0;
	int rc;

	assert_int_equal(
	        gosend_conversations_iter_new(&it, f->client, 0, NULL, &e), 0);
	while ((rc = gosend_conversations_iter_next(&c, it, &e)) == 1) {
		char id[8];
		n++;
		(void)snprintf(id, sizeof(id), "c%zu", n);
		assert_string_equal(c->id, id);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 230);
	assert_int_equal(gosend_iter_count(it), 230);
	assert_int_equal(gosend_iter_total_count(it), 230);
	gosend_iter_free(it);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	assert_request(f, 0, "GET", "/v1/conversations?page=1&per_page=100",
	               NULL);
	assert_request(f, 1, "GET", "/v1/conversations?page=2&per_page=100",
	               NULL);
	assert_request(f, 2, "GET", "/v1/conversations?page=3&per_page=100",
	               NULL);

	/* a cap stops early and fetches no more pages than needed */
	gsmock_clear_log(f->mock);
	assert_int_equal(
	        gosend_conversations_iter_new(&it, f->client, 150, NULL, &e),
	        0);
	n = 0;
	while ((rc = gosend_conversations_iter_next(&c, it, &e)) == 1)
		n++;
	assert_int_equal(rc, 0);
	assert_int_equal(n, 150);
	gosend_iter_free(it);
	assert_int_equal(gsmock_request_count(f->mock), 2);

	/* per-call options apply to every page */
	{
		gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
		const char *hdr[] = {"X-Trace: conv-walk"};
		gsmock_request *r;

		o.headers = hdr;
		o.headers_count = 1;
		gsmock_clear_log(f->mock);
		assert_int_equal(gosend_conversations_iter_new(&it, f->client,
		                                               0, &o, &e),
		                 0);
		while (gosend_conversations_iter_next(&c, it, &e) == 1)
			;
		gosend_iter_free(it);
		assert_int_equal(gsmock_request_count(f->mock), 3);
		r = request(f, 2);
		assert_string_equal(gsmock_request_header(r, "X-Trace"),
		                    "conv-walk");
		gsmock_request_free(r);
	}
}

static void test_conversations__bad_input_sends_nothing(void **state)
{
	fixture *f = *state;
	gosend_conversation *c = (gosend_conversation *)1;
	gosend_conversation_list *l = (gosend_conversation_list *)1;
	gosend_iter *it = (gosend_iter *)1;
	const gosend_conversation *item = NULL;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_error *e = NULL;

	assert_refused(f, 0,
	               gosend_conversations_get(&c, f->client, NULL, NULL, &e),
	               &e, "conversation_id");
	assert_null(c);
	assert_refused(f, 0,
	               gosend_conversations_get(&c, f->client, "", NULL, &e),
	               &e, "conversation_id");
	assert_refused(
	        f, 0, gosend_conversations_close(&c, f->client, "..", NULL, &e),
	        &e, "conversation_id");
	assert_null(c);
	assert_refused(
	        f, 0,
	        gosend_conversations_close(NULL, f->client, ".", NULL, &e), &e,
	        "conversation_id");
	assert_refused(f, 0,
	               gosend_conversations_close(NULL, NULL, "1", NULL, &e),
	               &e, "client");
	assert_refused(f, 0,
	               gosend_conversations_get(NULL, f->client, "1", NULL, &e),
	               &e, "out");
	p.per_page = -5;
	assert_refused(f, 0,
	               gosend_conversations_list(&l, f->client, &p, NULL, &e),
	               &e, "per_page");
	assert_null(l);
	assert_refused(f, 0,
	               gosend_conversations_iter_new(&it, NULL, 0, NULL, &e),
	               &e, "client");
	assert_null(it);
	assert_refused(f, 0, gosend_conversations_iter_next(&item, NULL, &e),
	               &e, "iter");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_conversations__list, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_conversations__get, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_conversations__close,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_conversations__close_lenient_answers, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_conversations__iterator_one_page, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_conversations__iterator_across_pages, setup_many,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_conversations__bad_input_sends_nothing, setup,
	                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
