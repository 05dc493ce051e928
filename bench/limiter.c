/*
 * bench-limiter: the limiter shared through Redis (libgosendapi-redis),
 * public API only. Run by bench/limiter.sh, which starts redis-server and
 * the mock; see bench/README.md ("Many processes on one key").
 *
 *   bench-limiter procs  MODE N M RATE BASE_URL REDIS_URL
 *       N processes (this program again, "child") send M messages each,
 *       one at a time, on one key; MODE "redis": one shared limiter at
 *       RATE; "local": each process its own in-process limiter at RATE.
 *       Prints the wall time, the 429 answers and the failed sends.
 *   bench-limiter acquire REDIS_URL K
 *       one process takes K slots at a rate no one reaches (10^6/s):
 *       the time of one script run and the slots per second.
 *   bench-limiter acquire1 REDIS_URL K
 *       the same at 99/s, where each round trip takes one slot.
 *   bench-limiter hold   N RATE SECONDS REDIS_URL
 *       N processes take slots as fast as the limiter gives them, no HTTP:
 *       the aggregate slots per second against RATE.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/redis.h>

#define KEY  "gsk_live_benchlimiter0123456789"
#define PNID "555123456789"

static long long mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void nap_ms(long long ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

/* A limiter that counts the 429s reported to the one it wraps. */
typedef struct counting {
	gosend_limiter base;
	gosend_limiter *inner;
	unsigned long n429;
} counting;

static long long c_reserve(gosend_limiter *l, long long *ticket)
{
	long long w = gosend_limiter_reserve(((counting *)l)->inner, ticket);

	/* a ticket of 0 would skip the report: count every attempt */
	if (w == 0 && *ticket == 0)
		*ticket = 1;
	return w;
}

static void c_report(gosend_limiter *l, long long ticket, const gosend_meta *m)
{
	counting *c = (counting *)l;

	if (m && m->http_status == 429)
		__atomic_add_fetch(&c->n429, 1, __ATOMIC_RELAXED);
	if (ticket != 1)
		gosend_limiter_report(c->inner, ticket, m);
}

static gosend_limiter *redis_limiter(const char *url, double rate)
{
	gosend_redis_limiter_options o = GOSEND_REDIS_LIMITER_OPTIONS_INIT;
	gosend_limiter *l = NULL;
	gosend_error *e = NULL;

	o.url = url;
	o.api_key = KEY;
	o.rate_per_second = rate;
	if (gosend_redis_limiter_new(&l, &o, &e) != 0) {
		fprintf(stderr, "redis limiter: %s\n", e ? e->message : "?");
		exit(2);
	}
	return l;
}

static gosend_limiter *local_limiter(double rate)
{
	gosend_local_limiter_options o = GOSEND_LOCAL_LIMITER_OPTIONS_INIT;
	gosend_limiter *l = NULL;

	o.rate_per_second = rate;
	if (gosend_local_limiter_new(&l, &o, NULL) != 0)
		exit(2);
	return l;
}

/* One sending process: "sent FAILED 429S" on stdout. */
static int send_child(const char *mode, int idx, int m, double rate,
                      const char *base, const char *redis)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	counting cl;
	gosend_client *c = NULL;
	int i, failed = 0;

	memset(&cl, 0, sizeof(cl));
	cl.base.version = GOSEND_LIMITER_VERSION;
	cl.base.reserve = c_reserve;
	cl.base.report = c_report;
	cl.inner = strcmp(mode, "redis") == 0 ? redis_limiter(redis, rate)
	                                      : local_limiter(rate);
	o.base_url = base;
	o.limiter = &cl.base;
	o.max_retries = 20;
	o.deadline_ms = GOSEND_NO_DEADLINE;
	if (gosend_client_new(&c, KEY, &o, NULL) != 0)
		return 2;
	for (i = 0; i < m; i++) {
		gosend_message_result *res = NULL;
		char to[32];
		snprintf(to, sizeof(to), "54911%03d%05d", idx, i);
		if (gosend_messages_send_text(&res, c, PNID, to, "hi", NULL,
		                              NULL) != 0)
			failed++;
		gosend_message_result_free(res);
	}
	gosend_client_free(c);
	gosend_limiter_free(cl.inner);
	printf("%d %lu\n", failed, cl.n429);
	return 0;
}

/* Run n children of argv (with the child's index appended); sum the two
 * numbers each prints. */
static void run_children(int n, char **argv, int argc, unsigned long sum[2])
{
	pid_t pid[64];
	FILE *out[64];
	char idx[16];
	int i, st;

	sum[0] = sum[1] = 0;
	for (i = 0; i < n && i < 64; i++) {
		int fd[2];
		if (pipe(fd) != 0)
			exit(2);
		snprintf(idx, sizeof(idx), "%d", i);
		argv[argc] = idx;
		pid[i] = fork();
		if (pid[i] == 0) {
			dup2(fd[1], 1);
			close(fd[0]);
			close(fd[1]);
			execv("/proc/self/exe", argv);
			_exit(127);
		}
		close(fd[1]);
		out[i] = fdopen(fd[0], "r");
	}
	for (i = 0; i < n && i < 64; i++) {
		unsigned long a = 0, b = 0;
		if (fscanf(out[i], "%lu %lu", &a, &b) == 2) {
			sum[0] += a;
			sum[1] += b;
		}
		fclose(out[i]);
		waitpid(pid[i], &st, 0);
	}
}

