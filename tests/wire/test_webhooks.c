/*
 * Webhook endpoints against the in-process mock: create (the secret comes
 * back once and never reaches the log), list, update with any subset of
 * fields, delete, the delivery log, error mapping, and bad input that sends
 * nothing.
 */
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/webhooks.h"

#define KEY "gsk_test_webhooks0123456789"

typedef ts_fx fixture;

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_TIME | TS_LOG);
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

static const char *const two_events[] = {"whatsapp.message.received",
                                         "whatsapp.message.delivered"};

/* Create a webhook; its id is copied to id. */
static void create(fixture *f, const char *url, char *id, size_t idsz)
{
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook *w = NULL;

	p.url = url;
	p.events = two_events;
	p.events_count = 2;
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, NULL),
	                 0);
	assert_true(strlen(w->id) < idsz);
	strcpy(id, w->id);
	gosend_webhook_free(w);
}

static void test_webhooks__create_shows_secret_once(void **state)
{
	fixture *f = *state;
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_webhook_list *l = NULL;
	gosend_error *e = NULL;
	gsmock_request *r;
	char secret[128];

	p.url = "https://acme.example/hooks";
	p.events = two_events;
	p.events_count = 2;
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, &e),
	                 0);
	assert_null(e);
	assert_request(f, 0, "POST", "/v1/webhooks",
	               "{\"url\":\"https://acme.example/hooks\",\"events\":["
	               "\"whatsapp.message.received\","
	               "\"whatsapp.message.delivered\"]}");
	r = request(f, 0);
	assert_null(gsmock_request_header(r, "Idempotency-Key"));
	gsmock_request_free(r);
	assert_int_equal(w->meta->http_status, 201);
	assert_non_null(w->id);
	assert_string_equal(w->url, "https://acme.example/hooks");
	assert_non_null(w->secret);
	assert_memory_equal(w->secret, "whsec_", 6);
	assert_true(strlen(w->secret) > 6 &&
	            strlen(w->secret) < sizeof(secret));
	strcpy(secret, w->secret);
	assert_int_equal(w->events_count, 2);
	assert_string_equal(w->events[0], "whatsapp.message.received");
	assert_string_equal(w->events[1], "whatsapp.message.delivered");
	assert_int_equal(w->enabled, 1);
	assert_null(w->phone_number_id);
	assert_string_equal(w->type, "gosendapi_events");
	assert_non_null(w->created_at);
	gosend_webhook_free(w);

	/* listing never shows it again */
	assert_int_equal(gosend_webhooks_list(&l, f->client, NULL, NULL, &e),
	                 0);
	assert_request(f, 1, "GET", "/v1/webhooks", NULL);
	assert_int_equal(l->count, 1);
	assert_null(l->items[0]->secret);
	assert_null(strstr(l->raw_json, secret));
	assert_int_equal(l->items[0]->events_count, 2);
	gosend_webhook_list_free(l);

	/* and the trace log, headers and bodies included, never had it */
	assert_true(f->log_len > 0);
	assert_non_null(strstr(f->log, "POST"));
	assert_null(strstr(f->log, secret));
	assert_null(strstr(f->log, KEY));
}

static void test_webhooks__create_phone_scope_and_type(void **state)
{
	fixture *f = *state;
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_error *e = NULL;
	gsmock_request *r;
	const char *one[] = {"whatsapp.phone_number.created"};

	p.url = "http://localhost:8080/hook?x=1&y=%20";
	p.events = one;
	p.events_count = 1;
	p.phone_number_id = "555123456789";
	p.type = "gosendapi_events";
	o.idempotency_key = "hook-create-1";
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, &o, &e), 0);
	assert_request(f, 0, "POST", "/v1/webhooks",
	               "{\"url\":\"http://localhost:8080/hook?x=1&y=%20\","
	               "\"events\":[\"whatsapp.phone_number.created\"],"
	               "\"phone_number_id\":\"555123456789\","
	               "\"type\":\"gosendapi_events\"}");
	r = request(f, 0);
	assert_string_equal(gsmock_request_header(r, "Idempotency-Key"),
	                    "hook-create-1");
	gsmock_request_free(r);
	assert_string_equal(w->phone_number_id, "555123456789");
	gosend_webhook_free(w);
}

/* A create answer with a field of the wrong type still hands over the
 * once-only secret (and never logs it). */
