/* One call with its retries: the policy of docs/reliability.md. */
#include "call/exchange.h"

#include <stdio.h>
#include <string.h>

#include "core/client.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/ratelimit.h"
#include "json/body.h"

/* Whether a request's effect cannot be undone or repeated safely: a 2xx
 * status then means it took effect, whatever happened to the body. */
static int effectful(const gosend__request *r)
{
	return strcmp(r->method, "GET") != 0;
}

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
		    res->code != GOSEND_ETIMEOUT &&
		    res->code != GOSEND_ECANCELED)
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
		                          res->code == GOSEND_ETIMEOUT ||
		                          res->code == GOSEND_ECANCELED);
	return res->status >= 500 && !not_processed(res);
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
		f->read_body = gosend__error_body_read;
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

int gosend__exchange_admit(gosend__exchange *x, long long *wait_ms)
{
	gosend_client *c = x->r->client;
	long long w = gosend__rate_admit(c, &x->admitted_ms);

	if (w <= 0)
		return 0;
	if (x->deadline && gosend__now_ms(c) + w >= x->deadline) {
		gosend__log(
		        c, GOSEND_LOG_DEBUG,
		        "%s %s: the rate limit's wait of %lld ms passes the "
		        "deadline",
		        x->r->method, x->path, w);
		return -1;
	}
	*wait_ms = w;
	return 1;
}

/* The admitted attempt ended (res: its answer, if any). */
static void settle_rate(gosend__exchange *x, const gosend__response *res)
{
	if (!x->admitted_ms)
		return;
	gosend__rate_settle(x->r->client, x->admitted_ms,
	                    res ? &res->meta : NULL);
	x->admitted_ms = 0;
}

int gosend__exchange_prepare(gosend__exchange *x, gosend_error **err)
{
	gosend_client *c = x->r->client;
	gosend__response *res = &x->res;
	long this_timeout = x->timeout;
	int code;

	x->attempt_no++;
	gosend__buf_dispose(&res->body);
	gosend__response_reset_meta(res);
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
	gosend__log(c, GOSEND_LOG_DEBUG, "%s %s: attempt %u, timeout %ld ms",
	            x->r->method, x->path, x->attempt_no, this_timeout);
	code = gosend__transfer_prepare(&x->t, x->r, res, this_timeout);
	if (code < 0) {
		settle_rate(x, NULL);
		gosend__transfer_release(&x->t, c, 0, x->keep);
		gosend__response_dispose(res);
		return gosend__fail(err, code, NULL,
		                    "cannot prepare the request");
	}
	return GOSEND_OK;
}

/*
 * The attempt's code from the transport's verdict and the status: a 2xx
 * status of a request that took effect is success even when its body did
 * not arrive whole (cut at the size cap, by a timeout or a closed
 * connection); then meta.body_incomplete is set.
 */
static int judge(gosend__exchange *x, int transport)
{
	gosend__response *res = &x->res;

	if (transport != GOSEND_OK) {
		if (!(effectful(x->r) && transport != GOSEND_ENOMEM &&
		      res->seen_status >= 200 && res->seen_status < 300)) {
			res->status = 0;
			res->meta.http_status = 0;
			return res->code = transport;
		}
		res->meta.body_incomplete = 1;
		res->too_large = 0;
		res->status = res->seen_status;
	}
	res->meta.http_status = res->status;
	res->meta.request_id = res->request_id[0] ? res->request_id : NULL;
	res->meta.content_type =
	        res->content_type[0] ? res->content_type : NULL;
	res->code = gosend_error_code_for_status(res->status);
	if (!res->body.ptr)
		gosend__buf_grow(&res->body, 0);
	if (res->body.oom)
		res->code = GOSEND_ENOMEM;
	return res->code;
}

int gosend__exchange_finish(gosend__exchange *x, int result, int saved_errno)
{
	gosend_client *c = x->r->client;
	gosend__response *res = &x->res;
	int transport, code;

	transport = gosend__transfer_done(x->t, result, saved_errno, res);
	code = judge(x, transport);
	settle_rate(x, res);
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
	gosend__transfer_release(&x->t, c,
	                         transport == GOSEND_OK ||
	                                 res->code == GOSEND_EHTTP ||
	                                 status_retryable(res->status),
	                         x->keep);
	res->meta.idempotency_key = x->r->idem_key[0] ? x->r->idem_key : NULL;
	gosend__log(c, GOSEND_LOG_INFO, "%s %s -> %ld (%s) attempt %u",
	            x->r->method, x->path, res->status,
	            code == 0 ? "ok" : gosend_strerror(code), x->attempt_no);
	return code;
}

