#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

#define MAX_SAFE_INT 9007199254740992.0 /* 2^53 */

int gosend__decode_id(const cJSON *item, gosend__holder *h, const char **out)
{
	char num[32];

	*out = NULL;
	if (!item || cJSON_IsNull(item))
		return GOSEND__DECODE_OK;
	if (cJSON_IsString(item)) {
		*out = item->valuestring;
		return GOSEND__DECODE_OK;
	}
	if (!cJSON_IsNumber(item))
		return GOSEND__DECODE_BAD;
	if (!(fabs(item->valuedouble) <= MAX_SAFE_INT) ||
	    floor(item->valuedouble) != item->valuedouble)
		return GOSEND__DECODE_BAD;
	(void)snprintf(num, sizeof(num), "%.0f", item->valuedouble);
	*out = gosend__h_strdup(h, num);
	return *out ? GOSEND__DECODE_OK : GOSEND__DECODE_NOMEM;
}

static void set_absent(void *obj, const gosend__field *f)
{
	char *p = (char *)obj + f->offset;

	switch (f->type) {
	case GOSEND__F_BOOL: {
		int v = -1;
		memcpy(p, &v, sizeof(v));
		break;
	}
	case GOSEND__F_INT: {
		long long v = -1;
		memcpy(p, &v, sizeof(v));
		break;
	}
	default:
		break;
	}
}

static int decode_one(void *obj, const cJSON *item, const gosend__field *f,
                      gosend__holder *h)
{
	char *p = (char *)obj + f->offset;
	const char *s = NULL;

	switch (f->type) {
	case GOSEND__F_STR:
		if (!cJSON_IsString(item))
			return GOSEND__DECODE_BAD;
		s = item->valuestring;
		memcpy(p, &s, sizeof(s));
		return GOSEND__DECODE_OK;
	case GOSEND__F_ID: {
		int rc = gosend__decode_id(item, h, &s);
		if (rc == GOSEND__DECODE_OK)
			memcpy(p, &s, sizeof(s));
		return rc;
	}
	case GOSEND__F_BOOL: {
		int v;
		if (!cJSON_IsBool(item))
			return GOSEND__DECODE_BAD;
		v = cJSON_IsTrue(item) ? 1 : 0;
		memcpy(p, &v, sizeof(v));
		return GOSEND__DECODE_OK;
	}
	case GOSEND__F_INT: {
		long long v;
		if (!cJSON_IsNumber(item) ||
		    !(fabs(item->valuedouble) <= MAX_SAFE_INT) ||
		    floor(item->valuedouble) != item->valuedouble)
			return GOSEND__DECODE_BAD;
		v = (long long)item->valuedouble;
		memcpy(p, &v, sizeof(v));
		return GOSEND__DECODE_OK;
	}
	case GOSEND__F_NUM: {
		double v;
		if (!cJSON_IsNumber(item))
			return GOSEND__DECODE_BAD;
		v = item->valuedouble;
		memcpy(p, &v, sizeof(v));
		return GOSEND__DECODE_OK;
	}
	case GOSEND__F_JSON: {
		char *txt = cJSON_PrintUnformatted(item);
		if (!txt)
			return GOSEND__DECODE_NOMEM;
		s = gosend__h_strdup(h, txt);
		cJSON_free(txt);
		if (!s)
			return GOSEND__DECODE_NOMEM;
		memcpy(p, &s, sizeof(s));
		return GOSEND__DECODE_OK;
	}
	case GOSEND__F_STRS: {
		const cJSON *el;
		const char **list;
		size_t n = 0;
		if (!cJSON_IsArray(item))
			return GOSEND__DECODE_BAD;
		list = gosend__h_alloc(
		        h,
		        sizeof(*list) * ((size_t)cJSON_GetArraySize(item) + 1));
		if (!list)
			return GOSEND__DECODE_NOMEM;
		cJSON_ArrayForEach(el, item)
		{
			/* an element of another type is skipped; it stays
			 * in raw_json */
			if (cJSON_IsString(el))
				list[n++] = el->valuestring;
		}
		memcpy(p, &list, sizeof(list));
		memcpy((char *)obj + f->aux, &n, sizeof(n));
		return GOSEND__DECODE_OK;
	}
	default:
		return GOSEND__DECODE_BAD;
	}
}

/*
 * Fill obj per the table. strict: a json that is not an object, or a
 * required field absent or unusable, is GOSEND__DECODE_BAD. Whatever the
 * mode, an optional field of another JSON type is left unset.
 */
