/*
 * The asynchronous engine (engine.h). A call is in one of three lists:
 * queued (never started, in start order), waiting (for a retry's wait, or
 * for the rate limit after a failed attempt) or on the wire. pump() starts
 * what may start; drain() takes in the transfers that ended; rearm() tells
 * the loop when the one timer is due: the earliest of libcurl's timer, a
 * retry's wait, the rate limit's wait and the first queued call's
 * deadline. Callbacks run only from the entry points (on_socket,
 * on_timeout, cancel, free, step), counted in `depth`, so that a callback
 * may start, cancel or free.
 */
#include "async/engine.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "core/alloc.h"
#include "core/client.h"
#include "core/errors.h"
#include "core/transport.h"

enum { QUEUED, WAITING, FLIGHT, DONE };

struct gosend_async_call {
	gosend_async *as;
	gosend_async_call *prev, *next;
	int state;
	const gosend__endpoint *ep;
	gosend__request req;
	gosend__exchange x;
	long long due;      /* WAITING: client clock ms */
	long long start_ms; /* wall clock of the attempt (own limiter) */
	gosend_async_done_fn done;
	void *payload;
};

typedef struct clist {
	gosend_async_call *head, *tail;
	size_t n;
} clist;

struct gosend_async {
	gosend_client *c;
	gosend__multi *multi;
	gosend_async_loop loop; /* version 0: blocking handle */
	unsigned int max;
	clist lists[3];          /* QUEUED, WAITING, FLIGHT */
	gosend__transfer **idle; /* transfers kept warm, max of them */
	unsigned int nidle;
	gosend__limiter *own; /* a blocking handle's own limiter, or NULL */
	long long xfer_due;   /* client clock ms; -1: none */
	long long limit_due;  /* -1: none */
	long long armed;      /* what the loop's timer is set for; -1: none */
	size_t rate_limited;
	long long bound; /* deadline of every call started (bulk), 0: none */
	int kick;        /* calls were started: pump at the next entry point */
	int depth;       /* entry points running */
	int closing;     /* freed from a callback */
};

/* ---- lists ---- */

static void push(gosend_async *as, gosend_async_call *call, int state)
{
	clist *l = &as->lists[state];

	call->state = state;
	call->next = NULL;
	call->prev = l->tail;
	if (l->tail)
		l->tail->next = call;
	else
		l->head = call;
	l->tail = call;
	l->n++;
}

static void unlink_call(gosend_async_call *call)
{
	clist *l = &call->as->lists[call->state];

	if (call->prev)
		call->prev->next = call->next;
	else
		l->head = call->next;
	if (call->next)
		call->next->prev = call->prev;
	else
		l->tail = call->prev;
	l->n--;
	call->prev = call->next = NULL;
}

static void move(gosend_async_call *call, int state)
{
	unlink_call(call);
	push(call->as, call, state);
}

/* ---- the loop's timer ---- */

