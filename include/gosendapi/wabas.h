/**
 * @file wabas.h
 * @brief WhatsApp Business Accounts (`GET /wabas`, `GET /wabas/{id}`) and
 *        their phone numbers (`GET /wabas/{id}/phone-numbers`).
 *
 * Thread-safety: every function here may be called from any number of
 * threads on a shared ::gosend_client. Returned WABAs, phone numbers and lists
 * are immutable and may be read from any thread. An iterator (::gosend_iter)
 * belongs to one thread at a time.
 *
 * WABAs are created only through Meta's Embedded Signup (see admin.h for
 * setup links); the API has no create endpoint.
 *
 * Decoding rules shared by every object of the library's resource headers
 * (wabas.h, templates.h, conversations.h, webhooks.h, admin.h):
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
 *   is not the object asked for); for a list, one that is neither a JSON
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
 * Quality rating of a phone number (`quality_rating`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_quality_rating {
	/** `unknown` (not rated yet), absent, or a value this version does
	 *  not know; `quality_rating_name` tells these apart. */
	GOSEND_QUALITY_RATING_UNKNOWN = 0,
	/** `green`: high quality. */
	GOSEND_QUALITY_RATING_GREEN = 1,
	/** `yellow`: medium quality. */
	GOSEND_QUALITY_RATING_YELLOW = 2,
	/** `red`: low quality. */
	GOSEND_QUALITY_RATING_RED = 3
} gosend_quality_rating;

/**
 * How a phone number is connected (`connection_type`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_connection_type {
	/** Absent, or a value this version does not know. */
	GOSEND_CONNECTION_TYPE_UNKNOWN = 0,
	/** `dedicated`: the number runs on the Cloud API only. */
	GOSEND_CONNECTION_TYPE_DEDICATED = 1,
	/** `coexistence`: the number also runs the WhatsApp Business app. */
	GOSEND_CONNECTION_TYPE_COEXISTENCE = 2
} gosend_connection_type;

/**
 * Lifecycle of a phone number (`status`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_phone_number_status {
	/** Absent, or a value this version does not know. */
	GOSEND_PHONE_NUMBER_STATUS_UNKNOWN = 0,
	/** `active`. */
	GOSEND_PHONE_NUMBER_STATUS_ACTIVE = 1,
	/** `disconnected`. */
	GOSEND_PHONE_NUMBER_STATUS_DISCONNECTED = 2,
	/** `pending`. */
	GOSEND_PHONE_NUMBER_STATUS_PENDING = 3
} gosend_phone_number_status;

/**
 * A phone number of a WABA. Read-only, library-allocated; fields are only
 * appended; never copy, embed or take the size of it. Lives as long as the
 * list holding it.
 * @since 0.1.0
 */
typedef struct gosend_phone_number {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** GoSendAPI's internal id (`id`), or NULL when the element had none
	 *  usable. */
	const char *id;
	/** GoSendAPI's internal id of the WABA (`waba_id`; unlike
	 *  gosend_waba::waba_id this is not Meta's id), or NULL. */
	const char *waba_id;
	/** Meta's phone number id (`phone_number_id`): the value every send
	 *  takes. NULL only if the server omitted it. */
	const char *phone_number_id;
	/** Formatted number, e.g. "+54 11 5555 1234", or NULL. */
	const char *display_phone_number;
	/** Digits only, e.g. "5491155551234", or NULL. */
	const char *display_phone_number_normalized;
	/** Name shown atop the chat (`display_name`), or NULL. */
	const char *display_name;
	/** Legal name if the business is verified (`verified_name`), or
	 *  NULL. */
	const char *verified_name;
	/** `quality_rating` as an enumeration. */
	gosend_quality_rating quality_rating;
	/** `quality_rating` as sent, or NULL. */
	const char *quality_rating_name;
	/** Meta throughput tier (`throughput_tier`, e.g. "Standard"), or
	 *  NULL. */
	const char *throughput_tier;
	/** `connection_type` as an enumeration. */
	gosend_connection_type connection_type;
	/** `connection_type` as sent, or NULL. */
	const char *connection_type_name;
	/** `is_coexistence`: 1, 0, or -1 when absent. */
	int is_coexistence;
	/** `is_official_business_account` (Meta checkmark): 1, 0 or -1. */
	int is_official_business_account;
	/** `inbound_processing_enabled` (0: inbound webhooks are ignored):
	 *  1, 0 or -1. */
	int inbound_processing_enabled;
	/** `calls_enabled` (WhatsApp Calls API): 1, 0 or -1. */
	int calls_enabled;
	/** `status` as an enumeration. */
	gosend_phone_number_status status;
	/** `status` as sent, or NULL. */
	const char *status_name;
	/** This object's JSON text as received. */
	const char *raw_json;
	/** Metadata of the page this object came in, never NULL. */
	const gosend_meta *meta;
} gosend_phone_number;

/**
 * One page of phone numbers. Read-only, library-allocated; free with
 * gosend_phone_number_list_free().
 * @since 0.1.0
 */
typedef struct gosend_phone_number_list {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of entries in `items`. */
	size_t count;
	/** The phone numbers; owned by the list. */
	const gosend_phone_number *const *items;
	/** The whole response body. */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_phone_number_list;

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
 * `GET /wabas/{id}/phone-numbers`: one page of a WABA's phone numbers.
 * @param[out] out  On success the page, else NULL. Free with
 *                  gosend_phone_number_list_free().
 * @param client    Client. Not NULL.
 * @param waba_id   The WABA's id, as for gosend_wabas_get().
 * @param params    Page selection, or NULL.
 * @param opts      Per-call options, or NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN,
 *         #GOSEND_EPROTOCOL (the body is not JSON or not a list) or another
 *         negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_phone_numbers_list(gosend_phone_number_list **out,
                                            gosend_client *client,
                                            const char *waba_id,
                                            const gosend_list_params *params,
                                            const gosend_request_options *opts,
                                            gosend_error **err);

/**
 * Start iterating over every phone number of a WABA. Nothing is sent until
 * the first gosend_phone_numbers_iter_next().
 * @param[out] out   On success the iterator, else NULL. Free with
 *                   gosend_iter_free().
 * @param client     Client. Not NULL; must outlive the iterator.
 * @param waba_id    The WABA's id, as for gosend_wabas_get(). Copied.
 * @param max_items  Stop after this many items; 0: no limit.
 * @param opts       Per-call options, or NULL. Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_phone_numbers_iter_new(gosend_iter **out, gosend_client *client,
                              const char *waba_id, size_t max_items,
                              const gosend_request_options *opts,
                              gosend_error **err);

/**
 * Next phone number of an iterator made by gosend_phone_numbers_iter_new().
 * @param[out] out  The phone number, or NULL. Borrowed from the iterator:
 *                  valid until its next `_next` call or gosend_iter_free().
 * @param it        The iterator. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 1 when `*out` is set, 0 when done, or a negative
 *         ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_phone_numbers_iter_next(const gosend_phone_number **out, gosend_iter *it,
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

/**
 * Free a page of phone numbers and every item in it.
 * @param list  The list; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void
gosend_phone_number_list_free(gosend_phone_number_list *list);

GOSEND_END_DECL

#endif
