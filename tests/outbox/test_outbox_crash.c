/*
 * The crash test: a campaign of GOSEND_CRASH_COUNT (2,000) messages run by
 * a separate program (crash_driver.c) against the in-process mock, killed
 * with SIGKILL 20 times in a row, each run resuming the same file, then
 * run to its end. The mock must have stored every message exactly once
 * (by its key) and the file must say every one was sent with the id the
 * mock gave. Each kill comes right after the driver's N-th commit of the
 * run (it prints a line per commit; N from 1 to COUNT / 100), so that
 * kills land mid-campaign at moments of progress however fast or slow the
 * build is: every run is killed, with items still pending. N comes from a
 * seed printed first (GOSEND_CRASH_SEED repeats a run).
 *
 *     test_outbox_crash DRIVER
 */
#define _GNU_SOURCE
#include "wiresupport.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gosendapi/outbox.h"

#define KILLS 20
#define RATE  "500"

static const char *driver;

/* Start the driver on db; its pid, and *out the read end of its
 * stdout. */
static pid_t spawn(const char *db, const char *url, const char *count, int *out)
{
	int fds[2];
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	fflush(stdout); /* the child must not write our buffer again */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(98);
		close(fds[0]);
		close(fds[1]);
		execl(driver, driver, db, url, count, RATE, (char *)NULL);
		_exit(99);
	}
	close(fds[1]);
	*out = fds[0];
	return pid;
}

/* Read the driver's output until its n-th line (1), or it ended (0). */
static int wait_lines(int fd, int n)
{
	char buf[256];
	ssize_t got;
	int seen = 0;

	while (seen < n && (got = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t k;
		for (k = 0; k < got; k++)
			seen += buf[k] == '\n';
	}
	return seen >= n;
}

/* Items of the campaign still pending in db. */
static size_t pending_in(const char *db)
{
	gosend_outbox *ob = NULL;
	gosend_outbox_counts c;

	assert_int_equal(gosend_outbox_open(&ob, db, NULL, NULL), 0);
	assert_int_equal(gosend_outbox_count(ob, "crash", &c, NULL), 0);
	gosend_outbox_close(ob);
	return c.by_state[GOSEND_OUTBOX_PENDING];
}

/* Every item sent once with the id the mock gave for its key. */
static void check_file(gsmock *mock, const char *db, long count)
{
	const gosend_outbox_item *it = NULL;
	gosend_outbox_iter *iter = NULL;
	gosend_outbox *ob = NULL;
	gosend_outbox_counts c;
	long n = 0;

	assert_int_equal(gosend_outbox_open(&ob, db, NULL, NULL), 0);
	assert_int_equal(gosend_outbox_count(ob, "crash", &c, NULL), 0);
	assert_int_equal(c.total, (size_t)count);
	assert_int_equal(c.by_state[GOSEND_OUTBOX_SENT], (size_t)count);
	assert_int_equal(gosend_outbox_iter_new(&iter, ob, "crash", -1, NULL),
	                 0);
	while (gosend_outbox_iter_next(&it, iter, NULL) == 1) {
		assert_int_equal(it->state, GOSEND_OUTBOX_SENT);
		assert_int_equal(
		        gsmock_message_count_by_key(mock, it->idempotency_key),
		        1);
		assert_non_null(it->message_id);
		n++;
	}
	gosend_outbox_iter_free(iter);
	gosend_outbox_close(ob);
	assert_int_equal(n, count);
}

static void test_crash__killed_twenty_times(void **state)
{
	ts_fx *f = *state;
	const char *env_seed = getenv("GOSEND_CRASH_SEED");
	const char *env_count = getenv("GOSEND_CRASH_COUNT");
	unsigned int seed =
	        env_seed ? (unsigned int)strtoul(env_seed, NULL, 10)
	                 : (unsigned int)time(NULL) ^ (unsigned int)getpid();
	const char *count = env_count ? env_count : "2000";
	char dir[] = "/tmp/gosend-crash-XXXXXX", db[64], cmd[96];
	int i, killed = 0, status = 0, fd, commits;
	size_t pending;
	pid_t pid;

	printf("crash test: seed %u (GOSEND_CRASH_SEED=%u repeats it), %s "
	       "messages\n",
	       seed, seed, count);
	srand(seed);
	assert_non_null(mkdtemp(dir));
	(void)snprintf(db, sizeof(db), "%s/campaign.db", dir);
	for (i = 0; i < KILLS; i++) {
		/* after the line "run" and `commits` commit lines (about
		 * two per commit_every items: a run kills itself at most a
		 * tenth of the way in) */
		commits = 1 + rand() % (int)(strtol(count, NULL, 10) / 100 + 1);
		pid = spawn(db, gsmock_base_url(f->mock), count, &fd);
		(void)wait_lines(fd, 1 + commits);
		(void)kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		close(fd);
		killed += WIFSIGNALED(status);
		pending = pending_in(db);
		printf("run %2d: SIGKILL after commit %d: %s, %zu messages "
		       "stored, %zu pending\n",
		       i + 1, commits,
		       WIFSIGNALED(status) ? "killed" : "had already ended",
		       gsmock_message_count(f->mock), pending);
		fflush(stdout);
		assert_true(pending > 0); /* killed mid-campaign */
	}
	pid = spawn(db, gsmock_base_url(f->mock), count, &fd);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(fd);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	printf("final run: %zu messages stored, %zu requests\n",
	       gsmock_message_count(f->mock), gsmock_request_count(f->mock));
	assert_int_equal(killed, KILLS); /* each run was killed mid-way */
	assert_int_equal(gsmock_message_count(f->mock),
	                 (size_t)strtol(count, NULL, 10));
	check_file(f->mock, db, strtol(count, NULL, 10));
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	*state = ts_fx_new(sizeof(ts_fx), "gsk_test_crash0001", NULL);
	return 0;
}

static int teardown(void **state)
{
	ts_fx_free(*state);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_crash__killed_twenty_times,
	                                        setup, teardown),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: test_outbox_crash DRIVER\n");
		return 2;
	}
	driver = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
