/*
 * POST /messages against the mock server: the exact body of each of the ten
 * types, headers (X-API-Key, Content-Type, Idempotency-Key), idempotent
 * replays and 409, retries reusing the key, raw JSON sends, result
 * decoding, server error mapping, and that refused input sends nothing.
 */
#include "wiresupport.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/messages.h"

#define KEY  "gsk_test_messages_wire"
#define PNID "555123456789"
#define TO   "5491140123456"

typedef ts_fx fx;

static int setup(void **state)
{
	return ts_setup(state, KEY, NULL, TS_NO_SLEEP);
}

static int is_uuid4(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		char c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return 0;
		} else if (!((c >= '0' && c <= '9') ||
		             (c >= 'a' && c <= 'f'))) {
			return 0;
		}
	}
	return s[14] == '4' && strchr("89ab", s[19]) != NULL;
}

/* The i-th request, checked to be a JSON POST /v1/messages with our key. */
static gsmock_request *send_request(fx *f, size_t i)
{
	gsmock_request *r = gsmock_request_at(f->mock, i);
	const char *ct;

	assert_non_null(r);
	assert_string_equal(r->method, "POST");
	assert_string_equal(r->target, "/v1/messages");
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	ct = gsmock_request_header(r, "Content-Type");
	assert_non_null(ct);
	assert_string_equal(ct, "application/json");
	assert_string_equal(gsmock_request_header(r, "Accept"),
	                    "application/json");
	assert_non_null(gsmock_request_header(r, "Idempotency-Key"));
	return r;
}

/* Send m, check the body on the wire equals `expected` and it was stored. */
static void send_and_check(fx *f, gosend_outgoing *m, const char *expected)
{
	gosend_message_result *res = NULL;
	gosend_error *err = NULL;
	size_t before = gsmock_request_count(f->mock);
	size_t stored = gsmock_message_count(f->mock);
	gsmock_request *r;

	if (gosend_messages_send(&res, f->client, m, NULL, &err) != 0)
		fail_msg("send failed: %s (field %s)", err->message,
		         err->field ? err->field : "-");
	assert_null(err);
	assert_int_equal(gsmock_request_count(f->mock), before + 1);
	assert_int_equal(gsmock_message_count(f->mock), stored + 1);
	r = send_request(f, before);
	ts_assert_json_eq(r->body, expected);
	assert_non_null(res->id);
	assert_int_equal(strncmp(res->id, "wamid.MOCK", 10), 0);
	assert_int_equal(res->status, GOSEND_MESSAGE_STATUS_ACCEPTED);
	assert_string_equal(res->meta->idempotency_key,
	                    gsmock_request_header(r, "Idempotency-Key"));
	gsmock_request_free(r);
	gosend_message_result_free(res);
	gosend_outgoing_free(m);
}

/* ---- one-call text ---- */

static void test_messages__send_text_one_call(void **state)
{
	fx *f = *state;
	gosend_message_result *res = NULL;
	gosend_error *err = NULL;
	gsmock_request *r;

	assert_int_equal(gosend_messages_send_text(&res, f->client, PNID, TO,
	                                           "Hi", NULL, &err),
	                 0);
	assert_null(err);
	assert_int_equal(gsmock_request_count(f->mock), 1);
	r = send_request(f, 0);
	ts_assert_json_eq(r->body, "{\"phone_number_id\":\"555123456789\","
	                           "\"to\":\"5491140123456\",\"type\":\"text\","
	                           "\"text\":{\"body\":\"Hi\"}}");
	/* no messaging_product: GoSendAPI's examples omit it */
	assert_null(strstr(r->body, "messaging_product"));
	assert_true(is_uuid4(gsmock_request_header(r, "Idempotency-Key")));
	assert_string_equal(res->id, "wamid.MOCK1");
	assert_string_equal(res->status_name, "accepted");
	assert_string_equal(res->wa_id, TO);
	assert_int_equal(res->struct_version, 1);
	assert_int_equal(res->meta->http_status, 201);
	assert_int_equal(res->meta->attempts, 1);
	assert_string_equal(res->meta->idempotency_key,
	                    gsmock_request_header(r, "Idempotency-Key"));
	assert_non_null(res->meta->request_id);
	ts_assert_json_eq(
	        res->raw_json,
	        "{\"id\":\"wamid.MOCK1\",\"status\":\"accepted\","
	        "\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":"
	        "\"5491140123456\",\"wa_id\":\"5491140123456\"}],\"messages\":"
	        "[{\"id\":\"wamid.MOCK1\"}]}");
	gsmock_request_free(r);
	gosend_message_result_free(res);
}

/* ---- the ten types on the wire ---- */

static void test_messages__wire_text(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_text_new(
	                         &m, PNID, TO, "Visit https://a.example", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_preview_url(m, 1, NULL), 0);
	send_and_check(*state, m,
	               "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"text\",\"text\":{\"body\":"
	               "\"Visit https://a.example\",\"preview_url\":true}}");
}