static void test_webhooks__create_bad_answer_keeps_secret(void **state)
{
	fixture *f = *state;
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook *w = (gosend_webhook *)1;
	gosend_error *e = NULL;

	p.url = "https://acme.example/hooks";
	p.events = two_events;
	p.events_count = 2;
	assert_int_equal(
	        gsmock_queue_response(f->mock, 201, NULL, NULL,
	                              "{\"id\":\"5\",\"secret\":\"whsec_"
	                              "sensitive\",\"enabled\":\"yes\"}"),
	        0);
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, &e),
	                 0);
	assert_null(e);
	assert_string_equal(w->id, "5");
	assert_string_equal(w->secret, "whsec_sensitive");
	assert_int_equal(w->enabled, -1);
	assert_int_equal(w->meta->http_status, 201);
	assert_non_null(strstr(w->raw_json, "whsec_sensitive"));
	gosend_webhook_free(w);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_null(strstr(f->log, "sensitive"));
}

static void test_webhooks__update(void **state)
{
	fixture *f = *state;
	gosend_webhook_update_params u = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;
	const char *one[] = {"whatsapp.message.failed"};
	char id[32], target[64];

	create(f, "https://acme.example/hooks", id, sizeof(id));
	(void)snprintf(target, sizeof(target), "/v1/webhooks/%s", id);

	u.set_enabled = 1;
	u.enabled = 0;
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, id, &u, NULL, &e), 0);
	assert_request(f, 1, "PATCH", target, "{\"enabled\":false}");
	assert_non_null(w);
	assert_int_equal(w->enabled, 0);
	assert_null(w->secret);
	assert_int_equal(w->meta->http_status, 200);
	gosend_webhook_free(w);

	u.set_enabled = 0;
	u.url = "https://acme.example/v2";
	u.events = one;
	u.events_count = 1;
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, id, &u, NULL, &e), 0);
	assert_request(f, 2, "PATCH", target,
	               "{\"url\":\"https://acme.example/v2\",\"events\":["
	               "\"whatsapp.message.failed\"]}");
	assert_string_equal(w->url, "https://acme.example/v2");
	assert_int_equal(w->events_count, 1);
	assert_int_equal(w->enabled, 0);
	gosend_webhook_free(w);

	u.url = NULL;
	u.events = NULL;
	u.events_count = 0;
	u.set_enabled = 1;
	u.enabled = 7; /* any non-zero enables */
	assert_int_equal(
	        gosend_webhooks_update(NULL, f->client, id, &u, NULL, &e), 0);
	assert_request(f, 3, "PATCH", target, "{\"enabled\":true}");

	/* unknown and encoded ids */
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, "a/b?c", &u, NULL, &e),
	        GOSEND_ENOTFOUND);
	assert_null(w);
	assert_request(f, 4, "PATCH", "/v1/webhooks/a%2Fb%3Fc",
	               "{\"enabled\":true}");
	assert_string_equal(e->message, "Webhook not found");
	gosend_error_free(e);

	/* an answer that is not a webhook still means success */
	assert_int_equal(gsmock_queue_response(f->mock, 204, NULL, NULL, NULL),
	                 0);
	w = (gosend_webhook *)1;
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, id, &u, NULL, &e), 0);
	assert_null(w);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"updated\":true}"),
	                 0);
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, id, &u, NULL, &e), 0);
	assert_null(w);
}

static void test_webhooks__delete(void **state)
{
	fixture *f = *state;
	gosend_webhook_list *l = NULL;
	gosend_error *e = NULL;
	char id[32], target[64];

	create(f, "https://acme.example/hooks", id, sizeof(id));
	(void)snprintf(target, sizeof(target), "/v1/webhooks/%s", id);
	assert_int_equal(gosend_webhooks_delete(f->client, id, NULL, &e), 0);
	assert_null(e);
	assert_request(f, 1, "DELETE", target, NULL);
	assert_int_equal(gosend_webhooks_list(&l, f->client, NULL, NULL, &e),
	                 0);
	assert_int_equal(l->count, 0);
	gosend_webhook_list_free(l);

	assert_int_equal(gosend_webhooks_delete(f->client, id, NULL, &e),
	                 GOSEND_ENOTFOUND);
	assert_int_equal(e->http_status, 404);
	gosend_error_free(e);

	assert_int_equal(gosend_webhooks_delete(f->client, "x y", NULL, &e),
	                 GOSEND_ENOTFOUND);
	assert_request(f, 4, "DELETE", "/v1/webhooks/x%20y", NULL);
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(f->mock, 204, NULL, NULL, NULL),
	                 0);
	assert_int_equal(gosend_webhooks_delete(f->client, "9", NULL, &e), 0);

	assert_int_equal(
	        gsmock_queue_response(f->mock, 403, NULL, NULL,
	                              "{\"statusCode\":403,\"message\":\"Not "
	                              "yours\",\"error\":\"Forbidden\"}"),
	        0);
	assert_int_equal(gosend_webhooks_delete(f->client, "9", NULL, &e),
	                 GOSEND_EFORBIDDEN);
	assert_string_equal(e->message, "Not yours");
	gosend_error_free(e);
}

