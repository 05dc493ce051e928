/* The phone numbers of a WABA: GET /wabas/{id}/phone-numbers. */
#include "gosendapi/phone_numbers.h"

#include <stddef.h>

#include "call/endpoint.h"
#include "json/types.h"

/* ---- endpoints ---- */

static const gosend__endpoint ep_phone_numbers_list = {
        "GET", "/wabas/{waba_id}/phone-numbers", GOSEND__PAGE, 0,
        &gosend__type_phone_number};

int gosend_phone_numbers_list(gosend_phone_number_list **out,
                              gosend_client *client, const char *waba_id,
                              const gosend_list_params *params,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	const char *ids[] = {waba_id};
	gosend__ep_args a = {
	        .client = client, .ids = ids, .opts = opts, .page = params};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_phone_numbers_list, &a, out ? &obj : NULL,
	                         err);

	if (out)
		*out = obj;
	return rc;
}

int gosend_phone_numbers_iter_new(gosend_iter **out, gosend_client *client,
                                  const char *waba_id, size_t max_items,
                                  const gosend_request_options *opts,
                                  gosend_error **err)
{
	const char *ids[] = {waba_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};

	return gosend__ep_iter(&ep_phone_numbers_list, &a, max_items, out, err);
}

int gosend_phone_numbers_iter_next(const gosend_phone_number **out,
                                   gosend_iter *it, gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__ep_next(&ep_phone_numbers_list, it, out ? &item : NULL,
	                         err);

	if (out)
		*out = item;
	return rc;
}

void gosend_phone_number_list_free(gosend_phone_number_list *list)
{
	gosend__obj_free(list);
}
