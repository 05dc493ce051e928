/*
 * Fuzz the POST /messages result decoder and the POST /media result decoder
 * with arbitrary response bodies. The first byte picks the decoder (even:
 * send result, odd: media result); the rest is the body.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "call/endpoint.h"
#include "json/types.h"
#include "gosendapi/media.h"
#include "gosendapi/messages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode body as the endpoint does: the answer of a call that took
 * effect. */
static int decode_answer(const gosend__decoder *type, const char *body,
                         size_t len, void **out, gosend_error **err)
{
	return gosend__decode(type, GOSEND__ANSWER, body, len, out, err);
}

static void check_error(int rc, const gosend_error *err)
{
	if (rc >= 0 || !err || !err->message || err->code != rc ||
	    (rc != GOSEND_EPROTOCOL && rc != GOSEND_ENOMEM))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body;
	gosend_error *err = NULL;
	int rc;

	if (size == 0)
		return 0;
	body = (const char *)data + 1;
	if (data[0] % 2 == 0) {
		gosend_message_result *r = NULL;
		void *o = NULL;
		rc = decode_answer(&gosend__type_message_result, body, size - 1,
		                   &o, &err);
		r = o;
		if (rc == 0) {
			/* an id is known and non-empty, or NULL and unknown;
			 * the raw body is kept */
			if (!r || (r->id_known ? !r->id || !*r->id : !!r->id) ||
			    !r->raw_json || !r->meta || r->status < 0 ||
			    r->status > 6 || (r->status && !r->status_name) ||
			    strlen(r->raw_json) > size - 1)
				__builtin_trap();
		} else {
			if (r)
				__builtin_trap();
			check_error(rc, err);
		}
		gosend_message_result_free(r);
	} else {
		gosend_media_result *r = NULL;
		void *o = NULL;
		rc = decode_answer(&gosend__type_media_result, body, size - 1,
		                   &o, &err);
		r = o;
		if (rc == 0) {
			/* any JSON answer: the id, non-empty, or NULL */
			if (!r || (r->id && !*r->id) || !r->raw_json ||
			    !r->meta)
				__builtin_trap();
		} else {
			if (r)
				__builtin_trap();
			check_error(rc, err);
		}
		gosend_media_result_free(r);
	}
	gosend_error_free(err);
	return 0;
}
