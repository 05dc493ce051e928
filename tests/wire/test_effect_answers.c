/*
 * Calls whose effect cannot be undone or repeated, against the in-process
 * mock: a 2xx answer is success whatever its body (empty, `{}`,
 * `{"data":{}}`, text, a cut body, fields of the wrong type), each call sends
 * exactly one request, and what could be read is returned: the webhook
 * secret above all.
 *
 * Calls: create webhook, update webhook, delete webhook, create template,
 * sync templates, delete template, close conversation, upload media, create
 * customer, create setup link.
 */
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/admin.h"
#include "gosendapi/conversations.h"
#include "gosendapi/messages.h"
#include "gosendapi/templates.h"
#include "gosendapi/webhooks.h"

#define KEY "gsk_test_effect0123456789"

typedef ts_fx fixture;

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_TIME | TS_LOG);
}

/* The effectful calls. */
enum {
	WEBHOOK_CREATE,
	WEBHOOK_UPDATE,
	WEBHOOK_DELETE,
	TEMPLATE_CREATE,
	TEMPLATE_SYNC,
	TEMPLATE_DELETE,
	CONVERSATION_CLOSE,
	MEDIA_UPLOAD,
	CUSTOMER_CREATE,
	SETUP_LINK_CREATE,
	NCALLS
};

static const char *const call_names[NCALLS] = {
        "webhook create",  "webhook update",
        "webhook delete",  "template create",
        "template sync",   "template delete",
        "close",           "media upload",
        "customer create", "setup link create"};

/* What one call returned. */
typedef struct outcome {
	int rc;
	int has_obj;      /* an object came back */
	char raw[512];    /* its raw_json */
	int id_null;      /* its id is NULL (or it has none) */
	long http_status; /* its meta->http_status */
} outcome;

static void keep(outcome *o, const void *obj, const char *raw, const char *id,
                 const gosend_meta *meta)
{
	if (!obj)
		return;
	o->has_obj = 1;
	(void)snprintf(o->raw, sizeof(o->raw), "%s", raw ? raw : "(null)");
	o->id_null = id == NULL;
	o->http_status = meta ? meta->http_status : -2;
}

static gosend_template_builder *builder(void)
{
	gosend_template_builder *b = NULL;

	assert_int_equal(gosend_template_builder_new(&b, "order_update",
	                                             "UTILITY", "en_US", NULL),
	                 0);
	assert_int_equal(gosend_template_builder_body(b, "Hi", NULL, 0, NULL),
	                 0);
	return b;
}

/* Make one call; fail the test if it set an error on success. */
static outcome call(fixture *f, int kind)
{
	static const char *const events[] = {"whatsapp.message.received"};
	static const unsigned char png[] = {0x89, 'P', 'N', 'G'};
	gosend_error *e = NULL;
	outcome o;

	memset(&o, 0, sizeof(o));
	o.id_null = 1;
	switch (kind) {
	case WEBHOOK_CREATE: {
		gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
		gosend_webhook *w = NULL;
		p.url = "https://acme.example/hooks";
		p.events = events;
		p.events_count = 1;
		o.rc = gosend_webhooks_create(&w, f->client, &p, NULL, &e);
		keep(&o, w, w ? w->raw_json : NULL, w ? w->id : NULL,
		     w ? w->meta : NULL);
		gosend_webhook_free(w);
		break;
	}
	case WEBHOOK_UPDATE: {
		gosend_webhook_update_params u =
		        GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
		gosend_webhook *w = NULL;
		u.set_enabled = 1;
		o.rc = gosend_webhooks_update(&w, f->client, "1", &u, NULL, &e);
		keep(&o, w, w ? w->raw_json : NULL, w ? w->id : NULL,
		     w ? w->meta : NULL);
		gosend_webhook_free(w);
		break;
	}
	case WEBHOOK_DELETE:
		o.rc = gosend_webhooks_delete(f->client, "1", NULL, &e);
		break;
	case TEMPLATE_CREATE: {
		gosend_template_builder *b = builder();
		gosend_template *t = NULL;
		o.rc = gosend_templates_create(&t, f->client, "1", b, NULL, &e);
		keep(&o, t, t ? t->raw_json : NULL, t ? t->id : NULL,
		     t ? t->meta : NULL);
		gosend_template_free(t);
		gosend_template_builder_free(b);
		break;
	}
	case TEMPLATE_SYNC: {
		gosend_template_sync_result *s = NULL;
		o.rc = gosend_templates_sync(&s, f->client, "1", NULL, &e);
		keep(&o, s, s ? s->raw_json : NULL, NULL, s ? s->meta : NULL);
		/* no count and no templates, but from a JSON array */
		if (s && !(s->raw_json[0] == '[')) {
			assert_int_equal(s->synced, -1);
			assert_int_equal(s->count, 0);
		}
		gosend_template_sync_result_free(s);
		break;
	}
	case TEMPLATE_DELETE:
		o.rc = gosend_templates_delete(f->client, "1", "1001", NULL,
		                               &e);
		break;
	case CONVERSATION_CLOSE: {
		gosend_conversation *c = NULL;
		o.rc = gosend_conversations_close(&c, f->client, "1", NULL, &e);
		keep(&o, c, c ? c->raw_json : NULL, c ? c->id : NULL,
		     c ? c->meta : NULL);
		gosend_conversation_free(c);
		break;
	}
	case MEDIA_UPLOAD: {
		gosend_media_result *r = NULL;
		o.rc = gosend_media_upload_buffer(&r, f->client, "555123456789",
		                                  png, sizeof(png), "a.png",
		                                  "image/png", NULL, &e);
		keep(&o, r, r ? r->raw_json : NULL, r ? r->id : NULL,
		     r ? r->meta : NULL);
		gosend_media_result_free(r);
		break;
	}
	case CUSTOMER_CREATE: {
		gosend_customer_params p = GOSEND_CUSTOMER_PARAMS_INIT;
		gosend_customer *c = NULL;
		p.name = "Clinic";
		o.rc = gosend_customers_create(&c, f->client, "42", &p, NULL,
		                               &e);
		keep(&o, c, c ? c->raw_json : NULL, c ? c->id : NULL,
		     c ? c->meta : NULL);
		gosend_customer_free(c);
		break;
	}
	default: {
		gosend_setup_link *l = NULL;
		o.rc = gosend_setup_links_create(&l, f->client, "7", NULL, NULL,
		                                 &e);
		keep(&o, l, l ? l->raw_json : NULL, l ? l->id : NULL,
		     l ? l->meta : NULL);
		gosend_setup_link_free(l);
		break;
	}
	}
	if (o.rc != 0)
		fail_msg("%s: %d %s", call_names[kind], o.rc,
		         e ? e->message : "");
	assert_null(e);
	return o;
}

