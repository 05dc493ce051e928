/*
 * Webhook signatures: RFC 4231 HMAC-SHA256 known answers, body/secret pairs
 * computed independently with `openssl dgst -sha256 -hmac`, tampering,
 * every malformed header, rotation lists and argument checks.
 */
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/webhook_events.h"

#define SECRET "whsec_test_secret"
#define BODY   "{\"event\":\"whatsapp.message.delivered\",\"id\":\"evt_1\"}"
/* printf '%s' BODY | openssl dgst -sha256 -hmac 'whsec_test_secret' */
#define BODY_HEX \
	"ca9c9b18a122a6119c3c4d15351cd67fc326224fb73950502b1abdd2d1582b3e"
#define BODY_SIG "sha256=" BODY_HEX
/* printf '%s' BODY | openssl dgst -sha256 -hmac 'whsec_other' */
#define BODY_OTHER_HEX \
	"0e7f5537145acaeed11f6916119ccd93969068a3b2dbff238bb31ce33bc7e595"
/* printf '' | openssl dgst -sha256 -hmac 'whsec_test_secret' */
#define EMPTY_HEX \
	"c6c175a074d482e2b94a0f8c5619f3abd861a511ec3ea7603b906811fd3d9d30"

/* Verify with one secret; the detail's code must equal the result. */
static int verify1(const char *secret, const char *header, const void *body,
                   size_t len, const char **field)
{
	gosend_error *e = (gosend_error *)&e; /* must be reset */
	static char saved[64];
	int rc = gosend_webhook_verify_secret(secret, header, body, len, &e);

	if (rc == 0) {
		assert_null(e);
	} else {
		assert_non_null(e);
		assert_int_equal(e->code, rc);
		assert_non_null(e->message);
		saved[0] = '\0';
		if (e->field)
			(void)snprintf(saved, sizeof(saved), "%s", e->field);
		if (field)
			*field = saved;
	}
	gosend_error_free(e);
	return rc;
}

/* Sign, compare with the expected hex, then verify the result. */
static void sign_and_check(const char *secret, const void *body, size_t len,
                           const char *hex)
{
	char *sig = NULL;
	char expected[80];

	(void)snprintf(expected, sizeof(expected), "sha256=%s", hex);
	assert_int_equal(gosend_webhook_sign(&sig, secret, body, len, NULL), 0);
	assert_non_null(sig);
	assert_string_equal(sig, expected);
	assert_int_equal(verify1(secret, sig, body, len, NULL), 0);
	gosend_free(sig);
}

/* ---- RFC 4231 --------------------------------------------------------- */

static void test_webhook_sig__rfc4231_case1(void **state)
{
	char key[21];
	(void)state;
	memset(key, 0x0b, 20);
	key[20] = '\0';
	sign_and_check(key, "Hi There", 8,
	               "b0344c61d8db38535ca8afceaf0bf12b"
	               "881dc200c9833da726e9376c2e32cff7");
}

static void test_webhook_sig__rfc4231_case2(void **state)
{
	static const char data[] = "what do ya want for nothing?";
	(void)state;
	sign_and_check("Jefe", data, sizeof(data) - 1,
	               "5bdcc146bf60754e6a042426089575c7"
	               "5a003f089d2739839dec58b964ec3843");
}

static void test_webhook_sig__rfc4231_case3(void **state)
{
	char key[21];
	unsigned char data[50];
	(void)state;
	memset(key, 0xaa, 20);
	key[20] = '\0';
	memset(data, 0xdd, sizeof(data));
	sign_and_check(key, data, sizeof(data),
	               "773ea91e36800e46854db8ebd09181a7"
	               "2959098b3ef8c122d9635514ced565fe");
}

static void test_webhook_sig__rfc4231_case4(void **state)
{
	char key[26];
	unsigned char data[50];
	int i;
	(void)state;
	for (i = 0; i < 25; i++)
		key[i] = (char)(i + 1);
	key[25] = '\0';
	memset(data, 0xcd, sizeof(data));
	sign_and_check(key, data, sizeof(data),
	               "82558a389a443c0ea4cc819899f2083a"
	               "85f0faa3e578f8077a2e3ff46729665b");
}

