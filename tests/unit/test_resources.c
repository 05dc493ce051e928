/*
 * Decoders of WABAs, phone numbers, templates, template sync answers,
 * conversations (and close answers), webhooks, deliveries, customers and
 * setup links, on fixtures: good bodies, alternative spellings, missing,
 * extra and wrong-typed fields, unknown enumeration values.
 */
#include "decoders.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/admin.h"
#include "gosendapi/conversations.h"
#include "gosendapi/templates.h"
#include "gosendapi/wabas.h"
#include "gosendapi/webhooks.h"

static char *fixture(const char *name, size_t *len)
{
	char rel[256];

	(void)snprintf(rel, sizeof(rel), "resources/%s", name);
	return ts_fixture(rel, len);
}

/* Decode a fixture into var, expecting success. */
#define DECODE_OK(var, fn, name)                         \
	do {                                             \
		gosend_error *e_ = NULL;                 \
		size_t len_;                             \
		char *body_ = fixture(name, &len_);      \
		int rc_ = fn(&(var), body_, len_, &e_);  \
		free(body_);                             \
		if (rc_ != 0)                            \
			fail_msg("%s: %d %s", name, rc_, \
			         e_ ? e_->message : ""); \
		assert_non_null(var);                    \
		assert_null(e_);                         \
	} while (0)

/* Decode a fixture expecting code, and the error's field. */
#define DECODE_FAIL(fn, type, name, want, fld)                       \
	do {                                                         \
		type *obj_ = (type *)1;                              \
		gosend_error *e_ = NULL;                             \
		size_t len_;                                         \
		char *body_ = fixture(name, &len_);                  \
		assert_int_equal(fn(&obj_, body_, len_, &e_), want); \
		free(body_);                                         \
		assert_null(obj_);                                   \
		assert_non_null(e_);                                 \
		assert_int_equal(e_->code, want);                    \
		assert_string_equal(e_->field, fld);                 \
		gosend_error_free(e_);                               \
	} while (0)

/* ---------------------------------------------------------------- WABAs */

static void test_resources__waba_all_fields(void **state)
{
	gosend_waba *w = NULL;
	DECODE_OK(w, gosend__waba_from_json, "waba.json");

	(void)state;
	assert_int_equal(w->struct_version, 1);
	assert_string_equal(w->id, "1");
	assert_string_equal(w->customer_id, "7");
	assert_string_equal(w->waba_id, "102290129340398");
	assert_string_equal(w->business_id, "104996122399160");
	assert_string_equal(w->display_name, "Mock Clinic");
	assert_int_equal(w->status, GOSEND_WABA_STATUS_ACTIVE);
	assert_string_equal(w->status_name, "active");
	assert_string_equal(w->external_reference, "clinic_001");
	ts_assert_json_eq(w->raw_json,
	                  "{\"id\":\"1\",\"customer_id\":\"7\",\"waba_id\":"
	                  "\"102290129340398\",\"business_id\":"
	                  "\"104996122399160\",\"display_name\":\"Mock "
	                  "Clinic\",\"status\":\"active\","
	                  "\"external_reference\":\"clinic_001\"}");
	assert_non_null(w->meta);
	assert_int_equal(w->meta->total_count, -1);
	gosend_waba_free(w);
}

static void test_resources__waba_numeric_ids_camel_case_extra(void **state)
{
	gosend_waba *w = NULL;
	DECODE_OK(w, gosend__waba_from_json, "waba_variants.json");

	(void)state;
	assert_string_equal(w->id, "1234567890123");
	assert_string_equal(w->customer_id, "7");
	assert_string_equal(w->waba_id, "109876543210987");
	assert_null(w->business_id);
	assert_string_equal(w->display_name, "Tienda \xC3\x91"
	                                     "and\xC3\xBA");
	assert_int_equal(w->status, GOSEND_WABA_STATUS_SUSPENDED);
	assert_string_equal(w->status_name, "SUSPENDED");
	assert_null(w->external_reference);
	assert_non_null(strstr(w->raw_json, "\"nested\""));
	gosend_waba_free(w);
}

