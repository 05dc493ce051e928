/*
 * Fuzz every decoder of WABAs, phone numbers, templates, template sync
 * answers, conversations (and close answers), webhooks, deliveries,
 * customers and setup links. The first byte picks the decoder; the rest is
 * the response body. Decoding is tolerant per field: a failure may only
 * name the body's shape ("(object)", "(list)") or a single object's id,
 * never another field. A webhook create answer is also wrapped as a live
 * call wraps it (a body that is not JSON is no error there): a secret
 * read from bytes that did not parse is a plain string of the body.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "call/endpoint.h"
#include "core/alloc.h"
#include "json/body.h"
#include "json/decode.h"
#include "json/shape.h"
#include "json/types.h"
#include "gosendapi/admin.h"
#include "gosendapi/conversations.h"
#include "gosendapi/phone_numbers.h"
#include "gosendapi/templates.h"
#include "gosendapi/wabas.h"
#include "gosendapi/webhooks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                          \
	do {                              \
		if (!(c))                 \
			__builtin_trap(); \
	} while (0)

/* Outcome invariants: success gives an object and no error, failure an
 * error with a message and no object. */
#define OUTCOME(rc, obj, err)                                         \
	do {                                                          \
		if ((rc) == 0) {                                      \
			CHECK((obj) && !(err));                       \
			CHECK((obj)->struct_version == 1);            \
			CHECK((obj)->raw_json && (obj)->meta);        \
		} else {                                              \
			CHECK((rc) < 0 && !(obj) && (err));           \
			CHECK((err)->message && (err)->code == (rc)); \
		}                                                     \
	} while (0)

/* Every item of a decoded list has raw JSON and the list's meta (its id
 * may be NULL: a bad item is kept, not fatal). */
#define ITEMS(list)                                                     \
	do {                                                            \
		size_t i_;                                              \
		for (i_ = 0; i_ < (list)->count; i_++) {                \
			CHECK((list)->items[i_]->struct_version == 1);  \
			CHECK((list)->items[i_]->raw_json);             \
			CHECK((list)->items[i_]->meta == (list)->meta); \
		}                                                       \
	} while (0)

/* Decode body as `shape` answers of `type` into out (a typed pointer),
 * through the one entry point the fixture tests use too. */
#define DECODE(type, shape, out) \
	decode_as(&(type), shape, body, len, (void **)&(out), &err)

static int decode_as(const gosend__decoder *type, int shape, const char *body,
                     size_t len, void **out, gosend_error **err)
{
	void *o = NULL;
	int rc = gosend__decode(type, shape, body, len, &o, err);

	*out = o;
	return rc;
}

/* A failure names nothing (not JSON, no memory) or one of `allowed`
 * (NULL-terminated). */
static void failure_field(const gosend_error *err, const char *const *allowed)
{
	size_t i;

	if (!err || !err->field)
		return;
	for (i = 0; allowed[i]; i++) {
		if (strcmp(err->field, allowed[i]) == 0)
			return;
	}
	__builtin_trap();
}

static const char *const single_get[] = {"(object)", "id", NULL};
static const char *const list_body[] = {"(list)", NULL};
static const char *const nothing[] = {NULL};

/* The body as the answer of a live webhook create. */
static void live_webhook(const char *body, size_t len)
{
	gosend__holder *h;
	gosend_webhook *w =
	        gosend__obj_new(gosend__type_size(&gosend__type_webhook), &h);
	size_t n, i;

	if (!w)
		return;
	w->struct_version = 1;
	h->meta = gosend__h_meta(h, NULL);
	h->body = gosend__strndup(body, len);
	h->body_len = len;
	if (!h->meta || !h->body || gosend__body_tree(h, 1, 1) != 0) {
		gosend__obj_free(w);
		return;
	}
	if (gosend__decode_effect(w, &gosend__type_webhook, NULL) != 0)
		return; /* freed: out of memory */
	if (w->secret &&
	    gosend__jn_type(gosend__h_root(h)) == GOSEND__JN_NULL) {
		n = strlen(w->secret);
		CHECK(!memchr(w->secret, '"', n) &&
		      !memchr(w->secret, '\\', n));
		for (i = 0; i + n <= len; i++) {
			if (memcmp(body + i, w->secret, n) == 0)
				break;
		}
		CHECK(i + n <= len);
	}
	gosend_webhook_free(w);
}

