/*
 * Allocation-failure test: every key call is run with its Nth allocation on
 * the calling thread failing, for N = 1, 2, ... until the call succeeds
 * without a failure. Each failing run must return GOSEND_ENOMEM (or succeed
 * when the failure was absorbed), leak nothing (live blocks return to their
 * count before the call) and never crash. The mock runs as a separate
 * process so its allocations are never failed.
 */
#define _GNU_SOURCE
#include "testsupport.h"

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "failmalloc.h"
#include "gosendapi/gosendapi.h"

extern char **environ;

static char base_url[64];
static pid_t mock_pid;

static int start_mock(void **state)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = {GOSEND_MOCK_BIN, "--port", "0", "--quiet", NULL};
	char line[64] = {0};
	int fds[2];
	FILE *f;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	assert_int_equal(posix_spawn(&mock_pid, GOSEND_MOCK_BIN, &fa, NULL,
	                             argv, environ),
	                 0);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	f = fdopen(fds[0], "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	assert_memory_equal(line, "port=", 5);
	(void)snprintf(base_url, sizeof(base_url), "http://127.0.0.1:%d/v1",
	               atoi(line + 5));
	assert_int_equal(gosend_global_init(), 0);
	/* OpenSSL initialises itself on first use and keeps that memory */
	{
		char *sig = NULL;
		assert_int_equal(
		        gosend_webhook_sign(&sig, "whsec_x", "{}", 2, NULL), 0);
		gosend_free(sig);
	}
	return 0;
}

static int stop_mock(void **state)
{
	(void)state;
	kill(mock_pid, SIGTERM);
	waitpid(mock_pid, NULL, 0);
	gosend_global_shutdown();
	return 0;
}

typedef int (*scenario)(void);

static gosend_client *new_client(const char *key, int *rc)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	o.base_url = base_url;
	o.max_retries = GOSEND_NO_RETRIES;
	*rc = gosend_client_new(&c, key, &o, &e);
	if (*rc < 0) {
		assert_null(c);
		assert_non_null(e);
		assert_int_equal(e->code, *rc);
		gosend_error_free(e);
	}
	return c;
}

static int sc_client(void)
{
	int rc;
	gosend_client *c = new_client("gsk_test_alloc", &rc);

	gosend_client_free(c);
	return rc;
}

static int sc_me(void)
{
	int rc;
	gosend_client *c = new_client("gsk_test_alloc", &rc);
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	if (rc < 0)
		return rc;
	rc = gosend_me_get(&me, c, NULL, &e);
	if (getenv("FAILMALLOC_TRACE") && e)
		print_message("me detail: %s / %s\n", e->message,
		              e->transport_message ? e->transport_message
		                                   : "-");
	if (rc == 0) {
		assert_string_equal(me->id, "42");
	} else {
		assert_null(me);
		assert_non_null(e);
		assert_int_equal(e->code, rc);
		assert_non_null(e->message);
	}
	gosend_me_free(me);
	gosend_error_free(e);
	gosend_client_free(c);
	return rc;
}

static int sc_unauthorized(void)
{
	int rc;
	gosend_client *c = new_client("gsk_test_revoked", &rc);
	gosend_me *me = NULL;
	gosend_error *e = NULL;

	if (rc < 0)
		return rc;
	rc = gosend_me_get(&me, c, NULL, &e);
	assert_null(me);
	assert_non_null(e);
	if (getenv("FAILMALLOC_TRACE"))
		print_message("detail: %s / %s\n", e->message,
		              e->transport_message ? e->transport_message
		                                   : "-");
	/* when the detail itself could not be allocated, the code is still
	 * the real one and the static detail says memory ran out */
	if (rc == GOSEND_EUNAUTHORIZED &&
	    strcmp(e->message, "out of memory while describing the error") ==
	            0) {
		assert_int_equal(e->code, GOSEND_EUNAUTHORIZED);
		rc = GOSEND_ENOMEM;
	} else if (rc == GOSEND_EUNAUTHORIZED) {
		assert_string_equal(e->message, "Invalid or missing API key");
	}
	gosend_error_free(e);
	gosend_client_free(c);
	return rc == GOSEND_EUNAUTHORIZED ? 0 : rc;
}

