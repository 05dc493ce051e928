/* Conversations: GET /conversations, GET /conversations/{id},
 * POST /conversations/{id}/close. */
#include "gosendapi/conversations.h"

#include <stddef.h>

#include "call/endpoint.h"
#include "core/alloc.h"
#include "core/errors.h"
#include "json/types.h"

/* ---- endpoints ---- */

static const gosend__endpoint ep_conversations_list = {
        "GET", "/conversations", GOSEND__PAGE, 0, &gosend__type_conversation};
static const gosend__endpoint ep_conversations_get = {
        "GET", "/conversations/{conversation_id}", GOSEND__ONE, 0,
        &gosend__type_conversation};
static const gosend__endpoint ep_conversations_close = {
        "POST", "/conversations/{conversation_id}/close", GOSEND__ANSWER,
        GOSEND__EP_NEED_ID, &gosend__type_conversation};

int gosend_conversations_list(gosend_conversation_list **out,
                              gosend_client *client,
                              const gosend_list_params *params,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts, .page = params};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_conversations_list, &a, out ? &obj : NULL,
	                         err);

	if (out)
		*out = obj;
	return rc;
}

int gosend_conversations_iter_new(gosend_iter **out, gosend_client *client,
                                  size_t max_items,
                                  const gosend_request_options *opts,
                                  gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts};

	return gosend__ep_iter(&ep_conversations_list, &a, max_items, out, err);
}

int gosend_conversations_iter_next(const gosend_conversation **out,
                                   gosend_iter *it, gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__ep_next(&ep_conversations_list, it, out ? &item : NULL,
	                         err);

	if (out)
		*out = item;
	return rc;
}

int gosend_conversations_get(gosend_conversation **out, gosend_client *client,
                             const char *conversation_id,
                             const gosend_request_options *opts,
                             gosend_error **err)
{
	const char *ids[] = {conversation_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_conversations_get, &a, out ? &obj : NULL,
	                         err);

	if (out)
		*out = obj;
	return rc;
}

/* The answer to a close is taken as the conversation only when it has a
 * usable id (GOSEND__EP_NEED_ID; see conversations.h); out may be NULL. */
int gosend_conversations_close(gosend_conversation **out, gosend_client *client,
                               const char *conversation_id,
                               const gosend_request_options *opts,
                               gosend_error **err)
{
	const char *ids[] = {conversation_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	void *obj = NULL;
	int rc;

	if (out)
		*out = NULL;
	a.body = gosend__strdup("{}");
	a.body_len = 2;
	if (!a.body)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	rc = gosend__ep_call(&ep_conversations_close, &a, &obj, err);
	if (out)
		*out = obj;
	else
		gosend_conversation_free(obj);
	return rc;
}

void gosend_conversation_free(gosend_conversation *conv)
{
	gosend__obj_free(conv);
}

void gosend_conversation_list_free(gosend_conversation_list *list)
{
	gosend__obj_free(list);
}
