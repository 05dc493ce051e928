/*
 * async_libuv: send COUNT text messages from a libuv loop without ever
 * blocking it.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] \
 *        async_libuv PHONE_NUMBER_ID TO COUNT
 *
 * The COUNT sends ("message 1 of COUNT", ...) all start at once on an
 * async handle attached to the loop (gosendapi/adapters/libuv.h). They go
 * out over at most 32 connections at the client's rate limit, each retried
 * as the blocking call would be (the waits are timers on the loop), while
 * a 10 ms timer of the program on the same loop keeps ticking. Each sent
 * message's id is printed when its send completes; a failed send's error
 * and idempotency key go to stderr. The last line is max_tick_gap_ms=N:
 * the longest time between two ticks of the timer, the proof that the
 * loop was never blocked (a blocking send would show its round trip, a
 * retry its whole wait).
 *
 * Build: cc async_libuv.c $(pkg-config --cflags --libs gosendapi libuv)
 *
 * Exit codes shared by every example: 0 success (every message sent), 1
 * API error (the HTTP status and the server's message go to stderr), 2
 * usage error, 3 network error or timeout; with several failures, the
 * first one's.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#define _POSIX_C_SOURCE 200809L /* <uv.h> under strict ISO C */
#include <stdio.h>
#include <stdlib.h>

#include <uv.h>

#include <gosendapi/adapters/libuv.h>
#include <gosendapi/async.h>
#include <gosendapi/gosendapi.h>
#include <gosendapi/phone.h>

static int exit_code(int err)
{
	switch (err) {
	case GOSEND_EINVAL:
		return 2;
	case GOSEND_ENETWORK:
	case GOSEND_ETIMEOUT:
	case GOSEND_ETLS:
		return 3;
	default:
		return 1;
	}
}

static void print_error(int err, const gosend_error *e)
{
	if (e->http_status)
		fprintf(stderr, "async_libuv: HTTP %ld: %s\n", e->http_status,
		        e->message);
	else if (e->field)
		fprintf(stderr, "async_libuv: %s (%s)\n", e->message, e->field);
	else
		fprintf(stderr, "async_libuv: %s: %s\n", gosend_strerror(err),
		        e->message);
}

typedef struct app {
	gosend_async *as; /* the async handle, on the loop */
	uv_timer_t tick;  /* the program's own 10 ms timer */
	uint64_t last_tick_ms, max_gap_ms;
	size_t pending; /* sends started and not completed */
	int status;     /* the exit status */
} app;

static void on_tick(uv_timer_t *t)
{
	app *a = t->data;
	uint64_t now = uv_hrtime() / 1000000;

	if (now - a->last_tick_ms > a->max_gap_ms)
		a->max_gap_ms = now - a->last_tick_ms;
	a->last_tick_ms = now;
}

/* Nothing left to do: stop the timer and free the handle (this may run
 * from a completion callback); uv_run() returns once libuv closed both. */
static void finish(app *a)
{
	on_tick(&a->tick); /* the gap since the last tick counts too */
	uv_timer_stop(&a->tick);
	uv_close((uv_handle_t *)&a->tick, NULL);
	gosend_async_free(a->as);
}

static void on_sent(gosend_async_call *call, int err, void *result,
                    gosend_error *e, void *payload)
{
	app *a = payload;
	gosend_message_result *res = result;

	(void)call;
	if (err == 0) {
		if (res->id_known)
			printf("%s\n", res->id);
		else
			printf("accepted, id unknown (idempotency key %s)\n",
			       res->meta->idempotency_key);
		gosend_message_result_free(res);
	} else {
		print_error(err, e);
		if (e->idempotency_key)
			fprintf(stderr,
			        "async_libuv: idempotency key: %s (%s)\n",
			        e->idempotency_key,
			        gosend_error_is_retryable(e)
			                ? "safe to send again with it"
			                : "do not send it again as is");
		if (a->status == 0)
			a->status = exit_code(err);
		gosend_error_free(e);
	}
	if (--a->pending == 0)
		finish(a);
}

/* Start every send; the loop runs them. */
static int start_sends(app *a, const char *pnid, const char *to,
                       unsigned long count)
{
	gosend_error *e = NULL;
	unsigned long i;
	char body[64];
	int err;

	for (i = 1; i <= count; i++) {
		(void)snprintf(body, sizeof(body), "message %lu of %lu", i,
		               count);
		err = gosend_async_messages_send_text(
		        a->as, pnid, to, body, NULL, on_sent, a, NULL, &e);
		if (err < 0) { /* refused at once: nothing of it was sent */
			print_error(err, e);
			gosend_error_free(e);
			return err;
		}
		a->pending++;
	}
	return 0;
}

static int run(gosend_client *client, const char *pnid, const char *to,
               unsigned long count)
{
	uv_loop_t *loop = uv_default_loop();
	gosend_error *e = NULL;
	app a = {0};
	int err;

	err = gosend_libuv_attach(loop, &a.as, client, NULL, &e);
	if (err < 0) {
		if (e)
			print_error(err, e);
		gosend_error_free(e);
		return exit_code(err);
	}
	uv_timer_init(loop, &a.tick);
	a.tick.data = &a;
	a.last_tick_ms = uv_hrtime() / 1000000;
	uv_timer_start(&a.tick, on_tick, 10, 10);
	err = start_sends(&a, pnid, to, count);
	if (err < 0) {
		a.status = exit_code(err);
		if (a.pending == 0)
			finish(&a);
		else
			gosend_async_free(a.as); /* the others are cancelled */
	}
	uv_run(loop, UV_RUN_DEFAULT);
	printf("max_tick_gap_ms=%llu\n", (unsigned long long)a.max_gap_ms);
	uv_loop_close(loop);
	return a.status;
}

int main(int argc, char **argv)
{
	gosend_client *client = NULL;
	gosend_error *e = NULL;
	unsigned long count;
	char *to = NULL, *end = NULL;
	int err, status;

	if (argc != 4) {
		fprintf(stderr,
		        "usage: async_libuv PHONE_NUMBER_ID TO COUNT\n");
		return 2;
	}
	count = strtoul(argv[3], &end, 10);
	if (*argv[3] < '0' || *argv[3] > '9' || *end || count < 1 ||
	    count > 100000) {
		fprintf(stderr, "async_libuv: COUNT must be 1 to 100000\n");
		return 2;
	}
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr,
		        "async_libuv: set GOSENDAPI_KEY to your API key "
		        "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_phone_normalize(&to, argv[2], &e);
	if (err == 0)
		err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		print_error(err, e);
		gosend_error_free(e);
		gosend_free(to);
		return exit_code(err);
	}
	status = run(client, argv[1], to, count);
	gosend_free(to);
	gosend_client_free(client);
	return status;
}
