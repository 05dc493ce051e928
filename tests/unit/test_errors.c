/* Status mapping, strerror and the decoding of API error bodies. */
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

#include "call/exchange.h"
#include "gosendapi/gosendapi.h"

static void test_errors__status_mapping(void **state)
{
	static const struct {
		long status;
		int code;
	} map[] = {
	        {200, GOSEND_OK},
	        {201, GOSEND_OK},
	        {204, GOSEND_OK},
	        {301, GOSEND_EHTTP},
	        {302, GOSEND_EHTTP},
	        {400, GOSEND_EBADREQUEST},
	        {401, GOSEND_EUNAUTHORIZED},
	        {403, GOSEND_EFORBIDDEN},
	        {404, GOSEND_ENOTFOUND},
	        {405, GOSEND_EHTTP},
	        {409, GOSEND_ECONFLICT},
	        {415, GOSEND_EUNSUPPORTED},
	        {422, GOSEND_EUNPROCESSABLE},
	        {429, GOSEND_ERATELIMIT},
	        {500, GOSEND_ESERVER},
	        {502, GOSEND_ESERVER},
	        {503, GOSEND_ESERVER},
	        {504, GOSEND_ESERVER},
	        {599, GOSEND_ESERVER},
	        {100, GOSEND_EHTTP},
	        {0, GOSEND_EHTTP},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		assert_int_equal(gosend_error_code_for_status(map[i].status),
		                 map[i].code);
}

static void test_errors__strerror_names_every_code(void **state)
{
	int code;

	(void)state;
	for (code = GOSEND_OK; code >= GOSEND_ESTORE_FULL; code--) {
		const char *s = gosend_strerror(code);
		assert_non_null(s);
		assert_string_not_equal(s, "unknown error");
	}
	assert_string_equal(gosend_strerror(-1000), "unknown error");
	assert_string_equal(gosend_strerror(GOSEND_ERATELIMIT),
	                    "rate limited (HTTP 429)");
}

static void test_errors__message_array_is_joined(void **state)
{
	gosend_error *e = NULL;
	size_t len;
	char *body = ts_fixture("errors/validation_array.json", &len);

	(void)state;
	assert_int_equal(gosend__error_from_response(&e, 400, body, len),
	                 GOSEND_EBADREQUEST);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_EBADREQUEST);
	assert_int_equal(e->http_status, 400);
	assert_int_equal(e->status_code, 400);
	assert_string_equal(e->error, "Bad Request");
	assert_int_equal(e->messages_count, 2);
	assert_string_equal(e->messages[0], "to must be E164");
	assert_string_equal(e->messages[1], "type must be one of text, image");
	assert_string_equal(e->message,
	                    "to must be E164; type must be one of text, image");
	assert_null(e->details_json);
	assert_int_equal(e->retry_after_s, -1);
	assert_string_equal(e->body, body);
	gosend_error_free(e);
	free(body);
}

static void test_errors__details_and_field(void **state)
{
	gosend_error *e = NULL;
	size_t len;
	char *body = ts_fixture("errors/with_details.json", &len);

	(void)state;
	assert_int_equal(gosend__error_from_response(&e, 400, body, len),
	                 GOSEND_EBADREQUEST);
	assert_string_equal(e->message,
	                    "Validation failed: 'to' must be E164 format");
	assert_string_equal(e->field, "to");
	ts_assert_json_eq(e->details_json,
	                  "{\"field\":\"to\",\"value\":\"+5491140123456\"}");
	gosend_error_free(e);
	free(body);
}

static void test_errors__rate_limit_body(void **state)
{
	gosend_error *e = NULL;
	size_t len;
	char *body = ts_fixture("errors/rate_limit.json", &len);

	(void)state;
	assert_int_equal(gosend__error_from_response(&e, 429, body, len),
	                 GOSEND_ERATELIMIT);
	assert_int_equal(e->retry_after_s, 1);
	assert_null(e->error);
	assert_string_equal(e->message, "Rate limit exceeded for API key");
	gosend_error_free(e);
	free(body);
}

static void test_errors__html_body_still_useful(void **state)
{
	gosend_error *e = NULL;
	size_t len;
	char *body = ts_fixture("errors/proxy_502.html", &len);

	(void)state;
	assert_int_equal(gosend__error_from_response(&e, 502, body, len),
	                 GOSEND_ESERVER);
	assert_int_equal(e->messages_count, 0);
	assert_non_null(strstr(e->message, "HTTP 502"));
	assert_non_null(strstr(e->message, "502 Bad Gateway"));
	assert_null(strchr(e->message, '\n'));
	gosend_error_free(e);
	free(body);
}

static void test_errors__empty_and_odd_bodies(void **state)
{
	static const char *bodies[] = {"",
	                               "null",
	                               "[]",
	                               "\"text\"",
	                               "{\"message\":5}",
	                               "{\"message\":[1,{\"a\":1},\"only\"]}",
	                               "{",
	                               "{\"statusCode\":1e308}"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		gosend_error *e = NULL;
		assert_int_equal(gosend__error_from_response(&e, 404, bodies[i],
		                                             strlen(bodies[i])),
		                 GOSEND_ENOTFOUND);
		assert_non_null(e->message);
		assert_true(strlen(e->message) > 0);
		assert_non_null(e->meta);
		gosend_error_free(e);
	}
}

static void test_errors__free_null(void **state)
{
	(void)state;
	gosend_error_free(NULL);
	gosend_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_errors__status_mapping),
	        cmocka_unit_test(test_errors__strerror_names_every_code),
	        cmocka_unit_test(test_errors__message_array_is_joined),
	        cmocka_unit_test(test_errors__details_and_field),
	        cmocka_unit_test(test_errors__rate_limit_body),
	        cmocka_unit_test(test_errors__html_body_still_useful),
	        cmocka_unit_test(test_errors__empty_and_odd_bodies),
	        cmocka_unit_test(test_errors__free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
