/*
 * Outgoing messages: the gosend_outgoing builder, its validation and its
 * JSON encoding (the body of POST /messages).
 *
 * The builder keeps the body as a cJSON tree from the start: setters and
 * adders validate their input first and only then change the tree, so a
 * failed call leaves the message as it was. Rules about the whole message
 * (check_template, check_interactive, check_contacts) are checked when the
 * body is serialised by gosend_outgoing_to_json(), which every send uses.
 */
#include "gosendapi/messages.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gosendapi/phone.h"
#include "core/alloc.h"
#include "core/errors.h"

struct gosend_outgoing {
	int type;          /* gosend_message_type */
	int is_list;       /* interactive: list (1) or reply buttons (0) */
	cJSON *root;       /* the whole body */
	cJSON *payload;    /* root[type]: object, or array for contacts */
	cJSON *component;  /* template: component parameters go to */
	size_t rows;       /* list: rows in all sections */
	size_t components; /* template: number of components */
};

static const char *const type_names[] = {
        "text",     "template", "image",    "video",       "audio",
        "document", "sticker",  "location", "interactive", "contacts"};

/* ---- text checks ---- */

/* Code points of a valid UTF-8 string, or -1 when it is not valid. */
static long utf8_count(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		unsigned char c = *p;
		size_t k, more;
		unsigned char lo = 0x80, hi = 0xBF;

		if (c < 0x80) {
			more = 0;
		} else if (c >= 0xC2 && c <= 0xDF) {
			more = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			more = 2;
			if (c == 0xE0)
				lo = 0xA0; /* no overlong forms */
			else if (c == 0xED)
				hi = 0x9F; /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			more = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F; /* nothing above U+10FFFF */
		} else {
			return -1;
		}
		p++;
		for (k = 0; k < more; k++, p++) {
			if (*p < lo || *p > hi)
				return -1;
			lo = 0x80;
			hi = 0xBF;
		}
		n++;
	}
	return n;
}

#define TXT_REQUIRED 1u /* NULL is refused (else NULL means "leave out") */
#define TXT_NOCTRL   2u /* no control characters (C0, DEL) */
#define TXT_TOKEN    4u /* printable ASCII without spaces */

/*
 * Check one caller string: NULL allowed unless required, never empty, valid
 * UTF-8, at most max code points (0: no limit).
 */
static int check_text(gosend_error **err, const char *field, const char *s,
                      unsigned int flags, long max)
{
	long n;
	size_t i;

	if (!s) {
		if (flags & TXT_REQUIRED)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s is required (NULL given)",
			                    field);
		return GOSEND_OK;
	}
	if (!*s)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must not be empty%s", field,
		                    (flags & TXT_REQUIRED)
		                            ? ""
		                            : " (pass NULL to leave it out)");
	n = utf8_count(s);
	if (n < 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is not valid UTF-8", field);
	if (max > 0 && n > max)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is %ld characters long; the limit is "
		                    "%ld",
		                    field, n, max);
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((flags & (TXT_NOCTRL | TXT_TOKEN)) &&
		    (c < 0x20 || c == 0x7f))
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s contains a control character",
			                    field);
		if ((flags & TXT_TOKEN) && (c == ' ' || c >= 0x80))
			return gosend__fail(
			        err, GOSEND_EINVAL, field,
			        "%s must be printable ASCII without "
			        "spaces",
			        field);
	}
	return GOSEND_OK;
}

static int check_phone_number_id(gosend_error **err, const char *pnid)
{
	int rc = check_text(err, "phone_number_id", pnid,
	                    TXT_REQUIRED | TXT_TOKEN, 128);

	return rc;
}

static int check_to(gosend_error **err, const char *field, const char *to)
{
	if (!to)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is required (NULL given)", field);
	if (gosend_phone_is_valid(to))
		return GOSEND_OK;
	if (to[0] == '+')
		return gosend__fail(
		        err, GOSEND_EINVAL, field,
		        "%s must be E.164 digits without '+', e.g. "
		        "5491140123456 (gosend_phone_normalize() converts)",
		        field);
	return gosend__fail(err, GOSEND_EINVAL, field,
	                    "%s must be %d to %d digits, the first not 0, with "
	                    "no '+', spaces or dashes (E.164, e.g. "
	                    "5491140123456)",
	                    field, GOSEND_PHONE_MIN, GOSEND_PHONE_MAX);
}

static int check_link(gosend_error **err, const char *field, const char *s)
{
	int rc = check_text(err, field, s, TXT_REQUIRED | TXT_NOCTRL, 0);
	size_t skip = 0, i;

	if (rc != 0)
		return rc;
	if (strncmp(s, "https://", 8) == 0 || strncmp(s, "HTTPS://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0 || strncmp(s, "HTTP://", 7) == 0)
		skip = 7;
	for (i = 0; skip && s[i]; i++) {
		if (s[i] == ' ')
			skip = 0;
	}
	if (!skip || s[skip] == '\0' || s[skip] == '/')
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be an http:// or https:// URL "
		                    "without spaces",
		                    field);
	return GOSEND_OK;
}

static int check_media_id(gosend_error **err, const char *field, const char *s)
{
	return check_text(err, field, s, TXT_REQUIRED | TXT_TOKEN, 256);
}

static int check_filename(gosend_error **err, const char *field, const char *s)
{
	int rc = check_text(err, field, s, TXT_REQUIRED | TXT_NOCTRL, 0);

	if (rc == 0 && strpbrk(s, "/\\"))
		rc = gosend__fail(err, GOSEND_EINVAL, field,
		                  "%s must not contain '/' or '\\'", field);
	return rc;
}

static int oom(gosend_error **err)
{
	(void)gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_ENOMEM;
}

/* ---- cJSON helpers (each returns 0, or -1 out of memory) ---- */

/* Set obj[key] to item (taking it), replacing an existing member. */
static int put(cJSON *obj, const char *key, cJSON *item)
{
	if (!item)
		return -1;
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		return cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item)
		               ? 0
		               : (cJSON_Delete(item), -1);
	if (!cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		return -1;
	}
	return 0;
}

static int put_str(cJSON *obj, const char *key, const char *s)
{
	return s ? put(obj, key, cJSON_CreateString(s)) : 0;
}

static int append(cJSON *arr, cJSON *item)
{
	if (!item)
		return -1;
	if (!cJSON_AddItemToArray(arr, item)) {
		cJSON_Delete(item);
		return -1;
	}
	return 0;
}

/* The array obj[key], created when absent; NULL out of memory. */
static cJSON *array_at(cJSON *obj, const char *key)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (cJSON_IsArray(a))
		return a;
	a = cJSON_CreateArray();
	if (put(obj, key, a) < 0)
		return NULL;
	return a;
}