static void test_webhook_sig__rfc4231_case6(void **state)
{
	static const char data[] =
	        "Test Using Larger Than Block-Size Key - Hash Key First";
	char key[132];
	(void)state;
	memset(key, 0xaa, 131);
	key[131] = '\0';
	sign_and_check(key, data, sizeof(data) - 1,
	               "60e431591ee0b67f0d8a26aacbf5b77f"
	               "8e0bc6213728c5140546040f0ee37f54");
}

static void test_webhook_sig__rfc4231_case7(void **state)
{
	static const char data[] =
	        "This is a test using a larger than block-size key and a "
	        "larger than block-size data. The key needs to be hashed "
	        "before being used by the HMAC algorithm.";
	char key[132];
	(void)state;
	memset(key, 0xaa, 131);
	key[131] = '\0';
	sign_and_check(key, data, sizeof(data) - 1,
	               "9b09ffa71b942fcb27635fbcd5b0e944"
	               "bfdc63644f0713938a7f51535c3a35e2");
}

/* ---- whsec_ secrets (computed with openssl dgst -hmac) ---------------- */

static void test_webhook_sig__whsec_pairs(void **state)
{
	(void)state;
	sign_and_check(SECRET, BODY, strlen(BODY), BODY_HEX);
	sign_and_check("whsec_other", BODY, strlen(BODY), BODY_OTHER_HEX);
	sign_and_check(SECRET, "", 0, EMPTY_HEX);
	sign_and_check(SECRET, NULL, 0, EMPTY_HEX);
}

/* The raw bytes of a fixture file, newline and UTF-8 included. */
static void test_webhook_sig__fixture_raw_bytes(void **state)
{
	size_t len;
	char *body = ts_fixture("events/message_received.json", &len);
	char *failed = ts_fixture("events/message_failed_meta.json", NULL);
	(void)state;
	/* openssl dgst -sha256 -hmac 'whsec_a1b2c3d4e5f6a7b8c9d0e1f2' FILE */
	sign_and_check("whsec_a1b2c3d4e5f6a7b8c9d0e1f2", body, len,
	               "f0d4c1217c88f5ff84873a83b931b574"
	               "305cafa0f4ada81922a2f2124dbd15cf");
	sign_and_check("whsec_a1b2c3d4e5f6a7b8c9d0e1f2", failed, strlen(failed),
	               "2a2432458141fb4235482430714acd12"
	               "35a2a1cb2faef1af76f94c9502cf670b");
	/* Without the trailing newline the signature no longer matches. */
	assert_int_equal(
	        verify1("whsec_a1b2c3d4e5f6a7b8c9d0e1f2",
	                "sha256=f0d4c1217c88f5ff84873a83b931b574305cafa0f4ad"
	                "a81922a2f2124dbd15cf",
	                body, len - 1, NULL),
	        GOSEND_ESIGNATURE);
	free(body);
	free(failed);
}

/* ---- verification ----------------------------------------------------- */

static void test_webhook_sig__valid(void **state)
{
	(void)state;
	assert_int_equal(verify1(SECRET, BODY_SIG, BODY, strlen(BODY), NULL),
	                 0);
}

static void test_webhook_sig__upper_case_hex(void **state)
{
	char header[80];
	size_t i;
	(void)state;
	(void)snprintf(header, sizeof(header), "%s", BODY_SIG);
	for (i = 7; header[i]; i++)
		if (header[i] >= 'a' && header[i] <= 'f')
			header[i] = (char)(header[i] - 'a' + 'A');
	assert_int_equal(verify1(SECRET, header, BODY, strlen(BODY), NULL), 0);
	/* mixed case too */
	header[7] = 'c';
	assert_int_equal(verify1(SECRET, header, BODY, strlen(BODY), NULL), 0);
}

static void test_webhook_sig__surrounding_whitespace(void **state)
{
	(void)state;
	assert_int_equal(
	        verify1(SECRET, "  " BODY_SIG "\t", BODY, strlen(BODY), NULL),
	        0);
	assert_int_equal(verify1(SECRET, "\r\n " BODY_SIG " \r\n", BODY,
	                         strlen(BODY), NULL),
	                 0);
}

