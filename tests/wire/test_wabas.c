/*
 * WABAs and phone numbers against the in-process mock: what goes over the
 * wire (method, encoded path, query, headers), decoded values, 404/403
 * mapping, iterators, and bad input that sends nothing.
 */
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/phone_numbers.h"
#include "gosendapi/wabas.h"

#define KEY "gsk_test_wabas0123456789"

typedef ts_fx fixture;

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_TIME);
}

/* The i-th recorded request; free with gsmock_request_free(). */
static gsmock_request *request(fixture *f, size_t i)
{
	gsmock_request *r;

	assert_true(i < gsmock_request_count(f->mock));
	r = gsmock_request_at(f->mock, i);
	assert_non_null(r);
	return r;
}

/* A GET with the usual headers and no body. */
static void assert_get(fixture *f, size_t i, const char *target)
{
	gsmock_request *r = request(f, i);

	assert_string_equal(r->method, "GET");
	assert_string_equal(r->target, target);
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	assert_string_equal(gsmock_request_header(r, "Accept"),
	                    "application/json");
	assert_null(gsmock_request_header(r, "Content-Type"));
	assert_null(gsmock_request_header(r, "Idempotency-Key"));
	assert_int_equal(r->body_len, 0);
	gsmock_request_free(r);
}

static void assert_query(fixture *f, size_t i, const char *name,
                         const char *value)
{
	gsmock_request *r = request(f, i);
	char *v = gsmock_request_query_param(r, name);

	if (value) {
		assert_non_null(v);
		assert_string_equal(v, value);
	} else {
		assert_null(v);
	}
	free(v);
	gsmock_request_free(r);
}

/* rc is EINVAL naming field, and nothing reached the server. */
static void assert_refused(fixture *f, size_t before, int rc, gosend_error **ep,
                           const char *field)
{
	gosend_error *e = *ep;

	*ep = NULL;
	assert_int_equal(rc, GOSEND_EINVAL);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_EINVAL);
	assert_int_equal(e->http_status, 0);
	assert_int_equal(e->attempts, 0);
	assert_string_equal(e->field, field);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), before);
}

static void test_wabas__list_on_the_wire(void **state)
{
	fixture *f = *state;
	gosend_waba_list *l = NULL;
	gosend_error *e = NULL;
	const gosend_waba *w;

	assert_int_equal(gosend_wabas_list(&l, f->client, NULL, NULL, &e), 0);
	assert_null(e);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_get(f, 0, "/v1/wabas");
	assert_int_equal(l->count, 2);
	assert_int_equal(l->meta->http_status, 200);
	assert_int_equal(l->meta->total_count, 2);
	assert_int_equal(l->meta->page, 1);
	assert_int_equal(l->meta->per_page, 20);
	assert_non_null(l->meta->request_id);
	w = l->items[0];
	assert_string_equal(w->id, "1");
	assert_string_equal(w->customer_id, "1");
	assert_string_equal(w->waba_id, "102290129340398");
	assert_string_equal(w->business_id, "104996122399160");
	assert_string_equal(w->display_name, "Mock Clinic");
	assert_int_equal(w->status, GOSEND_WABA_STATUS_ACTIVE);
	assert_string_equal(w->status_name, "active");
	assert_string_equal(w->external_reference, "clinic_001");
	assert_true(w->meta == l->meta);
	w = l->items[1];
	assert_string_equal(w->id, "2");
	assert_int_equal(w->status, GOSEND_WABA_STATUS_PENDING);
	assert_null(w->external_reference);
	ts_assert_json_eq(l->raw_json, "[{\"id\":\"1\",\"customer_id\":\"1\","
	                               "\"waba_id\":\"102290129340398\","
	                               "\"business_id\":\"104996122399160\","
	                               "\"display_name\":\"Mock Clinic\","
	                               "\"status\":\"active\","
	                               "\"external_reference\":\"clinic_001\"},"
	                               "{\"id\":\"2\",\"customer_id\":\"1\","
	                               "\"waba_id\":\"109876543210987\","
	                               "\"business_id\":\"104996122399160\","
	                               "\"display_name\":\"Mock Store\","
	                               "\"status\":\"pending\","
	                               "\"external_reference\":null}]");
	gosend_waba_list_free(l);
}

