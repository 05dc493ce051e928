/*
 * Transfers on libcurl: an easy handle set up for one attempt. The header
 * list libcurl reads during the transfer is built in place, without
 * allocating: its nodes for the fixed lines (API key, Accept, Expect for
 * large bodies, Content-Type, Idempotency-Key, User-Agent) live in the
 * transfer and point at constant strings, the client's key and User-Agent
 * lines or the transfer's two line buffers; the
 * caller's extra headers get one node array (`extra`) pointing at their own
 * strings, which outlive the call. libcurl only reads a CURLOPT_HTTPHEADER
 * list, so nothing is ever freed node by node, and a transfer belongs to
 * one thread, like its easy handle.
 */
#include "core/transport.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "core/alloc.h"
#include "core/client.h"
#include "core/headers.h"
#include "core/log.h"
#include "core/pool.h"

/* Where a transfer's body goes, with the size cap. */
typedef struct body_ctx {
	gosend__response *res;
	size_t max;
} body_ctx;

/* Header lines an attempt sends besides the caller's. */
#define FIXED_HEADERS 6

/* Bodies above this size (and forms) carry an empty "Expect:" line, so
 * that libcurl never waits for "100 Continue" (it asks for one on large
 * bodies: above 1 MiB in 7.88); below it libcurl asks for none and the
 * line would only cost formatting. */
#define EXPECT_MIN_BODY 1024

/* Length of "User-Agent: " at the start of the client's line. */
#define UA_PREFIX_LEN 12

/* Handle settings an attempt may change, remembered so that the next
 * attempt on the same handle sets only what differs (each setopt costs
 * libcurl a lookup and often a copy). */
typedef struct handle_state {
	unsigned char custom;  /* CURLOPT_CUSTOMREQUEST is set */
	unsigned char encoded; /* CURLOPT_ACCEPT_ENCODING is "" */
	unsigned char fresh;   /* CURLOPT_FRESH_CONNECT is 1 */
	unsigned char verbose; /* the trace is on */
} handle_state;

struct gosend__transfer {
	CURL *h;
	void *tag;                  /* gosend__multi_add's */
	handle_state hs;            /* kept across attempts, like the handle */
	struct curl_slist *headers; /* first node of the list handed over */
	struct curl_slist fixed[FIXED_HEADERS];
	struct curl_slist *extra; /* nodes for the caller's headers, owned */
	curl_mime *mime;
	body_ctx bctx;
	/* last: a reset stops before them (STATE_LEN) */
	char ctype_line[300];
	char idem_line[300]; /* "Idempotency-Key: " and 255 bytes at most */
};

_Static_assert(sizeof(((gosend__transfer *)0)->idem_line) >=
                       sizeof("Idempotency-Key: ") +
                               sizeof(((gosend__request *)0)->idem_key),
               "the Idempotency-Key line fits");

/* Bytes of a transfer that hold one attempt's state, after the handle
 * and the tag. */
#define STATE_START offsetof(gosend__transfer, headers)
#define STATE_LEN   (offsetof(gosend__transfer, ctype_line) - STATE_START)

const int gosend__xfer_timed_out = (int)CURLE_OPERATION_TIMEDOUT;
const int gosend__xfer_aborted = (int)CURLE_ABORTED_BY_CALLBACK;

static size_t on_body_capped(char *data, size_t size, size_t n, void *ud)
{
	body_ctx *b = ud;
	size_t len = size * n;

	if (b->res->body.len + len > b->max) {
		b->res->too_large = 1;
		return 0;
	}
	if (gosend__buf_put(&b->res->body, data, len) < 0)
		return 0;
	return len;
}

static size_t on_header(char *line, size_t size, size_t n, void *ud)
{
	body_ctx *b = ud;

	return gosend__header_line(line, size * n, b->res);
}

static int map_curl(CURLcode rc, gosend__response *res)
{
	switch (rc) {
	case CURLE_OK:
		return GOSEND_OK;
	case CURLE_OUT_OF_MEMORY:
		return GOSEND_ENOMEM;
	case CURLE_OPERATION_TIMEDOUT:
		return GOSEND_ETIMEOUT;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		res->not_sent = 1;
		return GOSEND_ENETWORK;
	case CURLE_FILESIZE_EXCEEDED:
		res->too_large = 1;
		return GOSEND_ETOOLARGE;
	case CURLE_WRITE_ERROR:
		return res->too_large ? GOSEND_ETOOLARGE : GOSEND_ENOMEM;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_USE_SSL_FAILED:
		return GOSEND_ETLS;
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return GOSEND_EINVAL;
	case CURLE_BAD_CONTENT_ENCODING:
		return GOSEND_EPROTOCOL;
	default:
		return GOSEND_ENETWORK;
	}
}

