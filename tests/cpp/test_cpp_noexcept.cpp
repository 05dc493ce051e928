/*
 * The C++ wrapper in a code base without exceptions: compiled with
 * -fno-exceptions (see tests/CMakeLists.txt), where only the try_ forms
 * exist. A send, a refused message, the full detail of a failed send and
 * a range that ends on a failed page, against the in-process mock.
 */
#include <memory>
#include <string>
#include <string_view>

#include <gosendapi/gosendapi.hpp>

extern "C" {
#include "testsupport.h"
}
#include "gsmock.h"

static_assert(GOSEND_CPP_EXCEPTIONS == 0,
              "this test is compiled without exceptions");

namespace
{

const char KEY[] = "gsk_test_cpp_noexcept";
const char PNID[] = "555123456789";
const char TO[] = "5491140123456";

void test_without_exceptions(void **state)
{
	(void)state;
	gsmock *mock = nullptr;
	assert_int_equal(gsmock_start(&mock, nullptr), 0);
	std::unique_ptr<gsmock, decltype(&gsmock_stop)> own(mock, gsmock_stop);
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	o.base_url = gsmock_base_url(mock);
	o.max_retries = GOSEND_NO_RETRIES;

	gosend::result<gosend::client> c = gosend::client::try_create(KEY, &o);
	assert_true(c.ok());

	// a send
	auto m = gosend::outgoing::buttons(PNID, TO, "Ok?")
	                 .add_reply_button("y", "Yes");
	gosend::result<gosend::message_result> r = c->try_send(m);
	assert_true(r.ok());
	assert_true(r->id_known());
	assert_string_equal(r->id()->c_str(), "wamid.MOCK1");
	std::unique_ptr<gsmock_request, decltype(&gsmock_request_free)> rq(
	        gsmock_request_at(mock, 0), gsmock_request_free);
	assert_non_null(rq.get());
	ts_assert_json_eq(rq->body, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"interactive","interactive":{
		"type":"button","body":{"text":"Ok?"},"action":{"buttons":[
		{"type":"reply","reply":{"id":"y","title":"Yes"}}]}}})");

	// a refused message: kept, reported by the send, nothing sent
	auto bad = gosend::outgoing::text(PNID, TO, std::string(4097, 'a'));
	assert_false(bad.ok());
	auto rb = c->try_send(bad);
	assert_int_equal(rb.error().code(), GOSEND_EINVAL);
	assert_string_equal(rb.error().field()->c_str(), "text.body");
	assert_int_equal(gsmock_request_count(mock), 1);

	// a failed send: the full detail in the result
	assert_int_equal(gsmock_queue_response(mock, 503, "Retry-After: 2",
	                                       nullptr,
	                                       R"({"message":"maintenance"})"),
	                 0);
	auto rf = c->try_send_text(PNID, TO, "Hola");
	assert_false(rf.ok());
	assert_int_equal(rf.error().code(), GOSEND_ESERVER);
	assert_int_equal(rf.error().http_status(), 503);
	assert_string_equal(rf.error().what(), "maintenance");
	assert_int_equal(rf.error().retry_after()->count(), 2);
	assert_true(rf.error().retryable());
	assert_true(rf.error().idempotency_key().has_value());

	// a range that ends on a failed page keeps the error
	assert_int_equal(gsmock_queue_response(mock, 500, nullptr, nullptr,
	                                       R"({"message":"boom"})"),
	                 0);
	auto all = c->try_messages();
	assert_true(all.ok());
	int n = 0;
	for (gosend::message_view v : *all) {
		(void)v;
		n++;
	}
	assert_int_equal(n, 0);
	assert_int_equal(all->error()->code(), GOSEND_ESERVER);
	assert_false(all->status().ok());

	// and one that ends well
	auto all2 = c->try_messages();
	n = 0;
	for (gosend::message_view v : *all2) {
		assert_string_equal(v.id()->c_str(), "wamid.MOCK1");
		n++;
	}
	assert_int_equal(n, 1);
	assert_true(all2->status().ok());

	auto me = c->try_me();
	assert_string_equal(me->id().c_str(), "42");
	auto phone = gosend::try_normalize_phone("+54 9 11 4012-3456");
	assert_string_equal(phone->c_str(), "5491140123456");
}

} // namespace

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_without_exceptions),
	};
	return cmocka_run_group_tests(tests, nullptr, nullptr);
}
