/* The template builder: each call checks its input (template_check.h) and
 * keeps the component it makes as a JSON value until the body is built. */
#include "api/template_builder.h"

#include <string.h>

#include "api/template_check.h"
#include "core/alloc.h"
#include "core/errors.h"
#include "json/value.h"

struct gosend_template_builder {
	char *name;
	const char *category; /* upper case, static */
	char *language;
	gosend__jv *header;  /* component object, or NULL */
	gosend__jv *body;    /* component object, or NULL */
	gosend__jv *footer;  /* component object, or NULL */
	gosend__jv *buttons; /* array of button objects, or NULL */
	size_t n_buttons, n_url, n_phone, n_copy;
	gosend__jv *raw; /* components given as JSON, or NULL */
};

static int oom(gosend_error **err)
{
	return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
}

int gosend_template_builder_new(gosend_template_builder **out, const char *name,
                                const char *category, const char *language,
                                gosend_error **err)
{
	gosend_template_builder *b;
	const char *upper = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = gosend__tpl_check_new(name, category, language, &upper, err);
	if (rc < 0)
		return rc;
	b = gosend__calloc(1, sizeof(*b));
	if (!b)
		return oom(err);
	b->name = gosend__strdup(name);
	b->language = gosend__strdup(language);
	b->category = upper;
	if (!b->name || !b->language) {
		gosend_template_builder_free(b);
		return oom(err);
	}
	*out = b;
	return GOSEND_OK;
}

void gosend_template_builder_free(gosend_template_builder *b)
{
	if (!b)
		return;
	gosend__free(b->name);
	gosend__free(b->language);
	gosend__jv_free(b->header);
	gosend__jv_free(b->body);
	gosend__jv_free(b->footer);
	gosend__jv_free(b->buttons);
	gosend__jv_free(b->raw);
	gosend__free(b);
}

/* ---- JSON pieces (NULL when memory runs out) ---- */

/* An object of up to three string members (a NULL key ends them). */
static gosend__jv *object3(const char *k1, const char *v1, const char *k2,
                           const char *v2, const char *k3, const char *v3)
{
	gosend__jv *o = gosend__jv_object();

	if (!o || (k1 && gosend__jv_set_str(o, k1, v1) < 0) ||
	    (k1 && k2 && gosend__jv_set_str(o, k2, v2) < 0) ||
	    (k1 && k2 && k3 && gosend__jv_set_str(o, k3, v3) < 0)) {
		gosend__jv_free(o);
		return NULL;
	}
	return o;
}

/* An array of n strings. */
static gosend__jv *strings(const char *const *values, size_t n)
{
	gosend__jv *arr = gosend__jv_array();
	size_t i;

	for (i = 0; arr && i < n; i++) {
		if (gosend__jv_push(arr, gosend__jv_string(values[i])) < 0) {
			gosend__jv_free(arr);
			arr = NULL;
		}
	}
	return arr;
}

/* An array holding v; takes v. */
static gosend__jv *in_array(gosend__jv *v)
{
	gosend__jv *arr = gosend__jv_array();

	if (gosend__jv_push(arr, v) < 0) {
		gosend__jv_free(arr);
		return NULL;
	}
	return arr;
}

/* c with "example": {key: [values...]} ([[values...]] when nested), when
 * n > 0; takes c. NULL when c is NULL or memory ran out. */
static gosend__jv *with_example(gosend__jv *c, const char *key,
                                const char *const *values, size_t n, int nested)
{
	gosend__jv *arr, *ex;

	if (!c || n == 0)
		return c;
	arr = strings(values, n);
	if (arr && nested)
		arr = in_array(arr);
	ex = gosend__jv_object();
	if (gosend__jv_set(ex, key, arr) < 0) {
		gosend__jv_free(ex);
		ex = NULL;
	}
	if (gosend__jv_set(c, "example", ex) < 0) {
		gosend__jv_free(c);
		return NULL;
	}
	return c;
}

/* ---- components ---- */

/* Common checks of a component call: a builder without raw components. */
static int builder_ok(gosend_template_builder *b, gosend_error **err)
{
	if (err)
		*err = NULL;
	if (!b) {
		/* the code spelled out: callers read b only after a 0 */
		(void)gosend__fail(err, GOSEND_EINVAL, "builder",
		                   "builder is NULL");
		return GOSEND_EINVAL;
	}
	if (b->raw)
		return gosend__fail(err, GOSEND_EINVAL, "components",
		                    "components were given as JSON; they "
		                    "cannot be mixed with built components");
	return GOSEND_OK;
}

/* builder_ok, and the component `field` (slot) not set yet. */
static int slot_free(gosend_template_builder *b, gosend__jv *const *slot,
                     const char *field, gosend_error **err)
{
	int rc = builder_ok(b, err);

	if (rc == 0 && *slot)
		rc = gosend__fail(err, GOSEND_EINVAL, field,
		                  "a %s is already set", field);
	return rc;
}