/* The wait before the next attempt: the server's word (Retry-After, else
 * the body's retry_after_seconds) first, else exponential backoff with
 * equal jitter. -1 when the server asks for more than the client's cap. */
static long long retry_delay(gosend__exchange *x)
{
	gosend_client *c = x->r->client;
	gosend__response *res = &x->res;
	long long d = c->retry_base_ms;
	unsigned int k;
	long ra;

	ra = res->meta.retry_after_s;
	if (ra < 0 && res->status)
		ra = gosend__body_retry_after(res->body.ptr, res->body.len);
	if (ra >= 0) {
		d = (long long)ra * 1000;
		gosend__log(c, GOSEND_LOG_DEBUG,
		            "%s %s: the server asks to wait %lld ms (cap %ld)",
		            x->r->method, x->path, d, c->retry_after_cap_ms);
		return d > c->retry_after_cap_ms ? -1 : d;
	}
	for (k = 1; k < x->attempt_no && d < c->retry_max_ms; k++)
		d *= 2;
	if (d > c->retry_max_ms)
		d = c->retry_max_ms;
	/* equal jitter: half fixed, half random */
	d = d / 2 +
	    (long long)(gosend__random(c) % (unsigned long long)(d / 2 + 1));
	gosend__log(c, GOSEND_LOG_DEBUG,
	            "%s %s: backoff %lld ms after attempt %u", x->r->method,
	            x->path, d, x->attempt_no);
	return d;
}

int gosend__exchange_retry(gosend__exchange *x, long long *delay_ms)
{
	gosend_client *c = x->r->client;
	gosend__response *res = &x->res;
	long long delay;

	if ((long)x->attempt_no > x->max_retries || !may_retry(x->r, res))
		return 0;
	delay = retry_delay(x);
	if (delay < 0)
		return 0;
	if (x->deadline && gosend__now_ms(c) + delay >= x->deadline) {
		gosend__log(c, GOSEND_LOG_DEBUG,
		            "%s %s: no retry, a wait of %lld ms passes the "
		            "deadline",
		            x->r->method, x->path, delay);
		return 0;
	}
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

	if (x->attempt_no == 0) {
		/* ended before any attempt: nothing was sent */
		gosend__response_dispose(&x->res);
		return gosend__fail(err, GOSEND_ETIMEOUT, NULL,
		                    "the call's deadline passed before its "
		                    "first attempt; nothing was sent");
	}
	fill_failure(&f, x->r, &x->res);
	gosend__log(x->r->client, GOSEND_LOG_ERROR, "%s %s failed: %s",
	            x->r->method, x->path, gosend_strerror(x->res.code));
	code = gosend__report(err, &f);
	gosend__response_dispose(&x->res);
	return code;
}

int gosend__exchange_abort(gosend__exchange *x, int why, const char *text,
                           gosend_error **err)
{
	int code;

	/* out of its multi: the transport no longer writes the buffer */
	(void)snprintf(x->res.errbuf, sizeof(x->res.errbuf), "%s", text);
	code = gosend__exchange_finish(x,
	                               why == GOSEND_ETIMEOUT
	                                       ? gosend__xfer_timed_out
	                                       : gosend__xfer_aborted,
	                               0);
	if (code == GOSEND_OK)
		return GOSEND_OK;
	if (x->res.status == 0)
		x->res.code = why;
	return gosend__exchange_fail(x, err);
}

/* Wait for the client's rate limit before an attempt: 0, or -1 when the
 * wait passes the deadline. */
static int wait_admitted(gosend__exchange *x)
{
	long long wait = 0;
	int rc;

	while ((rc = gosend__exchange_admit(x, &wait)) > 0)
		gosend__sleep_ms(x->r->client, wait);
	return rc;
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
		int result, saved_errno;

		if (wait_admitted(&x) < 0)
			return gosend__exchange_fail(&x, err);
		code = gosend__exchange_prepare(&x, err);
		if (code < 0)
			return code;
		result = gosend__transfer_perform(x.t, &saved_errno);
		code = gosend__exchange_finish(&x, result, saved_errno);
		if (code == GOSEND_OK) {
			gosend__response_move(res, &x.res);
			return GOSEND_OK;
		}
		if (!gosend__exchange_retry(&x, &delay))
			return gosend__exchange_fail(&x, err);
		gosend__sleep_ms(r->client, delay);
	}
}

int gosend__error_from_response(gosend_error **err, long status,
                                const char *body, size_t len)
{
	gosend__response res;
	gosend__failure f;

	memset(&res, 0, sizeof(res));
	gosend__response_reset_meta(&res);
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
