/* Internal construction of gosend_error details. */
#ifndef GOSEND_ERRORS_INT_H
#define GOSEND_ERRORS_INT_H

#include <stddef.h>

#include "core/holder.h"
#include "gosendapi/client.h"
#include "gosendapi/errors.h"

/* What an API error body says (its JSON read by json/error_body.c). */
typedef struct gosend__error_body {
	long status_code;         /* "statusCode" 0..999, else 0 */
	const char *error;        /* "error", or NULL */
	long retry_after_s;       /* "retry_after_seconds", else -1 */
	const char *details_json; /* "details" as JSON text, or NULL */
	const char *field;        /* "details"."field", or NULL */
	const char **messages;    /* "message": a string or the strings of */
	size_t messages_count;    /* an array; NULL when neither */
} gosend__error_body;

/*
 * Read an error body into *out; every string it gives is owned by h (the
 * parsed tree goes to h->root). A body that is not a JSON object leaves
 * *out as it is. 0, or -1 when out of memory.
 */
typedef int (*gosend__error_body_fn)(gosend__holder *h, const char *body,
                                     size_t len, gosend__error_body *out);

typedef struct gosend__failure {
	int code;
	const char *field; /* argument or JSON path at fault */
	const char
	        *message; /* the library's text (used without a server one) */
	const char *transport; /* libcurl's text when no response arrived */
	const char *body;      /* response body (error bodies are parsed) */
	size_t body_len;
	/* body is an API error body read by this, or NULL */
	gosend__error_body_fn read_body;
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

/*
 * The start every public call with an out-parameter and a client shares:
 * clear *err, then refuse a missing out (out_given 0) or a NULL client
 * with GOSEND_EINVAL naming it. The caller sets *out to NULL first.
 */
int gosend__call_begin(gosend_error **err, int out_given,
                       const gosend_client *client);

#endif
