/*
 * Webhook deliveries from the mock, verified with the SDK's receiving side:
 * a second mock instance records what the first one POSTs. Waiting is on
 * the mock's "N attempts done" condition and its manual clock, never on
 * sleeps.
 */
#define _GNU_SOURCE
#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"

#define KEY "gsk_test_delivery01"

typedef struct fixture {
	gsmock *api;
	gsmock *receiver;
	gosend_client *client;
	char hook_id[64];
	char secret[128];
} fixture;

static char *json_str(const char *json, const char *key)
{
	cJSON *root = cJSON_Parse(json);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
	char *out = NULL;

	if (cJSON_IsString(v))
		out = strdup(v->valuestring);
	cJSON_Delete(root);
	assert_non_null(out);
	return out;
}

static char *post(fixture *f, const char *path, const char *body)
{
	gosend_raw_response *res = NULL;
	gosend_error *e = NULL;
	char *copy;

	if (gosend_raw_request(&res, f->client, "POST", path, NULL, body, NULL,
	                       &e) != 0)
		fail_msg("POST %s: %s", path, e->message);
	copy = strdup(res->body);
	gosend_raw_response_free(res);
	return copy;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	char body[256];
	char *created, *s;

	assert_non_null(f);
	assert_int_equal(gsmock_start(&f->api, NULL), 0);
	assert_int_equal(gsmock_start(&f->receiver, NULL), 0);
	gsmock_use_manual_clock(f->api, -1);
	o.base_url = gsmock_base_url(f->api);
	assert_int_equal(gosend_client_new(&f->client, KEY, &o, NULL), 0);
	(void)snprintf(body, sizeof(body),
	               "{\"url\":\"%s/hook\",\"events\":"
	               "[\"whatsapp.message.sent\",\"whatsapp.message.read\"]}",
	               gsmock_base_url(f->receiver));
	created = post(f, "/webhooks", body);
	s = json_str(created, "id");
	(void)snprintf(f->hook_id, sizeof(f->hook_id), "%s", s);
	free(s);
	s = json_str(created, "secret");
	(void)snprintf(f->secret, sizeof(f->secret), "%s", s);
	free(s);
	free(created);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	gosend_client_free(f->client);
	gsmock_stop(f->api);
	gsmock_stop(f->receiver);
	free(f);
	return 0;
}

static char *send_text(fixture *f)
{
	char *res = post(f, "/messages",
	                 "{\"phone_number_id\":\"555123456789\",\"to\":"
	                 "\"5491140123456\",\"type\":\"text\",\"text\":"
	                 "{\"body\":\"hi\"}}");
	char *id = json_str(res, "id");

	free(res);
	return id;
}

/* The i-th request the receiver got must be a valid signed event. */
static gosend_webhook_event *verified(fixture *f, size_t i,
                                      const char *expect_event)
{
	gsmock_request *rq = gsmock_request_at(f->receiver, i);
	gosend_webhook_event *ev = NULL;
	const char *sig;

	assert_non_null(rq);
	assert_string_equal(rq->method, "POST");
	assert_string_equal(rq->path, "/v1/hook");
	assert_string_equal(gsmock_request_header(rq, "Content-Type"),
	                    "application/json");
	assert_string_equal(gsmock_request_header(rq, "X-GoSendAPI-Event"),
	                    expect_event);
	sig = gsmock_request_header(rq, GOSEND_WEBHOOK_SIGNATURE_HEADER);
	assert_non_null(sig);
	assert_int_equal(gosend_webhook_verify_secret(f->secret, sig, rq->body,
	                                              rq->body_len, NULL),
	                 0);
	/* one flipped byte and the signature no longer matches */
	rq->body[rq->body_len / 2] ^= 1;
	assert_int_equal(gosend_webhook_verify_secret(f->secret, sig, rq->body,
	                                              rq->body_len, NULL),
	                 GOSEND_ESIGNATURE);
	rq->body[rq->body_len / 2] ^= 1;
	assert_int_equal(
	        gosend_webhook_event_parse(&ev, rq->body, rq->body_len, NULL),
	        0);
	assert_string_equal(ev->name, expect_event);
	gsmock_request_free(rq);
	return ev;
}

