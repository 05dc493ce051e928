/* Webhook endpoints: GET/POST /webhooks, PATCH/DELETE /webhooks/{id},
 * GET /webhooks/{id}/deliveries. */
#include "gosendapi/webhooks.h"

#include <stddef.h>

#include "call/endpoint.h"
#include "core/errors.h"
#include "core/check.h"
#include "json/types.h"
#include "json/value.h"

/* ---- endpoints ---- */

/* A 2xx to a create is the webhook created, whatever the body: the
 * once-only secret is never lost to a body that does not decode. */
static const gosend__endpoint ep_webhooks_create = {
        "POST", "/webhooks", GOSEND__ANSWER, 0, &gosend__type_webhook};
static const gosend__endpoint ep_webhooks_list = {
        "GET", "/webhooks", GOSEND__PAGE, 0, &gosend__type_webhook};
static const gosend__endpoint ep_webhooks_update = {
        "PATCH", "/webhooks/{webhook_id}", GOSEND__ANSWER, GOSEND__EP_NEED_ID,
        &gosend__type_webhook};
static const gosend__endpoint ep_webhooks_delete = {
        "DELETE", "/webhooks/{webhook_id}", GOSEND__NOTHING, 0, NULL};
static const gosend__endpoint ep_deliveries_list = {
        "GET", "/webhooks/{webhook_id}/deliveries", GOSEND__PAGE, 0,
        &gosend__type_webhook_delivery};

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

/* The body built in root (freed; bad: a step failed) into a->body. */
static int put_body(gosend__ep_args *a, gosend__jv *root, int bad,
                    gosend_error **err)
{
	if (gosend__jv_body(root, !bad, &a->body, &a->body_len) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

/* ------------------------------------------------------------ requests */

static int check_create(const gosend_webhook_params *p, gosend_error **err)
{
	int rc;

	if (!p)
		return gosend__fail(err, GOSEND_EINVAL, "params",
		                    "params is NULL");
	if (p->version == 0 || p->version > GOSEND_WEBHOOK_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "params.version",
		                    "unknown webhook params version %u",
		                    p->version);
	rc = check_url(p->url, err);
	if (rc == 0)
		rc = check_events(p->events, p->events_count, err);
	if (rc == 0 && p->phone_number_id && !token_ok(p->phone_number_id, 64))
		rc = gosend__fail(
		        err, GOSEND_EINVAL, "phone_number_id",
		        "phone_number_id must be 1-64 printable ASCII "
		        "characters without spaces");
	if (rc == 0 && p->type && !token_ok(p->type, 64))
		rc = gosend__fail(
		        err, GOSEND_EINVAL, "type",
		        "type must be 1-64 printable ASCII characters "
		        "without spaces");
	return rc;
}

static int create_body(gosend__ep_args *a, const gosend_webhook_params *p,
                       gosend_error **err)
{
	gosend__jv *root = gosend__jv_object();
	int bad = gosend__jv_set_str(root, "url", p->url) < 0 ||
	          gosend__jv_set(
	                  root, "events",
	                  gosend__jv_strings(p->events, p->events_count)) < 0 ||
	          gosend__jv_set_opt_str(root, "phone_number_id",
	                                 p->phone_number_id) < 0 ||
	          gosend__jv_set_opt_str(root, "type", p->type) < 0;

	return put_body(a, root, bad, err);
}

int gosend_webhooks_create(gosend_webhook **out, gosend_client *client,
                           const gosend_webhook_params *params,
                           const gosend_request_options *opts,
                           gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts};
	void *obj = NULL;
	int rc = out ? GOSEND_OK
	             : gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");

	if (rc == 0)
		rc = check_create(params, err);
	if (rc == 0)
		rc = create_body(&a, params, err);
	if (rc == 0)
		rc = gosend__ep_call(&ep_webhooks_create, &a, &obj, err);
	if (out)
		*out = obj;
	return rc;
}

int gosend_webhooks_list(gosend_webhook_list **out, gosend_client *client,
                         const gosend_list_params *params,
                         const gosend_request_options *opts, gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts, .page = params};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_webhooks_list, &a, out ? &obj : NULL, err);

	if (out)
		*out = obj;
	return rc;
}