static int trace(CURL *h, curl_infotype type, char *data, size_t size, void *ud)
{
	gosend_client *c = ud;
	char out[1200];
	size_t start = 0, i;
	const char *tag;

	(void)h;
	switch (type) {
	case CURLINFO_TEXT:
		tag = "*";
		break;
	case CURLINFO_HEADER_OUT:
		tag = ">";
		break;
	case CURLINFO_HEADER_IN:
		tag = "<";
		break;
	default:
		return 0;
	}
	for (i = 0; i <= size; i++) {
		if (i == size || data[i] == '\n') {
			size_t n = i - start;
			if (n && data[start + n - 1] == '\r')
				n--;
			if (n) {
				gosend__redact(c, data + start, n, out,
				               sizeof(out));
				gosend__log(c, GOSEND_LOG_TRACE, "%s %s", tag,
				            out);
			}
			start = i + 1;
		}
	}
	return 0;
}

/* ---- one attempt ---- */

/* Chain node `n` (pointing at line) after *tail. */
static void link_header(struct curl_slist ***tail, struct curl_slist *n,
                        const char *line)
{
	n->data = (char *)(uintptr_t)line; /* libcurl only reads it */
	n->next = NULL;
	**tail = n;
	*tail = &n->next;
}

/* Whether the caller's headers have one starting with `name` (any case). */
static int caller_has(const gosend__request *r, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; r->opts && i < r->opts->headers_count; i++) {
		if (strncasecmp(r->opts->headers[i], name, n) == 0)
			return 1;
	}
	return 0;
}

/* The request's header list in t->fixed and t->extra; -1 out of memory. */
static int build_headers(gosend__transfer *a, const gosend__request *r)
{
	static const char json_type[] = "application/json";
	struct curl_slist **tail = &a->headers;
	struct curl_slist *n = a->fixed;
	size_t i, count = r->opts ? r->opts->headers_count : 0;

	a->headers = NULL;
	link_header(&tail, n++, r->client->key_header);
	link_header(&tail, n++, "Accept: application/json");
	if (r->parts || r->body_len > EXPECT_MIN_BODY)
		link_header(&tail, n++, "Expect:");
	if (r->content_type) {
		if (strcmp(r->content_type, json_type) == 0)
			link_header(&tail, n++,
			            "Content-Type: application/json");
		else {
			(void)snprintf(a->ctype_line, sizeof(a->ctype_line),
			               "Content-Type: %s", r->content_type);
			link_header(&tail, n++, a->ctype_line);
		}
	}
	if (r->idem_key[0]) {
		/* copied, not formatted: every send has one */
		static const char name[] = "Idempotency-Key: ";
		size_t kl = strlen(r->idem_key); /* at most 255: request.c */
		memcpy(a->idem_line, name, sizeof(name) - 1);
		memcpy(a->idem_line + sizeof(name) - 1, r->idem_key, kl);
		a->idem_line[sizeof(name) - 1 + kl] = '\0';
		link_header(&tail, n++, a->idem_line);
	}
	/* the client's User-Agent, unless the caller sends one: a line of
	 * the list costs libcurl less than CURLOPT_USERAGENT, which it
	 * formats into a new string on every request */
	if (!caller_has(r, "User-Agent:"))
		link_header(&tail, n++, r->client->ua_header);
	if (count) {
		a->extra = gosend__malloc(count * sizeof(*a->extra));
		if (!a->extra)
			return -1;
		for (i = 0; i < count; i++)
			link_header(&tail, &a->extra[i], r->opts->headers[i]);
	}
	return 0;
}

static int build_mime(gosend__transfer *a, const gosend__request *r)
{
	size_t i;

	a->mime = curl_mime_init(a->h);
	if (!a->mime)
		return -1;
	for (i = 0; i < r->nparts; i++) {
		const gosend__part *p = &r->parts[i];
		curl_mimepart *part = curl_mime_addpart(a->mime);
		if (!part || curl_mime_name(part, p->name))
			return -1;
		if (p->path) {
			if (curl_mime_filedata(part, p->path))
				return -1;
		} else if (curl_mime_data(part, p->data ? p->data : "",
		                          p->len)) {
			return -1;
		}
		if ((p->filename && curl_mime_filename(part, p->filename)) ||
		    (p->type && curl_mime_type(part, p->type)))
			return -1;
	}
	return 0;
}

