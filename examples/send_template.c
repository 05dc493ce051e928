/*
 * send_template: send an approved template, filling the placeholders
 * {{1}}, {{2}}, ... of its body in order, and print the new message's id.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] \
 *        [GOSENDAPI_IDEMPOTENCY_KEY=...] \
 *        send_template PHONE_NUMBER_ID TO NAME LANGUAGE_CODE [BODY_PARAM...]
 *
 * Example: send_template 555123456789 5491140123456 appointment_reminder \
 *          es_AR Juan 20/05
 *
 * Exactly once, as in send_text.c: the send's Idempotency-Key is
 * GOSENDAPI_IDEMPOTENCY_KEY or a random one; after a failure it is printed
 * with whether sending again with it is safe; a 2xx answer without a
 * message id prints "accepted, id unknown".
 *
 * Exit codes shared by every example: 0 success, 1 API error (the HTTP
 * status and the server's message go to stderr), 2 usage error, 3 network
 * error or timeout.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#include <stdio.h>
#include <stdlib.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/messages.h>
#include <gosendapi/phone.h>

static int exit_code(int err)
{
	switch (err) {
	case GOSEND_EINVAL:
		return 2;
	case GOSEND_ENETWORK:
	case GOSEND_ETIMEOUT:
	case GOSEND_ETLS:
		return 3;
	default:
		return 1;
	}
}

/* After a failed send: the key it used and whether sending the same
 * message again with it is safe. */
static void retry_advice(const gosend_error *e)
{
	if (e->code == GOSEND_EINVAL || !e->idempotency_key)
		return; /* refused before sending: nothing was sent */
	fprintf(stderr, "send_template: idempotency key: %s\n",
	        e->idempotency_key);
	if (gosend_error_is_retryable(e))
		fprintf(stderr,
		        "send_template: safe to send again with the same key: "
		        "GOSENDAPI_IDEMPOTENCY_KEY=%s send_template ...\n",
		        e->idempotency_key);
	else
		fprintf(stderr, "send_template: do not send it again as is: it "
		                "was refused (fix it first), or it may have "
		                "been sent\n");
}

static void print_error(int err, const gosend_error *e)
{
	if (e->http_status)
		fprintf(stderr, "send_template: HTTP %ld: %s\n", e->http_status,
		        e->message);
	else if (e->field)
		fprintf(stderr, "send_template: %s (%s)\n", e->message,
		        e->field);
	else
		fprintf(stderr, "send_template: %s: %s\n", gosend_strerror(err),
		        e->message);
}

static int report(int err, gosend_error *e)
{
	print_error(err, e);
	gosend_error_free(e);
	return exit_code(err);
}

int main(int argc, char **argv)
{
	gosend_request_options opts = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_client *client = NULL;
	gosend_outgoing *msg = NULL;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	char *to = NULL;
	int i, err;

	if (argc < 5) {
		fprintf(stderr, "usage: send_template PHONE_NUMBER_ID TO NAME "
		                "LANGUAGE_CODE [BODY_PARAM...]\n");
		return 2;
	}
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "send_template: set GOSENDAPI_KEY to your API "
		                "key (gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	/* Build the message: one call per body parameter. */
	err = gosend_phone_normalize(&to, argv[2], &e);
	if (err == 0)
		err = gosend_outgoing_template_new(&msg, argv[1], to, argv[3],
		                                   argv[4], &e);
	gosend_free(to);
	for (i = 5; err == 0 && i < argc; i++)
		err = gosend_outgoing_template_add_text(
		        msg, GOSEND_TEMPLATE_BODY, argv[i], &e);
	if (err < 0) {
		gosend_outgoing_free(msg);
		return report(err, e);
	}
	/* NULL (unset): the library makes a random key */
	opts.idempotency_key = getenv("GOSENDAPI_IDEMPOTENCY_KEY");
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		gosend_outgoing_free(msg);
		return report(err, e);
	}
	err = gosend_messages_send(&res, client, msg, &opts, &e);
	gosend_outgoing_free(msg);
	if (err < 0) {
		gosend_client_free(client);
		print_error(err, e);
		retry_advice(e);
		gosend_error_free(e);
		return exit_code(err);
	}
	if (res->id_known)
		printf("%s\n", res->id);
	else /* sent; the answer named no id */
		printf("accepted, id unknown (HTTP %ld, idempotency key %s)\n",
		       res->meta->http_status,
		       res->meta->idempotency_key ? res->meta->idempotency_key
		                                  : "-");
	gosend_message_result_free(res);
	gosend_client_free(client);
	return 0;
}
