/* The hostile test server: one poll() thread over plain sockets, a FIFO
 * script of actions, and the request log. See hostile.h. */
#define _GNU_SOURCE
#define ZLIB_CONST
#include "hostile.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#define HS_MAX_HEAD    (64 * 1024)
#define HS_MAX_BODY    (1024 * 1024)
#define HS_MAX_IN      (HS_MAX_HEAD + HS_MAX_BODY)
#define HS_MAX_CONNS   256
#define HS_MAX_HEADERS 256
#define HS_MAX_CHUNK   (1024 * 1024)
#define HS_READ_STEP   (16 * 1024)
#define HS_LINGER_MS   2000

/* A growable byte buffer. */
struct buf {
	char *p;
	size_t len, cap;
};

/* An action as kept by the server: everything owned. */
struct act {
	hs_kind kind;
	int status;
	char *headers; /* "" or lines each ending in CRLF */
	char *body;    /* body; HS_RAW: the raw bytes; HS_GZIP_BOMB: the
	                  compressed body */
	size_t body_len;
	unsigned interval_ms;
	size_t chunk_size;
	int close_after, processed;
	struct act *next;
};

/* C_LINGER: after an answer with close_after, the write side is shut and
 * input is dropped until the peer closes (or HS_LINGER_MS pass), so that a
 * client still sending does not get a reset that eats the answer. */
enum conn_state { C_READ, C_WRITE, C_SILENT, C_LINGER };

struct conn {
	int fd;
	unsigned long id; /* 1, 2, ... in the order accepted */
	int dead;
	int pidx; /* index in the poll array this round, -1: none */
	enum conn_state state;
	struct buf in;
	struct buf out;
	size_t out_off;
	int peer_eof;
	int continued;     /* 100 Continue sent for the request being read */
	struct act *cur;   /* the action being answered (C_WRITE), or NULL */
	size_t gen_pos;    /* HS_TRICKLE: next body byte; HS_ENDLESS_CHUNKED:
	                      content bytes sent so far */
	long long next_at; /* HS_TRICKLE: when the next byte is due;
	                      C_LINGER: when to give up */
	int close_after;
	struct conn *next;
};

struct hs_server {
	int lfd;
	int wake[2];
	pthread_t thread;
	unsigned short port;
	char url[64];

	pthread_mutex_t mu; /* guards everything below up to the thread's */
	pthread_cond_t cv;  /* signalled on every recorded request */
	struct act *q_head, *q_tail;
	size_t q_len;
	struct act *def;
	hs_request **reqs;
	size_t nreq, reqcap;
	char **keys;
	size_t nkeys, keycap;
	size_t anon_stored;
	unsigned long nconn;

	/* the server thread's own */
	struct conn *conns;
	size_t open_conns;
	struct pollfd pfd[HS_MAX_CONNS + 2];
};

long long hs_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------ buffers */

