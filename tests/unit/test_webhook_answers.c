/*
 * Inbound answers to interactive messages, decoded from fixtures
 * (tests/fixtures/events/reply_*.json): a tapped reply button, a picked
 * list row, a tapped template quick-reply button, a completed Flow
 * (response_json kept raw, as a string or an object) and a sent location;
 * unknown members ignored, members of other types left unset, the raw
 * JSON of every view kept.
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
	assert_int_equal(strlen(ev->raw_json), len);
	assert_memory_equal(ev->raw_json, body, len);
	assert_non_null(ev->message);
	assert_int_equal(ev->message->struct_version, 2);
	free(body);
	return ev;
}

static void test_answers__button_reply(void **state)
{
	gosend_webhook_event *ev = parse_fixture("reply_button.json");
	const gosend_webhook_inbound_message *m = ev->message;

	(void)state;
	assert_string_equal(ev->phone_number_id, "555123456789");
	assert_string_equal(m->id, "wamid.TAP1");
	assert_string_equal(m->type, "interactive");
	assert_string_equal(m->interactive_type, "button_reply");
	assert_string_equal(m->context_message_id, "wamid.ASKED");
	assert_string_equal(m->profile_name, "Ana");
	assert_non_null(m->reply);
	assert_int_equal(m->reply->struct_version, 1);
	assert_int_equal(m->reply->kind, GOSEND_WEBHOOK_REPLY_BUTTON);
	assert_string_equal(m->reply->id, "confirm-81");
	assert_string_equal(m->reply->title, "Yes, confirm");
	assert_null(m->reply->description);
	ts_assert_json_eq(m->reply->raw_json,
	                  "{\"id\":\"confirm-81\",\"title\":\"Yes, confirm\"}");
	assert_null(m->flow_reply);
	assert_null(m->location);
	/* the message's raw JSON still holds everything */
	assert_non_null(strstr(m->raw_json, "\"button_reply\""));
	gosend_webhook_event_free(ev);
}

static void test_answers__list_reply(void **state)
{
	gosend_webhook_event *ev = parse_fixture("reply_list.json");
	const gosend_webhook_inbound_message *m = ev->message;

	(void)state;
	assert_string_equal(ev->id, "evt_list_1");
	assert_string_equal(m->id, "wamid.ROW1");
	assert_string_equal(m->interactive_type, "list_reply");
	assert_int_equal(m->reply->kind, GOSEND_WEBHOOK_REPLY_LIST);
	assert_string_equal(m->reply->id, "priority_express");
	assert_string_equal(m->reply->title, "Priority Mail");
	assert_string_equal(m->reply->description, "Next day to 2 days");
	/* the unknown member stays in the raw text */
	ts_assert_json_eq(m->reply->raw_json,
	                  "{\"id\":\"priority_express\",\"title\":\"Priority "
	                  "Mail\",\"description\":\"Next day to 2 days\","
	                  "\"rank\":1}");
	assert_string_equal(m->context_message_id, "wamid.LIST");
	assert_null(m->flow_reply);
	assert_null(m->location);
	gosend_webhook_event_free(ev);
}

static void test_answers__template_button(void **state)
{
	gosend_webhook_event *ev = parse_fixture("reply_template_button.json");
	const gosend_webhook_inbound_message *m = ev->message;

	(void)state;
	assert_string_equal(m->type, "button");
	assert_null(m->interactive_type);
	assert_int_equal(m->reply->kind, GOSEND_WEBHOOK_REPLY_TEMPLATE_BUTTON);
	assert_string_equal(m->reply->id, "CONFIRM");
	assert_string_equal(m->reply->title, "Confirm");
	assert_null(m->reply->description);
	ts_assert_json_eq(m->reply->raw_json,
	                  "{\"payload\":\"CONFIRM\",\"text\":\"Confirm\"}");
	assert_string_equal(m->context_message_id, "wamid.TEMPLATE");
	gosend_webhook_event_free(ev);
}

static void test_answers__flow_completion(void **state)
{
	gosend_webhook_event *ev = parse_fixture("reply_flow.json");
	const gosend_webhook_inbound_message *m = ev->message;
	const gosend_webhook_flow_reply *f = m->flow_reply;

	(void)state;
	assert_string_equal(m->interactive_type, "nfm_reply");
	assert_null(m->reply);
	assert_non_null(f);
	assert_int_equal(f->struct_version, 1);
	assert_string_equal(f->name, "flow");
	assert_string_equal(f->body, "Sent");
	/* the string's text exactly, not parsed again */
	assert_string_equal(f->response_json,
	                    "{\"flow_token\": \"order-81\", \"day\": "
	                    "\"2026-05-20\", \"note\": \"caf\\u00e9 "
	                    "\\\"ok\\\"\"}");
	ts_assert_json_eq(f->response_json,
	                  "{\"flow_token\":\"order-81\",\"day\":\"2026-05-20\","
	                  "\"note\":\"caf\xc3\xa9 \\\"ok\\\"\"}");
	assert_non_null(strstr(f->raw_json, "\"response_json\""));
	assert_string_equal(m->context_message_id, "wamid.FLOWSENT");
	gosend_webhook_event_free(ev);

	ev = parse_fixture("reply_flow_object.json");
	f = ev->message->flow_reply;
	assert_non_null(f);
	assert_string_equal(f->name, "flow");
	assert_null(f->body);
	assert_string_equal(f->response_json,
	                    "{\"flow_token\":\"t\",\"n\":[1,2.5]}");
	gosend_webhook_event_free(ev);
}

