#include "core/errors.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/log.h"

static const gosend_meta oom_meta = {1,  0,  NULL, -1, -1,   -1, -1, -1,
                                     -1, -1, NULL, 0,  NULL, -1, 0};

/* When the detail of a failure cannot be allocated, the caller still gets
 * the failure's own code: one static detail per code. */
#define OOM_ERROR(code)                                                        \
	{                                                                      \
		1, code, 0, "out of memory while describing the error", NULL,  \
		        0, NULL, 0, NULL, NULL, -1, NULL, NULL, NULL, 0, NULL, \
		        &oom_meta, 0                                           \
	}
static const gosend_error oom_errors[] = {
        OOM_ERROR(0),   OOM_ERROR(-1),  OOM_ERROR(-2),  OOM_ERROR(-3),
        OOM_ERROR(-4),  OOM_ERROR(-5),  OOM_ERROR(-6),  OOM_ERROR(-7),
        OOM_ERROR(-8),  OOM_ERROR(-9),  OOM_ERROR(-10), OOM_ERROR(-11),
        OOM_ERROR(-12), OOM_ERROR(-13), OOM_ERROR(-14), OOM_ERROR(-15),
        OOM_ERROR(-16), OOM_ERROR(-17), OOM_ERROR(-18), OOM_ERROR(-19),
        OOM_ERROR(-20)};
#define N_OOM_ERRORS (sizeof(oom_errors) / sizeof(oom_errors[0]))

static gosend_error *oom_error_for(int code)
{
	size_t i = code <= 0 && (size_t)-code < N_OOM_ERRORS
	                   ? (size_t)-code
	                   : (size_t)-GOSEND_ENOMEM;
	return (gosend_error *)(uintptr_t)&oom_errors[i];
}

/* long: one case per code */
const char *gosend_strerror(int code)
{
	switch (code) {
	case GOSEND_OK:
		return "success";
	case GOSEND_ERROR:
		return "error";
	case GOSEND_EINVAL:
		return "invalid argument (nothing sent)";
	case GOSEND_ENOMEM:
		return "out of memory";
	case GOSEND_ENETWORK:
		return "network error (no response)";
	case GOSEND_ETIMEOUT:
		return "timed out";
	case GOSEND_ETLS:
		return "TLS error";
	case GOSEND_EPROTOCOL:
		return "unexpected response from server";
	case GOSEND_ETOOLARGE:
		return "response too large";
	case GOSEND_EBADREQUEST:
		return "bad request (HTTP 400)";
	case GOSEND_EUNAUTHORIZED:
		return "unauthorized (HTTP 401)";
	case GOSEND_EFORBIDDEN:
		return "forbidden (HTTP 403)";
	case GOSEND_ENOTFOUND:
		return "not found (HTTP 404)";
	case GOSEND_ECONFLICT:
		return "conflict (HTTP 409)";
	case GOSEND_EUNSUPPORTED:
		return "unsupported media type (HTTP 415)";
	case GOSEND_EUNPROCESSABLE:
		return "unprocessable entity (HTTP 422)";
	case GOSEND_ERATELIMIT:
		return "rate limited (HTTP 429)";
	case GOSEND_ESERVER:
		return "server error (HTTP 5xx)";
	case GOSEND_EHTTP:
		return "unexpected HTTP status";
	case GOSEND_ESIGNATURE:
		return "webhook signature mismatch";
	case GOSEND_EPAGINATION:
		return "the server's pages do not progress";
	case GOSEND_ECANCELED:
		return "cancelled";
	case GOSEND_ESTORE:
		return "outbox database error";
	case GOSEND_ESTORE_BUSY:
		return "outbox database is locked";
	case GOSEND_ESTORE_CORRUPT:
		return "outbox database is not an outbox or is damaged";
	case GOSEND_ESTORE_READONLY:
		return "outbox database cannot be written";
	case GOSEND_ESTORE_FULL:
		return "outbox database: disk full";
	default:
		return "unknown error";
	}
}

int gosend_error_code_for_status(long s)
{
	if (s >= 200 && s < 300)
		return GOSEND_OK;
	switch (s) {
	case 400:
		return GOSEND_EBADREQUEST;
	case 401:
		return GOSEND_EUNAUTHORIZED;
	case 403:
		return GOSEND_EFORBIDDEN;
	case 404:
		return GOSEND_ENOTFOUND;
	case 409:
		return GOSEND_ECONFLICT;
	case 415:
		return GOSEND_EUNSUPPORTED;
	case 422:
		return GOSEND_EUNPROCESSABLE;
	case 429:
		return GOSEND_ERATELIMIT;
	default:
		break;
	}
	if (s >= 500 && s < 600)
		return GOSEND_ESERVER;
	return GOSEND_EHTTP;
}

void gosend_error_free(gosend_error *err)
{
	if (err && !(err >= oom_errors && err < oom_errors + N_OOM_ERRORS))
		gosend__obj_free(err);
}

int gosend_error_is_retryable(const gosend_error *err)
{
	return err ? err->retryable != 0 : 0;
}

/* Read an API error body (the masked one) into e; its messages are joined
 * into *joined. 0, or -1 when out of memory. */
static int read_body(gosend_error *e, gosend__holder *h,
                     gosend__error_body_fn read, const char *body, size_t len,
                     gosend__buf *joined)
{
	gosend__error_body b;
	size_t i;

	memset(&b, 0, sizeof(b));
	b.retry_after_s = -1;
	if (read(h, body, len, &b) < 0)
		return -1;
	e->status_code = b.status_code;
	e->error = b.error;
	if (b.retry_after_s >= 0)
		e->retry_after_s = b.retry_after_s;
	e->details_json = b.details_json;
	e->field = b.field;
	e->messages = b.messages;
	e->messages_count = b.messages_count;
	for (i = 0; i < b.messages_count; i++) {
		if (i)
			gosend__buf_puts(joined, "; ");
		gosend__buf_puts(joined, b.messages[i]);
	}
	return joined->oom ? -1 : 0;
}

