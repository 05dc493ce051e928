/*
 * The bounded seen-id set: new/seen answers, least-recently-used eviction,
 * capacity bounds, removal, argument checks, and threads offering the same
 * ids at once (run it under -DGOSENDAPI_TSAN=ON as well).
 */
#include "testsupport.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "gosendapi/dedupe.h"

static gosend_dedupe *new_set(size_t capacity)
{
	gosend_dedupe *d = NULL;
	assert_int_equal(gosend_dedupe_new(&d, capacity, NULL), 0);
	assert_non_null(d);
	assert_int_equal(gosend_dedupe_count(d), 0);
	return d;
}

static int add(gosend_dedupe *d, const char *id)
{
	return gosend_dedupe_check_and_add(d, id, NULL);
}

static void test_dedupe__new_then_seen(void **state)
{
	gosend_dedupe *d = new_set(4);
	(void)state;
	assert_int_equal(add(d, "evt_1"), 0);
	assert_int_equal(add(d, "evt_1"), 1);
	assert_int_equal(add(d, "evt_1"), 1);
	assert_int_equal(add(d, "evt_2"), 0);
	assert_int_equal(gosend_dedupe_count(d), 2);
	/* byte-for-byte: case and prefixes matter */
	assert_int_equal(add(d, "EVT_1"), 0);
	assert_int_equal(add(d, "evt_"), 0);
	assert_int_equal(gosend_dedupe_count(d), 4);
	gosend_dedupe_free(d);
}

static void test_dedupe__evicts_least_recently_seen(void **state)
{
	gosend_dedupe *d = new_set(3);
	(void)state;
	assert_int_equal(add(d, "a"), 0);
	assert_int_equal(add(d, "b"), 0);
	assert_int_equal(add(d, "c"), 0);
	/* "a" is seen again: "b" is now the least recent */
	assert_int_equal(add(d, "a"), 1);
	assert_int_equal(add(d, "d"), 0); /* evicts b */
	assert_int_equal(gosend_dedupe_count(d), 3);
	assert_int_equal(add(d, "a"), 1);
	assert_int_equal(add(d, "c"), 1);
	assert_int_equal(add(d, "d"), 1);
	assert_int_equal(add(d, "b"), 0); /* forgotten; evicts a */
	assert_int_equal(add(d, "a"), 0); /* evicts c */
	assert_int_equal(add(d, "d"), 1);
	assert_int_equal(gosend_dedupe_count(d), 3);
	gosend_dedupe_free(d);
}

static void test_dedupe__capacity_one(void **state)
{
	gosend_dedupe *d = new_set(1);
	(void)state;
	assert_int_equal(add(d, "x"), 0);
	assert_int_equal(add(d, "x"), 1);
	assert_int_equal(add(d, "y"), 0);
	assert_int_equal(add(d, "x"), 0);
	assert_int_equal(gosend_dedupe_count(d), 1);
	gosend_dedupe_free(d);
}

static void test_dedupe__many_ids_stay_bounded(void **state)
{
	enum { CAP = 1000, TOTAL = 5000 };
	gosend_dedupe *d = new_set(CAP);
	char id[32];
	int i;
	(void)state;
	for (i = 0; i < TOTAL; i++) {
		(void)snprintf(id, sizeof(id), "evt_%d", i);
		assert_int_equal(add(d, id), 0);
		assert_true(gosend_dedupe_count(d) <= CAP);
	}
	assert_int_equal(gosend_dedupe_count(d), CAP);
	/* the last CAP ids are remembered, all earlier ones forgotten */
	for (i = TOTAL - 1; i >= TOTAL - CAP; i--) {
		(void)snprintf(id, sizeof(id), "evt_%d", i);
		assert_int_equal(add(d, id), 1);
	}
	(void)snprintf(id, sizeof(id), "evt_%d", TOTAL - CAP - 1);
	assert_int_equal(add(d, id), 0);
	gosend_dedupe_free(d);
}

static void test_dedupe__long_ids(void **state)
{
	static char a[5000], b[5000];
	gosend_dedupe *d = new_set(8);
	(void)state;
	memset(a, 'x', sizeof(a) - 1);
	memcpy(b, a, sizeof(b));
	b[sizeof(b) - 2] = 'y'; /* differs in the last byte only */
	assert_int_equal(add(d, a), 0);
	assert_int_equal(add(d, b), 0);
	assert_int_equal(add(d, a), 1);
	assert_int_equal(add(d, b), 1);
	gosend_dedupe_free(d);
}

static void test_dedupe__remove(void **state)
{
	gosend_dedupe *d = new_set(2);
	(void)state;
	assert_int_equal(add(d, "a"), 0);
	assert_int_equal(add(d, "b"), 0);
	assert_int_equal(gosend_dedupe_remove(d, "a", NULL), 1);
	assert_int_equal(gosend_dedupe_remove(d, "a", NULL), 0);
	assert_int_equal(gosend_dedupe_remove(d, "zzz", NULL), 0);
	assert_int_equal(gosend_dedupe_count(d), 1);
	/* the freed slot is reused without evicting b */
	assert_int_equal(add(d, "c"), 0);
	assert_int_equal(add(d, "b"), 1);
	assert_int_equal(add(d, "c"), 1);
	assert_int_equal(add(d, "a"), 0); /* evicts the least recent: b */
	assert_int_equal(add(d, "c"), 1);
	assert_int_equal(add(d, "b"), 0);
	/* remove everything, then refill */
	assert_int_equal(gosend_dedupe_remove(d, "b", NULL), 1);
	assert_int_equal(gosend_dedupe_remove(d, "c", NULL), 1);
	assert_int_equal(gosend_dedupe_count(d), 0);
	assert_int_equal(add(d, "p"), 0);
	assert_int_equal(add(d, "q"), 0);
	assert_int_equal(add(d, "r"), 0);
	assert_int_equal(gosend_dedupe_count(d), 2);
	assert_int_equal(add(d, "q"), 1);
	assert_int_equal(add(d, "r"), 1);
	gosend_dedupe_free(d);
}

