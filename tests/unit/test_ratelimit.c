/*
 * The client-side limiter: aligned windows, even spacing, guard, headers;
 * a request counted at most once per window; X-RateLimit-Reset read as a
 * Unix time against the response's Date or as seconds from now, and every
 * wait it asks for clamped to the cap. The client's shared limiter: no
 * lock when it limits nothing; the attempts in flight counted between
 * admit and settle; its wall clock the one it is given; the server's
 * headers learnt when it settles.
 */
#define _GNU_SOURCE
#include "testsupport.h"

#include "core/ratelimit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CAP 60000LL /* the client default retry_after_cap_ms */

/* Drive the limiter with a simulated wall clock; record start times. */
static size_t simulate(gosend__limiter *l, long long t0, size_t n,
                       long long *starts)
{
	long long now = t0;
	size_t i;

	for (i = 0; i < n; i++) {
		long long wait;
		while ((wait = gosend__limiter_acquire(l, now, 0)) > 0)
			now += wait;
		starts[i] = now;
	}
	return n;
}

static void test_ratelimit__never_more_than_budget_per_second(void **state)
{
	static long long starts[1000];
	gosend__limiter l;
	size_t i, j;

	(void)state;
	gosend__limiter_init(&l, 50, 0, CAP);
	simulate(&l, 1700000000500LL, 1000, starts);
	for (i = 0; i < 1000; i = j) {
		long long sec = starts[i] / 1000;
		for (j = i; j < 1000 && starts[j] / 1000 == sec; j++)
			assert_true(starts[j] % 1000 <
			            1000 - GOSEND__LIMITER_GUARD_MS);
		assert_true(j - i <= 50);
	}
	/* 1000 starts at 50/s starting mid-second: 20 windows, the first
	 * partial; the last start is in the 21st second */
	assert_true(starts[999] - starts[0] >= 19000);
	assert_true(starts[999] - starts[0] < 21000);
}

static void test_ratelimit__evenly_spread(void **state)
{
	long long starts[10];
	gosend__limiter l;
	int i;

	(void)state;
	gosend__limiter_init(&l, 10, 0, CAP);
	simulate(&l, 1700000000000LL, 10, starts);
	for (i = 1; i < 10; i++)
		assert_int_equal(starts[i] - starts[i - 1],
		                 (1000 - GOSEND__LIMITER_GUARD_MS) / 10);
}

static void test_ratelimit__off(void **state)
{
	gosend__limiter l;
	int i;

	(void)state;
	gosend__limiter_init(&l, 0, 0, CAP);
	for (i = 0; i < 10000; i++)
		assert_int_equal(gosend__limiter_acquire(&l, 5, 0), 0);
}

static void test_ratelimit__follows_server_headers(void **state)
{
	gosend__limiter l;
	gosend_meta m;

	(void)state;
	gosend__limiter_init(&l, 0, 1, CAP);
	memset(&m, 0, sizeof(m));
	m.server_date = -1;
	m.ratelimit_limit = 100;
	m.ratelimit_remaining = 0;
	m.ratelimit_reset = 1700000001LL;
	gosend__limiter_observe(&l, &m, 1700000000400LL);
	assert_int_equal(l.budget, 100);
	assert_int_equal(gosend__limiter_acquire(&l, 1700000000400LL, 0), 600);
	assert_int_equal(gosend__limiter_acquire(&l, 1700000001000LL, 0), 0);
	/* a lower server limit wins over the configured one */
	gosend__limiter_init(&l, 500, 1, CAP);
	m.ratelimit_remaining = 5;
	gosend__limiter_observe(&l, &m, 1700000000400LL);
	assert_int_equal(l.budget, 100);
	/* ignored when not following */
	gosend__limiter_init(&l, 500, 0, CAP);
	gosend__limiter_observe(&l, &m, 1700000000400LL);
	assert_int_equal(l.budget, 500);
}

static void test_ratelimit__in_flight_carried_into_next_window(void **state)
{
	gosend__limiter l;
	long long now = 1700000000000LL;
	int started = 0;

	(void)state;
	gosend__limiter_init(&l, 10, 0, CAP);
	/* 7 requests still running when the window opens: 3 may start */
	while (started < 20) {
		long long w = gosend__limiter_acquire(&l, now, 7);
		if (w > 0)
			break;
		started++;
	}
	/* slots 0..6 are taken by what is running: none free at once */
	assert_int_equal(started, 0);
	now += 1000 - GOSEND__LIMITER_GUARD_MS - 1;
	while (gosend__limiter_acquire(&l, now, 7) == 0)
		started++;
	assert_int_equal(started, 3);
}

