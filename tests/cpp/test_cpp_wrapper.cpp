/*
 * The C++ wrapper (gosendapi.hpp) against the in-process mock: what goes
 * over the wire for the client's calls and every message kind the builder
 * makes, the full error detail in both forms (exception and result), the
 * builder's kept refusal, strings with a NUL refused before sending, and
 * the range-for iterator, including a failure on a later page.
 */
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
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

const char KEY[] = "gsk_test_cpp_wrapper";
const char PNID[] = "555123456789";
const char TO[] = "5491140123456";

struct fx {
	gsmock *mock = nullptr;
	std::optional<gosend::client> c;
};

using request_ptr =
        std::unique_ptr<gsmock_request, decltype(&gsmock_request_free)>;

request_ptr request_at(gsmock *m, std::size_t i)
{
	request_ptr r(gsmock_request_at(m, i), gsmock_request_free);
	assert_non_null(r.get());
	return r;
}

request_ptr last_request(gsmock *m)
{
	std::size_t n = gsmock_request_count(m);
	assert_true(n > 0);
	return request_at(m, n - 1);
}

gosend_client_options mock_options(gsmock *m)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	o.base_url = gsmock_base_url(m);
	o.max_retries = GOSEND_NO_RETRIES;
	return o;
}

int setup(void **state)
{
	auto f = std::make_unique<fx>();
	if (gsmock_start(&f->mock, nullptr) != 0)
		return -1;
	gosend_client_options o = mock_options(f->mock);
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

// Send m and check the body on the wire and that the mock stored it.
gosend::message_result send_and_check(fx &f, const gosend::outgoing &m,
                                      const char *expected)
{
	std::size_t before = gsmock_request_count(f.mock);
	std::size_t stored = gsmock_message_count(f.mock);
	gosend::message_result r = f.c->send(m);
	assert_int_equal(gsmock_request_count(f.mock), before + 1);
	assert_int_equal(gsmock_message_count(f.mock), stored + 1);
	request_ptr rq = last_request(f.mock);
	assert_string_equal(rq->method, "POST");
	assert_string_equal(rq->target, "/v1/messages");
	assert_string_equal(gsmock_request_header(rq.get(), "X-API-Key"), KEY);
	ts_assert_json_eq(rq->body, expected);
	// to_json() gives the same body without sending
	ts_assert_json_eq(m.to_json().c_str(), expected);
	assert_true(r.id_known());
	assert_true(r.id().has_value());
	assert_int_equal(r.id()->rfind("wamid.MOCK", 0), 0);
	return r;
}

void expect_nothing_sent(fx &f, std::size_t before)
{
	assert_int_equal(gsmock_request_count(f.mock), before);
}

/* ----------------------------------------------------------- sending */

void test_send_text_wire(void **state)
{
	fx &f = F(state);
	gosend::message_result r = f.c->send_text(PNID, TO, "Hola"sv);
	request_ptr rq = last_request(f.mock);
	assert_string_equal(rq->target, "/v1/messages");
	ts_assert_json_eq(rq->body, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"text","text":{"body":"Hola"}})");
	const char *key = gsmock_request_header(rq.get(), "Idempotency-Key");
	assert_non_null(key);
	assert_string_equal(r.meta().idempotency_key.value().c_str(), key);
	assert_int_equal(r.meta().http_status, 201);
	assert_true(r.meta().request_id.has_value());
	assert_true(r.id_known());
	assert_string_equal(r.id()->c_str(), "wamid.MOCK1");
	assert_non_null(r.get());
	assert_true(r.raw_json().find("wamid.MOCK1") != std::string::npos);

	// the caller's key and extra headers
	gosend::request_options o;
	o.idempotency_key = "cpp-key-0001";
	o.headers = {"X-Trace: t-1", "X-Tenant: acme"};
	gosend::message_result r2 =
	        f.c->send_json(R"({"phone_number_id":"555123456789",
			"to":"5491140123456","type":"text",
			"text":{"body":"raw"}})",
	                       o);
	rq = last_request(f.mock);
	assert_string_equal(gsmock_request_header(rq.get(), "Idempotency-Key"),
	                    "cpp-key-0001");
	assert_string_equal(gsmock_request_header(rq.get(), "X-Trace"), "t-1");
	assert_string_equal(gsmock_request_header(rq.get(), "X-Tenant"),
	                    "acme");
	ts_assert_json_eq(rq->body, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"text","text":{"body":"raw"}})");
	assert_string_equal(r2.meta().idempotency_key->c_str(), "cpp-key-0001");
	assert_int_equal(gsmock_message_count(f.mock), 2);

	// a moved-from message and template builder stay usable handles
	auto m = gosend::outgoing::text(PNID, TO, "moved"sv);
	auto moved = std::move(m);
	assert_true(m.ok()); // NOLINT(bugprone-use-after-move): on purpose
	f.c->send(m);        // NOLINT(bugprone-use-after-move)
	rq = last_request(f.mock);
	ts_assert_json_eq(rq->body, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"text","text":{"body":"moved"}})");
	assert_true(moved.ok());
	gosend::template_builder tb("order_update", "UTILITY", "en_US");
	auto tb2 = std::move(tb);
	assert_true(tb.ok()); // NOLINT(bugprone-use-after-move)
	assert_true(tb2.ok());
}

