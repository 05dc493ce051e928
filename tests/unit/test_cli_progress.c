/* The command-line tool's campaign progress display (cli/progress.c): the
 * ETA's format, the current rate, plain lines only every interval (and
 * always the last), the bar redrawn in place on a terminal. */
#define _POSIX_C_SOURCE 200809L
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cli/progress.h"

static void test_progress__eta_format(void **state)
{
	char b[32];

	(void)state;
	cli_format_eta(b, sizeof b, 0);
	assert_string_equal(b, "0s");
	cli_format_eta(b, sizeof b, 41.6);
	assert_string_equal(b, "42s");
	cli_format_eta(b, sizeof b, 185);
	assert_string_equal(b, "3m05s");
	cli_format_eta(b, sizeof b, 3720);
	assert_string_equal(b, "1h02m");
	cli_format_eta(b, sizeof b, -1);
	assert_string_equal(b, "?");
	cli_format_eta(b, sizeof b, 1e12);
	assert_string_equal(b, "?");
}

/* A report: `done` of `total` items sent, the rest pending. */
static gosend_outbox_progress report(long long ms, size_t done, size_t total)
{
	gosend_outbox_progress p;

	memset(&p, 0, sizeof p);
	p.struct_version = 1;
	p.counts.struct_version = 1;
	p.counts.by_state[GOSEND_OUTBOX_SENT] = done;
	p.counts.by_state[GOSEND_OUTBOX_PENDING] = total - done;
	p.counts.total = total;
	p.done_this_run = done;
	p.todo_this_run = total;
	p.elapsed_ms = ms;
	return p;
}

static void test_progress__rate(void **state)
{
	cli_progress p;
	gosend_outbox_progress r;
	long long t;

	(void)state;
	cli_progress_init(&p, stderr, "gosendapi", NULL, 0, 0);
	assert_true(cli_progress_rate(&p) < 0);
	r = report(200, 10, 1000);
	cli_progress_update(&p, &r, 0);
	assert_true(cli_progress_rate(&p) < 0); /* too early to tell */
	r = report(600, 60, 1000);
	cli_progress_update(&p, &r, 0);
	/* a window under 500 ms: the run's average, 60 in 600 ms */
	assert_true(cli_progress_rate(&p) > 99.9 &&
	            cli_progress_rate(&p) < 100.1);
	r = report(1000, 160, 1000);
	cli_progress_update(&p, &r, 0);
	/* 150 in the 800 ms since the first sample */
	assert_true(cli_progress_rate(&p) > 187.4 &&
	            cli_progress_rate(&p) < 187.6);
	/* then 10 s at 20/s: the window forgets the fast start */
	for (t = 2000; t <= 21000; t += 1000) {
		r = report(t, 160 + (size_t)(t - 1000) / 50, 1000);
		cli_progress_update(&p, &r, 0);
	}
	assert_true(cli_progress_rate(&p) > 19.9 &&
	            cli_progress_rate(&p) < 20.1);
}

static void test_progress__plain_lines(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cli_progress p;
	gosend_outbox_progress r;

	(void)state;
	assert_non_null(f);
	cli_progress_init(&p, f, "gosendapi", "june", 0, 5000);
	r = report(1000, 100, 1000);
	cli_progress_update(&p, &r, 0); /* before the first interval */
	r = report(5000, 500, 1000);
	cli_progress_update(&p, &r, 0);
	r = report(7000, 700, 1000);
	cli_progress_update(&p, &r, 0); /* 2 s after the last line */
	r = report(9000, 1000, 1000);
	cli_progress_update(&p, &r, 1); /* the last: always */
	cli_progress_clear(&p);         /* nothing to clear */
	fclose(f);
	assert_string_equal(buf, "gosendapi: campaign june: 500/1000 done, "
	                         "500 sent, 0 failed, 100.0/s, ETA 5s\n"
	                         "gosendapi: campaign june: 1000/1000 done, "
	                         "1000 sent, 0 failed, 112.5/s, ETA 0s\n");
	free(buf);
}

static void test_progress__bar(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cli_progress p;
	gosend_outbox_progress r;

	(void)state;
	assert_non_null(f);
	cli_progress_init(&p, f, "gosendapi", NULL, 1, 5000);
	r = report(1000, 250, 1000);
	r.counts.by_state[GOSEND_OUTBOX_SENT] = 240;
	r.counts.by_state[GOSEND_OUTBOX_FAILED] = 10;
	cli_progress_update(&p, &r, 0);
	cli_progress_clear(&p);
	fclose(f);
	assert_string_equal(buf, "\r[######..................] 250/1000  "
	                         "sent 240  failed 10  250.0/s  ETA 3s\033[K"
	                         "\r\033[K");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_progress__eta_format),
	        cmocka_unit_test(test_progress__rate),
	        cmocka_unit_test(test_progress__plain_lines),
	        cmocka_unit_test(test_progress__bar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