static long long earliest(long long a, long long b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

/* When something of the engine's own is due next (client clock), -1:
 * nothing. A retry due while every slot is taken waits for the transfer
 * that frees one (its end runs pump()), not for a timer that would fire
 * again and again meanwhile. */
static long long own_due(const gosend_async *as)
{
	const gosend_async_call *w;
	const gosend_async_call *q = as->lists[QUEUED].head;
	long long due = as->limit_due;

	if (as->kick)
		return 0; /* started calls wait for the next entry point */
	/* a retry that is due waits for a free slot and for the limit */
	for (w = as->lists[WAITING].head; w && as->lists[FLIGHT].n < as->max;
	     w = w->next)
		due = earliest(due,
		               w->due > as->limit_due ? w->due : as->limit_due);
	if (q && q->x.deadline)
		due = earliest(due, q->x.deadline);
	return due;
}

static void rearm(gosend_async *as)
{
	long long due, now;

	if (!as->loop.version)
		return;
	due = earliest(as->xfer_due, own_due(as));
	if (due == as->armed)
		return;
	now = gosend__now_ms(as->c);
	as->armed = due;
	/* (a long of 32 bits holds 24 days of milliseconds) */
	as->loop.timer(due < 0                 ? -1L
	               : due <= now            ? 0L
	               : due - now >= LONG_MAX ? LONG_MAX
	                                       : (long)(due - now),
	               as->loop.loop_data);
}

static void io_watch(void *ud, int fd, int events, void *sockp)
{
	gosend_async *as = ud;

	as->loop.watch(fd, events, sockp, as->loop.loop_data);
}

static void io_timer(void *ud, long ms)
{
	gosend_async *as = ud;

	as->xfer_due = ms < 0 ? -1 : gosend__now_ms(as->c) + ms;
}

/* ---- ending a call ---- */

static void dispose_call(gosend_async_call *call)
{
	gosend__req_dispose(&call->req);
	gosend__response_dispose(&call->x.res);
	gosend__free(call);
}

/* Give an attempt's transfer back: kept warm for the next call. */
static void park(gosend_async *as, gosend_async_call *call)
{
	if (!call->x.t)
		return;
	if (as->nidle < as->max)
		as->idle[as->nidle++] = call->x.t;
	else
		gosend__transfer_free(call->x.t, as->c);
	call->x.t = NULL;
}

/* The call ends: out of its list, its callback, freed. */
static void deliver(gosend_async_call *call, int code, void *result,
                    gosend_error *error)
{
	gosend_async *as = call->as;

	unlink_call(call);
	call->state = DONE; /* a cancel from its own callback does nothing */
	as->depth++;
	call->done(call, code, result, error, call->payload);
	as->depth--;
	dispose_call(call);
}

/* The call failed for good: its error from the pipeline. */
static void fail(gosend_async_call *call)
{
	gosend_error *e = NULL;
	int code = gosend__exchange_fail(&call->x, &e);

	deliver(call, code, NULL, e);
}

/* A 2xx answer: decode it and deliver. */
static void succeed(gosend_async_call *call)
{
	gosend_error *e = NULL;
	void *obj = NULL;
	int code = gosend__ep_decode(call->ep, &call->x.res, &obj, &e);

	deliver(call, code, obj, e);
}

/* The call ends before it was sent (code, text): safe to repeat, with
 * its key when it has one. */
static void refuse(gosend_async_call *call, int code, const char *text)
{
	gosend__response *res = &call->x.res;
	gosend_error *e = NULL;
	gosend__failure f;

	gosend__response_reset_meta(res);
	res->meta.idempotency_key =
	        call->req.idem_key[0] ? call->req.idem_key : NULL;
	memset(&f, 0, sizeof(f));
	f.code = code;
	f.message = text;
	f.meta = &res->meta;
	f.client = call->as->c;
	f.retryable = 1;
	code = gosend__report(&e, &f);
	deliver(call, code, NULL, e);
}

/* ---- starting attempts ---- */

static void launch(gosend_async *as, gosend_async_call *call)
{
	gosend_error *e = NULL;
	int code;

	call->x.keep = 1;
	if (as->nidle)
		call->x.t = as->idle[--as->nidle];
	code = gosend__exchange_prepare(&call->x, &e);
	if (code == 0 && gosend__multi_add(as->multi, call->x.t, call) < 0) {
		/* ends the attempt as the pipeline ends any: out of memory */
		(void)gosend__exchange_finish(&call->x, gosend__xfer_aborted,
		                              ENOMEM);
		park(as, call);
		fail(call);
		return;
	}
	if (code < 0) {
		deliver(call, code, NULL, e);
		return;
	}
	call->start_ms = gosend__wall_ms();
	move(call, FLIGHT);
}

/* Queued calls whose deadline passed fail, a slot free or not (the first
 * one has the earliest deadline). */
static void expire(gosend_async *as, long long now)
{
	gosend_async_call *q;

	while ((q = as->lists[QUEUED].head) && q->x.deadline &&
	       now >= q->x.deadline)
		refuse(q, GOSEND_ETIMEOUT,
		       "the call's deadline passed while it was queued; "
		       "nothing was sent");
}

/* The next call that may start now: a retry that is due, else the first
 * queued one; NULL when none. */
static gosend_async_call *next_ready(gosend_async *as, long long now)
{
	gosend_async_call *w;

	for (w = as->lists[WAITING].head; w; w = w->next) {
		if (w->due <= now)
			return w;
	}
	expire(as, now);
	return as->lists[QUEUED].head;
}

/* The handle's own limiter: 0 when the call may start, else the wait. */
static long long own_admit(gosend_async *as)
{
	if (!as->own)
		return 0;
	return gosend__limiter_acquire(as->own, gosend__wall_ms(),
	                               (unsigned int)as->lists[FLIGHT].n);
}

/* Start what may start now. */
static void pump(gosend_async *as)
{
	as->limit_due = -1;
	as->kick = 0;
	expire(as, gosend__now_ms(as->c));
	while (as->lists[FLIGHT].n < as->max && !as->closing) {
		long long now = gosend__now_ms(as->c), wait = 0;
		gosend_async_call *call = next_ready(as, now);
		int rc;

		if (!call)
			return;
		if (call->x.attempt_no && call->x.deadline &&
		    now >= call->x.deadline) {
			fail(call); /* its retry came too late */
			continue;
		}
		if ((wait = own_admit(as)) > 0) {
			as->limit_due = now + wait;
			return;
		}
		rc = gosend__exchange_admit(&call->x, &wait);
		if (rc != 0 && as->own && as->own->budget && as->own->used)
			as->own->used--; /* not started after all */
		if (rc > 0) {
			as->limit_due = now + wait;
			return;
		}
		if (rc < 0 && !call->x.attempt_no)
			refuse(call, GOSEND_ETIMEOUT,
			       "the rate limit's wait would pass the call's "
			       "deadline; nothing was sent");
		else if (rc < 0)
			fail(call);
		else
			launch(as, call);
	}
}

/* ---- ended transfers ---- */

static void transfer_ended(gosend_async *as, gosend_async_call *call,
                           int result, int saved_errno)
{
	long long delay = 0;
	int code;

	gosend__multi_remove(as->multi, call->x.t);
	code = gosend__exchange_finish(&call->x, result, saved_errno);
	park(as, call);
	if (as->own) {
		long long end = gosend__wall_ms();
		gosend__limiter_done(as->own, call->start_ms, end);
		gosend__limiter_observe(as->own, &call->x.res.meta, end);
	}
	if (call->x.res.status == 429)
		as->rate_limited++;
	if (code == GOSEND_OK) {
		succeed(call);
		return;
	}
	if (!gosend__exchange_retry(&call->x, &delay)) {
		fail(call);
		return;
	}
	call->due = gosend__now_ms(as->c) + delay;
	move(call, WAITING);
}

static void drain(gosend_async *as, int saved_errno)
{
	void *tag;
	int result;

	while (gosend__multi_done(as->multi, &tag, &result))
		transfer_ended(as, tag, result, saved_errno);
}

/* ---- freeing ---- */

static void destroy(gosend_async *as)
{
	gosend_async_call *call;

	as->depth++; /* callbacks that free again are ignored */
	while ((call = gosend__async_first(as)))
		gosend__async_end(call, GOSEND_ECANCELED,
		                  "cancelled: the async handle was freed");
	while (as->nidle)
		gosend__transfer_free(as->idle[--as->nidle], as->c);
	gosend__multi_free(as->multi); /* unwatches its sockets */
	if (as->loop.version)
		as->loop.timer(-1, as->loop.loop_data);
	gosend__free(as->idle);
	if (as->loop.closed) {
		gosend_async_loop loop = as->loop;
		gosend__free(as);
		loop.closed(loop.loop_data);
		return;
	}
	gosend__free(as);
}

/* Leave an entry point: start what may start, set the timer; or free the
 * handle when a callback asked for it. */
static void leave(gosend_async *as)
{
	if (as->depth > 0)
		return;
	if (!as->closing) {
		as->depth++;
		pump(as);
		as->depth--;
	}
	if (as->closing) {
		destroy(as);
		return;
	}
	rearm(as);
}

/* ---- creating ---- */

static int create(gosend_async **out, gosend_client *c, unsigned int max,
                  const gosend_async_loop *loop)
{
	gosend_async *as = gosend__calloc(1, sizeof(*as));

	*out = NULL;
	if (!as)
		return GOSEND_ENOMEM;
	as->c = c;
	as->max = max;
	as->xfer_due = as->limit_due = as->armed = -1;
	if (loop)
		as->loop = *loop;
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	as->idle = gosend__calloc(max, sizeof(*as->idle));
	as->multi = gosend__multi_new();
	if (!as->idle || !as->multi ||
	    gosend__multi_drive(as->multi, loop ? io_watch : NULL,
	                        loop ? io_timer : NULL, as, (long)max) < 0) {
		gosend__multi_free(as->multi);
		gosend__free(as->idle);
		gosend__free(as);
		return GOSEND_ENOMEM;
	}
	*out = as;
	return GOSEND_OK;
}

int gosend_async_new(gosend_async **out, gosend_client *client,
                     const gosend_async_loop *loop,
                     const gosend_async_options *opts, gosend_error **err)
{
	unsigned int max = GOSEND_ASYNC_DEFAULT_IN_FLIGHT;

	if (out)
		*out = NULL;
	if (gosend__call_begin(err, out != NULL, client) != 0 || !out)
		return GOSEND_EINVAL;
	if (!loop || loop->version != GOSEND_ASYNC_LOOP_VERSION ||
	    !loop->watch || !loop->timer)
		return gosend__fail(err, GOSEND_EINVAL, "loop",
		                    "loop must be a gosend_async_loop of "
		                    "version %d with watch and timer",
		                    GOSEND_ASYNC_LOOP_VERSION);
	if (opts && opts->version != GOSEND_ASYNC_OPTIONS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown async options version %u",
		                    opts->version);
	if (opts && opts->max_in_flight > GOSEND_ASYNC_MAX_IN_FLIGHT)
		return gosend__fail(err, GOSEND_EINVAL, "max_in_flight",
		                    "max_in_flight must be at most %d",
		                    GOSEND_ASYNC_MAX_IN_FLIGHT);
	if (opts && opts->max_in_flight)
		max = opts->max_in_flight;
	if (create(out, client, max, loop) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

int gosend__async_new_blocking(gosend_async **out, gosend_client *c,
                               unsigned int max_in_flight,
                               gosend__limiter *limiter)
{
	int rc = create(out, c, max_in_flight ? max_in_flight : 1, NULL);

	if (rc == 0)
		(*out)->own = limiter;
	return rc;
}

void gosend_async_free(gosend_async *as)
{
	if (!as || as->closing)
		return;
	as->closing = 1;
	leave(as);
}

/* ---- entry points ---- */

int gosend_async_assign(gosend_async *as, int fd, void *socket_data)
{
	if (!as || gosend__multi_assign(as->multi, fd, socket_data) < 0)
		return GOSEND_EINVAL;
	return GOSEND_OK;
}

/* Run libcurl on fd (-1: its timer) and take in what ended. */
static int act(gosend_async *as, int fd, int events)
{
	int saved_errno = 0, rc = GOSEND_OK;

	as->depth++;
	if (gosend__multi_socket(as->multi, fd, events, &saved_errno) < 0)
		rc = GOSEND_ENOMEM;
	drain(as, saved_errno);
	as->depth--;
	leave(as);
	return rc;
}

int gosend_async_on_socket(gosend_async *as, int fd, int events)
{
	int io = 0;

	if (!as)
		return GOSEND_EINVAL;
	if (events & GOSEND_ASYNC_READ)
		io |= GOSEND__IO_IN;
	if (events & GOSEND_ASYNC_WRITE)
		io |= GOSEND__IO_OUT;
	if (events & GOSEND_ASYNC_ERROR)
		io |= GOSEND__IO_ERR;
	return act(as, fd, io);
}

int gosend_async_on_timeout(gosend_async *as)
{
	if (!as)
		return GOSEND_EINVAL;
	as->armed = -1; /* it fired */
	if (as->xfer_due >= 0 && gosend__now_ms(as->c) >= as->xfer_due) {
		/* libcurl reports an expiry once: forget it only when it is
		 * run */
		as->xfer_due = -1;
		return act(as, -1, 0);
	}
	leave(as); /* our own timers: retries, the rate limit, deadlines */
	return GOSEND_OK;
}

size_t gosend_async_pending(const gosend_async *as)
{
	if (!as)
		return 0;
	return as->lists[QUEUED].n + as->lists[WAITING].n + as->lists[FLIGHT].n;
}

void gosend__async_end(gosend_async_call *call, int why, const char *text)
{
	gosend_async *as = call->as;
	gosend_error *e = NULL;
	int code;

	switch (call->state) {
	case QUEUED:
		refuse(call, why, text);
		return;
	case WAITING:
		if (why == GOSEND_ECANCELED)
			call->x.res.code = why; /* else its last error */
		fail(call);
		return;
	default:
		gosend__multi_remove(as->multi, call->x.t);
		code = gosend__exchange_abort(&call->x, why, text, &e);
		park(as, call);
		if (code == GOSEND_OK)
			succeed(call);
		else
			deliver(call, code, NULL, e);
	}
}

void gosend_async_cancel(gosend_async_call *call)
{
	gosend_async *as;

	if (!call || call->state == DONE)
		return;
	as = call->as;
	as->depth++;
	gosend__async_end(call, GOSEND_ECANCELED,
	                  call->state == QUEUED ? "cancelled before it was sent"
	                                        : "cancelled");
	as->depth--;
	leave(as);
}

const char *gosend_async_call_idempotency_key(const gosend_async_call *call)
{
	if (!call || !call->req.idem_key[0])
		return NULL;
	return call->req.idem_key;
}

long long gosend_async_now_ms(const gosend_async *as)
{
	return as ? gosend__now_ms(as->c) : 0;
}

gosend_client *gosend__async_client(const gosend_async *as)
{
	return as->c;
}

void gosend__async_counts(const gosend_async *as, size_t *queued,
                          size_t *on_wire)
{
	*queued = as->lists[QUEUED].n;
	*on_wire = as->lists[FLIGHT].n;
}

void gosend__async_bound(gosend_async *as, long long deadline)
{
	as->bound = deadline;
}

gosend_async_call *gosend__async_first(gosend_async *as)
{
	if (as->lists[FLIGHT].head)
		return as->lists[FLIGHT].head;
	if (as->lists[WAITING].head)
		return as->lists[WAITING].head;
	return as->lists[QUEUED].head;
}

unsigned int gosend__async_attempts(const gosend_async_call *call)
{
	return call->x.attempt_no;
}

size_t gosend__async_rate_limited(const gosend_async *as)
{
	return as->rate_limited;
}

/* ---- the blocking handle's loop ---- */

int gosend__async_step(gosend_async *as, long long max_wait_ms)
{
	int saved_errno = 0, rc = GOSEND_OK;
	long long wait, due, now;

	as->depth++;
	pump(as);
	if (as->lists[FLIGHT].n) {
		int running = 0;
		if (gosend__multi_perform(as->multi, &running, &saved_errno) <
		    0)
			rc = GOSEND_ENOMEM;
		drain(as, saved_errno);
		pump(as);
	}
	as->depth--;
	if (rc < 0 || !gosend_async_pending(as))
		return rc;
	now = gosend__now_ms(as->c);
	due = own_due(as);
	wait = due < 0 ? max_wait_ms : due - now;
	if (wait > max_wait_ms)
		wait = max_wait_ms;
	if (wait < 0)
		wait = 0;
	if (as->lists[FLIGHT].n)
		gosend__multi_wait(as->multi, (int)(wait < 1000 ? wait : 1000));
	else if (wait > 0)
		gosend__sleep_ms(as->c, wait);
	return rc;
}

/* ---- starting a call ---- */

/* Start a captured request as a call (the request is taken). */
static int start(gosend_async *as, const gosend__endpoint *ep,
                 gosend__request *req, gosend_async_done_fn done, void *payload,
                 gosend_async_call **out, gosend_error **err)
{
	gosend_async_call *call = gosend__calloc(1, sizeof(*call));
	int rc;

	if (!call) {
		gosend__req_dispose(req);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	call->as = as;
	call->ep = ep;
	call->req = *req;
	call->done = done;
	call->payload = payload;
	rc = gosend__exchange_begin(&call->x, &call->req, err);
	if (rc < 0) {
		dispose_call(call);
		return rc;
	}
	if (as->bound && (!call->x.deadline || call->x.deadline > as->bound))
		call->x.deadline = as->bound;
	push(as, call, QUEUED);
	if (out)
		*out = call;
	/* started, never run from here: the next entry point (a timer at
	 * 0 on a loop, the next step of a blocking handle) starts it */
	as->kick = 1;
	if (!as->depth)
		rearm(as);
	return GOSEND_OK;
}

int gosend__async_capture_begin(gosend__capture *cap, gosend_async *as,
                                gosend_async_done_fn done,
                                gosend_async_call **call, gosend_error **err)
{
	memset(cap, 0, sizeof(*cap));
	if (err)
		*err = NULL;
	if (call)
		*call = NULL;
	if (!as)
		return gosend__fail(err, GOSEND_EINVAL, "as", "as is NULL");
	if (!done)
		return gosend__fail(err, GOSEND_EINVAL, "done", "done is NULL");
	if (as->closing)
		return gosend__fail(err, GOSEND_EINVAL, "as",
		                    "the async handle is being freed");
	cap->prev = gosend__capture_set(cap);
	return GOSEND_OK;
}

int gosend__async_capture_end(gosend__capture *cap, int rc, gosend_async *as,
                              gosend_async_done_fn done, void *payload,
                              gosend_async_call **call, gosend_error **err)
{
	(void)gosend__capture_set(cap->prev);
	if (rc < 0) {
		if (cap->ep)
			gosend__req_dispose(&cap->req);
		return rc;
	}
	if (!cap->ep)
		return gosend__fail(err, GOSEND_ERROR, NULL,
		                    "the call made no request");
	return start(as, cap->ep, &cap->req, done, payload, call, err);
}