static void test_ratelimit__late_completions_charge_their_window(void **state)
{
	gosend__limiter l;
	long long w0 = 1700000000000LL;
	int started = 0;

	(void)state;
	gosend__limiter_init(&l, 10, 0, CAP);
	assert_int_equal(gosend__limiter_acquire(&l, w0, 0), 0);
	/* 4 requests started in window 0 end in window 1, before any start
	 * there: the server may have counted them in window 1 */
	gosend__limiter_done(&l, w0 + 100, w0 + 1010);
	gosend__limiter_done(&l, w0 + 200, w0 + 1020);
	gosend__limiter_done(&l, w0 + 300, w0 + 1030);
	gosend__limiter_done(&l, w0 + 400, w0 + 1040);
	while (gosend__limiter_acquire(&l, w0 + 1000 + 899, 0) == 0)
		started++;
	assert_int_equal(started, 6);
	/* one that starts and ends in the same window changes nothing */
	gosend__limiter_done(&l, w0 + 1100, w0 + 1200);
	assert_int_equal(gosend__limiter_acquire(&l, w0 + 1000 + 899, 0) > 0,
	                 1);
}

static void test_ratelimit__in_flight_across_a_window_counted_once(void **state)
{
	gosend__limiter l;
	long long w0 = 1700000000000LL;
	int started = 0;

	(void)state;
	gosend__limiter_init(&l, 10, 0, CAP);
	/* one request starts in window 0 ... */
	assert_int_equal(gosend__limiter_acquire(&l, w0 + 10, 0), 0);
	/* ... is still in flight when window 1 opens: charged there once */
	assert_true(gosend__limiter_acquire(&l, w0 + 1000, 1) > 0);
	/* ... and ends in window 1: not charged a second time */
	gosend__limiter_done(&l, w0 + 10, w0 + 1050);
	while (gosend__limiter_acquire(&l, w0 + 1000 + 899, 0) == 0)
		started++;
	assert_int_equal(started, 9);
}

static void test_ratelimit__crossing_two_windows_counted_once_each(void **state)
{
	gosend__limiter l;
	long long w0 = 1700000000000LL;
	int started = 0;

	(void)state;
	gosend__limiter_init(&l, 10, 0, CAP);
	assert_int_equal(gosend__limiter_acquire(&l, w0 + 10, 0), 0);
	/* in flight at the opening of window 1 (counted there), ends in
	 * window 2 before it opens (charged there once, at its opening) */
	assert_true(gosend__limiter_acquire(&l, w0 + 1000, 1) > 0);
	gosend__limiter_done(&l, w0 + 10, w0 + 2005);
	while (gosend__limiter_acquire(&l, w0 + 2000 + 899, 0) == 0)
		started++;
	assert_int_equal(started, 9);
}

/* Observe one response: remaining 0, this reset and Date, at now_ms. */
static long long block_for(long long reset, long long date, long long now_ms,
                           long long cap)
{
	gosend__limiter l;
	gosend_meta m;

	gosend__limiter_init(&l, 0, 1, cap);
	memset(&m, 0, sizeof(m));
	m.ratelimit_limit = -1;
	m.ratelimit_remaining = 0;
	m.ratelimit_reset = reset;
	m.server_date = date;
	gosend__limiter_observe(&l, &m, now_ms);
	return gosend__limiter_acquire(&l, now_ms, 0);
}

#define NOW_S   1700000000LL
#define NOW_MS  (NOW_S * 1000 + 250)
#define YEARS10 (10LL * 365 * 86400)

static void test_ratelimit__reset_far_in_the_future_is_capped(void **state)
{
	(void)state;
	/* 10 years ahead, with or without a Date: the cap, not 10 years */
	assert_int_equal(block_for(NOW_S + YEARS10, NOW_S, NOW_MS, CAP), CAP);
	assert_int_equal(block_for(NOW_S + YEARS10, -1, NOW_MS, CAP), CAP);
	assert_int_equal(block_for(NOW_S + YEARS10, -1, NOW_MS, 300), 300);
	/* beyond year 2100 and at the parser's saturation: still the cap */
	assert_int_equal(block_for(4200000000LL, -1, NOW_MS, CAP), CAP);
	assert_int_equal(block_for(9007199254740992LL, NOW_S, NOW_MS, CAP),
	                 CAP);
	/* a cap of 0: the server's Reset never blocks */
	assert_int_equal(block_for(NOW_S + 5, -1, NOW_MS, 0), 0);
}

