/*
 * consumer.cpp: the consumer program in C++. As C++11 it uses the C API
 * through the umbrella header, initialises the options structs with the
 * _INIT macros and frees what it gets; as C++17 it uses the C++ wrapper
 * (gosendapi.hpp) and its non-throwing forms. Either way it sends one
 * text message.
 *
 * Usage: consumer_cpp BASE_URL TEXT
 *
 * Prints "id=<message id> status=<status> version=<library version>"
 * (followed by " api=gosendapi.hpp" when built with the wrapper) and exits
 * with 0, or prints the error and exits with 1.
 */
#include <cstdio>
#include <string>

#if __cplusplus >= 201703L
#include <gosendapi/gosendapi.hpp>
#else
#include <gosendapi/gosendapi.h>
#endif

namespace
{

bool same_version()
{
	if (gosend_version_num() == GOSENDAPI_VERSION_NUM &&
	    std::string(gosend_version()) == GOSENDAPI_VERSION)
		return true;
	std::fprintf(stderr, "consumer_cpp: headers %s, library %s\n",
	             GOSENDAPI_VERSION, gosend_version());
	return false;
}

#if __cplusplus >= 201703L

int fail(const gosend::error &e)
{
	std::fprintf(stderr, "consumer_cpp: %s (HTTP %ld): %s\n", e.name(),
	             e.http_status(), e.what());
	return 1;
}

int run(const char *base_url, const char *text)
{
	gosend_client_options opts = GOSEND_CLIENT_OPTIONS_INIT;
	opts.base_url = base_url;
	opts.max_retries = GOSEND_NO_RETRIES;
	opts.user_agent = "consumer-cpp17/1.0";
	gosend::result<gosend::client> c =
	        gosend::client::try_create("gsk_test_consumer", &opts);
	if (!c)
		return fail(c.error());
	gosend::result<gosend::message_result> r = c->try_send(
	        gosend::outgoing::text("555123456789", "5491140123456", text));
	if (!r)
		return fail(r.error());
	std::printf("id=%s status=%s version=%s api=gosendapi.hpp\n",
	            r->id().value_or("(none)").c_str(),
	            r->status_name().value_or("(none)").c_str(),
	            std::string(gosend::version()).c_str());
	return 0;
}

#else

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

int run(const char *base_url, const char *text)
{
	gosend_client_options opts = GOSEND_CLIENT_OPTIONS_INIT;
	const gosend_request_options ropts = GOSEND_REQUEST_OPTIONS_INIT;
	opts.base_url = base_url;
	opts.max_retries = GOSEND_NO_RETRIES;
	opts.user_agent = "consumer-cpp/1.0";

	session s;
	int rc = gosend_client_new(&s.client, "gsk_test_consumer", &opts,
	                           &s.err);
	if (rc == GOSEND_OK)
		rc = gosend_messages_send_text(&s.res, s.client, "555123456789",
		                               "5491140123456", text, &ropts,
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

#endif

} // namespace

int main(int argc, char **argv)
{
	if (argc != 3) {
		std::fprintf(stderr, "usage: consumer_cpp BASE_URL TEXT\n");
		return 2;
	}
	if (!same_version())
		return 1;
	return run(argv[1], argv[2]);
}
