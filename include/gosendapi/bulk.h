/**
 * @file bulk.h
 * @brief Sending many messages concurrently (libcurl's multi interface).
 *
 * gosend_messages_send_bulk() sends a batch with up to `concurrency`
 * requests in flight on one thread, optionally held to a rate (messages per
 * second, in windows aligned to Unix seconds like the API's own limit, and
 * following `X-RateLimit-*` headers). Each message is sent exactly as
 * gosend_messages_send() would: the same validation, the same retries and
 * backoff, and its own `Idempotency-Key` (given or a generated UUIDv4) reused
 * by every attempt, so a retried item is never delivered twice. Results come
 * back per item, in input order. Over HTTPS, HTTP/2 is negotiated when the
 * server offers it and requests are multiplexed on one connection.
 *
 * Thread-safety: the call runs on the calling thread; the client may be used
 * by other threads meanwhile. Callbacks run on the calling thread. A
 * ::gosend_bulk_result is immutable.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_BULK_H
#define GOSENDAPI_BULK_H

#include "client.h"
#include "messages.h"

GOSEND_BEGIN_DECL

/** Default number of requests in flight. @since 0.1.0 */
#define GOSEND_BULK_DEFAULT_CONCURRENCY 16
/** Largest accepted `concurrency`. @since 0.1.0 */
#define GOSEND_BULK_MAX_CONCURRENCY 256

/**
 * Called each time an item is finished.
 * @param done     Items finished so far.
 * @param total    Items in the batch.
 * @param payload  The options' `progress_payload`.
 * @since 0.1.0
 */
typedef void (*gosend_bulk_progress_fn)(size_t done, size_t total,
                                        void *payload);

/**
 * Called once per item when it is finished (in completion order).
 * @param index    Index of the message in the input.
 * @param code     0 or the item's negative ::gosend_error_code.
 * @param result   On success the result, else NULL; valid during the call
 *                 (and afterwards in the bulk result unless results are
 *                 discarded).
 * @param error    On failure the detail, else NULL; same lifetime.
 * @param payload  The options' `on_item_payload`.
 * @since 0.1.0
 */
typedef void (*gosend_bulk_item_fn)(size_t index, int code,
                                    const gosend_message_result *result,
                                    const gosend_error *error, void *payload);

/** Current version of ::gosend_bulk_options. @since 0.1.0 */
#define GOSEND_BULK_OPTIONS_VERSION 1

/**
 * Options of a bulk send; NULL for the defaults. Copied during the call.
 * @since 0.1.0
 */
typedef struct gosend_bulk_options {
	/** Must be #GOSEND_BULK_OPTIONS_VERSION. */
	unsigned int version;
	/** Requests in flight at most; 0: #GOSEND_BULK_DEFAULT_CONCURRENCY. */
	unsigned int concurrency;
	/** Messages per second at most (>= 1), in windows aligned to Unix
	 *  seconds; 0: no client-side limit. */
	double rate_per_second;
	/** 1: also follow the server's X-RateLimit-Limit/Remaining/Reset. */
	int follow_rate_headers;
	/** NULL, or one Idempotency-Key per message (NULL entries: a UUIDv4
	 *  is generated). Same rules as ::gosend_request_options. */
	const char *const *idempotency_keys;
	/** Progress callback, or NULL. */
	gosend_bulk_progress_fn progress;
	/** Passed to `progress`. */
	void *progress_payload;
	/** Per-item callback, or NULL. */
	gosend_bulk_item_fn on_item;
	/** Passed to `on_item`. */
	void *on_item_payload;
	/** 1: do not keep per-item results and errors in the bulk result
	 *  (read them in `on_item`); memory then stays flat for any batch. */
	int discard_results;
} gosend_bulk_options;

/** Static initialiser for ::gosend_bulk_options. @since 0.1.0 */
#define GOSEND_BULK_OPTIONS_INIT \
	GOSEND_VERSIONED_INIT(gosend_bulk_options, GOSEND_BULK_OPTIONS_VERSION)

/**
 * Outcome of one message. Read-only; fields are only appended.
 * @since 0.1.0
 */
typedef struct gosend_bulk_item {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** 0 or the item's negative ::gosend_error_code. */
	int code;
	/** On success the result (NULL when results are discarded). */
	const gosend_message_result *result;
	/** On failure the detail (NULL when results are discarded). */
	const gosend_error *error;
	/** The Idempotency-Key sent; reuse it to retry this item later
	 *  without a duplicate. NULL when nothing was sent. */
	const char *idempotency_key;
	/** HTTP attempts made for this item. */
	unsigned int attempts;
} gosend_bulk_item;

/**
 * Outcome of a batch. Read-only, library-allocated; free with
 * gosend_bulk_result_free().
 * @since 0.1.0
 */
typedef struct gosend_bulk_result {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of items (the input count). */
	size_t count;
	/** Items that succeeded. */
	size_t succeeded;
	/** Items that failed. */
	size_t failed;
	/** One entry per input message, in input order. */
	const gosend_bulk_item *const *items;
	/** HTTP 429 answers met (each retried or reported). */
	size_t rate_limited;
	/** Wall time of the batch in milliseconds. */
	long long elapsed_ms;
} gosend_bulk_result;

/**
 * Send a batch of messages concurrently.
 * @param[out] out   On success the batch outcome, else NULL. Free with
 *                   gosend_bulk_result_free().
 * @param client     Client. Not NULL.
 * @param messages   The messages; not NULL when count > 0; entries not
 *                   NULL. Encoded (and validated) during the call.
 * @param count      Number of messages.
 * @param opts       Options, or NULL.
 * @param[out] err   Optional detail of a failure of the whole call.
 * @return 0 when every item was attempted (each item has its own code: an
 *         invalid message fails alone with #GOSEND_EINVAL and is not sent);
 *         #GOSEND_EINVAL for bad arguments (nothing sent); #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_messages_send_bulk(gosend_bulk_result **out, gosend_client *client,
                          const gosend_outgoing *const *messages, size_t count,
                          const gosend_bulk_options *opts, gosend_error **err);

/**
 * Free a batch outcome and every item result and error in it.
 * @param res  The outcome; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_bulk_result_free(gosend_bulk_result *res);

GOSEND_END_DECL

#endif
