/* Server lifecycle, libmicrohttpd glue, request log and scripted
 * responses. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "gsmock_int.h"

/* Per-request state, created by the URI log callback. */
struct gs_conn {
	char *uri;
	int started;
	char *body;
	size_t len, cap;
	int too_large;
};

/* What to do with the connection once the request has been handled. */
enum gs_action {
	GS_ANSWER = 0,
	GS_ANSWER_TRUNCATED,
	GS_ANSWER_HUGE,
	GS_CLOSE,
	GS_RESET
};

/* ---------------------------------------------------------------- log */

size_t gsmock_request_count(gsmock *m)
{
	size_t n;
	pthread_mutex_lock(&m->lock);
	n = m->log_len;
	pthread_mutex_unlock(&m->lock);
	return n;
}

gsmock_request *gsmock_request_at(gsmock *m, size_t i)
{
	gsmock_request *r = NULL;
	pthread_mutex_lock(&m->lock);
	if (i < m->log_len)
		r = gs_request_copy(m->log[i]);
	pthread_mutex_unlock(&m->lock);
	return r;
}

static void clear_log_locked(gsmock *m)
{
	for (size_t i = 0; i < m->log_len; i++)
		gsmock_request_free(m->log[i]);
	m->log_len = 0;
}

void gsmock_clear_log(gsmock *m)
{
	pthread_mutex_lock(&m->lock);
	clear_log_locked(m);
	pthread_mutex_unlock(&m->lock);
}

static int log_append_locked(gsmock *m, gsmock_request *r)
{
	if (m->log_len == m->log_cap) {
		size_t cap = m->log_cap ? m->log_cap * 2 : 64;
		gsmock_request **nl = realloc(m->log, cap * sizeof *nl);
		if (!nl)
			return -1;
		m->log = nl;
		m->log_cap = cap;
	}
	m->log[m->log_len++] = r;
	return 0;
}

/* ------------------------------------------------------- script queue */

static void script_free(gs_script *s)
{
	if (!s)
		return;
	gs_resp_free(&s->resp);
	free(s);
}

static int script_push(gsmock *m, gs_script *s)
{
	pthread_mutex_lock(&m->lock);
	if (m->q_tail)
		m->q_tail->next = s;
	else
		m->q_head = s;
	m->q_tail = s;
	pthread_mutex_unlock(&m->lock);
	return 0;
}

static gs_script *script_pop_locked(gsmock *m)
{
	gs_script *s = m->q_head;
	if (s) {
		m->q_head = s->next;
		if (!m->q_head)
			m->q_tail = NULL;
		s->next = NULL;
	}
	return s;
}

int gsmock_queue_response(gsmock *m, unsigned int status,
                          const char *extra_headers, const char *content_type,
                          const char *body)
{
	if (!m || status < 200 || status > 599)
		return -1;
	gs_script *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	s->kind = GS_SCRIPT_RESPONSE;
	s->resp.status = status;
	if (extra_headers &&
	    gs_headers_parse(&s->resp.headers, extra_headers)) {
		script_free(s);
		return -1;
	}
	s->resp.content_type = gs_strdup(content_type);
	s->resp.body = gs_strdup(body ? body : "");
	if ((content_type && !s->resp.content_type) || !s->resp.body) {
		script_free(s);
		return -1;
	}
	s->resp.body_len = strlen(s->resp.body);
	return script_push(m, s);
}

int gsmock_queue_fault(gsmock *m, gsmock_fault kind, unsigned int param)
{
	if (!m || kind < GSMOCK_FAULT_CLOSE || kind > GSMOCK_FAULT_REDIRECT)
		return -1;
	gs_script *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	s->kind = GS_SCRIPT_FAULT;
	s->fault = kind;
	s->param = param;
	return script_push(m, s);
}

int gsmock_queue_close(gsmock *m)
{
	return gsmock_queue_fault(m, GSMOCK_FAULT_CLOSE, 0);
}