void test_builder_interactive(void **state)
{
	fx &f = F(state);
	auto m = gosend::outgoing::buttons(PNID, TO, "¿Confirmás el turno?")
	                 .set_header_text("Turno")
	                 .add_reply_button("yes", "Sí")
	                 .add_reply_button("no", "No")
	                 .set_footer("Clínica");
	assert_true(m.ok());
	assert_true(m.status().ok());
	assert_int_equal(m.type(), GOSEND_MESSAGE_TYPE_INTERACTIVE);
	send_and_check(f, m, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"interactive","interactive":{
		"type":"button","header":{"type":"text","text":"Turno"},
		"body":{"text":"¿Confirmás el turno?"},
		"footer":{"text":"Clínica"},"action":{"buttons":[
		{"type":"reply","reply":{"id":"yes","title":"Sí"}},
		{"type":"reply","reply":{"id":"no","title":"No"}}]}}})");

	auto l = gosend::outgoing::list(PNID, TO, "Elegí horario", "Horarios")
	                 .add_section("Mañana"sv)
	                 .add_row("h9", "09:00", "Dr. Pérez"sv)
	                 .add_section("Tarde"sv)
	                 .add_row("h15", "15:00");
	send_and_check(f, l, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"interactive","interactive":{
		"type":"list","body":{"text":"Elegí horario"},
		"action":{"button":"Horarios","sections":[
		{"title":"Mañana","rows":[{"id":"h9","title":"09:00",
		"description":"Dr. Pérez"}]},
		{"title":"Tarde","rows":[{"id":"h15","title":"15:00"}]}]}}})");
}

void test_builder_template(void **state)
{
	fx &f = F(state);
	namespace comp = gosend::component;
	auto m = gosend::outgoing::template_message(
	                 PNID, TO, "appointment_reminder", "es_AR")
	                 .template_add_media(
	                         comp::header, GOSEND_MESSAGE_TYPE_IMAGE,
	                         "https://cdn.example/logo.png"sv, std::nullopt)
	                 .template_add_text(comp::body, "Juan")
	                 .template_add_date_time(comp::body, "20/05")
	                 .template_add_currency(comp::body, "$1.500,00", "ARS",
	                                        1500000)
	                 .template_button("quick_reply", 0)
	                 .template_add_payload(comp::button(0), "CONFIRM");
	send_and_check(f, m, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"template","template":{
		"name":"appointment_reminder","language":{"code":"es_AR"},
		"components":[
		{"type":"header","parameters":[{"type":"image",
		 "image":{"link":"https://cdn.example/logo.png"}}]},
		{"type":"body","parameters":[
		 {"type":"text","text":"Juan"},
		 {"type":"date_time","date_time":{"fallback_value":"20/05"}},
		 {"type":"currency","currency":{"fallback_value":"$1.500,00",
		  "code":"ARS","amount_1000":1500000}}]},
		{"type":"button","sub_type":"quick_reply","index":"0",
		 "parameters":[{"type":"payload","payload":"CONFIRM"}]}]}})");
	assert_int_equal(comp::button(3), GOSEND_TEMPLATE_BUTTON(3));
	assert_int_equal(comp::header, GOSEND_TEMPLATE_HEADER);
	assert_int_equal(comp::body, GOSEND_TEMPLATE_BODY);
}

