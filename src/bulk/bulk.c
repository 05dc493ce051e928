/*
 * Bulk sending on many transfers at once. Each item goes through the
 * same exchange steps as a single call (call/exchange.h): prepare, perform
 * (here: added to a core/transport.h multi), finish, retry decision; so
 * retries, backoff and idempotency keys are exactly those of
 * gosend_messages_send(). Only the items in flight or waiting for a retry hold
 * a request; the rest are indexes. Every item's record (state, code, key) is
 * allocated before the first send, so recording an outcome never needs memory
 * and a batch that stops early still says what became of each item; with
 * discard_results there are no records at all and memory stays flat.
 */
#include "gosendapi/bulk.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/client.h"
#include "json/types.h"
#include "core/errors.h"
#include "call/exchange.h"
#include "core/ratelimit.h"

enum { ST_FLIGHT = 1, ST_WAIT = 2 };

typedef struct active {
	struct active *next;
	size_t index;
	int state;
	long long due;      /* client clock, for ST_WAIT */
	long long start_ms; /* wall clock of the attempt's start */
	gosend_request_options opts;
	gosend__request req;
	gosend__exchange x;
} active;

/* One item's record: the public item and room for a generated key. */
typedef struct slot {
	gosend_bulk_item pub;
	char key[37];
} slot;

typedef struct bulk {
	gosend_client *c;
	const gosend_outgoing *const *messages;
	size_t count;
	gosend_bulk_options
	        o; /* the caller's options, zeroed past its version */
	unsigned int concurrency;
	long long deadline; /* client clock ms; 0: none */
	gosend__limiter limiter;
	gosend__multi *multi;
	active *list; /* in flight and waiting */
	unsigned int in_flight;
	size_t next; /* next index never started */
	size_t done;
	gosend_bulk_result *res;
	gosend__holder *h;
	slot *slots;             /* NULL when results are discarded */
	gosend__transfer **idle; /* transfers kept warm for this batch */
	unsigned int nidle;
} bulk;

/* Size of the options a caller of `version` allocated: only that much is
 * read, never the fields of later versions. */
static size_t options_size(unsigned int version)
{
	return version >= 2 ? sizeof(gosend_bulk_options)
	                    : offsetof(gosend_bulk_options, deadline_ms);
}

static void cleanup_result(void *pub)
{
	gosend_bulk_result *res = pub;
	size_t i;

	if (!res->items)
		return;
	for (i = 0; i < res->count; i++) {
		const gosend_bulk_item *it = res->items[i];
		if (!it)
			continue;
		gosend_message_result_free(
		        (gosend_message_result *)(uintptr_t)it->result);
		gosend_error_free((gosend_error *)(uintptr_t)it->error);
	}
}

void gosend_bulk_result_free(gosend_bulk_result *res)
{
	gosend__obj_free(res);
}

static void active_free(active *a)
{
	if (!a)
		return;
	gosend__req_dispose(&a->req);
	gosend__response_dispose(&a->x.res);
	gosend__free(a);
}

static void unlink_active(bulk *b, active *a)
{
	active **p = &b->list;

	while (*p && *p != a)
		p = &(*p)->next;
	if (*p)
		*p = a->next;
}

/*
 * Record an item's outcome; takes result or error. code 0 is a 2xx answer
 * (result NULL only when memory ran out reading it). Needs no memory.
 */
static void finish_item(bulk *b, size_t index, int code,
                        gosend_message_result *result, gosend_error *error,
                        const char *key, unsigned int attempts)
{
	gosend_bulk_state state;

	if (code != 0)
		state = GOSEND_BULK_FAILED;
	else if (result && result->id_known)
		state = GOSEND_BULK_SENT;
	else
		state = GOSEND_BULK_ACCEPTED;
	if (state == GOSEND_BULK_SENT)
		b->res->sent++;
	else if (state == GOSEND_BULK_ACCEPTED)
		b->res->accepted++;
	else
		b->res->failed++;
	b->res->succeeded = b->res->sent + b->res->accepted;
	b->done++;
	if (b->o.on_item)
		b->o.on_item(index, code, result, error, b->o.on_item_payload);
	if (b->slots) {
		slot *s = &b->slots[index];
		s->pub.code = code;
		s->pub.state = state;
		s->pub.result = result;
		s->pub.error = error;
		s->pub.attempts = attempts;
		/* a caller's key is already there; a generated one (a UUID)
		 * fits the slot */
		if (!s->pub.idempotency_key && key && key[0] &&
		    strlen(key) < sizeof(s->key)) {
			memcpy(s->key, key, strlen(key) + 1);
			s->pub.idempotency_key = s->key;
		}
	} else {
		gosend_message_result_free(result);
		gosend_error_free(error);
	}
	if (b->o.progress)
		b->o.progress(b->done, b->count, b->o.progress_payload);
}

