/*
 * Internal entry points that decode a response body without a request:
 * used by the fixture tests and the fuzzers.
 */
#ifndef GOSEND_DECODERS_H
#define GOSEND_DECODERS_H

#include <stddef.h>

#include "gosendapi/messages.h"

/* Parse raw header lines ("Name: value\r\n"...) into a meta; for fuzzing. */
int gosend__meta_from_headers(gosend_meta *meta, const char *headers,
                              size_t len);

/* An error detail for an HTTP status and body; for fuzzing and tests. */
int gosend__error_from_response(gosend_error **err, long status,
                                const char *body, size_t len);

/* Messages: send result, one message, a page, media upload result. */
int gosend__message_result_from_json(gosend_message_result **out,
                                     const char *body, size_t len,
                                     gosend_error **err);
/* Decode a wrapped send response in place; frees obj on failure. */
int gosend__message_result_decode(void *obj, gosend_error **err);
int gosend__message_from_json(gosend_message **out, const char *body,
                              size_t len, gosend_error **err);
int gosend__message_list_from_json(gosend_message_list **out, const char *body,
                                   size_t len, gosend_error **err);
int gosend__media_result_from_json(gosend_media_result **out, const char *body,
                                   size_t len, gosend_error **err);

#endif
