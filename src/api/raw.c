/* Requests the library has no function for (raw.h). */
#include "gosendapi/raw.h"

#include <string.h>

#include "core/alloc.h"
#include "core/errors.h"
#include "call/exchange.h"
#include "core/request.h"

static int path_ok(const char *p)
{
	const char *seg;
	size_t i;

	if (p[0] != '/' || strlen(p) > 4096)
		return 0;
	for (i = 0; p[i]; i++) {
		unsigned char ch = (unsigned char)p[i];
		if (ch <= 0x20 || ch >= 0x7f || ch == '?' || ch == '#' ||
		    ch == '\\')
			return 0;
	}
	seg = p;
	while (seg) {
		const char *next = strchr(seg + 1, '/');
		size_t n = next ? (size_t)(next - seg - 1) : strlen(seg + 1);
		if ((n == 1 && seg[1] == '.') ||
		    (n == 2 && seg[1] == '.' && seg[2] == '.'))
			return 0;
		seg = next;
	}
	return 1;
}

static int method_ok(const char *m)
{
	static const char *const ok[] = {"GET", "POST", "PATCH", "PUT",
	                                 "DELETE"};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (strcmp(m, ok[i]) == 0)
			return 1;
	}
	return 0;
}

/* The response (consumed) as a new raw response. */
static int take_response(gosend__response *res, gosend_raw_response **out,
                         gosend_error **err)
{
	gosend__holder *h;
	gosend_raw_response *resp = gosend__obj_new(sizeof(*resp), &h);

	if (!resp || !(resp->meta = gosend__h_meta(h, &res->meta))) {
		gosend__obj_free(resp);
		gosend__response_dispose(res);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	resp->struct_version = 1;
	resp->http_status = res->status;
	h->body_len = res->body.len;
	h->body = gosend__buf_detach(&res->body);
	if (!h->body) {
		gosend__obj_free(resp);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	resp->body = h->body;
	resp->body_len = h->body_len;
	*out = resp;
	return GOSEND_OK;
}

int gosend_raw_request(gosend_raw_response **out, gosend_client *client,
                       const char *method, const char *path,
                       const char *const *query, const char *json_body,
                       const gosend_request_options *opts, gosend_error **err)
{
	gosend__request r;
	gosend__response res;
	size_t i;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!method || !method_ok(method))
		return gosend__fail(err, GOSEND_EINVAL, "method",
		                    "method must be GET, POST, PATCH, PUT or "
		                    "DELETE");
	if (!path || !path_ok(path))
		return gosend__fail(err, GOSEND_EINVAL, "path",
		                    "path must start with '/' and contain no "
		                    "spaces, control characters, '?', '#' or "
		                    "'.'/'..' segments");
	rc = gosend__req_init(&r, client, method, path, opts, err);
	/* a send through the raw door is still a send: keyed and repeatable */
	r.is_send =
	        strcmp(method, "POST") == 0 && strcmp(path, "/messages") == 0;
	for (i = 0; rc == 0 && query && query[i]; i += 2)
		rc = gosend__req_query(&r, query[i], query[i + 1], err);
	if (rc == 0 && json_body) {
		char *copy = gosend__strdup(json_body);
		if (!copy)
			rc = gosend__fail(err, GOSEND_ENOMEM, NULL,
			                  "out of memory");
		else
			gosend__req_body(&r, copy, strlen(copy));
	}
	if (rc == 0)
		rc = gosend__execute(&r, &res, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	return take_response(&res, out, err);
}

void gosend_raw_response_free(gosend_raw_response *res)
{
	gosend__obj_free(res);
}
