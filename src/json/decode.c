#include "json/decode.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

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

/* GOSEND__F_JSON: any value, as compact text. */
static int decode_text(char *p, const cJSON *item, gosend__holder *h)
{
	char *txt = cJSON_PrintUnformatted(item);
	const char *s;

	if (!txt)
		return GOSEND__DECODE_NOMEM;
	s = gosend__h_strdup(h, txt);
	cJSON_free(txt);
	if (!s)
		return GOSEND__DECODE_NOMEM;
	memcpy(p, &s, sizeof(s));
	return GOSEND__DECODE_OK;
}

/* GOSEND__F_STRS: the string elements of an array; an element of another
 * type is skipped (it stays in raw_json). */
static int decode_strings(void *obj, const cJSON *item, const gosend__field *f,
                          gosend__holder *h)
{
	const cJSON *el;
	const char **list;
	size_t n = 0;

	if (!cJSON_IsArray(item))
		return GOSEND__DECODE_BAD;
	list = gosend__h_alloc(
	        h, sizeof(*list) * ((size_t)cJSON_GetArraySize(item) + 1));
	if (!list)
		return GOSEND__DECODE_NOMEM;
	cJSON_ArrayForEach(el, item)
	{
		if (cJSON_IsString(el))
			list[n++] = el->valuestring;
	}
	memcpy((char *)obj + f->offset, &list, sizeof(list));
	memcpy((char *)obj + f->aux, &n, sizeof(n));
	return GOSEND__DECODE_OK;
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
	case GOSEND__F_JSON:
		return decode_text(p, item, h);
	case GOSEND__F_STRS:
		return decode_strings(obj, item, f, h);
	default:
		return GOSEND__DECODE_BAD;
	}
}

/* Tables up to this many fields are matched in one pass over the members. */
#define FILL_MAX 48

/* A field table's spellings chained by first byte: head[c] is 1 + the
 * first slot (2 * field + 0 for key, 1 for alt) whose name starts with c,
 * next[slot] 1 + the following one; 0 ends a chain. */
typedef struct field_index {
	unsigned char head[256];
	unsigned char next[2 * FILL_MAX];
} field_index;

/* Build the index of a table of n <= FILL_MAX fields. */
static void index_fields(field_index *ix, const gosend__field *fields, size_t n)
{
	size_t i;

	memset(ix->head, 0, sizeof(ix->head));
	for (i = 2 * n; i-- > 0;) {
		const char *name =
		        i & 1 ? fields[i / 2].alt : fields[i / 2].key;
		unsigned char c;
		if (!name)
			continue;
		c = (unsigned char)name[0];
		ix->next[i] = ix->head[c];
		ix->head[c] = (unsigned char)(i + 1);
	}
}

/*
 * found[0][i] and found[1][i]: the first member of json named like field
 * i's key and alt (what cJSON_GetObjectItemCaseSensitive would return), or
 * NULL; one walk over the members instead of one per spelling, each member
 * compared only with the spellings that start like it.
 */
static void index_members(const cJSON *json, const gosend__field *fields,
                          size_t n, const field_index *ix,
                          const cJSON *found[2][FILL_MAX])
{
	const cJSON *m;
	size_t i;

	for (i = 0; i < n; i++) {
		found[0][i] = NULL;
		found[1][i] = NULL;
	}
	for (m = json->child; m; m = m->next) {
		const char *k = m->string;
		unsigned int x;
		if (!k)
			continue;
		for (x = ix->head[(unsigned char)k[0]]; x;
		     x = ix->next[x - 1]) {
			size_t slot = x - 1, f = slot / 2, which = slot & 1;
			const char *name =
			        which ? fields[f].alt : fields[f].key;
			if (!found[which][f] && strcmp(name, k) == 0)
				found[which][f] = m;
		}
	}
}

/*
 * Fill obj per the table. strict: a json that is not an object, or a
 * required field absent or unusable, is GOSEND__DECODE_BAD. Whatever the
 * mode, an optional field of another JSON type is left unset. ix: the
 * table's index when the caller built it (lists: once per page), or NULL.
 */
