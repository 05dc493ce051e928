/*
 * Decoders of WABAs, phone numbers, templates, template sync answers,
 * conversations (and close answers), webhooks, deliveries, customers and
 * setup links, on fixtures: good bodies, alternative spellings, missing,
 * extra and wrong-typed fields (left unset, the rest decoded), bad list
 * items (kept, the page decoded), unknown enumeration values.
 */
#include "call/endpoint.h"
#include "core/alloc.h"
#include "json/body.h"
#include "json/shape.h"
#include "json/types.h"
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/admin.h"
#include "gosendapi/conversations.h"
#include "gosendapi/phone_numbers.h"
#include "gosendapi/templates.h"
#include "gosendapi/wabas.h"
#include "gosendapi/webhooks.h"

static char *fixture(const char *name, size_t *len)
{
	char rel[256];

	(void)snprintf(rel, sizeof(rel), "resources/%s", name);
	return ts_fixture(rel, len);
}

/* Decode a fixture as `shape` answers of `type` (call/endpoint.h) into
 * var, expecting success. */
#define DECODE_AS_OK(var, type, shape, name)                                   \
	do {                                                                   \
		gosend_error *e_ = NULL;                                       \
		void *o_ = NULL;                                               \
		size_t len_;                                                   \
		char *body_ = fixture(name, &len_);                            \
		int rc_ =                                                      \
		        gosend__decode(&(type), shape, body_, len_, &o_, &e_); \
		free(body_);                                                   \
		if (rc_ != 0)                                                  \
			fail_msg("%s: %d %s", name, rc_,                       \
			         e_ ? e_->message : "");                       \
		(var) = o_;                                                    \
		assert_non_null(var);                                          \
		assert_null(e_);                                               \
	} while (0)

/* Decode a fixture as `shape` answers of `type`, expecting code want and
 * the error's field. */
#define DECODE_AS_FAIL(type, shape, name, want, fld)                           \
	do {                                                                   \
		void *o_ = &o_;                                                \
		gosend_error *e_ = NULL;                                       \
		size_t len_;                                                   \
		char *body_ = fixture(name, &len_);                            \
		assert_int_equal(                                              \
		        gosend__decode(&(type), shape, body_, len_, &o_, &e_), \
		        want);                                                 \
		free(body_);                                                   \
		assert_null(o_);                                               \
		assert_non_null(e_);                                           \
		assert_int_equal(e_->code, want);                              \
		assert_string_equal(e_->field, fld);                           \
		gosend_error_free(e_);                                         \
	} while (0)

/* ---------------------------------------------------------------- WABAs */

static void test_resources__waba_all_fields(void **state)
{
	gosend_waba *w = NULL;
	DECODE_AS_OK(w, gosend__type_waba, GOSEND__ONE, "waba.json");

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
	DECODE_AS_OK(w, gosend__type_waba, GOSEND__ONE, "waba_variants.json");

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
	DECODE_AS_OK(w, gosend__type_waba, GOSEND__ONE,
	             "waba_unknown_status.json");

	(void)state;
	assert_int_equal(w->status, GOSEND_WABA_STATUS_UNKNOWN);
	assert_string_equal(w->status_name, "under_review");
	assert_null(w->customer_id);
	assert_null(w->display_name);
	gosend_waba_free(w);
}

/* A single WABA needs a usable id (it is what was asked for); an optional
 * field of another type is left unset and the rest decoded. */
/* A single object may come in a {"data": {...}} envelope; an object with
 * its own id is taken as it is; raw_json is the whole body. */
