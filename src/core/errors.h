/* Internal construction of gosend_error details. */
#ifndef GOSEND_ERRORS_INT_H
#define GOSEND_ERRORS_INT_H

#include <stddef.h>

#include "gosendapi/client.h"
#include "gosendapi/errors.h"

typedef struct gosend__failure {
	int code;
	const char *field; /* argument or JSON path at fault */
	const char
	        *message; /* the library's text (used without a server one) */
	const char *transport; /* libcurl's text when no response arrived */
	const char *body;      /* response body (error bodies are parsed) */
	size_t body_len;
	int parse_body; /* body is an API error body: read its fields */
	const gosend_meta *meta; /* response headers, or NULL */
	/* the client whose API key is masked in every text the error keeps
	 * (message, body, request id), or NULL */
	const gosend_client *client;
	int retryable; /* gosend_error::retryable */
} gosend__failure;

/*
 * Store a new error detail in *err (when err is not NULL) and return the
 * code. When the detail itself cannot be allocated, *err gets a static
 * detail of the same code whose message says memory ran out, and the code
 * is still returned: an allocation failure never hides what failed.
 */
int gosend__report(gosend_error **err, const gosend__failure *f);

/* Shorthand for local failures: printf-style message. */
int gosend__fail(gosend_error **err, int code, const char *field,
                 const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 4, 5)))
#endif
        ;

#endif
