/* The fields of an API error body, and a body's retry_after_seconds. */
#include "json/body.h"

#include <errno.h>

#include <cjson/cJSON.h>

#include "core/request.h"

static void free_tree(void *root)
{
	cJSON_Delete(root);
}

/* A number of seconds >= 0, saturated so that a huge wait stays one; -1
 * for anything else. */
static long seconds(const cJSON *item)
{
	if (!cJSON_IsNumber(item) || !(item->valuedouble >= 0))
		return -1;
	return item->valuedouble >= (double)GOSEND__WAIT_MAX_S
	               ? (long)GOSEND__WAIT_MAX_S
	               : (long)item->valuedouble;
}

long gosend__body_retry_after(const char *body, size_t len)
{
	cJSON *root;
	long v;

	if (!len)
		return -1;
	root = cJSON_ParseWithLength(body, len);
	v = seconds(
	        cJSON_GetObjectItemCaseSensitive(root, "retry_after_seconds"));
	cJSON_Delete(root);
	return v;
}

/* "details": its text, and its "field". 0 or -1 (out of memory). */
static int read_details(gosend__holder *h, const cJSON *item,
                        gosend__error_body *out)
{
	const cJSON *f;
	char *txt;

	if (!item || cJSON_IsNull(item))
		return 0;
	txt = cJSON_PrintUnformatted(item);
	if (!txt)
		return -1;
	out->details_json = gosend__h_strdup(h, txt);
	cJSON_free(txt);
	if (!out->details_json)
		return -1;
	f = cJSON_GetObjectItemCaseSensitive(item, "field");
	if (cJSON_IsString(f))
		out->field = f->valuestring;
	return 0;
}

/* "message": one string, or the strings of an array. 0 or -1. */
static int read_messages(gosend__holder *h, const cJSON *item,
                         gosend__error_body *out)
{
	const cJSON *el;
	const char **list;
	size_t n = 0;

	if (cJSON_IsString(item)) {
		list = gosend__h_alloc(h, sizeof(*list));
		if (!list)
			return -1;
		list[n++] = item->valuestring;
	} else if (cJSON_IsArray(item)) {
		list = gosend__h_alloc(
		        h,
		        sizeof(*list) * ((size_t)cJSON_GetArraySize(item) + 1));
		if (!list)
			return -1;
		cJSON_ArrayForEach(el, item)
		{
			if (cJSON_IsString(el))
				list[n++] = el->valuestring;
		}
	} else {
		return 0;
	}
	out->messages = list;
	out->messages_count = n;
	return 0;
}

int gosend__error_body_read(gosend__holder *h, const char *body, size_t len,
                            gosend__error_body *out)
{
	cJSON *root, *item;

	errno = 0;
	root = cJSON_ParseWithLength(body, len);
	if (!root) /* not JSON, or out of memory (malloc sets errno) */
		return errno == ENOMEM ? -1 : 0;
	h->root = root;
	h->root_free = free_tree;
	if (!cJSON_IsObject(root))
		return 0;
	item = cJSON_GetObjectItemCaseSensitive(root, "statusCode");
	if (cJSON_IsNumber(item) && item->valuedouble >= 0 &&
	    item->valuedouble < 1000)
		out->status_code = (long)item->valuedouble;
	item = cJSON_GetObjectItemCaseSensitive(root, "error");
	if (cJSON_IsString(item))
		out->error = item->valuestring;
	out->retry_after_s = seconds(
	        cJSON_GetObjectItemCaseSensitive(root, "retry_after_seconds"));
	if (read_details(h, cJSON_GetObjectItemCaseSensitive(root, "details"),
	                 out) < 0)
		return -1;
	return read_messages(
	        h, cJSON_GetObjectItemCaseSensitive(root, "message"), out);
}
