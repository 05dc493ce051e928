/*
 * Webhook deliveries decoded into typed events (the JSON side of
 * gosend_webhook_event_parse()). The envelope is not documented, so every
 * member is looked up under several spellings (see webhook_events.h) and
 * a member of an unexpected type is ignored rather than failing the
 * parse: only a body that is not a JSON object fails.
 *
 * Decoding uses field tables one entry at a time, lowest priority first:
 * a later entry that is present overwrites an earlier one, and an entry
 * of the wrong type leaves the earlier value in place.
 */
#include "json/webhook_event.h"

#include <string.h>

#include "core/errors.h"
#include "json/body.h"
#include "json/decode.h"

/* ---- lenient field tables ------------------------------------------ */

#define FIELDS_N(t) (sizeof(t) / sizeof((t)[0]))

/*
 * Apply each entry of the table on its own. Wrong types are skipped;
 * returns GOSEND__DECODE_OK or GOSEND__DECODE_NOMEM.
 */
static int apply(void *obj, const gosend__jn *json, const gosend__field *fields,
                 size_t n, gosend__holder *h)
{
	size_t i;

	if (gosend__jn_type(json) != GOSEND__JN_OBJECT)
		return GOSEND__DECODE_OK;
	for (i = 0; i < n; i++) {
		const char *bad = NULL;
		int rc = gosend__decode_fields(obj, json, &fields[i], 1, h,
		                               &bad);
		if (rc == GOSEND__DECODE_NOMEM)
			return rc;
	}
	return GOSEND__DECODE_OK;
}

/* Envelope members, lowest priority first. */
static const gosend__field envelope_fields[] = {
        GOSEND__FIELD(gosend_webhook_event, name, "type", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_webhook_event, name, "event_type", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_event, name, "event", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_webhook_event, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_event, id, "event_id", NULL, GOSEND__F_ID,
                      0),
        GOSEND__FIELD(gosend_webhook_event, timestamp, "createdAt", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_event, timestamp, "created_at", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_event, timestamp, "occurredAt", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_event, timestamp, "occurred_at", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_event, timestamp, "timestamp", NULL,
                      GOSEND__F_ID, 0),
};

static const gosend__field phone_fields[] = {
        GOSEND__FIELD(gosend_webhook_event, phone_number_id, "phone_number_id",
                      NULL, GOSEND__F_ID, 0),
};

/* Inbound message, on the message object. */
static const gosend__field message_fields[] = {
        GOSEND__FIELD(gosend_webhook_inbound_message, id, "message_id", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, id, "id", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, from, "from", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, type, "type", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, timestamp, "timestamp",
                      NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, text, "text", NULL,
                      GOSEND__F_STR, 0),
};

/* On the `text` object. */
static const gosend__field message_text_fields[] = {
        GOSEND__FIELD(gosend_webhook_inbound_message, text, "body", NULL,
                      GOSEND__F_STR, 0),
};

/* On the `<type>` object (image, document, ...). */
static const gosend__field message_media_fields[] = {
        GOSEND__FIELD(gosend_webhook_inbound_message, media_id, "id", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, media_mime_type,
                      "mime_type", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, media_url, "link", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, media_url, "url", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, caption, "caption", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, filename, "filename",
                      NULL, GOSEND__F_STR, 0),
};

/* On the `context` object. */
static const gosend__field message_context_fields[] = {
        GOSEND__FIELD(gosend_webhook_inbound_message, context_message_id,
                      "message_id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, context_message_id, "id",
                      NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_inbound_message, context_from, "from",
                      NULL, GOSEND__F_ID, 0),
};

/* On a `profile` object. */
static const gosend__field message_profile_fields[] = {
        GOSEND__FIELD(gosend_webhook_inbound_message, profile_name, "name",
                      NULL, GOSEND__F_STR, 0),
};

/* On the `interactive` object. */
static const gosend__field message_interactive_fields[] = {
        GOSEND__FIELD(gosend_webhook_inbound_message, interactive_type, "type",
                      NULL, GOSEND__F_STR, 0),
};

/* On a `button_reply` or `list_reply` object. */
static const gosend__field reply_fields[] = {
        GOSEND__FIELD(gosend_webhook_reply, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_reply, title, "title", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_webhook_reply, description, "description", NULL,
                      GOSEND__F_STR, 0),
};

/* On a template button's `button` object. */
static const gosend__field template_button_fields[] = {
        GOSEND__FIELD(gosend_webhook_reply, id, "payload", NULL, GOSEND__F_ID,
                      0),
        GOSEND__FIELD(gosend_webhook_reply, title, "text", NULL, GOSEND__F_STR,
                      0),
};

