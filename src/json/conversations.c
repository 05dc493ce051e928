/* Decoding conversations. */
#include "gosendapi/conversations.h"

#include "json/types.h"

#include "json/decode.h"

static const char *const conversation_statuses[] = {"", "active", "inactive",
                                                    "ended", NULL};

static const gosend__field conversation_fields[] = {
        /* required by GET /conversations/{id}; optional in lists and in
         * close answers */
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

/* *dst from the string member obj[key] when still unset; a value of
 * another type is ignored. */
static void fallback_str(const cJSON *obj, const char *key, const char **dst)
{
	const cJSON *v;

	if (*dst)
		return;
	v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsString(v))
		*dst = v->valuestring;
}

/* The contact as a string (its wa_id) or as an object {wa_id, name};
 * values of other types are left unset. */
static int contact(gosend_conversation *c, const cJSON *json, gosend__holder *h)
{
	const cJSON *ct = cJSON_GetObjectItemCaseSensitive(json, "contact");
	int rc;

	if (!c->contact_wa_id && cJSON_IsString(ct))
		c->contact_wa_id = ct->valuestring;
	if (!cJSON_IsObject(ct))
		return GOSEND__DECODE_OK;
	if (!c->contact_wa_id) {
		rc = gosend__decode_id(
		        cJSON_GetObjectItemCaseSensitive(ct, "wa_id"), h,
		        &c->contact_wa_id);
		if (rc == GOSEND__DECODE_NOMEM)
			return rc;
		if (rc != GOSEND__DECODE_OK)
			c->contact_wa_id = NULL;
	}
	fallback_str(ct, "name", &c->contact_name);
	return GOSEND__DECODE_OK;
}

/* The other spellings of the contact and the times. */
static int conversation_post(void *item, const cJSON *json, gosend__holder *h,
                             const char **bad)
{
	gosend_conversation *c = item;

	(void)bad;
	if (contact(c, json, h) != GOSEND__DECODE_OK)
		return GOSEND__DECODE_NOMEM;
	fallback_str(json, "started_at", &c->opened_at);
	fallback_str(json, "created_at", &c->opened_at);
	fallback_str(json, "ended_at", &c->closed_at);
	c->status = (gosend_conversation_status)gosend__enum_ci(
	        c->status_name, conversation_statuses + 1);
	c->meta = h->meta;
	return GOSEND__DECODE_OK;
}

/* Where a close answer may hold the conversation. */
static const char *const conversation_wrappers[] = {"conversation", "data",
                                                    NULL};

const gosend__decoder gosend__type_conversation =
        GOSEND__DECODER_W(gosend_conversation, conversation_fields,
                          conversation_post, conversation_wrappers);
