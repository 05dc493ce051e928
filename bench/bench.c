/*
 * bench: throughput, instructions and memory of the SDK against a raw
 * libcurl loop doing the same work (same JSON built with cJSON, same
 * headers, response parsed with cJSON). Driven by bench/run.sh.
 *
 *   bench raw-seq   N URL            one easy handle reused, N POSTs
 *   bench sdk-seq   N URL            gosend_messages_send_text, N times
 *   bench raw-multi N URL C [CA]     curl multi, C handles in flight
 *   bench sdk-bulk  N URL C [CA]     gosend_messages_send_bulk, concurrency C
 *   bench sdk-bulk-rss N URL C       the same, one message object for all
 *   bench sdk-rate  N URL R          bulk held to R messages/s
 *   bench raw-decode M FILE          cJSON_Parse + cJSON_Delete of a page
 *   bench sdk-decode M FILE          the SDK's list decoder on the same page
 *
 * Prints one line: mode, count, seconds, per second, peak RSS (kB).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "call/endpoint.h"
#include "json/types.h"
#include "gosendapi/gosendapi.h"

#define KEY  "gsk_test_bench0123456789"
#define FROM "555123456789"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

/* ---- raw libcurl: what a hand-written client does per send ---- */

typedef struct raw_conn {
	CURL *h;
	struct curl_slist *hdr;
	char *body;
	char resp[4096];
	size_t resp_len;
	char url[256];
} raw_conn;

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

/* Build the request of send i on c (JSON with cJSON, fresh key). */
/* The SDK's User-Agent line, so that both sides send the same headers
 * (neither sends Expect for a body this small). */
static const char *ua_line(void)
{
	static char line[128];

	if (!line[0])
		(void)snprintf(line, sizeof(line),
		               "User-Agent: gosendapi-c/%s libcurl/%s",
		               GOSENDAPI_VERSION,
		               curl_version_info(CURLVERSION_NOW)->version);
	return line;
}

static void raw_prepare(raw_conn *c, long i)
{
	cJSON *root = cJSON_CreateObject(), *text;
	char to[32], key[64], k[37];

	(void)snprintf(to, sizeof(to), "54911%08ld", i % 100000000);
	cJSON_AddStringToObject(root, "phone_number_id", FROM);
	cJSON_AddStringToObject(root, "to", to);
	cJSON_AddStringToObject(root, "type", "text");
	text = cJSON_AddObjectToObject(root, "text");
	cJSON_AddStringToObject(text, "body", "Your order has shipped");
	free(c->body);
	c->body = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	uuid(k);
	(void)snprintf(key, sizeof(key), "Idempotency-Key: %s", k);
	curl_slist_free_all(c->hdr);
	c->hdr = curl_slist_append(NULL, "X-API-Key: " KEY);
	c->hdr = curl_slist_append(c->hdr, "Accept: application/json");
	c->hdr = curl_slist_append(c->hdr, "Content-Type: application/json");
	c->hdr = curl_slist_append(c->hdr, key);
	c->hdr = curl_slist_append(c->hdr, ua_line());
	c->resp_len = 0;
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, c->hdr);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDS, c->body);
	curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(c->body));
}

static void raw_check(raw_conn *c)
{
	cJSON *r;
	const cJSON *id;
	long status = 0;

	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &status);
	c->resp[c->resp_len] = '\0';
	r = cJSON_ParseWithLength(c->resp, c->resp_len);
	id = cJSON_GetObjectItemCaseSensitive(r, "id");
	if (status != 201 || !cJSON_IsString(id))
		die("raw: unexpected response");
	cJSON_Delete(r);
}

static void raw_init(raw_conn *c, const char *url, const char *ca)
{
	memset(c, 0, sizeof(*c));
	c->h = curl_easy_init();
	(void)snprintf(c->url, sizeof(c->url), "%s/messages", url);
	curl_easy_setopt(c->h, CURLOPT_URL, c->url);
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, raw_write);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->h, CURLOPT_PRIVATE, c);
	if (ca)
		curl_easy_setopt(c->h, CURLOPT_CAINFO, ca);
}

static void raw_free(raw_conn *c)
{
	curl_easy_cleanup(c->h);
	curl_slist_free_all(c->hdr);
	free(c->body);
}

static void raw_seq(long n, const char *url)
{
	raw_conn c;
	double t0;
	long i;

	raw_init(&c, url, NULL);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		raw_prepare(&c, i);
		if (curl_easy_perform(c.h) != CURLE_OK)
			die("raw perform");
		raw_check(&c);
	}
	report("raw-seq", n, now_s() - t0, NULL);
	raw_free(&c);
}

static void raw_multi(long n, const char *url, int conc, const char *ca)
{
	CURLM *m = curl_multi_init();
	raw_conn *c = calloc((size_t)conc, sizeof(*c));
	long started = 0, done = 0;
	double t0;
	int i, running;

	curl_multi_setopt(m, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	for (i = 0; i < conc; i++)
		raw_init(&c[i], url, ca);
	t0 = now_s();
	for (i = 0; i < conc && started < n; i++) {
		raw_prepare(&c[i], started++);
		curl_multi_add_handle(m, c[i].h);
	}
	while (done < n) {
		CURLMsg *msg;
		int q;
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &q))) {
			raw_conn *rc = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			if (msg->data.result != CURLE_OK)
				die("raw multi transfer");
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			                  (char **)&rc);
			curl_multi_remove_handle(m, rc->h);
			raw_check(rc);
			done++;
			if (started < n) {
				raw_prepare(rc, started++);
				curl_multi_add_handle(m, rc->h);
			}
		}
		if (done < n)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	report("raw-multi", n, now_s() - t0, NULL);
	for (i = 0; i < conc; i++)
		raw_free(&c[i]);
	free(c);
	curl_multi_cleanup(m);
}

