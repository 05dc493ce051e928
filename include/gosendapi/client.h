/**
 * @file client.h
 * @brief The client, its options, per-call options, response metadata and
 *        the raw-request escape hatch.
 *
 * Thread-safety: a ::gosend_client may be shared by any number of threads
 * once created; every call on it is thread-safe. It keeps a pool of libcurl
 * handles, each with its own warm connection (keep-alive), so a request
 * opens no new TCP/TLS connection when a pooled handle is free; DNS answers
 * and TLS sessions are shared between the handles (a libcurl share handle
 * with locks). Size the pool (`pool_size`) to the number of threads that
 * send at the same time. Returned results are
 * immutable and may be read from any thread. gosend_client_free() must not
 * race with calls on the same client.
 *
 * Global state: libcurl needs curl_global_init() once per process before
 * threads start. gosend_global_init() does that (reference counted); a client
 * created without it calls it for you under a lock, which is safe unless the
 * application itself calls curl_global_init()/cleanup() concurrently.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_CLIENT_H
#define GOSENDAPI_CLIENT_H

#include "common.h"
#include "errors.h"

GOSEND_BEGIN_DECL

/** Default base URL of the API. @since 0.1.0 */
#define GOSEND_DEFAULT_BASE_URL "https://cloud.gosendapi.com/v1"

/** Opaque client. @since 0.1.0 */
typedef struct gosend_client gosend_client;

/**
 * Metadata read from a response's headers (matched case-insensitively).
 * Read-only, owned by the result or error that points to it; fields are only
 * appended; never copy or embed it. Numeric fields are -1 when the header was
 * absent or not a number.
 * @since 0.1.0
 */
typedef struct gosend_meta {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** HTTP status, 0 when no response arrived. */
	long http_status;
	/** `X-Request-Id` (or `Request-Id`), or NULL. */
	const char *request_id;
	/** `X-Total-Count`. */
	long long total_count;
	/** `X-Page`. */
	long page;
	/** `X-Per-Page`. */
	long per_page;
	/** `X-RateLimit-Limit`: requests per second for this key. */
	long ratelimit_limit;
	/** `X-RateLimit-Remaining`: requests left in the current window. */
	long ratelimit_remaining;
	/** `X-RateLimit-Reset` as sent: documented as the Unix time (s) the
	 *  window resets; the rate limiters (`follow_rate_headers` of the
	 *  client and of bulk sends) read values below 10^9 as seconds from
	 *  now. */
	long long ratelimit_reset;
	/** `Retry-After` in seconds (an HTTP date is converted). */
	long retry_after_s;
	/** `Content-Type`, or NULL. */
	const char *content_type;
	/** Number of HTTP attempts the call made. */
	unsigned int attempts;
	/** Idempotency-Key the call sent, or NULL. */
	const char *idempotency_key;
	/** The response's `Date` header as Unix seconds, or -1. Server-given
	 *  epoch times (`X-RateLimit-Reset`, an HTTP-date `Retry-After`) are
	 *  measured against it rather than the local clock. @since 0.1.0 */
	long long server_date;
	/** 1 when a 2xx status arrived but the body did not arrive whole
	 *  (cut at `max_response_bytes`, by a timeout, or by a closed
	 *  connection). Only calls whose effect cannot be undone (sends,
	 *  creates, deletes, closes, uploads) return such an answer as
	 *  success; reads fail with the transport's code. @since 0.1.0 */
	int body_incomplete;
} gosend_meta;

/** Log levels for ::gosend_log_fn. @since 0.1.0 */
typedef enum gosend_log_level {
	GOSEND_LOG_NONE = 0,  /**< silent (default) */
	GOSEND_LOG_ERROR = 1, /**< failed calls */
	GOSEND_LOG_WARN = 2,  /**< retries */
	GOSEND_LOG_INFO = 3,  /**< one line per request */
	/** each attempt as it starts (method, path, attempt number,
	 *  timeout) and how each retry wait was chosen */
	GOSEND_LOG_DEBUG = 4,
	GOSEND_LOG_TRACE = 5 /**< libcurl's verbose trace, headers included */
} gosend_log_level;

/**
 * Logging callback. Secrets never reach it: API keys and webhook secrets are
 * shown as their prefix plus the last 4 characters at most.
 * @param level    The line's level.
 * @param line     One line of text without newline; valid during the call.
 * @param payload  The `log_payload` of the options.
 * @since 0.1.0
 */
typedef void (*gosend_log_fn)(int level, const char *line, void *payload);