static void test_ratelimit__reset_as_seconds_from_now(void **state)
{
	(void)state;
	/* values below 10^9 are seconds from now */
	assert_int_equal(block_for(1, -1, NOW_MS, CAP), 1000);
	assert_int_equal(block_for(1, NOW_S + 3600, NOW_MS, CAP), 1000);
	assert_int_equal(block_for(30, -1, NOW_MS, CAP), 30000);
	assert_int_equal(block_for(120, -1, NOW_MS, CAP), CAP);
	assert_int_equal(block_for(999999999LL, -1, NOW_MS, CAP), CAP);
	/* 0: the window resets now */
	assert_int_equal(block_for(0, -1, NOW_MS, CAP), 0);
}

static void test_ratelimit__reset_epoch_against_server_date(void **state)
{
	long long w;

	(void)state;
	/* local clock only: the next second is 750 ms away */
	assert_int_equal(block_for(NOW_S + 1, -1, NOW_MS, CAP), 750);
	/* the server's clock in step with ours: the same */
	assert_int_equal(block_for(NOW_S + 1, NOW_S, NOW_MS, CAP), 750);
	/* the server's clock an hour ahead: its Reset, one second after its
	 * Date, is a second away, not an hour (nor the cap) */
	w = block_for(NOW_S + 3600 + 1, NOW_S + 3600, NOW_MS, CAP);
	assert_int_equal(w, 750);
	/* an hour behind: its Reset is not in our past */
	w = block_for(NOW_S - 3600 + 2, NOW_S - 3600, NOW_MS, CAP);
	assert_int_equal(w, 1750);
	/* a Reset before the server's Date: no wait */
	assert_int_equal(block_for(NOW_S + 3600 - 5, NOW_S + 3600, NOW_MS, CAP),
	                 0);
	assert_int_equal(block_for(NOW_S - 5, -1, NOW_MS, CAP), 0);
}

static void test_ratelimit__block_bounded_after_clock_step(void **state)
{
	gosend__limiter l;
	gosend_meta m;

	(void)state;
	gosend__limiter_init(&l, 0, 1, 300);
	memset(&m, 0, sizeof(m));
	m.ratelimit_limit = -1;
	m.ratelimit_remaining = 0;
	m.ratelimit_reset = NOW_S + 1;
	m.server_date = -1;
	gosend__limiter_observe(&l, &m, NOW_MS);
	assert_int_equal(gosend__limiter_acquire(&l, NOW_MS, 0), 300);
	/* the wall clock is set back an hour: still at most the cap */
	assert_int_equal(gosend__limiter_acquire(&l, NOW_MS - 3600000, 0), 300);
	/* a later, shorter Reset does not shorten a block; a Remaining > 0
	 * changes nothing */
	m.ratelimit_remaining = 3;
	gosend__limiter_observe(&l, &m, NOW_MS - 3600000);
	assert_int_equal(gosend__limiter_acquire(&l, NOW_MS - 3600000 + 300, 0),
	                 0);
}

/* ---- the client's shared limiter ---- */

/* A wall clock the test moves. */
static long long fake_wall(void *payload)
{
	return *(long long *)payload;
}

/* Admit and settle many times: what a thread of calls does. */
static void *admit_settle_loop(void *arg)
{
	gosend__shared_limiter *s = arg;
	long long start = -1;
	int i;

	for (i = 0; i < 1000; i++) {
		if (gosend__shared_limiter_admit(s, &start) != 0 || start != 0)
			return NULL;
		gosend__shared_limiter_settle(s, start, NULL);
	}
	return s;
}

/* Limiting nothing: admit is 0 with nothing to settle and never takes
 * the lock. The lock is held by this thread meanwhile; a thread that
 * took it would still be blocked at the join's deadline. */