static void one(unsigned int kind, const char *body, size_t len)
{
	gosend_error *err = NULL;
	int rc;

	switch (kind) {
	case 0: {
		gosend_waba *o = NULL;
		rc = DECODE(gosend__type_waba, GOSEND__ONE, o);
		OUTCOME(rc, o, err);
		failure_field(err, single_get);
		if (o)
			CHECK(o->id && (unsigned)o->status <= 3);
		gosend_waba_free(o);
		break;
	}
	case 1: {
		gosend_waba_list *o = NULL;
		rc = DECODE(gosend__type_waba, GOSEND__PAGE, o);
		OUTCOME(rc, o, err);
		failure_field(err, list_body);
		if (o)
			ITEMS(o);
		gosend_waba_list_free(o);
		break;
	}
	case 2: {
		gosend_phone_number_list *o = NULL;
		rc = DECODE(gosend__type_phone_number, GOSEND__PAGE, o);
		OUTCOME(rc, o, err);
		failure_field(err, list_body);
		if (o) {
			size_t i;
			ITEMS(o);
			for (i = 0; i < o->count; i++)
				CHECK(o->items[i]->calls_enabled >= -1 &&
				      o->items[i]->calls_enabled <= 1);
		}
		gosend_phone_number_list_free(o);
		break;
	}
	case 3: {
		gosend_template *o = NULL;
		/* a create answer: only a body that is not JSON fails */
		rc = DECODE(gosend__type_template, GOSEND__ANSWER, o);
		OUTCOME(rc, o, err);
		failure_field(err, nothing);
		gosend_template_free(o);
		break;
	}
	case 4: {
		gosend_template_list *o = NULL;
		rc = DECODE(gosend__type_template, GOSEND__PAGE, o);
		OUTCOME(rc, o, err);
		failure_field(err, list_body);
		if (o)
			ITEMS(o);
		gosend_template_list_free(o);
		break;
	}
	case 5: {
		gosend_template_sync_result *o = NULL;
		rc = DECODE(gosend__type_template_sync, GOSEND__ANSWER, o);
		OUTCOME(rc, o, err);
		failure_field(err, nothing);
		if (o) {
			size_t i;
			CHECK(o->synced >= -1);
			for (i = 0; i < o->count; i++)
				CHECK(o->templates[i]->raw_json &&
				      o->templates[i]->meta == o->meta);
		}
		gosend_template_sync_result_free(o);
		break;
	}
	case 6: {
		gosend_conversation *o = NULL;
		rc = DECODE(gosend__type_conversation, GOSEND__ONE, o);
		OUTCOME(rc, o, err);
		failure_field(err, single_get);
		if (o)
			CHECK(o->id);
		gosend_conversation_free(o);
		break;
	}
	case 7: {
		gosend_conversation_list *o = NULL;
		rc = DECODE(gosend__type_conversation, GOSEND__PAGE, o);
		OUTCOME(rc, o, err);
		failure_field(err, list_body);
		if (o)
			ITEMS(o);
		gosend_conversation_list_free(o);
		break;
	}
	case 8: {
		gosend_conversation *o = NULL;
		/* a close answer: only a body that is not JSON fails */
		rc = DECODE(gosend__type_conversation, GOSEND__ANSWER, o);
		OUTCOME(rc, o, err);
		failure_field(err, nothing);
		gosend_conversation_free(o);
		break;
	}
	case 9: {
		gosend_webhook *o = NULL;
		/* a create answer: only a body that is not JSON fails */
		rc = DECODE(gosend__type_webhook, GOSEND__ANSWER, o);
		OUTCOME(rc, o, err);
		failure_field(err, nothing);
		if (o)
			CHECK(o->events_count == 0 || o->events);
		gosend_webhook_free(o);
		live_webhook(body, len);
		break;
	}
	case 10: {
		gosend_webhook_list *o = NULL;
		rc = DECODE(gosend__type_webhook, GOSEND__PAGE, o);
		OUTCOME(rc, o, err);
		failure_field(err, list_body);
		if (o)
			ITEMS(o);
		gosend_webhook_list_free(o);
		break;
	}
	case 11: {
		gosend_webhook_delivery_list *o = NULL;
		rc = DECODE(gosend__type_webhook_delivery, GOSEND__PAGE, o);
		OUTCOME(rc, o, err);
		failure_field(err, list_body);
		if (o)
			ITEMS(o);
		gosend_webhook_delivery_list_free(o);
		break;
	}
	case 12: {
		gosend_customer *o = NULL;
		rc = DECODE(gosend__type_customer, GOSEND__ANSWER, o);
		OUTCOME(rc, o, err);
		failure_field(err, nothing);
		gosend_customer_free(o);
		break;
	}
	default: {
		gosend_setup_link *o = NULL;
		rc = DECODE(gosend__type_setup_link, GOSEND__ANSWER, o);
		OUTCOME(rc, o, err);
		failure_field(err, nothing);
		gosend_setup_link_free(o);
		break;
	}
	}
	gosend_error_free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	one(data[0] % 14u, (const char *)data + 1, size - 1);
	return 0;
}
