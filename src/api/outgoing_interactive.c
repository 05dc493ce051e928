/*
 * Interactive messages: what every kind shares (the body, the header and
 * footer), reply buttons and lists. Call-to-action, Flow and location
 * request messages are in outgoing_actions.c.
 */
#include "api/outgoing.h"

#include <stdio.h>
#include <string.h>

#include "core/errors.h"

/* The kinds by their interactive.type; bit i is entry i. */
static const char *const kind_names[] = {"button", "list", "cta_url", "flow",
                                         "location_request_message"};

#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

unsigned int gosend__interactive_kind(const gosend_outgoing *msg)
{
	const char *t;
	size_t i;

	if (msg->type != GOSEND_MESSAGE_TYPE_INTERACTIVE)
		return 0;
	t = gosend__jv_get_str(msg->payload, "type");
	for (i = 0; t && i < NKINDS; i++) {
		if (strcmp(t, kind_names[i]) == 0)
			return 1u << i;
	}
	return 0;
}

int gosend__outgoing_is_list(const gosend_outgoing *msg)
{
	return gosend__interactive_kind(msg) == GOSEND__IA_LIST;
}

gosend__jv *gosend__interactive_action(const gosend_outgoing *msg)
{
	return gosend__jv_get(msg->payload, "action");
}

int gosend__interactive_new(gosend_outgoing **out, const char *pnid,
                            const char *to, const char *type, const char *body,
                            gosend_error **err)
{
	gosend__jv *obj;
	int rc = gosend__check_text(err, "interactive.body.text", body,
	                            GOSEND__TXT_REQUIRED,
	                            GOSEND_INTERACTIVE_BODY_MAX);

	if (rc == 0)
		rc = gosend__outgoing_new(out, pnid, to,
		                          GOSEND_MESSAGE_TYPE_INTERACTIVE, err);
	if (rc != 0)
		return rc;
	if (gosend__jv_set_str((*out)->payload, "type", type) < 0 ||
	    !(obj = gosend__outgoing_object((*out)->payload, "body")) ||
	    gosend__jv_set_str(obj, "text", body) < 0 ||
	    !gosend__outgoing_object((*out)->payload, "action"))
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

static int interactive_new(gosend_outgoing **out, const char *pnid,
                           const char *to, const char *body, const char *button,
                           gosend_error **err)
{
	gosend__jv *action;
	int rc = 0;

	if (button)
		rc = gosend__check_text(err, "interactive.action.button",
		                        button, GOSEND__TXT_REQUIRED,
		                        GOSEND_LIST_BUTTON_MAX);
	if (rc == 0)
		rc = gosend__interactive_new(
		        out, pnid, to, button ? "list" : "button", body, err);
	if (rc != 0)
		return rc;
	action = gosend__interactive_action(*out);
	if (gosend__outgoing_put(action, "button", button) < 0 ||
	    !gosend__outgoing_array(action, button ? "sections" : "buttons"))
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

int gosend_outgoing_buttons_new(gosend_outgoing **out,
                                const char *phone_number_id, const char *to,
                                const char *body, gosend_error **err)
{
	int rc = gosend__outgoing_entry(out, err);

	if (rc != 0)
		return rc;
	return interactive_new(out, phone_number_id, to, body, NULL, err);
}

int gosend_outgoing_list_new(gosend_outgoing **out, const char *phone_number_id,
                             const char *to, const char *body,
                             const char *button, gosend_error **err)
{
	int rc = gosend__outgoing_entry(out, err);

	if (rc != 0)
		return rc;
	if (!button)
		return gosend__fail(err, GOSEND_EINVAL,
		                    "interactive.action.button",
		                    "interactive.action.button is required "
		                    "(NULL given)");
	return interactive_new(out, phone_number_id, to, body, button, err);
}

/* The names of the kinds in `kinds`, e.g. "reply-button, list", for
 * errors. */
static void kinds_text(unsigned int kinds, char *buf, size_t size)
{
	static const char *const shown[] = {"reply-button", "list", "cta_url",
	                                    "flow", "location request"};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < NKINDS; i++) {
		int n;
		if (!(kinds & (1u << i)))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
		             shown[i]);
		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}

/* The entry of the setters and adders: an interactive message of one of
 * the kinds wanted (GOSEND__IA_* bits). */
static int need_interactive(gosend_outgoing *msg, const char *field,
                            unsigned int kinds, gosend_error **err)
{
	char names[96];
	int rc = gosend__outgoing_begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_INTERACTIVE)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s applies to interactive messages only",
		                    field);
	if (!(gosend__interactive_kind(msg) & kinds)) {
		kinds_text(kinds, names, sizeof(names));
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s applies to %s messages only", field,
		                    names);
	}
	return GOSEND_OK;
}