static void test_wabas__list_page_params(void **state)
{
	fixture *f = *state;
	gosend_waba_list *l = NULL;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;

	p.page = 2;
	p.per_page = 1;
	assert_int_equal(gosend_wabas_list(&l, f->client, &p, NULL, NULL), 0);
	assert_get(f, 0, "/v1/wabas?page=2&per_page=1");
	assert_query(f, 0, "page", "2");
	assert_query(f, 0, "per_page", "1");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0]->id, "2");
	assert_int_equal(l->meta->page, 2);
	assert_int_equal(l->meta->per_page, 1);
	assert_int_equal(l->meta->total_count, 2);
	gosend_waba_list_free(l);

	/* only per_page */
	p.page = 0;
	p.per_page = 100;
	assert_int_equal(gosend_wabas_list(&l, f->client, &p, NULL, NULL), 0);
	assert_get(f, 1, "/v1/wabas?per_page=100");
	gosend_waba_list_free(l);

	/* past the end: an empty page */
	p.page = 9;
	p.per_page = 0;
	assert_int_equal(gosend_wabas_list(&l, f->client, &p, NULL, NULL), 0);
	assert_get(f, 2, "/v1/wabas?page=9");
	assert_int_equal(l->count, 0);
	assert_non_null(l->items);
	gosend_waba_list_free(l);
}

static void test_wabas__get(void **state)
{
	fixture *f = *state;
	gosend_waba *w = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gosend_wabas_get(&w, f->client, "1", NULL, &e), 0);
	assert_get(f, 0, "/v1/wabas/1");
	assert_string_equal(w->id, "1");
	assert_string_equal(w->display_name, "Mock Clinic");
	assert_int_equal(w->status, GOSEND_WABA_STATUS_ACTIVE);
	assert_int_equal(w->meta->http_status, 200);
	assert_int_equal(w->meta->attempts, 1);
	assert_non_null(strstr(w->raw_json, "\"clinic_001\""));
	gosend_waba_free(w);

	/* Meta's id works with the mock too */
	assert_int_equal(
	        gosend_wabas_get(&w, f->client, "109876543210987", NULL, &e),
	        0);
	assert_get(f, 1, "/v1/wabas/109876543210987");
	assert_string_equal(w->id, "2");
	gosend_waba_free(w);
}

static void test_wabas__not_found_with_encoded_id(void **state)
{
	fixture *f = *state;
	gosend_waba *w = (gosend_waba *)1;
	gosend_phone_number_list *pl = (gosend_phone_number_list *)1;
	gosend_error *e = NULL;

	assert_int_equal(gosend_wabas_get(&w, f->client, "a/b?c", NULL, &e),
	                 GOSEND_ENOTFOUND);
	assert_null(w);
	assert_get(f, 0, "/v1/wabas/a%2Fb%3Fc");
	assert_int_equal(e->code, GOSEND_ENOTFOUND);
	assert_int_equal(e->http_status, 404);
	assert_string_equal(e->message, "WABA not found");
	assert_int_equal(e->attempts, 1);
	gosend_error_free(e);

	assert_int_equal(gosend_phone_numbers_list(&pl, f->client, "9 9#%",
	                                           NULL, NULL, &e),
	                 GOSEND_ENOTFOUND);
	assert_null(pl);
	assert_get(f, 1, "/v1/wabas/9%209%23%25/phone-numbers");
	assert_int_equal(e->http_status, 404);
	gosend_error_free(e);
}

