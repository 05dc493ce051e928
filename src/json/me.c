/* Decoding the project behind the API key (GET /me). */
#include "gosendapi/me.h"

#include "json/types.h"

#include "json/decode.h"

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

static int me_post(void *item, const gosend__jn *json, gosend__holder *h,
                   const char **bad)
{
	gosend_me *me = item;

	(void)json;
	(void)bad;
	me->meta = h->meta;
	return GOSEND__DECODE_OK;
}

const gosend__decoder gosend__type_me =
        GOSEND__DECODER(gosend_me, me_fields, me_post);
