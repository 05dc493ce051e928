/*
 * The template builder without a server: the JSON it produces, Meta's
 * limits (counted in characters), placeholder rules, and that a refused
 * call leaves the builder unchanged.
 */
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/templates.h"

static gosend_template_builder *new_builder(void)
{
	gosend_template_builder *b = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gosend_template_builder_new(&b, "order_update",
	                                             "UTILITY", "en_US", &e),
	                 0);
	assert_null(e);
	assert_non_null(b);
	return b;
}

/* Assert that rc is EINVAL with the given field; free and clear *ep (read
 * only after the call that set it, hence the pointer). */
static void expect_einval(int rc, gosend_error **ep, const char *field)
{
	gosend_error *e = *ep;

	*ep = NULL;
	assert_int_equal(rc, GOSEND_EINVAL);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_EINVAL);
	assert_int_equal(e->http_status, 0);
	assert_string_equal(e->field, field);
	gosend_error_free(e);
}

static void assert_builds(const gosend_template_builder *b,
                          const char *expected)
{
	char *json = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gosend_template_builder_to_json(&json, b, &e), 0);
	assert_null(e);
	ts_assert_json_eq(json, expected);
	gosend_free(json);
}

/* A string of n copies of the UTF-8 character ch. */
static char *repeat(const char *ch, size_t n)
{
	size_t len = strlen(ch), i;
	char *s = malloc(len * n + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[len * n] = '\0';
	return s;
}

static void test_template_builder__full_template_in_meta_shape(void **state)
{
	gosend_template_builder *b = new_builder();
	const char *ex[] = {"Ana", "today"};

	(void)state;
	/* Called out of order: the output is header, body, footer, buttons */
	assert_int_equal(gosend_template_builder_footer(b, "Acme", NULL), 0);
	assert_int_equal(
	        gosend_template_builder_button_quick_reply(b, "Thanks", NULL),
	        0);
	assert_int_equal(
	        gosend_template_builder_body(
	                b, "Hi {{1}}, your order ships {{2}}.", ex, 2, NULL),
	        0);
	assert_int_equal(gosend_template_builder_header_text(b, "Order {{1}}",
	                                                     "#1234", NULL),
	                 0);
	assert_int_equal(gosend_template_builder_button_url(
	                         b, "Track", "https://acme.test/t/{{1}}",
	                         "https://acme.test/t/1234", NULL),
	                 0);
	assert_int_equal(gosend_template_builder_button_phone_number(
	                         b, "Call us", "+15550100", NULL),
	                 0);
	assert_int_equal(
	        gosend_template_builder_button_copy_code(b, "SAVE10", NULL), 0);
	assert_builds(
	        b,
	        "{\"name\":\"order_update\",\"category\":\"UTILITY\","
	        "\"language\":\"en_US\",\"components\":["
	        "{\"type\":\"HEADER\",\"format\":\"TEXT\",\"text\":\"Order "
	        "{{1}}\",\"example\":{\"header_text\":[\"#1234\"]}},"
	        "{\"type\":\"BODY\",\"text\":\"Hi {{1}}, your order ships "
	        "{{2}}.\",\"example\":{\"body_text\":[[\"Ana\",\"today\"]]}},"
	        "{\"type\":\"FOOTER\",\"text\":\"Acme\"},"
	        "{\"type\":\"BUTTONS\",\"buttons\":["
	        "{\"type\":\"QUICK_REPLY\",\"text\":\"Thanks\"},"
	        "{\"type\":\"URL\",\"text\":\"Track\",\"url\":"
	        "\"https://acme.test/t/{{1}}\",\"example\":"
	        "[\"https://acme.test/t/1234\"]},"
	        "{\"type\":\"PHONE_NUMBER\",\"text\":\"Call us\","
	        "\"phone_number\":\"+15550100\"},"
	        "{\"type\":\"COPY_CODE\",\"example\":\"SAVE10\"}]}]}");
	gosend_template_builder_free(b);
}

static void test_template_builder__minimal_and_media_headers(void **state)
{
	gosend_template_builder *b = NULL;
	gosend_error *e = NULL;

	(void)state;
	assert_int_equal(gosend_template_builder_new(&b, "promo_1", "marketing",
	                                             "es_AR", &e),
	                 0);
	assert_int_equal(gosend_template_builder_body(b, "Hola", NULL, 0, &e),
	                 0);
	assert_builds(b, "{\"name\":\"promo_1\",\"category\":\"MARKETING\","
	                 "\"language\":\"es_AR\",\"components\":["
	                 "{\"type\":\"BODY\",\"text\":\"Hola\"}]}");
	assert_int_equal(gosend_template_builder_header_media(
	                         b, GOSEND_TEMPLATE_HEADER_IMAGE,
	                         "https://example.test/banner.jpg", &e),
	                 0);
	assert_builds(b, "{\"name\":\"promo_1\",\"category\":\"MARKETING\","
	                 "\"language\":\"es_AR\",\"components\":["
	                 "{\"type\":\"HEADER\",\"format\":\"IMAGE\","
	                 "\"example\":{\"header_handle\":"
	                 "[\"https://example.test/banner.jpg\"]}},"
	                 "{\"type\":\"BODY\",\"text\":\"Hola\"}]}");
	gosend_template_builder_free(b);

	b = new_builder();
	assert_int_equal(gosend_template_builder_header_media(
	                         b, GOSEND_TEMPLATE_HEADER_VIDEO, NULL, &e),
	                 0);
	assert_int_equal(gosend_template_builder_body(b, "x", NULL, 0, &e), 0);
	assert_builds(b, "{\"name\":\"order_update\",\"category\":\"UTILITY\","
	                 "\"language\":\"en_US\",\"components\":["
	                 "{\"type\":\"HEADER\",\"format\":\"VIDEO\"},"
	                 "{\"type\":\"BODY\",\"text\":\"x\"}]}");
	gosend_template_builder_free(b);

	b = new_builder();
	assert_int_equal(gosend_template_builder_header_location(b, &e), 0);
	expect_einval(gosend_template_builder_header_media(
	                      b, GOSEND_TEMPLATE_HEADER_DOCUMENT, NULL, &e),
	              &e, "header");
	assert_int_equal(gosend_template_builder_body(b, "x", NULL, 0, &e), 0);
	assert_builds(b, "{\"name\":\"order_update\",\"category\":\"UTILITY\","
	                 "\"language\":\"en_US\",\"components\":["
	                 "{\"type\":\"HEADER\",\"format\":\"LOCATION\"},"
	                 "{\"type\":\"BODY\",\"text\":\"x\"}]}");
	gosend_template_builder_free(b);

	b = new_builder();
	expect_einval(gosend_template_builder_header_media(
	                      b, (gosend_template_header_format)7, NULL, &e),
	              &e, "header.format");
	expect_einval(gosend_template_builder_header_media(
	                      b, GOSEND_TEMPLATE_HEADER_IMAGE, "a\nb", &e),
	              &e, "header.example");
	expect_einval(gosend_template_builder_header_media(
	                      b, GOSEND_TEMPLATE_HEADER_IMAGE, "", &e),
	              &e, "header.example");
	gosend_template_builder_free(b);
}

static void test_template_builder__name_category_language(void **state)
{
	static const char *const bad_names[] = {"",
	                                        "Order",
	                                        "order-update",
	                                        "order update",
	                                        "pedido_\xC3\xB1",
	                                        "a.b"};
	static const char *const good_langs[] = {"en",    "en_US", "es_AR",
	                                         "zh_CN", "fil",   "pt_BR"};
	static const char *const bad_langs[] = {"",      "EN",      "e",
	                                        "en-US", "en_",     "english",
	                                        "en_U",  "en_US_X", "en US"};
	gosend_template_builder *b = (gosend_template_builder *)1;
	gosend_error *e = NULL;
	char *name;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		b = (gosend_template_builder *)1;
		expect_einval(gosend_template_builder_new(&b, bad_names[i],
		                                          "UTILITY", "en", &e),
		              &e, "name");
		assert_null(b);
	}
	expect_einval(
	        gosend_template_builder_new(&b, NULL, "UTILITY", "en", &e), &e,
	        "name");
	name = repeat("a", 512);
	assert_int_equal(
	        gosend_template_builder_new(&b, name, "UTILITY", "en", &e), 0);
	gosend_template_builder_free(b);
	free(name);
	name = repeat("a", 513);
	expect_einval(
	        gosend_template_builder_new(&b, name, "UTILITY", "en", &e), &e,
	        "name");
	free(name);

	expect_einval(gosend_template_builder_new(&b, "x", "SERVICE", "en", &e),
	              &e, "category");
	expect_einval(gosend_template_builder_new(&b, "x", NULL, "en", &e), &e,
	              "category");
	expect_einval(gosend_template_builder_new(&b, "x", "", "en", &e), &e,
	              "category");
	assert_int_equal(gosend_template_builder_new(&b, "x", "Authentication",
	                                             "en", &e),
	                 0);
	assert_int_equal(gosend_template_builder_body(b, "x", NULL, 0, &e), 0);
	assert_builds(b, "{\"name\":\"x\",\"category\":\"AUTHENTICATION\","
	                 "\"language\":\"en\",\"components\":["
	                 "{\"type\":\"BODY\",\"text\":\"x\"}]}");
	gosend_template_builder_free(b);

	for (i = 0; i < sizeof(good_langs) / sizeof(good_langs[0]); i++) {
		assert_int_equal(gosend_template_builder_new(&b, "x", "UTILITY",
		                                             good_langs[i], &e),
		                 0);
		gosend_template_builder_free(b);
	}
	for (i = 0; i < sizeof(bad_langs) / sizeof(bad_langs[0]); i++)
		expect_einval(gosend_template_builder_new(&b, "x", "UTILITY",
		                                          bad_langs[i], &e),
		              &e, "language");
	expect_einval(gosend_template_builder_new(&b, "x", "UTILITY", NULL, &e),
	              &e, "language");
	expect_einval(
	        gosend_template_builder_new(NULL, "x", "UTILITY", "en", &e), &e,
	        "out");
}

