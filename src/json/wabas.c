/* Decoding WABAs. */
#include "gosendapi/wabas.h"

#include "json/types.h"

#include "json/decode.h"

static const char *const waba_statuses[] = {"", "pending", "active",
                                            "suspended", NULL};

static const gosend__field waba_fields[] = {
        /* required by GET /wabas/{id} (an answer without it is not the
         * WABA asked for); optional in lists */
        GOSEND__FIELD(gosend_waba, id, "id", NULL, GOSEND__F_ID, 1),
        GOSEND__FIELD(gosend_waba, customer_id, "customer_id", "customerId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_waba, waba_id, "waba_id", "wabaId", GOSEND__F_ID,
                      0),
        GOSEND__FIELD(gosend_waba, business_id, "business_id", "businessId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_waba, display_name, "display_name", "displayName",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_waba, status_name, "status", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_waba, external_reference, "external_reference",
                      "externalReference", GOSEND__F_STR, 0),
};

static int waba_post(void *item, const gosend__jn *json, gosend__holder *h,
                     const char **bad)
{
	gosend_waba *w = item;

	(void)json;
	(void)bad;
	w->status = (gosend_waba_status)gosend__enum_ci(w->status_name,
	                                                waba_statuses + 1);
	w->meta = h->meta;
	return GOSEND__DECODE_OK;
}

const gosend__decoder gosend__type_waba =
        GOSEND__DECODER(gosend_waba, waba_fields, waba_post);
