/*
 * Every iteration ends: the messages iterator against scripted servers that
 * ignore `page`, send a lying or shrinking X-Total-Count, never run out of
 * pages, or fail a page; failures are sticky and send nothing more. Each
 * test checks the result, the exact code and the requests the mock saw.
 */
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/messages.h"

#define KEY "gsk_test_iter_bounds"

typedef ts_fx fx; /* f->client: the default retries (2) */

/* This file's fixture: the shared one first, and a second client. */
typedef struct bounds_fx {
	ts_fx base;
	gosend_client *no_retry; /* max_retries = GOSEND_NO_RETRIES */
} bounds_fx;

static gosend_client *no_retry(fx *f)
{
	return ((bounds_fx *)f)->no_retry;
}

static gosend_client *client_for(fx *f, int max_retries)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;

	o.max_retries = max_retries;
	return ts_fx_client(f, &o, TS_TIME);
}

static int setup(void **state)
{
	bounds_fx *b = (bounds_fx *)ts_fx_new(sizeof(*b), KEY, NULL);

	b->base.now = 1000;
	b->base.client = client_for(&b->base, 0);
	b->no_retry = client_for(&b->base, GOSEND_NO_RETRIES);
	*state = b;
	return 0;
}

static int teardown(void **state)
{
	gosend_client_free(((bounds_fx *)*state)->no_retry);
	return ts_teardown(state);
}

/* A JSON array of n messages with ids "s<first>".."s<first+n-1>". */
static char *page_body(size_t first, size_t n)
{
	char *s = malloc(48 * (n + 1) + 8);
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

/* Queue a 200 page of n messages from `first`, with extra headers. */
static void queue_page(fx *f, const char *headers, size_t first, size_t n)
{
	char *body = page_body(first, n);

	assert_int_equal(
	        gsmock_queue_response(f->mock, 200, headers, NULL, body), 0);
	free(body);
}

/* The i-th request asked for GET /v1/messages?page=P&per_page=100. */
static void check_page_request(fx *f, size_t i, long page)
{
	gsmock_request *r = gsmock_request_at(f->mock, i);
	char want[64];

	assert_non_null(r);
	assert_string_equal(r->method, "GET");
	snprintf(want, sizeof(want), "/v1/messages?page=%ld&per_page=100",
	         page);
	assert_string_equal(r->target, want);
	gsmock_request_free(r);
}

/*
 * Take items until _next stops returning 1; check their ids run s1, s2, ...
 * in order; return _next's last result and the count in *n.
 */
static int drain(gosend_iter *it, size_t *n, gosend_error **err)
{
	const gosend_message *m = NULL;
	char want[32];
	int rc;

	*n = 0;
	while ((rc = gosend_messages_iter_next(&m, it, err)) == 1) {
		(*n)++;
		snprintf(want, sizeof(want), "s%zu", *n);
		assert_string_equal(m->id, want);
	}
	assert_null(m);
	return rc;
}

/*
 * The iterator is finished with `code`: two more calls return it again,
 * each with a detail saying so, and the mock sees no new request.
 */
static void check_sticky(fx *f, gosend_iter *it, int code, const char *first)
{
	size_t before = gsmock_request_count(f->mock);
	const gosend_message *m = (const gosend_message *)1;
	gosend_error *err = NULL;
	char want[600];
	int i;

	snprintf(want, sizeof(want),
	         "iterator finished after an earlier failure: %s", first);
	for (i = 0; i < 2; i++) {
		assert_int_equal(gosend_messages_iter_next(&m, it, &err), code);
		assert_null(m);
		assert_non_null(err);
		assert_int_equal(err->code, code);
		assert_string_equal(err->message, want);
		assert_int_equal(err->http_status, 0);
		assert_int_equal(err->retryable, 0);
		gosend_error_free(err);
		err = NULL;
		/* also without a detail */
		assert_int_equal(gosend_messages_iter_next(&m, it, NULL), code);
	}
	assert_int_equal(gsmock_request_count(f->mock), before);
}

/* A server that ignores `page` and sends no total: stops at page 2. */
static void test_iter_bounds__ignored_page_without_total(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	gosend_error *err = NULL;
	size_t n, i;
	char first[600];

	for (i = 0; i < 3; i++)
		queue_page(f, NULL, 1, 100);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), GOSEND_EPAGINATION);
	assert_int_equal(n, 100);
	assert_int_equal(gosend_iter_count(it), 100);
	assert_non_null(err);
	assert_int_equal(err->code, GOSEND_EPAGINATION);
	assert_string_equal(err->message,
	                    "page 2 repeats page 1 (the same 100 items in the "
	                    "same order): the server does not move on to the "
	                    "next page");
	assert_int_equal(gsmock_request_count(f->mock), 2);
	check_page_request(f, 0, 1);
	check_page_request(f, 1, 2);
	snprintf(first, sizeof(first), "%s", err->message);
	gosend_error_free(err);
	check_sticky(f, it, GOSEND_EPAGINATION, first);
	assert_int_equal(gosend_iter_count(it), 100);
	gosend_iter_free(it);
}

