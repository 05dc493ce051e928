/**
 * @file pagination.h
 * @brief Page parameters and the auto-paginating iterator shared by every
 *        list endpoint.
 *
 * List calls take `page` (1-based, default 1) and `per_page` (1..100, default
 * 20 on the server) and return the page state from the `X-Total-Count`,
 * `X-Page` and `X-Per-Page` headers in the result's ::gosend_meta.
 *
 * List bodies are accepted as a bare JSON array of objects, or as an object
 * wrapping that array under `data`, `items` or `results` (the first present,
 * in that order); anything else is #GOSEND_EPROTOCOL.
 *
 * Iterators (::gosend_iter) walk every page with `per_page` 100 and stop at
 * `X-Total-Count`, at an empty page, at the caller's cap, or, when the server
 * sends no total, at a page shorter than the page size. When the server
 * serves another page size than asked (its `X-Per-Page`), the iterator
 * continues with that size, so no item is skipped. An item returned by an
 * iterator is valid until the next call of that iterator's `_next` function or
 * gosend_iter_free(), so memory stays bounded however long the list is; copy
 * what you keep. An iterator belongs to one thread at a time. After an error,
 * calling `_next` again retries the same page.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_PAGINATION_H
#define GOSENDAPI_PAGINATION_H

#include "common.h"
#include "errors.h"

GOSEND_BEGIN_DECL

/** Largest `per_page` the API accepts. @since 0.1.0 */
#define GOSEND_PER_PAGE_MAX 100

/** Current version of ::gosend_list_params. @since 0.1.0 */
#define GOSEND_LIST_PARAMS_VERSION 1

/**
 * Page selection for a list call. 0 in a field leaves it to the server
 * (page 1, 20 per page). Pass NULL for both defaults.
 * @since 0.1.0
 */
typedef struct gosend_list_params {
	/** Must be #GOSEND_LIST_PARAMS_VERSION. */
	unsigned int version;
	/** Page number, >= 1; 0: not sent. */
	long page;
	/** Items per page, 1..100; 0: not sent. Other values: #GOSEND_EINVAL.
	 */
	long per_page;
} gosend_list_params;

/** Static initialiser for ::gosend_list_params. @since 0.1.0 */
#define GOSEND_LIST_PARAMS_INIT \
	GOSEND_VERSIONED_INIT(gosend_list_params, GOSEND_LIST_PARAMS_VERSION)

/** Opaque auto-paginating iterator. @since 0.1.0 */
typedef struct gosend_iter gosend_iter;

/**
 * `X-Total-Count` as last reported by the server while iterating.
 * @param it  The iterator. Not NULL.
 * @return The count, or -1 when the server has not sent it.
 * @since 0.1.0
 */
GOSEND_EXTERN long long gosend_iter_total_count(const gosend_iter *it);

/**
 * Number of items the iterator has returned so far.
 * @param it  The iterator. Not NULL.
 * @return The number.
 * @since 0.1.0
 */
GOSEND_EXTERN size_t gosend_iter_count(const gosend_iter *it);

/**
 * Free an iterator and the item it returned last.
 * @param it  The iterator; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_iter_free(gosend_iter *it);

GOSEND_END_DECL

#endif
