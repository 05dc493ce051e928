/* GET /messages (one page or an iterator) and GET /messages/{id}. */
#include "json/decoders.h"
#include "gosendapi/messages.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"
#include "call/list.h"

static const char *const type_names[] = {
        "text",    "template", "image",       "video",    "audio", "document",
        "sticker", "location", "interactive", "contacts", NULL};

static const char *const status_names[] = {
        "accepted", "queued", "sent", "delivered", "read", "failed", NULL};

static const gosend__field message_fields[] = {
        /* required by GET /messages/{id} (an answer without it is not the
         * message asked for); optional in lists */
        GOSEND__FIELD(gosend_message, id, "id", NULL, GOSEND__F_ID, 1),
        GOSEND__FIELD(gosend_message, phone_number_id, "phone_number_id",
                      "phoneNumberId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_message, to, "to", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_message, from, "from", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_message, type_name, "type", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_message, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_message, created_at, "created_at", "createdAt",
                      GOSEND__F_STR, 0),
};

/* Enums, the typed content and the text body, after the field table; a
 * text body of another type is left unset. */
static int message_post(void *item, const cJSON *json, gosend__holder *h,
                        const char **bad)
{
	gosend_message *m = item;
	const cJSON *content = NULL;

	(void)bad;
	m->type =
	        (gosend_message_type)gosend__enum_ci(m->type_name, type_names);
	m->status = (gosend_message_status)gosend__enum_ci(m->status_name,
	                                                   status_names);
	if (json && m->type_name && *m->type_name)
		content = cJSON_GetObjectItemCaseSensitive(json, m->type_name);
	if (content && !cJSON_IsNull(content)) {
		/* the member's own text from raw_json (set before this step),
		 * else printed from the tree */
		if (m->raw_json)
			m->content_json = gosend__item_member_text(
			        h, m->raw_json, m->type_name);
		if (!m->content_json) {
			char *txt = cJSON_PrintUnformatted(content);
			if (!txt)
				return GOSEND__DECODE_NOMEM;
			m->content_json = gosend__h_strdup(h, txt);
			cJSON_free(txt);
			if (!m->content_json)
				return GOSEND__DECODE_NOMEM;
		}
		if (m->type == GOSEND_MESSAGE_TYPE_TEXT &&
		    cJSON_IsObject(content)) {
			const cJSON *b = cJSON_GetObjectItemCaseSensitive(
			        content, "body");
			if (cJSON_IsString(b))
				m->text_body = b->valuestring;
		}
	}
	return GOSEND__DECODE_OK;
}

static const gosend__decoder message_spec =
        GOSEND__DECODER(gosend_message, message_fields, message_post);

int gosend__message_from_json(gosend_message **out, const char *body,
                              size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	*out = NULL;
	rc = gosend__item_from_json(&message_spec, body, len, &obj, err);
	if (rc != 0)
		return rc;
	*out = obj;
	(*out)->meta = gosend__obj_holder(obj)->meta;
	return GOSEND_OK;
}

int gosend__message_list_from_json(gosend_message_list **out, const char *body,
                                   size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	*out = NULL;
	rc = gosend__list_from_json(&message_spec, body, len, &obj, err);
	if (rc != 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_messages_list(gosend_message_list **out, gosend_client *client,
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
	rc = gosend__req_init(&r, client, "GET", "/messages", opts, err);
	if (rc == 0)
		rc = gosend__req_list(&r, params, err);
	if (rc == 0)
		rc = gosend__list_call(&r, &message_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc != 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

void gosend_message_list_free(gosend_message_list *list)
{
	gosend__obj_free(list);
}

int gosend_messages_get(gosend_message **out, gosend_client *client,
                        const char *message_id,
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
	rc = gosend__req_init(&r, client, "GET", "/messages", opts, err);
	if (rc == 0)
		rc = gosend__req_id(&r, message_id, "message_id", err);
	if (rc == 0)
		rc = gosend__item_call(&r, &message_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc != 0)
		return rc;
	*out = obj;
	(*out)->meta = gosend__obj_holder(obj)->meta;
	return GOSEND_OK;
}

void gosend_message_free(gosend_message *msg)
{
	gosend__obj_free(msg);
}

int gosend_messages_iter_new(gosend_iter **out, gosend_client *client,
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
	rc = gosend__req_init(&r, client, "GET", "/messages", opts, err);
	if (rc == 0 && r.url.oom)
		rc = gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (rc == 0)
		rc = gosend__iter_new(out, &r, &message_spec, max_items, err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend_messages_iter_next(const gosend_message **out, gosend_iter *it,
                              gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__iter_next(it, &message_spec, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}
