/*
 * The C++ wrapper's resource calls against the in-process mock: the new
 * message shapes (reply context, media headers, call-to-action URL, Flow,
 * location request, template button parameters) as exact JSON on the
 * wire; WABAs, phone numbers, conversations, templates (with the
 * builder), webhooks and their deliveries, media uploads, customers and
 * setup links, each with what went over the wire, the decoded values and
 * an error; bulk sends with one result per item; and receiving webhooks
 * (signatures, parsed events with their typed answers).
 */
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gosendapi/gosendapi.hpp>

extern "C" {
#include "testsupport.h"
}
#include "gsmock.h"

#if !GOSEND_CPP_EXCEPTIONS
#error "this test needs exceptions"
#endif

using namespace std::string_view_literals;

namespace
{

const char KEY[] = "gsk_test_cpp_resources";
const char PNID[] = "555123456789";
const char TO[] = "5491140123456";
const char HEAD[] =
        R"({"phone_number_id":"555123456789","to":"5491140123456",)";

struct fx {
	gsmock *mock = nullptr;
	std::optional<gosend::client> c;
};

using request_ptr =
        std::unique_ptr<gsmock_request, decltype(&gsmock_request_free)>;

request_ptr last_request(gsmock *m)
{
	std::size_t n = gsmock_request_count(m);
	assert_true(n > 0);
	request_ptr r(gsmock_request_at(m, n - 1), gsmock_request_free);
	assert_non_null(r.get());
	return r;
}

// The last request: method, target and (when not NULL) its JSON body.
void expect_request(fx &f, const char *method, const char *target,
                    const char *body)
{
	request_ptr r = last_request(f.mock);
	assert_string_equal(r->method, method);
	assert_string_equal(r->target, target);
	assert_string_equal(gsmock_request_header(r.get(), "X-API-Key"), KEY);
	if (body)
		ts_assert_json_eq(r->body, body);
}

void queue(fx &f, unsigned int status, const char *body,
           const char *headers = nullptr)
{
	assert_int_equal(
	        gsmock_queue_response(f.mock, status, headers, nullptr, body),
	        0);
}

int setup(void **state)
{
	auto f = std::make_unique<fx>();
	if (gsmock_start(&f->mock, nullptr) != 0)
		return -1;
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	o.base_url = gsmock_base_url(f->mock);
	o.max_retries = GOSEND_NO_RETRIES;
	f->c.emplace(KEY, &o);
	*state = f.release();
	return 0;
}

int teardown(void **state)
{
	auto *f = static_cast<fx *>(*state);
	f->c.reset();
	gsmock_stop(f->mock);
	delete f;
	return 0;
}

fx &F(void **state)
{
	return *static_cast<fx *>(*state);
}

std::string body_of(const std::string &rest)
{
	return std::string(HEAD) + rest;
}

// Send m; the body on the wire and to_json() are exactly `rest` after HEAD.
void send_and_check(fx &f, const gosend::outgoing &m, const std::string &rest)
{
	std::size_t before = gsmock_request_count(f.mock);
	gosend::message_result r = f.c->send(m);
	assert_int_equal(gsmock_request_count(f.mock), before + 1);
	expect_request(f, "POST", "/v1/messages", body_of(rest).c_str());
	ts_assert_json_eq(m.to_json().c_str(), body_of(rest).c_str());
	assert_true(r.id_known());
}

/* ------------------------------------------------------ new shapes */

void test_shapes_reply_context(void **state)
{
	fx &f = F(state);
	auto m = gosend::outgoing::text(PNID, TO, "Hi")
	                 .set_reply_to("wamid.A"sv);
	send_and_check(f, m,
	               R"("type":"text","text":{"body":"Hi"},
	               "context":{"message_id":"wamid.A"}})");
	// std::nullopt takes the context away
	m.set_reply_to(std::nullopt);
	send_and_check(f, m, R"("type":"text","text":{"body":"Hi"}})");
	auto img = gosend::outgoing::media(PNID, TO, GOSEND_MESSAGE_TYPE_IMAGE,
	                                   std::nullopt, "77"sv)
	                   .set_reply_to("wamid.B"sv);
	send_and_check(f, img,
	               R"("type":"image","image":{"id":"77"},
	               "context":{"message_id":"wamid.B"}})");
}

