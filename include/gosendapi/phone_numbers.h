/**
 * @file phone_numbers.h
 * @brief The phone numbers of a WhatsApp Business Account
 *        (`GET /wabas/{id}/phone-numbers`).
 *
 * Thread-safety: every function here may be called from any number of
 * threads on a shared ::gosend_client. Returned phone numbers and lists are
 * immutable and may be read from any thread. An iterator (::gosend_iter)
 * belongs to one thread at a time.
 *
 * A phone number's `phone_number_id` is the value every send takes
 * (messages.h). Numbers are added to a WABA through Meta's Embedded Signup
 * (see admin.h for setup links); the API has no create endpoint. Decoding
 * rules are those of wabas.h; phone numbers only come in lists, where
 * nothing is required.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_PHONE_NUMBERS_H
#define GOSENDAPI_PHONE_NUMBERS_H

#include "client.h"
#include "pagination.h"

GOSEND_BEGIN_DECL

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
 * Free a page of phone numbers and every item in it.
 * @param list  The list; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void
gosend_phone_number_list_free(gosend_phone_number_list *list);

GOSEND_END_DECL

#endif
