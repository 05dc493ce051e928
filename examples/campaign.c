/*
 * campaign: send one text to every number of a file, surviving a crash.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] \
 *        campaign STATE.db PHONE_NUMBER_ID NUMBERS.txt TEXT
 *
 * NUMBERS.txt holds one recipient per line, written as people do
 * ("+54 9 11 4012-3456"). The first run stores the whole campaign in the
 * outbox STATE.db (one transaction: all of it or nothing), each message
 * with its own Idempotency-Key; a line that is not a phone number is
 * recorded as failed with its line number and never sent. Then the
 * messages are sent, a progress line every half second on stderr.
 *
 * Stop it any way you like: Ctrl-C stops cleanly, and a kill, a crash or a
 * reboot loses nothing. Run the same command again and it resumes: the
 * messages already sent are not sent again, and those whose fate was
 * unknown are sent again with their first key, so the API stores each
 * message once.
 *
 * At the end the failed messages are printed as JSON lines on stdout.
 * Exit codes: 0 every message sent, 1 some failed or need a person's
 * review, 2 usage error, 3 the outbox file cannot be used, 130 stopped by
 * Ctrl-C (run it again to resume).
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#define _POSIX_C_SOURCE 200809L /* sigaction */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/outbox.h>

static gosend_outbox *ob;

static void on_sigint(int sig)
{
	(void)sig;
	gosend_outbox_cancel(ob); /* only sets a flag: safe here */
}

static int fail(const char *what, gosend_error *e, int code)
{
	fprintf(stderr, "campaign: %s: %s\n", what, e ? e->message : "failed");
	gosend_error_free(e);
	return code;
}

/* Store one line: a text to its number, or the bad line as failed. */
static int store_line(const char *campaign, const char *pnid, char *line,
                      long n, const char *text, gosend_error **e)
{
	gosend_outgoing *msg = NULL;
	char *to = NULL, where[32];
	int rc;

	line[strcspn(line, "\r\n")] = '\0';
	if (!line[0])
		return 0; /* blank lines are not recipients */
	(void)snprintf(where, sizeof(where), "line %ld", n);
	if (gosend_phone_normalize(&to, line, NULL) != 0)
		return gosend_outbox_record_invalid(ob, campaign, where,
		                                    "not a phone number", e);
	rc = gosend_outgoing_text_new(&msg, pnid, to, text, e);
	if (rc == 0)
		rc = gosend_outbox_enqueue(ob, campaign, msg, NULL, NULL, e);
	gosend_outgoing_free(msg);
	gosend_free(to);
	return rc;
}

/* The first run stores the campaign; later runs find it there. */
static int load(const char *campaign, const char *pnid, const char *text)
{
	gosend_outbox_counts c;
	gosend_error *e = NULL;
	char line[256];
	long n = 0;
	FILE *fp;
	int rc;

	if (gosend_outbox_count(ob, campaign, &c, &e) != 0)
		return fail("count", e, 3);
	if (c.total)
		return 0; /* stored by an earlier run: resume */
	fp = fopen(campaign, "r");
	if (!fp) {
		perror(campaign);
		return 2;
	}
	rc = gosend_outbox_begin(ob, &e);
	while (rc == 0 && fgets(line, sizeof(line), fp))
		rc = store_line(campaign, pnid, line, ++n, text, &e);
	fclose(fp);
	if (rc == 0)
		rc = gosend_outbox_commit(ob, &e);
	if (rc != 0) {
		gosend_outbox_rollback(ob);
		return fail("storing the campaign", e,
		            rc == GOSEND_EINVAL ? 2 : 3);
	}
	return 0;
}

static int progress(const gosend_outbox_progress *p, void *payload)
{
	(void)payload;
	fprintf(stderr, "campaign: %zu/%zu this run, %zu sent, %zu failed\n",
	        p->done_this_run, p->todo_this_run,
	        p->counts.by_state[GOSEND_OUTBOX_SENT] +
	                p->counts.by_state[GOSEND_OUTBOX_ACCEPTED],
	        p->counts.by_state[GOSEND_OUTBOX_FAILED]);
	return 0;
}

static int print_line(const char *line, size_t len, void *payload)
{
	(void)payload;
	return fwrite(line, 1, len, stdout) != len;
}

static int send_all(const char *campaign)
{
	gosend_outbox_run_options o = GOSEND_OUTBOX_RUN_OPTIONS_INIT;
	gosend_client *client = NULL;
	gosend_outbox_counts c;
	gosend_error *e = NULL;
	int rc;

	if (gosend_client_new_from_env(&client, NULL, &e) != 0)
		return fail("client", e, 2);
	o.progress = progress;
	rc = gosend_outbox_run(ob, client, campaign, &o, &c, &e);
	gosend_client_free(client);
	if (rc == GOSEND_ECANCELED) {
		gosend_error_free(e);
		fprintf(stderr, "campaign: stopped; run the same command again "
		                "to resume\n");
		return 130;
	}
	if (rc != 0)
		return fail("run", e, 3);
	printf("sent %zu, failed %zu, to review %zu\n",
	       c.by_state[GOSEND_OUTBOX_SENT] +
	               c.by_state[GOSEND_OUTBOX_ACCEPTED],
	       c.by_state[GOSEND_OUTBOX_FAILED],
	       c.by_state[GOSEND_OUTBOX_REVIEW]);
	if (gosend_outbox_export(ob, campaign, GOSEND_OUTBOX_FAILED, 0,
	                         print_line, NULL, &e) != 0)
		return fail("report", e, 3);
	return c.by_state[GOSEND_OUTBOX_FAILED] ||
	       c.by_state[GOSEND_OUTBOX_REVIEW];
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	gosend_error *e = NULL;
	int rc;

	if (argc != 5) {
		fprintf(stderr, "usage: campaign STATE.db PHONE_NUMBER_ID "
		                "NUMBERS.txt TEXT\n");
		return 2;
	}
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "campaign: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	if (gosend_outbox_open(&ob, argv[1], NULL, &e) != 0)
		return fail(argv[1], e, 3);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	/* the campaign is named after its file */
	rc = load(argv[3], argv[2], argv[4]);
	if (rc == 0)
		rc = send_all(argv[3]);
	gosend_outbox_close(ob);
	return rc;
}
