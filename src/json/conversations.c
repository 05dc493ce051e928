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
static void fallback_str(const gosend__jn *obj, const char *key,
                         const char **dst)
{
	if (!*dst)
		*dst = gosend__jn_str(gosend__jn_get(obj, key));
}

/* The contact as a string (its wa_id) or as an object {wa_id, name};
 * values of other types are left unset. */
static int contact(gosend_conversation *c, const gosend__jn *json,
                   gosend__holder *h)
{
	const gosend__jn *ct = gosend__jn_get(json, "contact");
	int rc;

	if (!c->contact_wa_id)
		c->contact_wa_id = gosend__jn_str(ct);
	if (gosend__jn_type(ct) != GOSEND__JN_OBJECT)
		return GOSEND__DECODE_OK;
	if (!c->contact_wa_id) {
		rc = gosend__decode_id(gosend__jn_get(ct, "wa_id"), h,
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
static int conversation_post(void *item, const gosend__jn *json,
                             gosend__holder *h, const char **bad)
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