/* Reads and keyed sends may reach the server twice harmlessly. A DELETE
 * may too, but its repeat must be ours: a silent one would turn "deleted,
 * answer lost" into a 404 we could not tell from a real one. */
static int repeatable(const gosend__request *r)
{
	return strcmp(r->method, "GET") == 0 || (r->is_send && r->idem_key[0]);
}

/* Options every attempt sets (the header list, the timeout, the error
 * buffer) and those that differ from the handle's last attempt (the
 * trace, compression). 0 or -1. */
static int set_io(gosend__transfer *t, const gosend__request *r,
                  gosend__response *res, long timeout_ms)
{
	gosend_client *c = r->client;
	CURL *h = t->h;
	/* compressed answers only where they are large (lists, GETs); a send
	 * skips the decoder set-up */
	unsigned char encoded = strcmp(r->method, "GET") == 0;
	unsigned char verbose = c->log_level >= GOSEND_LOG_TRACE;

	if (curl_easy_setopt(h, CURLOPT_URL, r->url.ptr) ||
	    curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers) ||
	    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms) ||
	    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, res->errbuf))
		return -1;
	if (verbose != t->hs.verbose &&
	    (curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION,
	                      verbose ? trace : NULL) ||
	     curl_easy_setopt(h, CURLOPT_DEBUGDATA, verbose ? c : NULL) ||
	     curl_easy_setopt(h, CURLOPT_VERBOSE, (long)verbose)))
		return -1;
	t->hs.verbose = verbose;
	if (encoded != t->hs.encoded &&
	    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, encoded ? "" : NULL))
		return -1;
	t->hs.encoded = encoded;
	return 0;
}

/* The method, the body and the connection policy. 0 or -1. */
static int set_method(gosend__transfer *t, const gosend__request *r)
{
	CURL *h = t->h;
	unsigned char custom, fresh;

	if (t->mime) {
		if (curl_easy_setopt(h, CURLOPT_MIMEPOST, t->mime))
			return -1;
	} else if (strcmp(r->method, "GET") == 0 ||
	           (!r->body && strcmp(r->method, "DELETE") == 0)) {
		/* A DELETE without a body sends none: no Content-Length and
		 * no curl default form Content-Type. */
		if (curl_easy_setopt(h, CURLOPT_HTTPGET, 1L))
			return -1;
	} else if (curl_easy_setopt(h, CURLOPT_POSTFIELDS,
	                            r->body ? r->body : "") ||
	           curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
	                            (curl_off_t)r->body_len)) {
		return -1;
	}
	custom =
	        strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0;
	if ((custom || t->hs.custom) &&
	    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
	                     custom ? r->method : NULL))
		return -1;
	t->hs.custom = custom;
	/* libcurl silently sends a request again when a reused connection
	 * turns out dead, after the server may have read it: harmless for
	 * reads and keyed sends, not for other POSTs, PATCH and DELETE,
	 * which therefore always get a connection of their own */
	fresh = !repeatable(r);
	if (fresh != t->hs.fresh &&
	    curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, (long)fresh))
		return -1;
	t->hs.fresh = fresh;
	return 0;
}

/* A new easy handle with the client's settings; NULL when out of memory. */
static CURL *new_handle(gosend_client *c)
{
	CURL *h = curl_easy_init();

	if (!h)
		return NULL;
	if (curl_easy_setopt(h, CURLOPT_SHARE, c->share) ||
	    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) ||
	    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
	                     c->connect_timeout_ms) ||
	    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L) ||
#if LIBCURL_VERSION_NUM >= 0x075500
	    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") ||
#else
	    curl_easy_setopt(h, CURLOPT_PROTOCOLS,
	                     CURLPROTO_HTTP | CURLPROTO_HTTPS) ||
#endif
	    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) ||
	    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) ||
	    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L) ||
	    /* a cap beyond curl_off_t's range is no cap there (the write
	     * callback still counts) */
	    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
	                     c->max_body > (size_t)LLONG_MAX
	                             ? (curl_off_t)0
	                             : (curl_off_t)c->max_body) ||
	    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, c->low_speed_time_s) ||
	    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT,
	                     c->low_speed_time_s ? c->low_speed_bytes_per_s
	                                         : 0L) ||
	    (c->ca_file && curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file)) ||
	    (c->proxy && curl_easy_setopt(h, CURLOPT_PROXY, c->proxy)) ||
	    /* the User-Agent line of the header list reaches the server
	     * only; a proxy's CONNECT gets it from here (libcurl then leaves
	     * its own out of the request, which has the line) */
	    (c->proxy && curl_easy_setopt(h, CURLOPT_USERAGENT,
	                                  c->ua_header + UA_PREFIX_LEN))) {
		curl_easy_cleanup(h);
		return NULL;
	}
	return h;
}

