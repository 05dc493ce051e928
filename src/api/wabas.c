/* WABAs and their phone numbers: GET /wabas, /wabas/{id},
 * /wabas/{id}/phone-numbers. */
#include "gosendapi/wabas.h"

#include <stddef.h>

#include "json/decoders.h"
#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"
#include "call/list.h"

static const char *const waba_statuses[] = {"", "pending", "active",
                                            "suspended", NULL};
static const char *const quality_ratings[] = {"", "green", "yellow", "red",
                                              NULL};
static const char *const connection_types[] = {"", "dedicated", "coexistence",
                                               NULL};
static const char *const phone_statuses[] = {"", "active", "disconnected",
                                             "pending", NULL};

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

static int waba_post(void *item, const cJSON *json, gosend__holder *h,
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

static const gosend__field phone_fields[] = {
        /* only ever in lists, where nothing is required */
        GOSEND__FIELD(gosend_phone_number, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_phone_number, waba_id, "waba_id", "wabaId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_phone_number, phone_number_id, "phone_number_id",
                      "phoneNumberId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_phone_number, display_phone_number,
                      "display_phone_number", "displayPhoneNumber",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, display_phone_number_normalized,
                      "display_phone_number_normalized",
                      "displayPhoneNumberNormalized", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, display_name, "display_name",
                      "displayName", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, verified_name, "verified_name",
                      "verifiedName", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, quality_rating_name,
                      "quality_rating", "qualityRating", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, throughput_tier, "throughput_tier",
                      "throughputTier", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, connection_type_name,
                      "connection_type", "connectionType", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, is_coexistence, "is_coexistence",
                      "isCoexistence", GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, is_official_business_account,
                      "is_official_business_account",
                      "isOfficialBusinessAccount", GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, inbound_processing_enabled,
                      "inbound_processing_enabled", "inboundProcessingEnabled",
                      GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, calls_enabled, "calls_enabled",
                      "callsEnabled", GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
};

static int phone_post(void *item, const cJSON *json, gosend__holder *h,
                      const char **bad)
{
	gosend_phone_number *p = item;

	(void)json;
	(void)bad;
	p->quality_rating = (gosend_quality_rating)gosend__enum_ci(
	        p->quality_rating_name, quality_ratings + 1);
	p->connection_type = (gosend_connection_type)gosend__enum_ci(
	        p->connection_type_name, connection_types + 1);
	p->status = (gosend_phone_number_status)gosend__enum_ci(
	        p->status_name, phone_statuses + 1);
	p->meta = h->meta;
	return GOSEND__DECODE_OK;
}

static const gosend__list_spec waba_spec =
        GOSEND__SPEC(gosend_waba, waba_fields, waba_post);
static const gosend__list_spec phone_spec =
        GOSEND__SPEC(gosend_phone_number, phone_fields, phone_post);

int gosend__waba_from_json(gosend_waba **out, const char *body, size_t len,
                           gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__item_from_json(&waba_spec, body, len, &obj, err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

int gosend__waba_list_from_json(gosend_waba_list **out, const char *body,
                                size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__list_from_json(&waba_spec, body, len, &obj, err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

int gosend__phone_number_list_from_json(gosend_phone_number_list **out,
                                        const char *body, size_t len,
                                        gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__list_from_json(&phone_spec, body, len, &obj, err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

/* Build "GET /wabas[/{id}[tail]]"; id NULL: no id segment. */
static int waba_request(gosend__request *r, gosend_client *client, int with_id,
                        const char *waba_id, const char *tail,
                        const gosend_request_options *opts, gosend_error **err)
{
	int rc = gosend__req_init(r, client, "GET", "/wabas", opts, err);

	if (rc == 0 && with_id)
		rc = gosend__req_id(r, waba_id, "waba_id", err);
	if (rc == 0 && tail)
		rc = gosend__req_path(r, tail, err);
	return rc;
}

int gosend_wabas_list(gosend_waba_list **out, gosend_client *client,
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
	rc = waba_request(&r, client, 0, NULL, NULL, opts, err);
	if (rc == 0)
		rc = gosend__req_list(&r, params, err);
	if (rc == 0)
		rc = gosend__list_call(&r, &waba_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_wabas_iter_new(gosend_iter **out, gosend_client *client,
                          size_t max_items, const gosend_request_options *opts,
                          gosend_error **err)
{
	gosend__request r;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = waba_request(&r, client, 0, NULL, NULL, opts, err);
	if (rc == 0)
		rc = gosend__iter_new(out, &r, &waba_spec, max_items, err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend_wabas_iter_next(const gosend_waba **out, gosend_iter *it,
                           gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__iter_next(it, &waba_spec, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

int gosend_wabas_get(gosend_waba **out, gosend_client *client,
                     const char *waba_id, const gosend_request_options *opts,
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
	rc = waba_request(&r, client, 1, waba_id, NULL, opts, err);
	if (rc == 0)
		rc = gosend__item_call(&r, &waba_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_phone_numbers_list(gosend_phone_number_list **out,
                              gosend_client *client, const char *waba_id,
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
	rc = waba_request(&r, client, 1, waba_id, "/phone-numbers", opts, err);
	if (rc == 0)
		rc = gosend__req_list(&r, params, err);
	if (rc == 0)
		rc = gosend__list_call(&r, &phone_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_phone_numbers_iter_new(gosend_iter **out, gosend_client *client,
                                  const char *waba_id, size_t max_items,
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
	rc = waba_request(&r, client, 1, waba_id, "/phone-numbers", opts, err);
	if (rc == 0)
		rc = gosend__iter_new(out, &r, &phone_spec, max_items, err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend_phone_numbers_iter_next(const gosend_phone_number **out,
                                   gosend_iter *it, gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__iter_next(it, &phone_spec, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

void gosend_waba_free(gosend_waba *waba)
{
	gosend__obj_free(waba);
}

void gosend_waba_list_free(gosend_waba_list *list)
{
	gosend__obj_free(list);
}

void gosend_phone_number_list_free(gosend_phone_number_list *list)
{
	gosend__obj_free(list);
}
