/*
 * Bulk sending: a blocking loop around the async engine (async/engine.h).
 * Each item is started with gosend_async_messages_send(), so it is checked,
 * keyed, sent, retried and decoded exactly as gosend_messages_send() would
 * do; the engine keeps at most `concurrency` requests on the wire and
 * applies the client's rate limit and the batch's own. Only the items in
 * the engine (on the wire, waiting for a retry, or a few queued ahead so
 * that a freed slot is refilled at once) hold a request; the rest are
 * indexes. Every item's record (state, code, key) is allocated before the
 * first send, so recording an outcome never needs memory and a batch that
 * stops early still says what became of each item; with discard_results
 * there are no records at all and memory stays flat.
 */
#include "gosendapi/bulk.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "async/engine.h"
#include "core/alloc.h"
#include "core/client.h"
#include "core/errors.h"
#include "core/ratelimit.h"
#include "gosendapi/async.h"

/* One item's record: the public item and room for a generated key. */
typedef struct slot {
	gosend_bulk_item pub;
	char key[37];
	unsigned char kept; /* pub.result lives in the batch's arena */
} slot;

/* Size of the blocks the batch's arena keeps results in. */
#define ARENA_BLOCK 32768

typedef struct bulk bulk;

/* What an item's callback needs: the batch and the item. */
typedef struct item_ctx {
	bulk *b;
	size_t index;
	struct item_ctx *next_free;
} item_ctx;

struct bulk {
	gosend_client *c;
	const gosend_outgoing *const *messages;
	size_t count;
	gosend_bulk_options
	        o; /* the caller's options, zeroed past its version */
	unsigned int concurrency;
	long long deadline; /* client clock ms; 0: none */
	gosend__limiter limiter;
	gosend_async *as;
	item_ctx *ctx;      /* 2 x concurrency contexts ... */
	item_ctx *free_ctx; /* ... those not in use */
	int stopping; /* the batch stops: queued items stay not attempted */
	size_t next;  /* next index never started */
	size_t done;
	gosend_bulk_result *res;
	gosend__holder *h;
	slot *slots; /* NULL when results are discarded */
};

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
		/* the item is a slot's first member */
		if (!((const slot *)(const void *)it)->kept)
			gosend_message_result_free(
			        (gosend_message_result *)(uintptr_t)it->result);
		gosend_error_free((gosend_error *)(uintptr_t)it->error);
	}
}

void gosend_bulk_result_free(gosend_bulk_result *res)
{
	gosend__obj_free(res);
}

/* The seven strings of a send's result and its meta, in f. */
static void result_strings(gosend_message_result *r, gosend_meta *m,
                           const char **f[7])
{
	f[0] = &r->id;
	f[1] = &r->status_name;
	f[2] = &r->wa_id;
	f[3] = &r->raw_json;
	f[4] = &m->request_id;
	f[5] = &m->content_type;
	f[6] = &m->idempotency_key;
}

/*
 * A send's result copied into the batch's arena (one piece: the struct, its
 * meta, its strings) and the original freed: a batch keeps tens of
 * thousands of results, which then sit in a few large blocks instead of
 * several small allocations each. The original stays when memory runs out.
 */