static void test_webhooks__deliveries(void **state)
{
	fixture *f = *state;
	gosend_webhook_delivery_list *l = NULL;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_webhook_delivery *d;
	char id[32], target[96];
	size_t n = 0;
	int rc;

	create(f, "https://acme.example/hooks", id, sizeof(id));
	assert_int_equal(gsmock_add_delivery(f->mock, id, "{}"), 0);
	assert_int_equal(gsmock_add_delivery(
	                         f->mock, id,
	                         "{\"event\":\"whatsapp.message.failed\","
	                         "\"status\":\"failed\",\"attempts\":3,"
	                         "\"response_status\":503,"
	                         "\"next_attempt_at\":\"2026-01-15T11:00:00Z\""
	                         "}"),
	                 0);
	assert_int_equal(gsmock_add_delivery(f->mock, id, "{\"id\":\"d3\"}"),
	                 0);

	assert_int_equal(gosend_webhook_deliveries_list(&l, f->client, id, NULL,
	                                                NULL, &e),
	                 0);
	(void)snprintf(target, sizeof(target), "/v1/webhooks/%s/deliveries",
	               id);
	assert_request(f, 1, "GET", target, NULL);
	assert_int_equal(l->count, 3);
	assert_int_equal(l->meta->total_count, 3);
	d = l->items[0];
	assert_non_null(d->id);
	assert_string_equal(d->webhook_id, id);
	assert_string_equal(d->event, "whatsapp.message.delivered");
	assert_string_equal(d->status, "succeeded");
	assert_int_equal(d->attempts, 1);
	assert_int_equal(d->response_status, 200);
	assert_non_null(d->created_at);
	assert_non_null(d->last_attempt_at);
	assert_null(d->next_attempt_at);
	d = l->items[1];
	assert_string_equal(d->event, "whatsapp.message.failed");
	assert_string_equal(d->status, "failed");
	assert_int_equal(d->attempts, 3);
	assert_int_equal(d->response_status, 503);
	assert_string_equal(d->next_attempt_at, "2026-01-15T11:00:00Z");
	assert_string_equal(l->items[2]->id, "d3");
	gosend_webhook_delivery_list_free(l);

	p.page = 2;
	p.per_page = 2;
	assert_int_equal(
	        gosend_webhook_deliveries_list(&l, f->client, id, &p, NULL, &e),
	        0);
	(void)snprintf(target, sizeof(target),
	               "/v1/webhooks/%s/deliveries?page=2&per_page=2", id);
	assert_request(f, 2, "GET", target, NULL);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0]->id, "d3");
	gosend_webhook_delivery_list_free(l);

	assert_int_equal(gosend_webhook_deliveries_iter_new(&it, f->client, id,
	                                                    0, NULL, &e),
	                 0);
	while ((rc = gosend_webhook_deliveries_iter_next(&d, it, &e)) == 1)
		n++;
	assert_int_equal(rc, 0);
	assert_int_equal(n, 3);
	gosend_iter_free(it);
	(void)snprintf(target, sizeof(target),
	               "/v1/webhooks/%s/deliveries?page=1&per_page=100", id);
	assert_request(f, 3, "GET", target, NULL);

	assert_int_equal(gosend_webhook_deliveries_list(&l, f->client, "nope/1",
	                                                NULL, NULL, &e),
	                 GOSEND_ENOTFOUND);
	assert_null(l);
	assert_request(f, 4, "GET", "/v1/webhooks/nope%2F1/deliveries", NULL);
	gosend_error_free(e);
}

static void test_webhooks__iterator(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_webhook *w;
	char id[32];
	size_t n = 0;
	int rc;

	create(f, "https://a.example/1", id, sizeof(id));
	create(f, "https://a.example/2", id, sizeof(id));
	assert_int_equal(gosend_webhooks_iter_new(&it, f->client, 0, NULL, &e),
	                 0);
	while ((rc = gosend_webhooks_iter_next(&w, it, &e)) == 1) {
		assert_null(w->secret);
		n++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 2);
	gosend_iter_free(it);
	assert_request(f, 2, "GET", "/v1/webhooks?page=1&per_page=100", NULL);
}