int gosend_webhooks_iter_new(gosend_iter **out, gosend_client *client,
                             size_t max_items,
                             const gosend_request_options *opts,
                             gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts};

	return gosend__ep_iter(&ep_webhooks_list, &a, max_items, out, err);
}

int gosend_webhooks_iter_next(const gosend_webhook **out, gosend_iter *it,
                              gosend_error **err)
{
	const void *item = NULL;
	int rc =
	        gosend__ep_next(&ep_webhooks_list, it, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

static int check_update(const gosend_webhook_update_params *p,
                        gosend_error **err)
{
	int rc;

	if (!p)
		return gosend__fail(err, GOSEND_EINVAL, "params",
		                    "params is NULL");
	if (p->version == 0 ||
	    p->version > GOSEND_WEBHOOK_UPDATE_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "params.version",
		                    "unknown webhook update params version %u",
		                    p->version);
	if (!p->url && !p->events && !p->events_count && !p->set_enabled)
		return gosend__fail(err, GOSEND_EINVAL, "params",
		                    "nothing to update: set url, events or "
		                    "set_enabled");
	rc = p->url ? check_url(p->url, err) : GOSEND_OK;
	if (rc == 0 && (p->events || p->events_count))
		rc = check_events(p->events, p->events_count, err);
	return rc;
}

static int update_body(gosend__ep_args *a,
                       const gosend_webhook_update_params *p,
                       gosend_error **err)
{
	gosend__jv *root = gosend__jv_object();
	int bad = gosend__jv_set_opt_str(root, "url", p->url) < 0 ||
	          (p->events &&
	           gosend__jv_set(root, "events",
	                          gosend__jv_strings(p->events,
	                                             p->events_count)) < 0) ||
	          (p->set_enabled &&
	           gosend__jv_set(root, "enabled",
	                          gosend__jv_bool(p->enabled)) < 0);

	return put_body(a, root, bad, err);
}

/* The answer is taken as the updated webhook only when it has a usable id
 * (GOSEND__EP_NEED_ID; see webhooks.h); out may be NULL. */
int gosend_webhooks_update(gosend_webhook **out, gosend_client *client,
                           const char *webhook_id,
                           const gosend_webhook_update_params *params,
                           const gosend_request_options *opts,
                           gosend_error **err)
{
	const char *ids[] = {webhook_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	void *obj = NULL;
	int rc;

	if (out)
		*out = NULL;
	rc = check_update(params, err);
	if (rc == 0)
		rc = update_body(&a, params, err);
	if (rc == 0)
		rc = gosend__ep_call(&ep_webhooks_update, &a, &obj, err);
	if (out)
		*out = obj;
	else
		gosend_webhook_free(obj);
	return rc;
}

int gosend_webhooks_delete(gosend_client *client, const char *webhook_id,
                           const gosend_request_options *opts,
                           gosend_error **err)
{
	const char *ids[] = {webhook_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};

	return gosend__ep_call(&ep_webhooks_delete, &a, NULL, err);
}

int gosend_webhook_deliveries_list(gosend_webhook_delivery_list **out,
                                   gosend_client *client,
                                   const char *webhook_id,
                                   const gosend_list_params *params,
                                   const gosend_request_options *opts,
                                   gosend_error **err)
{
	const char *ids[] = {webhook_id};
	gosend__ep_args a = {
	        .client = client, .ids = ids, .opts = opts, .page = params};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_deliveries_list, &a, out ? &obj : NULL,
	                         err);

	if (out)
		*out = obj;
	return rc;
}

int gosend_webhook_deliveries_iter_new(gosend_iter **out, gosend_client *client,
                                       const char *webhook_id, size_t max_items,
                                       const gosend_request_options *opts,
                                       gosend_error **err)
{
	const char *ids[] = {webhook_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};

	return gosend__ep_iter(&ep_deliveries_list, &a, max_items, out, err);
}

int gosend_webhook_deliveries_iter_next(const gosend_webhook_delivery **out,
                                        gosend_iter *it, gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__ep_next(&ep_deliveries_list, it, out ? &item : NULL,
	                         err);

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
