/*
 * Streamed bulk sends (stream.h): the loop of bulk.c with items pulled
 * from the caller instead of read from an array, and no records kept: each
 * outcome goes to the caller as it comes.
 */
#include "bulk/stream.h"

#include "async/engine.h"
#include "core/alloc.h"
#include "core/client.h"
#include "core/errors.h"
#include "gosendapi/async.h"
#include "gosendapi/bulk.h"

/* Longest wait of one round, so that a cancel from another thread is seen
 * soon (a signal interrupts the wait anyway). */
#define ROUND_MS 50

typedef struct run run;

typedef struct ctx {
	run *r;
	long long tag;
	int run_bound; /* its deadline is the stream's */
	struct ctx *next_free;
} ctx;

struct run {
	const gosend__stream *s;
	gosend_async *as;
	unsigned int concurrency;
	ctx *ctx;
	ctx *free_ctx;
	int exhausted; /* `next` said there is nothing left */
	int stopping;
	int late;      /* an item was not sent: its deadline came first */
	int late_stop; /* ... the stream's deadline: stop now */
};

static void item_done(gosend_async_call *call, int code, void *result,
                      gosend_error *error, void *payload)
{
	ctx *c = payload;
	run *r = c->r;
	unsigned int attempts = gosend__async_attempts(call);
	/* the deadline passed (or would, waiting for the rate limit) while
	 * it was queued: the item was never sent and goes back to the
	 * caller as cut (not attempted); the others go on */
	int late = code == GOSEND_ETIMEOUT && attempts == 0;
	int cut = code != 0 && (r->stopping || late);

	r->late |= late;
	r->late_stop |= late && c->run_bound;
	r->s->done(r->s->payload, c->tag, code, result, error, attempts, cut);
	c->next_free = r->free_ctx;
	r->free_ctx = c;
}

/* Pull and start one item. 1 started (or refused and reported), 0 none
 * left, or a negative code. */
static int start_one(run *r)
{
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend__stream_item it = {0};
	gosend_error *e = NULL;
	ctx *c = r->free_ctx;
	int rc = r->s->next(r->s->payload, &it);

	if (rc <= 0)
		return rc;
	o.idempotency_key = it.key;
	c->tag = it.tag;
	r->free_ctx = c->next_free;
	/* the earlier of the stream's deadline and the item's */
	c->run_bound = r->s->deadline &&
	               (!it.deadline || it.deadline >= r->s->deadline);
	gosend__async_bound(r->as, c->run_bound || !it.deadline ? r->s->deadline
	                                                        : it.deadline);
	rc = gosend_async_messages_send_json(r->as, it.json, &o, item_done, c,
	                                     NULL, &e);
	gosend__async_bound(r->as, r->s->deadline);
	if (rc == 0)
		return 1;
	c->next_free = r->free_ctx;
	r->free_ctx = c;
	if (rc == GOSEND_ENOMEM) {
		/* never started: back to the caller as not attempted */
		r->s->done(r->s->payload, it.tag, rc, NULL, e, 0, 1);
		return GOSEND_ENOMEM;
	}
	r->s->done(r->s->payload, it.tag, rc, NULL, e, 0, 0);
	return 1;
}

/* Keep up to `concurrency` calls queued besides those on the wire. */
static int feed(run *r)
{
	size_t queued, on_wire;

	gosend__async_counts(r->as, &queued, &on_wire);
	while (!r->exhausted && queued < r->concurrency && r->free_ctx) {
		int rc = start_one(r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			r->exhausted = 1;
		gosend__async_counts(r->as, &queued, &on_wire);
	}
	return GOSEND_OK;
}

static int loop(run *r)
{
	const gosend__stream *s = r->s;

	for (;;) {
		long long wait = s->tick(s->payload), now;
		int rc;

		if (wait < 0)
			return (int)wait;
		if (r->late_stop)
			return GOSEND_ETIMEOUT; /* the rest would miss it too */
		rc = feed(r);
		if (rc < 0)
			return rc;
		if (r->exhausted && !gosend_async_pending(r->as))
			return r->late ? GOSEND_ETIMEOUT : GOSEND_OK;
		now = gosend__now_ms(s->client);
		if (s->deadline && now >= s->deadline)
			return GOSEND_ETIMEOUT;
		if (s->deadline && s->deadline - now < wait)
			wait = s->deadline - now;
		rc = gosend__async_step(r->as,
		                        wait < ROUND_MS ? wait : ROUND_MS);
		if (rc < 0)
			return rc;
	}
}

int gosend__stream_run(const gosend__stream *s)
{
	gosend_async_call *call;
	unsigned int i, n;
	run r = {0};
	int rc;

	r.s = s;
	r.concurrency = s->concurrency ? s->concurrency
	                               : GOSEND_BULK_DEFAULT_CONCURRENCY;
	n = 2 * r.concurrency;
	r.ctx = gosend__calloc(n, sizeof(*r.ctx));
	if (!r.ctx || gosend__async_new_blocking(&r.as, s->client,
	                                         r.concurrency, NULL) < 0) {
		gosend__free(r.ctx);
		return GOSEND_ENOMEM;
	}
	gosend__async_bound(r.as, s->deadline);
	for (i = 0; i < n; i++) {
		r.ctx[i].r = &r;
		r.ctx[i].next_free = i + 1 < n ? &r.ctx[i + 1] : NULL;
	}
	r.free_ctx = r.ctx;
	rc = loop(&r);
	r.stopping = 1;
	while ((call = gosend__async_first(r.as)))
		gosend__async_end(call, rc < 0 ? rc : GOSEND_ECANCELED,
		                  "cut: the run stopped");
	gosend_async_free(r.as);
	gosend__free(r.ctx);
	return rc;
}