static void test_resources__waba_unknown_status(void **state)
{
	gosend_waba *w = NULL;
	DECODE_OK(w, gosend__waba_from_json, "waba_unknown_status.json");

	(void)state;
	assert_int_equal(w->status, GOSEND_WABA_STATUS_UNKNOWN);
	assert_string_equal(w->status_name, "under_review");
	assert_null(w->customer_id);
	assert_null(w->display_name);
	gosend_waba_free(w);
}

static void test_resources__waba_bad_bodies(void **state)
{
	gosend_waba *w = (gosend_waba *)1;
	gosend_error *e = NULL;

	(void)state;
	DECODE_FAIL(gosend__waba_from_json, gosend_waba, "waba_missing_id.json",
	            GOSEND_EPROTOCOL, "id");
	DECODE_FAIL(gosend__waba_from_json, gosend_waba, "waba_wrong_type.json",
	            GOSEND_EPROTOCOL, "display_name");
	DECODE_FAIL(gosend__waba_from_json, gosend_waba, "waba_float_id.json",
	            GOSEND_EPROTOCOL, "id");
	DECODE_FAIL(gosend__waba_from_json, gosend_waba, "wabas.json",
	            GOSEND_EPROTOCOL, "(object)");
	assert_int_equal(gosend__waba_from_json(&w, "{\"id\":", 6, &e),
	                 GOSEND_EPROTOCOL);
	assert_null(w);
	gosend_error_free(e);
}

static void test_resources__waba_lists(void **state)
{
	gosend_waba_list *l = NULL;
	DECODE_OK(l, gosend__waba_list_from_json, "wabas.json");

	(void)state;
	assert_int_equal(l->struct_version, 1);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[0]->id, "1");
	assert_int_equal(l->items[0]->status, GOSEND_WABA_STATUS_ACTIVE);
	assert_string_equal(l->items[1]->id, "2");
	assert_int_equal(l->items[1]->status, GOSEND_WABA_STATUS_PENDING);
	assert_null(l->items[1]->external_reference);
	assert_true(l->items[1]->meta == l->meta);
	assert_non_null(strstr(l->items[1]->raw_json, "Mock Store"));
	assert_null(strstr(l->items[1]->raw_json, "Mock Clinic"));
	gosend_waba_list_free(l);

	DECODE_OK(l, gosend__waba_list_from_json, "wabas_wrapped.json");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0]->id, "5");
	ts_assert_json_eq(l->items[0]->raw_json,
	                  "{\"id\":\"5\",\"status\":\"pending\"}");
	gosend_waba_list_free(l);

	DECODE_FAIL(gosend__waba_list_from_json, gosend_waba_list,
	            "wabas_not_list.json", GOSEND_EPROTOCOL, "(list)");
}

/* -------------------------------------------------------- phone numbers */