static void test_webhook_sig__tampered_body(void **state)
{
	char body[] = BODY;
	const char *field = NULL;
	(void)state;
	body[30] ^= 0x01; /* one bit */
	assert_int_equal(verify1(SECRET, BODY_SIG, body, strlen(body), &field),
	                 GOSEND_ESIGNATURE);
	assert_string_equal(field, "signature_header");
	/* one byte more, one byte less */
	assert_int_equal(
	        verify1(SECRET, BODY_SIG, BODY, strlen(BODY) - 1, NULL),
	        GOSEND_ESIGNATURE);
	assert_int_equal(
	        verify1(SECRET, BODY_SIG, BODY " ", strlen(BODY) + 1, NULL),
	        GOSEND_ESIGNATURE);
}

static void test_webhook_sig__tampered_signature(void **state)
{
	char header[] = BODY_SIG;
	size_t i;
	(void)state;
	/* every position of the hex, one digit changed */
	for (i = 7; i < sizeof(header) - 1; i++) {
		char saved = header[i];
		header[i] = saved == '0' ? '1' : '0';
		assert_int_equal(
		        verify1(SECRET, header, BODY, strlen(BODY), NULL),
		        GOSEND_ESIGNATURE);
		header[i] = saved;
	}
	assert_int_equal(verify1(SECRET, header, BODY, strlen(BODY), NULL), 0);
}

static void test_webhook_sig__wrong_secret(void **state)
{
	(void)state;
	assert_int_equal(
	        verify1("whsec_other", BODY_SIG, BODY, strlen(BODY), NULL),
	        GOSEND_ESIGNATURE);
	/* a secret is the whole string: without the prefix it differs */
	assert_int_equal(
	        verify1("test_secret", BODY_SIG, BODY, strlen(BODY), NULL),
	        GOSEND_ESIGNATURE);
}

static void test_webhook_sig__malformed_headers(void **state)
{
	static const char *const bad[] = {
	        "",
	        "   ",
	        BODY_HEX,            /* no prefix */
	        "sha1=" BODY_HEX,    /* other algorithm */
	        "SHA256=" BODY_HEX,  /* prefix is exact */
	        "sha512=" BODY_HEX,  /* other algorithm */
	        "sha256=",           /* no digits */
	        "sha256",            /* no '=' */
	        "sha256 =" BODY_HEX, /* space before '=' */
	        "sha256= " BODY_HEX, /* space after '=' */
	        "sha256=ca9c9b18a122a6119c3c4d15 351cd67fc326224fb7395"
	        "0502b1abdd2d1582b3e",   /* space inside */
	        "sha256=" BODY_HEX "0",  /* odd length, too long */
	        "sha256=" BODY_HEX "00", /* too long */
	        "sha256=ca9c9b18a122a6119c3c4d15351cd67fc326224fb73950502b"
	        "1abdd2d1582b3", /* odd length, too short */
	        "sha256=ca9c9b18a122a6119c3c4d15351cd67fc326224fb73950502b"
	        "1abdd2d1582b",    /* truncated */
	        "sha256=ca9c9b18", /* truncated */
	        "sha256=ga9c9b18a122a6119c3c4d15351cd67fc326224fb73950502b"
	        "1abdd2d1582b3e", /* non-hex */
	        "sha256=0xa9c9b18a122a6119c3c4d15351cd67fc326224fb73950502"
	        "b1abdd2d1582b3e",           /* 0x */
	        "sha256=" BODY_HEX ",",      /* empty last entry */
	        "," BODY_SIG,                /* empty first entry */
	        BODY_SIG ",," BODY_SIG,      /* empty middle entry */
	        BODY_SIG ", sha1=" BODY_HEX, /* one bad entry */
	        BODY_SIG ";" BODY_SIG,       /* other separator */
	        "t=1716030120,v1=" BODY_HEX, /* another scheme */
	        BODY_SIG " " BODY_SIG,       /* space, not comma */
	        BODY_SIG "\n," BODY_SIG,     /* line break inside */
	        "sha256=ca9c9b18a122a6119c3c4d15351cd67f 326224fb73950502b"
	        "1abdd2d1582b3e", /* 64 characters, one a space */
	        BODY_SIG "," BODY_SIG "," BODY_SIG "," BODY_SIG "," BODY_SIG
	                 "," BODY_SIG "," BODY_SIG "," BODY_SIG
	                 "," BODY_SIG, /* 9 */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *field = NULL;
		int rc = verify1(SECRET, bad[i], BODY, strlen(BODY), &field);
		if (rc != GOSEND_EPROTOCOL)
			fail_msg("header #%lu \"%s\": got %d", (unsigned long)i,
			         bad[i], rc);
		assert_string_equal(field, "signature_header");
	}
}