static int fill(void *obj, const cJSON *json, const gosend__field *fields,
                size_t n, gosend__holder *h, const char **bad, int strict)
{
	size_t i;

	for (i = 0; i < n; i++)
		set_absent(obj, &fields[i]);
	if (!cJSON_IsObject(json)) {
		if (!strict)
			return GOSEND__DECODE_OK;
		*bad = "(object)";
		return GOSEND__DECODE_BAD;
	}
	for (i = 0; i < n; i++) {
		const gosend__field *f = &fields[i];
		const char *keys[2];
		int rc = GOSEND__DECODE_BAD;
		size_t k;

		keys[0] = f->key;
		keys[1] = f->alt;
		/* the first spelling that is present and usable */
		for (k = 0; k < 2 && keys[k] && rc != GOSEND__DECODE_OK; k++) {
			const cJSON *item =
			        cJSON_GetObjectItemCaseSensitive(json, keys[k]);
			if (!item || cJSON_IsNull(item))
				continue;
			rc = decode_one(obj, item, f, h);
			if (rc == GOSEND__DECODE_NOMEM) {
				*bad = f->key;
				return rc;
			}
		}
		if (rc != GOSEND__DECODE_OK) {
			set_absent(obj, f);
			if (strict && f->required) {
				*bad = f->key;
				return GOSEND__DECODE_BAD;
			}
		}
	}
	return GOSEND__DECODE_OK;
}

int gosend__decode_fields(void *obj, const cJSON *json,
                          const gosend__field *fields, size_t n,
                          gosend__holder *h, const char **bad)
{
	return fill(obj, json, fields, n, h, bad, 1);
}

int gosend__decode_fields_any(void *obj, const cJSON *json,
                              const gosend__field *fields, size_t n,
                              gosend__holder *h)
{
	const char *bad = NULL;

	return fill(obj, json, fields, n, h, &bad, 0);
}

const cJSON *gosend__answer_object(const cJSON *root,
                                   const char *const *wrappers)
{
	size_t i;

	if (!cJSON_IsObject(root))
		return NULL;
	if (cJSON_GetObjectItemCaseSensitive(root, "id"))
		return root;
	for (i = 0; wrappers && wrappers[i]; i++) {
		const cJSON *w =
		        cJSON_GetObjectItemCaseSensitive(root, wrappers[i]);
		if (cJSON_IsObject(w))
			return w;
	}
	return root;
}

int gosend__decode_answer(void *obj, gosend__holder *h,
                          const char *const *wrappers,
                          const gosend__field *fields, size_t n,
                          gosend__item_fn post, size_t raw_offset)
{
	const cJSON *o = gosend__answer_object(h->root, wrappers);
	const char *raw = h->body ? h->body : "";
	const char *bad = NULL;
	int rc;

	memcpy((char *)obj + raw_offset, &raw, sizeof(raw));
	rc = gosend__decode_fields_any(obj, o, fields, n, h);
	if (rc == GOSEND__DECODE_OK && post)
		rc = post(obj, o, h, &bad);
	return rc;
}

