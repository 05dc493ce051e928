/*
 * Webhook event parsing: one fixture per event kind and envelope variant
 * (tests/fixtures/events/), unknown events, Meta's own shape, wrong types,
 * malformed bodies, the name helpers and the time parser.
 */
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/webhook_events.h"

static gosend_webhook_event *parse_fixture(const char *name)
{
	char rel[256];
	size_t len;
	char *body;
	gosend_webhook_event *ev = NULL;
	gosend_error *e = NULL;

	(void)snprintf(rel, sizeof(rel), "events/%s", name);
	body = ts_fixture(rel, &len);
	if (gosend_webhook_event_parse(&ev, body, len, &e) != 0)
		fail_msg("%s: %s", name, e ? e->message : "?");
	assert_null(e);
	assert_non_null(ev);
	assert_int_equal(ev->struct_version, 1);
	assert_non_null(ev->name);
	assert_non_null(ev->meta);
	/* raw_json is the body byte for byte */
	assert_non_null(ev->raw_json);
	assert_int_equal(strlen(ev->raw_json), len);
	assert_memory_equal(ev->raw_json, body, len);
	free(body);
	return ev;
}

static gosend_webhook_event *parse_text(const char *body)
{
	gosend_webhook_event *ev = NULL;
	assert_int_equal(
	        gosend_webhook_event_parse(&ev, body, strlen(body), NULL), 0);
	return ev;
}