void test_builder_other_kinds(void **state)
{
	fx &f = F(state);
	auto t = gosend::outgoing::text(PNID, "5491100000000", "See x.test")
	                 .set_preview_url(true)
	                 .set_to(TO);
	send_and_check(f, t, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"text",
		"text":{"body":"See x.test","preview_url":true}})");

	auto d = gosend::outgoing::media(PNID, TO, GOSEND_MESSAGE_TYPE_DOCUMENT,
	                                 std::nullopt, "1234567890"sv)
	                 .set_caption("Factura")
	                 .set_filename("factura.pdf");
	send_and_check(f, d, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"document","document":{
		"id":"1234567890","caption":"Factura",
		"filename":"factura.pdf"}})");

	auto loc = gosend::outgoing::location(PNID, TO, -34.6037, -58.3816,
	                                      "Obelisco"sv);
	send_and_check(f, loc, R"({"phone_number_id":"555123456789",
		"to":"5491140123456","type":"location","location":{
		"latitude":-34.6037,"longitude":-58.3816,
		"name":"Obelisco"}})");

	gosend_contact_address a = GOSEND_CONTACT_ADDRESS_INIT;
	a.city = "Buenos Aires";
	a.country_code = "AR";
	auto c = gosend::outgoing::contacts(PNID, TO)
	                 .contact_add("Ana Gómez", "Ana"sv, "Gómez"sv)
	                 .contact_set_name_parts("María"sv, std::nullopt,
	                                         std::nullopt)
	                 .contact_add_phone("+54 9 11 5555-0000", "CELL"sv,
	                                    "5491155550000"sv)
	                 .contact_add_email("ana@example.test", "WORK"sv)
	                 .contact_add_url("https://example.test")
	                 .contact_add_address(a)
	                 .contact_set_org("Acme"sv, std::nullopt, "CTO"sv)
	                 .contact_set_birthday("1990-05-20");
	assert_true(c.ok());
	std::string json = c.to_json();
	send_and_check(f, c, json.c_str());
	// the parts the wrapper passed, where the C builder put them
	assert_true(json.find(R"("formatted_name":"Ana Gómez")") !=
	            std::string::npos);
	assert_true(json.find(R"("middle_name":"María")") != std::string::npos);
	assert_true(json.find(R"("wa_id":"5491155550000")") !=
	            std::string::npos);
	assert_true(json.find(R"("city":"Buenos Aires")") != std::string::npos);
	assert_true(json.find(R"("title":"CTO")") != std::string::npos);
	assert_true(json.find(R"("birthday":"1990-05-20")") !=
	            std::string::npos);

	// a C setter the wrapper does not name, through apply()
	auto g = gosend::outgoing::buttons(PNID, TO, "Hi")
	                 .add_reply_button("a", "A")
	                 .apply(gosend_outgoing_set_footer, "via apply"sv);
	assert_true(g.to_json().find(R"("footer":{"text":"via apply"})") !=
	            std::string::npos);
}

/* ---------------------------------------------- refusals, nothing sent */