static int buf_add(struct buf *b, const void *d, size_t n)
{
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;
		while (cap - b->len < n + 1) {
			if (cap > ((size_t)-1) / 2)
				return -1;
			cap *= 2;
		}
		p = realloc(b->p, cap);
		if (!p)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	if (n && d) /* NULL d: reserve n bytes */
		memcpy(b->p + b->len, d, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static int buf_str(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

static void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* ------------------------------------------------------------ actions */

static void act_free(struct act *a)
{
	if (!a)
		return;
	free(a->headers);
	free(a->body);
	free(a);
}

static char *memdup0(const char *p, size_t n)
{
	char *d = malloc(n + 1);
	if (!d)
		return NULL;
	if (n)
		memcpy(d, p, n);
	d[n] = '\0';
	return d;
}

/* Gzip of a JSON text of exactly n bytes: {"pad":"<spaces>"}, or only
 * spaces when n < 10. Z_RLE compresses the runs quickly and ~1000:1. */
static int gzip_bomb(size_t n, char **out, size_t *out_len)
{
	static const char pre[] = "{\"pad\":\"", suf[] = "\"}";
	char spaces[16384];
	unsigned char zbuf[65536];
	struct buf b = {0};
	z_stream z;
	size_t pad = n;
	int phase, rc = -1;

	memset(spaces, ' ', sizeof(spaces));
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_RLE) != Z_OK)
		return -1;
	if (n >= sizeof(pre) - 1 + sizeof(suf) - 1)
		pad = n - (sizeof(pre) - 1) - (sizeof(suf) - 1);
	/* phase 0: prefix, 1: spaces, 2: suffix, 3: finish */
	for (phase = 0; phase < 4; phase++) {
		int flush = phase == 3 ? Z_FINISH : Z_NO_FLUSH;
		size_t left = phase == 1 ? pad : 0;
		if (pad == n && (phase == 0 || phase == 2))
			continue; /* too small for the JSON frame */
		for (;;) {
			int zr;
			if (phase == 0) {
				z.next_in = (const Bytef *)pre;
				z.avail_in = sizeof(pre) - 1;
			} else if (phase == 2) {
				z.next_in = (const Bytef *)suf;
				z.avail_in = sizeof(suf) - 1;
			} else if (phase == 1 && z.avail_in == 0) {
				size_t k = left < sizeof(spaces)
				                   ? left
				                   : sizeof(spaces);
				z.next_in = (const Bytef *)spaces;
				z.avail_in = (uInt)k;
				left -= k;
			}
			do {
				z.next_out = zbuf;
				z.avail_out = sizeof(zbuf);
				zr = deflate(&z, flush);
				if (zr == Z_STREAM_ERROR)
					goto out;
				if (buf_add(&b, zbuf,
				            sizeof(zbuf) - z.avail_out) < 0)
					goto out;
			} while (z.avail_out == 0 || z.avail_in > 0);
			if (phase == 3) {
				if (zr == Z_STREAM_END)
					break;
				continue;
			}
			if (phase != 1 || left == 0)
				break;
		}
	}
	*out = b.p;
	*out_len = b.len;
	b.p = NULL;
	rc = 0;
out:
	deflateEnd(&z);
	buf_free(&b);
	return rc;
}

static struct act *act_from(const hs_action *a)
{
	struct act *x;
	const char *src = NULL;
	size_t n = 0;

	if (!a || (int)a->kind < (int)HS_RESPONSE ||
	    (int)a->kind > (int)HS_SILENT)
		return NULL;
	if (a->kind == HS_RAW && !a->raw)
		return NULL;
	if (a->status < 0 || a->status > 999)
		return NULL;
	x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	x->kind = a->kind;
	x->status = a->status ? a->status : 200;
	x->interval_ms = a->interval_ms ? a->interval_ms : 1000;
	x->chunk_size = a->chunk_size ? a->chunk_size : 1024;
	if (x->chunk_size > HS_MAX_CHUNK)
		x->chunk_size = HS_MAX_CHUNK;
	x->close_after = a->close_after != 0;
	x->processed = a->processed != 0;
	{
		size_t hl = a->headers ? strlen(a->headers) : 0;
		int crlf = hl > 0 && a->headers[hl - 1] != '\n';
		x->headers = malloc(hl + 3);
		if (!x->headers)
			goto fail;
		if (hl)
			memcpy(x->headers, a->headers, hl);
		if (crlf)
			memcpy(x->headers + hl, "\r\n", 2);
		x->headers[hl + (crlf ? 2 : 0)] = '\0';
	}
	if (a->kind == HS_GZIP_BOMB) {
		size_t inflated =
		        a->inflated_bytes ? a->inflated_bytes : 10u << 20;
		if (gzip_bomb(inflated, &x->body, &x->body_len) < 0)
			goto fail;
		return x;
	}
	if (a->kind == HS_RAW) {
		src = a->raw;
		n = a->raw_len ? a->raw_len : strlen(a->raw);
	} else if (a->body) {
		src = a->body;
		n = a->body_len ? a->body_len : strlen(a->body);
	}
	x->body = memdup0(src ? src : "", src ? n : 0);
	if (!x->body)
		goto fail;
	x->body_len = src ? n : 0;
	return x;
fail:
	act_free(x);
	return NULL;
}

static struct act *act_dup(const struct act *a)
{
	struct act *x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	*x = *a;
	x->next = NULL;
	x->headers = memdup0(a->headers, strlen(a->headers));
	x->body = memdup0(a->body, a->body_len);
	if (!x->headers || !x->body) {
		act_free(x);
		return NULL;
	}
	return x;
}

/* ------------------------------------------------------------ requests */

static void request_free(hs_request *r)
{
	size_t i;
	if (!r)
		return;
	free(r->method);
	free(r->target);
	free(r->path);
	for (i = 0; i < r->header_count; i++) {
		free(r->header_names[i]);
		free(r->header_values[i]);
	}
	free(r->header_names);
	free(r->header_values);
	free(r->body);
	free(r);
}

const char *hs_req_header(const hs_request *r, const char *name)
{
	size_t i;
	if (!r || !name)
		return NULL;
	for (i = 0; i < r->header_count; i++)
		if (strcasecmp(r->header_names[i], name) == 0)
			return r->header_values[i];
	return NULL;
}

/* Whether the comma-separated header value v lists token t. */
static int has_token(const char *v, const char *t)
{
	size_t tl = strlen(t);
	while (v && *v) {
		size_t n;
		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		n = strcspn(v, ",");
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		if (n == tl && strncasecmp(v, t, tl) == 0)
			return 1;
		v += strcspn(v, ",");
	}
	return 0;
}

static int add_header(hs_request *r, const char *name, size_t nl,
                      const char *value, size_t vl)
{
	char **names, **values;
	names = realloc(r->header_names,
	                (r->header_count + 1) * sizeof(*names));
	if (!names)
		return -1;
	r->header_names = names;
	values = realloc(r->header_values,
	                 (r->header_count + 1) * sizeof(*values));
	if (!values)
		return -1;
	r->header_values = values;
	names[r->header_count] = memdup0(name, nl);
	values[r->header_count] = memdup0(value, vl);
	if (!names[r->header_count] || !values[r->header_count]) {
		free(names[r->header_count]);
		free(values[r->header_count]);
		return -1;
	}
	r->header_count++;
	return 0;
}

enum { P_MORE, P_DONE, P_BAD };

/* The request line. */
static int parse_request_line(hs_request *r, const char *l, size_t n,
                              int *http10)
{
	const char *sp1 = memchr(l, ' ', n), *sp2, *ver;
	size_t vl;
	if (!sp1 || sp1 == l)
		return -1;
	sp2 = memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - l));
	if (!sp2 || sp2 == sp1 + 1)
		return -1;
	ver = sp2 + 1;
	vl = n - (size_t)(ver - l);
	if (vl != 8 || memcmp(ver, "HTTP/1.", 7) != 0 ||
	    (ver[7] != '0' && ver[7] != '1'))
		return -1;
	*http10 = ver[7] == '0';
	r->method = memdup0(l, (size_t)(sp1 - l));
	r->target = memdup0(sp1 + 1, (size_t)(sp2 - sp1 - 1));
	if (!r->method || !r->target)
		return -1;
	r->path = memdup0(r->target, strcspn(r->target, "?"));
	return r->path ? 0 : -1;
}

