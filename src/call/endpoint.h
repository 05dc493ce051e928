/*
 * Endpoint descriptions and the one way to call them.
 *
 * An endpoint is a constant description (method, path template, what its
 * answer is); src/api/ declares one per endpoint at the top of its group's
 * file, and every public function of that endpoint (the blocking call, the
 * iterator) is a few lines handing the description and the caller's
 * arguments to gosend__ep_call / gosend__ep_iter / gosend__ep_next. Nothing
 * else in the library says which method or path an endpoint has.
 */
#ifndef GOSEND_CALL_ENDPOINT_H
#define GOSEND_CALL_ENDPOINT_H

#include <stddef.h>

#include "call/exchange.h"
#include "gosendapi/pagination.h"

typedef struct gosend__decoder gosend__decoder;

/* What a 2xx answer of an endpoint is. */
enum gosend__shape {
	/* one object of the endpoint's type; a body that is no such object
	 * is GOSEND_EPROTOCOL (reads) */
	GOSEND__ONE = 1,
	/* a page of objects of the type (takes page/per_page) */
	GOSEND__PAGE,
	/* the answer of a call that took effect: any 2xx body is success;
	 * what can be read of the object is decoded (gosend__decode_answer) */
	GOSEND__ANSWER,
	/* nothing is returned (deletes): any 2xx is success */
	GOSEND__NOTHING
};

/* Endpoint flags. */
#define GOSEND__EP_SEND 0x1u /* POST /messages: keyed, retried as a send */
/* GOSEND__ANSWER: the answer is the result only when its object has a
 * usable id; else the call succeeds with no result (NULL) */
#define GOSEND__EP_NEED_ID 0x2u

typedef struct gosend__endpoint {
	const char *method;
	/*
	 * Path below the base URL. Each "{name}" takes the next caller id,
	 * percent-encoded as one segment; `name` is the argument named in
	 * the error when that id is NULL, empty, "." or "..".
	 */
	const char *path;
	unsigned char shape;         /* enum gosend__shape */
	unsigned char flags;         /* GOSEND__EP_* */
	const gosend__decoder *type; /* the answer's type; NULL for NOTHING */
} gosend__endpoint;

/* What the caller gives one call of an endpoint. */
typedef struct gosend__ep_args {
	gosend_client *client;
	const char *const *ids; /* one per "{name}" of the path */
	const gosend_request_options *opts;
	const gosend_list_params *page; /* GOSEND__PAGE only; NULL: none */
	/* JSON body allocated with gosend__malloc, or NULL: the call takes
	 * it (it is freed also when the call fails early) */
	char *body;
	size_t body_len;
	const gosend__part *parts; /* multipart/form-data, or NULL */
	size_t nparts;
} gosend__ep_args;

/*
 * Build the request of one call: method, path with the ids, per-call
 * options, page parameters, body. On failure the request is disposed.
 */
int gosend__ep_request(gosend__request *r, const gosend__endpoint *ep,
                       gosend__ep_args *a, gosend_error **err);

/*
 * Call the endpoint. out receives the new result (a public struct of the
 * endpoint's type, or its list for GOSEND__PAGE); it must not be NULL
 * unless the shape is GOSEND__NOTHING. Sets *err to NULL first.
 */
int gosend__ep_call(const gosend__endpoint *ep, gosend__ep_args *a, void **out,
                    gosend_error **err);

/*
 * Decode the 2xx response of a call of ep (consumed) into *out: the
 * endpoint's type for ONE and ANSWER, its list for PAGE, NULL for NOTHING.
 */
int gosend__ep_decode(const gosend__endpoint *ep, gosend__response *res,
                      void **out, gosend_error **err);

/*
 * Capture: while a capture is set on a thread, gosend__ep_call on that
 * thread builds its request (every check of the public function and of
 * the endpoint done) and moves it into the capture instead of running it,
 * returning 0 with *out NULL. This is how the asynchronous form of every
 * endpoint reuses its blocking function: one description, one set of
 * checks. A second request in one capture is refused.
 */
typedef struct gosend__capture {
	const gosend__endpoint *ep;   /* NULL until a request is captured */
	gosend__request req;          /* owned by the capture's user */
	struct gosend__capture *prev; /* the capture it replaced */
} gosend__capture;

/* Set (or with NULL clear) this thread's capture; returns the one it
 * replaces (restore it when done: a nested capture keeps the outer one). */
gosend__capture *gosend__capture_set(gosend__capture *cap);

/* A new iterator over every item of a GOSEND__PAGE endpoint. */
int gosend__ep_iter(const gosend__endpoint *ep, gosend__ep_args *a,
                    size_t max_items, gosend_iter **out, gosend_error **err);

/* The next item of an iterator made by gosend__ep_iter (pagination.h). */
int gosend__ep_next(const gosend__endpoint *ep, gosend_iter *it,
                    const void **item, gosend_error **err);

/*
 * Decode a body that did not come from a request (fixture tests,
 * fuzzers) the way `shape` answers of `type` are decoded.
 */
int gosend__decode(const gosend__decoder *type, int shape, const char *body,
                   size_t len, void **out, gosend_error **err);

#endif
