/*
 * Outgoing message builder: the JSON each constructor, setter and adder
 * produces, and every validation rule (with the field it names).
 */
#include "testsupport.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/messages.h"

#define PNID "555123456789"
#define TO   "5491140123456"

/* ---- helpers ---- */

static char *body_of(const gosend_outgoing *m)
{
	char *json = NULL;
	gosend_error *e = NULL;

	if (gosend_outgoing_to_json(&json, m, &e) != 0)
		fail_msg("to_json failed: %s (field %s)", e->message,
		         e->field ? e->field : "-");
	assert_null(e);
	assert_non_null(json);
	return json;
}

static void assert_body(const gosend_outgoing *m, const char *expected)
{
	char *json = body_of(m);

	ts_assert_json_eq(json, expected);
	gosend_free(json);
}

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
	assert_int_equal(e->attempts, 0);
	assert_int_equal(e->http_status, 0);
	gosend_error_free(e);
}

#define EXPECT_EINVAL(call, field)                   \
	do {                                         \
		gosend_error *e_ = NULL;             \
		int rc_ = (call);                    \
		check_einval(rc_, e_, field, #call); \
	} while (0)

/* As EXPECT_EINVAL for a call that takes &e_ as its error argument. */
#define E (&e_)

/* Assert that serialising fails with EINVAL on field. */
static void expect_json_fails(const gosend_outgoing *m, const char *field)
{
	char *json = (char *)1;
	gosend_error *e = NULL;
	int rc = gosend_outgoing_to_json(&json, m, &e);

	assert_null(json);
	check_einval(rc, e, field, "gosend_outgoing_to_json");
}

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

static gosend_outgoing *text(const char *body)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_text_new(&m, PNID, TO, body, NULL), 0);
	return m;
}

/* ---- JSON of each kind ---- */

static void test_messages_build__text(void **state)
{
	gosend_outgoing *m = text("Hola \xe2\x9c\x85");
	char *json;

	(void)state;
	assert_int_equal(gosend_outgoing_type(m), GOSEND_MESSAGE_TYPE_TEXT);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"text\",\"text\":{"
	               "\"body\":\"Hola \xe2\x9c\x85\"}}");
	assert_int_equal(gosend_outgoing_set_preview_url(m, 7, NULL), 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"text\",\"text\":{"
	               "\"body\":\"Hola \xe2\x9c\x85\",\"preview_url\":true}}");
	assert_int_equal(gosend_outgoing_set_preview_url(m, 0, NULL), 0);
	assert_int_equal(gosend_outgoing_set_to(m, "14155550100", NULL), 0);
	/* a changed member keeps its place: the body's bytes, not only its
	 * meaning */
	json = body_of(m);
	assert_string_equal(
	        json, "{\"phone_number_id\":\"555123456789\",\"to\":"
	              "\"14155550100\",\"type\":\"text\",\"text\":{"
	              "\"body\":\"Hola \xe2\x9c\x85\",\"preview_url\":false}}");
	gosend_free(json);
	gosend_outgoing_free(m);
	gosend_outgoing_free(NULL);
}

static void test_messages_build__template_body_only(void **state)
{
	gosend_outgoing *m = NULL;

	(void)state;
	assert_int_equal(gosend_outgoing_template_new(&m, PNID, TO,
	                                              "appointment_reminder",
	                                              "es_AR", NULL),
	                 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"template\",\"template\":"
	               "{\"name\":\"appointment_reminder\",\"language\":{"
	               "\"code\":\"es_AR\"}}}");
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BODY, "Juan", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BODY, "20/05", NULL),
	                 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"template\",\"template\":"
	               "{\"name\":\"appointment_reminder\",\"language\":{"
	               "\"code\":\"es_AR\"},\"components\":[{\"type\":\"body\","
	               "\"parameters\":[{\"type\":\"text\",\"text\":\"Juan\"},"
	               "{\"type\":\"text\",\"text\":\"20/05\"}]}]}}");
	gosend_outgoing_free(m);
}

static void test_messages_build__template_all_components(void **state)
{
	gosend_outgoing *m = NULL;

	(void)state;
	assert_int_equal(gosend_outgoing_template_new(&m, PNID, TO, "order",
	                                              "en_US", NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_add_media(
	                m, GOSEND_TEMPLATE_HEADER, GOSEND_MESSAGE_TYPE_DOCUMENT,
	                "https://x.example/i.pdf", NULL, "i.pdf", NULL),
	        0);
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BODY, "Ana", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_currency(
	                         m, GOSEND_TEMPLATE_BODY, "$100.99", "USD",
	                         100990, NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_add_date_time(
	                m, GOSEND_TEMPLATE_BODY, "February 25, 1977", NULL),
	        0);
	assert_int_equal(
	        gosend_outgoing_template_button(m, "quick_reply", 0, NULL), 0);
	assert_int_equal(gosend_outgoing_template_button(m, "url", 1, NULL), 0);
	/* a button's parameters may come after later components */
	assert_int_equal(
	        gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BUTTON(1),
	                                          "order/77", NULL),
	        0);
	assert_int_equal(gosend_outgoing_template_add_payload(
	                         m, GOSEND_TEMPLATE_BUTTON(0), "YES", NULL),
	                 0);
	assert_body(
	        m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"template\",\"template\":{\"name\":\"order\","
	        "\"language\":{\"code\":\"en_US\"},\"components\":["
	        "{\"type\":\"header\",\"parameters\":[{\"type\":\"document\","
	        "\"document\":{\"link\":\"https://x.example/i.pdf\","
	        "\"filename\":\"i.pdf\"}}]},"
	        "{\"type\":\"body\",\"parameters\":["
	        "{\"type\":\"text\",\"text\":\"Ana\"},"
	        "{\"type\":\"currency\",\"currency\":{\"fallback_value\":"
	        "\"$100.99\",\"code\":\"USD\",\"amount_1000\":100990}},"
	        "{\"type\":\"date_time\",\"date_time\":{\"fallback_value\":"
	        "\"February 25, 1977\"}}]},"
	        "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":"
	        "\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":"
	        "\"YES\"}]},"
	        "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"1\","
	        "\"parameters\":[{\"type\":\"text\",\"text\":\"order/77\"}]}"
	        "]}}");
	gosend_outgoing_free(m);
}