/* Whether the call always hands back an object (creates and uploads) or
 * only when the answer is the object (close, update), or none (delete). */
static int always_object(int kind)
{
	return kind == WEBHOOK_CREATE || kind == TEMPLATE_CREATE ||
	       kind == TEMPLATE_SYNC || kind == MEDIA_UPLOAD ||
	       kind == CUSTOMER_CREATE || kind == SETUP_LINK_CREATE;
}

/* One scripted 2xx answer to every call: success, one request each, the
 * body kept as it came, no field set. */
static void every_call_takes(fixture *f, unsigned int status,
                             const char *content_type, const char *body)
{
	int kind;

	for (kind = 0; kind < NCALLS; kind++) {
		size_t before = gsmock_request_count(f->mock);
		outcome o;

		assert_int_equal(gsmock_queue_response(f->mock, status, NULL,
		                                       content_type, body),
		                 0);
		o = call(f, kind);
		if (gsmock_request_count(f->mock) != before + 1)
			fail_msg("%s: %zu requests", call_names[kind],
			         gsmock_request_count(f->mock) - before);
		if (always_object(kind) != o.has_obj)
			fail_msg("%s on %u '%s': object %d", call_names[kind],
			         status, body ? body : "", o.has_obj);
		if (!o.has_obj)
			continue;
		assert_string_equal(o.raw, body ? body : "");
		assert_true(o.id_null);
		assert_int_equal(o.http_status, (long)status);
	}
}

static void test_effect_answers__empty_body(void **state)
{
	fixture *f = *state;

	every_call_takes(f, 201, NULL, NULL);
	every_call_takes(f, 200, NULL, NULL);
	every_call_takes(f, 204, NULL, NULL);
}

static void test_effect_answers__empty_object(void **state)
{
	every_call_takes(*state, 200, NULL, "{}");
}

static void test_effect_answers__empty_data_wrapper(void **state)
{
	every_call_takes(*state, 201, NULL, "{\"data\":{}}");
}

static void test_effect_answers__text_ok(void **state)
{
	every_call_takes(*state, 200, "text/plain", "OK");
}

static void test_effect_answers__other_json(void **state)
{
	fixture *f = *state;

	gosend_template_sync_result *s = NULL;
	gosend_error *e = NULL;

	every_call_takes(f, 200, NULL, "[1,2]");
	/* a sync answer's array elements are templates, kept whatever they
	 * are (as in a list) */
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "[1,{\"name\":\"a\"}]"),
	                 0);
	assert_int_equal(gosend_templates_sync(&s, f->client, "1", NULL, &e),
	                 0);
	assert_int_equal(s->count, 2);
	assert_int_equal(s->synced, 2);
	assert_null(s->templates[0]->id);
	assert_string_equal(s->templates[0]->raw_json, "1");
	assert_string_equal(s->templates[1]->name, "a");
	gosend_template_sync_result_free(s);
	every_call_takes(f, 202, NULL, "\"accepted\"");
	every_call_takes(f, 200, NULL, "{\"id\":");
}

