/*
 * The C++ wrapper in a code base without exceptions: compiled with
 * -fno-exceptions (see tests/CMakeLists.txt), where only the try_ forms
 * exist. A send, a refused message, the full detail of a failed send and
 * a range that ends on a failed page, against the in-process mock; the
 * resource calls, a bulk send and a received webhook the same way.
 */
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

// The resource calls, bulk and webhooks, also only through try_ forms.
void test_resources_without_exceptions(void **state)
{
	(void)state;
	gsmock *mock = nullptr;
	assert_int_equal(gsmock_start(&mock, nullptr), 0);
	std::unique_ptr<gsmock, decltype(&gsmock_stop)> own(mock, gsmock_stop);
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	o.base_url = gsmock_base_url(mock);
	o.max_retries = GOSEND_NO_RETRIES;
	auto c = gosend::client::try_create(KEY, &o);
	assert_true(c.ok());

	assert_int_equal(
	        gsmock_queue_response(mock, 200, nullptr, nullptr,
	                              R"([{"id":"w1","status":"pending"}])"),
	        0);
	auto wabas = c->try_list_wabas();
	assert_true(wabas.ok());
	assert_int_equal(wabas->size(), 1);
	assert_int_equal((*wabas)[0].status(), GOSEND_WABA_STATUS_PENDING);
	std::unique_ptr<gsmock_request, decltype(&gsmock_request_free)> rq(
	        gsmock_request_at(mock, 0), gsmock_request_free);
	assert_string_equal(rq->method, "GET");
	assert_string_equal(rq->target, "/v1/wabas");

	assert_int_equal(gsmock_queue_response(mock, 404, nullptr, nullptr,
	                                       R"({"message":"gone"})"),
	                 0);
	auto conv = c->try_get_conversation("7");
	assert_int_equal(conv.error().code(), GOSEND_ENOTFOUND);
	assert_string_equal(conv.error().message().c_str(), "gone");

	// a Flow message and a reply context, sent
	gosend::flow_params fp;
	fp.flow_id = "42";
	fp.flow_cta = "Open";
	auto flow = gosend::outgoing::flow(PNID, TO, "F", fp)
	                    .set_reply_to(std::string_view("wamid.X"));
	auto rf = c->try_send(flow);
	assert_true(rf.ok());
	std::unique_ptr<gsmock_request, decltype(&gsmock_request_free)> rq2(
	        gsmock_request_at(mock, 2), gsmock_request_free);
	ts_assert_json_eq(rq2->body, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"interactive","interactive":{
		"type":"flow","body":{"text":"F"},"action":{"name":"flow",
		"parameters":{"flow_message_version":"3","flow_id":"42",
		"flow_cta":"Open"}}},"context":{"message_id":"wamid.X"}})");

	std::vector<gosend::outgoing> msgs{
	        gosend::outgoing::text(PNID, TO, "a"),
	        gosend::outgoing::text(PNID, TO, "b")};
	auto bulk = c->try_send_bulk(msgs);
	assert_true(bulk.ok());
	assert_int_equal(bulk->succeeded(), 2);
	assert_true((*bulk)[1].ok());
	assert_int_equal(gsmock_request_count(mock), 5);

	auto sig = gosend::try_sign_webhook("whsec_k", "{}");
	assert_true(sig.ok());
	assert_true(gosend::try_verify_webhook("whsec_k", *sig, "{}").ok());
	assert_int_equal(gosend::try_verify_webhook("whsec_k", *sig, "{ }")
	                         .error()
	                         .code(),
	                 GOSEND_ESIGNATURE);
	auto ev = gosend::webhook_event::try_parse(
	        R"({"event":"whatsapp.message.received","data":{"message":{
	        "id":"wamid.IN","from":"5491140123456","type":"interactive",
	        "interactive":{"type":"button_reply","button_reply":{
	        "id":"yes","title":"Yes"}}}}})");
	assert_true(ev.ok());
	auto reply = ev->message()->reply();
	assert_int_equal(reply->kind(), GOSEND_WEBHOOK_REPLY_BUTTON);
	assert_string_equal(reply->id()->c_str(), "yes");
	assert_false(gosend::webhook_event::try_parse("[1]").ok());

	/* a temporary result's value lives on (moved out), under ASan too */
	assert_int_equal(
	        gsmock_queue_response(mock, 200, nullptr, nullptr,
	                              R"([{"id":"w2","status":"pending"}])"),
	        0);
	int seen = 0;
	for (auto w : *c->try_list_wabas()) {
		assert_string_equal(w.id().value_or("").c_str(), "w2");
		seen++;
	}
	assert_int_equal(seen, 1);
}

} // namespace

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_without_exceptions),
	        cmocka_unit_test(test_resources_without_exceptions),
	};
	return cmocka_run_group_tests(tests, nullptr, nullptr);
}
