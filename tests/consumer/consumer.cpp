/*
 * consumer.cpp: the consumer program in C++11. It includes the umbrella
 * header, initialises the options structs with the _INIT macros and sends
 * one text message.
 *
 * Usage: consumer_cpp BASE_URL TEXT
 *
 * Prints "id=<message id> status=<status> version=<library version>" and
 * exits with 0, or prints the error and exits with 1.
 */
#include <cstdio>
#include <string>

#include <gosendapi/gosendapi.h>

namespace
{

// Owns what the library hands out; frees it with the library's functions.
struct session {
	gosend_client *client = nullptr;
	gosend_message_result *res = nullptr;
	gosend_error *err = nullptr;
	session() = default;
	session(const session &) = delete;
	session &operator=(const session &) = delete;
	~session()
	{
		gosend_message_result_free(res);
		gosend_error_free(err);
		gosend_client_free(client);
	}
};

} // namespace

int main(int argc, char **argv)
{
	if (argc != 3) {
		std::fprintf(stderr, "usage: consumer_cpp BASE_URL TEXT\n");
		return 2;
	}
	if (gosend_version_num() != GOSENDAPI_VERSION_NUM ||
	    std::string(gosend_version()) != GOSENDAPI_VERSION) {
		std::fprintf(stderr, "consumer_cpp: headers %s, library %s\n",
		             GOSENDAPI_VERSION, gosend_version());
		return 1;
	}

	gosend_client_options opts = GOSEND_CLIENT_OPTIONS_INIT;
	const gosend_request_options ropts = GOSEND_REQUEST_OPTIONS_INIT;
	opts.base_url = argv[1];
	opts.max_retries = GOSEND_NO_RETRIES;
	opts.user_agent = "consumer-cpp/1.0";

	session s;
	int rc = gosend_client_new(&s.client, "gsk_test_consumer", &opts,
	                           &s.err);
	if (rc == GOSEND_OK)
		rc = gosend_messages_send_text(&s.res, s.client, "555123456789",
		                               "5491140123456", argv[2], &ropts,
		                               &s.err);
	if (rc != GOSEND_OK) {
		std::fprintf(stderr, "consumer_cpp: %s (HTTP %ld): %s\n",
		             gosend_strerror(rc),
		             s.err ? s.err->http_status : 0L,
		             s.err ? s.err->message : "");
		return 1;
	}
	std::printf("id=%s status=%s version=%s\n", s.res->id,
	            s.res->status_name ? s.res->status_name : "(none)",
	            gosend_version());
	return 0;
}
