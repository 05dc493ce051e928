/*
 * Decoding what the message endpoints answer: a message (GET /messages,
 * /messages/{id}), the result of a send (POST /messages) and of a media
 * upload (POST /media).
 */
#include "gosendapi/media.h"
#include "gosendapi/messages.h"

#include <string.h>

#include "core/errors.h"
#include "json/body.h"
#include "json/decode.h"
#include "json/types.h"

/* Wire names of gosend_message_type, from 1. */
static const char *const type_names[] = {
        "text",    "template", "image",       "video",    "audio", "document",
        "sticker", "location", "interactive", "contacts", NULL};

#define NTYPES (sizeof(type_names) / sizeof(type_names[0]) - 1)

static const char *const status_names[] = {
        "accepted", "queued", "sent", "delivered", "read", "failed", NULL};

const char *gosend_message_type_name(int type)
{
	if (type < 1 || (size_t)type > NTYPES)
		return NULL;
	return type_names[type - 1];
}

/* ---- one message ---- */

static const gosend__field message_fields[] = {
        /* required by GET /messages/{id} (an answer without it is not the
         * message asked for); optional in lists */
        GOSEND__FIELD(gosend_message, id, "id", NULL, GOSEND__F_ID, 1),
        GOSEND__FIELD(gosend_message, phone_number_id, "phone_number_id",
                      "phoneNumberId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_message, to, "to", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_message, from, "from", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_message, type_name, "type", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_message, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_message, created_at, "created_at", "createdAt",
                      GOSEND__F_STR, 0),
};

/* Enums, the typed content (the member named by the type, as its own
 * text) and the text body, after the field table; a text body of another
 * type is left unset. The response meta goes to a message that is the
 * whole answer, not to list items. */
static int message_post(void *item, const gosend__jn *json, gosend__holder *h,
                        const char **bad)
{
	gosend_message *m = item;
	const gosend__jn *content = NULL;

	(void)bad;
	m->type =
	        (gosend_message_type)gosend__enum_ci(m->type_name, type_names);
	m->status = (gosend_message_status)gosend__enum_ci(m->status_name,
	                                                   status_names);
	if (json && json == gosend__h_root(h))
		m->meta = h->meta;
	if (m->type_name && *m->type_name)
		content = gosend__jn_get(json, m->type_name);
	if (gosend__jn_type(content) == GOSEND__JN_NONE ||
	    gosend__jn_type(content) == GOSEND__JN_NULL)
		return GOSEND__DECODE_OK;
	m->content_json = gosend__node_text(h, content, 0);
	if (!m->content_json)
		return GOSEND__DECODE_NOMEM;
	if (m->type == GOSEND_MESSAGE_TYPE_TEXT)
		m->text_body = gosend__jn_str(gosend__jn_get(content, "body"));
	return GOSEND__DECODE_OK;
}

const gosend__decoder gosend__type_message =
        GOSEND__DECODER(gosend_message, message_fields, message_post);

/* ---- the result of a send ---- */

/* The members a send result is read from, each the first of its name
 * (as gosend__jn_get finds it), or NULL; found in one walk over the
 * object instead of one lookup per name. */
typedef struct answer_members {
	const gosend__jn *id, *message_id, *messages, *data, *status,
	        *message_status, *contacts;
} answer_members;

static void keep_first(const gosend__jn **slot, const gosend__jn *m,
                       const char *k, size_t klen, const char *name)
{
	if (!*slot && strlen(name) == klen && memcmp(k, name, klen) == 0)
		*slot = m;
}

static void answer_members_of(const gosend__jn *obj, answer_members *t)
{
	const gosend__jn *m;

	memset(t, 0, sizeof(*t));
	for (m = gosend__jn_first(obj); m; m = gosend__jn_next(m)) {
		const char *k = gosend__jn_key(m);
		size_t n = gosend__jn_key_len(m);
		switch (k[0]) {
		case 'i':
			keep_first(&t->id, m, k, n, "id");
			break;
		case 'm':
			keep_first(&t->message_id, m, k, n, "message_id");
			keep_first(&t->messages, m, k, n, "messages");
			keep_first(&t->message_status, m, k, n,
			           "message_status");
			break;
		case 'd':
			keep_first(&t->data, m, k, n, "data");
			break;
		case 's':
			keep_first(&t->status, m, k, n, "status");
			break;
		case 'c':
			keep_first(&t->contacts, m, k, n, "contacts");
			break;
		default:
			break;
		}
	}
}

/* A string member, or NULL when absent or of another type. */
static const char *str_member(const gosend__jn *obj, const char *key)
{
	return gosend__jn_str(gosend__jn_get(obj, key));
}

/* The first element of an array when it is an object, else NULL. */
static const gosend__jn *first_of(const gosend__jn *a)
{
	const gosend__jn *el = gosend__jn_first(a);

	if (gosend__jn_type(a) != GOSEND__JN_ARRAY ||
	    gosend__jn_type(el) != GOSEND__JN_OBJECT)
		return NULL;
	return el;
}

/*
 * The message id in obj (an object, its members in t) under one of the
 * names the answer may use: `id`, `message_id`, or Meta's
 * `messages[0].id`; with the object that holds it in *holder. 0 (found or
 * not), or NOMEM.
 */
