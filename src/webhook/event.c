/*
 * Webhook deliveries parsed into typed events. The envelope is not
 * documented, so every member is looked up under several spellings (see
 * webhook_events.h) and a member of an unexpected type is ignored rather
 * than failing the parse: only a body that is not a JSON object fails.
 *
 * Decoding uses the field tables of json.h one entry at a time, lowest
 * priority first: a later entry that is present overwrites an earlier one,
 * and an entry of the wrong type leaves the earlier value in place.
 */
#include "gosendapi/webhook_events.h"

#include <string.h>

#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"

/* ---- lenient field tables ------------------------------------------ */

#define FIELDS_N(t) (sizeof(t) / sizeof((t)[0]))

/*
 * Apply each entry of the table on its own. Wrong types are skipped;
 * returns GOSEND__DECODE_OK or GOSEND__DECODE_NOMEM.
 */
static int apply(void *obj, const cJSON *json, const gosend__field *fields,
                 size_t n, gosend__holder *h)
{
	size_t i;

	if (!cJSON_IsObject(json))
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

/* Indexed by gosend_webhook_event_type - 1. */
static const char *const event_names[] = {
        "whatsapp.message.received", "whatsapp.message.delivered",
        "whatsapp.conversation.created", "whatsapp.phone_number.created", NULL};

#define MESSAGE_PREFIX "whatsapp.message."

const char *gosend_webhook_event_type_name(gosend_webhook_event_type type)
{
	int i = (int)type;

	if (i < 1 || i > (int)(FIELDS_N(event_names) - 1))
		return NULL;
	return event_names[i - 1];
}

/* Text after the last dot, or NULL when there is none or it is empty. */
static const char *last_segment(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && dot[1] ? dot + 1 : NULL;
}

/* ---- JSON navigation ------------------------------------------------ */

static const cJSON *member(const cJSON *obj, const char *key)
{
	return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key)
	                           : NULL;
}

static const cJSON *object_member(const cJSON *obj, const char *key)
{
	const cJSON *m = member(obj, key);

	return cJSON_IsObject(m) ? m : NULL;
}

/* obj[key][0] when obj[key] is an array whose first element is an object. */
static const cJSON *first_object(const cJSON *obj, const char *key)
{
	const cJSON *arr = member(obj, key), *el;

	if (!cJSON_IsArray(arr))
		return NULL;
	el = arr->child;
	return cJSON_IsObject(el) ? el : NULL;
}

/* Meta's entry[0].changes[0], or NULL. */
static const cJSON *meta_change(const cJSON *obj)
{
	return first_object(first_object(obj, "entry"), "changes");
}

/* Compact JSON text of item, copied into the holder; NULL when OOM. */
static const char *json_text(const cJSON *item, gosend__holder *h)
{
	char *txt = cJSON_PrintUnformatted(item);
	const char *s;

	if (!txt)
		return NULL;
	s = gosend__h_strdup(h, txt);
	cJSON_free(txt);
	return s;
}

/* ---- time ----------------------------------------------------------- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* n decimal digits at s; -1 when one is not a digit. */
static int num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30,
	                          31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