static void test_messages__wire_template(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_template_new(&m, PNID, TO,
	                                              "appointment_reminder",
	                                              "es_AR", NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_add_media(
	                m, GOSEND_TEMPLATE_HEADER, GOSEND_MESSAGE_TYPE_IMAGE,
	                "https://cdn.example/logo.png", NULL, NULL, NULL),
	        0);
	assert_int_equal(gosend_outgoing_template_add_text(
	                         m, GOSEND_TEMPLATE_BODY, "Juan", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_date_time(
	                         m, GOSEND_TEMPLATE_BODY, "20/05", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_template_add_currency(
	                         m, GOSEND_TEMPLATE_BODY, "$1.500,00", "ARS",
	                         1500000, NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_button(m, "quick_reply", 0, NULL), 0);
	assert_int_equal(gosend_outgoing_template_add_payload(
	                         m, GOSEND_TEMPLATE_BUTTON(0), "CONFIRM", NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_template_button(m, "quick_reply", 1, NULL), 0);
	assert_int_equal(gosend_outgoing_template_add_payload(
	                         m, GOSEND_TEMPLATE_BUTTON(1), "CANCEL", NULL),
	                 0);
	send_and_check(
	        *state, m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"template\",\"template\":{\"name\":"
	        "\"appointment_reminder\",\"language\":{\"code\":\"es_AR\"},"
	        "\"components\":["
	        "{\"type\":\"header\",\"parameters\":[{\"type\":\"image\","
	        "\"image\":{\"link\":\"https://cdn.example/logo.png\"}}]},"
	        "{\"type\":\"body\",\"parameters\":["
	        "{\"type\":\"text\",\"text\":\"Juan\"},"
	        "{\"type\":\"date_time\",\"date_time\":{\"fallback_value\":"
	        "\"20/05\"}},"
	        "{\"type\":\"currency\",\"currency\":{\"fallback_value\":"
	        "\"$1.500,00\",\"code\":\"ARS\",\"amount_1000\":1500000}}]},"
	        "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":"
	        "\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":"
	        "\"CONFIRM\"}]},"
	        "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":"
	        "\"1\",\"parameters\":[{\"type\":\"payload\",\"payload\":"
	        "\"CANCEL\"}]}]}}");
}

static void test_messages__wire_image(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_media_new(
	                         &m, PNID, TO, GOSEND_MESSAGE_TYPE_IMAGE,
	                         "https://cdn.example/a.jpg", NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_caption(
	                         m, "Tu receta \xf0\x9f\x92\x8a", NULL),
	                 0);
	send_and_check(*state, m,
	               "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"image\",\"image\":{"
	               "\"link\":\"https://cdn.example/a.jpg\",\"caption\":"
	               "\"Tu receta \xf0\x9f\x92\x8a\"}}");
}

static void test_messages__wire_video(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_media_new(
	                         &m, PNID, TO, GOSEND_MESSAGE_TYPE_VIDEO, NULL,
	                         "934567890000001", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_caption(m, "Demo", NULL), 0);
	send_and_check(*state, m,
	               "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"video\",\"video\":{\"id\":"
	               "\"934567890000001\",\"caption\":\"Demo\"}}");
}

static void test_messages__wire_audio(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_media_new(
	                         &m, PNID, TO, GOSEND_MESSAGE_TYPE_AUDIO, NULL,
	                         "934567890000002", NULL),
	                 0);
	send_and_check(*state, m,
	               "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"audio\",\"audio\":{\"id\":"
	               "\"934567890000002\"}}");
}

static void test_messages__wire_document(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_media_new(
	                         &m, PNID, TO, GOSEND_MESSAGE_TYPE_DOCUMENT,
	                         "https://cdn.example/f.pdf", NULL, NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_set_filename(m, "factura-0001.pdf", NULL), 0);
	assert_int_equal(gosend_outgoing_set_caption(m, "Factura", NULL), 0);
	send_and_check(*state, m,
	               "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"document\",\"document\":{"
	               "\"link\":\"https://cdn.example/f.pdf\",\"filename\":"
	               "\"factura-0001.pdf\",\"caption\":\"Factura\"}}");
}

static void test_messages__wire_sticker(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_media_new(
	                         &m, PNID, TO, GOSEND_MESSAGE_TYPE_STICKER,
	                         "https://cdn.example/s.webp", NULL, NULL),
	                 0);
	send_and_check(*state, m,
	               "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"sticker\",\"sticker\":{"
	               "\"link\":\"https://cdn.example/s.webp\"}}");
}

static void test_messages__wire_location(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_location_new(
	                         &m, PNID, TO, -34.603722, -58.381592,
	                         "Obelisco", "Av. 9 de Julio, CABA", NULL),
	                 0);
	send_and_check(*state, m,
	               "{\"phone_number_id\":\"555123456789\",\"to\":"
	               "\"5491140123456\",\"type\":\"location\",\"location\":{"
	               "\"latitude\":-34.603722,\"longitude\":-58.381592,"
	               "\"name\":\"Obelisco\",\"address\":\"Av. 9 de Julio, "
	               "CABA\"}}");
}

static void test_messages__wire_interactive_buttons(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_buttons_new(
	                         &m, PNID, TO, "¿Confirmás el turno?", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_header_text(m, "Turno", NULL), 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "yes", "Sí", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "no", "No", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_footer(m, "Clínica", NULL), 0);
	send_and_check(
	        *state, m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\","
	        "\"header\":{\"type\":\"text\",\"text\":\"Turno\"},"
	        "\"body\":{\"text\":\"¿Confirmás el turno?\"},"
	        "\"footer\":{\"text\":\"Clínica\"},"
	        "\"action\":{\"buttons\":["
	        "{\"type\":\"reply\",\"reply\":{\"id\":\"yes\",\"title\":"
	        "\"Sí\"}},"
	        "{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":"
	        "\"No\"}}]}}}");
}

static void test_messages__wire_interactive_list(void **state)
{
	gosend_outgoing *m = NULL;

	assert_int_equal(gosend_outgoing_list_new(&m, PNID, TO, "Elegí horario",
	                                          "Horarios", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_add_section(m, "Mañana", NULL), 0);
	assert_int_equal(
	        gosend_outgoing_add_row(m, "h9", "09:00", "Dr. Pérez", NULL),
	        0);
	assert_int_equal(gosend_outgoing_add_section(m, "Tarde", NULL), 0);
	assert_int_equal(gosend_outgoing_add_row(m, "h15", "15:00", NULL, NULL),
	                 0);
	send_and_check(
	        *state, m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"interactive\",\"interactive\":{\"type\":\"list\","
	        "\"body\":{\"text\":\"Elegí horario\"},"
	        "\"action\":{\"button\":\"Horarios\",\"sections\":["
	        "{\"title\":\"Mañana\",\"rows\":[{\"id\":\"h9\",\"title\":"
	        "\"09:00\",\"description\":\"Dr. Pérez\"}]},"
	        "{\"title\":\"Tarde\",\"rows\":[{\"id\":\"h15\",\"title\":"
	        "\"15:00\"}]}]}}}");
}

static void test_messages__wire_contacts(void **state)
{
	gosend_outgoing *m = NULL;
	gosend_contact_address a = GOSEND_CONTACT_ADDRESS_INIT;

	assert_int_equal(gosend_outgoing_contacts_new(&m, PNID, TO, NULL), 0);
	assert_int_equal(gosend_outgoing_contact_add(m, "Ana Gómez", "Ana",
	                                             "Gómez", NULL),
	                 0);
	assert_int_equal(
	        gosend_outgoing_contact_add_phone(
	                m, "+54 9 11 4012-3456", "CELL", "5491140123456", NULL),
	        0);
	assert_int_equal(gosend_outgoing_contact_add_email(m, "ana@example.com",
	                                                   "WORK", NULL),
	                 0);
	assert_int_equal(gosend_outgoing_contact_add_url(
	                         m, "https://ana.example", "WORK", NULL),
	                 0);
	a.street = "Av. Corrientes 1234";
	a.city = "Buenos Aires";
	a.country_code = "AR";
	assert_int_equal(gosend_outgoing_contact_add_address(m, &a, NULL), 0);
	assert_int_equal(
	        gosend_outgoing_contact_set_org(m, "Acme", NULL, "CTO", NULL),
	        0);
	assert_int_equal(
	        gosend_outgoing_contact_set_birthday(m, "1990-07-14", NULL), 0);
	send_and_check(
	        *state, m,
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\","
	        "\"type\":\"contacts\",\"contacts\":[{"
	        "\"name\":{\"formatted_name\":\"Ana Gómez\",\"first_name\":"
	        "\"Ana\",\"last_name\":\"Gómez\"},"
	        "\"phones\":[{\"phone\":\"+54 9 11 "
	        "4012-3456\",\"type\":\"CELL\","
	        "\"wa_id\":\"5491140123456\"}],"
	        "\"emails\":[{\"email\":\"ana@example.com\",\"type\":\"WORK\"}]"
	        ","
	        "\"urls\":[{\"url\":\"https://"
	        "ana.example\",\"type\":\"WORK\"}],"
	        "\"addresses\":[{\"street\":\"Av. Corrientes 1234\",\"city\":"
	        "\"Buenos Aires\",\"country_code\":\"AR\"}],"
	        "\"org\":{\"company\":\"Acme\",\"title\":\"CTO\"},"
	        "\"birthday\":\"1990-07-14\"}]}");
}

static void test_messages__one_message_many_recipients(void **state)
{
	fx *f = *state;
	static const char *const to[] = {"5491140000001", "5491140000002",
	                                 "14155550100"};
	gosend_outgoing *m = NULL;
	gsmock_request *r;
	char want[256];
	size_t i;

	assert_int_equal(
	        gosend_outgoing_text_new(&m, PNID, to[0], "Promo", NULL), 0);
	for (i = 0; i < 3; i++) {
		gosend_message_result *res = NULL;
		assert_int_equal(gosend_outgoing_set_to(m, to[i], NULL), 0);
		assert_int_equal(
		        gosend_messages_send(&res, f->client, m, NULL, NULL),
		        0);
		gosend_message_result_free(res);
	}
	for (i = 0; i < 3; i++) {
		r = send_request(f, i);
		snprintf(want, sizeof(want),
		         "{\"phone_number_id\":\"555123456789\",\"to\":\"%s\","
		         "\"type\":\"text\",\"text\":{\"body\":\"Promo\"}}",
		         to[i]);
		ts_assert_json_eq(r->body, want);
		gsmock_request_free(r);
	}
	assert_int_equal(gsmock_message_count(f->mock), 3);
	gosend_outgoing_free(m);
}

/* ---- one built message sent from many threads ---- */

#define THREADS    4
#define PER_THREAD 8

typedef struct sender_arg {
	gosend_client *client;
	const gosend_outgoing *msg;
	int ok; /* sends that succeeded; written by its thread only */
} sender_arg;

static void *sender(void *p)
{
	sender_arg *a = p;
	int i;

	for (i = 0; i < PER_THREAD; i++) {
		gosend_message_result *res = NULL;
		char *json = NULL;
		if (gosend_outgoing_to_json(&json, a->msg, NULL) == 0 &&
		    gosend_messages_send(&res, a->client, a->msg, NULL, NULL) ==
		            0 &&
		    res->id)
			a->ok++;
		gosend_free(json);
		gosend_message_result_free(res);
	}
	return NULL;
}

static void test_messages__shared_message_many_threads(void **state)
{
	fx *f = *state;
	pthread_t th[THREADS];
	sender_arg args[THREADS];
	gosend_outgoing *m = NULL;
	size_t i;

	assert_int_equal(
	        gosend_outgoing_buttons_new(&m, PNID, TO, "Shared", NULL), 0);
	assert_int_equal(gosend_outgoing_add_reply_button(m, "a", "A", NULL),
	                 0);
	for (i = 0; i < THREADS; i++) {
		args[i].client = f->client;
		args[i].msg = m;
		args[i].ok = 0;
		assert_int_equal(pthread_create(&th[i], NULL, sender, &args[i]),
		                 0);
	}
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(args[i].ok, PER_THREAD);
	}
	assert_int_equal(gsmock_message_count(f->mock), THREADS * PER_THREAD);
	for (i = 0; i < THREADS * PER_THREAD; i++) {
		gsmock_request *r = send_request(f, i);
		ts_assert_json_eq(
		        r->body,
		        "{\"phone_number_id\":\"555123456789\",\"to\":"
		        "\"5491140123456\",\"type\":\"interactive\","
		        "\"interactive\":{\"type\":\"button\",\"body\":{"
		        "\"text\":"
		        "\"Shared\"},\"action\":{\"buttons\":[{\"type\":"
		        "\"reply\","
		        "\"reply\":{\"id\":\"a\",\"title\":\"A\"}}]}}}");
		gsmock_request_free(r);
	}
	gosend_outgoing_free(m);
}

/* ---- idempotency ---- */

static gosend_message_result *send_hi(fx *f, const char *body,
                                      const gosend_request_options *o)
{
	gosend_message_result *res = NULL;
	gosend_error *err = NULL;

	if (gosend_messages_send_text(&res, f->client, PNID, TO, body, o,
	                              &err) != 0)
		fail_msg("send failed: %s", err->message);
	return res;
}

static void test_messages__generated_keys_are_uuid4_and_distinct(void **state)
{
	fx *f = *state;
	gosend_message_result *r1 = send_hi(f, "one", NULL);
	gosend_message_result *r2 = send_hi(f, "one", NULL);
	gsmock_request *a = send_request(f, 0), *b = send_request(f, 1);
	const char *ka = gsmock_request_header(a, "Idempotency-Key");
	const char *kb = gsmock_request_header(b, "Idempotency-Key");

	assert_true(is_uuid4(ka));
	assert_true(is_uuid4(kb));
	assert_string_not_equal(ka, kb);
	/* two keys: two messages, even with the same body */
	assert_string_not_equal(r1->id, r2->id);
	assert_int_equal(gsmock_message_count(f->mock), 2);
	assert_string_equal(r1->meta->idempotency_key, ka);
	assert_string_equal(r2->meta->idempotency_key, kb);
	gsmock_request_free(a);
	gsmock_request_free(b);
	gosend_message_result_free(r1);
	gosend_message_result_free(r2);
}

static void test_messages__caller_key_replay_and_conflict(void **state)
{
	fx *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_message_result *r1, *r2, *r3 = (gosend_message_result *)1;
	gosend_error *err = NULL;
	gsmock_request *r;
	size_t i;

	o.idempotency_key = "order-1234-confirmation";
	r1 = send_hi(f, "Your order shipped", &o);
	r2 = send_hi(f, "Your order shipped", &o);
	/* the replay returns the first answer and sends nothing new */
	assert_string_equal(r1->id, r2->id);
	assert_int_equal(gsmock_message_count(f->mock), 1);
	assert_string_equal(r2->meta->idempotency_key,
	                    "order-1234-confirmation");
	/* the same key with another body is a conflict */
	assert_int_equal(gosend_messages_send_text(&r3, f->client, PNID, TO,
	                                           "Something else", &o, &err),
	                 GOSEND_ECONFLICT);
	assert_null(r3);
	assert_non_null(err);
	assert_int_equal(err->code, GOSEND_ECONFLICT);
	assert_int_equal(err->http_status, 409);
	assert_int_equal(err->attempts, 1); /* 409 is not retried */
	assert_string_equal(err->idempotency_key, "order-1234-confirmation");
	assert_string_equal(err->message,
	                    "Idempotency-Key reused with a different body");
	assert_int_equal(gsmock_request_count(f->mock), 3);
	for (i = 0; i < 3; i++) {
		r = send_request(f, i);
		assert_string_equal(gsmock_request_header(r, "Idempotency-Key"),
		                    "order-1234-confirmation");
		gsmock_request_free(r);
	}
	assert_int_equal(gsmock_message_count(f->mock), 1);
	gosend_error_free(err);
	gosend_message_result_free(r1);
	gosend_message_result_free(r2);
}

/* Send "Your order shipped" under key prefix-i for i in [0, n); keep the
 * ids of keys 0, 1499 and 2998 (those below n) in ids. */
static void send_keyed(fx *f, const char *prefix, int n, char ids[3][64])
{
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_message_result *r;
	char key[32];
	int i;

	o.idempotency_key = key;
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "%s-%d", prefix, i);
		r = send_hi(f, "Your order shipped", &o);
		if (i % 1499 == 0 && i / 1499 < 3)
			snprintf(ids[i / 1499], 64, "%s", r->id);
		gosend_message_result_free(r);
	}
}