static gosend_message_result *keep_result(bulk *b, gosend_message_result *r,
                                          unsigned char *kept)
{
	gosend_message_result *k;
	gosend_meta *m = (gosend_meta *)(uintptr_t)r->meta;
	const char **f[7];
	size_t need = sizeof(*k) + sizeof(*m), i;
	char *at;

	result_strings(r, m, f); /* only read */
	for (i = 0; i < 7; i++)
		need += *f[i] ? strlen(*f[i]) + 1 : 0;
	need = (need + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
	       sizeof(max_align_t);
	if (gosend__h_room(b->h) < need &&
	    gosend__h_reserve(b->h, need > ARENA_BLOCK ? need : ARENA_BLOCK) <
	            0)
		return r;
	k = gosend__h_alloc_raw(b->h, need);
	m = (gosend_meta *)(void *)(k + 1);
	*k = *r;
	*m = *r->meta;
	k->meta = m;
	/* the copies still point at r's strings: copy each after m */
	result_strings(k, m, f);
	at = (char *)(m + 1);
	for (i = 0; i < 7; i++) {
		size_t n;
		if (!*f[i])
			continue;
		n = strlen(*f[i]) + 1;
		memcpy(at, *f[i], n);
		*f[i] = at;
		at += n;
	}
	gosend_message_result_free(r);
	*kept = 1;
	return k;
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
	if (b->slots && result)
		result = keep_result(b, result, &b->slots[index].kept);
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

/* An item's call ended (the engine's callback). */
static void item_done(gosend_async_call *call, int code, void *result,
                      gosend_error *error, void *payload)
{
	item_ctx *ctx = payload;
	bulk *b = ctx->b;
	unsigned int attempts = gosend__async_attempts(call);

	if (code < 0 && attempts == 0 &&
	    (b->stopping || code == GOSEND_ETIMEOUT)) {
		/* queued when the batch stopped, or its deadline (the batch's)
		 * passed before it left: never sent, not attempted */
		gosend_error_free(error);
	} else {
		finish_item(b, ctx->index, code, result, error,
		            gosend_async_call_idempotency_key(call), attempts);
	}
	ctx->next_free = b->free_ctx;
	b->free_ctx = ctx;
}

/* Start item i in the engine. A message refused locally is finished as
 * failed; 0, or GOSEND_ENOMEM (the item stays not attempted). */
static int start_item(bulk *b, size_t i)
{
	gosend_request_options opts = GOSEND_REQUEST_OPTIONS_INIT;
	item_ctx *ctx = b->free_ctx;
	gosend_error *e = NULL;
	int code;

	if (!b->messages[i]) {
		code = gosend__fail(&e, GOSEND_EINVAL, "messages",
		                    "message %zu is NULL", i);
		finish_item(b, i, code, NULL, e, NULL, 0);
		return GOSEND_OK;
	}
	if (b->o.idempotency_keys)
		opts.idempotency_key = b->o.idempotency_keys[i];
	ctx->index = i;
	b->free_ctx = ctx->next_free;
	code = gosend_async_messages_send(b->as, b->messages[i], &opts,
	                                  item_done, ctx, NULL, &e);
	if (code == 0)
		return GOSEND_OK;
	ctx->next_free = b->free_ctx;
	b->free_ctx = ctx;
	if (code == GOSEND_ENOMEM) {
		gosend_error_free(e);
		return GOSEND_ENOMEM;
	}
	finish_item(b, i, code, NULL, e, NULL, 0);
	return GOSEND_OK;
}

/* Keep the engine fed: up to `concurrency` calls queued besides those on
 * the wire, so that a slot freed by an answer is refilled at once. */
static int feed(bulk *b)
{
	size_t queued, on_wire;

	gosend__async_counts(b->as, &queued, &on_wire);
	while (b->next < b->count && queued < b->concurrency && b->free_ctx) {
		int rc = start_item(b, b->next);
		if (rc < 0)
			return rc;
		b->next++;
		gosend__async_counts(b->as, &queued, &on_wire);
	}
	return GOSEND_OK;
}

static int run(bulk *b)
{
	for (;;) {
		long long now, wait = 1000;
		int rc = feed(b);

		if (rc < 0)
			return rc;
		if (b->done >= b->count)
			return 0;
		now = gosend__now_ms(b->c);
		if (b->deadline) {
			if (now >= b->deadline)
				return GOSEND_ETIMEOUT;
			if (b->deadline - now < wait)
				wait = b->deadline - now;
		}
		rc = gosend__async_step(b->as, wait);
		if (rc < 0)
			return rc;
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
	/* 0, or 1..10^6; NaN fails both tests */
	if (!(o->rate_per_second <= 0 && o->rate_per_second >= 0) &&
	    !(o->rate_per_second >= 1 && o->rate_per_second <= 1e6))
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

/* The batch stopped (rc) or ended: what is on the wire is cut, what waits
 * for a retry fails with its last error (neither needs memory to record),
 * what is queued stays not attempted; the handle is freed, the counts
 * completed. */
static void wind_up(bulk *b, int rc, long long t0)
{
	gosend_async_call *call;
	char why[96];
	size_t i;

	if (rc == GOSEND_ETIMEOUT)
		(void)snprintf(why, sizeof(why),
		               "cut at the bulk deadline of %ld ms",
		               b->o.deadline_ms);
	else
		(void)snprintf(why, sizeof(why),
		               "cut: the bulk send stopped (%s)",
		               gosend_strerror(rc));
	b->stopping = 1;
	while ((call = gosend__async_first(b->as)))
		gosend__async_end(call, rc, why);
	b->res->rate_limited = gosend__async_rate_limited(b->as);
	gosend_async_free(b->as);
	gosend__free(b->ctx);
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
	unsigned int i, nctx;

	b->concurrency = b->o.concurrency ? b->o.concurrency
	                                  : GOSEND_BULK_DEFAULT_CONCURRENCY;
	if (b->o.deadline_ms)
		b->deadline = gosend__now_ms(client) + b->o.deadline_ms;
	gosend__limiter_init(&b->limiter, b->o.rate_per_second,
	                     b->o.follow_rate_headers,
	                     client->retry_after_cap_ms);
	if (alloc_result(b) < 0)
		return GOSEND_ENOMEM;
	nctx = 2 * b->concurrency;
	b->ctx = gosend__calloc(nctx, sizeof(*b->ctx));
	if (!b->ctx ||
	    gosend__async_new_blocking(&b->as, client, b->concurrency,
	                               &b->limiter) < 0) {
		gosend__free(b->ctx);
		gosend__obj_free(b->res);
		return GOSEND_ENOMEM;
	}
	gosend__async_bound(b->as, b->deadline);
	for (i = 0; i < nctx; i++) {
		b->ctx[i].b = b;
		b->ctx[i].next_free = i + 1 < nctx ? &b->ctx[i + 1] : NULL;
	}
	b->free_ctx = b->ctx;
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
