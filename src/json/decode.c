/* Field tables, answers and list pages read from parsed documents. */
#include "json/decode.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

#define MAX_SAFE_INT 9007199254740992.0 /* 2^53 */

const gosend__jn *gosend__h_root(const gosend__holder *h)
{
	return gosend__jdoc_root(h->root);
}

void gosend__body_tree_drop(gosend__holder *h)
{
	if (h->root && h->root_free)
		h->root_free(h->root);
	h->root = NULL;
	h->root_free = NULL;
	h->root_text = NULL;
}

/* n bytes of JSON text s without the white space between tokens. */
static const char *compact_copy(gosend__holder *h, const char *s, size_t n)
{
	char *out = gosend__h_alloc_raw(h, n + 1), *o = out;
	int in_string = 0;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\' && i + 1 < n) {
				*o++ = c;
				c = s[++i];
			} else if (c == '"') {
				in_string = 0;
			}
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			continue;
		} else if (c == '"') {
			in_string = 1;
		}
		*o++ = c;
	}
	*o = '\0';
	return out;
}

const char *gosend__node_text(gosend__holder *h, const gosend__jn *n,
                              int compact)
{
	size_t start, end;

	if (!gosend__jn_span(n, &start, &end))
		return NULL;
	if (compact)
		return compact_copy(h, h->root_text + start, end - start);
	return gosend__h_strndup(h, h->root_text + start, end - start);
}

/* A number that is a whole number in [-2^53, 2^53] (*v set), else 0. */
static int safe_int(const gosend__jn *item, double *v)
{
	return gosend__jn_num(item, v) && fabs(*v) <= MAX_SAFE_INT &&
	       floor(*v) == *v;
}

int gosend__decode_id(const gosend__jn *item, gosend__holder *h,
                      const char **out)
{
	char num[32];
	double v;

	*out = NULL;
	switch (gosend__jn_type(item)) {
	case GOSEND__JN_NONE:
	case GOSEND__JN_NULL:
		return GOSEND__DECODE_OK;
	case GOSEND__JN_STRING:
		*out = gosend__jn_str(item);
		return GOSEND__DECODE_OK;
	default:
		break;
	}
	if (!safe_int(item, &v))
		return GOSEND__DECODE_BAD;
	(void)snprintf(num, sizeof(num), "%.0f", v);
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

/* GOSEND__F_STRS: the string elements of an array; an element of another
 * type is skipped (it stays in raw_json). */
static int decode_strings(void *obj, const gosend__jn *item,
                          const gosend__field *f, gosend__holder *h)
{
	const gosend__jn *el;
	const char **list;
	size_t n = 0;

	if (gosend__jn_type(item) != GOSEND__JN_ARRAY)
		return GOSEND__DECODE_BAD;
	list = gosend__h_alloc(h, sizeof(*list) * (gosend__jn_count(item) + 1));
	if (!list)
		return GOSEND__DECODE_NOMEM;
	for (el = gosend__jn_first(item); el; el = gosend__jn_next(el)) {
		if (gosend__jn_type(el) == GOSEND__JN_STRING)
			list[n++] = gosend__jn_str(el);
	}
	memcpy((char *)obj + f->offset, &list, sizeof(list));
	memcpy((char *)obj + f->aux, &n, sizeof(n));
	return GOSEND__DECODE_OK;
}

/* One field from a present, non-null value: GOSEND__DECODE_BAD when the
 * value is of another type. */
static int decode_one(void *obj, const gosend__jn *item, const gosend__field *f,
                      gosend__holder *h)
{
	char *p = (char *)obj + f->offset;
	gosend__jtype t = gosend__jn_type(item);
	const char *s = NULL;
	long long ll;
	double v;
	int b;

	switch (f->type) {
	case GOSEND__F_STR:
		if (!(s = gosend__jn_str(item)))
			return GOSEND__DECODE_BAD;
		break;
	case GOSEND__F_ID: {
		int rc = gosend__decode_id(item, h, &s);
		if (rc != GOSEND__DECODE_OK)
			return rc;
		break;
	}
	case GOSEND__F_BOOL:
		if (t != GOSEND__JN_TRUE && t != GOSEND__JN_FALSE)
			return GOSEND__DECODE_BAD;
		b = t == GOSEND__JN_TRUE;
		memcpy(p, &b, sizeof(b));
		return GOSEND__DECODE_OK;
	case GOSEND__F_INT:
		if (!safe_int(item, &v))
			return GOSEND__DECODE_BAD;
		ll = (long long)v;
		memcpy(p, &ll, sizeof(ll));
		return GOSEND__DECODE_OK;
	case GOSEND__F_NUM:
		if (!gosend__jn_num(item, &v))
			return GOSEND__DECODE_BAD;
		memcpy(p, &v, sizeof(v));
		return GOSEND__DECODE_OK;
	case GOSEND__F_JSON: /* the value's own text */
		if (!(s = gosend__node_text(h, item, 0)))
			return GOSEND__DECODE_NOMEM;
		break;
	case GOSEND__F_STRS:
		return decode_strings(obj, item, f, h);
	default:
		return GOSEND__DECODE_BAD;
	}
	memcpy(p, &s, sizeof(s));
	return GOSEND__DECODE_OK;
}

/* Tables up to this many fields are matched in one pass over the members. */
#define FILL_MAX 48

/* A field table's spellings chained by first byte: head[c] is 1 + the
 * first slot (2 * field + 0 for key, 1 for alt) whose name starts with c,
 * next[slot] 1 + the following one; 0 ends a chain. len[slot]: the
 * name's length. */
typedef struct field_index {
	unsigned char head[256];
	unsigned char next[2 * FILL_MAX];
	size_t len[2 * FILL_MAX];
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
		ix->len[i] = strlen(name);
		ix->next[i] = ix->head[c];
		ix->head[c] = (unsigned char)(i + 1);
	}
}

