/*
 * Internal entry points that decode a response body without a request:
 * used by the fixture tests and the fuzzers.
 */
#ifndef GOSEND_DECODERS_H
#define GOSEND_DECODERS_H

#include <stddef.h>

#include "gosendapi/messages.h"
#include "json/types.h" /* gosend__message_result_decode */

/* Parse raw header lines ("Name: value\r\n"...) into a meta; for fuzzing. */
int gosend__meta_from_headers(gosend_meta *meta, const char *headers,
                              size_t len);

/* An error detail for an HTTP status and body; for fuzzing and tests. */
int gosend__error_from_response(gosend_error **err, long status,
                                const char *body, size_t len);

#endif