static void test_answers__location(void **state)
{
	gosend_webhook_event *ev = parse_fixture("reply_location.json");
	const gosend_webhook_inbound_message *m = ev->message;
	const gosend_webhook_location *l = m->location;

	(void)state;
	assert_string_equal(m->type, "location");
	assert_null(m->reply);
	assert_null(m->flow_reply);
	assert_non_null(l);
	assert_int_equal(l->struct_version, 1);
	assert_int_equal(l->has_coordinates, 1);
	assert_true(l->latitude == -34.6037);
	assert_true(l->longitude == -58.3816);
	assert_string_equal(l->name, "Obelisco");
	assert_string_equal(l->address, "Av. 9 de Julio s/n");
	assert_string_equal(l->url, "https://maps.example/o");
	ts_assert_json_eq(l->raw_json,
	                  "{\"latitude\":-34.6037,\"longitude\":-58.3816,"
	                  "\"name\":\"Obelisco\",\"address\":\"Av. 9 de Julio "
	                  "s/n\",\"url\":\"https://maps.example/o\"}");
	assert_string_equal(m->context_message_id, "wamid.WHERE");
	gosend_webhook_event_free(ev);
}

/* Members of other types are left unset; the views still come. */
static void test_answers__wrong_types(void **state)
{
	gosend_webhook_event *ev = parse_fixture("reply_wrong_types.json");
	const gosend_webhook_inbound_message *m = ev->message;

	(void)state;
	assert_string_equal(m->id, "wamid.W1");
	assert_null(m->interactive_type);
	/* button_reply is no object: the list reply is read */
	assert_non_null(m->reply);
	assert_int_equal(m->reply->kind, GOSEND_WEBHOOK_REPLY_LIST);
	assert_null(m->reply->id);
	assert_null(m->reply->title);
	assert_null(m->reply->description);
	assert_non_null(m->flow_reply);
	assert_null(m->flow_reply->name);
	assert_null(m->flow_reply->body);
	assert_null(m->flow_reply->response_json);
	assert_non_null(m->location);
	assert_int_equal(m->location->has_coordinates, 0);
	assert_true(m->location->latitude == 0 && m->location->longitude == 0);
	assert_null(m->location->name);
	assert_null(m->location->url);
	gosend_webhook_event_free(ev);
}

/* Another interactive answer: its type is there, no view. */
static void test_answers__unknown_interactive(void **state)
{
	gosend_webhook_event *ev =
	        parse_fixture("reply_unknown_interactive.json");
	const gosend_webhook_inbound_message *m = ev->message;

	(void)state;
	assert_string_equal(m->interactive_type, "call_permission_reply");
	assert_null(m->reply);
	assert_null(m->flow_reply);
	assert_null(m->location);
	assert_non_null(strstr(m->raw_json, "\"accept\""));
	gosend_webhook_event_free(ev);
}

/* Messages of 0.1.0's kinds get no views. */
static void test_answers__plain_text_has_none(void **state)
{
	static const char body[] =
	        "{\"event\":\"whatsapp.message.received\",\"data\":{"
	        "\"message\":{\"id\":\"wamid.T\",\"type\":\"text\",\"text\":"
	        "{\"body\":\"hi\"}}}}";
	gosend_webhook_event *ev = NULL;

	(void)state;
	assert_int_equal(
	        gosend_webhook_event_parse(&ev, body, strlen(body), NULL), 0);
	assert_non_null(ev->message);
	assert_string_equal(ev->message->text, "hi");
	assert_null(ev->message->interactive_type);
	assert_null(ev->message->reply);
	assert_null(ev->message->flow_reply);
	assert_null(ev->message->location);
	gosend_webhook_event_free(ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_answers__button_reply),
	        cmocka_unit_test(test_answers__list_reply),
	        cmocka_unit_test(test_answers__template_button),
	        cmocka_unit_test(test_answers__flow_completion),
	        cmocka_unit_test(test_answers__location),
	        cmocka_unit_test(test_answers__wrong_types),
	        cmocka_unit_test(test_answers__unknown_interactive),
	        cmocka_unit_test(test_answers__plain_text_has_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
