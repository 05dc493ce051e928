/**
 * @file adapters/libuv.h
 * @brief Run a ::gosend_async on a libuv loop.
 *
 * Header-only: the program that includes it links with libuv
 * (`pkg-config --cflags --libs libuv`); libgosendapi itself never does.
 * Each socket the handle asks for is watched by a `uv_poll_t` of its own,
 * made when the socket is first watched and closed when it is no longer;
 * the handle's one timer is a `uv_timer_t`.
 *
 * @code
 * uv_loop_t *loop = uv_default_loop();
 * gosend_async *as = NULL;
 * if (gosend_libuv_attach(loop, &as, client, NULL, &err) == 0) {
 *         gosend_async_messages_send_text(as, pnid, to, "hi", NULL, done,
 *                                         NULL, NULL, &err);
 *         uv_run(loop, UV_RUN_DEFAULT);  // returns once the call is done
 * }
 * gosend_async_free(as);         // closes the adapter's libuv handles
 * uv_run(loop, UV_RUN_DEFAULT);  // lets libuv release them
 * uv_loop_close(loop);
 * @endcode
 *
 * Freeing: free the handle with gosend_async_free(), anywhere (a
 * completion callback included). When the handle is really freed (at once,
 * or when the library's function that ran the callback returns), the
 * adapter closes its timer and socket watchers with uv_close(); libuv
 * releases their memory in its close callbacks, so let the loop run
 * (uv_run()) before uv_loop_close(). The loop must outlive the handle.
 *
 * Liveness: while a call is pending the adapter keeps the loop alive;
 * `uv_run(loop, UV_RUN_DEFAULT)` returns once every call has completed
 * and nothing else of the program is active (an idle handle keeps no
 * libuv handle active).
 *
 * A socket the adapter cannot watch (memory ran out, or libuv refused the
 * descriptor) is left to its transfer's timeout.
 *
 * Under a strict ISO C mode (`-std=c99`), `<uv.h>` needs POSIX
 * declarations: build with `-D_POSIX_C_SOURCE=200809L` (or `_GNU_SOURCE`),
 * as any program that includes it.
 *
 * Thread-safety: the handle and its calls belong to the thread that runs
 * the loop (see async.h).
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

/* The adapter's state (the handle's loop_data): the timer and the loop. */
typedef struct gosend_libuv__state {
	uv_timer_t timer; /* first: the handle's address is the struct's */
	uv_loop_t *loop;
	gosend_async *as;
} gosend_libuv__state;

/* One watched socket: a poll handle of its own. */
typedef struct gosend_libuv__sock {
	uv_poll_t poll; /* first: the handle's address is the struct's */
	int fd;
	int want; /* UV_READABLE and/or UV_WRITABLE */
} gosend_libuv__sock;

static inline void gosend_libuv__close(void *handle, uv_close_cb done)
{
	uv_close(GOSEND_ADAPTER__CAST(uv_handle_t *, handle), done);
}

static inline void gosend_libuv__free_handle(uv_handle_t *h)
{
	free(h); /* the struct it starts */
}

static inline void gosend_libuv__on_poll(uv_poll_t *h, int status, int ev)
{
	void *v = h;
	gosend_libuv__sock *s = GOSEND_ADAPTER__CAST(gosend_libuv__sock *, v);
	gosend_libuv__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libuv__state *, h->data);
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
	/* may close s, and free the handle: neither is touched after */
	(void)gosend_async_on_socket(st->as, s->fd, events);
}

/* A socket seen for the first time: its poll handle, attached to it. */
static inline gosend_libuv__sock *
gosend_libuv__sock_new(gosend_libuv__state *st, int fd)
{
	gosend_libuv__sock *s = GOSEND_ADAPTER__CAST(gosend_libuv__sock *,
	                                             calloc(1, sizeof(*s)));

	if (!s || uv_poll_init(st->loop, &s->poll, fd) != 0) {
		free(s);
		return GOSEND_ADAPTER__NULL;
	}
	s->fd = fd;
	s->poll.data = st;
	if (gosend_async_assign(st->as, fd, s) != 0) {
		gosend_libuv__close(&s->poll, gosend_libuv__free_handle);
		return GOSEND_ADAPTER__NULL;
	}
	return s;
}

