/*
 * A scriptable, misbehaving HTTP/1.1 server for tests.
 *
 * One thread runs a poll() loop over plain POSIX sockets on 127.0.0.1 (an
 * ephemeral port) and serves many connections at once. Each request it
 * reads completely (request line, headers, a Content-Length body) is
 * recorded, then answered by the next action of a FIFO script (in the
 * order the requests are completed, whatever their connection); with the
 * script empty, by the default action (initially a 200 with the body "{}",
 * processed). Queue the actions before the requests that should get them.
 * After an answer the connection stays open for the next request
 * (keep-alive; pipelining works) unless the action has close_after set or
 * the request said "Connection: close" (or was HTTP/1.0 without
 * keep-alive); such a close shuts the write side first and drops input
 * until the client closes (at most 2 s), so the answer is not lost to a
 * reset.
 *
 * Note: libcurl resends a request that got no answer on a REUSED
 * connection (HS_CLOSE, or a close before any byte) once on a fresh
 * connection, so such a request is recorded twice.
 *
 * Limits, so that a client cannot blow the server up: 64 KiB of request
 * line and headers, 1 MiB of body, 256 open connections. A request over a
 * limit, or one the server cannot parse (no Content-Length support for
 * chunked request bodies, for one), is answered 400/413/431/501 with
 * "Connection: close", then the connection is closed; such a request is
 * NOT recorded and consumes no action. "Expect: 100-continue" is answered
 * with "HTTP/1.1 100 Continue" before the body is read.
 *
 * Every function is thread-safe, except hs_stop(), which must not race
 * with other calls on the same server. The test thread never waits on the
 * server except in hs_wait_requests() and hs_stop().
 */
#ifndef GOSEND_HOSTILE_H
#define GOSEND_HOSTILE_H

#include <stddef.h>

/** Opaque server. */
typedef struct hs_server hs_server;

/** What the server does with one request. */
typedef enum hs_kind {
	/** `status` (0: 200) + `headers` + `body`. The server adds
	    Content-Type: application/json (unless `headers` name a
	    Content-Type), Content-Length and Connection (keep-alive, or close
	    with close_after). A HEAD request gets no body. A zeroed action is
	    this kind. */
	HS_RESPONSE = 0,
	/** Write `raw` exactly as given (status line, headers and body), then
	    keep the connection for the next request unless close_after. */
	HS_RAW,
	/** As HS_RESPONSE, but the head is sent at once and the body one byte
	    every `interval_ms` (0: 1000), timed by the server's own poll. */
	HS_TRICKLE,
	/** 200, Transfer-Encoding: chunked, then chunks of `chunk_size` bytes
	    (0: 1024; at most 1 MiB) of a JSON array that never ends, until the
	    client goes away or the server stops. `headers` are added. */
	HS_ENDLESS_CHUNKED,
	/** `status` (0: 200), Content-Encoding: gzip, Content-Length of the
	    compressed body, plus `headers`: a gzip stream of a JSON text of
	    exactly `inflated_bytes` (0: 10 MiB) bytes: {"pad":"   ...   "}
	    (only spaces below 10 bytes). Compressed by hs_queue() and
	    hs_set_default() on the calling thread, to about 1/1000 of the
	    inflated size, at about 6 ms per inflated MiB. */
	HS_GZIP_BOMB,
	/** Close the connection without any answer. */
	HS_CLOSE,
	/** Never answer; the connection stays open (its input read and
	    dropped) until the client closes it or the server stops. */
	HS_SILENT
} hs_kind;

/**
 * One scripted action. Zero every field that does not apply (designated
 * initialisers do). Pointers are copied by hs_queue() and hs_set_default().
 */
