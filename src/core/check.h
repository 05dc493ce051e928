/* Checks of caller-given text that goes on the wire. */
#ifndef GOSEND_CHECK_H
#define GOSEND_CHECK_H

#include <stddef.h>

/* A header value of at most max bytes: printable, no CR, LF or NUL. 1 or 0. */
int gosend__header_value_ok(const char *v, size_t max);

/* An http(s) URL of at most max bytes: printable ASCII without spaces and
 * a non-empty host; 1 or 0. For URLs the caller hands the API. */
int gosend__url_ok(const char *s, size_t max);

#endif