size_t gsmock_rejected_count(gsmock *m)
{
	size_t n;
	if (!m)
		return 0;
	pthread_mutex_lock(&m->lock);
	n = m->rejected;
	pthread_mutex_unlock(&m->lock);
	return n;
}

int gsmock_set_rate_limit(gsmock *m, unsigned int per_second, int enforce)
{
	if (!m)
		return -1;
	pthread_mutex_lock(&m->lock);
	m->rate_limit = per_second ? per_second : GS_DEFAULT_RATE_LIMIT;
	m->rate_enforce = enforce != 0;
	pthread_mutex_unlock(&m->lock);
	return 0;
}

/* ----------------------------------------------------------- counters */

size_t gsmock_message_count(gsmock *m)
{
	size_t n;
	pthread_mutex_lock(&m->lock);
	n = (size_t)cJSON_GetArraySize(m->messages);
	pthread_mutex_unlock(&m->lock);
	return n;
}

size_t gsmock_message_count_by_key(gsmock *m, const char *key)
{
	const cJSON *msg;
	size_t n = 0;

	if (!m || !key)
		return 0;
	pthread_mutex_lock(&m->lock);
	cJSON_ArrayForEach(msg, m->messages)
	{
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(
		        msg, "__idempotency_key");
		if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0)
			n++;
	}
	pthread_mutex_unlock(&m->lock);
	return n;
}

unsigned short gsmock_port(const gsmock *m)
{
	return m ? m->port : 0;
}

const char *gsmock_base_url(const gsmock *m)
{
	return m ? m->base_url : NULL;
}

/* ------------------------------------------------------- rate windows */

static unsigned int rate_count_locked(gsmock *m, const char *key, long long now)
{
	gs_rate **pp = &m->rates;
	gs_rate *found = NULL;
	while (*pp) {
		gs_rate *r = *pp;
		if (r->second != now) {
			*pp = r->next;
			free(r->key);
			free(r);
			continue;
		}
		if (strcmp(r->key, key) == 0)
			found = r;
		pp = &r->next;
	}
	if (!found) {
		found = calloc(1, sizeof *found);
		if (!found)
			return 1;
		found->key = gs_strdup(key);
		if (!found->key) {
			free(found);
			return 1;
		}
		found->second = now;
		found->next = m->rates;
		m->rates = found;
	}
	return ++found->count;
}

/* ------------------------------------------------------- MHD callbacks */

static void *uri_cb(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	struct gs_conn *rc = calloc(1, sizeof *rc);
	if (!rc)
		return NULL;
	rc->uri = gs_strdup(uri ? uri : "");
	if (!rc->uri) {
		free(rc);
		return NULL;
	}
	return rc;
}

static void completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct gs_conn *rc = *con_cls;
	if (rc) {
		free(rc->uri);
		free(rc->body);
		free(rc);
		*con_cls = NULL;
	}
}

static void quiet_logger(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;
}

static enum MHD_Result header_iter(void *cls, enum MHD_ValueKind kind,
                                   const char *key, const char *value)
{
	(void)kind;
	gsmock_request *r = cls;
	char **nn = realloc(r->header_names,
	                    (r->header_count + 1) * sizeof(char *));
	if (!nn)
		return MHD_NO;
	r->header_names = nn;
	char **nv = realloc(r->header_values,
	                    (r->header_count + 1) * sizeof(char *));
	if (!nv)
		return MHD_NO;
	r->header_values = nv;
	char *k = gs_strdup(key ? key : "");
	char *v = gs_strdup(value ? value : "");
	if (!k || !v) {
		free(k);
		free(v);
		return MHD_NO;
	}
	r->header_names[r->header_count] = k;
	r->header_values[r->header_count] = v;
	r->header_count++;
	return MHD_YES;
}

