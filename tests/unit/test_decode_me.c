/* GET /me decoder on fixtures: good, variants, missing, wrong types (an
 * unusable id fails, another field of the wrong type is left unset). */
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

#include "call/endpoint.h"
#include "gosendapi/gosendapi.h"
#include "json/types.h"

/* The /me decoder on a body, as GET /me answers are decoded. */
static int me_decode(gosend_me **me, const char *body, size_t len,
                     gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__decode(&gosend__type_me, GOSEND__ONE, body, len, &obj,
	                        err);

	*me = obj;
	return rc;
}

static gosend_me *decode(const char *fixture, int expect,
                         gosend_error **err_out)
{
	gosend_me *me = NULL;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);

	assert_int_equal(me_decode(&me, body, len, &err), expect);
	free(body);
	if (expect == 0) {
		assert_non_null(me);
		assert_null(err);
	} else {
		assert_null(me);
		assert_non_null(err);
		assert_int_equal(err->code, expect);
	}
	if (err_out)
		*err_out = err;
	else
		gosend_error_free(err);
	return me;
}

static void test_decode_me__camel_case(void **state)
{
	gosend_me *me = decode("me/good.json", 0, NULL);

	(void)state;
	assert_int_equal(me->struct_version, 1);
	assert_string_equal(me->id, "42");
	assert_string_equal(me->name, "Acme Production");
	assert_string_equal(me->webhook_url, "https://acme.example/hooks");
	assert_string_equal(me->created_at, "2026-01-15T10:00:00Z");
	assert_null(me->external_id);
	assert_null(me->api_key_prefix);
	assert_non_null(strstr(me->raw_json, "Acme Production"));
	assert_non_null(me->meta);
	assert_int_equal(me->meta->total_count, -1);
	gosend_me_free(me);
}

static void test_decode_me__snake_case(void **state)
{
	gosend_me *me = decode("me/snake.json", 0, NULL);

	(void)state;
	assert_string_equal(me->webhook_url, "https://acme.example/h");
	assert_string_equal(me->created_at, "2026-01-15T10:00:00Z");
	assert_string_equal(me->external_id, "ext-1");
	assert_string_equal(me->api_key_prefix, "gsk_test");
	gosend_me_free(me);
}

static void test_decode_me__numeric_id_up_to_2_pow_53(void **state)
{
	gosend_me *me = decode("me/numeric_id.json", 0, NULL);

	(void)state;
	assert_string_equal(me->id, "9007199254740992");
	gosend_me_free(me);
}

static void test_decode_me__bad_ids_are_protocol_errors(void **state)
{
	gosend_error *err = NULL;

	(void)state;
	decode("me/huge_id.json", GOSEND_EPROTOCOL, &err);
	assert_string_equal(err->field, "id");
	assert_non_null(strstr(err->message, "'id'"));
	gosend_error_free(err);
	decode("me/fraction_id.json", GOSEND_EPROTOCOL, NULL);
	decode("me/missing_id.json", GOSEND_EPROTOCOL, &err);
	assert_string_equal(err->field, "id");
	gosend_error_free(err);
}

static void test_decode_me__nulls_are_absent(void **state)
{
	gosend_me *me = decode("me/null_fields.json", 0, NULL);

	(void)state;
	assert_string_equal(me->id, "7");
	assert_null(me->name);
	assert_null(me->webhook_url);
	assert_null(me->created_at);
	assert_null(me->external_id);
	gosend_me_free(me);
}

static void test_decode_me__wrong_type_is_unset(void **state)
{
	gosend_me *me = decode("me/wrong_type.json", 0, NULL);

	(void)state;
	assert_string_equal(me->id, "7");
	assert_null(me->name);
	assert_non_null(strstr(me->raw_json, "\"first\""));
	gosend_me_free(me);

	/* a camelCase spelling of another type gives way to snake_case */
	me = decode("me/camel_wrong_type.json", 0, NULL);
	assert_string_equal(me->webhook_url, "https://acme.example/h");
	assert_null(me->created_at);
	assert_string_equal(me->api_key_prefix, "gsk_live");
	gosend_me_free(me);
}

static void test_decode_me__unknown_fields_ignored(void **state)
{
	gosend_me *me = decode("me/unknown_fields.json", 0, NULL);

	(void)state;
	assert_string_equal(me->id, "8");
	assert_string_equal(me->webhook_url, "https://x.example");
	assert_non_null(strstr(me->raw_json, "\"plan\""));
	gosend_me_free(me);
}

static void test_decode_me__not_an_object(void **state)
{
	(void)state;
	decode("me/array.json", GOSEND_EPROTOCOL, NULL);
	decode("me/truncated.json", GOSEND_EPROTOCOL, NULL);
}

static void test_decode_me__malformed_inline(void **state)
{
	static const char *bodies[] = {
	        "",          "nul",    "{\"id\":\"1\"} x",
	        "{\"id\":}", "\"42\"", "{\"id\":true}"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		gosend_me *me = NULL;
		gosend_error *err = NULL;
		assert_int_equal(
		        me_decode(&me, bodies[i], strlen(bodies[i]), &err),
		        GOSEND_EPROTOCOL);
		assert_null(me);
		assert_non_null(err->message);
		gosend_error_free(err);
	}
}

static void test_decode_me__deep_nesting_is_refused(void **state)
{
	size_t n = 5000, i;
	char *body = malloc(2 * n + 16);
	gosend_me *me = NULL;
	gosend_error *err = NULL;

	(void)state;
	assert_non_null(body);
	for (i = 0; i < n; i++)
		body[i] = '[';
	for (i = 0; i < n; i++)
		body[n + i] = ']';
	body[2 * n] = '\0';
	assert_int_equal(me_decode(&me, body, 2 * n, &err), GOSEND_EPROTOCOL);
	gosend_error_free(err);
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_decode_me__camel_case),
	        cmocka_unit_test(test_decode_me__snake_case),
	        cmocka_unit_test(test_decode_me__numeric_id_up_to_2_pow_53),
	        cmocka_unit_test(test_decode_me__bad_ids_are_protocol_errors),
	        cmocka_unit_test(test_decode_me__nulls_are_absent),
	        cmocka_unit_test(test_decode_me__wrong_type_is_unset),
	        cmocka_unit_test(test_decode_me__unknown_fields_ignored),
	        cmocka_unit_test(test_decode_me__not_an_object),
	        cmocka_unit_test(test_decode_me__malformed_inline),
	        cmocka_unit_test(test_decode_me__deep_nesting_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
