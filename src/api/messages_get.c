/* GET /messages (one page or an iterator) and GET /messages/{message_id}. */
#include "gosendapi/messages.h"

#include <stddef.h>

#include "call/endpoint.h"
#include "json/types.h"

/* ---- endpoints ---- */

static const gosend__endpoint ep_messages_list = {
        "GET", "/messages", GOSEND__PAGE, 0, &gosend__type_message};
static const gosend__endpoint ep_messages_get = {
        "GET", "/messages/{message_id}", GOSEND__ONE, 0, &gosend__type_message};

int gosend_messages_list(gosend_message_list **out, gosend_client *client,
                         const gosend_list_params *params,
                         const gosend_request_options *opts, gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts, .page = params};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_messages_list, &a, out ? &obj : NULL, err);

	if (out)
		*out = obj;
	return rc;
}

int gosend_messages_iter_new(gosend_iter **out, gosend_client *client,
                             size_t max_items,
                             const gosend_request_options *opts,
                             gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts};

	return gosend__ep_iter(&ep_messages_list, &a, max_items, out, err);
}

int gosend_messages_iter_next(const gosend_message **out, gosend_iter *it,
                              gosend_error **err)
{
	const void *item = NULL;
	int rc =
	        gosend__ep_next(&ep_messages_list, it, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

int gosend_messages_get(gosend_message **out, gosend_client *client,
                        const char *message_id,
                        const gosend_request_options *opts, gosend_error **err)
{
	const char *ids[] = {message_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_messages_get, &a, out ? &obj : NULL, err);

	if (out)
		*out = obj;
	return rc;
}

void gosend_message_list_free(gosend_message_list *list)
{
	gosend__obj_free(list);
}

void gosend_message_free(gosend_message *msg)
{
	gosend__obj_free(msg);
}
