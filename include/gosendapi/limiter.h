/**
 * @file limiter.h
 * @brief Pluggable rate limiters: the interface a client's calls go
 *        through before each attempt, and the in-process limiter.
 *
 * A client holds every attempt it makes (blocking calls, asynchronous
 * calls of async.h, bulk sends; retries included) to one limiter. By
 * default that is an in-process limiter built from the client options
 * `rate_per_second` and `follow_rate_headers`. Set the client option
 * `limiter` to use another one: a limiter of your own, one in-process
 * limiter shared by several clients (gosend_local_limiter_new()), or a
 * limiter shared by every process that uses one API key
 * (gosendapi/redis.h, in libgosendapi-redis).
 *
 * A limiter is a ::gosend_limiter whose callbacks never block: `reserve`
 * answers at once "start now" or "ask again in N ms", and the caller
 * waits (a blocking call through the client's `sleep` hook, an
 * asynchronous call on a timer of its loop). An implementation embeds
 * ::gosend_limiter as its first member and casts the pointer back.
 *
 * @since 0.2.0
 */
#ifndef GOSENDAPI_LIMITER_H
#define GOSENDAPI_LIMITER_H

#include "client.h"
#include "common.h"
#include "errors.h"

GOSEND_BEGIN_DECL

/** Current version of ::gosend_limiter. @since 0.2.0 */
#define GOSEND_LIMITER_VERSION 1

/** A limiter: see struct gosend_limiter. @since 0.2.0 */
typedef struct gosend_limiter gosend_limiter;

/**
 * Ask for a slot for one attempt. Must not block (no I/O, no wait on
 * anything but short locks) and must be thread-safe when the limiter is
 * used by a client shared between threads or by several clients.
 * @param l       The limiter.
 * @param ticket  Out: when the answer is 0, a value the caller passes to
 *                `report` once the attempt ended; 0 means "no report
 *                needed" (then none is made).
 * @return 0: the attempt may start now and is counted; > 0: milliseconds
 *         to wait before asking again (nothing is counted, *ticket is 0).
 * @since 0.2.0
 */
typedef long long (*gosend_limiter_reserve_fn)(gosend_limiter *l,
                                               long long *ticket);

/**
 * An attempt that `reserve` admitted with a non-zero ticket ended. Called
 * exactly once per such ticket, from any thread; must not block.
 * @param l       The limiter.
 * @param ticket  The ticket `reserve` gave.
 * @param answer  What the server said: its status (429 included),
 *                `Retry-After`, `X-RateLimit-Limit`, `-Remaining`,
 *                `-Reset` and `Date`; its `http_status` is 0 when no
 *                answer arrived (connection or time-out failure); NULL
 *                when the attempt could not start after all. Valid
 *                during the call only.
 * @since 0.2.0
 */
typedef void (*gosend_limiter_report_fn)(gosend_limiter *l, long long ticket,
                                         const gosend_meta *answer);

/**
 * Release the limiter and everything it owns. Called by
 * gosend_limiter_free() only; never while a client uses the limiter.
 * @since 0.2.0
 */
typedef void (*gosend_limiter_free_fn)(gosend_limiter *l);

/**
 * A limiter: three callbacks. Embed it as the first member of your own
 * structure. Every field is set by the implementation; `report` and
 * `free` may be NULL (nothing to learn, nothing to release).
 * @since 0.2.0
 */
struct gosend_limiter {
	/** #GOSEND_LIMITER_VERSION. */
	unsigned int version;
	/** Ask for a slot; not NULL. */
	gosend_limiter_reserve_fn reserve;
	/** Learn from an ended attempt, or NULL. */
	gosend_limiter_report_fn report;
	/** Release, or NULL. */
	gosend_limiter_free_fn free;
};

