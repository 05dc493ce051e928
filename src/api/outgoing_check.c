/* Checks of outgoing messages: single fields and whole messages. */
#include "api/outgoing.h"

#include <stdio.h>
#include <string.h>

#include "gosendapi/phone.h"
#include "api/text.h"
#include "core/errors.h"

/* ---- fields ---- */

/* Control characters, or (TOKEN) anything but printable ASCII. */
static int check_chars(gosend_error **err, const char *field, const char *s,
                       unsigned int flags)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s contains a control character",
			                    field);
		if ((flags & GOSEND__TXT_TOKEN) && (c == ' ' || c >= 0x80))
			return gosend__fail(
			        err, GOSEND_EINVAL, field,
			        "%s must be printable ASCII without "
			        "spaces",
			        field);
	}
	return GOSEND_OK;
}

int gosend__check_text(gosend_error **err, const char *field, const char *s,
                       unsigned int flags, long max)
{
	long n;

	if (!s) {
		if (flags & GOSEND__TXT_REQUIRED)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s is required (NULL given)",
			                    field);
		return GOSEND_OK;
	}
	if (!*s)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must not be empty%s", field,
		                    (flags & GOSEND__TXT_REQUIRED)
		                            ? ""
		                            : " (pass NULL to leave it out)");
	n = gosend__utf8_chars(s);
	if (n < 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is not valid UTF-8", field);
	if (max > 0 && n > max)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is %ld characters long; the limit is "
		                    "%ld",
		                    field, n, max);
	if (flags & (GOSEND__TXT_NOCTRL | GOSEND__TXT_TOKEN))
		return check_chars(err, field, s, flags);
	return GOSEND_OK;
}

int gosend__check_to(gosend_error **err, const char *field, const char *to)
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
	int rc = gosend__check_text(
	        err, field, s, GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL, 0);
	size_t skip = 0;

	if (rc != 0)
		return rc;
	if (strncmp(s, "https://", 8) == 0 || strncmp(s, "HTTPS://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0 || strncmp(s, "HTTP://", 7) == 0)
		skip = 7;
	if (strchr(s, ' '))
		skip = 0;
	if (!skip || s[skip] == '\0' || s[skip] == '/')
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be an http:// or https:// URL "
		                    "without spaces",
		                    field);
	return GOSEND_OK;
}

int gosend__check_link_or_id(gosend_error **err, const char *path,
                             const char *link, const char *id)
{
	char field[160];

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
	return gosend__check_text(
	        err, field, id, GOSEND__TXT_REQUIRED | GOSEND__TXT_TOKEN, 256);
}

int gosend__check_filename(gosend_error **err, const char *field, const char *s)
{
	int rc = gosend__check_text(
	        err, field, s, GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL, 0);

	if (rc == 0 && strpbrk(s, "/\\"))
		rc = gosend__fail(err, GOSEND_EINVAL, field,
		                  "%s must not contain '/' or '\\'", field);
	return rc;
}

int gosend__check_language(gosend_error **err, const char *code)
{
	static const char field[] = "template.language.code";
	int rc = gosend__check_text(
	        err, field, code, GOSEND__TXT_REQUIRED | GOSEND__TXT_TOKEN, 0);

	if (rc == 0 && !gosend__language_ok(code))
		rc = gosend__fail(err, GOSEND_EINVAL, field,
		                  "%s must be 2 or 3 lower-case letters, "
		                  "optionally '_' and 2 to 4 letters or digits "
		                  "(\"en\", \"en_US\", \"es_419\")",
		                  field);
	return rc;
}

/* ---- whole messages ---- */

static int check_template(const gosend_outgoing *msg, gosend_error **err)
{
	char field[64];
	const gosend__jv *comp;
	size_t i = 0;

	GOSEND__JV_EACH(comp, gosend__jv_get(msg->payload, "components"))
	{
		if (!gosend__jv_count(gosend__jv_get(comp, "parameters"))) {
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

/* Every section has rows, and a title when there are several. */
static int check_sections(const gosend__jv *sections, gosend_error **err)
{
	char field[80];
	const gosend__jv *s;
	size_t n = gosend__jv_count(sections), i = 0;

	GOSEND__JV_EACH(s, sections)
	{
		if (n > 1 && !gosend__jv_get_str(s, "title")) {
			(void)snprintf(field, sizeof(field),
			               "interactive.action.sections[%zu].title",
			               i);
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s is required when a list has "
			                    "more than one section",
			                    field);
		}
		if (!gosend__jv_count(gosend__jv_get(s, "rows"))) {
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

static int check_interactive(const gosend_outgoing *msg, gosend_error **err)
{
	const gosend__jv *action = gosend__jv_get(msg->payload, "action");
	const gosend__jv *sections = gosend__jv_get(action, "sections");

	if (!gosend__outgoing_is_list(msg)) {
		if (!gosend__jv_count(gosend__jv_get(action, "buttons")))
			return gosend__fail(
			        err, GOSEND_EINVAL,
			        "interactive.action.buttons",
			        "a button message needs 1 to %d reply buttons "
			        "(gosend_outgoing_add_reply_button)",
			        GOSEND_REPLY_BUTTONS_MAX);
		return GOSEND_OK;
	}
	if (!gosend__jv_count(sections))
		return gosend__fail(err, GOSEND_EINVAL,
		                    "interactive.action.sections",
		                    "a list message needs at least one section "
		                    "with a row (gosend_outgoing_add_row)");
	return check_sections(sections, err);
}

/* A card's name has a part besides formatted_name. */
static int has_name_part(const gosend__jv *name)
{
	static const char *const parts[] = {"first_name", "last_name",
	                                    "middle_name", "prefix", "suffix"};
	size_t k;

	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		if (gosend__jv_get_str(name, parts[k]))
			return 1;
	}
	return 0;
}

static int check_contacts(const gosend_outgoing *msg, gosend_error **err)
{
	char field[48];
	const gosend__jv *card;
	size_t i = 0;

	if (!gosend__jv_count(msg->payload))
		return gosend__fail(err, GOSEND_EINVAL, "contacts",
		                    "a contacts message needs at least one "
		                    "card (gosend_outgoing_contact_add)");
	GOSEND__JV_EACH(card, msg->payload)
	{
		if (!has_name_part(gosend__jv_get(card, "name"))) {
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

int gosend__check_message(const gosend_outgoing *msg, gosend_error **err)
{
	switch (msg->type) {
	case GOSEND_MESSAGE_TYPE_TEMPLATE:
		return check_template(msg, err);
	case GOSEND_MESSAGE_TYPE_INTERACTIVE:
		return check_interactive(msg, err);
	case GOSEND_MESSAGE_TYPE_CONTACTS:
		return check_contacts(msg, err);
	default:
		return GOSEND_OK;
	}
}
