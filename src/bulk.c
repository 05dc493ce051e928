/*
 * Bulk sending on libcurl's multi interface. Each item goes through the
 * same exchange steps as a single call (src/http.c): prepare, perform
 * (here: added to the multi handle), finish, retry decision; so retries,
 * backoff and idempotency keys are exactly those of gosend_messages_send().
 * Only the items in flight or waiting for a retry hold a request; the rest
 * are indexes, so memory does not grow with the batch.
 */
#include "gosendapi/bulk.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <curl/curl.h>

#include "alloc.h"
#include "client_int.h"
#include "decoders.h"
#include "errors_int.h"
#include "http.h"
#include "ratelimit.h"

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

typedef struct bulk {
	gosend_client *c;
	const gosend_outgoing *const *messages;
	size_t count;
	const gosend_bulk_options *o;
	unsigned int concurrency;
	gosend__limiter limiter;
	CURLM *multi;
	active *list; /* in flight and waiting */
	unsigned int in_flight;
	size_t next; /* next index never started */
	size_t done;
	gosend_bulk_result *res;
	gosend__holder *h;
	gosend_bulk_item **items; /* NULL when results are discarded */
	CURL **idle;              /* easy handles kept warm for this batch */
	unsigned int nidle;
} bulk;

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

/* Record an item's outcome; takes result or error. 0, or ENOMEM. */
static int finish_item(bulk *b, size_t index, int code,
                       gosend_message_result *result, gosend_error *error,
                       const char *key, unsigned int attempts)
{
	gosend_bulk_item *it = NULL;
	int rc = 0;

	if (code == 0)
		b->res->succeeded++;
	else
		b->res->failed++;
	b->done++;
	if (b->o && b->o->on_item)
		b->o->on_item(index, code, result, error,
		              b->o->on_item_payload);
	if (b->items) {
		it = gosend__h_alloc(b->h, sizeof(*it));
		if (it && key && key[0] &&
		    !(it->idempotency_key = gosend__h_strdup(b->h, key)))
			it = NULL;
	}
	if (it) {
		it->struct_version = 1;
		it->code = code;
		it->result = result;
		it->error = error;
		it->attempts = attempts;
		b->items[index] = it;
	} else {
		gosend_message_result_free(result);
		gosend_error_free(error);
		if (b->items)
			rc = GOSEND_ENOMEM;
	}
	if (b->o && b->o->progress)
		b->o->progress(b->done, b->count, b->o->progress_payload);
	return rc;
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
		*rc = GOSEND_ENOMEM;
		return NULL;
	}
	a->index = i;
	a->opts.version = GOSEND_REQUEST_OPTIONS_VERSION;
	if (b->o && b->o->idempotency_keys)
		a->opts.idempotency_key = b->o->idempotency_keys[i];
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
		*rc = finish_item(b, i, code, NULL, e, NULL, 0);
		active_free(a);
		return NULL;
	}
	return a;
}

static void unlink_active(bulk *b, active *a)
{
	active **p = &b->list;

	while (*p && *p != a)
		p = &(*p)->next;
	if (*p)
		*p = a->next;
}

/* Put an item's next attempt on the wire. 0, or ENOMEM (fatal). */
static int launch(bulk *b, active *a)
{
	gosend_error *e = NULL;
	int code;

	/* one warm handle per slot for the whole batch */
	a->x.a.keep_handle = 1;
	if (b->nidle)
		a->x.a.h = b->idle[--b->nidle];
	code = gosend__exchange_prepare(&a->x, &e);

	if (code == 0 &&
	    (curl_easy_setopt(a->x.a.h, CURLOPT_PRIVATE, a) != CURLE_OK ||
	     curl_multi_add_handle(b->multi, a->x.a.h) != CURLM_OK)) {
		gosend__attempt_release(&a->x.a, b->c, 0);
		code = gosend__fail(&e, GOSEND_ENOMEM, NULL,
		                    "cannot add the transfer");
	}
	if (code < 0) {
		unlink_active(b, a);
		code = finish_item(b, a->index, code, NULL, e, a->req.idem_key,
		                   a->x.attempt_no);
		active_free(a);
		return code;
	}
	a->state = ST_FLIGHT;
	a->start_ms = gosend__wall_ms();
	b->in_flight++;
	return 0;
}

