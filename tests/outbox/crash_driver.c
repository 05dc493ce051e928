/*
 * The program the crash test kills: opens the outbox DB, enqueues COUNT
 * text messages in one transaction when the campaign is empty, and runs
 * it against the mock at URL at RATE requests per second. Prints "run"
 * when the campaign is stored and the run starts, "commit" as each of the
 * run's commits (marks ahead, results) is made, and the counts at the
 * end; exits 0 when every item has an outcome.
 *
 *     outbox_crash_driver DB URL COUNT RATE
 */
#include <stdio.h>
#include <stdlib.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/outbox.h"
#include "outbox/store.h"

#define CAMPAIGN "crash"

static int fail(const char *what, int rc, gosend_error *e)
{
	fprintf(stderr, "outbox_crash_driver: %s: %s\n", what,
	        e ? e->message : gosend_strerror(rc));
	gosend_error_free(e);
	return 1;
}

/* The campaign, unless an earlier run stored it (all of it: one
 * transaction). */
static int load(gosend_outbox *ob, long count)
{
	gosend_outbox_counts c;
	gosend_error *e = NULL;
	char body[160];
	long i;
	int rc = gosend_outbox_count(ob, CAMPAIGN, &c, &e);

	if (rc != 0)
		return fail("count", rc, e);
	if (c.total)
		return 0;
	rc = gosend_outbox_begin(ob, &e);
	for (i = 0; rc == 0 && i < count; i++) {
		(void)snprintf(body, sizeof(body),
		               "{\"phone_number_id\":\"555123456789\",\"to\":"
		               "\"549110%07ld\",\"type\":\"text\",\"text\":{"
		               "\"body\":\"message %ld\"}}",
		               i, i);
		rc = gosend_outbox_enqueue_json(ob, CAMPAIGN, body, NULL, NULL,
		                                &e);
	}
	if (rc == 0)
		rc = gosend_outbox_commit(ob, &e);
	return rc == 0 ? 0 : fail("enqueue", rc, e);
}

/* A line per commit, so that the test kills at moments of progress. */
static int on_commit(void *payload)
{
	(void)payload;
	printf("commit\n");
	fflush(stdout);
	return 0; /* the commit goes on */
}

static int run(gosend_outbox *ob, const char *url, double rate, long count)
{
	gosend_client_options co = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_outbox_run_options ro = GOSEND_OUTBOX_RUN_OPTIONS_INIT;
	gosend_outbox_counts c;
	gosend_client *client = NULL;
	gosend_error *e = NULL;
	int rc;

	co.base_url = url;
	co.rate_per_second = rate;
	co.retry_base_ms = 10;
	co.retry_max_ms = 40;
	rc = gosend_client_new(&client, "gsk_test_crash0001", &co, &e);
	if (rc != 0)
		return fail("client", rc, e);
	/* many commits, each a small part of the campaign: many moments to
	 * die in, and twenty runs killed after a few commits each leave
	 * most of it to send */
	ro.commit_every = count / 200 > 2 ? (unsigned int)(count / 200) : 2;
	printf("run\n");
	fflush(stdout);
	(void)sqlite3_commit_hook(gosend__outbox_db(ob), on_commit, NULL);
	ro.concurrency = 8;
	rc = gosend_outbox_run(ob, client, CAMPAIGN, &ro, &c, &e);
	gosend_client_free(client);
	if (rc != 0)
		return fail("run", rc, e);
	printf("sent %zu accepted %zu failed %zu review %zu in_flight %zu "
	       "pending %zu\n",
	       c.by_state[GOSEND_OUTBOX_SENT],
	       c.by_state[GOSEND_OUTBOX_ACCEPTED],
	       c.by_state[GOSEND_OUTBOX_FAILED],
	       c.by_state[GOSEND_OUTBOX_REVIEW],
	       c.by_state[GOSEND_OUTBOX_IN_FLIGHT],
	       c.by_state[GOSEND_OUTBOX_PENDING]);
	return 0;
}

int main(int argc, char **argv)
{
	gosend_outbox *ob = NULL;
	gosend_error *e = NULL;
	int rc;

	if (argc != 5) {
		fprintf(stderr,
		        "usage: outbox_crash_driver DB URL COUNT RATE\n");
		return 2;
	}
	rc = gosend_outbox_open(&ob, argv[1], NULL, &e);
	if (rc != 0)
		return fail("open", rc, e);
	rc = load(ob, strtol(argv[3], NULL, 10));
	if (rc == 0)
		rc = run(ob, argv[2], strtod(argv[4], NULL),
		         strtol(argv[3], NULL, 10));
	gosend_outbox_close(ob);
	return rc;
}
