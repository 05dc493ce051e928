/* Decoding templates and the answers of a template sync. */
#include "gosendapi/templates.h"

#include "json/types.h"

#include "json/decode.h"

#define MAX_SAFE_INT 9007199254740992.0 /* 2^53 */

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

/* The language and the last spelling of the rejection reason; values of
 * other types are left unset. */
static int template_post(void *item, const gosend__jn *json, gosend__holder *h,
                         const char **bad)
{
	gosend_template *t = item;
	const gosend__jn *lang = gosend__jn_get(json, "language");

	(void)bad;
	if (gosend__jn_type(lang) == GOSEND__JN_OBJECT)
		lang = gosend__jn_get(lang, "code");
	t->language = gosend__jn_str(lang);
	if (!t->rejection_reason)
		t->rejection_reason =
		        gosend__jn_str(gosend__jn_get(json, "reason"));
	t->category = (gosend_template_category)gosend__enum_ci(
	        t->category_name, template_categories + 1);
	t->status = (gosend_template_status)gosend__enum_ci(
	        t->status_name, template_statuses + 1);
	t->meta = h->meta;
	return GOSEND__DECODE_OK;
}

/* Where a create answer may hold the template instead of the top level. */
static const char *const created_wrappers[] = {"template", "data", NULL};

const gosend__decoder gosend__type_template = GOSEND__DECODER_W(
        gosend_template, template_fields, template_post, created_wrappers);

/* ---- sync answers ---- */

/* A member of another type than `type` (or absent) is NULL. */
static const gosend__jn *member_of(const gosend__jn *obj, const char *key,
                                   gosend__jtype type)
{
	const gosend__jn *v = gosend__jn_get(obj, key);

	return gosend__jn_type(v) == type ? v : NULL;
}

/* The count a sync answer reports: `synced`, else `count`, else a number
 * under `templates`; -1 unless it is a whole number in [0, 2^53]. */
static long long sync_count(const gosend__jn *root)
{
	const gosend__jn *n = member_of(root, "synced", GOSEND__JN_NUMBER);
	double v;

	if (!n)
		n = member_of(root, "count", GOSEND__JN_NUMBER);
	if (!n)
		n = member_of(root, "templates", GOSEND__JN_NUMBER);
	if (!gosend__jn_num(n, &v) || !(v >= 0) || v > MAX_SAFE_INT ||
	    (double)(long long)v != v)
		return -1;
	return (long long)v;
}

/* The templates of a sync answer: root when it is an array, else an
 * array under `templates`, else one under `data`; NULL when none. */
static const gosend__jn *sync_array(const gosend__jn *root)
{
	const gosend__jn *arr =
	        gosend__jn_type(root) == GOSEND__JN_ARRAY ? root : NULL;

	if (!arr)
		arr = member_of(root, "templates", GOSEND__JN_ARRAY);
	if (!arr)
		arr = member_of(root, "data", GOSEND__JN_ARRAY);
	return arr;
}

/*
 * The whole answer is read here (nothing of it is refused): the count and
 * the templates, each decoded as a list item.
 */
static int sync_post(void *item, const gosend__jn *json, gosend__holder *h,
                     const char **bad)
{
	gosend_template_sync_result *res = item;
	const gosend__jn *root = gosend__h_root(h), *arr = sync_array(root);
	void **items = NULL;
	int rc;

	(void)json;
	res->meta = h->meta;
	res->synced = sync_count(root);
	if (!arr)
		return GOSEND__DECODE_OK;
	rc = gosend__decode_array(h, arr, &gosend__type_template, &items,
	                          &res->count, bad);
	if (rc != GOSEND__DECODE_OK)
		return rc;
	res->templates = (const gosend_template *const *)(void *)items;
	if (res->synced < 0)
		res->synced = (long long)res->count;
	return GOSEND__DECODE_OK;
}

/* No field table: sync_post reads the answer. Decoded as an answer
 * (GOSEND__ANSWER) only. */
const gosend__decoder gosend__type_template_sync = {
        sizeof(gosend_template_sync_result),
        offsetof(gosend_template_sync_result, raw_json) +
                GOSEND__TYPE_IS(gosend_template_sync_result, raw_json,
                                const char *),
        NULL,
        0,
        sync_post,
        NULL,
        NULL,
        0,
        0};
