/*
 * me: print the project the API key belongs to (GET /me).
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] me
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

int main(void)
{
	gosend_client *client = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	int err;

	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "me: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		fprintf(stderr, "me: %s\n", e->message);
		gosend_error_free(e);
		return 2;
	}
	err = gosend_me_get(&me, client, NULL, &e);
	if (err < 0) {
		if (e->http_status)
			fprintf(stderr, "me: HTTP %ld: %s\n", e->http_status,
			        e->message);
		else
			fprintf(stderr, "me: %s: %s\n", gosend_strerror(err),
			        e->message);
		gosend_error_free(e);
		gosend_client_free(client);
		return exit_code(err);
	}
	printf("id: %s\nname: %s\n", me->id, me->name ? me->name : "");
	gosend_me_free(me);
	gosend_client_free(client);
	return 0;
}