/*
 * found[0][i] and found[1][i]: the first member of json named like field
 * i's key and alt (what gosend__jn_get would return), or NULL; one walk
 * over the members instead of one per spelling, each member compared only
 * with the spellings that start like it.
 */
static void index_members(const gosend__jn *json, const gosend__field *fields,
                          size_t n, const field_index *ix,
                          const gosend__jn *found[2][FILL_MAX])
{
	const gosend__jn *m;
	size_t i;

	for (i = 0; i < n; i++) {
		found[0][i] = NULL;
		found[1][i] = NULL;
	}
	for (m = gosend__jn_first(json); m; m = gosend__jn_next(m)) {
		const char *k = gosend__jn_key(m);
		size_t klen = gosend__jn_key_len(m);
		unsigned int x;
		for (x = ix->head[(unsigned char)k[0]]; x;
		     x = ix->next[x - 1]) {
			size_t slot = x - 1, f = slot / 2, which = slot & 1;
			const char *name =
			        which ? fields[f].alt : fields[f].key;
			if (!found[which][f] && ix->len[slot] == klen &&
			    memcmp(name, k, klen) == 0)
				found[which][f] = m;
		}
	}
}

/*
 * Field i of the table from the first of its spellings that is present
 * and usable: GOSEND__DECODE_BAD (and the field absent) when none is.
 */
static int fill_field(void *obj, const gosend__jn *json, size_t i,
                      const gosend__field *f, gosend__holder *h,
                      const gosend__jn *found[2][FILL_MAX])
{
	const char *keys[2];
	int rc = GOSEND__DECODE_BAD;
	size_t k;

	keys[0] = f->key;
	keys[1] = f->alt;
	for (k = 0; k < 2 && keys[k] && rc != GOSEND__DECODE_OK; k++) {
		const gosend__jn *item =
		        found ? found[k][i] : gosend__jn_get(json, keys[k]);
		gosend__jtype t = gosend__jn_type(item);
		if (t == GOSEND__JN_NONE || t == GOSEND__JN_NULL)
			continue;
		rc = decode_one(obj, item, f, h);
		if (rc == GOSEND__DECODE_NOMEM)
			return rc;
	}
	if (rc != GOSEND__DECODE_OK)
		set_absent(obj, f);
	return rc;
}

