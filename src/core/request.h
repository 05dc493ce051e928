/*
 * One request as the layers above describe it (method, URL, body, per-call
 * options) and the response of one attempt, without the transport: built
 * here, sent by core/transport.h, judged by call/exchange.h.
 */
#ifndef GOSEND_REQUEST_H
#define GOSEND_REQUEST_H

#include <stddef.h>

#include "core/buf.h"
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
	void *owned; /* memory the request points into, freed with it */
	const gosend_request_options *opts;
	int is_send;        /* POST /messages: auto Idempotency-Key */
	char idem_key[256]; /* Idempotency-Key sent, "" for none */
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
	char errbuf[256];           /* the transport's text */
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

/* A fresh meta (every numeric field -1) and no header values read yet;
 * meta.attempts is kept. */
void gosend__response_reset_meta(gosend__response *res);
void gosend__response_dispose(gosend__response *res);
/* Move a response (its meta points into itself); src keeps no body. */
void gosend__response_move(gosend__response *dst, gosend__response *src);

#endif