/* A new empty object at obj[key]; NULL out of memory. */
static cJSON *child(cJSON *obj, const char *key)
{
	cJSON *c = cJSON_CreateObject();

	if (put(obj, key, c) < 0)
		return NULL;
	return c;
}

static size_t count_of(const cJSON *arr)
{
	return arr ? (size_t)cJSON_GetArraySize(arr) : 0;
}

static cJSON *last_of(const cJSON *arr)
{
	int n = arr ? cJSON_GetArraySize(arr) : 0;

	return n ? cJSON_GetArrayItem(arr, n - 1) : NULL;
}

static const char *str_at(const cJSON *obj, const char *key)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(s) ? s->valuestring : NULL;
}

/* ---- construction ---- */

static int new_message(gosend_outgoing **out, const char *pnid, const char *to,
                       int type, gosend_error **err)
{
	gosend_outgoing *m;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = check_phone_number_id(err, pnid);
	if (rc == 0)
		rc = check_to(err, "to", to);
	if (rc != 0)
		return rc;
	m = gosend__calloc(1, sizeof(*m));
	if (!m)
		return oom(err);
	m->type = type;
	m->root = cJSON_CreateObject();
	m->payload = type == GOSEND_MESSAGE_TYPE_CONTACTS
	                     ? cJSON_CreateArray()
	                     : cJSON_CreateObject();
	if (!m->root || !m->payload ||
	    put_str(m->root, "phone_number_id", pnid) ||
	    put_str(m->root, "to", to) ||
	    put_str(m->root, "type", type_names[type - 1])) {
		cJSON_Delete(m->payload);
		gosend_outgoing_free(m);
		return oom(err);
	}
	if (put(m->root, type_names[type - 1], m->payload) < 0) {
		gosend_outgoing_free(m);
		return oom(err);
	}
	*out = m;
	return GOSEND_OK;
}

/* Free a half-built message after an allocation failure. */
static int new_failed(gosend_outgoing **out, gosend_error **err)
{
	gosend_outgoing_free(*out);
	*out = NULL;
	return oom(err);
}

void gosend_outgoing_free(gosend_outgoing *msg)
{
	if (!msg)
		return;
	cJSON_Delete(msg->root);
	gosend__free(msg);
}

int gosend_outgoing_type(const gosend_outgoing *msg)
{
	return msg ? msg->type : GOSEND_MESSAGE_TYPE_UNKNOWN;
}

int gosend_outgoing_text_new(gosend_outgoing **out, const char *phone_number_id,
                             const char *to, const char *body,
                             gosend_error **err)
{
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = check_text(err, "text.body", body, TXT_REQUIRED,
	                GOSEND_TEXT_BODY_MAX);
	if (rc == 0)
		rc = new_message(out, phone_number_id, to,
		                 GOSEND_MESSAGE_TYPE_TEXT, err);
	if (rc != 0)
		return rc;
	if (put_str((*out)->payload, "body", body) < 0)
		return new_failed(out, err);
	return GOSEND_OK;
}

static int check_language(gosend_error **err, const char *code)
{
	size_t i, n;
	int rc = check_text(err, "template.language.code", code,
	                    TXT_REQUIRED | TXT_TOKEN, 0);

	if (rc != 0)
		return rc;
	n = strlen(code);
	for (i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '_' || c == '-'))
			break;
	}
	if (i < n || n < 2 || n > 15)
		return gosend__fail(err, GOSEND_EINVAL,
		                    "template.language.code",
		                    "template.language.code must be a locale "
		                    "such as \"en\" or \"es_AR\" (letters, '_' "
		                    "and '-')");
	return GOSEND_OK;
}

int gosend_outgoing_template_new(gosend_outgoing **out,
                                 const char *phone_number_id, const char *to,
                                 const char *name, const char *language_code,
                                 gosend_error **err)
{
	cJSON *lang;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = check_text(err, "template.name", name, TXT_REQUIRED | TXT_NOCTRL,
	                GOSEND_TEMPLATE_NAME_MAX);
	if (rc == 0)
		rc = check_language(err, language_code);
	if (rc == 0)
		rc = new_message(out, phone_number_id, to,
		                 GOSEND_MESSAGE_TYPE_TEMPLATE, err);
	if (rc != 0)
		return rc;
	if (put_str((*out)->payload, "name", name) < 0 ||
	    !(lang = child((*out)->payload, "language")) ||
	    put_str(lang, "code", language_code) < 0)
		return new_failed(out, err);
	return GOSEND_OK;
}

static int is_media_type(int type)
{
	return type == GOSEND_MESSAGE_TYPE_IMAGE ||
	       type == GOSEND_MESSAGE_TYPE_VIDEO ||
	       type == GOSEND_MESSAGE_TYPE_AUDIO ||
	       type == GOSEND_MESSAGE_TYPE_DOCUMENT ||
	       type == GOSEND_MESSAGE_TYPE_STICKER;
}

/* Check "exactly one of link and id" for the object at `path`. */
static int check_link_or_id(gosend_error **err, const char *path,
                            const char *link, const char *id)
{
	char field[96];

	if (link && id)
		return gosend__fail(err, GOSEND_EINVAL, path,
		                    "%s takes a link or a media id, not both",
		                    path);
	if (!link && !id)
		return gosend__fail(err, GOSEND_EINVAL, path,
		                    "%s needs a link or a media id", path);
	if (link) {
		(void)snprintf(field, sizeof(field), "%s.link", path);
		return check_link(err, field, link);
	}
	(void)snprintf(field, sizeof(field), "%s.id", path);
	return check_media_id(err, field, id);
}

int gosend_outgoing_media_new(gosend_outgoing **out,
                              const char *phone_number_id, const char *to,
                              int type, const char *link, const char *media_id,
                              gosend_error **err)
{
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!is_media_type(type))
		return gosend__fail(err, GOSEND_EINVAL, "type",
		                    "type must be image, video, audio, "
		                    "document or sticker");
	rc = check_link_or_id(err, type_names[type - 1], link, media_id);
	if (rc == 0)
		rc = new_message(out, phone_number_id, to, type, err);
	if (rc != 0)
		return rc;
	if (put_str((*out)->payload, link ? "link" : "id",
	            link ? link : media_id) < 0)
		return new_failed(out, err);
	return GOSEND_OK;
}

