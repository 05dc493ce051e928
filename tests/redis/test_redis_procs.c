/*
 * One limit over many processes: three processes (this program run again
 * as "child") send 100 messages each, one at a time, through one client
 * each whose limiter is the Redis limiter on one key, against one mock
 * that enforces 50 requests per Unix second, and one real redis-server.
 *
 * Shared: no 429 at all, every message stored once (300 stored, 300
 * distinct ids returned), and the run not faster than the limit allows
 * (300 requests need six seconds of the server's: more than 5 s).
 * Redis killed after the first 100: every message still stored exactly
 * once (each process falls back to a third of the rate), and the run ends
 * within the documented bound.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/redis.h"
#include "gsmock.h"
#include "redisserver.h"

#define KEY   "gsk_test_procs0123456789abcdef"
#define PNID  "555123456789"
#define PROCS 3
#define EACH  100
#define RATE  50

static void child_log(int level, const char *line, void *payload)
{
	(void)payload;
	fprintf(stderr, "child %d [%d]: %s\n", (int)getpid(), level, line);
}

/* The child: send `EACH` messages, print each id on a line; exit 0 when
 * every send succeeded. */
static int child(const char *base, const char *redis, int idx)
{
	gosend_redis_limiter_options ro = GOSEND_REDIS_LIMITER_OPTIONS_INIT;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_limiter *l = NULL;
	gosend_client *c = NULL;
	gosend_error *e = NULL;
	int i, failed = 0;

	ro.url = redis;
	ro.api_key = KEY;
	ro.rate_per_second = RATE;
	ro.fallback_share = 1.0 / PROCS;
	ro.retry_ms = 60000;
	ro.log = child_log;
	if (gosend_redis_limiter_new(&l, &ro, &e) != 0)
		return 2;
	o.base_url = base;
	o.limiter = l;
	o.max_retries = 6;
	if (gosend_client_new(&c, KEY, &o, &e) != 0)
		return 2;
	for (i = 0; i < EACH; i++) {
		gosend_message_result *res = NULL;
		char to[32];
		snprintf(to, sizeof(to), "54911%03d%05d", idx, i);
		if (gosend_messages_send_text(&res, c, PNID, to, "hi", NULL,
		                              &e) != 0) {
			fprintf(stderr, "send %d: %s\n", i, e->message);
			gosend_error_free(e);
			failed++;
			continue;
		}
		printf("%s\n", res->id ? res->id : "(none)");
		gosend_message_result_free(res);
	}
	fflush(stdout);
	gosend_client_free(c);
	gosend_limiter_free(l);
	return failed ? 1 : 0;
}

typedef struct run {
	pid_t pid[PROCS];
	FILE *out[PROCS];
} run;

static void spawn(run *rn, const char *base, const char *redis)
{
	int i;

	for (i = 0; i < PROCS; i++) {
		int fd[2];
		char idx[8];
		assert_int_equal(pipe(fd), 0);
		snprintf(idx, sizeof(idx), "%d", i);
		rn->pid[i] = fork();
		assert_true(rn->pid[i] >= 0);
		if (rn->pid[i] == 0) {
			/* a fresh image: no thread of the parent's is
			 * copied into the child's state */
			dup2(fd[1], 1);
			close(fd[0]);
			close(fd[1]);
			execl("/proc/self/exe", "test_redis_procs", "child",
			      base, redis, idx, (char *)NULL);
			_exit(127);
		}
		close(fd[1]);
		rn->out[i] = fdopen(fd[0], "r");
		assert_non_null(rn->out[i]);
	}
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Wait for the children; every one must succeed and the ids returned
 * must be PROCS x EACH distinct ones. */
static void reap(run *rn)
{
	char *ids[PROCS * EACH + 1], line[256];
	size_t n = 0, i;
	int k, status;

	for (k = 0; k < PROCS; k++) {
		while (fgets(line, sizeof(line), rn->out[k])) {
			line[strcspn(line, "\n")] = '\0';
			assert_true(n < PROCS * EACH);
			ids[n++] = strdup(line);
		}
		fclose(rn->out[k]);
		assert_int_equal(waitpid(rn->pid[k], &status, 0), rn->pid[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(n, PROCS * EACH);
	qsort(ids, n, sizeof(ids[0]), by_string);
	for (i = 0; i + 1 < n; i++)
		assert_string_not_equal(ids[i], ids[i + 1]);
	for (i = 0; i < n; i++)
		free(ids[i]);
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

typedef struct fixture {
	test_redis redis;
	gsmock *mock;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	gsmock_options mo;

	memset(&mo, 0, sizeof(mo));
	mo.fixed_key = KEY;
	if (!f || test_redis_start(&f->redis) != 0 ||
	    gsmock_start(&f->mock, &mo) != 0) {
		free(f);
		return -1;
	}
	gsmock_set_rate_limit(f->mock, RATE, 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	test_redis_stop(&f->redis, 0);
	gsmock_stop(f->mock);
	free(f);
	return 0;
}

static void test_procs__one_limit(void **state)
{
	fixture *f = *state;
	run rn;
	long long t0 = mono_ms(), took;

	spawn(&rn, gsmock_base_url(f->mock), f->redis.url);
	reap(&rn);
	took = mono_ms() - t0;
	assert_int_equal(gsmock_rejected_count(f->mock), 0);
	assert_int_equal(gsmock_message_count(f->mock), PROCS * EACH);
	assert_int_equal(gsmock_request_count(f->mock), PROCS * EACH);
	/* six seconds of the server's at least */
	assert_true(took > 5000);
	/* and not far above the ideal 6 s (a loaded machine's margin) */
	assert_true(took < 20000);
	print_message("3 x 100 at %d/s: %lld ms, 0 429s\n", RATE, took);
}

static void test_procs__redis_killed(void **state)
{
	fixture *f = *state;
	run rn;
	long long t0 = mono_ms(), took;
	struct timespec ts = {0, 5000000};

	spawn(&rn, gsmock_base_url(f->mock), f->redis.url);
	/* a third of the run on Redis, then none */
	while (gsmock_message_count(f->mock) < EACH && mono_ms() - t0 < 30000)
		nanosleep(&ts, NULL);
	test_redis_stop(&f->redis, 1);
	reap(&rn);
	took = mono_ms() - t0;
	assert_int_equal(gsmock_message_count(f->mock), PROCS * EACH);
	/* docs/scaling.md: no 429 (each fallback at a third of the rate,
	 * from the next second) and about 7 s: the rest at the fallbacks'
	 * rate plus the detection (a refused connection: at once) and the
	 * next second; bounded with a factor of 2 */
	assert_int_equal(gsmock_rejected_count(f->mock), 0);
	assert_true(took < 2 * 7000);
	print_message("Redis killed after %d: %lld ms, %zu 429s\n", EACH, took,
	              gsmock_rejected_count(f->mock));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_procs__one_limit, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_procs__redis_killed, setup,
	                                        teardown),
	};

	if (argc == 5 && strcmp(argv[1], "child") == 0)
		return child(argv[2], argv[3], atoi(argv[4]));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
