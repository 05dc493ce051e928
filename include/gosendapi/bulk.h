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
 * Nothing is lost when a batch stops early (its `deadline_ms` passed, or
 * a fatal error such as #GOSEND_ENOMEM): the call still returns the
 * per-item outcome in `*out`, and every item says what became of it (see
 * ::gosend_bulk_state). To finish such a batch without a duplicate, send
 * again only the items in state #GOSEND_BULK_NOT_ATTEMPTED, and those in
 * state #GOSEND_BULK_FAILED whose `error` is retryable
 * (gosend_error_is_retryable()), each with its `idempotency_key` (NULL: any
 * key); never re-send a #GOSEND_BULK_SENT or #GOSEND_BULK_ACCEPTED item.
 *
 * How long a call lasts. With `deadline_ms` set, the call returns within
 * about `deadline_ms` (plus the few milliseconds needed to cut the
 * transfers in flight). Without it, and with the other bulk options at
 * their defaults (no rate limit), a batch of N messages sent with
 * `concurrency` C by a client with `max_retries` R, `timeout_ms` T and
 * `deadline_ms` D (the client's per-call values) lasts at most
 *
 *     ceil(N x (1 + R) / C) x T + D   (plus about 1 s of scheduling)
 *
 * because every attempt holds one of the C slots for at most T, every slot
 * is busy while messages wait to start, and each message ends within D of
 * its first attempt. With all defaults (C = 16, R = 2, T = 30 s, D = 90 s)
 * that is ceil(3N / 16) x 30 s + 90 s, reached only when every attempt
 * hangs until its timeout. A rate limit adds its waits: at least N /
 * `rate_per_second` seconds, and with `follow_rate_headers` each wait the
 * server asks for is clamped to the client's `retry_after_cap_ms`.
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
 * Called once per item when it is finished (in completion order), for
 * every item that reached state #GOSEND_BULK_SENT, #GOSEND_BULK_ACCEPTED
 * or #GOSEND_BULK_FAILED, including those cut when the batch stopped; never
 * for an item left #GOSEND_BULK_NOT_ATTEMPTED.
 * @param index    Index of the message in the input.
 * @param code     0 (sent or accepted) or the item's negative
 *                 ::gosend_error_code.
 * @param result   On success the result, else NULL (also when memory ran
 *                 out reading a 2xx answer: the message is accepted);
 *                 `result->id_known` 0 means accepted, id unknown. Valid
 *                 during the call (and afterwards in the bulk result unless
 *                 results are discarded).
 * @param error    On failure the detail, else NULL; same lifetime.
 * @param payload  The options' `on_item_payload`.
 * @since 0.1.0
 */
typedef void (*gosend_bulk_item_fn)(size_t index, int code,
                                    const gosend_message_result *result,
                                    const gosend_error *error, void *payload);

/** Current version of ::gosend_bulk_options (2 adds `deadline_ms`).
 *  @since 0.1.0 */
#define GOSEND_BULK_OPTIONS_VERSION 2

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
	/** 1: keep no per-item records (`items` is NULL; read each outcome
	 *  in `on_item`; only the counts are kept); memory then stays flat
	 *  for any batch. */
	int discard_results;
	/* ---- version 2 ---- */
	/** Version 2. Deadline of the whole call in ms; 0: none (each
	 *  message is still bounded by the client's `deadline_ms`). When it
	 *  passes, no attempt starts any more; transfers in flight are cut
	 *  (their items: #GOSEND_BULK_FAILED with #GOSEND_ETIMEOUT, retryable:
	 *  they may have been processed, re-send with the same key); items
	 *  waiting for a retry fail with their last error (retryable); items
	 *  never started stay #GOSEND_BULK_NOT_ATTEMPTED; and the call returns
	 *  #GOSEND_ETIMEOUT with `*out` set. No attempt lasts beyond it and
	 *  no retry is scheduled after it. */
	long deadline_ms;
} gosend_bulk_options;

/** Static initialiser for ::gosend_bulk_options. @since 0.1.0 */
#define GOSEND_BULK_OPTIONS_INIT \
	GOSEND_VERSIONED_INIT(gosend_bulk_options, GOSEND_BULK_OPTIONS_VERSION)

/**
 * What became of one message of a batch.
 * @since 0.1.0
 */
typedef enum gosend_bulk_state {
	/** Never put on the wire (the batch stopped first): the server has
	 *  not seen it; `code` is the code the call returned (e.g.
	 *  #GOSEND_ETIMEOUT, #GOSEND_ENOMEM), `error` NULL, `attempts` 0. Send
	 *  it again (with `idempotency_key` when not NULL). */
	GOSEND_BULK_NOT_ATTEMPTED = 0,
	/** Sent: `code` 0, `result->id` holds the message id. */
	GOSEND_BULK_SENT = 1,
	/** Accepted (the server answered 2xx) but its answer carried no id the
	 *  library recognises (`result->id_known` 0, or `result` NULL when
	 *  memory ran out reading it): `code` 0. The message is sent; it
	 *  counts as succeeded and must never be sent again. */
	GOSEND_BULK_ACCEPTED = 2,
	/** Failed: `code` < 0 and `error` the detail. When
	 *  gosend_error_is_retryable(error) is 1 it may or may not have been
	 *  processed: re-send it only with the same `idempotency_key`. */
	GOSEND_BULK_FAILED = 3
} gosend_bulk_state;

/**
 * Outcome of one message. Read-only; fields are only appended.
 * @since 0.1.0
 */
typedef struct gosend_bulk_item {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** 0 (sent or accepted) or a negative ::gosend_error_code (failed;
	 *  for a not attempted item, the code the call returned). */
	int code;
	/** On success the result. */
	const gosend_message_result *result;
	/** On failure the detail; NULL for a not attempted item. */
	const gosend_error *error;
	/** The Idempotency-Key this item was sent with, or is to be sent
	 *  with: the caller's key when `idempotency_keys` gave one (also for
	 *  an item not attempted), else the generated one once the item was
	 *  built, else NULL (an item not attempted, or refused before it was
	 *  built). Re-send the item with this key and the API stores it at
	 *  most once. */
	const char *idempotency_key;
	/** HTTP attempts made for this item. */
	unsigned int attempts;
	/** What became of the item. */
	gosend_bulk_state state;
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
	/** Items that succeeded: `sent` + `accepted`. */
	size_t succeeded;
	/** Items in state #GOSEND_BULK_FAILED. */
	size_t failed;
	/** One entry per input message, in input order, for every index
	 *  (never-attempted items included); NULL when results are
	 *  discarded. */
	const gosend_bulk_item *const *items;
	/** HTTP 429 answers met (each retried or reported). */
	size_t rate_limited;
	/** Wall time of the batch in milliseconds. */
	long long elapsed_ms;
	/** Items in state #GOSEND_BULK_SENT (id known). */
	size_t sent;
	/** Items in state #GOSEND_BULK_ACCEPTED (sent, id unknown). */
	size_t accepted;
	/** Items in state #GOSEND_BULK_NOT_ATTEMPTED. `sent` + `accepted` +
	 *  `failed` + `not_attempted` is `count`. */
	size_t not_attempted;
} gosend_bulk_result;

/**
 * Send a batch of messages concurrently.
 *
 * Always free `*out` when it is non-NULL, whatever the call returned, and
 * read it: once the batch has started, `*out` holds the outcome of every
 * item even when the call fails (see ::gosend_bulk_state). `*out` is NULL
 * only when nothing was sent (bad arguments, or memory ran out before the
 * first item).
 *
 * @param[out] out   The batch outcome (see above), or NULL. Free with
 *                   gosend_bulk_result_free().
 * @param client     Client. Not NULL.
 * @param messages   The messages; not NULL when count > 0; entries not
 *                   NULL. Encoded (and validated) during the call.
 * @param count      Number of messages.
 * @param opts       Options, or NULL. A caller built against version 1
 *                   (`version` 1) is read only up to its last field.
 * @param[out] err   Optional detail of a failure of the whole call.
 * @return 0 when every item was attempted (each item has its own state and
 *         code: an invalid message fails alone with #GOSEND_EINVAL and is
 *         not sent); #GOSEND_EINVAL for bad arguments (nothing sent,
 *         `*out` NULL); #GOSEND_ETIMEOUT when `deadline_ms` passed before
 *         every item finished; #GOSEND_ENOMEM or another negative code
 *         when the batch had to stop (`*out` set unless nothing was sent).
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