/* The id the mock answers for key prefix-i now. */
static void id_of(fx *f, const char *prefix, int i, char out[64])
{
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_message_result *r;
	char key[32];

	snprintf(key, sizeof(key), "%s-%d", prefix, i);
	o.idempotency_key = key;
	r = send_hi(f, "Your order shipped", &o);
	snprintf(out, 64, "%s", r->id);
	gosend_message_result_free(r);
}

/* The mock remembers every key for a day, however many: past its index's
 * first growths each key replays its own answer, and a day after a key
 * was stored it is forgotten (the same key stores a new message) while
 * keys stored later are still remembered. */
static void test_messages__mock_keeps_many_keys_a_day(void **state)
{
	fx *f = *state;
	char a[3][64], b[3][64], now[64];
	size_t stored;
	int i;

	gsmock_use_manual_clock(f->mock, -1);
	send_keyed(f, "a", 3000, a);
	gsmock_advance(f->mock, 12 * 3600 * 1000LL);
	send_keyed(f, "b", 1500, b);
	stored = gsmock_message_count(f->mock);
	assert_int_equal(stored, 4500);
	for (i = 0; i < 3; i++) {
		id_of(f, "a", i * 1499, now);
		assert_string_equal(now, a[i]);
	}
	for (i = 0; i < 2; i++) {
		id_of(f, "b", i * 1499, now);
		assert_string_equal(now, b[i]);
	}
	assert_int_equal(gsmock_message_count(f->mock), stored);
	/* a day and a second after the first batch, half a day after the
	 * second */
	gsmock_advance(f->mock, (12 * 3600 + 1) * 1000LL);
	id_of(f, "b", 1499, now);
	assert_string_equal(now, b[1]);
	assert_int_equal(gsmock_message_count(f->mock), stored);
	id_of(f, "a", 1499, now);
	assert_string_not_equal(now, a[1]);
	assert_int_equal(gsmock_message_count(f->mock), stored + 1);
	id_of(f, "a", 1499, now); /* the new answer is remembered */
	assert_int_equal(gsmock_message_count(f->mock), stored + 1);
}