/*
 * Fill obj per the table. strict: a json that is not an object, or a
 * required field absent or unusable, is GOSEND__DECODE_BAD. Whatever the
 * mode, an optional field of another JSON type is left unset. ix: the
 * table's index when the caller built it (lists: once per page), or NULL.
 */
static int fill(void *obj, const gosend__jn *json, const gosend__field *fields,
                size_t n, gosend__holder *h, const char **bad, int strict,
                const field_index *ix)
{
	field_index own;
	const gosend__jn *found[2][FILL_MAX];
	size_t i;

	for (i = 0; i < n; i++)
		set_absent(obj, &fields[i]);
	if (gosend__jn_type(json) != GOSEND__JN_OBJECT) {
		if (!strict)
			return GOSEND__DECODE_OK;
		*bad = "(object)";
		return GOSEND__DECODE_BAD;
	}
	if (n <= FILL_MAX) {
		if (!ix) {
			index_fields(&own, fields, n);
			ix = &own;
		}
		index_members(json, fields, n, ix, found);
	}
	for (i = 0; i < n; i++) {
		int rc = fill_field(obj, json, i, &fields[i], h,
		                    n <= FILL_MAX ? found : NULL);
		if (rc == GOSEND__DECODE_NOMEM ||
		    (rc != GOSEND__DECODE_OK && strict && fields[i].required)) {
			*bad = fields[i].key;
			return rc;
		}
	}
	return GOSEND__DECODE_OK;
}

int gosend__decode_fields(void *obj, const gosend__jn *json,
                          const gosend__field *fields, size_t n,
                          gosend__holder *h, const char **bad)
{
	return fill(obj, json, fields, n, h, bad, 1, NULL);
}

int gosend__decode_fields_any(void *obj, const gosend__jn *json,
                              const gosend__field *fields, size_t n,
                              gosend__holder *h)
{
	const char *bad = NULL;

	return fill(obj, json, fields, n, h, &bad, 0, NULL);
}

const gosend__jn *gosend__answer_object(const gosend__jn *root,
                                        const char *const *wrappers)
{
	size_t i;

	if (gosend__jn_type(root) != GOSEND__JN_OBJECT)
		return NULL;
	if (gosend__jn_get(root, "id"))
		return root;
	for (i = 0; wrappers && wrappers[i]; i++) {
		const gosend__jn *w = gosend__jn_get(root, wrappers[i]);
		if (gosend__jn_type(w) == GOSEND__JN_OBJECT)
			return w;
	}
	return root;
}

int gosend__decode_answer(void *obj, gosend__holder *h,
                          const gosend__decoder *d)
{
	const gosend__jn *o =
	        gosend__answer_object(gosend__h_root(h), d->wrappers);
	const char *raw = h->body ? h->body : "";
	const char *bad = NULL;
	int rc;

	memcpy((char *)obj + d->raw_offset, &raw, sizeof(raw));
	rc = fill(obj, o, d->fields, d->nfields, h, &bad, 0, NULL);
	if (rc == GOSEND__DECODE_OK && d->post)
		rc = d->post(obj, o, h, &bad);
	if (rc == GOSEND__DECODE_OK && d->drop_tree)
		gosend__body_tree_drop(h);
	return rc;
}

#define ALIGNED(n) (((n) + 15) / 16 * 16)

/* What decoding one page's items shares. */
typedef struct page {
	gosend__holder *h;
	const gosend__decoder *d;
	const field_index *ix;
	char *texts;  /* the array's text, element texts copied at their */
	size_t start; /* places: texts[0] is root_text[start] */
} page;

/*
 * One block for the pointer array, the items and their texts (the
 * array's own bytes), plus a quarter of the array's text for what post
 * steps copy (a member's text, typically), so no per-item malloc. -1 when
 * out of memory.
 */
