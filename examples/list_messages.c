/*
 * list_messages: walk every page of GET /messages and print one message id
 * per line.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] list_messages
 *
 * The iterator asks for 100 messages per page and keeps only the current
 * page in memory, however long the list is.
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

static int report(int err, gosend_error *e)
{
	if (e->http_status)
		fprintf(stderr, "list_messages: HTTP %ld: %s\n", e->http_status,
		        e->message);
	else
		fprintf(stderr, "list_messages: %s: %s\n", gosend_strerror(err),
		        e->message);
	gosend_error_free(e);
	return exit_code(err);
}

int main(int argc, char **argv)
{
	gosend_client *client = NULL;
	gosend_iter *it = NULL;
	const gosend_message *m;
	gosend_error *e = NULL;
	int err;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: list_messages\n");
		return 2;
	}
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "list_messages: set GOSENDAPI_KEY to your API "
		                "key (gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err == 0)
		err = gosend_messages_iter_new(&it, client, 0, NULL, &e);
	while (err == 0 && (err = gosend_messages_iter_next(&m, it, &e)) == 1) {
		printf("%s\n", m->id);
		err = 0;
	}
	gosend_iter_free(it);
	gosend_client_free(client);
	if (err < 0)
		return report(err, e);
	return 0;
}