static void test_messages__retry_reuses_the_key(void **state)
{
	fx *f = *state;
	gosend_message_result *res;
	gsmock_request *a, *b, *c;

	assert_int_equal(
	        gsmock_queue_response(f->mock, 503, NULL, NULL,
	                              "{\"statusCode\":503,\"message\":"
	                              "\"upstream down\"}"),
	        0);
	assert_int_equal(
	        gsmock_queue_response(f->mock, 500, NULL, NULL,
	                              "{\"statusCode\":500,\"message\":"
	                              "\"oops\"}"),
	        0);
	res = send_hi(f, "retry me", NULL);
	assert_int_equal(gsmock_request_count(f->mock), 3);
	assert_int_equal(res->meta->attempts, 3);
	assert_int_equal(gsmock_message_count(f->mock), 1);
	a = send_request(f, 0);
	b = send_request(f, 1);
	c = send_request(f, 2);
	assert_true(is_uuid4(gsmock_request_header(a, "Idempotency-Key")));
	assert_string_equal(gsmock_request_header(a, "Idempotency-Key"),
	                    gsmock_request_header(b, "Idempotency-Key"));
	assert_string_equal(gsmock_request_header(a, "Idempotency-Key"),
	                    gsmock_request_header(c, "Idempotency-Key"));
	assert_string_equal(res->meta->idempotency_key,
	                    gsmock_request_header(c, "Idempotency-Key"));
	ts_assert_json_eq(a->body, c->body);
	gsmock_request_free(a);
	gsmock_request_free(b);
	gsmock_request_free(c);
	gosend_message_result_free(res);
}

