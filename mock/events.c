/* Clock, webhook events and their signed deliveries.
 *
 * An event is matched against the webhooks when it is emitted; each match
 * becomes a delivery record (in the webhook's "__deliveries", served by
 * GET /v1/webhooks/{id}/deliveries) and a job for the delivery thread. The
 * thread POSTs the job's body with libcurl, outside the mock's lock, then
 * updates the record and either drops the job or schedules its next
 * attempt. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "gsmock_int.h"

static const long long retry_offsets_ms[GS_MAX_ATTEMPTS] = GS_RETRY_OFFSETS_MS;

/* ------------------------------------------------------------- clock */

void gsmock_set_clock(gsmock *m, long long (*now_ms)(void *), void *payload)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	m->clock_kind = now_ms ? GS_CLOCK_CUSTOM : GS_CLOCK_REAL;
	m->clock_fn = now_ms;
	m->clock_payload = payload;
	pthread_cond_broadcast(&m->dwake);
	pthread_mutex_unlock(&m->lock);
}

void gsmock_use_manual_clock(gsmock *m, long long start_ms)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	if (start_ms < 0) {
		m->clock_kind = GS_CLOCK_REAL;
		start_ms = gs_now_ms(m);
	}
	m->clock_kind = GS_CLOCK_MANUAL;
	m->clock_fn = NULL;
	m->clock_payload = NULL;
	m->manual_ms = start_ms;
	pthread_cond_broadcast(&m->dwake);
	pthread_mutex_unlock(&m->lock);
}

void gsmock_advance(gsmock *m, long long ms)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	if (m->clock_kind == GS_CLOCK_REAL) {
		m->manual_ms = gs_now_ms(m);
		m->clock_kind = GS_CLOCK_MANUAL;
	}
	if (m->clock_kind == GS_CLOCK_MANUAL && ms > 0)
		m->manual_ms += ms;
	pthread_cond_broadcast(&m->dwake);
	pthread_mutex_unlock(&m->lock);
}

long long gsmock_now_ms(gsmock *m)
{
	long long now;
	if (!m)
		return 0;
	pthread_mutex_lock(&m->lock);
	now = gs_now_ms(m);
	pthread_mutex_unlock(&m->lock);
	return now;
}

/* ------------------------------------------------------------ events */

static void job_free(gs_job *j)
{
	if (!j)
		return;
	free(j->delivery_id);
	free(j->webhook_id);
	free(j->event);
	free(j->body);
	free(j);
}

static int webhook_matches(const cJSON *h, const char *event, const cJSON *data)
{
	const cJSON *it;
	int listed = 0;
	if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(h, "enabled")))
		return 0;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(h, "events"))
	{
		if (cJSON_IsString(it) &&
		    (strcmp(it->valuestring, event) == 0 ||
		     strcmp(it->valuestring, "*") == 0))
			listed = 1;
	}
	if (!listed)
		return 0;
	char buf[64];
	const char *pnid = gs_json_id(h, "phone_number_id", buf, sizeof buf);
	return !pnid || gs_json_id_eq(data, "phone_number_id", pnid);
}

static void *delivery_main(void *arg);

/* Start the delivery thread (once). It blocks every signal: signals stay
 * with the application's threads. */
static int thread_start_locked(gsmock *m)
{
	if (m->dthread_running)
		return 0;
	if (m->stopping)
		return -1;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	CURLM *multi = curl_multi_init();
	if (!multi) {
		curl_global_cleanup();
		return -1;
	}
	m->dmulti = multi;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&m->dthread, NULL, delivery_main, m);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		curl_multi_cleanup(multi);
		m->dmulti = NULL;
		curl_global_cleanup();
		return -1;
	}
	m->dthread_running = 1;
	return 0;
}