static void test_messages_build__template_media_params(void **state)
{
	gosend_outgoing *m = NULL;
	char *json;

	(void)state;
	assert_int_equal(
	        gosend_outgoing_template_new(&m, PNID, TO, "promo", "es", NULL),
	        0);
	assert_int_equal(
	        gosend_outgoing_template_add_media(m, GOSEND_TEMPLATE_HEADER,
	                                           GOSEND_MESSAGE_TYPE_IMAGE,
	                                           NULL, "123", NULL, NULL),
	        0);
	assert_int_equal(gosend_outgoing_template_add_media(
	                         m, GOSEND_TEMPLATE_HEADER,
	                         GOSEND_MESSAGE_TYPE_VIDEO,
	                         "http://v.example/a.mp4", NULL, NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_currency(
	                         m, GOSEND_TEMPLATE_HEADER, "-1", "EUR",
	                         -9007199254740992LL, NULL),
	                 0);
	json = body_of(m);
	ts_assert_json_eq(
	        json,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"template\",\"template\":{\"name\":\"promo\","
	        "\"language\":{\"code\":\"es\"},\"components\":["
	        "{\"type\":\"header\",\"parameters\":["
	        "{\"type\":\"image\",\"image\":{\"id\":\"123\"}},"
	        "{\"type\":\"video\",\"video\":{\"link\":"
	        "\"http://v.example/a.mp4\"}},"
	        "{\"type\":\"currency\",\"currency\":{\"fallback_value\":\"-"
	        "1\","
	        "\"code\":\"EUR\",\"amount_1000\":-9007199254740992}}]}]}}");
	/* the big amount is written as an integer, not in exponent form */
	assert_non_null(strstr(json, "-9007199254740992"));
	gosend_free(json);
	gosend_outgoing_free(m);
}

static void test_messages_build__media(void **state)
{
	static const struct {
		int type;
		const char *name;
	} kinds[] = {{GOSEND_MESSAGE_TYPE_IMAGE, "image"},
	             {GOSEND_MESSAGE_TYPE_VIDEO, "video"},
	             {GOSEND_MESSAGE_TYPE_AUDIO, "audio"},
	             {GOSEND_MESSAGE_TYPE_DOCUMENT, "document"},
	             {GOSEND_MESSAGE_TYPE_STICKER, "sticker"}};
	char want[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		gosend_outgoing *m = NULL;
		assert_int_equal(gosend_outgoing_media_new(
		                         &m, PNID, TO, kinds[i].type,
		                         "https://cdn.example/f", NULL, NULL),
		                 0);
		assert_int_equal(gosend_outgoing_type(m), kinds[i].type);
		snprintf(want, sizeof(want),
		         "{\"phone_number_id\":\"555123456789\",\"to\":"
		         "\"5491140123456\",\"type\":\"%s\",\"%s\":{\"link\":"
		         "\"https://cdn.example/f\"}}",
		         kinds[i].name, kinds[i].name);
		assert_body(m, want);
		gosend_outgoing_free(m);
		assert_int_equal(gosend_outgoing_media_new(
		                         &m, PNID, TO, kinds[i].type, NULL,
		                         "934567890123456", NULL),
		                 0);
		snprintf(want, sizeof(want),
		         "{\"phone_number_id\":\"555123456789\",\"to\":"
		         "\"5491140123456\",\"type\":\"%s\",\"%s\":{\"id\":"
		         "\"934567890123456\"}}",
		         kinds[i].name, kinds[i].name);
		assert_body(m, want);
		assert_string_equal(gosend_message_type_name(kinds[i].type),
		                    kinds[i].name);
		gosend_outgoing_free(m);
	}
}

static void test_messages_build__caption_and_filename(void **state)
{
	gosend_outgoing *m = NULL;

	(void)state;
	assert_int_equal(gosend_outgoing_media_new(&m, PNID, TO,
	                                           GOSEND_MESSAGE_TYPE_DOCUMENT,
	                                           NULL, "77", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_caption(m, "old", NULL), 0);
	assert_int_equal(gosend_outgoing_set_caption(m, "Invoice", NULL), 0);
	assert_int_equal(
	        gosend_outgoing_set_filename(m, "factura marzo.pdf", NULL), 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"document\",\"document\":"
	               "{\"id\":\"77\",\"caption\":\"Invoice\",\"filename\":"
	               "\"factura marzo.pdf\"}}");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_media_new(
	                         &m, PNID, TO, GOSEND_MESSAGE_TYPE_VIDEO,
	                         "https://v.example/v.mp4", NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_caption(m, "clip", NULL), 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"video\",\"video\":"
	               "{\"link\":\"https://v.example/v.mp4\",\"caption\":"
	               "\"clip\"}}");
	gosend_outgoing_free(m);
}

static void test_messages_build__location(void **state)
{
	gosend_outgoing *m = NULL;

	(void)state;
	assert_int_equal(gosend_outgoing_location_new(
	                         &m, PNID, TO, -34.6037, -58.3816, "Obelisco",
	                         "Av. 9 de Julio s/n, CABA", NULL),
	                 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"location\",\"location\":"
	               "{\"latitude\":-34.6037,\"longitude\":-58.3816,\"name\":"
	               "\"Obelisco\",\"address\":\"Av. 9 de Julio s/n, "
	               "CABA\"}}");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_location_new(&m, PNID, TO, 90, -180,
	                                              NULL, NULL, NULL),
	                 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"location\",\"location\":"
	               "{\"latitude\":90,\"longitude\":-180}}");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_location_new(&m, PNID, TO, -90, 180,
	                                              NULL, "Polo", NULL),
	                 0);
	gosend_outgoing_free(m);
}