int gosend_outgoing_location_new(gosend_outgoing **out,
                                 const char *phone_number_id, const char *to,
                                 double latitude, double longitude,
                                 const char *name, const char *address,
                                 gosend_error **err)
{
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!(latitude >= -90.0 && latitude <= 90.0))
		return gosend__fail(err, GOSEND_EINVAL, "location.latitude",
		                    "location.latitude must be between -90 "
		                    "and 90");
	if (!(longitude >= -180.0 && longitude <= 180.0))
		return gosend__fail(err, GOSEND_EINVAL, "location.longitude",
		                    "location.longitude must be between -180 "
		                    "and 180");
	rc = check_text(err, "location.name", name, 0, 0);
	if (rc == 0)
		rc = check_text(err, "location.address", address, 0, 0);
	if (rc == 0)
		rc = new_message(out, phone_number_id, to,
		                 GOSEND_MESSAGE_TYPE_LOCATION, err);
	if (rc != 0)
		return rc;
	if (put((*out)->payload, "latitude", cJSON_CreateNumber(latitude)) <
	            0 ||
	    put((*out)->payload, "longitude", cJSON_CreateNumber(longitude)) <
	            0 ||
	    put_str((*out)->payload, "name", name) < 0 ||
	    put_str((*out)->payload, "address", address) < 0)
		return new_failed(out, err);
	return GOSEND_OK;
}

static int interactive_new(gosend_outgoing **out, const char *pnid,
                           const char *to, const char *body, const char *button,
                           gosend_error **err)
{
	cJSON *obj, *action;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = check_text(err, "interactive.body.text", body, TXT_REQUIRED,
	                GOSEND_INTERACTIVE_BODY_MAX);
	if (rc == 0 && button)
		rc = check_text(err, "interactive.action.button", button,
		                TXT_REQUIRED, GOSEND_LIST_BUTTON_MAX);
	if (rc == 0)
		rc = new_message(out, pnid, to, GOSEND_MESSAGE_TYPE_INTERACTIVE,
		                 err);
	if (rc != 0)
		return rc;
	(*out)->is_list = button != NULL;
	if (put_str((*out)->payload, "type", button ? "list" : "button") < 0 ||
	    !(obj = child((*out)->payload, "body")) ||
	    put_str(obj, "text", body) < 0 ||
	    !(action = child((*out)->payload, "action")) ||
	    put_str(action, "button", button) < 0 ||
	    !array_at(action, button ? "sections" : "buttons"))
		return new_failed(out, err);
	return GOSEND_OK;
}

int gosend_outgoing_buttons_new(gosend_outgoing **out,
                                const char *phone_number_id, const char *to,
                                const char *body, gosend_error **err)
{
	return interactive_new(out, phone_number_id, to, body, NULL, err);
}

int gosend_outgoing_list_new(gosend_outgoing **out, const char *phone_number_id,
                             const char *to, const char *body,
                             const char *button, gosend_error **err)
{
	if (!button) {
		if (err)
			*err = NULL;
		if (!out)
			return gosend__fail(err, GOSEND_EINVAL, "out",
			                    "out is NULL");
		*out = NULL;
		return gosend__fail(err, GOSEND_EINVAL,
		                    "interactive.action.button",
		                    "interactive.action.button is required "
		                    "(NULL given)");
	}
	return interactive_new(out, phone_number_id, to, body, button, err);
}

int gosend_outgoing_contacts_new(gosend_outgoing **out,
                                 const char *phone_number_id, const char *to,
                                 gosend_error **err)
{
	return new_message(out, phone_number_id, to,
	                   GOSEND_MESSAGE_TYPE_CONTACTS, err);
}

/* ---- setters ---- */

/* Common entry of setters: clear *err, refuse a NULL message. */
static int begin(gosend_outgoing *msg, gosend_error **err)
{
	if (err)
		*err = NULL;
	if (!msg)
		return gosend__fail(err, GOSEND_EINVAL, "msg", "msg is NULL");
	return GOSEND_OK;
}

int gosend_outgoing_set_to(gosend_outgoing *msg, const char *to,
                           gosend_error **err)
{
	int rc = begin(msg, err);

	if (rc == 0)
		rc = check_to(err, "to", to);
	if (rc != 0)
		return rc;
	if (put_str(msg->root, "to", to) < 0)
		return oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_preview_url(gosend_outgoing *msg, int enable,
                                    gosend_error **err)
{
	int rc = begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_TEXT)
		return gosend__fail(
		        err, GOSEND_EINVAL, "text.preview_url",
		        "preview_url applies to text messages only");
	if (put(msg->payload, "preview_url", cJSON_CreateBool(enable != 0)) < 0)
		return oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_caption(gosend_outgoing *msg, const char *caption,
                                gosend_error **err)
{
	char field[48];
	int rc = begin(msg, err);

	if (rc != 0)
		return rc;
	if (!is_media_type(msg->type))
		return gosend__fail(err, GOSEND_EINVAL, "caption",
		                    "only image, video and document messages "
		                    "take a caption");
	(void)snprintf(field, sizeof(field), "%s.caption",
	               type_names[msg->type - 1]);
	if (msg->type == GOSEND_MESSAGE_TYPE_AUDIO ||
	    msg->type == GOSEND_MESSAGE_TYPE_STICKER)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s messages take no caption (only image, "
		                    "video and document do)",
		                    type_names[msg->type - 1]);
	rc = check_text(err, field, caption, TXT_REQUIRED, GOSEND_CAPTION_MAX);
	if (rc != 0)
		return rc;
	if (put_str(msg->payload, "caption", caption) < 0)
		return oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_filename(gosend_outgoing *msg, const char *filename,
                                 gosend_error **err)
{
	int rc = begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_DOCUMENT)
		return gosend__fail(err, GOSEND_EINVAL, "document.filename",
		                    "only document messages take a filename");
	rc = check_filename(err, "document.filename", filename);
	if (rc != 0)
		return rc;
	if (put_str(msg->payload, "filename", filename) < 0)
		return oom(err);
	return GOSEND_OK;
}

static int need_interactive(gosend_outgoing *msg, const char *field,
                            int want_list, gosend_error **err)
{
	int rc = begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_INTERACTIVE)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s applies to interactive messages only",
		                    field);
	if (want_list >= 0 && msg->is_list != want_list)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    want_list ? "%s applies to list messages "
		                                "(gosend_outgoing_list_new) "
		                                "only"
		                              : "%s applies to reply-button "
		                                "messages "
		                                "(gosend_outgoing_buttons_new) "
		                                "only",
		                    field);
	return GOSEND_OK;
}