static void test_resources__waba_in_envelope(void **state)
{
	static const char env[] =
	        "{\"data\":{\"id\":\"w1\",\"display_name\":\"Shop\"}}";
	static const char own[] = "{\"id\":\"a\",\"data\":{\"id\":\"b\"}}";
	gosend_error *e = NULL;
	void *o = NULL;
	gosend_waba *w;

	(void)state;
	assert_int_equal(gosend__decode(&gosend__type_waba, GOSEND__ONE, env,
	                                sizeof(env) - 1, &o, &e),
	                 0);
	w = o;
	assert_string_equal(w->id, "w1");
	assert_string_equal(w->display_name, "Shop");
	assert_string_equal(w->raw_json, env);
	gosend_waba_free(w);
	assert_int_equal(gosend__decode(&gosend__type_waba, GOSEND__ONE, own,
	                                sizeof(own) - 1, &o, &e),
	                 0);
	w = o;
	assert_string_equal(w->id, "a");
	gosend_waba_free(w);
	assert_int_equal(gosend__decode(&gosend__type_waba, GOSEND__ONE,
	                                "{\"data\":\"x\"}", 12, &o, &e),
	                 GOSEND_EPROTOCOL);
	assert_null(o);
	assert_string_equal(e->field, "id");
	gosend_error_free(e);
}

static void test_resources__waba_bad_bodies(void **state)
{
	gosend_waba *w = (gosend_waba *)1;
	gosend_error *e = NULL;

	(void)state;
	DECODE_AS_FAIL(gosend__type_waba, GOSEND__ONE, "waba_missing_id.json",
	               GOSEND_EPROTOCOL, "id");
	DECODE_AS_FAIL(gosend__type_waba, GOSEND__ONE, "waba_float_id.json",
	               GOSEND_EPROTOCOL, "id");
	DECODE_AS_FAIL(gosend__type_waba, GOSEND__ONE, "wabas.json",
	               GOSEND_EPROTOCOL, "(object)");
	{
		void *o = &o;
		assert_int_equal(gosend__decode(&gosend__type_waba, GOSEND__ONE,
		                                "{\"id\":", 6, &o, &e),
		                 GOSEND_EPROTOCOL);
		assert_null(o);
	}
	gosend_error_free(e);

	w = NULL;
	DECODE_AS_OK(w, gosend__type_waba, GOSEND__ONE, "waba_wrong_type.json");
	assert_string_equal(w->id, "1");
	assert_null(w->display_name);
	assert_int_equal(w->status, GOSEND_WABA_STATUS_ACTIVE);
	assert_non_null(strstr(w->raw_json, "\"display_name\":5"));
	gosend_waba_free(w);
}

/* One bad item does not fail a page: every element gives an item, with
 * what could be read. */
static void test_resources__waba_list_bad_items(void **state)
{
	gosend_waba_list *l = NULL;
	DECODE_AS_OK(l, gosend__type_waba, GOSEND__PAGE,
	             "wabas_bad_items.json");

	(void)state;
	assert_int_equal(l->count, 5);
	/* an optional field of another type: unset, the rest decoded */
	assert_string_equal(l->items[0]->id, "1");
	assert_null(l->items[0]->display_name);
	assert_string_equal(l->items[0]->waba_id, "102290129340398");
	assert_int_equal(l->items[0]->status, GOSEND_WABA_STATUS_ACTIVE);
	/* not an object: every field unset, its text kept */
	assert_null(l->items[1]->id);
	assert_null(l->items[1]->status_name);
	assert_int_equal(l->items[1]->status, GOSEND_WABA_STATUS_UNKNOWN);
	assert_string_equal(l->items[1]->raw_json, "\"oops\"");
	assert_true(l->items[1]->meta == l->meta);
	assert_int_equal(l->items[1]->struct_version, 1);
	/* no id, and an unusable one: id NULL, the rest decoded */
	assert_null(l->items[2]->id);
	assert_string_equal(l->items[2]->display_name, "No Id");
	assert_null(l->items[3]->id);
	assert_int_equal(l->items[3]->status, GOSEND_WABA_STATUS_PENDING);
	/* null: an item too */
	assert_null(l->items[4]->id);
	assert_string_equal(l->items[4]->raw_json, "null");
	gosend_waba_list_free(l);
}