static void test_wabas__forbidden(void **state)
{
	fixture *f = *state;
	gosend_waba *w = (gosend_waba *)1;
	gosend_waba_list *l = (gosend_waba_list *)1;
	gosend_error *e = NULL;

	assert_int_equal(
	        gsmock_queue_response(
	                f->mock, 403, NULL, NULL,
	                "{\"statusCode\":403,\"message\":\"WABA belongs to "
	                "another project\",\"error\":\"Forbidden\"}"),
	        0);
	assert_int_equal(gosend_wabas_get(&w, f->client, "2", NULL, &e),
	                 GOSEND_EFORBIDDEN);
	assert_null(w);
	assert_get(f, 0, "/v1/wabas/2");
	assert_int_equal(e->http_status, 403);
	assert_string_equal(e->message, "WABA belongs to another project");
	assert_string_equal(e->error, "Forbidden");
	assert_int_equal(e->attempts, 1);
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(f->mock, 403, NULL, NULL,
	                                       "{\"statusCode\":403,"
	                                       "\"message\":\"no\"}"),
	                 0);
	assert_int_equal(gosend_wabas_list(&l, f->client, NULL, NULL, &e),
	                 GOSEND_EFORBIDDEN);
	assert_null(l);
	gosend_error_free(e);
}

static void test_wabas__phone_numbers(void **state)
{
	fixture *f = *state;
	gosend_phone_number_list *l = NULL;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_error *e = NULL;
	const gosend_phone_number *n;

	assert_int_equal(
	        gosend_phone_numbers_list(&l, f->client, "1", NULL, NULL, &e),
	        0);
	assert_get(f, 0, "/v1/wabas/1/phone-numbers");
	assert_int_equal(l->count, 2);
	assert_int_equal(l->meta->total_count, 2);
	n = l->items[0];
	assert_string_equal(n->id, "1");
	assert_string_equal(n->waba_id, "1");
	assert_string_equal(n->phone_number_id, "555123456789");
	assert_string_equal(n->display_phone_number, "+54 11 5555 1234");
	assert_string_equal(n->display_phone_number_normalized,
	                    "5491155551234");
	assert_string_equal(n->display_name, "Mock Clinic");
	assert_string_equal(n->verified_name, "Mock Clinic S.A.");
	assert_int_equal(n->quality_rating, GOSEND_QUALITY_RATING_GREEN);
	assert_string_equal(n->throughput_tier, "Standard");
	assert_int_equal(n->connection_type, GOSEND_CONNECTION_TYPE_DEDICATED);
	assert_int_equal(n->is_coexistence, 0);
	assert_int_equal(n->is_official_business_account, 1);
	assert_int_equal(n->inbound_processing_enabled, 1);
	assert_int_equal(n->calls_enabled, 0);
	assert_int_equal(n->status, GOSEND_PHONE_NUMBER_STATUS_ACTIVE);
	n = l->items[1];
	assert_string_equal(n->phone_number_id, "555123456790");
	assert_int_equal(n->quality_rating, GOSEND_QUALITY_RATING_YELLOW);
	assert_int_equal(n->connection_type,
	                 GOSEND_CONNECTION_TYPE_COEXISTENCE);
	assert_int_equal(n->is_coexistence, 1);
	assert_int_equal(n->calls_enabled, 1);
	gosend_phone_number_list_free(l);

	p.per_page = 1;
	assert_int_equal(
	        gosend_phone_numbers_list(&l, f->client, "2", &p, NULL, &e), 0);
	assert_get(f, 1, "/v1/wabas/2/phone-numbers?per_page=1");
	assert_int_equal(l->count, 1);
	assert_int_equal(l->items[0]->quality_rating,
	                 GOSEND_QUALITY_RATING_UNKNOWN);
	assert_string_equal(l->items[0]->quality_rating_name, "unknown");
	assert_int_equal(l->items[0]->status,
	                 GOSEND_PHONE_NUMBER_STATUS_PENDING);
	assert_int_equal(l->items[0]->inbound_processing_enabled, 0);
	gosend_phone_number_list_free(l);
}