static void test_messages__bad_idempotency_key_sends_nothing(void **state)
{
	fx *f = *state;
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_message_result *res = (gosend_message_result *)1;
	gosend_error *err = NULL;

	o.idempotency_key = "two words";
	assert_int_equal(gosend_messages_send_text(&res, f->client, PNID, TO,
	                                           "x", &o, &err),
	                 GOSEND_EINVAL);
	assert_null(res);
	assert_string_equal(err->field, "idempotency_key");
	gosend_error_free(err);
	o.idempotency_key = "ok\r\nX-Evil: 1";
	assert_int_equal(gosend_messages_send_text(&res, f->client, PNID, TO,
	                                           "x", &o, &err),
	                 GOSEND_EINVAL);
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

/* ---- refused input sends nothing ---- */

static void expect_nothing_sent(fx *f, int rc, gosend_error *err,
                                gosend_message_result *res, const char *field)
{
	assert_int_equal(rc, GOSEND_EINVAL);
	assert_null(res);
	assert_non_null(err);
	if (!err->field || strcmp(err->field, field) != 0)
		fail_msg("expected field %s, got %s (%s)", field,
		         err->field ? err->field : "(null)", err->message);
	assert_int_equal(err->attempts, 0);
	assert_int_equal(err->http_status, 0);
	assert_null(err->idempotency_key);
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 0);
	assert_int_equal(gsmock_message_count(f->mock), 0);
}

