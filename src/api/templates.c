/* Message templates: GET/POST /wabas/{id}/templates, POST .../sync,
 * DELETE .../templates/{template_id}, and the template builder. */
#include "gosendapi/templates.h"

#include <stddef.h>
#include <string.h>

#include "core/alloc.h"
#include "json/decoders.h"
#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"
#include "call/list.h"

/* Meta's limits, in characters. */
#define NAME_MAX_LEN      512
#define HEADER_TEXT_MAX   60
#define BODY_TEXT_MAX     1024
#define FOOTER_TEXT_MAX   60
#define BUTTONS_MAX       10
#define BUTTON_TEXT_MAX   25
#define URL_BUTTONS_MAX   2
#define URL_MAX           2000
#define PHONE_BUTTONS_MAX 1
#define PHONE_MAX         20
#define COPY_BUTTONS_MAX  1
#define COPY_CODE_MAX     15
#define PLACEHOLDERS_MAX  100
#define UNLIMITED         ((size_t)-1)
#define MAX_SAFE_INT      9007199254740992.0

/* ------------------------------------------------------------ decoding */

static const char *const template_statuses[] = {
        "", "PENDING", "APPROVED", "REJECTED", "PAUSED", NULL};
static const char *const template_categories[] = {
        "", "UTILITY", "AUTHENTICATION", "MARKETING", NULL};

static const gosend__field template_fields[] = {
        /* never required: templates come in lists, sync answers and
         * create answers, none of which may fail on content */
        GOSEND__FIELD(gosend_template, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_template, name, "name", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_template, category_name, "category", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_template, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_template, rejection_reason, "rejected_reason",
                      "rejection_reason", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_template, components_json, "components", NULL,
                      GOSEND__F_JSON, 0),
        GOSEND__FIELD(gosend_template, waba_id, "waba_id", "wabaId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_template, created_at, "created_at", "createdAt",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_template, updated_at, "updated_at", "updatedAt",
                      GOSEND__F_STR, 0),
};

/* A member that may be absent or null (NULL), else the item. */
static const cJSON *member(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNull(v) ? NULL : v;
}

/* The language and the last spelling of the rejection reason; values of
 * other types are left unset. */
static int template_post(void *item, const cJSON *json, gosend__holder *h,
                         const char **bad)
{
	gosend_template *t = item;
	const cJSON *lang = member(json, "language");

	(void)bad;
	if (cJSON_IsObject(lang))
		lang = member(lang, "code");
	if (cJSON_IsString(lang))
		t->language = lang->valuestring;
	if (!t->rejection_reason) {
		const cJSON *r = member(json, "reason");
		if (cJSON_IsString(r))
			t->rejection_reason = r->valuestring;
	}
	t->category = (gosend_template_category)gosend__enum_ci(
	        t->category_name, template_categories + 1);
	t->status = (gosend_template_status)gosend__enum_ci(
	        t->status_name, template_statuses + 1);
	t->meta = h->meta;
	return GOSEND__DECODE_OK;
}

#define NFIELDS (sizeof(template_fields) / sizeof(template_fields[0]))

static const gosend__decoder template_spec =
        GOSEND__DECODER(gosend_template, template_fields, template_post);

/* Where a create answer may hold the template instead of the top level. */
static const char *const created_wrappers[] = {"template", "data", NULL};

/* Decode the answer of a create (any 2xx body) held by obj's holder;
 * fails only when memory runs out (obj is then freed). */
static int decode_created(void *obj, gosend_error **err)
{
	int rc = gosend__decode_answer(
	        obj, gosend__obj_holder(obj), created_wrappers, template_fields,
	        NFIELDS, template_post, offsetof(gosend_template, raw_json));

	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	return GOSEND_OK;
}

