/**
 * @file errors.h
 * @brief Error codes, the error detail object and the HTTP status mapping.
 *
 * Every fallible call returns an `int`: #GOSEND_OK (0) on success or a
 * negative ::gosend_error_code. Calls that can fail also take a last
 * parameter `gosend_error **err`: when it is not NULL and the call fails, the
 * library stores there a newly allocated ::gosend_error that the caller owns
 * and frees with gosend_error_free(). Pass NULL when the code is enough.
 * Because the detail is returned to the caller and never kept in the client,
 * it stays correct when one client is shared by many threads.
 *
 * On failure every `out` parameter is set to NULL.
 *
 * HTTP status to code mapping (the same for every endpoint):
 *
 * | HTTP status          | code                    | retried by default |
 * |----------------------|-------------------------|--------------------|
 * | 2xx                  | #GOSEND_OK              | -                  |
 * | 3xx (never followed) | #GOSEND_EHTTP           | no                 |
 * | 400                  | #GOSEND_EBADREQUEST     | no                 |
 * | 401                  | #GOSEND_EUNAUTHORIZED   | no                 |
 * | 403                  | #GOSEND_EFORBIDDEN      | no                 |
 * | 404                  | #GOSEND_ENOTFOUND       | no                 |
 * | 409                  | #GOSEND_ECONFLICT       | no                 |
 * | 415                  | #GOSEND_EUNSUPPORTED    | no                 |
 * | 422                  | #GOSEND_EUNPROCESSABLE  | no                 |
 * | 429                  | #GOSEND_ERATELIMIT      | yes                |
 * | 500, 502, 503, 504   | #GOSEND_ESERVER         | yes                |
 * | other 5xx            | #GOSEND_ESERVER         | no                 |
 * | other 4xx            | #GOSEND_EHTTP           | no                 |
 * | no HTTP response     | network/timeout/TLS     | yes (see client.h) |
 * | 2xx, bad body        | #GOSEND_EPROTOCOL       | no                 |
 *
 * Without an HTTP response the code is #GOSEND_ENETWORK, #GOSEND_ETIMEOUT or
 * #GOSEND_ETLS (TLS failures are not retried).
 *
 * Thread-safety: all functions here are thread-safe; a ::gosend_error is
 * immutable and may be read from any thread.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_ERRORS_H
#define GOSENDAPI_ERRORS_H

#include "common.h"

GOSEND_BEGIN_DECL

/**
 * Result codes. Append-only: values are never renumbered or reused.
 * @since 0.1.0
 */
typedef enum gosend_error_code {
	/** Success. */
	GOSEND_OK = 0,
	/** An error that fits no other code. */
	GOSEND_ERROR = -1,
	/** An argument was invalid; nothing was sent. `field` names it. */
	GOSEND_EINVAL = -2,
	/** Memory could not be allocated. */
	GOSEND_ENOMEM = -3,
	/** No HTTP response: DNS, connect, reset or send/receive failure. */
	GOSEND_ENETWORK = -4,
	/** The request or the call's deadline timed out. */
	GOSEND_ETIMEOUT = -5,
	/** TLS handshake or certificate verification failed. */
	GOSEND_ETLS = -6,
	/** The response could not be understood (bad JSON, wrong shape). */
	GOSEND_EPROTOCOL = -7,
	/** The response body was larger than the configured cap. */
	GOSEND_ETOOLARGE = -8,
	/** HTTP 400: the server rejected the request as malformed. */
	GOSEND_EBADREQUEST = -9,
	/** HTTP 401: API key missing, unknown, revoked or malformed. */
	GOSEND_EUNAUTHORIZED = -10,
	/** HTTP 403: the key may not access this resource. */
	GOSEND_EFORBIDDEN = -11,
	/** HTTP 404: no such resource. */
	GOSEND_ENOTFOUND = -12,
	/** HTTP 409: e.g. an Idempotency-Key reused with a different body. */
	GOSEND_ECONFLICT = -13,
	/** HTTP 415: unsupported content type. */
	GOSEND_EUNSUPPORTED = -14,
	/** HTTP 422: semantically invalid data. */
	GOSEND_EUNPROCESSABLE = -15,
	/** HTTP 429: rate limited; see `retry_after_s`. */
	GOSEND_ERATELIMIT = -16,
	/** HTTP 5xx: server or upstream failure. */
	GOSEND_ESERVER = -17,
	/** Any other unexpected HTTP status (3xx, other 4xx). */
	GOSEND_EHTTP = -18,
	/** A webhook signature is well formed but matches no secret. */
	GOSEND_ESIGNATURE = -19,
	/**
	 * A list's pages do not progress: a page repeated the one before,
	 * items came after the announced `X-Total-Count` was reached, or the
	 * iterator reached its page cap (#GOSEND_ITER_MAX_PAGES). The
	 * iterator is finished.
	 * @since 0.1.0
	 */
	GOSEND_EPAGINATION = -20,
	/**
	 * The call was cancelled before it ended (gosend_async_cancel(),
	 * gosend_async_free()). See the error's `retryable` and idempotency
	 * key for whether it may have reached the server.
	 * @since 0.1.0
	 */
	GOSEND_ECANCELED = -21,
	/**
	 * An outbox's database failed for another reason than those below
	 * (an I/O error); the message carries SQLite's text. See outbox.h.
	 * @since 0.1.0
	 */
	GOSEND_ESTORE = -22,
	/**
	 * An outbox's database stayed locked by another connection beyond
	 * its busy timeout, or another run drains the same campaign.
	 * @since 0.1.0
	 */
	GOSEND_ESTORE_BUSY = -23,
	/**
	 * An outbox's file is not an outbox database or is damaged.
	 * @since 0.1.0
	 */
	GOSEND_ESTORE_CORRUPT = -24,
	/**
	 * An outbox's file or its directory cannot be written.
	 * @since 0.1.0
	 */
	GOSEND_ESTORE_READONLY = -25,
	/**
	 * The disk (or a quota) holding an outbox's file is full.
	 * @since 0.1.0
	 */
	GOSEND_ESTORE_FULL = -26
	/* append only */
} gosend_error_code;