/**
 * Called before each retry, after the delay has been chosen.
 * @param attempt   Number of the attempt that failed (1 for the first).
 * @param delay_ms  Milliseconds the client will wait before the next one.
 * @param why       The failure of that attempt; valid during the call.
 * @param payload   The `on_retry_payload` of the options.
 * @since 0.1.0
 */
typedef void (*gosend_retry_fn)(unsigned int attempt, long long delay_ms,
                                const gosend_error *why, void *payload);

/** Monotonic clock in milliseconds (injectable for tests). @since 0.1.0 */
typedef long long (*gosend_clock_fn)(void *payload);
/** Sleep for `ms` milliseconds (injectable for tests). @since 0.1.0 */
typedef void (*gosend_sleep_fn)(long long ms, void *payload);
/** A uniformly random 32-bit value for jitter (injectable). @since 0.1.0 */
typedef unsigned int (*gosend_random_fn)(void *payload);

/** Value for `max_retries` that disables retries. @since 0.1.0 */
#define GOSEND_NO_RETRIES (-1)

/** Current version of ::gosend_client_options (2, 3 and 4 add the fields
 *  marked "version 2", "version 3" and "version 4"). @since 0.1.0 */
#define GOSEND_CLIENT_OPTIONS_VERSION 4

/** Default of ::gosend_client_options::timeout_ms. @since 0.1.0 */
#define GOSEND_DEFAULT_TIMEOUT_MS 30000L
/** Default of ::gosend_client_options::deadline_ms: no call made with the
 *  default options lasts longer. @since 0.1.0 */
#define GOSEND_DEFAULT_DEADLINE_MS 90000L
/** Default of ::gosend_client_options::low_speed_time_s. @since 0.1.0 */
#define GOSEND_DEFAULT_LOW_SPEED_TIME_S 20L
/** Value for `deadline_ms` that removes the overall deadline (each attempt
 *  is still bounded by `timeout_ms`). @since 0.1.0 */
#define GOSEND_NO_DEADLINE (-1L)

/**
 * Client options. Initialise with #GOSEND_CLIENT_OPTIONS_INIT or
 * gosend_client_options_init(); every field left 0/NULL takes its default.
 * Fields are only appended; the library reads only the fields that existed in
 * the `version` you set. Copied by gosend_client_new().
 * @since 0.1.0
 */