static void test_template_builder__text_limits_count_characters(void **state)
{
	gosend_template_builder *b = new_builder();
	gosend_error *e = NULL;
	char *s;

	(void)state;
	/* 60 two-byte characters (120 bytes) fit a 60-character header */
	s = repeat("\xC3\xB1", 61);
	expect_einval(gosend_template_builder_header_text(b, s, NULL, &e), &e,
	              "header.text");
	s[120] = '\0';
	assert_int_equal(gosend_template_builder_header_text(b, s, NULL, &e),
	                 0);
	free(s);

	s = repeat("\xF0\x9F\x98\x80", 1025); /* emoji, 4 bytes each */
	expect_einval(gosend_template_builder_body(b, s, NULL, 0, &e), &e,
	              "body.text");
	s[1024 * 4] = '\0';
	assert_int_equal(gosend_template_builder_body(b, s, NULL, 0, &e), 0);
	free(s);

	s = repeat("f", 61);
	expect_einval(gosend_template_builder_footer(b, s, &e), &e,
	              "footer.text");
	s[60] = '\0';
	assert_int_equal(gosend_template_builder_footer(b, s, &e), 0);
	free(s);

	s = repeat("q", 26);
	expect_einval(gosend_template_builder_button_quick_reply(b, s, &e), &e,
	              "buttons.text");
	s[25] = '\0';
	assert_int_equal(gosend_template_builder_button_quick_reply(b, s, &e),
	                 0);
	free(s);
	gosend_template_builder_free(b);

	b = new_builder();
	expect_einval(gosend_template_builder_body(b, "", NULL, 0, &e), &e,
	              "body.text");
	expect_einval(gosend_template_builder_body(b, NULL, NULL, 0, &e), &e,
	              "body.text");
	/* invalid UTF-8: lone continuation, overlong, surrogate, truncated */
	expect_einval(gosend_template_builder_body(b, "a\x80", NULL, 0, &e), &e,
	              "body.text");
	expect_einval(gosend_template_builder_body(b, "\xC0\xAF", NULL, 0, &e),
	              &e, "body.text");
	expect_einval(
	        gosend_template_builder_body(b, "\xED\xA0\x80", NULL, 0, &e),
	        &e, "body.text");
	expect_einval(gosend_template_builder_body(b, "\xE2\x82", NULL, 0, &e),
	              &e, "body.text");
	expect_einval(gosend_template_builder_footer(b, "", &e), &e,
	              "footer.text");
	expect_einval(gosend_template_builder_header_text(b, "", NULL, &e), &e,
	              "header.text");
	gosend_template_builder_free(b);
}