static gsmock_request *record_build(struct MHD_Connection *conn,
                                    const char *method, struct gs_conn *rc)
{
	gsmock_request *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	const char *q = strchr(rc->uri, '?');
	r->method = gs_strdup(method);
	r->target = gs_strdup(rc->uri);
	r->path = q ? gs_strndup(rc->uri, (size_t)(q - rc->uri))
	            : gs_strdup(rc->uri);
	r->query = gs_strdup(q ? q + 1 : "");
	r->body = gs_strndup(rc->body ? rc->body : "", rc->len);
	r->body_len = rc->len;
	if (!r->method || !r->target || !r->path || !r->query || !r->body) {
		gsmock_request_free(r);
		return NULL;
	}
	MHD_get_connection_values(conn, MHD_HEADER_KIND, header_iter, r);
	return r;
}

/* Split the raw path into percent-decoded segments after "/v1". */
static int split_path(gs_req *rq)
{
	const char *p = rq->path;
	if (strncmp(p, "/v1", 3) != 0 || (p[3] != '\0' && p[3] != '/'))
		return 0;
	rq->v1 = 1;
	p += 3;
	size_t len = strlen(p);
	if (len > 0 && p[len - 1] == '/')
		len--;
	if (len == 0)
		return 0;
	p++; /* leading '/' */
	len--;
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		if (p[i] == '/')
			n++;
	rq->seg = calloc(n, sizeof(char *));
	if (!rq->seg)
		return -1;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || p[i] == '/') {
			rq->seg[rq->nseg] =
			        gs_pct_decode(p + start, i - start, 0);
			if (!rq->seg[rq->nseg])
				return -1;
			rq->nseg++;
			start = i + 1;
		}
	}
	return 0;
}

static void req_free(gs_req *rq)
{
	for (size_t i = 0; i < rq->nseg; i++)
		free(rq->seg[i]);
	free(rq->seg);
}

static void add_default_header(gs_resp *rs, const char *name, const char *value)
{
	if (!gs_headers_find(&rs->headers, name))
		gs_resp_header(rs, name, value);
}

static void standard_headers(gsmock *m, gs_resp *rs, unsigned int count,
                             long long now, unsigned long long reqno)
{
	char buf[48];
	unsigned int limit = m->rate_limit;
	snprintf(buf, sizeof buf, "%u", limit);
	add_default_header(rs, "X-RateLimit-Limit", buf);
	snprintf(buf, sizeof buf, "%u", count < limit ? limit - count : 0);
	add_default_header(rs, "X-RateLimit-Remaining", buf);
	snprintf(buf, sizeof buf, "%lld", now + 1);
	add_default_header(rs, "X-RateLimit-Reset", buf);
	snprintf(buf, sizeof buf, "req_%llu", reqno);
	add_default_header(rs, "X-Request-Id", buf);
}

/* Wait up to ms milliseconds, or until the mock stops. Lock held. */
static void delay_locked(gsmock *m, unsigned int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (!m->stopping) {
		int rc = pthread_cond_timedwait(&m->wake, &m->lock, &until);
		if (rc == ETIMEDOUT)
			break;
	}
}

static const char html_502[] =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx"
        "</center>\r\n</body>\r\n</html>\r\n";

/* Apply a fault that replaces processing. Returns the action. */
static enum gs_action fault_response(gsmock *m, const gs_script *s,
                                     const gsmock_request *rec, gs_resp *rs)
{
	switch (s->fault) {
	case GSMOCK_FAULT_CLOSE:
		return GS_CLOSE;
	case GSMOCK_FAULT_RESET:
		return GS_RESET;
	case GSMOCK_FAULT_INVALID_JSON:
		gs_resp_set_body(
		        rs, 200,
		        gs_strdup("{\"id\":\"wamid.MOCK\",\"status\":"));
		return GS_ANSWER;
	case GSMOCK_FAULT_HUGE_BODY:
		rs->status = 200;
		rs->body_len = s->param ? s->param : 8u * 1024u * 1024u;
		if (rs->body_len < 16)
			rs->body_len = 16;
		return GS_ANSWER_HUGE;
	case GSMOCK_FAULT_HTML_502:
		gs_resp_set_body(rs, 502, gs_strdup(html_502));
		rs->content_type = gs_strdup("text/html");
		return GS_ANSWER;
	case GSMOCK_FAULT_REDIRECT: {
		char *loc = gs_format("%s://127.0.0.1:%u%s",
		                      m->tls ? "https" : "http",
		                      (unsigned int)m->port, rec->target);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "statusCode", 307);
		cJSON_AddStringToObject(o, "message", "Temporary Redirect");
		cJSON_AddStringToObject(o, "location", loc ? loc : "");
		gs_resp_header(rs, "Location", loc ? loc : "");
		free(loc);
		gs_resp_json(rs, 307, o);
		return GS_ANSWER;
	}
	default:
		return GS_CLOSE;
	}
}

