/*
 * The fixture of the wire tests: an in-process mock (mock/gsmock.h), a
 * client on it, and the time and log hooks a test can inject into a
 * client: a clock that stands still but for the sleeps, sleeps that only
 * advance it and are recorded, a jitter source of 0, and a log collected
 * into the fixture.
 *
 * The usual file:
 *
 *     #define KEY "gsk_test_..."
 *     static int setup(void **state)
 *     {
 *             return ts_setup(state, KEY, NULL, TS_TIME);
 *     }
 *     ... cmocka_unit_test_setup_teardown(test, setup, ts_teardown) ...
 *
 * and each test takes `ts_fx *f = *state`. A file that needs more state
 * keeps it in a struct of its own whose first member is the ts_fx, made
 * with ts_fx_new(sizeof(that struct), ...): *state then points at both.
 */
#ifndef GOSEND_WIRESUPPORT_H
#define GOSEND_WIRESUPPORT_H

#include "testsupport.h"

#include "gsmock.h"
#include "gosendapi/gosendapi.h"

/** Sleeps recorded one by one in ts_fx::slept; later ones are counted. */
#define TS_SLEPT_MAX 16

/** Hooks for ts_fx_client() and ts_setup(), or'ed together. */
enum {
	/** Clock and sleep on the fixture: the clock reads `now`, a sleep
	    is recorded and advances `now`. Nothing really sleeps. */
	TS_TIME = 1,
	/** A jitter source that returns 0: each backoff at its minimum, half
	    the computed delay. */
	TS_RANDOM0 = 2,
	/** A sleep that returns at once; the clock stays the real one. Not
	    with TS_TIME. */
	TS_NO_SLEEP = 4,
	/** Every log line, TRACE and up, appended to `log` with a '\n'. */
	TS_LOG = 8
};

/** One wire test's fixture. Zeroed by ts_fx_new(). */
typedef struct ts_fx {
	gsmock *mock;          /**< the mock, started by ts_fx_new() */
	gosend_client *client; /**< the test's client (ts_setup); freed by
	                            ts_fx_free() */
	const char *key;       /**< API key of the clients ts_fx_client()
	                            makes; not copied */
	long long now;         /**< TS_TIME: the clock, in ms */
	long long slept[TS_SLEPT_MAX]; /**< TS_TIME: the first delays slept */
	size_t nslept;                 /**< TS_TIME: entries in `slept` */
	unsigned int sleeps;           /**< TS_TIME: every sleep taken */
	long long slept_total;         /**< TS_TIME: their sum, in ms */
	long long last_sleep;          /**< TS_TIME: the latest delay, ms */
	char log[65536]; /**< TS_LOG: the lines, NUL-terminated; a line that
	                      does not fit any more is dropped */
	size_t log_len;  /**< TS_LOG: bytes in `log` */
} ts_fx;

/**
 * A client with `key` and options `o` (NULL: the defaults); fails the
 * running test with the error's message when gosend_client_new() refuses.
 */
gosend_client *ts_client_new(const char *key, const gosend_client_options *o);

/**
 * A client with f->key on f's mock: `o` (NULL: the defaults) with
 * `base_url` set to the mock's when it is NULL and the `hooks` (TS_*)
 * installed on f. Fails the running test when it cannot be made. Free it
 * with gosend_client_free() unless it is f->client.
 */
gosend_client *ts_fx_client(ts_fx *f, gosend_client_options *o,
                            unsigned int hooks);

/**
 * A zeroed fixture of `size` bytes (sizeof(ts_fx), or a file's own struct
 * whose first member is the ts_fx) with `key` and a started mock (`mo`: its
 * options, NULL: the defaults), no client yet. Fails the running test on
 * error. Free with ts_fx_free().
 */
ts_fx *ts_fx_new(size_t size, const char *key, const gsmock_options *mo);

/** Free f->client, stop the mock and free f. NULL-safe. */
void ts_fx_free(ts_fx *f);

/**
 * A cmocka setup: *state = a new ts_fx (ts_fx_new()) whose client is
 * ts_fx_client(f, o, hooks). Returns 0; fails the test on error.
 */
int ts_setup(void **state, const char *key, gosend_client_options *o,
             unsigned int hooks);

/** A cmocka teardown: ts_fx_free(*state). Returns 0. */
int ts_teardown(void **state);

#endif
