/*
 * POST /messages: sending a built message, a text in one call, or a raw JSON
 * body, and decoding the (undocumented) send result.
 */
#include "json/decoders.h"
#include "gosendapi/messages.h"

#include <errno.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gosendapi/phone.h"
#include "core/alloc.h"
#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"

/* Internal decode entry points: from a body (fixture tests, fuzzers), and
 * of an object already wrapped around a 2xx response (the bulk sender). */

static const char *const status_names[] = {
        "accepted", "queued", "sent", "delivered", "read", "failed", NULL};

/* The members a send result is read from, each the first of its name
 * (as cJSON_GetObjectItemCaseSensitive finds it), or NULL; found in one
 * walk over the object instead of one lookup per name. */
typedef struct answer_members {
	const cJSON *id, *message_id, *messages, *data, *status,
	        *message_status, *contacts;
} answer_members;

static void keep_first(const cJSON **slot, const cJSON *m, const char *k,
                       const char *name)
{
	if (!*slot && strcmp(k, name) == 0)
		*slot = m;
}

static void answer_members_of(const cJSON *obj, answer_members *t)
{
	const cJSON *m;

	memset(t, 0, sizeof(*t));
	for (m = obj->child; m; m = m->next) {
		const char *k = m->string;
		if (!k)
			continue;
		switch (k[0]) {
		case 'i':
			keep_first(&t->id, m, k, "id");
			break;
		case 'm':
			keep_first(&t->message_id, m, k, "message_id");
			keep_first(&t->messages, m, k, "messages");
			keep_first(&t->message_status, m, k, "message_status");
			break;
		case 'd':
			keep_first(&t->data, m, k, "data");
			break;
		case 's':
			keep_first(&t->status, m, k, "status");
			break;
		case 'c':
			keep_first(&t->contacts, m, k, "contacts");
			break;
		default:
			break;
		}
	}
}