int gosend_outgoing_set_header_text(gosend_outgoing *msg, const char *text,
                                    gosend_error **err)
{
	cJSON *h;
	int rc = need_interactive(msg, "interactive.header", -1, err);

	if (rc == 0)
		rc = check_text(err, "interactive.header.text", text,
		                TXT_REQUIRED, GOSEND_INTERACTIVE_HEADER_MAX);
	if (rc != 0)
		return rc;
	h = cJSON_CreateObject();
	if (!h || put_str(h, "type", "text") < 0 ||
	    put_str(h, "text", text) < 0) {
		cJSON_Delete(h);
		return oom(err);
	}
	if (put(msg->payload, "header", h) < 0)
		return oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_footer(gosend_outgoing *msg, const char *text,
                               gosend_error **err)
{
	cJSON *f;
	int rc = need_interactive(msg, "interactive.footer", -1, err);

	if (rc == 0)
		rc = check_text(err, "interactive.footer.text", text,
		                TXT_REQUIRED, GOSEND_INTERACTIVE_FOOTER_MAX);
	if (rc != 0)
		return rc;
	f = cJSON_CreateObject();
	if (!f || put_str(f, "text", text) < 0) {
		cJSON_Delete(f);
		return oom(err);
	}
	if (put(msg->payload, "footer", f) < 0)
		return oom(err);
	return GOSEND_OK;
}

static cJSON *action_of(const gosend_outgoing *msg)
{
	return cJSON_GetObjectItemCaseSensitive(msg->payload, "action");
}

int gosend_outgoing_add_reply_button(gosend_outgoing *msg, const char *id,
                                     const char *title, gosend_error **err)
{
	char field[96];
	cJSON *buttons, *b, *reply, *el;
	size_t n, k = 0;
	int rc = need_interactive(msg, "interactive.action.buttons", 0, err);

	if (rc != 0)
		return rc;
	buttons = cJSON_GetObjectItemCaseSensitive(action_of(msg), "buttons");
	n = count_of(buttons);
	if (n >= GOSEND_REPLY_BUTTONS_MAX) {
		(void)snprintf(field, sizeof(field),
		               "interactive.action.buttons[%zu]", n);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "a button message has at most %d reply "
		                    "buttons",
		                    GOSEND_REPLY_BUTTONS_MAX);
	}
	(void)snprintf(field, sizeof(field),
	               "interactive.action.buttons[%zu].reply.id", n);
	rc = check_text(err, field, id, TXT_REQUIRED, GOSEND_BUTTON_ID_MAX);
	if (rc != 0)
		return rc;
	cJSON_ArrayForEach(el, buttons)
	{
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(el, "reply");
		const char *other = str_at(r, "id");
		if (other && strcmp(other, id) == 0)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s repeats the id of button %zu "
			                    "(ids must be unique)",
			                    field, k);
		k++;
	}
	(void)snprintf(field, sizeof(field),
	               "interactive.action.buttons[%zu].reply.title", n);
	rc = check_text(err, field, title, TXT_REQUIRED,
	                GOSEND_BUTTON_TITLE_MAX);
	if (rc != 0)
		return rc;
	k = 0;
	cJSON_ArrayForEach(el, buttons)
	{
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(el, "reply");
		const char *other = str_at(r, "title");
		if (other && strcmp(other, title) == 0)
			return gosend__fail(
			        err, GOSEND_EINVAL, field,
			        "%s repeats the title of button %zu "
			        "(titles must be unique)",
			        field, k);
		k++;
	}
	b = cJSON_CreateObject();
	reply = cJSON_CreateObject();
	if (!b || !reply || put_str(b, "type", "reply") < 0 ||
	    put_str(reply, "id", id) < 0 ||
	    put_str(reply, "title", title) < 0) {
		cJSON_Delete(b);
		cJSON_Delete(reply);
		return oom(err);
	}
	if (put(b, "reply", reply) < 0) {
		cJSON_Delete(b);
		return oom(err);
	}
	if (append(buttons, b) < 0)
		return oom(err);
	return GOSEND_OK;
}

static cJSON *new_section(const char *title)
{
	cJSON *s = cJSON_CreateObject();

	if (!s)
		return NULL;
	if (put_str(s, "title", title) < 0 || !array_at(s, "rows")) {
		cJSON_Delete(s);
		return NULL;
	}
	return s;
}

int gosend_outgoing_add_section(gosend_outgoing *msg, const char *title,
                                gosend_error **err)
{
	char field[96];
	cJSON *sections;
	size_t n;
	int rc = need_interactive(msg, "interactive.action.sections", 1, err);

	if (rc != 0)
		return rc;
	sections = cJSON_GetObjectItemCaseSensitive(action_of(msg), "sections");
	n = count_of(sections);
	if (n >= GOSEND_LIST_SECTIONS_MAX) {
		(void)snprintf(field, sizeof(field),
		               "interactive.action.sections[%zu]", n);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "a list has at most %d sections",
		                    GOSEND_LIST_SECTIONS_MAX);
	}
	(void)snprintf(field, sizeof(field),
	               "interactive.action.sections[%zu].title", n);
	if (!title && n > 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is required when a list has more than "
		                    "one section",
		                    field);
	rc = check_text(err, field, title, 0, GOSEND_SECTION_TITLE_MAX);
	if (rc != 0)
		return rc;
	if (append(sections, new_section(title)) < 0)
		return oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_add_row(gosend_outgoing *msg, const char *id,
                            const char *title, const char *description,
                            gosend_error **err)
{
	char field[112];
	cJSON *sections, *section, *rows, *row, *s;
	size_t si, ri;
	int rc = need_interactive(msg, "interactive.action.sections", 1, err);

	if (rc != 0)
		return rc;
	sections = cJSON_GetObjectItemCaseSensitive(action_of(msg), "sections");
	section = last_of(sections);
	si = section ? count_of(sections) - 1 : 0;
	rows = section ? cJSON_GetObjectItemCaseSensitive(section, "rows")
	               : NULL;
	ri = count_of(rows);
	if (msg->rows >= GOSEND_LIST_ROWS_MAX) {
		(void)snprintf(field, sizeof(field),
		               "interactive.action.sections[%zu].rows[%zu]", si,
		               ri);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "a list has at most %d rows in all its "
		                    "sections",
		                    GOSEND_LIST_ROWS_MAX);
	}
	(void)snprintf(field, sizeof(field),
	               "interactive.action.sections[%zu].rows[%zu].id", si, ri);
	rc = check_text(err, field, id, TXT_REQUIRED, GOSEND_ROW_ID_MAX);
	if (rc != 0)
		return rc;
	cJSON_ArrayForEach(s, sections)
	{
		const cJSON *r;
		cJSON_ArrayForEach(r,
		                   cJSON_GetObjectItemCaseSensitive(s, "rows"))
		{
			const char *other = str_at(r, "id");
			if (other && strcmp(other, id) == 0)
				return gosend__fail(
				        err, GOSEND_EINVAL, field,
				        "%s repeats the id of another row "
				        "(row ids must be unique in the "
				        "message)",
				        field);
		}
	}
	(void)snprintf(field, sizeof(field),
	               "interactive.action.sections[%zu].rows[%zu].title", si,
	               ri);
	rc = check_text(err, field, title, TXT_REQUIRED, GOSEND_ROW_TITLE_MAX);
	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field),
	               "interactive.action.sections[%zu].rows[%zu].description",
	               si, ri);
	rc = check_text(err, field, description, 0, GOSEND_ROW_DESCRIPTION_MAX);
	if (rc != 0)
		return rc;
	row = cJSON_CreateObject();
	if (!row || put_str(row, "id", id) < 0 ||
	    put_str(row, "title", title) < 0 ||
	    put_str(row, "description", description) < 0) {
		cJSON_Delete(row);
		return oom(err);
	}
	if (!section) {
		section = new_section(NULL);
		if (!section || append(sections, section) < 0) {
			cJSON_Delete(row);
			return oom(err);
		}
		rows = cJSON_GetObjectItemCaseSensitive(section, "rows");
	}
	if (append(rows, row) < 0)
		return oom(err);
	msg->rows++;
	return GOSEND_OK;
}

