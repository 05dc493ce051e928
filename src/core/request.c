#include "core/request.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/check.h"
#include "core/client.h"
#include "core/errors.h"

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
	if (opts && opts->idempotency_key)
		(void)snprintf(r->idem_key, sizeof(r->idem_key), "%s",
		               opts->idempotency_key);
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
	gosend__free(r->owned);
	r->owned = NULL;
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

void gosend__response_reset_meta(gosend__response *res)
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