/* Put a new component c (NULL: memory ran out) into *slot. */
static int put(gosend__jv **slot, gosend__jv *c, gosend_error **err)
{
	if (!c)
		return oom(err);
	*slot = c;
	return GOSEND_OK;
}

int gosend_template_builder_header_text(gosend_template_builder *b,
                                        const char *text, const char *example,
                                        gosend_error **err)
{
	int rc = slot_free(b, b ? &b->header : NULL, "header", err);

	if (rc == 0)
		rc = gosend__tpl_check_header_text(text, example, err);
	if (rc < 0)
		return rc;
	return put(&b->header,
	           with_example(object3("type", "HEADER", "format", "TEXT",
	                                "text", text),
	                        "header_text", &example, example ? 1 : 0, 0),
	           err);
}

int gosend_template_builder_header_media(gosend_template_builder *b,
                                         gosend_template_header_format format,
                                         const char *example_handle,
                                         gosend_error **err)
{
	const char *fmt = NULL;
	int rc = slot_free(b, b ? &b->header : NULL, "header", err);

	if (rc == 0)
		rc = gosend__tpl_check_header_media(format, example_handle,
		                                    &fmt, err);
	if (rc < 0)
		return rc;
	return put(&b->header,
	           with_example(
	                   object3("type", "HEADER", "format", fmt, NULL, NULL),
	                   "header_handle", &example_handle,
	                   example_handle ? 1 : 0, 0),
	           err);
}

int gosend_template_builder_header_location(gosend_template_builder *b,
                                            gosend_error **err)
{
	int rc = slot_free(b, b ? &b->header : NULL, "header", err);

	if (rc < 0)
		return rc;
	return put(&b->header,
	           object3("type", "HEADER", "format", "LOCATION", NULL, NULL),
	           err);
}

int gosend_template_builder_body(gosend_template_builder *b, const char *text,
                                 const char *const *examples,
                                 size_t examples_count, gosend_error **err)
{
	int rc = slot_free(b, b ? &b->body : NULL, "body", err);

	if (rc == 0)
		rc = gosend__tpl_check_body(text, examples, examples_count,
		                            err);
	if (rc < 0)
		return rc;
	return put(
	        &b->body,
	        with_example(object3("type", "BODY", "text", text, NULL, NULL),
	                     "body_text", examples, examples_count, 1),
	        err);
}

int gosend_template_builder_footer(gosend_template_builder *b, const char *text,
                                   gosend_error **err)
{
	int rc = slot_free(b, b ? &b->footer : NULL, "footer", err);

	if (rc == 0)
		rc = gosend__tpl_check_footer(text, err);
	if (rc < 0)
		return rc;
	return put(&b->footer,
	           object3("type", "FOOTER", "text", text, NULL, NULL), err);
}

/* ---- buttons ---- */

/* Room for one more button of a kind with `have` of max already. */
static int button_slot(gosend_template_builder *b, size_t have, size_t max,
                       const char *kind, gosend_error **err)
{
	int rc = builder_ok(b, err);

	if (rc < 0)
		return rc;
	if (b->n_buttons >= GOSEND__TPL_BUTTONS_MAX)
		return gosend__fail(err, GOSEND_EINVAL, "buttons",
		                    "a template has at most %d buttons",
		                    GOSEND__TPL_BUTTONS_MAX);
	if (have >= max)
		return gosend__fail(err, GOSEND_EINVAL, "buttons",
		                    "a template has at most %zu %s button(s)",
		                    max, kind);
	return GOSEND_OK;
}

/* Append a new button (NULL: memory ran out); takes it. On success
 * *kind_count counts it too (may be NULL). */
static int add_button(gosend_template_builder *b, gosend__jv *btn,
                      size_t *kind_count, gosend_error **err)
{
	if (!btn)
		return oom(err);
	if (!b->buttons) {
		b->buttons = gosend__jv_array();
		if (!b->buttons) {
			gosend__jv_free(btn);
			return oom(err);
		}
	}
	if (gosend__jv_push(b->buttons, btn) < 0)
		return oom(err);
	b->n_buttons++;
	if (kind_count)
		(*kind_count)++;
	return GOSEND_OK;
}

int gosend_template_builder_button_quick_reply(gosend_template_builder *b,
                                               const char *text,
                                               gosend_error **err)
{
	int rc = button_slot(b, 0, GOSEND__TPL_BUTTONS_MAX, "QUICK_REPLY", err);

	if (rc == 0)
		rc = gosend__tpl_check_button_text(text, err);
	if (rc < 0)
		return rc;
	return add_button(
	        b, object3("type", "QUICK_REPLY", "text", text, NULL, NULL),
	        NULL, err);
}

