/*
 * The event loop of the async tests, one implementation per adapter
 * (tloop.c, built with TLOOP_POLL, TLOOP_LIBUV or TLOOP_LIBEVENT): a loop
 * of that library with the adapter attached, and a ticker, a periodic
 * timer on the same loop whose ticks are counted and whose longest gap is
 * measured (the proof that the loop is never blocked). The ticker runs from
 * tl_new() on, so that every turn of the loop ends within one period.
 */
#ifndef GOSEND_TLOOP_H
#define GOSEND_TLOOP_H

#include "gosendapi/async.h"

typedef struct tloop tloop;

/* "poll", "libuv" or "libevent". */
const char *tl_name(void);

/* A loop with a ticker of 10 ms. Fails the test on error. */
tloop *tl_new(void);

/* Free the handle if still attached, stop the ticker, let the loop
 * release what the adapter closed, and check that nothing of the adapter
 * is left (libuv: uv_loop_close() succeeds; libevent: no event is left;
 * poll: no socket, no timer, the handle forgotten). Fails the test
 * otherwise. NULL-safe. */
void tl_free(tloop *t);

/* Attach an async handle on client c with max_in_flight (0: default).
 * Fails the test on error. */
gosend_async *tl_attach(tloop *t, gosend_client *c, unsigned int max_in_flight);

/* The attached handle, NULL when none. */
gosend_async *tl_async(const tloop *t);

/* Free the handle (gosend_async_free), also from a completion callback;
 * tl_async() is NULL after. */
void tl_detach(tloop *t);

/* Restart the ticker with a period of ms; the counters start again. */
void tl_ticker(tloop *t, long ms);
unsigned long tl_ticks(const tloop *t);
/* The longest time between two ticks (or the start and the first tick)
 * so far, in ms. */
long long tl_max_gap(const tloop *t);

/* Turns of the loop so far. */
unsigned long tl_turns(const tloop *t);

/* One turn of the loop: wait for the next event (a tick at the latest),
 * run what is ready. */
void tl_turn(tloop *t);

/* Turn until done(arg) is true (checked before each turn); -1 when
 * timeout_ms passed first. */
int tl_run(tloop *t, int (*done)(void *), void *arg, long timeout_ms);

/* Turn until the handle has no pending call; -1 after timeout_ms. */
int tl_run_idle(tloop *t, long timeout_ms);

/* CLOCK_MONOTONIC in ms. */
long long tl_now_ms(void);

#endif