static void test_webhook_event__message_received(void **state)
{
	gosend_webhook_event *ev = parse_fixture("message_received.json");
	const gosend_webhook_inbound_message *m = ev->message;
	(void)state;
	assert_string_equal(ev->name, "whatsapp.message.received");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED);
	assert_string_equal(ev->id, "evt_01HZX3");
	assert_string_equal(ev->timestamp, "2026-01-15T10:00:00Z");
	assert_int_equal(ev->timestamp_unix, 1768471200);
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_non_null(m);
	assert_int_equal(m->struct_version, 2);
	assert_string_equal(m->id, "wamid.HBgNNTQ5MTE0MDEyMzQ1NhUCABIYFjNFQjA");
	assert_string_equal(m->from, "5491140123456");
	assert_string_equal(m->type, "text");
	assert_string_equal(m->timestamp, "1768471200");
	assert_string_equal(m->text, "Hola, \xC2\xBFtienen turno ma\xC3\xB1"
	                             "ana?");
	assert_null(m->media_id);
	assert_null(m->caption);
	assert_string_equal(m->context_message_id, "wamid.PREVIOUS");
	assert_string_equal(m->context_from, "555123456789");
	assert_null(m->profile_name);
	ts_assert_json_eq(
	        m->raw_json,
	        "{\"id\":\"wamid.HBgNNTQ5MTE0MDEyMzQ1NhUCABIYFjNFQjA\","
	        "\"from\":\"5491140123456\",\"timestamp\":\"1768471200\","
	        "\"type\":\"text\",\"text\":{\"body\":\"Hola, "
	        "\xC2\xBFtienen turno ma\xC3\xB1"
	        "ana?\"},\"context\":{\"from\":\"555123456789\","
	        "\"id\":\"wamid.PREVIOUS\"}}");
	assert_non_null(ev->payload_json);
	assert_non_null(strstr(ev->payload_json, "\"message\""));
	assert_null(ev->status);
	assert_null(ev->template_status);
	assert_true(gosend_webhook_event_is(ev, "whatsapp.message.received"));
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__message_received_meta_image(void **state)
{
	gosend_webhook_event *ev =
	        parse_fixture("message_received_meta_image.json");
	const gosend_webhook_inbound_message *m = ev->message;
	(void)state;
	/* event_type and payload spellings; an id at exactly 2^53 */
	assert_string_equal(ev->name, "whatsapp.message.received");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED);
	assert_string_equal(ev->id, "9007199254740992");
	assert_string_equal(ev->timestamp, "1768471200");
	assert_int_equal(ev->timestamp_unix, 1768471200);
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_non_null(m);
	assert_string_equal(m->id, "wamid.IMAGE1");
	assert_string_equal(m->type, "image");
	assert_null(m->text);
	assert_string_equal(m->media_id, "934567890123456");
	assert_string_equal(m->media_mime_type, "image/jpeg");
	assert_string_equal(m->caption, "Mi receta");
	assert_null(m->media_url);
	assert_null(m->context_message_id);
	assert_string_equal(m->profile_name, "Juan P\xC3\xA9rez");
	assert_null(ev->status);
	assert_null(ev->template_status);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__message_received_document_value(void **state)
{
	gosend_webhook_event *ev =
	        parse_fixture("message_received_document_value.json");
	const gosend_webhook_inbound_message *m = ev->message;
	(void)state;
	/* offset time, numeric from/timestamp, payload is Meta's value */
	assert_int_equal(ev->timestamp_unix, 1768471200);
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_non_null(m);
	assert_string_equal(m->from, "5491140999999");
	assert_string_equal(m->timestamp, "1768471200");
	assert_string_equal(m->type, "document");
	assert_string_equal(m->media_id, "1122334455");
	assert_string_equal(m->filename, "factura.pdf");
	assert_string_equal(m->media_mime_type, "application/pdf");
	assert_string_equal(m->media_url,
	                    "https://cdn.example.test/m/1122334455");
	assert_string_equal(m->context_message_id, "wamid.ASKED");
	assert_string_equal(m->profile_name, "Ana");
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__message_delivered(void **state)
{
	gosend_webhook_event *ev = parse_fixture("message_delivered.json");
	const gosend_webhook_message_status *s = ev->status;
	(void)state;
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_MESSAGE_DELIVERED);
	assert_string_equal(ev->id, "evt_02");
	/* 10:00:05.123+02:00 is 08:00:05Z; the fraction is dropped */
	assert_int_equal(ev->timestamp_unix, 1768464005);
	assert_null(ev->phone_number_id);
	assert_non_null(s);
	assert_int_equal(s->struct_version, 1);
	assert_string_equal(s->message_id, "wamid.OUT1");
	assert_string_equal(s->status, "delivered");
	assert_string_equal(s->recipient, "5491140123456");
	assert_string_equal(s->timestamp, "2026-01-15T08:00:05Z");
	assert_string_equal(s->conversation_id, "conv_9");
	assert_int_equal(s->error_code, -1);
	assert_null(s->error_title);
	assert_null(s->error_message);
	assert_null(ev->message);
	assert_null(ev->template_status);
	ts_assert_json_eq(ev->payload_json,
	                  "{\"message_id\":\"wamid.OUT1\",\"status\":"
	                  "\"delivered\",\"recipient\":\"5491140123456\","
	                  "\"timestamp\":\"2026-01-15T08:00:05Z\","
	                  "\"conversation\":{\"id\":\"conv_9\",\"origin\":{"
	                  "\"type\":\"service\"}}}");
	ts_assert_json_eq(s->raw_json, ev->payload_json);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__message_failed_meta(void **state)
{
	gosend_webhook_event *ev = parse_fixture("message_failed_meta.json");
	const gosend_webhook_message_status *s = ev->status;
	(void)state;
	assert_string_equal(ev->name, "whatsapp.message.failed");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_OTHER);
	assert_true(gosend_webhook_event_is(ev, "whatsapp.message.failed"));
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_non_null(s);
	assert_string_equal(s->message_id, "wamid.FAIL1");
	assert_string_equal(s->status, "failed");
	assert_string_equal(s->recipient, "5491140123456");
	assert_string_equal(s->timestamp, "1768471300");
	assert_int_equal(s->error_code, 131047);
	assert_string_equal(s->error_title, "Re-engagement message");
	assert_string_equal(s->error_message, "Re-engagement message");
	assert_string_equal(s->error_details,
	                    "Message failed to send because more than 24 "
	                    "hours have passed since the customer last "
	                    "replied to this number.");
	assert_null(ev->message);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__status_from_name(void **state)
{
	gosend_webhook_event *ev = parse_fixture("message_read_no_status.json");
	const gosend_webhook_message_status *s = ev->status;
	(void)state;
	assert_string_equal(ev->id, "evt_04");
	assert_int_equal(ev->timestamp_unix, -1);
	assert_null(ev->timestamp);
	assert_non_null(s);
	assert_string_equal(s->status, "read");
	assert_string_equal(s->message_id, "wamid.OUT2");
	assert_string_equal(s->recipient, "5491140123456");
	/* a numeric string code is read as a number */
	assert_int_equal(s->error_code, 470);
	assert_string_equal(s->error_title, "not an error, only a string code");
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__template_approved(void **state)
{
	gosend_webhook_event *ev = parse_fixture("template_approved.json");
	const gosend_webhook_template_status *t = ev->template_status;
	(void)state;
	/* name under "type", timestamp under "createdAt" */
	assert_string_equal(ev->name, "whatsapp.template.approved");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_OTHER);
	assert_int_equal(ev->timestamp_unix, 1768555800);
	assert_non_null(t);
	assert_int_equal(t->struct_version, 1);
	assert_string_equal(t->template_id, "tpl_77");
	assert_string_equal(t->template_name, "appointment_reminder");
	assert_string_equal(t->language, "es_AR");
	assert_string_equal(t->status, "APPROVED");
	assert_null(t->reason);
	assert_non_null(strstr(t->raw_json, "\"category\":\"UTILITY\""));
	assert_null(ev->message);
	assert_null(ev->status);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__template_rejected_meta(void **state)
{
	gosend_webhook_event *ev = parse_fixture("template_rejected_meta.json");
	const gosend_webhook_template_status *t = ev->template_status;
	(void)state;
	assert_non_null(t);
	assert_string_equal(t->template_id, "1689556908129832");
	assert_string_equal(t->template_name, "promo_spring");
	assert_string_equal(t->language, "en_US");
	assert_string_equal(t->status, "REJECTED");
	assert_string_equal(t->reason, "INCORRECT_CATEGORY");
	assert_null(ev->message);
	assert_null(ev->status);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__template_status_from_name(void **state)
{
	gosend_webhook_event *ev =
	        parse_text("{\"event\":\"whatsapp.template.paused\",\"data\":{"
	                   "\"template_id\":12,\"template_name\":\"promo\","
	                   "\"rejection_reason\":\"LOW_QUALITY\"}}");
	(void)state;
	assert_non_null(ev->template_status);
	assert_string_equal(ev->template_status->template_id, "12");
	assert_string_equal(ev->template_status->template_name, "promo");
	assert_string_equal(ev->template_status->status, "paused");
	assert_string_equal(ev->template_status->reason, "LOW_QUALITY");
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__conversation_created(void **state)
{
	gosend_webhook_event *ev = parse_fixture("conversation_created.json");
	(void)state;
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_CONVERSATION_CREATED);
	assert_string_equal(ev->id, "evt_07");
	/* a numeric timestamp is kept as digits and converted */
	assert_string_equal(ev->timestamp, "1768471200");
	assert_int_equal(ev->timestamp_unix, 1768471200);
	assert_string_equal(ev->phone_number_id, "555123456789");
	ts_assert_json_eq(ev->payload_json,
	                  "{\"id\":\"25\",\"tenant_id\":\"42\","
	                  "\"phone_number_id\":\"555123456789\","
	                  "\"status\":\"active\"}");
	assert_null(ev->message);
	assert_null(ev->status);
	assert_null(ev->template_status);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__phone_number_created(void **state)
{
	gosend_webhook_event *ev = parse_fixture("phone_number_created.json");
	(void)state;
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_PHONE_NUMBER_CREATED);
	assert_int_equal(ev->timestamp_unix, 1779753599);
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_null(ev->message);
	assert_null(ev->status);
	assert_null(ev->template_status);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__unknown_event(void **state)
{
	gosend_webhook_event *ev = parse_fixture("unknown_event.json");
	(void)state;
	assert_string_equal(ev->name, "whatsapp.account.alert");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_OTHER);
	assert_string_equal(ev->id, "evt_09");
	/* space separator, no seconds, no zone: UTC */
	assert_int_equal(ev->timestamp_unix, 1768471200);
	ts_assert_json_eq(ev->payload_json,
	                  "{\"severity\":\"warning\",\"message\":"
	                  "\"Quality rating dropped to yellow\"}");
	assert_null(ev->message);
	assert_null(ev->status);
	assert_null(ev->template_status);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__meta_whole_body(void **state)
{
	gosend_webhook_event *ev = parse_fixture("meta_whole_body.json");
	(void)state;
	assert_string_equal(ev->name, "");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_OTHER);
	assert_null(ev->id);
	assert_null(ev->payload_json);
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_non_null(ev->status);
	assert_string_equal(ev->status->message_id, "wamid.S1");
	assert_string_equal(ev->status->status, "sent");
	assert_null(ev->message);
	gosend_webhook_event_free(ev);
}

/* The texts of the parts are compact: white space between tokens is
 * dropped, strings (white space and escapes included) kept as sent. */
static void test_webhook_event__compact_texts(void **state)
{
	gosend_webhook_event *ev = parse_text(
	        "\xEF\xBB\xBF{ \"event\" : \"whatsapp.message.received\",\n"
	        "  \"data\" : {\n\t\"message\" : { \"id\" : \"m 1\" ,\r\n"
	        "    \"type\": \"text\", \"text\": {\"body\": \"a \\\" \\n "
	        "b\"},"
	        " \"n\": [ 1.50 , -0 ] } } }\n");
	const char *msg = "{\"id\":\"m 1\",\"type\":\"text\",\"text\":"
	                  "{\"body\":\"a \\\" \\n b\"},\"n\":[1.50,-0]}";
	char payload[256];

	(void)state;
	(void)snprintf(payload, sizeof(payload), "{\"message\":%s}", msg);
	assert_non_null(ev->message);
	assert_string_equal(ev->message->raw_json, msg);
	assert_string_equal(ev->message->text, "a \" \n b");
	assert_string_equal(ev->payload_json, payload);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__no_name(void **state)
{
	gosend_webhook_event *ev = parse_fixture("no_name.json");
	(void)state;
	assert_string_equal(ev->name, "");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_OTHER);
	assert_null(ev->id);
	assert_null(ev->timestamp);
	assert_int_equal(ev->timestamp_unix, -1);
	ts_assert_json_eq(ev->payload_json, "{\"x\":1}");
	assert_null(ev->message);
	assert_null(ev->status);
	assert_null(ev->template_status);
	assert_false(gosend_webhook_event_is(ev, "whatsapp.message.received"));
	assert_true(gosend_webhook_event_is(ev, ""));
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__wrong_types_are_ignored(void **state)
{
	gosend_webhook_event *ev = parse_fixture("wrong_types.json");
	const gosend_webhook_inbound_message *m = ev->message;
	(void)state;
	/* "event" is a number: the next spelling ("type") is used */
	assert_string_equal(ev->name, "whatsapp.message.received");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED);
	/* "event_id" 1.5 and "id" {} are unusable */
	assert_null(ev->id);
	/* "timestamp" true: "created_at" is used */
	assert_string_equal(ev->timestamp, "2026-01-15T10:00:00Z");
	/* "data" is an array: "payload" is used */
	assert_non_null(ev->payload_json);
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_non_null(m);
	assert_string_equal(m->id, "7");
	assert_null(m->from);
	assert_string_equal(m->type, "text");
	assert_null(m->text);
	assert_null(m->context_message_id);
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__envelope_priorities(void **state)
{
	gosend_webhook_event *ev = parse_text(
	        "{\"type\":\"gosendapi_events\",\"event_type\":\"b\","
	        "\"event\":\"whatsapp.message.delivered\",\"id\":\"delivery-"
	        "1\","
	        "\"event_id\":\"evt-1\",\"created_at\":\"2026-01-15T00:00:"
	        "00Z\","
	        "\"occurred_at\":\"2026-01-15T10:00:00Z\","
	        "\"payload\":{\"p\":1},\"data\":{\"d\":1}}");
	(void)state;
	assert_string_equal(ev->name, "whatsapp.message.delivered");
	assert_string_equal(ev->id, "evt-1");
	assert_string_equal(ev->timestamp, "2026-01-15T10:00:00Z");
	ts_assert_json_eq(ev->payload_json, "{\"d\":1}");
	gosend_webhook_event_free(ev);

	ev = parse_text("{\"type\":\"whatsapp.conversation.created\","
	                "\"id\":\"\",\"payload\":{\"p\":1}}");
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_CONVERSATION_CREATED);
	assert_null(ev->id); /* an empty id is no id */
	ts_assert_json_eq(ev->payload_json, "{\"p\":1}");
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__status_object_in_payload(void **state)
{
	gosend_webhook_event *ev = parse_text(
	        "{\"event\":\"whatsapp.message.sent\",\"data\":{\"status\":{"
	        "\"id\":\"wamid.N\",\"status\":\"sent\",\"to\":\"549\"},"
	        "\"phone_number_id\":\"555\"}}");
	(void)state;
	assert_non_null(ev->status);
	assert_string_equal(ev->status->message_id, "wamid.N");
	assert_string_equal(ev->status->status, "sent");
	assert_string_equal(ev->status->recipient, "549");
	assert_string_equal(ev->phone_number_id, "555");
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__received_without_payload(void **state)
{
	gosend_webhook_event *ev =
	        parse_text("{\"event\":\"whatsapp.message.received\"}");
	(void)state;
	assert_int_equal(ev->type, GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED);
	assert_null(ev->message);
	assert_null(ev->payload_json);
	gosend_webhook_event_free(ev);

	/* the payload itself is the message */
	ev = parse_text("{\"event\":\"whatsapp.message.received\",\"data\":{"
	                "\"id\":\"wamid.F\",\"from\":\"549\",\"type\":\"text\","
	                "\"text\":\"plain string body\"}}");
	assert_non_null(ev->message);
	assert_string_equal(ev->message->id, "wamid.F");
	assert_string_equal(ev->message->text, "plain string body");
	gosend_webhook_event_free(ev);
}

static void expect_protocol(const char *body, size_t len)
{
	gosend_webhook_event *ev = (gosend_webhook_event *)&ev;
	gosend_error *e = NULL;

	assert_int_equal(gosend_webhook_event_parse(&ev, body, len, &e),
	                 GOSEND_EPROTOCOL);
	assert_null(ev);
	assert_non_null(e);
	assert_int_equal(e->code, GOSEND_EPROTOCOL);
	assert_non_null(e->message);
	gosend_error_free(e);
}

static void test_webhook_event__malformed_bodies(void **state)
{
	static const char *const files[] = {
	        "truncated.json", "array.json", "string.json",
	        "trailing_garbage.json", "empty.json"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char rel[128];
		size_t len;
		char *body;
		(void)snprintf(rel, sizeof(rel), "events/%s", files[i]);
		body = ts_fixture(rel, &len);
		expect_protocol(body, len);
		free(body);
	}
	expect_protocol("null", 4);
	expect_protocol("42", 2);
	expect_protocol("{\"a\":1}\0{}", 10);    /* NUL after the value */
	expect_protocol("{\"a\":\"x\0y\"}", 11); /* NUL inside a string */
	expect_protocol("{\"a\":", 5);
	expect_protocol(NULL, 0);
	/* only the first len bytes count */
	expect_protocol("{\"event\":\"x\"}", 5);
}

static void test_webhook_event__length_is_respected(void **state)
{
	static const char body[] = "{\"event\":\"a.b\"}   garbage";
	gosend_webhook_event *ev = NULL;
	(void)state;
	assert_int_equal(gosend_webhook_event_parse(&ev, body, 18, NULL), 0);
	assert_string_equal(ev->name, "a.b");
	assert_string_equal(ev->raw_json, "{\"event\":\"a.b\"}   ");
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__invalid_arguments(void **state)
{
	gosend_webhook_event *ev = (gosend_webhook_event *)&ev;
	gosend_error *e = NULL;
	(void)state;
	assert_int_equal(gosend_webhook_event_parse(NULL, "{}", 2, &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "out");
	gosend_error_free(e);
	assert_int_equal(gosend_webhook_event_parse(&ev, NULL, 3, &e),
	                 GOSEND_EINVAL);
	assert_null(ev);
	assert_string_equal(e->field, "body");
	gosend_error_free(e);
	gosend_webhook_event_free(NULL);
}

static void test_webhook_event__is_and_matches(void **state)
{
	gosend_webhook_event *ev =
	        parse_text("{\"event\":\"whatsapp.message.read\"}");
	(void)state;
	assert_true(gosend_webhook_event_is(ev, "whatsapp.message.read"));
	assert_false(gosend_webhook_event_is(ev, "whatsapp.message.rea"));
	assert_false(gosend_webhook_event_is(ev, "WHATSAPP.MESSAGE.READ"));
	assert_false(gosend_webhook_event_is(ev, NULL));
	assert_false(gosend_webhook_event_is(NULL, "whatsapp.message.read"));

	assert_true(gosend_webhook_event_matches(ev, "whatsapp.message.*"));
	assert_true(gosend_webhook_event_matches(ev, "*.read"));
	assert_true(gosend_webhook_event_matches(ev, "*"));
	assert_true(gosend_webhook_event_matches(ev, "whatsapp.*.read"));
	assert_true(gosend_webhook_event_matches(ev, "whatsapp.message.read"));
	assert_true(gosend_webhook_event_matches(ev, "w*a*s*e*d"));
	assert_true(gosend_webhook_event_matches(ev, "**.read**"));
	assert_false(gosend_webhook_event_matches(ev, "whatsapp.template.*"));
	assert_false(gosend_webhook_event_matches(ev, "*.received"));
	assert_false(gosend_webhook_event_matches(ev, "whatsapp.message."));
	assert_false(gosend_webhook_event_matches(ev, ""));
	assert_false(gosend_webhook_event_matches(ev, NULL));
	assert_false(gosend_webhook_event_matches(NULL, "*"));
	gosend_webhook_event_free(ev);
}

static void test_webhook_event__type_names(void **state)
{
	(void)state;
	assert_string_equal(gosend_webhook_event_type_name(
	                            GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED),
	                    "whatsapp.message.received");
	assert_string_equal(gosend_webhook_event_type_name(
	                            GOSEND_WEBHOOK_EVENT_MESSAGE_DELIVERED),
	                    "whatsapp.message.delivered");
	assert_string_equal(gosend_webhook_event_type_name(
	                            GOSEND_WEBHOOK_EVENT_CONVERSATION_CREATED),
	                    "whatsapp.conversation.created");
	assert_string_equal(gosend_webhook_event_type_name(
	                            GOSEND_WEBHOOK_EVENT_PHONE_NUMBER_CREATED),
	                    "whatsapp.phone_number.created");
	assert_null(gosend_webhook_event_type_name(GOSEND_WEBHOOK_EVENT_OTHER));
	assert_null(
	        gosend_webhook_event_type_name((gosend_webhook_event_type)99));
}

static long long ts_of(const char *text)
{
	char body[256];
	gosend_webhook_event *ev;
	long long v;

	(void)snprintf(body, sizeof(body), "{\"timestamp\":%s}", text);
	ev = parse_text(body);
	v = ev->timestamp_unix;
	gosend_webhook_event_free(ev);
	return v;
}

static void test_webhook_event__timestamps(void **state)
{
	(void)state;
	/* expected values from `date -u -d ... +%s` */
	assert_int_equal(ts_of("\"2026-01-15T10:00:00Z\""), 1768471200);
	assert_int_equal(ts_of("\"2026-01-15t10:00:00z\""), 1768471200);
	assert_int_equal(ts_of("\"2026-01-15T10:00:00.999999Z\""), 1768471200);
	assert_int_equal(ts_of("\"2026-01-15T10:00:00,5Z\""), 1768471200);
	assert_int_equal(ts_of("\"2026-01-15T12:30:00+02:30\""), 1768471200);
	assert_int_equal(ts_of("\"2026-01-15T07:00:00-0300\""), 1768471200);
	assert_int_equal(ts_of("\"2026-01-15T10:00\""), 1768471200);
	assert_int_equal(ts_of("\"2026-01-15\""), 1768435200);
	assert_int_equal(ts_of("\"2000-02-29T00:00:00Z\""), 951782400);
	assert_int_equal(ts_of("\"2100-03-01T00:00:00Z\""), 4107542400LL);
	assert_int_equal(ts_of("\"1970-01-01T00:00:00Z\""), 0);
	assert_int_equal(ts_of("1768471200"), 1768471200);
	assert_int_equal(ts_of("\"1768471200\""), 1768471200);
	assert_int_equal(ts_of("1768471200123"), 1768471200); /* ms */
	/* not understood */
	assert_int_equal(ts_of("\"2026-02-29T00:00:00Z\""), -1);
	assert_int_equal(ts_of("\"2026-13-01T00:00:00Z\""), -1);
	assert_int_equal(ts_of("\"2026-01-15T24:00:00Z\""), -1);
	assert_int_equal(ts_of("\"2026-01-15T10:60:00Z\""), -1);
	assert_int_equal(ts_of("\"2026-01-15T10:00:00+02\""), -1);
	assert_int_equal(ts_of("\"2026-01-15T10:00:00Z junk\""), -1);
	assert_int_equal(ts_of("\"2026-01-15T10:00:00.Z\""), -1);
	assert_int_equal(ts_of("\"2026-1-15T10:00:00Z\""), -1);
	assert_int_equal(ts_of("\"yesterday\""), -1);
	assert_int_equal(ts_of("\"\""), -1);
	assert_int_equal(ts_of("\"-5\""), -1);
	assert_int_equal(ts_of("1.5"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_webhook_event__message_received),
	        cmocka_unit_test(
	                test_webhook_event__message_received_meta_image),
	        cmocka_unit_test(
	                test_webhook_event__message_received_document_value),
	        cmocka_unit_test(test_webhook_event__message_delivered),
	        cmocka_unit_test(test_webhook_event__message_failed_meta),
	        cmocka_unit_test(test_webhook_event__status_from_name),
	        cmocka_unit_test(test_webhook_event__template_approved),
	        cmocka_unit_test(test_webhook_event__template_rejected_meta),
	        cmocka_unit_test(test_webhook_event__template_status_from_name),
	        cmocka_unit_test(test_webhook_event__conversation_created),
	        cmocka_unit_test(test_webhook_event__phone_number_created),
	        cmocka_unit_test(test_webhook_event__unknown_event),
	        cmocka_unit_test(test_webhook_event__meta_whole_body),
	        cmocka_unit_test(test_webhook_event__no_name),
	        cmocka_unit_test(test_webhook_event__wrong_types_are_ignored),
	        cmocka_unit_test(test_webhook_event__envelope_priorities),
	        cmocka_unit_test(test_webhook_event__status_object_in_payload),
	        cmocka_unit_test(test_webhook_event__received_without_payload),
	        cmocka_unit_test(test_webhook_event__malformed_bodies),
	        cmocka_unit_test(test_webhook_event__length_is_respected),
	        cmocka_unit_test(test_webhook_event__invalid_arguments),
	        cmocka_unit_test(test_webhook_event__is_and_matches),
	        cmocka_unit_test(test_webhook_event__type_names),
	        cmocka_unit_test(test_webhook_event__timestamps),
	        cmocka_unit_test(test_webhook_event__compact_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
