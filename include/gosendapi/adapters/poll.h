/**
 * @file adapters/poll.h
 * @brief A minimal event loop on poll(2) for programs that have none.
 *
 * Header-only: nothing but libc is needed, and nothing of it is in
 * libgosendapi. The loop watches the sockets the ::gosend_async asks for
 * and keeps its one timer; gosend_poll_run() runs it until every call has
 * completed, gosend_poll_run_once() runs one round (for programs that poll
 * other things between rounds).
 *
 * @code
 * gosend_poll_loop loop;
 * gosend_async *as = NULL;
 * gosend_poll_init(&loop);
 * if (gosend_poll_attach(&loop, &as, client, NULL, &err) == 0) {
 *         gosend_async_messages_send_text(as, pnid, to, "hi", NULL, done,
 *                                         NULL, NULL, &err);
 *         gosend_poll_run(&loop);
 * }
 * gosend_async_free(as);
 * gosend_poll_dispose(&loop);
 * @endcode
 *
 * Freeing: free the handle with gosend_async_free(), anywhere (a
 * completion callback included): when it is really freed the loop forgets
 * it (`loop->as` becomes NULL) and a round under way touches it no more.
 *
 * Thread-safety: one loop, its handle and its calls belong to one thread.
 * The loop must outlive its handle: free the handle first.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_ADAPTERS_POLL_H
#define GOSENDAPI_ADAPTERS_POLL_H

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "../async.h"

/* C and C++ alike: a cast from void * (C converts implicitly, C++ wants
 * a cast) or between arithmetic types; the null pointer. */
#ifndef GOSEND_ADAPTER__CAST
#ifdef __cplusplus
#define GOSEND_ADAPTER__CAST(T, e) (static_cast<T>(e))
#define GOSEND_ADAPTER__NULL       nullptr
#else
#define GOSEND_ADAPTER__CAST(T, e) ((T)(e))
#define GOSEND_ADAPTER__NULL       NULL
#endif
#endif

/**
 * The loop's state; initialise with gosend_poll_init(). The fields are the
 * adapter's own: read them, do not change them.
 * @since 0.1.0
 */
typedef struct gosend_poll_loop {
	/** The handle attached by gosend_poll_attach(), or NULL (none, or
	 *  freed). */
	gosend_async *as;
	/** The watched sockets. */
	struct pollfd *fds;
	/** Number of watched sockets. */
	size_t nfds;
	/** Room in `fds` and `ready`. */
	size_t cap;
	/** A copy of `fds` for one round (callbacks change `fds`). */
	struct pollfd *ready;
	/** When the timer is due (gosend_async_now_ms()), -1: none. */
	long long due;
	/** 1 when memory ran out for a socket: the next round fails. */
	int failed;
} gosend_poll_loop;

/**
 * Initialise a loop (no sockets, no timer, no handle).
 * @param loop  The loop's storage; not NULL.
 * @since 0.1.0
 */
static inline void gosend_poll_init(gosend_poll_loop *loop)
{
	memset(loop, 0, sizeof(*loop));
	loop->due = -1;
}

static inline int gosend_poll__grow(gosend_poll_loop *loop)
{
	size_t cap = loop->cap ? loop->cap * 2 : 16;
	struct pollfd *f, *r;

	f = GOSEND_ADAPTER__CAST(struct pollfd *,
	                         realloc(loop->fds, cap * sizeof(*f)));
	if (!f)
		return -1;
	loop->fds = f;
	r = GOSEND_ADAPTER__CAST(struct pollfd *,
	                         realloc(loop->ready, cap * sizeof(*r)));
	if (!r)
		return -1;
	loop->ready = r;
	loop->cap = cap;
	return 0;
}

static inline void gosend_poll__watch(int fd, int events, void *socket_data,
                                      void *loop_data)
{
	gosend_poll_loop *loop =
	        GOSEND_ADAPTER__CAST(gosend_poll_loop *, loop_data);
	short want = 0;
	size_t i;

	(void)socket_data;
	if (events & GOSEND_ASYNC_READ)
		want |= POLLIN;
	if (events & GOSEND_ASYNC_WRITE)
		want |= POLLOUT;
	for (i = 0; i < loop->nfds && loop->fds[i].fd != fd; i++)
		;
	if (i < loop->nfds) {
		if (want) {
			loop->fds[i].events = want;
		} else {
			loop->fds[i] = loop->fds[loop->nfds - 1];
			loop->nfds--;
		}
		return;
	}
	if (!want)
		return;
	if (loop->nfds == loop->cap && gosend_poll__grow(loop) < 0) {
		loop->failed = 1;
		return;
	}
	loop->fds[loop->nfds].fd = fd;
	loop->fds[loop->nfds].events = want;
	loop->fds[loop->nfds].revents = 0;
	loop->nfds++;
}