/**
 * Ask @p l for a slot (calls its `reserve`).
 * @param l       The limiter, not NULL.
 * @param ticket  Out, not NULL: see ::gosend_limiter_reserve_fn.
 * @return 0 to start now, else the milliseconds to wait before asking
 *         again. Thread-safety: that of the limiter.
 * @since 0.2.0
 */
GOSEND_EXTERN long long gosend_limiter_reserve(gosend_limiter *l,
                                               long long *ticket);

/**
 * Tell @p l how an admitted attempt ended (calls its `report`, if any).
 * A ticket of 0 does nothing.
 * @param l       The limiter; NULL does nothing.
 * @param ticket  The ticket its `reserve` gave.
 * @param answer  See ::gosend_limiter_report_fn.
 * @since 0.2.0
 */
GOSEND_EXTERN void gosend_limiter_report(gosend_limiter *l, long long ticket,
                                         const gosend_meta *answer);

/**
 * Free a limiter (calls its `free`, if any). No client may still use it:
 * free the clients first.
 * @param l  The limiter; NULL does nothing.
 * @since 0.2.0
 */
GOSEND_EXTERN void gosend_limiter_free(gosend_limiter *l);

/** Current version of ::gosend_local_limiter_options. @since 0.2.0 */
#define GOSEND_LOCAL_LIMITER_OPTIONS_VERSION 1

/**
 * Options of gosend_local_limiter_new(). Initialise with
 * #GOSEND_LOCAL_LIMITER_OPTIONS_INIT. Copied by the call.
 * @since 0.2.0
 */
typedef struct gosend_local_limiter_options {
	/** #GOSEND_LOCAL_LIMITER_OPTIONS_VERSION. */
	unsigned int version;
	/** Attempts per second, in one-second windows aligned to Unix
	 *  seconds (the client option of the same name says how); 0: no
	 *  limit of its own. 1 to 1000000 otherwise. */
	double rate_per_second;
	/** 1: follow `X-RateLimit-*` as the client option of the same name
	 *  says. */
	int follow_rate_headers;
	/** Longest wait an `X-RateLimit-Reset` may impose, in ms. 0: 60000. */
	long long reset_cap_ms;
	/** Wall clock in ms since the Unix epoch; NULL: CLOCK_REALTIME. */
	gosend_clock_fn wall_clock;
	/** Passed to `wall_clock`. */
	void *clock_payload;
} gosend_local_limiter_options;

/** Static initialiser for ::gosend_local_limiter_options. @since 0.2.0 */
#define GOSEND_LOCAL_LIMITER_OPTIONS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_local_limiter_options, \
	                      GOSEND_LOCAL_LIMITER_OPTIONS_VERSION)

/**
 * Make an in-process limiter: the one a client builds from its own
 * `rate_per_second` and `follow_rate_headers`, as an object that several
 * clients of one process may share. Thread-safe.
 * @param[out] out  The limiter; free it with gosend_limiter_free() after
 *                  the clients that use it.
 * @param opts      Options; not NULL.
 * @param[out] err  Optional error.
 * @return 0; #GOSEND_EINVAL (NULL argument, unknown version, a rate
 *         outside 0 and 1..10^6, field "rate_per_second"), or
 *         #GOSEND_ENOMEM.
 * @since 0.2.0
 */
GOSEND_EXTERN int
gosend_local_limiter_new(gosend_limiter **out,
                         const gosend_local_limiter_options *opts,
                         gosend_error **err);

/**
 * Make an error for a limiter implementation's own constructor (a
 * library beside this one has no other way to make a ::gosend_error).
 * @param[out] err   Where to put it; NULL: nothing is made.
 * @param code       A `GOSEND_E...` code.
 * @param field      The input field at fault, or NULL.
 * @param message    The message, not NULL; copied.
 * @return @p code.
 * @since 0.2.0
 */
GOSEND_EXTERN int gosend_limiter_fail(gosend_error **err, int code,
                                      const char *field, const char *message);

GOSEND_END_DECL

#endif
