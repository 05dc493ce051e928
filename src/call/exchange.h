/*
 * The request pipeline's policy, used by every endpoint:
 *   build (core/request.h) -> for each attempt: prepare, perform, finish
 *   (the answer -> a code), retry decision and wait -> success (the 2xx
 *   answer, wrapped into a result) or the failure reported with what the
 *   server said (docs/reliability.md). The steps are separate so that the
 *   single call (gosend__execute) and the bulk sender, which runs many
 *   transfers on one core/transport.h multi, share them.
 */
#ifndef GOSEND_CALL_EXCHANGE_H
#define GOSEND_CALL_EXCHANGE_H

#include <stddef.h>

#include "core/holder.h"
#include "core/request.h"
#include "core/transport.h"

/* One call with its retries. */
typedef struct gosend__exchange {
	gosend__request *r;
	gosend__response res;
	gosend__transfer *t; /* the attempt's transfer, or NULL */
	int keep;            /* keep t between attempts (bulk) */
	int max_retries;
	long timeout;
	long long deadline; /* client clock ms, 0: none */
	unsigned int attempt_no;
	int maybe_done;        /* an earlier attempt may have taken effect */
	const char *path;      /* for logs */
	long long admitted_ms; /* the limiter's ticket of the admitted attempt
	                        * (the in-process one's: its wall-clock
	                        * start), 0: none to report (core/ratelimit.h)
	                        */
} gosend__exchange;

int gosend__exchange_begin(gosend__exchange *x, gosend__request *r,
                           gosend_error **err);
/*
 * Before each attempt, the client's rate limit: 0 when it may start now
 * (it is counted until gosend__exchange_finish), 1 with *wait_ms to ask
 * again after that wait, -1 when that wait would pass the call's deadline
 * (end the call with gosend__exchange_fail: GOSEND_ETIMEOUT before the
 * first attempt, else the last attempt's error).
 */
int gosend__exchange_admit(gosend__exchange *x, long long *wait_ms);
/* A new attempt: x->t is ready to perform. */
int gosend__exchange_prepare(gosend__exchange *x, gosend_error **err);
/* After the transfer ended with `result` (gosend__transfer_done): the
 * attempt's code (0 for 2xx). */
int gosend__exchange_finish(gosend__exchange *x, int result, int saved_errno);
/* After a failed attempt: 1 with *delay_ms to retry, 0 when final. */
int gosend__exchange_retry(gosend__exchange *x, long long *delay_ms);
/* Report the final failure and free the response. */
int gosend__exchange_fail(gosend__exchange *x, gosend_error **err);
/*
 * End an attempt before its transfer ended (taken out of its multi by the
 * caller): why is GOSEND_ETIMEOUT (a deadline above the call's) or
 * GOSEND_ECANCELED, text says why. A 2xx status already received of a
 * request that took effect is success (0, as gosend__exchange_finish);
 * else the final failure is reported as gosend__exchange_fail does, with
 * code why, retryable when a repeat is safe (the request may have been
 * processed).
 */
int gosend__exchange_abort(gosend__exchange *x, int why, const char *text,
                           gosend_error **err);

/* Run the request with retries; on success *res holds the last response. */
int gosend__execute(gosend__request *r, gosend__response *res,
                    gosend_error **err);

/* How gosend__call treats a 2xx body. */
enum {
	/* the body must be JSON (reads): else EPROTOCOL with the body */
	GOSEND__WRAP_JSON = 0,
	/* an empty body is JSON null */
	GOSEND__WRAP_EMPTY = 1,
	/* any body is success (calls whose effect cannot be undone): one
	 * that is not JSON, empty or cut short gives a JSON null root and
	 * keeps the bytes as the body */
	GOSEND__WRAP_ANY = 2
};

/*
 * Execute and wrap a 2xx response: allocates a public object of `size`
 * bytes whose holder owns the body and the parsed tree; *meta gets the meta.
 * `how` is a GOSEND__WRAP_* value.
 */
int gosend__call(gosend__request *r, size_t size, void **pub,
                 const gosend_meta **meta, int how, gosend_error **err);

/* The second half of gosend__call: wrap a 2xx response (consumed). */
int gosend__wrap_response(gosend__response *res, size_t size, void **pub,
                          const gosend_meta **meta, int how,
                          gosend_error **err);

/* The error an answer of `status` with this body gives (fuzzers, tests):
 * as for a failed read without headers. Returns the code. */
int gosend__error_from_response(gosend_error **err, long status,
                                const char *body, size_t len);

#endif
