/*
 * Template messages: the constructor, button components and the
 * parameters of each component. Every adder names the component its
 * parameter goes to (GOSEND_TEMPLATE_HEADER, _BODY, _BUTTON(index)); the
 * header and the body are made by their first parameter, a button by
 * gosend_outgoing_template_button(). Components keep the order they were
 * made in.
 */
#include "api/outgoing.h"

#include <stdio.h>
#include <string.h>

#include "core/errors.h"

int gosend_outgoing_template_new(gosend_outgoing **out,
                                 const char *phone_number_id, const char *to,
                                 const char *name, const char *language_code,
                                 gosend_error **err)
{
	gosend__jv *lang;
	int rc = gosend__outgoing_entry(out, err);

	if (rc == 0)
		rc = gosend__check_text(err, "template.name", name,
		                        GOSEND__TXT_REQUIRED |
		                                GOSEND__TXT_NOCTRL,
		                        GOSEND_TEMPLATE_NAME_MAX);
	if (rc == 0)
		rc = gosend__check_language(err, language_code);
	if (rc == 0)
		rc = gosend__outgoing_new(out, phone_number_id, to,
		                          GOSEND_MESSAGE_TYPE_TEMPLATE, err);
	if (rc != 0)
		return rc;
	if (gosend__jv_set_str((*out)->payload, "name", name) < 0 ||
	    !(lang = gosend__outgoing_object((*out)->payload, "language")) ||
	    gosend__jv_set_str(lang, "code", language_code) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

static int need_template(gosend_outgoing *msg, gosend_error **err)
{
	int rc = gosend__outgoing_begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_TEMPLATE)
		return gosend__fail(err, GOSEND_EINVAL, "template.components",
		                    "components and parameters apply to "
		                    "template messages only");
	return GOSEND_OK;
}

static const gosend__jv *components_of(const gosend_outgoing *msg)
{
	return gosend__jv_get(msg->payload, "components");
}

/* Whether comp is the button of index idx (decimal text). */
static int is_button(const gosend__jv *comp, const char *idx)
{
	const char *t = gosend__jv_get_str(comp, "type");
	const char *i = gosend__jv_get_str(comp, "index");

	return t && i && strcmp(t, "button") == 0 && strcmp(i, idx) == 0;
}

/* The checks of a new button component's sub_type and index, path its
 * place ("template.components[2]"). */
static int check_button(const gosend_outgoing *msg, const char *sub_type,
                        unsigned int index, const char *path,
                        gosend_error **err)
{
	char field[64], idx[16];
	const gosend__jv *el;
	int rc;

	(void)snprintf(field, sizeof(field), "%s.sub_type", path);
	rc = gosend__check_text(err, field, sub_type,
	                        GOSEND__TXT_REQUIRED | GOSEND__TXT_TOKEN, 32);
	if (rc != 0)
		return rc;
	if (strspn(sub_type, "abcdefghijklmnopqrstuvwxyz_") != strlen(sub_type))
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be lower-case letters and '_', "
		                    "e.g. \"quick_reply\" or \"url\"",
		                    field);
	(void)snprintf(field, sizeof(field), "%s.index", path);
	if (index > 9)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be 0 to 9", field);
	(void)snprintf(idx, sizeof(idx), "%u", index);
	GOSEND__JV_EACH(el, components_of(msg))
	{
		if (is_button(el, idx))
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "button index %u is used twice",
			                    index);
	}
	return GOSEND_OK;
}

/* Append a component {"type": type, ..., "parameters": []}; takes comp. */
static gosend__jv *append_component(gosend_outgoing *msg, gosend__jv *comp)
{
	gosend__jv *components;

	if (!comp || !gosend__outgoing_array(comp, "parameters")) {
		gosend__jv_free(comp);
		return NULL;
	}
	components = gosend__outgoing_array(msg->payload, "components");
	if (!components) {
		gosend__jv_free(comp);
		return NULL;
	}
	return gosend__jv_push(components, comp) < 0 ? NULL : comp;
}