static void test_messages_build__buttons(void **state)
{
	gosend_outgoing *m = NULL;

	(void)state;
	assert_int_equal(gosend_outgoing_buttons_new(
	                         &m, PNID, TO, "Confirm your visit?", NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_add_reply_button(m, "yes", "Yes", NULL), 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "no", "No", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "later",
	                                                  "Ask me later", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_header_text(m, "Clinic", NULL), 0);
	assert_int_equal(gosend_outgoing_set_footer(m, "Reply by 6pm", NULL),
	                 0);
	assert_body(
	        m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\","
	        "\"header\":{\"type\":\"text\",\"text\":\"Clinic\"},"
	        "\"body\":{\"text\":\"Confirm your visit?\"},"
	        "\"footer\":{\"text\":\"Reply by 6pm\"},"
	        "\"action\":{\"buttons\":["
	        "{\"type\":\"reply\",\"reply\":{\"id\":\"yes\",\"title\":"
	        "\"Yes\"}},"
	        "{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":\"No\"}"
	        "},"
	        "{\"type\":\"reply\",\"reply\":{\"id\":\"later\",\"title\":"
	        "\"Ask me later\"}}]}}}");
	gosend_outgoing_free(m);
}

static void test_messages_build__list(void **state)
{
	gosend_outgoing *m = NULL;

	(void)state;
	assert_int_equal(gosend_outgoing_list_new(&m, PNID, TO,
	                                          "Pick a time slot",
	                                          "Time slots", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_section(m, "Morning", NULL), 0);
	assert_int_equal(gosend_outgoing_add_row(m, "m9", "09:00", NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_row(m, "m10", "10:00",
	                                         "With Dr. Pérez", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_section(m, "Afternoon", NULL), 0);
	assert_int_equal(gosend_outgoing_add_row(m, "a3", "15:00", NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_footer(m, "Times are local", NULL),
	                 0);
	assert_body(
	        m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"interactive\",\"interactive\":{\"type\":\"list\","
	        "\"body\":{\"text\":\"Pick a time slot\"},"
	        "\"footer\":{\"text\":\"Times are local\"},"
	        "\"action\":{\"button\":\"Time slots\",\"sections\":["
	        "{\"title\":\"Morning\",\"rows\":["
	        "{\"id\":\"m9\",\"title\":\"09:00\"},"
	        "{\"id\":\"m10\",\"title\":\"10:00\",\"description\":"
	        "\"With Dr. Pérez\"}]},"
	        "{\"title\":\"Afternoon\",\"rows\":["
	        "{\"id\":\"a3\",\"title\":\"15:00\"}]}]}}}");
	gosend_outgoing_free(m);

	/* one section needs no title; rows without a section start one */
	assert_int_equal(
	        gosend_outgoing_list_new(&m, PNID, TO, "Menu", "Open", NULL),
	        0);
	assert_int_equal(gosend_outgoing_add_row(m, "1", "Pizza", NULL, NULL),
	                 0);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"interactive\","
	               "\"interactive\":{\"type\":\"list\",\"body\":{\"text\":"
	               "\"Menu\"},\"action\":{\"button\":\"Open\",\"sections\":"
	               "[{\"rows\":[{\"id\":\"1\",\"title\":\"Pizza\"}]}]}}}");
	gosend_outgoing_free(m);
}

static void test_messages_build__contacts(void **state)
{
	gosend_outgoing *m = NULL;
	gosend_contact_address a = GOSEND_CONTACT_ADDRESS_INIT;

	(void)state;
	assert_int_equal(gosend_outgoing_contacts_new(&m, PNID, TO, NULL), 0);
	assert_int_equal(gosend_outgoing_contact_add(m, "Dra. Ana Gómez", "Ana",
	                                             "Gómez", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_contact_set_name_parts(
	                         m, "María", "Dra.", NULL, NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_contact_add_phone(
	                m, "+54 9 11 4012-3456", "CELL", "5491140123456", NULL),
	        0);
	assert_int_equal(gosend_outgoing_contact_add_phone(
	                         m, "+54 11 5555 1234", "WORK", NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_contact_add_email(
	                         m, "ana@clinic.example", "WORK", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_contact_add_url(
	                         m, "https://clinic.example", NULL, NULL),
	                 0);
	a.street = "Av. Corrientes 1234";
	a.city = "Buenos Aires";
	a.zip = "C1043";
	a.country = "Argentina";
	a.country_code = "AR";
	a.type = "WORK";
	assert_int_equal(gosend_outgoing_contact_add_address(m, &a, NULL), 0);
	assert_int_equal(gosend_outgoing_contact_set_org(m, "Clínica San Lucas",
	                                                 "Cardiología", NULL,
	                                                 NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_contact_set_birthday(m, "1984-02-29", NULL), 0);
	assert_int_equal(
	        gosend_outgoing_contact_add(m, "Bob", NULL, "Smith", NULL), 0);
	assert_body(
	        m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"contacts\",\"contacts\":[{"
	        "\"name\":{\"formatted_name\":\"Dra. Ana "
	        "Gómez\",\"first_name\":"
	        "\"Ana\",\"last_name\":\"Gómez\",\"middle_name\":\"María\","
	        "\"prefix\":\"Dra.\"},"
	        "\"phones\":[{\"phone\":\"+54 9 11 "
	        "4012-3456\",\"type\":\"CELL\","
	        "\"wa_id\":\"5491140123456\"},{\"phone\":\"+54 11 5555 1234\","
	        "\"type\":\"WORK\"}],"
	        "\"emails\":[{\"email\":\"ana@clinic.example\",\"type\":"
	        "\"WORK\"}],"
	        "\"urls\":[{\"url\":\"https://clinic.example\"}],"
	        "\"addresses\":[{\"street\":\"Av. Corrientes 1234\",\"city\":"
	        "\"Buenos Aires\",\"zip\":\"C1043\",\"country\":\"Argentina\","
	        "\"country_code\":\"AR\",\"type\":\"WORK\"}],"
	        "\"org\":{\"company\":\"Clínica San Lucas\",\"department\":"
	        "\"Cardiología\"},"
	        "\"birthday\":\"1984-02-29\"},"
	        "{\"name\":{\"formatted_name\":\"Bob\",\"last_name\":\"Smith\"}"
	        "}"
	        "]}");
	gosend_outgoing_free(m);
}

static void test_messages_build__inputs_are_copied(void **state)
{
	gosend_outgoing *m = NULL;
	char pnid[] = PNID, to[] = TO, body[] = "original";

	(void)state;
	assert_int_equal(gosend_outgoing_text_new(&m, pnid, to, body, NULL), 0);
	memset(pnid, 'x', sizeof(pnid) - 1);
	memset(to, '9', sizeof(to) - 1);
	memset(body, 'z', sizeof(body) - 1);
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"text\",\"text\":{"
	               "\"body\":\"original\"}}");
	gosend_outgoing_free(m);
}

/* ---- validation ---- */

static void test_messages_build__recipient_and_sender(void **state)
{
	static const char *bad_to[] = {"+5491140123456",
	                               "549 11 4012 3456",
	                               "549-11-40123456",
	                               "123456",
	                               "1234567890123456",
	                               "0123456789",
	                               "",
	                               "54911abc23456"};
	gosend_outgoing *m = (gosend_outgoing *)1;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_to) / sizeof(bad_to[0]); i++) {
		m = (gosend_outgoing *)1;
		EXPECT_EINVAL(
		        gosend_outgoing_text_new(&m, PNID, bad_to[i], "x", E),
		        "to");
		assert_null(m);
	}
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, PNID, NULL, "x", E), "to");
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, NULL, TO, "x", E),
	              "phone_number_id");
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, "", TO, "x", E),
	              "phone_number_id");
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, "555 123", TO, "x", E),
	              "phone_number_id");
	EXPECT_EINVAL(gosend_outgoing_text_new(NULL, PNID, TO, "x", E), "out");
	EXPECT_EINVAL(gosend_outgoing_contacts_new(&m, PNID, "+1", E), "to");
	EXPECT_EINVAL(gosend_outgoing_location_new(&m, PNID, "1", 0, 0, NULL,
	                                           NULL, E),
	              "to");
	m = text("hi");
	EXPECT_EINVAL(gosend_outgoing_set_to(m, "+5491140123456", E), "to");
	EXPECT_EINVAL(gosend_outgoing_set_to(NULL, TO, E), "msg");
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"text\",\"text\":{"
	               "\"body\":\"hi\"}}");
	gosend_outgoing_free(m);
}

