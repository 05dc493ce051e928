/* Calling an endpoint from its description (see endpoint.h). */
#include "call/endpoint.h"

#include <string.h>

#include "call/list.h"
#include "core/alloc.h"
#include "core/errors.h"
#include "json/body.h"
#include "json/shape.h"

/* Append the path template, each "{name}" replaced by the next id. */
static int put_path(gosend__request *r, const char *path,
                    const char *const *ids, gosend_error **err)
{
	char field[64];
	size_t n = 0;
	int rc;

	while (*path) {
		const char *open = strchr(path, '{');
		const char *close;
		size_t lit = open ? (size_t)(open - path) : strlen(path);

		if (lit && gosend__buf_put(&r->url, path, lit) < 0)
			return gosend__fail(err, GOSEND_ENOMEM, NULL,
			                    "out of memory");
		if (!open)
			break;
		close = strchr(open, '}');
		if (!close || (size_t)(close - open) > sizeof(field))
			return gosend__fail(err, GOSEND_ERROR, NULL,
			                    "bad path template");
		memcpy(field, open + 1, (size_t)(close - open - 1));
		field[close - open - 1] = '\0';
		/* the template writes the '/' before the segment; req_id
		 * adds its own, so drop the literal one */
		if (r->url.len && r->url.ptr[r->url.len - 1] == '/')
			r->url.len--;
		rc = gosend__req_id(r, ids ? ids[n] : NULL, field, err);
		if (rc < 0)
			return rc;
		n++;
		path = close + 1;
	}
	return GOSEND_OK;
}

int gosend__ep_request(gosend__request *r, const gosend__endpoint *ep,
                       gosend__ep_args *a, gosend_error **err)
{
	char *body = a->body;
	int rc;

	a->body = NULL;
	rc = gosend__req_init(r, a->client, ep->method, "", a->opts, err);
	if (rc == 0)
		rc = put_path(r, ep->path, a->ids, err);
	if (rc == 0 && r->url.oom)
		rc = gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (rc == 0 && ep->shape == GOSEND__PAGE)
		rc = gosend__req_list(r, a->page, err);
	if (rc < 0) {
		gosend__free(body);
		gosend__req_dispose(r);
		return rc;
	}
	if (body)
		gosend__req_body(r, body, a->body_len);
	r->parts = a->parts;
	r->nparts = a->nparts;
	r->is_send = (ep->flags & GOSEND__EP_SEND) != 0;
	return GOSEND_OK;
}

int gosend__ep_decode(const gosend__endpoint *ep, gosend__response *res,
                      void **out, gosend_error **err)
{
	const gosend_meta *meta = NULL;
	int rc;

	*out = NULL;
	switch (ep->shape) {
	case GOSEND__ONE:
		rc = gosend__wrap_response(res, gosend__type_size(ep->type),
		                           out, &meta, GOSEND__WRAP_JSON, err);
		if (rc == 0)
			rc = gosend__decode_one(*out, ep->type, err);
		break;
	case GOSEND__PAGE:
		rc = gosend__wrap_response(res, sizeof(gosend__list), out,
		                           &meta, GOSEND__WRAP_JSON, err);
		if (rc == 0)
			rc = gosend__list_decode(*out, ep->type, err);
		break;
	case GOSEND__ANSWER:
		rc = gosend__wrap_response(res, gosend__type_size(ep->type),
		                           out, &meta, GOSEND__WRAP_ANY, err);
		if (rc == 0)
			rc = gosend__decode_effect(*out, ep->type, err);
		if (rc == 0 && (ep->flags & GOSEND__EP_NEED_ID) &&
		    !gosend__item_id(ep->type, *out)) {
			gosend__obj_free(*out);
			*out = NULL;
		}
		break;
	default:
		gosend__response_dispose(res);
		return GOSEND_OK;
	}
	if (rc < 0)
		*out = NULL; /* the decoders free it */
	return rc;
}

/* The capture of this thread (see gosend__capture_set). */
static _Thread_local gosend__capture *capture;

gosend__capture *gosend__capture_set(gosend__capture *cap)
{
	gosend__capture *prev = capture;

	capture = cap;
	return prev;
}

/* Copy len bytes of s (NUL added) at *at; NULL stays NULL. */
static const char *put(char **at, const char *s, size_t len)
{
	char *d = *at;

	if (!s)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	*at += len + 1;
	return d;
}

static const char *put_str(char **at, const char *s)
{
	return s ? put(at, s, strlen(s)) : NULL;
}

static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* Bytes to copy the request's options and parts. */
static size_t args_size(const gosend__request *r)
{
	const gosend_request_options *o = r->opts;
	size_t n = r->nparts * sizeof(gosend__part), i;

	for (i = 0; i < r->nparts; i++) {
		const gosend__part *p = &r->parts[i];
		n += str_size(p->name) + (p->data ? p->len + 1 : 0) +
		     str_size(p->filename) + str_size(p->path) +
		     str_size(p->type);
	}
	if (o) {
		n += sizeof(*o) + o->headers_count * sizeof(char *);
		for (i = 0; i < o->headers_count; i++)
			n += str_size(o->headers[i]);
	}
	return n;
}