int gosend_outgoing_template_button(gosend_outgoing *msg, const char *sub_type,
                                    unsigned int index, gosend_error **err)
{
	char path[48], idx[16];
	gosend__jv *comp;
	int rc = need_template(msg, err);

	if (rc != 0)
		return rc;
	(void)snprintf(path, sizeof(path), "template.components[%zu]",
	               gosend__jv_count(components_of(msg)));
	rc = check_button(msg, sub_type, index, path, err);
	if (rc != 0)
		return rc;
	(void)snprintf(idx, sizeof(idx), "%u", index);
	comp = gosend__jv_object();
	if (comp && (gosend__jv_set_str(comp, "type", "button") < 0 ||
	             gosend__jv_set_str(comp, "sub_type", sub_type) < 0 ||
	             gosend__jv_set_str(comp, "index", idx) < 0)) {
		gosend__jv_free(comp);
		comp = NULL;
	}
	if (!append_component(msg, comp))
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

/* ---- where a parameter goes ---- */

/* Parameter kinds. */
enum {
	PARAM_TEXT,
	PARAM_CURRENCY,
	PARAM_DATE_TIME,
	PARAM_MEDIA,
	PARAM_PAYLOAD,
	PARAM_COUPON_CODE,
	PARAM_ACTION
};

/* The component a parameter goes to. */
typedef struct target {
	const char *type; /* "header", "body" or "button" */
	char idx[16];     /* a button's index */
	gosend__jv *comp; /* NULL: a header or body its first parameter makes */
	char path[96];    /* the new parameter's path, for errors */
} target;

/* Which component `component` names: 0, or GOSEND_EINVAL. */
static int name_target(int component, target *t, gosend_error **err)
{
	memset(t, 0, sizeof(*t));
	if (component == GOSEND_TEMPLATE_HEADER ||
	    component == GOSEND_TEMPLATE_BODY) {
		t->type =
		        component == GOSEND_TEMPLATE_HEADER ? "header" : "body";
		return GOSEND_OK;
	}
	t->type = "button";
	if (component < GOSEND_TEMPLATE_BUTTON(0) ||
	    component > GOSEND_TEMPLATE_BUTTON(9))
		return gosend__fail(err, GOSEND_EINVAL, "component",
		                    "component must be GOSEND_TEMPLATE_HEADER, "
		                    "GOSEND_TEMPLATE_BODY or "
		                    "GOSEND_TEMPLATE_BUTTON(0 to 9)");
	(void)snprintf(t->idx, sizeof(t->idx), "%d",
	               component - GOSEND_TEMPLATE_BUTTON(0));
	return GOSEND_OK;
}

/* Find the named component and the path of its next parameter. */
static int find_target(const gosend_outgoing *msg, target *t,
                       gosend_error **err)
{
	gosend__jv *el;
	size_t ci = 0;

	GOSEND__JV_EACH(el, components_of(msg))
	{
		const char *type = gosend__jv_get_str(el, "type");
		if (*t->idx ? is_button(el, t->idx)
		            : type && strcmp(type, t->type) == 0) {
			t->comp = el;
			break;
		}
		ci++;
	}
	if (!t->comp && *t->idx)
		return gosend__fail(
		        err, GOSEND_EINVAL, "component",
		        "the template has no button %s: add it "
		        "first with gosend_outgoing_template_button()",
		        t->idx);
	(void)snprintf(t->path, sizeof(t->path),
	               "template.components[%zu].parameters[%zu]", ci,
	               gosend__jv_count(gosend__jv_get(t->comp, "parameters")));
	return GOSEND_OK;
}

/* The parameter kind a button of sub_type takes, or -1 for a button of
 * another kind (payload or text). */
static int button_kind(const gosend__jv *comp)
{
	static const struct {
		const char *sub_type;
		int kind;
	} kinds[] = {{"url", PARAM_TEXT},
	             {"copy_code", PARAM_COUPON_CODE},
	             {"flow", PARAM_ACTION}};
	const char *st = gosend__jv_get_str(comp, "sub_type");
	size_t i;

	for (i = 0; st && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(st, kinds[i].sub_type) == 0)
			return kinds[i].kind;
	}
	return -1;
}

