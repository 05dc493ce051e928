/* Message templates: GET/POST /wabas/{id}/templates, POST .../sync,
 * DELETE .../templates/{template_id}. */
#include "gosendapi/templates.h"

#include <stddef.h>

#include "api/template_builder.h"
#include "call/endpoint.h"
#include "core/alloc.h"
#include "core/errors.h"
#include "json/types.h"

/* ---- endpoints ---- */

static const gosend__endpoint ep_templates_list = {
        "GET", "/wabas/{waba_id}/templates", GOSEND__PAGE, 0,
        &gosend__type_template};
/* a 2xx is the template submitted, whatever the body */
static const gosend__endpoint ep_templates_create = {
        "POST", "/wabas/{waba_id}/templates", GOSEND__ANSWER, 0,
        &gosend__type_template};
/* a 2xx is the sync done, whatever the body */
static const gosend__endpoint ep_templates_sync = {
        "POST", "/wabas/{waba_id}/templates/sync", GOSEND__ANSWER, 0,
        &gosend__type_template_sync};
static const gosend__endpoint ep_templates_delete = {
        "DELETE", "/wabas/{waba_id}/templates/{template_id}", GOSEND__NOTHING,
        0, NULL};

int gosend_templates_list(gosend_template_list **out, gosend_client *client,
                          const char *waba_id, const gosend_list_params *params,
                          const gosend_request_options *opts,
                          gosend_error **err)
{
	const char *ids[] = {waba_id};
	gosend__ep_args a = {
	        .client = client, .ids = ids, .opts = opts, .page = params};
	void *obj = NULL;
	int rc =
	        gosend__ep_call(&ep_templates_list, &a, out ? &obj : NULL, err);

	if (out)
		*out = obj;
	return rc;
}

int gosend_templates_iter_new(gosend_iter **out, gosend_client *client,
                              const char *waba_id, size_t max_items,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	const char *ids[] = {waba_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};

	return gosend__ep_iter(&ep_templates_list, &a, max_items, out, err);
}

int gosend_templates_iter_next(const gosend_template **out, gosend_iter *it,
                               gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__ep_next(&ep_templates_list, it, out ? &item : NULL,
	                         err);

	if (out)
		*out = item;
	return rc;
}

int gosend_templates_create(gosend_template **out, gosend_client *client,
                            const char *waba_id,
                            const gosend_template_builder *b,
                            const gosend_request_options *opts,
                            gosend_error **err)
{
	const char *ids[] = {waba_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	rc = gosend__template_body(b, &a.body, &a.body_len, err);
	if (rc == 0)
		rc = gosend__ep_call(&ep_templates_create, &a,
		                     out ? &obj : NULL, err);
	if (out)
		*out = obj;
	return rc;
}

int gosend_templates_sync(gosend_template_sync_result **out,
                          gosend_client *client, const char *waba_id,
                          const gosend_request_options *opts,
                          gosend_error **err)
{
	const char *ids[] = {waba_id};
	gosend__ep_args a = {.client = client,
	                     .ids = ids,
	                     .opts = opts,
	                     .body = gosend__strdup("{}"),
	                     .body_len = 2};
	void *obj = NULL;
	int rc;

	if (!a.body) {
		if (out)
			*out = NULL;
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	rc = gosend__ep_call(&ep_templates_sync, &a, out ? &obj : NULL, err);
	if (out)
		*out = obj;
	return rc;
}

int gosend_templates_delete(gosend_client *client, const char *waba_id,
                            const char *template_id,
                            const gosend_request_options *opts,
                            gosend_error **err)
{
	const char *ids[] = {waba_id, template_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};

	return gosend__ep_call(&ep_templates_delete, &a, NULL, err);
}

void gosend_template_free(gosend_template *tpl)
{
	gosend__obj_free(tpl);
}

void gosend_template_list_free(gosend_template_list *list)
{
	gosend__obj_free(list);
}

void gosend_template_sync_result_free(gosend_template_sync_result *res)
{
	gosend__obj_free(res);
}
