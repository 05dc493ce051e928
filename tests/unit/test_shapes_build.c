/*
 * The shapes of 0.2.0 offline: every limit and every bad input of the
 * reply context, interactive media headers, call-to-action URL, Flow and
 * location request messages and template button parameters is refused
 * with GOSEND_EINVAL naming the field, and a refused call leaves the
 * message as it was. Limits are checked on both sides (the limit passes,
 * one more fails); what the library leaves to the server passes.
 */
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/messages.h"

#define PNID "555123456789"
#define TO   "5491140123456"
#define URL  "https://a.example/x"

/* ---- helpers ---- */

/* Assert rc is EINVAL with err->field == field, then free err. */
static void check_einval(int rc, gosend_error *e, const char *field,
                         const char *what)
{
	if (rc != GOSEND_EINVAL)
		fail_msg("%s: expected GOSEND_EINVAL, got %d", what, rc);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_EINVAL);
	assert_non_null(e->message);
	if (!e->field || strcmp(e->field, field) != 0)
		fail_msg("%s: expected field \"%s\", got \"%s\" (%s)", what,
		         field, e->field ? e->field : "(null)", e->message);
	gosend_error_free(e);
}

#define EXPECT_EINVAL(call, field)                   \
	do {                                         \
		gosend_error *e_ = NULL;             \
		int rc_ = (call);                    \
		check_einval(rc_, e_, field, #call); \
	} while (0)
#define E (&e_)

static char *body_of(const gosend_outgoing *m)
{
	char *json = NULL;
	gosend_error *e = NULL;

	if (gosend_outgoing_to_json(&json, m, &e) != 0)
		fail_msg("to_json failed: %s (field %s)", e->message,
		         e->field ? e->field : "-");
	return json;
}

/* n copies of unit (one code point each time). */
static char *repeat(const char *unit, size_t n)
{
	size_t ul = strlen(unit), i;
	char *s = malloc(ul * n + 1);

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	s[ul * n] = '\0';
	return s;
}

static gosend_outgoing *buttons(void)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_buttons_new(&m, PNID, TO, "Ok?", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "y", "Yes", NULL),
	                 0);
	return m;
}

static gosend_outgoing *cta(void)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "Go", URL, NULL),
	        0);
	return m;
}

/* ---- reply context ---- */

static void test_shapes__reply_to_rules(void **state)
{
	gosend_outgoing *m = buttons();
	char *before = body_of(m), *after;

	(void)state;
	EXPECT_EINVAL(gosend_outgoing_set_reply_to(NULL, "wamid.A", E), "msg");
	EXPECT_EINVAL(gosend_outgoing_set_reply_to(m, "", E),
	              "context.message_id");
	EXPECT_EINVAL(gosend_outgoing_set_reply_to(m, "wamid.\r\nX", E),
	              "context.message_id");
	EXPECT_EINVAL(gosend_outgoing_set_reply_to(m, "wamid.\x7f", E),
	              "context.message_id");
	EXPECT_EINVAL(gosend_outgoing_set_reply_to(m, "wamid.\xc3", E),
	              "context.message_id");
	after = body_of(m);
	assert_string_equal(before, after);
	gosend_free(after);
	/* any length and any other text: the server judges the id */
	after = repeat("w", 4096);
	assert_int_equal(gosend_outgoing_set_reply_to(m, after, NULL), 0);
	free(after);
	assert_int_equal(
	        gosend_outgoing_set_reply_to(m, "wamid.\xc3\xa9/x", NULL), 0);
	after = body_of(m);
	assert_non_null(strstr(after, "\"context\":{\"message_id\":"
	                              "\"wamid.\xc3\xa9/x\"}"));
	gosend_free(after);
	gosend_free(before);
	gosend_outgoing_free(m);
}

/* ---- media headers ---- */