/* Whether a button component takes a parameter of kind: a url button a
 * text, a copy_code button a coupon_code, a flow button an action, any
 * other button a payload or a text. */
static int check_button_param(const target *t, int kind, const char *what,
                              gosend_error **err)
{
	int want = button_kind(t->comp);
	const char *st = gosend__jv_get_str(t->comp, "sub_type");

	if (want >= 0 && kind != want)
		return gosend__fail(err, GOSEND_EINVAL, t->path,
		                    "a %s button takes %s parameters only, "
		                    "not %s",
		                    st,
		                    want == PARAM_TEXT          ? "text"
		                    : want == PARAM_COUPON_CODE ? "coupon_code"
		                                                : "action",
		                    what);
	if (want < 0 && (kind == PARAM_COUPON_CODE || kind == PARAM_ACTION))
		return gosend__fail(
		        err, GOSEND_EINVAL, t->path,
		        "%s parameters go in a button declared as "
		        "\"%s\"",
		        what, kind == PARAM_ACTION ? "flow" : "copy_code");
	if (want < 0 && kind != PARAM_PAYLOAD && kind != PARAM_TEXT)
		return gosend__fail(err, GOSEND_EINVAL, t->path,
		                    "a button component takes payload or text "
		                    "parameters only, not %s",
		                    what);
	return GOSEND_OK;
}

/*
 * The component a new parameter of `kind` (named `what` in errors) goes
 * to, with its path in t->path; checks that the component takes it.
 */
static int param_target(gosend_outgoing *msg, int component, int kind,
                        const char *what, target *t, gosend_error **err)
{
	int rc = need_template(msg, err);

	if (rc == 0)
		rc = name_target(component, t, err);
	if (rc == 0)
		rc = find_target(msg, t, err);
	if (rc != 0)
		return rc;
	if (kind == PARAM_MEDIA && strcmp(t->type, "header") != 0)
		return gosend__fail(err, GOSEND_EINVAL, t->path,
		                    "%s parameters go in the header component "
		                    "(GOSEND_TEMPLATE_HEADER)",
		                    what);
	if ((kind == PARAM_PAYLOAD || kind == PARAM_COUPON_CODE ||
	     kind == PARAM_ACTION) &&
	    strcmp(t->type, "button") != 0)
		return gosend__fail(err, GOSEND_EINVAL, t->path,
		                    "%s parameters go in a button component "
		                    "(GOSEND_TEMPLATE_BUTTON(index))",
		                    what);
	if (strcmp(t->type, "button") == 0)
		return check_button_param(t, kind, what, err);
	return GOSEND_OK;
}

/* Append param (taken; NULL: out of memory) to the target, making the
 * header or body first when it is not there yet. */
