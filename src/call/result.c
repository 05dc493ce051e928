/* A 2xx answer (or a body from elsewhere) wrapped into a result object
 * whose holder owns the body and its parsed tree. */
#include "call/exchange.h"

#include <string.h>

#include "core/alloc.h"
#include "core/errors.h"
#include "json/body.h"

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
		return gosend__body_unreadable(
		        obj, rc,
		        rc == GOSEND_ENOMEM ? "out of memory"
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