static int find_id(const gosend__jn *obj, const answer_members *t,
                   gosend__holder *h, const char **id,
                   const gosend__jn **holder)
{
	const gosend__jn *msg0 = first_of(t->messages);
	size_t i;

	*id = NULL;
	*holder = NULL;
	for (i = 0; i < 3 && !*id; i++) {
		const gosend__jn *o = i < 2 ? obj : msg0;
		const gosend__jn *v = i == 0   ? t->id
		                      : i == 1 ? t->message_id
		                               : gosend__jn_get(msg0, "id");
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

/* A status, else a message_status, when a string. */
static const char *status_of(const gosend__jn *status,
                             const gosend__jn *message_status)
{
	const char *s = gosend__jn_str(status);

	return s ? s : gosend__jn_str(message_status);
}

/* The status beside the id (in `where`: the root, its `data` or
 * `messages[0]`), else at the top level, else `messages[0]`'s. */
static const char *result_status(const gosend__jn *root,
                                 const answer_members *rt,
                                 const gosend__jn *data,
                                 const answer_members *dt,
                                 const gosend__jn *where)
{
	const char *s;

	if (where == root)
		s = status_of(rt->status, rt->message_status);
	else if (where == data)
		s = status_of(dt->status, dt->message_status);
	else
		s = status_of(gosend__jn_get(where, "status"),
		              gosend__jn_get(where, "message_status"));
	if (!s && where != root)
		s = gosend__jn_str(rt->status);
	if (!s && first_of(rt->messages))
		s = str_member(first_of(rt->messages), "message_status");
	return s;
}

/* Copy the result's strings out of the tree (one block), so that the tree
 * can be freed: a batch may keep tens of thousands of these results. */
static int own_strings(gosend_message_result *res, gosend__holder *h)
{
	const char **f[3];
	size_t i, need = 0;

	f[0] = &res->id;
	f[1] = &res->status_name;
	f[2] = &res->wa_id;
	for (i = 0; i < 3; i++)
		need += *f[i] ? strlen(*f[i]) + 1 : 0;
	if (need && gosend__h_reserve(h, need + 3 * sizeof(max_align_t)) < 0)
		return GOSEND__DECODE_NOMEM;
	for (i = 0; i < 3; i++) {
		if (*f[i] && !(*f[i] = gosend__h_strdup(h, *f[i])))
			return GOSEND__DECODE_NOMEM;
	}
	return GOSEND__DECODE_OK;
}

/*
 * Read what a 2xx answer to a send says (root: the parsed body, NULL or
 * any JSON value). Never fails but for memory: the API accepted the
 * message, so an answer of another shape leaves fields unset (id_known 0)
 * instead of turning the send into an error.
 */
static int result_post(void *item, const gosend__jn *root, gosend__holder *h,
                       const char **bad)
{
	gosend_message_result *res = item;
	const gosend__jn *where = NULL, *contact0, *data;
	answer_members rt, dt;
	int rc;

	(void)bad;
	res->meta = h->meta;
	if (gosend__jn_type(root) != GOSEND__JN_OBJECT)
		return GOSEND__DECODE_OK;
	answer_members_of(root, &rt);
	data = gosend__jn_type(rt.data) == GOSEND__JN_OBJECT ? rt.data : NULL;
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
	res->status_name =
	        result_status(root, &rt, data, &dt, where ? where : root);
	res->status = (gosend_message_status)gosend__enum_ci(res->status_name,
	                                                     status_names);
	contact0 = first_of(rt.contacts);
	if (!contact0 && data)
		contact0 = first_of(dt.contacts);
	if (contact0)
		res->wa_id = str_member(contact0, "wa_id");
	return own_strings(res, h);
}

/* Every member is read by result_post, which copies what it keeps: no
 * field table, and the tree is freed once decoded. */
const gosend__decoder gosend__type_message_result = {
        sizeof(gosend_message_result),
        offsetof(gosend_message_result, raw_json),
        NULL,
        0,
        result_post,
        NULL,
        NULL,
        0,
        1};

int gosend__message_result_decode(void *obj, gosend_error **err)
{
	gosend__holder *h = gosend__obj_holder(obj);
	const char *raw = h->body ? h->body : "";
	int rc;

	((gosend_message_result *)obj)->raw_json = raw;
	rc = result_post(obj, gosend__h_root(h), h, NULL);
	if (rc == GOSEND__DECODE_OK)
		gosend__body_tree_drop(h);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	return GOSEND_OK;
}

/* ---- the result of a media upload ---- */

static const gosend__field media_fields[] = {
        GOSEND__FIELD(gosend_media_result, id, "id", NULL, GOSEND__F_ID, 0),
};

/* Where the answer may hold the id instead of the top level. */
static const char *const media_wrappers[] = {"data", NULL};

static int media_post(void *item, const gosend__jn *json, gosend__holder *h,
                      const char **bad)
{
	gosend_media_result *res = item;

	(void)json;
	(void)bad;
	if (res->id && !*res->id) /* "" is no id */
		res->id = NULL;
	res->meta = h->meta;
	return GOSEND__DECODE_OK;
}

const gosend__decoder gosend__type_media_result = GOSEND__DECODER_W(
        gosend_media_result, media_fields, media_post, media_wrappers);
