/*
 * Templates against the in-process mock: list, create from the builder and
 * from raw components (body compared as parsed JSON), sync, delete, error
 * mapping, iterators, and bad input that sends nothing.
 */
#include "wiresupport.h"

#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/templates.h"

#define KEY "gsk_test_templates0123456789"

typedef ts_fx fixture;

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_TIME);
}

static gsmock_request *request(fixture *f, size_t i)
{
	gsmock_request *r;

	assert_true(i < gsmock_request_count(f->mock));
	r = gsmock_request_at(f->mock, i);
	assert_non_null(r);
	return r;
}

/* Method, raw target, key, and for a JSON body its Content-Type and value
 * (NULL: no body). */
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
	assert_int_equal(e->code, GOSEND_EINVAL);
	assert_int_equal(e->attempts, 0);
	assert_string_equal(e->field, field);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), before);
}

static gosend_template_builder *order_update(void)
{
	gosend_template_builder *b = NULL;
	const char *ex[] = {"Ana", "today"};

	assert_int_equal(gosend_template_builder_new(&b, "order_update",
	                                             "UTILITY", "en_US", NULL),
	                 0);
	assert_int_equal(gosend_template_builder_header_text(b, "Order {{1}}",
	                                                     "#1234", NULL),
	                 0);
	assert_int_equal(
	        gosend_template_builder_body(
	                b, "Hi {{1}}, your order ships {{2}}.", ex, 2, NULL),
	        0);
	assert_int_equal(gosend_template_builder_footer(b, "Acme", NULL), 0);
	assert_int_equal(
	        gosend_template_builder_button_quick_reply(b, "Thanks", NULL),
	        0);
	assert_int_equal(gosend_template_builder_button_url(
	                         b, "Track", "https://acme.test/t/{{1}}",
	                         "https://acme.test/t/1234", NULL),
	                 0);
	return b;
}

#define ORDER_UPDATE_JSON                                                      \
	"{\"name\":\"order_update\",\"category\":\"UTILITY\",\"language\":"    \
	"\"en_US\",\"components\":[{\"type\":\"HEADER\",\"format\":\"TEXT\","  \
	"\"text\":\"Order {{1}}\",\"example\":{\"header_text\":[\"#1234\"]}}," \
	"{\"type\":\"BODY\",\"text\":\"Hi {{1}}, your order ships {{2}}.\","   \
	"\"example\":{\"body_text\":[[\"Ana\",\"today\"]]}},{\"type\":"        \
	"\"FOOTER\",\"text\":\"Acme\"},{\"type\":\"BUTTONS\",\"buttons\":["    \
	"{\"type\":\"QUICK_REPLY\",\"text\":\"Thanks\"},{\"type\":\"URL\","    \
	"\"text\":\"Track\",\"url\":\"https://acme.test/t/{{1}}\",\"example\"" \
	":[\"https://acme.test/t/1234\"]}]}]}"

static void test_templates__list(void **state)
{
	fixture *f = *state;
	gosend_template_list *l = NULL;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	gosend_error *e = NULL;
	const gosend_template *t;

	assert_int_equal(
	        gosend_templates_list(&l, f->client, "1", NULL, NULL, &e), 0);
	assert_request(f, 0, "GET", "/v1/wabas/1/templates", NULL);
	assert_int_equal(l->count, 3);
	assert_int_equal(l->meta->total_count, 3);
	t = l->items[0];
	assert_string_equal(t->id, "1001");
	assert_string_equal(t->name, "appointment_reminder");
	assert_string_equal(t->language, "es_AR");
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_UTILITY);
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_APPROVED);
	assert_null(t->rejection_reason);
	assert_string_equal(t->waba_id, "1");
	assert_non_null(strstr(t->components_json, "\"QUICK_REPLY\""));
	t = l->items[1];
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_REJECTED);
	assert_string_equal(t->rejection_reason, "PROMOTIONAL");
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_MARKETING);
	t = l->items[2];
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_PAUSED);
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_AUTHENTICATION);
	gosend_template_list_free(l);

	p.page = 2;
	p.per_page = 2;
	assert_int_equal(
	        gosend_templates_list(&l, f->client, "1", &p, NULL, &e), 0);
	assert_request(f, 1, "GET", "/v1/wabas/1/templates?page=2&per_page=2",
	               NULL);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0]->id, "1003");
	gosend_template_list_free(l);

	/* WABA 2 has none */
	assert_int_equal(
	        gosend_templates_list(&l, f->client, "2", NULL, NULL, &e), 0);
	assert_int_equal(l->count, 0);
	gosend_template_list_free(l);
}