int gosend_template_builder_button_url(gosend_template_builder *b,
                                       const char *text, const char *url,
                                       const char *example, gosend_error **err)
{
	gosend__jv *btn;
	int rc = button_slot(b, b ? b->n_url : 0, GOSEND__TPL_URL_BUTTONS_MAX,
	                     "URL", err);

	if (rc == 0)
		rc = gosend__tpl_check_button_text(text, err);
	if (rc == 0)
		rc = gosend__tpl_check_url(url, example, err);
	if (rc < 0)
		return rc;
	btn = object3("type", "URL", "text", text, "url", url);
	if (btn && example &&
	    gosend__jv_set(btn, "example", strings(&example, 1)) < 0) {
		gosend__jv_free(btn);
		btn = NULL;
	}
	return add_button(b, btn, &b->n_url, err);
}

int gosend_template_builder_button_phone_number(gosend_template_builder *b,
                                                const char *text,
                                                const char *phone_number,
                                                gosend_error **err)
{
	int rc =
	        button_slot(b, b ? b->n_phone : 0,
	                    GOSEND__TPL_PHONE_BUTTONS_MAX, "PHONE_NUMBER", err);

	if (rc == 0)
		rc = gosend__tpl_check_button_text(text, err);
	if (rc == 0)
		rc = gosend__tpl_check_phone(phone_number, err);
	if (rc < 0)
		return rc;
	return add_button(b,
	                  object3("type", "PHONE_NUMBER", "text", text,
	                          "phone_number", phone_number),
	                  &b->n_phone, err);
}

int gosend_template_builder_button_copy_code(gosend_template_builder *b,
                                             const char *example,
                                             gosend_error **err)
{
	int rc = button_slot(b, b ? b->n_copy : 0, GOSEND__TPL_COPY_BUTTONS_MAX,
	                     "COPY_CODE", err);

	if (rc == 0)
		rc = gosend__tpl_check_copy_code(example, err);
	if (rc < 0)
		return rc;
	return add_button(
	        b, object3("type", "COPY_CODE", "example", example, NULL, NULL),
	        &b->n_copy, err);
}

int gosend_template_builder_components_json(gosend_template_builder *b,
                                            const char *json,
                                            gosend_error **err)
{
	gosend__jv *parsed = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!b)
		return gosend__fail(err, GOSEND_EINVAL, "builder",
		                    "builder is NULL");
	if (b->header || b->body || b->footer || b->n_buttons)
		return gosend__fail(err, GOSEND_EINVAL, "components",
		                    "components were already built; raw JSON "
		                    "cannot be mixed with them");
	rc = gosend__tpl_parse_components(json, &parsed, err);
	if (rc < 0)
		return rc;
	gosend__jv_free(b->raw);
	b->raw = parsed;
	return GOSEND_OK;
}

/* ---- the request body ---- */

/* Append a copy of item to arr, when item is set; 0 or -1. */
static int push_copy(gosend__jv *arr, const gosend__jv *item)
{
	return item ? gosend__jv_push(arr, gosend__jv_copy(item)) : 0;
}

/* The "components" array: the raw one, or header, body, footer and the
 * buttons in that order. */
static gosend__jv *components(const gosend_template_builder *b)
{
	gosend__jv *arr, *btns;

	if (b->raw)
		return gosend__jv_copy(b->raw);
	arr = gosend__jv_array();
	if (!arr || push_copy(arr, b->header) < 0 ||
	    push_copy(arr, b->body) < 0 || push_copy(arr, b->footer) < 0)
		goto fail;
	if (b->n_buttons) {
		btns = object3("type", "BUTTONS", NULL, NULL, NULL, NULL);
		if (gosend__jv_set(btns, "buttons",
		                   gosend__jv_copy(b->buttons)) < 0) {
			gosend__jv_free(btns);
			goto fail;
		}
		if (gosend__jv_push(arr, btns) < 0)
			goto fail;
	}
	return arr;
fail:
	gosend__jv_free(arr);
	return NULL;
}

int gosend__template_body(const gosend_template_builder *b, char **out,
                          size_t *len, gosend_error **err)
{
	gosend__jv *root;

	*out = NULL;
	if (!b)
		return gosend__fail(err, GOSEND_EINVAL, "builder",
		                    "builder is NULL");
	if (!b->raw && !b->body)
		return gosend__fail(err, GOSEND_EINVAL, "body",
		                    "a template needs a body (or components "
		                    "given as JSON)");
	root = object3("name", b->name, "category", b->category, "language",
	               b->language);
	if (gosend__jv_set(root, "components", components(b)) == 0)
		*out = gosend__jv_print(root);
	gosend__jv_free(root);
	if (!*out)
		return oom(err);
	*len = strlen(*out);
	return GOSEND_OK;
}

int gosend_template_builder_to_json(char **out,
                                    const gosend_template_builder *b,
                                    gosend_error **err)
{
	size_t len;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	return gosend__template_body(b, out, &len, err);
}