/* Decode the lenient sync answer held by h into res. */
static int decode_sync(gosend_template_sync_result *res, gosend__holder *h,
                       const char **bad)
{
	const cJSON *root = h->root, *arr = NULL, *n = NULL, *el;
	const gosend_template **items;
	size_t count = 0;

	res->synced = -1;
	res->raw_json = h->body;
	res->meta = h->meta;
	if (cJSON_IsArray(root)) {
		arr = root;
	} else if (cJSON_IsObject(root)) {
		const cJSON *t = member(root, "templates");
		n = member(root, "synced");
		if (!cJSON_IsNumber(n))
			n = member(root, "count");
		if (!cJSON_IsNumber(n) && cJSON_IsNumber(t))
			n = t;
		if (cJSON_IsArray(t))
			arr = t;
		else if (cJSON_IsArray(member(root, "data")))
			arr = member(root, "data");
	}
	if (n && cJSON_IsNumber(n) && n->valuedouble >= 0 &&
	    n->valuedouble <= MAX_SAFE_INT &&
	    (double)(long long)n->valuedouble == n->valuedouble)
		res->synced = (long long)n->valuedouble;
	if (!arr)
		return GOSEND__DECODE_OK;
	items = gosend__h_alloc(
	        h, sizeof(void *) * ((size_t)cJSON_GetArraySize(arr) + 1));
	if (!items)
		return GOSEND__DECODE_NOMEM;
	cJSON_ArrayForEach(el, arr)
	{
		gosend_template *t = gosend__h_alloc(h, sizeof(*t));
		char *txt;
		int rc;

		if (!t)
			return GOSEND__DECODE_NOMEM;
		t->struct_version = 1;
		/* as in a list: every element gives a template, with what
		 * could be read */
		rc = gosend__decode_fields_any(t, el, template_fields, NFIELDS,
		                               h);
		if (rc == GOSEND__DECODE_OK)
			rc = template_post(t, cJSON_IsObject(el) ? el : NULL, h,
			                   bad);
		if (rc != GOSEND__DECODE_OK)
			return rc;
		txt = cJSON_PrintUnformatted(el);
		t->raw_json = txt ? gosend__h_strdup(h, txt) : NULL;
		cJSON_free(txt);
		if (!t->raw_json)
			return GOSEND__DECODE_NOMEM;
		items[count++] = t;
	}
	res->templates = items;
	res->count = count;
	if (res->synced < 0)
		res->synced = (long long)count;
	return GOSEND__DECODE_OK;
}