/* Build the request of message i; on failure the item is finished. */
static active *start_item(bulk *b, size_t i, int *rc)
{
	active *a = gosend__calloc(1, sizeof(*a));
	gosend_error *e = NULL;
	char *json = NULL;
	int code;

	*rc = 0;
	if (!a) {
		*rc = GOSEND_ENOMEM; /* the item stays not attempted */
		return NULL;
	}
	a->index = i;
	a->opts.version = GOSEND_REQUEST_OPTIONS_VERSION;
	if (b->o.idempotency_keys)
		a->opts.idempotency_key = b->o.idempotency_keys[i];
	code = b->messages[i]
	               ? gosend_outgoing_to_json(&json, b->messages[i], &e)
	               : gosend__fail(&e, GOSEND_EINVAL, "messages",
	                              "message %zu is NULL", i);
	if (code == 0 && !json)
		code = gosend__fail(&e, GOSEND_ENOMEM, NULL, "out of memory");
	if (code == 0 && json)
		code = gosend__req_init(&a->req, b->c, "POST", "/messages",
		                        &a->opts, &e);
	if (code == 0 && json) {
		a->req.is_send = 1;
		gosend__req_body(&a->req, json, strlen(json));
		json = NULL;
		code = gosend__exchange_begin(&a->x, &a->req, &e);
	}
	gosend__free(json);
	if (code < 0) {
		finish_item(b, i, code, NULL, e, NULL, 0);
		active_free(a);
		return NULL;
	}
	/* no attempt outlasts the batch, and no retry is planned after it */
	if (b->deadline && (!a->x.deadline || a->x.deadline > b->deadline))
		a->x.deadline = b->deadline;
	return a;
}

/* An item waiting for a retry will not get it: it fails with the error of
 * its last attempt (which was retryable). */
static void fail_waiting(bulk *b, active *a)
{
	gosend_error *e = NULL;
	int code = gosend__exchange_fail(&a->x, &e);

	unlink_active(b, a);
	finish_item(b, a->index, code, NULL, e, a->req.idem_key,
	            a->x.attempt_no);
	active_free(a);
}

/* The attempt ended with code (from gosend__exchange_finish): record a
 * 2xx as the item's success, or its failure when no retry follows. */
static void settle(bulk *b, active *a, int code, int may_retry)
{
	gosend_error *e = NULL;
	long long delay = 0;

	if (code == 0) {
		void *obj = NULL;
		const gosend_meta *meta = NULL;

		code = gosend__wrap_response(&a->x.res,
		                             sizeof(gosend_message_result),
		                             &obj, &meta, GOSEND__WRAP_ANY, &e);
		if (code == 0)
			code = gosend__message_result_decode(obj, &e);
		if (code != 0) {
			/* only memory can fail here; the message is accepted
			 * all the same */
			gosend_error_free(e);
			obj = NULL;
		}
		unlink_active(b, a);
		finish_item(b, a->index, 0, obj, NULL, a->req.idem_key,
		            a->x.attempt_no);
		active_free(a);
		return;
	}
	if (may_retry && gosend__exchange_retry(&a->x, &delay)) {
		a->state = ST_WAIT;
		a->due = gosend__now_ms(b->c) + delay;
		return;
	}
	fail_waiting(b, a);
}

/* Put an item's next attempt on the wire. A local failure fails the item. */
static void launch(bulk *b, active *a)
{
	gosend_error *e = NULL;
	int code;

	/* one warm transfer per slot for the whole batch */
	a->x.keep = 1;
	if (b->nidle)
		a->x.t = b->idle[--b->nidle];
	code = gosend__exchange_prepare(&a->x, &e);

	if (code == 0 && gosend__multi_add(b->multi, a->x.t, a) < 0) {
		gosend__transfer_release(&a->x.t, b->c, 0, 0);
		code = gosend__fail(&e, GOSEND_ENOMEM, NULL,
		                    "cannot add the transfer");
	}
	if (code < 0) {
		unlink_active(b, a);
		finish_item(b, a->index, code, NULL, e, a->req.idem_key,
		            a->x.attempt_no);
		active_free(a);
		return;
	}
	a->state = ST_FLIGHT;
	a->start_ms = gosend__wall_ms();
	b->in_flight++;
}