/* The same server claiming a huge total: the repeat still stops it. */
static void test_iter_bounds__ignored_page_with_lying_total(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	gosend_error *err = NULL;
	size_t n, i;

	for (i = 0; i < 3; i++)
		queue_page(f, "X-Total-Count: 1000000", 1, 100);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), GOSEND_EPAGINATION);
	assert_int_equal(n, 100);
	assert_int_equal(err->code, GOSEND_EPAGINATION);
	assert_non_null(strstr(err->message, "page 2 repeats page 1"));
	assert_int_equal(gosend_iter_total_count(it), 1000000);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_error_free(err);
	assert_int_equal(gosend_messages_iter_next(NULL, it, &err),
	                 GOSEND_EINVAL); /* refused, not the sticky code */
	gosend_error_free(err);
	check_sticky(f, it, GOSEND_EPAGINATION,
	             "page 2 repeats page 1 (the same 100 items in the same "
	             "order): the server does not move on to the next page");
	gosend_iter_free(it);
}

/* Full distinct pages beyond X-Total-Count 150: 150 items, then the end. */
static void test_iter_bounds__total_exceeded_ends_at_total(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	const gosend_message *m = NULL;
	gosend_error *err = NULL;
	size_t n;

	queue_page(f, "X-Total-Count: 150", 1, 100);
	queue_page(f, "X-Total-Count: 150", 101, 100);
	queue_page(f, "X-Total-Count: 150", 201, 100);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), 0);
	assert_null(err);
	assert_int_equal(n, 150);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	/* done stays done without a request */
	assert_int_equal(gosend_messages_iter_next(&m, it, &err), 0);
	assert_null(err);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_iter_free(it);
}

/* A page that brings items after its own total is reached: EPAGINATION. */
static void test_iter_bounds__items_beyond_the_total(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	gosend_error *err = NULL;
	size_t n;

	/* the total shrinks below what was already sent */
	queue_page(f, "X-Total-Count: 1000000", 1, 100);
	queue_page(f, "X-Total-Count: 50", 101, 100);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), GOSEND_EPAGINATION);
	assert_int_equal(n, 100);
	assert_string_equal(err->message,
	                    "page 2 brings 100 more items after 100, but "
	                    "X-Total-Count says 50");
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_error_free(err);
	check_sticky(f, it, GOSEND_EPAGINATION,
	             "page 2 brings 100 more items after 100, but "
	             "X-Total-Count says 50");
	gosend_iter_free(it);
	gsmock_clear_log(f->mock);

	/* a total of 0 with items */
	queue_page(f, "X-Total-Count: 0", 1, 3);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), GOSEND_EPAGINATION);
	assert_int_equal(n, 0);
	assert_int_equal(err->code, GOSEND_EPAGINATION);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	gosend_error_free(err);
	gosend_iter_free(it);
}

/* Distinct full pages forever: the page cap ends it. */
static void test_iter_bounds__page_cap(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	gosend_error *err = NULL;
	size_t n, i;

	/* (a 4th request would get the mock's own empty list and end) */
	for (i = 0; i < 3; i++)
		queue_page(f, NULL, 1 + 100 * i, 100);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(gosend_iter_set_max_pages(it, 0, &err), GOSEND_EINVAL);
	assert_string_equal(err->field, "max_pages");
	gosend_error_free(err);
	assert_int_equal(gosend_iter_set_max_pages(NULL, 3, &err),
	                 GOSEND_EINVAL);
	assert_string_equal(err->field, "iter");
	gosend_error_free(err);
	assert_int_equal(gosend_iter_set_max_pages(it, 3, &err), 0);
	assert_null(err);
	assert_int_equal(drain(it, &n, &err), GOSEND_EPAGINATION);
	assert_int_equal(n, 300);
	assert_string_equal(err->message,
	                    "the list did not end within the page cap of 3 "
	                    "pages (300 items); raise it with "
	                    "gosend_iter_set_max_pages()");
	assert_int_equal(gsmock_request_count(f->mock), 3);
	check_page_request(f, 2, 3);
	gosend_error_free(err);
	check_sticky(f, it, GOSEND_EPAGINATION,
	             "the list did not end within the page cap of 3 pages "
	             "(300 items); raise it with gosend_iter_set_max_pages()");
	gosend_iter_free(it);
	gsmock_clear_log(f->mock);

	/* a list that ends on the last page the cap allows ends normally */
	queue_page(f, NULL, 1, 100);
	queue_page(f, NULL, 101, 7);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(gosend_iter_set_max_pages(it, 2, NULL), 0);
	assert_int_equal(drain(it, &n, &err), 0);
	assert_int_equal(n, 107);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_iter_free(it);
	assert_int_equal(GOSEND_ITER_MAX_PAGES, 100000);
}

