/**
 * @file wabas.h
 * @brief WhatsApp Business Accounts (`GET /wabas`, `GET /wabas/{id}`).
 *        (Their phone numbers: phone_numbers.h.)
 *
 * Thread-safety: every function here may be called from any number of
 * threads on a shared ::gosend_client. Returned WABAs and lists are
 * immutable and may be read from any thread. An iterator (::gosend_iter)
 * belongs to one thread at a time.
 *
 * WABAs are created only through Meta's Embedded Signup (see admin.h for
 * setup links); the API has no create endpoint.
 *
 * Decoding rules shared by every object of the library's resource headers
 * (wabas.h, phone_numbers.h, templates.h, conversations.h, webhooks.h,
 * admin.h):
 *
 * - Ids are JSON strings, or JSON integers up to 2^53 returned as decimal
 *   strings; optional strings are NULL when absent or null; booleans are 1,
 *   0, or -1 when absent or null.
 * - Each field is decoded on its own: a field whose JSON type is not the
 *   expected one (a number where a string is expected, an id above 2^53 or
 *   with a fraction, ...) is left unset, exactly as if it were absent, and
 *   the rest of the object is decoded; the value stays in `raw_json`. Where
 *   a field has two spellings (`display_name`/`displayName`), the first
 *   present and usable one is taken. An array of strings keeps its string
 *   elements and skips the others.
 * - Only a body that cannot be the answer at all is #GOSEND_EPROTOCOL (with
 *   the body in gosend_error::body): one that is not JSON; for a single
 *   object read by id (gosend_wabas_get(), gosend_conversations_get()), one
 *   that is not a JSON object or has no usable `id` (`err->field` "id": it
 *   is not the object asked for). Such an object may also come in an
 *   envelope, `{"data": {...}}` (only when the top level has no `id`);
 *   `raw_json` is then the whole body. For a list, one that is neither a JSON
 *   array nor an object with the array under `data`, `items` or `results`.
 * - One bad item does not fail its page: every element of the array gives
 *   an item, so `count` is the number of elements (and iterators keep their
 *   page arithmetic). An element that is not a JSON object gives an item
 *   with every field unset (NULL, -1, `_UNKNOWN`); an element without a
 *   usable `id` gives an item whose `id` is NULL. `raw_json` of such an item
 *   is the element's text as received.
 * - Enumerations are matched case-insensitively; a value this version does
 *   not know (or an absent one) gives the `_UNKNOWN` member, and the text as
 *   sent is always kept in the matching `_name` field.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_WABAS_H
#define GOSENDAPI_WABAS_H

#include "client.h"
#include "pagination.h"

GOSEND_BEGIN_DECL

/**
 * Lifecycle of a WABA (`status`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_waba_status {
	/** Absent, or a value this version does not know. */
	GOSEND_WABA_STATUS_UNKNOWN = 0,
	/** `pending`: signup not finished. */
	GOSEND_WABA_STATUS_PENDING = 1,
	/** `active`: can send. */
	GOSEND_WABA_STATUS_ACTIVE = 2,
	/** `suspended`: cannot send until a successful appeal. */
	GOSEND_WABA_STATUS_SUSPENDED = 3
} gosend_waba_status;

/**
 * A WhatsApp Business Account. Read-only, library-allocated; fields are only
 * appended; never copy, embed or take the size of it. Strings live as long as
 * the object (or the list holding it).
 * @since 0.1.0
 */