static void test_messages_build__text_limits_in_code_points(void **state)
{
	gosend_outgoing *m = NULL;
	char *s;

	(void)state;
	s = repeat("a", GOSEND_TEXT_BODY_MAX);
	m = text(s);
	gosend_outgoing_free(m);
	free(s);
	s = repeat("a", GOSEND_TEXT_BODY_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, PNID, TO, s, E),
	              "text.body");
	free(s);
	/* 4096 two-byte and four-byte characters are within the limit */
	s = repeat("\xc3\xb1", GOSEND_TEXT_BODY_MAX);
	m = text(s);
	gosend_outgoing_free(m);
	free(s);
	s = repeat("\xf0\x9f\x98\x80", GOSEND_TEXT_BODY_MAX);
	m = text(s);
	gosend_outgoing_free(m);
	free(s);
	s = repeat("\xe2\x82\xac", GOSEND_TEXT_BODY_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, PNID, TO, s, E),
	              "text.body");
	free(s);
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, PNID, TO, NULL, E),
	              "text.body");
	EXPECT_EINVAL(gosend_outgoing_text_new(&m, PNID, TO, "", E),
	              "text.body");
}

static void test_messages_build__invalid_utf8_refused(void **state)
{
	static const char *bad[] = {"\xff",             /* never valid */
	                            "a\x80",            /* lone continuation */
	                            "\xc0\xaf",         /* overlong '/' */
	                            "\xe0\x80\xaf",     /* overlong */
	                            "\xed\xa0\x80",     /* surrogate U+D800 */
	                            "\xe2\x82",         /* truncated */
	                            "\xf4\x90\x80\x80", /* above U+10FFFF */
	                            "\xf8\x88\x80\x80\x80",
	                            "ok\xc3"};
	gosend_outgoing *m = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EINVAL(gosend_outgoing_text_new(&m, PNID, TO, bad[i], E),
		              "text.body");
		assert_null(m);
	}
	m = text("x");
	EXPECT_EINVAL(gosend_outgoing_set_preview_url(NULL, 1, E), "msg");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_buttons_new(&m, PNID, TO, "b", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "a", "\xc3\x28", E),
	              "interactive.action.buttons[0].reply.title");
	gosend_outgoing_free(m);
}