static void test_webhook_sig__missing_header(void **state)
{
	const char *field = NULL;
	(void)state;
	assert_int_equal(verify1(SECRET, NULL, BODY, strlen(BODY), &field),
	                 GOSEND_EPROTOCOL);
	assert_string_equal(field, "signature_header");
}

static void test_webhook_sig__several_entries(void **state)
{
	(void)state;
	/* the matching entry anywhere, spaces around entries allowed */
	assert_int_equal(verify1(SECRET, "sha256=" BODY_OTHER_HEX ", " BODY_SIG,
	                         BODY, strlen(BODY), NULL),
	                 0);
	assert_int_equal(verify1(SECRET, BODY_SIG " ,\tsha256=" BODY_OTHER_HEX,
	                         BODY, strlen(BODY), NULL),
	                 0);
	/* eight entries is the maximum */
	assert_int_equal(
	        verify1(SECRET,
	                "sha256=" BODY_OTHER_HEX ",sha256=" BODY_OTHER_HEX
	                ",sha256=" BODY_OTHER_HEX ",sha256=" BODY_OTHER_HEX
	                ",sha256=" BODY_OTHER_HEX ",sha256=" BODY_OTHER_HEX
	                ",sha256=" BODY_OTHER_HEX "," BODY_SIG,
	                BODY, strlen(BODY), NULL),
	        0);
	/* none matching */
	assert_int_equal(verify1(SECRET,
	                         "sha256=" BODY_OTHER_HEX ",sha256=" EMPTY_HEX,
	                         BODY, strlen(BODY), NULL),
	                 GOSEND_ESIGNATURE);
}

static void test_webhook_sig__rotation_list(void **state)
{
	const char *secrets[] = {"whsec_new_one", SECRET};
	const char *reversed[] = {SECRET, "whsec_new_one"};
	const char *neither[] = {"whsec_new_one", "whsec_older"};
	gosend_error *e = NULL;
	(void)state;
	assert_int_equal(gosend_webhook_verify(secrets, 2, BODY_SIG, BODY,
	                                       strlen(BODY), &e),
	                 0);
	assert_null(e);
	assert_int_equal(gosend_webhook_verify(reversed, 2, BODY_SIG, BODY,
	                                       strlen(BODY), &e),
	                 0);
	assert_int_equal(gosend_webhook_verify(secrets, 1, BODY_SIG, BODY,
	                                       strlen(BODY), &e),
	                 GOSEND_ESIGNATURE);
	gosend_error_free(e);
	assert_int_equal(gosend_webhook_verify(neither, 2, BODY_SIG, BODY,
	                                       strlen(BODY), NULL),
	                 GOSEND_ESIGNATURE);
	/* sender signing with two secrets during its own rotation */
	assert_int_equal(gosend_webhook_verify(secrets, 1,
	                                       "sha256=" BODY_OTHER_HEX
	                                       "," BODY_SIG,
	                                       BODY, strlen(BODY), NULL),
	                 GOSEND_ESIGNATURE);
	assert_int_equal(gosend_webhook_verify(reversed, 1,
	                                       "sha256=" BODY_OTHER_HEX
	                                       "," BODY_SIG,
	                                       BODY, strlen(BODY), NULL),
	                 0);
}

static void expect_einval(const char *const *secrets, size_t n,
                          const char *header, const void *body, size_t len,
                          const char *field)
{
	gosend_error *e = NULL;
	assert_int_equal(
	        gosend_webhook_verify(secrets, n, header, body, len, &e),
	        GOSEND_EINVAL);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_EINVAL);
	assert_string_equal(e->field, field);
	gosend_error_free(e);
}

