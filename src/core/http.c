#define _GNU_SOURCE
#include "json/decoders.h"
#include "core/errors.h"
#include "core/http.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "core/alloc.h"
#include "core/client.h"
#include "core/errors.h"
#include "json/decode.h"

int gosend__header_value_ok(const char *v, size_t max)
{
	size_t i;

	for (i = 0; v[i]; i++) {
		unsigned char ch = (unsigned char)v[i];
		if (i >= max || ch < 0x20 || ch == 0x7f)
			return 0;
	}
	return 1;
}

static int header_line_ok(const char *h)
{
	const char *colon = strchr(h, ':');
	const char *p;

	if (!colon || colon == h)
		return 0;
	for (p = h; p < colon; p++) {
		unsigned char ch = (unsigned char)*p;
		/* token characters of RFC 9110 */
		if (!(isalnum(ch) || strchr("!#$%&'*+-.^_`|~", ch)))
			return 0;
	}
	return gosend__header_value_ok(colon + 1, 8192);
}

static int opts_ok(const gosend_request_options *o, gosend_error **err)
{
	size_t i;

	if (!o)
		return GOSEND_OK;
	if (o->version == 0 || o->version > GOSEND_REQUEST_OPTIONS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown request options version %u",
		                    o->version);
	if (o->timeout_ms < 0 || o->max_retries < GOSEND_NO_RETRIES ||
	    o->max_retries > 20)
		return gosend__fail(err, GOSEND_EINVAL, "options",
		                    "negative timeout or retry setting");
	if (o->idempotency_key) {
		size_t n = strlen(o->idempotency_key);
		for (i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)o->idempotency_key[i];
			if (ch <= 0x20 || ch >= 0x7f)
				break;
		}
		if (n == 0 || n > 255 || i < n)
			return gosend__fail(
			        err, GOSEND_EINVAL, "idempotency_key",
			        "Idempotency-Key must be 1-255 printable "
			        "ASCII characters without spaces");
	}
	if (o->headers_count && !o->headers)
		return gosend__fail(err, GOSEND_EINVAL, "headers",
		                    "headers is NULL");
	for (i = 0; i < o->headers_count; i++) {
		if (!o->headers[i] || !header_line_ok(o->headers[i]))
			return gosend__fail(
			        err, GOSEND_EINVAL, "headers",
			        "header %zu is not \"Name: value\" or contains "
			        "CR, LF or control characters",
			        i);
	}
	return GOSEND_OK;
}

/* http(s) URL: printable ASCII without spaces, non-empty host. */
int gosend__url_ok(const char *s, size_t max)
{
	size_t n, skip, i;

	if (!s)
		return 0;
	n = strlen(s);
	if (n > max)
		return 0;
	if (n >= 8 && (s[0] | 32) == 'h' && (s[1] | 32) == 't' &&
	    (s[2] | 32) == 't' && (s[3] | 32) == 'p' && (s[4] | 32) == 's' &&
	    s[5] == ':' && s[6] == '/' && s[7] == '/')
		skip = 8;
	else if (n >= 7 && (s[0] | 32) == 'h' && (s[1] | 32) == 't' &&
	         (s[2] | 32) == 't' && (s[3] | 32) == 'p' && s[4] == ':' &&
	         s[5] == '/' && s[6] == '/')
		skip = 7;
	else
		return 0;
	if (s[skip] == '\0' || s[skip] == '/' || s[skip] == '?' ||
	    s[skip] == '#')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f)
			return 0;
	}
	return 1;
}

