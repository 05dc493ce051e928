/*
 * send_text: send a WhatsApp text message and print the new message's id.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] \
 *        [GOSENDAPI_IDEMPOTENCY_KEY=...] send_text PHONE_NUMBER_ID TO BODY
 *
 * PHONE_NUMBER_ID is Meta's id of the sending number (not the number
 * itself); TO may be written as people do ("+54 9 11 4012-3456"): it is
 * normalised to E.164 digits first.
 *
 * Exactly once: every send carries an Idempotency-Key, the one in
 * GOSENDAPI_IDEMPOTENCY_KEY or a random one. When a send fails, the key is
 * printed with the library's verdict (gosend_error_is_retryable()): when
 * sending again is safe, send again with that same key and the API sends
 * the message at most once; a new key could deliver it twice. A send the
 * API accepted (2xx) succeeds even when the answer carries no message id:
 * then "accepted, id unknown" is printed instead of the id.
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
	fprintf(stderr, "send_text: idempotency key: %s\n", e->idempotency_key);
	if (gosend_error_is_retryable(e))
		fprintf(stderr,
		        "send_text: safe to send again with the same key: "
		        "GOSENDAPI_IDEMPOTENCY_KEY=%s send_text ...\n",
		        e->idempotency_key);
	else
		fprintf(stderr, "send_text: do not send it again as is: it was "
		                "refused (fix it first), or it may have been "
		                "sent\n");
}

static void print_error(int err, const gosend_error *e)
{
	if (e->http_status)
		fprintf(stderr, "send_text: HTTP %ld: %s\n", e->http_status,
		        e->message);
	else if (e->field)
		fprintf(stderr, "send_text: %s (%s)\n", e->message, e->field);
	else
		fprintf(stderr, "send_text: %s: %s\n", gosend_strerror(err),
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
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	char *to = NULL;
	int err;

	if (argc != 4) {
		fprintf(stderr, "usage: send_text PHONE_NUMBER_ID TO BODY\n");
		return 2;
	}
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "send_text: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_phone_normalize(&to, argv[2], &e);
	if (err < 0)
		return report(err, e);
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		gosend_free(to);
		return report(err, e);
	}
	/* NULL (unset): the library makes a random key */
	opts.idempotency_key = getenv("GOSENDAPI_IDEMPOTENCY_KEY");
	err = gosend_messages_send_text(&res, client, argv[1], to, argv[3],
	                                &opts, &e);
	gosend_free(to);
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