void test_builder_keeps_first_refusal(void **state)
{
	fx &f = F(state);
	std::size_t before = gsmock_request_count(f.mock);
	auto m = gosend::outgoing::buttons(PNID, TO, "Pick one")
	                 .add_reply_button("a", "A")
	                 .add_reply_button("b", "B")
	                 .add_reply_button("c", "C")
	                 .add_reply_button("d", "D")       // one too many
	                 .set_footer(std::string(61, 'x')) // not tried
	                 .set_footer("ok");
	assert_false(m.ok());
	assert_true(m.error().has_value());
	assert_int_equal(m.error()->code(), GOSEND_EINVAL);
	assert_string_equal(m.error()->field().value().c_str(),
	                    "interactive.action.buttons[3]");
	assert_false(m.status().ok());
	assert_int_equal(m.status().error().code(), GOSEND_EINVAL);

	// the send reports it and sends nothing, in both forms
	auto r = f.c->try_send(m);
	assert_false(r.ok());
	assert_int_equal(r.error().code(), GOSEND_EINVAL);
	assert_string_equal(r.error().field()->c_str(),
	                    "interactive.action.buttons[3]");
	bool thrown = false;
	try {
		(void)f.c->send(m);
	} catch (const gosend::error &e) {
		thrown = true;
		assert_int_equal(e.code(), GOSEND_EINVAL);
		assert_false(e.retryable());
		assert_int_equal(e.attempts(), 0);
	}
	assert_true(thrown);
	assert_false(m.try_to_json().ok());
	expect_nothing_sent(f, before);

	// a maker's refusal: no message at all
	auto bad = gosend::outgoing::text(PNID, "+54-9", "Hola")
	                   .set_preview_url(true);
	assert_false(bad.ok());
	assert_null(bad.get());
	assert_int_equal(bad.type(), GOSEND_MESSAGE_TYPE_UNKNOWN);
	assert_string_equal(bad.error()->field()->c_str(), "to");
	assert_false(f.c->try_send(bad).ok());

	// a rule about the whole message, checked by the send
	auto empty = gosend::outgoing::buttons(PNID, TO, "No buttons");
	assert_true(empty.ok());
	auto r2 = f.c->try_send(empty);
	assert_false(r2.ok());
	assert_int_equal(r2.error().code(), GOSEND_EINVAL);
	assert_true(r2.error().field().has_value());
	expect_nothing_sent(f, before);
}

void test_nul_and_header_refused(void **state)
{
	fx &f = F(state);
	std::size_t before = gsmock_request_count(f.mock);
	const std::string_view with_nul("Hola\0mundo", 10);

	auto m = gosend::outgoing::text(PNID, TO, with_nul);
	assert_false(m.ok());
	assert_int_equal(m.error()->code(), GOSEND_EINVAL);
	assert_null(m.error()->c_error());
	assert_true(std::string(m.error()->what()).find("NUL") !=
	            std::string::npos);
	auto m2 = gosend::outgoing::text(PNID, TO, "Hola")
	                  .add_reply_button(with_nul, "x");
	assert_int_equal(m2.error()->code(), GOSEND_EINVAL);

	auto r = f.c->try_send_text(PNID, TO, with_nul);
	assert_int_equal(r.error().code(), GOSEND_EINVAL);
	assert_int_equal(r.error().http_status(), 0);
	assert_false(r.error().retryable());
	assert_false(r.error().field().has_value());

	gosend::request_options o;
	o.headers = {std::string("X-A: b\0c", 8)};
	assert_int_equal(f.c->try_send_text(PNID, TO, "x", o).error().code(),
	                 GOSEND_EINVAL);
	o.headers = {"X-A: b\r\nX-Injected: 1"};
	auto r3 = f.c->try_send_text(PNID, TO, "x", o);
	assert_int_equal(r3.error().code(), GOSEND_EINVAL);
	assert_non_null(r3.error().c_error());
	gosend::request_options k;
	k.idempotency_key = std::string("k\0ey", 4);
	assert_int_equal(f.c->try_me(k).error().code(), GOSEND_EINVAL);
	assert_int_equal(f.c->try_get_message(with_nul).error().code(),
	                 GOSEND_EINVAL);
	assert_int_equal(f.c->try_get_message("").error().code(),
	                 GOSEND_EINVAL);
	expect_nothing_sent(f, before);
}

/* ------------------------------------------------------------- errors */

