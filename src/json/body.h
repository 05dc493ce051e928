/*
 * Reading answer bodies as JSON for the layers that do not see the JSON
 * library: a body parsed into its holder's tree, an error body's fields,
 * a body's retry_after_seconds. Results are gosend codes.
 */
#ifndef GOSEND_JSON_BODY_H
#define GOSEND_JSON_BODY_H

#include <stddef.h>

#include "core/errors.h"
#include "core/holder.h"

/*
 * Parse body (exactly len bytes, read as gosend__text_parse in
 * json/decode.h says; it must outlive h) into h->root, which h then
 * frees, and h->root_text. Returns GOSEND__DECODE_OK, _NOMEM or _BAD
 * (json/decode.h).
 */
int gosend__parse_body(gosend__holder *h, const char *body, size_t len);

/*
 * h->body (h->body_len bytes) parsed into h->root. null_if_empty: an empty
 * body gives JSON null; null_if_bad: so does any body that is not JSON.
 * 0, GOSEND_ENOMEM, or GOSEND_EPROTOCOL (not JSON).
 */
int gosend__body_tree(gosend__holder *h, int null_if_empty, int null_if_bad);

/* The body's "retry_after_seconds" (saturated at GOSEND__WAIT_MAX_S), or -1
 * when it has none. */
long gosend__body_retry_after(const char *body, size_t len);

/* Reads an API error body (gosend__error_body_fn). */
int gosend__error_body_read(gosend__holder *h, const char *body, size_t len,
                            gosend__error_body *out);

/* Free pub and report a decode failure (rc a GOSEND__DECODE_* value:
 * EPROTOCOL naming the field `bad`, or ENOMEM). */
int gosend__decode_fail(void *pub, int rc, const char *bad, gosend_error **err);

/* Free obj (a wrapped result) and report that its body cannot be read
 * (code GOSEND_EPROTOCOL or GOSEND_ENOMEM, with the body). Returns code. */
int gosend__body_unreadable(void *obj, int code, const char *message,
                            gosend_error **err);

/*
 * Wrap a JSON body that did not come from a request (fixtures, fuzzers,
 * webhooks): like gosend__call without the transfer; meta is all -1.
 */
int gosend__obj_from_body(size_t size, const char *body, size_t len, void **pub,
                          gosend_error **err);

#endif
