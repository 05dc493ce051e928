/*
 * Onboarding endpoints against the in-process mock: customers and setup
 * links (bodies compared as parsed JSON, camelCase where the API uses it),
 * error mapping, and bad input that sends nothing.
 */
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/admin.h"
#include "gosendapi/gosendapi.h"

#define KEY "gsk_test_admin0123456789"

typedef ts_fx fixture;

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_TIME);
}

static void assert_request(fixture *f, size_t i, const char *method,
                           const char *target, const char *json)
{
	gsmock_request *r;

	assert_true(i < gsmock_request_count(f->mock));
	r = gsmock_request_at(f->mock, i);
	assert_non_null(r);
	assert_string_equal(r->method, method);
	assert_string_equal(r->target, target);
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	assert_string_equal(gsmock_request_header(r, "Content-Type"),
	                    "application/json");
	ts_assert_json_eq(r->body, json);
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

static void test_admin__create_customer(void **state)
{
	fixture *f = *state;
	gosend_customer_params p = GOSEND_CUSTOMER_PARAMS_INIT;
	gosend_customer *c = NULL;
	gosend_error *e = NULL;

	p.name = "Cl\xC3\xAD"
	         "nica San Lucas";
	p.external_id = "clinic_001";
	p.email = "admin@clinic.example";
	p.phone = "+54 11 5555-0000";
	p.metadata_json = " {\"plan\": \"pro\", \"seats\": [1, 2]} ";
	assert_int_equal(
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), 0);
	assert_null(e);
	assert_request(f, 0, "POST", "/v1/admin/tenants/42/customers",
	               "{\"name\":\"Cl\xC3\xAD"
	               "nica San Lucas\",\"external_id\":\"clinic_001\","
	               "\"email\":\"admin@clinic.example\",\"phone\":\"+54 11 "
	               "5555-0000\",\"metadata\":{\"plan\":\"pro\",\"seats\":"
	               "[1,2]}}");
	assert_int_equal(c->meta->http_status, 201);
	assert_non_null(c->id);
	assert_string_equal(c->tenant_id, "42");
	assert_string_equal(c->name, "Cl\xC3\xAD"
	                             "nica San Lucas");
	assert_string_equal(c->external_id, "clinic_001");
	assert_string_equal(c->email, "admin@clinic.example");
	assert_string_equal(c->phone, "+54 11 5555-0000");
	ts_assert_json_eq(c->metadata_json,
	                  "{\"plan\":\"pro\",\"seats\":[1,2]}");
	assert_int_equal(c->status, GOSEND_CUSTOMER_STATUS_ACTIVE);
	assert_string_equal(c->status_name, "active");
	assert_non_null(c->created_at);
	gosend_customer_free(c);

	/* only the name: nothing else is sent */
	p = (gosend_customer_params)GOSEND_CUSTOMER_PARAMS_INIT;
	p.name = "Tienda";
	assert_int_equal(
	        gosend_customers_create(&c, f->client, "t/1", &p, NULL, &e), 0);
	assert_request(f, 1, "POST", "/v1/admin/tenants/t%2F1/customers",
	               "{\"name\":\"Tienda\"}");
	assert_null(c->email);
	assert_string_equal(c->metadata_json, "{}");
	gosend_customer_free(c);
}

static void test_admin__customer_errors(void **state)
{
	fixture *f = *state;
	gosend_customer_params p = GOSEND_CUSTOMER_PARAMS_INIT;
	gosend_customer *c = (gosend_customer *)1;
	gosend_error *e = NULL;

	p.name = "X";
	assert_int_equal(gsmock_queue_response(
	                         f->mock, 403, NULL, NULL,
	                         "{\"statusCode\":403,\"message\":\"Admin "
	                         "access required\",\"error\":\"Forbidden\"}"),
	                 0);
	assert_int_equal(
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e),
	        GOSEND_EFORBIDDEN);
	assert_null(c);
	assert_int_equal(e->http_status, 403);
	assert_string_equal(e->message, "Admin access required");
	assert_int_equal(e->attempts, 1);
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 404, NULL, NULL,
	                         "{\"statusCode\":404,\"message\":\"Tenant "
	                         "not found\",\"error\":\"Not Found\"}"),
	                 0);
	assert_int_equal(
	        gosend_customers_create(&c, f->client, "43", &p, NULL, &e),
	        GOSEND_ENOTFOUND);
	assert_string_equal(e->message, "Tenant not found");
	gosend_error_free(e);

	/* a 2xx without an id is still the customer created: no error */
	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL,
	                                       "{\"name\":\"X\"}"),
	                 0);
	e = NULL;
	assert_int_equal(
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), 0);
	assert_null(e);
	assert_null(c->id);
	assert_string_equal(c->name, "X");
	gosend_customer_free(c);
}

