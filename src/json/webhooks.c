/*
 * Decoding webhooks and their deliveries. A webhook may carry its signing
 * secret (in the answer of a create): every holder a webhook is decoded
 * into overwrites its body and JSON strings when it is freed.
 */
#include "gosendapi/webhooks.h"

#include <string.h>

#include "json/types.h"

#include "json/decode.h"

static const gosend__field webhook_fields[] = {
        /* never required: webhooks come in lists and in answers of
         * calls that took effect */
        GOSEND__FIELD(gosend_webhook, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook, url, "url", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook, secret, "secret", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD_STRS(gosend_webhook, events, events_count, "events", 0),
        GOSEND__FIELD(gosend_webhook, enabled, "enabled", NULL, GOSEND__F_BOOL,
                      0),
        GOSEND__FIELD(gosend_webhook, phone_number_id, "phone_number_id",
                      "phoneNumberId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook, type, "type", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook, created_at, "created_at", "createdAt",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook, updated_at, "updated_at", "updatedAt",
                      GOSEND__F_STR, 0),
};

#define WEBHOOK_NFIELDS (sizeof(webhook_fields) / sizeof(webhook_fields[0]))

static void wipe(char *p, size_t n)
{
	volatile char *v = p;

	while (n--)
		*v++ = 0;
}

static void wipe_tree(cJSON *j)
{
	for (; j; j = j->next) {
		if (cJSON_IsString(j) && j->valuestring)
			wipe(j->valuestring, strlen(j->valuestring));
		if (j->child)
			wipe_tree(j->child);
	}
}

/* Holder cleanup: overwrite every string the holder keeps. */
static void webhook_cleanup(void *pub)
{
	gosend__holder *h = gosend__obj_holder(pub);

	if (h->body)
		wipe(h->body, h->body_len);
	wipe_tree(h->root);
}

/*
 * The secret of an answer that did not parse (cut short, say): the
 * top-level "secret" member's text when it is a whole JSON string without
 * escapes, copied into the holder; NULL otherwise or when memory runs out.
 */
static const char *salvage_secret(gosend__holder *h)
{
	const char *v;
	size_t n;

	if (!h->body || !h->body_len || cJSON_IsObject(h->root))
		return NULL;
	v = gosend__json_member_text(h, h->body, h->body_len, "secret");
	if (!v)
		return NULL;
	n = strlen(v);
	if (n < 2 || v[0] != '"' || v[n - 1] != '"' ||
	    memchr(v + 1, '\\', n - 2) || memchr(v + 1, '"', n - 2))
		return NULL;
	return gosend__h_strndup(h, v + 1, n - 2);
}

/*
 * The decoder has no field table of its own: the table is applied here,
 * after the cleanup is in place, so that a holder freed when memory runs
 * out half-way is wiped as well. Nothing is required.
 */
static int webhook_post(void *item, const cJSON *json, gosend__holder *h,
                        const char **bad)
{
	gosend_webhook *w = item;
	int rc;

	(void)bad;
	h->cleanup = webhook_cleanup;
	rc = gosend__decode_fields_any(w, json, webhook_fields, WEBHOOK_NFIELDS,
	                               h);
	if (rc == GOSEND__DECODE_OK && !w->secret && !json)
		w->secret = salvage_secret(h);
	w->meta = h->meta;
	return rc;
}

static const gosend__field delivery_fields[] = {
        /* only ever in lists, where nothing is required */
        GOSEND__FIELD(gosend_webhook_delivery, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_delivery, webhook_id, "webhook_id",
                      "webhookId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_delivery, event, "event", "event_type",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_delivery, status, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_delivery, attempts, "attempts", NULL,
                      GOSEND__F_INT, 0),
        GOSEND__FIELD(gosend_webhook_delivery, response_status,
                      "response_status", "responseStatus", GOSEND__F_INT, 0),
        GOSEND__FIELD(gosend_webhook_delivery, created_at, "created_at",
                      "createdAt", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_delivery, last_attempt_at,
                      "last_attempt_at", "lastAttemptAt", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_delivery, next_attempt_at,
                      "next_attempt_at", "nextAttemptAt", GOSEND__F_STR, 0),
};

static int delivery_post(void *item, const cJSON *json, gosend__holder *h,
                         const char **bad)
{
	gosend_webhook_delivery *d = item;

	(void)json;
	(void)bad;
	d->meta = h->meta;
	return GOSEND__DECODE_OK;
}

/* Where an answer may hold the webhook instead of the top level. */
static const char *const webhook_wrappers[] = {"webhook", "data", NULL};

/* GOSEND__DECODER_W without a field table (see webhook_post). */
const gosend__decoder gosend__type_webhook = {
        sizeof(gosend_webhook),
        offsetof(gosend_webhook, raw_json) +
                GOSEND__TYPE_IS(gosend_webhook, raw_json, const char *),
        NULL,
        0,
        webhook_post,
        webhook_wrappers};
const gosend__decoder gosend__type_webhook_delivery = GOSEND__DECODER(
        gosend_webhook_delivery, delivery_fields, delivery_post);