static void test_messages__invalid_input_sends_nothing(void **state)
{
	fx *f = *state;
	gosend_message_result *res = (gosend_message_result *)1;
	gosend_error *err = NULL;
	gosend_outgoing *m = NULL;
	char *big = malloc(GOSEND_TEXT_BODY_MAX + 2);
	int rc;

	assert_non_null(big);
	memset(big, 'a', GOSEND_TEXT_BODY_MAX + 1);
	big[GOSEND_TEXT_BODY_MAX + 1] = '\0';

	rc = gosend_messages_send_text(&res, f->client, PNID, "+5491140123456",
	                               "Hi", NULL, &err);
	expect_nothing_sent(f, rc, err, res, "to");
	rc = gosend_messages_send_text(&res, f->client, PNID, "12345", "Hi",
	                               NULL, &err);
	expect_nothing_sent(f, rc, err, res, "to");
	rc = gosend_messages_send_text(&res, f->client, "", TO, "Hi", NULL,
	                               &err);
	expect_nothing_sent(f, rc, err, res, "phone_number_id");
	rc = gosend_messages_send_text(&res, f->client, PNID, TO, big, NULL,
	                               &err);
	expect_nothing_sent(f, rc, err, res, "text.body");
	rc = gosend_messages_send_text(&res, f->client, PNID, TO, "\xc3", NULL,
	                               &err);
	expect_nothing_sent(f, rc, err, res, "text.body");
	rc = gosend_messages_send_text(&res, NULL, PNID, TO, "Hi", NULL, &err);
	expect_nothing_sent(f, rc, err, res, "client");
	rc = gosend_messages_send(&res, f->client, NULL, NULL, &err);
	expect_nothing_sent(f, rc, err, res, "msg");

	/* whole-message rules are checked by the send itself */
	assert_int_equal(
	        gosend_outgoing_buttons_new(&m, PNID, TO, "Pick", NULL), 0);
	rc = gosend_messages_send(&res, f->client, m, NULL, &err);
	expect_nothing_sent(f, rc, err, res, "interactive.action.buttons");
	gosend_outgoing_free(m);
	assert_int_equal(
	        gosend_outgoing_list_new(&m, PNID, TO, "Pick", "Open", NULL),
	        0);
	assert_int_equal(gosend_outgoing_add_row(m, "a", "A", NULL, NULL), 0);
	assert_int_equal(gosend_outgoing_add_section(m, "Two", NULL), 0);
	assert_int_equal(gosend_outgoing_add_row(m, "b", "B", NULL, NULL), 0);
	rc = gosend_messages_send(&res, f->client, m, NULL, &err);
	expect_nothing_sent(f, rc, err, res,
	                    "interactive.action.sections[0].title");
	gosend_outgoing_free(m);
	assert_int_equal(
	        gosend_outgoing_template_new(&m, PNID, TO, "t", "es", NULL), 0);
	assert_int_equal(gosend_outgoing_template_button(m, "url", 0, NULL), 0);
	rc = gosend_messages_send(&res, f->client, m, NULL, &err);
	expect_nothing_sent(f, rc, err, res,
	                    "template.components[0].parameters");
	gosend_outgoing_free(m);
	assert_int_equal(gosend_outgoing_contacts_new(&m, PNID, TO, NULL), 0);
	rc = gosend_messages_send(&res, f->client, m, NULL, &err);
	expect_nothing_sent(f, rc, err, res, "contacts");
	gosend_outgoing_free(m);

	/* NULL out parameter */
	err = NULL;
	assert_int_equal(gosend_messages_send_text(NULL, f->client, PNID, TO,
	                                           "Hi", NULL, &err),
	                 GOSEND_EINVAL);
	assert_string_equal(err->field, "out");
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 0);
	free(big);
}