/* On the `nfm_reply` object (response_json: see decode_flow_reply). */
static const gosend__field flow_reply_fields[] = {
        GOSEND__FIELD(gosend_webhook_flow_reply, name, "name", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_flow_reply, body, "body", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_flow_reply, response_json, "response_json",
                      NULL, GOSEND__F_STR, 0),
};

/* On the `location` object (the coordinates: see decode_location). */
static const gosend__field location_fields[] = {
        GOSEND__FIELD(gosend_webhook_location, name, "name", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_location, address, "address", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_location, url, "url", NULL, GOSEND__F_STR,
                      0),
};

/* Status update, on the status object. */
static const gosend__field status_fields[] = {
        GOSEND__FIELD(gosend_webhook_message_status, recipient, "to", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_message_status, recipient, "recipient",
                      NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_message_status, recipient, "recipient_id",
                      NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_message_status, message_id, "id", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_message_status, message_id, "message_id",
                      NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_message_status, status, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_message_status, timestamp, "timestamp",
                      NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_message_status, conversation_id,
                      "conversation_id", NULL, GOSEND__F_ID, 0),
};

/* On the `conversation` object. */
static const gosend__field status_conversation_fields[] = {
        GOSEND__FIELD(gosend_webhook_message_status, conversation_id, "id",
                      NULL, GOSEND__F_ID, 0),
};

/* On the first error object. */
static const gosend__field status_error_fields[] = {
        GOSEND__FIELD(gosend_webhook_message_status, error_code, "code", NULL,
                      GOSEND__F_INT, 0),
        GOSEND__FIELD(gosend_webhook_message_status, error_title, "title", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_message_status, error_message, "message",
                      NULL, GOSEND__F_STR, 0),
};

/* On the error's `error_data` object. */
static const gosend__field status_error_data_fields[] = {
        GOSEND__FIELD(gosend_webhook_message_status, error_details, "details",
                      NULL, GOSEND__F_STR, 0),
};

/* Template status change, on the template object. */
static const gosend__field template_fields[] = {
        GOSEND__FIELD(gosend_webhook_template_status, template_id, "id", NULL,
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_template_status, template_id,
                      "message_template_id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_template_status, template_id,
                      "template_id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_webhook_template_status, template_name, "name",
                      NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, template_name,
                      "message_template_name", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, template_name,
                      "template_name", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, language,
                      "message_template_language", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, language, "language",
                      NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, status, "event", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, status, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, reason,
                      "rejection_reason", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, reason, "rejected_reason",
                      NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_webhook_template_status, reason, "reason", NULL,
                      GOSEND__F_STR, 0),
};

/* On a `language` object. */
static const gosend__field template_language_fields[] = {
        GOSEND__FIELD(gosend_webhook_template_status, language, "code", NULL,
                      GOSEND__F_STR, 0),
};

/* ---- names ---------------------------------------------------------- */

const char *const gosend__webhook_event_names[] = {
        "whatsapp.message.received", "whatsapp.message.delivered",
        "whatsapp.conversation.created", "whatsapp.phone_number.created", NULL};

#define MESSAGE_PREFIX "whatsapp.message."

/* Text after the last dot, or NULL when there is none or it is empty. */
static const char *last_segment(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && dot[1] ? dot + 1 : NULL;
}

/* ---- JSON navigation ------------------------------------------------ */

/* obj[key] when it is an object (obj may be anything or NULL). */
static const gosend__jn *object_member(const gosend__jn *obj, const char *key)
{
	const gosend__jn *m = gosend__jn_get(obj, key);

	return gosend__jn_type(m) == GOSEND__JN_OBJECT ? m : NULL;
}

/* obj[key][0] when obj[key] is an array whose first element is an object. */
static const gosend__jn *first_object(const gosend__jn *obj, const char *key)
{
	const gosend__jn *arr = gosend__jn_get(obj, key);
	const gosend__jn *el = gosend__jn_first(arr);

	if (gosend__jn_type(arr) != GOSEND__JN_ARRAY ||
	    gosend__jn_type(el) != GOSEND__JN_OBJECT)
		return NULL;
	return el;
}

/* Compact JSON text of item, copied into the holder; NULL when OOM. */
static const char *json_text(const gosend__jn *item, gosend__holder *h)
{
	return gosend__node_text(h, item, 1);
}

/* ---- typed views ---------------------------------------------------- */

/* ---- answers to interactive messages ------------------------------- */

/* The reply view of object o (a button_reply, list_reply or template
 * button), or NOMEM. */