static void test_resources__waba_lists(void **state)
{
	gosend_waba_list *l = NULL;
	DECODE_AS_OK(l, gosend__type_waba, GOSEND__PAGE, "wabas.json");

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

	DECODE_AS_OK(l, gosend__type_waba, GOSEND__PAGE, "wabas_wrapped.json");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0]->id, "5");
	ts_assert_json_eq(l->items[0]->raw_json,
	                  "{\"id\":\"5\",\"status\":\"pending\"}");
	gosend_waba_list_free(l);

	DECODE_AS_FAIL(gosend__type_waba, GOSEND__PAGE, "wabas_not_list.json",
	               GOSEND_EPROTOCOL, "(list)");
}

/* -------------------------------------------------------- phone numbers */

static void test_resources__phone_numbers(void **state)
{
	gosend_phone_number_list *l = NULL;
	DECODE_AS_OK(l, gosend__type_phone_number, GOSEND__PAGE,
	             "phone_numbers.json");
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

	/* a boolean of another type is -1, as if absent */
	DECODE_AS_OK(l, gosend__type_phone_number, GOSEND__PAGE,
	             "phone_numbers_bad_bool.json");
	assert_int_equal(l->count, 1);
	assert_int_equal(l->items[0]->calls_enabled, -1);
	assert_string_equal(l->items[0]->phone_number_id, "555123456789");
	gosend_phone_number_list_free(l);

	/* an element that is not an object is an item with nothing set */
	DECODE_AS_OK(l, gosend__type_phone_number, GOSEND__PAGE,
	             "phone_numbers_bad_item.json");
	assert_int_equal(l->count, 2);
	assert_string_equal(l->items[0]->id, "1");
	p = l->items[1];
	assert_null(p->id);
	assert_null(p->phone_number_id);
	assert_int_equal(p->calls_enabled, -1);
	assert_int_equal(p->is_coexistence, -1);
	assert_int_equal(p->quality_rating, GOSEND_QUALITY_RATING_UNKNOWN);
	assert_string_equal(p->raw_json, "\"not an object\"");
	assert_true(p->meta == l->meta);
	gosend_phone_number_list_free(l);
}

/* ------------------------------------------------------------ templates */

static void test_resources__templates(void **state)
{
	gosend_template_list *l = NULL;
	DECODE_AS_OK(l, gosend__type_template, GOSEND__PAGE, "templates.json");
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
	DECODE_AS_OK(t, gosend__type_template, GOSEND__ANSWER,
	             "template_created.json");

	(void)state;
	assert_string_equal(t->id, "1004");
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_PENDING);
	assert_non_null(t->meta);
	assert_non_null(strstr(t->raw_json, "order_update"));
	ts_assert_json_eq(t->components_json,
	                  "[{\"type\":\"BODY\",\"text\":\"Hi\"}]");
	gosend_template_free(t);

	/* fields of other types are unset, the rest decoded */
	DECODE_AS_OK(t, gosend__type_template, GOSEND__ANSWER,
	             "template_bad_status.json");
	assert_string_equal(t->id, "1");
	assert_string_equal(t->name, "x");
	assert_null(t->status_name);
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_UNKNOWN);
	gosend_template_free(t);
	DECODE_AS_OK(t, gosend__type_template, GOSEND__ANSWER,
	             "template_bad_language.json");
	assert_null(t->language);
	assert_string_equal(t->name, "x");
	gosend_template_free(t);
	DECODE_AS_OK(t, gosend__type_template, GOSEND__ANSWER,
	             "template_bad_reason.json");
	assert_null(t->rejection_reason);
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_REJECTED);
	gosend_template_free(t);
	/* a spelling of another type gives way to the next usable one */
	DECODE_AS_OK(t, gosend__type_template, GOSEND__ANSWER,
	             "template_reason_fallback.json");
	assert_string_equal(t->rejection_reason, "INVALID_FORMAT");
	assert_string_equal(t->waba_id, "3");
	gosend_template_free(t);
	/* a create answer without an id, or no object at all: fields unset */
	DECODE_AS_OK(t, gosend__type_template, GOSEND__ANSWER,
	             "sync_bad_template.json");
	assert_null(t->id);
	assert_null(t->name);
	ts_assert_json_eq(t->raw_json, "[{\"name\":\"no_id\"}]");
	assert_non_null(t->meta);
	gosend_template_free(t);
}