static void test_shapes__header_media_rules(void **state)
{
	gosend_outgoing *m = buttons(), *other = NULL;
	const int img = GOSEND_MESSAGE_TYPE_IMAGE;
	const int doc = GOSEND_MESSAGE_TYPE_DOCUMENT;
	char *before = body_of(m), *after;

	(void)state;
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(NULL, img, URL, NULL, NULL, E),
	        "msg");
	EXPECT_EINVAL(gosend_outgoing_set_header_media(
	                      m, GOSEND_MESSAGE_TYPE_AUDIO, URL, NULL, NULL, E),
	              "interactive.header.type");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, GOSEND_MESSAGE_TYPE_STICKER,
	                                         NULL, "1", NULL, E),
	        "interactive.header.type");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, 0, URL, NULL, NULL, E),
	        "interactive.header.type");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, img, URL, "1", NULL, E),
	        "interactive.header.image");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, img, NULL, NULL, NULL, E),
	        "interactive.header.image");
	EXPECT_EINVAL(gosend_outgoing_set_header_media(m, img, "a.example/x",
	                                               NULL, NULL, E),
	              "interactive.header.image.link");
	EXPECT_EINVAL(gosend_outgoing_set_header_media(
	                      m, img, "https://a.example/a b", NULL, NULL, E),
	              "interactive.header.image.link");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, img, NULL, "1 2", NULL, E),
	        "interactive.header.image.id");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, img, URL, NULL, "a.png", E),
	        "interactive.header.image.filename");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, GOSEND_MESSAGE_TYPE_VIDEO,
	                                         URL, NULL, "a.mp4", E),
	        "interactive.header.video.filename");
	EXPECT_EINVAL(gosend_outgoing_set_header_media(m, doc, URL, NULL,
	                                               "../a.pdf", E),
	              "interactive.header.document.filename");
	EXPECT_EINVAL(gosend_outgoing_set_header_media(m, doc, URL, NULL,
	                                               "a\n.pdf", E),
	              "interactive.header.document.filename");
	EXPECT_EINVAL(
	        gosend_outgoing_set_header_media(m, doc, URL, NULL, "", E),
	        "interactive.header.document.filename");
	after = body_of(m);
	assert_string_equal(before, after);
	gosend_free(after);

	/* kinds that take no media header */
	assert_int_equal(gosend_outgoing_text_new(&other, PNID, TO, "x", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_set_header_media(other, img, URL, NULL,
	                                               NULL, E),
	              "interactive.header");
	gosend_outgoing_free(other);
	assert_int_equal(
	        gosend_outgoing_list_new(&other, PNID, TO, "B", "Open", NULL),
	        0);
	EXPECT_EINVAL(gosend_outgoing_set_header_media(other, img, URL, NULL,
	                                               NULL, E),
	              "interactive.header");
	gosend_outgoing_free(other);
	assert_int_equal(gosend_outgoing_location_request_new(&other, PNID, TO,
	                                                      "Where?", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_set_header_media(other, img, URL, NULL,
	                                               NULL, E),
	              "interactive.header");
	EXPECT_EINVAL(gosend_outgoing_set_header_text(other, "T", E),
	              "interactive.header");
	EXPECT_EINVAL(gosend_outgoing_set_footer(other, "F", E),
	              "interactive.footer");
	/* neither reply buttons nor rows go into the other kinds */
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(other, "a", "A", E),
	              "interactive.action.buttons");
	EXPECT_EINVAL(gosend_outgoing_add_row(other, "a", "A", NULL, E),
	              "interactive.action.sections");
	gosend_outgoing_free(other);
	gosend_free(before);
	gosend_outgoing_free(m);
}

/* ---- call-to-action URL ---- */