static int decode_reply(gosend_webhook_inbound_message *msg,
                        const gosend__jn *o, gosend_webhook_reply_kind kind,
                        gosend__holder *h)
{
	gosend_webhook_reply *r = gosend__h_alloc(h, sizeof(*r));
	int rc;

	if (!r)
		return GOSEND__DECODE_NOMEM;
	r->struct_version = 1;
	r->kind = kind;
	rc = kind == GOSEND_WEBHOOK_REPLY_TEMPLATE_BUTTON
	             ? apply(r, o, template_button_fields,
	                     FIELDS_N(template_button_fields), h)
	             : apply(r, o, reply_fields, FIELDS_N(reply_fields), h);
	if (rc)
		return rc;
	r->raw_json = json_text(o, h);
	if (!r->raw_json)
		return GOSEND__DECODE_NOMEM;
	msg->reply = r;
	return GOSEND__DECODE_OK;
}

static int decode_flow_reply(gosend_webhook_inbound_message *msg,
                             const gosend__jn *o, gosend__holder *h)
{
	gosend_webhook_flow_reply *f = gosend__h_alloc(h, sizeof(*f));
	const gosend__jn *resp = gosend__jn_get(o, "response_json");

	if (!f)
		return GOSEND__DECODE_NOMEM;
	f->struct_version = 1;
	if (apply(f, o, flow_reply_fields, FIELDS_N(flow_reply_fields), h))
		return GOSEND__DECODE_NOMEM;
	/* an object in place of the usual string: its text */
	if (gosend__jn_type(resp) == GOSEND__JN_OBJECT) {
		f->response_json = json_text(resp, h);
		if (!f->response_json)
			return GOSEND__DECODE_NOMEM;
	}
	f->raw_json = json_text(o, h);
	if (!f->raw_json)
		return GOSEND__DECODE_NOMEM;
	msg->flow_reply = f;
	return GOSEND__DECODE_OK;
}

static int decode_location(gosend_webhook_inbound_message *msg,
                           const gosend__jn *o, gosend__holder *h)
{
	gosend_webhook_location *l = gosend__h_alloc(h, sizeof(*l));
	double lat = 0, lon = 0;

	if (!l)
		return GOSEND__DECODE_NOMEM;
	l->struct_version = 1;
	if (apply(l, o, location_fields, FIELDS_N(location_fields), h))
		return GOSEND__DECODE_NOMEM;
	if (gosend__jn_num(gosend__jn_get(o, "latitude"), &lat) &&
	    gosend__jn_num(gosend__jn_get(o, "longitude"), &lon)) {
		l->has_coordinates = 1;
		l->latitude = lat;
		l->longitude = lon;
	}
	l->raw_json = json_text(o, h);
	if (!l->raw_json)
		return GOSEND__DECODE_NOMEM;
	msg->location = l;
	return GOSEND__DECODE_OK;
}

/* The views of what the message answers: a button, a row, a Flow, a
 * location request. Each from its object when it is one. */
static int decode_answers(gosend_webhook_inbound_message *msg,
                          const gosend__jn *m, gosend__holder *h)
{
	const gosend__jn *ia = object_member(m, "interactive"), *o;
	int rc = apply(msg, ia, message_interactive_fields,
	               FIELDS_N(message_interactive_fields), h);

	if (rc == 0 && (o = object_member(ia, "button_reply")) != NULL)
		rc = decode_reply(msg, o, GOSEND_WEBHOOK_REPLY_BUTTON, h);
	else if (rc == 0 && (o = object_member(ia, "list_reply")) != NULL)
		rc = decode_reply(msg, o, GOSEND_WEBHOOK_REPLY_LIST, h);
	else if (rc == 0 && (o = object_member(m, "button")) != NULL)
		rc = decode_reply(msg, o, GOSEND_WEBHOOK_REPLY_TEMPLATE_BUTTON,
		                  h);
	if (rc == 0 && (o = object_member(ia, "nfm_reply")) != NULL)
		rc = decode_flow_reply(msg, o, h);
	if (rc == 0 && (o = object_member(m, "location")) != NULL)
		rc = decode_location(msg, o, h);
	return rc;
}

