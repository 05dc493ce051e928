/*
 * POST /messages against the mock server for the shapes of 0.2.0: the
 * reply context on every type, interactive media headers, call-to-action
 * URL, Flow and location request messages, and template URL, copy-code
 * and Flow button parameters. Each test checks the exact JSON body that
 * went over the wire; refused input sends nothing.
 */
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/messages.h"

#define KEY   "gsk_test_shapes_wire"
#define PNID  "555123456789"
#define TO    "5491140123456"
#define WAMID "wamid.HBgLNTQ5MTE0MDEyMzQ1NhUCABIYFjNFQjBBMEJDRjQ5"

/* The head of every expected body. */
#define HEAD "{\"phone_number_id\":\"555123456789\",\"to\":\"5491140123456\","
/* The reply context every body of the per-type test carries. */
#define CTX ",\"context\":{\"message_id\":\"" WAMID "\"}}"

typedef ts_fx fx;

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_NO_SLEEP);
}

/* Send m (then free it); the body on the wire is exactly `expected`, a
 * POST /v1/messages with a key, and the mock stored the message. */
static void send_and_check(fx *f, gosend_outgoing *m, const char *expected)
{
	gosend_message_result *res = NULL;
	gosend_error *err = NULL;
	size_t before = gsmock_request_count(f->mock);
	gsmock_request *r;

	if (gosend_messages_send(&res, f->client, m, NULL, &err) != 0)
		fail_msg("send failed: %s (field %s)", err->message,
		         err->field ? err->field : "-");
	assert_null(err);
	assert_int_equal(gsmock_request_count(f->mock), before + 1);
	r = gsmock_request_at(f->mock, before);
	assert_non_null(r);
	assert_string_equal(r->method, "POST");
	assert_string_equal(r->target, "/v1/messages");
	assert_string_equal(gsmock_request_header(r, "Content-Type"),
	                    "application/json");
	assert_non_null(gsmock_request_header(r, "Idempotency-Key"));
	ts_assert_json_eq(r->body, expected);
	assert_non_null(res->id);
	assert_int_equal(strncmp(res->id, "wamid.MOCK", 10), 0);
	gsmock_request_free(r);
	gosend_message_result_free(res);
	gosend_outgoing_free(m);
}

/* ---- the reply context on every type ---- */

static gosend_outgoing *reply(gosend_outgoing *m)
{
	assert_non_null(m);
	assert_int_equal(gosend_outgoing_set_reply_to(m, WAMID, NULL), 0);
	return m;
}

static gosend_outgoing *media(int type, const char *link, const char *id)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(
	        gosend_outgoing_media_new(&m, PNID, TO, type, link, id, NULL),
	        0);
	return reply(m);
}

static void test_shapes__reply_text_template_location(void **state)
{
	fx *f = *state;
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_text_new(&m, PNID, TO, "Hi", NULL), 0);
	send_and_check(f, reply(m),
	               HEAD "\"type\":\"text\",\"text\":{\"body\":\"Hi\"}" CTX);
	assert_int_equal(
	        gosend_outgoing_template_new(&m, PNID, TO, "hello", "en", NULL),
	        0);
	send_and_check(f, reply(m),
	               HEAD "\"type\":\"template\",\"template\":{\"name\":"
	                    "\"hello\",\"language\":{\"code\":\"en\"}}" CTX);
	assert_int_equal(gosend_outgoing_location_new(&m, PNID, TO, -34.5,
	                                              58.25, "Obelisco", NULL,
	                                              NULL),
	                 0);
	send_and_check(f, reply(m),
	               HEAD
	               "\"type\":\"location\",\"location\":{\"latitude\":"
	               "-34.5,\"longitude\":58.25,\"name\":\"Obelisco\"}" CTX);
	assert_int_equal(gosend_outgoing_contacts_new(&m, PNID, TO, NULL), 0);
	assert_int_equal(
	        gosend_outgoing_contact_add(m, "Ana Gil", "Ana", NULL, NULL),
	        0);
	send_and_check(f, reply(m),
	               HEAD "\"type\":\"contacts\",\"contacts\":[{\"name\":{"
	                    "\"formatted_name\":\"Ana Gil\",\"first_name\":"
	                    "\"Ana\"}}]" CTX);
}