/* ---- raw JSON ---- */

static void test_messages__send_json_verbatim(void **state)
{
	fx *f = *state;
	static const char body[] =
	        "{ \"phone_number_id\": \"555123456789\",\n  \"to\": "
	        "\"5491140123456\",\n  \"type\": \"text\",\n  \"text\": { "
	        "\"body\": \"raw\" }, \"context\": {\"message_id\": "
	        "\"wamid.PREV\"} }";
	static const char spaced[] =
	        " \t{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\",\"type\":\"text\",\"text\":{\"body\":"
	        "\"x\"}}\r\n\v\f";
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_message_result *res = NULL;
	gosend_error *err = NULL;
	gsmock_request *r;

	assert_int_equal(
	        gosend_messages_send_json(&res, f->client, body, NULL, &err),
	        0);
	r = send_request(f, 0);
	assert_int_equal(r->body_len, strlen(body));
	assert_memory_equal(r->body, body, strlen(body));
	assert_true(is_uuid4(gsmock_request_header(r, "Idempotency-Key")));
	assert_string_equal(res->id, "wamid.MOCK1");
	gsmock_request_free(r);
	gosend_message_result_free(res);

	o.idempotency_key = "raw-1";
	assert_int_equal(
	        gosend_messages_send_json(&res, f->client, body, &o, &err), 0);
	r = send_request(f, 1);
	assert_string_equal(gsmock_request_header(r, "Idempotency-Key"),
	                    "raw-1");
	gsmock_request_free(r);
	gosend_message_result_free(res);

	/* bytes up to space around the value are taken and sent as given */
	assert_int_equal(
	        gosend_messages_send_json(&res, f->client, spaced, NULL, &err),
	        0);
	r = send_request(f, 2);
	assert_int_equal(r->body_len, strlen(spaced));
	assert_memory_equal(r->body, spaced, strlen(spaced));
	gsmock_request_free(r);
	gosend_message_result_free(res);
}

static void test_messages__send_json_checks(void **state)
{
	static const struct {
		const char *json;
		const char *field;
	} bad[] = {
	        {"", "json"},
	        {"{", "json"},
	        {"[1]", "json"},
	        {"{\"to\":\"5491140123456\",\"type\":\"text\"} x", "json"},
	        {"{\"to\":\"5491140123456\",\"type\":\"text\"}",
	         "phone_number_id"},
	        {"{\"phone_number_id\":555,\"to\":\"5491140123456\","
	         "\"type\":\"text\"}",
	         "phone_number_id"},
	        {"{\"phone_number_id\":\"555\",\"type\":\"text\"}", "to"},
	        {"{\"phone_number_id\":\"555\",\"to\":5491140123456,"
	         "\"type\":\"text\"}",
	         "to"},
	        {"{\"phone_number_id\":\"555\",\"to\":\"+5491140123456\","
	         "\"type\":\"text\"}",
	         "to"},
	        {"{\"phone_number_id\":\"555\",\"to\":\"5491140123456\"}",
	         "type"},
	        {"{\"phone_number_id\":\"555\",\"to\":\"5491140123456\","
	         "\"type\":\"\"}",
	         "type"},
	};
	fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gosend_message_result *res = (gosend_message_result *)1;
		gosend_error *err = NULL;
		int rc = gosend_messages_send_json(&res, f->client, bad[i].json,
		                                   NULL, &err);
		expect_nothing_sent(f, rc, err, res, bad[i].field);
	}
	{
		gosend_message_result *res = (gosend_message_result *)1;
		gosend_error *err = NULL;
		int rc = gosend_messages_send_json(&res, f->client, NULL, NULL,
		                                   &err);
		expect_nothing_sent(f, rc, err, res, "json");
	}
}

static void test_messages__server_validation_error(void **state)
{
	fx *f = *state;
	gosend_message_result *res = (gosend_message_result *)1;
	gosend_error *err = NULL;

	/* a type the library does not know passes the raw checks; the
	 * server refuses it */
	assert_int_equal(
	        gosend_messages_send_json(
	                &res, f->client,
	                "{\"phone_number_id\":\"555123456789\",\"to\":"
	                "\"5491140123456\",\"type\":\"reaction\",\"reaction\":"
	                "{\"emoji\":\"x\"}}",
	                NULL, &err),
	        GOSEND_EBADREQUEST);
	assert_null(res);
	assert_int_equal(err->http_status, 400);
	assert_string_equal(err->field, "type");
	assert_int_equal(err->attempts, 1);
	assert_true(is_uuid4(err->idempotency_key));
	assert_int_equal(gsmock_request_count(f->mock), 1);
	assert_int_equal(gsmock_message_count(f->mock), 0);
	gosend_error_free(err);
}