static void test_shapes__cta_url_rules(void **state)
{
	gosend_outgoing *m = (gosend_outgoing *)1;
	char *label20 = repeat("\xc3\xa9", GOSEND_CTA_DISPLAY_TEXT_MAX);
	char *label21 = repeat("a", GOSEND_CTA_DISPLAY_TEXT_MAX + 1);
	char *body = repeat("b", GOSEND_INTERACTIVE_BODY_MAX);
	char *body1 = repeat("b", GOSEND_INTERACTIVE_BODY_MAX + 1);
	static const char dt[] = "interactive.action.parameters.display_text";
	static const char url[] = "interactive.action.parameters.url";

	(void)state;
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(NULL, PNID, TO, "B", "Go", URL, E),
	        "out");
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, "B", label21, URL, E),
	        dt);
	assert_null(m);
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, "B", NULL, URL, E),
	        dt);
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "", URL, E), dt);
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "G\to", URL, E),
	        dt);
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "Go", NULL, E),
	        url);
	EXPECT_EINVAL(gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "Go",
	                                          "mailto:a@b.c", E),
	              url);
	EXPECT_EINVAL(gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "Go",
	                                          "https://", E),
	              url);
	EXPECT_EINVAL(gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "Go",
	                                          "https://a.b/\r\nX: y", E),
	              url);
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, body1, "Go", URL, E),
	        "interactive.body.text");
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, PNID, TO, NULL, "Go", URL, E),
	        "interactive.body.text");
	EXPECT_EINVAL(
	        gosend_outgoing_cta_url_new(&m, "", TO, "B", "Go", URL, E),
	        "phone_number_id");
	EXPECT_EINVAL(gosend_outgoing_cta_url_new(&m, PNID, "+54911", "B", "Go",
	                                          URL, E),
	              "to");
	assert_null(m);
	/* the limits themselves pass */
	assert_int_equal(gosend_outgoing_cta_url_new(&m, PNID, TO, body,
	                                             label20, URL, NULL),
	                 0);
	/* header and footer limits of every interactive message */
	free(label21);
	label21 = repeat("h", GOSEND_INTERACTIVE_HEADER_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_set_header_text(m, label21, E),
	              "interactive.header.text");
	free(label21);
	label21 = repeat("f", GOSEND_INTERACTIVE_FOOTER_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_set_footer(m, label21, E),
	              "interactive.footer.text");
	/* a call-to-action takes no reply buttons */
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "a", "A", E),
	              "interactive.action.buttons");
	gosend_free(body_of(m));
	gosend_outgoing_free(m);
	free(label20);
	free(label21);
	free(body);
	free(body1);
}

/* ---- Flow ---- */

static void expect_flow_refused(const gosend_flow_params *fp, const char *field)
{
	gosend_outgoing *m = NULL;
	gosend_error *e = NULL;
	int rc = gosend_outgoing_flow_new(&m, PNID, TO, "B", fp, &e);

	assert_null(m);
	check_einval(rc, e, field, "gosend_outgoing_flow_new");
}

static void test_shapes__flow_rules(void **state)
{
	static const char p[] = "interactive.action.parameters.";
	char field[96];
	gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT, ok;
	gosend_outgoing *m = NULL;
	char *long_cta = repeat("c", 100);

	(void)state;
	fp.flow_id = "42";
	fp.flow_cta = "Open";
	ok = fp;
	EXPECT_EINVAL(gosend_outgoing_flow_new(&m, PNID, TO, "B", NULL, E),
	              "flow");
	fp.version = 0;
	expect_flow_refused(&fp, "flow.version");
	fp.version = GOSEND_FLOW_PARAMS_VERSION + 1;
	expect_flow_refused(&fp, "flow.version");
	(void)snprintf(field, sizeof(field), "%sflow_id", p);
	fp = ok;
	fp.flow_name = "n";
	expect_flow_refused(&fp, field);
	fp.flow_id = NULL;
	fp.flow_name = NULL;
	expect_flow_refused(&fp, field);
	fp.flow_id = "4 2";
	expect_flow_refused(&fp, field);
	fp.flow_id = "";
	expect_flow_refused(&fp, field);
	fp = ok;
	fp.flow_id = NULL;
	fp.flow_name = "a\nb";
	(void)snprintf(field, sizeof(field), "%sflow_name", p);
	expect_flow_refused(&fp, field);
	fp = ok;
	(void)snprintf(field, sizeof(field), "%sflow_cta", p);
	fp.flow_cta = NULL;
	expect_flow_refused(&fp, field);
	fp.flow_cta = "";
	expect_flow_refused(&fp, field);
	fp.flow_cta = "\xff";
	expect_flow_refused(&fp, field);
	fp = ok;
	fp.flow_token = "t\x01";
	(void)snprintf(field, sizeof(field), "%sflow_token", p);
	expect_flow_refused(&fp, field);
	fp = ok;
	fp.flow_action = "Navigate";
	(void)snprintf(field, sizeof(field), "%sflow_action", p);
	expect_flow_refused(&fp, field);
	fp = ok;
	fp.mode = "live";
	(void)snprintf(field, sizeof(field), "%smode", p);
	expect_flow_refused(&fp, field);
	/* the first screen and its data go with navigate only */
	fp = ok;
	fp.flow_action = "data_exchange";
	fp.screen = "S";
	(void)snprintf(field, sizeof(field), "%sflow_action_payload", p);
	expect_flow_refused(&fp, field);
	fp.screen = NULL;
	fp.data_json = "{\"a\":1}";
	expect_flow_refused(&fp, field);
	fp = ok;
	fp.screen = "";
	(void)snprintf(field, sizeof(field), "%sflow_action_payload.screen", p);
	expect_flow_refused(&fp, field);
	/* data: a JSON object with a member */
	(void)snprintf(field, sizeof(field), "%sflow_action_payload.data", p);
	fp = ok;
	fp.data_json = "{}";
	expect_flow_refused(&fp, field);
	fp.data_json = "[1]";
	expect_flow_refused(&fp, field);
	fp.data_json = "{\"a\":";
	expect_flow_refused(&fp, field);
	fp.data_json = "\"a\"";
	expect_flow_refused(&fp, field);
	fp.data_json = "{\"a\":1} x";
	expect_flow_refused(&fp, field);
	/* other fields are checked before the message is made */
	fp = ok;
	EXPECT_EINVAL(gosend_outgoing_flow_new(&m, PNID, TO, "", &fp, E),
	              "interactive.body.text");
	EXPECT_EINVAL(gosend_outgoing_flow_new(&m, PNID, "x", "B", &fp, E),
	              "to");
	assert_null(m);
	/* flow_cta's length is left to the server; data without a screen
	 * takes Meta's first screen */
	fp.flow_cta = long_cta;
	fp.data_json = "{\"a\":[1,2]}";
	assert_int_equal(gosend_outgoing_flow_new(&m, PNID, TO, "B", &fp, NULL),
	                 0);
	gosend_free(body_of(m));
	/* a Flow takes no rows */
	EXPECT_EINVAL(gosend_outgoing_add_section(m, "S", E),
	              "interactive.action.sections");
	gosend_outgoing_free(m);
	free(long_cta);
}