static int decode_message(gosend_webhook_event *ev, const gosend__jn *m,
                          const gosend__jn *value, gosend__holder *h)
{
	gosend_webhook_inbound_message *msg = gosend__h_alloc(h, sizeof(*msg));
	const gosend__jn *media;

	if (!msg)
		return GOSEND__DECODE_NOMEM;
	msg->struct_version = 2;
	if (apply(msg, m, message_fields, FIELDS_N(message_fields), h) ||
	    apply(msg, object_member(m, "text"), message_text_fields,
	          FIELDS_N(message_text_fields), h))
		return GOSEND__DECODE_NOMEM;
	media = msg->type ? object_member(m, msg->type) : NULL;
	if (apply(msg, media, message_media_fields,
	          FIELDS_N(message_media_fields), h) ||
	    apply(msg, object_member(m, "context"), message_context_fields,
	          FIELDS_N(message_context_fields), h) ||
	    apply(msg, object_member(m, "profile"), message_profile_fields,
	          FIELDS_N(message_profile_fields), h) ||
	    apply(msg,
	          object_member(first_object(value, "contacts"), "profile"),
	          message_profile_fields, FIELDS_N(message_profile_fields), h))
		return GOSEND__DECODE_NOMEM;
	if (decode_answers(msg, m, h))
		return GOSEND__DECODE_NOMEM;
	msg->raw_json = json_text(m, h);
	if (!msg->raw_json)
		return GOSEND__DECODE_NOMEM;
	ev->message = msg;
	return GOSEND__DECODE_OK;
}

/* A numeric string error code ("131047") as a number. */
static void error_code_from_string(gosend_webhook_message_status *st,
                                   const gosend__jn *err)
{
	const char *s = gosend__jn_str(gosend__jn_get(err, "code"));
	long long v = 0;
	size_t i;

	if (!s)
		return;
	for (i = 0; i < 18 && s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return;
		v = v * 10 + (s[i] - '0');
	}
	if (i > 0 && !s[i])
		st->error_code = v;
}

static int decode_status(gosend_webhook_event *ev, const gosend__jn *s,
                         gosend__holder *h)
{
	gosend_webhook_message_status *st = gosend__h_alloc(h, sizeof(*st));
	const gosend__jn *e;

	if (!st)
		return GOSEND__DECODE_NOMEM;
	st->struct_version = 1;
	st->error_code = -1;
	e = first_object(s, "errors");
	if (!e)
		e = object_member(s, "error");
	if (apply(st, s, status_fields, FIELDS_N(status_fields), h) ||
	    apply(st, object_member(s, "conversation"),
	          status_conversation_fields,
	          FIELDS_N(status_conversation_fields), h) ||
	    apply(st, e, status_error_fields, FIELDS_N(status_error_fields),
	          h) ||
	    apply(st, object_member(e, "error_data"), status_error_data_fields,
	          FIELDS_N(status_error_data_fields), h))
		return GOSEND__DECODE_NOMEM;
	if (e && st->error_code == -1)
		error_code_from_string(st, e);
	if (st->error_code < -1) /* error codes are positive; -1 is "none" */
		st->error_code = -1;
	if (!st->status)
		st->status = last_segment(ev->name);
	st->raw_json = json_text(s, h);
	if (!st->raw_json)
		return GOSEND__DECODE_NOMEM;
	ev->status = st;
	return GOSEND__DECODE_OK;
}

static int decode_template(gosend_webhook_event *ev, const gosend__jn *t,
                           gosend__holder *h)
{
	gosend_webhook_template_status *ts = gosend__h_alloc(h, sizeof(*ts));

	if (!ts)
		return GOSEND__DECODE_NOMEM;
	ts->struct_version = 1;
	if (apply(ts, t, template_fields, FIELDS_N(template_fields), h) ||
	    apply(ts, object_member(t, "language"), template_language_fields,
	          FIELDS_N(template_language_fields), h))
		return GOSEND__DECODE_NOMEM;
	if (!ts->status)
		ts->status = last_segment(ev->name);
	ts->raw_json = json_text(t, h);
	if (!ts->raw_json)
		return GOSEND__DECODE_NOMEM;
	ev->template_status = ts;
	return GOSEND__DECODE_OK;
}

/* ---- the event ------------------------------------------------------ */

/* Name, id, time and type from the envelope. */
static int decode_envelope(gosend_webhook_event *ev, const gosend__jn *root,
                           gosend__holder *h)
{
	int known;

	ev->raw_json = h->body;
	ev->meta = h->meta;
	ev->timestamp_unix = -1;
	if (apply(ev, root, envelope_fields, FIELDS_N(envelope_fields), h))
		return GOSEND__DECODE_NOMEM;
	if (!ev->name)
		ev->name = "";
	if (ev->id && !*ev->id)
		ev->id = NULL;
	/* names[i] is type i + 1; not found (-1) gives OTHER (0) */
	known = gosend__enum_from(ev->name, gosend__webhook_event_names, -1);
	ev->type = (gosend_webhook_event_type)(known + 1);
	return GOSEND__DECODE_OK;
}