static void test_resources__phone_numbers(void **state)
{
	gosend_phone_number_list *l = NULL;
	DECODE_OK(l, gosend__phone_number_list_from_json, "phone_numbers.json");
	const gosend_phone_number *p;

	(void)state;
	assert_int_equal(l->count, 4);
	p = l->items[0];
	assert_string_equal(p->id, "1");
	assert_string_equal(p->waba_id, "1");
	assert_string_equal(p->phone_number_id, "555123456789");
	assert_string_equal(p->display_phone_number, "+54 11 5555 1234");
	assert_string_equal(p->display_phone_number_normalized,
	                    "5491155551234");
	assert_string_equal(p->display_name, "Mock Clinic");
	assert_string_equal(p->verified_name, "Mock Clinic S.A.");
	assert_int_equal(p->quality_rating, GOSEND_QUALITY_RATING_GREEN);
	assert_string_equal(p->quality_rating_name, "green");
	assert_string_equal(p->throughput_tier, "Standard");
	assert_int_equal(p->connection_type, GOSEND_CONNECTION_TYPE_DEDICATED);
	assert_string_equal(p->connection_type_name, "dedicated");
	assert_int_equal(p->is_coexistence, 0);
	assert_int_equal(p->is_official_business_account, 1);
	assert_int_equal(p->inbound_processing_enabled, 1);
	assert_int_equal(p->calls_enabled, 0);
	assert_int_equal(p->status, GOSEND_PHONE_NUMBER_STATUS_ACTIVE);
	assert_string_equal(p->status_name, "active");
	assert_non_null(p->meta);

	p = l->items[1];
	assert_string_equal(p->id, "2");
	assert_string_equal(p->waba_id, "1");
	assert_string_equal(p->phone_number_id, "555123456790");
	assert_int_equal(p->quality_rating, GOSEND_QUALITY_RATING_YELLOW);
	assert_int_equal(p->connection_type,
	                 GOSEND_CONNECTION_TYPE_COEXISTENCE);
	assert_string_equal(p->connection_type_name, "COEXISTENCE");
	assert_int_equal(p->is_coexistence, 1);
	assert_int_equal(p->is_official_business_account, -1);
	assert_int_equal(p->inbound_processing_enabled, -1);
	assert_int_equal(p->calls_enabled, -1);
	assert_int_equal(p->status, GOSEND_PHONE_NUMBER_STATUS_DISCONNECTED);
	assert_null(p->display_name);

	p = l->items[2];
	assert_int_equal(p->quality_rating, GOSEND_QUALITY_RATING_UNKNOWN);
	assert_string_equal(p->quality_rating_name, "flagged");
	assert_int_equal(p->connection_type, GOSEND_CONNECTION_TYPE_UNKNOWN);
	assert_string_equal(p->connection_type_name, "shared");
	assert_int_equal(p->status, GOSEND_PHONE_NUMBER_STATUS_UNKNOWN);
	assert_string_equal(p->status_name, "migrating");
	assert_null(p->phone_number_id);

	p = l->items[3];
	assert_int_equal(p->quality_rating, GOSEND_QUALITY_RATING_UNKNOWN);
	assert_string_equal(p->quality_rating_name, "unknown");
	assert_int_equal(p->status, GOSEND_PHONE_NUMBER_STATUS_PENDING);
	assert_null(p->connection_type_name);
	gosend_phone_number_list_free(l);

	DECODE_FAIL(gosend__phone_number_list_from_json,
	            gosend_phone_number_list, "phone_numbers_bad_bool.json",
	            GOSEND_EPROTOCOL, "calls_enabled");
	DECODE_FAIL(gosend__phone_number_list_from_json,
	            gosend_phone_number_list, "phone_numbers_bad_item.json",
	            GOSEND_EPROTOCOL, "(object)");
}

/* ------------------------------------------------------------ templates */

static void test_resources__templates(void **state)
{
	gosend_template_list *l = NULL;
	DECODE_OK(l, gosend__template_list_from_json, "templates.json");
	const gosend_template *t;

	(void)state;
	assert_int_equal(l->count, 5);
	t = l->items[0];
	assert_string_equal(t->id, "1001");
	assert_string_equal(t->waba_id, "1");
	assert_string_equal(t->name, "appointment_reminder");
	assert_string_equal(t->language, "es_AR");
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_UTILITY);
	assert_string_equal(t->category_name, "UTILITY");
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_APPROVED);
	assert_string_equal(t->status_name, "APPROVED");
	assert_null(t->rejection_reason);
	assert_string_equal(t->created_at, "2026-01-15T10:00:00Z");
	assert_null(t->updated_at);
	ts_assert_json_eq(t->components_json,
	                  "[{\"type\":\"BODY\",\"text\":\"Hola {{1}}\","
	                  "\"example\":{\"body_text\":[[\"Juan\"]]}}]");

	t = l->items[1];
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_REJECTED);
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_MARKETING);
	assert_string_equal(t->rejection_reason, "PROMOTIONAL");
	assert_null(t->components_json);

	t = l->items[2];
	assert_string_equal(t->language, "pt_BR");
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_MARKETING);
	assert_string_equal(t->category_name, "marketing");
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_REJECTED);
	assert_string_equal(t->rejection_reason, "INVALID_FORMAT");
	assert_string_equal(t->updated_at, "2026-02-01T00:00:00.123Z");

	t = l->items[3];
	assert_string_equal(t->id, "1004");
	assert_string_equal(t->waba_id, "2");
	assert_string_equal(t->language, "en");
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_AUTHENTICATION);
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_PAUSED);
	assert_string_equal(t->rejection_reason, "LOW_QUALITY");

	t = l->items[4];
	assert_int_equal(t->category, GOSEND_TEMPLATE_CATEGORY_UNKNOWN);
	assert_string_equal(t->category_name, "SERVICE");
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_UNKNOWN);
	assert_string_equal(t->status_name, "IN_APPEAL");
	assert_null(t->language);
	assert_null(t->components_json);
	/* rejected_reason wins over the other spellings */
	assert_string_equal(t->rejection_reason, "A");
	gosend_template_list_free(l);
}