int gosend__req_init(gosend__request *r, gosend_client *c, const char *method,
                     const char *path, const gosend_request_options *opts,
                     gosend_error **err)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->client = c;
	r->method = method;
	r->opts = opts;
	if (err)
		*err = NULL;
	if (!c)
		return gosend__fail(err, GOSEND_EINVAL, "client",
		                    "client is NULL");
	rc = opts_ok(opts, err);
	if (rc < 0)
		return rc;
	if (opts && opts->idempotency_key) {
		r->caller_key = 1;
		(void)snprintf(r->idem_key, sizeof(r->idem_key), "%s",
		               opts->idempotency_key);
	}
	if (gosend__buf_puts(&r->url, c->base_url) < 0 ||
	    gosend__buf_puts(&r->url, path) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

int gosend__req_id(gosend__request *r, const char *id, const char *field,
                   gosend_error **err)
{
	if (!id)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s is NULL",
		                    field);
	if (!*id || strcmp(id, ".") == 0 || strcmp(id, "..") == 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must not be empty, \".\" or \"..\"",
		                    field);
	if (strlen(id) > 1024)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s is too long",
		                    field);
	if (gosend__buf_put(&r->url, "/", 1) < 0 ||
	    gosend__buf_put_encoded(&r->url, id, strlen(id)) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

int gosend__req_path(gosend__request *r, const char *tail, gosend_error **err)
{
	if (gosend__buf_puts(&r->url, tail) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

int gosend__req_query(gosend__request *r, const char *name, const char *value,
                      gosend_error **err)
{
	if (!name || !value)
		return gosend__fail(err, GOSEND_EINVAL, "query",
		                    "query name or value is NULL");
	if (gosend__buf_put(&r->url, r->query_count ? "&" : "?", 1) < 0 ||
	    gosend__buf_put_encoded(&r->url, name, strlen(name)) < 0 ||
	    gosend__buf_put(&r->url, "=", 1) < 0 ||
	    gosend__buf_put_encoded(&r->url, value, strlen(value)) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	r->query_count++;
	return GOSEND_OK;
}

int gosend__req_list(gosend__request *r, const gosend_list_params *p,
                     gosend_error **err)
{
	char num[24];
	int rc;

	if (!p)
		return GOSEND_OK;
	if (p->version == 0 || p->version > GOSEND_LIST_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "params.version",
		                    "unknown list params version %u",
		                    p->version);
	if (p->page < 0)
		return gosend__fail(err, GOSEND_EINVAL, "page",
		                    "page must be >= 1 (0 for the default)");
	if (p->per_page < 0 || p->per_page > GOSEND_PER_PAGE_MAX)
		return gosend__fail(
		        err, GOSEND_EINVAL, "per_page",
		        "per_page must be 1..%d (0 for the default)",
		        GOSEND_PER_PAGE_MAX);
	if (p->page > 0) {
		(void)snprintf(num, sizeof(num), "%ld", p->page);
		rc = gosend__req_query(r, "page", num, err);
		if (rc < 0)
			return rc;
	}
	if (p->per_page > 0) {
		(void)snprintf(num, sizeof(num), "%ld", p->per_page);
		rc = gosend__req_query(r, "per_page", num, err);
		if (rc < 0)
			return rc;
	}
	return GOSEND_OK;
}

void gosend__req_body(gosend__request *r, char *json, size_t len)
{
	gosend__free(r->body);
	r->body = json;
	r->body_len = len;
	r->content_type = "application/json";
}

void gosend__req_dispose(gosend__request *r)
{
	gosend__buf_dispose(&r->url);
	gosend__free(r->body);
	r->body = NULL;
}

void gosend__response_move(gosend__response *dst, gosend__response *src)
{
	*dst = *src;
	/* the meta's strings point into the response itself */
	if (src->meta.request_id)
		dst->meta.request_id = dst->request_id;
	if (src->meta.content_type)
		dst->meta.content_type = dst->content_type;
	memset(&src->body, 0, sizeof(src->body));
}

void gosend__response_dispose(gosend__response *res)
{
	gosend__buf_dispose(&res->body);
}

/* ---- response parsing ---- */

static size_t on_body_capped(char *data, size_t size, size_t n, void *ud)
{
	gosend__body_ctx *b = ud;
	size_t len = size * n;

	if (b->res->body.len + len > b->max) {
		b->res->too_large = 1;
		return 0;
	}
	if (gosend__buf_put(&b->res->body, data, len) < 0)
		return 0;
	return len;
}

static void trim_copy(char *dst, size_t dstsz, const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' ||
	             v[n - 1] == '\n'))
		n--;
	if (n >= dstsz)
		n = dstsz - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static long long parse_ll(const char *v, size_t n, long long max)
{
	char tmp[32];
	char *end;
	long long x;

	trim_copy(tmp, sizeof(tmp), v, n);
	if (!tmp[0] || !isdigit((unsigned char)tmp[0]))
		return -1;
	x = strtoll(tmp, &end, 10);
	if (*end || x < 0 || x > max)
		return -1;
	return x;
}

/* Decimal digits of any length, saturated at max; -1 when not a number. */
static long long parse_sat(const char *v, size_t n, long long max)
{
	long long x = 0;
	size_t i = 0;

	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	while (n > i && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
	                 v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	if (i >= n)
		return -1;
	for (; i < n; i++) {
		if (!isdigit((unsigned char)v[i]))
			return -1;
		if (x < max)
			x = x * 10 + (v[i] - '0');
		if (x > max)
			x = max;
	}
	return x;
}

/* Two decimal digits at s, or -1. */
static int two_digits(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * The usual form of an HTTP date, IMF-fixdate ("Sun, 06 Nov 1994 08:49:37
 * GMT", what servers send), as Unix seconds; -1 when s is not exactly that
 * with a real calendar date from 1970 on. curl_getdate reads it too, but at
 * about 11,000 instructions a header; every answer carries a Date.
 */
static long long parse_fixdate(const char *s, size_t n)
{
	static const char days[] = "Mon,Tue,Wed,Thu,Fri,Sat,Sun,";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	static const int before[] = {0,   31,  59,  90,  120, 151,
	                             181, 212, 243, 273, 304, 334};
	int mday, mon, year, hh, mm, ss, i, leap;
	long long y, dn;

	if (n != 29 || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
	    s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
	    memcmp(s + 25, " GMT", 4) != 0)
		return -1;
	for (i = 0; i < 7 && memcmp(days + 4 * (size_t)i, s, 4) != 0; i++)
		;
	if (i == 7)
		return -1;
	for (mon = 0;
	     mon < 12 && memcmp(months + 3 * (size_t)mon, s + 8, 3) != 0; mon++)
		;
	mday = two_digits(s + 5);
	year = two_digits(s + 12) * 100;
	i = two_digits(s + 14);
	hh = two_digits(s + 17);
	mm = two_digits(s + 20);
	ss = two_digits(s + 23);
	if (mon == 12 || mday < 1 || year < 0 || i < 0 || hh < 0 || hh > 23 ||
	    mm < 0 || mm > 59 || ss < 0 || ss > 59)
		return -1;
	year += i;
	if (year < 1970)
		return -1;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (mday > mdays[mon] + (mon == 1 && leap))
		return -1;
	/* days since 1970-01-01: whole years, their leap days, this year */
	y = year - 1;
	dn = (long long)(year - 1970) * 365 + (y / 4 - y / 100 + y / 400) -
	     (1969 / 4 - 1969 / 100 + 1969 / 400) + before[mon] +
	     (mon > 1 && leap) + mday - 1;
	return ((dn * 24 + hh) * 60 + mm) * 60 + ss;
}

/* An HTTP date as Unix seconds, or -1. */
static long long parse_date(const char *v, size_t n)
{
	char tmp[64];
	long long fast;
	time_t t;

	trim_copy(tmp, sizeof(tmp), v, n);
	fast = parse_fixdate(tmp, strlen(tmp));
	if (fast >= 0)
		return fast;
	/* the obsolete forms (RFC 850, asctime) and anything odd */
	t = curl_getdate(tmp, NULL);
	return t == (time_t)-1 ? -1 : (long long)t;
}

static void reset_meta(gosend__response *res)
{
	unsigned int attempts = res->meta.attempts;

	memset(&res->meta, 0, sizeof(res->meta));
	res->meta.struct_version = 1;
	res->meta.attempts = attempts;
	res->meta.total_count = -1;
	res->meta.page = -1;
	res->meta.per_page = -1;
	res->meta.ratelimit_limit = -1;
	res->meta.ratelimit_remaining = -1;
	res->meta.ratelimit_reset = -1;
	res->meta.retry_after_s = -1;
	res->meta.server_date = -1;
	res->retry_after_date = -1;
	res->request_id[0] = '\0';
	res->content_type[0] = '\0';
}

#define HDR(name) (nlen == sizeof(name) - 1 && !strncasecmp(line, name, nlen))

static size_t on_header(char *line, size_t size, size_t n, void *ud)
{
	gosend__response *res = ud;
	size_t len = size * n, nlen;
	const char *colon, *v;
	size_t vlen;

	if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
		const char *sp = memchr(line, ' ', len);
		size_t left = sp ? (size_t)(line + len - sp - 1) : 0;
		reset_meta(res);
		/* "HTTP/1.1 201 Created": the three digits after the space */
		res->seen_status = left >= 3 ? parse_sat(sp + 1, 3, 999) : -1;
		return len;
	}
	colon = memchr(line, ':', len);
	if (!colon)
		return len;
	nlen = (size_t)(colon - line);
	v = colon + 1;
	vlen = len - nlen - 1;
	if (HDR("X-Total-Count")) {
		res->meta.total_count = parse_ll(v, vlen, 9007199254740992LL);
	} else if (HDR("X-Page")) {
		res->meta.page = (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-Per-Page")) {
		res->meta.per_page = (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-RateLimit-Limit")) {
		res->meta.ratelimit_limit =
		        (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-RateLimit-Remaining")) {
		res->meta.ratelimit_remaining =
		        (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-RateLimit-Reset")) {
		res->meta.ratelimit_reset =
		        parse_ll(v, vlen, 9007199254740992LL);
	} else if (HDR("Retry-After")) {
		/* any number of seconds, saturated: a huge wait must still
		 * be seen as one (and refused), never as none */
		long long s = parse_sat(v, vlen, GOSEND__WAIT_MAX_S);
		if (s < 0)
			res->retry_after_date = parse_date(v, vlen);
		res->meta.retry_after_s = (long)s;
	} else if (HDR("Date")) {
		res->meta.server_date = parse_date(v, vlen);
	} else if (HDR("X-Request-Id") || HDR("Request-Id")) {
		trim_copy(res->request_id, sizeof(res->request_id), v, vlen);
	} else if (HDR("Content-Type")) {
		trim_copy(res->content_type, sizeof(res->content_type), v,
		          vlen);
	}
	return len;
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

/* The request's header list in a->fixed and a->extra; -1 out of memory. */
static int build_headers(gosend__attempt *a, const gosend__request *r)
{
	static const char json_type[] = "application/json";
	struct curl_slist **tail = &a->headers;
	struct curl_slist *n = a->fixed;
	size_t i, count = r->opts ? r->opts->headers_count : 0;

	a->headers = NULL;
	link_header(&tail, n++, r->client->key_header);
	link_header(&tail, n++, "Accept: application/json");
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
		(void)snprintf(a->idem_line, sizeof(a->idem_line),
		               "Idempotency-Key: %s", r->idem_key);
		link_header(&tail, n++, a->idem_line);
	}
	if (count) {
		a->extra = gosend__malloc(count * sizeof(*a->extra));
		if (!a->extra)
			return -1;
		for (i = 0; i < count; i++)
			link_header(&tail, &a->extra[i], r->opts->headers[i]);
	}
	return 0;
}

static int build_mime(gosend__attempt *a, const gosend__request *r)
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

/* prepare: a ready easy handle for the request. */
int gosend__attempt_prepare(gosend__attempt *a, gosend__request *r,
                            gosend__response *res, long timeout_ms)
{
	gosend_client *c = r->client;

	{
		void *preset = a->h;
		int keep = a->keep_handle;
		memset(a, 0, GOSEND__ATTEMPT_RESET);
		a->keep_handle = keep;
		a->h = preset ? preset : gosend__handle_acquire(c);
	}
	if (!a->h)
		return GOSEND_ENOMEM;
	a->bctx.res = res;
	a->bctx.max = c->max_body;
	if (build_headers(a, r) < 0)
		return GOSEND_ENOMEM;
	if (r->parts && build_mime(a, r) < 0)
		return GOSEND_ENOMEM;
	if (curl_easy_setopt(a->h, CURLOPT_URL, r->url.ptr) ||
	    curl_easy_setopt(a->h, CURLOPT_HTTPHEADER, a->headers) ||
	    curl_easy_setopt(a->h, CURLOPT_TIMEOUT_MS, timeout_ms) ||
	    curl_easy_setopt(a->h, CURLOPT_WRITEFUNCTION, on_body_capped) ||
	    curl_easy_setopt(a->h, CURLOPT_WRITEDATA, &a->bctx) ||
	    curl_easy_setopt(a->h, CURLOPT_HEADERFUNCTION, on_header) ||
	    curl_easy_setopt(a->h, CURLOPT_HEADERDATA, res) ||
	    curl_easy_setopt(a->h, CURLOPT_ERRORBUFFER, res->errbuf) ||
	    curl_easy_setopt(a->h, CURLOPT_CUSTOMREQUEST, NULL) ||
	    curl_easy_setopt(a->h, CURLOPT_MIMEPOST, NULL))
		return GOSEND_ENOMEM;
	if (c->log_level >= GOSEND_LOG_TRACE &&
	    (curl_easy_setopt(a->h, CURLOPT_DEBUGFUNCTION, trace) ||
	     curl_easy_setopt(a->h, CURLOPT_DEBUGDATA, c) ||
	     curl_easy_setopt(a->h, CURLOPT_VERBOSE, 1L)))
		return GOSEND_ENOMEM;
	/* compressed answers only where they are large (lists, GETs); a send
	 * skips the decoder set-up */
	if (curl_easy_setopt(a->h, CURLOPT_ACCEPT_ENCODING,
	                     strcmp(r->method, "GET") == 0 ? "" : NULL))
		return GOSEND_ENOMEM;
	if (a->mime) {
		if (curl_easy_setopt(a->h, CURLOPT_MIMEPOST, a->mime))
			return GOSEND_ENOMEM;
	} else if (strcmp(r->method, "GET") == 0 ||
	           (!r->body && strcmp(r->method, "DELETE") == 0)) {
		/* A DELETE without a body sends none: no Content-Length and
		 * no curl default form Content-Type. */
		if (curl_easy_setopt(a->h, CURLOPT_HTTPGET, 1L))
			return GOSEND_ENOMEM;
	} else {
		if (curl_easy_setopt(a->h, CURLOPT_POSTFIELDS,
		                     r->body ? r->body : "") ||
		    curl_easy_setopt(a->h, CURLOPT_POSTFIELDSIZE_LARGE,
		                     (curl_off_t)r->body_len))
			return GOSEND_ENOMEM;
	}
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0 &&
	    curl_easy_setopt(a->h, CURLOPT_CUSTOMREQUEST, r->method))
		return GOSEND_ENOMEM;
	/* libcurl silently sends a request again when a reused connection
	 * turns out dead, after the server may have read it: harmless for
	 * reads and keyed sends, not for other POSTs, PATCH and DELETE,
	 * which therefore always get a connection of their own */
	if (curl_easy_setopt(a->h, CURLOPT_FRESH_CONNECT,
	                     repeatable(r) ? 0L : 1L))
		return GOSEND_ENOMEM;
	res->errbuf[0] = '\0';
	return GOSEND_OK;
}

void gosend__attempt_release(gosend__attempt *a, gosend_client *c, int reuse)
{
	if (a->h) {
		/* Drop pointers into this attempt's memory. */
		(void)curl_easy_setopt(a->h, CURLOPT_HTTPHEADER, NULL);
		(void)curl_easy_setopt(a->h, CURLOPT_MIMEPOST, NULL);
		(void)curl_easy_setopt(a->h, CURLOPT_ERRORBUFFER, NULL);
		(void)curl_easy_setopt(a->h, CURLOPT_VERBOSE, 0L);
		if (reuse && a->keep_handle) {
			void *h = a->h;
			curl_mime_free(a->mime);
			gosend__free(a->extra);
			memset(a, 0, GOSEND__ATTEMPT_RESET);
			a->h = h; /* the caller takes it back */
			a->keep_handle = 1;
			return;
		}
		if (reuse)
			gosend__handle_release(c, a->h);
		else
			curl_easy_cleanup(a->h);
	}
	curl_mime_free(a->mime);
	gosend__free(a->extra);
	{
		int keep = a->keep_handle;
		memset(a, 0, GOSEND__ATTEMPT_RESET);
		a->keep_handle = keep;
	}
}

/* An HTTP-date Retry-After as seconds from the server's own Date (the
 * local clock only when it sent none). */
static void settle_retry_after(gosend__response *res)
{
	long long base, d;

	if (res->meta.retry_after_s >= 0 || res->retry_after_date < 0)
		return;
	base = res->meta.server_date >= 0 ? res->meta.server_date
	                                  : (long long)time(NULL);
	d = res->retry_after_date - base;
	if (d < 0)
		d = 0;
	if (d > GOSEND__WAIT_MAX_S)
		d = GOSEND__WAIT_MAX_S;
	res->meta.retry_after_s = (long)d;
}

/* Whether a request's effect cannot be undone or repeated safely: a 2xx
 * status then means it took effect, whatever happened to the body. */
static int effectful(const gosend__request *r)
{
	return strcmp(r->method, "GET") != 0;
}

/* finish: status, headers and body -> gosend code of this attempt. */
static int finish(gosend__attempt *a, CURLcode cc, gosend__response *res,
                  int is_effectful)
{
	long status = 0;

	settle_retry_after(res);
	if (cc != CURLE_OK) {
		int code = map_curl(cc, res);
		if (!(is_effectful && code != GOSEND_ENOMEM &&
		      res->seen_status >= 200 && res->seen_status < 300)) {
			res->status = 0;
			res->meta.http_status = 0;
			res->code = code;
			if (!res->errbuf[0])
				(void)snprintf(res->errbuf, sizeof(res->errbuf),
				               "%s", curl_easy_strerror(cc));
			return res->code;
		}
		/* accepted: the answer's body did not arrive whole (cut at
		 * the size cap, by a timeout or a closed connection) */
		res->meta.body_incomplete = 1;
		res->too_large = 0;
	}
	(void)curl_easy_getinfo(a->h, CURLINFO_RESPONSE_CODE, &status);
	if (res->meta.body_incomplete && status != res->seen_status)
		status = res->seen_status;
	res->status = status;
	res->meta.http_status = status;
	res->meta.request_id = res->request_id[0] ? res->request_id : NULL;
	res->meta.content_type =
	        res->content_type[0] ? res->content_type : NULL;
	res->code = gosend_error_code_for_status(status);
	if (!res->body.ptr)
		gosend__buf_grow(&res->body, 0);
	if (res->body.oom)
		res->code = GOSEND_ENOMEM;
	return res->code;
}

/* ---- retries ---- */

static int status_retryable(long s)
{
	return s == 429 || s == 500 || s == 502 || s == 503 || s == 504;
}

/* The request provably was not processed. */
static int not_processed(const gosend__response *res)
{
	return res->not_sent || res->status == 429 ||
	       (res->status == 503 && res->meta.retry_after_s >= 0);
}

/*
 * Whether repeating the request after this answer is safe and may help:
 * reads and deletes always; a send (POST /messages) with its key, which the
 * API de-duplicates; any other POST or PATCH (no documented idempotency)
 * only when it provably was not processed.
 */
static int may_retry(const gosend__request *r, const gosend__response *res)
{
	int transport = res->status == 0;

	if (transport) {
		if (res->code != GOSEND_ENETWORK &&
		    res->code != GOSEND_ETIMEOUT)
			return 0;
	} else if (!status_retryable(res->status)) {
		return 0;
	}
	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "DELETE") == 0)
		return 1;
	if (r->is_send && r->idem_key[0])
		return 1;
	return not_processed(res);
}

/* The attempt may have taken effect on the server without our knowing. */
static int maybe_processed(const gosend__response *res)
{
	if (res->status == 0)
		return !res->not_sent && (res->code == GOSEND_ENETWORK ||
		                          res->code == GOSEND_ETIMEOUT);
	return res->status >= 500 && !not_processed(res);
}

/* Body's retry_after_seconds, or -1. */
static long body_retry_after(const gosend__response *res)
{
	cJSON *root, *item;
	long v = -1;

	if (!res->body.len)
		return -1;
	root = cJSON_ParseWithLength(res->body.ptr, res->body.len);
	item = cJSON_GetObjectItemCaseSensitive(root, "retry_after_seconds");
	/* saturated, so that a huge wait stays one */
	if (cJSON_IsNumber(item) && item->valuedouble >= 0)
		v = item->valuedouble >= (double)GOSEND__WAIT_MAX_S
		            ? (long)GOSEND__WAIT_MAX_S
		            : (long)item->valuedouble;
	cJSON_Delete(root);
	return v;
}

static void fill_failure(gosend__failure *f, const gosend__request *r,
                         const gosend__response *res)
{
	memset(f, 0, sizeof(*f));
	f->code = res->code;
	f->meta = &res->meta;
	/* without a request (fixtures): as for a read */
	f->client = r ? r->client : NULL;
	f->retryable = r ? may_retry(r, res) : status_retryable(res->status);
	if (res->status == 0) {
		f->transport = res->errbuf;
		if (res->code == GOSEND_ETOOLARGE)
			f->message = "response body larger than the configured "
			             "max_response_bytes";
	} else {
		f->body = res->body.ptr;
		f->body_len = res->body.len;
		f->parse_body = 1;
		if (res->code == GOSEND_ENOMEM)
			f->body = NULL;
	}
}

int gosend__exchange_begin(gosend__exchange *x, gosend__request *r,
                           gosend_error **err)
{
	gosend_client *c = r->client;

	memset(x, 0, sizeof(*x));
	x->r = r;
	x->max_retries = c->max_retries;
	x->timeout = c->timeout_ms;
	if (r->url.oom)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (r->opts && r->opts->max_retries)
		x->max_retries =
		        r->opts->max_retries < 0 ? 0 : r->opts->max_retries;
	if (r->opts && r->opts->timeout_ms)
		x->timeout = r->opts->timeout_ms;
	if (r->is_send && !r->idem_key[0] && gosend__uuid4(r->idem_key) < 0)
		return gosend__fail(err, GOSEND_ERROR, NULL,
		                    "cannot read the OS random source");
	x->path = r->url.ptr + strlen(c->base_url);
	if (c->deadline_ms)
		x->deadline = gosend__now_ms(c) + c->deadline_ms;
	return GOSEND_OK;
}

int gosend__exchange_prepare(gosend__exchange *x, gosend_error **err)
{
	gosend_client *c = x->r->client;
	gosend__response *res = &x->res;
	long this_timeout = x->timeout;
	int code;

	x->attempt_no++;
	gosend__buf_dispose(&res->body);
	reset_meta(res);
	res->status = 0;
	res->seen_status = 0;
	res->too_large = 0;
	res->not_sent = 0;
	res->meta.attempts = x->attempt_no;
	if (x->deadline) {
		long long left = x->deadline - gosend__now_ms(c);
		if (left < 1)
			left = 1;
		if (left < this_timeout)
			this_timeout = (long)left;
	}
	code = gosend__attempt_prepare(&x->a, x->r, res, this_timeout);
	if (code < 0) {
		gosend__attempt_release(&x->a, c, 0);
		gosend__response_dispose(res);
		return gosend__fail(err, code, NULL,
		                    "cannot prepare the request");
	}
	return GOSEND_OK;
}

int gosend__exchange_finish(gosend__exchange *x, int curl_code, int saved_errno)
{
	gosend_client *c = x->r->client;
	gosend__response *res = &x->res;
	CURLcode cc = (CURLcode)curl_code;
	int code;

	if (cc != CURLE_OK && saved_errno == ENOMEM)
		cc = CURLE_OUT_OF_MEMORY; /* an allocation failed inside */
	code = finish(&x->a, cc, res, effectful(x->r));
	if (code == GOSEND_ENOTFOUND && x->maybe_done &&
	    strcmp(x->r->method, "DELETE") == 0) {
		/* an earlier attempt's answer was lost: it deleted it */
		code = res->code = GOSEND_OK;
		gosend__log(c, GOSEND_LOG_INFO,
		            "DELETE %s: 404 after a lost answer, taken as "
		            "deleted",
		            x->path);
	}
	if (code != GOSEND_OK && maybe_processed(res))
		x->maybe_done = 1;
	gosend__attempt_release(&x->a, c,
	                        cc == CURLE_OK || res->code == GOSEND_EHTTP ||
	                                status_retryable(res->status));
	res->meta.idempotency_key = x->r->idem_key[0] ? x->r->idem_key : NULL;
	gosend__log(c, GOSEND_LOG_INFO, "%s %s -> %ld (%s) attempt %u",
	            x->r->method, x->path, res->status,
	            code == 0 ? "ok" : gosend_strerror(code), x->attempt_no);
	return code;
}

int gosend__exchange_retry(gosend__exchange *x, long long *delay_ms)
{
	gosend_client *c = x->r->client;
	gosend__response *res = &x->res;
	long long delay;
	long ra;

	if ((long)x->attempt_no > x->max_retries || !may_retry(x->r, res))
		return 0;
	/* Choose the delay: the server's word first, else backoff. */
	ra = res->meta.retry_after_s;
	if (ra < 0 && res->status)
		ra = body_retry_after(res);
	if (ra >= 0) {
		delay = (long long)ra * 1000;
		if (delay > c->retry_after_cap_ms)
			return 0;
	} else {
		long long d = c->retry_base_ms;
		unsigned int k;
		for (k = 1; k < x->attempt_no && d < c->retry_max_ms; k++)
			d *= 2;
		if (d > c->retry_max_ms)
			d = c->retry_max_ms;
		/* equal jitter: half fixed, half random */
		delay = d / 2 + (long long)(gosend__random(c) %
		                            (unsigned long long)(d / 2 + 1));
	}
	if (x->deadline && gosend__now_ms(c) + delay >= x->deadline)
		return 0;
	if (c->on_retry) {
		gosend__failure f;
		gosend_error *why = NULL;
		fill_failure(&f, x->r, res);
		(void)gosend__report(&why, &f);
		c->on_retry(x->attempt_no, delay, why, c->on_retry_payload);
		gosend_error_free(why);
	}
	gosend__log(c, GOSEND_LOG_WARN,
	            "%s %s: retrying in %lld ms after attempt %u (%s)",
	            x->r->method, x->path, delay, x->attempt_no,
	            gosend_strerror(res->code));
	*delay_ms = delay;
	return 1;
}

int gosend__exchange_fail(gosend__exchange *x, gosend_error **err)
{
	gosend__failure f;
	int code;

	fill_failure(&f, x->r, &x->res);
	gosend__log(x->r->client, GOSEND_LOG_ERROR, "%s %s failed: %s",
	            x->r->method, x->path, gosend_strerror(x->res.code));
	code = gosend__report(err, &f);
	gosend__response_dispose(&x->res);
	return code;
}

int gosend__execute(gosend__request *r, gosend__response *res,
                    gosend_error **err)
{
	gosend__exchange x;
	int code;

	memset(res, 0, sizeof(*res));
	code = gosend__exchange_begin(&x, r, err);
	if (code < 0)
		return code;
	for (;;) {
		long long delay = 0;
		CURLcode cc;

		code = gosend__exchange_prepare(&x, err);
		if (code < 0)
			return code;
		errno = 0;
		cc = curl_easy_perform(x.a.h);
		code = gosend__exchange_finish(&x, (int)cc, errno);
		if (code == GOSEND_OK) {
			gosend__response_move(res, &x.res);
			return GOSEND_OK;
		}
		if (!gosend__exchange_retry(&x, &delay))
			return gosend__exchange_fail(&x, err);
		gosend__sleep_ms(r->client, delay);
	}
}

int gosend__wrap_response(gosend__response *res, size_t size, void **pub,
                          const gosend_meta **meta, int how, gosend_error **err)
{
	gosend__holder *h;
	gosend__failure f;
	void *obj;
	int rc;

	*pub = NULL;
	obj = gosend__obj_new(size, &h);
	if (!obj || !(*meta = gosend__h_meta(h, &res->meta))) {
		gosend__obj_free(obj);
		gosend__response_dispose(res);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	*(unsigned int *)obj = 1;
	h->meta = *meta;
	h->body_len = res->body.len;
	h->body = gosend__buf_detach(&res->body);
	if (!h->body) {
		gosend__obj_free(obj);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	if (how != GOSEND__WRAP_JSON && h->body_len == 0) {
		rc = GOSEND__DECODE_BAD;
	} else {
		rc = gosend__parse_body(h, h->body, h->body_len);
	}
	if (rc == GOSEND__DECODE_BAD && how != GOSEND__WRAP_JSON &&
	    (how == GOSEND__WRAP_ANY || h->body_len == 0)) {
		/* the call took effect: an answer we cannot read is no error;
		 * the body stays reachable as it came */
		cJSON_Delete(h->root);
		h->root = cJSON_CreateNull();
		rc = h->root ? GOSEND__DECODE_OK : GOSEND__DECODE_NOMEM;
	}
	if (rc != GOSEND__DECODE_OK) {
		memset(&f, 0, sizeof(f));
		f.code = rc == GOSEND__DECODE_NOMEM ? GOSEND_ENOMEM
		                                    : GOSEND_EPROTOCOL;
		f.message = rc == GOSEND__DECODE_NOMEM
		                    ? "out of memory"
		                    : "response body is not valid JSON";
		f.body = h->body;
		f.body_len = h->body_len;
		f.meta = *meta;
		rc = gosend__report(err, &f);
		gosend__obj_free(obj);
		return rc;
	}
	*pub = obj;
	return GOSEND_OK;
}

int gosend__call(gosend__request *r, size_t size, void **pub,
                 const gosend_meta **meta, int how, gosend_error **err)
{
	gosend__response res;
	int rc;

	*pub = NULL;
	rc = gosend__execute(r, &res, err);
	if (rc < 0)
		return rc;
	return gosend__wrap_response(&res, size, pub, meta, how, err);
}

int gosend__obj_from_body(size_t size, const char *body, size_t len, void **pub,
                          gosend_error **err)
{
	gosend__holder *h;
	void *obj;
	int rc;

	*pub = NULL;
	if (!body)
		return gosend__fail(err, GOSEND_EINVAL, "body", "body is NULL");
	obj = gosend__obj_new(size, &h);
	if (!obj || !(h->meta = gosend__h_meta(h, NULL)) ||
	    !(h->body = gosend__strndup(body, len))) {
		gosend__obj_free(obj);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	*(unsigned int *)obj = 1;
	h->body_len = len;
	rc = gosend__parse_body(h, h->body, len);
	if (rc != GOSEND__DECODE_OK) {
		gosend__failure f;
		memset(&f, 0, sizeof(f));
		f.code = rc == GOSEND__DECODE_NOMEM ? GOSEND_ENOMEM
		                                    : GOSEND_EPROTOCOL;
		f.message = "body is not valid JSON";
		f.body = body;
		f.body_len = len;
		rc = gosend__report(err, &f);
		gosend__obj_free(obj);
		return rc;
	}
	*pub = obj;
	return GOSEND_OK;
}

int gosend__decode_fail(void *pub, int rc, const char *bad, gosend_error **err)
{
	gosend__holder *h = gosend__obj_holder(pub);
	gosend__failure f;
	char msg[200];
	int code;

	memset(&f, 0, sizeof(f));
	if (rc == GOSEND__DECODE_NOMEM) {
		f.code = GOSEND_ENOMEM;
		f.message = "out of memory";
		f.meta = h->meta;
	} else {
		f.code = GOSEND_EPROTOCOL;
		(void)snprintf(msg, sizeof(msg),
		               "response field '%s' is missing or has the "
		               "wrong type",
		               bad ? bad : "?");
		f.message = msg;
		f.field = bad;
		f.meta = h->meta;
		f.body = h->body;
		f.body_len = h->body_len;
	}
	code = gosend__report(err, &f);
	gosend__obj_free(pub);
	return code;
}

int gosend__meta_from_headers(gosend_meta *meta, const char *headers,
                              size_t len)
{
	gosend__response res;
	size_t start = 0, i;

	memset(&res, 0, sizeof(res));
	reset_meta(&res);
	for (i = 0; i < len; i++) {
		if (headers[i] == '\n') {
			(void)on_header((char *)(uintptr_t)(headers + start), 1,
			                i + 1 - start, &res);
			start = i + 1;
		}
	}
	if (start < len)
		(void)on_header((char *)(uintptr_t)(headers + start), 1,
		                len - start, &res);
	*meta = res.meta;
	meta->request_id = NULL;
	meta->content_type = NULL;
	return GOSEND_OK;
}

int gosend__error_from_response(gosend_error **err, long status,
                                const char *body, size_t len)
{
	gosend__response res;
	gosend__failure f;

	memset(&res, 0, sizeof(res));
	reset_meta(&res);
	res.status = status;
	res.meta.http_status = status;
	res.code = gosend_error_code_for_status(status);
	if (res.code == GOSEND_OK)
		res.code = GOSEND_EHTTP;
	fill_failure(&f, NULL, &res);
	f.body = body;
	f.body_len = len;
	return gosend__report(err, &f);
}