/* Where the parts of an event are: the payload ("data" or "payload"),
 * Meta's change and its value (in the payload or as the whole body). */
typedef struct parts {
	const gosend__jn *payload, *change, *value;
} parts;

static void find_parts(parts *p, const gosend__jn *root)
{
	p->payload = object_member(root, "data");
	if (!p->payload)
		p->payload = object_member(root, "payload");
	p->change = first_object(
	        first_object(p->payload ? p->payload : root, "entry"),
	        "changes");
	p->value = object_member(p->change, "value");
	if (!p->change && p->payload &&
	    (gosend__jn_type(gosend__jn_get(p->payload, "messages")) ==
	             GOSEND__JN_ARRAY ||
	     gosend__jn_type(gosend__jn_get(p->payload, "statuses")) ==
	             GOSEND__JN_ARRAY ||
	     object_member(p->payload, "metadata")))
		p->value = p->payload;
}

/* The object of a view: Meta's first `list` element, else (when the
 * event is of the kind) the payload's `key` object or the payload. */
static const gosend__jn *view_object(const parts *p, const char *list,
                                     const char *key, int of_kind)
{
	const gosend__jn *c = first_object(p->value, list);

	if (!c && of_kind && p->payload) {
		c = object_member(p->payload, key);
		if (!c)
			c = p->payload;
	}
	return c;
}

/* A template status: Meta's field says so, or the name mentions one. */
static const gosend__jn *template_object(const gosend_webhook_event *ev,
                                         const parts *p)
{
	const char *field = gosend__jn_str(gosend__jn_get(p->change, "field"));
	const gosend__jn *c;

	if (!(field && strcmp(field, "message_template_status_update") == 0) &&
	    !strstr(ev->name, "template"))
		return NULL;
	c = object_member(p->payload, "template");
	return c ? c : p->value ? p->value : p->payload;
}

static int decode_views(gosend_webhook_event *ev, const gosend__jn *root,
                        gosend__holder *h)
{
	parts p;
	const gosend__jn *c;
	int is_received, is_status;

	find_parts(&p, root);
	if (p.payload) {
		ev->payload_json = json_text(p.payload, h);
		if (!ev->payload_json)
			return GOSEND__DECODE_NOMEM;
	}
	if (apply(ev, object_member(p.value, "metadata"), phone_fields,
	          FIELDS_N(phone_fields), h) ||
	    apply(ev, p.payload, phone_fields, FIELDS_N(phone_fields), h) ||
	    apply(ev, root, phone_fields, FIELDS_N(phone_fields), h))
		return GOSEND__DECODE_NOMEM;
	is_received = ev->type == GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED;
	is_status = !is_received && strncmp(ev->name, MESSAGE_PREFIX,
	                                    sizeof(MESSAGE_PREFIX) - 1) == 0;
	c = view_object(&p, "messages", "message", is_received);
	if (c && decode_message(ev, c, p.value, h))
		return GOSEND__DECODE_NOMEM;
	c = view_object(&p, "statuses", "status", is_status);
	if (c && decode_status(ev, c, h))
		return GOSEND__DECODE_NOMEM;
	c = template_object(ev, &p);
	if (c && decode_template(ev, c, h))
		return GOSEND__DECODE_NOMEM;
	return GOSEND__DECODE_OK;
}

int gosend__webhook_event_decode(gosend_webhook_event **out, const char *body,
                                 size_t len, gosend_error **err)
{
	gosend__holder *h;
	void *obj = NULL;
	int rc;

	*out = NULL;
	rc = gosend__obj_from_body(sizeof(gosend_webhook_event), body, len,
	                           &obj, err);
	if (rc < 0)
		return rc;
	h = gosend__obj_holder(obj);
	if (gosend__jn_type(gosend__h_root(h)) != GOSEND__JN_OBJECT) {
		gosend__failure f;

		memset(&f, 0, sizeof(f));
		f.code = GOSEND_EPROTOCOL;
		f.message = "webhook body is not a JSON object";
		f.body = h->body;
		f.body_len = h->body_len;
		f.meta = h->meta;
		rc = gosend__report(err, &f);
		gosend__obj_free(obj);
		return rc;
	}
	rc = decode_envelope(obj, gosend__h_root(h), h);
	if (rc == GOSEND__DECODE_OK)
		rc = decode_views(obj, gosend__h_root(h), h);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	*out = obj;
	return GOSEND_OK;
}