/* ---- template components and parameters ---- */

enum { COMP_HEADER = 1, COMP_BODY, COMP_BUTTON };

static int comp_kind(const cJSON *comp)
{
	const char *t = str_at(comp, "type");

	if (!t)
		return 0;
	if (strcmp(t, "header") == 0)
		return COMP_HEADER;
	if (strcmp(t, "body") == 0)
		return COMP_BODY;
	return COMP_BUTTON;
}

static int need_template(gosend_outgoing *msg, gosend_error **err)
{
	int rc = begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_TEMPLATE)
		return gosend__fail(err, GOSEND_EINVAL, "template.components",
		                    "components and parameters apply to "
		                    "template messages only");
	return GOSEND_OK;
}

/* Append a component; it becomes the current one. */
static int add_component(gosend_outgoing *msg, cJSON *comp, gosend_error **err)
{
	cJSON *components;

	if (!comp || !array_at(comp, "parameters")) {
		cJSON_Delete(comp);
		return oom(err);
	}
	components = array_at(msg->payload, "components");
	if (!components || append(components, comp) < 0) {
		if (!components)
			cJSON_Delete(comp);
		return oom(err);
	}
	msg->component = comp;
	msg->components++;
	return GOSEND_OK;
}

static int add_single_component(gosend_outgoing *msg, int kind,
                                const char *name, gosend_error **err)
{
	char field[64];
	const cJSON *el;
	cJSON *comp;
	int rc = need_template(msg, err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "template.components[%zu]",
	               msg->components);
	cJSON_ArrayForEach(el, cJSON_GetObjectItemCaseSensitive(msg->payload,
	                                                        "components"))
	{
		if (comp_kind(el) == kind)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "a template has at most one %s "
			                    "component",
			                    name);
	}
	comp = cJSON_CreateObject();
	if (comp && put_str(comp, "type", name) < 0) {
		cJSON_Delete(comp);
		comp = NULL;
	}
	return add_component(msg, comp, err);
}

int gosend_outgoing_template_header(gosend_outgoing *msg, gosend_error **err)
{
	return add_single_component(msg, COMP_HEADER, "header", err);
}

int gosend_outgoing_template_body(gosend_outgoing *msg, gosend_error **err)
{
	return add_single_component(msg, COMP_BODY, "body", err);
}

int gosend_outgoing_template_button(gosend_outgoing *msg, const char *sub_type,
                                    unsigned int index, gosend_error **err)
{
	char field[64], idx[16];
	const cJSON *el;
	cJSON *comp;
	size_t i, n;
	int rc = need_template(msg, err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field),
	               "template.components[%zu].sub_type", msg->components);
	rc = check_text(err, field, sub_type, TXT_REQUIRED | TXT_TOKEN, 32);
	if (rc != 0)
		return rc;
	n = strlen(sub_type);
	for (i = 0; i < n; i++) {
		if (!((sub_type[i] >= 'a' && sub_type[i] <= 'z') ||
		      sub_type[i] == '_'))
			return gosend__fail(
			        err, GOSEND_EINVAL, field,
			        "%s must be lower-case letters and "
			        "'_', e.g. \"quick_reply\" or \"url\"",
			        field);
	}
	(void)snprintf(field, sizeof(field), "template.components[%zu].index",
	               msg->components);
	if (index > 9)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be 0 to 9", field);
	(void)snprintf(idx, sizeof(idx), "%u", index);
	cJSON_ArrayForEach(el, cJSON_GetObjectItemCaseSensitive(msg->payload,
	                                                        "components"))
	{
		const char *other = str_at(el, "index");
		if (comp_kind(el) == COMP_BUTTON && other &&
		    strcmp(other, idx) == 0)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "button index %u is used twice",
			                    index);
	}
	comp = cJSON_CreateObject();
	if (comp && (put_str(comp, "type", "button") < 0 ||
	             put_str(comp, "sub_type", sub_type) < 0 ||
	             put_str(comp, "index", idx) < 0)) {
		cJSON_Delete(comp);
		comp = NULL;
	}
	return add_component(msg, comp, err);
}

/* Parameter kinds and where they may go. */
enum {
	PARAM_TEXT,
	PARAM_CURRENCY,
	PARAM_DATE_TIME,
	PARAM_MEDIA,
	PARAM_PAYLOAD
};

/*
 * Find the component a new parameter of `kind` goes to (starting the body
 * when there is no component yet) and write the parameter's path prefix.
 * On success *comp is the component, or NULL when the body must be started
 * first (done by commit_param so that a failed check changes nothing).
 */
static int param_target(gosend_outgoing *msg, int kind, const char *what,
                        cJSON **comp, char *path, size_t pathsz,
                        gosend_error **err)
{
	size_t ci, pi;
	int ck;
	int rc = need_template(msg, err);

	if (rc != 0)
		return rc;
	*comp = msg->component;
	ci = *comp ? msg->components - 1 : msg->components;
	pi = *comp ? count_of(cJSON_GetObjectItemCaseSensitive(*comp,
	                                                       "parameters"))
	           : 0;
	ck = *comp ? comp_kind(*comp) : COMP_BODY;
	(void)snprintf(path, pathsz, "template.components[%zu].parameters[%zu]",
	               ci, pi);
	if (kind == PARAM_MEDIA && ck != COMP_HEADER)
		return gosend__fail(err, GOSEND_EINVAL, path,
		                    "%s parameters go in the header component "
		                    "(call gosend_outgoing_template_header() "
		                    "first)",
		                    what);
	if (kind == PARAM_PAYLOAD && ck != COMP_BUTTON)
		return gosend__fail(
		        err, GOSEND_EINVAL, path,
		        "payload parameters go in a button component "
		        "(call gosend_outgoing_template_button() "
		        "first)");
	if (ck == COMP_BUTTON && kind != PARAM_PAYLOAD && kind != PARAM_TEXT)
		return gosend__fail(err, GOSEND_EINVAL, path,
		                    "a button component takes payload or text "
		                    "parameters only, not %s",
		                    what);
	return GOSEND_OK;
}

