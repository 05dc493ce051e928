/*
 * webhook_receiver: a minimal HTTP endpoint for GoSendAPI webhooks, built on
 * libmicrohttpd. It verifies each delivery's signature on the raw body,
 * parses the event, skips repeated deliveries and prints one line per event.
 *
 * Usage: GOSENDAPI_WEBHOOK_SECRET=whsec_... webhook_receiver PORT
 *
 *   PORT  TCP port to listen on (all interfaces); 0 picks a free port.
 *   GOSENDAPI_WEBHOOK_SECRET  the webhook's secret; during a rotation give
 *         the new and the old one separated by a comma.
 *
 * Output: first "port=<N>", then one line per new event on stdout, e.g.
 *   event=whatsapp.message.received id=evt_1 phone_number_id=555123456789
 *   from=5491140123456 type=text text="Hola"
 * Rejected and repeated deliveries are reported on stderr. Answers:
 *   200  valid signature, event accepted (or a repeat, skipped)
 *   400  malformed signature header, or a body that is not a JSON object
 *   401  signature missing or not matching
 *   405  not a POST;  413  body over 1 MiB;  500  receiver-side failure
 * GoSendAPI expects a 2xx within 10 seconds and retries otherwise, so a
 * real receiver answers first and does slow work afterwards (queue it).
 * Stop with Ctrl-C (SIGINT) or SIGTERM.
 *
 * Put it behind an HTTPS reverse proxy: webhook URLs must be HTTPS.
 * Build: link with -lgosendapi -lmicrohttpd.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/dedupe.h>
#include <gosendapi/webhook_events.h>

#define MAX_BODY        ((size_t)1024 * 1024)
#define MAX_SECRETS     8
#define DEDUPE_CAPACITY 100000

typedef struct receiver {
	const char *secrets[MAX_SECRETS];
	size_t nsecrets;
	gosend_dedupe *seen;
} receiver;

/* Body of one request, collected across upload callbacks. */
typedef struct upload {
	char *data;
	size_t len;
	size_t cap;
	int too_large;
} upload;

/* Print a value bare when it is plain, else quoted with C escapes. */
static void put_value(const char *s)
{
	const char *p;
	int plain = *s != '\0';

	for (p = s; *p && plain; p++) {
		unsigned char c = (unsigned char)*p;
		plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		        (c >= '0' && c <= '9') || strchr("._:+-@/", c);
	}
	if (plain) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c); /* UTF-8 passes through */
	}
	putchar('"');
}

static void put_field(const char *key, const char *value)
{
	if (!value)
		return;
	printf(" %s=", key);
	put_value(value);
}

static void print_event(const gosend_webhook_event *ev)
{
	fputs("event=", stdout);
	put_value(ev->name);
	fputs(" id=", stdout);
	put_value(ev->id ? ev->id : "-");
	put_field("time", ev->timestamp);
	put_field("phone_number_id", ev->phone_number_id);
	if (ev->message) {
		const gosend_webhook_inbound_message *m = ev->message;
		put_field("from", m->from);
		put_field("type", m->type);
		put_field("message_id", m->id);
		put_field("text", m->text);
		put_field("media_id", m->media_id);
		put_field("caption", m->caption);
		put_field("reply_to", m->context_message_id);
	}
	if (ev->status) {
		const gosend_webhook_message_status *s = ev->status;
		put_field("message_id", s->message_id);
		put_field("status", s->status);
		put_field("recipient", s->recipient);
		if (s->error_code >= 0)
			printf(" error_code=%lld", s->error_code);
		put_field("error", s->error_title);
	}
	if (ev->template_status) {
		const gosend_webhook_template_status *t = ev->template_status;
		put_field("template_id", t->template_id);
		put_field("template", t->template_name);
		put_field("status", t->status);
		put_field("reason", t->reason);
	}
	putchar('\n');
	fflush(stdout);
}

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned int status,
                              const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
	        strlen(text), (void *)(uintptr_t)text, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "POST");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Verify, parse, dedupe and print one complete delivery. */
