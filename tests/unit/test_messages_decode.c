/*
 * Decoders of the message endpoints on fixtures: the send result
 * (GoSendAPI and Meta style), one message, a page of messages and the media
 * upload result; good bodies, variants, missing ids, wrong types, numeric
 * and huge ids, unknown fields.
 */
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/media.h"
#include "gosendapi/messages.h"

#include "call/endpoint.h"
#include "json/types.h"

/* Bodies decoded through the one entry point, as each endpoint decodes its
 * answer: a send and an upload take effect (GOSEND__ANSWER), GET
 * /messages/{id} is one message, GET /messages a page. */
static int result_from(gosend_message_result **out, const char *body,
                       size_t len, gosend_error **err)
{
	void *o = NULL;
	int rc = gosend__decode(&gosend__type_message_result, GOSEND__ANSWER,
	                        body, len, &o, err);

	*out = o;
	return rc;
}

static int message_from(gosend_message **out, const char *body, size_t len,
                        gosend_error **err)
{
	void *o = NULL;
	int rc = gosend__decode(&gosend__type_message, GOSEND__ONE, body, len,
	                        &o, err);

	*out = o;
	return rc;
}

static int page_from(gosend_message_list **out, const char *body, size_t len,
                     gosend_error **err)
{
	void *o = NULL;
	int rc = gosend__decode(&gosend__type_message, GOSEND__PAGE, body, len,
	                        &o, err);

	*out = o;
	return rc;
}

static int media_from(gosend_media_result **out, const char *body, size_t len,
                      gosend_error **err)
{
	void *o = NULL;
	int rc = gosend__decode(&gosend__type_media_result, GOSEND__ANSWER,
	                        body, len, &o, err);

	*out = o;
	return rc;
}

/* ---- send result ---- */

static gosend_message_result *result(const char *fixture)
{
	gosend_message_result *r = NULL;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);

	if (result_from(&r, body, len, &err) != 0)
		fail_msg("%s: %s", fixture, err->message);
	free(body);
	assert_null(err);
	assert_non_null(r);
	assert_int_equal(r->struct_version, 1);
	assert_non_null(r->id);
	assert_int_equal(r->id_known, 1);
	assert_non_null(r->raw_json);
	assert_non_null(r->meta);
	return r;
}

/* A body the fixture entry point refuses: it must be JSON (a live send
 * accepts any 2xx body; tests/wire/test_send_accepted.c). */
static void result_fails(const char *fixture)
{
	gosend_message_result *r = (gosend_message_result *)1;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);
	int rc = result_from(&r, body, len, &err);

	free(body);
	if (rc != GOSEND_EPROTOCOL)
		fail_msg("%s: expected GOSEND_EPROTOCOL, got %d", fixture, rc);
	assert_null(r);
	assert_non_null(err);
	assert_int_equal(err->code, GOSEND_EPROTOCOL);
	assert_non_null(err->body);
	gosend_error_free(err);
}

/* An accepted send whose answer names no id we recognise: success, id
 * unknown, the body kept. Returns the result for more checks. */
static gosend_message_result *result_unknown_id(const char *fixture)
{
	gosend_message_result *r = NULL;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);

	if (result_from(&r, body, len, &err) != 0)
		fail_msg("%s: %s", fixture, err->message);
	assert_null(err);
	assert_non_null(r);
	assert_int_equal(r->id_known, 0);
	assert_null(r->id);
	assert_string_equal(r->raw_json, body);
	free(body);
	return r;
}

static void test_messages_decode__result_gosend_style(void **state)
{
	gosend_message_result *r = result("messages/result_gosend.json");

	(void)state;
	assert_string_equal(r->id, "wamid.HBgNNTQ5MTE0MDEyMzQ1NhUCABEYEjA");
	assert_string_equal(r->status_name, "accepted");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_ACCEPTED);
	assert_null(r->wa_id);
	assert_non_null(strstr(r->raw_json, "HBgNNTQ5"));
	assert_int_equal(r->meta->http_status, 0);
	assert_int_equal(r->meta->total_count, -1);
	gosend_message_result_free(r);
	gosend_message_result_free(NULL);
}