static void test_webhooks__bad_input_sends_nothing(void **state)
{
	fixture *f = *state;
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook_update_params u = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	gosend_webhook *w = (gosend_webhook *)1;
	gosend_webhook_delivery_list *dl = (gosend_webhook_delivery_list *)1;
	gosend_error *e = NULL;
	const char *spaced[] = {"whatsapp.message.received", "bad event"};
	const char *empty[] = {""};
	const char *null_ev[] = {NULL};
	char long_url[GOSEND_WEBHOOK_URL_MAX + 2];

	p.url = "https://acme.example/hooks";
	p.events = two_events;
	p.events_count = 2;

	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, NULL, NULL, &e),
	               &e, "params");
	assert_null(w);
	p.version = 0;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "params.version");
	p.version = GOSEND_WEBHOOK_PARAMS_VERSION;

	p.url = NULL;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "url");
	p.url = "https://acme.example/hooks\r\nX-Evil: 1";
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "url");
	p.url = "https://acme.example/a b";
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "url");
	p.url = "ftp://acme.example/";
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "url");
	p.url = "https:///path";
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "url");
	memset(long_url, 'a', sizeof(long_url) - 1);
	memcpy(long_url, "https://", 8);
	long_url[sizeof(long_url) - 1] = '\0';
	p.url = long_url;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "url");
	p.url = "https://acme.example/hooks";

	p.events_count = 0;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "events");
	p.events = NULL;
	p.events_count = 1;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "events");
	p.events = spaced;
	p.events_count = 2;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "events");
	p.events = empty;
	p.events_count = 1;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "events");
	p.events = null_ev;
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "events");
	p.events = two_events;
	p.events_count = 2;

	p.phone_number_id = "";
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "phone_number_id");
	p.phone_number_id = "555 123";
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "phone_number_id");
	p.phone_number_id = NULL;
	p.type = "";
	assert_refused(f, 0,
	               gosend_webhooks_create(&w, f->client, &p, NULL, &e), &e,
	               "type");
	p.type = NULL;
	assert_refused(f, 0,
	               gosend_webhooks_create(NULL, f->client, &p, NULL, &e),
	               &e, "out");

	/* update */
	assert_refused(f, 0,
	               gosend_webhooks_update(&w, f->client, "1", &u, NULL, &e),
	               &e, "params");
	assert_null(w);
	assert_refused(
	        f, 0,
	        gosend_webhooks_update(&w, f->client, "1", NULL, NULL, &e), &e,
	        "params");
	u.url = "javascript:alert(1)";
	assert_refused(f, 0,
	               gosend_webhooks_update(&w, f->client, "1", &u, NULL, &e),
	               &e, "url");
	u.url = NULL;
	u.events = two_events;
	u.events_count = 0;
	assert_refused(f, 0,
	               gosend_webhooks_update(&w, f->client, "1", &u, NULL, &e),
	               &e, "events");
	u.events = NULL;
	u.set_enabled = 1;
	assert_refused(
	        f, 0, gosend_webhooks_update(&w, f->client, "..", &u, NULL, &e),
	        &e, "webhook_id");
	assert_refused(
	        f, 0, gosend_webhooks_update(&w, f->client, NULL, &u, NULL, &e),
	        &e, "webhook_id");
	u.version = 99;
	assert_refused(f, 0,
	               gosend_webhooks_update(&w, f->client, "1", &u, NULL, &e),
	               &e, "params.version");

	/* delete and deliveries */
	assert_refused(f, 0, gosend_webhooks_delete(f->client, "", NULL, &e),
	               &e, "webhook_id");
	assert_refused(f, 0, gosend_webhooks_delete(f->client, ".", NULL, &e),
	               &e, "webhook_id");
	assert_refused(f, 0, gosend_webhooks_delete(NULL, "1", NULL, &e), &e,
	               "client");
	assert_refused(f, 0,
	               gosend_webhook_deliveries_list(&dl, f->client, "..",
	                                              NULL, NULL, &e),
	               &e, "webhook_id");
	assert_null(dl);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(
	                test_webhooks__create_shows_secret_once, setup,
	                ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_webhooks__create_phone_scope_and_type, setup,
	                ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_webhooks__create_bad_answer_keeps_secret, setup,
	                ts_teardown),
	        cmocka_unit_test_setup_teardown(test_webhooks__update, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(test_webhooks__delete, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(test_webhooks__deliveries,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_webhooks__iterator, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_webhooks__bad_input_sends_nothing, setup,
	                ts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