/* Record a delivery of body to webhook h and queue its first attempt. */
static int delivery_create_locked(gsmock *m, cJSON *h, const char *event,
                                  const char *event_id, const char *body,
                                  long long now)
{
	cJSON *list = cJSON_GetObjectItemCaseSensitive(h, "__deliveries");
	char hook_id[64], id[32], at[32];
	if (!cJSON_IsArray(list))
		return -1;
	const char *hid = gs_json_id(h, "id", hook_id, sizeof hook_id);
	snprintf(id, sizeof id, "dlv_%llu", ++m->seq_delivery);
	gs_iso_ms(now, at);

	gs_job *j = calloc(1, sizeof *j);
	cJSON *d = cJSON_CreateObject();
	if (!j || !d)
		goto fail;
	j->delivery_id = gs_strdup(id);
	j->webhook_id = gs_strdup(hid ? hid : "");
	j->event = gs_strdup(event);
	j->body = gs_strdup(body);
	j->created_ms = now;
	j->due_ms = now + retry_offsets_ms[0];
	if (!j->delivery_id || !j->webhook_id || !j->event || !j->body)
		goto fail;
	if (!cJSON_AddStringToObject(d, "id", id) ||
	    !cJSON_AddStringToObject(d, "webhook_id", j->webhook_id) ||
	    !cJSON_AddStringToObject(d, "event", event) ||
	    !cJSON_AddStringToObject(d, "event_id", event_id) ||
	    !cJSON_AddStringToObject(d, "status", "pending") ||
	    !cJSON_AddNumberToObject(d, "attempts", 0) ||
	    !cJSON_AddNullToObject(d, "response_status") ||
	    !cJSON_AddStringToObject(d, "created_at", at) ||
	    !cJSON_AddNullToObject(d, "last_attempt_at") ||
	    !cJSON_AddStringToObject(d, "next_attempt_at", at) ||
	    !cJSON_AddNullToObject(d, "last_error") ||
	    !cJSON_AddStringToObject(d, "request_body", body))
		goto fail;
	if (thread_start_locked(m) != 0)
		goto fail;
	cJSON_AddItemToArray(list, d);
	gs_job **pp = &m->jobs;
	while (*pp)
		pp = &(*pp)->next;
	*pp = j;
	pthread_cond_broadcast(&m->dwake);
	return 0;
fail:
	cJSON_Delete(d);
	job_free(j);
	return -1;
}

int gs_emit_locked(gsmock *m, const char *event, cJSON *data)
{
	char id[32], at[32];
	int rc = 0;
	if (!cJSON_IsObject(data)) {
		cJSON_Delete(data);
		return -1;
	}
	long long now = gs_now_ms(m);
	snprintf(id, sizeof id, "evt_%llu", ++m->seq_event);
	gs_iso_ms(now, at);
	cJSON *env = cJSON_CreateObject();
	if (!env || !cJSON_AddStringToObject(env, "id", id) ||
	    !cJSON_AddStringToObject(env, "event", event) ||
	    !cJSON_AddStringToObject(env, "created_at", at)) {
		cJSON_Delete(env);
		cJSON_Delete(data);
		return -1;
	}
	if (!cJSON_AddItemToObject(env, "data", data)) {
		cJSON_Delete(env);
		cJSON_Delete(data);
		return -1;
	}
	char *body = cJSON_PrintUnformatted(env);
	if (!body) {
		cJSON_Delete(env);
		return -1;
	}
	cJSON *h;
	cJSON_ArrayForEach(h, m->webhooks)
	{
		if (webhook_matches(h, event, data) &&
		    delivery_create_locked(m, h, event, id, body, now) != 0)
			rc = -1;
	}
	free(body);
	cJSON_Delete(env);
	return rc;
}

int gsmock_emit_event(gsmock *m, const char *event, const char *data_json)
{
	if (!m || !event || !*event)
		return -1;
	for (const char *c = event; *c; c++) /* it becomes a header value */
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f)
			return -1;
	cJSON *data = data_json ? cJSON_ParseWithOpts(data_json, NULL, 1)
	                        : cJSON_CreateObject();
	if (!cJSON_IsObject(data)) {
		cJSON_Delete(data);
		return -1;
	}
	pthread_mutex_lock(&m->lock);
	int rc = gs_emit_locked(m, event, data);
	pthread_mutex_unlock(&m->lock);
	return rc;
}

