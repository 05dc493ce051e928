/* Conversations: GET /conversations, GET /conversations/{id},
 * POST /conversations/{id}/close. */
#include "gosendapi/conversations.h"

#include <stddef.h>
#include <string.h>

#include "core/alloc.h"
#include "json/decoders.h"
#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"
#include "call/list.h"

static const char *const conversation_statuses[] = {"", "active", "inactive",
                                                    "ended", NULL};

static const gosend__field conversation_fields[] = {
        /* required by GET /conversations/{id} and to take a close answer
         * for the conversation; optional in lists */
        GOSEND__FIELD(gosend_conversation, id, "id", NULL, GOSEND__F_ID, 1),
        GOSEND__FIELD(gosend_conversation, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_conversation, tenant_id, "tenant_id", "tenantId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_conversation, customer_id, "customer_id",
                      "customerId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_conversation, phone_number_id, "phone_number_id",
                      "phoneNumberId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_conversation, contact_wa_id, "contact_wa_id",
                      "wa_id", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_conversation, contact_name, "contact_name", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_conversation, category, "category",
                      "pricing_category", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_conversation, opened_at, "opened_at", "openedAt",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_conversation, expires_at, "expires_at",
                      "expiresAt", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_conversation, closed_at, "closed_at", "closedAt",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_conversation, last_message_at, "last_message_at",
                      "lastMessageAt", GOSEND__F_STR, 0),
};

#define NFIELDS (sizeof(conversation_fields) / sizeof(conversation_fields[0]))

static const cJSON *member(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNull(v) ? NULL : v;
}

/* Fill *dst from a fallback string key when still unset; a value of
 * another type is ignored. */
static void fallback_str(const cJSON *obj, const char *key, const char **dst)
{
	const cJSON *v;

	if (*dst)
		return;
	v = member(obj, key);
	if (cJSON_IsString(v))
		*dst = v->valuestring;
}

/* The other spellings of the contact and the times; values of other types
 * are left unset. */
static int conversation_post(void *item, const cJSON *json, gosend__holder *h,
                             const char **bad)
{
	gosend_conversation *c = item;
	const cJSON *contact = member(json, "contact");

	(void)bad;
	if (!c->contact_wa_id && cJSON_IsString(contact))
		c->contact_wa_id = contact->valuestring;
	if (cJSON_IsObject(contact)) {
		if (!c->contact_wa_id) {
			int rc = gosend__decode_id(member(contact, "wa_id"), h,
			                           &c->contact_wa_id);
			if (rc == GOSEND__DECODE_NOMEM)
				return rc;
			if (rc != GOSEND__DECODE_OK)
				c->contact_wa_id = NULL;
		}
		fallback_str(contact, "name", &c->contact_name);
	}
	fallback_str(json, "started_at", &c->opened_at);
	fallback_str(json, "created_at", &c->opened_at);
	fallback_str(json, "ended_at", &c->closed_at);
	c->status = (gosend_conversation_status)gosend__enum_ci(
	        c->status_name, conversation_statuses + 1);
	c->meta = h->meta;
	return GOSEND__DECODE_OK;
}

static const gosend__decoder conversation_spec = GOSEND__DECODER(
        gosend_conversation, conversation_fields, conversation_post);

