/* Wrapped answers decoded by shape (json/shape.h). */
#include "json/shape.h"

#include <string.h>

#include "json/body.h"
#include "json/decode.h"

size_t gosend__type_size(const gosend__decoder *d)
{
	return d->item_size;
}

int gosend__decode_one(void *obj, const gosend__decoder *d, gosend_error **err)
{
	/* an object may come in an envelope, as answers of creates do */
	static const char *const data_only[] = {"data", NULL};
	gosend__holder *h = gosend__obj_holder(obj);
	const char *bad = NULL;
	const char *raw = h->body;
	const gosend__jn *o = gosend__h_root(h);
	int rc;

	if (gosend__jn_type(o) == GOSEND__JN_OBJECT)
		o = gosend__answer_object(o, d->wrappers ? d->wrappers
		                                         : data_only);
	/* raw_json first (the whole body): a post step may read parts of it */
	memcpy((char *)obj + d->raw_offset, &raw, sizeof(raw));
	rc = gosend__decode_fields(obj, o, d->fields, d->nfields, h, &bad);
	if (rc == GOSEND__DECODE_OK && d->post)
		rc = d->post(obj, o, h, &bad);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, bad, err);
	return GOSEND_OK;
}

int gosend__decode_items(void *obj, const gosend__decoder *d, void ***items,
                         size_t *count, gosend_error **err)
{
	const char *bad = NULL;
	int rc;

	rc = gosend__decode_list(gosend__obj_holder(obj), d, items, count,
	                         &bad);
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, bad, err);
	return GOSEND_OK;
}

int gosend__decode_effect(void *obj, const gosend__decoder *d,
                          gosend_error **err)
{
	int rc = gosend__decode_answer(obj, gosend__obj_holder(obj), d);

	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	return GOSEND_OK;
}

/* The "id" member of item in a field table, or NULL. */
static const char *id_in(const gosend__field *fields, size_t n,
                         const void *item)
{
	const char *s = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const gosend__field *fl = &fields[i];
		if (strcmp(fl->key, "id") == 0 &&
		    (fl->type == GOSEND__F_ID || fl->type == GOSEND__F_STR)) {
			memcpy(&s, (const char *)item + fl->offset, sizeof(s));
			return s;
		}
	}
	return NULL;
}

const char *gosend__item_id(const gosend__decoder *d, const void *item)
{
	const char *s = id_in(d->fields, d->nfields, item);

	return s ? s : id_in(d->own_fields, d->n_own_fields, item);
}

const char *gosend__item_raw(const gosend__decoder *d, const void *item)
{
	const char *s;

	memcpy(&s, (const char *)item + d->raw_offset, sizeof(s));
	return s;
}