static void test_delivery__send_emits_signed_event(void **state)
{
	fixture *f = *state;
	gosend_webhook_event *ev;
	char *msg_id;

	assert_int_equal(
	        gsmock_queue_response(f->receiver, 200, NULL, NULL, "{}"), 0);
	msg_id = send_text(f);
	assert_int_equal(gsmock_wait_deliveries(f->api, 1, 10000), 0);
	assert_int_equal(gsmock_request_count(f->receiver), 1);
	ev = verified(f, 0, "whatsapp.message.sent");
	assert_non_null(ev->id);
	assert_non_null(ev->status);
	assert_string_equal(ev->status->message_id, msg_id);
	assert_string_equal(ev->status->status, "sent");
	gosend_webhook_event_free(ev);
	free(msg_id);
}

static void test_delivery__status_change_and_filtering(void **state)
{
	fixture *f = *state;
	gosend_webhook_event *ev;
	char *msg_id;

	assert_int_equal(
	        gsmock_queue_response(f->receiver, 200, NULL, NULL, "{}"), 0);
	assert_int_equal(
	        gsmock_queue_response(f->receiver, 200, NULL, NULL, "{}"), 0);
	msg_id = send_text(f);
	/* delivered is not subscribed: no delivery; read is */
	assert_int_equal(gsmock_set_message_status(f->api, msg_id, "delivered"),
	                 0);
	assert_int_equal(gsmock_set_message_status(f->api, msg_id, "read"), 0);
	assert_int_equal(gsmock_wait_deliveries(f->api, 2, 10000), 0);
	assert_int_equal(gsmock_request_count(f->receiver), 2);
	ev = verified(f, 1, "whatsapp.message.read");
	assert_string_equal(ev->status->status, "read");
	assert_string_equal(ev->status->message_id, msg_id);
	gosend_webhook_event_free(ev);
	free(msg_id);
}

static void test_delivery__failures_retried_on_schedule(void **state)
{
	fixture *f = *state;
	gosend_raw_response *res = NULL;
	gosend_webhook_event *first, *last;
	char path[128];
	char *msg_id;

	/* no scripted answer: the receiver mock answers 401 (no API key) */
	msg_id = send_text(f);
	assert_int_equal(gsmock_wait_deliveries(f->api, 1, 10000), 0);
	assert_int_equal(gsmock_request_count(f->receiver), 1);
	/* nothing happens until the schedule says so: +1 min */
	gsmock_advance(f->api, 59 * 1000);
	assert_int_equal(gsmock_delivery_attempts(f->api), 1);
	gsmock_advance(f->api, 1000);
	assert_int_equal(gsmock_wait_deliveries(f->api, 2, 10000), 0);
	/* third attempt (+5 min after the first) succeeds */
	assert_int_equal(
	        gsmock_queue_response(f->receiver, 204, NULL, NULL, NULL), 0);
	gsmock_advance(f->api, 4 * 60 * 1000);
	assert_int_equal(gsmock_wait_deliveries(f->api, 3, 10000), 0);
	assert_int_equal(gsmock_request_count(f->receiver), 3);
	/* every attempt carries the same signed body */
	first = verified(f, 0, "whatsapp.message.sent");
	last = verified(f, 2, "whatsapp.message.sent");
	assert_string_equal(first->raw_json, last->raw_json);
	gosend_webhook_event_free(first);
	gosend_webhook_event_free(last);

	(void)snprintf(path, sizeof(path), "/webhooks/%s/deliveries",
	               f->hook_id);
	assert_int_equal(gosend_raw_request(&res, f->client, "GET", path, NULL,
	                                    NULL, NULL, NULL),
	                 0);
	assert_non_null(strstr(res->body, "\"status\":\"succeeded\""));
	assert_non_null(strstr(res->body, "\"attempts\":3"));
	assert_non_null(strstr(res->body, "\"response_status\":204"));
	gosend_raw_response_free(res);
	free(msg_id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(
	                test_delivery__send_emits_signed_event, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_delivery__status_change_and_filtering, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_delivery__failures_retried_on_schedule, setup,
	                teardown),
	};
	gosend_global_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
