/*
 * POST /messages: sending a built message, a text in one call, or a raw
 * JSON body.
 */
#include "gosendapi/messages.h"

#include <errno.h>
#include <string.h>

#include "gosendapi/phone.h"
#include "api/outgoing.h"
#include "call/endpoint.h"
#include "core/alloc.h"
#include "core/errors.h"
#include "json/types.h"
#include "json/value.h"

/* ---- endpoints ---- */

/* a 2xx is the message accepted, whatever its body */
static const gosend__endpoint ep_messages_send = {
        "POST", "/messages", GOSEND__ANSWER, GOSEND__EP_SEND,
        &gosend__type_message_result};

/* POST /messages with a JSON body (taken, freed in every case). */
static int post_message(gosend_message_result **out, gosend_client *client,
                        char *json, const gosend_request_options *opts,
                        gosend_error **err)
{
	gosend__ep_args a = {.client = client,
	                     .opts = opts,
	                     .body = json,
	                     .body_len = strlen(json)};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_messages_send, &a, &obj, err);

	*out = obj;
	return rc;
}

static int send_begin(gosend_message_result **out, gosend_client *client,
                      gosend_error **err)
{
	if (out)
		*out = NULL;
	return gosend__call_begin(err, out != NULL, client);
}

int gosend_messages_send(gosend_message_result **out, gosend_client *client,
                         const gosend_outgoing *msg,
                         const gosend_request_options *opts, gosend_error **err)
{
	char *json = NULL;
	int rc = send_begin(out, client, err);

	if (rc != 0)
		return rc;
	rc = gosend_outgoing_to_json(&json, msg, err);
	if (rc != 0)
		return rc;
	return post_message(out, client, json, opts, err);
}

int gosend_messages_send_text(gosend_message_result **out,
                              gosend_client *client,
                              const char *phone_number_id, const char *to,
                              const char *body,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	gosend_outgoing *m = NULL;
	int rc = send_begin(out, client, err);

	if (rc != 0)
		return rc;
	rc = gosend_outgoing_text_new(&m, phone_number_id, to, body, err);
	if (rc != 0)
		return rc;
	rc = gosend_messages_send(out, client, m, opts, err);
	gosend_outgoing_free(m);
	return rc;
}

/* Why a raw body is refused (and *field), or NULL when it is fine. */
static const char *check_raw(const gosend__jv *root, const char **field)
{
	const char *v;

	*field = "json";
	if (!gosend__jv_is_object(root))
		return "json must be a JSON object";
	*field = "phone_number_id";
	v = gosend__jv_get_str(root, "phone_number_id");
	if (!v || !*v)
		return "phone_number_id must be a non-empty string";
	*field = "to";
	if (!gosend_phone_is_valid(gosend__jv_get_str(root, "to")))
		return "to must be a string of 7 to 15 digits without '+', "
		       "the first not 0 (E.164)";
	*field = "type";
	v = gosend__jv_get_str(root, "type");
	if (!v || !*v)
		return "type must be a non-empty string";
	*field = NULL;
	return NULL;
}

/* Parse the caller's text: 0 with *root, or EINVAL / ENOMEM. */
static int parse_raw(const char *json, gosend__jv **root, gosend_error **err)
{
	size_t len = strlen(json);

	/* what follows the value may be any bytes up to space, as the JSON
	 * parser itself skips them before a value */
	while (len && (unsigned char)json[len - 1] <= ' ')
		len--;
	errno = 0;
	*root = gosend__jv_parse(json, len);
	if (!*root && errno == ENOMEM) /* the parser reports both alike */
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (!*root)
		return gosend__fail(err, GOSEND_EINVAL, "json",
		                    "json is not valid JSON");
	return GOSEND_OK;
}

int gosend__check_raw_message(const char *json, gosend_error **err)
{
	gosend__jv *root = NULL;
	const char *field = NULL, *why;
	int rc;

	if (!json)
		return gosend__fail(err, GOSEND_EINVAL, "json", "json is NULL");
	rc = parse_raw(json, &root, err);
	if (rc != 0)
		return rc;
	why = check_raw(root, &field);
	gosend__jv_free(root);
	if (field)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s", why);
	return GOSEND_OK;
}

int gosend_messages_send_json(gosend_message_result **out,
                              gosend_client *client, const char *json,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	char *copy;
	int rc = send_begin(out, client, err);

	if (rc != 0)
		return rc;
	rc = gosend__check_raw_message(json, err);
	if (rc != 0)
		return rc;
	copy = gosend__strdup(json);
	if (!copy)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return post_message(out, client, copy, opts, err);
}

void gosend_message_result_free(gosend_message_result *res)
{
	gosend__obj_free(res);
}
