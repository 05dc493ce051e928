/**
 * @file adapters/libuv.h
 * @brief Run a ::gosend_async on a libuv loop.
 *
 * Header-only: the program that includes it links with libuv
 * (`pkg-config --cflags --libs libuv`); libgosendapi itself never does.
 * Each socket the handle asks for is watched by a `uv_poll_t` of its own,
 * allocated when the socket is first watched and closed when it is no
 * longer; the handle's one timer is a `uv_timer_t`.
 *
 * @code
 * gosend_libuv *ad = NULL;
 * if (gosend_libuv_attach(&ad, uv_default_loop(), client, NULL, &err) == 0) {
 *         gosend_async_messages_send_text(ad->as, pnid, to, "hi", NULL,
 *                                         done, NULL, NULL, &err);
 *         uv_run(uv_default_loop(), UV_RUN_DEFAULT);
 * }
 * @endcode
 *
 * and, in the last completion callback or once the loop has returned:
 *
 * @code
 * gosend_libuv_free(ad);  // the handle, then the adapter's libuv handles
 * uv_run(loop, UV_RUN_DEFAULT);  // let libuv close them
 * uv_loop_close(loop);
 * @endcode
 *
 * Freeing: free the handle with gosend_libuv_free(), never with
 * gosend_async_free(): the adapter must know when the handle is gone to
 * close its timer. libuv closes handles asynchronously (uv_close()): the
 * memory of the adapter and of its socket watchers is released by the
 * loop's close callbacks, so let the loop run (uv_run()) after
 * gosend_libuv_free() and before uv_loop_close(). While a call is pending
 * the loop stays alive (`uv_run(loop, UV_RUN_DEFAULT)` returns once every
 * call has completed and nothing else of the program is active); an idle
 * handle keeps no libuv handle active.
 *
 * Under a strict ISO C mode (`-std=c99`), `<uv.h>` needs POSIX
 * declarations: build with `-D_POSIX_C_SOURCE=200809L` (or
 * `_GNU_SOURCE`), as for any program including it.
 *
 * Thread-safety: the adapter, its handle and the handle's calls belong to
 * the thread that runs the loop (see async.h).
 * @since 0.1.0
 */
#ifndef GOSENDAPI_ADAPTERS_LIBUV_H
#define GOSENDAPI_ADAPTERS_LIBUV_H

#include <stdlib.h>
#include <string.h>

#include <uv.h>

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
 * A ::gosend_async on a libuv loop; made by gosend_libuv_attach(), freed
 * by gosend_libuv_free(). Read the fields, do not change them.
 * @since 0.1.0
 */
typedef struct gosend_libuv {
	/** The handle: start calls on it. Owned by the adapter. */
	gosend_async *as;
	/** The loop given to gosend_libuv_attach(). */
	uv_loop_t *loop;
	/** Sockets that could not be watched (out of memory, or libuv
	 *  refused the descriptor): their transfers end by their timeout.
	 *  0 normally. */
	unsigned long failed;
	/** The handle's timer (the adapter's own). */
	uv_timer_t timer;
	/** 1 once gosend_libuv_free() was called. */
	int freeing;
} gosend_libuv;

/* One watched socket: a poll handle of its own. */
typedef struct gosend_libuv__sock {
	uv_poll_t poll; /* first: the handle's address is the struct's */
	int fd;
	int want; /* UV_READABLE and/or UV_WRITABLE */
} gosend_libuv__sock;

static inline void gosend_libuv__sock_closed(uv_handle_t *h)
{
	free(h); /* the gosend_libuv__sock it starts */
}

static inline void gosend_libuv__on_poll(uv_poll_t *h, int status, int ev)
{
	void *v = h;
	gosend_libuv__sock *s = GOSEND_ADAPTER__CAST(gosend_libuv__sock *, v);
	gosend_libuv *ad = GOSEND_ADAPTER__CAST(gosend_libuv *, h->data);
	int events = 0;

	if (status < 0) {
		/* libuv stopped the handle: watch again what was asked, so
		 * that a socket libcurl keeps is not forgotten */
		(void)uv_poll_start(h, s->want, gosend_libuv__on_poll);
		events = GOSEND_ASYNC_ERROR;
	}
	if (ev & UV_READABLE)
		events |= GOSEND_ASYNC_READ;
	if (ev & UV_WRITABLE)
		events |= GOSEND_ASYNC_WRITE;
	/* may close s and free the handle: neither is touched after */
	(void)gosend_async_on_socket(ad->as, s->fd, events);
}

static inline void gosend_libuv__closed(uv_handle_t *h)
{
	free(h->data); /* the adapter */
}