void test_shapes_media_headers(void **state)
{
	fx &f = F(state);
	const std::string tail =
	        R"("body":{"text":"Ok?"},"action":{"buttons":[{"type":"reply",
	        "reply":{"id":"y","title":"Yes"}}]}}})";
	auto m = gosend::outgoing::buttons(PNID, TO, "Ok?")
	                 .add_reply_button("y", "Yes")
	                 .set_header_text("Title")
	                 .set_header_media(GOSEND_MESSAGE_TYPE_VIDEO,
	                                   std::nullopt, "1013"sv);
	send_and_check(f, m,
	               R"("type":"interactive","interactive":{"type":"button",
	               "header":{"type":"video","video":{"id":"1013"}},)" +
	                       tail);
	auto d = gosend::outgoing::buttons(PNID, TO, "Ok?")
	                 .add_reply_button("y", "Yes")
	                 .set_header_media(GOSEND_MESSAGE_TYPE_DOCUMENT,
	                                   "https://a.example/menu.pdf"sv,
	                                   std::nullopt, "Menu.pdf"sv);
	send_and_check(f, d,
	               R"("type":"interactive","interactive":{"type":"button",
	               "header":{"type":"document","document":{
	               "link":"https://a.example/menu.pdf",
	               "filename":"Menu.pdf"}},)" +
	                       tail);

	// a list takes a text header only: kept refusal, nothing sent
	std::size_t before = gsmock_request_count(f.mock);
	auto l = gosend::outgoing::list(PNID, TO, "Pick", "Open")
	                 .add_row("a", "A")
	                 .set_header_media(GOSEND_MESSAGE_TYPE_IMAGE,
	                                   "https://a.example/i.png"sv)
	                 .set_footer("never applied");
	assert_false(l.ok());
	assert_int_equal(l.error()->code(), GOSEND_EINVAL);
	assert_string_equal(l.error()->field()->c_str(), "interactive.header");
	auto r = f.c->try_send(l);
	assert_false(r.ok());
	assert_int_equal(r.error().code(), GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f.mock), before);
}

void test_shapes_cta_url(void **state)
{
	fx &f = F(state);
	auto m = gosend::outgoing::cta_url(PNID, TO, "Tap to see the dates.",
	                                   "See Dates",
	                                   "https://shop.example/dates?ref=wa")
	                 .set_header_text("New dates")
	                 .set_footer("Subject to change");
	assert_int_equal(m.type(), GOSEND_MESSAGE_TYPE_INTERACTIVE);
	send_and_check(f, m,
	               R"("type":"interactive","interactive":{"type":"cta_url",
	               "header":{"type":"text","text":"New dates"},
	               "body":{"text":"Tap to see the dates."},
	               "footer":{"text":"Subject to change"},
	               "action":{"name":"cta_url","parameters":{
	               "display_text":"See Dates",
	               "url":"https://shop.example/dates?ref=wa"}}}})");
	// a bad URL is the maker's refusal
	auto bad = gosend::outgoing::cta_url(PNID, TO, "b", "Go", "ftp://x");
	assert_false(bad.ok());
	assert_int_equal(bad.error()->code(), GOSEND_EINVAL);
	assert_string_equal(bad.error()->field()->c_str(),
	                    "interactive.action.parameters.url");
}

void test_shapes_flow_and_location_request(void **state)
{
	fx &f = F(state);
	gosend::flow_params fp;
	fp.flow_id = "1197715005513101";
	fp.flow_cta = "Book now";
	fp.flow_token = "order-81";
	fp.flow_action = "navigate";
	fp.screen = "BOOKING";
	fp.data_json = R"({"days":["2026-05-20"],"n":2})";
	fp.mode = "draft";
	auto m = gosend::outgoing::flow(PNID, TO, "Pick a day", fp)
	                 .set_header_media(GOSEND_MESSAGE_TYPE_IMAGE,
	                                   "https://a.example/f.png"sv)
	                 .set_footer("Takes a minute");
	send_and_check(f, m,
	               R"("type":"interactive","interactive":{"type":"flow",
	               "body":{"text":"Pick a day"},"action":{"name":"flow",
	               "parameters":{"flow_message_version":"3",
	               "flow_token":"order-81","flow_id":"1197715005513101",
	               "flow_cta":"Book now","flow_action":"navigate",
	               "flow_action_payload":{"screen":"BOOKING",
	               "data":{"days":["2026-05-20"],"n":2}},"mode":"draft"}},
	               "header":{"type":"image","image":{
	               "link":"https://a.example/f.png"}},
	               "footer":{"text":"Takes a minute"}}})");

	gosend::flow_params by_name;
	by_name.flow_name = "appointment booking";
	by_name.flow_cta = "Start";
	send_and_check(f, gosend::outgoing::flow(PNID, TO, "Hi", by_name),
	               R"("type":"interactive","interactive":{"type":"flow",
	               "body":{"text":"Hi"},"action":{"name":"flow",
	               "parameters":{"flow_message_version":"3",
	               "flow_name":"appointment booking",
	               "flow_cta":"Start"}}}})");

	send_and_check(f,
	               gosend::outgoing::location_request(
	                       PNID, TO, "Where should we deliver?"),
	               R"("type":"interactive","interactive":{
	               "type":"location_request_message",
	               "body":{"text":"Where should we deliver?"},
	               "action":{"name":"send_location"}}})");

	// both an id and a name: refused by the C rule; a NUL: by this side
	std::size_t before = gsmock_request_count(f.mock);
	gosend::flow_params both = fp;
	both.flow_name = "x";
	auto b = gosend::outgoing::flow(PNID, TO, "x", both);
	assert_int_equal(b.error()->code(), GOSEND_EINVAL);
	gosend::flow_params nul = by_name;
	nul.screen = std::string("A\0B", 3);
	auto n = gosend::outgoing::flow(PNID, TO, "x", nul);
	assert_int_equal(n.error()->code(), GOSEND_EINVAL);
	assert_null(n.error()->c_error());
	assert_false(f.c->try_send(n).ok());
	assert_int_equal(gsmock_request_count(f.mock), before);
}