static void test_template_builder__placeholders_and_examples(void **state)
{
	gosend_template_builder *b = new_builder();
	gosend_error *e = NULL;
	const char *one[] = {"Ana"};
	const char *two[] = {"Ana", "today"};
	const char *with_null[] = {"Ana", NULL};
	const char *with_empty[] = {"Ana", ""};

	(void)state;
	expect_einval(
	        gosend_template_builder_body(b, "Hi {{1}} {{3}}", two, 2, &e),
	        &e, "body.text");
	expect_einval(gosend_template_builder_body(b, "Hi {{0}}", one, 1, &e),
	              &e, "body.text");
	expect_einval(
	        gosend_template_builder_body(b, "Hi {{1}} {{2}}", one, 1, &e),
	        &e, "body.examples");
	expect_einval(gosend_template_builder_body(b, "Hi", one, 1, &e), &e,
	              "body.examples");
	expect_einval(gosend_template_builder_body(b, "Hi {{1}}", NULL, 1, &e),
	              &e, "body.examples");
	expect_einval(gosend_template_builder_body(b, "Hi {{1}} {{2}}",
	                                           with_null, 2, &e),
	              &e, "body.examples");
	expect_einval(gosend_template_builder_body(b, "Hi {{1}} {{2}}",
	                                           with_empty, 2, &e),
	              &e, "body.examples");
	/* repeated and out-of-order placeholders count once each; text that
	 * only looks like a placeholder is left alone */
	assert_int_equal(
	        gosend_template_builder_body(
	                b, "{{2}} {{1}} {{1}} {{name}} {x}", two, 2, &e),
	        0);
	expect_einval(gosend_template_builder_body(b, "again", NULL, 0, &e), &e,
	              "body");

	expect_einval(
	        gosend_template_builder_header_text(b, "Hi {{2}}", "x", &e), &e,
	        "header.text");
	expect_einval(
	        gosend_template_builder_header_text(b, "{{1}} {{2}}", "x", &e),
	        &e, "header.text");
	expect_einval(
	        gosend_template_builder_header_text(b, "Hi {{1}}", NULL, &e),
	        &e, "header.example");
	expect_einval(gosend_template_builder_header_text(b, "Hi", "x", &e), &e,
	              "header.example");
	expect_einval(
	        gosend_template_builder_header_text(b, "Hi {{1}}", "", &e), &e,
	        "header.example");
	assert_int_equal(gosend_template_builder_header_text(b, "Hi", NULL, &e),
	                 0);
	expect_einval(gosend_template_builder_header_text(b, "Hi", NULL, &e),
	              &e, "header");
	expect_einval(gosend_template_builder_header_location(b, &e), &e,
	              "header");

	expect_einval(gosend_template_builder_footer(b, "Bye {{1}}", &e), &e,
	              "footer.text");
	assert_int_equal(gosend_template_builder_footer(b, "Bye", &e), 0);
	expect_einval(gosend_template_builder_footer(b, "Bye", &e), &e,
	              "footer");
	gosend_template_builder_free(b);
}

