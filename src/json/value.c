/* JSON values for the layers above (see value.h): a thin face on cJSON. */
#include "json/value.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "json/parse.h"

/* A gosend__jv is a cJSON node under another name: the pointer is only
 * ever converted back here, never dereferenced as anything else. */
#define J(v)  ((cJSON *)(void *)(v))
#define CJ(v) ((const cJSON *)(const void *)(v))
#define V(c)  ((gosend__jv *)(void *)(c))

gosend__jv *gosend__jv_object(void)
{
	return V(cJSON_CreateObject());
}

gosend__jv *gosend__jv_array(void)
{
	return V(cJSON_CreateArray());
}

gosend__jv *gosend__jv_string(const char *s)
{
	return s ? V(cJSON_CreateString(s)) : NULL;
}

gosend__jv *gosend__jv_number(double v)
{
	return V(cJSON_CreateNumber(v));
}

gosend__jv *gosend__jv_bool(int v)
{
	/* cJSON_CreateBool takes a truth value (cJSON_False is no 0) */
	return V(cJSON_CreateBool(v != 0));
}

gosend__jv *gosend__jv_raw(const char *json)
{
	return json ? V(cJSON_CreateRaw(json)) : NULL;
}

gosend__jv *gosend__jv_copy(const gosend__jv *v)
{
	return v ? V(cJSON_Duplicate(CJ(v), 1)) : NULL;
}

void gosend__jv_free(gosend__jv *v)
{
	cJSON_Delete(J(v));
}

int gosend__jv_set(gosend__jv *obj, const char *key, gosend__jv *item)
{
	if (!item)
		return -1;
	if (!cJSON_IsObject(CJ(obj)) || !key) {
		cJSON_Delete(J(item));
		return -1;
	}
	if (cJSON_GetObjectItemCaseSensitive(CJ(obj), key)) {
		/* in its place: the members keep their order */
		if (cJSON_ReplaceItemInObjectCaseSensitive(J(obj), key,
		                                           J(item)))
			return 0;
		cJSON_Delete(J(item));
		return -1;
	}
	if (!cJSON_AddItemToObject(J(obj), key, J(item))) {
		cJSON_Delete(J(item));
		return -1;
	}
	return 0;
}

void gosend__jv_remove(gosend__jv *obj, const char *key)
{
	if (cJSON_IsObject(CJ(obj)) && key)
		cJSON_DeleteItemFromObjectCaseSensitive(J(obj), key);
}

int gosend__jv_add(gosend__jv *obj, const char *const_key, gosend__jv *item)
{
	if (!item)
		return -1;
	if (!cJSON_IsObject(CJ(obj)) || !const_key ||
	    !cJSON_AddItemToObjectCS(J(obj), const_key, J(item))) {
		cJSON_Delete(J(item));
		return -1;
	}
	return 0;
}

int gosend__jv_add_str(gosend__jv *obj, const char *const_key, const char *s)
{
	return gosend__jv_add(obj, const_key, gosend__jv_string(s));
}

int gosend__jv_set_str(gosend__jv *obj, const char *key, const char *s)
{
	return gosend__jv_set(obj, key, gosend__jv_string(s));
}

int gosend__jv_push(gosend__jv *arr, gosend__jv *item)
{
	if (!item)
		return -1;
	if (!cJSON_IsArray(CJ(arr)) || !cJSON_AddItemToArray(J(arr), J(item))) {
		cJSON_Delete(J(item));
		return -1;
	}
	return 0;
}

int gosend__jv_set_opt_str(gosend__jv *obj, const char *key, const char *s)
{
	return s ? gosend__jv_set_str(obj, key, s) : 0;
}

gosend__jv *gosend__jv_strings(const char *const *s, size_t n)
{
	gosend__jv *arr = gosend__jv_array();
	size_t i;

	for (i = 0; arr && i < n; i++) {
		if (gosend__jv_push(arr, gosend__jv_string(s[i])) < 0) {
			gosend__jv_free(arr);
			arr = NULL;
		}
	}
	return arr;
}

int gosend__jv_is_object(const gosend__jv *v)
{
	return cJSON_IsObject(CJ(v)) ? 1 : 0;
}

int gosend__jv_is_array(const gosend__jv *v)
{
	return cJSON_IsArray(CJ(v)) ? 1 : 0;
}

gosend__jv *gosend__jv_get(const gosend__jv *obj, const char *key)
{
	if (!cJSON_IsObject(CJ(obj)) || !key)
		return NULL;
	return V(cJSON_GetObjectItemCaseSensitive(CJ(obj), key));
}

const char *gosend__jv_str(const gosend__jv *v)
{
	return cJSON_IsString(CJ(v)) ? CJ(v)->valuestring : NULL;
}

const char *gosend__jv_get_str(const gosend__jv *obj, const char *key)
{
	return gosend__jv_str(gosend__jv_get(obj, key));
}

size_t gosend__jv_count(const gosend__jv *v)
{
	size_t n = 0;
	const cJSON *el;

	if (!cJSON_IsArray(CJ(v)) && !cJSON_IsObject(CJ(v)))
		return 0;
	for (el = CJ(v)->child; el; el = el->next)
		n++;
	return n;
}

gosend__jv *gosend__jv_last(const gosend__jv *arr)
{
	const cJSON *first;

	if (!cJSON_IsArray(CJ(arr)) || !CJ(arr)->child)
		return NULL;
	first = CJ(arr)->child;
	return V(first->prev); /* cJSON keeps the last element there */
}

gosend__jv *gosend__jv_first(const gosend__jv *v)
{
	if (!cJSON_IsArray(CJ(v)) && !cJSON_IsObject(CJ(v)))
		return NULL;
	return V(CJ(v)->child);
}

gosend__jv *gosend__jv_next(const gosend__jv *v)
{
	return v ? V(CJ(v)->next) : NULL;
}

gosend__jv *gosend__jv_parse(const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *root;

	if (!text)
		return NULL;
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root)
		return NULL;
	while (end && end < text + len &&
	       (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
		end++;
	if (end != text + len) {
		cJSON_Delete(root);
		return NULL;
	}
	return V(root);
}

int gosend__jv_parse_checked(gosend__jv **out, const char *text, size_t len)
{
	gosend__jdoc *doc = NULL;
	int rc;

	*out = gosend__jv_parse(text, len);
	if (*out)
		return 0;
	if (!text)
		return GOSEND__JV_BAD;
	/* cJSON says NULL for bad text and for no memory alike: the
	 * strict parser tells them apart (text it accepts, cJSON accepts) */
	rc = gosend__jdoc_parse(&doc, text, len);
	gosend__jdoc_free(doc);
	return rc == GOSEND__JP_BAD ? GOSEND__JV_BAD : GOSEND__JV_NOMEM;
}

char *gosend__jv_print(const gosend__jv *v)
{
	return v ? cJSON_PrintUnformatted(CJ(v)) : NULL;
}

int gosend__jv_body(gosend__jv *obj, int ok, char **body, size_t *len)
{
	*body = ok ? gosend__jv_print(obj) : NULL;
	*len = *body ? strlen(*body) : 0;
	gosend__jv_free(obj);
	return *body ? 0 : -1;
}