/* Every field of another type than expected: the call still succeeds and
 * the object carries what could be read. */
static void test_effect_answers__wrong_types_leave_fields_unset(void **state)
{
	fixture *f = *state;
	gosend_customer_params cp = GOSEND_CUSTOMER_PARAMS_INIT;
	gosend_customer *c = NULL;
	gosend_setup_link *l = NULL;
	gosend_template_builder *b = builder();
	gosend_template *t = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 201, NULL, NULL,
	                         "{\"id\":[7],\"name\":\"Clinic\",\"email\":5,"
	                         "\"status\":\"active\",\"metadata\":3}"),
	                 0);
	cp.name = "Clinic";
	assert_int_equal(
	        gosend_customers_create(&c, f->client, "42", &cp, NULL, &e), 0);
	assert_null(c->id);
	assert_string_equal(c->name, "Clinic");
	assert_null(c->email);
	assert_int_equal(c->status, GOSEND_CUSTOMER_STATUS_ACTIVE);
	assert_string_equal(c->metadata_json, "3");
	gosend_customer_free(c);

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 201, NULL, NULL,
	                         "{\"setupLink\":{\"id\":\"sl_1\",\"url\":"
	                         "\"https://x.example/s\",\"expiresAt\":0}}"),
	                 0);
	assert_int_equal(
	        gosend_setup_links_create(&l, f->client, "7", NULL, NULL, &e),
	        0);
	assert_string_equal(l->id, "sl_1");
	assert_string_equal(l->url, "https://x.example/s");
	assert_null(l->expires_at);
	gosend_setup_link_free(l);

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 201, NULL, NULL,
	                         "{\"data\":{\"id\":1004,\"status\":"
	                         "\"PENDING\",\"language\":{\"code\":1}}}"),
	                 0);
	assert_int_equal(
	        gosend_templates_create(&t, f->client, "1", b, NULL, &e), 0);
	assert_string_equal(t->id, "1004");
	assert_int_equal(t->status, GOSEND_TEMPLATE_STATUS_PENDING);
	assert_null(t->language);
	ts_assert_json_eq(t->raw_json, "{\"data\":{\"id\":1004,\"status\":"
	                               "\"PENDING\",\"language\":{\"code\":"
	                               "1}}}");
	gosend_template_free(t);
	gosend_template_builder_free(b);
	assert_int_equal(gsmock_request_count(f->mock), 3);
}

/* The once-only secret is handed over whatever else the answer holds. */
static void test_effect_answers__webhook_secret_survives(void **state)
{
	static const char body[] =
	        "{\"id\":{\"n\":5},\"url\":7,\"secret\":\"whsec_keepme0123\","
	        "\"events\":[1,\"whatsapp.message.received\"],\"enabled\":"
	        "\"true\",\"created_at\":false}";
	fixture *f = *state;
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	static const char *const events[] = {"whatsapp.message.received"};
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;

	p.url = "https://acme.example/hooks";
	p.events = events;
	p.events_count = 1;
	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL, body),
	                 0);
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, &e),
	                 0);
	assert_null(e);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_string_equal(w->secret, "whsec_keepme0123");
	assert_string_equal(w->raw_json, body);
	assert_null(w->id);
	assert_null(w->url);
	assert_int_equal(w->enabled, -1);
	assert_int_equal(w->events_count, 1);
	assert_string_equal(w->events[0], "whatsapp.message.received");
	assert_null(w->created_at);
	gosend_webhook_free(w);

	/* under "webhook" */
	assert_int_equal(
	        gsmock_queue_response(f->mock, 201, NULL, NULL,
	                              "{\"webhook\":{\"id\":\"6\",\"secret\":"
	                              "\"whsec_wrapped\"}}"),
	        0);
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, &e),
	                 0);
	assert_string_equal(w->id, "6");
	assert_string_equal(w->secret, "whsec_wrapped");
	gosend_webhook_free(w);
	assert_int_equal(gsmock_request_count(f->mock), 2);
	assert_null(strstr(f->log, "whsec_keepme0123"));
	assert_null(strstr(f->log, "whsec_wrapped"));
}

/* A create answer cut short: success, the webhook exists, and the secret,
 * which came before the cut, is read from the bytes that arrived. */