static void test_template_builder__buttons(void **state)
{
	gosend_template_builder *b = new_builder();
	gosend_error *e = NULL;
	char *s;
	int i;

	(void)state;
	/* URL rules */
	expect_einval(gosend_template_builder_button_url(b, "Go", "ftp://x",
	                                                 NULL, &e),
	              &e, "buttons.url");
	expect_einval(gosend_template_builder_button_url(
	                      b, "Go", "https://a.test/x y", NULL, &e),
	              &e, "buttons.url");
	expect_einval(gosend_template_builder_button_url(
	                      b, "Go", "https://a.test/\r\nX: y", NULL, &e),
	              &e, "buttons.url");
	expect_einval(gosend_template_builder_button_url(b, "Go", "https://",
	                                                 NULL, &e),
	              &e, "buttons.url");
	expect_einval(
	        gosend_template_builder_button_url(b, "Go", NULL, NULL, &e), &e,
	        "buttons.url");
	expect_einval(gosend_template_builder_button_url(
	                      b, "Go", "https://a.test/{{1}}/x",
	                      "https://a.test/1/x", &e),
	              &e, "buttons.url");
	expect_einval(gosend_template_builder_button_url(
	                      b, "Go", "https://a.test/{{1}}", NULL, &e),
	              &e, "buttons.example");
	expect_einval(
	        gosend_template_builder_button_url(b, "Go", "https://a.test/",
	                                           "https://a.test/1", &e),
	        &e, "buttons.example");
	expect_einval(gosend_template_builder_button_url(
	                      b, "Go", "https://a.test/{{1}}", "1", &e),
	              &e, "buttons.example");
	expect_einval(gosend_template_builder_button_url(
	                      b, "", "https://a.test/", NULL, &e),
	              &e, "buttons.text");
	s = repeat("u", 1990);
	memcpy(s, "https://a.test/", 15);
	assert_int_equal(
	        gosend_template_builder_button_url(b, "One", s, NULL, &e), 0);
	free(s);
	s = repeat("u", 2001);
	memcpy(s, "https://a.test/", 15);
	expect_einval(gosend_template_builder_button_url(b, "Two", s, NULL, &e),
	              &e, "buttons.url");
	free(s);
	assert_int_equal(gosend_template_builder_button_url(
	                         b, "Two", "HTTP://a.test/{{1}}",
	                         "http://a.test/abc", &e),
	                 0);
	expect_einval(gosend_template_builder_button_url(
	                      b, "Three", "https://a.test/", NULL, &e),
	              &e, "buttons");

	/* phone and copy code */
	expect_einval(gosend_template_builder_button_phone_number(
	                      b, "Call", "555-0100", &e),
	              &e, "buttons.phone_number");
	expect_einval(
	        gosend_template_builder_button_phone_number(b, "Call", "+", &e),
	        &e, "buttons.phone_number");
	expect_einval(gosend_template_builder_button_phone_number(
	                      b, "Call", "123456789012345678901", &e),
	              &e, "buttons.phone_number");
	assert_int_equal(gosend_template_builder_button_phone_number(
	                         b, "Call", "12345678901234567890", &e),
	                 0);
	expect_einval(gosend_template_builder_button_phone_number(
	                      b, "Call", "+15550100", &e),
	              &e, "buttons");
	expect_einval(gosend_template_builder_button_copy_code(
	                      b, "1234567890123456", &e),
	              &e, "buttons.example");
	expect_einval(gosend_template_builder_button_copy_code(b, "", &e), &e,
	              "buttons.example");
	assert_int_equal(gosend_template_builder_button_copy_code(
	                         b, "123456789012345", &e),
	                 0);
	expect_einval(gosend_template_builder_button_copy_code(b, "X", &e), &e,
	              "buttons");

	/* 4 so far; 6 quick replies make 10, the 11th is refused */
	for (i = 0; i < 6; i++)
		assert_int_equal(
		        gosend_template_builder_button_quick_reply(b, "Ok", &e),
		        0);
	expect_einval(gosend_template_builder_button_quick_reply(b, "Ok", &e),
	              &e, "buttons");
	gosend_template_builder_free(b);
}