static void test_admin__setup_link(void **state)
{
	fixture *f = *state;
	gosend_customer_params cp = GOSEND_CUSTOMER_PARAMS_INIT;
	gosend_setup_link_params p = GOSEND_SETUP_LINK_PARAMS_INIT;
	gosend_customer *c = NULL;
	gosend_setup_link *l = NULL;
	gosend_error *e = NULL;
	char target[96];

	cp.name = "Clinic";
	assert_int_equal(
	        gosend_customers_create(&c, f->client, "42", &cp, NULL, &e), 0);
	p.success_redirect_url = "https://app.example/onboard/ok";
	p.failure_redirect_url = "https://app.example/onboard/fail?x=1";
	p.expires_at = "2026-05-25T23:59:59Z";
	assert_int_equal(
	        gosend_setup_links_create(&l, f->client, c->id, &p, NULL, &e),
	        0);
	assert_null(e);
	(void)snprintf(target, sizeof(target),
	               "/v1/admin/customers/%s/setup-links", c->id);
	assert_request(f, 1, "POST", target,
	               "{\"successRedirectUrl\":"
	               "\"https://app.example/onboard/ok\","
	               "\"failureRedirectUrl\":"
	               "\"https://app.example/onboard/fail?x=1\","
	               "\"expiresAt\":\"2026-05-25T23:59:59Z\"}");
	assert_int_equal(l->meta->http_status, 201);
	assert_non_null(l->id);
	assert_non_null(l->url);
	assert_memory_equal(l->url, "https://cloud.gosendapi.com/signup/", 35);
	assert_non_null(strstr(l->url, l->id));
	assert_string_equal(l->status, "pending");
	assert_string_equal(l->expires_at, "2026-05-25T23:59:59Z");
	assert_string_equal(l->success_redirect_url,
	                    "https://app.example/onboard/ok");
	assert_string_equal(l->failure_redirect_url,
	                    "https://app.example/onboard/fail?x=1");
	gosend_setup_link_free(l);

	/* no params: an empty object; offsets and fractions are fine */
	assert_int_equal(
	        gosend_setup_links_create(&l, f->client, c->id, NULL, NULL, &e),
	        0);
	assert_request(f, 2, "POST", target, "{}");
	assert_string_equal(l->status, "pending");
	assert_non_null(l->expires_at);
	assert_null(l->success_redirect_url);
	gosend_setup_link_free(l);

	p = (gosend_setup_link_params)GOSEND_SETUP_LINK_PARAMS_INIT;
	p.expires_at = "2026-05-25T20:59:59.250-03:00";
	assert_int_equal(
	        gosend_setup_links_create(&l, f->client, c->id, &p, NULL, &e),
	        0);
	assert_request(f, 3, "POST", target,
	               "{\"expiresAt\":\"2026-05-25T20:59:59.250-03:00\"}");
	gosend_setup_link_free(l);
	gosend_customer_free(c);

	assert_int_equal(gosend_setup_links_create(&l, f->client, "a/b?c", NULL,
	                                           NULL, &e),
	                 GOSEND_ENOTFOUND);
	assert_null(l);
	assert_request(f, 4, "POST",
	               "/v1/admin/customers/a%2Fb%3Fc/setup-links", "{}");
	assert_string_equal(e->message, "Customer not found");
	gosend_error_free(e);

	assert_int_equal(gsmock_queue_response(f->mock, 403, NULL, NULL,
	                                       "{\"statusCode\":403,"
	                                       "\"message\":\"no\"}"),
	                 0);
	assert_int_equal(
	        gosend_setup_links_create(&l, f->client, "1", NULL, NULL, &e),
	        GOSEND_EFORBIDDEN);
	gosend_error_free(e);
}