/* The kinds that take a header and a footer. */
#define WITH_HEADER                                                 \
	(GOSEND__IA_BUTTON | GOSEND__IA_LIST | GOSEND__IA_CTA_URL | \
	 GOSEND__IA_FLOW)

/* payload[key] = {"type": "text", "text": text} (type NULL: left out). */
static int set_text_object(gosend_outgoing *msg, const char *key,
                           const char *type, const char *text,
                           gosend_error **err)
{
	gosend__jv *o = gosend__jv_object();

	if (!o || gosend__outgoing_put(o, "type", type) < 0 ||
	    gosend__jv_set_str(o, "text", text) < 0) {
		gosend__jv_free(o);
		return gosend__outgoing_oom(err);
	}
	if (gosend__jv_set(msg->payload, key, o) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_header_text(gosend_outgoing *msg, const char *text,
                                    gosend_error **err)
{
	int rc = need_interactive(msg, "interactive.header", WITH_HEADER, err);

	if (rc == 0)
		rc = gosend__check_text(err, "interactive.header.text", text,
		                        GOSEND__TXT_REQUIRED,
		                        GOSEND_INTERACTIVE_HEADER_MAX);
	if (rc != 0)
		return rc;
	return set_text_object(msg, "header", "text", text, err);
}

/* The checks of a media header (path "interactive.header.<type>"). */
static int check_header_media(gosend_outgoing *msg, int type, const char *path,
                              const char *link, const char *media_id,
                              const char *filename, gosend_error **err)
{
	char field[64];
	int rc = need_interactive(msg, "interactive.header", WITH_HEADER, err);

	if (rc != 0)
		return rc;
	if (gosend__outgoing_is_list(msg))
		return gosend__fail(err, GOSEND_EINVAL, "interactive.header",
		                    "list messages take a text header only "
		                    "(gosend_outgoing_set_header_text)");
	if (type != GOSEND_MESSAGE_TYPE_IMAGE &&
	    type != GOSEND_MESSAGE_TYPE_VIDEO &&
	    type != GOSEND_MESSAGE_TYPE_DOCUMENT)
		return gosend__fail(err, GOSEND_EINVAL,
		                    "interactive.header.type",
		                    "a media header is an image, a video or a "
		                    "document");
	rc = gosend__check_link_or_id(err, path, link, media_id);
	if (rc != 0 || !filename)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.filename", path);
	if (type != GOSEND_MESSAGE_TYPE_DOCUMENT)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "only a document header takes a filename");
	return gosend__check_filename(err, field, filename);
}

int gosend_outgoing_set_header_media(gosend_outgoing *msg, int type,
                                     const char *link, const char *media_id,
                                     const char *filename, gosend_error **err)
{
	char path[48];
	const char *name = gosend_message_type_name(type);
	gosend__jv *header, *media;
	int rc;

	(void)snprintf(path, sizeof(path), "interactive.header.%s",
	               name ? name : "media");
	rc = check_header_media(msg, type, path, link, media_id, filename, err);
	if (rc != 0)
		return rc;
	header = gosend__jv_object();
	media = gosend__jv_object();
	if (!header || !media || gosend__jv_set_str(header, "type", name) < 0 ||
	    gosend__outgoing_put(media, "link", link) < 0 ||
	    gosend__outgoing_put(media, "id", media_id) < 0 ||
	    gosend__outgoing_put(media, "filename", filename) < 0) {
		gosend__jv_free(header);
		gosend__jv_free(media);
		return gosend__outgoing_oom(err);
	}
	if (gosend__jv_set(header, name, media) < 0) {
		gosend__jv_free(header);
		return gosend__outgoing_oom(err);
	}
	if (gosend__jv_set(msg->payload, "header", header) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_footer(gosend_outgoing *msg, const char *text,
                               gosend_error **err)
{
	int rc = need_interactive(msg, "interactive.footer", WITH_HEADER, err);

	if (rc == 0)
		rc = gosend__check_text(err, "interactive.footer.text", text,
		                        GOSEND__TXT_REQUIRED,
		                        GOSEND_INTERACTIVE_FOOTER_MAX);
	if (rc != 0)
		return rc;
	return set_text_object(msg, "footer", NULL, text, err);
}

/* msg's action[key] (the buttons or the sections). */
static gosend__jv *action_list(const gosend_outgoing *msg, const char *key)
{
	return gosend__jv_get(gosend__jv_get(msg->payload, "action"), key);
}

/* ---- reply buttons ---- */

/* `value` (at field) is no other button's reply.<key>. */
static int check_unique_reply(const gosend__jv *buttons, const char *key,
                              const char *value, const char *field,
                              gosend_error **err)
{
	const gosend__jv *el;
	size_t k = 0;

	GOSEND__JV_EACH(el, buttons)
	{
		const char *other =
		        gosend__jv_get_str(gosend__jv_get(el, "reply"), key);
		if (other && strcmp(other, value) == 0)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s repeats the %s of button %zu "
			                    "(%ss must be unique)",
			                    field, key, k, key);
		k++;
	}
	return GOSEND_OK;
}

/* {"type": "reply", "reply": {"id": id, "title": title}}, or NULL. */
static gosend__jv *reply_button(const char *id, const char *title)
{
	gosend__jv *b = gosend__jv_object(), *reply = gosend__jv_object();

	if (!b || !reply || gosend__jv_set_str(b, "type", "reply") < 0 ||
	    gosend__jv_set_str(reply, "id", id) < 0 ||
	    gosend__jv_set_str(reply, "title", title) < 0) {
		gosend__jv_free(b);
		gosend__jv_free(reply);
		return NULL;
	}
	if (gosend__jv_set(b, "reply", reply) < 0) {
		gosend__jv_free(b);
		return NULL;
	}
	return b;
}

int gosend_outgoing_add_reply_button(gosend_outgoing *msg, const char *id,
                                     const char *title, gosend_error **err)
{
	char field[96];
	gosend__jv *buttons;
	size_t n;
	int rc = need_interactive(msg, "interactive.action.buttons",
	                          GOSEND__IA_BUTTON, err);

	if (rc != 0)
		return rc;
	buttons = action_list(msg, "buttons");
	n = gosend__jv_count(buttons);
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
	rc = gosend__check_text(err, field, id, GOSEND__TXT_REQUIRED,
	                        GOSEND_BUTTON_ID_MAX);
	if (rc == 0)
		rc = check_unique_reply(buttons, "id", id, field, err);
	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field),
	               "interactive.action.buttons[%zu].reply.title", n);
	rc = gosend__check_text(err, field, title, GOSEND__TXT_REQUIRED,
	                        GOSEND_BUTTON_TITLE_MAX);
	if (rc == 0)
		rc = check_unique_reply(buttons, "title", title, field, err);
	if (rc != 0)
		return rc;
	if (gosend__jv_push(buttons, reply_button(id, title)) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

/* ---- list sections and rows ---- */

/* {"title": title, "rows": []} (title NULL: left out), or NULL. */
static gosend__jv *new_section(const char *title)
{
	gosend__jv *s = gosend__jv_object();

	if (!s)
		return NULL;
	if (gosend__outgoing_put(s, "title", title) < 0 ||
	    !gosend__outgoing_array(s, "rows")) {
		gosend__jv_free(s);
		return NULL;
	}
	return s;
}

int gosend_outgoing_add_section(gosend_outgoing *msg, const char *title,
                                gosend_error **err)
{
	char field[96];
	gosend__jv *sections;
	size_t n;
	int rc = need_interactive(msg, "interactive.action.sections",
	                          GOSEND__IA_LIST, err);

	if (rc != 0)
		return rc;
	sections = action_list(msg, "sections");
	n = gosend__jv_count(sections);
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
	rc = gosend__check_text(err, field, title, 0, GOSEND_SECTION_TITLE_MAX);
	if (rc != 0)
		return rc;
	if (gosend__jv_push(sections, new_section(title)) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

/* The rows of every section together. */
static size_t count_rows(const gosend__jv *sections)
{
	const gosend__jv *s;
	size_t n = 0;

	GOSEND__JV_EACH(s, sections)
	{
		n += gosend__jv_count(gosend__jv_get(s, "rows"));
	}
	return n;
}

/* A row id no other row of the message has. */
static int check_unique_row(const gosend__jv *sections, const char *id,
                            const char *field, gosend_error **err)
{
	const gosend__jv *s, *r;

	GOSEND__JV_EACH(s, sections)
	{
		GOSEND__JV_EACH(r, gosend__jv_get(s, "rows"))
		{
			const char *other = gosend__jv_get_str(r, "id");
			if (other && strcmp(other, id) == 0)
				return gosend__fail(
				        err, GOSEND_EINVAL, field,
				        "%s repeats the id of another row "
				        "(row ids must be unique in the "
				        "message)",
				        field);
		}
	}
	return GOSEND_OK;
}

/* The checks of a new row, path its place (e.g.
 * "interactive.action.sections[0].rows[2]"). */
static int check_row(const gosend__jv *sections, const char *path,
                     const char *id, const char *title, const char *description,
                     gosend_error **err)
{
	char field[128];
	int rc;

	if (count_rows(sections) >= GOSEND_LIST_ROWS_MAX)
		return gosend__fail(err, GOSEND_EINVAL, path,
		                    "a list has at most %d rows in all its "
		                    "sections",
		                    GOSEND_LIST_ROWS_MAX);
	(void)snprintf(field, sizeof(field), "%s.id", path);
	rc = gosend__check_text(err, field, id, GOSEND__TXT_REQUIRED,
	                        GOSEND_ROW_ID_MAX);
	if (rc == 0)
		rc = check_unique_row(sections, id, field, err);
	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.title", path);
	rc = gosend__check_text(err, field, title, GOSEND__TXT_REQUIRED,
	                        GOSEND_ROW_TITLE_MAX);
	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.description", path);
	return gosend__check_text(err, field, description, 0,
	                          GOSEND_ROW_DESCRIPTION_MAX);
}

/* {"id": id, "title": title, "description": description}, or NULL. */
static gosend__jv *new_row(const char *id, const char *title,
                           const char *description)
{
	gosend__jv *row = gosend__jv_object();

	if (!row || gosend__jv_set_str(row, "id", id) < 0 ||
	    gosend__jv_set_str(row, "title", title) < 0 ||
	    gosend__outgoing_put(row, "description", description) < 0) {
		gosend__jv_free(row);
		return NULL;
	}
	return row;
}

int gosend_outgoing_add_row(gosend_outgoing *msg, const char *id,
                            const char *title, const char *description,
                            gosend_error **err)
{
	char path[96];
	gosend__jv *sections, *section, *row;
	size_t si;
	int rc = need_interactive(msg, "interactive.action.sections",
	                          GOSEND__IA_LIST, err);

	if (rc != 0)
		return rc;
	sections = action_list(msg, "sections");
	section = gosend__jv_last(sections);
	si = section ? gosend__jv_count(sections) - 1 : 0;
	(void)snprintf(path, sizeof(path),
	               "interactive.action.sections[%zu].rows[%zu]", si,
	               gosend__jv_count(gosend__jv_get(section, "rows")));
	rc = check_row(sections, path, id, title, description, err);
	if (rc != 0)
		return rc;
	row = new_row(id, title, description);
	if (!row)
		return gosend__outgoing_oom(err);
	if (!section) {
		/* the first row starts an untitled section */
		section = new_section(NULL);
		if (gosend__jv_push(sections, section) < 0) {
			gosend__jv_free(row);
			return gosend__outgoing_oom(err);
		}
	}
	if (gosend__jv_push(gosend__jv_get(section, "rows"), row) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}
