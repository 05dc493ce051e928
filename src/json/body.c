/* Answer bodies into their holder's tree, decode failures reported. */
#include "json/body.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "json/decode.h"

static void free_tree(void *root)
{
	gosend__jdoc_free(root);
}

int gosend__text_parse(gosend__jdoc **doc, size_t *skip, const char *text,
                       size_t len)
{
	*doc = NULL;
	*skip = 0;
	/* JSON never holds a raw NUL; strings are NUL-terminated */
	if (memchr(text, '\0', len))
		return GOSEND__DECODE_BAD;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		*skip = 3;
	return gosend__jdoc_parse(doc, text + *skip, len - *skip);
}

int gosend__parse_body(gosend__holder *h, const char *body, size_t len)
{
	gosend__jdoc *doc;
	size_t skip;
	int rc = gosend__text_parse(&doc, &skip, body, len);

	if (rc == GOSEND__DECODE_OK) {
		h->root = doc;
		h->root_free = free_tree;
		h->root_text = body + skip;
	}
	return rc;
}

int gosend__body_tree(gosend__holder *h, int null_if_empty, int null_if_bad)
{
	int rc = GOSEND__DECODE_BAD;

	if (!(null_if_empty && h->body_len == 0))
		rc = gosend__parse_body(h, h->body, h->body_len);
	if (rc == GOSEND__DECODE_BAD &&
	    (null_if_bad || (null_if_empty && h->body_len == 0))) {
		/* an answer we cannot read is no error here; the body stays
		 * reachable as it came */
		rc = gosend__parse_body(h, "null", 4);
	}
	if (rc == GOSEND__DECODE_OK)
		return GOSEND_OK;
	return rc == GOSEND__DECODE_NOMEM ? GOSEND_ENOMEM : GOSEND_EPROTOCOL;
}

/* Report code about obj (with its body unless memory ran out, and the
 * field at fault, or NULL) and free obj. Returns code. */
static int fail_obj(void *obj, int code, const char *message, const char *field,
                    gosend_error **err)
{
	gosend__holder *h = gosend__obj_holder(obj);
	gosend__failure f;

	memset(&f, 0, sizeof(f));
	f.code = code;
	f.message = message;
	f.field = field;
	f.meta = h->meta;
	if (code != GOSEND_ENOMEM) {
		f.body = h->body;
		f.body_len = h->body_len;
	}
	code = gosend__report(err, &f);
	gosend__obj_free(obj);
	return code;
}

int gosend__decode_fail(void *pub, int rc, const char *bad, gosend_error **err)
{
	char msg[200];

	if (rc == GOSEND__DECODE_NOMEM)
		return fail_obj(pub, GOSEND_ENOMEM, "out of memory", NULL, err);
	(void)snprintf(msg, sizeof(msg),
	               "response field '%s' is missing or has the wrong type",
	               bad ? bad : "?");
	return fail_obj(pub, GOSEND_EPROTOCOL, msg, bad, err);
}

/* Report that obj's body could not be read (code from gosend__body_tree,
 * with message) and free obj. */
int gosend__body_unreadable(void *obj, int code, const char *message,
                            gosend_error **err)
{
	return fail_obj(obj, code, message, NULL, err);
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
		return gosend__body_unreadable(obj, rc,
		                               "body is not valid JSON", err);
	*pub = obj;
	return GOSEND_OK;
}
