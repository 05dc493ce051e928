/*
 * bench: throughput, instructions and memory of the SDK, through its public
 * API and linked to the shared library as an application is, against raw
 * libcurl programs doing the same HTTP work on the same server. Driven by
 * bench/run.sh (see bench/README.md).
 *
 *   bench raw-seq    N URL          one easy handle reused, N POSTs
 *   bench raw-multi  N URL C [CA]   curl_multi_perform + curl_multi_poll, C in
 *                                   flight, a handle refilled when it ends
 *   bench raw-socket N URL C        curl_multi_socket_action on a poll(2)
 *                                   loop, C in flight, refilled likewise
 *   bench sdk-seq    N URL          gosend_messages_send_text, N times
 *   bench sdk-async  N URL C        gosend_async_messages_send_text on
 *                                   adapters/poll.h, C calls outstanding
 *   bench sdk-bulk   N URL C [CA]   gosend_messages_send_bulk, concurrency C,
 *                                   default options (a record per message)
 *   bench sdk-bulk-discard N URL C [CA]   the same with discard_results
 *   bench sdk-bulk-rss N URL C      discard_results, one message object
 *   bench sdk-rate   N URL R        bulk held to R messages/s
 *   bench sdk-ticks  N URL C        N async sends started at once while a
 *                                   10 ms timer ticks on the same loop
 *
 * The raw request is the reference's (shared/bench-ref/raw_libcurl.c):
 * three headers (Content-Type, Accept, X-API-Key), the answer parsed with
 * cJSON and its "id" checked. Its body is built with cJSON for each request
 * (raw-seq, raw-socket) or one fixed text (raw-multi). Environment:
 *   BENCH_RAW_BODY=cjson|fixed   override the body of every raw mode
 *   BENCH_RAW_WIRE=sdk           raw also sends what the SDK adds: a fresh
 *                                UUIDv4 Idempotency-Key and its User-Agent
 *
 * Prints one line: mode, count, seconds, per second, peak RSS (kB), and
 * what the mode adds.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "gosendapi/gosendapi.h"
#include "gosendapi/async.h"
#include "gosendapi/adapters/poll.h"

#define KEY  "gsk_test_bench0123456789"
#define FROM "555123456789"
#define TO   "5491140123456"
#define TEXT                                                                  \
	"Hola! Tu pedido #100001 fue despachado y llega manana entre 9 y 13 " \
	"hs. Gracias por tu compra."
#define MAX_CONC 1024

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long now_ms(void)
{
	return (long long)(now_s() * 1000.0);
}

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void report(const char *mode, long n, double secs, const char *extra)
{
	printf("mode=%s n=%ld seconds=%.4f per_sec=%.1f maxrss_kb=%ld%s%s\n",
	       mode, n, secs, secs > 0 ? (double)n / secs : 0.0, maxrss_kb(),
	       extra ? " " : "", extra ? extra : "");
}

static void die(const char *what)
{
	fprintf(stderr, "bench: %s\n", what);
	exit(1);
}

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v && v[0] ? v : dflt;
}

/* ---- raw libcurl: the request ---- */

typedef struct raw_conn {
	CURL *h;
	struct curl_slist *hdr;
	char *body; /* built for this request, or NULL (fixed body) */
	char resp[4096];
	size_t resp_len;
	long started; /* the request number (raw-socket's refill) */
} raw_conn;

static struct {
	int build_json; /* body built with cJSON per request */
	int sdk_wire;   /* key and User-Agent too */
	char url[256];
	const char *ca;
} raw_cfg;

static const char FIXED_BODY[] =
        "{\"to\":\"" TO "\",\"type\":\"text\",\"text\":\"" TEXT "\","
        "\"metadata\":{\"order_id\":\"100001\",\"channel\":\"whatsapp\"}}";

static size_t raw_write(char *d, size_t s, size_t n, void *ud)
{
	raw_conn *c = ud;
	size_t len = s * n;

	if (c->resp_len + len >= sizeof(c->resp))
		return 0;
	memcpy(c->resp + c->resp_len, d, len);
	c->resp_len += len;
	return len;
}