typedef struct gosend_client_options {
	/** Must be #GOSEND_CLIENT_OPTIONS_VERSION (or an older version). */
	unsigned int version;
	/** Base URL, no trailing slash needed. Default
	 * #GOSEND_DEFAULT_BASE_URL. Must start with http:// or https://. */
	const char *base_url;
	/** Connect timeout in ms. Default 10000. */
	long connect_timeout_ms;
	/** Total timeout of one HTTP attempt in ms. Default
	 *  #GOSEND_DEFAULT_TIMEOUT_MS (30 s). */
	long timeout_ms;
	/** Application token put before the library's user agent, e.g.
	 *  "shop/2.1" gives "shop/2.1 gosendapi-c/0.1.0 libcurl/7.88.1". */
	const char *user_agent;
	/** CA bundle file for TLS verification. Default: the system's.
	 *  Verification cannot be switched off. */
	const char *ca_file;
	/** Proxy URL (libcurl syntax). Default: none (libcurl's environment
	 *  variables still apply). */
	const char *proxy;
	/** Largest response body accepted, in bytes; a larger one ends the
	 *  transfer with #GOSEND_ETOOLARGE. Default 8 MiB. */
	size_t max_response_bytes;
	/** Number of pooled connections (easy handles) kept warm. Default 8. */
	unsigned int pool_size;
	/** Retries after the first attempt. 0: default (2);
	 *  #GOSEND_NO_RETRIES disables them. */
	int max_retries;
	/** First backoff delay in ms, doubled per retry. Default 500. */
	long retry_base_ms;
	/** Largest backoff delay in ms. Default 5000. */
	long retry_max_ms;
	/** Largest server-requested wait honoured, in ms: a `Retry-After`
	 *  (header or the body's `retry_after_seconds`) above it, whatever
	 *  its size, ends the call at once with the error, its
	 *  `retry_after_s` set, and no retry; the rate limiter's wait for an
	 *  `X-RateLimit-Reset` is clamped to it. Default 60000. */
	long retry_after_cap_ms;
	/** Overall deadline of one call, retries and waits included, in ms.
	 *  0: #GOSEND_DEFAULT_DEADLINE_MS (90 s); #GOSEND_NO_DEADLINE: none
	 *  (then a call lasts at most (1 + max_retries) x timeout_ms plus
	 *  the waits between attempts, each at most `retry_after_cap_ms`).
	 *  No attempt starts, and no wait is taken, that would end after
	 *  it; an attempt in flight is cut at it (#GOSEND_ETIMEOUT). */
	long deadline_ms;
	/** Called before each retry. */
	gosend_retry_fn on_retry;
	/** Passed to `on_retry`. */
	void *on_retry_payload;
	/** Monotonic clock; default CLOCK_MONOTONIC. When set, the client's
	 *  rate limiter (`rate_per_second`, `follow_rate_headers`) reads it
	 *  too, as its wall clock: milliseconds since the Unix epoch, whose
	 *  seconds are its windows (otherwise it reads CLOCK_REALTIME), so
	 *  that one fake clock drives both in tests. */
	gosend_clock_fn clock;
	/** Sleep; default nanosleep. */
	gosend_sleep_fn sleep;
	/** Random source for jitter; default the OS CSPRNG. */
	gosend_random_fn random;
	/** Passed to `clock`, `sleep` and `random`. */
	void *hooks_payload;
	/** Logging callback; NULL: silent. */
	gosend_log_fn log;
	/** Most verbose level passed to `log`. Default #GOSEND_LOG_INFO when
	 *  `log` is set. */
	int log_level;
	/** Passed to `log`. */
	void *log_payload;
	/* ---- version 2 ---- */
	/** Version 2. 1: allow a plain `http://` base URL to a host that is
	 *  not loopback. By default such a URL is refused by
	 *  gosend_client_new() (#GOSEND_EINVAL, field "base_url"), because
	 *  the API key would cross the network in clear text; `http://` to
	 *  `localhost`, 127.0.0.0/8 or `[::1]` is always allowed. */
	int allow_insecure_http;
	/** Version 2. An attempt whose transfer stays below
	 *  `low_speed_bytes_per_s` for this many seconds is cut
	 *  (#GOSEND_ETIMEOUT): a server that trickles its answer. 0: default
	 *  #GOSEND_DEFAULT_LOW_SPEED_TIME_S; -1: off. */
	long low_speed_time_s;
	/** Version 2. See `low_speed_time_s`. 0: default 1 byte/s. */
	long low_speed_bytes_per_s;
	/* ---- version 3 ---- */
	/** Version 3. The API key's requests per second (the plan's limit):
	 *  the client starts at most this many attempts in each one-second
	 *  window aligned to Unix seconds (as the server counts), spread
	 *  evenly over the window; an attempt still in flight when a window
	 *  opens counts in that window too. 0: no client-side limit (the
	 *  default). Else 1 to 1000000 (a fraction is dropped); any other
	 *  value (negative, between 0 and 1, NaN, above 10^6) makes
	 *  gosend_client_new() fail with #GOSEND_EINVAL, field
	 *  "rate_per_second".
	 *
	 *  One limiter per client, shared by every call on it: blocking calls
	 *  from any thread, asynchronous calls (async.h) and bulk sends (whose
	 *  own `rate_per_second` caps that batch besides); thread-safe. Every
	 *  attempt takes a slot, retries included. A blocking call waits for
	 *  its slot through the `sleep` hook; an asynchronous call waits on a
	 *  timer of its loop. A wait counts against the call's `deadline_ms`:
	 *  a wait that would end after the deadline ends the call at once,
	 *  with #GOSEND_ETIMEOUT before its first attempt (nothing was sent),
	 *  else with the error of its last attempt.
	 *
	 *  Version 4's `limiter` replaces this in-process limiter with any
	 *  other (one shared by several processes, for one). */
	double rate_per_second;
	/** Version 3. 1: also follow the server's rate-limit headers, as the
	 *  bulk option of the same name does: `X-RateLimit-Limit` lowers the
	 *  budget to it (with `rate_per_second` 0 it sets it), and
	 *  `X-RateLimit-Remaining` 0 with `X-RateLimit-Reset` holds back
	 *  every attempt of the client until the reset (a Reset of 10^9 or
	 *  more is a Unix time, measured against the response's `Date`,
	 *  otherwise seconds from now); each such wait is at most
	 *  `retry_after_cap_ms`. 0: off (the default). */
	int follow_rate_headers;
	/* ---- version 4 ---- */
	/** Version 4. A limiter (gosendapi/limiter.h) that every attempt of
	 *  the client goes through instead of the in-process one: a
	 *  limiter shared by several clients (gosend_local_limiter_new()),
	 *  by several processes (gosendapi/redis.h), or your own. Not owned:
	 *  it must outlive the client, and may serve any number of clients.
	 *  With it set, `rate_per_second` and `follow_rate_headers` must be
	 *  0 (else gosend_client_new() fails with #GOSEND_EINVAL, field
	 *  "limiter"), and a version other than #GOSEND_LIMITER_VERSION or a
	 *  NULL `reserve` fails the same way. Waits and deadlines work as
	 *  described under `rate_per_second`. NULL: the in-process limiter
	 *  (the default). @since 0.2.0 */
	struct gosend_limiter *limiter;
} gosend_client_options;

