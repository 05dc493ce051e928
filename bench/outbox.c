/*
 * bench-outbox: what the durable outbox costs over a plain bulk send, on
 * the mock (gosendapi-mock), through the public API and the shared
 * library. Driven by bench/outbox.sh (see bench/README.md).
 *
 *   bench-outbox bulk   N URL C         gosend_messages_send_bulk of N text
 *                                       messages, concurrency C, default
 *                                       options (a record per message)
 *   bench-outbox outbox N URL C DB [relaxed]
 *                                       the same N messages enqueued into
 *                                       the outbox DB (one transaction),
 *                                       then gosend_outbox_run at
 *                                       concurrency C; with "relaxed",
 *                                       synchronous=NORMAL commits
 *
 * Prints one line: mode, count, seconds of the send (the run; the
 * enqueue is given apart), per second, peak RSS (kB) of the whole
 * program.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/outbox.h"

#define KEY  "gsk_test_bench0123456789"
#define FROM "555123456789"
#define TO   "5491140123456"
#define TEXT                                                                  \
	"Hola! Tu pedido #100001 fue despachado y llega manana entre 9 y 13 " \
	"hs. Gracias por tu compra."

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void die(const char *what, gosend_error *e)
{
	fprintf(stderr, "bench-outbox: %s%s%s\n", what, e ? ": " : "",
	        e ? e->message : "");
	exit(1);
}

static gosend_client *client(const char *url, int conc)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	o.base_url = url;
	o.pool_size = conc > 8 ? (unsigned int)conc : 8;
	if (gosend_client_new(&c, KEY, &o, &e) != 0)
		die("client", e);
	return c;
}

static void bench_bulk(long n, const char *url, int conc)
{
	gosend_client *c = client(url, conc);
	gosend_outgoing **m = calloc((size_t)n, sizeof(*m));
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	gosend_error *e = NULL;
	double t0, secs;
	long i;

	if (!m)
		die("out of memory", NULL);
	for (i = 0; i < n; i++) {
		if (gosend_outgoing_text_new(&m[i], FROM, TO, TEXT, &e) != 0)
			die("builder", e);
	}
	o.concurrency = (unsigned int)conc;
	t0 = now_s();
	if (gosend_messages_send_bulk(&res, c,
	                              (const gosend_outgoing *const *)m,
	                              (size_t)n, &o, &e) != 0 ||
	    res->succeeded != (size_t)n)
		die("bulk send failed", e);
	secs = now_s() - t0;
	printf("mode=bulk n=%ld seconds=%.4f per_sec=%.1f maxrss_kb=%ld\n", n,
	       secs, (double)n / secs, maxrss_kb());
	gosend_bulk_result_free(res);
	for (i = 0; i < n; i++)
		gosend_outgoing_free(m[i]);
	free(m);
	gosend_client_free(c);
}

/* Enqueue n messages in one transaction; the seconds it took. */
static double enqueue(gosend_outbox *ob, long n)
{
	gosend_outgoing *m = NULL;
	gosend_error *e = NULL;
	double t0 = now_s();
	long i;

	if (gosend_outgoing_text_new(&m, FROM, TO, TEXT, &e) != 0 ||
	    gosend_outbox_begin(ob, &e) != 0)
		die("enqueue", e);
	for (i = 0; i < n; i++) {
		if (gosend_outbox_enqueue(ob, "bench", m, NULL, NULL, &e) != 0)
			die("enqueue", e);
	}
	if (gosend_outbox_commit(ob, &e) != 0)
		die("commit", e);
	gosend_outgoing_free(m);
	return now_s() - t0;
}

static void bench_outbox(long n, const char *url, int conc, const char *db,
                         int relaxed)
{
	gosend_outbox_options oo = GOSEND_OUTBOX_OPTIONS_INIT;
	gosend_outbox_run_options ro = GOSEND_OUTBOX_RUN_OPTIONS_INIT;
	gosend_client *c = client(url, conc);
	gosend_outbox *ob = NULL;
	gosend_outbox_counts counts;
	gosend_error *e = NULL;
	double t0, secs, enq;

	oo.relaxed_durability = relaxed;
	if (gosend_outbox_open(&ob, db, &oo, &e) != 0)
		die("open", e);
	enq = enqueue(ob, n);
	ro.concurrency = (unsigned int)conc;
	t0 = now_s();
	if (gosend_outbox_run(ob, c, "bench", &ro, &counts, &e) != 0 ||
	    counts.by_state[GOSEND_OUTBOX_SENT] != (size_t)n)
		die("run failed", e);
	secs = now_s() - t0;
	printf("mode=outbox%s n=%ld seconds=%.4f per_sec=%.1f maxrss_kb=%ld "
	       "enqueue_seconds=%.4f\n",
	       relaxed ? "-relaxed" : "", n, secs, (double)n / secs,
	       maxrss_kb(), enq);
	gosend_outbox_close(ob);
	gosend_client_free(c);
}

int main(int argc, char **argv)
{
	long n;
	int conc;

	if (argc < 5) {
		fprintf(stderr,
		        "usage: bench-outbox bulk N URL C | outbox N URL "
		        "C DB [relaxed]\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 10);
	conc = (int)strtol(argv[4], NULL, 10);
	if (n <= 0 || conc <= 0)
		die("N and C must be positive", NULL);
	if (strcmp(argv[1], "bulk") == 0)
		bench_bulk(n, argv[3], conc);
	else if (strcmp(argv[1], "outbox") == 0 && argc >= 6)
		bench_outbox(n, argv[3], conc, argv[5],
		             argc > 6 && strcmp(argv[6], "relaxed") == 0);
	else
		die("unknown mode", NULL);
	return 0;
}