static void test_messages_build__media_rules(void **state)
{
	gosend_outgoing *m = NULL;
	char *s;

	(void)state;
	EXPECT_EINVAL(gosend_outgoing_media_new(
	                      &m, PNID, TO, GOSEND_MESSAGE_TYPE_IMAGE,
	                      "https://x.example/a.png", "1", E),
	              "image");
	EXPECT_EINVAL(gosend_outgoing_media_new(&m, PNID, TO,
	                                        GOSEND_MESSAGE_TYPE_VIDEO, NULL,
	                                        NULL, E),
	              "video");
	EXPECT_EINVAL(gosend_outgoing_media_new(
	                      &m, PNID, TO, GOSEND_MESSAGE_TYPE_IMAGE,
	                      "ftp://x.example/a.png", NULL, E),
	              "image.link");
	EXPECT_EINVAL(gosend_outgoing_media_new(&m, PNID, TO,
	                                        GOSEND_MESSAGE_TYPE_IMAGE,
	                                        "https://", NULL, E),
	              "image.link");
	EXPECT_EINVAL(gosend_outgoing_media_new(
	                      &m, PNID, TO, GOSEND_MESSAGE_TYPE_AUDIO,
	                      "https://x.example/a b.mp3", NULL, E),
	              "audio.link");
	EXPECT_EINVAL(gosend_outgoing_media_new(&m, PNID, TO,
	                                        GOSEND_MESSAGE_TYPE_STICKER,
	                                        NULL, "12 34", E),
	              "sticker.id");
	EXPECT_EINVAL(gosend_outgoing_media_new(&m, PNID, TO,
	                                        GOSEND_MESSAGE_TYPE_DOCUMENT,
	                                        NULL, "", E),
	              "document.id");
	EXPECT_EINVAL(gosend_outgoing_media_new(&m, PNID, TO,
	                                        GOSEND_MESSAGE_TYPE_TEXT, NULL,
	                                        "1", E),
	              "type");
	EXPECT_EINVAL(gosend_outgoing_media_new(&m, PNID, TO, 99, NULL, "1", E),
	              "type");
	assert_null(m);

	assert_int_equal(gosend_outgoing_media_new(&m, PNID, TO,
	                                           GOSEND_MESSAGE_TYPE_AUDIO,
	                                           NULL, "1", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_set_caption(m, "no", E), "audio.caption");
	EXPECT_EINVAL(gosend_outgoing_set_filename(m, "a.mp3", E),
	              "document.filename");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_media_new(&m, PNID, TO,
	                                           GOSEND_MESSAGE_TYPE_STICKER,
	                                           NULL, "1", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_set_caption(m, "no", E),
	              "sticker.caption");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_media_new(&m, PNID, TO,
	                                           GOSEND_MESSAGE_TYPE_IMAGE,
	                                           NULL, "1", NULL),
	                 0);
	s = repeat("\xc3\xa9", GOSEND_CAPTION_MAX);
	assert_int_equal(gosend_outgoing_set_caption(m, s, NULL), 0);
	free(s);
	s = repeat("e", GOSEND_CAPTION_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_set_caption(m, s, E), "image.caption");
	free(s);
	EXPECT_EINVAL(gosend_outgoing_set_caption(m, NULL, E), "image.caption");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_media_new(&m, PNID, TO,
	                                           GOSEND_MESSAGE_TYPE_DOCUMENT,
	                                           NULL, "1", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_set_filename(m, "a/b.pdf", E),
	              "document.filename");
	EXPECT_EINVAL(gosend_outgoing_set_filename(m, "a\nb.pdf", E),
	              "document.filename");
	EXPECT_EINVAL(gosend_outgoing_set_filename(m, "", E),
	              "document.filename");
	gosend_outgoing_free(m);
	m = text("x");
	EXPECT_EINVAL(gosend_outgoing_set_caption(m, "c", E), "caption");
	EXPECT_EINVAL(gosend_outgoing_set_filename(m, "f", E),
	              "document.filename");
	gosend_outgoing_free(m);
}

static void test_messages_build__location_rules(void **state)
{
	gosend_outgoing *m = NULL;

	(void)state;
	EXPECT_EINVAL(gosend_outgoing_location_new(&m, PNID, TO, 90.0001, 0,
	                                           NULL, NULL, E),
	              "location.latitude");
	EXPECT_EINVAL(gosend_outgoing_location_new(&m, PNID, TO, -91, 0, NULL,
	                                           NULL, E),
	              "location.latitude");
	EXPECT_EINVAL(gosend_outgoing_location_new(&m, PNID, TO, NAN, 0, NULL,
	                                           NULL, E),
	              "location.latitude");
	EXPECT_EINVAL(gosend_outgoing_location_new(&m, PNID, TO, 0, 180.5, NULL,
	                                           NULL, E),
	              "location.longitude");
	EXPECT_EINVAL(gosend_outgoing_location_new(&m, PNID, TO, 0, -INFINITY,
	                                           NULL, NULL, E),
	              "location.longitude");
	EXPECT_EINVAL(
	        gosend_outgoing_location_new(&m, PNID, TO, 0, 0, "", NULL, E),
	        "location.name");
	EXPECT_EINVAL(gosend_outgoing_location_new(&m, PNID, TO, 0, 0, NULL,
	                                           "\xff", E),
	              "location.address");
	assert_null(m);
}

static void test_messages_build__button_rules(void **state)
{
	gosend_outgoing *m = NULL;
	char *s;

	(void)state;
	s = repeat("b", GOSEND_INTERACTIVE_BODY_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_buttons_new(&m, PNID, TO, s, E),
	              "interactive.body.text");
	free(s);
	EXPECT_EINVAL(gosend_outgoing_buttons_new(&m, PNID, TO, NULL, E),
	              "interactive.body.text");
	s = repeat("b", GOSEND_INTERACTIVE_BODY_MAX);
	assert_int_equal(gosend_outgoing_buttons_new(&m, PNID, TO, s, NULL), 0);
	free(s);
	/* no button yet */
	expect_json_fails(m, "interactive.action.buttons");
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "", "t", E),
	              "interactive.action.buttons[0].reply.id");
	s = repeat("i", GOSEND_BUTTON_ID_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, s, "t", E),
	              "interactive.action.buttons[0].reply.id");
	free(s);
	s = repeat("\xc3\xa1", GOSEND_BUTTON_TITLE_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "a", s, E),
	              "interactive.action.buttons[0].reply.title");
	free(s);
	s = repeat("\xc3\xa1", GOSEND_BUTTON_TITLE_MAX);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "a", s, NULL), 0);
	free(s);
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "a", "Other", E),
	              "interactive.action.buttons[1].reply.id");
	assert_int_equal(gosend_outgoing_add_reply_button(m, "b", "B", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "c", "B", E),
	              "interactive.action.buttons[2].reply.title");
	assert_int_equal(gosend_outgoing_add_reply_button(m, "c", "C", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "d", "D", E),
	              "interactive.action.buttons[3]");
	s = repeat("h", GOSEND_INTERACTIVE_HEADER_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_set_header_text(m, s, E),
	              "interactive.header.text");
	free(s);
	s = repeat("f", GOSEND_INTERACTIVE_FOOTER_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_set_footer(m, s, E),
	              "interactive.footer.text");
	free(s);
	s = repeat("h", GOSEND_INTERACTIVE_HEADER_MAX);
	assert_int_equal(gosend_outgoing_set_header_text(m, s, NULL), 0);
	assert_int_equal(gosend_outgoing_set_footer(m, s, NULL), 0);
	free(s);
	EXPECT_EINVAL(gosend_outgoing_add_row(m, "r", "t", NULL, E),
	              "interactive.action.sections");
	EXPECT_EINVAL(gosend_outgoing_add_section(m, "S", E),
	              "interactive.action.sections");
	EXPECT_EINVAL(gosend_outgoing_set_preview_url(m, 1, E),
	              "text.preview_url");
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BODY,
	                                                "x", E),
	              "template.components");
	EXPECT_EINVAL(gosend_outgoing_contact_add(m, "x", "y", NULL, E),
	              "contacts");
	gosend_outgoing_free(m);
	m = text("x");
	EXPECT_EINVAL(gosend_outgoing_set_header_text(m, "h", E),
	              "interactive.header");
	EXPECT_EINVAL(gosend_outgoing_set_footer(m, "f", E),
	              "interactive.footer");
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "a", "b", E),
	              "interactive.action.buttons");
	gosend_outgoing_free(m);
}

