/*
 * Internal request pipeline, used by every endpoint:
 *   build (gosend__req_*) -> prepare (easy handle) -> perform -> finish
 *   (status, headers, body -> code) -> retry decision -> decode.
 * prepare and finish are separate so the curl-multi bulk sender reuses them.
 */
#ifndef GOSEND_HTTP_H
#define GOSEND_HTTP_H

#include <stddef.h>

#include "core/buf.h"
#include "core/holder.h"
#include "gosendapi/client.h"
#include "gosendapi/pagination.h"

typedef struct gosend__part {
	const char *name;
	const char *data; /* in-memory data, or NULL */
	size_t len;
	const char *filename; /* file name to send */
	const char *path;     /* file to read, or NULL */
	const char *type;     /* MIME type of the part, or NULL */
} gosend__part;

typedef struct gosend__request {
	gosend_client *client;
	const char *method;
	gosend__buf url;
	size_t query_count;
	char *body; /* owned */
	size_t body_len;
	const char *content_type;
	const gosend__part *parts; /* multipart/form-data parts, or NULL */
	size_t nparts;
	const gosend_request_options *opts;
	int is_send;        /* POST /messages: auto Idempotency-Key */
	int caller_key;     /* the caller gave an Idempotency-Key */
	char idem_key[256]; /* Idempotency-Key sent, "" for none */
	char path_for_log[256];
} gosend__request;

/* Largest wait read from a server (seconds, ~31 years): larger values are
 * saturated to it, so they stay "too long" instead of becoming invalid. */
#define GOSEND__WAIT_MAX_S 1000000000LL

/* Response of one attempt. */
typedef struct gosend__response {
	long status;
	gosend__buf body;
	gosend_meta meta;
	char request_id[128];
	char content_type[128];
	int too_large;
	int code;         /* gosend code of this attempt */
	int not_sent;     /* the request provably never reached the server */
	long seen_status; /* status line received, even if the body was not */
	long long retry_after_date; /* Retry-After as an HTTP date, or -1 */
	char errbuf[256];           /* libcurl's text */
} gosend__response;

int gosend__req_init(gosend__request *r, gosend_client *c, const char *method,
                     const char *path, const gosend_request_options *opts,
                     gosend_error **err);
/* Append one caller-supplied path segment (percent-encoded). */
int gosend__req_id(gosend__request *r, const char *id, const char *field,
                   gosend_error **err);
/* Append a literal path tail such as "/close". */
int gosend__req_path(gosend__request *r, const char *tail, gosend_error **err);
int gosend__req_query(gosend__request *r, const char *name, const char *value,
                      gosend_error **err);
int gosend__req_list(gosend__request *r, const gosend_list_params *p,
                     gosend_error **err);
/* Take ownership of a JSON text body. */
void gosend__req_body(gosend__request *r, char *json, size_t len);
void gosend__req_dispose(gosend__request *r);

#include <curl/curl.h>

/* Where a transfer's body goes, with the size cap. */
typedef struct gosend__body_ctx {
	gosend__response *res;
	size_t max;
} gosend__body_ctx;

/* Header lines an attempt sends besides the caller's. */
#define GOSEND__FIXED_HEADERS 5

/*
 * One attempt's libcurl state. The header list libcurl reads during the
 * transfer is built in place, without allocating: its nodes for the fixed
 * lines (API key, Accept, Expect, Content-Type, Idempotency-Key) live here
 * and point at constant strings, the client's key line or the two line
 * buffers below; the caller's extra headers get one node array (`extra`)
 * pointing at their own strings, which outlive the call. libcurl only
 * reads a CURLOPT_HTTPHEADER list, so nothing is ever freed node by node,
 * and an attempt belongs to one thread, like its easy handle.
 */
typedef struct gosend__attempt {
	void *h;         /* CURL *; a caller may preset one before prepare */
	int keep_handle; /* release leaves a reusable handle in h */
	struct curl_slist *headers; /* first node of the list handed over */
	struct curl_slist fixed[GOSEND__FIXED_HEADERS];
	struct curl_slist *extra; /* nodes for the caller's headers, owned */
	void *mime;               /* curl_mime * */
	gosend__body_ctx bctx;
	/* last: a reset stops before them (GOSEND__ATTEMPT_RESET) */
	char ctype_line[300];
	char idem_line[300];
} gosend__attempt;