/* One header line. */
static int parse_header_line(hs_request *r, const char *l, size_t n)
{
	const char *colon = memchr(l, ':', n), *v, *e = l + n;
	size_t i;
	if (!colon || colon == l)
		return -1;
	for (i = 0; i < (size_t)(colon - l); i++)
		if (l[i] == ' ' || l[i] == '\t')
			return -1; /* also rejects obs-fold */
	v = colon + 1;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return add_header(r, l, (size_t)(colon - l), v, (size_t)(e - v));
}

/*
 * Parse the request at the start of c->in. P_DONE: *out is the request
 * (body included) and *used the bytes it took; P_BAD: *status is the
 * error answer; P_MORE: more input is needed (a 100 Continue may have been
 * queued on c->out).
 */
static int parse_request(struct conn *c, hs_request **out, size_t *used,
                         int *status, int *close_req)
{
	const char *p = c->in.p;
	size_t len = c->in.len, end = 0, pos, i, clen = 0;
	hs_request *r;
	int first = 1, http10 = 0, have_cl = 0;
	const char *v;

	/* blank lines before a request are ignored */
	for (pos = 0; pos < len && (p[pos] == '\r' || p[pos] == '\n');)
		pos++;
	if (pos) {
		memmove(c->in.p, c->in.p + pos, len - pos);
		c->in.len = len -= pos;
	}
	for (i = 0; i < len; i++) {
		if (p[i] != '\n')
			continue;
		if (i + 1 < len && p[i + 1] == '\n') {
			end = i + 2;
			break;
		}
		if (i + 2 < len && p[i + 1] == '\r' && p[i + 2] == '\n') {
			end = i + 3;
			break;
		}
	}
	if (!end || end > HS_MAX_HEAD) {
		if (end || len > HS_MAX_HEAD) {
			*status = 431;
			return P_BAD;
		}
		return P_MORE;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		goto bad;
	for (pos = 0; pos < end;) {
		const char *l = p + pos;
		const char *nl = memchr(l, '\n', end - pos);
		size_t n = (size_t)(nl - l);
		pos += n + 1;
		if (n && l[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		if (memchr(l, '\0', n))
			goto bad;
		if (first) {
			if (parse_request_line(r, l, n, &http10) < 0)
				goto bad;
			first = 0;
			continue;
		}
		if (r->header_count >= HS_MAX_HEADERS) {
			request_free(r);
			*status = 431;
			return P_BAD;
		}
		if (parse_header_line(r, l, n) < 0)
			goto bad;
	}
	if (first)
		goto bad;
	if (hs_req_header(r, "Transfer-Encoding")) {
		request_free(r);
		*status = 501;
		return P_BAD;
	}
	for (i = 0; i < r->header_count; i++) {
		size_t val = 0;
		const char *d = r->header_values[i];
		if (strcasecmp(r->header_names[i], "Content-Length") != 0)
			continue;
		if (!*d)
			goto bad;
		for (; *d; d++) {
			if (*d < '0' || *d > '9')
				goto bad;
			val = val * 10 + (size_t)(*d - '0');
			if (val > HS_MAX_BODY) {
				request_free(r);
				*status = 413;
				return P_BAD;
			}
		}
		if (have_cl && val != clen)
			goto bad;
		clen = val;
		have_cl = 1;
	}
	if (len - end < clen) {
		v = hs_req_header(r, "Expect");
		if (!c->continued && v && strcasecmp(v, "100-continue") == 0) {
			static const char cont[] =
			        "HTTP/1.1 100 Continue\r\n\r\n";
			if (buf_add(&c->out, cont, sizeof(cont) - 1) < 0)
				goto bad;
			c->continued = 1;
		}
		request_free(r);
		return P_MORE;
	}
	r->body = memdup0(p + end, clen);
	if (!r->body)
		goto bad;
	r->body_len = clen;
	v = hs_req_header(r, "Connection");
	*close_req = has_token(v, "close") ||
	             (http10 && !has_token(v, "keep-alive"));
	*out = r;
	*used = end + clen;
	return P_DONE;
bad:
	request_free(r);
	*status = 400;
	return P_BAD;
}

/* ------------------------------------------------------------ answers */

static const char *reason(int status)
{
	static const struct {
		int code;
		const char *text;
	} t[] = {{100, "Continue"},
	         {200, "OK"},
	         {201, "Created"},
	         {202, "Accepted"},
	         {204, "No Content"},
	         {301, "Moved Permanently"},
	         {302, "Found"},
	         {304, "Not Modified"},
	         {307, "Temporary Redirect"},
	         {400, "Bad Request"},
	         {401, "Unauthorized"},
	         {403, "Forbidden"},
	         {404, "Not Found"},
	         {408, "Request Timeout"},
	         {409, "Conflict"},
	         {413, "Content Too Large"},
	         {422, "Unprocessable Content"},
	         {429, "Too Many Requests"},
	         {431, "Request Header Fields Too Large"},
	         {500, "Internal Server Error"},
	         {501, "Not Implemented"},
	         {502, "Bad Gateway"},
	         {503, "Service Unavailable"},
	         {504, "Gateway Timeout"}};
	size_t i;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].code == status)
			return t[i].text;
	return "Status";
}

/* Whether the header lines h name a header n. */
static int names_header(const char *h, const char *n)
{
	size_t nl = strlen(n);
	while (*h) {
		if (strncasecmp(h, n, nl) == 0 && h[nl] == ':')
			return 1;
		h += strcspn(h, "\n");
		if (*h)
			h++;
	}
	return 0;
}

/* Status line, the action's headers, Content-Type unless named,
 * Content-Length (or chunked when clen < 0), Connection. */
static int add_head(struct buf *o, const struct act *a, const char *extra,
                    long long clen, int close_after)
{
	char line[128];
	(void)snprintf(line, sizeof(line), "HTTP/1.1 %d %s\r\n", a->status,
	               reason(a->status));
	if (buf_str(o, line) < 0 || buf_str(o, extra) < 0 ||
	    buf_str(o, a->headers) < 0)
		return -1;
	if (!names_header(a->headers, "Content-Type") &&
	    buf_str(o, "Content-Type: application/json\r\n") < 0)
		return -1;
	if (clen < 0)
		(void)snprintf(line, sizeof(line),
		               "Transfer-Encoding: chunked\r\n");
	else
		(void)snprintf(line, sizeof(line), "Content-Length: %lld\r\n",
		               clen);
	if (buf_str(o, line) < 0)
		return -1;
	return buf_str(o, close_after ? "Connection: close\r\n\r\n"
	                              : "Connection: keep-alive\r\n\r\n");
}

/* The next chunk of the endless JSON array: "[" then {"n":1}, forever. */
static int add_chunk(struct conn *c)
{
	static const char pat[] = "{\"n\":1},";
	char line[32];
	size_t i, n = c->cur->chunk_size, at;

	(void)snprintf(line, sizeof(line), "%zx\r\n", n);
	if (buf_str(&c->out, line) < 0)
		return -1;
	at = c->out.len;
	if (buf_add(&c->out, NULL, n) < 0)
		return -1;
	for (i = 0; i < n; i++, c->gen_pos++)
		c->out.p[at + i] =
		        c->gen_pos == 0
		                ? '['
		                : pat[(c->gen_pos - 1) % (sizeof(pat) - 1)];
	return buf_str(&c->out, "\r\n");
}

/* Start answering request r with action a (taken over). */
static int start_answer(struct conn *c, const hs_request *r, struct act *a,
                        int close_req)
{
	int close_after = a->close_after || close_req;
	int head = strcmp(r->method, "HEAD") == 0;

	c->cur = a;
	c->gen_pos = 0;
	c->close_after = close_after;
	switch (a->kind) {
	case HS_RESPONSE:
		c->state = C_WRITE;
		if (add_head(&c->out, a, "", (long long)a->body_len,
		             close_after) < 0)
			return -1;
		return head ? 0 : buf_add(&c->out, a->body, a->body_len);
	case HS_RAW:
		c->state = C_WRITE;
		return buf_add(&c->out, a->body, a->body_len);
	case HS_TRICKLE:
		c->state = C_WRITE;
		c->next_at = hs_now_ms() + a->interval_ms;
		return add_head(&c->out, a, "", (long long)a->body_len,
		                close_after);
	case HS_ENDLESS_CHUNKED:
		c->state = C_WRITE;
		return add_head(&c->out, a, "", -1, close_after);
	case HS_GZIP_BOMB:
		c->state = C_WRITE;
		if (add_head(&c->out, a, "Content-Encoding: gzip\r\n",
		             (long long)a->body_len, close_after) < 0)
			return -1;
		return buf_add(&c->out, a->body, a->body_len);
	case HS_CLOSE:
		c->dead = 1;
		return 0;
	case HS_SILENT:
		c->state = C_SILENT;
		c->in.len = 0;
		return 0;
	}
	return -1;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Record r and take the action for it (NULL when out of memory). */
static struct act *record(hs_server *s, hs_request *r, unsigned long conn_id)
{
	struct act *a;
	hs_request **reqs;

	pthread_mutex_lock(&s->mu);
	if (s->q_head) {
		a = s->q_head;
		s->q_head = a->next;
		if (!s->q_head)
			s->q_tail = NULL;
		s->q_len--;
		a->next = NULL;
	} else {
		a = act_dup(s->def);
	}
	if (!a)
		goto fail;
	r->kind = a->kind;
	r->processed = a->processed;
	r->connection = conn_id;
	r->arrived_ms = hs_now_ms();
	if (s->nreq == s->reqcap) {
		size_t cap = s->reqcap ? s->reqcap * 2 : 16;
		reqs = realloc(s->reqs, cap * sizeof(*reqs));
		if (!reqs)
			goto fail;
		s->reqs = reqs;
		s->reqcap = cap;
	}
	if (r->processed && strcmp(r->method, "POST") == 0 &&
	    ends_with(r->path, "/messages")) {
		const char *key = hs_req_header(r, "Idempotency-Key");
		size_t i;
		for (i = 0; key && i < s->nkeys; i++)
			if (strcmp(s->keys[i], key) == 0)
				break;
		if (!key) {
			s->anon_stored++;
		} else if (i == s->nkeys) {
			if (s->nkeys == s->keycap) {
				size_t cap = s->keycap ? s->keycap * 2 : 16;
				char **k = realloc(s->keys, cap * sizeof(*k));
				if (!k)
					goto fail;
				s->keys = k;
				s->keycap = cap;
			}
			s->keys[s->nkeys] = strdup(key);
			if (!s->keys[s->nkeys])
				goto fail;
			s->nkeys++;
		}
	}
	s->reqs[s->nreq++] = r;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return a;
fail:
	pthread_mutex_unlock(&s->mu);
	act_free(a);
	request_free(r);
	return NULL;
}

/* ------------------------------------------------------------ sockets */

static int flush_out(struct conn *c)
{
	while (c->out_off < c->out.len) {
		ssize_t n = send(c->fd, c->out.p + c->out_off,
		                 c->out.len - c->out_off, MSG_NOSIGNAL);
		if (n > 0) {
			c->out_off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return -1;
	}
	c->out.len = 0;
	c->out_off = 0;
	return 0;
}

static void conn_read(struct conn *c)
{
	char drop[4096];
	for (;;) {
		ssize_t n;
		if (c->state == C_SILENT || c->state == C_LINGER) {
			n = recv(c->fd, drop, sizeof(drop), 0);
		} else {
			size_t room = HS_MAX_IN - c->in.len;
			if (room == 0)
				return;
			if (room > HS_READ_STEP)
				room = HS_READ_STEP;
			if (buf_add(&c->in, NULL, room) < 0) {
				c->dead = 1;
				return;
			}
			c->in.len -= room;
			n = recv(c->fd, c->in.p + c->in.len, room, 0);
			if (n > 0)
				c->in.len += (size_t)n;
		}
		if (n > 0)
			continue;
		if (n == 0) {
			c->peer_eof = 1;
			return;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			c->dead = 1;
		return;
	}
}

/* Advance a connection as far as it goes without waiting. */
static void conn_step(hs_server *s, struct conn *c)
{
	for (;;) {
		hs_request *r = NULL;
		size_t used = 0;
		int status = 0, close_req = 0, pr;
		struct act *a;

		if (c->dead)
			return;
		if (flush_out(c) < 0) {
			c->dead = 1;
			return;
		}
		if (c->state == C_WRITE) {
			if (c->out_off < c->out.len)
				return; /* until writable */
			if (c->cur && c->cur->kind == HS_TRICKLE &&
			    c->gen_pos < c->cur->body_len) {
				long long now = hs_now_ms();
				if (now < c->next_at)
					return; /* until the timer */
				if (buf_add(&c->out, c->cur->body + c->gen_pos,
				            1) < 0)
					c->dead = 1;
				c->gen_pos++;
				c->next_at = now + c->cur->interval_ms;
				continue;
			}
			if (c->cur && c->cur->kind == HS_ENDLESS_CHUNKED) {
				if (add_chunk(c) < 0)
					c->dead = 1;
				continue;
			}
			act_free(c->cur);
			c->cur = NULL;
			if (c->close_after) {
				if (shutdown(c->fd, SHUT_WR) < 0)
					c->dead = 1;
				c->state = C_LINGER;
				c->next_at = hs_now_ms() + HS_LINGER_MS;
				c->in.len = 0;
			} else {
				c->state = C_READ;
			}
		}
		if (c->state == C_LINGER && hs_now_ms() >= c->next_at)
			c->dead = 1;
		if (c->state == C_SILENT || c->state == C_LINGER) {
			if (c->peer_eof)
				c->dead = 1;
			return;
		}
		pr = parse_request(c, &r, &used, &status, &close_req);
		if (pr == P_MORE) {
			if (c->peer_eof)
				c->dead = 1;
			else if (c->out_off < c->out.len && flush_out(c) < 0)
				c->dead = 1;
			return;
		}
		if (pr == P_BAD) {
			char line[160];
			(void)snprintf(line, sizeof(line),
			               "HTTP/1.1 %d %s\r\nContent-Length: 0\r\n"
			               "Connection: close\r\n\r\n",
			               status, reason(status));
			c->in.len = 0;
			c->state = C_WRITE;
			c->close_after = 1;
			if (buf_str(&c->out, line) < 0)
				c->dead = 1;
			continue;
		}
		memmove(c->in.p, c->in.p + used, c->in.len - used);
		c->in.len -= used;
		c->continued = 0;
		a = record(s, r, c->id);
		if (!a) {
			c->dead = 1;
			return;
		}
		if (start_answer(c, r, a, close_req) < 0)
			c->dead = 1;
	}
}

static void conn_free(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	buf_free(&c->in);
	buf_free(&c->out);
	act_free(c->cur);
	free(c);
}

static void accept_all(hs_server *s)
{
	for (;;) {
		int one = 1;
		struct conn *c;
		int fd = accept4(s->lfd, NULL, NULL,
		                 SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return;
		}
		if (s->open_conns >= HS_MAX_CONNS) {
			close(fd);
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		                 sizeof(one));
		c->fd = fd;
		c->pidx = -1;
		c->state = C_READ;
		pthread_mutex_lock(&s->mu);
		c->id = ++s->nconn;
		pthread_mutex_unlock(&s->mu);
		c->next = s->conns;
		s->conns = c;
		s->open_conns++;
	}
}

/* Poll events of a connection; *timeout lowered to its trickle timer. */
static short conn_events(const struct conn *c, long long now, int *timeout)
{
	short ev = 0;
	long long due = -1;
	if (!c->peer_eof && (c->state == C_SILENT || c->state == C_LINGER ||
	                     c->in.len < (size_t)HS_MAX_IN))
		ev |= POLLIN;
	if (c->state == C_LINGER)
		due = c->next_at;
	if (c->out_off < c->out.len)
		ev |= POLLOUT;
	else if (c->state == C_WRITE && c->cur && c->cur->kind == HS_TRICKLE &&
	         c->gen_pos < c->cur->body_len)
		due = c->next_at;
	if (due >= 0) {
		long long wait = due > now ? due - now : 0;
		if (wait > 1000000)
			wait = 1000000; /* poll's int; woken early is harmless
			                 */
		if (*timeout < 0 || wait < *timeout)
			*timeout = (int)wait;
	}
	return ev;
}

static void *serve(void *arg)
{
	hs_server *s = arg;
	for (;;) {
		struct conn *c, **pp;
		nfds_t n = 2;
		int timeout = -1;
		long long now = hs_now_ms();

		s->pfd[0].fd = s->wake[0];
		s->pfd[0].events = POLLIN;
		s->pfd[1].fd = s->lfd;
		s->pfd[1].events = s->open_conns < HS_MAX_CONNS ? POLLIN : 0;
		for (c = s->conns; c; c = c->next) {
			c->pidx = (int)n;
			s->pfd[n].fd = c->fd;
			s->pfd[n].events = conn_events(c, now, &timeout);
			n++;
		}
		if (poll(s->pfd, n, timeout) < 0 && errno != EINTR)
			break;
		if (s->pfd[0].revents)
			break; /* hs_stop() */
		for (c = s->conns; c; c = c->next) {
			short re = c->pidx >= 0 ? s->pfd[c->pidx].revents : 0;
			if (re & (POLLERR | POLLNVAL)) {
				c->dead = 1;
				continue;
			}
			if (re & (POLLIN | POLLHUP))
				conn_read(c);
			conn_step(s, c);
			if (re & POLLHUP)
				c->dead = 1; /* nothing can be written */
		}
		if (s->pfd[1].revents & POLLIN)
			accept_all(s);
		for (pp = &s->conns; *pp;) {
			c = *pp;
			if (c->dead) {
				*pp = c->next;
				s->open_conns--;
				conn_free(c);
			} else {
				pp = &c->next;
			}
		}
	}
	return NULL;
}

/* ------------------------------------------------------------ API */

static void server_free(hs_server *s)
{
	size_t i;
	struct act *a;
	while (s->conns) {
		struct conn *c = s->conns;
		s->conns = c->next;
		conn_free(c);
	}
	while ((a = s->q_head)) {
		s->q_head = a->next;
		act_free(a);
	}
	act_free(s->def);
	for (i = 0; i < s->nreq; i++)
		request_free(s->reqs[i]);
	free(s->reqs);
	for (i = 0; i < s->nkeys; i++)
		free(s->keys[i]);
	free(s->keys);
	if (s->lfd >= 0)
		close(s->lfd);
	if (s->wake[0] >= 0)
		close(s->wake[0]);
	if (s->wake[1] >= 0)
		close(s->wake[1]);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

int hs_start(hs_server **out)
{
	static const hs_action def = {.kind = HS_RESPONSE,
	                              .status = 200,
	                              .body = "{}",
	                              .processed = 1};
	hs_server *s;
	pthread_condattr_t ca;
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);

	if (!out)
		return -1;
	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	s->lfd = s->wake[0] = s->wake[1] = -1;
	if (pthread_mutex_init(&s->mu, NULL) != 0) {
		free(s);
		return -1;
	}
	if (pthread_condattr_init(&ca) != 0) {
		pthread_mutex_destroy(&s->mu);
		free(s);
		return -1;
	}
	if (pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&s->cv, &ca) != 0) {
		pthread_condattr_destroy(&ca);
		pthread_mutex_destroy(&s->mu);
		free(s);
		return -1;
	}
	pthread_condattr_destroy(&ca);

	s->def = act_from(&def);
	if (!s->def || pipe2(s->wake, O_CLOEXEC | O_NONBLOCK) < 0)
		goto fail;
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->lfd < 0)
		goto fail;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(s->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(s->lfd, 64) < 0 ||
	    getsockname(s->lfd, (struct sockaddr *)&sa, &sl) < 0)
		goto fail;
	s->port = ntohs(sa.sin_port);
	(void)snprintf(s->url, sizeof(s->url), "http://127.0.0.1:%u/v1",
	               (unsigned)s->port);
	if (pthread_create(&s->thread, NULL, serve, s) != 0)
		goto fail;
	*out = s;
	return 0;
fail:
	server_free(s);
	return -1;
}

void hs_stop(hs_server *s)
{
	ssize_t n;
	if (!s)
		return;
	do
		n = write(s->wake[1], "x", 1);
	while (n < 0 && errno == EINTR);
	pthread_join(s->thread, NULL);
	server_free(s);
}

unsigned short hs_port(const hs_server *s)
{
	return s->port;
}

const char *hs_base_url(const hs_server *s)
{
	return s->url;
}

int hs_queue(hs_server *s, const hs_action *a)
{
	struct act *x = act_from(a);
	if (!x)
		return -1;
	pthread_mutex_lock(&s->mu);
	if (s->q_tail)
		s->q_tail->next = x;
	else
		s->q_head = x;
	s->q_tail = x;
	s->q_len++;
	pthread_mutex_unlock(&s->mu);
	return 0;
}

int hs_set_default(hs_server *s, const hs_action *a)
{
	struct act *x = act_from(a), *old;
	if (!x)
		return -1;
	pthread_mutex_lock(&s->mu);
	old = s->def;
	s->def = x;
	pthread_mutex_unlock(&s->mu);
	act_free(old);
	return 0;
}

int hs_queue_response(hs_server *s, int status, const char *headers,
                      const char *body)
{
	hs_action a = {.kind = HS_RESPONSE,
	               .status = status,
	               .headers = headers,
	               .body = body,
	               .processed = status >= 200 && status <= 299};
	return hs_queue(s, &a);
}

int hs_queue_raw(hs_server *s, const char *raw, int close_after)
{
	hs_action a = {.kind = HS_RAW, .raw = raw, .close_after = close_after};
	if (!raw || !*raw)
		return -1;
	return hs_queue(s, &a);
}

int hs_queue_close(hs_server *s, int processed)
{
	hs_action a = {.kind = HS_CLOSE, .processed = processed};
	return hs_queue(s, &a);
}

size_t hs_pending_actions(hs_server *s)
{
	size_t n;
	pthread_mutex_lock(&s->mu);
	n = s->q_len;
	pthread_mutex_unlock(&s->mu);
	return n;
}

size_t hs_request_count(hs_server *s)
{
	size_t n;
	pthread_mutex_lock(&s->mu);
	n = s->nreq;
	pthread_mutex_unlock(&s->mu);
	return n;
}

const hs_request *hs_request_at(hs_server *s, size_t i)
{
	const hs_request *r = NULL;
	pthread_mutex_lock(&s->mu);
	if (i < s->nreq)
		r = s->reqs[i];
	pthread_mutex_unlock(&s->mu);
	return r;
}

unsigned long hs_connection_count(hs_server *s)
{
	unsigned long n;
	pthread_mutex_lock(&s->mu);
	n = s->nconn;
	pthread_mutex_unlock(&s->mu);
	return n;
}

size_t hs_stored_count(hs_server *s)
{
	size_t n;
	pthread_mutex_lock(&s->mu);
	n = s->nkeys + s->anon_stored;
	pthread_mutex_unlock(&s->mu);
	return n;
}

int hs_wait_requests(hs_server *s, size_t n, long timeout_ms)
{
	struct timespec ts;
	int rc;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (timeout_ms < 0)
		timeout_ms = 0;
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&s->mu);
	while (s->nreq < n)
		if (pthread_cond_timedwait(&s->cv, &s->mu, &ts) == ETIMEDOUT)
			break;
	rc = s->nreq >= n ? 0 : -1;
	pthread_mutex_unlock(&s->mu);
	return rc;
}