static void uuid(char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	int i, j = 0;

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
		die("getrandom");
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[j++] = '-';
		out[j++] = hex[b[i] >> 4];
		out[j++] = hex[b[i] & 15];
	}
	out[j] = '\0';
}

/* The header list: the reference's three, plus the SDK's key and
 * User-Agent lines with BENCH_RAW_WIRE=sdk. */
static struct curl_slist *raw_headers(void)
{
	struct curl_slist *h = NULL;
	char line[128];

	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Accept: application/json");
	h = curl_slist_append(h, "X-API-Key: " KEY);
	if (raw_cfg.sdk_wire) {
		char k[37];
		uuid(k);
		(void)snprintf(line, sizeof(line), "Idempotency-Key: %s", k);
		h = curl_slist_append(h, line);
		(void)snprintf(line, sizeof(line),
		               "User-Agent: gosendapi-c/%s libcurl/%s",
		               GOSENDAPI_VERSION,
		               curl_version_info(CURLVERSION_NOW)->version);
		h = curl_slist_append(h, line);
	}
	return h;
}

/* The body an application builds for message i. */
static char *raw_build_body(long i)
{
	cJSON *root = cJSON_CreateObject(), *meta;
	char order[32];
	char *s;

	(void)snprintf(order, sizeof(order), "%ld", 100000 + i);
	cJSON_AddStringToObject(root, "to", TO);
	cJSON_AddStringToObject(root, "type", "text");
	cJSON_AddStringToObject(root, "text", TEXT);
	meta = cJSON_AddObjectToObject(root, "metadata");
	cJSON_AddStringToObject(meta, "order_id", order);
	cJSON_AddStringToObject(meta, "channel", "whatsapp");
	s = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!s)
		die("cJSON_PrintUnformatted");
	return s;
}

/* Set up request i on c. */
static void raw_prepare(raw_conn *c, long i)
{
	c->resp_len = 0;
	c->started = i;
	if (raw_cfg.sdk_wire) {
		curl_slist_free_all(c->hdr);
		c->hdr = raw_headers();
		curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, c->hdr);
	}
	if (!raw_cfg.build_json)
		return;
	cJSON_free(c->body);
	c->body = raw_build_body(i);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDS, c->body);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(c->body));
}

/* The answer: 201 and a JSON object whose "id" starts with msg_. */
static void raw_check(raw_conn *c, CURLcode rc)
{
	const cJSON *id;
	long status = 0;
	cJSON *r;
	int ok;

	if (rc != CURLE_OK)
		die(curl_easy_strerror(rc));
	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &status);
	r = cJSON_ParseWithLength(c->resp, c->resp_len);
	id = cJSON_GetObjectItemCaseSensitive(r, "id");
	ok = status == 201 && cJSON_IsString(id) &&
	     strncmp(id->valuestring, "msg_", 4) == 0;
	cJSON_Delete(r);
	if (!ok)
		die("raw: unexpected answer");
}

static void raw_init(raw_conn *c)
{
	memset(c, 0, sizeof(*c));
	c->h = curl_easy_init();
	c->hdr = raw_headers();
	curl_easy_setopt(c->h, CURLOPT_URL, raw_cfg.url);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, c->hdr);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDS, FIXED_BODY);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE,
	                 (long)sizeof(FIXED_BODY) - 1);
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, raw_write);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->h, CURLOPT_PRIVATE, c);
	if (raw_cfg.ca)
		curl_easy_setopt(c->h, CURLOPT_CAINFO, raw_cfg.ca);
}

static void raw_free(raw_conn *c)
{
	curl_easy_cleanup(c->h);
	curl_slist_free_all(c->hdr);
	cJSON_free(c->body);
}

/* The body of every raw mode: the mode's own unless BENCH_RAW_BODY says. */
static void raw_setup(const char *url, const char *ca, int build_json)
{
	const char *body = env_or("BENCH_RAW_BODY", "");

	(void)snprintf(raw_cfg.url, sizeof(raw_cfg.url), "%s/messages", url);
	raw_cfg.ca = ca;
	raw_cfg.build_json = build_json;
	if (!strcmp(body, "cjson"))
		raw_cfg.build_json = 1;
	else if (!strcmp(body, "fixed"))
		raw_cfg.build_json = 0;
	raw_cfg.sdk_wire = !strcmp(env_or("BENCH_RAW_WIRE", ""), "sdk");
}