static void test_templates__create_from_builder(void **state)
{
	fixture *f = *state;
	gosend_template_builder *b = order_update();
	gosend_template *t = NULL;
	gosend_template_list *l = NULL;
	gosend_error *e = NULL;
	gsmock_request *r;

	assert_int_equal(
	        gosend_templates_create(&t, f->client, "1", b, NULL, &e), 0);
	assert_null(e);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_request(f, 0, "POST", "/v1/wabas/1/templates",
	               ORDER_UPDATE_JSON);
	r = request(f, 0);
	assert_null(gsmock_request_header(r, "Idempotency-Key"));
	gsmock_request_free(r);
	assert_int_equal(t->meta->http_status, 201);
	assert_string_equal(t->name, "order_update");
	assert_string_equal(t->language, "en_US");
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_PENDING);
	assert_string_equal(t->status_name, "PENDING");
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_UTILITY);
	assert_string_equal(t->waba_id, "1");
	assert_non_null(t->id);
	assert_non_null(t->created_at);
	ts_assert_json_eq(t->components_json,
	                  "[{\"type\":\"HEADER\",\"format\":\"TEXT\","
	                  "\"text\":\"Order {{1}}\",\"example\":{"
	                  "\"header_text\":[\"#1234\"]}},{\"type\":\"BODY\","
	                  "\"text\":\"Hi {{1}}, your order ships {{2}}.\","
	                  "\"example\":{\"body_text\":[[\"Ana\",\"today\"]]}},"
	                  "{\"type\":\"FOOTER\",\"text\":\"Acme\"},{\"type\":"
	                  "\"BUTTONS\",\"buttons\":[{\"type\":\"QUICK_REPLY\","
	                  "\"text\":\"Thanks\"},{\"type\":\"URL\",\"text\":"
	                  "\"Track\",\"url\":\"https://acme.test/t/{{1}}\","
	                  "\"example\":[\"https://acme.test/t/1234\"]}]}]");
	gosend_template_free(t);

	/* it is there now */
	assert_int_equal(
	        gosend_templates_list(&l, f->client, "1", NULL, NULL, &e), 0);
	assert_int_equal(l->count, 4);
	assert_string_equal(l->items[3]->name, "order_update");
	gosend_template_list_free(l);

	/* the same name and language again: 409 */
	assert_int_equal(
	        gosend_templates_create(&t, f->client, "1", b, NULL, &e),
	        GOSEND_ECONFLICT);
	assert_null(t);
	assert_int_equal(e->http_status, 409);
	assert_int_equal(e->attempts, 1);
	gosend_error_free(e);
	gosend_template_builder_free(b);
}