static void test_resources__template_single_and_bad(void **state)
{
	gosend_template *t = NULL;
	DECODE_OK(t, gosend__template_from_json, "template_created.json");

	(void)state;
	assert_string_equal(t->id, "1004");
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_PENDING);
	assert_non_null(t->meta);
	assert_non_null(strstr(t->raw_json, "order_update"));
	ts_assert_json_eq(t->components_json,
	                  "[{\"type\":\"BODY\",\"text\":\"Hi\"}]");
	gosend_template_free(t);

	DECODE_FAIL(gosend__template_from_json, gosend_template,
	            "template_bad_status.json", GOSEND_EPROTOCOL, "status");
	DECODE_FAIL(gosend__template_from_json, gosend_template,
	            "template_bad_language.json", GOSEND_EPROTOCOL, "language");
	DECODE_FAIL(gosend__template_from_json, gosend_template,
	            "template_bad_reason.json", GOSEND_EPROTOCOL, "reason");
}

static void test_resources__template_sync_answers(void **state)
{
	gosend_template_sync_result *r;
	gosend_error *e = NULL;

	(void)state;
	DECODE_OK(r, gosend__template_sync_from_json, "sync_count.json");
	assert_int_equal(r->synced, 3);
	assert_int_equal(r->count, 0);
	assert_null(r->templates);
	assert_non_null(r->meta);
	gosend_template_sync_result_free(r);

	DECODE_OK(r, gosend__template_sync_from_json,
	          "sync_templates_number.json");
	assert_int_equal(r->synced, 4);
	gosend_template_sync_result_free(r);

	DECODE_OK(r, gosend__template_sync_from_json, "sync_array.json");
	assert_int_equal(r->synced, 2);
	assert_int_equal(r->count, 2);
	assert_string_equal(r->templates[1]->name, "b");
	assert_int_equal(r->templates[1]->status,
	                 GOSEND_TEMPLATE_STATUS_PENDING);
	ts_assert_json_eq(r->templates[0]->raw_json,
	                  "{\"id\":\"1\",\"name\":\"a\","
	                  "\"status\":\"APPROVED\"}");
	gosend_template_sync_result_free(r);

	DECODE_OK(r, gosend__template_sync_from_json, "sync_object.json");
	assert_int_equal(r->synced, 7);
	assert_int_equal(r->count, 1);
	assert_string_equal(r->templates[0]->language, "en");
	gosend_template_sync_result_free(r);

	DECODE_OK(r, gosend__template_sync_from_json, "sync_data.json");
	assert_int_equal(r->synced, 1);
	assert_string_equal(r->templates[0]->id, "9");
	gosend_template_sync_result_free(r);

	DECODE_OK(r, gosend__template_sync_from_json, "sync_other.json");
	assert_int_equal(r->synced, -1);
	assert_int_equal(r->count, 0);
	gosend_template_sync_result_free(r);

	r = NULL;
	assert_int_equal(
	        gosend__template_sync_from_json(&r, "{\"synced\":-2}", 13, &e),
	        0);
	assert_int_equal(r->synced, -1);
	gosend_template_sync_result_free(r);

	DECODE_FAIL(gosend__template_sync_from_json,
	            gosend_template_sync_result, "sync_bad_template.json",
	            GOSEND_EPROTOCOL, "id");
}

/* -------------------------------------------------------- conversations */

static void test_resources__conversation(void **state)
{
	gosend_conversation *c = NULL;
	DECODE_OK(c, gosend__conversation_from_json, "conversation.json");

	(void)state;
	assert_string_equal(c->id, "1");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ACTIVE);
	assert_string_equal(c->status_name, "active");
	assert_string_equal(c->tenant_id, "42");
	assert_string_equal(c->customer_id, "1");
	assert_string_equal(c->phone_number_id, "555123456789");
	assert_string_equal(c->contact_wa_id, "5491140123401");
	assert_string_equal(c->contact_name, "Contact 1");
	assert_string_equal(c->category, "service");
	assert_string_equal(c->opened_at, "2026-01-15T10:00:00Z");
	assert_string_equal(c->expires_at, "2026-01-16T10:00:00Z");
	assert_null(c->closed_at);
	assert_null(c->last_message_at);
	assert_non_null(c->meta);
	gosend_conversation_free(c);
}