/* A transfer left the multi: keep it warm for the batch, update the
 * limiter. Returns the attempt's code. */
static int end_transfer(bulk *b, active *a, int result, int saved_errno)
{
	int code;

	gosend__multi_remove(b->multi, a->x.t);
	b->in_flight--;
	code = gosend__exchange_finish(&a->x, result, saved_errno);
	if (a->x.t) {
		/* a reusable transfer: back to this batch's idle list */
		b->idle[b->nidle++] = a->x.t;
		a->x.t = NULL;
	}
	gosend__limiter_done(&b->limiter, a->start_ms, gosend__wall_ms());
	gosend__limiter_observe(&b->limiter, &a->x.res.meta, gosend__wall_ms());
	if (a->x.res.status == 429)
		b->res->rate_limited++;
	return code;
}

/* A transfer ended: success, retry later, or final failure. */
static void complete(bulk *b, active *a, int result, int saved_errno)
{
	settle(b, a, end_transfer(b, a, result, saved_errno), 1);
}

/*
 * The batch stops (why: GOSEND_ETIMEOUT or a fatal code) with this
 * transfer in flight: it is cut. A 2xx status already received makes it
 * accepted; otherwise it fails as retryable (it may have been processed).
 */
static void cut(bulk *b, active *a, int why)
{
	gosend__response *res = &a->x.res;
	int code;

	gosend__multi_remove(b->multi, a->x.t);
	/* removed: the transport no longer writes the error buffer */
	if (why == GOSEND_ETIMEOUT)
		(void)snprintf(res->errbuf, sizeof(res->errbuf),
		               "cut at the bulk deadline of %ld ms",
		               b->o.deadline_ms);
	else
		(void)snprintf(res->errbuf, sizeof(res->errbuf),
		               "cut: the bulk send stopped (%s)",
		               gosend_strerror(why));
	b->in_flight--;
	code = gosend__exchange_finish(&a->x,
	                               why == GOSEND_ETIMEOUT
	                                       ? gosend__xfer_timed_out
	                                       : gosend__xfer_aborted,
	                               0);
	if (a->x.t) {
		b->idle[b->nidle++] = a->x.t;
		a->x.t = NULL;
	}
	settle(b, a, code, 0);
}

/* The waiting item due first, or NULL. */
static active *first_due(bulk *b, long long *due)
{
	active *a, *best = NULL;

	for (a = b->list; a; a = a->next) {
		if (a->state == ST_WAIT && (!best || a->due < best->due))
			best = a;
	}
	if (best)
		*due = best->due;
	return best;
}

/* Fail the waiting items whose own deadline passed while they waited for a
 * free slot. */
static void expire_waiting(bulk *b, long long now)
{
	active *a = b->list, *next;

	for (; a; a = next) {
		next = a->next;
		if (a->state == ST_WAIT && a->x.deadline &&
		    now >= a->x.deadline)
			fail_waiting(b, a);
	}
}

/* Start what may start now; *wait_ms: when to look again (-1: no timer). */
static int fill(bulk *b, long long *wait_ms)
{
	*wait_ms = -1;
	expire_waiting(b, gosend__now_ms(b->c));
	while (b->in_flight < b->concurrency) {
		long long now = gosend__now_ms(b->c), due = 0, w;
		active *a;
		int rc;

		if (b->deadline && now >= b->deadline)
			return 0;
		a = first_due(b, &due);
		if (a && due > now) {
			*wait_ms = due - now;
			a = NULL;
		}
		if (!a && b->next >= b->count)
			return 0;
		w = gosend__limiter_acquire(&b->limiter, gosend__wall_ms(),
		                            b->in_flight);
		if (w > 0) {
			if (*wait_ms < 0 || w < *wait_ms)
				*wait_ms = w;
			return 0;
		}
		if (!a) {
			a = start_item(b, b->next, &rc);
			if (rc < 0)
				return rc; /* item b->next stays not attempted
				            */
			b->next++;
			if (!a) {
				/* refused locally: give the slot back */
				if (b->limiter.used)
					b->limiter.used--;
				continue;
			}
			a->next = b->list;
			b->list = a;
		}
		launch(b, a);
	}
	return 0;
}