static void transfer_destroy(void *item)
{
	gosend__transfer *t = item;

	if (t->h)
		curl_easy_cleanup(t->h);
	gosend__free(t);
}

/* A warm transfer from the client's pool, else a new one; NULL when out of
 * memory. */
static gosend__transfer *transfer_acquire(gosend_client *c)
{
	gosend__transfer *t = gosend__pool_take(&c->pool);

	if (t)
		return t;
	t = gosend__calloc(1, sizeof(*t));
	if (t && !(t->h = new_handle(c))) {
		gosend__free(t);
		return NULL;
	}
	/* where the answer goes: the transfer's own context, for its life */
	if (t &&
	    (curl_easy_setopt(t->h, CURLOPT_WRITEFUNCTION, on_body_capped) ||
	     curl_easy_setopt(t->h, CURLOPT_WRITEDATA, &t->bctx) ||
	     curl_easy_setopt(t->h, CURLOPT_HEADERFUNCTION, on_header) ||
	     curl_easy_setopt(t->h, CURLOPT_HEADERDATA, &t->bctx))) {
		transfer_destroy(t);
		return NULL;
	}
	return t;
}

int gosend__transfer_prepare(gosend__transfer **tp, gosend__request *r,
                             gosend__response *res, long timeout_ms)
{
	gosend_client *c = r->client;
	gosend__transfer *t = *tp;

	if (!t)
		t = *tp = transfer_acquire(c);
	if (!t)
		return GOSEND_ENOMEM;
	t->bctx.res = res;
	t->bctx.max = c->max_body;
	if (build_headers(t, r) < 0 || (r->parts && build_mime(t, r) < 0) ||
	    set_io(t, r, res, timeout_ms) < 0 || set_method(t, r) < 0)
		return GOSEND_ENOMEM;
	res->errbuf[0] = '\0';
	return GOSEND_OK;
}

int gosend__transfer_perform(gosend__transfer *t, int *saved_errno)
{
	CURLcode cc;

	errno = 0;
	cc = curl_easy_perform(t->h);
	*saved_errno = errno;
	return (int)cc;
}

int gosend__transfer_done(gosend__transfer *t, int result, int saved_errno,
                          gosend__response *res)
{
	CURLcode cc = (CURLcode)result;
	long status = 0;
	int code = GOSEND_OK;

	if (cc != CURLE_OK && saved_errno == ENOMEM)
		cc = CURLE_OUT_OF_MEMORY; /* an allocation failed inside */
	gosend__settle_retry_after(res);
	if (cc != CURLE_OK) {
		code = map_curl(cc, res);
		if (!res->errbuf[0])
			(void)snprintf(res->errbuf, sizeof(res->errbuf), "%s",
			               curl_easy_strerror(cc));
	}
	(void)curl_easy_getinfo(t->h, CURLINFO_RESPONSE_CODE, &status);
	res->status = status;
	return code;
}

/* Drop an attempt's state: nothing of it stays reachable from the handle. */
static void drop_state(gosend__transfer *t)
{
	/* nothing of this attempt stays reachable from the handle: the nodes
	 * are zeroed below, the caller's nodes, the form and the error buffer
	 * freed (every prepare sets the body and method again) */
	if (t->h) {
		(void)curl_easy_setopt(t->h, CURLOPT_HTTPHEADER, NULL);
		if (t->mime)
			(void)curl_easy_setopt(t->h, CURLOPT_MIMEPOST, NULL);
		(void)curl_easy_setopt(t->h, CURLOPT_ERRORBUFFER, NULL);
	}
	curl_mime_free(t->mime);
	gosend__free(t->extra);
	memset((char *)t + STATE_START, 0, STATE_LEN);
}

void gosend__transfer_release(gosend__transfer **tp, gosend_client *c,
                              int reuse, int keep)
{
	gosend__transfer *t = *tp;

	if (!t)
		return;
	drop_state(t);
	*tp = NULL;
	if (reuse && keep) {
		*tp = t; /* the caller takes it back */
		return;
	}
	if (!reuse || gosend__pool_put(&c->pool, t, transfer_destroy) < 0)
		transfer_destroy(t);
}

void gosend__transfer_free(gosend__transfer *t, gosend_client *c)
{
	gosend__transfer_release(&t, c, 1, 0);
}

/* ---- many transfers at once ---- */

