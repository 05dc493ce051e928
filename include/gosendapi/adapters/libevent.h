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
 * gosend_libevent *ad = NULL;
 * struct event_base *base = event_base_new();
 * if (gosend_libevent_attach(&ad, base, client, NULL, &err) == 0) {
 *         gosend_async_messages_send_text(ad->as, pnid, to, "hi", NULL,
 *                                         done, NULL, NULL, &err);
 *         event_base_dispatch(base);
 * }
 * gosend_libevent_free(ad);
 * event_base_free(base);
 * @endcode
 *
 * Freeing: free the handle with gosend_libevent_free(), never with
 * gosend_async_free(): the adapter must know when the handle is gone to
 * free its events. Everything is freed before gosend_libevent_free()
 * returns (called from a completion callback: when the library's function
 * that ran the callback returns), so the base may be freed right after.
 * While a call is pending the base has events (event_base_dispatch()
 * returns once every call has completed and nothing else of the program is
 * pending); an idle handle keeps no event pending.
 *
 * Thread-safety: the adapter, its handle and the handle's calls belong to
 * the thread that runs the base (see async.h); the base needs no locking.
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

/**
 * A ::gosend_async on a libevent base; made by gosend_libevent_attach(),
 * freed by gosend_libevent_free(). Read the fields, do not change them.
 * @since 0.1.0
 */
typedef struct gosend_libevent {
	/** The handle: start calls on it. Owned by the adapter. */
	gosend_async *as;
	/** The base given to gosend_libevent_attach(). */
	struct event_base *base;
	/** Sockets that could not be watched (out of memory, or libevent
	 *  refused the descriptor): their transfers end by their timeout.
	 *  0 normally. */
	unsigned long failed;
	/** The handle's timer (the adapter's own). */
	struct event *timer;
	/** 1 once gosend_libevent_free() was called. */
	int freeing;
} gosend_libevent;

static inline void gosend_libevent__on_socket(evutil_socket_t fd, short what,
                                              void *arg)
{
	gosend_libevent *ad = GOSEND_ADAPTER__CAST(gosend_libevent *, arg);
	int events = 0;

	if (what & EV_READ)
		events |= GOSEND_ASYNC_READ;
	if (what & EV_WRITE)
		events |= GOSEND_ASYNC_WRITE;
	/* may free this event and the adapter: neither is touched after */
	(void)gosend_async_on_socket(ad->as, GOSEND_ADAPTER__CAST(int, fd),
	                             events);
}

static inline void gosend_libevent__watch(int fd, int events, void *socket_data,
                                          void *loop_data)
{
	gosend_libevent *ad =
	        GOSEND_ADAPTER__CAST(gosend_libevent *, loop_data);
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
		/* the same event, other flags: only while not pending */
		(void)event_del(ev);
		if (event_assign(ev, ad->base, fd, want,
		                 gosend_libevent__on_socket, ad) != 0 ||
		    event_add(ev, GOSEND_ADAPTER__NULL) != 0)
			ad->failed++;
		return;
	}
	ev = event_new(ad->base, fd, want, gosend_libevent__on_socket, ad);
	if (!ev) {
		ad->failed++;
		return;
	}
	if (gosend_async_assign(ad->as, fd, ev) != 0) {
		event_free(ev);
		ad->failed++;
		return;
	}
	if (event_add(ev, GOSEND_ADAPTER__NULL) != 0)
		ad->failed++;
}

static inline void gosend_libevent__on_timer(evutil_socket_t fd, short what,
                                             void *arg)
{
	gosend_libevent *ad = GOSEND_ADAPTER__CAST(gosend_libevent *, arg);

	(void)fd;
	(void)what;
	(void)gosend_async_on_timeout(ad->as);
}

static inline void gosend_libevent__timer(long timeout_ms, void *loop_data)
{
	gosend_libevent *ad =
	        GOSEND_ADAPTER__CAST(gosend_libevent *, loop_data);
	struct timeval tv;

	if (ad->freeing) {
		/* after gosend_async_free(), disarming the timer is the
		 * handle's last word: nothing of it is left */
		if (timeout_ms < 0) {
			event_free(ad->timer); /* also from its own callback */
			free(ad);
		}
		return;
	}
	if (timeout_ms < 0) {
		(void)event_del(ad->timer);
		return;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	/* count from now, not from when the loop woke up */
	(void)event_base_update_cache_time(ad->base);
	(void)event_add(ad->timer, &tv);
}

/**
 * Create a ::gosend_async on a libevent base.
 *
 * @param[out] out  On success the adapter (its handle in `(*out)->as`),
 *                  else NULL. Free with gosend_libevent_free().
 * @param base      The base; not NULL. It must outlive the adapter and be
 *                  run by the thread that uses the handle.
 * @param client    The client (see gosend_async_new()); not NULL. It must
 *                  outlive the adapter.
 * @param opts      Options of the handle, or NULL.
 * @param[out] err  Optional detail on failure (from gosend_async_new();
 *                  NULL for a NULL `out` or `base`, and when memory ran out
 *                  before the handle was made).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM, as gosend_async_new().
 * @since 0.1.0
 */
static inline int gosend_libevent_attach(gosend_libevent **out,
                                         struct event_base *base,
                                         gosend_client *client,
                                         const gosend_async_options *opts,
                                         gosend_error **err)
{
	gosend_async_loop funcs;
	gosend_libevent *ad;
	int rc;

	if (err)
		*err = GOSEND_ADAPTER__NULL;
	if (!out || !base) {
		if (out)
			*out = GOSEND_ADAPTER__NULL;
		return GOSEND_EINVAL;
	}
	*out = GOSEND_ADAPTER__NULL;
	ad = GOSEND_ADAPTER__CAST(gosend_libevent *, calloc(1, sizeof(*ad)));
	if (!ad)
		return GOSEND_ENOMEM;
	ad->base = base;
	ad->timer = event_new(base, -1, 0, gosend_libevent__on_timer, ad);
	if (!ad->timer) {
		free(ad);
		return GOSEND_ENOMEM;
	}
	memset(&funcs, 0, sizeof(funcs));
	funcs.version = GOSEND_ASYNC_LOOP_VERSION;
	funcs.watch = gosend_libevent__watch;
	funcs.timer = gosend_libevent__timer;
	funcs.loop_data = ad;
	rc = gosend_async_new(&ad->as, client, &funcs, opts, err);
	if (rc != 0) {
		event_free(ad->timer);
		free(ad);
		return rc;
	}
	*out = ad;
	return GOSEND_OK;
}

/**
 * Free the adapter and its handle: gosend_async_free() (every pending call
 * completes with #GOSEND_ECANCELED, requests on the wire are cut), then
 * the adapter's events and memory. Everything is freed when this returns,
 * unless it is called from a completion callback of the handle: then the
 * handle and the adapter go when the library's function that ran the
 * callback returns (the other pending calls complete first). Calling it
 * again is a no-op until then; NULL is a no-op.
 * @param ad  The adapter, or NULL.
 * @since 0.1.0
 */
static inline void gosend_libevent_free(gosend_libevent *ad)
{
	if (!ad || ad->freeing)
		return;
	ad->freeing = 1;
	/* its last call is timer(-1): gosend_libevent__timer() frees then */
	gosend_async_free(ad->as);
}

#endif