static void test_dedupe__invalid_arguments(void **state)
{
	gosend_dedupe *d = (gosend_dedupe *)&d;
	gosend_error *e = NULL;
	(void)state;
	assert_int_equal(gosend_dedupe_new(&d, 0, &e), GOSEND_EINVAL);
	assert_null(d);
	assert_string_equal(e->field, "capacity");
	gosend_error_free(e);
	assert_int_equal(gosend_dedupe_new(&d, ((size_t)1 << 24) + 1, NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gosend_dedupe_new(NULL, 10, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "out");
	gosend_error_free(e);

	d = new_set(2);
	assert_int_equal(gosend_dedupe_check_and_add(d, NULL, &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "id");
	gosend_error_free(e);
	assert_int_equal(gosend_dedupe_check_and_add(d, "", NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gosend_dedupe_check_and_add(NULL, "a", &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "set");
	gosend_error_free(e);
	assert_int_equal(gosend_dedupe_remove(d, "", NULL), GOSEND_EINVAL);
	assert_int_equal(gosend_dedupe_remove(NULL, "a", NULL), GOSEND_EINVAL);
	assert_int_equal(gosend_dedupe_count(NULL), 0);
	assert_int_equal(gosend_dedupe_count(d), 0);
	gosend_dedupe_free(d);
	gosend_dedupe_free(NULL);
}

/* ---- threads ---------------------------------------------------------- */

enum { THREADS = 8, IDS = 2000 };

typedef struct worker {
	gosend_dedupe *set;
	int offset;
	int zeros[IDS]; /* how often this thread got "new" per id */
	int errors;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	char id[32];
	int i, k;

	/* every thread offers every id, starting at a different place */
	for (k = 0; k < IDS; k++) {
		int rc;
		i = (k + w->offset) % IDS;
		(void)snprintf(id, sizeof(id), "evt_%d", i);
		rc = gosend_dedupe_check_and_add(w->set, id, NULL);
		if (rc == 0)
			w->zeros[i]++;
		else if (rc != 1)
			w->errors++;
		if (k % 97 == 0)
			(void)gosend_dedupe_count(w->set);
	}
	return NULL;
}

static void test_dedupe__threads_exactly_one_new(void **state)
{
	static worker workers[THREADS];
	pthread_t tids[THREADS];
	gosend_dedupe *d = new_set(IDS); /* large enough: no eviction */
	int t, i;
	(void)state;
	memset(workers, 0, sizeof(workers));
	for (t = 0; t < THREADS; t++) {
		workers[t].set = d;
		workers[t].offset = t * (IDS / THREADS);
		assert_int_equal(
		        pthread_create(&tids[t], NULL, work, &workers[t]), 0);
	}
	for (t = 0; t < THREADS; t++)
		assert_int_equal(pthread_join(tids[t], NULL), 0);
	for (i = 0; i < IDS; i++) {
		int zeros = 0;
		for (t = 0; t < THREADS; t++)
			zeros += workers[t].zeros[i];
		if (zeros != 1)
			fail_msg("id %d was new %d times", i, zeros);
	}
	for (t = 0; t < THREADS; t++)
		assert_int_equal(workers[t].errors, 0);
	assert_int_equal(gosend_dedupe_count(d), IDS);
	gosend_dedupe_free(d);
}

static void test_dedupe__threads_with_eviction(void **state)
{
	static worker workers[THREADS];
	pthread_t tids[THREADS];
	gosend_dedupe *d = new_set(64); /* far smaller than the id space */
	int t;
	(void)state;
	memset(workers, 0, sizeof(workers));
	for (t = 0; t < THREADS; t++) {
		workers[t].set = d;
		workers[t].offset = t * 7;
		assert_int_equal(
		        pthread_create(&tids[t], NULL, work, &workers[t]), 0);
	}
	for (t = 0; t < THREADS; t++)
		assert_int_equal(pthread_join(tids[t], NULL), 0);
	for (t = 0; t < THREADS; t++)
		assert_int_equal(workers[t].errors, 0);
	assert_int_equal(gosend_dedupe_count(d), 64);
	gosend_dedupe_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_dedupe__new_then_seen),
	        cmocka_unit_test(test_dedupe__evicts_least_recently_seen),
	        cmocka_unit_test(test_dedupe__capacity_one),
	        cmocka_unit_test(test_dedupe__many_ids_stay_bounded),
	        cmocka_unit_test(test_dedupe__long_ids),
	        cmocka_unit_test(test_dedupe__remove),
	        cmocka_unit_test(test_dedupe__invalid_arguments),
	        cmocka_unit_test(test_dedupe__threads_exactly_one_new),
	        cmocka_unit_test(test_dedupe__threads_with_eviction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