static void test_template_builder__refused_calls_change_nothing(void **state)
{
	gosend_template_builder *b = new_builder();
	gosend_error *e = NULL;
	char *json = NULL;

	(void)state;
	expect_einval(gosend_template_builder_body(b, "Hi {{1}}", NULL, 0, &e),
	              &e, "body.examples");
	expect_einval(gosend_template_builder_to_json(&json, b, &e), &e,
	              "body");
	assert_null(json);
	assert_int_equal(gosend_template_builder_body(b, "Hi", NULL, 0, &e), 0);
	expect_einval(
	        gosend_template_builder_button_url(b, "Go", "bad", NULL, &e),
	        &e, "buttons.url");
	expect_einval(gosend_template_builder_header_text(b, "{{1}}", NULL, &e),
	              &e, "header.example");
	assert_builds(b, "{\"name\":\"order_update\",\"category\":\"UTILITY\","
	                 "\"language\":\"en_US\",\"components\":["
	                 "{\"type\":\"BODY\",\"text\":\"Hi\"}]}");
	gosend_template_builder_free(b);

	expect_einval(gosend_template_builder_body(NULL, "x", NULL, 0, &e), &e,
	              "builder");
	expect_einval(gosend_template_builder_header_text(NULL, "x", NULL, &e),
	              &e, "builder");
	expect_einval(gosend_template_builder_button_quick_reply(NULL, "x", &e),
	              &e, "builder");
	expect_einval(gosend_template_builder_button_url(
	                      NULL, "x", "https://a.test", NULL, &e),
	              &e, "builder");
	expect_einval(gosend_template_builder_components_json(NULL, "[]", &e),
	              &e, "builder");
	expect_einval(gosend_template_builder_to_json(&json, NULL, &e), &e,
	              "builder");
	expect_einval(gosend_template_builder_to_json(NULL, NULL, &e), &e,
	              "out");
	gosend_template_builder_free(NULL);
}