static int procs(int argc, char **argv)
{
	char *cargv[10];
	unsigned long sum[2];
	long long t0;
	int n = atoi(argv[3]);

	if (argc != 8)
		return 2;
	cargv[0] = "bench-limiter";
	cargv[1] = "send-child";
	memcpy(cargv + 2, argv + 2, 6 * sizeof(char *)); /* mode..redis */
	cargv[9] = NULL;
	t0 = mono_us();
	run_children(n, cargv, 8, sum);
	printf("procs %s: %d x %s at %s/s: %.2f s, %lu 429s, %lu failed\n",
	       argv[2], n, argv[4], argv[5], (double)(mono_us() - t0) / 1e6,
	       sum[1], sum[0]);
	return 0;
}

static int acquire(const char *url, long k, double rate)
{
	gosend_limiter *l = redis_limiter(url, rate);
	gosend_redis_limiter_stats st;
	long long t0, t1, in_reserve = 0, ticket, w;
	long i;

	/* warm: the connection and the script loaded */
	while (gosend_limiter_reserve(l, &ticket) > 0)
		nap_ms(1);
	t0 = mono_us();
	for (i = 0; i < k; i++) {
		for (;;) {
			t1 = mono_us();
			w = gosend_limiter_reserve(l, &ticket);
			in_reserve += mono_us() - t1;
			if (w <= 0)
				break;
			nap_ms(w);
		}
		gosend_limiter_report(l, ticket, NULL);
	}
	t0 = mono_us() - t0;
	gosend_redis_limiter_stats_get(l, &st);
	printf("acquire at %.0f/s: %ld slots in %.3f s: %.0f/s; %llu round "
	       "trips of "
	       "%.1f us each (%.1f slots per trip); %.2f us per slot, %.2f us "
	       "of it in reserve\n",
	       rate, k, (double)t0 / 1e6, (double)k * 1e6 / (double)t0,
	       st.round_trips,
	       st.round_trips
	               ? (double)st.round_trip_us / (double)st.round_trips
	               : 0.0,
	       st.round_trips ? (double)st.granted / (double)st.round_trips
	                      : 0.0,
	       (double)t0 / (double)k, (double)in_reserve / (double)k);
	gosend_limiter_free(l);
	return 0;
}

static long long wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One process of "hold": take slots as fast as they come until the end
 * of the measured seconds [from_s, from_s + secs); print how many were
 * taken in them. */
static int hold_child(double rate, int secs, const char *url, long long from_s)
{
	gosend_limiter *l = redis_limiter(url, rate);
	long long ticket, w, now;
	unsigned long n = 0;

	while ((now = wall_ms()) < (from_s + secs) * 1000) {
		w = gosend_limiter_reserve(l, &ticket);
		if (w > 0) {
			nap_ms(w);
			continue;
		}
		if (now >= from_s * 1000)
			n++;
	}
	gosend_limiter_free(l);
	printf("0 %lu\n", n);
	return 0;
}

static int hold(int argc, char **argv)
{
	char *cargv[8], from[24];
	unsigned long sum[2];
	double rate;
	int n, secs;

	if (argc != 6)
		return 2;
	n = atoi(argv[2]);
	rate = atof(argv[3]);
	secs = atoi(argv[4]);
	/* the measured seconds start 2 s from now: every process is up */
	snprintf(from, sizeof(from), "%lld", wall_ms() / 1000 + 2);
	cargv[0] = "bench-limiter";
	cargv[1] = "hold-child";
	cargv[2] = argv[3];
	cargv[3] = argv[4];
	cargv[4] = argv[5];
	cargv[5] = from;
	cargv[7] = NULL;
	run_children(n, cargv, 6, sum);
	printf("hold: %d processes at %.0f/s, %d whole seconds: %.0f/s "
	       "(%.1f%%)\n",
	       n, rate, secs, (double)sum[1] / secs,
	       100.0 * (double)sum[1] / secs / rate);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 9 && strcmp(argv[1], "send-child") == 0)
		return send_child(argv[2], atoi(argv[8]), atoi(argv[4]),
		                  atof(argv[5]), argv[6], argv[7]);
	if (argc >= 7 && strcmp(argv[1], "hold-child") == 0)
		return hold_child(atof(argv[2]), atoi(argv[3]), argv[4],
		                  atoll(argv[5]));
	if (argc >= 2 && strcmp(argv[1], "procs") == 0)
		return procs(argc, argv);
	if (argc == 4 && strcmp(argv[1], "acquire") == 0)
		return acquire(argv[2], atol(argv[3]), 1e6);
	/* below 100/s a round trip takes one slot */
	if (argc == 4 && strcmp(argv[1], "acquire1") == 0)
		return acquire(argv[2], atol(argv[3]), 99);
	if (argc >= 2 && strcmp(argv[1], "hold") == 0)
		return hold(argc, argv);
	fprintf(stderr,
	        "usage: see the comment at the top of bench/limiter.c\n");
	return 2;
}