static void test_messages_build__list_rules(void **state)
{
	gosend_outgoing *m = NULL;
	char id[8], *s;
	int i;

	(void)state;
	EXPECT_EINVAL(gosend_outgoing_list_new(&m, PNID, TO, "b", NULL, E),
	              "interactive.action.button");
	s = repeat("l", GOSEND_LIST_BUTTON_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_list_new(&m, PNID, TO, "b", s, E),
	              "interactive.action.button");
	free(s);
	assert_int_equal(
	        gosend_outgoing_list_new(&m, PNID, TO, "b", "Open", NULL), 0);
	expect_json_fails(m, "interactive.action.sections");
	EXPECT_EINVAL(gosend_outgoing_add_reply_button(m, "a", "b", E),
	              "interactive.action.buttons");
	s = repeat("s", GOSEND_SECTION_TITLE_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_add_section(m, s, E),
	              "interactive.action.sections[0].title");
	free(s);
	assert_int_equal(gosend_outgoing_add_section(m, NULL, NULL), 0);
	expect_json_fails(m, "interactive.action.sections[0].rows");
	s = repeat("t", GOSEND_ROW_TITLE_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_add_row(m, "r", s, NULL, E),
	              "interactive.action.sections[0].rows[0].title");
	free(s);
	s = repeat("d", GOSEND_ROW_DESCRIPTION_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_add_row(m, "r", "t", s, E),
	              "interactive.action.sections[0].rows[0].description");
	free(s);
	s = repeat("i", GOSEND_ROW_ID_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_add_row(m, s, "t", NULL, E),
	              "interactive.action.sections[0].rows[0].id");
	free(s);
	EXPECT_EINVAL(gosend_outgoing_add_row(m, NULL, "t", NULL, E),
	              "interactive.action.sections[0].rows[0].id");
	assert_int_equal(gosend_outgoing_add_row(m, "r0", "t", NULL, NULL), 0);
	/* one untitled section is fine */
	gosend_free(body_of(m));
	/* a second section needs a title, and then so does the first */
	EXPECT_EINVAL(gosend_outgoing_add_section(m, NULL, E),
	              "interactive.action.sections[1].title");
	assert_int_equal(gosend_outgoing_add_section(m, "Second", NULL), 0);
	assert_int_equal(gosend_outgoing_add_row(m, "r1", "t", NULL, NULL), 0);
	expect_json_fails(m, "interactive.action.sections[0].title");
	EXPECT_EINVAL(gosend_outgoing_add_row(m, "r0", "dup", NULL, E),
	              "interactive.action.sections[1].rows[1].id");
	for (i = 2; i < GOSEND_LIST_ROWS_MAX; i++) {
		snprintf(id, sizeof(id), "r%d", i);
		assert_int_equal(
		        gosend_outgoing_add_row(m, id, "t", NULL, NULL), 0);
	}
	EXPECT_EINVAL(gosend_outgoing_add_row(m, "r10", "t", NULL, E),
	              "interactive.action.sections[1].rows[9]");
	gosend_outgoing_free(m);

	assert_int_equal(
	        gosend_outgoing_list_new(&m, PNID, TO, "b", "Open", NULL), 0);
	for (i = 0; i < GOSEND_LIST_SECTIONS_MAX; i++) {
		snprintf(id, sizeof(id), "S%d", i);
		assert_int_equal(gosend_outgoing_add_section(m, id, NULL), 0);
		assert_int_equal(
		        gosend_outgoing_add_row(m, id, "t", NULL, NULL), 0);
	}
	gosend_free(body_of(m));
	EXPECT_EINVAL(gosend_outgoing_add_section(m, "S10", E),
	              "interactive.action.sections[10]");
	gosend_outgoing_free(m);
}