typedef struct gosend_waba {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** GoSendAPI's internal id (`id`). Not Meta's WABA id. Never NULL in
	 *  the result of gosend_wabas_get() (required there: an answer without
	 *  a usable `id` is #GOSEND_EPROTOCOL); in a list item, NULL when the
	 *  element had none usable. */
	const char *id;
	/** Owning customer (`customer_id`), or NULL. */
	const char *customer_id;
	/** Meta's WABA id (`waba_id`), or NULL. */
	const char *waba_id;
	/** Meta Business Manager id (`business_id`), or NULL. */
	const char *business_id;
	/** Name shown to contacts (`display_name`), or NULL. */
	const char *display_name;
	/** `status` as an enumeration. */
	gosend_waba_status status;
	/** `status` as sent, or NULL when absent. */
	const char *status_name;
	/** Optional mapping reference (`external_reference`), or NULL. */
	const char *external_reference;
	/** This object's JSON text as received. */
	const char *raw_json;
	/** Metadata of the response this object came in (for list items: the
	 *  page's), never NULL. */
	const gosend_meta *meta;
} gosend_waba;

/**
 * One page of WABAs. Read-only, library-allocated; free with
 * gosend_waba_list_free().
 * @since 0.1.0
 */
typedef struct gosend_waba_list {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of entries in `items`. */
	size_t count;
	/** The WABAs; owned by the list (never free them one by one). */
	const gosend_waba *const *items;
	/** The whole response body. */
	const char *raw_json;
	/** Response metadata (page state in `total_count`, `page`,
	 *  `per_page`), never NULL. */
	const gosend_meta *meta;
} gosend_waba_list;

/**
 * `GET /wabas`: one page of the project's WABAs.
 * @param[out] out  On success the page, else NULL. Free with
 *                  gosend_waba_list_free().
 * @param client    Client. Not NULL.
 * @param params    Page selection, or NULL for the server's defaults.
 * @param opts      Per-call options, or NULL.
 * @param[out] err  If not NULL, on failure the detail; free with
 *                  gosend_error_free().
 * @return 0; #GOSEND_EINVAL (bad argument, nothing sent; `field` names it);
 *         #GOSEND_EUNAUTHORIZED, #GOSEND_EFORBIDDEN, #GOSEND_EPROTOCOL (the
 *         body is not JSON or not a list; a bad item does not fail the
 *         page) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_wabas_list(gosend_waba_list **out,
                                    gosend_client *client,
                                    const gosend_list_params *params,
                                    const gosend_request_options *opts,
                                    gosend_error **err);

/**
 * Start iterating over every WABA, page after page (see pagination.h).
 * Nothing is sent until the first gosend_wabas_iter_next().
 * @param[out] out   On success the iterator, else NULL. Free with
 *                   gosend_iter_free().
 * @param client     Client. Not NULL; must outlive the iterator.
 * @param max_items  Stop after this many items; 0: no limit.
 * @param opts       Per-call options applied to every page, or NULL.
 *                   Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_wabas_iter_new(gosend_iter **out,
                                        gosend_client *client, size_t max_items,
                                        const gosend_request_options *opts,
                                        gosend_error **err);

/**
 * Next WABA of an iterator made by gosend_wabas_iter_new() (and only such
 * an iterator).
 * @param[out] out  The WABA, or NULL when done or on failure. Borrowed from
 *                  the iterator: valid until its next `_next` call or
 *                  gosend_iter_free().
 * @param it        The iterator. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 1 when `*out` is set, 0 when there are no more items, or a
 *         negative ::gosend_error_code (a failure finishes the iterator: see
 * pagination.h).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_wabas_iter_next(const gosend_waba **out,
                                         gosend_iter *it, gosend_error **err);

/**
 * `GET /wabas/{id}`: one WABA.
 * @param[out] out  On success the WABA, else NULL. Free with
 *                  gosend_waba_free().
 * @param client    Client. Not NULL.
 * @param waba_id   The WABA's id, percent-encoded into the path. The docs do
 *                  not say whether GoSendAPI's `id` or Meta's `waba_id` is
 *                  meant; gosend_waba::id is the safe choice. Refused
 *                  (#GOSEND_EINVAL, field "waba_id") when NULL, empty, "."
 *                  or "..".
 * @param opts      Per-call options, or NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN,
 *         #GOSEND_EPROTOCOL (the body is not JSON, not a JSON object, or
 *         has no usable `id`; fields of other types are left unset, not an
 *         error) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_wabas_get(gosend_waba **out, gosend_client *client,
                                   const char *waba_id,
                                   const gosend_request_options *opts,
                                   gosend_error **err);

/**
 * Free a WABA returned by gosend_wabas_get() (never one taken from a list).
 * @param waba  The WABA; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_waba_free(gosend_waba *waba);

/**
 * Free a page of WABAs and every item in it.
 * @param list  The list; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_waba_list_free(gosend_waba_list *list);

GOSEND_END_DECL

#endif
