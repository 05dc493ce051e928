/* A 2xx answer (or a body from elsewhere) wrapped into a result object
 * whose holder owns the body and its parsed tree. */
#include "call/exchange.h"

#include <string.h>

#include "core/alloc.h"
#include "core/errors.h"
#include "json/body.h"

/* Report that obj's body could not be read (code from gosend__body_tree,
 * with message) and free obj. */
static int unreadable(void *obj, int code, const char *message,
                      gosend_error **err)
{
	gosend__holder *h = gosend__obj_holder(obj);
	gosend__failure f;

	memset(&f, 0, sizeof(f));
	f.code = code;
	f.message = message;
	f.body = h->body;
	f.body_len = h->body_len;
	f.meta = h->meta;
	code = gosend__report(err, &f);
	gosend__obj_free(obj);
	return code;
}

int gosend__wrap_response(gosend__response *res, size_t size, void **pub,
                          const gosend_meta **meta, int how, gosend_error **err)
{
	gosend__holder *h;
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
	rc = gosend__body_tree(h, how != GOSEND__WRAP_JSON,
	                       how == GOSEND__WRAP_ANY);
	if (rc < 0)
		return unreadable(obj, rc,
		                  rc == GOSEND_ENOMEM
		                          ? "out of memory"
		                          : "response body is not valid JSON",
		                  err);
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
	rc = gosend__body_tree(h, 0, 0);
	if (rc < 0)
		return unreadable(obj, rc, "body is not valid JSON", err);
	*pub = obj;
	return GOSEND_OK;
}
