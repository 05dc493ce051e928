/* The fields of an API error body, and a body's retry_after_seconds. */
#include "json/body.h"

#include "core/request.h"
#include "json/decode.h"

/* A number of seconds >= 0, saturated so that a huge wait stays one; -1
 * for anything else. */
static long seconds(const gosend__jn *item)
{
	double v;

	if (!gosend__jn_num(item, &v) || !(v >= 0))
		return -1;
	return v >= (double)GOSEND__WAIT_MAX_S ? (long)GOSEND__WAIT_MAX_S
	                                       : (long)v;
}

long gosend__body_retry_after(const char *body, size_t len)
{
	gosend__jdoc *doc = NULL;
	size_t skip;
	long v;

	if (!len ||
	    gosend__text_parse(&doc, &skip, body, len) != GOSEND__DECODE_OK)
		return -1;
	v = seconds(
	        gosend__jn_get(gosend__jdoc_root(doc), "retry_after_seconds"));
	gosend__jdoc_free(doc);
	return v;
}

/* "details": its text, and its "field". 0 or -1 (out of memory). */
static int read_details(gosend__holder *h, const gosend__jn *item,
                        gosend__error_body *out)
{
	gosend__jtype t = gosend__jn_type(item);

	if (t == GOSEND__JN_NONE || t == GOSEND__JN_NULL)
		return 0;
	out->details_json = gosend__node_text(h, item, 0);
	if (!out->details_json)
		return -1;
	out->field = gosend__jn_str(gosend__jn_get(item, "field"));
	return 0;
}

/* "message": one string, or the strings of an array. 0 or -1. */
static int read_messages(gosend__holder *h, const gosend__jn *item,
                         gosend__error_body *out)
{
	const gosend__jn *el;
	const char **list;
	size_t n = 0;

	if (gosend__jn_type(item) == GOSEND__JN_STRING) {
		list = gosend__h_alloc(h, sizeof(*list));
		if (!list)
			return -1;
		list[n++] = gosend__jn_str(item);
	} else if (gosend__jn_type(item) == GOSEND__JN_ARRAY) {
		list = gosend__h_alloc(h, sizeof(*list) *
		                                  (gosend__jn_count(item) + 1));
		if (!list)
			return -1;
		for (el = gosend__jn_first(item); el;
		     el = gosend__jn_next(el)) {
			if (gosend__jn_type(el) == GOSEND__JN_STRING)
				list[n++] = gosend__jn_str(el);
		}
	} else {
		return 0;
	}
	out->messages = list;
	out->messages_count = n;
	return 0;
}

int gosend__error_body_read(gosend__holder *h, const char *body, size_t len,
                            gosend__error_body *out)
{
	const gosend__jn *root, *item;
	double v;
	int rc = gosend__parse_body(h, body, len);

	if (rc != GOSEND__DECODE_OK) /* not JSON, or out of memory */
		return rc == GOSEND__DECODE_NOMEM ? -1 : 0;
	root = gosend__h_root(h);
	if (gosend__jn_type(root) != GOSEND__JN_OBJECT)
		return 0;
	item = gosend__jn_get(root, "statusCode");
	if (gosend__jn_num(item, &v) && v >= 0 && v < 1000)
		out->status_code = (long)v;
	out->error = gosend__jn_str(gosend__jn_get(root, "error"));
	out->retry_after_s =
	        seconds(gosend__jn_get(root, "retry_after_seconds"));
	if (read_details(h, gosend__jn_get(root, "details"), out) < 0)
		return -1;
	return read_messages(h, gosend__jn_get(root, "message"), out);
}
