/*
 * gosend::async on the poll(2) adapter against the in-process mock: calls
 * complete once each with their typed result or full error, what went
 * over the wire, refusals at once (the completion never runs, nothing
 * sent), and freeing the handle cancels what is pending.
 */
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gosendapi/gosendapi.hpp>
#include <gosendapi/adapters/poll.h>

extern "C" {
#include "testsupport.h"
}
#include "gsmock.h"

namespace
{

const char KEY[] = "gsk_test_cpp_async";
const char PNID[] = "555123456789";
const char TO[] = "5491140123456";

struct fx {
	gsmock *mock = nullptr;
	std::optional<gosend::client> c;
	gosend_poll_loop loop{};
	std::optional<gosend::async> a;
};

int setup(void **state)
{
	auto f = std::make_unique<fx>();
	if (gsmock_start(&f->mock, nullptr) != 0)
		return -1;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	o.base_url = gsmock_base_url(f->mock);
	o.max_retries = GOSEND_NO_RETRIES;
	f->c.emplace(KEY, &o);
	gosend_poll_init(&f->loop);
	gosend_async *as = nullptr;
	if (gosend_poll_attach(&f->loop, &as, f->c->get(), nullptr, nullptr) !=
	    0)
		return -1;
	f->a.emplace(as);
	*state = f.release();
	return 0;
}

int teardown(void **state)
{
	auto *f = static_cast<fx *>(*state);
	f->a.reset(); // the handle before its loop, the client after both
	gosend_poll_dispose(&f->loop);
	f->c.reset();
	gsmock_stop(f->mock);
	delete f;
	return 0;
}

fx &F(void **state)
{
	return *static_cast<fx *>(*state);
}

void test_async_calls(void **state)
{
	fx &f = F(state);
	std::vector<std::string> ids;
	int done = 0;
	std::optional<gosend::error> not_found;
	std::optional<std::string> project_id;

	auto m = gosend::outgoing::buttons(PNID, TO, "Ok?")
	                 .add_reply_button("y", "Yes");
	auto keep_id = [&](gosend::result<gosend::message_result> r) {
		done++;
		assert_true(r.ok());
		ids.push_back(r->id().value());
	};
	assert_true(f.a->try_send(m, keep_id).ok());
	f.a->send_text(PNID, TO, "Hola", keep_id);
	assert_true(f.a->try_send_json(R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"text","text":{"body":"json"}})",
	                               keep_id)
	                    .ok());
	assert_true(
	        f.a->try_get_message("wamid.NOPE",
	                             [&](gosend::result<gosend::message> r) {
		                             done++;
		                             not_found = r.error();
	                             })
	                .ok());
	assert_true(f.a->try_me([&](gosend::result<gosend::project> r) {
		               done++;
		               project_id = r->id();
	               }).ok());
	// nothing runs from the starting functions
	assert_int_equal(done, 0);
	assert_int_equal(f.a->pending(), 5);

	assert_int_equal(gosend_poll_run(&f.loop), 0);
	assert_int_equal(done, 5);
	assert_int_equal(f.a->pending(), 0);
	assert_int_equal(ids.size(), 3);
	assert_int_equal(gsmock_message_count(f.mock), 3);
	assert_int_equal(not_found->code(), GOSEND_ENOTFOUND);
	assert_int_equal(not_found->http_status(), 404);
	assert_string_equal(project_id->c_str(), "42");

	// what went over the wire: each sent body once
	std::vector<std::string> bodies;
	for (std::size_t i = 0; i < gsmock_request_count(f.mock); i++) {
		std::unique_ptr<gsmock_request, decltype(&gsmock_request_free)>
		        r(gsmock_request_at(f.mock, i), gsmock_request_free);
		if (std::string(r->method) == "POST")
			bodies.emplace_back(r->body);
	}
	assert_int_equal(bodies.size(), 3);
	int seen = 0;
	for (const std::string &b : bodies) {
		if (b.find(R"("type":"interactive")") != std::string::npos)
			seen |= 1;
		if (b.find(R"("body":"Hola")") != std::string::npos)
			seen |= 2;
		if (b.find(R"("body":"json")") != std::string::npos)
			seen |= 4;
	}
	assert_int_equal(seen, 7);
}

void test_async_refusals_and_cancel(void **state)
{
	fx &f = F(state);
	int done = 0;
	auto count = [&](gosend::result<gosend::message_result> r) {
		(void)r;
		done++;
	};

	// refused at once: an error, no completion, nothing sent
	auto bad = gosend::outgoing::text(PNID, "+54-9", "Hola");
	auto r1 = f.a->try_send(bad, count);
	assert_int_equal(r1.error().code(), GOSEND_EINVAL);
	assert_string_equal(r1.error().field()->c_str(), "to");
	auto r2 = f.a->try_send_text(PNID, TO, "", count);
	assert_int_equal(r2.error().code(), GOSEND_EINVAL);
	auto r3 = f.a->try_send_text(PNID, TO, std::string_view("a\0b", 3),
	                             count);
	assert_int_equal(r3.error().code(), GOSEND_EINVAL);
	auto r4 = f.a->try_send_text(PNID, TO, "x", nullptr);
	assert_int_equal(r4.error().code(), GOSEND_EINVAL);
	bool thrown = false;
	try {
		f.a->send_text(PNID, "x", "Hola", count);
	} catch (const gosend::error &e) {
		thrown = true;
		assert_int_equal(e.code(), GOSEND_EINVAL);
	}
	assert_true(thrown);
	assert_int_equal(f.a->pending(), 0);
	assert_int_equal(gosend_poll_run(&f.loop), 0);
	assert_int_equal(done, 0);
	assert_int_equal(gsmock_request_count(f.mock), 0);

	// freeing the handle completes what is pending, cancelled
	std::optional<gosend::error> cancelled;
	assert_true(f.a->try_send_text(
	                       PNID, TO, "never",
	                       [&](gosend::result<gosend::message_result> r) {
		                       done++;
		                       cancelled = r.error();
	                       })
	                    .ok());
	assert_int_equal(f.a->pending(), 1);
	f.a->reset();
	assert_int_equal(done, 1);
	assert_int_equal(cancelled->code(), GOSEND_ECANCELED);
	assert_null(f.loop.as);
	assert_int_equal(gsmock_message_count(f.mock), 0);
}

} // namespace

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_async_calls, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_async_refusals_and_cancel,
	                                        setup, teardown),
	};
	return cmocka_run_group_tests(tests, nullptr, nullptr);
}