/* ---- location request ---- */

static void test_shapes__location_request_rules(void **state)
{
	gosend_outgoing *m = NULL;
	char *body = repeat("\xe2\x9c\x85", GOSEND_INTERACTIVE_BODY_MAX);
	char *body1 = repeat("b", GOSEND_INTERACTIVE_BODY_MAX + 1);

	(void)state;
	EXPECT_EINVAL(
	        gosend_outgoing_location_request_new(NULL, PNID, TO, "W", E),
	        "out");
	EXPECT_EINVAL(
	        gosend_outgoing_location_request_new(&m, PNID, TO, NULL, E),
	        "interactive.body.text");
	EXPECT_EINVAL(gosend_outgoing_location_request_new(&m, PNID, TO, "", E),
	              "interactive.body.text");
	EXPECT_EINVAL(
	        gosend_outgoing_location_request_new(&m, PNID, TO, body1, E),
	        "interactive.body.text");
	EXPECT_EINVAL(gosend_outgoing_location_request_new(&m, PNID, TO,
	                                                   "\xc0\xaf", E),
	              "interactive.body.text");
	EXPECT_EINVAL(
	        gosend_outgoing_location_request_new(&m, "a b", TO, "W", E),
	        "phone_number_id");
	assert_null(m);
	assert_int_equal(
	        gosend_outgoing_location_request_new(&m, PNID, TO, body, NULL),
	        0);
	assert_int_equal(gosend_outgoing_type(m),
	                 GOSEND_MESSAGE_TYPE_INTERACTIVE);
	gosend_free(body_of(m));
	gosend_outgoing_free(m);
	free(body);
	free(body1);
}

/* ---- template buttons ---- */

static gosend_outgoing *template_with_buttons(void)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(
	        gosend_outgoing_template_new(&m, PNID, TO, "t", "en", NULL), 0);
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BODY, "x", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_button(m, "url", 0, NULL), 0);
	assert_int_equal(
	        gosend_outgoing_template_button(m, "copy_code", 1, NULL), 0);
	assert_int_equal(gosend_outgoing_template_button(m, "flow", 2, NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_button(m, "quick_reply", 3, NULL), 0);
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BUTTON(0), "s", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_coupon_code(
	                         m, GOSEND_TEMPLATE_BUTTON(1), "C", NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_add_flow_action(
	                m, GOSEND_TEMPLATE_BUTTON(2), NULL, NULL, NULL),
	        0);
	assert_int_equal(gosend_outgoing_template_add_payload(
	                         m, GOSEND_TEMPLATE_BUTTON(3), "p", NULL),
	                 0);
	return m;
}