static int page_block(page *pg, const gosend__jn *arr, size_t count,
                      void ***items)
{
	gosend__holder *h = pg->h;
	size_t end, len;

	(void)gosend__jn_span(arr, &pg->start, &end);
	len = end - pg->start;
	if (gosend__h_reserve(h, ALIGNED(sizeof(**items) * (count + 1)) +
	                                 count * ALIGNED(pg->d->item_size) +
	                                 ALIGNED(len + 1) + len / 4) < 0)
		return -1;
	*items = gosend__h_alloc(h, sizeof(**items) * (count + 1));
	pg->texts = gosend__h_alloc_raw(h, len + 1);
	return *items && pg->texts ? 0 : -1;
}

/*
 * Element el of a page into a new item (*out). Its text is copied to its
 * place in the page's texts and ended with a NUL on the , ] or space
 * after it, which no element owns. One bad element does not fail the
 * page: it gives an item with what could be read (nothing when it is no
 * object).
 */
static int page_item(const page *pg, const gosend__jn *el, void **out,
                     const char **bad)
{
	gosend__holder *h = pg->h;
	const gosend__decoder *d = pg->d;
	char *item = gosend__h_alloc(h, d->item_size), *raw;
	unsigned int one = 1;
	size_t start, end;
	int rc;

	if (!item)
		return GOSEND__DECODE_NOMEM;
	memcpy(item, &one, sizeof(one));
	(void)gosend__jn_span(el, &start, &end);
	raw = pg->texts + (start - pg->start);
	memcpy(raw, h->root_text + start, end - start);
	raw[end - start] = '\0';
	/* raw_json first: a post step may read it */
	memcpy(item + d->raw_offset, &raw, sizeof(raw));
	rc = fill(item, el, d->fields, d->nfields, h, bad, 0, pg->ix);
	if (rc == GOSEND__DECODE_OK && d->post)
		rc = d->post(item,
		             gosend__jn_type(el) == GOSEND__JN_OBJECT ? el
		                                                      : NULL,
		             h, bad);
	*out = item;
	return rc;
}

int gosend__decode_array(gosend__holder *h, const gosend__jn *arr,
                         const gosend__decoder *d, void ***items_out,
                         size_t *count_out, const char **bad)
{
	page pg = {h, d, NULL, NULL, 0};
	const gosend__jn *el;
	size_t count = gosend__jn_count(arr), i = 0;
	field_index ix;
	void **items = NULL;

	*items_out = NULL;
	*count_out = 0;
	if (gosend__jn_type(arr) != GOSEND__JN_ARRAY) {
		*bad = "(list)";
		return GOSEND__DECODE_BAD;
	}
	if (page_block(&pg, arr, count, &items) < 0)
		return GOSEND__DECODE_NOMEM;
	if (count > 1 && d->nfields <= FILL_MAX) {
		index_fields(&ix, d->fields, d->nfields);
		pg.ix = &ix;
	}
	for (el = gosend__jn_first(arr); el; el = gosend__jn_next(el)) {
		int rc = page_item(&pg, el, &items[i++], bad);
		if (rc != GOSEND__DECODE_OK)
			return rc;
	}
	*items_out = items;
	*count_out = count;
	return GOSEND__DECODE_OK;
}

int gosend__decode_list(gosend__holder *h, const gosend__decoder *d,
                        void ***items, size_t *count, const char **bad)
{
	static const char *const wrappers[] = {"data", "items", "results"};
	const gosend__jn *root = gosend__h_root(h), *arr = root;
	size_t w;

	if (gosend__jn_type(root) == GOSEND__JN_OBJECT) {
		arr = NULL;
		for (w = 0; w < sizeof(wrappers) / sizeof(wrappers[0]); w++) {
			const gosend__jn *a = gosend__jn_get(root, wrappers[w]);
			if (gosend__jn_type(a) == GOSEND__JN_ARRAY) {
				arr = a;
				break;
			}
		}
	}
	return gosend__decode_array(h, arr, d, items, count, bad);
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