/* A transfer ended: success, retry later, or final failure. */
static int complete(bulk *b, active *a, CURLcode cc, int saved_errno)
{
	gosend_error *e = NULL;
	long long delay = 0;
	int code;

	curl_multi_remove_handle(b->multi, a->x.a.h);
	b->in_flight--;
	code = gosend__exchange_finish(&a->x, (int)cc, saved_errno);
	if (a->x.a.h) {
		/* a reusable handle: back to this batch's idle list */
		b->idle[b->nidle++] = a->x.a.h;
		a->x.a.h = NULL;
	}
	gosend__limiter_done(&b->limiter, a->start_ms, gosend__wall_ms());
	gosend__limiter_observe(&b->limiter, &a->x.res.meta, gosend__wall_ms());
	if (a->x.res.status == 429)
		b->res->rate_limited++;
	if (code == 0) {
		void *obj = NULL;
		const gosend_meta *meta = NULL;

		code = gosend__wrap_response(&a->x.res,
		                             sizeof(gosend_message_result),
		                             &obj, &meta, GOSEND__WRAP_ANY, &e);
		if (code == 0)
			code = gosend__message_result_decode(obj, &e);
		unlink_active(b, a);
		code = finish_item(b, a->index, code, code == 0 ? obj : NULL, e,
		                   a->req.idem_key, a->x.attempt_no);
		active_free(a);
		return code;
	}
	if (gosend__exchange_retry(&a->x, &delay)) {
		a->state = ST_WAIT;
		a->due = gosend__now_ms(b->c) + delay;
		return 0;
	}
	code = gosend__exchange_fail(&a->x, &e);
	unlink_active(b, a);
	code = finish_item(b, a->index, code, NULL, e, a->req.idem_key,
	                   a->x.attempt_no);
	active_free(a);
	return code;
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

/* Start what may start now; *wait_ms: when to look again (-1: no timer). */
static int fill(bulk *b, long long *wait_ms)
{
	*wait_ms = -1;
	while (b->in_flight < b->concurrency) {
		long long now = gosend__now_ms(b->c), due = 0, w;
		active *a = first_due(b, &due);
		int rc;

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
			a = start_item(b, b->next++, &rc);
			if (rc < 0)
				return rc;
			if (!a) {
				/* refused locally: give the slot back */
				if (b->limiter.used)
					b->limiter.used--;
				continue;
			}
			a->next = b->list;
			b->list = a;
		}
		rc = launch(b, a);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int run(bulk *b)
{
	for (;;) {
		long long wait;
		int running = 0, n, rc, saved_errno;
		CURLMsg *msg;

		rc = fill(b, &wait);
		if (rc < 0)
			return rc;
		if (b->done >= b->count)
			return 0;
		if (b->in_flight == 0) {
			/* only timers left: retries or the rate limit */
			gosend__sleep_ms(b->c, wait > 0 ? wait : 1);
			continue;
		}
		errno = 0;
		if (curl_multi_perform(b->multi, &running) != CURLM_OK)
			return GOSEND_ENOMEM;
		saved_errno = errno; /* ENOMEM: an allocation failed inside */
		while ((msg = curl_multi_info_read(b->multi, &n))) {
			active *a = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			                  (char **)&a);
			rc = complete(b, a, msg->data.result, saved_errno);
			if (rc < 0)
				return rc;
		}
		if (b->in_flight && running)
			curl_multi_poll(b->multi, NULL, 0,
			                wait >= 0 && wait < 1000 ? (int)wait
			                                         : 1000,
			                NULL);
	}
}

int gosend_messages_send_bulk(gosend_bulk_result **out, gosend_client *client,
                              const gosend_outgoing *const *messages,
                              size_t count, const gosend_bulk_options *o,
                              gosend_error **err)
{
	long long t0 = gosend__wall_ms();
	bulk b;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!client)
		return gosend__fail(err, GOSEND_EINVAL, "client",
		                    "client is NULL");
	if (count && !messages)
		return gosend__fail(err, GOSEND_EINVAL, "messages",
		                    "messages is NULL");
	if (o && (o->version == 0 || o->version > GOSEND_BULK_OPTIONS_VERSION))
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown bulk options version %u",
		                    o->version);
	if (o && o->concurrency > GOSEND_BULK_MAX_CONCURRENCY)
		return gosend__fail(err, GOSEND_EINVAL, "concurrency",
		                    "concurrency must be at most %d",
		                    GOSEND_BULK_MAX_CONCURRENCY);
	if (o && (o->rate_per_second < 0 ||
	          (o->rate_per_second > 0 && o->rate_per_second < 1) ||
	          o->rate_per_second > 1e6))
		return gosend__fail(err, GOSEND_EINVAL, "rate_per_second",
		                    "rate_per_second must be 0 or 1..1000000");
	memset(&b, 0, sizeof(b));
	b.c = client;
	b.messages = messages;
	b.count = count;
	b.o = o;
	b.concurrency = o && o->concurrency ? o->concurrency
	                                    : GOSEND_BULK_DEFAULT_CONCURRENCY;
	gosend__limiter_init(&b.limiter, o ? o->rate_per_second : 0,
	                     o ? o->follow_rate_headers : 0,
	                     client->retry_after_cap_ms);
	b.res = gosend__obj_new(sizeof(*b.res), &b.h);
	if (!b.res)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	b.res->struct_version = 1;
	b.res->count = count;
	if (!(o && o->discard_results)) {
		/* an array of item pointers, one per message */
		b.items = gosend__h_alloc(
		        b.h,
		        sizeof(gosend_bulk_item *) *
		                (count +
		                 1)); /* NOLINT(bugprone-sizeof-expression) */
		if (!b.items) {
			gosend__obj_free(b.res);
			return gosend__fail(err, GOSEND_ENOMEM, NULL,
			                    "out of memory");
		}
		b.res->items = (const gosend_bulk_item *const *)b.items;
		b.h->cleanup = cleanup_result;
	}
	b.idle = gosend__calloc(b.concurrency, sizeof(*b.idle));
	b.multi = curl_multi_init();
	if (!b.idle || !b.multi ||
	    curl_multi_setopt(b.multi, CURLMOPT_PIPELINING,
	                      (long)CURLPIPE_MULTIPLEX) != CURLM_OK)
		rc = GOSEND_ENOMEM;
	else
		rc = run(&b);
	while (b.list) {
		active *a = b.list;
		b.list = a->next;
		if (a->state == ST_FLIGHT) {
			curl_multi_remove_handle(b.multi, a->x.a.h);
			gosend__attempt_release(&a->x.a, client, 0);
		}
		active_free(a);
	}
	while (b.idle && b.nidle)
		gosend__handle_release(client, b.idle[--b.nidle]);
	gosend__free(b.idle);
	if (b.multi)
		curl_multi_cleanup(b.multi);
	if (rc < 0) {
		gosend__obj_free(b.res);
		return gosend__fail(err, rc, NULL, "bulk send failed: %s",
		                    gosend_strerror(rc));
	}
	b.res->elapsed_ms = gosend__wall_ms() - t0;
	*out = b.res;
	return GOSEND_OK;
}