/* Append a built parameter to comp (or a new body). Takes param. */
static int commit_param(gosend_outgoing *msg, cJSON *comp, cJSON *param,
                        gosend_error **err)
{
	if (!param)
		return oom(err);
	if (!comp) {
		int rc = gosend_outgoing_template_body(msg, err);
		if (rc < 0) {
			cJSON_Delete(param);
			return rc;
		}
		comp = msg->component;
	}
	if (append(cJSON_GetObjectItemCaseSensitive(comp, "parameters"),
	           param) < 0)
		return oom(err);
	return GOSEND_OK;
}

/* {"type": kind, kind: value}; takes value (NULL: out of memory). */
static cJSON *typed(const char *kind, cJSON *value)
{
	cJSON *p;

	if (!value)
		return NULL;
	p = cJSON_CreateObject();
	if (!p || put_str(p, "type", kind) < 0) {
		cJSON_Delete(p);
		cJSON_Delete(value);
		return NULL;
	}
	if (put(p, kind, value) < 0) {
		cJSON_Delete(p);
		return NULL;
	}
	return p;
}

int gosend_outgoing_template_add_text(gosend_outgoing *msg, const char *text,
                                      gosend_error **err)
{
	char path[96], field[112];
	cJSON *comp;
	int rc = param_target(msg, PARAM_TEXT, "text", &comp, path,
	                      sizeof(path), err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.text", path);
	rc = check_text(err, field, text, TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	return commit_param(msg, comp, typed("text", cJSON_CreateString(text)),
	                    err);
}

static int check_currency_code(gosend_error **err, const char *field,
                               const char *code)
{
	if (!code || strlen(code) != 3 || code[0] < 'A' || code[0] > 'Z' ||
	    code[1] < 'A' || code[1] > 'Z' || code[2] < 'A' || code[2] > 'Z')
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be an ISO 4217 code such as "
		                    "\"USD\"",
		                    field);
	return GOSEND_OK;
}

int gosend_outgoing_template_add_currency(gosend_outgoing *msg,
                                          const char *fallback_value,
                                          const char *code,
                                          long long amount_1000,
                                          gosend_error **err)
{
	char path[96], field[128], amount[24];
	cJSON *comp, *cur;
	int rc = param_target(msg, PARAM_CURRENCY, "currency", &comp, path,
	                      sizeof(path), err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.currency.fallback_value",
	               path);
	rc = check_text(err, field, fallback_value, TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.currency.code", path);
	rc = check_currency_code(err, field, code);
	if (rc != 0)
		return rc;
	if (amount_1000 > 9007199254740992LL ||
	    amount_1000 < -9007199254740992LL) {
		(void)snprintf(field, sizeof(field), "%s.currency.amount_1000",
		               path);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be at most 2^53 in absolute value",
		                    field);
	}
	/* Written as exact integer text: cJSON would print large doubles
	 * with only 15 significant digits. */
	(void)snprintf(amount, sizeof(amount), "%lld", amount_1000);
	cur = cJSON_CreateObject();
	if (cur && (put_str(cur, "fallback_value", fallback_value) < 0 ||
	            put_str(cur, "code", code) < 0 ||
	            put(cur, "amount_1000", cJSON_CreateRaw(amount)) < 0)) {
		cJSON_Delete(cur);
		cur = NULL;
	}
	return commit_param(msg, comp, typed("currency", cur), err);
}

int gosend_outgoing_template_add_date_time(gosend_outgoing *msg,
                                           const char *fallback_value,
                                           gosend_error **err)
{
	char path[96], field[128];
	cJSON *comp, *dt;
	int rc = param_target(msg, PARAM_DATE_TIME, "date_time", &comp, path,
	                      sizeof(path), err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.date_time.fallback_value",
	               path);
	rc = check_text(err, field, fallback_value, TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	dt = cJSON_CreateObject();
	if (dt && put_str(dt, "fallback_value", fallback_value) < 0) {
		cJSON_Delete(dt);
		dt = NULL;
	}
	return commit_param(msg, comp, typed("date_time", dt), err);
}

int gosend_outgoing_template_add_media(gosend_outgoing *msg, int type,
                                       const char *link, const char *media_id,
                                       const char *filename, gosend_error **err)
{
	char path[96], field[128];
	const char *name;
	cJSON *comp, *media;
	int rc = need_template(msg, err);

	if (rc != 0)
		return rc;
	if (type != GOSEND_MESSAGE_TYPE_IMAGE &&
	    type != GOSEND_MESSAGE_TYPE_DOCUMENT &&
	    type != GOSEND_MESSAGE_TYPE_VIDEO)
		return gosend__fail(err, GOSEND_EINVAL, "type",
		                    "template media parameters are image, "
		                    "document or video");
	rc = param_target(msg, PARAM_MEDIA, "media", &comp, path, sizeof(path),
	                  err);
	if (rc != 0)
		return rc;
	name = type_names[type - 1];
	(void)snprintf(field, sizeof(field), "%s.%s", path, name);
	rc = check_link_or_id(err, field, link, media_id);
	if (rc != 0)
		return rc;
	if (filename) {
		(void)snprintf(field, sizeof(field), "%s.%s.filename", path,
		               name);
		if (type != GOSEND_MESSAGE_TYPE_DOCUMENT)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "only documents take a filename");
		rc = check_filename(err, field, filename);
		if (rc != 0)
			return rc;
	}
	media = cJSON_CreateObject();
	if (media &&
	    (put_str(media, link ? "link" : "id", link ? link : media_id) < 0 ||
	     put_str(media, "filename", filename) < 0)) {
		cJSON_Delete(media);
		media = NULL;
	}
	return commit_param(msg, comp, typed(name, media), err);
}

int gosend_outgoing_template_add_payload(gosend_outgoing *msg,
                                         const char *payload,
                                         gosend_error **err)
{
	char path[96], field[112];
	cJSON *comp;
	int rc = param_target(msg, PARAM_PAYLOAD, "payload", &comp, path,
	                      sizeof(path), err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.payload", path);
	rc = check_text(err, field, payload, TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	return commit_param(msg, comp,
	                    typed("payload", cJSON_CreateString(payload)), err);
}

/* ---- contacts ---- */

static int need_contacts(gosend_outgoing *msg, int need_card,
                         gosend_error **err)
{
	int rc = begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_CONTACTS)
		return gosend__fail(err, GOSEND_EINVAL, "contacts",
		                    "contact cards apply to contacts messages "
		                    "only");
	if (need_card && !count_of(msg->payload))
		return gosend__fail(err, GOSEND_EINVAL, "contacts",
		                    "add a contact card first with "
		                    "gosend_outgoing_contact_add()");
	return GOSEND_OK;
}

/* Index and object of the last contact card. */
static cJSON *last_card(const gosend_outgoing *msg, size_t *index)
{
	*index = count_of(msg->payload) - 1;
	return last_of(msg->payload);
}

int gosend_outgoing_contact_add(gosend_outgoing *msg,
                                const char *formatted_name,
                                const char *first_name, const char *last_name,
                                gosend_error **err)
{
	char field[80];
	cJSON *card, *name;
	size_t n;
	int rc = need_contacts(msg, 0, err);

	if (rc != 0)
		return rc;
	n = count_of(msg->payload);
	(void)snprintf(field, sizeof(field),
	               "contacts[%zu].name.formatted_name", n);
	rc = check_text(err, field, formatted_name, TXT_REQUIRED, 0);
	if (rc == 0) {
		(void)snprintf(field, sizeof(field),
		               "contacts[%zu].name.first_name", n);
		rc = check_text(err, field, first_name, 0, 0);
	}
	if (rc == 0) {
		(void)snprintf(field, sizeof(field),
		               "contacts[%zu].name.last_name", n);
		rc = check_text(err, field, last_name, 0, 0);
	}
	if (rc != 0)
		return rc;
	card = cJSON_CreateObject();
	name = cJSON_CreateObject();
	if (!card || !name ||
	    put_str(name, "formatted_name", formatted_name) < 0 ||
	    put_str(name, "first_name", first_name) < 0 ||
	    put_str(name, "last_name", last_name) < 0) {
		cJSON_Delete(card);
		cJSON_Delete(name);
		return oom(err);
	}
	if (put(card, "name", name) < 0) {
		cJSON_Delete(card);
		return oom(err);
	}
	if (append(msg->payload, card) < 0)
		return oom(err);
	return GOSEND_OK;
}

/* Check the optional texts contacts[ci].<part>.<keys[i]> = vals[i]. */
static int check_card_texts(gosend_error **err, size_t ci, const char *part,
                            const char *const *keys, const char *const *vals,
                            size_t n)
{
	char field[96];
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		(void)snprintf(field, sizeof(field), "contacts[%zu].%s.%s", ci,
		               part, keys[i]);
		rc = check_text(err, field, vals[i], 0, 0);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int gosend_outgoing_contact_set_name_parts(gosend_outgoing *msg,
                                           const char *middle_name,
                                           const char *prefix,
                                           const char *suffix,
                                           gosend_error **err)
{
	static const char *const keys[] = {"middle_name", "prefix", "suffix"};
	const char *vals[3];
	cJSON *card, *name;
	size_t ci, i;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	vals[0] = middle_name;
	vals[1] = prefix;
	vals[2] = suffix;
	card = last_card(msg, &ci);
	rc = check_card_texts(err, ci, "name", keys, vals, 3);
	if (rc != 0)
		return rc;
	name = cJSON_GetObjectItemCaseSensitive(card, "name");
	for (i = 0; i < 3; i++) {
		if (put_str(name, keys[i], vals[i]) < 0)
			return oom(err);
	}
	return GOSEND_OK;
}

/*
 * Append {k0: v0, k1: v1, ...} (NULL values left out) to the card's array
 * `list`. vals[0] is required; field names are "contacts[i].list[j].key".
 */
static int card_append(gosend_outgoing *msg, const char *list,
                       const char *const *keys, const char *const *vals,
                       size_t n, gosend_error **err)
{
	char field[96];
	cJSON *card, *arr, *obj;
	size_t ci, ai, i;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	card = last_card(msg, &ci);
	ai = count_of(cJSON_GetObjectItemCaseSensitive(card, list));
	for (i = 0; i < n; i++) {
		(void)snprintf(field, sizeof(field), "contacts[%zu].%s[%zu].%s",
		               ci, list, ai, keys[i]);
		rc = check_text(err, field, vals[i],
		                i == 0 ? TXT_REQUIRED | TXT_NOCTRL : TXT_NOCTRL,
		                0);
		if (rc != 0)
			return rc;
		if (strcmp(keys[i], "wa_id") == 0 && vals[i])
			rc = check_to(err, field, vals[i]);
		if (rc != 0)
			return rc;
	}
	obj = cJSON_CreateObject();
	for (i = 0; obj && i < n; i++) {
		if (put_str(obj, keys[i], vals[i]) < 0) {
			cJSON_Delete(obj);
			obj = NULL;
		}
	}
	arr = obj ? array_at(card, list) : NULL;
	if (!obj || !arr) {
		cJSON_Delete(obj);
		return oom(err);
	}
	if (append(arr, obj) < 0)
		return oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_contact_add_phone(gosend_outgoing *msg, const char *phone,
                                      const char *type, const char *wa_id,
                                      gosend_error **err)
{
	static const char *const keys[] = {"phone", "type", "wa_id"};
	const char *vals[3];

	vals[0] = phone;
	vals[1] = type;
	vals[2] = wa_id;
	return card_append(msg, "phones", keys, vals, 3, err);
}

int gosend_outgoing_contact_add_email(gosend_outgoing *msg, const char *email,
                                      const char *type, gosend_error **err)
{
	static const char *const keys[] = {"email", "type"};
	const char *vals[2];

	vals[0] = email;
	vals[1] = type;
	return card_append(msg, "emails", keys, vals, 2, err);
}

int gosend_outgoing_contact_add_url(gosend_outgoing *msg, const char *url,
                                    const char *type, gosend_error **err)
{
	static const char *const keys[] = {"url", "type"};
	const char *vals[2];

	vals[0] = url;
	vals[1] = type;
	return card_append(msg, "urls", keys, vals, 2, err);
}

int gosend_outgoing_contact_add_address(gosend_outgoing *msg,
                                        const gosend_contact_address *address,
                                        gosend_error **err)
{
	static const char *const keys[] = {"street", "city",    "state",
	                                   "zip",    "country", "country_code",
	                                   "type"};
	const char *vals[7];
	char field[96];
	cJSON *card, *arr, *obj;
	size_t ci, ai, i, given = 0;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	if (!address)
		return gosend__fail(err, GOSEND_EINVAL, "address",
		                    "address is NULL");
	if (address->version == 0 ||
	    address->version > GOSEND_CONTACT_ADDRESS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "address.version",
		                    "unknown gosend_contact_address version %u",
		                    address->version);
	vals[0] = address->street;
	vals[1] = address->city;
	vals[2] = address->state;
	vals[3] = address->zip;
	vals[4] = address->country;
	vals[5] = address->country_code;
	vals[6] = address->type;
	card = last_card(msg, &ci);
	ai = count_of(cJSON_GetObjectItemCaseSensitive(card, "addresses"));
	for (i = 0; i < 7; i++) {
		(void)snprintf(field, sizeof(field),
		               "contacts[%zu].addresses[%zu].%s", ci, ai,
		               keys[i]);
		rc = check_text(err, field, vals[i], TXT_NOCTRL, 0);
		if (rc != 0)
			return rc;
		if (vals[i] && i != 6)
			given++;
	}
	if (vals[5] &&
	    (strlen(vals[5]) != 2 ||
	     !((vals[5][0] | 0x20) >= 'a' && (vals[5][0] | 0x20) <= 'z') ||
	     !((vals[5][1] | 0x20) >= 'a' && (vals[5][1] | 0x20) <= 'z'))) {
		(void)snprintf(field, sizeof(field),
		               "contacts[%zu].addresses[%zu].country_code", ci,
		               ai);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be a two-letter ISO 3166 code",
		                    field);
	}
	if (!given) {
		(void)snprintf(field, sizeof(field),
		               "contacts[%zu].addresses[%zu]", ci, ai);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s has no field set", field);
	}
	obj = cJSON_CreateObject();
	for (i = 0; obj && i < 7; i++) {
		if (put_str(obj, keys[i], vals[i]) < 0) {
			cJSON_Delete(obj);
			obj = NULL;
		}
	}
	arr = obj ? array_at(card, "addresses") : NULL;
	if (!obj || !arr) {
		cJSON_Delete(obj);
		return oom(err);
	}
	if (append(arr, obj) < 0)
		return oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_contact_set_org(gosend_outgoing *msg, const char *company,
                                    const char *department, const char *title,
                                    gosend_error **err)
{
	static const char *const keys[] = {"company", "department", "title"};
	const char *vals[3];
	char field[64];
	cJSON *card, *org;
	size_t ci, i;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	vals[0] = company;
	vals[1] = department;
	vals[2] = title;
	card = last_card(msg, &ci);
	rc = check_card_texts(err, ci, "org", keys, vals, 3);
	if (rc != 0)
		return rc;
	if (!company && !department && !title) {
		(void)snprintf(field, sizeof(field), "contacts[%zu].org", ci);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s needs a company, department or title",
		                    field);
	}
	org = cJSON_CreateObject();
	for (i = 0; org && i < 3; i++) {
		if (put_str(org, keys[i], vals[i]) < 0) {
			cJSON_Delete(org);
			org = NULL;
		}
	}
	if (put(card, "org", org) < 0)
		return oom(err);
	return GOSEND_OK;
}

static int valid_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

int gosend_outgoing_contact_set_birthday(gosend_outgoing *msg,
                                         const char *birthday,
                                         gosend_error **err)
{
	char field[48];
	cJSON *card;
	size_t ci;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	card = last_card(msg, &ci);
	(void)snprintf(field, sizeof(field), "contacts[%zu].birthday", ci);
	if (!birthday || !valid_date(birthday))
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be a date written YYYY-MM-DD",
		                    field);
	if (put_str(card, "birthday", birthday) < 0)
		return oom(err);
	return GOSEND_OK;
}

/* ---- whole-message rules and serialisation ---- */

static int check_template(const gosend_outgoing *msg, gosend_error **err)
{
	char field[64];
	const cJSON *comp;
	size_t i = 0;

	cJSON_ArrayForEach(comp, cJSON_GetObjectItemCaseSensitive(msg->payload,
	                                                          "components"))
	{
		if (!count_of(cJSON_GetObjectItemCaseSensitive(comp,
		                                               "parameters"))) {
			(void)snprintf(field, sizeof(field),
			               "template.components[%zu].parameters",
			               i);
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s is empty: add a parameter or "
			                    "leave the component out",
			                    field);
		}
		i++;
	}
	return GOSEND_OK;
}

static int check_interactive(const gosend_outgoing *msg, gosend_error **err)
{
	char field[80];
	const cJSON *action = action_of(msg), *sections, *s;
	size_t n, i = 0;

	if (!msg->is_list) {
		if (!count_of(cJSON_GetObjectItemCaseSensitive(action,
		                                               "buttons")))
			return gosend__fail(
			        err, GOSEND_EINVAL,
			        "interactive.action.buttons",
			        "a button message needs 1 to %d reply buttons "
			        "(gosend_outgoing_add_reply_button)",
			        GOSEND_REPLY_BUTTONS_MAX);
		return GOSEND_OK;
	}
	sections = cJSON_GetObjectItemCaseSensitive(action, "sections");
	n = count_of(sections);
	if (!n)
		return gosend__fail(err, GOSEND_EINVAL,
		                    "interactive.action.sections",
		                    "a list message needs at least one section "
		                    "with a row (gosend_outgoing_add_row)");
	cJSON_ArrayForEach(s, sections)
	{
		if (n > 1 && !str_at(s, "title")) {
			(void)snprintf(field, sizeof(field),
			               "interactive.action.sections[%zu].title",
			               i);
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s is required when a list has "
			                    "more than one section",
			                    field);
		}
		if (!count_of(cJSON_GetObjectItemCaseSensitive(s, "rows"))) {
			(void)snprintf(field, sizeof(field),
			               "interactive.action.sections[%zu].rows",
			               i);
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s is empty: every section needs "
			                    "at least one row",
			                    field);
		}
		i++;
	}
	return GOSEND_OK;
}