void test_shapes_template_buttons(void **state)
{
	fx &f = F(state);
	using gosend::component::body;
	using gosend::component::button;
	auto m = gosend::outgoing::template_message(PNID, TO, "offer", "en_US")
	                 .template_add_text(body, "25OFF")
	                 .template_button("copy_code", 0)
	                 .template_add_coupon_code(button(0), "25OFF")
	                 .template_button("flow", 1)
	                 .template_add_flow_action(button(1), "tok-1"sv,
	                                           R"({"qty":3})"sv)
	                 .template_button("flow", 2)
	                 .template_add_flow_action(button(2), std::nullopt);
	send_and_check(f, m,
	               R"("type":"template","template":{"name":"offer",
	               "language":{"code":"en_US"},"components":[
	               {"type":"body","parameters":[{"type":"text",
	               "text":"25OFF"}]},
	               {"type":"button","sub_type":"copy_code","index":"0",
	               "parameters":[{"type":"coupon_code",
	               "coupon_code":"25OFF"}]},
	               {"type":"button","sub_type":"flow","index":"1",
	               "parameters":[{"type":"action","action":{
	               "flow_token":"tok-1","flow_action_data":{"qty":3}}}]},
	               {"type":"button","sub_type":"flow","index":"2",
	               "parameters":[{"type":"action","action":{}}]}]}})");
	// a coupon code on a flow button is refused
	auto bad = gosend::outgoing::template_message(PNID, TO, "o", "en")
	                   .template_button("flow", 0)
	                   .template_add_coupon_code(button(0), "X");
	assert_false(bad.ok());
	assert_int_equal(bad.error()->code(), GOSEND_EINVAL);
}

/* ------------------------------------------- WABAs and phone numbers */

void test_wabas(void **state)
{
	fx &f = F(state);
	queue(f, 200,
	      R"([{"id":"1","customer_id":"c1","waba_id":"109876543210987",
	      "business_id":"b1","display_name":"Shop","status":"active",
	      "external_reference":"ref-1"}])",
	      "X-Total-Count: 7");
	gosend::waba_page p = f.c->list_wabas({2, 1});
	expect_request(f, "GET", "/v1/wabas?page=2&per_page=1", nullptr);
	assert_int_equal(p.size(), 1);
	assert_int_equal(p.meta().total_count, 7);
	for (gosend::waba_view w : p) {
		assert_string_equal(w.id()->c_str(), "1");
		assert_string_equal(w.waba_id()->c_str(), "109876543210987");
		assert_string_equal(w.display_name()->c_str(), "Shop");
		assert_int_equal(w.status(), GOSEND_WABA_STATUS_ACTIVE);
		assert_string_equal(w.status_name()->c_str(), "active");
		assert_string_equal(w.external_reference()->c_str(), "ref-1");
		assert_string_equal(w.business_id()->c_str(), "b1");
		assert_string_equal(w.customer_id()->c_str(), "c1");
	}

	queue(f, 200, R"({"id":"2","display_name":"Two"})");
	gosend::waba one = f.c->get_waba("a/b?c");
	expect_request(f, "GET", "/v1/wabas/a%2Fb%3Fc", nullptr);
	assert_string_equal(one.display_name()->c_str(), "Two");
	assert_false(one.waba_id().has_value());
	assert_int_equal(one.meta().http_status, 200);
	ts_assert_json_eq(one.raw_json().c_str(),
	                  R"({"id":"2","display_name":"Two"})");

	// every WABA: a short page (per_page is 100) is the last
	queue(f, 200, R"([{"id":"w1"},{"id":"w2"}])");
	std::vector<std::string> ids;
	for (gosend::waba_view w : f.c->wabas())
		ids.push_back(w.id().value());
	assert_int_equal(ids.size(), 2);
	expect_request(f, "GET", "/v1/wabas?page=1&per_page=100", nullptr);
	assert_string_equal(ids[1].c_str(), "w2");
	gsmock_clear_log(f.mock);

	queue(f, 404,
	      R"({"statusCode":404,"message":"WABA not found",
	      "error":"Not Found"})");
	auto r = f.c->try_get_waba("9");
	assert_false(r.ok());
	assert_int_equal(r.error().code(), GOSEND_ENOTFOUND);
	assert_int_equal(r.error().http_status(), 404);
	assert_string_equal(r.error().message().c_str(), "WABA not found");
	queue(f, 404, R"({"statusCode":404,"message":"x"})");
	try {
		(void)f.c->get_waba("9");
		fail_msg("no exception");
	} catch (const gosend::error &e) {
		assert_int_equal(e.code(), GOSEND_ENOTFOUND);
	}
	// nothing is sent for an id with a NUL
	std::size_t before = gsmock_request_count(f.mock);
	assert_int_equal(f.c->try_get_waba("1\0 2"sv).error().code(),
	                 GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f.mock), before);
}