static void test_resources__conversation_spellings(void **state)
{
	gosend_conversation_list *l = NULL;
	DECODE_OK(l, gosend__conversation_list_from_json,
	          "conversations_variants.json");
	const gosend_conversation *c;

	(void)state;
	assert_int_equal(l->count, 4);
	c = l->items[0];
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_INACTIVE);
	assert_string_equal(c->contact_wa_id, "5491140123402");
	assert_null(c->contact_name);
	assert_string_equal(c->category, "marketing");
	assert_string_equal(c->opened_at, "2026-01-15T11:00:00Z");
	assert_string_equal(c->last_message_at, "2026-01-15T11:05:00Z");

	c = l->items[1];
	assert_string_equal(c->id, "2");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_string_equal(c->contact_wa_id, "5491140123403");
	assert_string_equal(c->contact_name, "Ana");
	assert_string_equal(c->opened_at, "2026-01-15T12:00:00Z");
	assert_string_equal(c->closed_at, "2026-01-16T12:00:00Z");
	assert_string_equal(c->tenant_id, "42");
	assert_string_equal(c->customer_id, "1");
	assert_string_equal(c->phone_number_id, "555");

	c = l->items[2];
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_UNKNOWN);
	assert_string_equal(c->status_name, "archived");
	assert_string_equal(c->contact_wa_id, "5491140123404");
	assert_string_equal(c->opened_at, "2026-01-15T13:00:00Z");
	assert_string_equal(c->expires_at, "2026-01-16T13:00:00Z");
	assert_string_equal(c->closed_at, "2026-01-15T14:00:00Z");

	c = l->items[3];
	assert_null(c->status_name);
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_UNKNOWN);
	assert_string_equal(c->contact_wa_id, "5491140123405");
	assert_string_equal(c->opened_at, "2026-01-15T15:00:00Z");
	gosend_conversation_list_free(l);

	DECODE_FAIL(gosend__conversation_from_json, gosend_conversation,
	            "conversation_bad_contact.json", GOSEND_EPROTOCOL,
	            "contact");
	DECODE_FAIL(gosend__conversation_from_json, gosend_conversation,
	            "conversation_bad_contact_name.json", GOSEND_EPROTOCOL,
	            "contact.name");
	DECODE_FAIL(gosend__conversation_from_json, gosend_conversation,
	            "conversation_bad_status.json", GOSEND_EPROTOCOL, "status");
}

static gosend_conversation *close_body(const char *body)
{
	gosend_conversation *c = (gosend_conversation *)1;
	gosend_error *e = NULL;

	assert_int_equal(gosend__conversation_close_from_json(&c, body,
	                                                      strlen(body), &e),
	                 0);
	assert_null(e);
	return c;
}

static void test_resources__close_answers(void **state)
{
	gosend_conversation *c;

	(void)state;
	assert_null(close_body(""));
	assert_null(close_body("{}"));
	assert_null(close_body("{\"success\":true}"));
	assert_null(close_body("not json"));
	assert_null(close_body("[1,2]"));
	assert_null(close_body("{\"id\":\"1\",\"status\":5}"));
	assert_null(close_body("{\"conversation\":{\"status\":\"ended\"}}"));

	c = close_body("{\"id\":\"7\",\"status\":\"ended\","
	               "\"closed_at\":\"2026-01-15T12:00:00Z\"}");
	assert_non_null(c);
	assert_string_equal(c->id, "7");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_string_equal(c->closed_at, "2026-01-15T12:00:00Z");
	assert_non_null(c->meta);
	gosend_conversation_free(c);

	c = close_body("{\"ok\":true,\"conversation\":{\"id\":8,"
	               "\"status\":\"ended\"}}");
	assert_non_null(c);
	assert_string_equal(c->id, "8");
	ts_assert_json_eq(c->raw_json, "{\"id\":8,\"status\":\"ended\"}");
	gosend_conversation_free(c);

	c = close_body("{\"data\":{\"id\":\"9\"}}");
	assert_non_null(c);
	assert_string_equal(c->id, "9");
	gosend_conversation_free(c);
}