static void test_wabas__iterators(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL, *pit = NULL;
	gosend_error *e = NULL;
	const gosend_waba *w;
	const gosend_phone_number *n;
	size_t wabas = 0, phones = 0;
	int rc;

	assert_int_equal(gosend_wabas_iter_new(&it, f->client, 0, NULL, &e), 0);
	assert_int_equal(gsmock_request_count(f->mock), 0);
	while ((rc = gosend_wabas_iter_next(&w, it, &e)) == 1) {
		assert_int_equal(gosend_phone_numbers_iter_new(
		                         &pit, f->client, w->id, 0, NULL, &e),
		                 0);
		while ((rc = gosend_phone_numbers_iter_next(&n, pit, &e)) == 1)
			phones++;
		assert_int_equal(rc, 0);
		assert_null(n);
		gosend_iter_free(pit);
		wabas++;
	}
	assert_int_equal(rc, 0);
	assert_null(w);
	assert_int_equal(gosend_iter_count(it), 2);
	assert_int_equal(gosend_iter_total_count(it), 2);
	/* done stays done without another request */
	assert_int_equal(gosend_wabas_iter_next(&w, it, &e), 0);
	gosend_iter_free(it);
	assert_int_equal(wabas, 2);
	assert_int_equal(phones, 3);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	assert_get(f, 0, "/v1/wabas?page=1&per_page=100");
	assert_get(f, 1, "/v1/wabas/1/phone-numbers?page=1&per_page=100");
	assert_get(f, 2, "/v1/wabas/2/phone-numbers?page=1&per_page=100");

	/* max_items caps the walk */
	assert_int_equal(gosend_wabas_iter_new(&it, f->client, 1, NULL, &e), 0);
	assert_int_equal(gosend_wabas_iter_next(&w, it, &e), 1);
	assert_string_equal(w->id, "1");
	assert_int_equal(gosend_wabas_iter_next(&w, it, &e), 0);
	gosend_iter_free(it);
}

static void test_wabas__iterator_across_scripted_pages(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_waba *w;
	char *page;
	size_t i, n = 0;
	int rc;

	/* page 1: 100 items, no X-Total-Count; page 2: 3 items (short) */
	page = malloc(100 * 32 + 8);
	assert_non_null(page);
	strcpy(page, "[");
	for (i = 0; i < 100; i++)
		(void)sprintf(page + strlen(page), "%s{\"id\":\"w%zu\"}",
		              i ? "," : "", i);
	strcat(page, "]");
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, page),
	                 0);
	free(page);
	assert_int_equal(
	        gsmock_queue_response(f->mock, 200, NULL, NULL,
	                              "[{\"id\":\"w100\",\"status\":\"x\"},"
	                              "{\"id\":101},{\"id\":\"w102\"}]"),
	        0);
	assert_int_equal(gosend_wabas_iter_new(&it, f->client, 0, NULL, &e), 0);
	while ((rc = gosend_wabas_iter_next(&w, it, &e)) == 1) {
		if (n == 101)
			assert_string_equal(w->id, "101");
		if (n == 100)
			assert_int_equal(w->status, GOSEND_WABA_STATUS_UNKNOWN);
		n++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 103);
	assert_int_equal(gosend_iter_total_count(it), -1);
	gosend_iter_free(it);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	assert_get(f, 0, "/v1/wabas?page=1&per_page=100");
	assert_get(f, 1, "/v1/wabas?page=2&per_page=100");
}