static void test_messages_decode__result_meta_style(void **state)
{
	gosend_message_result *r = result("messages/result_meta.json");

	(void)state;
	assert_string_equal(r->id, "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI");
	assert_string_equal(r->status_name, "accepted");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_ACCEPTED);
	assert_string_equal(r->wa_id, "5491140123456");
	gosend_message_result_free(r);

	r = result("messages/result_meta_no_status.json");
	assert_string_equal(r->id, "wamid.M1");
	assert_null(r->status_name);
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_UNKNOWN);
	gosend_message_result_free(r);

	r = result("messages/result_mock.json");
	assert_string_equal(r->id, "wamid.MOCK1");
	assert_string_equal(r->wa_id, "5491140123456");
	gosend_message_result_free(r);
}

static void test_messages_decode__result_top_level_first(void **state)
{
	gosend_message_result *r = result("messages/result_both.json");

	(void)state;
	assert_string_equal(r->id, "top");
	assert_string_equal(r->status_name, "queued");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_QUEUED);
	gosend_message_result_free(r);
	/* null or empty top-level values fall back to messages[0] */
	r = result("messages/result_null_id_meta.json");
	assert_string_equal(r->id, "wamid.N");
	assert_string_equal(r->status_name, "paused");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_UNKNOWN);
	gosend_message_result_free(r);
	r = result("messages/result_empty_id_meta.json");
	assert_string_equal(r->id, "wamid.E");
	gosend_message_result_free(r);
}

static void test_messages_decode__result_numeric_ids(void **state)
{
	gosend_message_result *r = result("messages/result_numeric_id.json");

	(void)state;
	assert_string_equal(r->id, "9007199254740992");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_SENT);
	gosend_message_result_free(r);
	r = result("messages/result_meta_numeric_id.json");
	assert_string_equal(r->id, "1234567890123");
	gosend_message_result_free(r);
	/* numbers that cannot be ids: no id, still accepted */
	gosend_message_result_free(
	        result_unknown_id("messages/result_huge_id.json"));
	gosend_message_result_free(
	        result_unknown_id("messages/result_fraction_id.json"));
	gosend_message_result_free(
	        result_unknown_id("messages/result_negative_huge_id.json"));
}

static void test_messages_decode__result_missing_id(void **state)
{
	gosend_message_result *r;

	(void)state;
	r = result_unknown_id("messages/result_missing_id.json");
	assert_string_equal(r->status_name, "accepted");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_ACCEPTED);
	gosend_message_result_free(r);
	gosend_message_result_free(
	        result_unknown_id("messages/result_empty_messages.json"));
	gosend_message_result_free(
	        result_unknown_id("messages/result_empty_id.json"));
	r = result_unknown_id("messages/result_array.json");
	assert_null(r->status_name);
	gosend_message_result_free(r);
	gosend_message_result_free(
	        result_unknown_id("messages/result_string.json"));
	result_fails("messages/result_truncated.json");
	result_fails("messages/result_empty_body.json");
}

static void test_messages_decode__result_id_spellings(void **state)
{
	static const char *const bodies[] = {
	        "{\"message_id\":\"wamid.X\"}",
	        "{\"data\":{\"id\":\"wamid.X\"}}",
	        "{\"data\":{\"message_id\":\"wamid.X\",\"status\":\"sent\"}}",
	        "{\"data\":{\"messages\":[{\"id\":\"wamid.X\"}]}}",
	        "{\"id\":{\"v\":1},\"messages\":[{\"id\":\"wamid.X\"}]}"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		gosend_message_result *r = NULL;
		gosend_error *err = NULL;
		if (result_from(&r, bodies[i], strlen(bodies[i]), &err) != 0)
			fail_msg("%s: %s", bodies[i], err->message);
		assert_int_equal(r->id_known, 1);
		assert_string_equal(r->id, "wamid.X");
		gosend_message_result_free(r);
	}
	{
		gosend_message_result *r = NULL;
		const char *b = "{\"data\":{\"message_id\":7,\"status\":"
		                "\"sent\"}}";
		assert_int_equal(result_from(&r, b, strlen(b), NULL), 0);
		assert_string_equal(r->id, "7");
		assert_string_equal(r->status_name, "sent");
		gosend_message_result_free(r);
	}
}