static int fill(void *obj, const cJSON *json, const gosend__field *fields,
                size_t n, gosend__holder *h, const char **bad, int strict,
                const field_index *ix)
{
	field_index own;
	const cJSON *found[2][FILL_MAX];
	int indexed;
	size_t i;

	for (i = 0; i < n; i++)
		set_absent(obj, &fields[i]);
	if (!cJSON_IsObject(json)) {
		if (!strict)
			return GOSEND__DECODE_OK;
		*bad = "(object)";
		return GOSEND__DECODE_BAD;
	}
	indexed = n <= FILL_MAX;
	if (indexed) {
		if (!ix) {
			index_fields(&own, fields, n);
			ix = &own;
		}
		index_members(json, fields, n, ix, found);
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
			        indexed ? found[k][i]
			                : cJSON_GetObjectItemCaseSensitive(
			                          json, keys[k]);
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
	return fill(obj, json, fields, n, h, bad, 1, NULL);
}

int gosend__decode_fields_any(void *obj, const cJSON *json,
                              const gosend__field *fields, size_t n,
                              gosend__holder *h)
{
	const char *bad = NULL;

	return fill(obj, json, fields, n, h, &bad, 0, NULL);
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

/*
 * The byte scanners below read text cJSON has already validated, so they
 * only need to find where a value ends. Most bytes of a body are inside
 * strings: a string's end is found with memchr, a quote being escaped
 * exactly when an odd run of backslashes precedes it.
 */
static size_t skip_string(const char *s, size_t i, size_t n)
{
	size_t from = i + 1;

	while (from < n) {
		const char *q = memchr(s + from, '"', n - from);
		size_t at, back = 0;
		if (!q)
			return n;
		at = (size_t)(q - s);
		while (at - back > i + 1 && s[at - back - 1] == '\\')
			back++;
		if (!(back & 1))
			return at + 1;
		from = at + 1;
	}
	return n;
}

/* Byte classes outside strings: what ends a scalar, opens or closes. */
enum { C_OTHER = 0, C_END = 1, C_OPEN = 2, C_CLOSE = 3, C_QUOTE = 4 };

static const unsigned char byte_class[256] = {
        ['\0'] = C_END,  [','] = C_END,   [' '] = C_END,   ['\t'] = C_END,
        ['\r'] = C_END,  ['\n'] = C_END,  ['{'] = C_OPEN,  ['['] = C_OPEN,
        ['}'] = C_CLOSE, [']'] = C_CLOSE, ['"'] = C_QUOTE,
};

static size_t skip_value(const char *s, size_t i, size_t n)
{
	size_t depth = 0;

	if (i >= n)
		return n;
	if (s[i] == '"')
		return skip_string(s, i, n);
	if (s[i] != '{' && s[i] != '[') {
		/* a scalar ends at , ] } or white space (or a NUL) */
		while (i < n && byte_class[(unsigned char)s[i]] != C_END &&
		       byte_class[(unsigned char)s[i]] != C_CLOSE)
			i++;
		return i;
	}
	while (i < n) {
		switch (byte_class[(unsigned char)s[i]]) {
		case C_QUOTE:
			i = skip_string(s, i, n);
			continue;
		case C_OPEN:
			depth++;
			break;
		case C_CLOSE:
			if (--depth == 0)
				return i + 1;
			break;
		default:
			break;
		}
		i++;
	}
	return n;
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

/* Members of a list item whose places are kept (more: found by scanning). */
#define ITEM_MEMBERS 16

/*
 * Skip the object at s[i] (s[i] == '{'), noting where its first max
 * top-level members are in m[] and their number in *count (which may
 * exceed max). Returns the offset one past the object.
 */
static size_t object_members(const char *s, size_t i, size_t n,
                             gosend__mspan *m, size_t max, size_t *count)
{
	size_t start = i, k = 0;

	i = skip_ws(s, i + 1, n);
	if (i < n && s[i] == '}') {
		*count = 0;
		return i + 1;
	}
	while (i < n && s[i] == '"') {
		size_t ks = i + 1, ke = skip_string(s, i, n), vs, ve;
		i = skip_ws(s, ke, n);
		if (i >= n || s[i] != ':')
			break;
		vs = skip_ws(s, i + 1, n);
		ve = skip_value(s, vs, n);
		if (k < max) {
			m[k].key = ks;
			m[k].klen = ke - 1 - ks;
			m[k].val = vs;
			m[k].vend = ve;
		}
		k++;
		i = skip_ws(s, ve, n);
		if (i < n && s[i] == ',') {
			i = skip_ws(s, i + 1, n);
			continue;
		}
		if (i < n && s[i] == '}') {
			*count = k;
			return i + 1;
		}
		break;
	}
	/* not the shape cJSON accepted: no member places */
	*count = (size_t)-1;
	return skip_value(s, start, n);
}

/*
 * Fill starts/ends of each element of the array at s[i], and for objects
 * their members (ITEM_MEMBERS per element in members, the number in
 * nmembers, (size_t)-1 for an element that is no object); element count.
 */
static size_t array_spans(const char *s, size_t i, size_t n, size_t *starts,
                          size_t *ends, gosend__mspan *members,
                          size_t *nmembers, size_t max)
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
		if (s[i] == '{') {
			ends[k] = object_members(s, i, n,
			                         members + k * ITEM_MEMBERS,
			                         ITEM_MEMBERS, &nmembers[k]);
		} else {
			ends[k] = skip_value(s, i, n);
			nmembers[k] = (size_t)-1;
		}
		k++;
		i = skip_ws(s, ends[k - 1], n);
		if (i < n && s[i] == ',')
			i++;
		else
			break;
	}
	return k;
}

/* Scratch of the list decoder: element places in the body. */
typedef struct spans {
	size_t *starts, *ends, *nmembers;
	gosend__mspan *members;
	size_t n; /* elements found; usable when it is the array's size */
} spans;

/* Find the elements of the list array in h->body (wrapper: its member
 * name, or NULL for a bare array). -1 when out of memory. */
static int find_spans(gosend__holder *h, const char *wrapper, size_t count,
                      spans *sp)
{
	size_t start;

	memset(sp, 0, sizeof(*sp));
	sp->starts =
	        gosend__malloc(count * (3 * sizeof(size_t) +
	                                ITEM_MEMBERS * sizeof(gosend__mspan)));
	if (!sp->starts)
		return -1;
	sp->ends = sp->starts + count;
	sp->nmembers = sp->ends + count;
	sp->members = (gosend__mspan *)(void *)(sp->nmembers + count);
	start = skip_ws(h->body, 0, h->body_len);
	if (start + 3 <= h->body_len &&
	    memcmp(h->body + start, "\xEF\xBB\xBF", 3) == 0)
		start = skip_ws(h->body, start + 3, h->body_len);
	if (wrapper)
		start = member_value(h->body, start, h->body_len, wrapper);
	sp->n = array_spans(h->body, start, h->body_len, sp->starts, sp->ends,
	                    sp->members, sp->nmembers, count);
	return 0;
}

#define ALIGNED(n) (((n) + 15) / 16 * 16)

/* The list array of a page: the root when it is an array, else its first
 * member "data", "items" or "results" that is one (*wrapper its name);
 * NULL when there is none. */
static const cJSON *list_array(const cJSON *root, const char **wrapper)
{
	static const char *const wrappers[] = {"data", "items", "results"};
	size_t w;

	*wrapper = NULL;
	if (cJSON_IsObject(root)) {
		for (w = 0; w < sizeof(wrappers) / sizeof(wrappers[0]); w++) {
			const cJSON *a = cJSON_GetObjectItemCaseSensitive(
			        root, wrappers[w]);
			if (cJSON_IsArray(a)) {
				*wrapper = wrappers[w];
				return a;
			}
		}
	}
	return cJSON_IsArray(root) ? root : NULL;
}

/*
 * One block for the pointer array, the items and their texts, sized from
 * the body up front (the texts are the body's own bytes), plus a quarter
 * of the body for what post steps copy (a member's text, typically), so
 * no per-item malloc. *texts gets every element's text at its body
 * offset, each ended with a NUL on the , ] or space after it, which no
 * element owns (NULL when the spans are not known). -1 when out of memory.
 */
static int page_block(gosend__holder *h, size_t count, size_t item_size,
                      const spans *sp, void ***items, char **texts)
{
	int have_spans = sp->n == count && count;
	size_t i;

	*texts = NULL;
	if (gosend__h_reserve(
	            h, ALIGNED(sizeof(**items) * (count + 1)) +
	                       count * ALIGNED(item_size) +
	                       (have_spans ? ALIGNED(h->body_len + 1) : 0) +
	                       h->body_len / 4) < 0)
		return -1;
	*items = gosend__h_alloc(h, sizeof(**items) * (count + 1));
	if (!*items)
		return -1;
	if (!have_spans)
		return 0;
	*texts = gosend__h_alloc_raw(h, h->body_len + 1);
	if (!*texts)
		return -1;
	/* span by span: the bytes between are never read */
	for (i = 0; i < count; i++) {
		memcpy(*texts + sp->starts[i], h->body + sp->starts[i],
		       sp->ends[i] - sp->starts[i]);
		(*texts)[sp->ends[i]] = '\0';
	}
	return 0;
}

/* What decoding one page's items shares. */
typedef struct page {
	gosend__holder *h;
	size_t item_size, raw_offset;
	const gosend__field *fields;
	size_t nfields;
	const field_index *ix;
	gosend__item_fn post;
	const spans *sp;
	const char *texts;
} page;

/* Element i (el) of a page into a new item (*out). One bad element does
 * not fail the page: it gives an item with what could be read (nothing
 * when it is no object). */
static int page_item(const page *pg, size_t i, const cJSON *el, void **out,
                     const char **bad)
{
	gosend__holder *h = pg->h;
	char *item = gosend__h_alloc(h, pg->item_size);
	const char *raw;
	unsigned int one = 1;
	int rc;

	if (!item)
		return GOSEND__DECODE_NOMEM;
	memcpy(item, &one, sizeof(one));
	if (pg->texts) {
		raw = pg->texts + pg->sp->starts[i];
	} else {
		char *txt = cJSON_PrintUnformatted(el);
		raw = txt ? gosend__h_strdup(h, txt) : NULL;
		cJSON_free(txt);
	}
	if (!raw)
		return GOSEND__DECODE_NOMEM;
	/* raw_json first: a post step may read parts of it */
	memcpy(item + pg->raw_offset, &raw, sizeof(raw));
	rc = fill(item, el, pg->fields, pg->nfields, h, bad, 0, pg->ix);
	if (rc == GOSEND__DECODE_OK && pg->post) {
		if (pg->texts && pg->sp->nmembers[i] <= ITEM_MEMBERS) {
			h->item_raw = raw;
			h->item_members = pg->sp->members + i * ITEM_MEMBERS;
			h->item_nmembers = pg->sp->nmembers[i];
		}
		rc = pg->post(item, cJSON_IsObject(el) ? el : NULL, h, bad);
		h->item_raw = NULL;
		h->item_members = NULL;
		h->item_nmembers = 0;
	}
	*out = item;
	return rc;
}

int gosend__decode_list(gosend__holder *h, size_t item_size, size_t raw_offset,
                        const gosend__field *fields, size_t nfields,
                        gosend__item_fn post, void ***items_out,
                        size_t *count_out, const char **bad)
{
	const char *wrapper;
	const cJSON *arr = list_array(h->root, &wrapper), *el;
	page pg = {h,    item_size, raw_offset, fields, nfields,
	           NULL, post,      NULL,       NULL};
	size_t count, i = 0;
	spans sp;
	char *texts;
	field_index ix;
	void **items = NULL;
	int rc = GOSEND__DECODE_OK;

	*items_out = NULL;
	*count_out = 0;
	if (!arr) {
		*bad = "(list)";
		return GOSEND__DECODE_BAD;
	}
	count = (size_t)cJSON_GetArraySize(arr);
	memset(&sp, 0, sizeof(sp));
	if (count && find_spans(h, wrapper, count, &sp) < 0)
		return GOSEND__DECODE_NOMEM;
	if (page_block(h, count, item_size, &sp, &items, &texts) < 0) {
		gosend__free(sp.starts);
		return GOSEND__DECODE_NOMEM;
	}
	if (count > 1 && nfields <= FILL_MAX) {
		index_fields(&ix, fields, nfields);
		pg.ix = &ix;
	}
	pg.sp = &sp;
	pg.texts = texts;
	cJSON_ArrayForEach(el, arr)
	{
		rc = page_item(&pg, i, el, &items[i], bad);
		if (rc != GOSEND__DECODE_OK)
			break;
		i++;
	}
	gosend__free(sp.starts);
	if (rc != GOSEND__DECODE_OK)
		return rc;
	*items_out = items;
	*count_out = count;
	return GOSEND__DECODE_OK;
}

const char *gosend__item_member_text(gosend__holder *h, const char *text,
                                     const char *key)
{
	size_t klen, j;

	if (!h->item_members || text != h->item_raw)
		return gosend__json_member_text(h, text, strlen(text), key);
	klen = strlen(key);
	for (j = 0; j < h->item_nmembers; j++) {
		const gosend__mspan *m = &h->item_members[j];
		if (m->klen == klen && memcmp(h->body + m->key, key, klen) == 0)
			return m->vend > m->val
			               ? gosend__h_strndup(h, h->body + m->val,
			                                   m->vend - m->val)
			               : NULL;
	}
	return NULL;
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
		/* equal without regard to case only if the first bytes are
		 * equal once 0x20 is set in both */
		if ((s[0] | 0x20) != (names[i][0] | 0x20))
			continue;
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