void test_error_detail_429(void **state)
{
	fx &f = F(state);
	assert_int_equal(
	        gsmock_queue_response(
	                f.mock, 429,
	                "Retry-After: 7\r\nX-Request-Id: req_cpp_1", nullptr,
	                R"({"statusCode":429,"message":"Too many requests",
			"error":"Too Many Requests","retry_after_seconds":7})"),
	        0);
	auto r = f.c->try_send_text(PNID, TO, "Hola");
	assert_false(r.ok());
	assert_false(static_cast<bool>(r));
	const gosend::error &e = r.error();
	request_ptr rq = last_request(f.mock);
	assert_int_equal(e.code(), GOSEND_ERATELIMIT);
	assert_string_equal(e.name(), gosend_strerror(GOSEND_ERATELIMIT));
	assert_int_equal(e.http_status(), 429);
	assert_int_equal(e.status_code(), 429);
	assert_string_equal(e.message().c_str(), "Too many requests");
	assert_string_equal(e.what(), "Too many requests");
	assert_int_equal(e.messages().size(), 1);
	assert_string_equal(e.messages()[0].c_str(), "Too many requests");
	assert_string_equal(e.reason()->c_str(), "Too Many Requests");
	assert_true(e.retry_after().has_value());
	assert_int_equal(e.retry_after()->count(), 7);
	assert_string_equal(e.request_id()->c_str(), "req_cpp_1");
	assert_string_equal(e.idempotency_key()->c_str(),
	                    gsmock_request_header(rq.get(), "Idempotency-Key"));
	assert_true(e.retryable());
	assert_int_equal(e.attempts(), 1);
	assert_non_null(e.meta());
	assert_int_equal(e.meta()->http_status, 429);
	assert_non_null(e.c_error());
	assert_true(e.body()->find("retry_after_seconds") != std::string::npos);
	assert_false(e.transport_message().has_value());
	assert_false(e.details_json().has_value());
	// copies share the detail
	gosend::error copy = e;
	assert_ptr_equal(copy.c_error(), e.c_error());
	assert_int_equal(gsmock_message_count(f.mock), 0);

	// the throwing form: the same detail, also as a std::exception
	assert_int_equal(gsmock_queue_response(f.mock, 429, "Retry-After: 3",
	                                       nullptr, "{}"),
	                 0);
	bool thrown = false;
	try {
		(void)f.c->send_text(PNID, TO, "Hola");
	} catch (const std::exception &ex) {
		thrown = true;
		auto *ge = dynamic_cast<const gosend::error *>(&ex);
		assert_non_null(ge);
		assert_int_equal(ge->code(), GOSEND_ERATELIMIT);
		assert_int_equal(ge->retry_after()->count(), 3);
		assert_true(ge->retryable());
	}
	assert_true(thrown);

	// value() on a failed result throws the error it holds
	thrown = false;
	try {
		(void)r.value();
	} catch (const gosend::error &ex) {
		thrown = true;
		assert_ptr_equal(ex.c_error(), e.c_error());
	}
	assert_true(thrown);
}

void test_error_detail_422(void **state)
{
	fx &f = F(state);
	assert_int_equal(
	        gsmock_queue_response(
	                f.mock, 422, nullptr, nullptr,
	                R"({"statusCode":422,"message":["to is not valid",
			"text is too long"],"error":"Unprocessable Entity",
			"details":{"field":"to"}})"),
	        0);
	auto r = f.c->try_send_text(PNID, TO, "Hola");
	const gosend::error &e = r.error();
	assert_int_equal(e.code(), GOSEND_EUNPROCESSABLE);
	assert_int_equal(e.http_status(), 422);
	std::vector<std::string> msgs = e.messages();
	assert_int_equal(msgs.size(), 2);
	assert_string_equal(msgs[0].c_str(), "to is not valid");
	assert_string_equal(msgs[1].c_str(), "text is too long");
	assert_string_equal(e.message().c_str(),
	                    "to is not valid; text is too long");
	assert_string_equal(e.field()->c_str(), "to");
	ts_assert_json_eq(e.details_json()->c_str(), R"({"field":"to"})");
	assert_false(e.retryable());
	assert_false(e.retry_after().has_value());
	assert_true(e.request_id().has_value());
}