struct gosend__multi {
	CURLM *m;
	gosend__io_watch_fn watch;
	gosend__io_timer_fn timer;
	void *ud;
};

gosend__multi *gosend__multi_new(void)
{
	gosend__multi *m = gosend__calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->m = curl_multi_init();
	if (!m->m || curl_multi_setopt(m->m, CURLMOPT_PIPELINING,
	                               (long)CURLPIPE_MULTIPLEX) != CURLM_OK) {
		gosend__multi_free(m);
		return NULL;
	}
	return m;
}

void gosend__multi_free(gosend__multi *m)
{
	if (!m)
		return;
	if (m->m)
		curl_multi_cleanup(m->m);
	gosend__free(m);
}

int gosend__multi_add(gosend__multi *m, gosend__transfer *t, void *tag)
{
	t->tag = tag;
	if (curl_easy_setopt(t->h, CURLOPT_PRIVATE, t) != CURLE_OK ||
	    curl_multi_add_handle(m->m, t->h) != CURLM_OK)
		return -1;
	return 0;
}

void gosend__multi_remove(gosend__multi *m, gosend__transfer *t)
{
	curl_multi_remove_handle(m->m, t->h);
}

int gosend__multi_perform(gosend__multi *m, int *running, int *saved_errno)
{
	CURLMcode mc;

	errno = 0;
	mc = curl_multi_perform(m->m, running);
	*saved_errno = errno;
	return mc == CURLM_OK ? 0 : -1;
}

int gosend__multi_done(gosend__multi *m, void **tag, int *result)
{
	CURLMsg *msg;
	int n;

	while ((msg = curl_multi_info_read(m->m, &n))) {
		gosend__transfer *t = NULL;
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
		                  (char **)&t);
		*tag = t->tag;
		*result = (int)msg->data.result;
		return 1;
	}
	return 0;
}

void gosend__multi_wait(gosend__multi *m, int timeout_ms)
{
	curl_multi_poll(m->m, NULL, 0, timeout_ms, NULL);
}

/* ---- driven by an event loop ---- */

static int on_socket(CURL *easy, curl_socket_t fd, int what, void *userp,
                     void *sockp)
{
	gosend__multi *m = userp;
	int events = 0;

	(void)easy;
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		events |= GOSEND__IO_IN;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		events |= GOSEND__IO_OUT;
	m->watch(m->ud, (int)fd, events, sockp);
	return 0;
}

static int on_timer(CURLM *multi, long timeout_ms, void *userp)
{
	gosend__multi *m = userp;

	(void)multi;
	m->timer(m->ud, timeout_ms);
	return 0;
}

int gosend__multi_drive(gosend__multi *m, gosend__io_watch_fn watch,
                        gosend__io_timer_fn timer, void *ud,
                        long max_connections)
{
	m->watch = watch;
	m->timer = timer;
	m->ud = ud;
	if ((watch &&
	     (curl_multi_setopt(m->m, CURLMOPT_SOCKETFUNCTION, on_socket) ||
	      curl_multi_setopt(m->m, CURLMOPT_SOCKETDATA, m) ||
	      curl_multi_setopt(m->m, CURLMOPT_TIMERFUNCTION, on_timer) ||
	      curl_multi_setopt(m->m, CURLMOPT_TIMERDATA, m))) ||
	    (max_connections > 0 &&
	     (curl_multi_setopt(m->m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	                        max_connections) ||
	      /* keep them all warm: by default the cache holds four per
	       * transfer in the multi, fewer than the cap as calls drain */
	      curl_multi_setopt(m->m, CURLMOPT_MAXCONNECTS, max_connections))))
		return -1;
	return 0;
}

int gosend__multi_socket(gosend__multi *m, int fd, int events, int *saved_errno)
{
	int mask = 0, running = 0;
	CURLMcode mc;

	if (events & GOSEND__IO_IN)
		mask |= CURL_CSELECT_IN;
	if (events & GOSEND__IO_OUT)
		mask |= CURL_CSELECT_OUT;
	if (events & GOSEND__IO_ERR)
		mask |= CURL_CSELECT_ERR;
	errno = 0;
	mc = curl_multi_socket_action(
	        m->m, fd < 0 ? CURL_SOCKET_TIMEOUT : (curl_socket_t)fd, mask,
	        &running);
	*saved_errno = errno;
	return mc == CURLM_OK ? 0 : -1;
}

int gosend__multi_assign(gosend__multi *m, int fd, void *sockp)
{
	return curl_multi_assign(m->m, (curl_socket_t)fd, sockp) == CURLM_OK
	               ? 0
	               : -1;
}