/* Append the printable form of s[0..n) to out (at most cap - 1 bytes):
 * bytes outside printable ASCII become %XX. Returns the new length. */
static size_t log_text(char *out, size_t len, size_t cap, const char *s,
                       size_t n)
{
	static const char digits[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n && len + 4 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c > ' ' && c < 0x7f) {
			out[len++] = (char)c;
		} else {
			out[len++] = '%';
			out[len++] = digits[c >> 4];
			out[len++] = digits[c & 0xf];
		}
	}
	out[len] = '\0';
	return len;
}

/* One line "METHOD PATH STATUS" on stderr: the path without its query,
 * every occurrence of the API key replaced by [redacted]; status 0 is
 * printed as "closed". */
static void log_request(const gs_req *rq, unsigned int status)
{
	char line[1200];
	size_t len = 0;
	const char *key = rq->api_key;
	size_t klen = key ? strlen(key) : 0;
	len = log_text(line, len, sizeof line, rq->method, strlen(rq->method));
	if (len + 1 < sizeof line)
		line[len++] = ' ';
	const char *p = rq->path;
	while (*p && len + 16 < sizeof line) {
		const char *hit = klen ? strstr(p, key) : NULL;
		size_t n = hit ? (size_t)(hit - p) : strlen(p);
		len = log_text(line, len, sizeof line - 16, p, n);
		if (!hit)
			break;
		memcpy(line + len, "[redacted]", 10);
		len += 10;
		p = hit + klen;
	}
	line[len] = '\0';
	if (status)
		fprintf(stderr, "%s %u\n", line, status);
	else
		fprintf(stderr, "%s closed\n", line);
}

/* Apply the entry taken from the script queue (NULL: none) before routing:
 * a scripted answer or a fault. *process tells whether the request is still
 * routed. Returns the action; lock held. */
static enum gs_action script_apply_locked(gsmock *m, gs_script *s,
                                          const gsmock_request *rec,
                                          gs_resp *rs, int *process)
{
	*process = 1;
	if (!s)
		return GS_ANSWER;
	if (s->kind == GS_SCRIPT_RESPONSE) {
		*rs = s->resp;
		memset(&s->resp, 0, sizeof s->resp);
		*process = 0;
		return GS_ANSWER;
	}
	switch (s->fault) {
	case GSMOCK_FAULT_PROCESS_THEN_CLOSE:
		return GS_CLOSE;
	case GSMOCK_FAULT_DELAY:
		delay_locked(m, s->param);
		return GS_ANSWER;
	case GSMOCK_FAULT_TRUNCATE:
		return GS_ANSWER_TRUNCATED;
	case GSMOCK_FAULT_WRONG_CONTENT_TYPE:
		return GS_ANSWER;
	default:
		*process = 0;
		return fault_response(m, s, rec, rs);
	}
}