/* Drive the transfers and take in those that ended; *running: how many
 * are still running. 0, or ENOMEM (the multi handle failed). */
static int harvest(bulk *b, int *running)
{
	void *tag;
	int result, saved_errno;

	/* saved_errno ENOMEM: an allocation failed inside */
	if (gosend__multi_perform(b->multi, running, &saved_errno) < 0)
		return GOSEND_ENOMEM;
	while (gosend__multi_done(b->multi, &tag, &result))
		complete(b, tag, result, saved_errno);
	return GOSEND_OK;
}

static int run(bulk *b)
{
	for (;;) {
		long long wait, now;
		int running = 0, rc;

		rc = fill(b, &wait);
		if (rc < 0)
			return rc;
		if (b->done >= b->count)
			return 0;
		now = gosend__now_ms(b->c);
		if (b->deadline) {
			if (now >= b->deadline) {
				/* take in what ended meanwhile; the rest is
				 * cut by the caller */
				if (b->in_flight &&
				    (rc = harvest(b, &running)) < 0)
					return rc;
				return b->done >= b->count ? 0
				                           : GOSEND_ETIMEOUT;
			}
			if (wait < 0 || wait > b->deadline - now)
				wait = b->deadline - now;
		}
		if (b->in_flight == 0) {
			/* only timers left: retries or the rate limit */
			gosend__sleep_ms(b->c, wait > 0 ? wait : 1);
			continue;
		}
		rc = harvest(b, &running);
		if (rc < 0)
			return rc;
		if (b->in_flight && running)
			gosend__multi_wait(b->multi, wait >= 0 && wait < 1000
			                                     ? (int)wait
			                                     : 1000);
	}
}

/* Validate the arguments and copy the options into b->o. */
static int check_args(bulk *b, gosend_bulk_result **out, gosend_client *client,
                      const gosend_outgoing *const *messages, size_t count,
                      const gosend_bulk_options *o, gosend_error **err)
{
	int rc;

	if (out)
		*out = NULL;
	rc = gosend__call_begin(err, out != NULL, client);
	if (rc != 0)
		return rc;
	if (count && !messages)
		return gosend__fail(err, GOSEND_EINVAL, "messages",
		                    "messages is NULL");
	if (o && (o->version == 0 || o->version > GOSEND_BULK_OPTIONS_VERSION))
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown bulk options version %u",
		                    o->version);
	memset(&b->o, 0, sizeof(b->o));
	if (o)
		memcpy(&b->o, o, options_size(o->version));
	o = &b->o;
	if (o->concurrency > GOSEND_BULK_MAX_CONCURRENCY)
		return gosend__fail(err, GOSEND_EINVAL, "concurrency",
		                    "concurrency must be at most %d",
		                    GOSEND_BULK_MAX_CONCURRENCY);
	if (o->rate_per_second < 0 ||
	    (o->rate_per_second > 0 && o->rate_per_second < 1) ||
	    o->rate_per_second > 1e6)
		return gosend__fail(err, GOSEND_EINVAL, "rate_per_second",
		                    "rate_per_second must be 0 or 1..1000000");
	if (o->deadline_ms < 0)
		return gosend__fail(err, GOSEND_EINVAL, "deadline_ms",
		                    "deadline_ms must be 0 (none) or positive");
	return GOSEND_OK;
}

/* The result object with one record per item (unless discarded), the
 * caller's keys copied in. 0 or ENOMEM (nothing allocated then). */
static int alloc_result(bulk *b)
{
	size_t i;

	b->res = gosend__obj_new(sizeof(*b->res), &b->h);
	if (!b->res)
		return GOSEND_ENOMEM;
	b->res->struct_version = 1;
	b->res->count = b->count;
	if (b->o.discard_results)
		return GOSEND_OK;
	b->h->cleanup = cleanup_result;
	if (b->count >= SIZE_MAX / sizeof(slot)) {
		gosend__obj_free(b->res);
		return GOSEND_ENOMEM;
	}
	/* the pointer array, then the records */
	{
		gosend_bulk_item **items = gosend__h_alloc(
		        b->h,
		        sizeof(gosend_bulk_item *) *
		                (b->count +
		                 1)); /* NOLINT(bugprone-sizeof-expression) */
		b->slots = items ? gosend__h_alloc(b->h, sizeof(slot) *
		                                                 (b->count + 1))
		                 : NULL;
		if (!b->slots) {
			gosend__obj_free(b->res);
			return GOSEND_ENOMEM;
		}
		for (i = 0; i < b->count; i++) {
			slot *s = &b->slots[i];
			const char *k = b->o.idempotency_keys
			                        ? b->o.idempotency_keys[i]
			                        : NULL;
			s->pub.struct_version = 1;
			s->pub.state = GOSEND_BULK_NOT_ATTEMPTED;
			if (k && k[0] &&
			    !(s->pub.idempotency_key =
			              gosend__h_strdup(b->h, k))) {
				gosend__obj_free(b->res);
				return GOSEND_ENOMEM;
			}
			items[i] = &s->pub;
		}
		b->res->items = (const gosend_bulk_item *const *)items;
	}
	return GOSEND_OK;
}