typedef struct hs_action {
	hs_kind kind;
	int status;          /* HS_RESPONSE, HS_TRICKLE, HS_GZIP_BOMB; 0: 200 */
	const char *headers; /* "Name: v\r\nName2: v2\r\n" (final CRLF
	                        optional), or NULL */
	const char *body;    /* HS_RESPONSE, HS_TRICKLE; NULL: empty */
	size_t body_len;     /* 0 with a body: strlen(body) */
	const char *raw;     /* HS_RAW: the bytes to write */
	size_t raw_len;      /* 0 with raw: strlen(raw) */
	unsigned interval_ms;  /* HS_TRICKLE */
	size_t chunk_size;     /* HS_ENDLESS_CHUNKED */
	size_t inflated_bytes; /* HS_GZIP_BOMB */
	int close_after;       /* 1: close the connection after the answer */
	int processed; /* 1: the request counts as processed (stored) by the
	                  server, see hs_stored_count() */
} hs_action;

/** One recorded request. Immutable once recorded. */
typedef struct hs_request {
	char *method;
	char *target; /* raw request-target as on the wire (path?query) */
	char *path;   /* target up to the first '?' */
	size_t header_count;
	char **header_names; /* as sent (case kept); values without
	                        surrounding blanks */
	char **header_values;
	char *body; /* NUL-terminated copy; "" when none */
	size_t body_len;
	unsigned long connection; /* 1 for the first accepted connection, 2
	                             for the next, ... */
	long long arrived_ms;     /* hs_now_ms() when the request was
	                             completely read */
	hs_kind kind;             /* the action that answered it */
	int processed;            /* that action's `processed` */
} hs_request;

/**
 * Start a server on 127.0.0.1 with an ephemeral port.
 * @return 0 (and *out set), or -1 (and *out NULL) on failure.
 */
int hs_start(hs_server **out);

/** Stop the thread, close every socket, free everything (including the
 * recorded requests). Returns promptly whatever is in progress. NULL-safe. */
void hs_stop(hs_server *s);

/** The listening port. */
unsigned short hs_port(const hs_server *s);

/** "http://127.0.0.1:PORT/v1", valid until hs_stop(). */
const char *hs_base_url(const hs_server *s);

/**
 * Append an action to the script; everything it points to is copied
 * (HS_GZIP_BOMB is compressed here, on the calling thread).
 * @return 0, or -1 on an invalid action (unknown kind, HS_RAW without raw)
 *         or out of memory.
 */
int hs_queue(hs_server *s, const hs_action *a);

/** Set the action used while the script is empty (copied). @return 0 or
 * -1 as hs_queue(). */
int hs_set_default(hs_server *s, const hs_action *a);

/** HS_RESPONSE with @p status, @p headers (or NULL) and @p body (a string,
 * or NULL); processed when @p status is 2xx. @return as hs_queue(). */
int hs_queue_response(hs_server *s, int status, const char *headers,
                      const char *body);

/** HS_RAW of the string @p raw. @return as hs_queue(). */
int hs_queue_raw(hs_server *s, const char *raw, int close_after);

/** HS_CLOSE, counted as processed or not. @return as hs_queue(). */
int hs_queue_close(hs_server *s, int processed);

/** Number of scripted actions not yet consumed. */
size_t hs_pending_actions(hs_server *s);

/** Number of requests recorded so far. */
size_t hs_request_count(hs_server *s);

/**
 * The @p i-th recorded request (0 = the first).
 * @return A pointer owned by the server and valid until hs_stop() (do not
 *         free it), or NULL if @p i is out of range.
 */
const hs_request *hs_request_at(hs_server *s, size_t i);

/** Value of the first header named @p name (case-insensitive), or NULL. */
const char *hs_req_header(const hs_request *r, const char *name);

/** Number of connections accepted so far. */
unsigned long hs_connection_count(hs_server *s);

/**
 * Number of messages the server stored: distinct Idempotency-Key values
 * among the POST requests whose path ends with "/messages" and whose
 * action had processed set, plus one for each such request without the
 * key (a replay of a key is stored once, as the real API promises).
 */
size_t hs_stored_count(hs_server *s);

/**
 * Wait until at least @p n requests have been recorded.
 * @return 0, or -1 if @p timeout_ms passed first.
 */
int hs_wait_requests(hs_server *s, size_t n, long timeout_ms);

/** Milliseconds of CLOCK_MONOTONIC, the clock of hs_request.arrived_ms. */
long long hs_now_ms(void);

#endif