void test_phone_numbers(void **state)
{
	fx &f = F(state);
	queue(f, 200,
	      R"([{"id":"p1","waba_id":"1","phone_number_id":"555123456789",
	      "display_phone_number":"+54 9 11 4012-3456",
	      "verified_name":"Shop","quality_rating":"GREEN",
	      "connection_type":"coexistence","is_coexistence":true,
	      "calls_enabled":false,"status":"active",
	      "throughput_tier":"standard"}])");
	gosend::phone_number_page p = f.c->list_phone_numbers("1", {0, 50});
	expect_request(f, "GET", "/v1/wabas/1/phone-numbers?per_page=50",
	               nullptr);
	assert_int_equal(p.size(), 1);
	gosend::phone_number_view n = p[0];
	assert_string_equal(n.phone_number_id()->c_str(), PNID);
	assert_string_equal(n.display_phone_number()->c_str(),
	                    "+54 9 11 4012-3456");
	assert_string_equal(n.verified_name()->c_str(), "Shop");
	assert_int_equal(n.quality_rating(), GOSEND_QUALITY_RATING_GREEN);
	assert_int_equal(n.connection_type(),
	                 GOSEND_CONNECTION_TYPE_COEXISTENCE);
	assert_int_equal(n.is_coexistence(), 1);
	assert_int_equal(n.calls_enabled(), 0);
	assert_int_equal(n.inbound_processing_enabled(), -1);
	assert_int_equal(n.status(), GOSEND_PHONE_NUMBER_STATUS_ACTIVE);
	assert_string_equal(n.throughput_tier()->c_str(), "standard");

	queue(f, 200, R"([{"id":"p1"},{"id":"p2"}])");
	std::size_t count = 0;
	auto rng = f.c->try_phone_numbers("2", 1);
	assert_true(rng.ok());
	for (gosend::phone_number_view v : *rng) {
		assert_string_equal(v.id()->c_str(), "p1");
		count++;
	}
	assert_int_equal(count, 1);
	expect_request(f, "GET",
	               "/v1/wabas/2/phone-numbers?page=1&per_page=100",
	               nullptr);

	queue(f, 403, R"({"statusCode":403,"message":"WABA_NOT_IN_TENANT"})");
	auto r = f.c->try_list_phone_numbers("3");
	assert_int_equal(r.error().code(), GOSEND_EFORBIDDEN);
	assert_string_equal(r.error().message().c_str(), "WABA_NOT_IN_TENANT");
}

/* ----------------------------------------------------- conversations */

void test_conversations(void **state)
{
	fx &f = F(state);
	queue(f, 200,
	      R"({"id":"3","status":"active","contact_wa_id":"5491140123456",
	      "contact_name":"Ana","category":"service",
	      "opened_at":"2026-01-15T10:00:00Z",
	      "expires_at":"2026-01-16T10:00:00Z"})");
	gosend::conversation c = f.c->get_conversation("3");
	expect_request(f, "GET", "/v1/conversations/3", nullptr);
	assert_int_equal(c.status(), GOSEND_CONVERSATION_STATUS_ACTIVE);
	assert_string_equal(c.contact_name()->c_str(), "Ana");
	assert_string_equal(c.contact_wa_id()->c_str(), TO);
	assert_string_equal(c.expires_at()->c_str(), "2026-01-16T10:00:00Z");
	assert_false(c.closed_at().has_value());

	queue(f, 200,
	      R"({"id":"3","status":"ended","closed_at":"2026-01-15T11:00:00Z"})");
	gosend::conversation closed = f.c->close_conversation("3");
	expect_request(f, "POST", "/v1/conversations/3/close", nullptr);
	assert_int_equal(closed.status(), GOSEND_CONVERSATION_STATUS_ENDED);
	assert_string_equal(closed.closed_at()->c_str(),
	                    "2026-01-15T11:00:00Z");

	queue(f, 200, R"([{"id":"a"},{"id":"b","status":"inactive"}])");
	gosend::conversation_page p = f.c->list_conversations({2, 0});
	expect_request(f, "GET", "/v1/conversations?page=2", nullptr);
	assert_int_equal(p.size(), 2);
	assert_int_equal(p[1].status(), GOSEND_CONVERSATION_STATUS_INACTIVE);

	queue(f, 409, R"({"statusCode":409,"message":"already closed"})");
	auto r = f.c->try_close_conversation("3");
	assert_int_equal(r.error().code(), GOSEND_ECONFLICT);
	assert_int_equal(r.error().http_status(), 409);
}