static int sc_raw_post(void)
{
	static const char *const q[] = {"a", "b c", NULL};
	int rc;
	gosend_client *c = new_client("gsk_test_alloc", &rc);
	gosend_raw_response *res = NULL;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;

	if (rc < 0)
		return rc;
	o.idempotency_key = "alloc-1";
	rc = gosend_raw_request(&res, c, "GET", "/me", q, NULL, &o, NULL);
	if (rc == 0)
		assert_non_null(strstr(res->body, "Mock Project"));
	gosend_raw_response_free(res);
	gosend_client_free(c);
	return rc;
}

static int sc_send_text(void)
{
	int rc;
	gosend_client *c = new_client("gsk_test_alloc", &rc);
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;

	if (rc < 0)
		return rc;
	rc = gosend_messages_send_text(&res, c, "555123456789", "5491140123456",
	                               "hello", NULL, &e);
	if (rc == 0) {
		assert_non_null(res->id);
	} else {
		assert_null(res);
		assert_int_equal(e->code, rc);
	}
	gosend_message_result_free(res);
	gosend_error_free(e);
	gosend_client_free(c);
	return rc;
}

static int sc_iterate(void)
{
	int rc;
	gosend_client *c = new_client("gsk_test_alloc", &rc);
	gosend_iter *it = NULL;
	const gosend_conversation *conv = NULL;
	size_t n = 0;

	if (rc < 0)
		return rc;
	rc = gosend_conversations_iter_new(&it, c, 30, NULL, NULL);
	while (rc == 0) {
		rc = gosend_conversations_iter_next(&conv, it, NULL);
		if (rc != 1)
			break;
		rc = 0;
		n++;
	}
	if (rc == 0)
		assert_int_equal(n, 25);
	gosend_iter_free(it);
	gosend_client_free(c);
	return rc;
}

static int sc_bulk(void)
{
	int rc;
	gosend_client *c = new_client("gsk_test_alloc", &rc);
	gosend_outgoing *m[3] = {NULL, NULL, NULL};
	gosend_bulk_result *res = NULL;
	size_t i;

	if (rc < 0)
		return rc;
	for (i = 0; i < 3 && rc == 0; i++)
		rc = gosend_outgoing_text_new(&m[i], "555123456789",
		                              "5491140123456", "bulk", NULL);
	if (rc == 0)
		rc = gosend_messages_send_bulk(
		        &res, c, (const gosend_outgoing *const *)m, 3, NULL,
		        NULL);
	if (rc == 0) {
		/* the batch ran: report the first item that failed. libcurl's
		 * multi interface reports some allocation failures as transfer
		 * errors, which errno cannot pin down while other transfers
		 * run: such an item counts as out of memory here. */
		for (i = 0; i < 3 && rc == 0; i++)
			rc = res->items[i]->code;
		if (rc == GOSEND_ENETWORK && failmalloc_fired())
			rc = GOSEND_ENOMEM;
	}
	gosend_bulk_result_free(res);
	for (i = 0; i < 3; i++)
		gosend_outgoing_free(m[i]);
	gosend_client_free(c);
	return rc;
}

static int sc_webhook_event(void)
{
	static const char body[] =
	        "{\"id\":\"evt_1\",\"event\":\"whatsapp.message.received\","
	        "\"data\":{\"from\":\"5491140123456\",\"type\":\"text\","
	        "\"text\":{\"body\":\"hi\"}}}";
	gosend_webhook_event *ev = NULL;
	char *sig = NULL;
	int rc = gosend_webhook_sign(&sig, "whsec_alloc", body,
	                             sizeof(body) - 1, NULL);

	if (rc == 0)
		rc = gosend_webhook_verify_secret("whsec_alloc", sig, body,
		                                  sizeof(body) - 1, NULL);
	if (rc == 0)
		rc = gosend_webhook_event_parse(&ev, body, sizeof(body) - 1,
		                                NULL);
	if (rc == 0)
		assert_string_equal(ev->name, "whatsapp.message.received");
	gosend_webhook_event_free(ev);
	gosend_free(sig);
	return rc;
}

/* Every newer shape built and written out: call-to-action with a
 * media header, a footer and a reply context; a Flow with data; a
 * location request; template copy-code and Flow buttons. */