/* Build the answer for one complete request. Takes the lock. */
static enum gs_action handle(gsmock *m, gsmock_request *rec, gs_resp *rs,
                             const struct gs_conn *rc)
{
	gs_req rq;
	memset(&rq, 0, sizeof rq);
	rq.method = rec->method;
	rq.path = rec->path;
	rq.query = rec->query;
	rq.api_key = gsmock_request_header(rec, "X-API-Key");
	rq.rec = rec;
	int split_rc = split_path(&rq);

	pthread_mutex_lock(&m->lock);
	unsigned long long reqno = ++m->seq_request;
	long long now = gs_now_s(m);
	/* On failure the record is not logged; it is freed below. */
	int logged = log_append_locked(m, rec) == 0;
	rq.rate_count = rate_count_locked(m, rq.api_key ? rq.api_key : "", now);
	gs_script *s = script_pop_locked(m);
	int process;
	enum gs_action action = script_apply_locked(m, s, rec, rs, &process);
	if (process) {
		if (split_rc != 0)
			gs_resp_error(rs, 500, "Out of memory", NULL);
		else if (rc->too_large)
			gs_resp_error(rs, 413, "Request body too large", NULL);
		else
			gs_dispatch(m, &rq, rs);
		if (s && s->fault == GSMOCK_FAULT_WRONG_CONTENT_TYPE) {
			free(rs->content_type);
			rs->content_type =
			        gs_strdup("text/plain; charset=utf-8");
		}
	}
	if (!(s && s->kind == GS_SCRIPT_FAULT &&
	      s->fault == GSMOCK_FAULT_HTML_502))
		standard_headers(m, rs, rq.rate_count, now, reqno);
	int log_requests = m->log_requests;
	pthread_mutex_unlock(&m->lock);

	if (log_requests)
		log_request(&rq, action == GS_CLOSE || action == GS_RESET
		                         ? 0
		                         : rs->status);
	script_free(s);
	req_free(&rq);
	if (!logged)
		gsmock_request_free(rec);
	return action;
}

/* Content reader for a body cut short: half, then an error. */
struct gs_trunc {
	char *body;
	size_t cut;
};

static ssize_t trunc_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct gs_trunc *t = cls;
	if (pos >= t->cut)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	size_t n = t->cut - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, t->body + pos, n);
	return (ssize_t)n;
}

static void trunc_free(void *cls)
{
	struct gs_trunc *t = cls;
	free(t->body);
	free(t);
}

/* Content reader for a large valid JSON body {"data":"xxx..."}. */
static ssize_t huge_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	size_t total = (size_t)(uintptr_t)cls;
	static const char head[] = "{\"data\":\"";
	static const char tail[] = "\"}";
	size_t hl = sizeof head - 1, tl = sizeof tail - 1;
	size_t n = 0;
	while (n < max && pos + n < total) {
		size_t at = (size_t)pos + n;
		if (at < hl)
			buf[n] = head[at];
		else if (at >= total - tl)
			buf[n] = tail[at - (total - tl)];
		else
			buf[n] = 'x';
		n++;
	}
	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return (ssize_t)n;
}

