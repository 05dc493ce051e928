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
 * Iterators (::gosend_iter) walk every page with `per_page` 100. When the
 * server serves another page size than asked (its `X-Per-Page`), the iterator
 * continues with that size, so no item is skipped. An item returned by an
 * iterator is valid until the next call of that iterator's `_next` function or
 * gosend_iter_free(), so memory stays bounded however long the list is; copy
 * what you keep.
 *
 * Every iterator's `_next` function (gosend_wabas_iter_next(),
 * gosend_messages_iter_next(), ...) returns:
 * - **1**: `*out` is the next item;
 * - **0**: there are no more items; `*out` is NULL, and every later call
 *   returns 0 again;
 * - **< 0**: a ::gosend_error_code; `*out` is NULL. A failure is sticky:
 *   every later call returns the same code without sending anything (see
 *   below). Only refused arguments are not: a NULL `out` or iterator, or an
 *   iterator of another kind, is #GOSEND_EINVAL and leaves the iterator as
 *   it was.
 *
 * It ends (returns 0) at:
 * - an empty page;
 * - the caller's `max_items`;
 * - `X-Total-Count`: at most that many items are returned (the latest value
 *   the server sent counts; when a page brings more than that, the surplus is
 *   not returned);
 * - when the server sends no `X-Total-Count`, a page shorter than the page
 *   size.
 *
 * Every iteration is bounded: it stops with #GOSEND_EPAGINATION, before
 * returning any item of the offending page, when
 * - a page repeats the page before: the same number of items with the same
 *   ids in the same order (a server that ignores `page`). Pages are compared
 *   by a 64-bit FNV-1a hash over each item's `id` (or, for an item without
 *   one, its `raw_json` text) plus the item count, so a false match needs a
 *   hash collision between two consecutive pages of equal length;
 * - a page brings items although the items already returned reach the
 *   `X-Total-Count` that page announces (a total that shrank below what the
 *   server already sent, e.g. `X-Total-Count: 0` with items);
 * - another page is needed after #GOSEND_ITER_MAX_PAGES pages (or the cap set
 *   with gosend_iter_set_max_pages()). The cap is what bounds a server that
 *   cycles through several pages or keeps inventing new items.
 *
 * Failures are final: a failed page request (after the retries the client's
 * retry budget allows) or #GOSEND_EPAGINATION finishes the iterator. That
 * call returns the error with its full detail; every later `_next` call
 * returns the same code again without sending anything, with a detail of
 * that code whose message is "iterator finished after an earlier failure:
 * <the first message>" (its `http_status` is 0 and `retryable` 0). To try
 * again, free the iterator and make a new one (it starts at page 1).
 *
 * Threads: an iterator is used by one thread at a time (it is not locked);
 * different iterators, even over one client, may run in parallel.
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

/**
 * Default page cap of an iterator: needing a page beyond this many is
 * #GOSEND_EPAGINATION. At `per_page` 100 it allows 10 million items; change
 * it per iterator with gosend_iter_set_max_pages().
 * @since 0.1.0
 */
#define GOSEND_ITER_MAX_PAGES 100000

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
 * Set an iterator's page cap: it fetches at most @p max_pages pages, and
 * needing one more finishes it with #GOSEND_EPAGINATION. May be called at
 * any time; a cap at or below the pages already fetched takes effect at the
 * next page. Sends nothing.
 * @param it         The iterator. Not NULL.
 * @param max_pages  The cap, >= 1 (the default is #GOSEND_ITER_MAX_PAGES).
 * @param[out] err   Optional detail on failure.
 * @return 0, or #GOSEND_EINVAL (NULL iterator, @p max_pages 0).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_iter_set_max_pages(gosend_iter *it, size_t max_pages,
                                            gosend_error **err);

/**
 * Free an iterator and the item it returned last.
 * @param it  The iterator; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_iter_free(gosend_iter *it);

GOSEND_END_DECL

#endif