static int commit_param(gosend_outgoing *msg, target *t, gosend__jv *param,
                        gosend_error **err)
{
	if (!param)
		return gosend__outgoing_oom(err);
	if (!t->comp) {
		gosend__jv *comp = gosend__jv_object();
		if (comp && gosend__jv_set_str(comp, "type", t->type) < 0) {
			gosend__jv_free(comp);
			comp = NULL;
		}
		t->comp = append_component(msg, comp);
		if (!t->comp) {
			gosend__jv_free(param);
			return gosend__outgoing_oom(err);
		}
	}
	if (gosend__jv_push(gosend__jv_get(t->comp, "parameters"), param) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

/* {"type": kind, kind: value}; takes value (NULL: out of memory). */
static gosend__jv *typed(const char *kind, gosend__jv *value)
{
	gosend__jv *p;

	if (!value)
		return NULL;
	p = gosend__jv_object();
	if (!p || gosend__jv_set_str(p, "type", kind) < 0) {
		gosend__jv_free(p);
		gosend__jv_free(value);
		return NULL;
	}
	if (gosend__jv_set(p, kind, value) < 0) {
		gosend__jv_free(p);
		return NULL;
	}
	return p;
}

/* A parameter whose value is one string: {"type": kind, kind: s}. */
static int add_string(gosend_outgoing *msg, int component, int kind,
                      const char *name, const char *s, gosend_error **err)
{
	char field[112];
	target t;
	int rc = param_target(msg, component, kind, name, &t, err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.%s", t.path, name);
	rc = gosend__check_text(err, field, s, GOSEND__TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	return commit_param(msg, &t, typed(name, gosend__jv_string(s)), err);
}

/* ---- parameters ---- */

int gosend_outgoing_template_add_text(gosend_outgoing *msg, int component,
                                      const char *text, gosend_error **err)
{
	return add_string(msg, component, PARAM_TEXT, "text", text, err);
}

int gosend_outgoing_template_add_payload(gosend_outgoing *msg, int component,
                                         const char *payload,
                                         gosend_error **err)
{
	return add_string(msg, component, PARAM_PAYLOAD, "payload", payload,
	                  err);
}

/* The currency's fields (path: the parameter's). */
static int check_currency(const char *path, const char *fallback_value,
                          const char *code, long long amount_1000,
                          gosend_error **err)
{
	char field[128];
	int rc;

	(void)snprintf(field, sizeof(field), "%s.currency.fallback_value",
	               path);
	rc = gosend__check_text(err, field, fallback_value,
	                        GOSEND__TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.currency.code", path);
	if (!code || strlen(code) != 3 ||
	    strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be an ISO 4217 code such as "
		                    "\"USD\"",
		                    field);
	(void)snprintf(field, sizeof(field), "%s.currency.amount_1000", path);
	if (amount_1000 > 9007199254740992LL ||
	    amount_1000 < -9007199254740992LL)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be at most 2^53 in absolute value",
		                    field);
	return GOSEND_OK;
}

int gosend_outgoing_template_add_currency(gosend_outgoing *msg, int component,
                                          const char *fallback_value,
                                          const char *code,
                                          long long amount_1000,
                                          gosend_error **err)
{
	char amount[24];
	gosend__jv *cur;
	target t;
	int rc = param_target(msg, component, PARAM_CURRENCY, "currency", &t,
	                      err);

	if (rc == 0)
		rc = check_currency(t.path, fallback_value, code, amount_1000,
		                    err);
	if (rc != 0)
		return rc;
	/* exact integer text: a double prints only 15 significant digits */
	(void)snprintf(amount, sizeof(amount), "%lld", amount_1000);
	cur = gosend__jv_object();
	if (cur &&
	    (gosend__jv_set_str(cur, "fallback_value", fallback_value) < 0 ||
	     gosend__jv_set_str(cur, "code", code) < 0 ||
	     gosend__jv_set(cur, "amount_1000", gosend__jv_raw(amount)) < 0)) {
		gosend__jv_free(cur);
		cur = NULL;
	}
	return commit_param(msg, &t, typed("currency", cur), err);
}

int gosend_outgoing_template_add_date_time(gosend_outgoing *msg, int component,
                                           const char *fallback_value,
                                           gosend_error **err)
{
	char field[128];
	gosend__jv *dt;
	target t;
	int rc = param_target(msg, component, PARAM_DATE_TIME, "date_time", &t,
	                      err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.date_time.fallback_value",
	               t.path);
	rc = gosend__check_text(err, field, fallback_value,
	                        GOSEND__TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	dt = gosend__jv_object();
	if (dt &&
	    gosend__jv_set_str(dt, "fallback_value", fallback_value) < 0) {
		gosend__jv_free(dt);
		dt = NULL;
	}
	return commit_param(msg, &t, typed("date_time", dt), err);
}

/* The media's link or id and filename (path: the media object's). */
static int check_media(int type, const char *path, const char *link,
                       const char *media_id, const char *filename,
                       gosend_error **err)
{
	char field[144];
	int rc = gosend__check_link_or_id(err, path, link, media_id);

	if (rc != 0 || !filename)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.filename", path);
	if (type != GOSEND_MESSAGE_TYPE_DOCUMENT)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "only documents take a filename");
	return gosend__check_filename(err, field, filename);
}

int gosend_outgoing_template_add_media(gosend_outgoing *msg, int component,
                                       int type, const char *link,
                                       const char *media_id,
                                       const char *filename, gosend_error **err)
{
	char path[128];
	const char *name = gosend_message_type_name(type);
	gosend__jv *media;
	target t;
	int rc = need_template(msg, err);

	if (rc != 0)
		return rc;
	if (type != GOSEND_MESSAGE_TYPE_IMAGE &&
	    type != GOSEND_MESSAGE_TYPE_DOCUMENT &&
	    type != GOSEND_MESSAGE_TYPE_VIDEO)
		return gosend__fail(err, GOSEND_EINVAL, "type",
		                    "template media parameters are image, "
		                    "document or video");
	rc = param_target(msg, component, PARAM_MEDIA, "media", &t, err);
	if (rc != 0)
		return rc;
	(void)snprintf(path, sizeof(path), "%s.%s", t.path, name);
	rc = check_media(type, path, link, media_id, filename, err);
	if (rc != 0)
		return rc;
	media = gosend__jv_object();
	if (media && (gosend__outgoing_put(media, "link", link) < 0 ||
	              gosend__outgoing_put(media, "id", media_id) < 0 ||
	              gosend__outgoing_put(media, "filename", filename) < 0)) {
		gosend__jv_free(media);
		media = NULL;
	}
	return commit_param(msg, &t, typed(name, media), err);
}

int gosend_outgoing_template_add_coupon_code(gosend_outgoing *msg,
                                             int component,
                                             const char *coupon_code,
                                             gosend_error **err)
{
	char field[128];
	target t;
	int rc = param_target(msg, component, PARAM_COUPON_CODE, "coupon_code",
	                      &t, err);

	if (rc != 0)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.coupon_code", t.path);
	rc = gosend__check_text(err, field, coupon_code,
	                        GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL, 0);
	if (rc != 0)
		return rc;
	return commit_param(
	        msg, &t, typed("coupon_code", gosend__jv_string(coupon_code)),
	        err);
}

/* The flow_token and flow_action_data of a Flow button's action (path:
 * the parameter's); the parsed data in *data (NULL when not given). */
static int check_flow_action(const char *path, const char *flow_token,
                             const char *data_json, gosend__jv **data,
                             gosend_error **err)
{
	char field[144];
	int rc;

	*data = NULL;
	(void)snprintf(field, sizeof(field), "%s.action.flow_token", path);
	rc = gosend__check_text(err, field, flow_token, GOSEND__TXT_NOCTRL, 0);
	if (rc != 0 || !data_json)
		return rc;
	(void)snprintf(field, sizeof(field), "%s.action.flow_action_data",
	               path);
	if (gosend__jv_parse_checked(data, data_json, strlen(data_json)) ==
	    GOSEND__JV_NOMEM)
		return gosend__outgoing_oom(err);
	if (!*data || !gosend__jv_is_object(*data)) {
		gosend__jv_free(*data);
		*data = NULL;
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be a JSON object", field);
	}
	return GOSEND_OK;
}

int gosend_outgoing_template_add_flow_action(gosend_outgoing *msg,
                                             int component,
                                             const char *flow_token,
                                             const char *flow_action_data_json,
                                             gosend_error **err)
{
	gosend__jv *action, *data = NULL;
	target t;
	int rc = param_target(msg, component, PARAM_ACTION, "action", &t, err);

	if (rc == 0)
		rc = check_flow_action(t.path, flow_token,
		                       flow_action_data_json, &data, err);
	if (rc != 0)
		return rc;
	action = gosend__jv_object();
	if (!action ||
	    gosend__outgoing_put(action, "flow_token", flow_token) < 0) {
		gosend__jv_free(action);
		gosend__jv_free(data);
		return gosend__outgoing_oom(err);
	}
	if (data && gosend__jv_set(action, "flow_action_data", data) < 0) {
		gosend__jv_free(action);
		return gosend__outgoing_oom(err);
	}
	return commit_param(msg, &t, typed("action", action), err);
}
