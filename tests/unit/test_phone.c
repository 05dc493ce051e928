/* Recipient numbers: gosend_phone_is_valid and gosend_phone_normalize. */
#include "testsupport.h"

#include <string.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/phone.h"

static void expect_normal(const char *in, const char *want)
{
	char *out = NULL;
	gosend_error *err = NULL;

	if (gosend_phone_normalize(&out, in, &err) != 0)
		fail_msg("normalize(\"%s\") failed: %s", in, err->message);
	assert_null(err);
	assert_string_equal(out, want);
	assert_true(gosend_phone_is_valid(out));
	gosend_free(out);
}

static void expect_refused(const char *in)
{
	char *out = (char *)1;
	gosend_error *err = NULL;

	if (gosend_phone_normalize(&out, in, &err) != GOSEND_EINVAL)
		fail_msg("normalize(\"%s\") was accepted", in ? in : "(null)");
	assert_null(out);
	assert_non_null(err);
	assert_int_equal(err->code, GOSEND_EINVAL);
	assert_string_equal(err->field, "phone");
	assert_int_equal(err->attempts, 0);
	gosend_error_free(err);
}

static void test_phone__normalize_formats(void **state)
{
	(void)state;
	expect_normal("+54 9 11 4012-3456", "5491140123456");
	expect_normal("5491140123456", "5491140123456");
	expect_normal("+683 4002", "6834002"); /* Niue: seven digits */
	expect_normal("  +1 (940) 555-1234", "19405551234");
	expect_normal("+49.30.1234.5678", "493012345678");
	expect_normal("+44\t20 7946 0958", "442079460958");
	expect_normal("12345678", "12345678");
	expect_normal("123456789012345", "123456789012345");
}

static void test_phone__normalize_refuses(void **state)
{
	(void)state;
	expect_refused(NULL);
	expect_refused("");
	expect_refused("+");
	expect_refused("   ");
	expect_refused("+54 9 11 CALL-NOW");
	expect_refused("54911401234x6");
	expect_refused("123456");                 /* 6 digits: too short */
	expect_refused("+1 234 56");              /* 6 digits */
	expect_refused("1234567890123456");       /* 16 digits: too long */
	expect_refused("+54 9 11 4012-3456 999"); /* 16 digits */
	expect_refused("++5491140123456");
	expect_refused("54+91140123456");
	expect_refused("0054 9 11 4012 3456"); /* 00 prefix not stripped */
	expect_refused("+0491140123456");
	expect_refused("5491140123456\n");
	expect_refused("549114012345\xd9\xa6"); /* Arabic-Indic digit */
	expect_refused("5491140123456;");
}

static void test_phone__normalize_null_out(void **state)
{
	gosend_error *err = NULL;

	(void)state;
	assert_int_equal(gosend_phone_normalize(NULL, "5491140123456", &err),
	                 GOSEND_EINVAL);
	assert_string_equal(err->field, "out");
	gosend_error_free(err);
	assert_int_equal(gosend_phone_normalize(NULL, "x", NULL),
	                 GOSEND_EINVAL);
}

static void test_phone__is_valid(void **state)
{
	(void)state;
	assert_true(gosend_phone_is_valid("5491140123456"));
	assert_true(gosend_phone_is_valid("12345678"));
	/* Niue: +683 and four digits, seven in all */
	assert_true(gosend_phone_is_valid("6834002"));
	assert_true(gosend_phone_is_valid("123456789012345"));
	assert_false(gosend_phone_is_valid(NULL));
	assert_false(gosend_phone_is_valid(""));
	assert_false(gosend_phone_is_valid("+5491140123456"));
	assert_false(gosend_phone_is_valid("549 11 40123456"));
	assert_false(gosend_phone_is_valid("123456"));
	assert_false(gosend_phone_is_valid("1234567890123456"));
	assert_false(gosend_phone_is_valid("05491140123"));
	assert_false(gosend_phone_is_valid("54911401234a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_phone__normalize_formats),
	        cmocka_unit_test(test_phone__normalize_refuses),
	        cmocka_unit_test(test_phone__normalize_null_out),
	        cmocka_unit_test(test_phone__is_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
