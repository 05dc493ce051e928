/*
 * consumer: a program outside the source tree that uses an installed (or
 * add_subdirectory'd) gosendapi-c. It checks that the headers and the
 * library it runs with are the same version, then sends one text message.
 *
 * Usage: consumer BASE_URL TEXT
 *
 * Prints "id=<message id> status=<status> version=<library version>" and
 * exits with 0, or prints the error and exits with 1.
 */
#include <stdio.h>
#include <string.h>

#include <gosendapi/gosendapi.h>

int main(int argc, char **argv)
{
	gosend_client_options opts = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_request_options ropts = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_client *client = NULL;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	int err;

	if (argc != 3) {
		fprintf(stderr, "usage: consumer BASE_URL TEXT\n");
		return 2;
	}
	if (gosend_version_num() != GOSENDAPI_VERSION_NUM ||
	    strcmp(gosend_version(), GOSENDAPI_VERSION) != 0) {
		fprintf(stderr, "consumer: headers %s, library %s\n",
		        GOSENDAPI_VERSION, gosend_version());
		return 1;
	}
	opts.base_url = argv[1];
	opts.max_retries = GOSEND_NO_RETRIES;
	opts.user_agent = "consumer/1.0";
	err = gosend_client_new(&client, "gsk_test_consumer", &opts, &e);
	if (err == 0)
		err = gosend_messages_send_text(&res, client, "555123456789",
		                                "5491140123456", argv[2],
		                                &ropts, &e);
	if (err < 0) {
		fprintf(stderr, "consumer: %s (HTTP %ld): %s\n",
		        gosend_strerror(err), e ? e->http_status : 0L,
		        e ? e->message : "");
		gosend_error_free(e);
		gosend_client_free(client);
		return 1;
	}
	printf("id=%s status=%s version=%s\n", res->id,
	       res->status_name ? res->status_name : "(none)",
	       gosend_version());
	gosend_message_result_free(res);
	gosend_client_free(client);
	return 0;
}