/* Bytes of an attempt that a reset clears (all but the line buffers). */
#define GOSEND__ATTEMPT_RESET offsetof(gosend__attempt, ctype_line)

int gosend__attempt_prepare(gosend__attempt *a, gosend__request *r,
                            gosend__response *res, long timeout_ms);
void gosend__attempt_release(gosend__attempt *a, gosend_client *c, int reuse);

/*
 * One call with its retries, as steps, so that the single call
 * (gosend__execute) and the curl-multi bulk sender share them:
 *   begin -> { prepare -> perform (easy or multi) -> finish -> retry? }
 *   -> success (x.res holds the response) or fail.
 */
typedef struct gosend__exchange {
	gosend__request *r;
	gosend__response res;
	gosend__attempt a;
	int max_retries;
	long timeout;
	long long deadline; /* client clock ms, 0: none */
	unsigned int attempt_no;
	int maybe_done;   /* an earlier attempt may have taken effect */
	const char *path; /* for logs */
} gosend__exchange;

int gosend__exchange_begin(gosend__exchange *x, gosend__request *r,
                           gosend_error **err);
/* A new attempt: x->a.h is ready to perform. */
int gosend__exchange_prepare(gosend__exchange *x, gosend_error **err);
/* After perform: the attempt's code (0 for 2xx). */
int gosend__exchange_finish(gosend__exchange *x, int curl_code,
                            int saved_errno);
/* After a failed attempt: 1 with *delay_ms to retry, 0 when final. */
int gosend__exchange_retry(gosend__exchange *x, long long *delay_ms);
/* Report the final failure and free the response. */
int gosend__exchange_fail(gosend__exchange *x, gosend_error **err);

/* Run the request with retries; on success *res holds the last response. */
int gosend__execute(gosend__request *r, gosend__response *res,
                    gosend_error **err);
void gosend__response_dispose(gosend__response *res);
/* Move a response (its meta points into itself); src keeps no body. */
void gosend__response_move(gosend__response *dst, gosend__response *src);

/* How gosend__call treats a 2xx body. */
enum {
	/* the body must be JSON (reads): else EPROTOCOL with the body */
	GOSEND__WRAP_JSON = 0,
	/* an empty body is JSON null */
	GOSEND__WRAP_EMPTY = 1,
	/* any body is success (calls whose effect cannot be undone): one
	 * that is not JSON, empty or cut short gives a JSON null root and
	 * keeps the bytes as the body */
	GOSEND__WRAP_ANY = 2
};

/*
 * Execute and wrap a 2xx response: allocates a public object of `size`
 * bytes whose holder owns the body and the parsed tree; *meta gets the meta.
 * `how` is a GOSEND__WRAP_* value.
 */
int gosend__call(gosend__request *r, size_t size, void **pub,
                 const gosend_meta **meta, int how, gosend_error **err);

/* The second half of gosend__call: wrap a 2xx response (consumed). */
int gosend__wrap_response(gosend__response *res, size_t size, void **pub,
                          const gosend_meta **meta, int how,
                          gosend_error **err);

/*
 * Wrap a JSON body that did not come from a request (fixtures, fuzzers,
 * webhooks): like gosend__call without the transfer; meta is all -1.
 */
int gosend__obj_from_body(size_t size, const char *body, size_t len, void **pub,
                          gosend_error **err);

/* Free pub and report a decode failure (EPROTOCOL or ENOMEM). */
int gosend__decode_fail(void *pub, int rc, const char *bad, gosend_error **err);

/* An http(s) URL of at most max bytes: printable ASCII without spaces and
 * a non-empty host; 1 or 0. For URLs the caller hands the API. */
int gosend__url_ok(const char *s, size_t max);

/* Validate a caller-given header value (printable, no CR/LF/NUL). */
int gosend__header_value_ok(const char *v, size_t max);

#endif