static void test_messages_build__template_rules(void **state)
{
	static const char *const bad_langs[] = {
	        "",     "e",     "es AR",   "EN",       "en-US", "en_",
	        "en_U", "EN_US", "english", "en_USABC", "en_U-S"};
	static const char *const good_langs[] = {"en", "fil", "en_US", "es_419",
	                                         "zh_Hant"};
	gosend_outgoing *m = NULL;
	char *s;
	size_t i;

	(void)state;
	EXPECT_EINVAL(gosend_outgoing_template_new(&m, PNID, TO, NULL, "es", E),
	              "template.name");
	EXPECT_EINVAL(gosend_outgoing_template_new(&m, PNID, TO, "", "es", E),
	              "template.name");
	s = repeat("n", GOSEND_TEMPLATE_NAME_MAX + 1);
	EXPECT_EINVAL(gosend_outgoing_template_new(&m, PNID, TO, s, "es", E),
	              "template.name");
	free(s);
	EXPECT_EINVAL(gosend_outgoing_template_new(&m, PNID, TO, "t", NULL, E),
	              "template.language.code");
	/* the one language rule of templates: "en", "en_US", "es_419" */
	for (i = 0; i < sizeof(bad_langs) / sizeof(bad_langs[0]); i++)
		EXPECT_EINVAL(gosend_outgoing_template_new(&m, PNID, TO, "t",
		                                           bad_langs[i], E),
		              "template.language.code");
	assert_null(m);
	for (i = 0; i < sizeof(good_langs) / sizeof(good_langs[0]); i++) {
		assert_int_equal(gosend_outgoing_template_new(&m, PNID, TO, "t",
		                                              good_langs[i],
		                                              NULL),
		                 0);
		gosend_outgoing_free(m);
	}
	assert_int_equal(
	        gosend_outgoing_template_new(&m, PNID, TO, "t", "es", NULL), 0);
	EXPECT_EINVAL(gosend_outgoing_template_add_payload(
	                      m, GOSEND_TEMPLATE_BODY, "p", E),
	              "template.components[0].parameters[0]");
	EXPECT_EINVAL(gosend_outgoing_template_add_media(
	                      m, GOSEND_TEMPLATE_BODY,
	                      GOSEND_MESSAGE_TYPE_IMAGE, NULL, "1", NULL, E),
	              "template.components[0].parameters[0]");
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BODY,
	                                                "", E),
	              "template.components[0].parameters[0].text");
	/* components are named explicitly: nothing else is one */
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, 0, "x", E),
	              "component");
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, 3, "x", E),
	              "component");
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, INT_MIN, "x", E),
	              "component");
	EXPECT_EINVAL(gosend_outgoing_template_add_text(
	                      m, GOSEND_TEMPLATE_BUTTON(10), "x", E),
	              "component");
	/* a button's parameters need the button declared */
	EXPECT_EINVAL(gosend_outgoing_template_add_payload(
	                      m, GOSEND_TEMPLATE_BUTTON(0), "p", E),
	              "component");
	/* the failed adders above made nothing */
	assert_body(m, "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"template\",\"template\":"
	               "{\"name\":\"t\",\"language\":{\"code\":\"es\"}}}");
	EXPECT_EINVAL(gosend_outgoing_template_add_currency(
	                      m, GOSEND_TEMPLATE_BODY, "$1", "usd", 1, E),
	              "template.components[0].parameters[0].currency.code");
	EXPECT_EINVAL(gosend_outgoing_template_add_currency(
	                      m, GOSEND_TEMPLATE_BODY, NULL, "USD", 1, E),
	              "template.components[0].parameters[0].currency."
	              "fallback_value");
	EXPECT_EINVAL(gosend_outgoing_template_add_currency(
	                      m, GOSEND_TEMPLATE_BODY, "$", "USD",
	                      9007199254740993LL, E),
	              "template.components[0].parameters[0].currency."
	              "amount_1000");
	EXPECT_EINVAL(gosend_outgoing_template_add_date_time(
	                      m, GOSEND_TEMPLATE_BODY, NULL, E),
	              "template.components[0].parameters[0].date_time."
	              "fallback_value");
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BODY, "x", NULL),
	                 0);
	EXPECT_EINVAL(gosend_outgoing_template_add_media(
	                      m, GOSEND_TEMPLATE_HEADER,
	                      GOSEND_MESSAGE_TYPE_AUDIO, NULL, "1", NULL, E),
	              "type");
	EXPECT_EINVAL(gosend_outgoing_template_add_media(
	                      m, GOSEND_TEMPLATE_HEADER,
	                      GOSEND_MESSAGE_TYPE_IMAGE, "https://a.example/x",
	                      "1", NULL, E),
	              "template.components[1].parameters[0].image");
	EXPECT_EINVAL(gosend_outgoing_template_add_media(
	                      m, GOSEND_TEMPLATE_HEADER,
	                      GOSEND_MESSAGE_TYPE_IMAGE, NULL, "1", "x.png", E),
	              "template.components[1].parameters[0].image.filename");
	EXPECT_EINVAL(gosend_outgoing_template_add_payload(
	                      m, GOSEND_TEMPLATE_HEADER, "p", E),
	              "template.components[1].parameters[0]");
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_HEADER, "head", NULL),
	                 0);
	/* the body is still the first component, whatever came after it */
	EXPECT_EINVAL(gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BODY,
	                                                "", E),
	              "template.components[0].parameters[1].text");
	EXPECT_EINVAL(gosend_outgoing_template_button(m, "Quick", 0, E),
	              "template.components[2].sub_type");
	EXPECT_EINVAL(gosend_outgoing_template_button(m, NULL, 0, E),
	              "template.components[2].sub_type");
	EXPECT_EINVAL(gosend_outgoing_template_button(m, "url", 10, E),
	              "template.components[2].index");
	assert_int_equal(gosend_outgoing_template_button(m, "url", 9, NULL), 0);
	EXPECT_EINVAL(gosend_outgoing_template_button(m, "quick_reply", 9, E),
	              "template.components[3].index");
	EXPECT_EINVAL(gosend_outgoing_template_add_date_time(
	                      m, GOSEND_TEMPLATE_BUTTON(9), "d", E),
	              "template.components[2].parameters[0]");
	EXPECT_EINVAL(gosend_outgoing_template_add_currency(
	                      m, GOSEND_TEMPLATE_BUTTON(9), "$1", "USD", 1, E),
	              "template.components[2].parameters[0]");
	expect_json_fails(m, "template.components[2].parameters");
	/* a url button takes its URL suffix as a text, not a payload */
	EXPECT_EINVAL(gosend_outgoing_template_add_payload(
	                      m, GOSEND_TEMPLATE_BUTTON(9), "p", E),
	              "template.components[2].parameters[0]");
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BUTTON(9), "p", NULL),
	                 0);
	gosend_free(body_of(m));
	EXPECT_EINVAL(gosend_outgoing_template_add_text(
	                      NULL, GOSEND_TEMPLATE_BODY, "x", E),
	              "msg");
	EXPECT_EINVAL(gosend_outgoing_template_button(NULL, "url", 0, E),
	              "msg");
	gosend_outgoing_free(m);
	m = text("x");
	EXPECT_EINVAL(gosend_outgoing_template_button(m, "url", 0, E),
	              "template.components");
	gosend_outgoing_free(m);
}

