/*
 * async_poll: send COUNT text messages from a plain poll(2) loop, with no
 * event library at all, without ever blocking it.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] \
 *        async_poll PHONE_NUMBER_ID TO COUNT
 *
 * The COUNT sends ("message 1 of COUNT", ...) all start at once on an
 * async handle run by the minimal loop of gosendapi/adapters/poll.h; the
 * program turns that loop itself, one round at a time, and does its own
 * work between rounds: here a tick every 10 ms. Each sent message's id is
 * printed when its send completes, a failed send's error goes to stderr,
 * and the last line is max_tick_gap_ms=N: the longest time between two
 * ticks (a blocking send would show its whole round trip).
 *
 * Exit codes shared by every example: 0 success (every message sent), 1
 * API error (the HTTP status and the server's message go to stderr), 2
 * usage error, 3 network error or timeout; with several failures, the
 * first one's.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime() under strict ISO C */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gosendapi/adapters/poll.h>
#include <gosendapi/async.h>
#include <gosendapi/gosendapi.h>
#include <gosendapi/phone.h>

#define TICK_MS 10

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
		fprintf(stderr, "async_poll: HTTP %ld: %s\n", e->http_status,
		        e->message);
	else if (e->field)
		fprintf(stderr, "async_poll: %s (%s)\n", e->message, e->field);
	else
		fprintf(stderr, "async_poll: %s: %s\n", gosend_strerror(err),
		        e->message);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int status; /* the exit status: the first failure's */

static void on_sent(gosend_async_call *call, int err, void *result,
                    gosend_error *e, void *payload)
{
	gosend_message_result *res = result;

	(void)call;
	(void)payload;
	if (err == 0) {
		if (res->id_known)
			printf("%s\n", res->id);
		else
			printf("accepted, id unknown (idempotency key %s)\n",
			       res->meta->idempotency_key);
		gosend_message_result_free(res);
		return;
	}
	print_error(err, e);
	if (e->idempotency_key)
		fprintf(stderr, "async_poll: idempotency key: %s (%s)\n",
		        e->idempotency_key,
		        gosend_error_is_retryable(e)
		                ? "safe to send again with it"
		                : "do not send it again as is");
	if (status == 0)
		status = exit_code(err);
	gosend_error_free(e);
}

/* The program's loop: a round of the handle's loop, at most until the
 * next tick, then the tick when it is due; until every send completed. */
static int run(gosend_poll_loop *loop)
{
	long long next = now_ms() + TICK_MS, last = now_ms(), gap = 0;
	int err = 0;

	for (;;) {
		long long now = now_ms();
		int more = err == 0 && gosend_async_pending(loop->as);
		if (now >= next || !more) { /* tick (and the gap to the end) */
			if (now - last > gap)
				gap = now - last;
			last = now;
			next = now + TICK_MS;
		}
		if (!more)
			break;
		err = gosend_poll_run_once(loop, (long)(next - now));
	}
	printf("max_tick_gap_ms=%lld\n", gap);
	return err;
}

int main(int argc, char **argv)
{
	gosend_client *client = NULL;
	gosend_error *e = NULL;
	gosend_poll_loop loop;
	gosend_async *as = NULL;
	unsigned long count, i;
	char *to = NULL, *end = NULL, body[64];
	int err;

	if (argc != 4) {
		fprintf(stderr, "usage: async_poll PHONE_NUMBER_ID TO COUNT\n");
		return 2;
	}
	count = strtoul(argv[3], &end, 10);
	if (*argv[3] < '0' || *argv[3] > '9' || *end || count < 1 ||
	    count > 100000) {
		fprintf(stderr, "async_poll: COUNT must be 1 to 100000\n");
		return 2;
	}
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "async_poll: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	gosend_poll_init(&loop);
	err = gosend_phone_normalize(&to, argv[2], &e);
	if (err == 0)
		err = gosend_client_new_from_env(&client, NULL, &e);
	if (err == 0)
		err = gosend_poll_attach(&loop, &as, client, NULL, &e);
	for (i = 1; err == 0 && i <= count; i++) {
		(void)snprintf(body, sizeof(body), "message %lu of %lu", i,
		               count);
		err = gosend_async_messages_send_text(
		        as, argv[1], to, body, NULL, on_sent, NULL, NULL, &e);
	}
	if (err < 0) { /* refused at once: nothing of that call was sent */
		print_error(err, e);
		gosend_error_free(e);
		status = exit_code(err);
	}
	if (as && run(&loop) < 0 && status == 0) {
		fprintf(stderr, "async_poll: the loop failed\n");
		status = 1;
	}
	gosend_async_free(as); /* cancels what is left, if anything */
	gosend_poll_dispose(&loop);
	gosend_client_free(client);
	gosend_free(to);
	return status;
}