static void test_messages_decode__result_wrong_types(void **state)
{
	gosend_message_result *r;

	(void)state;
	/* a field of another type is left unset; the send stays accepted */
	gosend_message_result_free(
	        result_unknown_id("messages/result_wrong_type_id.json"));
	gosend_message_result_free(
	        result_unknown_id("messages/result_bool_message_id.json"));
	gosend_message_result_free(
	        result_unknown_id("messages/result_messages_object.json"));
	gosend_message_result_free(
	        result_unknown_id("messages/result_messages_strings.json"));
	r = result("messages/result_wrong_type_status.json");
	assert_string_equal(r->id, "wamid.S");
	assert_int_equal(r->id_known, 1);
	assert_null(r->status_name);
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_UNKNOWN);
	gosend_message_result_free(r);
	r = result("messages/result_wrong_type_message_status.json");
	assert_string_equal(r->id, "wamid.S");
	assert_null(r->status_name);
	gosend_message_result_free(r);
	r = result("messages/result_contacts_wrong.json");
	assert_string_equal(r->id, "wamid.C");
	assert_null(r->wa_id);
	gosend_message_result_free(r);
}

static void test_messages_decode__result_unknown_fields(void **state)
{
	gosend_message_result *r =
	        result("messages/result_unknown_fields.json");

	(void)state;
	assert_string_equal(r->id, "wamid.U");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_DELIVERED);
	assert_non_null(strstr(r->raw_json, "\"pricing\":null"));
	gosend_message_result_free(r);
	r = result("messages/result_unknown_status.json");
	assert_string_equal(r->status_name, "held_for_quality_assessment");
	assert_int_equal(r->status, GOSEND_MESSAGE_STATUS_UNKNOWN);
	gosend_message_result_free(r);
}

static void test_messages_decode__result_null_body(void **state)
{
	gosend_message_result *r = (gosend_message_result *)1;
	gosend_error *err = NULL;

	(void)state;
	assert_int_equal(result_from(&r, NULL, 0, &err), GOSEND_EINVAL);
	assert_null(r);
	gosend_error_free(err);
}

/* ---- one message ---- */

static gosend_message *message(const char *fixture)
{
	gosend_message *m = NULL;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);

	if (message_from(&m, body, len, &err) != 0)
		fail_msg("%s: %s", fixture, err->message);
	free(body);
	assert_null(err);
	assert_int_equal(m->struct_version, 1);
	assert_non_null(m->id);
	assert_non_null(m->raw_json);
	assert_non_null(m->meta);
	return m;
}

static void message_fails(const char *fixture, const char *field)
{
	gosend_message *m = (gosend_message *)1;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);
	int rc = message_from(&m, body, len, &err);

	free(body);
	assert_int_equal(rc, GOSEND_EPROTOCOL);
	assert_null(m);
	assert_non_null(err);
	if (!err->field || strcmp(err->field, field) != 0)
		fail_msg("%s: expected field %s, got %s", fixture, field,
		         err->field ? err->field : "(null)");
	gosend_error_free(err);
}