static inline void gosend_poll__timer(long timeout_ms, void *loop_data)
{
	gosend_poll_loop *loop =
	        GOSEND_ADAPTER__CAST(gosend_poll_loop *, loop_data);

	loop->due = timeout_ms < 0 ? -1
	                           : gosend_async_now_ms(loop->as) + timeout_ms;
}

static inline void gosend_poll__closed(void *loop_data)
{
	gosend_poll_loop *loop =
	        GOSEND_ADAPTER__CAST(gosend_poll_loop *, loop_data);

	loop->as = GOSEND_ADAPTER__NULL; /* freed: the loop forgets it */
}

/**
 * Create a ::gosend_async on this loop (gosend_async_new() with the
 * loop's functions); see there for the arguments and errors.
 * @param loop      An initialised loop without a handle; it must outlive
 *                  the handle.
 * @param[out] out  The handle, also in `loop->as`; free it with
 *                  gosend_async_free().
 * @param client    The client; not NULL. It must outlive the handle.
 * @param opts      Options of the handle, or NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
static inline int gosend_poll_attach(gosend_poll_loop *loop, gosend_async **out,
                                     gosend_client *client,
                                     const gosend_async_options *opts,
                                     gosend_error **err)
{
	gosend_async_loop funcs;
	int rc;

	memset(&funcs, 0, sizeof(funcs));
	funcs.version = GOSEND_ASYNC_LOOP_VERSION;
	funcs.watch = gosend_poll__watch;
	funcs.timer = gosend_poll__timer;
	funcs.closed = gosend_poll__closed;
	funcs.loop_data = loop;
	rc = gosend_async_new(out, client, &funcs, opts, err);
	loop->as = rc == 0 ? *out : GOSEND_ADAPTER__NULL;
	return rc;
}

/**
 * One round: wait for socket activity or the timer, at most max_wait_ms
 * (-1: no limit but the timer), then run what is ready.
 * @param loop         The loop, with a handle attached.
 * @param max_wait_ms  The longest wait in ms; -1: until the handle's timer
 *                     (and at most 60 s).
 * @return 0; #GOSEND_ENOMEM when memory ran out watching a socket;
 *         #GOSEND_ERROR when poll() failed (errno says why; EINTR is not a
 *         failure); #GOSEND_EINVAL without an attached handle.
 * @since 0.1.0
 */
static inline int gosend_poll_run_once(gosend_poll_loop *loop, long max_wait_ms)
{
	long long wait = max_wait_ms;
	size_t i, n;
	int rc;

	if (!loop->as)
		return GOSEND_EINVAL;
	if (loop->failed)
		return GOSEND_ENOMEM;
	if (loop->due >= 0) {
		long long left = loop->due - gosend_async_now_ms(loop->as);
		if (left < 0)
			left = 0;
		if (wait < 0 || left < wait)
			wait = left;
	}
	if (wait > 60000 || wait < 0)
		wait = 60000; /* the timer is looked at again at least then */
	n = loop->nfds;
	if (n)
		memcpy(loop->ready, loop->fds, n * sizeof(*loop->fds));
	rc = poll(loop->ready, GOSEND_ADAPTER__CAST(nfds_t, n),
	          GOSEND_ADAPTER__CAST(int, wait));
	if (rc < 0)
		return errno == EINTR ? GOSEND_OK : GOSEND_ERROR;
	for (i = 0; i < n && loop->as; i++) {
		short re = loop->ready[i].revents;
		int ev = 0;
		if (!re)
			continue;
		if (re & POLLIN)
			ev |= GOSEND_ASYNC_READ;
		if (re & POLLOUT)
			ev |= GOSEND_ASYNC_WRITE;
		if (re & (POLLERR | POLLHUP | POLLNVAL))
			ev |= GOSEND_ASYNC_ERROR;
		(void)gosend_async_on_socket(loop->as, loop->ready[i].fd, ev);
	}
	if (loop->as && loop->due >= 0 &&
	    gosend_async_now_ms(loop->as) >= loop->due) {
		loop->due = -1;
		(void)gosend_async_on_timeout(loop->as);
	}
	return loop->failed ? GOSEND_ENOMEM : GOSEND_OK;
}

/**
 * Run rounds until no call is pending (gosend_async_pending() is 0) or the
 * handle is freed.
 * @param loop  The loop, with a handle attached.
 * @return 0, or the first failing round's code.
 * @since 0.1.0
 */
static inline int gosend_poll_run(gosend_poll_loop *loop)
{
	int rc = GOSEND_OK;

	while (rc == GOSEND_OK && loop->as && gosend_async_pending(loop->as))
		rc = gosend_poll_run_once(loop, -1);
	return rc;
}

/**
 * Free the loop's memory. Free its handle first (gosend_async_free()).
 * @param loop  The loop; it may be initialised again after.
 * @since 0.1.0
 */
static inline void gosend_poll_dispose(gosend_poll_loop *loop)
{
	free(loop->fds);
	free(loop->ready);
	gosend_poll_init(loop);
}

#endif