/* A short printable excerpt of a non-JSON body, for the message. */
static void excerpt(gosend__buf *b, const char *body, size_t len)
{
	size_t i, n = 0;
	int space = 0;

	for (i = 0; i < len && n < 120; i++) {
		unsigned char c = (unsigned char)body[i];
		if (c < 0x20 || c == 0x7f) {
			space = 1;
			continue;
		}
		if (space && n) {
			gosend__buf_put(b, " ", 1);
			n++;
		}
		space = 0;
		gosend__buf_put(b, (const char *)&body[i], 1);
		n++;
	}
	if (i < len)
		gosend__buf_puts(b, "...");
}

/* text with the client's API key masked, in h's arena; NULL on OOM */
static const char *masked(gosend__holder *h, const gosend_client *c,
                          const char *text, size_t len, size_t *outlen)
{
	char *m;
	const char *r;

	if (!c) {
		*outlen = len;
		return gosend__h_strndup(h, text, len);
	}
	m = gosend__mask_key(c, text, len, outlen);
	if (!m)
		return NULL;
	r = gosend__h_strndup(h, m, *outlen);
	gosend__free(m);
	return r;
}

/* The request id of the meta, masked like the rest (a server may echo the
 * key anywhere). 0, or -1 when out of memory. */
static int mask_meta(gosend__holder *h, const gosend_client *c, gosend_meta *m)
{
	size_t n;

	if (!c || !m->request_id)
		return 0;
	m->request_id = masked(h, c, m->request_id, strlen(m->request_id), &n);
	return m->request_id ? 0 : -1;
}

/* The message of e when the body gave none: the library's text, the
 * transport's, or the status; an excerpt of a body that said nothing
 * readable follows. */
static void default_message(gosend__buf *msg, const gosend_error *e,
                            const gosend__failure *f)
{
	if (f->message)
		gosend__buf_puts(msg, f->message);
	else if (f->transport)
		gosend__buf_puts(msg, f->transport);
	else if (e->http_status)
		gosend__buf_printf(msg, "HTTP %ld: %s", e->http_status,
		                   gosend_strerror(f->code));
	else
		gosend__buf_puts(msg, gosend_strerror(f->code));
	if (e->body && f->body_len && !e->messages_count) {
		gosend__buf_puts(msg, " (body: ");
		excerpt(msg, e->body, strlen(e->body));
		gosend__buf_puts(msg, ")");
	}
}

/* Fill the new error e (held by h) from f. 0, or -1 when out of memory. */
static int describe(gosend_error *e, gosend__holder *h,
                    const gosend__failure *f, gosend__buf *msg)
{
	gosend_meta *meta;
	size_t n;

	meta = gosend__h_meta(h, f->meta);
	if (!meta || mask_meta(h, f->client, meta) < 0)
		return -1;
	e->meta = meta;
	e->http_status = meta->http_status;
	e->request_id = meta->request_id;
	e->attempts = meta->attempts;
	e->idempotency_key = meta->idempotency_key;
	if (f->body) {
		e->body = masked(h, f->client, f->body, f->body_len, &n);
		if (!e->body ||
		    (f->read_body &&
		     read_body(e, h, f->read_body, e->body, n, msg) < 0))
			return -1;
	}
	if (meta->retry_after_s >= 0)
		e->retry_after_s = meta->retry_after_s;
	if (f->field && !e->field &&
	    !(e->field = gosend__h_strdup(h, f->field)))
		return -1;
	if (f->transport) {
		e->transport_message = masked(h, f->client, f->transport,
		                              strlen(f->transport), &n);
		if (!e->transport_message)
			return -1;
	}
	if (msg->len == 0)
		default_message(msg, e, f);
	if (msg->oom)
		return -1;
	e->message =
	        masked(h, f->client, msg->ptr ? msg->ptr : "", msg->len, &n);
	return e->message ? 0 : -1;
}

int gosend__report(gosend_error **err, const gosend__failure *f)
{
	gosend__holder *h;
	gosend_error *e;
	gosend__buf msg = GOSEND__BUF_INIT;

	if (!err)
		return f->code;
	*err = NULL;
	e = gosend__obj_new(sizeof(*e), &h);
	if (e) {
		e->struct_version = 1;
		e->code = f->code;
		e->retryable = f->retryable;
		e->retry_after_s = -1;
	}
	if (!e || describe(e, h, f, &msg) < 0) {
		gosend__buf_dispose(&msg);
		gosend__obj_free(e);
		*err = oom_error_for(f->code);
		return f->code;
	}
	gosend__buf_dispose(&msg);
	*err = e;
	return f->code;
}

int gosend__fail(gosend_error **err, int code, const char *field,
                 const char *fmt, ...)
{
	gosend__failure f;
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	memset(&f, 0, sizeof(f));
	f.code = code;
	f.field = field;
	f.message = text;
	return gosend__report(err, &f);
}

int gosend__call_begin(gosend_error **err, int out_given,
                       const gosend_client *client)
{
	if (err)
		*err = NULL;
	if (!out_given)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	if (!client)
		return gosend__fail(err, GOSEND_EINVAL, "client",
		                    "client is NULL");
	return GOSEND_OK;
}