int gosend__conversation_from_json(gosend_conversation **out, const char *body,
                                   size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__item_from_json(&conversation_spec, body, len, &obj,
	                                err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

int gosend__conversation_list_from_json(gosend_conversation_list **out,
                                        const char *body, size_t len,
                                        gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__list_from_json(&conversation_spec, body, len, &obj,
	                                err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

/*
 * Lenient reading of a close answer: the conversation when the body is
 * one (at the top level or under "conversation" or "data"), else *out NULL.
 * meta, when not NULL, replaces the holder's meta. Fails only when memory
 * runs out.
 */
static int close_answer(gosend_conversation **out, const char *body, size_t len,
                        const gosend_meta *meta, gosend_error **err)
{
	static const char *const wrappers[] = {"conversation", "data"};
	const cJSON *target;
	const char *bad = NULL;
	gosend__holder *h;
	void *obj = NULL;
	gosend_conversation *c;
	size_t i;
	int rc;

	*out = NULL;
	if (len == 0)
		return GOSEND_OK;
	rc = gosend__obj_from_body(sizeof(gosend_conversation), body, len, &obj,
	                           NULL);
	if (rc == GOSEND_ENOMEM)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (rc < 0 || !obj)
		return GOSEND_OK;
	h = gosend__obj_holder(obj);
	target = h->root;
	for (i = 0; i < sizeof(wrappers) / sizeof(wrappers[0]) &&
	            !member(target, "id");
	     i++) {
		const cJSON *w = member(h->root, wrappers[i]);
		if (cJSON_IsObject(w))
			target = w;
	}
	if (!cJSON_IsObject(target) || !member(target, "id")) {
		gosend__obj_free(obj);
		return GOSEND_OK;
	}
	if (meta) {
		const gosend_meta *m = gosend__h_meta(h, meta);
		if (!m) {
			gosend__obj_free(obj);
			return gosend__fail(err, GOSEND_ENOMEM, NULL,
			                    "out of memory");
		}
		h->meta = m;
	}
	c = obj;
	rc = gosend__decode_fields(c, target, conversation_fields, NFIELDS, h,
	                           &bad);
	if (rc == GOSEND__DECODE_OK)
		rc = conversation_post(c, target, h, &bad);
	if (rc == GOSEND__DECODE_OK) {
		if (target == h->root) {
			c->raw_json = h->body;
		} else {
			char *txt = cJSON_PrintUnformatted(target);
			c->raw_json = txt ? gosend__h_strdup(h, txt) : NULL;
			cJSON_free(txt);
			if (!c->raw_json)
				rc = GOSEND__DECODE_NOMEM;
		}
	}
	if (rc == GOSEND__DECODE_NOMEM) {
		gosend__obj_free(obj);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	if (rc != GOSEND__DECODE_OK) {
		gosend__obj_free(obj);
		return GOSEND_OK;
	}
	*out = c;
	return GOSEND_OK;
}

int gosend__conversation_close_from_json(gosend_conversation **out,
                                         const char *body, size_t len,
                                         gosend_error **err)
{
	*out = NULL;
	if (!body)
		return gosend__fail(err, GOSEND_EINVAL, "body", "body is NULL");
	return close_answer(out, body, len, NULL, err);
}

static int conv_request(gosend__request *r, gosend_client *client,
                        const char *method, int with_id, const char *id,
                        const gosend_request_options *opts, gosend_error **err)
{
	int rc = gosend__req_init(r, client, method, "/conversations", opts,
	                          err);

	if (rc == 0 && with_id)
		rc = gosend__req_id(r, id, "conversation_id", err);
	return rc;
}

int gosend_conversations_list(gosend_conversation_list **out,
                              gosend_client *client,
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
	rc = conv_request(&r, client, "GET", 0, NULL, opts, err);
	if (rc == 0)
		rc = gosend__req_list(&r, params, err);
	if (rc == 0)
		rc = gosend__list_call(&r, &conversation_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_conversations_iter_new(gosend_iter **out, gosend_client *client,
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
	rc = conv_request(&r, client, "GET", 0, NULL, opts, err);
	if (rc == 0)
		rc = gosend__iter_new(out, &r, &conversation_spec, max_items,
		                      err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend_conversations_iter_next(const gosend_conversation **out,
                                   gosend_iter *it, gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__iter_next(it, &conversation_spec, out ? &item : NULL,
	                           err);

	if (out)
		*out = item;
	return rc;
}

int gosend_conversations_get(gosend_conversation **out, gosend_client *client,
                             const char *conversation_id,
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
	rc = conv_request(&r, client, "GET", 1, conversation_id, opts, err);
	if (rc == 0)
		rc = gosend__item_call(&r, &conversation_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_conversations_close(gosend_conversation **out, gosend_client *client,
                               const char *conversation_id,
                               const gosend_request_options *opts,
                               gosend_error **err)
{
	gosend__request r;
	gosend__response res;
	gosend_conversation *conv = NULL;
	char *body;
	int rc;

	memset(&res, 0, sizeof(res));
	if (err)
		*err = NULL;
	if (out)
		*out = NULL;
	rc = conv_request(&r, client, "POST", 1, conversation_id, opts, err);
	if (rc == 0)
		rc = gosend__req_path(&r, "/close", err);
	if (rc == 0) {
		body = gosend__strdup("{}");
		if (!body)
			rc = gosend__fail(err, GOSEND_ENOMEM, NULL,
			                  "out of memory");
		else
			gosend__req_body(&r, body, 2);
	}
	if (rc == 0)
		rc = gosend__execute(&r, &res, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	if (out)
		rc = close_answer(&conv, res.body.ptr ? res.body.ptr : "",
		                  res.body.len, &res.meta, err);
	gosend__response_dispose(&res);
	if (rc < 0)
		return rc;
	if (out)
		*out = conv;
	return GOSEND_OK;
}

void gosend_conversation_free(gosend_conversation *conv)
{
	gosend__obj_free(conv);
}

void gosend_conversation_list_free(gosend_conversation_list *list)
{
	gosend__obj_free(list);
}