static void test_webhook_sig__invalid_arguments(void **state)
{
	const char *ok[] = {SECRET};
	const char *with_null[] = {SECRET, NULL};
	const char *with_empty[] = {"", SECRET};
	gosend_error *e = NULL;
	char *sig = (char *)"untouched";
	(void)state;
	expect_einval(NULL, 1, BODY_SIG, BODY, strlen(BODY), "secrets");
	expect_einval(ok, 0, BODY_SIG, BODY, strlen(BODY), "secrets");
	expect_einval(with_null, 2, BODY_SIG, BODY, strlen(BODY), "secrets");
	expect_einval(with_empty, 2, BODY_SIG, BODY, strlen(BODY), "secrets");
	expect_einval(ok, 1, BODY_SIG, NULL, 5, "body");
	/* argument errors win over a missing header: a configuration bug */
	expect_einval(with_empty, 2, NULL, BODY, strlen(BODY), "secrets");

	assert_int_equal(gosend_webhook_verify_secret(NULL, BODY_SIG, BODY,
	                                              strlen(BODY), &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "secret");
	gosend_error_free(e);
	assert_int_equal(gosend_webhook_verify_secret("", BODY_SIG, BODY,
	                                              strlen(BODY), NULL),
	                 GOSEND_EINVAL);

	assert_int_equal(gosend_webhook_sign(NULL, SECRET, BODY, 1, &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "out_header_value");
	gosend_error_free(e);
	assert_int_equal(gosend_webhook_sign(&sig, NULL, BODY, 1, &e),
	                 GOSEND_EINVAL);
	assert_null(sig);
	assert_string_equal(e->field, "secret");
	gosend_error_free(e);
	assert_int_equal(gosend_webhook_sign(&sig, "", BODY, 1, NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gosend_webhook_sign(&sig, SECRET, NULL, 1, &e),
	                 GOSEND_EINVAL);
	assert_null(sig);
	assert_string_equal(e->field, "body");
	gosend_error_free(e);
}

static void test_webhook_sig__binary_body(void **state)
{
	/* NUL bytes and high bytes are part of the signed data */
	static const unsigned char body[] = {0x00, 0xff, 0x7b, 0x00, 0x0a};
	char *a = NULL, *b = NULL;
	(void)state;
	assert_int_equal(gosend_webhook_sign(&a, SECRET, body, 5, NULL), 0);
	assert_int_equal(gosend_webhook_sign(&b, SECRET, body, 4, NULL), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(verify1(SECRET, a, body, 5, NULL), 0);
	assert_int_equal(verify1(SECRET, a, body, 4, NULL), GOSEND_ESIGNATURE);
	assert_int_equal(strlen(a), 71);
	gosend_free(a);
	gosend_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_webhook_sig__rfc4231_case1),
	        cmocka_unit_test(test_webhook_sig__rfc4231_case2),
	        cmocka_unit_test(test_webhook_sig__rfc4231_case3),
	        cmocka_unit_test(test_webhook_sig__rfc4231_case4),
	        cmocka_unit_test(test_webhook_sig__rfc4231_case6),
	        cmocka_unit_test(test_webhook_sig__rfc4231_case7),
	        cmocka_unit_test(test_webhook_sig__whsec_pairs),
	        cmocka_unit_test(test_webhook_sig__fixture_raw_bytes),
	        cmocka_unit_test(test_webhook_sig__valid),
	        cmocka_unit_test(test_webhook_sig__upper_case_hex),
	        cmocka_unit_test(test_webhook_sig__surrounding_whitespace),
	        cmocka_unit_test(test_webhook_sig__tampered_body),
	        cmocka_unit_test(test_webhook_sig__tampered_signature),
	        cmocka_unit_test(test_webhook_sig__wrong_secret),
	        cmocka_unit_test(test_webhook_sig__malformed_headers),
	        cmocka_unit_test(test_webhook_sig__missing_header),
	        cmocka_unit_test(test_webhook_sig__several_entries),
	        cmocka_unit_test(test_webhook_sig__rotation_list),
	        cmocka_unit_test(test_webhook_sig__invalid_arguments),
	        cmocka_unit_test(test_webhook_sig__binary_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