/* --------------------------------------------------------- templates */

const char ORDER_UPDATE_JSON[] =
        R"({"name":"order_update","category":"UTILITY","language":"en_US",
        "components":[{"type":"HEADER","format":"TEXT","text":"Order {{1}}",
        "example":{"header_text":["#1234"]}},{"type":"BODY",
        "text":"Hi {{1}}, your order ships {{2}}.",
        "example":{"body_text":[["Ana","today"]]}},
        {"type":"FOOTER","text":"Acme"},{"type":"BUTTONS","buttons":[
        {"type":"QUICK_REPLY","text":"Thanks"},{"type":"URL",
        "text":"Track","url":"https://acme.test/t/{{1}}",
        "example":["https://acme.test/t/1234"]}]}]})";

gosend::template_builder order_update()
{
	return gosend::template_builder("order_update", "UTILITY", "en_US")
	        .header_text("Order {{1}}", "#1234"sv)
	        .body("Hi {{1}}, your order ships {{2}}.", {"Ana", "today"})
	        .footer("Acme")
	        .button_quick_reply("Thanks")
	        .button_url("Track", "https://acme.test/t/{{1}}",
	                    "https://acme.test/t/1234"sv);
}

void test_templates(void **state)
{
	fx &f = F(state);
	gosend::template_builder b = order_update();
	assert_true(b.ok());
	ts_assert_json_eq(b.to_json().c_str(), ORDER_UPDATE_JSON);
	gosend::message_template t = f.c->create_template("1", b);
	expect_request(f, "POST", "/v1/wabas/1/templates", ORDER_UPDATE_JSON);
	assert_int_equal(t.meta().http_status, 201);
	assert_string_equal(t.name()->c_str(), "order_update");
	assert_string_equal(t.language()->c_str(), "en_US");
	assert_int_equal(t.status(), GOSEND_TEMPLATE_STATUS_PENDING);
	assert_int_equal(t.category(), GOSEND_TEMPLATE_CATEGORY_UTILITY);
	assert_string_equal(t.waba_id()->c_str(), "1");
	assert_true(t.id().has_value());

	// the new template is listed
	bool seen = false;
	for (gosend::message_template_view v : f.c->templates("1"))
		seen = seen ||
		       v.name() == std::optional<std::string>("order_update");
	assert_true(seen);

	gosend::template_sync_result s = f.c->sync_templates("1");
	expect_request(f, "POST", "/v1/wabas/1/templates/sync", "{}");
	assert_true(s.synced() >= 0);
	assert_int_equal(s.templates().size(), s.size());

	queue(f, 204, nullptr);
	f.c->delete_template("1", "a/b?c");
	expect_request(f, "DELETE", "/v1/wabas/1/templates/a%2Fb%3Fc", nullptr);

	queue(f, 404, R"({"statusCode":404,"message":"Template not found"})");
	auto d = f.c->try_delete_template("1", "1001");
	assert_int_equal(d.error().code(), GOSEND_ENOTFOUND);

	// a builder that kept a refusal sends nothing
	std::size_t before = gsmock_request_count(f.mock);
	auto bad = gosend::template_builder("x", "UTILITY", "en")
	                   .body("Hi {{1}}", {std::string("A\0B", 3)})
	                   .footer("not applied");
	assert_false(bad.ok());
	assert_int_equal(bad.error()->code(), GOSEND_EINVAL);
	auto bad2 = gosend::template_builder("bad name!", "UTILITY", "en");
	assert_int_equal(bad2.error()->code(), GOSEND_EINVAL);
	auto r = f.c->try_create_template("1", bad2);
	assert_int_equal(r.error().code(), GOSEND_EINVAL);
	assert_false(bad2.try_to_json().ok());
	assert_int_equal(gsmock_request_count(f.mock), before);
}

/* ---------------------------------------------------------- webhooks */

