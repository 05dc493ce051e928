/* Webhook endpoints: GET/POST /webhooks, PATCH/DELETE /webhooks/{id},
 * GET /webhooks/{id}/deliveries. */
#include "gosendapi/webhooks.h"

#include <stddef.h>
#include <string.h>

#include "core/alloc.h"
#include "json/decoders.h"
#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"
#include "call/list.h"

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

static int webhook_post(void *item, const cJSON *json, gosend__holder *h,
                        const char **bad)
{
	gosend_webhook *w = item;

	(void)json;
	(void)bad;
	w->meta = h->meta;
	return GOSEND__DECODE_OK;
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

static const gosend__decoder webhook_spec =
        GOSEND__DECODER(gosend_webhook, webhook_fields, webhook_post);
static const gosend__decoder delivery_spec =
        GOSEND__DECODER(gosend_webhook_delivery, delivery_fields, delivery_post);

/* ------------------------------------------------ secrets in memory */

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

/* Holder cleanup of a single webhook: overwrite every string it holds. */
static void webhook_cleanup(void *pub)
{
	gosend__holder *h = gosend__obj_holder(pub);

	if (h->body)
		wipe(h->body, h->body_len);
	wipe_tree(h->root);
}

/* Where an answer may hold the webhook instead of the top level. */
static const char *const answer_wrappers[] = {"webhook", "data", NULL};

/*
 * The secret of a create answer that did not parse (cut short, say): the
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
 * Decode the answer of a create or an update held by the holder of w:
 * every 2xx answer is taken, fields of other types are left unset, the
 * whole body is raw_json. Fails only when memory runs out; the failure
 * carries the response metadata but never the body, which may hold the
 * secret.
 */
static int decode_answer(gosend_webhook *w, gosend_error **err)
{
	gosend__holder *h = gosend__obj_holder(w);
	gosend__failure f;
	int rc;

	h->cleanup = webhook_cleanup;
	rc = gosend__decode_answer(w, h, answer_wrappers, webhook_fields,
	                           WEBHOOK_NFIELDS, webhook_post,
	                           offsetof(gosend_webhook, raw_json));
	if (rc == GOSEND__DECODE_OK && !w->secret)
		w->secret = salvage_secret(h);
	if (rc == GOSEND__DECODE_OK)
		return GOSEND_OK;
	memset(&f, 0, sizeof(f));
	f.meta = h->meta;
	f.code = GOSEND_ENOMEM;
	f.message = "out of memory";
	rc = gosend__report(err, &f);
	gosend__obj_free(w);
	return rc < 0 ? rc : GOSEND_ENOMEM;
}

int gosend__webhook_from_json(gosend_webhook **out, const char *body,
                              size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc;

	*out = NULL;
	rc = gosend__obj_from_body(sizeof(gosend_webhook), body, len, &obj,
	                           err);
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	rc = decode_answer(obj, err);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend__webhook_list_from_json(gosend_webhook_list **out, const char *body,
                                   size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__list_from_json(&webhook_spec, body, len, &obj, err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

int gosend__webhook_delivery_list_from_json(gosend_webhook_delivery_list **out,
                                            const char *body, size_t len,
                                            gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__list_from_json(&delivery_spec, body, len, &obj, err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

/* ---------------------------------------------------------- validation */

/* 1..max printable ASCII characters without spaces. */
static int token_ok(const char *s, size_t max)
{
	size_t i;

	if (!s || !*s)
		return 0;
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i >= max || c <= 0x20 || c >= 0x7f)
			return 0;
	}
	return 1;
}

static int check_url(const char *url, gosend_error **err)
{
	if (!url)
		return gosend__fail(err, GOSEND_EINVAL, "url", "url is NULL");
	if (!gosend__url_ok(url, GOSEND_WEBHOOK_URL_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "url",
		                    "url must be an http:// or https:// URL of "
		                    "at most %d printable ASCII characters "
		                    "without spaces, CR or LF",
		                    GOSEND_WEBHOOK_URL_MAX);
	return GOSEND_OK;
}

static int check_events(const char *const *events, size_t n, gosend_error **err)
{
	size_t i;

	if (!events || n == 0)
		return gosend__fail(err, GOSEND_EINVAL, "events",
		                    "at least one event is required");
	if (n > GOSEND_WEBHOOK_EVENTS_MAX)
		return gosend__fail(err, GOSEND_EINVAL, "events",
		                    "at most %d events are allowed",
		                    GOSEND_WEBHOOK_EVENTS_MAX);
	for (i = 0; i < n; i++) {
		if (!token_ok(events[i], GOSEND_WEBHOOK_EVENT_MAX))
			return gosend__fail(err, GOSEND_EINVAL, "events",
			                    "event %zu must be 1-%d printable "
			                    "ASCII characters without spaces",
			                    i, GOSEND_WEBHOOK_EVENT_MAX);
	}
	return GOSEND_OK;
}

/* Add "events": [...] to obj; 0 or -1. */
static int add_events(cJSON *obj, const char *const *events, size_t n)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "events");
	size_t i;

	if (!arr)
		return -1;
	for (i = 0; i < n; i++) {
		cJSON *s = cJSON_CreateString(events[i]);
		if (!s || !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			return -1;
		}
	}
	return 0;
}

/* Print root (consumed) into the request body. */
static int set_body(gosend__request *r, cJSON *root, int bad,
                    gosend_error **err)
{
	char *txt = bad ? NULL : cJSON_PrintUnformatted(root);
	char *copy;
	size_t len;

	cJSON_Delete(root);
	if (!txt)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	len = strlen(txt);
	copy = gosend__strndup(txt, len);
	cJSON_free(txt);
	if (!copy)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	gosend__req_body(r, copy, len);
	return GOSEND_OK;
}

/* ------------------------------------------------------------ requests */

static int hook_request(gosend__request *r, gosend_client *client,
                        const char *method, int with_id, const char *id,
                        const char *tail, const gosend_request_options *opts,
                        gosend_error **err)
{
	int rc = gosend__req_init(r, client, method, "/webhooks", opts, err);

	if (rc == 0 && with_id)
		rc = gosend__req_id(r, id, "webhook_id", err);
	if (rc == 0 && tail)
		rc = gosend__req_path(r, tail, err);
	return rc;
}

int gosend_webhooks_create(gosend_webhook **out, gosend_client *client,
                           const gosend_webhook_params *params,
                           const gosend_request_options *opts,
                           gosend_error **err)
{
	gosend__request r;
	const gosend_meta *meta = NULL;
	void *obj = NULL;
	cJSON *root;
	int rc, bad;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!params)
		return gosend__fail(err, GOSEND_EINVAL, "params",
		                    "params is NULL");
	if (params->version == 0 ||
	    params->version > GOSEND_WEBHOOK_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "params.version",
		                    "unknown webhook params version %u",
		                    params->version);
	rc = check_url(params->url, err);
	if (rc == 0)
		rc = check_events(params->events, params->events_count, err);
	if (rc == 0 && params->phone_number_id &&
	    !token_ok(params->phone_number_id, 64))
		rc = gosend__fail(
		        err, GOSEND_EINVAL, "phone_number_id",
		        "phone_number_id must be 1-64 printable ASCII "
		        "characters without spaces");
	if (rc == 0 && params->type && !token_ok(params->type, 64))
		rc = gosend__fail(
		        err, GOSEND_EINVAL, "type",
		        "type must be 1-64 printable ASCII characters "
		        "without spaces");
	if (rc < 0)
		return rc;
	rc = hook_request(&r, client, "POST", 0, NULL, NULL, opts, err);
	if (rc == 0) {
		root = cJSON_CreateObject();
		bad = !root ||
		      !cJSON_AddStringToObject(root, "url", params->url) ||
		      add_events(root, params->events, params->events_count) <
		              0 ||
		      (params->phone_number_id &&
		       !cJSON_AddStringToObject(root, "phone_number_id",
		                                params->phone_number_id)) ||
		      (params->type &&
		       !cJSON_AddStringToObject(root, "type", params->type));
		rc = set_body(&r, root, bad, err);
	}
	/* a 2xx is the webhook created, whatever the body: never lose the
	 * once-only secret to a body that does not decode */
	if (rc == 0)
		rc = gosend__call(&r, sizeof(gosend_webhook), &obj, &meta,
		                  GOSEND__WRAP_ANY, err);
	gosend__req_dispose(&r);
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	rc = decode_answer(obj, err);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_webhooks_list(gosend_webhook_list **out, gosend_client *client,
                         const gosend_list_params *params,
                         const gosend_request_options *opts, gosend_error **err)
{
	gosend__request r;
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = hook_request(&r, client, "GET", 0, NULL, NULL, opts, err);
	if (rc == 0)
		rc = gosend__req_list(&r, params, err);
	if (rc == 0)
		rc = gosend__list_call(&r, &webhook_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_webhooks_iter_new(gosend_iter **out, gosend_client *client,
                             size_t max_items,
                             const gosend_request_options *opts,
                             gosend_error **err)
{
	gosend__request r;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = hook_request(&r, client, "GET", 0, NULL, NULL, opts, err);
	if (rc == 0)
		rc = gosend__iter_new(out, &r, &webhook_spec, max_items, err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend_webhooks_iter_next(const gosend_webhook **out, gosend_iter *it,
                              gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__iter_next(it, &webhook_spec, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

/*
 * The updated webhook when the answer is one (a JSON object with a usable
 * id, at the top level or under "webhook" or "data"), else *out NULL.
 * Fails only when memory runs out.
 */
static int update_answer(gosend_webhook **out, const gosend__response *res,
                         gosend_error **err)
{
	gosend__holder *h;
	gosend_webhook *w;
	const cJSON *target;
	void *obj = NULL;
	int rc;

	*out = NULL;
	if (res->body.len == 0 || !res->body.ptr)
		return GOSEND_OK;
	rc = gosend__obj_from_body(sizeof(gosend_webhook), res->body.ptr,
	                           res->body.len, &obj, NULL);
	if (rc == GOSEND_ENOMEM)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (rc < 0 || !obj)
		return GOSEND_OK;
	h = gosend__obj_holder(obj);
	h->cleanup = webhook_cleanup;
	target = gosend__answer_object(h->root, answer_wrappers);
	if (!cJSON_IsObject(target) ||
	    !cJSON_GetObjectItemCaseSensitive(target, "id")) {
		gosend__obj_free(obj);
		return GOSEND_OK;
	}
	h->meta = gosend__h_meta(h, &res->meta);
	if (!h->meta) {
		gosend__obj_free(obj);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	rc = decode_answer(obj, err);
	if (rc < 0)
		return rc;
	w = obj;
	if (!w->id) {
		gosend__obj_free(obj);
		return GOSEND_OK;
	}
	*out = w;
	return GOSEND_OK;
}

int gosend_webhooks_update(gosend_webhook **out, gosend_client *client,
                           const char *webhook_id,
                           const gosend_webhook_update_params *params,
                           const gosend_request_options *opts,
                           gosend_error **err)
{
	gosend__request r;
	gosend__response res;
	gosend_webhook *w = NULL;
	cJSON *root;
	int rc, bad;

	memset(&res, 0, sizeof(res));
	if (err)
		*err = NULL;
	if (out)
		*out = NULL;
	if (!params)
		return gosend__fail(err, GOSEND_EINVAL, "params",
		                    "params is NULL");
	if (params->version == 0 ||
	    params->version > GOSEND_WEBHOOK_UPDATE_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "params.version",
		                    "unknown webhook update params version %u",
		                    params->version);
	if (!params->url && !params->events && !params->events_count &&
	    !params->set_enabled)
		return gosend__fail(err, GOSEND_EINVAL, "params",
		                    "nothing to update: set url, events or "
		                    "set_enabled");
	rc = params->url ? check_url(params->url, err) : GOSEND_OK;
	if (rc == 0 && (params->events || params->events_count))
		rc = check_events(params->events, params->events_count, err);
	if (rc < 0)
		return rc;
	rc = hook_request(&r, client, "PATCH", 1, webhook_id, NULL, opts, err);
	if (rc == 0) {
		root = cJSON_CreateObject();
		bad = !root ||
		      (params->url &&
		       !cJSON_AddStringToObject(root, "url", params->url)) ||
		      (params->events &&
		       add_events(root, params->events, params->events_count) <
		               0) ||
		      (params->set_enabled &&
		       !cJSON_AddBoolToObject(root, "enabled",
		                              params->enabled ? 1 : 0));
		rc = set_body(&r, root, bad, err);
	}
	if (rc == 0)
		rc = gosend__execute(&r, &res, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	if (out)
		rc = update_answer(&w, &res, err);
	gosend__response_dispose(&res);
	if (rc < 0)
		return rc;
	if (out)
		*out = w;
	return GOSEND_OK;
}

int gosend_webhooks_delete(gosend_client *client, const char *webhook_id,
                           const gosend_request_options *opts,
                           gosend_error **err)
{
	gosend__request r;
	gosend__response res;
	int rc;

	if (err)
		*err = NULL;
	rc = hook_request(&r, client, "DELETE", 1, webhook_id, NULL, opts, err);
	if (rc == 0) {
		rc = gosend__execute(&r, &res, err);
		if (rc == 0)
			gosend__response_dispose(&res);
	}
	gosend__req_dispose(&r);
	return rc < 0 ? rc : GOSEND_OK;
}

int gosend_webhook_deliveries_list(gosend_webhook_delivery_list **out,
                                   gosend_client *client,
                                   const char *webhook_id,
                                   const gosend_list_params *params,
                                   const gosend_request_options *opts,
                                   gosend_error **err)
{
	gosend__request r;
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = hook_request(&r, client, "GET", 1, webhook_id, "/deliveries", opts,
	                  err);
	if (rc == 0)
		rc = gosend__req_list(&r, params, err);
	if (rc == 0)
		rc = gosend__list_call(&r, &delivery_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_webhook_deliveries_iter_new(gosend_iter **out, gosend_client *client,
                                       const char *webhook_id, size_t max_items,
                                       const gosend_request_options *opts,
                                       gosend_error **err)
{
	gosend__request r;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = hook_request(&r, client, "GET", 1, webhook_id, "/deliveries", opts,
	                  err);
	if (rc == 0)
		rc = gosend__iter_new(out, &r, &delivery_spec, max_items, err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend_webhook_deliveries_iter_next(const gosend_webhook_delivery **out,
                                        gosend_iter *it, gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__iter_next(it, &delivery_spec, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

void gosend_webhook_free(gosend_webhook *webhook)
{
	gosend__obj_free(webhook);
}

void gosend_webhook_list_free(gosend_webhook_list *list)
{
	gosend__obj_free(list);
}

void gosend_webhook_delivery_list_free(gosend_webhook_delivery_list *list)
{
	gosend__obj_free(list);
}