static int add_string_copy(cJSON *dst, const char *key, const cJSON *src,
                           const char *field)
{
	char buf[64];
	const char *v = gs_json_id(src, field, buf, sizeof buf);
	return v ? cJSON_AddStringToObject(dst, key, v) != NULL
	         : cJSON_AddNullToObject(dst, key) != NULL;
}

/* Set a stored message's status and emit whatsapp.message.<status>. */
int gs_message_status_locked(gsmock *m, cJSON *msg, const char *status)
{
	char at[32], event[64];
	gs_iso_now(m, at);
	if (gs_set_string(msg, "status", status) != 0 ||
	    gs_set_string(msg, "status_updated_at", at) != 0)
		return -1;
	cJSON *data = cJSON_CreateObject();
	if (!data || !add_string_copy(data, "message_id", msg, "id") ||
	    !add_string_copy(data, "phone_number_id", msg, "phone_number_id") ||
	    !add_string_copy(data, "to", msg, "to") ||
	    !cJSON_AddStringToObject(data, "status", status) ||
	    !cJSON_AddStringToObject(data, "timestamp", at)) {
		cJSON_Delete(data);
		return -1;
	}
	if (strcmp(status, "failed") == 0) {
		cJSON *e = cJSON_AddObjectToObject(data, "error");
		if (!e || !cJSON_AddNumberToObject(e, "code", 131026) ||
		    !cJSON_AddStringToObject(e, "title",
		                             "Message undeliverable") ||
		    !cJSON_AddStringToObject(e, "message",
		                             "The recipient could not be "
		                             "reached")) {
			cJSON_Delete(data);
			return -1;
		}
		cJSON *copy = cJSON_Duplicate(e, 1);
		if (!copy) {
			cJSON_Delete(data);
			return -1;
		}
		if (cJSON_HasObjectItem(msg, "error"))
			cJSON_ReplaceItemInObjectCaseSensitive(msg, "error",
			                                       copy);
		else
			cJSON_AddItemToObject(msg, "error", copy);
	} else
		cJSON_DeleteItemFromObjectCaseSensitive(msg, "error");
	snprintf(event, sizeof event, "whatsapp.message.%s", status);
	return gs_emit_locked(m, event, data);
}

int gsmock_set_message_status(gsmock *m, const char *message_id,
                              const char *status)
{
	static const char *const known[] = {"sent", "delivered", "read",
	                                    "failed"};
	int ok = 0;
	if (!m || !message_id || !status)
		return -1;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(status, known[i]) == 0)
			ok = 1;
	if (!ok)
		return -1;
	pthread_mutex_lock(&m->lock);
	cJSON *msg = gs_find_by(m->messages, "id", message_id);
	int rc = msg ? gs_message_status_locked(m, msg, status) : -1;
	pthread_mutex_unlock(&m->lock);
	return rc;
}

/* --------------------------------------------------------- deliveries */

/* What one attempt needs, copied out of the state so that the transfer can
 * run without the lock. */
struct gs_attempt {
	char *url;
	char *secret;
	char *body;
	char *event;
	char *delivery_id;
	long timeout_ms;
	/* outcome */
	long status; /* HTTP status, 0 when none was received */
	int aborted; /* stopped by gsmock_stop() */
	char error[CURL_ERROR_SIZE];
};

static void attempt_clear(struct gs_attempt *a)
{
	free(a->url);
	free(a->secret);
	free(a->body);
	free(a->event);
	free(a->delivery_id);
}

static int stopping(gsmock *m)
{
	pthread_mutex_lock(&m->lock);
	int s = m->stopping;
	pthread_mutex_unlock(&m->lock);
	return s;
}

static size_t discard_body(char *ptr, size_t size, size_t nmemb, void *cls)
{
	(void)ptr;
	(void)cls;
	return size * nmemb;
}

/* "sha256=" and the lowercase hex HMAC-SHA256 of body keyed with secret. */
static int sign(const char *secret, const char *body, char out[72])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	if (!HMAC(EVP_sha256(), secret, (int)strlen(secret),
	          (const unsigned char *)body, strlen(body), mac, &len) ||
	    len != 32)
		return -1;
	memcpy(out, "sha256=", 7);
	for (unsigned int i = 0; i < len; i++) {
		out[7 + 2 * i] = digits[mac[i] >> 4];
		out[8 + 2 * i] = digits[mac[i] & 0xf];
	}
	out[7 + 2 * len] = '\0';
	return 0;
}

