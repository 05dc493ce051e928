/* Decoding the answers of the onboarding calls: customers, setup links. */
#include "gosendapi/admin.h"

#include "json/types.h"

#include "json/decode.h"

static const char *const customer_statuses[] = {"", "active", "inactive",
                                                "suspended", NULL};

static const gosend__field customer_fields[] = {
        /* never required: a customer only comes in a create answer */
        GOSEND__FIELD(gosend_customer, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_customer, tenant_id, "tenant_id", "tenantId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_customer, name, "name", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, external_id, "external_id", "externalId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_customer, email, "email", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, phone, "phone", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, metadata_json, "metadata", NULL,
                      GOSEND__F_JSON, 0),
        GOSEND__FIELD(gosend_customer, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, created_at, "created_at", "createdAt",
                      GOSEND__F_STR, 0),
};

static int customer_post(void *item, const gosend__jn *json, gosend__holder *h,
                         const char **bad)
{
	gosend_customer *c = item;

	(void)json;
	(void)bad;
	c->status = (gosend_customer_status)gosend__enum_ci(
	        c->status_name, customer_statuses + 1);
	c->meta = h->meta;
	return GOSEND__DECODE_OK;
}

static const gosend__field setup_link_fields[] = {
        /* never required: a setup link only comes in a create answer */
        GOSEND__FIELD(gosend_setup_link, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_setup_link, url, "url", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, status, "status", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_setup_link, expires_at, "expiresAt", "expires_at",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, success_redirect_url,
                      "successRedirectUrl", "success_redirect_url",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, failure_redirect_url,
                      "failureRedirectUrl", "failure_redirect_url",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, customer_id, "customerId",
                      "customer_id", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_setup_link, created_at, "createdAt", "created_at",
                      GOSEND__F_STR, 0),
};

static int setup_link_post(void *item, const gosend__jn *json,
                           gosend__holder *h, const char **bad)
{
	gosend_setup_link *l = item;

	(void)json;
	(void)bad;
	l->meta = h->meta;
	return GOSEND__DECODE_OK;
}

/* Where a create answer may hold the object instead of the top level. */
static const char *const customer_wrappers[] = {"customer", "data", NULL};
static const char *const setup_link_wrappers[] = {"setup_link", "setupLink",
                                                  "data", NULL};

const gosend__decoder gosend__type_customer = GOSEND__DECODER_W(
        gosend_customer, customer_fields, customer_post, customer_wrappers);
const gosend__decoder gosend__type_setup_link =
        GOSEND__DECODER_W(gosend_setup_link, setup_link_fields, setup_link_post,
                          setup_link_wrappers);