static const char *raw_label(void)
{
	static char s[64];

	(void)snprintf(s, sizeof(s), "body=%s wire=%s",
	               raw_cfg.build_json ? "cjson" : "fixed",
	               raw_cfg.sdk_wire ? "sdk" : "ref");
	return s;
}

/* ---- raw: sequential, and curl_multi_perform ---- */

static void raw_seq(long n)
{
	raw_conn c;
	double t0;
	long i;

	raw_init(&c);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		raw_prepare(&c, i);
		raw_check(&c, curl_easy_perform(c.h));
	}
	report("raw-seq", n, now_s() - t0, raw_label());
	raw_free(&c);
}

/* Take in the transfers that ended, refill their handles. */
static long raw_harvest(CURLM *m, long *started, long n)
{
	CURLMsg *msg;
	long done = 0;
	int q;

	while ((msg = curl_multi_info_read(m, &q))) {
		raw_conn *rc = NULL;
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
		                  (char **)&rc);
		raw_check(rc, msg->data.result);
		curl_multi_remove_handle(m, rc->h);
		done++;
		if (*started < n) {
			raw_prepare(rc, (*started)++);
			curl_multi_add_handle(m, rc->h);
		}
	}
	return done;
}

static void raw_multi(long n, int conc)
{
	CURLM *m = curl_multi_init();
	raw_conn *c = calloc((size_t)conc, sizeof(*c));
	long started = 0, done = 0;
	double t0;
	int i, running;

	if (!c)
		die("out of memory");
	curl_multi_setopt(m, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	for (i = 0; i < conc; i++)
		raw_init(&c[i]);
	t0 = now_s();
	for (i = 0; i < conc && started < n; i++) {
		raw_prepare(&c[i], started++);
		curl_multi_add_handle(m, c[i].h);
	}
	while (done < n) {
		if (curl_multi_perform(m, &running) != CURLM_OK)
			die("curl_multi_perform");
		done += raw_harvest(m, &started, n);
		if (done < n)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	report("raw-multi", n, now_s() - t0, raw_label());
	for (i = 0; i < conc; i++)
		raw_free(&c[i]);
	free(c);
	curl_multi_cleanup(m);
}

/* ---- raw: curl_multi_socket_action on a poll(2) loop ---- */

typedef struct raw_loop {
	CURLM *m;
	struct pollfd fds[MAX_CONC + 8], ready[MAX_CONC + 8];
	int nfds;
	long long due; /* ms, -1: no timer */
	long started, done, n;
} raw_loop;

static int raw_on_socket(CURL *e, curl_socket_t fd, int what, void *userp,
                         void *sockp)
{
	raw_loop *l = userp;
	int i;

	(void)e;
	(void)sockp;
	for (i = 0; i < l->nfds && l->fds[i].fd != fd; i++)
		;
	if (what == CURL_POLL_REMOVE) {
		if (i < l->nfds)
			l->fds[i] = l->fds[--l->nfds];
		return 0;
	}
	if (i == l->nfds) {
		if (l->nfds == MAX_CONC + 8)
			die("too many sockets");
		l->fds[l->nfds++].fd = fd;
	}
	l->fds[i].events = (short)((what & CURL_POLL_IN ? POLLIN : 0) |
	                           (what & CURL_POLL_OUT ? POLLOUT : 0));
	return 0;
}

static int raw_on_timer(CURLM *m, long ms, void *userp)
{
	raw_loop *l = userp;

	(void)m;
	l->due = ms < 0 ? -1 : now_ms() + ms;
	return 0;
}

static void raw_act(raw_loop *l, curl_socket_t fd, int mask)
{
	int running;

	if (curl_multi_socket_action(l->m, fd, mask, &running) != CURLM_OK)
		die("curl_multi_socket_action");
	l->done += raw_harvest(l->m, &l->started, l->n);
}

/* One round of the loop: wait for the sockets or the timer, act. */
static void raw_round(raw_loop *l)
{
	long long wait = l->due < 0 ? 1000 : l->due - now_ms();
	int i, n = l->nfds;

	memcpy(l->ready, l->fds, (size_t)n * sizeof(l->fds[0]));
	if (poll(l->ready, (nfds_t)n, wait < 0 ? 0 : (int)wait) < 0)
		die("poll");
	for (i = 0; i < n; i++) {
		short re = l->ready[i].revents;
		int mask = (re & POLLIN ? CURL_CSELECT_IN : 0) |
		           (re & POLLOUT ? CURL_CSELECT_OUT : 0) |
		           (re & (POLLERR | POLLHUP) ? CURL_CSELECT_ERR : 0);
		if (mask)
			raw_act(l, l->ready[i].fd, mask);
	}
	if (l->due >= 0 && now_ms() >= l->due) {
		l->due = -1;
		raw_act(l, CURL_SOCKET_TIMEOUT, 0);
	}
}

static void raw_socket(long n, int conc)
{
	static raw_loop l;
	raw_conn *c = calloc((size_t)conc, sizeof(*c));
	double t0;
	int i;

	if (!c)
		die("out of memory");
	l.m = curl_multi_init();
	l.due = -1;
	l.n = n;
	curl_multi_setopt(l.m, CURLMOPT_SOCKETFUNCTION, raw_on_socket);
	curl_multi_setopt(l.m, CURLMOPT_SOCKETDATA, &l);
	curl_multi_setopt(l.m, CURLMOPT_TIMERFUNCTION, raw_on_timer);
	curl_multi_setopt(l.m, CURLMOPT_TIMERDATA, &l);
	for (i = 0; i < conc; i++)
		raw_init(&c[i]);
	t0 = now_s();
	for (i = 0; i < conc && l.started < n; i++) {
		raw_prepare(&c[i], l.started++);
		curl_multi_add_handle(l.m, c[i].h);
	}
	while (l.done < n)
		raw_round(&l);
	report("raw-socket", n, now_s() - t0, raw_label());
	for (i = 0; i < conc; i++)
		raw_free(&c[i]);
	free(c);
	curl_multi_cleanup(l.m);
}

/* ---- the SDK, default configuration (retries on, a key per send) ---- */

static gosend_client *sdk_client(const char *url, const char *ca, int conc)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	o.base_url = url;
	o.ca_file = ca;
	/* as the reference's program: a connection per request in flight */
	o.pool_size = conc > 8 ? (unsigned int)conc : 8;
	if (gosend_client_new(&c, KEY, &o, &e) != 0)
		die(e->message);
	return c;
}

static int sent_ok(const gosend_message_result *r)
{
	return r && r->id && strncmp(r->id, "msg_", 4) == 0;
}

static void sdk_seq(long n, const char *url)
{
	gosend_client *c = sdk_client(url, NULL, 1);
	double t0 = now_s();
	long i;

	for (i = 0; i < n; i++) {
		gosend_message_result *res = NULL;
		gosend_error *e = NULL;
		if (gosend_messages_send_text(&res, c, FROM, TO, TEXT, NULL,
		                              &e) != 0)
			die(e->message);
		if (!sent_ok(res))
			die("sdk: unexpected answer");
		gosend_message_result_free(res);
	}
	report("sdk-seq", n, now_s() - t0, NULL);
	gosend_client_free(c);
}

/* ---- the SDK: asynchronous sends on the poll(2) adapter ---- */

typedef struct async_run {
	gosend_async *as;
	long n, started, done, ok, failed;
	int refill; /* start the next send from each callback */
} async_run;

static void async_start(async_run *r);

static void async_done(gosend_async_call *call, int code, void *result,
                       gosend_error *error, void *payload)
{
	async_run *r = payload;

	(void)call;
	if (code == 0 && sent_ok(result))
		r->ok++;
	else
		r->failed++;
	gosend_message_result_free(result);
	gosend_error_free(error);
	r->done++;
	if (r->refill)
		async_start(r);
}

static void async_start(async_run *r)
{
	gosend_error *e = NULL;

	if (r->started >= r->n)
		return;
	r->started++;
	if (gosend_async_messages_send_text(r->as, FROM, TO, TEXT, NULL,
	                                    async_done, r, NULL, &e) != 0)
		die(e->message);
}

static void async_open(async_run *r, gosend_poll_loop *loop, gosend_client *c,
                       int conc, long n)
{
	gosend_async_options o = GOSEND_ASYNC_OPTIONS_INIT;
	gosend_error *e = NULL;

	memset(r, 0, sizeof(*r));
	r->n = n;
	o.max_in_flight = (unsigned int)conc;
	gosend_poll_init(loop);
	if (gosend_poll_attach(loop, &r->as, c, &o, &e) != 0)
		die(e->message);
}

static void async_close(async_run *r, gosend_poll_loop *loop)
{
	gosend_async_free(r->as);
	gosend_poll_dispose(loop);
}

/* C sends outstanding: each callback starts the next one. */
static void sdk_async(long n, const char *url, int conc)
{
	gosend_client *c = sdk_client(url, NULL, conc);
	gosend_poll_loop loop;
	async_run r;
	double t0;
	int i;

	async_open(&r, &loop, c, conc, n);
	r.refill = 1;
	t0 = now_s();
	for (i = 0; i < conc; i++)
		async_start(&r);
	if (gosend_poll_run(&loop) != 0 || r.ok != n)
		die("async sends failed");
	report("sdk-async", n, now_s() - t0, NULL);
	async_close(&r, &loop);
	gosend_client_free(c);
}

/* ---- the loop never blocks: a 10 ms timer during async sends ---- */

typedef struct ticker {
	double last, next, max_gap;
	double max_round; /* CPU time of the longest round of the loop */
	long ticks, rounds;
} ticker;

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Run the loop until every call ended, ticking every 10 ms. Two figures:
 * the longest gap between two ticks (wall clock: what the timer's user
 * sees, other processes taking the CPU included), and the CPU time of the
 * longest round of the loop (what the library and the callbacks did
 * without giving the loop back; poll's wait uses no CPU).
 */
static void tick_until_done(gosend_poll_loop *loop, const async_run *r,
                            ticker *t)
{
	while (r->done < r->n) {
		double now = now_s(), cpu;
		long wait = (long)((t->next - now) * 1000.0 + 0.999);
		cpu = cpu_s();
		if (gosend_poll_run_once(loop, wait > 0 ? wait : 0) != 0)
			die("poll loop");
		cpu = cpu_s() - cpu;
		if (cpu > t->max_round)
			t->max_round = cpu;
		t->rounds++;
		now = now_s();
		if (now < t->next)
			continue;
		if (now - t->last > t->max_gap)
			t->max_gap = now - t->last;
		t->last = now;
		t->next = now + 0.010;
		t->ticks++;
	}
}

static void sdk_ticks(long n, const char *url, int conc)
{
	gosend_client *c = sdk_client(url, NULL, conc);
	gosend_poll_loop loop;
	ticker t = {0};
	char extra[192];
	async_run r;
	double t0, started;
	long i;

	async_open(&r, &loop, c, conc, n);
	t0 = now_s();
	for (i = 0; i < n; i++)
		async_start(&r);
	started = now_s();
	t.last = started;
	t.next = started + 0.010;
	tick_until_done(&loop, &r, &t);
	(void)snprintf(extra, sizeof(extra),
	               "ok=%ld failed=%ld ticks=%ld start_all_ms=%.1f "
	               "max_tick_gap_ms=%.1f max_round_ms=%.2f rounds=%ld",
	               r.ok, r.failed, t.ticks, (started - t0) * 1000.0,
	               t.max_gap * 1000.0, t.max_round * 1000.0, t.rounds);
	report("sdk-ticks", n, now_s() - t0, extra);
	async_close(&r, &loop);
	gosend_client_free(c);
}

/* ---- the SDK: bulk ---- */

typedef struct bulk_cfg {
	const char *mode;
	double rate;
	int discard;     /* discard_results */
	int one_message; /* one message object for all (memory of the SDK) */
} bulk_cfg;

static gosend_outgoing **bulk_messages(long n, int one)
{
	gosend_outgoing **m = calloc((size_t)n, sizeof(*m));
	long i;

	if (!m)
		die("out of memory");
	for (i = 0; i < n; i++) {
		if (one && i > 0) {
			m[i] = m[0];
			continue;
		}
		if (gosend_outgoing_text_new(&m[i], FROM, TO, TEXT, NULL))
			die("builder");
	}
	return m;
}

static void sdk_bulk(long n, const char *url, int conc, const char *ca,
                     const bulk_cfg *cfg)
{
	gosend_client *c = sdk_client(url, ca, conc);
	gosend_outgoing **m = bulk_messages(n, cfg->one_message);
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	char extra[128];
	double t0;
	long i;

	o.concurrency = (unsigned int)conc;
	o.rate_per_second = cfg->rate;
	o.discard_results = cfg->discard;
	t0 = now_s();
	if (gosend_messages_send_bulk(&res, c,
	                              (const gosend_outgoing *const *)m,
	                              (size_t)n, &o, NULL) != 0 ||
	    res->succeeded != (size_t)n)
		die("bulk send failed");
	(void)snprintf(extra, sizeof(extra), "rate_limited=%zu discard=%d",
	               res->rate_limited, cfg->discard);
	report(cfg->mode, n, now_s() - t0, extra);
	gosend_bulk_result_free(res);
	for (i = 0; i < (cfg->one_message ? 1 : n); i++)
		gosend_outgoing_free(m[i]);
	free(m);
	gosend_client_free(c);
}

/* ---- main ---- */

static int conc_arg(int argc, char **argv)
{
	int c = argc > 4 ? atoi(argv[4]) : 0;

	if (c < 1 || c > MAX_CONC)
		die("concurrency must be 1..1024");
	return c;
}

static int run_raw(const char *mode, long n, int argc, char **argv)
{
	const char *ca = argc > 5 ? argv[5] : NULL;

	if (!strcmp(mode, "raw-seq")) {
		raw_setup(argv[3], NULL, 1);
		raw_seq(n);
	} else if (!strcmp(mode, "raw-multi")) {
		raw_setup(argv[3], ca, 0);
		raw_multi(n, conc_arg(argc, argv));
	} else if (!strcmp(mode, "raw-socket")) {
		raw_setup(argv[3], NULL, 1);
		raw_socket(n, conc_arg(argc, argv));
	} else {
		return -1;
	}
	return 0;
}

static int run_sdk(const char *mode, long n, int argc, char **argv)
{
	const char *url = argv[3], *ca = argc > 5 ? argv[5] : NULL;
	bulk_cfg b = {mode, 0, 0, 0};

	if (!strcmp(mode, "sdk-seq")) {
		sdk_seq(n, url);
	} else if (!strcmp(mode, "sdk-async")) {
		sdk_async(n, url, conc_arg(argc, argv));
	} else if (!strcmp(mode, "sdk-ticks")) {
		sdk_ticks(n, url, conc_arg(argc, argv));
	} else if (!strcmp(mode, "sdk-bulk")) {
		sdk_bulk(n, url, conc_arg(argc, argv), ca, &b);
	} else if (!strcmp(mode, "sdk-bulk-discard")) {
		b.discard = 1;
		sdk_bulk(n, url, conc_arg(argc, argv), ca, &b);
	} else if (!strcmp(mode, "sdk-bulk-rss")) {
		b.discard = 1;
		b.one_message = 1;
		sdk_bulk(n, url, conc_arg(argc, argv), NULL, &b);
	} else if (!strcmp(mode, "sdk-rate") && argc > 4) {
		b.discard = 1;
		b.rate = atof(argv[4]);
		sdk_bulk(n, url, 32, NULL, &b);
	} else {
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long n;

	if (argc < 4) {
		fprintf(stderr, "usage: bench MODE N URL [C|RATE] [CA]\n");
		return 2;
	}
	n = atol(argv[2]);
	if (n < 1)
		die("N must be at least 1");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (run_raw(argv[1], n, argc, argv) < 0 &&
	    run_sdk(argv[1], n, argc, argv) < 0) {
		fprintf(stderr, "bench: unknown mode or arguments: %s\n",
		        argv[1]);
		return 2;
	}
	curl_global_cleanup();
	return 0;
}
