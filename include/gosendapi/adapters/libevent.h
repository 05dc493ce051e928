/**
 * @file adapters/libevent.h
 * @brief Run a ::gosend_async on a libevent event base.
 *
 * Header-only: the program that includes it links with libevent 2
 * (`pkg-config --cflags --libs libevent_core`, or `libevent`);
 * libgosendapi itself never does. Each socket the handle asks for is
 * watched by an event of its own (`EV_PERSIST`), made when the socket is
 * first watched and freed when it is no longer; the handle's one timer is
 * an event too.
 *
 * @code
 * struct event_base *base = event_base_new();
 * gosend_async *as = NULL;
 * if (gosend_libevent_attach(base, &as, client, NULL, &err) == 0) {
 *         gosend_async_messages_send_text(as, pnid, to, "hi", NULL, done,
 *                                         NULL, NULL, &err);
 *         event_base_dispatch(base);  // returns once the call is done
 * }
 * gosend_async_free(as);  // frees the adapter's events too
 * event_base_free(base);
 * @endcode
 *
 * Freeing: free the handle with gosend_async_free(), anywhere (a
 * completion callback included). When the handle is really freed (at once,
 * or when the library's function that ran the callback returns), the
 * adapter's events and memory are freed with it: the base may be freed
 * right after. The base must outlive the handle.
 *
 * Liveness: while a call is pending the adapter has an event pending;
 * event_base_dispatch() returns once every call has completed and nothing
 * else of the program is pending (an idle handle keeps no event pending).
 *
 * A socket the adapter cannot watch (memory ran out, or libevent refused
 * the descriptor) is left to its transfer's timeout.
 *
 * Thread-safety: the handle and its calls belong to the thread that runs
 * the base (see async.h); the base needs no locking for it.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_ADAPTERS_LIBEVENT_H
#define GOSENDAPI_ADAPTERS_LIBEVENT_H

#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

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

/* The adapter's state (the handle's loop_data). */
typedef struct gosend_libevent__state {
	struct event_base *base;
	struct event *timer;
	gosend_async *as;
} gosend_libevent__state;

static inline void gosend_libevent__on_socket(evutil_socket_t fd, short what,
                                              void *arg)
{
	gosend_libevent__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libevent__state *, arg);
	int events = 0;

	if (what & EV_READ)
		events |= GOSEND_ASYNC_READ;
	if (what & EV_WRITE)
		events |= GOSEND_ASYNC_WRITE;
	/* may free this event, the state and the handle: none is touched
	 * after */
	(void)gosend_async_on_socket(st->as, GOSEND_ADAPTER__CAST(int, fd),
	                             events);
}

static inline void gosend_libevent__watch(int fd, int events, void *socket_data,
                                          void *loop_data)
{
	gosend_libevent__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libevent__state *, loop_data);
	struct event *ev = GOSEND_ADAPTER__CAST(struct event *, socket_data);
	short want = EV_PERSIST;

	if (!events) {
		if (ev)
			event_free(ev); /* also from its own callback */
		return;
	}
	if (events & GOSEND_ASYNC_READ)
		want |= EV_READ;
	if (events & GOSEND_ASYNC_WRITE)
		want |= EV_WRITE;
	if (ev) {
		/* the same event with other flags: assigned while not
		 * pending */
		(void)event_del(ev);
		if (event_assign(ev, st->base, fd, want,
		                 gosend_libevent__on_socket, st) == 0)
			(void)event_add(ev, GOSEND_ADAPTER__NULL);
		return;
	}
	ev = event_new(st->base, fd, want, gosend_libevent__on_socket, st);
	if (!ev)
		return; /* left to the transfer's timeout */
	if (gosend_async_assign(st->as, fd, ev) != 0) {
		event_free(ev);
		return;
	}
	(void)event_add(ev, GOSEND_ADAPTER__NULL);
}

static inline void gosend_libevent__on_timer(evutil_socket_t fd, short what,
                                             void *arg)
{
	gosend_libevent__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libevent__state *, arg);

	(void)fd;
	(void)what;
	(void)gosend_async_on_timeout(st->as);
}

static inline void gosend_libevent__timer(long timeout_ms, void *loop_data)
{
	gosend_libevent__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libevent__state *, loop_data);
	struct timeval tv;

	if (timeout_ms < 0) {
		(void)event_del(st->timer);
		return;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	/* count from now, not from when the loop woke up */
	(void)event_base_update_cache_time(st->base);
	(void)event_add(st->timer, &tv);
}

/* The handle is freed (its sockets unwatched, its timer disarmed): so is
 * the adapter, also from inside one of its events' callbacks. */
static inline void gosend_libevent__closed(void *loop_data)
{
	gosend_libevent__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libevent__state *, loop_data);

	event_free(st->timer);
	free(st);
}

/**
 * Create a ::gosend_async on a libevent base (gosend_async_new() with the
 * adapter's functions).
 *
 * @param base      The base; not NULL. It must outlive the handle and be
 *                  run by the thread that uses the handle.
 * @param[out] out  On success the handle, else NULL. Free it with
 *                  gosend_async_free().
 * @param client    The client (see gosend_async_new()); not NULL. It must
 *                  outlive the handle.
 * @param opts      Options of the handle, or NULL.
 * @param[out] err  Optional detail on failure (from gosend_async_new(); NULL
 *                  for a NULL `base` or `out`, or when memory ran out
 *                  before the handle was made).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM, as gosend_async_new().
 * @since 0.1.0
 */
static inline int gosend_libevent_attach(struct event_base *base,
                                         gosend_async **out,
                                         gosend_client *client,
                                         const gosend_async_options *opts,
                                         gosend_error **err)
{
	gosend_async_loop funcs;
	gosend_libevent__state *st;
	int rc;

	if (err)
		*err = GOSEND_ADAPTER__NULL;
	if (!out)
		return GOSEND_EINVAL;
	*out = GOSEND_ADAPTER__NULL;
	if (!base)
		return GOSEND_EINVAL;
	st = GOSEND_ADAPTER__CAST(gosend_libevent__state *,
	                          calloc(1, sizeof(*st)));
	if (!st)
		return GOSEND_ENOMEM;
	st->base = base;
	st->timer = event_new(base, -1, 0, gosend_libevent__on_timer, st);
	if (!st->timer) {
		free(st);
		return GOSEND_ENOMEM;
	}
	memset(&funcs, 0, sizeof(funcs));
	funcs.version = GOSEND_ASYNC_LOOP_VERSION;
	funcs.watch = gosend_libevent__watch;
	funcs.timer = gosend_libevent__timer;
	funcs.closed = gosend_libevent__closed;
	funcs.loop_data = st;
	rc = gosend_async_new(&st->as, client, &funcs, opts, err);
	if (rc != 0) {
		event_free(st->timer);
		free(st);
		return rc;
	}
	*out = st->as;
	return GOSEND_OK;
}

#endif
