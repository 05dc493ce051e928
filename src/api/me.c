#include "gosendapi/me.h"

#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"
#include "json/decoders.h"

static const gosend__field me_fields[] = {
        /* required: an answer without the project id is not the project
         * (a /me check against a wrong base URL must not pass) */
        GOSEND__FIELD(gosend_me, id, "id", NULL, GOSEND__F_ID, 1),
        GOSEND__FIELD(gosend_me, name, "name", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_me, webhook_url, "webhookUrl", "webhook_url",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_me, created_at, "createdAt", "created_at",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_me, external_id, "external_id", "externalId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_me, api_key_prefix, "api_key_prefix",
                      "apiKeyPrefix", GOSEND__F_STR, 0),
};

static int gosend__decode_me(gosend_me *me, gosend__holder *h, const char **bad)
{
	me->raw_json = h->body;
	me->meta = h->meta;
	return gosend__decode_fields(me, h->root, me_fields,
	                             sizeof(me_fields) / sizeof(me_fields[0]),
	                             h, bad);
}

int gosend__me_from_json(gosend_me **out, const char *body, size_t len,
                         gosend_error **err)
{
	void *obj = NULL;
	const char *bad = NULL;
	int rc;

	*out = NULL;
	rc = gosend__obj_from_body(sizeof(gosend_me), body, len, &obj, err);
	if (rc < 0)
		return rc;
	rc = gosend__decode_me(obj, gosend__obj_holder(obj), &bad);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, bad, err);
	*out = obj;
	return GOSEND_OK;
}

int gosend_me_get(gosend_me **out, gosend_client *client,
                  const gosend_request_options *opts, gosend_error **err)
{
	gosend__request r;
	const gosend_meta *meta = NULL;
	const char *bad = NULL;
	void *obj = NULL;
	gosend_me *me;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = gosend__req_init(&r, client, "GET", "/me", opts, err);
	if (rc == 0)
		rc = gosend__call(&r, sizeof(*me), &obj, &meta,
		                  GOSEND__WRAP_JSON, err);
	gosend__req_dispose(&r);
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	me = obj;
	me->meta = meta;
	rc = gosend__decode_me(me, gosend__obj_holder(me), &bad);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(me, rc, bad, err);
	*out = me;
	return GOSEND_OK;
}

void gosend_me_free(gosend_me *me)
{
	gosend__obj_free(me);
}