static struct curl_slist *attempt_headers(const struct gs_attempt *a)
{
	char sig[72];
	struct curl_slist *h = NULL, *n;
	char *lines[5] = {NULL};
	if (sign(a->secret, a->body, sig) != 0)
		return NULL;
	lines[0] = gs_strdup("Content-Type: application/json");
	lines[1] = gs_format("X-GoSendAPI-Signature: %s", sig);
	lines[2] = gs_format("X-GoSendAPI-Event: %s", a->event);
	lines[3] = gs_format("X-GoSendAPI-Delivery: %s", a->delivery_id);
	lines[4] = gs_strdup("Expect:");
	for (size_t i = 0; i < 5; i++) {
		if (!lines[i] || !(n = curl_slist_append(h, lines[i]))) {
			curl_slist_free_all(h);
			h = NULL;
			break;
		}
		h = n;
	}
	for (size_t i = 0; i < 5; i++)
		free(lines[i]);
	return h;
}

/* Whether url is http(s) to a loopback host: 127.0.0.0/8, [::1] or
 * localhost. The mock never sends anything elsewhere (nor asks DNS). */
static int loopback_url(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int ok = 0;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)) {
		struct in_addr a4;
		if (strcasecmp(host, "localhost") == 0 ||
		    strcmp(host, "[::1]") == 0)
			ok = 1;
		else if (inet_pton(AF_INET, host, &a4) == 1)
			ok = (ntohl(a4.s_addr) >> 24) == 127;
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return ok;
}

/* POST once. Returns 1 on a 2xx answer, else 0 (see a->status, a->error,
 * a->aborted). */
static int attempt_run(gsmock *m, CURLM *multi, struct gs_attempt *a)
{
	CURL *easy = curl_easy_init();
	struct curl_slist *hdrs = attempt_headers(a);
	CURLcode res = CURLE_FAILED_INIT;
	a->status = 0;
	a->error[0] = '\0';
	if (!easy || !hdrs) {
		snprintf(a->error, sizeof a->error, "out of memory");
		goto done;
	}
	if (!loopback_url(a->url)) {
		snprintf(a->error, sizeof a->error,
		         "not sent: the mock delivers only to http(s) URLs on "
		         "127.0.0.0/8, [::1] or localhost");
		goto done;
	}
	curl_easy_setopt(easy, CURLOPT_URL, a->url);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDS, a->body);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
	                 (curl_off_t)strlen(a->body));
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "gosendapi-mock");
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, a->timeout_ms);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, a->error);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard_body);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS,
	                 (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	if (curl_multi_add_handle(multi, easy) != CURLM_OK) {
		snprintf(a->error, sizeof a->error, "out of memory");
		goto done;
	}
	int running = 1;
	while (running) {
		if (curl_multi_perform(multi, &running) != CURLM_OK)
			break;
		if (!running)
			break;
		if (stopping(m)) {
			a->aborted = 1;
			break;
		}
		curl_multi_poll(multi, NULL, 0, 1000, NULL);
		if (stopping(m)) {
			a->aborted = 1;
			break;
		}
	}
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(multi, &left)))
		if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy)
			res = msg->data.result;
	curl_multi_remove_handle(multi, easy);
	if (res == CURLE_OK) {
		curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &a->status);
	} else {
		long code = 0;
		if (curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code) ==
		            CURLE_OK &&
		    code > 0)
			a->status = code;
		if (!a->error[0])
			snprintf(a->error, sizeof a->error, "%s",
			         curl_easy_strerror(res));
	}
done:
	curl_slist_free_all(hdrs);
	if (easy)
		curl_easy_cleanup(easy);
	return res == CURLE_OK && a->status >= 200 && a->status <= 299;
}

static cJSON *find_delivery(gsmock *m, const gs_job *j)
{
	cJSON *h = gs_find_by(m->webhooks, "id", j->webhook_id);
	if (!h)
		return NULL;
	return gs_find_by(cJSON_GetObjectItemCaseSensitive(h, "__deliveries"),
	                  "id", j->delivery_id);
}