static void test_admin__bad_input_sends_nothing(void **state)
{
	fixture *f = *state;
	gosend_customer_params p = GOSEND_CUSTOMER_PARAMS_INIT;
	gosend_setup_link_params lp = GOSEND_SETUP_LINK_PARAMS_INIT;
	gosend_customer *c = (gosend_customer *)1;
	gosend_setup_link *l = (gosend_setup_link *)1;
	gosend_error *e = NULL;
	static const char *const bad_emails[] = {
	        "plain", "@x.y", "a@", "a@b@c", "a b@c.d", "a@b.c\r\n"};
	static const char *const bad_phones[] = {
	        "", "abc", "+54 11 x", "()",
	        "123456789012345678901234567890123"};
	static const char *const bad_meta[] = {"[]", "\"x\"", "{", "{} {}",
	                                       "null"};
	static const char *const bad_dates[] = {"2026-05-25",
	                                        "2026-05-25T23:59:59",
	                                        "tomorrow",
	                                        "2026-13-01T00:00:00Z",
	                                        "2026-05-25 23:59:59Z",
	                                        "2026-05-25T24:00:00Z",
	                                        "2026-05-25T23:59:59+5",
	                                        "2026-05-25T23:59:59Zjunk",
	                                        "2026-05-25T23:59:59.Z"};
	size_t i;

	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "42", NULL, NULL, &e),
	        &e, "params");
	assert_null(c);
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), &e,
	        "name");
	p.name = "";
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), &e,
	        "name");
	p.name = "Line\nbreak";
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), &e,
	        "name");
	p.name = "bad \xC3";
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), &e,
	        "name");
	p.name = "Ok";
	p.external_id = "";
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), &e,
	        "external_id");
	p.external_id = NULL;
	for (i = 0; i < sizeof(bad_emails) / sizeof(bad_emails[0]); i++) {
		p.email = bad_emails[i];
		assert_refused(f, 0,
		               gosend_customers_create(&c, f->client, "42", &p,
		                                       NULL, &e),
		               &e, "email");
	}
	p.email = NULL;
	for (i = 0; i < sizeof(bad_phones) / sizeof(bad_phones[0]); i++) {
		p.phone = bad_phones[i];
		assert_refused(f, 0,
		               gosend_customers_create(&c, f->client, "42", &p,
		                                       NULL, &e),
		               &e, "phone");
	}
	p.phone = NULL;
	for (i = 0; i < sizeof(bad_meta) / sizeof(bad_meta[0]); i++) {
		p.metadata_json = bad_meta[i];
		assert_refused(f, 0,
		               gosend_customers_create(&c, f->client, "42", &p,
		                                       NULL, &e),
		               &e, "metadata");
	}
	p.metadata_json = NULL;
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "..", &p, NULL, &e), &e,
	        "tenant_id");
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, NULL, &p, NULL, &e), &e,
	        "tenant_id");
	assert_refused(f, 0,
	               gosend_customers_create(&c, NULL, "42", &p, NULL, &e),
	               &e, "client");
	p.version = 2;
	assert_refused(
	        f, 0,
	        gosend_customers_create(&c, f->client, "42", &p, NULL, &e), &e,
	        "params.version");

	lp.success_redirect_url = "https://app.example/ok\r\nSet-Cookie: x";
	assert_refused(
	        f, 0,
	        gosend_setup_links_create(&l, f->client, "1", &lp, NULL, &e),
	        &e, "success_redirect_url");
	assert_null(l);
	lp.success_redirect_url = NULL;
	lp.failure_redirect_url = "/relative";
	assert_refused(
	        f, 0,
	        gosend_setup_links_create(&l, f->client, "1", &lp, NULL, &e),
	        &e, "failure_redirect_url");
	lp.failure_redirect_url = NULL;
	for (i = 0; i < sizeof(bad_dates) / sizeof(bad_dates[0]); i++) {
		lp.expires_at = bad_dates[i];
		assert_refused(f, 0,
		               gosend_setup_links_create(&l, f->client, "1",
		                                         &lp, NULL, &e),
		               &e, "expires_at");
	}
	lp.expires_at = NULL;
	assert_refused(
	        f, 0,
	        gosend_setup_links_create(&l, f->client, "", &lp, NULL, &e), &e,
	        "customer_id");
	assert_refused(
	        f, 0,
	        gosend_setup_links_create(NULL, f->client, "1", &lp, NULL, &e),
	        &e, "out");
	lp.version = 0;
	assert_refused(
	        f, 0,
	        gosend_setup_links_create(&l, f->client, "1", &lp, NULL, &e),
	        &e, "params.version");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_admin__create_customer,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_admin__customer_errors,
	                                        setup, ts_teardown),
	        cmocka_unit_test_setup_teardown(test_admin__setup_link, setup,
	                                        ts_teardown),
	        cmocka_unit_test_setup_teardown(
	                test_admin__bad_input_sends_nothing, setup,
	                ts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