static int sc_shapes(void)
{
	gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT;
	gosend_outgoing *m[4] = {NULL, NULL, NULL, NULL};
	char *json = NULL;
	size_t i;
	int rc;

	fp.flow_id = "42";
	fp.flow_cta = "Open";
	fp.screen = "S";
	fp.data_json = "{\"a\":[1,{\"b\":2}]}";
	rc = gosend_outgoing_cta_url_new(&m[0], "555123456789", "5491140123456",
	                                 "B", "Go", "https://a.example", NULL);
	if (rc == 0)
		rc = gosend_outgoing_set_header_media(
		        m[0], GOSEND_MESSAGE_TYPE_DOCUMENT, NULL, "7", "a.pdf",
		        NULL);
	if (rc == 0)
		rc = gosend_outgoing_set_footer(m[0], "F", NULL);
	if (rc == 0)
		rc = gosend_outgoing_set_reply_to(m[0], "wamid.A", NULL);
	if (rc == 0)
		rc = gosend_outgoing_flow_new(&m[1], "555123456789",
		                              "5491140123456", "B", &fp, NULL);
	if (rc == 0)
		rc = gosend_outgoing_location_request_new(
		        &m[2], "555123456789", "5491140123456", "W", NULL);
	if (rc == 0)
		rc = gosend_outgoing_template_new(&m[3], "555123456789",
		                                  "5491140123456", "t", "en",
		                                  NULL);
	if (rc == 0)
		rc = gosend_outgoing_template_button(m[3], "copy_code", 0,
		                                     NULL);
	if (rc == 0)
		rc = gosend_outgoing_template_add_coupon_code(
		        m[3], GOSEND_TEMPLATE_BUTTON(0), "C", NULL);
	if (rc == 0)
		rc = gosend_outgoing_template_button(m[3], "flow", 1, NULL);
	if (rc == 0)
		rc = gosend_outgoing_template_add_flow_action(
		        m[3], GOSEND_TEMPLATE_BUTTON(1), "t", "{\"x\":1}",
		        NULL);
	for (i = 0; rc == 0 && i < 4; i++) {
		rc = gosend_outgoing_to_json(&json, m[i], NULL);
		gosend_free(json);
		json = NULL;
	}
	for (i = 0; i < 4; i++)
		gosend_outgoing_free(m[i]);
	return rc;
}

/* An inbound message with a reply, a Flow completion and a location. */
static int sc_answers(void)
{
	static const char body[] =
	        "{\"event\":\"whatsapp.message.received\",\"data\":{"
	        "\"message\":{\"id\":\"wamid.A\",\"type\":\"interactive\","
	        "\"interactive\":{\"type\":\"nfm_reply\",\"button_reply\":"
	        "{\"id\":\"y\",\"title\":\"Yes\"},\"nfm_reply\":{\"name\":"
	        "\"flow\",\"response_json\":{\"a\":1}}},\"location\":{"
	        "\"latitude\":1,\"longitude\":2,\"name\":\"N\"}}}}";
	gosend_webhook_event *ev = NULL;
	int rc = gosend_webhook_event_parse(&ev, body, sizeof(body) - 1, NULL);

	if (rc == 0) {
		assert_string_equal(ev->message->reply->id, "y");
		assert_string_equal(ev->message->flow_reply->response_json,
		                    "{\"a\":1}");
		assert_string_equal(ev->message->location->name, "N");
	}
	gosend_webhook_event_free(ev);
	return rc;
}

static void run(scenario fn, const char *name)
{
	long n;
	long failures = 0;

	for (n = getenv("FAILMALLOC_N") ? atol(getenv("FAILMALLOC_N")) : 1;
	     n < 100000; n++) {
		long before = failmalloc_live();
		int rc, fired, retry;

		/*
		 * A failure path can be the first to reach a lazy one-time
		 * initialisation (libc's NSS or locale data, libcurl's
		 * globals) whose blocks live on: so a run that grows the
		 * heap is repeated, and only growth on the repeat is a leak.
		 */
		for (retry = 0; retry < 2; retry++) {
			before = failmalloc_live();
			failmalloc_arm(n);
			rc = fn();
			fired = failmalloc_fired();
			failmalloc_arm(0);
			if (rc != 0 && rc != GOSEND_ENOMEM)
				fail_msg("%s: allocation %ld failed: got %s "
				         "(%d), expected out of memory",
				         name, n, gosend_strerror(rc), rc);
			if (failmalloc_live() == before)
				break;
		}
		if (failmalloc_live() != before)
			fail_msg("%s: allocation %ld failed: %ld blocks leaked",
			         name, n, failmalloc_live() - before);
		if (rc != 0)
			failures++;
		if (!fired) {
			assert_int_equal(rc, 0);
			break;
		}
	}
	print_message("%s: %ld allocation points, %ld reported ENOMEM\n", name,
	              n - 1, failures);
	assert_true(failures > 0);
}