static inline void gosend_libuv__watch(int fd, int events, void *socket_data,
                                       void *loop_data)
{
	gosend_libuv *ad = GOSEND_ADAPTER__CAST(gosend_libuv *, loop_data);
	gosend_libuv__sock *s =
	        GOSEND_ADAPTER__CAST(gosend_libuv__sock *, socket_data);
	int want = 0;
	void *h;

	if (!events) {
		if (s) {
			h = &s->poll;
			(void)uv_poll_stop(&s->poll);
			uv_close(GOSEND_ADAPTER__CAST(uv_handle_t *, h),
			         gosend_libuv__sock_closed);
		}
		return;
	}
	if (!s) {
		s = GOSEND_ADAPTER__CAST(gosend_libuv__sock *,
		                         calloc(1, sizeof(*s)));
		if (!s || uv_poll_init(ad->loop, &s->poll, fd) != 0) {
			free(s);
			ad->failed++;
			return;
		}
		s->fd = fd;
		s->poll.data = ad;
		if (gosend_async_assign(ad->as, fd, s) != 0) {
			h = &s->poll;
			uv_close(GOSEND_ADAPTER__CAST(uv_handle_t *, h),
			         gosend_libuv__sock_closed);
			ad->failed++;
			return;
		}
	}
	if (events & GOSEND_ASYNC_READ)
		want |= UV_READABLE;
	if (events & GOSEND_ASYNC_WRITE)
		want |= UV_WRITABLE;
	s->want = want;
	if (uv_poll_start(&s->poll, want, gosend_libuv__on_poll) != 0)
		ad->failed++;
}

static inline void gosend_libuv__on_timer(uv_timer_t *t)
{
	gosend_libuv *ad = GOSEND_ADAPTER__CAST(gosend_libuv *, t->data);

	(void)gosend_async_on_timeout(ad->as);
}

static inline void gosend_libuv__timer(long timeout_ms, void *loop_data)
{
	gosend_libuv *ad = GOSEND_ADAPTER__CAST(gosend_libuv *, loop_data);
	void *h = &ad->timer;

	if (ad->freeing) {
		/* after gosend_async_free(), disarming the timer is the
		 * handle's last word: nothing of it is left */
		if (timeout_ms < 0) {
			ad->as = GOSEND_ADAPTER__NULL;
			uv_close(GOSEND_ADAPTER__CAST(uv_handle_t *, h),
			         gosend_libuv__closed);
		}
		return;
	}
	if (timeout_ms < 0) {
		(void)uv_timer_stop(&ad->timer);
		return;
	}
	uv_update_time(ad->loop); /* count from now, not the loop's start */
	(void)uv_timer_start(&ad->timer, gosend_libuv__on_timer,
	                     GOSEND_ADAPTER__CAST(uint64_t, timeout_ms), 0);
}

/**
 * Create a ::gosend_async on a libuv loop.
 *
 * @param[out] out  On success the adapter (its handle in `(*out)->as`),
 *                  else NULL. Free with gosend_libuv_free().
 * @param loop      The loop; not NULL. It must outlive the adapter and
 *                  run on the thread that uses the handle.
 * @param client    The client (see gosend_async_new()); not NULL. It must
 *                  outlive the adapter.
 * @param opts      Options of the handle, or NULL.
 * @param[out] err  Optional detail on failure (from gosend_async_new();
 *                  NULL for a NULL `out` or `loop`, and when memory ran out
 *                  before the handle was made).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM, as gosend_async_new().
 * @since 0.1.0
 */
static inline int gosend_libuv_attach(gosend_libuv **out, uv_loop_t *loop,
                                      gosend_client *client,
                                      const gosend_async_options *opts,
                                      gosend_error **err)
{
	gosend_async_loop funcs;
	gosend_libuv *ad;
	int rc;

	if (err)
		*err = GOSEND_ADAPTER__NULL;
	if (!out || !loop) {
		if (out)
			*out = GOSEND_ADAPTER__NULL;
		return GOSEND_EINVAL;
	}
	*out = GOSEND_ADAPTER__NULL;
	ad = GOSEND_ADAPTER__CAST(gosend_libuv *, calloc(1, sizeof(*ad)));
	if (!ad)
		return GOSEND_ENOMEM;
	ad->loop = loop;
	memset(&funcs, 0, sizeof(funcs));
	funcs.version = GOSEND_ASYNC_LOOP_VERSION;
	funcs.watch = gosend_libuv__watch;
	funcs.timer = gosend_libuv__timer;
	funcs.loop_data = ad;
	/* gosend_async_new() calls neither function */
	rc = gosend_async_new(&ad->as, client, &funcs, opts, err);
	if (rc != 0) {
		free(ad);
		return rc;
	}
	(void)uv_timer_init(loop, &ad->timer); /* cannot fail */
	ad->timer.data = ad;
	*out = ad;
	return GOSEND_OK;
}

/**
 * Free the adapter and its handle: gosend_async_free() (every pending call
 * completes with #GOSEND_ECANCELED, requests on the wire are cut), then
 * the adapter's timer and socket watchers are closed with uv_close(). Their
 * memory is released by the loop's close callbacks: run the loop before
 * uv_loop_close().
 *
 * May be called from a completion callback of the handle: the handle and
 * the adapter go when the library's function that ran the callback
 * returns (the other pending calls complete first). Calling it again is a
 * no-op until then; NULL is a no-op.
 * @param ad  The adapter, or NULL.
 * @since 0.1.0
 */
static inline void gosend_libuv_free(gosend_libuv *ad)
{
	if (!ad || ad->freeing)
		return;
	ad->freeing = 1;
	/* its last call is timer(-1): gosend_libuv__timer() closes then */
	gosend_async_free(ad->as);
}

#endif