static void test_messages_build__contact_rules(void **state)
{
	gosend_outgoing *m = NULL;
	gosend_contact_address a = GOSEND_CONTACT_ADDRESS_INIT;

	(void)state;
	assert_int_equal(gosend_outgoing_contacts_new(&m, PNID, TO, NULL), 0);
	expect_json_fails(m, "contacts");
	EXPECT_EINVAL(gosend_outgoing_contact_add_phone(m, "1", NULL, NULL, E),
	              "contacts");
	EXPECT_EINVAL(gosend_outgoing_contact_set_birthday(m, "2000-01-01", E),
	              "contacts");
	EXPECT_EINVAL(gosend_outgoing_contact_add(m, NULL, "a", NULL, E),
	              "contacts[0].name.formatted_name");
	EXPECT_EINVAL(gosend_outgoing_contact_add(m, "A", "", NULL, E),
	              "contacts[0].name.first_name");
	assert_int_equal(gosend_outgoing_contact_add(m, "A", NULL, NULL, NULL),
	                 0);
	expect_json_fails(m, "contacts[0].name");
	EXPECT_EINVAL(gosend_outgoing_contact_set_name_parts(m, "\xff", NULL,
	                                                     NULL, E),
	              "contacts[0].name.middle_name");
	assert_int_equal(gosend_outgoing_contact_set_name_parts(m, NULL, NULL,
	                                                        "Jr.", NULL),
	                 0);
	gosend_free(body_of(m));
	EXPECT_EINVAL(gosend_outgoing_contact_add_phone(m, "", NULL, NULL, E),
	              "contacts[0].phones[0].phone");
	EXPECT_EINVAL(gosend_outgoing_contact_add_phone(m, "+1 555", NULL,
	                                                "+15551234567", E),
	              "contacts[0].phones[0].wa_id");
	EXPECT_EINVAL(gosend_outgoing_contact_add_email(m, NULL, "HOME", E),
	              "contacts[0].emails[0].email");
	EXPECT_EINVAL(gosend_outgoing_contact_add_url(m, "u", "", E),
	              "contacts[0].urls[0].type");
	EXPECT_EINVAL(gosend_outgoing_contact_set_org(m, NULL, NULL, NULL, E),
	              "contacts[0].org");
	EXPECT_EINVAL(gosend_outgoing_contact_set_birthday(m, "1990-02-30", E),
	              "contacts[0].birthday");
	EXPECT_EINVAL(gosend_outgoing_contact_set_birthday(m, "1900-02-29", E),
	              "contacts[0].birthday");
	EXPECT_EINVAL(gosend_outgoing_contact_set_birthday(m, "90-01-01", E),
	              "contacts[0].birthday");
	EXPECT_EINVAL(gosend_outgoing_contact_set_birthday(m, NULL, E),
	              "contacts[0].birthday");
	assert_int_equal(
	        gosend_outgoing_contact_set_birthday(m, "2000-02-29", NULL), 0);
	EXPECT_EINVAL(gosend_outgoing_contact_add_address(m, NULL, E),
	              "address");
	EXPECT_EINVAL(gosend_outgoing_contact_add_address(m, &a, E),
	              "contacts[0].addresses[0]");
	a.type = "HOME";
	EXPECT_EINVAL(gosend_outgoing_contact_add_address(m, &a, E),
	              "contacts[0].addresses[0]");
	a.city = "Rosario";
	a.country_code = "ARG";
	EXPECT_EINVAL(gosend_outgoing_contact_add_address(m, &a, E),
	              "contacts[0].addresses[0].country_code");
	a.country_code = NULL;
	a.version = 0;
	EXPECT_EINVAL(gosend_outgoing_contact_add_address(m, &a, E),
	              "address.version");
	a.version = GOSEND_CONTACT_ADDRESS_VERSION;
	assert_int_equal(gosend_outgoing_contact_add_address(m, &a, NULL), 0);
	assert_body(m,
	            "{\"phone_number_id\":\"555123456789\",\"to\":"
	            "\"5491140123456\",\"type\":\"contacts\",\"contacts\":["
	            "{\"name\":{\"formatted_name\":\"A\",\"suffix\":\"Jr.\"},"
	            "\"birthday\":\"2000-02-29\",\"addresses\":[{\"city\":"
	            "\"Rosario\",\"type\":\"HOME\"}]}]}");
	assert_int_equal(gosend_outgoing_contact_add(m, "B", NULL, NULL, NULL),
	                 0);
	expect_json_fails(m, "contacts[1].name");
	EXPECT_EINVAL(gosend_outgoing_set_caption(m, "c", E), "caption");
	gosend_outgoing_free(m);
}

static void test_messages_build__misc(void **state)
{
	char *json = (char *)1;

	(void)state;
	EXPECT_EINVAL(gosend_outgoing_to_json(&json, NULL, E), "msg");
	assert_null(json);
	EXPECT_EINVAL(gosend_outgoing_to_json(NULL, NULL, E), "out");
	assert_int_equal(gosend_outgoing_type(NULL),
	                 GOSEND_MESSAGE_TYPE_UNKNOWN);
	assert_null(gosend_message_type_name(0));
	assert_null(gosend_message_type_name(11));
	assert_string_equal(gosend_message_type_name(GOSEND_MESSAGE_TYPE_TEXT),
	                    "text");
	assert_string_equal(
	        gosend_message_type_name(GOSEND_MESSAGE_TYPE_CONTACTS),
	        "contacts");
	/* errors may be ignored */
	assert_int_equal(gosend_outgoing_text_new(NULL, PNID, TO, "x", NULL),
	                 GOSEND_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_messages_build__text),
	        cmocka_unit_test(test_messages_build__template_body_only),
	        cmocka_unit_test(test_messages_build__template_all_components),
	        cmocka_unit_test(test_messages_build__template_media_params),
	        cmocka_unit_test(test_messages_build__media),
	        cmocka_unit_test(test_messages_build__caption_and_filename),
	        cmocka_unit_test(test_messages_build__location),
	        cmocka_unit_test(test_messages_build__buttons),
	        cmocka_unit_test(test_messages_build__list),
	        cmocka_unit_test(test_messages_build__contacts),
	        cmocka_unit_test(test_messages_build__inputs_are_copied),
	        cmocka_unit_test(test_messages_build__recipient_and_sender),
	        cmocka_unit_test(
	                test_messages_build__text_limits_in_code_points),
	        cmocka_unit_test(test_messages_build__invalid_utf8_refused),
	        cmocka_unit_test(test_messages_build__media_rules),
	        cmocka_unit_test(test_messages_build__location_rules),
	        cmocka_unit_test(test_messages_build__button_rules),
	        cmocka_unit_test(test_messages_build__list_rules),
	        cmocka_unit_test(test_messages_build__template_rules),
	        cmocka_unit_test(test_messages_build__contact_rules),
	        cmocka_unit_test(test_messages_build__misc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