void test_webhooks(void **state)
{
	fx &f = F(state);
	queue(f, 201,
	      R"({"id":"5","url":"https://hooks.example/in",
	      "secret":"whsec_abc","events":["message.received",
	      "message.delivered"],"enabled":true,
	      "phone_number_id":"555123456789"})");
	gosend::webhook_params p;
	p.url = "https://hooks.example/in";
	p.events = {"message.received", "message.delivered"};
	p.phone_number_id = PNID;
	gosend::webhook w = f.c->create_webhook(p);
	expect_request(f, "POST", "/v1/webhooks",
	               R"({"url":"https://hooks.example/in",
	               "events":["message.received","message.delivered"],
	               "phone_number_id":"555123456789"})");
	assert_string_equal(w.id()->c_str(), "5");
	assert_string_equal(w.secret()->c_str(), "whsec_abc");
	assert_int_equal(w.enabled(), 1);
	std::vector<std::string> ev = w.events();
	assert_int_equal(ev.size(), 2);
	assert_string_equal(ev[1].c_str(), "message.delivered");

	queue(f, 200, R"({"id":"5","enabled":false,"events":["x.y"]})");
	gosend::webhook_update u;
	u.enabled = false;
	u.events = std::vector<std::string>{"x.y"};
	gosend::webhook changed = f.c->update_webhook("5", u);
	expect_request(f, "PATCH", "/v1/webhooks/5",
	               R"({"events":["x.y"],"enabled":false})");
	assert_int_equal(changed.enabled(), 0);

	// an empty list of events is refused, not taken as "unchanged"
	std::size_t before = gsmock_request_count(f.mock);
	gosend::webhook_update none;
	none.events = std::vector<std::string>{};
	assert_int_equal(f.c->try_update_webhook("5", none).error().code(),
	                 GOSEND_EINVAL);
	gosend::webhook_params nul = p;
	nul.events.push_back(std::string("a\0b", 3));
	assert_int_equal(f.c->try_create_webhook(nul).error().code(),
	                 GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f.mock), before);

	queue(f, 200, R"([{"id":"5","url":"https://hooks.example/in"}])");
	gosend::webhook_page l = f.c->list_webhooks();
	expect_request(f, "GET", "/v1/webhooks", nullptr);
	assert_string_equal(l[0].url()->c_str(), "https://hooks.example/in");
	assert_true(l[0].events().empty());

	queue(f, 200,
	      R"([{"id":"d1","webhook_id":"5","event":"message.received",
	      "status":"failed","attempts":3,"response_status":500,
	      "next_attempt_at":"2026-01-15T10:10:00Z"}])");
	gosend::webhook_delivery_page dl =
	        f.c->list_webhook_deliveries("5", {2, 2});
	expect_request(f, "GET", "/v1/webhooks/5/deliveries?page=2&per_page=2",
	               nullptr);
	assert_int_equal(dl[0].attempts(), 3);
	assert_int_equal(dl[0].response_status(), 500);
	assert_string_equal(dl[0].status()->c_str(), "failed");
	assert_string_equal(dl[0].event()->c_str(), "message.received");

	queue(f, 200, R"([{"id":"d1"},{"id":"d2"}])");
	std::vector<std::string> ids;
	for (gosend::webhook_delivery_view d : f.c->webhook_deliveries("5"))
		ids.push_back(*d.id());
	assert_int_equal(ids.size(), 2);

	queue(f, 204, nullptr);
	f.c->delete_webhook("x y");
	expect_request(f, "DELETE", "/v1/webhooks/x%20y", nullptr);
	queue(f, 403, R"({"statusCode":403,"message":"Not yours"})");
	auto r = f.c->try_delete_webhook("9");
	assert_int_equal(r.error().code(), GOSEND_EFORBIDDEN);
}

/* ------------------------------------------------------------- media */

void test_media(void **state)
{
	fx &f = F(state);
	const std::string pdf("%PDF-1.4\0\x01", 10);
	gosend::media_upload up =
	        f.c->upload_media(PNID, pdf, "a.pdf"sv, "application/pdf");
	request_ptr r = last_request(f.mock);
	assert_string_equal(r->method, "POST");
	assert_string_equal(r->target, "/v1/media");
	const char *ct = gsmock_request_header(r.get(), "Content-Type");
	assert_non_null(ct);
	assert_int_equal(std::string_view(ct).rfind("multipart/form-data", 0),
	                 0);
	// the bytes went whole, NUL included
	std::string_view body(r->body, r->body_len);
	assert_true(body.find(pdf) != std::string_view::npos);
	assert_true(body.find("a.pdf") != std::string_view::npos);
	assert_true(up.id().has_value());
	assert_int_equal(up.meta().http_status, 201);

	auto missing = f.c->try_upload_media_file(
	        PNID, "/nonexistent/dir/x.png", "image/png"sv);
	assert_false(missing.ok());
	assert_int_equal(missing.error().code(), GOSEND_EINVAL);
}

/* ------------------------------------------------------------- admin */