/** Static initialiser for ::gosend_client_options. @since 0.1.0 */
#define GOSEND_CLIENT_OPTIONS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_client_options, \
	                      GOSEND_CLIENT_OPTIONS_VERSION)

/**
 * Initialise client options to their defaults.
 * @param opts     Options to fill. Not NULL.
 * @param version  #GOSEND_CLIENT_OPTIONS_VERSION.
 * @return 0, or #GOSEND_EINVAL for a NULL pointer or unknown version.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_client_options_init(gosend_client_options *opts,
                                             unsigned int version);

/** Current version of ::gosend_request_options. @since 0.1.0 */
#define GOSEND_REQUEST_OPTIONS_VERSION 1

/**
 * Per-call options; pass NULL for the defaults. Copied during the call.
 * @since 0.1.0
 */
typedef struct gosend_request_options {
	/** Must be #GOSEND_REQUEST_OPTIONS_VERSION. */
	unsigned int version;
	/** Timeout of one attempt in ms; 0: the client's. */
	long timeout_ms;
	/** Idempotency-Key header. For POST /messages the library generates a
	 *  UUIDv4 when this is NULL. Giving one on another POST also makes it
	 *  safe to retry. At most 255 printable ASCII characters. */
	const char *idempotency_key;
	/** Extra headers, "Name: value" each; CR, LF and NUL are refused. */
	const char *const *headers;
	/** Number of entries in `headers`. */
	size_t headers_count;
	/** Retries for this call; 0: the client's; #GOSEND_NO_RETRIES: none. */
	int max_retries;
} gosend_request_options;

/** Static initialiser for ::gosend_request_options. @since 0.1.0 */
#define GOSEND_REQUEST_OPTIONS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_request_options, \
	                      GOSEND_REQUEST_OPTIONS_VERSION)

/**
 * Initialise libcurl's global state. Reference counted; call once before
 * starting threads and pair with gosend_global_shutdown(). Optional: clients
 * initialise on demand.
 * @return 0, or #GOSEND_ERROR if libcurl failed to initialise.
 * @note Not thread-safe with respect to other libcurl users' global calls.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_global_init(void);

/**
 * Drop one reference taken by gosend_global_init(); the last one cleans up
 * libcurl. Call after every client is freed.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_global_shutdown(void);

/**
 * Create a client.
 * @param[out] out  On success the client, else NULL. Free with
 *                  gosend_client_free().
 * @param api_key   The API key (`gsk_test_...` or `gsk_live_...`). Copied.
 *                  Refused with #GOSEND_EINVAL when NULL, empty, not printable
 *                  ASCII (CR, LF, NUL, spaces) or without a known prefix.
 * @param opts      Options, or NULL for defaults. Copied.
 * @param[out] err  Optional detail on failure; free with gosend_error_free().
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOMEM or #GOSEND_ERROR.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_client_new(gosend_client **out, const char *api_key,
                                    const gosend_client_options *opts,
                                    gosend_error **err);

/**
 * Create a client from the environment: the key from `GOSENDAPI_KEY` and,
 * unless `opts->base_url` is set, the base URL from `GOSENDAPI_BASE_URL`.
 * @param[out] out  On success the client, else NULL.
 * @param opts      Options, or NULL.
 * @param[out] err  Optional detail on failure.
 * @return As gosend_client_new(); #GOSEND_EINVAL with field "GOSENDAPI_KEY"
 *         when the variable is unset or empty.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_client_new_from_env(gosend_client **out,
                                             const gosend_client_options *opts,
                                             gosend_error **err);

/**
 * Free a client and close its connections. No call may be running on it.
 * @param client  The client; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_client_free(gosend_client *client);

/**
 * Whether the client uses a sandbox key (`gsk_test_` prefix).
 * @param client  The client, may be NULL (returns 0).
 * @return 1 for a test key, 0 otherwise. Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_client_is_test(const gosend_client *client);

/**
 * The base URL the client sends to (without trailing slash).
 * @param client  The client. Not NULL.
 * @return A string owned by the client. Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN const char *gosend_client_base_url(const gosend_client *client);

/**
 * Whether an API key is a sandbox key (starts with `gsk_test_`).
 * @param api_key  The key, may be NULL (returns 0).
 * @return 1 or 0.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_api_key_is_test(const char *api_key);

GOSEND_END_DECL

#endif