static void test_messages__result_shapes(void **state)
{
	fx *f = *state;
	gosend_message_result *res = NULL;
	gosend_error *err = NULL;

	/* Meta style only */
	assert_int_equal(
	        gsmock_queue_response(
	                f->mock, 200, NULL, NULL,
	                "{\"messaging_product\":\"whatsapp\",\"contacts\":[{"
	                "\"input\":\"5491140123456\",\"wa_id\":"
	                "\"5491140123456\"}],\"messages\":[{\"id\":"
	                "\"wamid.META\",\"message_status\":\"accepted\"}]}"),
	        0);
	assert_int_equal(gosend_messages_send_text(&res, f->client, PNID, TO,
	                                           "a", NULL, &err),
	                 0);
	assert_string_equal(res->id, "wamid.META");
	assert_int_equal(res->status, GOSEND_MESSAGE_STATUS_ACCEPTED);
	assert_int_equal(res->meta->http_status, 200);
	gosend_message_result_free(res);
	/* numeric id */
	assert_int_equal(gsmock_queue_response(f->mock, 202, NULL, NULL,
	                                       "{\"id\":12345}"),
	                 0);
	assert_int_equal(gosend_messages_send_text(&res, f->client, PNID, TO,
	                                           "b", NULL, &err),
	                 0);
	assert_string_equal(res->id, "12345");
	assert_null(res->status_name);
	gosend_message_result_free(res);
}

/* A 2xx is the message accepted, whatever the body: success with the id
 * unknown, never an error that would invite a re-send. */
static void test_messages__2xx_without_id_is_accepted(void **state)
{
	static const char *const bodies[] = {"{}",
	                                     "{\"status\":\"accepted\"}",
	                                     "{\"messages\":[]}",
	                                     "{\"data\":{}}",
	                                     "",
	                                     "[]",
	                                     "not json",
	                                     "{\"msg_ref\":\"wamid.Z\"}"};
	fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		gosend_message_result *res = NULL;
		gosend_error *err = NULL;
		assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL,
		                                       bodies[i]),
		                 0);
		if (gosend_messages_send_text(&res, f->client, PNID, TO, "x",
		                              NULL, &err) != 0)
			fail_msg("body \"%s\": %s", bodies[i], err->message);
		assert_null(err);
		assert_int_equal(res->id_known, 0);
		assert_null(res->id);
		assert_int_equal(res->meta->http_status, 201);
		assert_int_equal(res->meta->attempts, 1);
		assert_non_null(res->meta->idempotency_key);
		assert_string_equal(res->raw_json, bodies[i]);
		gosend_message_result_free(res);
	}
	/* one request each: nothing was re-sent */
	assert_int_equal(gsmock_request_count(f->mock),
	                 sizeof(bodies) / sizeof(bodies[0]));
}

static void test_messages__error_statuses(void **state)
{
	static const struct {
		unsigned int status;
		int code;
	} cases[] = {{401, GOSEND_EUNAUTHORIZED},
	             {403, GOSEND_EFORBIDDEN},
	             {415, GOSEND_EUNSUPPORTED},
	             {422, GOSEND_EUNPROCESSABLE},
	             {404, GOSEND_ENOTFOUND}};
	fx *f = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gosend_message_result *res = (gosend_message_result *)1;
		gosend_error *err = NULL;
		assert_int_equal(gsmock_queue_response(
		                         f->mock, cases[i].status, NULL, NULL,
		                         "{\"statusCode\":0,\"message\":"
		                         "\"scripted\"}"),
		                 0);
		assert_int_equal(gosend_messages_send_text(&res, f->client,
		                                           PNID, TO, "x", NULL,
		                                           &err),
		                 cases[i].code);
		assert_null(res);
		assert_int_equal(err->http_status, (long)cases[i].status);
		assert_string_equal(err->message, "scripted");
		gosend_error_free(err);
	}
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, ts_teardown)
	const struct CMUnitTest tests[] = {
	        T(test_messages__send_text_one_call),
	        T(test_messages__wire_text),
	        T(test_messages__wire_template),
	        T(test_messages__wire_image),
	        T(test_messages__wire_video),
	        T(test_messages__wire_audio),
	        T(test_messages__wire_document),
	        T(test_messages__wire_sticker),
	        T(test_messages__wire_location),
	        T(test_messages__wire_interactive_buttons),
	        T(test_messages__wire_interactive_list),
	        T(test_messages__wire_contacts),
	        T(test_messages__one_message_many_recipients),
	        T(test_messages__shared_message_many_threads),
	        T(test_messages__generated_keys_are_uuid4_and_distinct),
	        T(test_messages__caller_key_replay_and_conflict),
	        T(test_messages__mock_keeps_many_keys_a_day),
	        T(test_messages__retry_reuses_the_key),
	        T(test_messages__bad_idempotency_key_sends_nothing),
	        T(test_messages__invalid_input_sends_nothing),
	        T(test_messages__send_json_verbatim),
	        T(test_messages__send_json_checks),
	        T(test_messages__server_validation_error),
	        T(test_messages__result_shapes),
	        T(test_messages__2xx_without_id_is_accepted),
	        T(test_messages__error_statuses),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
