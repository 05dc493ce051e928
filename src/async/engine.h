/*
 * The asynchronous engine: calls of one client run on one libcurl multi,
 * driven either by the application's event loop (gosend_async_new, the
 * multi-socket interface) or by a blocking loop of the library's own
 * (gosend__async_new_blocking + gosend__async_step, used by bulk sends).
 * Each call is one request going through the pipeline of call/exchange.h
 * (admit, prepare, finish, retry, fail) with waits as timers, and is
 * decoded by gosend__ep_decode: the same rules and results as the blocking
 * call of the same endpoint.
 */
#ifndef GOSEND_ASYNC_ENGINE_H
#define GOSEND_ASYNC_ENGINE_H

#include "call/endpoint.h"
#include "core/ratelimit.h"
#include "gosendapi/async.h"

/* The client of an async handle. */
gosend_client *gosend__async_client(const gosend_async *as);

/*
 * Begin the capture of one request (call/endpoint.h) for an asynchronous
 * call: checks as and done (GOSEND_EINVAL), clears *call and *err.
 */
int gosend__async_capture_begin(gosend__capture *cap, gosend_async *as,
                                gosend_async_done_fn done,
                                gosend_async_call **call, gosend_error **err);
/*
 * End it: rc is what the blocking function returned in capture mode. On
 * success the captured request starts as a call; otherwise the capture is
 * disposed and rc returned.
 */
int gosend__async_capture_end(gosend__capture *cap, int rc, gosend_async *as,
                              gosend_async_done_fn done, void *payload,
                              gosend_async_call **call, gosend_error **err);

/*
 * A handle run by gosend__async_step instead of an event loop, with
 * max_in_flight requests on the wire at most. limiter: a limiter of the
 * handle's own (a bulk send's rate) applied besides the client's, or
 * NULL; it must outlive the handle.
 */
int gosend__async_new_blocking(gosend_async **out, gosend_client *c,
                               unsigned int max_in_flight,
                               gosend__limiter *limiter);
/*
 * Drive a blocking handle: start what may start, run the transfers, run
 * the callbacks of calls that ended, then wait for activity or the next
 * timer, at most max_wait_ms. 0, or GOSEND_ENOMEM when the multi failed.
 */
int gosend__async_step(gosend_async *as, long long max_wait_ms);

/*
 * End a call now (its callback runs): a request on the wire is cut (why:
 * GOSEND_ETIMEOUT or GOSEND_ECANCELED, text the error's text), a call
 * waiting for a retry fails with its last answer, a queued call fails
 * with why without being sent.
 */
void gosend__async_end(gosend_async_call *call, int why, const char *text);
/* Calls queued (never started) and on the wire. */
void gosend__async_counts(const gosend_async *as, size_t *queued,
                          size_t *on_wire);
/* No attempt of a call started from now on outlasts deadline (client
 * clock ms; 0: none) and no retry is planned after it. */
void gosend__async_bound(gosend_async *as, long long deadline);
/* A pending call (on the wire first, then waiting, then queued), or
 * NULL. */
gosend_async_call *gosend__async_first(gosend_async *as);
/* Attempts the call has made so far. */
unsigned int gosend__async_attempts(const gosend_async_call *call);
/* 429 answers the handle has seen. */
size_t gosend__async_rate_limited(const gosend_async *as);

#endif