static void test_templates__create_raw_components_and_key(void **state)
{
	fixture *f = *state;
	gosend_template_builder *b = NULL;
	gosend_template *t = NULL;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_error *e = NULL;
	gsmock_request *r;

	assert_int_equal(gosend_template_builder_new(&b, "login_code",
	                                             "authentication", "es",
	                                             NULL),
	                 0);
	assert_int_equal(
	        gosend_template_builder_components_json(
	                b,
	                "[{\"type\":\"BODY\",\"add_security_recommendation\":"
	                "true},{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":"
	                "\"OTP\",\"otp_type\":\"COPY_CODE\"}]}]",
	                NULL),
	        0);
	o.idempotency_key = "tpl-login-code-1";
	assert_int_equal(gosend_templates_create(&t, f->client,
	                                         "102290129340398", b, &o, &e),
	                 0);
	assert_request(
	        f, 0, "POST", "/v1/wabas/102290129340398/templates",
	        "{\"name\":\"login_code\",\"category\":\"AUTHENTICATION\","
	        "\"language\":\"es\",\"components\":[{\"type\":\"BODY\","
	        "\"add_security_recommendation\":true},{\"type\":\"BUTTONS\","
	        "\"buttons\":[{\"type\":\"OTP\",\"otp_type\":\"COPY_CODE\"}]}]"
	        "}");
	r = request(f, 0);
	assert_string_equal(gsmock_request_header(r, "Idempotency-Key"),
	                    "tpl-login-code-1");
	gsmock_request_free(r);
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_AUTHENTICATION);
	assert_string_equal(t->meta->idempotency_key, "tpl-login-code-1");
	gosend_template_free(t);
	gosend_template_builder_free(b);
}

static void test_templates__create_errors(void **state)
{
	fixture *f = *state;
	gosend_template_builder *b = order_update();
	gosend_template *t = (gosend_template *)1;
	gosend_error *e = NULL;

	assert_int_equal(
	        gosend_templates_create(&t, f->client, "a/b?c", b, NULL, &e),
	        GOSEND_ENOTFOUND);
	assert_null(t);
	assert_request(f, 0, "POST", "/v1/wabas/a%2Fb%3Fc/templates",
	               ORDER_UPDATE_JSON);
	assert_string_equal(e->message, "WABA not found");
	gosend_error_free(e);

	assert_int_equal(
	        gsmock_queue_response(f->mock, 403, NULL, NULL,
	                              "{\"statusCode\":403,\"message\":"
	                              "\"WABA_NOT_IN_TENANT\",\"error\":"
	                              "\"Forbidden\"}"),
	        0);
	assert_int_equal(
	        gosend_templates_create(&t, f->client, "1", b, NULL, &e),
	        GOSEND_EFORBIDDEN);
	assert_null(t);
	assert_int_equal(e->http_status, 403);
	assert_string_equal(e->message, "WABA_NOT_IN_TENANT");
	gosend_error_free(e);

	/* server-side validation failure is reported with its field */
	assert_int_equal(gsmock_queue_response(
	                         f->mock, 400, NULL, NULL,
	                         "{\"statusCode\":400,\"message\":\"Validation "
	                         "failed\",\"error\":\"Bad Request\","
	                         "\"details\":{\"field\":\"components\"}}"),
	                 0);
	assert_int_equal(
	        gosend_templates_create(&t, f->client, "1", b, NULL, &e),
	        GOSEND_EBADREQUEST);
	assert_string_equal(e->field, "components");
	gosend_error_free(e);

	/* a 2xx without an id is still the template submitted: never an
	 * error, the fields that are there are read */
	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL,
	                                       "{\"status\":\"PENDING\"}"),
	                 0);
	e = NULL;
	assert_int_equal(
	        gosend_templates_create(&t, f->client, "1", b, NULL, &e), 0);
	assert_null(e);
	assert_null(t->id);
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_PENDING);
	assert_int_equal(t->meta->http_status, 201);
	gosend_template_free(t);
	gosend_template_builder_free(b);
}