static size_t skip_ws(const char *s, size_t i, size_t n)
{
	while (i < n &&
	       (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

static size_t skip_string(const char *s, size_t i, size_t n)
{
	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return n;
}

static size_t skip_value(const char *s, size_t i, size_t n)
{
	size_t depth = 0;

	if (i >= n)
		return n;
	if (s[i] == '"')
		return skip_string(s, i, n);
	if (s[i] != '{' && s[i] != '[') {
		while (i < n && !strchr(",]} \t\r\n", s[i]))
			i++;
		return i;
	}
	while (i < n) {
		char c = s[i];
		if (c == '"') {
			i = skip_string(s, i, n);
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (--depth == 0)
				return i + 1;
		}
		i++;
	}
	return n;
}

int gosend__parse_body(gosend__holder *h, const char *body, size_t len)
{
	const char *end = NULL;
	size_t i;

	/* JSON never holds a raw NUL; cJSON would stop at it and truncate */
	if (memchr(body, '\0', len))
		return GOSEND__DECODE_BAD;
	errno = 0;
	h->root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (!h->root) /* cJSON reports both the same way; malloc sets errno */
		return errno == ENOMEM ? GOSEND__DECODE_NOMEM
		                       : GOSEND__DECODE_BAD;
	for (i = (size_t)(end - body); i < len; i++) {
		if (!strchr(" \t\r\n", body[i]) || body[i] == '\0')
			return GOSEND__DECODE_BAD;
	}
	return GOSEND__DECODE_OK;
}

/* Byte offset of the value of `key` in the top-level object at s[i]. */
static size_t member_value(const char *s, size_t i, size_t n, const char *key)
{
	size_t klen = strlen(key);

	i = skip_ws(s, i, n);
	if (i >= n || s[i] != '{')
		return n;
	i++;
	while (i < n) {
		size_t ks, ke;
		i = skip_ws(s, i, n);
		if (i >= n || s[i] != '"')
			return n;
		ks = i + 1;
		ke = skip_string(s, i, n);
		i = skip_ws(s, ke, n);
		if (i >= n || s[i] != ':')
			return n;
		i = skip_ws(s, i + 1, n);
		if (ke - 1 - ks == klen && memcmp(s + ks, key, klen) == 0)
			return i;
		i = skip_ws(s, skip_value(s, i, n), n);
		if (i < n && s[i] == ',')
			i++;
		else
			return n;
	}
	return n;
}

/* Fill starts/ends of each element of the array at s[i]; element count. */
static size_t array_spans(const char *s, size_t i, size_t n, size_t *starts,
                          size_t *ends, size_t max)
{
	size_t k = 0;

	if (i >= n || s[i] != '[')
		return 0;
	i++;
	while (k < max) {
		i = skip_ws(s, i, n);
		if (i >= n || s[i] == ']')
			break;
		starts[k] = i;
		ends[k] = skip_value(s, i, n);
		k++;
		i = skip_ws(s, ends[k - 1], n);
		if (i < n && s[i] == ',')
			i++;
		else
			break;
	}
	return k;
}

int gosend__decode_list(gosend__holder *h, size_t item_size, size_t raw_offset,
                        const gosend__field *fields, size_t nfields,
                        gosend__item_fn post, void ***items_out,
                        size_t *count_out, const char **bad)
{
	static const char *const wrappers[] = {"data", "items", "results"};
	const cJSON *arr = h->root, *el;
	const char *wrapper = NULL;
	size_t count, i = 0, start, nspans = 0;
	size_t *starts = NULL, *ends = NULL;
	void **items;
	int rc = GOSEND__DECODE_OK;

	*items_out = NULL;
	*count_out = 0;
	if (cJSON_IsObject(arr)) {
		size_t w;
		for (w = 0; w < sizeof(wrappers) / sizeof(wrappers[0]); w++) {
			const cJSON *a = cJSON_GetObjectItemCaseSensitive(
			        arr, wrappers[w]);
			if (cJSON_IsArray(a)) {
				wrapper = wrappers[w];
				arr = a;
				break;
			}
		}
	}
	if (!cJSON_IsArray(arr)) {
		*bad = "(list)";
		return GOSEND__DECODE_BAD;
	}
	count = (size_t)cJSON_GetArraySize(arr);
	items = gosend__h_alloc(h, sizeof(*items) * (count + 1));
	if (!items)
		return GOSEND__DECODE_NOMEM;
	if (count) {
		starts = gosend__malloc(sizeof(size_t) * count * 2);
		if (!starts)
			return GOSEND__DECODE_NOMEM;
		ends = starts + count;
		start = skip_ws(h->body, 0, h->body_len);
		if (start + 3 <= h->body_len &&
		    memcmp(h->body + start, "\xEF\xBB\xBF", 3) == 0)
			start = skip_ws(h->body, start + 3, h->body_len);
		if (wrapper)
			start = member_value(h->body, start, h->body_len,
			                     wrapper);
		nspans = array_spans(h->body, start, h->body_len, starts, ends,
		                     count);
	}
	cJSON_ArrayForEach(el, arr)
	{
		char *item = gosend__h_alloc(h, item_size);
		const char *raw;
		unsigned int one = 1;

		if (!item) {
			rc = GOSEND__DECODE_NOMEM;
			break;
		}
		memcpy(item, &one, sizeof(one));
		if (starts && nspans == count) {
			raw = gosend__h_strndup(h, h->body + starts[i],
			                        ends[i] - starts[i]);
		} else {
			char *txt = cJSON_PrintUnformatted(el);
			raw = txt ? gosend__h_strdup(h, txt) : NULL;
			cJSON_free(txt);
		}
		if (!raw) {
			rc = GOSEND__DECODE_NOMEM;
			break;
		}
		/* raw_json first: a post step may read parts of it */
		memcpy(item + raw_offset, &raw, sizeof(raw));
		/* one bad element does not fail the page: it gives an item
		 * with what could be read (nothing when it is no object) */
		rc = fill(item, el, fields, nfields, h, bad, 0);
		if (rc == GOSEND__DECODE_OK && post)
			rc = post(item, cJSON_IsObject(el) ? el : NULL, h, bad);
		if (rc != GOSEND__DECODE_OK)
			break;
		items[i++] = item;
	}
	gosend__free(starts);
	if (rc != GOSEND__DECODE_OK)
		return rc;
	*items_out = items;
	*count_out = count;
	return GOSEND__DECODE_OK;
}

const char *gosend__json_member_text(gosend__holder *h, const char *text,
                                     size_t len, const char *key)
{
	size_t start = member_value(text, 0, len, key), end;

	if (start >= len)
		return NULL;
	end = skip_value(text, start, len);
	if (end <= start)
		return NULL;
	return gosend__h_strndup(h, text + start, end - start);
}

int gosend__enum_ci(const char *s, const char *const *names)
{
	size_t i, k;

	for (i = 0; s && names[i]; i++) {
		for (k = 0; s[k] && names[i][k]; k++) {
			char a = s[k], b = names[i][k];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (!s[k] && !names[i][k])
			return (int)i + 1;
	}
	return 0;
}

int gosend__enum_from(const char *s, const char *const *names, int unknown)
{
	int i;

	if (!s)
		return unknown;
	for (i = 0; names[i]; i++) {
		if (strcmp(s, names[i]) == 0)
			return i;
	}
	return unknown;
}
