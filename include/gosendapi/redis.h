/**
 * @file redis.h
 * @brief A rate limit shared by every process and host that uses one API
 *        key, held in Redis (libgosendapi-redis).
 *
 * Link with `libgosendapi-redis` (pkg-config `gosendapi-redis`, CMake
 * target `gosendapi::gosendapi_redis`), built when hiredis is found.
 *
 * The limiter keeps the key's schedule in Redis: a GCRA (generic cell
 * rate algorithm) whose slots are spread over the first 800 ms of each
 * second aligned to Unix seconds of the Redis server's clock, at most
 * `rate_per_second` slots in a second, taken by one Lua script that runs
 * atomically on the server (one round trip gives a small batch). The rate and
 * burst live in Redis beside that state: the first process sets them; a process
 * configured otherwise logs a warning and follows the stored values. The
 * server's `X-RateLimit-Limit` sets the shared rate for every process: below
 * the stored rate it lowers it, and a later, higher one raises it back, never
 * past the rate the key was first stored with; a 429
 * seen by any process moves the shared schedule past its `Retry-After` (1 s
 * when absent).
 *
 * The Redis key is derived from the SHA-256 of the API key (the key
 * itself never reaches Redis): `gosendapi:rl:{HEX}` and
 * `gosendapi:rl:{HEX}:procs` (one hash slot on a cluster).
 *
 * Never blocking: each limiter has one thread that talks to Redis and
 * keeps a lease of slots ahead of demand; `reserve` only looks at that
 * lease under a short lock, so a client on an event loop never waits for
 * Redis on the loop. When Redis fails (refused, down, slower than
 * `timeout_ms`) the limiter logs a line and falls back to an in-process
 * limiter at `fallback_share` of the rate until a reconnection (tried
 * every `retry_ms`) succeeds; a wait for a slot is then at most
 * `timeout_ms` plus 1 s (the fallback starts with the next second) plus
 * the fallback's own waits. `timeout_ms` bounds a whole round trip
 * (connecting, AUTH, SELECT and the script together), except the
 * resolution of a host name, which the system's resolver bounds: give an
 * IP address where that matters. Freeing the limiter does not wait for a
 * round trip to a hung Redis. Reservations never send or drop anything:
 * a call waits for its slot and sends once.
 *
 * fork(): create the limiter after fork(), in the process that uses it.
 * Its thread does not exist in a child; there a reservation admits
 * nothing (it asks to wait 1 s, for ever) and logs one error line,
 * reports are ignored, stats fail with #GOSEND_ERROR, and freeing only
 * releases memory.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_REDIS_H
#define GOSENDAPI_REDIS_H

#include <stddef.h>

#include "client.h"
#include "common.h"
#include "errors.h"
#include "limiter.h"

GOSEND_BEGIN_DECL

/** Current version of ::gosend_redis_limiter_options. @since 0.1.0 */
#define GOSEND_REDIS_LIMITER_OPTIONS_VERSION 1

/**
 * Options of gosend_redis_limiter_new(). Initialise with
 * #GOSEND_REDIS_LIMITER_OPTIONS_INIT. Copied by the call.
 * @since 0.1.0
 */
typedef struct gosend_redis_limiter_options {
	/** #GOSEND_REDIS_LIMITER_OPTIONS_VERSION. */
	unsigned int version;
	/** `redis://[[user]:password@]host[:port][/db]` (port 6379, db 0 by
	 *  default or after a bare `/`; no TLS). user and password are
	 *  percent-decoded (`%40` for `@`, `%25` for `%`); the password
	 *  may not be empty. Required. */
	const char *url;
	/** The API key whose limit this is; only its SHA-256 is used.
	 *  Required. */
	const char *api_key;
	/** Requests per second of the key (the plan's limit), 1 to 10^6:
	 *  the value stored when this process is the first. Required. */
	double rate_per_second;
	/** Slots that may be taken at once ahead of the even spacing, 1 to
	 *  1000; 0: 1. Above 1 a second may see up to rate + burst - 1
	 *  requests: keep 1 for a server that counts whole seconds, as this
	 *  API does. */
	unsigned int burst;
	/** While Redis is unreachable, this process's share of the rate, in
	 *  (0, 1]. 0: one over the number of processes that used the key in
	 *  the last 3 seconds (1 before Redis ever answered). */
	double fallback_share;
	/** Longest time for one round trip to Redis (connecting, AUTH,
	 *  SELECT and the script together; not the resolution of a host
	 *  name), in ms. 0: 200. */
	long timeout_ms;
	/** Time between reconnection attempts while Redis is down, in ms.
	 *  0: 1000. */
	long retry_ms;
	/** Log callback (warnings: stored values differ, Redis failed or
	 *  came back); NULL: silent. Called from the limiter's thread
	 *  (after fork(), from the child's caller) with no lock held: it
	 *  may call the limiter, but not free it. */
	gosend_log_fn log;
	/** Passed to `log`. */
	void *log_payload;
} gosend_redis_limiter_options;

/** Static initialiser for ::gosend_redis_limiter_options. @since 0.1.0 */
#define GOSEND_REDIS_LIMITER_OPTIONS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_redis_limiter_options, \
	                      GOSEND_REDIS_LIMITER_OPTIONS_VERSION)

/**
 * Make a Redis limiter and start its thread. Connecting happens on that
 * thread: an unreachable Redis does not fail this call (the limiter
 * starts in its fallback and logs it). Thread-safe once made; give it to
 * any number of clients (client option `limiter`).
 * @param[out] out  The limiter; free it with gosend_limiter_free() after
 *                  the clients that use it.
 * @param opts      Options, not NULL.
 * @param[out] err  Optional error.
 * @return 0; #GOSEND_EINVAL for a NULL argument, an unknown version, a
 *         malformed `url` (field "url"), a missing `api_key` ("api_key"),
 *         a rate, burst, share or time out of range (its field name);
 *         #GOSEND_ENOMEM; #GOSEND_ERROR when the thread cannot start.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_redis_limiter_new(gosend_limiter **out,
                         const gosend_redis_limiter_options *opts,
                         gosend_error **err);

/**
 * Counters of a Redis limiter, for monitoring and benchmarks.
 * @since 0.1.0
 */
typedef struct gosend_redis_limiter_stats {
	/** Scripts run on Redis that answered. */
	unsigned long long round_trips;
	/** Slots Redis granted to this process. */
	unsigned long long granted;
	/** Granted slots dropped unused (their second had passed). */
	unsigned long long wasted;
	/** Times the limiter fell back to its in-process limit. */
	unsigned long long fallbacks;
	/** Total time spent in answered round trips, in microseconds. */
	unsigned long long round_trip_us;
	/** 1 while the fallback is in use. */
	int in_fallback;
	/** The rate in force (stored in Redis, or this process's). */
	double rate_per_second;
	/** Processes seen on the key in the last 3 s (last answer). */
	unsigned int processes;
} gosend_redis_limiter_stats;

/**
 * Read a Redis limiter's counters.
 * @param l    A limiter made by gosend_redis_limiter_new().
 * @param out  Filled; not NULL.
 * @return 0, or #GOSEND_EINVAL for NULL or another kind of limiter.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_redis_limiter_stats_get(gosend_limiter *l,
                               gosend_redis_limiter_stats *out);

GOSEND_END_DECL

#endif
