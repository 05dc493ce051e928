/*
 * One client shared by 8 threads, 500 sends each (fewer under valgrind,
 * see GOSEND_STRESS_SENDS): every send gets its own correct result, the
 * mock stores each message once. Run under ThreadSanitizer in CI.
 */
#define _GNU_SOURCE
#include "testsupport.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"

#define THREADS 8

typedef struct job {
	gosend_client *client;
	int thread;
	int sends;
	char (*ids)[64]; /* one per send */
	int ok;
} job;

static void *worker(void *p)
{
	job *j = p;
	int i;

	for (i = 0; i < j->sends; i++) {
		gosend_message_result *res = NULL;
		char to[32], body[64];

		(void)snprintf(to, sizeof(to), "549%02d%07d", j->thread, i);
		(void)snprintf(body, sizeof(body), "thread %d send %d",
		               j->thread, i);
		if (gosend_messages_send_text(&res, j->client, "555123456789",
		                              to, body, NULL, NULL) == 0 &&
		    res->id && strlen(res->id) < 64 && res->wa_id &&
		    strcmp(res->wa_id, to) == 0) {
			(void)snprintf(j->ids[i], 64, "%s", res->id);
			j->ok++;
		}
		gosend_message_result_free(res);
	}
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void test_concurrency__threads_share_one_client(void **state)
{
	gsmock *mock = NULL;
	gosend_client *client = NULL;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	const char *env = getenv("GOSEND_STRESS_SENDS");
	int sends = env ? atoi(env) : 500;
	job jobs[THREADS];
	pthread_t t[THREADS];
	char(*all)[64];
	char(*sorted)[64];
	int i, k, total = 0;

	(void)state;
	assert_true(sends > 0);
	all = calloc((size_t)(THREADS * sends), 64);
	assert_non_null(all);
	assert_int_equal(gsmock_start(&mock, NULL), 0);
	o.base_url = gsmock_base_url(mock);
	o.pool_size = 4; /* fewer handles than threads: the pool is shared */
	assert_int_equal(
	        gosend_client_new(&client, "gsk_test_threads", &o, NULL), 0);
	for (i = 0; i < THREADS; i++) {
		jobs[i].client = client;
		jobs[i].thread = i;
		jobs[i].sends = sends;
		jobs[i].ids = all + (size_t)i * (size_t)sends;
		jobs[i].ok = 0;
		assert_int_equal(pthread_create(&t[i], NULL, worker, &jobs[i]),
		                 0);
	}
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		total += jobs[i].ok;
	}
	assert_int_equal(total, THREADS * sends);
	assert_int_equal(gsmock_message_count(mock), (size_t)(THREADS * sends));
	/* every result is its own message: ids are distinct ... */
	sorted = malloc((size_t)(THREADS * sends) * 64);
	assert_non_null(sorted);
	memcpy(sorted, all, (size_t)(THREADS * sends) * 64);
	qsort(sorted, (size_t)(THREADS * sends), 64, cmp);
	for (k = 1; k < THREADS * sends; k++)
		assert_string_not_equal(sorted[k - 1], sorted[k]);
	free(sorted);
	/* ... and each names the message its thread sent */
	for (i = 0; i < THREADS; i++) {
		for (k = 0; k<sends; k += sends / 5> 0 ? sends / 5 : 1) {
			gosend_message *m = NULL;
			char to[32];
			(void)snprintf(to, sizeof(to), "549%02d%07d", i, k);
			assert_int_equal(gosend_messages_get(&m, client,
			                                     jobs[i].ids[k],
			                                     NULL, NULL),
			                 0);
			assert_string_equal(m->to, to);
			gosend_message_free(m);
		}
	}
	gosend_client_free(client);
	gsmock_stop(mock);
	free(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_concurrency__threads_share_one_client),
	};
	gosend_global_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