/* 400 on page 2: that code, then the same code without a request. */
static void test_iter_bounds__failed_page_is_sticky(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	gosend_error *err = NULL;
	size_t n;

	queue_page(f, NULL, 1, 100);
	assert_int_equal(gsmock_queue_response(f->mock, 400, NULL, NULL,
	                                       "{\"statusCode\":400,"
	                                       "\"message\":\"bad page\"}"),
	                 0);
	queue_page(f, NULL, 101, 5); /* never asked for */
	assert_int_equal(
	        gosend_messages_iter_new(&it, no_retry(f), 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), GOSEND_EBADREQUEST);
	assert_int_equal(n, 100);
	assert_int_equal(err->code, GOSEND_EBADREQUEST);
	assert_int_equal(err->http_status, 400);
	assert_string_equal(err->message, "bad page");
	assert_int_equal(err->attempts, 1);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_error_free(err);
	check_sticky(f, it, GOSEND_EBADREQUEST, "bad page");
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_iter_free(it);
}

/* 503 beyond the retry budget (2 retries, fake sleeps): ESERVER, sticky. */
static void test_iter_bounds__retries_then_sticky(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	gosend_error *err = NULL;
	size_t n, i;

	queue_page(f, NULL, 1, 100);
	for (i = 0; i < 3; i++)
		assert_int_equal(gsmock_queue_response(f->mock, 503, NULL, NULL,
		                                       "{\"statusCode\":503,"
		                                       "\"message\":\"busy\"}"),
		                 0);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), GOSEND_ESERVER);
	assert_int_equal(n, 100);
	assert_int_equal(err->http_status, 503);
	assert_int_equal(err->attempts, 3);
	assert_int_equal(f->nslept, 2);
	assert_int_equal(gsmock_request_count(f->mock), 4);
	for (i = 1; i < 4; i++)
		check_page_request(f, i, 2);
	gosend_error_free(err);
	check_sticky(f, it, GOSEND_ESERVER, "busy");
	assert_int_equal(f->nslept, 2);
	gosend_iter_free(it);
}

/* Sanity: 250 distinct items over 3 pages with a total; reordered ids are
 * not a repeat. */
static void test_iter_bounds__normal_lists_still_end(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	const gosend_message *m = NULL;
	gosend_error *err = NULL;
	size_t n;

	queue_page(f, "X-Total-Count: 250", 1, 100);
	queue_page(f, "X-Total-Count: 250", 101, 100);
	queue_page(f, "X-Total-Count: 250", 201, 50);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), 0);
	assert_null(err);
	assert_int_equal(n, 250);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	gosend_iter_free(it);
	gsmock_clear_log(f->mock);

	/* the same ids in another order are a new page */
	assert_int_equal(
	        gsmock_queue_response(f->mock, 200,
	                              "X-Total-Count: 4\r\nX-Per-Page: 2", NULL,
	                              "[{\"id\":\"a\"},{\"id\":\"b\"}]"),
	        0);
	assert_int_equal(
	        gsmock_queue_response(f->mock, 200,
	                              "X-Total-Count: 4\r\nX-Per-Page: 2", NULL,
	                              "[{\"id\":\"b\"},{\"id\":\"a\"}]"),
	        0);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	n = 0;
	while (gosend_messages_iter_next(&m, it, &err) == 1)
		n++;
	assert_null(err);
	assert_int_equal(n, 4);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_iter_free(it);
}

/* The end is final too: every later call returns 0 with *out NULL and no
 * detail, sending nothing. */
static void test_iter_bounds__end_is_final(void **state)
{
	fx *f = *state;
	gosend_iter *it = NULL;
	const gosend_message *m;
	gosend_error *err = NULL;
	size_t n;
	int i;

	queue_page(f, NULL, 1, 3);
	assert_int_equal(
	        gosend_messages_iter_new(&it, f->client, 0, NULL, NULL), 0);
	assert_int_equal(drain(it, &n, &err), 0);
	assert_int_equal(n, 3);
	for (i = 0; i < 2; i++) {
		m = (const gosend_message *)1;
		err = (gosend_error *)1;
		assert_int_equal(gosend_messages_iter_next(&m, it, &err), 0);
		assert_null(m);
		assert_null(err);
	}
	assert_int_equal(gsmock_request_count(f->mock), 1);
	gosend_iter_free(it);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_iter_bounds__ignored_page_without_total),
	        T(test_iter_bounds__ignored_page_with_lying_total),
	        T(test_iter_bounds__total_exceeded_ends_at_total),
	        T(test_iter_bounds__items_beyond_the_total),
	        T(test_iter_bounds__page_cap),
	        T(test_iter_bounds__failed_page_is_sticky),
	        T(test_iter_bounds__retries_then_sticky),
	        T(test_iter_bounds__normal_lists_still_end),
	        T(test_iter_bounds__end_is_final),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