static void test_shapes__template_button_rules(void **state)
{
	gosend_outgoing *m = template_with_buttons();
	const int url = GOSEND_TEMPLATE_BUTTON(0),
	          copy = GOSEND_TEMPLATE_BUTTON(1);
	const int flow = GOSEND_TEMPLATE_BUTTON(2),
	          qr = GOSEND_TEMPLATE_BUTTON(3);
	char *before = body_of(m), *after, *code = repeat("C", 64);

	(void)state;
	/* each button kind takes its own parameter kind */
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(m, url, "X", E),
	              "template.components[1].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_payload(m, url, "X", E),
	              "template.components[1].parameters[1]");
	EXPECT_EINVAL(
	        gosend_outgoing_template_add_flow_action(m, url, "t", NULL, E),
	        "template.components[1].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, copy, "X", E),
	              "template.components[2].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_payload(m, copy, "X", E),
	              "template.components[2].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_flow_action(m, copy, NULL,
	                                                       NULL, E),
	              "template.components[2].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, flow, "X", E),
	              "template.components[3].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(m, flow, "X", E),
	              "template.components[3].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(m, qr, "X", E),
	              "template.components[4].parameters[1]");
	EXPECT_EINVAL(
	        gosend_outgoing_template_add_flow_action(m, qr, NULL, NULL, E),
	        "template.components[4].parameters[1]");
	/* header and body take neither */
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(
	                      m, GOSEND_TEMPLATE_BODY, "X", E),
	              "template.components[0].parameters[1]");
	EXPECT_EINVAL(gosend_outgoing_template_add_flow_action(
	                      m, GOSEND_TEMPLATE_HEADER, NULL, NULL, E),
	              "template.components[5].parameters[0]");
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(
	                      m, GOSEND_TEMPLATE_BUTTON(7), "X", E),
	              "component");
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(m, 99, "X", E),
	              "component");
	/* the values */
	EXPECT_EINVAL(
	        gosend_outgoing_template_add_coupon_code(m, copy, NULL, E),
	        "template.components[2].parameters[1].coupon_code");
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(m, copy, "", E),
	              "template.components[2].parameters[1].coupon_code");
	EXPECT_EINVAL(
	        gosend_outgoing_template_add_coupon_code(m, copy, "A\nB", E),
	        "template.components[2].parameters[1].coupon_code");
	EXPECT_EINVAL(
	        gosend_outgoing_template_add_flow_action(m, flow, "", NULL, E),
	        "template.components[3].parameters[1].action.flow_token");
	EXPECT_EINVAL(gosend_outgoing_template_add_flow_action(m, flow, "t\x1b",
	                                                       NULL, E),
	              "template.components[3].parameters[1].action.flow_token");
	EXPECT_EINVAL(gosend_outgoing_template_add_flow_action(m, flow, NULL,
	                                                       "[]", E),
	              "template.components[3].parameters[1].action."
	              "flow_action_data");
	EXPECT_EINVAL(gosend_outgoing_template_add_flow_action(m, flow, NULL,
	                                                       "{\"a\"}", E),
	              "template.components[3].parameters[1].action."
	              "flow_action_data");
	EXPECT_EINVAL(gosend_outgoing_template_add_flow_action(NULL, flow, NULL,
	                                                       NULL, E),
	              "msg");
	after = body_of(m);
	assert_string_equal(before, after);
	gosend_free(after);
	/* a coupon code's length is left to the server */
	assert_int_equal(
	        gosend_outgoing_template_add_coupon_code(m, copy, code, NULL),
	        0);
	gosend_free(before);
	gosend_outgoing_free(m);
	free(code);
	/* neither applies to other messages */
	m = cta();
	EXPECT_EINVAL(gosend_outgoing_template_add_coupon_code(m, copy, "X", E),
	              "template.components");
	EXPECT_EINVAL(gosend_outgoing_template_add_flow_action(m, flow, NULL,
	                                                       NULL, E),
	              "template.components");
	gosend_outgoing_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_shapes__reply_to_rules),
	        cmocka_unit_test(test_shapes__header_media_rules),
	        cmocka_unit_test(test_shapes__cta_url_rules),
	        cmocka_unit_test(test_shapes__flow_rules),
	        cmocka_unit_test(test_shapes__location_request_rules),
	        cmocka_unit_test(test_shapes__template_button_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
