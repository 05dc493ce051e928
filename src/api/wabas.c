/* WABAs: GET /wabas, GET /wabas/{id}. */
#include "gosendapi/wabas.h"

#include <stddef.h>

#include "call/endpoint.h"
#include "json/types.h"

/* ---- endpoints ---- */

static const gosend__endpoint ep_wabas_list = {"GET", "/wabas", GOSEND__PAGE, 0,
                                               &gosend__type_waba};
static const gosend__endpoint ep_wabas_get = {
        "GET", "/wabas/{waba_id}", GOSEND__ONE, 0, &gosend__type_waba};

int gosend_wabas_list(gosend_waba_list **out, gosend_client *client,
                      const gosend_list_params *params,
                      const gosend_request_options *opts, gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts, .page = params};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_wabas_list, &a, out ? &obj : NULL, err);

	if (out)
		*out = obj;
	return rc;
}

int gosend_wabas_iter_new(gosend_iter **out, gosend_client *client,
                          size_t max_items, const gosend_request_options *opts,
                          gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts};

	return gosend__ep_iter(&ep_wabas_list, &a, max_items, out, err);
}

int gosend_wabas_iter_next(const gosend_waba **out, gosend_iter *it,
                           gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__ep_next(&ep_wabas_list, it, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

int gosend_wabas_get(gosend_waba **out, gosend_client *client,
                     const char *waba_id, const gosend_request_options *opts,
                     gosend_error **err)
{
	const char *ids[] = {waba_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_wabas_get, &a, out ? &obj : NULL, err);

	if (out)
		*out = obj;
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
