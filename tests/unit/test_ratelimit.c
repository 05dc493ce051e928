/*
 * The client-side limiter: aligned windows, even spacing, guard, headers;
 * a request counted at most once per window.
 */
#include "testsupport.h"

#include "ratelimit.h"

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
	gosend__limiter_init(&l, 50, 0);
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
	gosend__limiter_init(&l, 10, 0);
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
	gosend__limiter_init(&l, 0, 0);
	for (i = 0; i < 10000; i++)
		assert_int_equal(gosend__limiter_acquire(&l, 5, 0), 0);
}

static void test_ratelimit__follows_server_headers(void **state)
{
	gosend__limiter l;
	gosend_meta m;

	(void)state;
	gosend__limiter_init(&l, 0, 1);
	m.ratelimit_limit = 100;
	m.ratelimit_remaining = 0;
	m.ratelimit_reset = 1700000001LL;
	gosend__limiter_observe(&l, &m);
	assert_int_equal(l.budget, 100);
	assert_int_equal(gosend__limiter_acquire(&l, 1700000000400LL, 0), 600);
	assert_int_equal(gosend__limiter_acquire(&l, 1700000001000LL, 0), 0);
	/* a lower server limit wins over the configured one */
	gosend__limiter_init(&l, 500, 1);
	m.ratelimit_remaining = 5;
	gosend__limiter_observe(&l, &m);
	assert_int_equal(l.budget, 100);
	/* ignored when not following */
	gosend__limiter_init(&l, 500, 0);
	gosend__limiter_observe(&l, &m);
	assert_int_equal(l.budget, 500);
}

static void test_ratelimit__in_flight_carried_into_next_window(void **state)
{
	gosend__limiter l;
	long long now = 1700000000000LL;
	int started = 0;

	(void)state;
	gosend__limiter_init(&l, 10, 0);
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
	gosend__limiter_init(&l, 10, 0);
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
	gosend__limiter_init(&l, 10, 0);
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
	gosend__limiter_init(&l, 10, 0);
	assert_int_equal(gosend__limiter_acquire(&l, w0 + 10, 0), 0);
	/* in flight at the opening of window 1 (counted there), ends in
	 * window 2 before it opens (charged there once, at its opening) */
	assert_true(gosend__limiter_acquire(&l, w0 + 1000, 1) > 0);
	gosend__limiter_done(&l, w0 + 10, w0 + 2005);
	while (gosend__limiter_acquire(&l, w0 + 2000 + 899, 0) == 0)
		started++;
	assert_int_equal(started, 9);
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