/* --------------------------------------------------- reads and ranges */

void test_client_and_me(void **state)
{
	fx &f = F(state);
	gosend::project p = f.c->me();
	request_ptr rq = last_request(f.mock);
	assert_string_equal(rq->method, "GET");
	assert_string_equal(rq->target, "/v1/me");
	assert_string_equal(p.id().c_str(), "42");
	assert_string_equal(p.name()->c_str(), "Mock Project");
	assert_string_equal(p.webhook_url()->c_str(),
	                    "https://example.test/hooks");
	assert_string_equal(p.created_at()->c_str(), "2026-01-15T10:00:00Z");
	assert_string_equal(p.external_id()->c_str(), "ext_42");
	assert_string_equal(p.api_key_prefix()->c_str(), "gsk_test");
	assert_int_equal(p.meta().http_status, 200);
	assert_true(p.raw_json().find("Mock Project") != std::string::npos);
	assert_true(f.c->is_test());
	assert_string_equal(f.c->base_url().c_str(), gsmock_base_url(f.mock));

	// making a client: refused keys, both forms, nothing sent
	std::size_t before = gsmock_request_count(f.mock);
	gosend_client_options o = mock_options(f.mock);
	auto bad = gosend::client::try_create("not-a-key", &o);
	assert_false(bad.ok());
	assert_int_equal(bad.error().code(), GOSEND_EINVAL);
	bool thrown = false;
	try {
		gosend::client c2(std::string_view("gsk_test_\0x", 11), &o);
	} catch (const gosend::error &e) {
		thrown = true;
		assert_int_equal(e.code(), GOSEND_EINVAL);
	}
	assert_true(thrown);
	expect_nothing_sent(f, before);

	// from the environment
	assert_int_equal(setenv("GOSENDAPI_KEY", KEY, 1), 0);
	assert_int_equal(
	        setenv("GOSENDAPI_BASE_URL", gsmock_base_url(f.mock), 1), 0);
	gosend_client_options eo = GOSEND_CLIENT_OPTIONS_INIT;
	eo.max_retries = GOSEND_NO_RETRIES;
	gosend::client env = gosend::client::from_env(&eo);
	assert_string_equal(env.me().id().c_str(), "42");
	assert_non_null(env.get());
	unsetenv("GOSENDAPI_KEY");
	assert_false(gosend::client::try_from_env(&eo).ok());
	unsetenv("GOSENDAPI_BASE_URL");
}

void test_get_and_list(void **state)
{
	fx &f = F(state);
	std::vector<std::string> ids;
	for (const char *body : {"uno", "dos", "tres"})
		ids.push_back(f.c->send_text(PNID, TO, body).id().value());

	gosend::message m = f.c->get_message(ids[1]);
	assert_string_equal(last_request(f.mock)->target,
	                    ("/v1/messages/" + ids[1]).c_str());
	assert_string_equal(m.id()->c_str(), ids[1].c_str());
	assert_string_equal(m.to()->c_str(), TO);
	assert_string_equal(m.phone_number_id()->c_str(), PNID);
	assert_int_equal(m.type(), GOSEND_MESSAGE_TYPE_TEXT);
	assert_string_equal(m.type_name()->c_str(), "text");
	assert_string_equal(m.text_body()->c_str(), "dos");
	ts_assert_json_eq(m.content_json()->c_str(), R"({"body":"dos"})");
	assert_true(m.status_name().has_value());
	assert_true(m.created_at().has_value());
	assert_string_equal(m.from()->c_str(), PNID); // the mock stores it
	assert_int_equal(m.meta().http_status, 200);

	// an id with '/' stays one path segment
	auto nf = f.c->try_get_message("a/b?c");
	assert_int_equal(nf.error().code(), GOSEND_ENOTFOUND);
	assert_string_equal(last_request(f.mock)->target,
	                    "/v1/messages/a%2Fb%3Fc");
	bool thrown = false;
	try {
		(void)f.c->get_message("wamid.NOPE");
	} catch (const gosend::error &e) {
		thrown = true;
		assert_int_equal(e.code(), GOSEND_ENOTFOUND);
		assert_int_equal(e.http_status(), 404);
	}
	assert_true(thrown);

	gosend::message_page page = f.c->list_messages({1, 2});
	request_ptr rq = last_request(f.mock);
	assert_string_equal(rq->path, "/v1/messages");
	std::unique_ptr<char, decltype(&free)> pp(
	        gsmock_request_query_param(rq.get(), "per_page"), free);
	assert_string_equal(pp.get(), "2");
	assert_int_equal(page.size(), 2);
	assert_false(page.empty());
	assert_int_equal(page.meta().total_count, 3);
	std::set<std::string> seen;
	for (gosend::message_view v : page)
		seen.insert(v.id().value());
	assert_int_equal(seen.size(), 2);
	assert_true(page[0].id().has_value());
	assert_non_null(page.get());
	assert_true(page.raw_json().size() > 2);
	assert_int_equal(f.c->try_list_messages({0, 101}).error().code(),
	                 GOSEND_EINVAL);
}