static void test_template_builder__raw_components(void **state)
{
	gosend_template_builder *b = new_builder();
	gosend_error *e = NULL;
	static const char auth[] =
	        "[{\"type\":\"BODY\",\"add_security_recommendation\":true},"
	        "{\"type\":\"FOOTER\",\"code_expiration_minutes\":10},"
	        "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"OTP\","
	        "\"otp_type\":\"COPY_CODE\",\"text\":\"Copy code\"}]}]";

	(void)state;
	expect_einval(gosend_template_builder_components_json(b, "{}", &e), &e,
	              "components");
	expect_einval(gosend_template_builder_components_json(b, "[1]", &e), &e,
	              "components");
	expect_einval(gosend_template_builder_components_json(b, "[{}", &e), &e,
	              "components");
	expect_einval(gosend_template_builder_components_json(b, "[] x", &e),
	              &e, "components");
	expect_einval(gosend_template_builder_components_json(b, NULL, &e), &e,
	              "components");
	assert_int_equal(gosend_template_builder_components_json(b, "[{}]", &e),
	                 0);
	/* a second call replaces the first */
	assert_int_equal(gosend_template_builder_components_json(b, auth, &e),
	                 0);
	expect_einval(gosend_template_builder_body(b, "x", NULL, 0, &e), &e,
	              "components");
	expect_einval(gosend_template_builder_button_quick_reply(b, "x", &e),
	              &e, "components");
	assert_builds(b, "{\"name\":\"order_update\",\"category\":\"UTILITY\","
	                 "\"language\":\"en_US\",\"components\":[{\"type\":"
	                 "\"BODY\",\"add_security_recommendation\":true},"
	                 "{\"type\":\"FOOTER\",\"code_expiration_minutes\":10},"
	                 "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"OTP\","
	                 "\"otp_type\":\"COPY_CODE\",\"text\":\"Copy "
	                 "code\"}]}]}");
	gosend_template_builder_free(b);

	b = new_builder();
	assert_int_equal(gosend_template_builder_footer(b, "x", &e), 0);
	expect_einval(gosend_template_builder_components_json(b, "[]", &e), &e,
	              "components");
	gosend_template_builder_free(b);

	/* an empty array is passed through as given */
	b = new_builder();
	assert_int_equal(
	        gosend_template_builder_components_json(b, " [ ] ", &e), 0);
	/* any byte up to a space around the value is white space */
	assert_int_equal(
	        gosend_template_builder_components_json(b, "\f[]\v\r\n", &e),
	        0);
	assert_builds(b, "{\"name\":\"order_update\",\"category\":\"UTILITY\","
	                 "\"language\":\"en_US\",\"components\":[]}");
	gosend_template_builder_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(
	                test_template_builder__full_template_in_meta_shape),
	        cmocka_unit_test(
	                test_template_builder__minimal_and_media_headers),
	        cmocka_unit_test(test_template_builder__name_category_language),
	        cmocka_unit_test(
	                test_template_builder__text_limits_count_characters),
	        cmocka_unit_test(
	                test_template_builder__placeholders_and_examples),
	        cmocka_unit_test(test_template_builder__buttons),
	        cmocka_unit_test(
	                test_template_builder__refused_calls_change_nothing),
	        cmocka_unit_test(test_template_builder__raw_components),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