/* Detach the earliest job that is due at `now`; NULL when none is. */
static gs_job *take_due_locked(gsmock *m, long long now)
{
	gs_job **best = NULL;
	for (gs_job **pp = &m->jobs; *pp; pp = &(*pp)->next)
		if ((*pp)->due_ms <= now &&
		    (!best || (*pp)->due_ms < (*best)->due_ms))
			best = pp;
	if (!best)
		return NULL;
	gs_job *j = *best;
	*best = j->next;
	j->next = NULL;
	return j;
}

static void requeue_locked(gsmock *m, gs_job *j)
{
	gs_job **pp = &m->jobs;
	while (*pp)
		pp = &(*pp)->next;
	*pp = j;
}

/* Sleep until signalled or, on the real clock, until the next job is due. */
static void idle_locked(gsmock *m, long long now)
{
	if (m->clock_kind != GS_CLOCK_REAL || !m->jobs) {
		pthread_cond_wait(&m->dwake, &m->lock);
		return;
	}
	long long next = m->jobs->due_ms;
	for (const gs_job *j = m->jobs; j; j = j->next)
		if (j->due_ms < next)
			next = j->due_ms;
	long long wait = next - now;
	if (wait > 60000)
		wait = 60000; /* look again should the wall clock jump */
	if (wait < 1)
		wait = 1;
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += (time_t)(wait / 1000);
	until.tv_nsec += (long)(wait % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&m->dwake, &m->lock, &until);
}

/* Copy what the attempt needs; NULL-returning fields mean out of memory. */
static int attempt_prepare_locked(gsmock *m, const gs_job *j,
                                  struct gs_attempt *a)
{
	const cJSON *h = gs_find_by(m->webhooks, "id", j->webhook_id);
	const cJSON *url = cJSON_GetObjectItemCaseSensitive(h, "url");
	const cJSON *secret = cJSON_GetObjectItemCaseSensitive(h, "__secret");
	memset(a, 0, sizeof *a);
	if (!h || !cJSON_IsString(url) || !cJSON_IsString(secret))
		return -1;
	a->url = gs_strdup(url->valuestring);
	a->secret = gs_strdup(secret->valuestring);
	a->body = gs_strdup(j->body);
	a->event = gs_strdup(j->event);
	a->delivery_id = gs_strdup(j->delivery_id);
	a->timeout_ms = m->delivery_timeout_ms;
	if (!a->url || !a->secret || !a->body || !a->event || !a->delivery_id)
		return -2;
	return 0;
}

/* Write the outcome of attempt number j->attempts into the record. */
static void record_outcome_locked(gsmock *m, gs_job *j,
                                  const struct gs_attempt *a, int ok, int final)
{
	char at[32], next[32];
	cJSON *d = find_delivery(m, j);
	if (!d)
		return;
	gs_iso_now(m, at);
	gs_set_string(d, "status",
	              ok      ? "succeeded"
	              : final ? "failed"
	                      : "pending");
	gs_set_number(d, "attempts", j->attempts);
	if (a->status > 0)
		gs_set_number(d, "response_status", (double)a->status);
	else
		gs_set_string(d, "response_status", NULL);
	gs_set_string(d, "last_attempt_at", at);
	if (ok || final) {
		gs_set_string(d, "next_attempt_at", NULL);
	} else {
		gs_iso_ms(j->due_ms, next);
		gs_set_string(d, "next_attempt_at", next);
	}
	char why[48];
	snprintf(why, sizeof why, "HTTP %ld", a->status);
	gs_set_string(d, "last_error",
	              ok            ? NULL
	              : a->error[0] ? a->error
	                            : why);
}

static void log_attempt(const gs_job *j, const struct gs_attempt *a, int ok,
                        int final)
{
	char status[24], next[32];
	if (a->status > 0)
		snprintf(status, sizeof status, "%ld", a->status);
	else
		snprintf(status, sizeof status, "error");
	gs_iso_ms(j->due_ms, next);
	fprintf(stderr, "WEBHOOK %s %s %s attempt %d/%d %s %s%s\n",
	        j->webhook_id, j->delivery_id, j->event, j->attempts,
	        GS_MAX_ATTEMPTS, status,
	        ok      ? "succeeded"
	        : final ? "failed"
	                : "retry at ",
	        ok || final ? "" : next);
}