void test_range_for(void **state)
{
	fx &f = F(state);
	std::set<std::string> sent;
	for (int i = 0; i < 5; i++)
		sent.insert(f.c->send_text(PNID, TO, "n" + std::to_string(i))
		                    .id()
		                    .value());
	std::size_t before = gsmock_request_count(f.mock);

	std::set<std::string> got;
	gosend::message_range all = f.c->messages();
	for (gosend::message_view m : all)
		got.insert(m.id().value());
	assert_true(got == sent);
	assert_int_equal(all.count(), 5);
	assert_int_equal(all.total_count(), 5);
	assert_true(all.status().ok());
	assert_false(all.error().has_value());
	// one page at per_page 100
	assert_int_equal(gsmock_request_count(f.mock), before + 1);
	request_ptr rq = last_request(f.mock);
	std::unique_ptr<char, decltype(&free)> pp(
	        gsmock_request_query_param(rq.get(), "per_page"), free);
	assert_string_equal(pp.get(), "100");

	// a cap, in the non-throwing form, with the range as a temporary
	std::size_t n = 0;
	auto capped = f.c->try_messages(2);
	assert_true(capped.ok());
	for (gosend::message_view m : *capped) {
		assert_true(sent.count(m.id().value()) == 1);
		n++;
	}
	assert_int_equal(n, 2);
	n = 0;
	for (auto m : f.c->messages(3)) {
		(void)m;
		n++;
	}
	assert_int_equal(n, 3);
	assert_false(all.set_max_pages(0).ok());
	assert_true(all.set_max_pages(5).ok());
	assert_non_null(all.get());
}

// 100 items and "X-Total-Count: 150": a second page is needed.
std::string full_page()
{
	std::string body = "[";
	for (int i = 0; i < 100; i++)
		body += (i ? "," : "") + std::string(R"({"id":"p1_)") +
		        std::to_string(i) + R"(","type":"text"})";
	return body + "]";
}