static void test_ratelimit__shared_off_takes_no_lock(void **state)
{
	gosend__shared_limiter s, zeroed;
	struct timespec until;
	pthread_t t;
	void *ret = NULL;
	long long start = -1;

	(void)state;
	assert_int_equal(gosend__shared_limiter_init(&s, 0, 0, CAP, NULL, NULL),
	                 0);
	assert_int_equal(s.active, 0);
	assert_int_equal(pthread_mutex_init(&s.lock, NULL), 0);
	assert_int_equal(pthread_mutex_lock(&s.lock), 0);
	assert_int_equal(pthread_create(&t, NULL, admit_settle_loop, &s), 0);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 30;
	if (pthread_timedjoin_np(t, &ret, &until) != 0) {
		pthread_mutex_unlock(&s.lock);
		pthread_join(t, NULL);
		fail_msg("admitting took the lock of a limiter that limits "
		         "nothing");
	}
	assert_ptr_equal(ret, &s);
	assert_int_equal(s.in_flight, 0);
	pthread_mutex_unlock(&s.lock);
	pthread_mutex_destroy(&s.lock);
	/* a zeroed one (a client made without options) limits nothing */
	memset(&zeroed, 0, sizeof(zeroed));
	assert_int_equal(gosend__shared_limiter_admit(&zeroed, &start), 0);
	assert_int_equal(start, 0);
	gosend__shared_limiter_settle(&zeroed, 0, NULL);
	gosend__shared_limiter_dispose(&zeroed);
}

/* Admitted attempts count as in flight until settled: a window that opens
 * meanwhile counts them; a wait admits nothing (start 0). */
static void test_ratelimit__shared_counts_in_flight(void **state)
{
	gosend__shared_limiter s;
	long long now = 1700000000000LL, a = 0, b = -1;

	(void)state;
	assert_int_equal(
	        gosend__shared_limiter_init(&s, 4, 0, CAP, fake_wall, &now), 0);
	assert_int_equal(s.active, 1);
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 0);
	assert_int_equal(a, now);
	assert_int_equal(s.in_flight, 1);
	/* the next slot is a quarter of the usable window away */
	assert_int_equal(gosend__shared_limiter_admit(&s, &b),
	                 (1000 - GOSEND__LIMITER_GUARD_MS) / 4);
	assert_int_equal(b, 0);
	assert_int_equal(s.in_flight, 1);
	/* the next window opens with `a` still running: it takes slot 0 */
	now += 1000;
	assert_int_equal(gosend__shared_limiter_admit(&s, &b),
	                 (1000 - GOSEND__LIMITER_GUARD_MS) / 4);
	gosend__shared_limiter_settle(&s, a, NULL);
	assert_int_equal(s.in_flight, 0);
	/* settling nothing changes nothing */
	gosend__shared_limiter_settle(&s, 0, NULL);
	assert_int_equal(s.in_flight, 0);
	now += (1000 - GOSEND__LIMITER_GUARD_MS) / 4;
	assert_int_equal(gosend__shared_limiter_admit(&s, &b), 0);
	assert_int_equal(b, now);
	gosend__shared_limiter_settle(&s, b, NULL);
	gosend__shared_limiter_dispose(&s);
}

/* A clock at 0 (a test's fake one) still gives a start to settle. */
static void test_ratelimit__shared_start_never_zero(void **state)
{
	gosend__shared_limiter s;
	long long now = 0, a = 0;

	(void)state;
	assert_int_equal(
	        gosend__shared_limiter_init(&s, 10, 0, CAP, fake_wall, &now),
	        0);
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 0);
	assert_int_equal(a, 1);
	assert_int_equal(s.in_flight, 1);
	gosend__shared_limiter_settle(&s, a, NULL);
	assert_int_equal(s.in_flight, 0);
	gosend__shared_limiter_dispose(&s);
}

/* Following headers: settling an answer with Remaining 0 holds back every
 * later admit until the reset, at most the cap; the server's limit
 * becomes the budget. Not following: the same answer changes nothing. */
static void test_ratelimit__shared_settle_learns_headers(void **state)
{
	gosend__shared_limiter s;
	long long now = 1700000000000LL, a = 0;
	gosend_meta m;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.server_date = -1;
	m.ratelimit_limit = 5;
	m.ratelimit_remaining = 0;
	m.ratelimit_reset = 2; /* seconds from now */
	assert_int_equal(
	        gosend__shared_limiter_init(&s, 0, 1, 1500, fake_wall, &now),
	        0);
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 0);
	gosend__shared_limiter_settle(&s, a, &m);
	assert_int_equal(s.l.budget, 5);
	/* 2 s asked, clamped to the cap of 1.5 s */
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 1500);
	assert_int_equal(a, 0);
	now += 1500;
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 0);
	/* no meta (no answer): nothing learnt */
	gosend__shared_limiter_settle(&s, a, NULL);
	/* the next window: 5 starts spread over it */
	now += 500;
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 0);
	gosend__shared_limiter_settle(&s, a, NULL);
	assert_int_equal(gosend__shared_limiter_admit(&s, &a),
	                 (1000 - GOSEND__LIMITER_GUARD_MS) / 5);
	gosend__shared_limiter_dispose(&s);

	assert_int_equal(
	        gosend__shared_limiter_init(&s, 50, 0, 1500, fake_wall, &now),
	        0);
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 0);
	gosend__shared_limiter_settle(&s, a, &m);
	assert_int_equal(s.l.budget, 50);
	now += 1000;
	assert_int_equal(gosend__shared_limiter_admit(&s, &a), 0);
	gosend__shared_limiter_settle(&s, a, NULL);
	gosend__shared_limiter_dispose(&s);
}