static inline void gosend_libuv__watch(int fd, int events, void *socket_data,
                                       void *loop_data)
{
	gosend_libuv__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libuv__state *, loop_data);
	gosend_libuv__sock *s =
	        GOSEND_ADAPTER__CAST(gosend_libuv__sock *, socket_data);

	if (!events) {
		if (s) {
			(void)uv_poll_stop(&s->poll);
			gosend_libuv__close(&s->poll,
			                    gosend_libuv__free_handle);
		}
		return;
	}
	if (!s && !(s = gosend_libuv__sock_new(st, fd)))
		return; /* left to the transfer's timeout */
	s->want = 0;
	if (events & GOSEND_ASYNC_READ)
		s->want |= UV_READABLE;
	if (events & GOSEND_ASYNC_WRITE)
		s->want |= UV_WRITABLE;
	(void)uv_poll_start(&s->poll, s->want, gosend_libuv__on_poll);
}

static inline void gosend_libuv__on_timer(uv_timer_t *t)
{
	gosend_libuv__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libuv__state *, t->data);

	(void)gosend_async_on_timeout(st->as);
}

static inline void gosend_libuv__timer(long timeout_ms, void *loop_data)
{
	gosend_libuv__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libuv__state *, loop_data);

	if (timeout_ms < 0) {
		(void)uv_timer_stop(&st->timer);
		return;
	}
	uv_update_time(st->loop); /* count from now, not the loop's start */
	(void)uv_timer_start(&st->timer, gosend_libuv__on_timer,
	                     GOSEND_ADAPTER__CAST(uint64_t, timeout_ms), 0);
}

/* The handle is freed (its sockets unwatched, its timer disarmed): the
 * timer goes, and the state with it once libuv has closed it. */
static inline void gosend_libuv__closed(void *loop_data)
{
	gosend_libuv__state *st =
	        GOSEND_ADAPTER__CAST(gosend_libuv__state *, loop_data);

	gosend_libuv__close(&st->timer, gosend_libuv__free_handle);
}

/**
 * Create a ::gosend_async on a libuv loop (gosend_async_new() with the
 * adapter's functions).
 *
 * @param loop      The loop; not NULL. It must outlive the handle and run
 *                  on the thread that uses the handle.
 * @param[out] out  On success the handle, else NULL. Free it with
 *                  gosend_async_free(), then let the loop run (see above).
 * @param client    The client (see gosend_async_new()); not NULL. It must
 *                  outlive the handle.
 * @param opts      Options of the handle, or NULL.
 * @param[out] err  Optional detail on failure (from gosend_async_new(); NULL
 *                  for a NULL `loop` or `out`, or when memory ran out
 *                  before the handle was made).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM, as gosend_async_new().
 * @since 0.1.0
 */
static inline int gosend_libuv_attach(uv_loop_t *loop, gosend_async **out,
                                      gosend_client *client,
                                      const gosend_async_options *opts,
                                      gosend_error **err)
{
	gosend_async_loop funcs;
	gosend_libuv__state *st;
	int rc;

	if (err)
		*err = GOSEND_ADAPTER__NULL;
	if (!out)
		return GOSEND_EINVAL;
	*out = GOSEND_ADAPTER__NULL;
	if (!loop)
		return GOSEND_EINVAL;
	st = GOSEND_ADAPTER__CAST(gosend_libuv__state *,
	                          calloc(1, sizeof(*st)));
	if (!st)
		return GOSEND_ENOMEM;
	st->loop = loop;
	memset(&funcs, 0, sizeof(funcs));
	funcs.version = GOSEND_ASYNC_LOOP_VERSION;
	funcs.watch = gosend_libuv__watch;
	funcs.timer = gosend_libuv__timer;
	funcs.closed = gosend_libuv__closed;
	funcs.loop_data = st;
	/* gosend_async_new() calls none of them */
	rc = gosend_async_new(&st->as, client, &funcs, opts, err);
	if (rc != 0) {
		free(st);
		return rc;
	}
	(void)uv_timer_init(loop, &st->timer); /* cannot fail */
	st->timer.data = st;
	*out = st->as;
	return GOSEND_OK;
}

#endif