static void test_messages_decode__message_text(void **state)
{
	gosend_message *m = message("messages/message_text.json");

	(void)state;
	assert_string_equal(m->id, "wamid.MOCK1");
	assert_string_equal(m->phone_number_id, "555123456789");
	assert_string_equal(m->to, "5491140123456");
	assert_string_equal(m->from, "555123456789");
	assert_string_equal(m->type_name, "text");
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_TEXT);
	assert_string_equal(m->status_name, "accepted");
	assert_int_equal(m->status, GOSEND_MESSAGE_STATUS_ACCEPTED);
	assert_string_equal(m->created_at, "2026-11-25T22:16:55Z");
	ts_assert_json_eq(m->content_json, "{\"body\":\"hola\"}");
	assert_string_equal(m->text_body, "hola");
	ts_assert_json_eq(
	        m->raw_json,
	        "{\"id\":\"wamid.MOCK1\",\"phone_number_id\":"
	        "\"555123456789\",\"to\":\"5491140123456\",\"from\":"
	        "\"555123456789\",\"type\":\"text\",\"status\":"
	        "\"accepted\",\"created_at\":\"2026-11-25T22:16:55Z\","
	        "\"text\":{\"body\":\"hola\"}}");
	gosend_message_free(m);
	gosend_message_free(NULL);
}

static void test_messages_decode__message_camel_and_numbers(void **state)
{
	gosend_message *m = message("messages/message_camel.json");

	(void)state;
	assert_string_equal(m->id, "1234");
	assert_string_equal(m->phone_number_id, "555123456789");
	assert_string_equal(m->to, "5491140123456");
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_IMAGE);
	assert_int_equal(m->status, GOSEND_MESSAGE_STATUS_DELIVERED);
	assert_string_equal(m->created_at, "2026-01-15T10:00:00.123Z");
	ts_assert_json_eq(m->content_json,
	                  "{\"id\":\"934567890123456\",\"caption\":\"x\"}");
	assert_null(m->text_body);
	gosend_message_free(m);
}

static void test_messages_decode__message_unknown_values(void **state)
{
	gosend_message *m = message("messages/message_unknown.json");

	(void)state;
	assert_string_equal(m->type_name, "reaction");
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_UNKNOWN);
	assert_string_equal(m->status_name, "deleted");
	assert_int_equal(m->status, GOSEND_MESSAGE_STATUS_UNKNOWN);
	ts_assert_json_eq(m->content_json,
	                  "{\"message_id\":\"wamid.X\",\"emoji\":"
	                  "\"\\ud83d\\udc4d\"}");
	gosend_message_free(m);

	m = message("messages/message_minimal.json");
	assert_null(m->phone_number_id);
	assert_null(m->type_name);
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_UNKNOWN);
	assert_null(m->status_name);
	assert_null(m->content_json);
	assert_null(m->created_at);
	gosend_message_free(m);

	m = message("messages/message_nulls.json");
	assert_null(m->to);
	assert_null(m->from);
	assert_null(m->type_name);
	gosend_message_free(m);

	m = message("messages/message_upper_case.json");
	assert_string_equal(m->type_name, "Image");
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_IMAGE);
	assert_string_equal(m->status_name, "DELIVERED");
	assert_int_equal(m->status, GOSEND_MESSAGE_STATUS_DELIVERED);
	ts_assert_json_eq(m->content_json, "{\"id\":\"1\"}");
	gosend_message_free(m);

	m = message("messages/message_contacts.json");
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_CONTACTS);
	assert_int_equal(m->status, GOSEND_MESSAGE_STATUS_READ);
	ts_assert_json_eq(m->content_json,
	                  "[{\"name\":{\"formatted_name\":\"Ana\"}}]");
	gosend_message_free(m);
}

/* One message needs a usable id (it is what was asked for) and must be
 * an object. */
static void test_messages_decode__message_bad(void **state)
{
	(void)state;
	message_fails("messages/message_missing_id.json", "id");
	message_fails("messages/message_huge_id.json", "id");
	message_fails("messages/result_array.json", "(object)");
}

