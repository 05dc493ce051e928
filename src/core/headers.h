/* Reading an answer's header lines into its gosend_meta. */
#ifndef GOSEND_HEADERS_H
#define GOSEND_HEADERS_H

#include <stddef.h>

#include "core/request.h"

/*
 * One header line as received (CRLF included or not) into res: a status
 * line starts a new meta; X-Total-Count, X-Page, X-Per-Page, the rate-limit
 * headers, Retry-After, Date, X-Request-Id (or Request-Id) and Content-Type
 * are read, the others skipped. Returns len.
 */
size_t gosend__header_line(const char *line, size_t len, gosend__response *res);

/* An HTTP-date Retry-After as seconds from the server's own Date (the
 * local clock only when it sent none), in meta.retry_after_s. */
void gosend__settle_retry_after(gosend__response *res);

/* The meta a block of header lines gives (fuzzers): request_id and
 * content_type NULL. Always 0. */
int gosend__meta_from_headers(gosend_meta *meta, const char *headers,
                              size_t len);

#endif