static void test_resources__template_sync_answers(void **state)
{
	static const char both[] = "{\"synced\":1.5,\"count\":3,\"data\":[{}],"
	                           "\"templates\":[{\"id\":\"7\"}, 5]}";
	gosend_template_sync_result *r;
	gosend_error *e = NULL;
	void *o = NULL;

	(void)state;
	DECODE_AS_OK(r, gosend__type_template_sync, GOSEND__ANSWER,
	             "sync_count.json");
	assert_int_equal(r->synced, 3);
	assert_int_equal(r->count, 0);
	assert_null(r->templates);
	assert_non_null(r->meta);
	gosend_template_sync_result_free(r);

	DECODE_AS_OK(r, gosend__type_template_sync, GOSEND__ANSWER,
	             "sync_templates_number.json");
	assert_int_equal(r->synced, 4);
	gosend_template_sync_result_free(r);

	DECODE_AS_OK(r, gosend__type_template_sync, GOSEND__ANSWER,
	             "sync_array.json");
	assert_int_equal(r->synced, 2);
	assert_int_equal(r->count, 2);
	assert_string_equal(r->templates[1]->name, "b");
	assert_int_equal(r->templates[1]->status,
	                 GOSEND_TEMPLATE_STATUS_PENDING);
	ts_assert_json_eq(r->templates[0]->raw_json,
	                  "{\"id\":\"1\",\"name\":\"a\","
	                  "\"status\":\"APPROVED\"}");
	gosend_template_sync_result_free(r);

	DECODE_AS_OK(r, gosend__type_template_sync, GOSEND__ANSWER,
	             "sync_object.json");
	assert_int_equal(r->synced, 7);
	assert_int_equal(r->count, 1);
	assert_string_equal(r->templates[0]->language, "en");
	gosend_template_sync_result_free(r);

	DECODE_AS_OK(r, gosend__type_template_sync, GOSEND__ANSWER,
	             "sync_data.json");
	assert_int_equal(r->synced, 1);
	assert_string_equal(r->templates[0]->id, "9");
	gosend_template_sync_result_free(r);

	DECODE_AS_OK(r, gosend__type_template_sync, GOSEND__ANSWER,
	             "sync_other.json");
	assert_int_equal(r->synced, -1);
	assert_int_equal(r->count, 0);
	gosend_template_sync_result_free(r);

	assert_int_equal(gosend__decode(&gosend__type_template_sync,
	                                GOSEND__ANSWER, "{\"synced\":-2}", 13,
	                                &o, &e),
	                 0);
	r = o;
	assert_int_equal(r->synced, -1);
	gosend_template_sync_result_free(r);

	/* an unusable count is not replaced by the next spelling but by the
	 * number returned; "templates" comes before "data" */
	o = NULL;
	assert_int_equal(gosend__decode(&gosend__type_template_sync,
	                                GOSEND__ANSWER, both, strlen(both), &o,
	                                &e),
	                 0);
	r = o;
	assert_int_equal(r->synced, 2);
	assert_int_equal(r->count, 2);
	assert_string_equal(r->templates[0]->id, "7");
	ts_assert_json_eq(r->templates[0]->raw_json, "{\"id\":\"7\"}");
	assert_null(r->templates[1]->id);
	assert_string_equal(r->templates[1]->raw_json, "5");
	assert_true(r->templates[1]->meta == r->meta);
	gosend_template_sync_result_free(r);

	/* a returned template without an id is kept */
	DECODE_AS_OK(r, gosend__type_template_sync, GOSEND__ANSWER,
	             "sync_bad_template.json");
	assert_int_equal(r->count, 1);
	assert_int_equal(r->synced, 1);
	assert_null(r->templates[0]->id);
	assert_string_equal(r->templates[0]->name, "no_id");
	gosend_template_sync_result_free(r);
}

/* -------------------------------------------------------- conversations */

