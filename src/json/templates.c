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

/* A member that may be absent or null (NULL), else the item. */
static const cJSON *member(const cJSON *obj, const char *key)
{
	const cJSON *v;

	if (!cJSON_IsObject(obj))
		return NULL;
	v = cJSON_GetObjectItemCaseSensitive(obj, key);
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

/* Where a create answer may hold the template instead of the top level. */
static const char *const created_wrappers[] = {"template", "data", NULL};

const gosend__decoder gosend__type_template = GOSEND__DECODER_W(
        gosend_template, template_fields, template_post, created_wrappers);

/* ---- sync answers ---- */

/* The count a sync answer reports: `synced`, else `count`, else a number
 * under `templates`; -1 unless it is a whole number in [0, 2^53]. */
static long long sync_count(const cJSON *root)
{
	const cJSON *n = member(root, "synced");

	if (!cJSON_IsNumber(n))
		n = member(root, "count");
	if (!cJSON_IsNumber(n))
		n = member(root, "templates");
	if (!cJSON_IsNumber(n) || !(n->valuedouble >= 0) ||
	    n->valuedouble > MAX_SAFE_INT ||
	    (double)(long long)n->valuedouble != n->valuedouble)
		return -1;
	return (long long)n->valuedouble;
}

/* The templates of a sync answer: root when it is an array, else an
 * array under `templates`, else one under `data`; NULL when none. */
static cJSON *sync_array(cJSON *root)
{
	cJSON *arr = cJSON_IsArray(root) ? root : NULL;

	if (!arr && cJSON_IsArray(member(root, "templates")))
		arr = cJSON_GetObjectItemCaseSensitive(root, "templates");
	if (!arr && cJSON_IsArray(member(root, "data")))
		arr = cJSON_GetObjectItemCaseSensitive(root, "data");
	return arr;
}

/*
 * The whole answer is read here (nothing of it is refused): the count and
 * the templates, each decoded as a list item. The list decoder reads
 * h->root, so the array stands in for it meanwhile.
 */
static int sync_post(void *item, const cJSON *json, gosend__holder *h,
                     const char **bad)
{
	gosend_template_sync_result *res = item;
	cJSON *root = h->root, *arr = sync_array(root);
	void **items = NULL;
	int rc;

	(void)json;
	res->meta = h->meta;
	res->synced = sync_count(root);
	if (!arr)
		return GOSEND__DECODE_OK;
	h->root = arr;
	rc = gosend__decode_list(
	        h, sizeof(gosend_template), offsetof(gosend_template, raw_json),
	        template_fields,
	        sizeof(template_fields) / sizeof(template_fields[0]),
	        template_post, &items, &res->count, bad);
	h->root = root;
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
        NULL};