/* Decode what a create made (rc and obj from the call), into *out. */
static int take_created(int rc, void *obj, gosend_template **out,
                        gosend_error **err)
{
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	rc = decode_created(obj, err);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend__template_from_json(gosend_template **out, const char *body,
                               size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc;

	*out = NULL;
	rc = gosend__obj_from_body(sizeof(gosend_template), body, len, &obj,
	                           err);
	return take_created(rc, obj, out, err);
}

int gosend__template_list_from_json(gosend_template_list **out,
                                    const char *body, size_t len,
                                    gosend_error **err)
{
	void *obj = NULL;
	int rc = gosend__list_from_json(&template_spec, body, len, &obj, err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

int gosend__template_sync_from_json(gosend_template_sync_result **out,
                                    const char *body, size_t len,
                                    gosend_error **err)
{
	void *obj = NULL;
	const char *bad = NULL;
	int rc;

	*out = NULL;
	rc = gosend__obj_from_body(sizeof(gosend_template_sync_result), body,
	                           len, &obj, err);
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	rc = decode_sync(obj, gosend__obj_holder(obj), &bad);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, bad, err);
	*out = obj;
	return GOSEND_OK;
}

/* ---------------------------------------------------------- validation */

/* Number of characters of valid UTF-8 text, or -1 (overlong forms,
 * surrogates and values above U+10FFFF are invalid). */
static long long utf8_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long long n = 0;

	while (*p) {
		unsigned char c = *p;
		size_t k, extra;
		unsigned long cp;

		if (c < 0x80) {
			p++;
			n++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			extra = 1;
			cp = c & 0x1Fu;
		} else if (c >= 0xE0 && c <= 0xEF) {
			extra = 2;
			cp = c & 0x0Fu;
		} else if (c >= 0xF0 && c <= 0xF4) {
			extra = 3;
			cp = c & 0x07u;
		} else {
			return -1;
		}
		for (k = 1; k <= extra; k++) {
			if ((p[k] & 0xC0) != 0x80)
				return -1;
			cp = (cp << 6) | (p[k] & 0x3Fu);
		}
		if ((extra == 2 &&
		     (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return -1;
		p += extra + 1;
		n++;
	}
	return n;
}

/* Text of 1..max characters of valid UTF-8. */
static int check_text(gosend_error **err, const char *field, const char *s,
                      size_t max)
{
	long long n;

	if (!s)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s is NULL",
		                    field);
	n = utf8_chars(s);
	if (n < 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is not valid UTF-8", field);
	if (n == 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must not be empty", field);
	if (max != UNLIMITED && (unsigned long long)n > max)
		return gosend__fail(
		        err, GOSEND_EINVAL, field,
		        "%s has %lld characters; at most %zu allowed", field, n,
		        max);
	return GOSEND_OK;
}

/*
 * Positional placeholders {{1}}..{{n}}: *count gets n (0 when none).
 * Returns -1 when numbering has gaps or is out of range.
 */
static int placeholders(const char *s, size_t *count)
{
	unsigned char seen[PLACEHOLDERS_MAX + 1];
	size_t i = 0, max = 0, k;

	memset(seen, 0, sizeof(seen));
	*count = 0;
	while (s[i]) {
		size_t d = 0, idx = 0;
		if (s[i] != '{' || s[i + 1] != '{') {
			i++;
			continue;
		}
		while (s[i + 2 + d] >= '0' && s[i + 2 + d] <= '9' && d < 4) {
			idx = idx * 10 + (size_t)(s[i + 2 + d] - '0');
			d++;
		}
		if (d == 0 || s[i + 2 + d] != '}' || s[i + 3 + d] != '}') {
			i++;
			continue;
		}
		if (idx == 0 || idx > PLACEHOLDERS_MAX)
			return -1;
		seen[idx] = 1;
		if (idx > max)
			max = idx;
		i += d + 4;
	}
	for (k = 1; k <= max; k++) {
		if (!seen[k])
			return -1;
	}
	*count = max;
	return 0;
}

static int count_placeholders(gosend_error **err, const char *field,
                              const char *s, size_t max, size_t *count)
{
	if (placeholders(s, count) < 0)
		return gosend__fail(
		        err, GOSEND_EINVAL, field,
		        "placeholders in %s must be numbered {{1}}, "
		        "{{2}}, ... without gaps (at most %d)",
		        field, PLACEHOLDERS_MAX);
	if (*count > max) {
		if (max == 0)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s may not contain placeholders",
			                    field);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s allows only the placeholder {{1}}",
		                    field);
	}
	return GOSEND_OK;
}

static int is_printable_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	}
	return utf8_chars(s) > 0;
}

static int template_name_ok(const char *s)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	return n >= 1 && n <= NAME_MAX_LEN &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int language_ok(const char *s)
{
	size_t lower, rest;

	if (!s)
		return 0;
	lower = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (lower < 2 || lower > 3)
		return 0;
	if (s[lower] == '\0')
		return 1;
	if (s[lower] != '_')
		return 0;
	rest = strspn(s + lower + 1, "abcdefghijklmnopqrstuvwxyz"
	                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	return rest >= 2 && rest <= 4 && s[lower + 1 + rest] == '\0';
}

static int phone_ok(const char *s)
{
	size_t d;

	if (!s)
		return 0;
	if (*s == '+')
		s++;
	d = strspn(s, "0123456789");
	return d >= 1 && d <= PHONE_MAX && s[d] == '\0';
}

/* ------------------------------------------------------------- builder */

struct gosend_template_builder {
	char *name;
	char category[16];
	char *language;
	cJSON *header;  /* component object, or NULL */
	cJSON *body;    /* component object, or NULL */
	cJSON *footer;  /* component object, or NULL */
	cJSON *buttons; /* array of button objects, or NULL */
	size_t n_buttons, n_url, n_phone, n_copy;
	cJSON *raw; /* components given as JSON, or NULL */
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
	int cat;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!template_name_ok(name))
		return gosend__fail(err, GOSEND_EINVAL, "name",
		                    "template name must be 1-%d lowercase "
		                    "letters, digits or underscores",
		                    NAME_MAX_LEN);
	cat = gosend__enum_ci(category, template_categories + 1);
	if (cat == 0)
		return gosend__fail(err, GOSEND_EINVAL, "category",
		                    "category must be UTILITY, AUTHENTICATION "
		                    "or MARKETING");
	if (!language_ok(language))
		return gosend__fail(err, GOSEND_EINVAL, "language",
		                    "language must be a locale code such as "
		                    "\"en\", \"en_US\" or \"es_AR\"");
	b = gosend__calloc(1, sizeof(*b));
	if (!b)
		return oom(err);
	b->name = gosend__strdup(name);
	b->language = gosend__strdup(language);
	if (!b->name || !b->language) {
		gosend_template_builder_free(b);
		return oom(err);
	}
	memcpy(b->category, template_categories[cat],
	       strlen(template_categories[cat]) + 1);
	*out = b;
	return GOSEND_OK;
}

void gosend_template_builder_free(gosend_template_builder *b)
{
	if (!b)
		return;
	gosend__free(b->name);
	gosend__free(b->language);
	cJSON_Delete(b->header);
	cJSON_Delete(b->body);
	cJSON_Delete(b->footer);
	cJSON_Delete(b->buttons);
	cJSON_Delete(b->raw);
	gosend__free(b);
}

/* Common checks of a component call. */
static int builder_ok(gosend_template_builder *b, gosend_error **err)
{
	int rc;

	if (err)
		*err = NULL;
	if (!b) {
		rc = gosend__fail(err, GOSEND_EINVAL, "builder",
		                  "builder is NULL");
		return rc < 0 ? rc : GOSEND_EINVAL;
	}
	if (b->raw)
		return gosend__fail(err, GOSEND_EINVAL, "components",
		                    "components were given as JSON; they "
		                    "cannot be mixed with built components");
	return GOSEND_OK;
}

static int header_free_slot(gosend_template_builder *b, gosend_error **err)
{
	int rc = builder_ok(b, err);

	if (rc == 0 && b->header)
		rc = gosend__fail(err, GOSEND_EINVAL, "header",
		                  "a header is already set");
	return rc;
}

/* {"type": type[, "format": format]} or NULL. */
static cJSON *component(const char *type, const char *format)
{
	cJSON *c = cJSON_CreateObject();

	if (!c)
		return NULL;
	if (!cJSON_AddStringToObject(c, "type", type) ||
	    (format && !cJSON_AddStringToObject(c, "format", format))) {
		cJSON_Delete(c);
		return NULL;
	}
	return c;
}

/* Add "example": {key: [value]} (or [[values...]] when nested). */
static int add_example(cJSON *c, const char *key, const char *const *values,
                       size_t n, int nested)
{
	cJSON *ex = cJSON_AddObjectToObject(c, "example");
	cJSON *arr = ex ? cJSON_AddArrayToObject(ex, key) : NULL;
	cJSON *inner = arr;
	size_t i;

	if (!arr)
		return -1;
	if (nested) {
		inner = cJSON_CreateArray();
		if (!inner || !cJSON_AddItemToArray(arr, inner)) {
			cJSON_Delete(inner);
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		cJSON *s = cJSON_CreateString(values[i]);
		if (!s || !cJSON_AddItemToArray(inner, s)) {
			cJSON_Delete(s);
			return -1;
		}
	}
	return 0;
}

int gosend_template_builder_header_text(gosend_template_builder *b,
                                        const char *text, const char *example,
                                        gosend_error **err)
{
	size_t n = 0;
	cJSON *c;
	int rc;

	rc = header_free_slot(b, err);
	if (rc == 0)
		rc = check_text(err, "header.text", text, HEADER_TEXT_MAX);
	if (rc == 0)
		rc = count_placeholders(err, "header.text", text, 1, &n);
	if (rc < 0)
		return rc;
	if (n == 1 && !example)
		return gosend__fail(err, GOSEND_EINVAL, "header.example",
		                    "header text has {{1}}: a sample value is "
		                    "required");
	if (n == 0 && example)
		return gosend__fail(err, GOSEND_EINVAL, "header.example",
		                    "header text has no placeholder: example "
		                    "must be NULL");
	if (example) {
		rc = check_text(err, "header.example", example, UNLIMITED);
		if (rc < 0)
			return rc;
	}
	c = component("HEADER", "TEXT");
	if (!c || !cJSON_AddStringToObject(c, "text", text) ||
	    (example && add_example(c, "header_text", &example, 1, 0) < 0)) {
		cJSON_Delete(c);
		return oom(err);
	}
	b->header = c;
	return GOSEND_OK;
}

int gosend_template_builder_header_media(gosend_template_builder *b,
                                         gosend_template_header_format format,
                                         const char *example_handle,
                                         gosend_error **err)
{
	const char *fmt;
	cJSON *c;
	int rc;

	rc = header_free_slot(b, err);
	if (rc < 0)
		return rc;
	switch (format) {
	case GOSEND_TEMPLATE_HEADER_IMAGE:
		fmt = "IMAGE";
		break;
	case GOSEND_TEMPLATE_HEADER_VIDEO:
		fmt = "VIDEO";
		break;
	case GOSEND_TEMPLATE_HEADER_DOCUMENT:
		fmt = "DOCUMENT";
		break;
	default:
		return gosend__fail(err, GOSEND_EINVAL, "header.format",
		                    "format must be IMAGE, VIDEO or DOCUMENT");
	}
	if (example_handle && !is_printable_utf8(example_handle))
		return gosend__fail(err, GOSEND_EINVAL, "header.example",
		                    "example handle must be non-empty UTF-8 "
		                    "text without control characters");
	c = component("HEADER", fmt);
	if (!c || (example_handle && add_example(c, "header_handle",
	                                         &example_handle, 1, 0) < 0)) {
		cJSON_Delete(c);
		return oom(err);
	}
	b->header = c;
	return GOSEND_OK;
}

int gosend_template_builder_header_location(gosend_template_builder *b,
                                            gosend_error **err)
{
	cJSON *c;
	int rc = header_free_slot(b, err);

	if (rc < 0)
		return rc;
	c = component("HEADER", "LOCATION");
	if (!c)
		return oom(err);
	b->header = c;
	return GOSEND_OK;
}

int gosend_template_builder_body(gosend_template_builder *b, const char *text,
                                 const char *const *examples,
                                 size_t examples_count, gosend_error **err)
{
	size_t n = 0, i;
	cJSON *c;
	int rc;

	rc = builder_ok(b, err);
	if (rc == 0 && b->body)
		rc = gosend__fail(err, GOSEND_EINVAL, "body",
		                  "a body is already set");
	if (rc == 0)
		rc = check_text(err, "body.text", text, BODY_TEXT_MAX);
	if (rc == 0)
		rc = count_placeholders(err, "body.text", text,
		                        PLACEHOLDERS_MAX, &n);
	if (rc < 0)
		return rc;
	if (examples_count != n)
		return gosend__fail(err, GOSEND_EINVAL, "body.examples",
		                    "body text has %zu placeholder(s) but %zu "
		                    "example value(s) were given",
		                    n, examples_count);
	if (n && !examples)
		return gosend__fail(err, GOSEND_EINVAL, "body.examples",
		                    "examples is NULL");
	for (i = 0; i < n; i++) {
		rc = check_text(err, "body.examples", examples[i], UNLIMITED);
		if (rc < 0)
			return rc;
	}
	c = component("BODY", NULL);
	if (!c || !cJSON_AddStringToObject(c, "text", text) ||
	    (n && add_example(c, "body_text", examples, n, 1) < 0)) {
		cJSON_Delete(c);
		return oom(err);
	}
	b->body = c;
	return GOSEND_OK;
}

int gosend_template_builder_footer(gosend_template_builder *b, const char *text,
                                   gosend_error **err)
{
	size_t n = 0;
	cJSON *c;
	int rc;

	rc = builder_ok(b, err);
	if (rc == 0 && b->footer)
		rc = gosend__fail(err, GOSEND_EINVAL, "footer",
		                  "a footer is already set");
	if (rc == 0)
		rc = check_text(err, "footer.text", text, FOOTER_TEXT_MAX);
	if (rc == 0)
		rc = count_placeholders(err, "footer.text", text, 0, &n);
	if (rc < 0)
		return rc;
	c = component("FOOTER", NULL);
	if (!c || !cJSON_AddStringToObject(c, "text", text)) {
		cJSON_Delete(c);
		return oom(err);
	}
	b->footer = c;
	return GOSEND_OK;
}

/* Room for one more button of a kind with `have` of max already. */
static int button_slot(gosend_template_builder *b, size_t have, size_t max,
                       const char *kind, gosend_error **err)
{
	int rc = builder_ok(b, err);

	if (rc < 0)
		return rc;
	if (b->n_buttons >= BUTTONS_MAX)
		return gosend__fail(err, GOSEND_EINVAL, "buttons",
		                    "a template has at most %d buttons",
		                    BUTTONS_MAX);
	if (have >= max)
		return gosend__fail(err, GOSEND_EINVAL, "buttons",
		                    "a template has at most %zu %s button(s)",
		                    max, kind);
	return GOSEND_OK;
}

/* Append a finished button object; takes ownership. */
static int add_button(gosend_template_builder *b, cJSON *btn,
                      gosend_error **err)
{
	if (!btn)
		return oom(err);
	if (!b->buttons) {
		b->buttons = cJSON_CreateArray();
		if (!b->buttons) {
			cJSON_Delete(btn);
			return oom(err);
		}
	}
	if (!cJSON_AddItemToArray(b->buttons, btn)) {
		cJSON_Delete(btn);
		return oom(err);
	}
	b->n_buttons++;
	return GOSEND_OK;
}

static cJSON *button(const char *type, const char *k1, const char *v1,
                     const char *k2, const char *v2)
{
	cJSON *c = cJSON_CreateObject();

	if (!c)
		return NULL;
	if (!cJSON_AddStringToObject(c, "type", type) ||
	    (k1 && !cJSON_AddStringToObject(c, k1, v1)) ||
	    (k2 && !cJSON_AddStringToObject(c, k2, v2))) {
		cJSON_Delete(c);
		return NULL;
	}
	return c;
}

int gosend_template_builder_button_quick_reply(gosend_template_builder *b,
                                               const char *text,
                                               gosend_error **err)
{
	int rc = button_slot(b, 0, BUTTONS_MAX, "QUICK_REPLY", err);

	if (rc == 0)
		rc = check_text(err, "buttons.text", text, BUTTON_TEXT_MAX);
	if (rc < 0)
		return rc;
	return add_button(b, button("QUICK_REPLY", "text", text, NULL, NULL),
	                  err);
}

int gosend_template_builder_button_url(gosend_template_builder *b,
                                       const char *text, const char *url,
                                       const char *example, gosend_error **err)
{
	size_t n = 0, len;
	cJSON *btn;
	int rc;

	rc = button_slot(b, b ? b->n_url : 0, URL_BUTTONS_MAX, "URL", err);
	if (rc == 0)
		rc = check_text(err, "buttons.text", text, BUTTON_TEXT_MAX);
	if (rc < 0)
		return rc;
	if (!gosend__url_ok(url, URL_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.url",
		                    "url must be an http:// or https:// URL of "
		                    "at most %d printable ASCII characters "
		                    "without spaces",
		                    URL_MAX);
	rc = count_placeholders(err, "buttons.url", url, 1, &n);
	if (rc < 0)
		return rc;
	len = strlen(url);
	if (n == 1 && (len < 5 || strcmp(url + len - 5, "{{1}}") != 0))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.url",
		                    "the placeholder {{1}} must end the URL");
	if (n == 1 && !example)
		return gosend__fail(err, GOSEND_EINVAL, "buttons.example",
		                    "url has {{1}}: a sample URL is required");
	if (n == 0 && example)
		return gosend__fail(err, GOSEND_EINVAL, "buttons.example",
		                    "url has no placeholder: example must be "
		                    "NULL");
	if (example && !gosend__url_ok(example, URL_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.example",
		                    "example must be a complete http(s) URL");
	btn = button("URL", "text", text, "url", url);
	if (btn && example) {
		cJSON *arr = cJSON_AddArrayToObject(btn, "example");
		cJSON *s = arr ? cJSON_CreateString(example) : NULL;
		if (!s || !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			cJSON_Delete(btn);
			btn = NULL;
		}
	}
	rc = add_button(b, btn, err);
	if (rc == 0)
		b->n_url++;
	return rc;
}

int gosend_template_builder_button_phone_number(gosend_template_builder *b,
                                                const char *text,
                                                const char *phone_number,
                                                gosend_error **err)
{
	int rc = button_slot(b, b ? b->n_phone : 0, PHONE_BUTTONS_MAX,
	                     "PHONE_NUMBER", err);

	if (rc == 0)
		rc = check_text(err, "buttons.text", text, BUTTON_TEXT_MAX);
	if (rc < 0)
		return rc;
	if (!phone_ok(phone_number))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.phone_number",
		                    "phone_number must be an optional '+' and "
		                    "1-%d digits",
		                    PHONE_MAX);
	rc = add_button(b,
	                button("PHONE_NUMBER", "text", text, "phone_number",
	                       phone_number),
	                err);
	if (rc == 0)
		b->n_phone++;
	return rc;
}

int gosend_template_builder_button_copy_code(gosend_template_builder *b,
                                             const char *example,
                                             gosend_error **err)
{
	int rc = button_slot(b, b ? b->n_copy : 0, COPY_BUTTONS_MAX,
	                     "COPY_CODE", err);

	if (rc == 0)
		rc = check_text(err, "buttons.example", example, COPY_CODE_MAX);
	if (rc < 0)
		return rc;
	rc = add_button(b, button("COPY_CODE", "example", example, NULL, NULL),
	                err);
	if (rc == 0)
		b->n_copy++;
	return rc;
}

int gosend_template_builder_components_json(gosend_template_builder *b,
                                            const char *json,
                                            gosend_error **err)
{
	const cJSON *el;
	cJSON *parsed;

	if (err)
		*err = NULL;
	if (!b)
		return gosend__fail(err, GOSEND_EINVAL, "builder",
		                    "builder is NULL");
	if (b->header || b->body || b->footer || b->n_buttons)
		return gosend__fail(err, GOSEND_EINVAL, "components",
		                    "components were already built; raw JSON "
		                    "cannot be mixed with them");
	if (!json)
		return gosend__fail(err, GOSEND_EINVAL, "components",
		                    "components is NULL");
	parsed = cJSON_ParseWithOpts(json, NULL, 1);
	if (!parsed || !cJSON_IsArray(parsed)) {
		cJSON_Delete(parsed);
		return gosend__fail(
		        err, GOSEND_EINVAL, "components",
		        "components must be a JSON array of objects");
	}
	cJSON_ArrayForEach(el, parsed)
	{
		if (!cJSON_IsObject(el)) {
			cJSON_Delete(parsed);
			return gosend__fail(
			        err, GOSEND_EINVAL, "components",
			        "components must be a JSON array of "
			        "objects");
		}
	}
	cJSON_Delete(b->raw);
	b->raw = parsed;
	return GOSEND_OK;
}

/* Add a deep copy of item to arr; 0 or -1. */
static int add_copy(cJSON *arr, const cJSON *item)
{
	cJSON *c = cJSON_Duplicate(item, 1);

	if (!c || !cJSON_AddItemToArray(arr, c)) {
		cJSON_Delete(c);
		return -1;
	}
	return 0;
}

/* The request body as a gosend__malloc'd JSON text. */
static int build_body(const gosend_template_builder *b, char **out, size_t *len,
                      gosend_error **err)
{
	cJSON *root, *comps;
	char *txt;
	int bad = 0;

	*out = NULL;
	if (!b)
		return gosend__fail(err, GOSEND_EINVAL, "builder",
		                    "builder is NULL");
	if (!b->raw && !b->body)
		return gosend__fail(err, GOSEND_EINVAL, "body",
		                    "a template needs a body (or components "
		                    "given as JSON)");
	root = cJSON_CreateObject();
	if (!root)
		return oom(err);
	if (!cJSON_AddStringToObject(root, "name", b->name) ||
	    !cJSON_AddStringToObject(root, "category", b->category) ||
	    !cJSON_AddStringToObject(root, "language", b->language))
		bad = 1;
	if (!bad && b->raw) {
		comps = cJSON_Duplicate(b->raw, 1);
		if (!comps ||
		    !cJSON_AddItemToObject(root, "components", comps)) {
			cJSON_Delete(comps);
			bad = 1;
		}
	} else if (!bad) {
		comps = cJSON_AddArrayToObject(root, "components");
		if (!comps || (b->header && add_copy(comps, b->header) < 0) ||
		    add_copy(comps, b->body) < 0 ||
		    (b->footer && add_copy(comps, b->footer) < 0)) {
			bad = 1;
		} else if (b->n_buttons) {
			cJSON *c = component("BUTTONS", NULL);
			cJSON *btns = cJSON_Duplicate(b->buttons, 1);
			if (!c || !btns ||
			    !cJSON_AddItemToObject(c, "buttons", btns)) {
				cJSON_Delete(btns);
				cJSON_Delete(c);
				bad = 1;
			} else if (!cJSON_AddItemToArray(comps, c)) {
				cJSON_Delete(c);
				bad = 1;
			}
		}
	}
	txt = bad ? NULL : cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!txt)
		return oom(err);
	*len = strlen(txt);
	*out = gosend__strndup(txt, *len);
	cJSON_free(txt);
	return *out ? GOSEND_OK : oom(err);
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
	return build_body(b, out, &len, err);
}

/* ------------------------------------------------------------ requests */

/* "{METHOD} /wabas/{waba_id}/templates" */
static int tpl_request(gosend__request *r, gosend_client *client,
                       const char *method, const char *waba_id,
                       const gosend_request_options *opts, gosend_error **err)
{
	int rc = gosend__req_init(r, client, method, "/wabas", opts, err);

	if (rc == 0)
		rc = gosend__req_id(r, waba_id, "waba_id", err);
	if (rc == 0)
		rc = gosend__req_path(r, "/templates", err);
	return rc;
}

int gosend_templates_list(gosend_template_list **out, gosend_client *client,
                          const char *waba_id, const gosend_list_params *params,
                          const gosend_request_options *opts,
                          gosend_error **err)
{
	gosend__request r;
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = tpl_request(&r, client, "GET", waba_id, opts, err);
	if (rc == 0)
		rc = gosend__req_list(&r, params, err);
	if (rc == 0)
		rc = gosend__list_call(&r, &template_spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

int gosend_templates_iter_new(gosend_iter **out, gosend_client *client,
                              const char *waba_id, size_t max_items,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	gosend__request r;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = tpl_request(&r, client, "GET", waba_id, opts, err);
	if (rc == 0)
		rc = gosend__iter_new(out, &r, &template_spec, max_items, err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend_templates_iter_next(const gosend_template **out, gosend_iter *it,
                               gosend_error **err)
{
	const void *item = NULL;
	int rc = gosend__iter_next(it, &template_spec, out ? &item : NULL, err);

	if (out)
		*out = item;
	return rc;
}

int gosend_templates_create(gosend_template **out, gosend_client *client,
                            const char *waba_id,
                            const gosend_template_builder *b,
                            const gosend_request_options *opts,
                            gosend_error **err)
{
	gosend__request r;
	const gosend_meta *meta = NULL;
	void *obj = NULL;
	char *body = NULL;
	size_t len = 0;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = tpl_request(&r, client, "POST", waba_id, opts, err);
	if (rc == 0)
		rc = build_body(b, &body, &len, err);
	if (rc == 0) {
		gosend__req_body(&r, body, len);
		/* a 2xx is the template submitted, whatever the body */
		rc = gosend__call(&r, sizeof(gosend_template), &obj, &meta,
		                  GOSEND__WRAP_ANY, err);
	}
	gosend__req_dispose(&r);
	return take_created(rc, obj, out, err);
}

int gosend_templates_sync(gosend_template_sync_result **out,
                          gosend_client *client, const char *waba_id,
                          const gosend_request_options *opts,
                          gosend_error **err)
{
	gosend__request r;
	const gosend_meta *meta = NULL;
	const char *bad = NULL;
	void *obj = NULL;
	char *body;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = tpl_request(&r, client, "POST", waba_id, opts, err);
	if (rc == 0)
		rc = gosend__req_path(&r, "/sync", err);
	if (rc == 0) {
		body = gosend__strdup("{}");
		if (!body)
			rc = oom(err);
		else
			gosend__req_body(&r, body, 2);
	}
	if (rc == 0)
		/* a 2xx is the sync done, whatever the body */
		rc = gosend__call(&r, sizeof(gosend_template_sync_result), &obj,
		                  &meta, GOSEND__WRAP_ANY, err);
	gosend__req_dispose(&r);
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	rc = decode_sync(obj, gosend__obj_holder(obj), &bad);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, bad, err);
	*out = obj;
	return GOSEND_OK;
}

int gosend_templates_delete(gosend_client *client, const char *waba_id,
                            const char *template_id,
                            const gosend_request_options *opts,
                            gosend_error **err)
{
	gosend__request r;
	gosend__response res;
	int rc;

	if (err)
		*err = NULL;
	rc = tpl_request(&r, client, "DELETE", waba_id, opts, err);
	if (rc == 0)
		rc = gosend__req_id(&r, template_id, "template_id", err);
	if (rc == 0) {
		rc = gosend__execute(&r, &res, err);
		if (rc == 0)
			gosend__response_dispose(&res);
	}
	gosend__req_dispose(&r);
	return rc < 0 ? rc : GOSEND_OK;
}

void gosend_template_free(gosend_template *tpl)
{
	gosend__obj_free(tpl);
}

void gosend_template_list_free(gosend_template_list *list)
{
	gosend__obj_free(list);
}

void gosend_template_sync_result_free(gosend_template_sync_result *res)
{
	gosend__obj_free(res);
}