static void *delivery_main(void *arg)
{
	gsmock *m = arg;
	CURLM *multi = m->dmulti;
	pthread_mutex_lock(&m->lock);
	while (!m->stopping) {
		long long now = gs_now_ms(m);
		gs_job *j = take_due_locked(m, now);
		if (!j) {
			idle_locked(m, now);
			continue;
		}
		struct gs_attempt a;
		int prep = attempt_prepare_locked(m, j, &a);
		if (prep == -1) { /* the webhook was deleted */
			attempt_clear(&a);
			job_free(j);
			continue;
		}
		j->attempts++;
		pthread_mutex_unlock(&m->lock);
		int ok = 0;
		if (prep == 0)
			ok = attempt_run(m, multi, &a);
		else
			snprintf(a.error, sizeof a.error, "out of memory");
		pthread_mutex_lock(&m->lock);
		if (a.aborted) {
			attempt_clear(&a);
			job_free(j);
			break;
		}
		int final = ok || j->attempts >= GS_MAX_ATTEMPTS;
		if (!final)
			j->due_ms =
			        j->created_ms + retry_offsets_ms[j->attempts];
		record_outcome_locked(m, j, &a, ok, final && !ok);
		if (m->log_requests)
			log_attempt(j, &a, ok, final && !ok);
		attempt_clear(&a);
		if (final)
			job_free(j);
		else
			requeue_locked(m, j);
		m->attempts_done++;
		pthread_cond_broadcast(&m->ddone);
	}
	pthread_mutex_unlock(&m->lock);
	return NULL;
}

int gsmock_wait_deliveries(gsmock *m, size_t n_done, long timeout_ms)
{
	struct timespec until;
	int rc = 0;
	if (!m)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &until);
	if (timeout_ms >= 0) {
		until.tv_sec += (time_t)(timeout_ms / 1000);
		until.tv_nsec += (timeout_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&m->lock);
	while (m->attempts_done < n_done && !m->stopping) {
		int e = timeout_ms >= 0
		                ? pthread_cond_timedwait(&m->ddone, &m->lock,
		                                         &until)
		                : pthread_cond_wait(&m->ddone, &m->lock);
		if (e == ETIMEDOUT)
			break;
	}
	if (m->attempts_done < n_done)
		rc = -1;
	pthread_mutex_unlock(&m->lock);
	return rc;
}

size_t gsmock_delivery_attempts(gsmock *m)
{
	size_t n;
	if (!m)
		return 0;
	pthread_mutex_lock(&m->lock);
	n = m->attempts_done;
	pthread_mutex_unlock(&m->lock);
	return n;
}

void gsmock_set_delivery_timeout(gsmock *m, long timeout_ms)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	m->delivery_timeout_ms =
	        timeout_ms > 0 ? timeout_ms : GS_DELIVERY_TIMEOUT_MS;
	pthread_mutex_unlock(&m->lock);
}

/* Stop and join the delivery thread; m->stopping is already set. */
void gs_deliveries_shutdown(gsmock *m)
{
	pthread_mutex_lock(&m->lock);
	int running = m->dthread_running;
	CURLM *multi = m->dmulti;
	pthread_cond_broadcast(&m->dwake);
	pthread_cond_broadcast(&m->ddone);
	pthread_mutex_unlock(&m->lock);
	if (!running)
		return;
	curl_multi_wakeup(multi); /* ends a transfer's wait at once */
	pthread_join(m->dthread, NULL);
	pthread_mutex_lock(&m->lock);
	m->dmulti = NULL;
	m->dthread_running = 0;
	pthread_mutex_unlock(&m->lock);
	curl_multi_cleanup(multi);
	curl_global_cleanup();
}

void gs_deliveries_free(gsmock *m)
{
	gs_job *j = m->jobs;
	while (j) {
		gs_job *n = j->next;
		job_free(j);
		j = n;
	}
	m->jobs = NULL;
}