void test_admin(void **state)
{
	fx &f = F(state);
	queue(f, 201,
	      R"({"id":"c1","tenant_id":"42","name":"Acme",
	      "external_id":"ext-1","email":"ops@acme.test",
	      "metadata":{"tier":"gold"},"status":"active"})");
	gosend::customer_params cp;
	cp.name = "Acme";
	cp.external_id = "ext-1";
	cp.email = "ops@acme.test";
	cp.metadata_json = R"({"tier":"gold"})";
	gosend::customer c = f.c->create_customer("42", cp);
	expect_request(f, "POST", "/v1/admin/tenants/42/customers",
	               R"({"name":"Acme","external_id":"ext-1",
	               "email":"ops@acme.test","metadata":{"tier":"gold"}})");
	assert_string_equal(c.id()->c_str(), "c1");
	assert_int_equal(c.status(), GOSEND_CUSTOMER_STATUS_ACTIVE);
	ts_assert_json_eq(c.metadata_json()->c_str(), R"({"tier":"gold"})");

	queue(f, 201,
	      R"({"id":"l1","url":"https://setup.example/l1",
	      "status":"pending","customer_id":"c1"})");
	gosend::setup_link_params lp;
	lp.success_redirect_url = "https://acme.test/ok";
	gosend::setup_link l = f.c->create_setup_link("c1", lp);
	expect_request(f, "POST", "/v1/admin/customers/c1/setup-links",
	               R"({"successRedirectUrl":"https://acme.test/ok"})");
	assert_string_equal(l.url()->c_str(), "https://setup.example/l1");
	assert_string_equal(l.customer_id()->c_str(), "c1");

	queue(f, 403,
	      R"({"statusCode":403,"message":"Admin access required",
	      "error":"Forbidden"})");
	auto r = f.c->try_create_customer("42", cp);
	assert_int_equal(r.error().code(), GOSEND_EFORBIDDEN);
	assert_string_equal(r.error().message().c_str(),
	                    "Admin access required");
}

/* -------------------------------------------------------------- bulk */

void test_bulk(void **state)
{
	fx &f = F(state);
	gsmock_clear_log(f.mock);
	std::vector<gosend::outgoing> msgs;
	for (const char *t : {"one", "two", "three"})
		msgs.push_back(gosend::outgoing::text(PNID, TO, t));
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	o.concurrency = 1;
	// the first request fails for good; the others go
	queue(f, 422, R"({"statusCode":422,"message":"bad recipient"})");
	gosend::bulk_result r = f.c->send_bulk(msgs, &o);
	assert_int_equal(gsmock_request_count(f.mock), 3);
	assert_int_equal(r.size(), 3);
	assert_int_equal(r.succeeded(), 2);
	assert_int_equal(r.failed(), 1);
	assert_int_equal(r.sent() + r.accepted(), 2);
	assert_true(r.elapsed().count() >= 0);
	std::size_t failed = 0;
	std::optional<gosend::error> kept;
	for (const gosend::bulk_item_view &it : r.items()) {
		if (it.ok()) {
			assert_int_equal(it.state(), GOSEND_BULK_SENT);
			assert_int_equal(it.id()->rfind("wamid.MOCK", 0), 0);
			assert_non_null(it.message_result());
			assert_false(it.error().has_value());
		} else {
			failed++;
			assert_int_equal(it.state(), GOSEND_BULK_FAILED);
			assert_int_equal(it.code(), GOSEND_EUNPROCESSABLE);
			kept = it.error();
			assert_false(it.id().has_value());
		}
		assert_true(it.idempotency_key().has_value());
		assert_int_equal(it.attempts(), 1);
	}
	assert_int_equal(failed, 1);
	// an item's error outlives the result it came from
	{
		gosend::bulk_result gone = std::move(r);
		(void)gone;
	}
	assert_true(kept.has_value());
	assert_string_equal(kept->message().c_str(), "bad recipient");
	assert_int_equal(kept->http_status(), 422);

	// a message that kept a refusal: that error, nothing sent
	std::size_t before = gsmock_request_count(f.mock);
	msgs.push_back(gosend::outgoing::text(PNID, "not a number", "x"));
	auto rr = f.c->try_send_bulk(msgs);
	assert_false(rr.ok());
	assert_int_equal(rr.error().code(), GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f.mock), before);
}

/* -------------------------------------------------- receiving webhooks */

std::string fixture(const char *rel)
{
	std::size_t len = 0;
	char *p = ts_fixture(rel, &len);
	assert_non_null(p);
	std::string s(p, len);
	std::free(p);
	return s;
}