/* Copy the parts: the array at pc, the bytes at *at. */
static void copy_parts(gosend__request *r, gosend__part *pc, char **at)
{
	size_t i;

	for (i = 0; i < r->nparts; i++) {
		const gosend__part *p = &r->parts[i];
		pc[i] = *p;
		pc[i].name = put_str(at, p->name);
		pc[i].data = put(at, p->data, p->len);
		pc[i].filename = put_str(at, p->filename);
		pc[i].path = put_str(at, p->path);
		pc[i].type = put_str(at, p->type);
	}
	r->parts = pc;
}

/* Copy the options: the struct at oc, the header pointers at hc, the
 * lines at *at. The idempotency key is already in the request. */
static void copy_opts(gosend__request *r, gosend_request_options *oc,
                      const char **hc, char **at)
{
	const gosend_request_options *o = r->opts;
	size_t i;

	*oc = *o;
	for (i = 0; i < o->headers_count; i++)
		hc[i] = put_str(at, o->headers[i]);
	oc->headers = o->headers_count ? hc : NULL;
	oc->idempotency_key = NULL;
	r->opts = oc;
}

/*
 * A captured request outlives the function that built it, and what it
 * points to may not: its parts may live in that function's frame (the
 * array, a file name made there), its options in the caller's. Copy them
 * into one block the request owns: the parts array, the options and their
 * header pointers (all of pointer alignment), then the bytes.
 */
static int own_args(gosend__request *r)
{
	size_t n = args_size(r), nh = r->opts ? r->opts->headers_count : 0;
	gosend_request_options *oc;
	gosend__part *pc;
	const char **hc;
	char *at;

	if (!n)
		return GOSEND_OK;
	if (!(r->owned = gosend__malloc(n)))
		return GOSEND_ENOMEM;
	pc = r->owned;
	oc = (gosend_request_options *)(void *)(pc + r->nparts);
	hc = (const char **)(void *)(r->opts ? oc + 1 : oc);
	at = (char *)(hc + nh);
	if (r->nparts)
		copy_parts(r, pc, &at);
	if (r->opts)
		copy_opts(r, oc, hc, &at);
	return GOSEND_OK;
}

/* Hand the built request to the capture instead of running it. */
static int captured(const gosend__endpoint *ep, gosend__request *r,
                    gosend_error **err)
{
	gosend__capture *cap = capture;

	if (cap->ep) {
		gosend__req_dispose(r);
		return gosend__fail(err, GOSEND_ERROR, NULL,
		                    "one asynchronous call made two requests");
	}
	if (own_args(r) < 0) {
		gosend__req_dispose(r);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	cap->ep = ep;
	cap->req = *r;
	return GOSEND_OK;
}

static int run(const gosend__endpoint *ep, gosend__request *r, void **out,
               gosend_error **err)
{
	gosend__response res;
	int rc = gosend__execute(r, &res, err);

	if (rc < 0)
		return rc;
	return gosend__ep_decode(ep, &res, out, err);
}

int gosend__ep_call(const gosend__endpoint *ep, gosend__ep_args *a, void **out,
                    gosend_error **err)
{
	gosend__request r;
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!out && ep->shape != GOSEND__NOTHING) {
		gosend__free(a->body);
		a->body = NULL;
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	}
	if (out)
		*out = NULL;
	rc = gosend__ep_request(&r, ep, a, err);
	if (rc < 0)
		return rc;
	if (capture)
		return captured(ep, &r, err);
	rc = run(ep, &r, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	if (out)
		*out = obj;
	return GOSEND_OK;
}

int gosend__ep_iter(const gosend__endpoint *ep, gosend__ep_args *a,
                    size_t max_items, gosend_iter **out, gosend_error **err)
{
	gosend__request r;
	int rc;

	if (err)
		*err = NULL;
	if (!out) {
		gosend__free(a->body); /* taken in every case */
		a->body = NULL;
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	}
	*out = NULL;
	a->page = NULL;
	rc = gosend__ep_request(&r, ep, a, err);
	if (rc < 0)
		return rc;
	rc = gosend__iter_new(out, &r, ep->type, max_items, err);
	gosend__req_dispose(&r);
	return rc;
}

int gosend__ep_next(const gosend__endpoint *ep, gosend_iter *it,
                    const void **item, gosend_error **err)
{
	return gosend__iter_next(it, ep->type, item, err);
}

int gosend__decode(const gosend__decoder *type, int shape, const char *body,
                   size_t len, void **out, gosend_error **err)
{
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	switch (shape) {
	case GOSEND__ONE:
		rc = gosend__item_from_json(type, body, len, &obj, err);
		break;
	case GOSEND__PAGE:
		rc = gosend__list_from_json(type, body, len, &obj, err);
		break;
	case GOSEND__ANSWER:
		rc = gosend__obj_from_body(gosend__type_size(type), body, len,
		                           &obj, err);
		if (rc == 0)
			rc = gosend__decode_effect(obj, type, err);
		break;
	default:
		rc = gosend__fail(err, GOSEND_EINVAL, "shape", "unknown shape");
	}
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}
