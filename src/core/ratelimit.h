/*
 * Client-side rate limiter: at most `budget` requests charged to each
 * one-second window aligned to Unix seconds (as the API's own windows,
 * whose X-RateLimit-Reset is a Unix second). A request is charged to the
 * window it starts in and, since the server may count it when it arrives,
 * also to every later window it is still in flight at the opening of (the
 * first acquire in that window counts what is in flight) or ends in before
 * that window is opened; never twice in one window. Starts are spread
 * evenly over the window and stop GOSEND__LIMITER_GUARD_MS before its end,
 * so that normally nothing is in flight across a boundary. It can also
 * follow the server's X-RateLimit-Limit/Remaining/Reset; any wait it
 * imposes is at most `cap_ms`. A gosend__limiter is not thread-safe (a bulk
 * send's own one belongs to that send); gosend__shared_limiter below is
 * the client's, behind a lock.
 */
#ifndef GOSEND_RATELIMIT_H
#define GOSEND_RATELIMIT_H

#include <pthread.h>

#include "gosendapi/client.h"
#include "gosendapi/limiter.h"

#define GOSEND__LIMITER_GUARD_MS 100
/* An X-RateLimit-Reset at or above this is a Unix time in seconds (2001);
 * below it, seconds from now. */
#define GOSEND__RESET_EPOCH_MIN 1000000000LL

typedef struct gosend__limiter {
	unsigned int budget; /* starts per window; 0: no limit */
	int follow_headers;
	long long cap_ms; /* longest wait for the server's Reset */
	long long window; /* current window (Unix second) */
	unsigned int used;
	long long blocked_until_ms; /* wall-clock ms, from the server */
	long long carry_window;     /* a later window already charged ... */
	unsigned int carry;         /* ... with this many requests */
} gosend__limiter;

/* cap_ms: the client's retry_after_cap_ms (a negative value counts as 0). */
void gosend__limiter_init(gosend__limiter *l, double per_second,
                          int follow_headers, long long cap_ms);
/*
 * At wall-clock time now_ms (ms since the Unix epoch), with in_flight
 * requests still running: 0 when a request may start now (it is counted),
 * else the ms to wait before asking again (at most max(1000, cap_ms)).
 */
long long gosend__limiter_acquire(gosend__limiter *l, long long now_ms,
                                  unsigned int in_flight);
/*
 * A request started at start_ms ended at end_ms: if it ended in a later
 * window not yet opened, the server may have counted it there, so that
 * window is charged when it opens. A window already open when it ended
 * counted it as in flight at its opening.
 */
void gosend__limiter_done(gosend__limiter *l, long long start_ms,
                          long long end_ms);
/*
 * Learn from a response's headers (when following them), received at
 * wall-clock now_ms. X-RateLimit-Remaining 0 with X-RateLimit-Reset blocks
 * starts until the reset: a Reset >= GOSEND__RESET_EPOCH_MIN is a Unix time
 * measured against the response's Date (m->server_date) when it has one,
 * else the local clock; a smaller one is seconds from now. The wait is
 * clamped to [0, cap_ms].
 */
void gosend__limiter_observe(gosend__limiter *l, const gosend_meta *m,
                             long long now_ms);
/* The wait in ms an X-RateLimit-Reset asks for, read as above. */
long long gosend__limiter_reset_wait(long long reset, long long server_date,
                                     long long now_ms, long long cap_ms);
/*
 * The limiter a client shares between all its calls: a gosend__limiter
 * behind a lock, with the count of admitted attempts not yet settled (the
 * in-flight count the limiter needs). Its wall clock is `wall` (called
 * with wall_payload) when set, else gosend__wall_ms. One that limits
 * nothing (no rate, headers not followed) has no lock: admitting and
 * settling cost one test of `active`.
 */
typedef struct gosend__shared_limiter {
	int active; /* set once by init, read without the lock */
	pthread_mutex_t lock;
	gosend__limiter l;
	unsigned int in_flight;
	gosend_clock_fn wall;
	void *wall_payload;
} gosend__shared_limiter;

/* 0, or -1 when the lock cannot be made (then it limits nothing). A
 * zeroed one (never initialised) limits nothing too. */
int gosend__shared_limiter_init(gosend__shared_limiter *s, double per_second,
                                int follow_headers, long long cap_ms,
                                gosend_clock_fn wall, void *wall_payload);
void gosend__shared_limiter_dispose(gosend__shared_limiter *s);
/* As gosend__rate_admit and gosend__rate_settle below. */
long long gosend__shared_limiter_admit(gosend__shared_limiter *s,
                                       long long *start_ms);
void gosend__shared_limiter_settle(gosend__shared_limiter *s,
                                   long long start_ms, const gosend_meta *m);

/*
 * The client's limiter (core/client.c: the `limiter` of its options, else
 * its own gosend__shared_limiter), shared by every call of one client
 * (blocking, async, bulk) and thread-safe.
 * gosend__rate_admit: 0 when an attempt may start now (it is counted;
 * *start_ms gets its wall-clock start, never 0, or 0 when the client limits
 * nothing and nothing needs settling), else the ms to wait before asking
 * again (*start_ms is 0 then). Every admitted attempt is settled once with
 * gosend__rate_settle, with the answer's meta (NULL when none arrived);
 * start_ms 0 settles nothing.
 */
long long gosend__rate_admit(gosend_client *c, long long *start_ms);
void gosend__rate_settle(gosend_client *c, long long start_ms,
                         const gosend_meta *m);

/* gosend_limiter_reserve, gosend_limiter_report, gosend_limiter_free and
 * gosend_local_limiter_new (gosendapi/limiter.h) are defined in
 * core/ratelimit.c: the in-process limiter behind the public interface. */

/* Wall-clock milliseconds since the Unix epoch. */
long long gosend__wall_ms(void);

#endif