/* Other fields of an unexpected type are left unset, the rest decoded. */
static void test_messages_decode__message_wrong_types_unset(void **state)
{
	gosend_message *m = message("messages/message_wrong_type.json");

	(void)state;
	assert_string_equal(m->id, "wamid.W");
	assert_null(m->type_name);
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_UNKNOWN);
	assert_null(m->content_json);
	gosend_message_free(m);

	m = message("messages/message_wrong_created_at.json");
	assert_null(m->created_at);
	assert_non_null(strstr(m->raw_json, "1700000000"));
	gosend_message_free(m);

	m = message("messages/message_text_body_wrong.json");
	assert_int_equal(m->type, GOSEND_MESSAGE_TYPE_TEXT);
	ts_assert_json_eq(m->content_json, "{\"body\":5}");
	assert_null(m->text_body);
	gosend_message_free(m);
}

/* ---- a page of messages ---- */

static gosend_message_list *page(const char *fixture)
{
	gosend_message_list *l = NULL;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);

	if (page_from(&l, body, len, &err) != 0)
		fail_msg("%s: %s", fixture, err->message);
	free(body);
	assert_null(err);
	assert_int_equal(l->struct_version, 1);
	assert_non_null(l->raw_json);
	assert_non_null(l->meta);
	return l;
}

static void test_messages_decode__list(void **state)
{
	gosend_message_list *l = page("messages/list_two.json");

	(void)state;
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[0]->id, "wamid.1");
	assert_string_equal(l->items[0]->text_body, "uno");
	assert_int_equal(l->items[0]->status, GOSEND_MESSAGE_STATUS_SENT);
	assert_null(l->items[0]->meta);
	ts_assert_json_eq(l->items[0]->raw_json,
	                  "{\"id\":\"wamid.1\",\"type\":\"text\",\"status\":"
	                  "\"sent\",\"text\":{\"body\":\"uno\"}}");
	assert_string_equal(l->items[1]->id, "2");
	assert_int_equal(l->items[1]->type, GOSEND_MESSAGE_TYPE_LOCATION);
	assert_int_equal(l->items[1]->status, GOSEND_MESSAGE_STATUS_FAILED);
	ts_assert_json_eq(l->items[1]->content_json,
	                  "{\"latitude\":1.5,\"longitude\":-2}");
	gosend_message_list_free(l);
	gosend_message_list_free(NULL);

	l = page("messages/list_wrapped.json");
	assert_int_equal(l->count, 1);
	assert_int_equal(l->items[0]->type, GOSEND_MESSAGE_TYPE_TEMPLATE);
	gosend_message_list_free(l);

	l = page("messages/list_empty.json");
	assert_int_equal(l->count, 0);
	gosend_message_list_free(l);
}

/* One bad item does not fail the page: it is kept with what could be
 * read, its text in raw_json. */
static void test_messages_decode__list_bad_items_kept(void **state)
{
	gosend_message_list *l = page("messages/list_bad_item.json");

	(void)state;
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[0]->id, "wamid.1");
	assert_null(l->items[1]->id);
	assert_string_equal(l->items[1]->type_name, "text");
	assert_null(l->items[1]->meta);
	gosend_message_list_free(l);

	l = page("messages/list_item_not_object.json");
	assert_int_equal(l->count, 1);
	assert_null(l->items[0]->id);
	assert_null(l->items[0]->type_name);
	assert_null(l->items[0]->content_json);
	assert_string_equal(l->items[0]->raw_json, "\"wamid.1\"");
	gosend_message_list_free(l);

	l = page("messages/list_wrong_types.json");
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[0]->id, "wamid.1");
	assert_null(l->items[0]->created_at);
	assert_null(l->items[0]->text_body);
	assert_int_equal(l->items[0]->status, GOSEND_MESSAGE_STATUS_SENT);
	assert_string_equal(l->items[1]->id, "wamid.2");
	assert_string_equal(l->items[1]->text_body, "dos");
	gosend_message_list_free(l);
}

