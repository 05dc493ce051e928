/*
 * cpp_send: send a WhatsApp message from C++ (gosendapi.hpp) and print the
 * new message's id: a text, or, when button titles follow the body, a
 * message with those reply buttons (ids "b1", "b2", ...).
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] \
 *        [GOSENDAPI_IDEMPOTENCY_KEY=...] \
 *        cpp_send PHONE_NUMBER_ID TO BODY [BUTTON_TITLE...]
 *
 * TO may be written as people do ("+54 9 11 4012-3456"). Errors arrive as
 * gosend::error exceptions carrying the library's whole detail; when a
 * send fails, the idempotency key it used is printed with the library's
 * verdict on sending it again (gosend::error::retryable()).
 *
 * Exit codes shared by every example: 0 success, 1 API error (the HTTP
 * status and the server's message go to stderr), 2 usage error, 3 network
 * error or timeout.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#include <cstdlib>
#include <iostream>
#include <string>

#include <gosendapi/gosendapi.hpp>

namespace
{

int exit_code(const gosend::error &e)
{
	switch (e.code()) {
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

int report(const gosend::error &e)
{
	if (e.http_status())
		std::cerr << "cpp_send: HTTP " << e.http_status() << ": "
		          << e.message() << '\n';
	else
		std::cerr << "cpp_send: " << e.message() << " ("
		          << e.field().value_or(e.name()) << ")\n";
	// refused before sending: there is no key, nothing was sent
	if (e.code() != GOSEND_EINVAL && e.idempotency_key()) {
		std::cerr << "cpp_send: idempotency key: "
		          << *e.idempotency_key() << '\n';
		if (e.retryable())
			std::cerr << "cpp_send: safe to send again with the "
			             "same key: GOSENDAPI_IDEMPOTENCY_KEY="
			          << *e.idempotency_key() << " cpp_send ...\n";
		else
			std::cerr << "cpp_send: do not send it again as is: "
			             "it was refused, or it may have been "
			             "sent\n";
	}
	return exit_code(e);
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 4) {
		std::cerr << "usage: cpp_send PHONE_NUMBER_ID TO BODY "
		             "[BUTTON_TITLE...]\n";
		return 2;
	}
	const char *key = std::getenv("GOSENDAPI_KEY");
	if (!key || !*key) {
		std::cerr << "cpp_send: set GOSENDAPI_KEY to your API key "
		             "(gsk_test_... or gsk_live_...)\n";
		return 2;
	}
	try {
		std::string to = gosend::normalize_phone(argv[2]);
		gosend::client client = gosend::client::from_env();

		gosend::outgoing m =
		        argc == 4 ? gosend::outgoing::text(argv[1], to, argv[3])
		                  : gosend::outgoing::buttons(argv[1], to,
		                                              argv[3]);
		for (int i = 4; i < argc; i++)
			m.add_reply_button("b" + std::to_string(i - 3),
			                   argv[i]);

		gosend::request_options o;
		if (const char *k = std::getenv("GOSENDAPI_IDEMPOTENCY_KEY"))
			o.idempotency_key = k; // else the library makes one
		gosend::message_result r = client.send(m, o);
		if (r.id_known()) // sent; the answer may name no id
			std::cout << *r.id() << '\n';
		else
			std::cout << "accepted, id unknown (HTTP "
			          << r.meta().http_status
			          << ", idempotency key "
			          << r.meta().idempotency_key.value_or("-")
			          << ")\n";
		return 0;
	} catch (const gosend::error &e) {
		return report(e);
	}
}
