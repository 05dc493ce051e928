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
 *
 * Events (a message sent, a status change, or any event a test emits) are
 * POSTed, signed, to every matching webhook by a delivery thread of the
 * mock; failed attempts are retried on the documented schedule, timed by a
 * clock that tests can replace (see gsmock_set_clock()). Deliveries go only
 * to loopback URLs (127.0.0.0/8, [::1], localhost); other hosts get failed
 * attempts without any network traffic.
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
	/* Serve HTTPS when both are set: PEM files of the certificate (chain)
	   and of its private key (unencrypted). */
	const char *tls_cert_file;
	const char *tls_key_file;
} gsmock_options;

/**
 * Start a mock.
 * @param[out] out  The mock on success, NULL on failure.
 * @param opts      Options, or NULL for the defaults.
 * @return 0 on success, -1 on error (port in use, unreadable or invalid seed
 *         file, only one of the TLS files set, unreadable or invalid
 *         certificate or key, out of memory).
 */
int gsmock_start(gsmock **out, const gsmock_options *opts);

/**
 * Stop the server and the delivery thread (an attempt in progress is
 * abandoned and not counted), close every connection and free everything.
 * NULL-safe.
 */
void gsmock_stop(gsmock *m);

/** The TCP port the mock listens on. */
unsigned short gsmock_port(const gsmock *m);

/** "http://127.0.0.1:PORT/v1" ("https://..." with TLS); valid until
 * gsmock_stop(). */
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
 * X-RateLimit-Limit (default 10; 0 restores it). Windows are one second
 * long, aligned to Unix seconds of the mock's clock (see gsmock_set_clock()).
 * With @p enforce non-zero, a request beyond the limit in its window is
 * answered 429 with Retry-After and is not processed.
 * @return 0.
 */
int gsmock_set_rate_limit(gsmock *m, unsigned int per_second, int enforce);

/** Number of requests answered 429 by the enforced rate limit (scripted
 * 429 answers are not counted). */
size_t gsmock_rejected_count(gsmock *m);

/** Number of messages stored via POST /v1/messages. */
size_t gsmock_message_count(gsmock *m);

/** Number of stored messages whose POST /v1/messages carried the
 * Idempotency-Key @p key, under any API key (a key repeated with the same
 * API key replays the first answer and stores nothing, so with one API key
 * this is 0 or 1 unless the key outlived its 24 h). */
size_t gsmock_message_count_by_key(gsmock *m, const char *key);

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

/* ------------------------------------------------------------ clock */

/**
 * Replace the mock's clock. @p now_ms returns milliseconds since the Unix
 * epoch; it is called with the mock's lock held and must not call any
 * gsmock function. NULL restores the real clock (CLOCK_REALTIME), the
 * default.
 *
 * The clock times rate-limit windows, every timestamp the mock writes
 * (created_at, delivery times, event times), idempotency expiry and the
 * webhook retry schedule. With any clock but the real one the delivery
 * thread never sleeps on a timer: it looks for due retries only when an
 * event is emitted or gsmock_advance() is called.
 */
void gsmock_set_clock(gsmock *m, long long (*now_ms)(void *), void *payload);

/**
 * Switch to the built-in manual clock, reading @p start_ms (milliseconds
 * since the Unix epoch; negative: the current real time). It only moves
 * through gsmock_advance().
 */
void gsmock_use_manual_clock(gsmock *m, long long start_ms);

/**
 * Move the manual clock forward by @p ms (>= 0) and let the delivery thread
 * run the retries now due. If the real clock is in use, the manual clock is
 * first started at the current real time. With a clock set by
 * gsmock_set_clock() the time is not changed (the caller moves its own
 * clock); the delivery thread is only told to look again.
 */
void gsmock_advance(gsmock *m, long long ms);

/** The mock's current time, in milliseconds since the Unix epoch. */
long long gsmock_now_ms(gsmock *m);

/* ----------------------------------------------------- webhook events */

/**
 * Emit an event: for each webhook that matches it (enabled; its `events`
 * contain @p event or "*"; and, if the webhook has a `phone_number_id`, it
 * equals the data's `phone_number_id`) a delivery is recorded and queued for
 * the delivery thread. Returns without waiting for any attempt.
 * The envelope is {"id":"evt_<n>","event":..,"created_at":..,"data":..}.
 * @param event      Event name, non-empty, printable ASCII without spaces,
 *                   e.g. "whatsapp.message.received".
 * @param data_json  The JSON object placed under "data"; NULL: {}.
 * @return 0, or -1 on invalid arguments (data not a JSON object) or out of
 *         memory.
 */
int gsmock_emit_event(gsmock *m, const char *event, const char *data_json);

/**
 * Change the status of a stored message to @p status ("sent", "delivered",
 * "read" or "failed") and emit `whatsapp.message.<status>` with data
 * {"message_id","phone_number_id","to","status","timestamp"} (plus
 * "error":{"code","title","message"} for "failed").
 * @return 0, or -1 when the message does not exist, the status is not one
 *         of those four, or memory ran out.
 */
int gsmock_set_message_status(gsmock *m, const char *message_id,
                              const char *status);

/**
 * Wait until at least @p n_done delivery attempts (succeeded or failed)
 * have finished since start. Attempts are counted, not deliveries: a
 * delivery that fails twice and then succeeds counts 3.
 * @param timeout_ms  Safety net in real milliseconds; negative: no limit.
 * @return 0, or -1 on timeout.
 */
int gsmock_wait_deliveries(gsmock *m, size_t n_done, long timeout_ms);

/** Number of delivery attempts finished since start. */
size_t gsmock_delivery_attempts(gsmock *m);

/**
 * Time limit of one delivery attempt in (real) milliseconds; default 10000.
 * 0 restores the default.
 */
void gsmock_set_delivery_timeout(gsmock *m, long timeout_ms);

#ifdef __cplusplus
}
#endif

#endif