/* A string member's text, or NULL when absent or of another type. */
static const char *str_of(const cJSON *v)
{
	return v && cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A string member, or NULL when absent or of another type. */
static const char *str_member(const cJSON *obj, const char *key)
{
	return str_of(cJSON_GetObjectItemCaseSensitive(obj, key));
}

/* The first element of an array when it is an object, else NULL. */
static const cJSON *first_of(const cJSON *a)
{
	if (!a || !cJSON_IsArray(a) || !cJSON_IsObject(a->child))
		return NULL;
	return a->child;
}

/*
 * The message id in obj (an object, its members in t) under one of the
 * names the answer may use: `id`, `message_id`, or Meta's
 * `messages[0].id`; with the object that holds it in *holder. 0 (found or
 * not), or NOMEM.
 */
static int find_id(const cJSON *obj, const answer_members *t, gosend__holder *h,
                   const char **id, const cJSON **holder)
{
	const cJSON *msg0 = first_of(t->messages);
	size_t i;

	*id = NULL;
	*holder = NULL;
	for (i = 0; i < 3 && !*id; i++) {
		const cJSON *o = i < 2 ? obj : msg0;
		const cJSON *v =
		        i == 0   ? t->id
		        : i == 1 ? t->message_id
		        : msg0   ? cJSON_GetObjectItemCaseSensitive(msg0, "id")
		                 : NULL;
		int rc;
		if (!o)
			continue;
		/* a value of another type is not an id: left unset */
		rc = gosend__decode_id(v, h, id);
		if (rc == GOSEND__DECODE_NOMEM)
			return rc;
		if (rc != GOSEND__DECODE_OK || (*id && !**id))
			*id = NULL;
		if (*id)
			*holder = o;
	}
	return GOSEND__DECODE_OK;
}

/*
 * Read what a 2xx answer to a send says. Never fails but for memory: the
 * API accepted the message, so an answer of another shape leaves fields
 * unset (id_known 0) instead of turning the send into an error.
 */
static int decode_result(gosend_message_result *res, gosend__holder *h)
{
	const cJSON *root = h->root, *where = NULL, *contact0, *data;
	answer_members rt, dt;
	int rc;

	res->raw_json = h->body;
	res->meta = h->meta;
	if (!cJSON_IsObject(root))
		return GOSEND__DECODE_OK;
	answer_members_of(root, &rt);
	data = cJSON_IsObject(rt.data) ? rt.data : NULL;
	if (data)
		answer_members_of(data, &dt);
	rc = find_id(root, &rt, h, &res->id, &where);
	if (rc == GOSEND__DECODE_OK && !res->id && data) {
		rc = find_id(data, &dt, h, &res->id, &where);
		if (!res->id)
			where = data;
	}
	if (rc != GOSEND__DECODE_OK)
		return rc;
	res->id_known = res->id != NULL;
	if (!where)
		where = root;
	if (where == root) {
		res->status_name = str_of(rt.status);
		if (!res->status_name)
			res->status_name = str_of(rt.message_status);
	} else if (where == data) {
		res->status_name = str_of(dt.status);
		if (!res->status_name)
			res->status_name = str_of(dt.message_status);
	} else {
		res->status_name = str_member(where, "status");
		if (!res->status_name)
			res->status_name = str_member(where, "message_status");
	}
	if (!res->status_name && where != root)
		res->status_name = str_of(rt.status);
	if (!res->status_name && first_of(rt.messages))
		res->status_name =
		        str_member(first_of(rt.messages), "message_status");
	res->status = (gosend_message_status)gosend__enum_ci(res->status_name,
	                                                     status_names);
	contact0 = first_of(rt.contacts);
	if (!contact0 && data)
		contact0 = first_of(dt.contacts);
	if (contact0)
		res->wa_id = str_member(contact0, "wa_id");
	return GOSEND__DECODE_OK;
}

/*
 * Decode the send result `obj` (a gosend_message_result made by
 * gosend__call or gosend__obj_from_body, whose holder owns the parsed body).
 * On failure obj is freed and the EPROTOCOL/ENOMEM detail goes to *err.
 */
int gosend__message_result_decode(void *obj, gosend_error **err)
{
	int rc = decode_result(obj, gosend__obj_holder(obj));

	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	return GOSEND_OK;
}

int gosend__message_result_from_json(gosend_message_result **out,
                                     const char *body, size_t len,
                                     gosend_error **err)
{
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	*out = NULL;
	rc = gosend__obj_from_body(sizeof(gosend_message_result), body, len,
	                           &obj, err);
	if (rc == 0)
		rc = gosend__message_result_decode(obj, err);
	if (rc != 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

/* POST /messages with a JSON body (taken, freed in every case). */
static int post_message(gosend_message_result **out, gosend_client *client,
                        char *json, const gosend_request_options *opts,
                        gosend_error **err)
{
	gosend__request r;
	const gosend_meta *meta = NULL;
	void *obj = NULL;
	int rc;

	rc = gosend__req_init(&r, client, "POST", "/messages", opts, err);
	if (rc != 0) {
		gosend__free(json);
		gosend__req_dispose(&r);
		return rc;
	}
	r.is_send = 1;
	gosend__req_body(&r, json, strlen(json));
	/* a 2xx is the message accepted, whatever its body */
	rc = gosend__call(&r, sizeof(gosend_message_result), &obj, &meta,
	                  GOSEND__WRAP_ANY, err);
	gosend__req_dispose(&r);
	if (rc == 0)
		rc = gosend__message_result_decode(obj, err);
	if (rc != 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

static int send_begin(gosend_message_result **out, gosend_client *client,
                      gosend_error **err)
{
	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!client)
		return gosend__fail(err, GOSEND_EINVAL, "client",
		                    "client is NULL");
	return GOSEND_OK;
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
static const char *check_raw(const cJSON *root, const char **field)
{
	const cJSON *v;

	*field = "json";
	if (!cJSON_IsObject(root))
		return "json must be a JSON object";
	*field = "phone_number_id";
	v = cJSON_GetObjectItemCaseSensitive(root, "phone_number_id");
	if (!cJSON_IsString(v) || !*v->valuestring)
		return "phone_number_id must be a non-empty string";
	*field = "to";
	v = cJSON_GetObjectItemCaseSensitive(root, "to");
	if (!cJSON_IsString(v) || !gosend_phone_is_valid(v->valuestring))
		return "to must be a string of 7 to 15 digits without '+', "
		       "the first not 0 (E.164)";
	*field = "type";
	v = cJSON_GetObjectItemCaseSensitive(root, "type");
	if (!cJSON_IsString(v) || !*v->valuestring)
		return "type must be a non-empty string";
	*field = NULL;
	return NULL;
}

int gosend_messages_send_json(gosend_message_result **out,
                              gosend_client *client, const char *json,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	cJSON *root;
	const char *field = NULL, *why;
	char *copy;
	int rc = send_begin(out, client, err);

	if (rc != 0)
		return rc;
	if (!json)
		return gosend__fail(err, GOSEND_EINVAL, "json", "json is NULL");
	errno = 0;
	root = cJSON_ParseWithOpts(json, NULL, 1);
	if (!root && errno == ENOMEM) /* cJSON reports both alike */
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (!root)
		return gosend__fail(err, GOSEND_EINVAL, "json",
		                    "json is not valid JSON");
	why = check_raw(root, &field);
	cJSON_Delete(root);
	if (field)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s", why);
	copy = gosend__strdup(json);
	if (!copy)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return post_message(out, client, copy, opts, err);
}

void gosend_message_result_free(gosend_message_result *res)
{
	gosend__obj_free(res);
}
