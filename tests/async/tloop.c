/*
 * The async tests' loop (tloop.h) on the adapter the build selects:
 * TLOOP_LIBUV, TLOOP_LIBEVENT, else poll.
 */
#define _GNU_SOURCE
#include "tloop.h"

#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#if defined(TLOOP_LIBUV)
#include "gosendapi/adapters/libuv.h"
#elif defined(TLOOP_LIBEVENT)
#include "gosendapi/adapters/libevent.h"
#else
#include "gosendapi/adapters/poll.h"
#endif

struct tloop {
	gosend_async *as; /* the attached handle, NULL when none */
	long period;
	unsigned long ticks, turns;
	long long last, max_gap;
#if defined(TLOOP_LIBUV)
	uv_loop_t uv;
	uv_timer_t tick;
#elif defined(TLOOP_LIBEVENT)
	struct event_base *base;
	struct event *tick;
#else
	gosend_poll_loop loop;
	long long next; /* when the next tick is due */
#endif
};

long long tl_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void tick(tloop *t)
{
	long long now = tl_now_ms();

	if (now - t->last > t->max_gap)
		t->max_gap = now - t->last;
	t->last = now;
	t->ticks++;
}

static void restart_counters(tloop *t, long ms)
{
	t->period = ms;
	t->ticks = 0;
	t->max_gap = 0;
	t->last = tl_now_ms();
}

unsigned long tl_ticks(const tloop *t)
{
	return t->ticks;
}

unsigned long tl_turns(const tloop *t)
{
	return t->turns;
}

long long tl_max_gap(const tloop *t)
{
	long long open = tl_now_ms() - t->last; /* the gap still running */

	return open > t->max_gap ? open : t->max_gap;
}

gosend_async *tl_async(const tloop *t)
{
	return t->as;
}

int tl_run(tloop *t, int (*done)(void *), void *arg, long timeout_ms)
{
	long long end = tl_now_ms() + timeout_ms;

	while (!done(arg)) {
		if (tl_now_ms() >= end)
			return -1;
		tl_turn(t);
	}
	return 0;
}

static int idle(void *arg)
{
	tloop *t = arg;

	return !t->as || gosend_async_pending(t->as) == 0;
}

int tl_run_idle(tloop *t, long timeout_ms)
{
	return tl_run(t, idle, t, timeout_ms);
}

static gosend_async_options in_flight(unsigned int max)
{
	gosend_async_options o = GOSEND_ASYNC_OPTIONS_INIT;

	o.max_in_flight = max;
	return o;
}

#if defined(TLOOP_LIBUV)

const char *tl_name(void)
{
	return "libuv";
}

static void on_tick(uv_timer_t *h)
{
	tick(h->data);
}

void tl_ticker(tloop *t, long ms)
{
	restart_counters(t, ms);
	assert_int_equal(
	        uv_timer_start(&t->tick, on_tick, (uint64_t)ms, (uint64_t)ms),
	        0);
}

tloop *tl_new(void)
{
	tloop *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	assert_int_equal(uv_loop_init(&t->uv), 0);
	assert_int_equal(uv_timer_init(&t->uv, &t->tick), 0);
	t->tick.data = t;
	tl_ticker(t, 10);
	return t;
}

gosend_async *tl_attach(tloop *t, gosend_client *c, unsigned int max_in_flight)
{
	gosend_async_options o = in_flight(max_in_flight);
	gosend_error *e = NULL;

	if (gosend_libuv_attach(&t->uv, &t->as, c, &o, &e) != 0)
		fail_msg("attach: %s", e ? e->message : "?");
	return t->as;
}

void tl_detach(tloop *t)
{
	gosend_async *as = t->as;

	t->as = NULL;
	gosend_async_free(as);
}

void tl_turn(tloop *t)
{
	t->turns++;
	(void)uv_run(&t->uv, UV_RUN_ONCE);
}

