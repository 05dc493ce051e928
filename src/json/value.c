/* JSON values for the layers above (see value.h): a thin face on cJSON. */
#include "json/value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
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

/* ---- printing ----
 * The compact text cJSON_PrintUnformatted would give, written straight
 * into one growing buffer: a string without escapes goes in one copy
 * (cJSON measures, then copies, each string byte by byte), and the
 * text's length comes back with it. Every request body passes here. */

/* Bytes of a JSON string that stop a plain run: NUL (its end), '"',
 * '\\' and the other control characters (as cJSON: DEL and non-ASCII go
 * as they are). */
static const unsigned char stops[256] = {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ['"'] = 1, ['\\'] = 1,
};

/* Room for n more bytes at b->ptr + b->len, or 0 (b->oom set). */
static int room(gosend__buf *b, size_t n)
{
	return b->len + n < b->cap || gosend__buf_grow(b, n) == 0;
}

static void put_byte(gosend__buf *b, char ch)
{
	if (room(b, 1))
		b->ptr[b->len++] = ch;
}

/* The escaped form of the string s (its first stop at p) after its
 * plain start. */
static void put_escaped(gosend__buf *b, const unsigned char *p)
{
	static const char hex[] = "0123456789abcdef";

	while (*p) {
		const unsigned char *run = p;
		char e[6] = {'\\', 'u', '0', '0', 0, 0};
		size_t n = 2;

		while (!stops[*p])
			p++;
		gosend__buf_put(b, (const char *)run, (size_t)(p - run));
		switch (*p) {
		case '\0':
			return;
		case '"':
		case '\\':
			e[1] = (char)*p;
			break;
		case '\b':
			e[1] = 'b';
			break;
		case '\f':
			e[1] = 'f';
			break;
		case '\n':
			e[1] = 'n';
			break;
		case '\r':
			e[1] = 'r';
			break;
		case '\t':
			e[1] = 't';
			break;
		default:
			e[4] = hex[*p >> 4];
			e[5] = hex[*p & 15];
			n = 6;
		}
		gosend__buf_put(b, e, n);
		p++;
	}
}

/* "s" and then `after` (a ':' after a key, else 0). */
static void put_string(gosend__buf *b, const char *s, char after)
{
	const char *text = s ? s : "";
	const unsigned char *p = (const unsigned char *)text;
	size_t n;

	while (!stops[*p])
		p++;
	n = (size_t)(p - (const unsigned char *)text);
	if (!room(b, n + 3))
		return;
	b->ptr[b->len++] = '"';
	if (n)
		memcpy(b->ptr + b->len, text, n);
	b->len += n;
	if (*p)
		put_escaped(b, p);
	put_byte(b, '"');
	if (after)
		put_byte(b, after);
}

/* A number as cJSON writes it (gosend__jp_number_text: -0 as 0, '.' for
 * the decimal point in any locale); not a finite number: null. */
static void put_number(gosend__buf *b, double d)
{
	char t[32];
	int n;

	if (isnan(d) || isinf(d)) {
		gosend__buf_put(b, "null", 4);
		return;
	}
	n = gosend__jp_number_text(t, sizeof(t), d);
	if (n < 0) {
		b->oom = 1; /* no "C" locale: no memory for one */
		return;
	}
	gosend__buf_put(b, t, (size_t)n);
}

static void put_value(gosend__buf *b, const cJSON *v)
{
	const cJSON *el;
	int obj = 0;

	switch (v->type & 0xFF) {
	case cJSON_String:
		put_string(b, v->valuestring, 0);
		return;
	case cJSON_Number:
		put_number(b, v->valuedouble);
		return;
	case cJSON_True:
		gosend__buf_put(b, "true", 4);
		return;
	case cJSON_False:
		gosend__buf_put(b, "false", 5);
		return;
	case cJSON_Raw:
		if (!v->valuestring || !*v->valuestring)
			b->oom = 1; /* no text is no JSON value */
		else
			gosend__buf_puts(b, v->valuestring);
		return;
	case cJSON_Object:
		obj = 1;
		/* fall through */
	case cJSON_Array:
		put_byte(b, obj ? '{' : '[');
		for (el = v->child; el && !b->oom; el = el->next) {
			if (el != v->child)
				put_byte(b, ',');
			if (obj)
				put_string(b, el->string, ':');
			put_value(b, el);
		}
		put_byte(b, obj ? '}' : ']');
		return;
	case cJSON_NULL:
		gosend__buf_put(b, "null", 4);
		return;
	default:
		b->oom = 1; /* not a value (cJSON fails too) */
	}
}

/* The text of v and its length; NULL when v is NULL, holds something
 * that is no JSON value (a raw member without text, a node of no type)
 * or memory ran out. */
static char *print(const gosend__jv *v, size_t *len)
{
	gosend__buf b = GOSEND__BUF_INIT;

	*len = 0;
	if (!v)
		return NULL;
	(void)gosend__buf_grow(&b, 255); /* a message's body, most often */
	put_value(&b, CJ(v));
	if (b.oom) {
		gosend__buf_dispose(&b);
		return NULL;
	}
	*len = b.len;
	return gosend__buf_detach(&b);
}

char *gosend__jv_print(const gosend__jv *v)
{
	size_t len;

	return print(v, &len);
}

int gosend__jv_body(gosend__jv *obj, int ok, char **body, size_t *len)
{
	*body = ok ? print(obj, len) : NULL;
	if (!*body)
		*len = 0;
	gosend__jv_free(obj);
	return *body ? 0 : -1;
}