static void test_templates__sync(void **state)
{
	fixture *f = *state;
	gosend_template_sync_result *s = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gosend_templates_sync(&s, f->client, "1", NULL, &e),
	                 0);
	assert_request(f, 0, "POST", "/v1/wabas/1/templates/sync", "{}");
	assert_int_equal(s->synced, 3);
	assert_int_equal(s->count, 0);
	assert_int_equal(s->meta->http_status, 200);
	ts_assert_json_eq(s->raw_json, "{\"synced\":3,\"templates\":3}");
	gosend_template_sync_result_free(s);

	/* an empty 2xx body and a list of templates are fine too */
	assert_int_equal(gsmock_queue_response(f->mock, 204, NULL, NULL, NULL),
	                 0);
	assert_int_equal(gosend_templates_sync(&s, f->client, "1", NULL, &e),
	                 0);
	assert_int_equal(s->synced, -1);
	assert_string_equal(s->raw_json, "");
	gosend_template_sync_result_free(s);
	assert_int_equal(gsmock_queue_response(
	                         f->mock, 200, NULL, NULL,
	                         "[{\"id\":\"7\",\"name\":\"a\",\"status\":"
	                         "\"APPROVED\"}]"),
	                 0);
	assert_int_equal(gosend_templates_sync(&s, f->client, "1", NULL, &e),
	                 0);
	assert_int_equal(s->synced, 1);
	assert_int_equal(s->templates[0]->status,
	                 GOSEND_TEMPLATE_STATUS_APPROVED);
	assert_true(s->templates[0]->meta == s->meta);
	gosend_template_sync_result_free(s);

	assert_int_equal(gosend_templates_sync(&s, f->client, "77", NULL, &e),
	                 GOSEND_ENOTFOUND);
	assert_null(s);
	assert_request(f, 3, "POST", "/v1/wabas/77/templates/sync", "{}");
	gosend_error_free(e);
}

static void test_templates__delete(void **state)
{
	fixture *f = *state;
	gosend_template_list *l = NULL;
	gosend_error *e = NULL;

	assert_int_equal(
	        gosend_templates_delete(f->client, "1", "1001", NULL, &e), 0);
	assert_null(e);
	assert_request(f, 0, "DELETE", "/v1/wabas/1/templates/1001", NULL);
	assert_int_equal(
	        gosend_templates_list(&l, f->client, "1", NULL, NULL, &e), 0);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[0]->id, "1002");
	gosend_template_list_free(l);

	/* again: gone */
	assert_int_equal(
	        gosend_templates_delete(f->client, "1", "1001", NULL, &e),
	        GOSEND_ENOTFOUND);
	assert_int_equal(e->http_status, 404);
	assert_string_equal(e->message, "Template not found");
	gosend_error_free(e);

	/* both segments are encoded */
	assert_int_equal(
	        gosend_templates_delete(f->client, "1/2", "a/b?c", NULL, &e),
	        GOSEND_ENOTFOUND);
	assert_request(f, 3, "DELETE", "/v1/wabas/1%2F2/templates/a%2Fb%3Fc",
	               NULL);
	gosend_error_free(e);

	/* any 2xx is success, whatever the body */
	assert_int_equal(gsmock_queue_response(f->mock, 204, NULL, NULL, NULL),
	                 0);
	assert_int_equal(
	        gosend_templates_delete(f->client, "1", "1002", NULL, &e), 0);
	assert_int_equal(
	        gsmock_queue_response(f->mock, 200, NULL, "text/plain", "OK"),
	        0);
	assert_int_equal(
	        gosend_templates_delete(f->client, "1", "1002", NULL, NULL), 0);

	assert_int_equal(gsmock_queue_response(f->mock, 403, NULL, NULL,
	                                       "{\"statusCode\":403,"
	                                       "\"message\":"
	                                       "\"TEMPLATE_NOT_IN_WABA\"}"),
	                 0);
	assert_int_equal(
	        gosend_templates_delete(f->client, "1", "1002", NULL, &e),
	        GOSEND_EFORBIDDEN);
	assert_string_equal(e->message, "TEMPLATE_NOT_IN_WABA");
	gosend_error_free(e);
}