static void test_wabas__protocol_errors(void **state)
{
	fixture *f = *state;
	gosend_waba *w = (gosend_waba *)1;
	gosend_waba_list *l = (gosend_waba_list *)1;
	gosend_error *e = NULL;

	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"id\":\"1\"}"),
	                 0);
	assert_int_equal(gosend_wabas_list(&l, f->client, NULL, NULL, &e),
	                 GOSEND_EPROTOCOL);
	assert_null(l);
	assert_int_equal(e->http_status, 200);
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"status\":\"active\"}"),
	                 0);
	assert_int_equal(gosend_wabas_get(&w, f->client, "1", NULL, &e),
	                 GOSEND_EPROTOCOL);
	assert_null(w);
	assert_string_equal(e->field, "id");
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"id\":\"1\",\"status\":"
	                                       "\"on_hold\"}"),
	                 0);
	assert_int_equal(gosend_wabas_get(&w, f->client, "1", NULL, &e), 0);
	assert_int_equal(w->status, GOSEND_WABA_STATUS_UNKNOWN);
	assert_string_equal(w->status_name, "on_hold");
	gosend_waba_free(w);
}

/* Reads decode each field on its own: a field of another type is unset,
 * a bad item does not fail its page (and keeps the page's size, so an
 * iterator still sees a full page and asks for the next). */
static void test_wabas__tolerant_reads(void **state)
{
	fixture *f = *state;
	gosend_waba_list *l = NULL;
	gosend_phone_number_list *pl = NULL;
	gosend_waba *w = NULL;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_waba *iw;
	char *page;
	size_t i, n = 0;
	int rc;

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 200, NULL, NULL,
	                         "{\"data\":[{\"id\":\"1\",\"display_name\":"
	                         "42,\"status\":\"active\"},{\"id\":\"2\","
	                         "\"display_name\":\"Two\"}]}"),
	                 0);
	assert_int_equal(gosend_wabas_list(&l, f->client, NULL, NULL, &e), 0);
	assert_null(e);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[0]->id, "1");
	assert_null(l->items[0]->display_name);
	assert_int_equal(l->items[0]->status, GOSEND_WABA_STATUS_ACTIVE);
	assert_string_equal(l->items[1]->display_name, "Two");
	gosend_waba_list_free(l);

	assert_int_equal(
	        gsmock_queue_response(f->mock, 200, NULL, NULL,
	                              "[{\"id\":\"1\",\"calls_enabled\":"
	                              "\"yes\",\"quality_rating\":1},7]"),
	        0);
	assert_int_equal(
	        gosend_phone_numbers_list(&pl, f->client, "1", NULL, NULL, &e),
	        0);
	assert_int_equal(pl->count, 2);
	assert_int_equal(pl->items[0]->calls_enabled, -1);
	assert_null(pl->items[0]->quality_rating_name);
	assert_null(pl->items[1]->id);
	assert_string_equal(pl->items[1]->raw_json, "7");
	gosend_phone_number_list_free(pl);

	/* one WABA: an optional field of another type is unset; no usable id
	 * is still no WABA */
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"id\":\"1\",\"waba_id\":"
	                                       "true,\"status\":\"active\"}"),
	                 0);
	assert_int_equal(gosend_wabas_get(&w, f->client, "1", NULL, &e), 0);
	assert_null(w->waba_id);
	assert_int_equal(w->status, GOSEND_WABA_STATUS_ACTIVE);
	gosend_waba_free(w);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"id\":{\"v\":1}}"),
	                 0);
	assert_int_equal(gosend_wabas_get(&w, f->client, "1", NULL, &e),
	                 GOSEND_EPROTOCOL);
	assert_null(w);
	assert_string_equal(e->field, "id");
	assert_non_null(e->body);
	gosend_error_free(e);
	e = NULL;

	/* a full page of 100 elements, two of them bad: 100 items, then the
	 * next page is fetched */
	page = malloc(100 * 32 + 8);
	assert_non_null(page);
	strcpy(page, "[null,\"x\"");
	for (i = 2; i < 100; i++)
		(void)sprintf(page + strlen(page), ",{\"id\":\"w%zu\"}", i);
	strcat(page, "]");
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL, page),
	                 0);
	free(page);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "[{\"id\":\"w100\"}]"),
	                 0);
	assert_int_equal(gosend_wabas_iter_new(&it, f->client, 0, NULL, &e), 0);
	while ((rc = gosend_wabas_iter_next(&iw, it, &e)) == 1) {
		if (n < 2)
			assert_null(iw->id);
		else
			assert_non_null(iw->id);
		n++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 101);
	gosend_iter_free(it);
	assert_int_equal(gsmock_request_count(f->mock), 6);
}