/* Only a body that cannot be a page fails. */
static void test_messages_decode__list_bad(void **state)
{
	static const char *const bad[] = {"messages/list_not_list.json",
	                                  "messages/result_truncated.json",
	                                  "messages/result_empty_body.json"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gosend_message_list *l = (gosend_message_list *)1;
		gosend_error *err = NULL;
		size_t len;
		char *body = ts_fixture(bad[i], &len);
		int rc = page_from(&l, body, len, &err);
		free(body);
		if (rc != GOSEND_EPROTOCOL)
			fail_msg("%s: got %d", bad[i], rc);
		assert_null(l);
		assert_non_null(err);
		gosend_error_free(err);
	}
}

/* Items of a page whose text is spread out: each raw_json is its element's
 * text exactly, each content_json its member's, the byte order mark
 * before the page skipped. */
static void test_messages_decode__list_texts(void **state)
{
	static const char body[] =
	        "\xEF\xBB\xBF [ {\"id\": \"a\", \"type\": \"text\",\n"
	        "  \"text\": { \"body\" : \"x\\\" y\" } } ,\n"
	        "\t{\"id\":2,\"type\":\"location\",\"location\":[1 ,2]} ,7 ]\n";
	static const char one[] = "\xEF\xBB\xBF{\"id\":\"b\",\"type\":\"text\","
	                          "\"text\":{\"body\":\"z\"}}";
	gosend_message_list *l = NULL;
	gosend_message *m = NULL;
	gosend_error *err = NULL;

	(void)state;
	assert_int_equal(page_from(&l, body, sizeof(body) - 1, &err), 0);
	assert_int_equal(l->count, 3);
	assert_string_equal(l->items[0]->raw_json,
	                    "{\"id\": \"a\", \"type\": \"text\",\n"
	                    "  \"text\": { \"body\" : \"x\\\" y\" } }");
	assert_string_equal(l->items[0]->content_json,
	                    "{ \"body\" : \"x\\\" y\" }");
	assert_string_equal(l->items[0]->text_body, "x\" y");
	assert_string_equal(l->items[1]->raw_json,
	                    "{\"id\":2,\"type\":\"location\",\"location\":"
	                    "[1 ,2]}");
	assert_string_equal(l->items[1]->id, "2");
	assert_string_equal(l->items[1]->content_json, "[1 ,2]");
	assert_null(l->items[1]->text_body);
	assert_string_equal(l->items[2]->raw_json, "7");
	assert_null(l->items[2]->id);
	assert_memory_equal(l->raw_json, body, sizeof(body) - 1);
	gosend_message_list_free(l);

	/* one message: its content read after the mark too */
	assert_int_equal(message_from(&m, one, sizeof(one) - 1, &err), 0);
	assert_string_equal(m->content_json, "{\"body\":\"z\"}");
	assert_string_equal(m->raw_json, one);
	assert_non_null(m->meta);
	gosend_message_free(m);
}

/* What is not one RFC 8259 text fails: a raw NUL anywhere (a string would
 * be cut at it), numbers like 01 or 1., bytes other than space, tab, CR
 * and LF between tokens, a second value. */
static void test_messages_decode__not_json(void **state)
{
	static const struct {
		const char *body;
		size_t len;
	} bad[] = {
	        {"[{\"id\":\"a\0b\"}]", 14},
	        {"[{\"id\":\"a\"}]\0", 14},
	        {"[01]", 4},
	        {"[1.]", 4},
	        {"[-.5]", 5},
	        {"\f[]", 3},
	        {"[] []", 5},
	        {" \xEF\xBB\xBF[]", 6},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gosend_message_list *l = (gosend_message_list *)1;
		gosend_error *err = NULL;
		if (page_from(&l, bad[i].body, bad[i].len, &err) !=
		    GOSEND_EPROTOCOL)
			fail_msg("body %zu accepted", i);
		assert_null(l);
		gosend_error_free(err);
	}
}

/* ---- media upload result ---- */