static void test_templates__iterator(void **state)
{
	fixture *f = *state;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_template *t;
	const char *names[3] = {NULL, NULL, NULL};
	size_t n = 0;
	int rc;

	assert_int_equal(
	        gosend_templates_iter_new(&it, f->client, "1", 0, NULL, &e), 0);
	while ((rc = gosend_templates_iter_next(&t, it, &e)) == 1) {
		assert_true(n < 3);
		names[n++] = t->name;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 3);
	assert_non_null(names[0]);
	assert_int_equal(gosend_iter_total_count(it), 3);
	gosend_iter_free(it);
	assert_request(f, 0, "GET", "/v1/wabas/1/templates?page=1&per_page=100",
	               NULL);

	/* an error is returned, and it is final: calling again returns it
	 * again without a request */
	assert_int_equal(
	        gosend_templates_iter_new(&it, f->client, "1", 0, NULL, &e), 0);
	assert_int_equal(gsmock_queue_response(f->mock, 404, NULL, NULL,
	                                       "{\"statusCode\":404,"
	                                       "\"message\":\"gone\"}"),
	                 0);
	assert_int_equal(gosend_templates_iter_next(&t, it, &e),
	                 GOSEND_ENOTFOUND);
	assert_null(t);
	gosend_error_free(e);
	assert_int_equal(gosend_templates_iter_next(&t, it, &e),
	                 GOSEND_ENOTFOUND);
	assert_null(t);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	gosend_iter_free(it);
	assert_request(f, 1, "GET", "/v1/wabas/1/templates?page=1&per_page=100",
	               NULL);
}

static void test_templates__bad_input_sends_nothing(void **state)
{
	fixture *f = *state;
	gosend_template_builder *b = order_update();
	gosend_template_builder *empty = NULL;
	gosend_template *t = (gosend_template *)1;
	gosend_template_sync_result *s = (gosend_template_sync_result *)1;
	gosend_template_list *l = (gosend_template_list *)1;
	gosend_error *e = NULL;

	assert_refused(
	        f, 0,
	        gosend_templates_create(&t, f->client, "1", NULL, NULL, &e), &e,
	        "builder");
	assert_null(t);
	assert_int_equal(gosend_template_builder_new(&empty, "no_body",
	                                             "MARKETING", "en", NULL),
	                 0);
	assert_refused(
	        f, 0,
	        gosend_templates_create(&t, f->client, "1", empty, NULL, &e),
	        &e, "body");
	assert_refused(
	        f, 0, gosend_templates_create(&t, f->client, NULL, b, NULL, &e),
	        &e, "waba_id");
	assert_refused(
	        f, 0, gosend_templates_create(&t, f->client, "..", b, NULL, &e),
	        &e, "waba_id");
	assert_refused(
	        f, 0,
	        gosend_templates_create(NULL, f->client, "1", b, NULL, &e), &e,
	        "out");
	assert_refused(f, 0,
	               gosend_templates_create(&t, NULL, "1", b, NULL, &e), &e,
	               "client");
	assert_refused(f, 0,
	               gosend_templates_sync(&s, f->client, ".", NULL, &e), &e,
	               "waba_id");
	assert_null(s);
	assert_refused(f, 0,
	               gosend_templates_delete(f->client, "1", "..", NULL, &e),
	               &e, "template_id");
	assert_refused(f, 0,
	               gosend_templates_delete(f->client, "", "1001", NULL, &e),
	               &e, "waba_id");
	assert_refused(f, 0,
	               gosend_templates_delete(f->client, "1", NULL, NULL, &e),
	               &e, "template_id");
	assert_refused(f, 0,
	               gosend_templates_list(&l, f->client, "", NULL, NULL, &e),
	               &e, "waba_id");
	assert_null(l);
	gosend_template_builder_free(empty);
	/* a bad template name never gets as far as a request */
	empty = (gosend_template_builder *)1;
	assert_refused(f, 0,
	               gosend_template_builder_new(&empty, "Bad Name",
	                                           "UTILITY", "en", &e),
	               &e, "name");
	assert_null(empty);
	gosend_template_builder_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_templates__list, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_templates__create_from_builder, setup,
	                ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_templates__create_raw_components_and_key, setup,
	                ts_teardown),
	        cmocka_unit_test_setup_teardown(test_templates__create_errors,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_templates__sync, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(test_templates__delete, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(test_templates__iterator, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_templates__bad_input_sends_nothing, setup,
	                ts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