/* Eight threads admitting and settling on one limiter, each "sleeping"
 * through a wait by moving a shared fake clock forward: the count in
 * flight returns to 0 and no window gets more than the budget (the starts
 * are the admitted wall times). */
#define SH_THREADS 8
#define SH_EACH    100
#define SH_RATE    50

static struct {
	pthread_mutex_t lock;
	_Atomic long long now;
	long long starts[SH_THREADS * SH_EACH];
	size_t n;
} shared_run = {PTHREAD_MUTEX_INITIALIZER, 1700000000000LL, {0}, 0};

static long long shared_wall(void *payload)
{
	(void)payload;
	return atomic_load(&shared_run.now);
}

static void *shared_worker(void *arg)
{
	gosend__shared_limiter *s = arg;
	int i;

	for (i = 0; i < SH_EACH; i++) {
		long long start = 0, wait;
		while ((wait = gosend__shared_limiter_admit(s, &start)) > 0)
			atomic_fetch_add(&shared_run.now, wait);
		pthread_mutex_lock(&shared_run.lock);
		shared_run.starts[shared_run.n++] = start;
		pthread_mutex_unlock(&shared_run.lock);
		/* some attempts take a while */
		if (i % 7 == 0)
			atomic_fetch_add(&shared_run.now, 30);
		gosend__shared_limiter_settle(s, start, NULL);
	}
	return NULL;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static void test_ratelimit__shared_between_threads(void **state)
{
	gosend__shared_limiter s;
	pthread_t t[SH_THREADS];
	size_t i, j;

	(void)state;
	assert_int_equal(gosend__shared_limiter_init(&s, SH_RATE, 0, CAP,
	                                             shared_wall, NULL),
	                 0);
	for (i = 0; i < SH_THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, shared_worker, &s),
		                 0);
	for (i = 0; i < SH_THREADS; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(shared_run.n, SH_THREADS * SH_EACH);
	assert_int_equal(s.in_flight, 0);
	qsort(shared_run.starts, shared_run.n, sizeof(long long), cmp_ll);
	for (i = 0; i < shared_run.n; i = j) {
		long long sec = shared_run.starts[i] / 1000;
		for (j = i;
		     j < shared_run.n && shared_run.starts[j] / 1000 == sec;
		     j++)
			;
		assert_true(j - i <= SH_RATE);
	}
	gosend__shared_limiter_dispose(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(
	                test_ratelimit__never_more_than_budget_per_second),
	        cmocka_unit_test(test_ratelimit__evenly_spread),
	        cmocka_unit_test(test_ratelimit__off),
	        cmocka_unit_test(
	                test_ratelimit__late_completions_charge_their_window),
	        cmocka_unit_test(
	                test_ratelimit__in_flight_carried_into_next_window),
	        cmocka_unit_test(test_ratelimit__follows_server_headers),
	        cmocka_unit_test(
	                test_ratelimit__in_flight_across_a_window_counted_once),
	        cmocka_unit_test(
	                test_ratelimit__crossing_two_windows_counted_once_each),
	        cmocka_unit_test(
	                test_ratelimit__reset_far_in_the_future_is_capped),
	        cmocka_unit_test(test_ratelimit__reset_as_seconds_from_now),
	        cmocka_unit_test(
	                test_ratelimit__reset_epoch_against_server_date),
	        cmocka_unit_test(
	                test_ratelimit__block_bounded_after_clock_step),
	        cmocka_unit_test(test_ratelimit__shared_off_takes_no_lock),
	        cmocka_unit_test(test_ratelimit__shared_counts_in_flight),
	        cmocka_unit_test(test_ratelimit__shared_start_never_zero),
	        cmocka_unit_test(test_ratelimit__shared_settle_learns_headers),
	        cmocka_unit_test(test_ratelimit__shared_between_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