/* A JSON upload answer without a usable id: success, id NULL, raw kept. */
static void media_no_id(const char *fixture)
{
	gosend_media_result *r = NULL;
	gosend_error *err = NULL;
	size_t len;
	char *body = ts_fixture(fixture, &len);

	if (media_from(&r, body, len, &err) != 0)
		fail_msg("%s: %s", fixture, err->message);
	assert_null(err);
	assert_null(r->id);
	assert_non_null(r->meta);
	assert_int_equal(strlen(r->raw_json), len);
	assert_memory_equal(r->raw_json, body, len);
	free(body);
	gosend_media_result_free(r);
}

static void test_messages_decode__media(void **state)
{
	/* the fixture entry point needs JSON (a live upload takes any 2xx
	 * body; tests/wire/test_media.c) */
	static const char *const bad[] = {"messages/result_empty_body.json",
	                                  "messages/result_truncated.json"};
	gosend_media_result *r = NULL;
	gosend_error *err = NULL;
	size_t len, i;
	char *body;

	(void)state;
	body = ts_fixture("messages/media_ok.json", &len);
	assert_int_equal(media_from(&r, body, len, &err), 0);
	free(body);
	assert_string_equal(r->id, "934567890123456");
	assert_int_equal(r->struct_version, 1);
	assert_non_null(r->meta);
	ts_assert_json_eq(r->raw_json, "{\"id\":\"934567890123456\"}");
	gosend_media_result_free(r);
	body = ts_fixture("messages/media_numeric.json", &len);
	assert_int_equal(media_from(&r, body, len, &err), 0);
	free(body);
	assert_string_equal(r->id, "934567890123456");
	gosend_media_result_free(r);
	gosend_media_result_free(NULL);
	body = ts_fixture("messages/media_data.json", &len);
	assert_int_equal(media_from(&r, body, len, &err), 0);
	free(body);
	assert_string_equal(r->id, "934567890123457");
	gosend_media_result_free(r);
	media_no_id("messages/media_missing.json");
	media_no_id("messages/media_empty_id.json");
	media_no_id("messages/media_wrong.json");
	media_no_id("messages/media_array.json");
	media_no_id("messages/media_other_name.json");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = (gosend_media_result *)1;
		body = ts_fixture(bad[i], &len);
		assert_int_equal(media_from(&r, body, len, &err),
		                 GOSEND_EPROTOCOL);
		free(body);
		assert_null(r);
		assert_int_equal(err->code, GOSEND_EPROTOCOL);
		gosend_error_free(err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_messages_decode__result_gosend_style),
	        cmocka_unit_test(test_messages_decode__result_meta_style),
	        cmocka_unit_test(test_messages_decode__result_top_level_first),
	        cmocka_unit_test(test_messages_decode__result_numeric_ids),
	        cmocka_unit_test(test_messages_decode__result_missing_id),
	        cmocka_unit_test(test_messages_decode__result_wrong_types),
	        cmocka_unit_test(test_messages_decode__result_id_spellings),
	        cmocka_unit_test(test_messages_decode__result_unknown_fields),
	        cmocka_unit_test(test_messages_decode__result_null_body),
	        cmocka_unit_test(test_messages_decode__message_text),
	        cmocka_unit_test(
	                test_messages_decode__message_camel_and_numbers),
	        cmocka_unit_test(test_messages_decode__message_unknown_values),
	        cmocka_unit_test(test_messages_decode__message_bad),
	        cmocka_unit_test(
	                test_messages_decode__message_wrong_types_unset),
	        cmocka_unit_test(test_messages_decode__list),
	        cmocka_unit_test(test_messages_decode__list_bad_items_kept),
	        cmocka_unit_test(test_messages_decode__list_bad),
	        cmocka_unit_test(test_messages_decode__list_texts),
	        cmocka_unit_test(test_messages_decode__not_json),
	        cmocka_unit_test(test_messages_decode__media),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