void tl_free(tloop *t)
{
	int i;

	if (!t)
		return;
	tl_detach(t);
	(void)uv_timer_stop(&t->tick);
	uv_close((uv_handle_t *)&t->tick, NULL);
	/* the close callbacks run at the end of a turn */
	for (i = 0; i < 10 && uv_loop_alive(&t->uv); i++)
		(void)uv_run(&t->uv, UV_RUN_NOWAIT);
	/* UV_EBUSY: a handle of the adapter was left open */
	assert_int_equal(uv_loop_close(&t->uv), 0);
	free(t);
}

#elif defined(TLOOP_LIBEVENT)

const char *tl_name(void)
{
	return "libevent";
}

static void on_tick(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	tick(arg);
}

void tl_ticker(tloop *t, long ms)
{
	struct timeval tv = {ms / 1000, (ms % 1000) * 1000};

	restart_counters(t, ms);
	assert_int_equal(event_add(t->tick, &tv), 0);
}

tloop *tl_new(void)
{
	tloop *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	t->base = event_base_new();
	assert_non_null(t->base);
	t->tick = event_new(t->base, -1, EV_PERSIST, on_tick, t);
	assert_non_null(t->tick);
	tl_ticker(t, 10);
	return t;
}

gosend_async *tl_attach(tloop *t, gosend_client *c, unsigned int max_in_flight)
{
	gosend_async_options o = in_flight(max_in_flight);
	gosend_error *e = NULL;

	if (gosend_libevent_attach(t->base, &t->as, c, &o, &e) != 0)
		fail_msg("attach: %s", e ? e->message : "?");
	return t->as;
}

void tl_detach(tloop *t)
{
	gosend_async *as = t->as;

	t->as = NULL;
	gosend_async_free(as);
}

void tl_turn(tloop *t)
{
	t->turns++;
	(void)event_base_loop(t->base, EVLOOP_ONCE);
}

void tl_free(tloop *t)
{
	if (!t)
		return;
	tl_detach(t);
	event_free(t->tick);
	/* every event of the adapter is gone with it */
	assert_int_equal(event_base_get_num_events(
	                         t->base, EVENT_BASE_COUNT_ADDED |
	                                          EVENT_BASE_COUNT_ACTIVE),
	                 0);
	event_base_free(t->base);
	free(t);
}

#else

const char *tl_name(void)
{
	return "poll";
}

void tl_ticker(tloop *t, long ms)
{
	restart_counters(t, ms);
	t->next = t->last + ms;
}

tloop *tl_new(void)
{
	tloop *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	gosend_poll_init(&t->loop);
	tl_ticker(t, 10);
	return t;
}

gosend_async *tl_attach(tloop *t, gosend_client *c, unsigned int max_in_flight)
{
	gosend_async_options o = in_flight(max_in_flight);
	gosend_error *e = NULL;

	if (gosend_poll_attach(&t->loop, &t->as, c, &o, &e) != 0)
		fail_msg("attach: %s", e ? e->message : "?");
	return t->as;
}

void tl_detach(tloop *t)
{
	gosend_async *as = t->as;

	t->as = NULL;
	assert_int_equal(t->loop.failed, 0);
	gosend_async_free(as);
}

/* The program's own loop on top of gosend_poll_run_once(): wait at most
 * until the next tick. */
void tl_turn(tloop *t)
{
	long long wait = t->next - tl_now_ms();

	t->turns++;
	if (wait < 0)
		wait = 0;
	if (t->loop.as)
		assert_int_equal(gosend_poll_run_once(&t->loop, (long)wait), 0);
	else
		(void)poll(NULL, 0, (int)wait);
	if (tl_now_ms() >= t->next) {
		tick(t);
		t->next += t->period;
		if (t->next <= t->last)
			t->next = t->last + t->period;
	}
}

void tl_free(tloop *t)
{
	if (!t)
		return;
	tl_detach(t);
	/* forgotten once freed; every socket unwatched, the timer disarmed */
	assert_null(t->loop.as);
	assert_int_equal(t->loop.nfds, 0);
	assert_true(t->loop.due == -1);
	gosend_poll_dispose(&t->loop);
	free(t);
}

#endif