static void test_alloc__client_new(void **state)
{
	(void)state;
	run(sc_client, "client_new");
}

static void test_alloc__me(void **state)
{
	(void)state;
	run(sc_me, "me_get");
}

static void test_alloc__error_detail(void **state)
{
	(void)state;
	run(sc_unauthorized, "401 detail");
}

static void test_alloc__raw_request(void **state)
{
	(void)state;
	run(sc_raw_post, "raw request");
}

static void test_alloc__send_text(void **state)
{
	(void)state;
	run(sc_send_text, "send_text");
}

static void test_alloc__iterator(void **state)
{
	(void)state;
	run(sc_iterate, "iterator");
}

static void test_alloc__bulk(void **state)
{
	(void)state;
	run(sc_bulk, "bulk");
}

static void test_alloc__webhook_event(void **state)
{
	(void)state;
	run(sc_webhook_event, "webhook sign/verify/parse");
}

static void test_alloc__shapes(void **state)
{
	(void)state;
	run(sc_shapes, "interactive and template shapes");
}

static void test_alloc__answers(void **state)
{
	(void)state;
	run(sc_answers, "inbound answers");
}

/*
 * What a result keeps: a send's result copies its strings out of the
 * answer and frees the parsed tree, and a batch keeps its items' results
 * in blocks of its own, several results a block. Counted as the blocks
 * that freeing the result gives back (the mock is another process).
 */
static void test_alloc__results_kept_compact(void **state)
{
	enum { N = 1000 };
	int rc;
	gosend_client *c = new_client("gsk_test_alloc", &rc);
	gosend_outgoing *m = NULL;
	const gosend_outgoing *msgs[N];
	gosend_message_result *one = NULL;
	gosend_bulk_result *res = NULL;
	long before, one_blocks, batch_blocks;
	size_t i;
	(void)state;
	assert_int_equal(rc, 0);
	assert_int_equal(gosend_messages_send_text(&one, c, "555123456789",
	                                           "5491140123456", "one", NULL,
	                                           NULL),
	                 0);
	before = failmalloc_live();
	gosend_message_result_free(one);
	one_blocks = before - failmalloc_live();
	assert_int_equal(gosend_outgoing_text_new(&m, "555123456789",
	                                          "5491140123456", "bulk",
	                                          NULL),
	                 0);
	for (i = 0; i < N; i++)
		msgs[i] = m;
	assert_int_equal(
	        gosend_messages_send_bulk(&res, c, msgs, N, NULL, NULL), 0);
	assert_int_equal(res->succeeded, N);
	assert_non_null(res->items[N - 1]->result);
	assert_non_null(res->items[N - 1]->result->id);
	before = failmalloc_live();
	gosend_bulk_result_free(res);
	batch_blocks = before - failmalloc_live();
	print_message("blocks held: one send's result %ld, a batch of %d "
	              "results %ld\n",
	              one_blocks, N, batch_blocks);
	/* the holder with the struct, the answer's text and the chunks of
	 * strings and meta; the parsed tree, kept, would be one more */
	assert_true(one_blocks >= 1 && one_blocks <= 4);
	/* a 32 KiB block holds some twenty results: a block per result, or
	 * a tree per result, would be N or more */
	assert_true(batch_blocks >= 1 && batch_blocks <= N / 10 + 8);
	gosend_outgoing_free(m);
	gosend_client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_alloc__client_new),
	        cmocka_unit_test(test_alloc__me),
	        cmocka_unit_test(test_alloc__error_detail),
	        cmocka_unit_test(test_alloc__raw_request),
	        cmocka_unit_test(test_alloc__send_text),
	        cmocka_unit_test(test_alloc__iterator),
	        cmocka_unit_test(test_alloc__bulk),
	        cmocka_unit_test(test_alloc__webhook_event),
	        cmocka_unit_test(test_alloc__shapes),
	        cmocka_unit_test(test_alloc__answers),
	        cmocka_unit_test(test_alloc__results_kept_compact),
	};
	return cmocka_run_group_tests(tests, start_mock, stop_mock);
}