static void test_shapes__reply_media(void **state)
{
	fx *f = *state;

	send_and_check(f,
	               media(GOSEND_MESSAGE_TYPE_IMAGE,
	                     "https://a.example/i.png", NULL),
	               HEAD "\"type\":\"image\",\"image\":{\"link\":"
	                    "\"https://a.example/i.png\"}" CTX);
	send_and_check(f, media(GOSEND_MESSAGE_TYPE_VIDEO, NULL, "77"),
	               HEAD "\"type\":\"video\",\"video\":{\"id\":\"77\"}" CTX);
	send_and_check(f, media(GOSEND_MESSAGE_TYPE_AUDIO, NULL, "78"),
	               HEAD "\"type\":\"audio\",\"audio\":{\"id\":\"78\"}" CTX);
	send_and_check(
	        f, media(GOSEND_MESSAGE_TYPE_DOCUMENT, NULL, "79"),
	        HEAD "\"type\":\"document\",\"document\":{\"id\":\"79\"}" CTX);
	send_and_check(f, media(GOSEND_MESSAGE_TYPE_STICKER, NULL, "80"),
	               HEAD
	               "\"type\":\"sticker\",\"sticker\":{\"id\":\"80\"}" CTX);
}

static void test_shapes__reply_interactive(void **state)
{
	fx *f = *state;
	gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT;
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_buttons_new(&m, PNID, TO, "Ok?", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "y", "Yes", NULL),
	                 0);
	send_and_check(f, reply(m),
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{\"type\":"
	               "\"button\",\"body\":{\"text\":\"Ok?\"},\"action\":"
	               "{\"buttons\":[{\"type\":\"reply\",\"reply\":{"
	               "\"id\":\"y\",\"title\":\"Yes\"}}]}}" CTX);
	assert_int_equal(
	        gosend_outgoing_list_new(&m, PNID, TO, "Pick", "Open", NULL),
	        0);
	assert_int_equal(gosend_outgoing_add_row(m, "a", "A", NULL, NULL), 0);
	send_and_check(f, reply(m),
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{\"type\":"
	               "\"list\",\"body\":{\"text\":\"Pick\"},\"action\":"
	               "{\"button\":\"Open\",\"sections\":[{\"rows\":[{"
	               "\"id\":\"a\",\"title\":\"A\"}]}]}}" CTX);
	assert_int_equal(gosend_outgoing_cta_url_new(&m, PNID, TO, "See", "Go",
	                                             "https://a.example", NULL),
	                 0);
	send_and_check(f, reply(m),
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{\"type\":"
	               "\"cta_url\",\"body\":{\"text\":\"See\"},\"action\":"
	               "{\"name\":\"cta_url\",\"parameters\":{"
	               "\"display_text\":\"Go\",\"url\":"
	               "\"https://a.example\"}}}" CTX);
	fp.flow_id = "42";
	fp.flow_cta = "Open";
	assert_int_equal(gosend_outgoing_flow_new(&m, PNID, TO, "F", &fp, NULL),
	                 0);
	send_and_check(f, reply(m),
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{\"type\":"
	               "\"flow\",\"body\":{\"text\":\"F\"},\"action\":{"
	               "\"name\":\"flow\",\"parameters\":{"
	               "\"flow_message_version\":\"3\",\"flow_id\":\"42\","
	               "\"flow_cta\":\"Open\"}}}" CTX);
	assert_int_equal(gosend_outgoing_location_request_new(&m, PNID, TO,
	                                                      "Where?", NULL),
	                 0);
	send_and_check(
	        f, reply(m),
	        HEAD
	        "\"type\":\"interactive\",\"interactive\":{\"type\":"
	        "\"location_request_message\",\"body\":{\"text\":"
	        "\"Where?\"},\"action\":{\"name\":\"send_location\"}}" CTX);
}

/* A context set again replaces the first; NULL takes it away. */
static void test_shapes__reply_replaced_and_removed(void **state)
{
	fx *f = *state;
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_text_new(&m, PNID, TO, "Hi", NULL), 0);
	assert_int_equal(gosend_outgoing_set_reply_to(m, "wamid.A", NULL), 0);
	assert_int_equal(gosend_outgoing_set_reply_to(m, "wamid.B", NULL), 0);
	assert_int_equal(gosend_outgoing_set_reply_to(m, NULL, NULL), 0);
	assert_int_equal(gosend_outgoing_set_reply_to(m, "wamid.C", NULL), 0);
	send_and_check(f, m,
	               HEAD "\"type\":\"text\",\"text\":{\"body\":\"Hi\"},"
	                    "\"context\":{\"message_id\":\"wamid.C\"}}");
	assert_int_equal(gosend_outgoing_text_new(&m, PNID, TO, "Hi", NULL), 0);
	assert_int_equal(gosend_outgoing_set_reply_to(m, "wamid.A", NULL), 0);
	assert_int_equal(gosend_outgoing_set_reply_to(m, NULL, NULL), 0);
	send_and_check(f, m,
	               HEAD "\"type\":\"text\",\"text\":{\"body\":\"Hi\"}}");
}

/* ---- interactive headers with media ---- */

static void test_shapes__button_media_headers(void **state)
{
	fx *f = *state;
	static const char tail[] =
	        "\"body\":{\"text\":\"Ok?\"},\"action\":{\"buttons\":[{"
	        "\"type\":\"reply\",\"reply\":{\"id\":\"y\",\"title\":"
	        "\"Yes\"}}]}}}";
	char expected[1024];
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_buttons_new(&m, PNID, TO, "Ok?", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "y", "Yes", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_header_media(
	                         m, GOSEND_MESSAGE_TYPE_IMAGE,
	                         "https://a.example/h.jpg", NULL, NULL, NULL),
	                 0);
	(void)snprintf(expected, sizeof(expected),
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{"
	               "\"type\":\"button\",\"header\":{\"type\":\"image\","
	               "\"image\":{\"link\":\"https://a.example/h.jpg\"}},"
	               "%s",
	               tail);
	send_and_check(f, m, expected);

	assert_int_equal(gosend_outgoing_buttons_new(&m, PNID, TO, "Ok?", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "y", "Yes", NULL),
	                 0);
	/* a media header replaces a text header */
	assert_int_equal(gosend_outgoing_set_header_text(m, "Title", NULL), 0);
	assert_int_equal(
	        gosend_outgoing_set_header_media(m, GOSEND_MESSAGE_TYPE_VIDEO,
	                                         NULL, "1013", NULL, NULL),
	        0);
	(void)snprintf(expected, sizeof(expected),
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{"
	               "\"type\":\"button\",\"header\":{\"type\":\"video\","
	               "\"video\":{\"id\":\"1013\"}},%s",
	               tail);
	send_and_check(f, m, expected);

	assert_int_equal(gosend_outgoing_buttons_new(&m, PNID, TO, "Ok?", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "y", "Yes", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_header_media(
	                         m, GOSEND_MESSAGE_TYPE_DOCUMENT,
	                         "https://a.example/menu.pdf", NULL, "Menu.pdf",
	                         NULL),
	                 0);
	(void)snprintf(expected, sizeof(expected),
	               HEAD "\"type\":\"interactive\",\"interactive\":{"
	                    "\"type\":\"button\",\"header\":{\"type\":"
	                    "\"document\",\"document\":{\"link\":"
	                    "\"https://a.example/menu.pdf\",\"filename\":"
	                    "\"Menu.pdf\"}},%s",
	               tail);
	send_and_check(f, m, expected);
}

/* ---- call-to-action URL ---- */

static void test_shapes__cta_url(void **state)
{
	fx *f = *state;
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_cta_url_new(
	                         &m, PNID, TO, "Tap to see the dates.",
	                         "See Dates",
	                         "https://shop.example/dates?ref=wa&x=1", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_type(m),
	                 GOSEND_MESSAGE_TYPE_INTERACTIVE);
	assert_int_equal(gosend_outgoing_set_header_text(m, "New dates", NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_set_footer(m, "Subject to change", NULL), 0);
	send_and_check(
	        f, m,
	        HEAD
	        "\"type\":\"interactive\",\"interactive\":{\"type\":"
	        "\"cta_url\",\"body\":{\"text\":\"Tap to see the dates.\"},"
	        "\"action\":{\"name\":\"cta_url\",\"parameters\":{"
	        "\"display_text\":\"See Dates\",\"url\":"
	        "\"https://shop.example/dates?ref=wa&x=1\"}},\"header\":{"
	        "\"type\":\"text\",\"text\":\"New dates\"},\"footer\":{"
	        "\"text\":\"Subject to change\"}}}");

	assert_int_equal(gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "Go",
	                                             "http://a.example/", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_header_media(
	                         m, GOSEND_MESSAGE_TYPE_DOCUMENT, NULL, "55",
	                         "Plan.pdf", NULL),
	                 0);
	send_and_check(f, m,
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{\"type\":"
	               "\"cta_url\",\"body\":{\"text\":\"B\"},\"action\":{"
	               "\"name\":\"cta_url\",\"parameters\":{\"display_text\":"
	               "\"Go\",\"url\":\"http://a.example/\"}},\"header\":{"
	               "\"type\":\"document\",\"document\":{\"id\":\"55\","
	               "\"filename\":\"Plan.pdf\"}}}}");
}

/* ---- Flow ---- */

static void test_shapes__flow_navigate(void **state)
{
	fx *f = *state;
	gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT;
	gosend_outgoing *m = NULL;

	fp.flow_id = "1197715005513101";
	fp.flow_cta = "Book now";
	fp.flow_token = "order-81";
	fp.flow_action = "navigate";
	fp.screen = "BOOKING";
	fp.data_json = " {\"days\": [\"2026-05-20\", \"2026-05-21\"], "
	               "\"n\": 2} ";
	fp.mode = "draft";
	assert_int_equal(
	        gosend_outgoing_flow_new(&m, PNID, TO, "Pick a day", &fp, NULL),
	        0);
	assert_int_equal(gosend_outgoing_set_header_media(
	                         m, GOSEND_MESSAGE_TYPE_IMAGE,
	                         "https://a.example/f.png", NULL, NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_footer(m, "Takes a minute", NULL),
	                 0);
	send_and_check(
	        f, m,
	        HEAD
	        "\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\","
	        "\"body\":{\"text\":\"Pick a day\"},\"action\":{\"name\":"
	        "\"flow\",\"parameters\":{\"flow_message_version\":\"3\","
	        "\"flow_token\":\"order-81\",\"flow_id\":"
	        "\"1197715005513101\",\"flow_cta\":\"Book now\","
	        "\"flow_action\":\"navigate\",\"flow_action_payload\":{"
	        "\"screen\":\"BOOKING\",\"data\":{\"days\":[\"2026-05-20\","
	        "\"2026-05-21\"],\"n\":2}},\"mode\":\"draft\"}},"
	        "\"header\":{\"type\":\"image\",\"image\":{\"link\":"
	        "\"https://a.example/f.png\"}},\"footer\":{\"text\":"
	        "\"Takes a minute\"}}}");
}

static void test_shapes__flow_by_name_data_exchange(void **state)
{
	fx *f = *state;
	gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT;
	gosend_outgoing *m = NULL;

	fp.flow_name = "appointment booking";
	fp.flow_cta = "Start";
	fp.flow_action = "data_exchange";
	fp.mode = "published";
	assert_int_equal(
	        gosend_outgoing_flow_new(&m, PNID, TO, "Hi", &fp, NULL), 0);
	assert_int_equal(gosend_outgoing_set_header_text(m, "Booking", NULL),
	                 0);
	send_and_check(
	        f, m,
	        HEAD
	        "\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\","
	        "\"body\":{\"text\":\"Hi\"},\"action\":{\"name\":\"flow\","
	        "\"parameters\":{\"flow_message_version\":\"3\","
	        "\"flow_name\":\"appointment booking\",\"flow_cta\":"
	        "\"Start\",\"flow_action\":\"data_exchange\",\"mode\":"
	        "\"published\"}},\"header\":{\"type\":\"text\",\"text\":"
	        "\"Booking\"}}}");
}

/* ---- location request ---- */

static void test_shapes__location_request(void **state)
{
	fx *f = *state;
	gosend_outgoing *m = NULL;

	assert_int_equal(
	        gosend_outgoing_location_request_new(
	                &m, PNID, TO, "Where should we deliver?", NULL),
	        0);
	send_and_check(f, m,
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{\"type\":"
	               "\"location_request_message\",\"body\":{\"text\":"
	               "\"Where should we deliver?\"},\"action\":{\"name\":"
	               "\"send_location\"}}}");
}

/* ---- template button parameters ---- */

static void test_shapes__template_buttons(void **state)
{
	fx *f = *state;
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_template_new(&m, PNID, TO, "offer",
	                                              "en_US", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BODY, "25OFF", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_button(m, "url", 0, NULL), 0);
	assert_int_equal(
	        gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BUTTON(0),
	                                          "order/81?s=wa", NULL),
	        0);
	assert_int_equal(
	        gosend_outgoing_template_button(m, "copy_code", 1, NULL), 0);
	assert_int_equal(gosend_outgoing_template_add_coupon_code(
	                         m, GOSEND_TEMPLATE_BUTTON(1), "25OFF", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_button(m, "flow", 2, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_flow_action(
	                         m, GOSEND_TEMPLATE_BUTTON(2), "tok-1",
	                         "{\"product\":\"tea\",\"qty\":3}", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_button(m, "flow", 3, NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_add_flow_action(
	                m, GOSEND_TEMPLATE_BUTTON(3), NULL, NULL, NULL),
	        0);
	send_and_check(
	        f, m,
	        HEAD
	        "\"type\":\"template\",\"template\":{\"name\":\"offer\","
	        "\"language\":{\"code\":\"en_US\"},\"components\":["
	        "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\","
	        "\"text\":\"25OFF\"}]},"
	        "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\","
	        "\"parameters\":[{\"type\":\"text\",\"text\":"
	        "\"order/81?s=wa\"}]},"
	        "{\"type\":\"button\",\"sub_type\":\"copy_code\",\"index\":"
	        "\"1\",\"parameters\":[{\"type\":\"coupon_code\","
	        "\"coupon_code\":\"25OFF\"}]},"
	        "{\"type\":\"button\",\"sub_type\":\"flow\",\"index\":\"2\","
	        "\"parameters\":[{\"type\":\"action\",\"action\":{"
	        "\"flow_token\":\"tok-1\",\"flow_action_data\":{"
	        "\"product\":\"tea\",\"qty\":3}}}]},"
	        "{\"type\":\"button\",\"sub_type\":\"flow\",\"index\":\"3\","
	        "\"parameters\":[{\"type\":\"action\",\"action\":{}}]}]}}");
}

/* ---- refused input sends nothing ---- */

static void expect_nothing_sent(fx *f, int rc, gosend_error *err,
                                const char *field)
{
	assert_int_equal(rc, GOSEND_EINVAL);
	assert_non_null(err);
	if (!err->field || strcmp(err->field, field) != 0)
		fail_msg("expected field %s, got %s (%s)", field,
		         err->field ? err->field : "(null)", err->message);
	assert_int_equal(err->attempts, 0);
	assert_int_equal(err->http_status, 0);
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

/* A message whose builder refused its last part is still whole; a
 * message the builder cannot make is never sent. */
static void test_shapes__refused_input_sends_nothing(void **state)
{
	fx *f = *state;
	gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT;
	gosend_message_result *res = NULL;
	gosend_outgoing *m = NULL;
	gosend_error *err = NULL;
	int rc;

	rc = gosend_outgoing_cta_url_new(&m, PNID, TO, "B",
	                                 "A label of 21 chars..", "https://a.b",
	                                 &err);
	assert_null(m);
	expect_nothing_sent(f, rc, err,
	                    "interactive.action.parameters.display_text");
	rc = gosend_outgoing_cta_url_new(&m, PNID, TO, "B", "Go",
	                                 "ftp://a.example", &err);
	expect_nothing_sent(f, rc, err, "interactive.action.parameters.url");
	fp.flow_cta = "Go";
	rc = gosend_outgoing_flow_new(&m, PNID, TO, "B", &fp, &err);
	assert_null(m);
	expect_nothing_sent(f, rc, err,
	                    "interactive.action.parameters.flow_id");

	/* a list refuses a media header and keeps its text header */
	assert_int_equal(
	        gosend_outgoing_list_new(&m, PNID, TO, "Pick", "Open", NULL),
	        0);
	assert_int_equal(gosend_outgoing_add_row(m, "a", "A", NULL, NULL), 0);
	assert_int_equal(gosend_outgoing_set_header_text(m, "Menu", NULL), 0);
	rc = gosend_outgoing_set_header_media(m, GOSEND_MESSAGE_TYPE_IMAGE,
	                                      "https://a.example/i.png", NULL,
	                                      NULL, &err);
	expect_nothing_sent(f, rc, err, "interactive.header");
	rc = gosend_outgoing_set_reply_to(m, "wamid.\nX", &err);
	expect_nothing_sent(f, rc, err, "context.message_id");
	send_and_check(f, m,
	               HEAD
	               "\"type\":\"interactive\",\"interactive\":{\"type\":"
	               "\"list\",\"body\":{\"text\":\"Pick\"},\"action\":"
	               "{\"button\":\"Open\",\"sections\":[{\"rows\":[{"
	               "\"id\":\"a\",\"title\":\"A\"}]}]},\"header\":{"
	               "\"type\":\"text\",\"text\":\"Menu\"}}}");
	gsmock_clear_log(f->mock);

	/* a template whose flow button has no parameter is refused whole */
	assert_int_equal(
	        gosend_outgoing_template_new(&m, PNID, TO, "t", "es", NULL), 0);
	assert_int_equal(gosend_outgoing_template_button(m, "flow", 0, NULL),
	                 0);
	rc = gosend_outgoing_template_add_flow_action(
	        m, GOSEND_TEMPLATE_BUTTON(0), "tok", "[1]", &err);
	expect_nothing_sent(f, rc, err,
	                    "template.components[0].parameters[0].action."
	                    "flow_action_data");
	rc = gosend_messages_send(&res, f->client, m, NULL, &err);
	assert_null(res);
	expect_nothing_sent(f, rc, err, "template.components[0].parameters");
	gosend_outgoing_free(m);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ts_teardown)
	const struct CMUnitTest tests[] = {
	        T(test_shapes__reply_text_template_location),
	        T(test_shapes__reply_media),
	        T(test_shapes__reply_interactive),
	        T(test_shapes__reply_replaced_and_removed),
	        T(test_shapes__button_media_headers),
	        T(test_shapes__cta_url),
	        T(test_shapes__flow_navigate),
	        T(test_shapes__flow_by_name_data_exchange),
	        T(test_shapes__location_request),
	        T(test_shapes__template_buttons),
	        T(test_shapes__refused_input_sends_nothing),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