static int check_contacts(const gosend_outgoing *msg, gosend_error **err)
{
	static const char *const parts[] = {"first_name", "last_name",
	                                    "middle_name", "prefix", "suffix"};
	char field[48];
	const cJSON *card;
	size_t i = 0, k;

	if (!count_of(msg->payload))
		return gosend__fail(err, GOSEND_EINVAL, "contacts",
		                    "a contacts message needs at least one "
		                    "card (gosend_outgoing_contact_add)");
	cJSON_ArrayForEach(card, msg->payload)
	{
		const cJSON *name =
		        cJSON_GetObjectItemCaseSensitive(card, "name");
		for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			if (str_at(name, parts[k]))
				break;
		}
		if (k == sizeof(parts) / sizeof(parts[0])) {
			(void)snprintf(field, sizeof(field),
			               "contacts[%zu].name", i);
			return gosend__fail(
			        err, GOSEND_EINVAL, field,
			        "%s needs a first_name, last_name, "
			        "middle_name, prefix or suffix besides "
			        "formatted_name",
			        field);
		}
		i++;
	}
	return GOSEND_OK;
}

int gosend_outgoing_to_json(char **out, const gosend_outgoing *msg,
                            gosend_error **err)
{
	char *txt;
	int rc = GOSEND_OK;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!msg)
		return gosend__fail(err, GOSEND_EINVAL, "msg", "msg is NULL");
	if (msg->type == GOSEND_MESSAGE_TYPE_TEMPLATE)
		rc = check_template(msg, err);
	else if (msg->type == GOSEND_MESSAGE_TYPE_INTERACTIVE)
		rc = check_interactive(msg, err);
	else if (msg->type == GOSEND_MESSAGE_TYPE_CONTACTS)
		rc = check_contacts(msg, err);
	if (rc != 0)
		return rc;
	txt = cJSON_PrintUnformatted(msg->root);
	if (!txt)
		return oom(err);
	*out = gosend__strdup(txt);
	cJSON_free(txt);
	if (!*out)
		return oom(err);
	return GOSEND_OK;
}