static void test_effect_answers__webhook_cut_answer(void **state)
{
	fixture *f = *state;
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	static const char *const events[] = {
	        "whatsapp.message.received", "whatsapp.message.delivered",
	        "whatsapp.message.read", "whatsapp.message.failed"};
	gosend_webhook *w = NULL;
	gosend_webhook_list *l = NULL;
	gosend_error *e = NULL;

	p.url = "https://acme.example/hooks";
	p.events = events;
	p.events_count = 4;
	assert_int_equal(gsmock_queue_fault(f->mock, GSMOCK_FAULT_TRUNCATE, 0),
	                 0);
	assert_int_equal(gosend_webhooks_create(&w, f->client, &p, NULL, &e),
	                 0);
	assert_null(e);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_int_equal(w->meta->body_incomplete, 1);
	assert_int_equal(w->meta->http_status, 201);
	assert_non_null(w->secret);
	assert_int_equal(strlen(w->secret), 38);
	assert_memory_equal(w->secret, "whsec_", 6);
	assert_non_null(strstr(w->raw_json, w->secret));
	assert_null(w->url);
	gosend_webhook_free(w);

	/* it was created once */
	assert_int_equal(gosend_webhooks_list(&l, f->client, NULL, NULL, &e),
	                 0);
	assert_int_equal(l->count, 1);
	gosend_webhook_list_free(l);
}

/* A media answer with the id under another name: success, id NULL, the
 * body kept for the caller to read. */
static void test_effect_answers__media_unknown_id_name(void **state)
{
	fixture *f = *state;
	gosend_media_result *r = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL,
	                                       "{\"media_id\":\"93456\"}"),
	                 0);
	assert_int_equal(
	        gosend_media_upload_buffer(&r, f->client, "555123456789", "x",
	                                   1, NULL, "image/png", NULL, &e),
	        0);
	assert_null(e);
	assert_null(r->id);
	assert_string_equal(r->raw_json, "{\"media_id\":\"93456\"}");
	assert_int_equal(r->meta->http_status, 201);
	gosend_media_result_free(r);

	/* an empty id is no id; one under "data" is read */
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"id\":\"\"}"),
	                 0);
	assert_int_equal(
	        gosend_media_upload_buffer(&r, f->client, "555123456789", "x",
	                                   1, NULL, "image/png", NULL, &e),
	        0);
	assert_null(r->id);
	gosend_media_result_free(r);
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"data\":{\"id\":93457}}"),
	                 0);
	assert_int_equal(
	        gosend_media_upload_buffer(&r, f->client, "555123456789", "x",
	                                   1, NULL, "image/png", NULL, &e),
	        0);
	assert_string_equal(r->id, "93457");
	gosend_media_result_free(r);
	assert_int_equal(gsmock_request_count(f->mock), 3);
}

/* Close and update return the object when the answer is one, with fields
 * of other types unset; an unusable id means no object, still success. */
static void test_effect_answers__close_and_update_objects(void **state)
{
	fixture *f = *state;
	gosend_webhook_update_params u = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	gosend_conversation *c = NULL;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;

	assert_int_equal(gsmock_queue_response(
	                         f->mock, 200, NULL, NULL,
	                         "{\"id\":\"1\",\"status\":[\"ended\"],"
	                         "\"closed_at\":\"2026-01-15T12:00:00Z\"}"),
	                 0);
	assert_int_equal(
	        gosend_conversations_close(&c, f->client, "1", NULL, &e), 0);
	assert_non_null(c);
	assert_string_equal(c->id, "1");
	assert_null(c->status_name);
	assert_string_equal(c->closed_at, "2026-01-15T12:00:00Z");
	gosend_conversation_free(c);

	u.set_enabled = 1;
	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"data\":{\"id\":\"1\","
	                                       "\"enabled\":\"yes\",\"url\":"
	                                       "\"https://a.example\"}}"),
	                 0);
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, "1", &u, NULL, &e), 0);
	assert_non_null(w);
	assert_string_equal(w->id, "1");
	assert_int_equal(w->enabled, -1);
	assert_string_equal(w->url, "https://a.example");
	assert_null(w->secret);
	gosend_webhook_free(w);

	assert_int_equal(gsmock_queue_response(f->mock, 200, NULL, NULL,
	                                       "{\"id\":true,\"enabled\":1}"),
	                 0);
	w = (gosend_webhook *)1;
	assert_int_equal(
	        gosend_webhooks_update(&w, f->client, "1", &u, NULL, &e), 0);
	assert_null(w);
	assert_int_equal(gsmock_request_count(f->mock), 3);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ts_teardown)
	const struct CMUnitTest tests[] = {
	        T(test_effect_answers__empty_body),
	        T(test_effect_answers__empty_object),
	        T(test_effect_answers__empty_data_wrapper),
	        T(test_effect_answers__text_ok),
	        T(test_effect_answers__other_json),
	        T(test_effect_answers__wrong_types_leave_fields_unset),
	        T(test_effect_answers__webhook_secret_survives),
	        T(test_effect_answers__webhook_cut_answer),
	        T(test_effect_answers__media_unknown_id_name),
	        T(test_effect_answers__close_and_update_objects),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