/* ------------------------------------------------------------- webhooks */

static void test_resources__webhook_created(void **state)
{
	gosend_webhook *w = NULL;
	DECODE_OK(w, gosend__webhook_from_json, "webhook_created.json");

	(void)state;
	assert_string_equal(w->id, "42");
	assert_string_equal(w->url, "https://acme.example/hooks");
	assert_string_equal(w->secret,
	                    "whsec_a1b2c3d4e5f60718293a4b5c6d7e8f90");
	assert_int_equal(w->events_count, 2);
	assert_string_equal(w->events[0], "whatsapp.message.received");
	assert_string_equal(w->events[1], "whatsapp.message.delivered");
	assert_int_equal(w->enabled, 1);
	assert_null(w->phone_number_id);
	assert_string_equal(w->type, "gosendapi_events");
	assert_string_equal(w->created_at, "2026-01-15T10:00:00Z");
	assert_null(w->updated_at);
	assert_non_null(strstr(w->raw_json, "whsec_"));
	assert_non_null(w->meta);
	gosend_webhook_free(w);
}

static void test_resources__webhook_list_and_bad(void **state)
{
	gosend_webhook_list *l = NULL;
	DECODE_OK(l, gosend__webhook_list_from_json, "webhooks.json");

	(void)state;
	assert_int_equal(l->count, 3);
	assert_null(l->items[0]->secret);
	assert_string_equal(l->items[0]->phone_number_id, "7");
	assert_string_equal(l->items[0]->updated_at, "2026-01-16T10:00:00Z");
	assert_int_equal(l->items[0]->events_count, 1);
	assert_string_equal(l->items[1]->id, "43");
	assert_int_equal(l->items[1]->events_count, 0);
	assert_non_null(l->items[1]->events);
	assert_int_equal(l->items[1]->enabled, 0);
	assert_string_equal(l->items[1]->phone_number_id, "555123456789");
	assert_null(l->items[2]->events);
	assert_int_equal(l->items[2]->events_count, 0);
	assert_int_equal(l->items[2]->enabled, -1);
	assert_null(l->items[2]->url);
	gosend_webhook_list_free(l);

	DECODE_FAIL(gosend__webhook_from_json, gosend_webhook,
	            "webhook_bad_events.json", GOSEND_EPROTOCOL, "events");
	DECODE_FAIL(gosend__webhook_from_json, gosend_webhook,
	            "webhook_bad_event_item.json", GOSEND_EPROTOCOL, "events");
	DECODE_FAIL(gosend__webhook_from_json, gosend_webhook,
	            "webhook_bad_enabled.json", GOSEND_EPROTOCOL, "enabled");
	DECODE_FAIL(gosend__webhook_from_json, gosend_webhook,
	            "waba_missing_id.json", GOSEND_EPROTOCOL, "id");
}

static void test_resources__webhook_error_hides_secret(void **state)
{
	static const char body[] = "{\"id\":\"1\",\"secret\":\"whsec_"
	                           "topsecret\",\"enabled\":\"yes\"}";
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;

	(void)state;
	assert_int_equal(
	        gosend__webhook_from_json(&w, body, sizeof(body) - 1, &e),
	        GOSEND_EPROTOCOL);
	assert_null(w);
	assert_string_equal(e->field, "enabled");
	assert_null(e->body);
	assert_null(strstr(e->message, "topsecret"));
	gosend_error_free(e);
}

