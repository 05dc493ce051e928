/*
 * Sending a request with libcurl: one transfer is an easy handle set up for
 * one attempt of a request (header list, body, callbacks filling a
 * gosend__response); a multi runs many transfers at once. Nothing outside
 * src/core/ sees libcurl: transfers and multis are opaque, and a transfer's
 * result is an int handed back to gosend__transfer_done.
 */
#ifndef GOSEND_TRANSPORT_H
#define GOSEND_TRANSPORT_H

#include "core/request.h"

typedef struct gosend__transfer gosend__transfer;
typedef struct gosend__multi gosend__multi;

/*
 * Set up *t for one attempt of r, whose answer goes to res, within
 * timeout_ms. *t NULL: a warm transfer from the client's pool, or a new
 * one; else a transfer kept from an earlier attempt. Nothing is allocated
 * for a transfer that already exists. 0, or GOSEND_ENOMEM (release it then,
 * not reusing it).
 */
int gosend__transfer_prepare(gosend__transfer **t, gosend__request *r,
                             gosend__response *res, long timeout_ms);

/* Run a prepared transfer to its end (blocking); the result for
 * gosend__transfer_done, *saved_errno the errno it left. */
int gosend__transfer_perform(gosend__transfer *t, int *saved_errno);

/* Results of a transfer that was stopped before its end. */
extern const int gosend__xfer_timed_out;
extern const int gosend__xfer_aborted;

/*
 * The transport's verdict on an ended transfer: 0 when it ran to its end
 * (res->status holds the status received), else the gosend code of the
 * failure (GOSEND_ENETWORK, _ETIMEOUT, _ETLS, _ETOOLARGE, _ENOMEM...), with
 * res->errbuf saying why and res->not_sent / too_large set where they
 * apply; res->status then holds what libcurl saw, if anything. saved_errno
 * ENOMEM turns any failure into GOSEND_ENOMEM. Also settles an HTTP-date
 * Retry-After into meta.retry_after_s.
 */
int gosend__transfer_done(gosend__transfer *t, int result, int saved_errno,
                          gosend__response *res);

/*
 * End an attempt: its per-attempt state is dropped. reuse: the connection
 * is sound; with keep the transfer stays in *t for the next attempt, else
 * it goes back to the client's pool (freed when the pool is full). Without
 * reuse it is freed, its connection closed. *t is NULL afterwards unless
 * it was kept.
 */
void gosend__transfer_release(gosend__transfer **t, gosend_client *c, int reuse,
                              int keep);

/* Give a kept transfer back to the client's pool. */
void gosend__transfer_free(gosend__transfer *t, gosend_client *c);

/* A multi that multiplexes where it can; NULL when out of memory. */
gosend__multi *gosend__multi_new(void);
void gosend__multi_free(gosend__multi *m);
/* Start a prepared transfer in m; tag comes back from gosend__multi_done.
 * 0, or -1 when libcurl refuses it. */
int gosend__multi_add(gosend__multi *m, gosend__transfer *t, void *tag);
/* Take a transfer out of m (ended or not). */
void gosend__multi_remove(gosend__multi *m, gosend__transfer *t);
/* Drive the transfers; *running: how many still run, *saved_errno the
 * errno left. 0, or -1 when the multi failed. */
int gosend__multi_perform(gosend__multi *m, int *running, int *saved_errno);
/* A transfer that ended since the last call: 1 with its tag and result,
 * 0 when there is none. */
int gosend__multi_done(gosend__multi *m, void **tag, int *result);
/* Wait up to timeout_ms for activity on m's transfers. */
void gosend__multi_wait(gosend__multi *m, int timeout_ms);

/*
 * Driven by an event loop (libcurl's multi-socket interface). Events are
 * GOSEND__IO_* bits. watch(ud, fd, events, sockp): watch fd for events (0:
 * stop), sockp what gosend__multi_assign attached; timer(ud, ms): drive
 * the multi with fd -1 after ms (-1: no timer). Both run inside the calls
 * below and gosend__multi_add/_remove; they must not call back into m.
 */
#define GOSEND__IO_IN  1
#define GOSEND__IO_OUT 2
#define GOSEND__IO_ERR 4
typedef void (*gosend__io_watch_fn)(void *ud, int fd, int events, void *sockp);
typedef void (*gosend__io_timer_fn)(void *ud, long ms);
/* Switch m to the socket interface (watch NULL: stay with
 * gosend__multi_perform/_wait) and cap the connections it opens (0: no
 * cap). 0, or -1 when libcurl refuses. */
int gosend__multi_drive(gosend__multi *m, gosend__io_watch_fn watch,
                        gosend__io_timer_fn timer, void *ud,
                        long max_connections);
/* Act on events of fd, or on the timer with fd -1. 0, or -1 when the
 * multi failed (*saved_errno: the errno left). */
int gosend__multi_socket(gosend__multi *m, int fd, int events,
                         int *saved_errno);
/* Attach sockp to a watched fd. 0, or -1 for an unknown fd. */
int gosend__multi_assign(gosend__multi *m, int fd, void *sockp);

#endif