/* ---- the SDK, default configuration (retries on, a key per send) ---- */

static gosend_client *sdk_client(const char *url, const char *ca)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	o.base_url = url;
	o.ca_file = ca;
	if (gosend_client_new(&c, KEY, &o, &e) != 0)
		die(e->message);
	return c;
}

static void sdk_seq(long n, const char *url)
{
	gosend_client *c = sdk_client(url, NULL);
	double t0 = now_s();
	long i;

	for (i = 0; i < n; i++) {
		gosend_message_result *res = NULL;
		gosend_error *e = NULL;
		char to[32];
		(void)snprintf(to, sizeof(to), "54911%08ld", i % 100000000);
		if (gosend_messages_send_text(&res, c, FROM, to,
		                              "Your order has shipped", NULL,
		                              &e) != 0)
			die(e->message);
		gosend_message_result_free(res);
	}
	report("sdk-seq", n, now_s() - t0, NULL);
	gosend_client_free(c);
}

static void sdk_bulk(long n, const char *url, int conc, const char *ca,
                     double rate, const char *mode, int one_message)
{
	gosend_client *c = sdk_client(url, ca);
	gosend_outgoing **m = calloc((size_t)n, sizeof(*m));
	gosend_bulk_options o = GOSEND_BULK_OPTIONS_INIT;
	gosend_bulk_result *res = NULL;
	char extra[128];
	double t0;
	long i;

	for (i = 0; i < n; i++) {
		char to[32];
		if (one_message && i > 0) {
			m[i] = m[0]; /* memory of the SDK alone, not the input
			              */
			continue;
		}
		(void)snprintf(to, sizeof(to), "54911%08ld", i % 100000000);
		if (gosend_outgoing_text_new(&m[i], FROM, to,
		                             "Your order has shipped", NULL))
			die("builder");
	}
	o.concurrency = (unsigned int)conc;
	o.rate_per_second = rate;
	o.discard_results = 1;
	t0 = now_s();
	if (gosend_messages_send_bulk(&res, c,
	                              (const gosend_outgoing *const *)m,
	                              (size_t)n, &o, NULL) != 0 ||
	    res->succeeded != (size_t)n)
		die("bulk send failed");
	(void)snprintf(extra, sizeof(extra), "rate_limited=%zu",
	               res->rate_limited);
	report(mode, n, now_s() - t0, extra);
	gosend_bulk_result_free(res);
	for (i = 0; i < (one_message ? 1 : n); i++)
		gosend_outgoing_free(m[i]);
	free(m);
	gosend_client_free(c);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		die("cannot open page file");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("read");
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void decode(long reps, const char *path, int sdk)
{
	size_t len;
	char *page = slurp(path, &len);
	double t0 = now_s();
	long i;

	for (i = 0; i < reps; i++) {
		if (sdk) {
			void *o = NULL;
			gosend_message_list *l;
			if (gosend__decode(&gosend__type_message, GOSEND__PAGE,
			                   page, len, &o, NULL) != 0)
				die("sdk decode");
			l = o;
			if (l->count != 100)
				die("sdk decode");
			gosend_message_list_free(l);
		} else {
			cJSON *r = cJSON_ParseWithLength(page, len);
			if (cJSON_GetArraySize(r) != 100)
				die("raw decode");
			cJSON_Delete(r);
		}
	}
	report(sdk ? "sdk-decode" : "raw-decode", reps, now_s() - t0, NULL);
	free(page);
}

int main(int argc, char **argv)
{
	long n;

	if (argc < 4) {
		fprintf(stderr, "usage: bench MODE N URL|FILE [C] [CA|RATE]\n");
		return 2;
	}
	n = atol(argv[2]);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (!strcmp(argv[1], "raw-seq"))
		raw_seq(n, argv[3]);
	else if (!strcmp(argv[1], "sdk-seq"))
		sdk_seq(n, argv[3]);
	else if (!strcmp(argv[1], "raw-multi") && argc >= 5)
		raw_multi(n, argv[3], atoi(argv[4]), argc > 5 ? argv[5] : NULL);
	else if (!strcmp(argv[1], "sdk-bulk") && argc >= 5)
		sdk_bulk(n, argv[3], atoi(argv[4]), argc > 5 ? argv[5] : NULL,
		         0, "sdk-bulk", 0);
	else if (!strcmp(argv[1], "sdk-bulk-rss") && argc >= 5)
		sdk_bulk(n, argv[3], atoi(argv[4]), NULL, 0, "sdk-bulk-rss", 1);
	else if (!strcmp(argv[1], "sdk-rate") && argc >= 5)
		sdk_bulk(n, argv[3], 32, NULL, atof(argv[4]), "sdk-rate", 0);
	else if (!strcmp(argv[1], "raw-decode"))
		decode(n, argv[3], 0);
	else if (!strcmp(argv[1], "sdk-decode"))
		decode(n, argv[3], 1);
	else {
		fprintf(stderr, "bench: unknown mode %s\n", argv[1]);
		return 2;
	}
	curl_global_cleanup();
	return 0;
}