static void test_resources__deliveries(void **state)
{
	gosend_webhook_delivery_list *l = NULL;
	DECODE_OK(l, gosend__webhook_delivery_list_from_json,
	          "deliveries.json");
	const gosend_webhook_delivery *d;

	(void)state;
	assert_int_equal(l->count, 3);
	d = l->items[0];
	assert_string_equal(d->id, "dlv_1");
	assert_string_equal(d->webhook_id, "42");
	assert_string_equal(d->event, "whatsapp.message.delivered");
	assert_string_equal(d->status, "succeeded");
	assert_int_equal(d->attempts, 1);
	assert_int_equal(d->response_status, 200);
	assert_string_equal(d->created_at, "2026-01-15T10:00:00Z");
	assert_string_equal(d->last_attempt_at, "2026-01-15T10:00:01Z");
	assert_null(d->next_attempt_at);
	d = l->items[1];
	assert_string_equal(d->webhook_id, "42");
	assert_string_equal(d->event, "whatsapp.message.failed");
	assert_int_equal(d->attempts, 5);
	assert_int_equal(d->response_status, 500);
	assert_string_equal(d->created_at, "2026-01-15T10:01:00Z");
	assert_string_equal(d->last_attempt_at, "2026-01-15T10:31:00Z");
	assert_string_equal(d->next_attempt_at, "2026-01-15T11:31:00Z");
	assert_non_null(strstr(d->raw_json, "\"payload\""));
	d = l->items[2];
	assert_string_equal(d->id, "3");
	assert_int_equal(d->attempts, -1);
	assert_int_equal(d->response_status, -1);
	assert_null(d->event);
	gosend_webhook_delivery_list_free(l);

	DECODE_FAIL(gosend__webhook_delivery_list_from_json,
	            gosend_webhook_delivery_list, "delivery_bad_attempts.json",
	            GOSEND_EPROTOCOL, "attempts");
	DECODE_FAIL(gosend__webhook_delivery_list_from_json,
	            gosend_webhook_delivery_list,
	            "delivery_fraction_status.json", GOSEND_EPROTOCOL,
	            "response_status");
}

/* ---------------------------------------------------------------- admin */

static void test_resources__customer(void **state)
{
	gosend_customer *c = NULL;
	DECODE_OK(c, gosend__customer_from_json, "customer.json");

	(void)state;
	assert_string_equal(c->id, "2");
	assert_string_equal(c->tenant_id, "42");
	assert_string_equal(c->name, "Cl\xC3\xAD"
	                             "nica San Lucas");
	assert_string_equal(c->external_id, "clinic_001");
	assert_string_equal(c->email, "admin@clinic.example");
	assert_string_equal(c->phone, "+54 11 5555 0000");
	ts_assert_json_eq(c->metadata_json, "{\"plan\":\"pro\",\"seats\":3}");
	assert_int_equal(c->status, GOSEND_CUSTOMER_STATUS_ACTIVE);
	assert_string_equal(c->created_at, "2026-01-15T10:00:00Z");
	assert_non_null(c->meta);
	gosend_customer_free(c);

	DECODE_OK(c, gosend__customer_from_json, "customer_variants.json");
	assert_string_equal(c->id, "2");
	assert_string_equal(c->tenant_id, "42");
	assert_string_equal(c->external_id, "1001");
	assert_null(c->metadata_json);
	assert_null(c->email);
	assert_int_equal(c->status, GOSEND_CUSTOMER_STATUS_SUSPENDED);
	assert_string_equal(c->created_at, "2026-01-15T10:00:00Z");
	gosend_customer_free(c);

	DECODE_FAIL(gosend__customer_from_json, gosend_customer,
	            "customer_bad_email.json", GOSEND_EPROTOCOL, "email");
	DECODE_FAIL(gosend__customer_from_json, gosend_customer,
	            "waba_missing_id.json", GOSEND_EPROTOCOL, "id");
}

static void test_resources__setup_link(void **state)
{
	gosend_setup_link *l = NULL;
	DECODE_OK(l, gosend__setup_link_from_json, "setup_link.json");

	(void)state;
	assert_string_equal(l->id, "abc123-0000-4000-8000-000000000001");
	assert_string_equal(l->url, "https://cloud.gosendapi.com/signup/"
	                            "abc123-0000-4000-8000-000000000001");
	assert_string_equal(l->status, "pending");
	assert_string_equal(l->expires_at, "2026-05-25T23:59:59Z");
	assert_string_equal(l->success_redirect_url, "https://app.example/ok");
	assert_string_equal(l->failure_redirect_url,
	                    "https://app.example/fail");
	assert_null(l->customer_id);
	assert_null(l->created_at);
	gosend_setup_link_free(l);

	DECODE_OK(l, gosend__setup_link_from_json, "setup_link_snake.json");
	assert_string_equal(l->status, "completed");
	assert_string_equal(l->expires_at, "2026-05-25T23:59:59Z");
	assert_string_equal(l->success_redirect_url, "https://app.example/ok");
	assert_null(l->failure_redirect_url);
	assert_string_equal(l->customer_id, "7");
	assert_string_equal(l->created_at, "2026-05-18T00:00:00Z");
	gosend_setup_link_free(l);

	DECODE_FAIL(gosend__setup_link_from_json, gosend_setup_link,
	            "setup_link_bad_url.json", GOSEND_EPROTOCOL, "url");
}

