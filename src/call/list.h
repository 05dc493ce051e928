/*
 * Internal list results and the auto-paginating iterator shared by every
 * list endpoint. Every public list struct has exactly this layout:
 *   unsigned int struct_version; size_t count; const T *const *items;
 *   const char *raw_json; const gosend_meta *meta;
 * and every item struct starts with `unsigned int struct_version` and has a
 * `const char *raw_json` member at spec->raw_offset.
 */
#ifndef GOSEND_LIST_H
#define GOSEND_LIST_H

#include "call/exchange.h"
#include "json/types.h"

/* The layout of every public list struct (see above). */
typedef struct gosend__list {
	unsigned int struct_version;
	size_t count;
	void **items;
	const char *raw_json;
	const struct gosend_meta *meta;
} gosend__list;

/* Decode one object body into a struct of the spec's item type. */
int gosend__item_from_json(const gosend__decoder *spec, const char *body,
                           size_t len, void **out, gosend_error **err);

/* Decode a wrapped list result obj (gosend__wrap_response of a 2xx list
 * answer): its items, raw_json and meta. */
int gosend__list_decode(void *obj, const gosend__decoder *spec,
                        gosend_error **err);

/* Execute a list request (page params already added). */
int gosend__list_call(gosend__request *r, const gosend__decoder *spec,
                      void **out, gosend_error **err);
int gosend__list_from_json(const gosend__decoder *spec, const char *body,
                           size_t len, void **out, gosend_error **err);

/*
 * Iterator over every item of a list endpoint. `path` is the already
 * encoded path below the base URL (build it with a gosend__request and
 * take r.url). max_items 0: no cap.
 */
int gosend__iter_new(gosend_iter **out, gosend__request *r,
                     const gosend__decoder *spec, size_t max_items,
                     gosend_error **err);
/*
 * The next item, by the convention of every `_iter_next` (pagination.h):
 * 1 with *item set; 0 when there are no more (*item NULL, and 0 again on
 * every later call); < 0 on failure (*item NULL), sticky except for refused
 * arguments. Bounded: a repeated page, a page beyond X-Total-Count or the
 * page cap is GOSEND_EPAGINATION. `spec` is the item type the caller
 * expects: an iterator of another kind is refused with GOSEND_EINVAL.
 */
int gosend__iter_next(gosend_iter *it, const gosend__decoder *spec,
                      const void **item, gosend_error **err);

#endif
