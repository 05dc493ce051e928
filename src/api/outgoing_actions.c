/*
 * Interactive messages whose action is named: call-to-action URL
 * (`cta_url`), Flow (`flow`) and location request (`send_location`).
 * Each is complete when made, so a constructor checks every argument and
 * the whole-message check has nothing left to add; the header and footer
 * setters of outgoing_interactive.c apply to the first two.
 */
#include "api/outgoing.h"

#include <string.h>

#include "core/errors.h"

/* action = {"name": name, "parameters": params}; takes params (NULL:
 * leave out). 0, or -1 when out of memory. */
static int set_action(gosend_outgoing *msg, const char *name,
                      gosend__jv *params)
{
	gosend__jv *action = gosend__interactive_action(msg);

	if (gosend__jv_set_str(action, "name", name) < 0) {
		gosend__jv_free(params);
		return -1;
	}
	return params ? gosend__jv_set(action, "parameters", params) : 0;
}

/* ---- call-to-action URL ---- */

int gosend_outgoing_cta_url_new(gosend_outgoing **out,
                                const char *phone_number_id, const char *to,
                                const char *body, const char *display_text,
                                const char *url, gosend_error **err)
{
	gosend__jv *p;
	int rc = gosend__outgoing_entry(out, err);

	if (rc == 0)
		rc = gosend__check_text(
		        err, "interactive.action.parameters.display_text",
		        display_text, GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL,
		        GOSEND_CTA_DISPLAY_TEXT_MAX);
	if (rc == 0)
		rc = gosend__check_link(
		        err, "interactive.action.parameters.url", url);
	if (rc == 0)
		rc = gosend__interactive_new(out, phone_number_id, to,
		                             "cta_url", body, err);
	if (rc != 0)
		return rc;
	p = gosend__jv_object();
	if (!p || gosend__jv_set_str(p, "display_text", display_text) < 0 ||
	    gosend__jv_set_str(p, "url", url) < 0) {
		gosend__jv_free(p);
		return gosend__outgoing_drop(out, err);
	}
	if (set_action(*out, "cta_url", p) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

/* ---- location request ---- */

int gosend_outgoing_location_request_new(gosend_outgoing **out,
                                         const char *phone_number_id,
                                         const char *to, const char *body,
                                         gosend_error **err)
{
	int rc = gosend__outgoing_entry(out, err);

	if (rc == 0)
		rc = gosend__interactive_new(out, phone_number_id, to,
		                             "location_request_message", body,
		                             err);
	if (rc != 0)
		return rc;
	if (set_action(*out, "send_location", NULL) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

/* ---- Flow ---- */

#define FP "interactive.action.parameters."

/* s is NULL or one of the two words; else GOSEND_EINVAL naming field. */
static int check_word(const char *s, const char *a, const char *b,
                      const char *field, gosend_error **err)
{
	if (!s || strcmp(s, a) == 0 || strcmp(s, b) == 0)
		return GOSEND_OK;
	return gosend__fail(err, GOSEND_EINVAL, field,
	                    "%s must be \"%s\" or \"%s\" (or NULL to leave "
	                    "it out)",
	                    field, a, b);
}

/* Which Flow: exactly one of flow_id and flow_name; the button text. */
static int check_flow_names(const gosend_flow_params *f, gosend_error **err)
{
	int rc;

	if (f->flow_id && f->flow_name)
		return gosend__fail(err, GOSEND_EINVAL, FP "flow_id",
		                    "give flow_id or flow_name, not both");
	if (!f->flow_id && !f->flow_name)
		return gosend__fail(err, GOSEND_EINVAL, FP "flow_id",
		                    "a Flow message needs flow_id or "
		                    "flow_name");
	rc = gosend__check_text(err, FP "flow_id", f->flow_id,
	                        GOSEND__TXT_TOKEN, 0);
	if (rc == 0)
		rc = gosend__check_text(err, FP "flow_name", f->flow_name,
		                        GOSEND__TXT_NOCTRL, 0);
	if (rc == 0)
		rc = gosend__check_text(
		        err, FP "flow_cta", f->flow_cta,
		        GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL, 0);
	if (rc == 0)
		rc = gosend__check_text(err, FP "flow_token", f->flow_token,
		                        GOSEND__TXT_NOCTRL, 0);
	return rc;
}

/* data_json is a JSON object with at least one member; its value in
 * *data (the caller frees it). */
static int parse_flow_data(const char *data_json, gosend__jv **data,
                           gosend_error **err)
{
	static const char field[] = FP "flow_action_payload.data";

	if (gosend__jv_parse_checked(data, data_json, strlen(data_json)) ==
	    GOSEND__JV_NOMEM)
		return gosend__outgoing_oom(err);
	if (!*data || !gosend__jv_is_object(*data) ||
	    gosend__jv_count(*data) == 0) {
		gosend__jv_free(*data);
		*data = NULL;
		return gosend__fail(
		        err, GOSEND_EINVAL, field,
		        "%s must be a JSON object with at least one "
		        "member",
		        field);
	}
	return GOSEND_OK;
}

/* Every field of the Flow; the parsed `data` in *data, or NULL. */
static int check_flow(const gosend_flow_params *f, gosend__jv **data,
                      gosend_error **err)
{
	int rc;

	*data = NULL;
	if (!f)
		return gosend__fail(err, GOSEND_EINVAL, "flow", "flow is NULL");
	if (f->version == 0 || f->version > GOSEND_FLOW_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "flow.version",
		                    "unknown gosend_flow_params version %u",
		                    f->version);
	rc = check_flow_names(f, err);
	if (rc == 0)
		rc = check_word(f->flow_action, "navigate", "data_exchange",
		                FP "flow_action", err);
	if (rc == 0)
		rc = check_word(f->mode, "draft", "published", FP "mode", err);
	if (rc == 0)
		rc = gosend__check_text(err, FP "flow_action_payload.screen",
		                        f->screen, GOSEND__TXT_NOCTRL, 0);
	if (rc != 0)
		return rc;
	if ((f->screen || f->data_json) && f->flow_action &&
	    strcmp(f->flow_action, "navigate") != 0)
		return gosend__fail(err, GOSEND_EINVAL,
		                    FP "flow_action_payload",
		                    "flow_action_payload (screen, data) goes "
		                    "with flow_action \"navigate\" only");
	return f->data_json ? parse_flow_data(f->data_json, data, err)
	                    : GOSEND_OK;
}

/* {"screen": screen, "data": data}; takes data. NULL when out of
 * memory. */
static gosend__jv *flow_payload(const char *screen, gosend__jv *data)
{
	gosend__jv *p = gosend__jv_object();

	if (!p || gosend__outgoing_put(p, "screen", screen) < 0) {
		gosend__jv_free(p);
		gosend__jv_free(data);
		return NULL;
	}
	/* gosend__jv_set frees data when it fails */
	if (data && gosend__jv_set(p, "data", data) < 0) {
		gosend__jv_free(p);
		return NULL;
	}
	return p;
}

/* The `parameters` of a Flow; takes data. NULL when out of memory. */
static gosend__jv *flow_parameters(const gosend_flow_params *f,
                                   gosend__jv *data)
{
	gosend__jv *p = gosend__jv_object();
	int ok = p &&
	         gosend__jv_set_str(p, "flow_message_version",
	                            GOSEND_FLOW_MESSAGE_VERSION) == 0 &&
	         gosend__outgoing_put(p, "flow_token", f->flow_token) == 0 &&
	         gosend__outgoing_put(p, "flow_id", f->flow_id) == 0 &&
	         gosend__outgoing_put(p, "flow_name", f->flow_name) == 0 &&
	         gosend__jv_set_str(p, "flow_cta", f->flow_cta) == 0 &&
	         gosend__outgoing_put(p, "flow_action", f->flow_action) == 0;

	if (!ok) {
		gosend__jv_free(data);
		gosend__jv_free(p);
		return NULL;
	}
	/* the payload takes data in every case */
	if ((f->screen || data) &&
	    gosend__jv_set(p, "flow_action_payload",
	                   flow_payload(f->screen, data)) < 0)
		ok = 0;
	if (!ok || gosend__outgoing_put(p, "mode", f->mode) < 0) {
		gosend__jv_free(p);
		return NULL;
	}
	return p;
}

int gosend_outgoing_flow_new(gosend_outgoing **out, const char *phone_number_id,
                             const char *to, const char *body,
                             const gosend_flow_params *flow, gosend_error **err)
{
	gosend__jv *data = NULL, *params;
	int rc = gosend__outgoing_entry(out, err);

	if (rc == 0)
		rc = check_flow(flow, &data, err);
	if (rc == 0)
		rc = gosend__interactive_new(out, phone_number_id, to, "flow",
		                             body, err);
	if (rc != 0) {
		gosend__jv_free(data);
		return rc;
	}
	params = flow_parameters(flow, data);
	if (!params || set_action(*out, "flow", params) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}