static enum MHD_Result handle(receiver *rc, struct MHD_Connection *conn,
                              const upload *up)
{
	gosend_webhook_event *ev = NULL;
	gosend_error *e = NULL;
	char *fingerprint = NULL;
	const char *key;
	const char *sig = MHD_lookup_connection_value(
	        conn, MHD_HEADER_KIND, GOSEND_WEBHOOK_SIGNATURE_HEADER);
	const char *body = up->data ? up->data : "";
	int err, seen;

	if (!sig) /* older documentation pages name the header X-Signature */
		sig = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                  "X-Signature");
	/* 1. the signature, on the raw bytes, before anything else */
	err = gosend_webhook_verify(rc->secrets, rc->nsecrets, sig, body,
	                            up->len, &e);
	if (err < 0) {
		unsigned int status = err == GOSEND_EPROTOCOL
		                              ? (sig ? 400 : 401)
		                      : err == GOSEND_ESIGNATURE ? 401
		                                                 : 500;
		fprintf(stderr, "rejected %u: %s\n", status, e->message);
		gosend_error_free(e);
		return answer(conn, status,
		              status == 500 ? "internal error\n"
		                            : "invalid signature\n");
	}
	/* 2. the event */
	err = gosend_webhook_event_parse(&ev, body, up->len, &e);
	if (err < 0) {
		unsigned int status = err == GOSEND_EPROTOCOL ? 400 : 500;
		fprintf(stderr, "rejected %u: %s\n", status, e->message);
		gosend_error_free(e);
		return answer(conn, status, "bad event\n");
	}
	/*
	 * 3. repeats: by event id, else by a fingerprint of the body (a
	 * retry resends the same bytes).
	 */
	key = ev->id;
	if (!key) {
		if (gosend_webhook_sign(&fingerprint, "body-fingerprint", body,
		                        up->len, NULL) < 0) {
			gosend_webhook_event_free(ev);
			return answer(conn, 500, "internal error\n");
		}
		key = fingerprint;
	}
	seen = gosend_dedupe_check_and_add(rc->seen, key, NULL);
	if (seen == 1) {
		fprintf(stderr, "duplicate event=%s id=%s skipped\n", ev->name,
		        ev->id ? ev->id : "-");
	} else if (seen == 0) {
		/*
		 * 4. the work. Keep it short or hand it to a queue; if it
		 * fails, call gosend_dedupe_remove(rc->seen, key, NULL) and
		 * answer 500 so that the retry is processed.
		 */
		print_event(ev);
	}
	gosend_free(fingerprint);
	gosend_webhook_event_free(ev);
	if (seen < 0)
		return answer(conn, 500, "internal error\n");
	return answer(conn, MHD_HTTP_OK, seen ? "duplicate\n" : "ok\n");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **state)
{
	upload *up = *state;

	(void)url;
	(void)version;
	if (!up) {
		const char *cl;
		if (strcmp(method, MHD_HTTP_METHOD_POST) != 0)
			return answer(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
			              "POST only\n");
		cl = MHD_lookup_connection_value(
		        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > MAX_BODY)
			return answer(conn, MHD_HTTP_CONTENT_TOO_LARGE,
			              "body too large\n");
		up = calloc(1, sizeof(*up));
		if (!up)
			return MHD_NO;
		*state = up;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (up->too_large || n > MAX_BODY - up->len) {
			up->too_large = 1;
			return MHD_YES;
		}
		if (up->len + n + 1 > up->cap) {
			size_t cap = up->cap ? up->cap : 4096;
			char *bigger;
			while (cap < up->len + n + 1)
				cap *= 2;
			bigger = realloc(up->data, cap);
			if (!bigger)
				return MHD_NO;
			up->data = bigger;
			up->cap = cap;
		}
		memcpy(up->data + up->len, upload_data, n);
		up->len += n;
		return MHD_YES;
	}
	if (up->too_large)
		return answer(conn, MHD_HTTP_CONTENT_TOO_LARGE,
		              "body too large\n");
	return handle(cls, conn, up);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
                         enum MHD_RequestTerminationCode code)
{
	upload *up = *state;

	(void)cls;
	(void)conn;
	(void)code;
	if (up) {
		free(up->data);
		free(up);
		*state = NULL;
	}
}

/* Split the comma-separated secrets in place; number kept. */
static size_t split_secrets(char *list, const char **out, size_t max)
{
	size_t n = 0;
	char *p = list;

	while (p && n < max) {
		char *comma = strchr(p, ',');
		char *end;
		if (comma)
			*comma = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strlen(p);
		while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
		                   end[-1] == '\n' || end[-1] == '\r'))
			*--end = '\0';
		if (*p)
			out[n++] = p;
		p = comma ? comma + 1 : NULL;
	}
	return n;
}

int main(int argc, char **argv)
{
	receiver rc;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	gosend_error *e = NULL;
	char *env, *end = NULL, *secrets;
	unsigned long port;
	sigset_t stop;
	int sig = 0;

	memset(&rc, 0, sizeof(rc));
	if (argc != 2) {
		fprintf(stderr, "usage: GOSENDAPI_WEBHOOK_SECRET=whsec_... "
		                "webhook_receiver PORT\n");
		return 2;
	}
	port = strtoul(argv[1], &end, 10);
	if (!*argv[1] || *end || port > 65535) {
		fprintf(stderr, "webhook_receiver: bad port '%s'\n", argv[1]);
		return 2;
	}
	env = getenv("GOSENDAPI_WEBHOOK_SECRET");
	secrets = env ? malloc(strlen(env) + 1) : NULL;
	if (secrets)
		memcpy(secrets, env, strlen(env) + 1);
	rc.nsecrets =
	        secrets ? split_secrets(secrets, rc.secrets, MAX_SECRETS) : 0;
	if (rc.nsecrets == 0) {
		fprintf(stderr,
		        "webhook_receiver: set GOSENDAPI_WEBHOOK_SECRET "
		        "to the webhook secret (whsec_...)\n");
		free(secrets);
		return 2;
	}
	if (gosend_dedupe_new(&rc.seen, DEDUPE_CAPACITY, &e) < 0) {
		fprintf(stderr, "webhook_receiver: %s\n", e->message);
		gosend_error_free(e);
		free(secrets);
		return 1;
	}

	/* Block the stop signals before the server thread starts, so that
	 * only sigwait() below receives them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* One internal thread: every callback runs on it. */
	d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
	                     (unsigned short)port, NULL, NULL, on_request, &rc,
	                     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	                     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)15,
	                     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "webhook_receiver: cannot listen on port %lu\n",
		        port);
		gosend_dedupe_free(rc.seen);
		free(secrets);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("port=%u\n",
	       info ? (unsigned int)info->port : (unsigned int)port);
	fflush(stdout);

	sigwait(&stop, &sig);
	fprintf(stderr, "webhook_receiver: signal %d, stopping\n", sig);
	MHD_stop_daemon(d);
	gosend_dedupe_free(rc.seen);
	free(secrets);
	return 0;
}