static void test_resources__conversation(void **state)
{
	gosend_conversation *c = NULL;
	DECODE_AS_OK(c, gosend__type_conversation, GOSEND__ONE,
	             "conversation.json");

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
	DECODE_AS_OK(l, gosend__type_conversation, GOSEND__PAGE,
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

	/* values of other types are unset, the rest decoded */
	{
		gosend_conversation *one = NULL;
		DECODE_AS_OK(one, gosend__type_conversation, GOSEND__ONE,
		             "conversation_bad_contact.json");
		assert_string_equal(one->id, "1");
		assert_null(one->contact_wa_id);
		gosend_conversation_free(one);
		DECODE_AS_OK(one, gosend__type_conversation, GOSEND__ONE,
		             "conversation_bad_contact_name.json");
		assert_string_equal(one->contact_wa_id, "1");
		assert_null(one->contact_name);
		gosend_conversation_free(one);
		DECODE_AS_OK(one, gosend__type_conversation, GOSEND__ONE,
		             "conversation_bad_status.json");
		assert_null(one->status_name);
		assert_int_equal(one->status,
		                 GOSEND_CONVERSATION_STATUS_UNKNOWN);
		gosend_conversation_free(one);
	}
	/* a single conversation still needs its id */
	DECODE_AS_FAIL(gosend__type_conversation, GOSEND__ONE,
	               "waba_missing_id.json", GOSEND_EPROTOCOL, "id");
}

/*
 * A close answer as gosend_conversations_close() reads it: decoded as the
 * answer of a call that took effect, kept only when it has a usable id
 * (NULL otherwise). A body that is no JSON fails to decode here; the live
 * call takes it as success without a conversation.
 */
static gosend_conversation *close_body(const char *body)
{
	gosend_conversation *c;
	gosend_error *e = NULL;
	void *o = NULL;
	int rc = gosend__decode(&gosend__type_conversation, GOSEND__ANSWER,
	                        body, strlen(body), &o, &e);

	if (rc != 0) {
		assert_int_equal(rc, GOSEND_EPROTOCOL);
		assert_null(o);
		gosend_error_free(e);
		return NULL;
	}
	assert_null(e);
	c = o;
	assert_non_null(c);
	assert_non_null(c->meta);
	ts_assert_json_eq(c->raw_json, body);
	if (!c->id) {
		gosend_conversation_free(c);
		return NULL;
	}
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
	assert_null(close_body("{\"conversation\":{\"status\":\"ended\"}}"));
	assert_null(close_body("{\"id\":true,\"status\":\"ended\"}"));

	/* a field of another type is unset, the conversation returned */
	c = close_body("{\"id\":\"1\",\"status\":5,\"closed_at\":\"t\"}");
	assert_non_null(c);
	assert_string_equal(c->id, "1");
	assert_null(c->status_name);
	assert_string_equal(c->closed_at, "t");
	gosend_conversation_free(c);

	c = close_body("{\"id\":\"7\",\"status\":\"ended\","
	               "\"closed_at\":\"2026-01-15T12:00:00Z\"}");
	assert_non_null(c);
	assert_string_equal(c->id, "7");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
	assert_string_equal(c->closed_at, "2026-01-15T12:00:00Z");
	gosend_conversation_free(c);

	/* wrapped: raw_json is the whole answer */
	c = close_body("{\"ok\":true,\"conversation\":{\"id\":8,"
	               "\"status\":\"ended\"}}");
	assert_non_null(c);
	assert_string_equal(c->id, "8");
	assert_int_equal(c->status, GOSEND_CONVERSATION_STATUS_ENDED);
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
	DECODE_AS_OK(w, gosend__type_webhook, GOSEND__ANSWER,
	             "webhook_created.json");

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
	DECODE_AS_OK(l, gosend__type_webhook, GOSEND__PAGE, "webhooks.json");

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

	/* a webhook answer never fails on content */
	{
		gosend_webhook *w = NULL;
		DECODE_AS_OK(w, gosend__type_webhook, GOSEND__ANSWER,
		             "webhook_bad_events.json");
		assert_string_equal(w->id, "42");
		assert_null(w->events);
		assert_int_equal(w->events_count, 0);
		gosend_webhook_free(w);
		/* non-string events are skipped, the strings kept */
		DECODE_AS_OK(w, gosend__type_webhook, GOSEND__ANSWER,
		             "webhook_bad_event_item.json");
		assert_int_equal(w->events_count, 1);
		assert_string_equal(w->events[0], "a");
		assert_non_null(strstr(w->raw_json, "[\"a\",1]"));
		gosend_webhook_free(w);
		DECODE_AS_OK(w, gosend__type_webhook, GOSEND__ANSWER,
		             "webhook_bad_enabled.json");
		assert_int_equal(w->enabled, -1);
		gosend_webhook_free(w);
		DECODE_AS_OK(w, gosend__type_webhook, GOSEND__ANSWER,
		             "waba_missing_id.json");
		assert_null(w->id);
		gosend_webhook_free(w);
	}
}

/* The once-only secret survives every other field being of the wrong
 * type. */
static void test_resources__webhook_secret_survives_bad_fields(void **state)
{
	gosend_webhook *w = NULL;
	DECODE_AS_OK(w, gosend__type_webhook, GOSEND__ANSWER,
	             "webhook_created_wrong_types.json");

	(void)state;
	assert_string_equal(w->secret, "whsec_0123456789abcdef");
	assert_null(w->id);
	assert_null(w->url);
	assert_int_equal(w->enabled, -1);
	assert_null(w->events);
	assert_null(w->created_at);
	assert_non_null(strstr(w->raw_json, "whsec_0123456789abcdef"));
	gosend_webhook_free(w);

	/* wrapped under "data" */
	{
		static const char body[] = "{\"data\":{\"id\":\"9\",\"secret\":"
		                           "\"whsec_x\",\"enabled\":\"yes\"}}";
		gosend_error *e = NULL;
		w = NULL;
		void *o = NULL;
		assert_int_equal(gosend__decode(&gosend__type_webhook,
		                                GOSEND__ANSWER, body,
		                                sizeof(body) - 1, &o, &e),
		                 0);
		w = o;
		assert_null(e);
		assert_string_equal(w->id, "9");
		assert_string_equal(w->secret, "whsec_x");
		assert_int_equal(w->enabled, -1);
		ts_assert_json_eq(w->raw_json, body);
		gosend_webhook_free(w);
	}
}

/* A webhook create answer that is not JSON (cut short), wrapped as a live
 * call wraps it: its secret as read from the bytes, or NULL. */
static char *cut_answer_secret(const char *body)
{
	gosend__holder *h;
	void *obj =
	        gosend__obj_new(gosend__type_size(&gosend__type_webhook), &h);
	const char *secret;
	char *copy;

	assert_non_null(obj);
	*(unsigned int *)obj = 1;
	h->meta = gosend__h_meta(h, NULL);
	h->body = gosend__strndup(body, strlen(body));
	h->body_len = strlen(body);
	assert_non_null(h->body);
	assert_int_equal(gosend__body_tree(h, 1, 1), 0);
	assert_int_equal(
	        gosend__decode_effect(obj, &gosend__type_webhook, NULL), 0);
	secret = ((gosend_webhook *)obj)->secret;
	copy = secret ? malloc(strlen(secret) + 1) : NULL;
	assert_true(!secret || copy);
	if (copy)
		memcpy(copy, secret, strlen(secret) + 1);
	gosend_webhook_free(obj);
	return copy;
}

/* From a cut answer only the top-level "secret" is taken, and only when
 * its string arrived whole and without escapes. */
static void test_resources__webhook_cut_answer_secret(void **state)
{
	static const struct {
		const char *body, *want;
	} cases[] = {
	        {"{\"id\":\"w1\",\"secret\":\"whsec_1\",\"events\":[\"a\"",
	         "whsec_1"},
	        {"{\"m\":{\"secret\":\"in\"},\"a\":[\"\\\"secret\\\":\\\"s\"],"
	         " \"secret\" : \"top\" ,\"x\":",
	         "top"},
	        {"{\"k\":\"secret\",\"secret\":\"top2\",", "top2"},
	        {"\xEF\xBB\xBF{\"secret\":\"bom\",", "bom"},
	        {"{\"secret\":\"whsec_cu", NULL},
	        {"{\"secret\":\"a\\\"b\",\"x\":", NULL},
	        {"[{\"secret\":\"x\"},", NULL},
	        {"{\"a\":{\"secret\":\"x\"", NULL},
	        {"{\"a\":1 \"secret\":\"x\"", NULL},
	        {"", NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = cut_answer_secret(cases[i].body);
		if (cases[i].want ? !got || strcmp(got, cases[i].want) != 0
		                  : got != NULL)
			fail_msg("case %zu: got %s", i, got ? got : "NULL");
		free(got);
	}
}

static void test_resources__deliveries(void **state)
{
	gosend_webhook_delivery_list *l = NULL;
	DECODE_AS_OK(l, gosend__type_webhook_delivery, GOSEND__PAGE,
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

	/* integers of another type are -1, as if absent */
	DECODE_AS_OK(l, gosend__type_webhook_delivery, GOSEND__PAGE,
	             "delivery_bad_attempts.json");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->items[0]->id, "dlv_1");
	assert_int_equal(l->items[0]->attempts, -1);
	gosend_webhook_delivery_list_free(l);
	DECODE_AS_OK(l, gosend__type_webhook_delivery, GOSEND__PAGE,
	             "delivery_fraction_status.json");
	assert_int_equal(l->items[0]->response_status, -1);
	gosend_webhook_delivery_list_free(l);
}

/* ---------------------------------------------------------------- admin */

static void test_resources__customer(void **state)
{
	gosend_customer *c = NULL;
	DECODE_AS_OK(c, gosend__type_customer, GOSEND__ANSWER, "customer.json");

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

	DECODE_AS_OK(c, gosend__type_customer, GOSEND__ANSWER,
	             "customer_variants.json");
	assert_string_equal(c->id, "2");
	assert_string_equal(c->tenant_id, "42");
	assert_string_equal(c->external_id, "1001");
	assert_null(c->metadata_json);
	assert_null(c->email);
	assert_int_equal(c->status, GOSEND_CUSTOMER_STATUS_SUSPENDED);
	assert_string_equal(c->created_at, "2026-01-15T10:00:00Z");
	gosend_customer_free(c);

	/* a create answer never fails on content */
	DECODE_AS_OK(c, gosend__type_customer, GOSEND__ANSWER,
	             "customer_bad_email.json");
	assert_string_equal(c->id, "2");
	assert_null(c->email);
	gosend_customer_free(c);
	DECODE_AS_OK(c, gosend__type_customer, GOSEND__ANSWER,
	             "waba_missing_id.json");
	assert_null(c->id);
	assert_int_equal(c->status, GOSEND_CUSTOMER_STATUS_ACTIVE);
	gosend_customer_free(c);
}

static void test_resources__setup_link(void **state)
{
	gosend_setup_link *l = NULL;
	DECODE_AS_OK(l, gosend__type_setup_link, GOSEND__ANSWER,
	             "setup_link.json");

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

	DECODE_AS_OK(l, gosend__type_setup_link, GOSEND__ANSWER,
	             "setup_link_snake.json");
	assert_string_equal(l->status, "completed");
	assert_string_equal(l->expires_at, "2026-05-25T23:59:59Z");
	assert_string_equal(l->success_redirect_url, "https://app.example/ok");
	assert_null(l->failure_redirect_url);
	assert_string_equal(l->customer_id, "7");
	assert_string_equal(l->created_at, "2026-05-18T00:00:00Z");
	gosend_setup_link_free(l);

	/* a create answer never fails on content */
	DECODE_AS_OK(l, gosend__type_setup_link, GOSEND__ANSWER,
	             "setup_link_bad_url.json");
	assert_string_equal(l->id, "abc");
	assert_null(l->url);
	assert_non_null(strstr(l->raw_json, "https://x"));
	gosend_setup_link_free(l);
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
	        "wabas_bad_items.json",
	        "phone_numbers_bad_item.json",
	        "webhook_created_wrong_types.json",
	        "sync_bad_template.json",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t len;
		char *body = fixture(files[i], &len);
		gosend_error *e;
#define TRY_AS(type, shape, T, freefn)                                         \
	do {                                                                   \
		void *v_ = NULL;                                               \
		e = NULL;                                                      \
		if (gosend__decode(&(type), shape, body, len, &v_, &e) == 0) { \
			assert_non_null(v_);                                   \
			assert_null(e);                                        \
		} else {                                                       \
			assert_null(v_);                                       \
			assert_non_null(e);                                    \
		}                                                              \
		freefn((T *)v_);                                               \
		gosend_error_free(e);                                          \
	} while (0)
		TRY_AS(gosend__type_waba, GOSEND__ONE, gosend_waba,
		       gosend_waba_free);
		TRY_AS(gosend__type_waba, GOSEND__PAGE, gosend_waba_list,
		       gosend_waba_list_free);
		TRY_AS(gosend__type_phone_number, GOSEND__PAGE,
		       gosend_phone_number_list, gosend_phone_number_list_free);
		TRY_AS(gosend__type_template, GOSEND__ANSWER, gosend_template,
		       gosend_template_free);
		TRY_AS(gosend__type_template, GOSEND__PAGE,
		       gosend_template_list, gosend_template_list_free);
		TRY_AS(gosend__type_template_sync, GOSEND__ANSWER,
		       gosend_template_sync_result,
		       gosend_template_sync_result_free);
		TRY_AS(gosend__type_conversation, GOSEND__ONE,
		       gosend_conversation, gosend_conversation_free);
		TRY_AS(gosend__type_conversation, GOSEND__PAGE,
		       gosend_conversation_list, gosend_conversation_list_free);
		TRY_AS(gosend__type_conversation, GOSEND__ANSWER,
		       gosend_conversation, gosend_conversation_free);
		TRY_AS(gosend__type_webhook, GOSEND__ANSWER, gosend_webhook,
		       gosend_webhook_free);
		TRY_AS(gosend__type_webhook, GOSEND__PAGE, gosend_webhook_list,
		       gosend_webhook_list_free);
		TRY_AS(gosend__type_webhook_delivery, GOSEND__PAGE,
		       gosend_webhook_delivery_list,
		       gosend_webhook_delivery_list_free);
		TRY_AS(gosend__type_customer, GOSEND__ANSWER, gosend_customer,
		       gosend_customer_free);
		TRY_AS(gosend__type_setup_link, GOSEND__ANSWER,
		       gosend_setup_link, gosend_setup_link_free);
#undef TRY_AS
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
	        cmocka_unit_test(test_resources__waba_in_envelope),
	        cmocka_unit_test(test_resources__waba_bad_bodies),
	        cmocka_unit_test(test_resources__waba_lists),
	        cmocka_unit_test(test_resources__waba_list_bad_items),
	        cmocka_unit_test(test_resources__phone_numbers),
	        cmocka_unit_test(test_resources__templates),
	        cmocka_unit_test(test_resources__template_single_and_bad),
	        cmocka_unit_test(test_resources__template_sync_answers),
	        cmocka_unit_test(test_resources__conversation),
	        cmocka_unit_test(test_resources__conversation_spellings),
	        cmocka_unit_test(test_resources__close_answers),
	        cmocka_unit_test(test_resources__webhook_created),
	        cmocka_unit_test(test_resources__webhook_list_and_bad),
	        cmocka_unit_test(
	                test_resources__webhook_secret_survives_bad_fields),
	        cmocka_unit_test(test_resources__webhook_cut_answer_secret),
	        cmocka_unit_test(test_resources__deliveries),
	        cmocka_unit_test(test_resources__customer),
	        cmocka_unit_test(test_resources__setup_link),
	        cmocka_unit_test(
	                test_resources__every_decoder_on_every_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