/* The batch stopped (rc) or ended: what is in flight is cut, what waits
 * for a retry fails with its last error (neither needs memory to record);
 * the transfers and the multi are freed, the counts completed. */
static void wind_up(bulk *b, int rc, long long t0)
{
	size_t i;

	while (b->list) {
		if (b->list->state == ST_FLIGHT)
			cut(b, b->list, rc);
		else
			fail_waiting(b, b->list);
	}
	while (b->nidle)
		gosend__transfer_free(b->idle[--b->nidle], b->c);
	gosend__free(b->idle);
	gosend__multi_free(b->multi);
	b->res->not_attempted = b->count - b->done;
	for (i = 0; b->slots && i < b->count; i++) {
		if (b->slots[i].pub.state == GOSEND_BULK_NOT_ATTEMPTED)
			b->slots[i].pub.code = rc;
	}
	b->res->elapsed_ms = gosend__wall_ms() - t0;
}

/* The batch's state before the first send. 0, or GOSEND_ENOMEM (nothing
 * allocated then). */
static int open_batch(bulk *b)
{
	gosend_client *client = b->c;

	b->concurrency = b->o.concurrency ? b->o.concurrency
	                                  : GOSEND_BULK_DEFAULT_CONCURRENCY;
	if (b->o.deadline_ms)
		b->deadline = gosend__now_ms(client) + b->o.deadline_ms;
	gosend__limiter_init(&b->limiter, b->o.rate_per_second,
	                     b->o.follow_rate_headers,
	                     client->retry_after_cap_ms);
	if (alloc_result(b) < 0)
		return GOSEND_ENOMEM;
	/* an array of transfer pointers, which the check takes for a
	 * mistaken sizeof of a pointer */
	/* NOLINTBEGIN(bugprone-sizeof-expression) */
	b->idle = gosend__calloc(b->concurrency, sizeof(*b->idle));
	/* NOLINTEND(bugprone-sizeof-expression) */
	b->multi = gosend__multi_new();
	if (!b->idle || !b->multi) {
		gosend__free(b->idle);
		gosend__multi_free(b->multi);
		gosend__obj_free(b->res);
		return GOSEND_ENOMEM;
	}
	return GOSEND_OK;
}

int gosend_messages_send_bulk(gosend_bulk_result **out, gosend_client *client,
                              const gosend_outgoing *const *messages,
                              size_t count, const gosend_bulk_options *opts,
                              gosend_error **err)
{
	long long t0 = gosend__wall_ms();
	bulk b;
	int rc;

	memset(&b, 0, sizeof(b));
	rc = check_args(&b, out, client, messages, count, opts, err);
	if (rc < 0)
		return rc;
	b.c = client;
	b.messages = messages;
	b.count = count;
	if (open_batch(&b) < 0) /* nothing sent */
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	rc = run(&b);
	wind_up(&b, rc, t0);
	*out = b.res;
	if (rc == GOSEND_ETIMEOUT)
		return gosend__fail(
		        err, rc, "deadline_ms",
		        "bulk deadline of %ld ms passed: %zu sent, "
		        "%zu accepted, %zu failed, %zu not attempted",
		        b.o.deadline_ms, b.res->sent, b.res->accepted,
		        b.res->failed, b.res->not_attempted);
	if (rc < 0)
		return gosend__fail(err, rc, NULL,
		                    "bulk send stopped: %s: %zu sent, %zu "
		                    "accepted, %zu failed, %zu not attempted",
		                    gosend_strerror(rc), b.res->sent,
		                    b.res->accepted, b.res->failed,
		                    b.res->not_attempted);
	return GOSEND_OK;
}
