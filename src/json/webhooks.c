/*
 * Decoding webhooks and their deliveries. A webhook may carry its signing
 * secret (in the answer of a create): every holder a webhook is decoded
 * into overwrites its body and JSON strings when it is freed.
 */
#include "gosendapi/webhooks.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "json/decode.h"
#include "json/types.h"

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

/* Overwrite the strings of n and below (the document's memory is the
 * holder's, read-only to decoders only). */
static void wipe_tree(const gosend__jn *n)
{
	for (; n; n = gosend__jn_next(n)) {
		if (gosend__jn_type(n) == GOSEND__JN_STRING)
			wipe((char *)(uintptr_t)gosend__jn_str(n),
			     gosend__jn_str_len(n));
		wipe_tree(gosend__jn_first(n));
	}
}

/* Holder cleanup: overwrite every string the holder keeps. */
static void webhook_cleanup(void *pub)
{
	gosend__holder *h = gosend__obj_holder(pub);

	if (h->body)
		wipe(h->body, h->body_len);
	wipe_tree(gosend__h_root(h));
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Whether the member key whose opening quote is body[at] is a member of
 * the top-level object: the text before it, its trailing comma replaced by
 * a closing brace, is then a whole object. -1 when memory runs out.
 */
static int top_level_at(const char *body, size_t at)
{
	gosend__jdoc *doc = NULL;
	char *text;
	size_t n = at, skip;
	int rc;

	while (n > 0 && is_ws(body[n - 1]))
		n--;
	if (n == 0 || (body[n - 1] != ',' && body[n - 1] != '{'))
		return 0;
	text = gosend__malloc(n + 1);
	if (!text)
		return -1;
	memcpy(text, body, n);
	if (text[n - 1] == ',')
		text[n - 1] = '}';
	else
		text[n++] = '}';
	rc = gosend__text_parse(&doc, &skip, text, n);
	gosend__free(text);
	if (rc == GOSEND__DECODE_OK &&
	    gosend__jn_type(gosend__jdoc_root(doc)) != GOSEND__JN_OBJECT)
		rc = GOSEND__DECODE_BAD;
	gosend__jdoc_free(doc);
	return rc == GOSEND__DECODE_NOMEM ? -1 : rc == GOSEND__DECODE_OK;
}

/* Candidates salvage_secret tries: each costs a parse of the text before
 * it, so a body full of them stays linear. */
#define SALVAGE_TRIES 4

/* Where the first top-level member key "secret" of the cut body is (its
 * opening quote); NULL when not found or memory runs out. */
static const char *secret_key(const char *body, size_t len)
{
	static const char key[] = "\"secret\"";
	const char *p = body, *end = body + len;
	int tries, top;

	for (tries = 0; tries < SALVAGE_TRIES; tries++, p++) {
		while ((p = memchr(p, '"', (size_t)(end - p))) &&
		       ((size_t)(end - p) < sizeof(key) - 1 ||
		        memcmp(p, key, sizeof(key) - 1) != 0))
			p++;
		if (!p)
			return NULL;
		top = top_level_at(body, (size_t)(p - body));
		if (top)
			return top > 0 ? p : NULL;
	}
	return NULL;
}

/*
 * The secret of an answer that did not parse (cut short, say): the first
 * top-level "secret" member, when its value is a whole JSON string without
 * escapes, copied into the holder; NULL otherwise or when memory runs out.
 */
static const char *salvage_secret(gosend__holder *h)
{
	const char *end = h->body + h->body_len, *p, *close;

	if (!h->body || !h->body_len ||
	    gosend__jn_type(gosend__h_root(h)) == GOSEND__JN_OBJECT)
		return NULL;
	p = secret_key(h->body, h->body_len);
	if (!p)
		return NULL;
	for (p += sizeof("\"secret\"") - 1; p < end && is_ws(*p); p++)
		;
	if (p >= end || *p++ != ':')
		return NULL;
	while (p < end && is_ws(*p))
		p++;
	if (p >= end || *p != '"')
		return NULL;
	close = memchr(p + 1, '"', (size_t)(end - p - 1));
	if (!close || memchr(p + 1, '\\', (size_t)(close - p - 1)))
		return NULL;
	return gosend__h_strndup(h, p + 1, (size_t)(close - p - 1));
}

/*
 * The decoder has no field table of its own: the table is applied here,
 * after the cleanup is in place, so that a holder freed when memory runs
 * out half-way is wiped as well. Nothing is required.
 */
static int webhook_post(void *item, const gosend__jn *json, gosend__holder *h,
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

static int delivery_post(void *item, const gosend__jn *json, gosend__holder *h,
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
        webhook_wrappers,
        webhook_fields,
        WEBHOOK_NFIELDS,
        0};
const gosend__decoder gosend__type_webhook_delivery = GOSEND__DECODER(
        gosend_webhook_delivery, delivery_fields, delivery_post);