struct gosend_meta;

/**
 * Detail of a failed call. Allocated by the library, owned by the caller,
 * freed with gosend_error_free(). Read-only: fields are only ever appended
 * (check `struct_version` before reading a field added later); never
 * allocate, copy, embed or take the size of this struct.
 *
 * String fields point into the error object and live as long as it does.
 * @since 0.1.0
 */
/* Members are only ever appended (callers never size it), so the layout
 * keeps the padding its history gives it. */
/* NOLINTNEXTLINE(clang-analyzer-optin.performance.Padding) */
typedef struct gosend_error {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** The ::gosend_error_code returned by the call. */
	int code;
	/** HTTP status of the last response, 0 when none arrived. */
	long http_status;
	/**
	 * Human-readable message, never NULL: the server's `message` (array
	 * elements joined with "; "), else the transport error, else the
	 * library's own description.
	 */
	const char *message;
	/** The server's `message` as a list (one entry for a plain string). */
	const char *const *messages;
	/** Number of entries in `messages` (0 when the body had none). */
	size_t messages_count;
	/** The body's `error` (HTTP reason phrase), or NULL. */
	const char *error;
	/** The body's `statusCode`, or 0 when absent. */
	long status_code;
	/** The body's `details` as JSON text, or NULL. */
	const char *details_json;
	/**
	 * The offending field: for #GOSEND_EINVAL the argument or JSON path
	 * that was refused (e.g. "to", "interactive.action.buttons"); for
	 * server errors the body's `details.field`; else NULL.
	 */
	const char *field;
	/**
	 * Seconds to wait before retrying: the `Retry-After` header, else the
	 * body's `retry_after_seconds`; -1 when neither was given.
	 */
	long retry_after_s;
	/** libcurl's error text when no HTTP response arrived, else NULL. */
	const char *transport_message;
	/** The raw response body (NUL-terminated), or NULL. */
	const char *body;
	/** Request id from the response headers (X-Request-Id), or NULL. */
	const char *request_id;
	/** Number of HTTP attempts the call made (0 when nothing was sent). */
	unsigned int attempts;
	/** The Idempotency-Key the call sent, or NULL when it sent none. */
	const char *idempotency_key;
	/** Metadata of the last response (headers), never NULL. */
	const struct gosend_meta *meta;
	/**
	 * 1 when sending the same request again, with the same
	 * `idempotency_key`, is safe and may succeed: the request may not
	 * have been processed (no answer, a timeout, HTTP 429 or 5xx) and
	 * the request is a send (`POST /messages`, which the API
	 * de-duplicates by key), a read, a delete, or provably not processed
	 * (the connection was refused, HTTP 429, 503 with `Retry-After`).
	 * 0 otherwise: fix the request first (4xx, #GOSEND_EINVAL), or it
	 * may have taken effect and a repeat could duplicate it. Read it
	 * with gosend_error_is_retryable().
	 * @since 0.1.0
	 */
	int retryable;
} gosend_error;

/**
 * Static English name of a code, e.g. "rate limited (HTTP 429)".
 * @param code  A ::gosend_error_code (unknown values give "unknown error").
 * @return A static string, never NULL. Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN const char *gosend_strerror(int code);

/**
 * The code an HTTP status maps to, per the table in this file.
 * @param http_status  An HTTP status code.
 * @return #GOSEND_OK for 2xx, else a negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_error_code_for_status(long http_status);

/**
 * Whether the failed call may be repeated: see ::gosend_error::retryable.
 *
 * The library has already retried within the client's retry budget
 * (`max_retries`, `deadline_ms`) before it returned the error, so a 1 here
 * means "safe to try again later". For a send, always re-send with the
 * same key (`err->idempotency_key`, passed as
 * ::gosend_request_options::idempotency_key): the API then stores the
 * message at most once. Re-sending under a new key after a retryable
 * error can deliver the message twice.
 *
 * @param err  An error from any call; NULL gives 0.
 * @return 1 or 0. Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_error_is_retryable(const gosend_error *err);

/**
 * Free an error detail.
 * @param err  The error; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_error_free(gosend_error *err);

GOSEND_END_DECL

#endif