void test_range_failure(void **state)
{
	fx &f = F(state);
	const std::string page1 = full_page();

	// throwing form: the loop's increment throws at the failed page 2
	assert_int_equal(gsmock_queue_response(f.mock, 200,
	                                       "X-Total-Count: 150", nullptr,
	                                       page1.c_str()),
	                 0);
	assert_int_equal(gsmock_queue_response(f.mock, 500, nullptr, nullptr,
	                                       R"({"message":"boom"})"),
	                 0);
	std::size_t n = 0;
	bool thrown = false;
	try {
		for (gosend::message_view m : f.c->messages()) {
			assert_string_equal(
			        m.id()->c_str(),
			        ("p1_" + std::to_string(n)).c_str());
			n++;
		}
	} catch (const gosend::error &e) {
		thrown = true;
		assert_int_equal(e.code(), GOSEND_ESERVER);
		assert_int_equal(e.http_status(), 500);
		assert_string_equal(e.what(), "boom");
	}
	assert_true(thrown);
	assert_int_equal(n, 100);

	// try_ form: the loop ends, the range keeps the error
	assert_int_equal(gsmock_queue_response(f.mock, 200,
	                                       "X-Total-Count: 150", nullptr,
	                                       page1.c_str()),
	                 0);
	assert_int_equal(gsmock_queue_response(f.mock, 503, nullptr, nullptr,
	                                       R"({"message":"down"})"),
	                 0);
	auto r = f.c->try_messages();
	assert_true(r.ok());
	n = 0;
	for (gosend::message_view m : *r) {
		(void)m;
		n++;
	}
	assert_int_equal(n, 100);
	assert_true(r->error().has_value());
	assert_int_equal(r->error()->code(), GOSEND_ESERVER);
	assert_int_equal(r->status().error().http_status(), 503);
	// finished: walking on sends nothing
	std::size_t before = gsmock_request_count(f.mock);
	for (gosend::message_view m : *r) {
		(void)m;
		fail_msg("a finished range yielded an item");
	}
	assert_int_equal(gsmock_request_count(f.mock), before);

	// the first page fails: begin() throws
	assert_int_equal(gsmock_queue_response(f.mock, 401, nullptr, nullptr,
	                                       R"({"message":"no"})"),
	                 0);
	thrown = false;
	try {
		gosend::message_range all = f.c->messages();
		(void)all.begin();
	} catch (const gosend::error &e) {
		thrown = true;
		assert_int_equal(e.code(), GOSEND_EUNAUTHORIZED);
	}
	assert_true(thrown);
}

/* ------------------------------------------------------------ helpers */

void test_helpers(void **state)
{
	(void)state;
	assert_string_equal(
	        gosend::normalize_phone("+54 9 11 4012-3456").c_str(),
	        "5491140123456");
	auto bad = gosend::try_normalize_phone("12");
	assert_int_equal(bad.error().code(), GOSEND_EINVAL);
	assert_string_equal(bad.error().field()->c_str(), "phone");
	auto nul = gosend::try_normalize_phone(std::string_view("1\0002", 3));
	assert_int_equal(nul.error().code(), GOSEND_EINVAL);
	bool thrown = false;
	try {
		(void)gosend::normalize_phone("x");
	} catch (const gosend::error &e) {
		thrown = true;
		assert_int_equal(e.code(), GOSEND_EINVAL);
	}
	assert_true(thrown);
	assert_string_equal(std::string(gosend::version()).c_str(),
	                    GOSENDAPI_VERSION);

	gosend::result<std::string> ok = std::string("v");
	assert_true(ok.ok());
	assert_string_equal(ok->c_str(), "v");
	assert_string_equal((*ok).c_str(), "v");
	assert_string_equal(std::move(ok).value().c_str(), "v");
	gosend::result<void> done;
	assert_true(done.ok());
	done.value();
	gosend::result<void> failed = gosend::error(GOSEND_ENOMEM, "oom");
	assert_false(failed.ok());
	assert_string_equal(failed.error().what(), "oom");
	assert_string_equal(failed.error().name(),
	                    gosend_strerror(GOSEND_ENOMEM));
	gosend::error bare(nullptr, GOSEND_ETIMEOUT);
	assert_int_equal(bare.code(), GOSEND_ETIMEOUT);
	assert_string_equal(bare.what(), gosend_strerror(GOSEND_ETIMEOUT));
	assert_false(bare.retryable());
	assert_null(bare.meta());
	assert_int_equal(bare.messages().size(), 0);
}

} // namespace

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_send_text_wire, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_builder_interactive, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_builder_template, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_builder_other_kinds, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_builder_keeps_first_refusal, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_nul_and_header_refused,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_error_detail_429, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_error_detail_422, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_client_and_me, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_get_and_list, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_range_for, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_range_failure, setup,
	                                        teardown),
	        cmocka_unit_test(test_helpers),
	};
	return cmocka_run_group_tests(tests, nullptr, nullptr);
}