static void test_wabas__bad_input_sends_nothing(void **state)
{
	fixture *f = *state;
	gosend_waba *w = (gosend_waba *)1;
	gosend_waba_list *l = (gosend_waba_list *)1;
	gosend_phone_number_list *pl = (gosend_phone_number_list *)1;
	gosend_iter *it = (gosend_iter *)1;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	const char *hdr[] = {"X-Evil: a\r\nX-Injected: b"};
	gosend_error *e = NULL;

	assert_refused(f, 0, gosend_wabas_get(&w, f->client, NULL, NULL, &e),
	               &e, "waba_id");
	assert_null(w);
	assert_refused(f, 0, gosend_wabas_get(&w, f->client, "", NULL, &e), &e,
	               "waba_id");
	assert_refused(f, 0, gosend_wabas_get(&w, f->client, ".", NULL, &e), &e,
	               "waba_id");
	assert_refused(f, 0, gosend_wabas_get(&w, f->client, "..", NULL, &e),
	               &e, "waba_id");
	assert_refused(f, 0, gosend_wabas_get(&w, NULL, "1", NULL, &e), &e,
	               "client");
	assert_refused(f, 0, gosend_wabas_get(NULL, f->client, "1", NULL, &e),
	               &e, "out");
	assert_refused(
	        f, 0,
	        gosend_phone_numbers_list(&pl, f->client, "..", NULL, NULL, &e),
	        &e, "waba_id");
	assert_null(pl);
	assert_refused(
	        f, 0,
	        gosend_phone_numbers_iter_new(&it, f->client, "", 0, NULL, &e),
	        &e, "waba_id");
	assert_null(it);
	assert_refused(f, 0,
	               gosend_wabas_iter_new(NULL, f->client, 0, NULL, &e), &e,
	               "out");
	assert_refused(f, 0, gosend_wabas_iter_next(NULL, NULL, &e), &e, "out");

	p.per_page = 101;
	assert_refused(f, 0, gosend_wabas_list(&l, f->client, &p, NULL, &e), &e,
	               "per_page");
	assert_null(l);
	p.per_page = 0;
	p.page = -1;
	assert_refused(f, 0, gosend_wabas_list(&l, f->client, &p, NULL, &e), &e,
	               "page");
	p.page = 1;
	p.version = 0;
	assert_refused(f, 0, gosend_wabas_list(&l, f->client, &p, NULL, &e), &e,
	               "params.version");

	o.headers = hdr;
	o.headers_count = 1;
	assert_refused(f, 0, gosend_wabas_list(&l, f->client, NULL, &o, &e), &e,
	               "headers");
	assert_refused(f, 0, gosend_wabas_iter_new(&it, f->client, 0, &o, &e),
	               &e, "headers");

	/* err may be NULL */
	assert_int_equal(gosend_wabas_get(&w, f->client, "", NULL, NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_wabas__list_on_the_wire,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_wabas__list_page_params,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_wabas__get, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_wabas__not_found_with_encoded_id, setup,
	                ts_teardown),
	        cmocka_unit_test_setup_teardown(test_wabas__forbidden, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(test_wabas__phone_numbers,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_wabas__iterators, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_wabas__iterator_across_scripted_pages, setup,
	                ts_teardown),
	        cmocka_unit_test_setup_teardown(test_wabas__protocol_errors,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_wabas__tolerant_reads,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_wabas__bad_input_sends_nothing, setup,
	                ts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
