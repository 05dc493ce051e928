/* Checks of whole outgoing messages, and the body they give. */
#include "api/outgoing.h"

#include <stdio.h>
#include <string.h>

#include "gosendapi/phone.h"
#include "api/text.h"
#include "core/errors.h"

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
	const gosend__jv *action = gosend__interactive_action(msg);
	const gosend__jv *sections = gosend__jv_get(action, "sections");
	unsigned int kind = gosend__interactive_kind(msg);

	if (kind == GOSEND__IA_BUTTON &&
	    !gosend__jv_count(gosend__jv_get(action, "buttons")))
		return gosend__fail(
		        err, GOSEND_EINVAL, "interactive.action.buttons",
		        "a button message needs 1 to %d reply "
		        "buttons (gosend_outgoing_add_reply_button)",
		        GOSEND_REPLY_BUTTONS_MAX);
	if (kind != GOSEND__IA_LIST)
		return GOSEND_OK; /* the others are complete when made */
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

/* ---- the body ---- */

int gosend_outgoing_to_json(char **out, const gosend_outgoing *msg,
                            gosend_error **err)
{
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!msg)
		return gosend__fail(err, GOSEND_EINVAL, "msg", "msg is NULL");
	rc = gosend__check_message(msg, err);
	if (rc != 0)
		return rc;
	*out = gosend__jv_print(msg->root);
	if (!*out)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}
