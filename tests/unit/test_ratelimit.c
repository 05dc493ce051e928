/*
 * The client-side limiter: aligned windows, even spacing, guard, headers;
 * a request counted at most once per window; X-RateLimit-Reset read as a
 * Unix time against the response's Date or as seconds from now, and every
 * wait it asks for clamped to the cap.
 */
#include "testsupport.h"

#include "core/ratelimit.h"

#include <string.h>

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