/* Seconds since the epoch, or -1. See gosend_webhook_event. */
static long long parse_time(const char *s)
{
	size_t len = strlen(s), i;
	int y, mo, d, hh = 0, mi = 0, ss = 0, off = 0;
	const char *p;

	if (len >= 1 && len <= 18) {
		long long v = 0;
		for (i = 0; i < len && is_digit(s[i]); i++)
			v = v * 10 + (s[i] - '0');
		if (i == len)
			return v > 100000000000LL ? v / 1000 : v;
	}
	if (len < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = num(s, 4);
	mo = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;
	p = s + 10;
	if (*p) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		hh = num(p, 2);
		if (hh < 0 || hh > 23 || p[2] != ':')
			return -1;
		mi = num(p + 3, 2);
		if (mi < 0 || mi > 59)
			return -1;
		p += 5;
		if (*p == ':') {
			ss = num(p + 1, 2);
			if (ss < 0 || ss > 60)
				return -1;
			p += 3;
			if (*p == '.' || *p == ',') {
				p++;
				if (!is_digit(*p))
					return -1;
				while (is_digit(*p))
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1, oh, om;
			oh = num(p + 1, 2);
			if (oh < 0 || oh > 23)
				return -1;
			p += 3;
			if (*p == ':')
				p++;
			om = num(p, 2);
			if (om < 0 || om > 59)
				return -1;
			p += 2;
			off = sign * (oh * 3600 + om * 60);
		}
		if (*p)
			return -1;
	}
	return days_from_civil(y, mo, d) * 86400 + (long long)hh * 3600 +
	       (long long)mi * 60 + ss - off;
}

/* ---- typed views ---------------------------------------------------- */

static int decode_message(gosend_webhook_event *ev, const cJSON *m,
                          const cJSON *value, gosend__holder *h)
{
	gosend_webhook_inbound_message *msg = gosend__h_alloc(h, sizeof(*msg));
	const cJSON *media;

	if (!msg)
		return GOSEND__DECODE_NOMEM;
	msg->struct_version = 1;
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
	msg->raw_json = json_text(m, h);
	if (!msg->raw_json)
		return GOSEND__DECODE_NOMEM;
	ev->message = msg;
	return GOSEND__DECODE_OK;
}

/* A numeric string error code ("131047") as a number. */
static void error_code_from_string(gosend_webhook_message_status *st,
                                   const cJSON *err)
{
	const cJSON *code = member(err, "code");
	const char *s;
	long long v = 0;
	size_t i;

	if (!cJSON_IsString(code))
		return;
	s = code->valuestring;
	for (i = 0; i < 18 && s[i]; i++) {
		if (!is_digit(s[i]))
			return;
		v = v * 10 + (s[i] - '0');
	}
	if (i > 0 && !s[i])
		st->error_code = v;
}

static int decode_status(gosend_webhook_event *ev, const cJSON *s,
                         gosend__holder *h)
{
	gosend_webhook_message_status *st = gosend__h_alloc(h, sizeof(*st));
	const cJSON *e;

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

static int decode_template(gosend_webhook_event *ev, const cJSON *t,
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

static int decode_event(gosend_webhook_event *ev, gosend__holder *h)
{
	const cJSON *root = h->root, *payload, *change, *value, *field, *c;
	int is_received, is_status, known;

	ev->raw_json = h->body;
	ev->meta = h->meta;
	ev->timestamp_unix = -1;
	if (apply(ev, root, envelope_fields, FIELDS_N(envelope_fields), h))
		return GOSEND__DECODE_NOMEM;
	if (!ev->name)
		ev->name = "";
	if (ev->id && !*ev->id)
		ev->id = NULL;
	/* event_names[i] is type i + 1; not found (-1) gives OTHER (0) */
	known = gosend__enum_from(ev->name, event_names, -1);
	ev->type = (gosend_webhook_event_type)(known + 1);
	if (ev->timestamp)
		ev->timestamp_unix = parse_time(ev->timestamp);

	payload = object_member(root, "data");
	if (!payload)
		payload = object_member(root, "payload");
	if (payload) {
		ev->payload_json = json_text(payload, h);
		if (!ev->payload_json)
			return GOSEND__DECODE_NOMEM;
	}

	/* Meta's shape: in the payload, or as the whole body. */
	change = meta_change(payload ? payload : root);
	value = object_member(change, "value");
	if (!change && payload &&
	    (cJSON_IsArray(member(payload, "messages")) ||
	     cJSON_IsArray(member(payload, "statuses")) ||
	     object_member(payload, "metadata")))
		value = payload;
	field = member(change, "field");

	if (apply(ev, object_member(value, "metadata"), phone_fields,
	          FIELDS_N(phone_fields), h) ||
	    apply(ev, payload, phone_fields, FIELDS_N(phone_fields), h) ||
	    apply(ev, root, phone_fields, FIELDS_N(phone_fields), h))
		return GOSEND__DECODE_NOMEM;

	is_received = ev->type == GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED;
	is_status = !is_received && strncmp(ev->name, MESSAGE_PREFIX,
	                                    sizeof(MESSAGE_PREFIX) - 1) == 0;

	c = first_object(value, "messages");
	if (!c && is_received && payload) {
		c = object_member(payload, "message");
		if (!c)
			c = payload;
	}
	if (c && decode_message(ev, c, value, h))
		return GOSEND__DECODE_NOMEM;

	c = first_object(value, "statuses");
	if (!c && is_status && payload) {
		c = object_member(payload, "status");
		if (!c)
			c = payload;
	}
	if (c && decode_status(ev, c, h))
		return GOSEND__DECODE_NOMEM;

	c = NULL;
	if ((cJSON_IsString(field) &&
	     strcmp(field->valuestring, "message_template_status_update") ==
	             0) ||
	    strstr(ev->name, "template")) {
		c = object_member(payload, "template");
		if (!c)
			c = value ? value : payload;
	}
	if (c && decode_template(ev, c, h))
		return GOSEND__DECODE_NOMEM;
	return GOSEND__DECODE_OK;
}

/* ---- public --------------------------------------------------------- */

int gosend_webhook_event_parse(gosend_webhook_event **out, const void *body,
                               size_t len, gosend_error **err)
{
	void *obj = NULL;
	gosend__holder *h;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!body && len)
		return gosend__fail(err, GOSEND_EINVAL, "body",
		                    "body is NULL but len is %lu",
		                    (unsigned long)len);
	/*
	 * JSON never contains a raw NUL (control characters in strings must
	 * be escaped), and one would cut raw_json and string values short.
	 */
	if (len && memchr(body, '\0', len))
		return gosend__fail(err, GOSEND_EPROTOCOL, NULL,
		                    "webhook body contains a NUL byte");
	rc = gosend__obj_from_body(sizeof(gosend_webhook_event),
	                           body ? (const char *)body : "", len, &obj,
	                           err);
	if (rc < 0)
		return rc;
	h = gosend__obj_holder(obj);
	if (!cJSON_IsObject(h->root)) {
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
	rc = decode_event(obj, h);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	*out = obj;
	return GOSEND_OK;
}

int gosend_webhook_event_is(const gosend_webhook_event *ev, const char *name)
{
	return ev && name && ev->name && strcmp(ev->name, name) == 0;
}

/* `*` matches any run of characters; everything else matches itself. */
static int glob_match(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*p == '*') {
			star = p++;
			resume = s;
		} else if (*p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

int gosend_webhook_event_matches(const gosend_webhook_event *ev,
                                 const char *pattern)
{
	return ev && pattern && ev->name && glob_match(pattern, ev->name);
}

void gosend_webhook_event_free(gosend_webhook_event *ev)
{
	gosend__obj_free(ev);
}