/* Every decoder survives every fixture of the directory without leaks or
 * crashes, whatever it answers. */
static void test_resources__every_decoder_on_every_fixture(void **state)
{
	static const char *const files[] = {
	        "waba.json",
	        "waba_variants.json",
	        "wabas.json",
	        "phone_numbers.json",
	        "templates.json",
	        "sync_array.json",
	        "conversations_variants.json",
	        "webhook_created.json",
	        "deliveries.json",
	        "customer.json",
	        "setup_link.json",
	        "webhook_bad_events.json",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *body = fixture(files[i], &len);
		gosend_conversation *o;
		gosend_error *e;
#define TRY(fn, T, freefn)                         \
	do {                                       \
		T *p_ = NULL;                      \
		e = NULL;                          \
		if (fn(&p_, body, len, &e) == 0) { \
			assert_non_null(p_);       \
			assert_null(e);            \
		} else {                           \
			assert_null(p_);           \
			assert_non_null(e);        \
		}                                  \
		freefn(p_);                        \
		gosend_error_free(e);              \
	} while (0)
		TRY(gosend__waba_from_json, gosend_waba, gosend_waba_free);
		TRY(gosend__waba_list_from_json, gosend_waba_list,
		    gosend_waba_list_free);
		TRY(gosend__phone_number_list_from_json,
		    gosend_phone_number_list, gosend_phone_number_list_free);
		TRY(gosend__template_from_json, gosend_template,
		    gosend_template_free);
		TRY(gosend__template_list_from_json, gosend_template_list,
		    gosend_template_list_free);
		TRY(gosend__template_sync_from_json,
		    gosend_template_sync_result,
		    gosend_template_sync_result_free);
		TRY(gosend__conversation_from_json, gosend_conversation,
		    gosend_conversation_free);
		TRY(gosend__conversation_list_from_json,
		    gosend_conversation_list, gosend_conversation_list_free);
		TRY(gosend__webhook_from_json, gosend_webhook,
		    gosend_webhook_free);
		TRY(gosend__webhook_list_from_json, gosend_webhook_list,
		    gosend_webhook_list_free);
		TRY(gosend__webhook_delivery_list_from_json,
		    gosend_webhook_delivery_list,
		    gosend_webhook_delivery_list_free);
		TRY(gosend__customer_from_json, gosend_customer,
		    gosend_customer_free);
		TRY(gosend__setup_link_from_json, gosend_setup_link,
		    gosend_setup_link_free);
#undef TRY
		o = NULL;
		e = NULL;
		assert_int_equal(
		        gosend__conversation_close_from_json(&o, body, len, &e),
		        0);
		gosend_conversation_free(o);
		free(body);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_resources__waba_all_fields),
	        cmocka_unit_test(
	                test_resources__waba_numeric_ids_camel_case_extra),
	        cmocka_unit_test(test_resources__waba_unknown_status),
	        cmocka_unit_test(test_resources__waba_bad_bodies),
	        cmocka_unit_test(test_resources__waba_lists),
	        cmocka_unit_test(test_resources__phone_numbers),
	        cmocka_unit_test(test_resources__templates),
	        cmocka_unit_test(test_resources__template_single_and_bad),
	        cmocka_unit_test(test_resources__template_sync_answers),
	        cmocka_unit_test(test_resources__conversation),
	        cmocka_unit_test(test_resources__conversation_spellings),
	        cmocka_unit_test(test_resources__close_answers),
	        cmocka_unit_test(test_resources__webhook_created),
	        cmocka_unit_test(test_resources__webhook_list_and_bad),
	        cmocka_unit_test(test_resources__webhook_error_hides_secret),
	        cmocka_unit_test(test_resources__deliveries),
	        cmocka_unit_test(test_resources__customer),
	        cmocka_unit_test(test_resources__setup_link),
	        cmocka_unit_test(
	                test_resources__every_decoder_on_every_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