static enum MHD_Result emit(struct MHD_Connection *conn, gs_resp *rs,
                            enum gs_action action)
{
	struct MHD_Response *resp = NULL;
	if (action == GS_ANSWER_HUGE) {
		resp = MHD_create_response_from_callback(
		        rs->body_len, 64 * 1024, huge_reader,
		        (void *)(uintptr_t)rs->body_len, NULL);
	} else if (action == GS_ANSWER_TRUNCATED && rs->body_len >= 2) {
		struct gs_trunc *t = malloc(sizeof *t);
		if (t) {
			t->body = rs->body;
			t->cut = rs->body_len / 2;
			rs->body = NULL;
			resp = MHD_create_response_from_callback(
			        rs->body_len, 64 * 1024, trunc_reader, t,
			        trunc_free);
			if (!resp)
				trunc_free(t);
		}
	} else {
		char *body = rs->body ? rs->body : NULL;
		if (body) {
			resp = MHD_create_response_from_buffer(
			        rs->body_len, body, MHD_RESPMEM_MUST_FREE);
			if (resp)
				rs->body = NULL;
		} else {
			resp = MHD_create_response_from_buffer(
			        0, (void *)"", MHD_RESPMEM_PERSISTENT);
		}
	}
	if (!resp)
		return MHD_NO;
	if (!gs_headers_find(&rs->headers, "Content-Type"))
		MHD_add_response_header(resp, "Content-Type",
		                        rs->content_type ? rs->content_type
		                                         : "application/json");
	for (size_t i = 0; i < rs->headers.n; i++)
		MHD_add_response_header(resp, rs->headers.names[i],
		                        rs->headers.values[i]);
	enum MHD_Result ret = MHD_queue_response(conn, rs->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Abort the connection with a TCP reset. libmicrohttpd would shut down the
 * write side (sending FIN) before closing, so the socket is closed here with
 * a zero linger time; its descriptor number is kept valid for the server by
 * putting an unconnected socket in its place. */
static void reset_socket(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
	        conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!ci)
		return;
	int fd = ci->connect_fd;
	struct linger lg;
	lg.l_onoff = 1;
	lg.l_linger = 0;
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	int spare = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (spare >= 0) {
		dup2(spare, fd);
		close(spare);
	}
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn,
                                 const char *url, const char *method,
                                 const char *version, const char *upload_data,
                                 size_t *upload_data_size, void **con_cls)
{
	gsmock *m = cls;
	struct gs_conn *rc = *con_cls;
	(void)url;
	(void)version;
	if (!rc)
		return MHD_NO;
	if (!rc->started) {
		rc->started = 1;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (rc->too_large || n > GS_MAX_BODY - rc->len) {
			rc->too_large = 1;
			return MHD_YES;
		}
		if (rc->len + n > rc->cap) {
			size_t cap = rc->cap ? rc->cap : 4096;
			while (cap < rc->len + n)
				cap *= 2;
			char *nb = realloc(rc->body, cap);
			if (!nb) {
				rc->too_large = 1;
				return MHD_YES;
			}
			rc->body = nb;
			rc->cap = cap;
		}
		memcpy(rc->body + rc->len, upload_data, n);
		rc->len += n;
		return MHD_YES;
	}

	gsmock_request *rec = record_build(conn, method, rc);
	if (!rec)
		return MHD_NO;
	gs_resp rs;
	memset(&rs, 0, sizeof rs);
	enum gs_action action = handle(m, rec, &rs, rc);
	enum MHD_Result ret;
	if (action == GS_RESET) {
		reset_socket(conn);
		ret = MHD_NO;
	} else if (action == GS_CLOSE) {
		ret = MHD_NO;
	} else {
		ret = emit(conn, &rs, action);
	}
	gs_resp_free(&rs);
	return ret;
}

/* ----------------------------------------------------------- lifecycle */

static void state_free(gsmock *m)
{
	clear_log_locked(m);
	free(m->log);
	gs_script *s = m->q_head;
	while (s) {
		gs_script *n = s->next;
		script_free(s);
		s = n;
	}
	gs_rate *r = m->rates;
	while (r) {
		gs_rate *n = r->next;
		free(r->key);
		free(r);
		r = n;
	}
	gs_idem *e = m->idem;
	while (e) {
		gs_idem *n = e->next;
		gs_idem_free(e);
		e = n;
	}
	free(m->idem_buckets);
	cJSON_Delete(m->wabas);
	cJSON_Delete(m->phones);
	cJSON_Delete(m->templates);
	cJSON_Delete(m->conversations);
	cJSON_Delete(m->messages);
	cJSON_Delete(m->media);
	cJSON_Delete(m->webhooks);
	cJSON_Delete(m->customers);
	cJSON_Delete(m->setup_links);
	gs_deliveries_free(m);
	free(m->fixed_key);
	free(m->tls_cert);
	free(m->tls_key);
	pthread_cond_destroy(&m->ddone);
	pthread_cond_destroy(&m->dwake);
	pthread_cond_destroy(&m->wake);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/* Read a whole PEM file as a NUL-terminated string. */
static char *read_pem(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	if (!f) {
		fprintf(stderr, "gsmock: cannot open %s: %s\n", path,
		        strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - len < 4096) {
			if (cap > ((size_t)16 << 20)) {
				fprintf(stderr, "gsmock: %s is too large\n",
				        path);
				goto fail;
			}
			size_t ncap = cap ? cap * 2 : 8192;
			char *nb = realloc(buf, ncap);
			if (!nb)
				goto fail;
			buf = nb;
			cap = ncap;
		}
		size_t n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "gsmock: cannot read %s\n", path);
		goto fail;
	}
	fclose(f);
	buf[len] = '\0';
	if (!strstr(buf, "-----BEGIN ")) {
		fprintf(stderr, "gsmock: %s is not a PEM file\n", path);
		free(buf);
		return NULL;
	}
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

int gsmock_start(gsmock **out, const gsmock_options *opts)
{
	gsmock_options dflt;
	if (!out)
		return -1;
	*out = NULL;
	if (!opts) {
		memset(&dflt, 0, sizeof dflt);
		opts = &dflt;
	}
	gsmock *m = calloc(1, sizeof *m);
	if (!m)
		return -1;
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&m->wake, &ca);
	pthread_cond_init(&m->dwake, &ca);
	pthread_cond_init(&m->ddone, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&m->lock, NULL);
	m->rate_limit = GS_DEFAULT_RATE_LIMIT;
	m->delivery_timeout_ms = GS_DELIVERY_TIMEOUT_MS;
	m->log_requests = opts->log_requests;
	if (opts->fixed_key && !(m->fixed_key = gs_strdup(opts->fixed_key)))
		goto fail;
	if ((opts->tls_cert_file != NULL) != (opts->tls_key_file != NULL)) {
		fprintf(stderr, "gsmock: TLS needs both a certificate and a "
		                "key file\n");
		goto fail;
	}
	if (opts->tls_cert_file) {
		m->tls_cert = read_pem(opts->tls_cert_file);
		m->tls_key = m->tls_cert ? read_pem(opts->tls_key_file) : NULL;
		if (!m->tls_key)
			goto fail;
		m->tls = 1;
	}
	if (gs_seed_builtin(m) != 0)
		goto fail;
	if (opts->seed_file && gs_seed_file(m, opts->seed_file) != 0)
		goto fail;

	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(opts->port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

	unsigned int flags =
	        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD;
	if (MHD_is_feature_supported(MHD_FEATURE_POLL) == MHD_YES)
		flags |= MHD_USE_POLL;
	if (m->tls) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			fprintf(stderr, "gsmock: libmicrohttpd was built "
			                "without TLS\n");
			goto fail;
		}
		flags |= MHD_USE_TLS;
	}
	struct MHD_OptionItem tls_opts[] = {
	        {MHD_OPTION_HTTPS_MEM_CERT, 0, m->tls_cert},
	        {MHD_OPTION_HTTPS_MEM_KEY, 0, m->tls_key},
	        {MHD_OPTION_END, 0, NULL}};
	if (!m->tls)
		tls_opts[0].option = MHD_OPTION_END;
	m->daemon = MHD_start_daemon(
	        flags, opts->port, NULL, NULL, access_cb, m,
	        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	        MHD_OPTION_URI_LOG_CALLBACK, uri_cb, m,
	        MHD_OPTION_NOTIFY_COMPLETED, completed_cb, m,
	        MHD_OPTION_EXTERNAL_LOGGER, quiet_logger, NULL,
	        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
	        MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
	if (!m->daemon) {
		if (m->tls)
			fprintf(stderr, "gsmock: cannot start the HTTPS server "
			                "(port in use, or a bad certificate or "
			                "key)\n");
		goto fail;
	}
	const union MHD_DaemonInfo *di =
	        MHD_get_daemon_info(m->daemon, MHD_DAEMON_INFO_BIND_PORT);
	m->port = di ? di->port : opts->port;
	if (m->port == 0) {
		MHD_stop_daemon(m->daemon);
		goto fail;
	}
	snprintf(m->base_url, sizeof m->base_url, "%s://127.0.0.1:%u/v1",
	         m->tls ? "https" : "http", (unsigned int)m->port);
	*out = m;
	return 0;
fail:
	state_free(m);
	return -1;
}

void gsmock_stop(gsmock *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->lock);
	m->stopping = 1;
	pthread_cond_broadcast(&m->wake);
	pthread_mutex_unlock(&m->lock);
	gs_deliveries_shutdown(m);
	MHD_stop_daemon(m->daemon);
	state_free(m);
}
