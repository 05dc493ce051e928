/**
 * @file gsmock.h
 * @brief In-process mock of the GoSendAPI Cloud REST API for tests.
 *
 * A mock listens on 127.0.0.1 (an ephemeral port by default) and serves the
 * `/v1` API from in-memory state seeded with WABAs, phone numbers, templates
 * and conversations. Several mocks may run in one process; each owns its own
 * state. Every function is thread-safe except gsmock_stop(), which must not
 * race with other calls on the same mock.
 *
 * Every request is recorded (see ::gsmock_request) before it is answered.
 * Scripted responses and faults are kept in one FIFO queue; each entry is
 * consumed by the next request that arrives, ahead of authentication and
 * routing.
 */
#ifndef GSMOCK_H
#define GSMOCK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque mock server. */
typedef struct gsmock gsmock;

/** Start options; a zeroed struct (or NULL) gives the defaults. */
typedef struct gsmock_options {
	unsigned short port;   /* 0: ephemeral */
	const char *fixed_key; /* if set, this exact key is also accepted */
	int log_requests;      /* 1: print "METHOD PATH STATUS" per request to
	                          stderr, key redacted */
	const char *seed_file; /* optional JSON seed, see README.md */
} gsmock_options;

/**
 * Start a mock.
 * @param[out] out  The mock on success, NULL on failure.
 * @param opts      Options, or NULL for the defaults.
 * @return 0 on success, -1 on error (port in use, unreadable or invalid seed
 *         file, out of memory).
 */
int gsmock_start(gsmock **out, const gsmock_options *opts);

/** Stop the server, close every connection and free everything. NULL-safe. */
void gsmock_stop(gsmock *m);

/** The TCP port the mock listens on. */
unsigned short gsmock_port(const gsmock *m);

/** "http://127.0.0.1:PORT/v1"; valid until gsmock_stop(). */
const char *gsmock_base_url(const gsmock *m);

/** One received request, as recorded in the request log. */
typedef struct gsmock_request {
	char *method;
	char *target; /* raw request-target exactly as on the wire (path + "?" +
	                 query), NOT percent-decoded */
	char *path;   /* raw path part of target, not decoded */
	char *query;  /* raw query part without '?', "" when none */
	size_t header_count;
	char **header_names, **header_values;
	char *body;
	size_t body_len; /* body bytes, NUL-terminated copy */
} gsmock_request;

/** Number of requests recorded since start or the last gsmock_clear_log(). */
size_t gsmock_request_count(gsmock *m);

/**
 * Deep copy of the i-th recorded request (0 = oldest).
 * @return The copy (free with gsmock_request_free()), or NULL if @p i is out
 *         of range or memory ran out.
 */
gsmock_request *gsmock_request_at(gsmock *m, size_t i);

/**
 * Value of a request header, matched case-insensitively; the first one when
 * repeated.
 * @return A pointer into @p r, or NULL if absent.
 */
const char *gsmock_request_header(const gsmock_request *r, const char *name);

/**
 * Percent-decoded value ('+' read as a space) of the first query parameter
 * whose decoded name equals @p name. A parameter without '=' has value "".
 * @return A malloc'd string (release with free()), or NULL if absent.
 */
char *gsmock_request_query_param(const gsmock_request *r, const char *name);

/** Free a request returned by gsmock_request_at(). NULL-safe. */
void gsmock_request_free(gsmock_request *r);

/** Forget every recorded request. */
void gsmock_clear_log(gsmock *m);

/**
 * Queue a scripted response for the next unscripted request.
 * The request is logged but not processed. The standard headers
 * (X-RateLimit-*, X-Request-Id) are added unless @p extra_headers sets the
 * same name; Content-Length is always computed by the server.
 * @param status         HTTP status, 200..599.
 * @param extra_headers  "Name: v\r\nName2: v2" (a bare "\n" also separates),
 *                       or NULL.
 * @param content_type   NULL: application/json.
 * @param body           NULL: empty.
 * @return 0, or -1 on invalid arguments or out of memory.
 */
int gsmock_queue_response(gsmock *m, unsigned int status,
                          const char *extra_headers, const char *content_type,
                          const char *body);

/**
 * Queue a connection close: the next request is logged, not processed, and
 * the connection is closed without any reply.
 * @return 0, or -1 on out of memory.
 */
int gsmock_queue_close(gsmock *m);

/** Faults for gsmock_queue_fault(). */
typedef enum gsmock_fault {
	/** Close without a reply (same as gsmock_queue_close()). */
	GSMOCK_FAULT_CLOSE = 1,
	/** Abort the connection with a TCP reset, without a reply. */
	GSMOCK_FAULT_RESET = 2,
	/** Process the request normally, then close without a reply. */
	GSMOCK_FAULT_PROCESS_THEN_CLOSE = 3,
	/** Wait @p param milliseconds, then process and answer normally. */
	GSMOCK_FAULT_DELAY = 4,
	/** Process normally; send the headers and only half of the body,
	    then abort the connection. */
	GSMOCK_FAULT_TRUNCATE = 5,
	/** Not processed; 200 with a body that is not valid JSON. */
	GSMOCK_FAULT_INVALID_JSON = 6,
	/** Not processed; 200 with a valid JSON body of @p param bytes
	    (0: 8 MiB). */
	GSMOCK_FAULT_HUGE_BODY = 7,
	/** Not processed; 502 with an HTML body (as a proxy would). */
	GSMOCK_FAULT_HTML_502 = 8,
	/** Process normally; answer with Content-Type text/plain. */
	GSMOCK_FAULT_WRONG_CONTENT_TYPE = 9,
	/** Not processed; 307 with Location set to the same URL on this mock
	    (the next request is served normally). */
	GSMOCK_FAULT_REDIRECT = 10
} gsmock_fault;

/**
 * Queue a fault for the next unscripted request (same FIFO as
 * gsmock_queue_response()).
 * @param param  Meaning depends on @p kind; ignored otherwise.
 * @return 0, or -1 on an unknown kind or out of memory.
 */
int gsmock_queue_fault(gsmock *m, gsmock_fault kind, unsigned int param);

/**
 * Configure the per-key rate limit. @p per_second is reported in
 * X-RateLimit-Limit (default 10; 0 restores it). Windows are aligned to Unix
 * seconds. With @p enforce non-zero, a request beyond the limit in its
 * window is answered 429 with Retry-After and is not processed.
 * @return 0.
 */
int gsmock_set_rate_limit(gsmock *m, unsigned int per_second, int enforce);

/** Number of messages stored via POST /v1/messages. */
size_t gsmock_message_count(gsmock *m);

/**
 * Append a delivery record to a webhook's delivery log.
 * @param webhook_id   Id of an existing webhook.
 * @param json_object  A JSON object; missing fields get defaults (id,
 *                     webhook_id, event, status "succeeded", attempts,
 *                     response_status, created_at, last_attempt_at,
 *                     next_attempt_at).
 * @return 0, or -1 if the webhook does not exist or the JSON is not an
 *         object.
 */
int gsmock_add_delivery(gsmock *m, const char *webhook_id,
                        const char *json_object);

#ifdef __cplusplus
}
#endif

#endif
