/**
 * @file raw.h
 * @brief Raw requests: any endpoint or field the typed calls do not model
 *        yet, with the client's authentication, retries, limits and error
 *        mapping.
 *
 * Thread-safety: gosend_raw_request() may be called from any number of
 * threads on one client; a ::gosend_raw_response belongs to its caller.
 */
#ifndef GOSENDAPI_RAW_H
#define GOSENDAPI_RAW_H

#include "client.h"

GOSEND_BEGIN_DECL

/**
 * Response of gosend_raw_request(). Read-only, library-allocated; fields are
 * only appended; free with gosend_raw_response_free().
 * @since 0.1.0
 */
typedef struct gosend_raw_response {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** HTTP status (2xx; other statuses become errors). */
	long http_status;
	/** Response body, NUL-terminated (may be empty, never NULL). */
	const char *body;
	/** Length of `body` in bytes. */
	size_t body_len;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_raw_response;

/**
 * Raw request: for endpoints or fields the SDK does not model yet. Same
 * authentication, retries, limits and error mapping as the typed calls.
 * `POST /messages` is treated as a send: it carries an Idempotency-Key (the
 * caller's, else a generated UUIDv4) and is retried with it. Any other POST,
 * PATCH or PUT is retried only when it provably was not processed (connection
 * refused, HTTP 429, 503 with `Retry-After`); GET and DELETE are retried on
 * no answer, 429 and 5xx. A non-GET call answered 2xx succeeds even when the
 * body was cut (`meta->body_incomplete`).
 *
 * @param[out] out  On success the response, else NULL.
 * @param client    Client. Not NULL.
 * @param method    "GET", "POST", "PATCH", "PUT" or "DELETE".
 * @param path      Path below the base URL, e.g. "/messages". Must start with
 *                  '/'; may not contain '?', '#', '%' escapes are kept,
 *                  control characters, spaces, or "." / ".." segments.
 * @param query     NULL, or a NULL-terminated list of name, value pairs; each
 *                  is percent-encoded.
 * @param json_body NULL, or a JSON text sent with
 *                  `Content-Type: application/json` (it is not parsed).
 * @param opts      Per-call options or NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0 or a negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_raw_request(gosend_raw_response **out,
                                     gosend_client *client, const char *method,
                                     const char *path, const char *const *query,
                                     const char *json_body,
                                     const gosend_request_options *opts,
                                     gosend_error **err);

/**
 * Free a response.
 * @param res  The response; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_raw_response_free(gosend_raw_response *res);

GOSEND_END_DECL

#endif