void test_webhook_signatures(void **state)
{
	(void)state;
	const std::string body = fixture("events/reply_list.json");
	std::string sig = gosend::sign_webhook("whsec_one", body);
	assert_false(sig.empty());
	gosend::verify_webhook("whsec_one", sig, body);
	assert_true(gosend::try_verify_webhook(
	                    std::vector<std::string>{"whsec_old", "whsec_one"},
	                    sig, body)
	                    .ok());
	auto wrong = gosend::try_verify_webhook("whsec_two", sig, body);
	assert_int_equal(wrong.error().code(), GOSEND_ESIGNATURE);
	auto altered = gosend::try_verify_webhook("whsec_one", sig, body + " ");
	assert_int_equal(altered.error().code(), GOSEND_ESIGNATURE);
	auto missing =
	        gosend::try_verify_webhook("whsec_one", std::nullopt, body);
	assert_int_equal(missing.error().code(), GOSEND_EPROTOCOL);
	auto none = gosend::try_verify_webhook(std::vector<std::string>{}, sig,
	                                       body);
	assert_int_equal(none.error().code(), GOSEND_EINVAL);
	try {
		gosend::verify_webhook("whsec_two", sig, body);
		fail_msg("no exception");
	} catch (const gosend::error &e) {
		assert_int_equal(e.code(), GOSEND_ESIGNATURE);
	}
}

void test_webhook_events(void **state)
{
	(void)state;
	gosend::webhook_event ev =
	        gosend::webhook_event::parse(fixture("events/reply_list.json"));
	assert_int_equal(ev.type(), GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED);
	assert_string_equal(ev.name().c_str(), "whatsapp.message.received");
	assert_true(ev.is("whatsapp.message.received"));
	assert_true(ev.matches("whatsapp.message.*"));
	assert_false(ev.is("whatsapp.message.read"));
	assert_string_equal(ev.id()->c_str(), "evt_list_1");
	assert_true(ev.timestamp_unix().has_value());
	auto m = ev.message();
	assert_true(m.has_value());
	assert_string_equal(m->id()->c_str(), "wamid.ROW1");
	assert_string_equal(m->from()->c_str(), TO);
	assert_string_equal(m->context_message_id()->c_str(), "wamid.LIST");
	assert_string_equal(m->interactive_type()->c_str(), "list_reply");
	auto reply = m->reply();
	assert_true(reply.has_value());
	assert_int_equal(reply->kind(), GOSEND_WEBHOOK_REPLY_LIST);
	assert_string_equal(reply->id()->c_str(), "priority_express");
	assert_string_equal(reply->title()->c_str(), "Priority Mail");
	assert_string_equal(reply->description()->c_str(),
	                    "Next day to 2 days");
	assert_true(reply->raw_json().find("priority_express") !=
	            std::string::npos);
	assert_false(m->flow_reply().has_value());
	assert_false(m->location().has_value());
	assert_false(ev.status().has_value());

	auto fl =
	        gosend::webhook_event::parse(fixture("events/reply_flow.json"));
	auto fr = fl.message()->flow_reply();
	assert_true(fr.has_value());
	assert_string_equal(fr->name()->c_str(), "flow");
	assert_string_equal(fr->body()->c_str(), "Sent");
	assert_true(fr->response_json()->find("order-81") != std::string::npos);
	assert_false(fl.message()->reply().has_value());

	auto loc = gosend::webhook_event::parse(
	        fixture("events/reply_location.json"));
	auto l = loc.message()->location();
	assert_true(l.has_value());
	assert_true(l->has_coordinates());
	assert_float_equal(l->latitude(), -34.6037, 1e-9);
	assert_float_equal(l->longitude(), -58.3816, 1e-9);
	assert_string_equal(l->name()->c_str(), "Obelisco");
	assert_string_equal(l->url()->c_str(), "https://maps.example/o");

	auto st = gosend::webhook_event::parse(
	        fixture("events/message_delivered.json"));
	assert_int_equal(st.type(), GOSEND_WEBHOOK_EVENT_MESSAGE_DELIVERED);
	assert_string_equal(st.type_name().c_str(),
	                    "whatsapp.message.delivered");
	auto s = st.status();
	assert_true(s.has_value());
	assert_string_equal(s->message_id()->c_str(), "wamid.OUT1");
	assert_string_equal(s->status()->c_str(), "delivered");
	assert_string_equal(s->conversation_id()->c_str(), "conv_9");
	assert_int_equal(s->error_code(), -1);
	assert_false(st.message().has_value());

	auto bad = gosend::webhook_event::try_parse(
	        fixture("events/truncated.json"));
	assert_false(bad.ok());
	assert_int_equal(bad.error().code(), GOSEND_EPROTOCOL);
	auto empty = gosend::webhook_event::try_parse(""sv);
	assert_false(empty.ok());
}

} // namespace

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_shapes_reply_context,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_shapes_media_headers,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_shapes_cta_url, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_shapes_flow_and_location_request, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_shapes_template_buttons,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_wabas, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_phone_numbers, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_conversations, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_templates, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_webhooks, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_media, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_admin, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bulk, setup, teardown),
	        cmocka_unit_test(test_webhook_signatures),
	        cmocka_unit_test(test_webhook_events),
	};
	return cmocka_run_group_tests(tests, nullptr, nullptr);
}
