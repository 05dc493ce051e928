/*
 * gosend_outbox_run(): a campaign's items through the streamed bulk engine
 * (bulk/stream.h).
 *
 * Write-ahead: when the stream asks for an item and none is marked ahead,
 * the next `commit_every` sendable items are read and marked in flight in
 * one transaction, which also carries the results waiting for their
 * commit; only after that commit is any of them handed to the engine.
 * Results wait in memory for the next commit (by count, by time, at the
 * next marking, at the end). An item whose mark dates from a run that
 * died and is older than the key lifetime goes to review instead.
 * An item handed out but never sent when the run stops gets its state
 * from before the mark back; one on the wire stays in flight.
 */
#define _GNU_SOURCE /* F_OFD_SETLK */
#include "gosendapi/outbox.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulk/stream.h"
#include "gosendapi/bulk.h"
#include "core/alloc.h"
#include "core/client.h"
#include "core/errors.h"
#include "outbox/store.h"

/* An item marked ahead, not yet handed out. */
typedef struct ahead {
	long long id;
	char *key, *body;
	int prior;             /* its state before the mark */
	long long prior_first; /* its first_ms before the mark */
	long long first;       /* its first_ms after the mark */
} ahead;

/* An item handed to the engine (the stream's tag is its index). */
typedef struct out_item {
	long long id;
	int prior;
	long long prior_first, first;
	struct out_item *next_free;
} out_item;

/* An outcome waiting for its commit. */
typedef struct result {
	long long id;
	int state; /* -1: only put back (prior state, first_ms) */
	int code;
	long http;
	unsigned int attempts;
	long long first;
	long long when;
	int retryable; /* a failure that may have reached the server */
	char *message_id, *error;
} result;

enum { SQL_FETCH, SQL_MARK, SQL_FINISH, SQL_PUT_BACK, SQL_REVIEW, SQL_N };

typedef struct runner {
	gosend_outbox *ob;
	gosend_client *c;
	long long cid; /* 0: every campaign */
	gosend_outbox_run_options o;
	sqlite3_stmt *sql[SQL_N];
	ahead *ahead;
	size_t nahead, pos;
	size_t fetched;   /* rows the last mark_ahead read (some may have
	                   * gone to review, not into ahead[]) */
	long long cursor; /* highest id read */
	out_item *outs, *free_out;
	result *res;
	size_t nres;
	long long last_commit, last_progress, t0;
	long long key_limit; /* key lifetime minus the margin */
	gosend_outbox_counts counts;
	size_t done, todo;
	int rc; /* a failure that stops the run */
	gosend_error *err;
} runner;

static const char *const sql_text[SQL_N] = {
        ("SELECT id, idem_key, body, state, first_ms FROM item "
         "WHERE state IN (0, 1) AND id > ?1 AND (?2 = 0 OR campaign = ?2) "
         "ORDER BY id LIMIT ?3"),
        ("UPDATE item SET state = 1, sent_ms = ?2, first_ms = ?3 "
         "WHERE id = ?1"),
        ("UPDATE item SET state = ?2, message_id = ?3, code = ?4, "
         "http_status = ?5, error = ?6, attempts = attempts + ?7, "
         "finished_ms = ?8, retryable = ?9 WHERE id = ?1"),
        ("UPDATE item SET state = ?2, first_ms = ?3, "
         "attempts = attempts + ?4 WHERE id = ?1"),
        "UPDATE item SET state = 5, finished_ms = ?2 WHERE id = ?1"};

/* ---- the run lock ---- */

/* One run per campaign (a byte of FILE-run per campaign id, FILE the
 * database's real path, however it was named at open; the whole file for
 * a run of every campaign), held by an open file description, so two
 * handles of one process exclude each other too, and a process that dies
 * lets go. */
static int lock_run(gosend_outbox *ob, long long cid, gosend_error **err)
{
	const char *name = sqlite3_db_filename(ob->db, "main");
	struct flock fl;
	char *real, *lp;
	size_t n;

	if (!name || !*name)
		return GOSEND_OK; /* memory or temporary: no other process */
	real = realpath(name, NULL);
	if (!real)
		return gosend__fail(err, GOSEND_ESTORE, NULL,
		                    "outbox run: cannot resolve %s", name);
	n = strlen(real);
	lp = gosend__malloc(n + 5);
	if (lp) {
		memcpy(lp, real, n);
		memcpy(lp + n, "-run", 5);
	}
	free(real); /* from the C library */
	if (!lp)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	ob->lock_fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	gosend__free(lp);
	if (ob->lock_fd < 0)
		return gosend__fail(err, GOSEND_ESTORE_READONLY, NULL,
		                    "outbox run: cannot create %s-run", name);
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = (off_t)cid;
	fl.l_len = cid ? 1 : 0;
	if (fcntl(ob->lock_fd, F_OFD_SETLK, &fl) != 0) {
		close(ob->lock_fd);
		ob->lock_fd = -1;
		return gosend__fail(err, GOSEND_ESTORE_BUSY, NULL,
		                    "another run drains this campaign");
	}
	return GOSEND_OK;
}

static void unlock_run(gosend_outbox *ob)
{
	if (ob->lock_fd >= 0)
		close(ob->lock_fd);
	ob->lock_fd = -1;
}

/* ---- writing ---- */

static void free_result(result *x)
{
	gosend__free(x->message_id);
	gosend__free(x->error);
}

/* Run one statement with its bindings set; SQLite's code. */
static int step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int write_result(runner *r, const result *x)
{
	sqlite3_stmt *st = r->sql[x->state < 0 ? SQL_PUT_BACK : SQL_FINISH];

	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, x->id);
	if (x->state < 0) {
		sqlite3_bind_int(st, 2, x->code); /* the state to put back */
		sqlite3_bind_int64(st, 3, x->first);
		sqlite3_bind_int(st, 4, (int)x->attempts);
		return step(st);
	}
	sqlite3_bind_int(st, 2, x->state);
	gosend__store_text(st, 3, x->message_id);
	sqlite3_bind_int(st, 4, x->code);
	sqlite3_bind_int64(st, 5, x->http);
	gosend__store_text(st, 6, x->error);
	sqlite3_bind_int(st, 7, (int)x->attempts);
	sqlite3_bind_int64(st, 8, x->when);
	sqlite3_bind_int(st, 9, x->retryable);
	return step(st);
}

/* Write the waiting results (inside a transaction). SQLite's code. */
static int write_results(runner *r)
{
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; i < r->nres && rc == SQLITE_OK; i++)
		rc = write_result(r, &r->res[i]);
	return rc;
}

static void drop_results(runner *r)
{
	size_t i;

	for (i = 0; i < r->nres; i++)
		free_result(&r->res[i]);
	r->nres = 0;
}

/* Stop the run with a store failure (the first one is kept). */
static int stop(runner *r, int src, const char *what)
{
	if (!r->rc)
		r->rc = gosend__store_fail(r->ob, src, what, &r->err);
	(void)sqlite3_exec(r->ob->db, "ROLLBACK", NULL, NULL, NULL);
	return r->rc;
}

/* Commit the waiting results alone. */
static int commit_results(runner *r)
{
	int rc = sqlite3_exec(r->ob->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = write_results(r);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(r->ob->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return stop(r, rc, "commit");
	drop_results(r);
	r->last_commit = gosend__now_ms(r->c);
	return GOSEND_OK;
}

/* ---- marking ahead ---- */

/* Free the items read ahead, those handed out included (the engine
 * copied them). */
static void drop_ahead(runner *r)
{
	size_t i;

	for (i = 0; i < r->nahead; i++) {
		gosend__free(r->ahead[i].key);
		gosend__free(r->ahead[i].body);
	}
	r->nahead = r->pos = 0;
}

/* Whether an item whose key first went out at `first` (0: not yet) may
 * no longer be sent at `now`: too close to the end of the key's life, or
 * a first moment in the future (the clock was set back). */
static int key_expired(const runner *r, long long first, long long now)
{
	return first > 0 && (now < first || now - first >= r->key_limit);
}

/* A row read: kept to send, or (its key too old) sent to review.
 * SQLite's code. */
static int take_row(runner *r, sqlite3_stmt *st, long long now)
{
	ahead *a = &r->ahead[r->nahead];
	const char *key = (const char *)sqlite3_column_text(st, 1);
	const char *body = (const char *)sqlite3_column_text(st, 2);
	sqlite3_stmt *w;

	a->id = sqlite3_column_int64(st, 0);
	a->prior = sqlite3_column_int(st, 3);
	a->prior_first = sqlite3_column_int64(st, 4);
	r->cursor = a->id;
	if (key_expired(r, a->prior_first, now)) {
		w = r->sql[SQL_REVIEW];
		sqlite3_bind_int64(w, 1, a->id);
		sqlite3_bind_int64(w, 2, now);
		r->counts.by_state[a->prior]--;
		r->counts.by_state[GOSEND_OUTBOX_REVIEW]++;
		r->done++;
		return step(w);
	}
	a->key = gosend__strdup(key ? key : "");
	a->body = gosend__strdup(body ? body : "");
	if (!a->key || !a->body) {
		gosend__free(a->key);
		gosend__free(a->body);
		return SQLITE_NOMEM;
	}
	if (a->prior == GOSEND_OUTBOX_PENDING) {
		r->counts.by_state[GOSEND_OUTBOX_PENDING]--;
		r->counts.by_state[GOSEND_OUTBOX_IN_FLIGHT]++;
	}
	a->first = a->prior_first ? a->prior_first : now;
	w = r->sql[SQL_MARK];
	sqlite3_bind_int64(w, 1, a->id);
	sqlite3_bind_int64(w, 2, now);
	sqlite3_bind_int64(w, 3, a->first);
	r->nahead++;
	return step(w);
}

/* Read the next items and mark them in flight, with the waiting results,
 * in one commit. */
static int mark_ahead(runner *r)
{
	sqlite3_stmt *st = r->sql[SQL_FETCH];
	long long now = gosend__epoch_ms(r->c);
	gosend_outbox_counts counts = r->counts; /* back when it fails */
	size_t done = r->done;
	int rc = sqlite3_exec(r->ob->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	drop_ahead(r);
	if (rc == SQLITE_OK)
		rc = write_results(r);
	sqlite3_bind_int64(st, 1, r->cursor);
	sqlite3_bind_int64(st, 2, r->cid);
	sqlite3_bind_int(st, 3, (int)r->o.commit_every);
	r->fetched = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->fetched++;
		rc = take_row(r, st, now);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_OK)
		rc = sqlite3_exec(r->ob->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		drop_ahead(r);
		r->counts = counts;
		r->done = done;
		return stop(r, rc, "mark");
	}
	drop_results(r);
	r->last_commit = gosend__now_ms(r->c);
	return GOSEND_OK;
}

/* ---- the stream's callbacks ---- */

/* Keep an outcome for the next commit. 0 or GOSEND_ENOMEM. */
static int keep(runner *r, const result *x);

/* An item marked ahead whose key got too old before it was handed out:
 * to review with the next commit. 0 or a failure. */
static int expire(runner *r, const ahead *a, long long now)
{
	result x;

	memset(&x, 0, sizeof(x));
	x.id = a->id;
	x.state = GOSEND_OUTBOX_REVIEW;
	x.when = now;
	x.error = gosend__strdup("the key's lifetime ran out before the "
	                         "item was sent");
	if (!x.error || keep(r, &x) < 0) {
		gosend__free(x.error);
		r->rc = gosend__fail(&r->err, GOSEND_ENOMEM, NULL,
		                     "out of memory");
		return r->rc;
	}
	r->counts.by_state[GOSEND_OUTBOX_IN_FLIGHT]--;
	r->counts.by_state[GOSEND_OUTBOX_REVIEW]++;
	r->done++;
	return GOSEND_OK;
}

/* The next item marked ahead whose key may still be sent, or NULL. */
static ahead *next_ahead(runner *r, long long *now)
{
	for (;;) {
		ahead *a;
		/* a read whose every row went to review may not be the
		 * last: read on while reads come back full */
		while (r->pos == r->nahead) {
			if (mark_ahead(r) < 0)
				return NULL;
			if (r->nahead == 0 && r->fetched < r->o.commit_every)
				return NULL; /* nothing left to send */
		}
		a = &r->ahead[r->pos++];
		*now = gosend__epoch_ms(r->c);
		if (!key_expired(r, a->first, *now))
			return a;
		if (expire(r, a, *now) < 0)
			return NULL;
	}
}

static int next_item(void *payload, gosend__stream_item *it)
{
	runner *r = payload;
	out_item *o = r->free_out;
	long long now = 0;
	ahead *a;

	if (r->rc)
		return r->rc;
	if (!o)
		return GOSEND_ERROR; /* the stream holds at most outs - 1 */
	a = next_ahead(r, &now);
	if (!a)
		return r->rc ? r->rc : 0;
	r->free_out = o->next_free;
	o->id = a->id;
	o->prior = a->prior;
	o->prior_first = a->prior_first;
	o->first = a->first;
	it->json = a->body;
	it->key = a->key;
	it->tag = o - r->outs;
	/* no attempt starts after the key's safe lifetime */
	it->deadline = gosend__now_ms(r->c) + (a->first + r->key_limit - now);
	/* the stream copies both; freed with the next items read ahead */
	return 1;
}

/* Keep an outcome for the next commit. 0 or GOSEND_ENOMEM. */
static int keep(runner *r, const result *x)
{
	result *n;

	if (r->nres % 64 == 0) {
		n = gosend__realloc(r->res, (r->nres + 64) * sizeof(*n));
		if (!n)
			return GOSEND_ENOMEM;
		r->res = n;
	}
	r->res[r->nres++] = *x;
	return GOSEND_OK;
}

/* The result of an ended item (not cut). */
static void outcome(result *x, int code, gosend_message_result *res,
                    gosend_error *e)
{
	if (code != 0) {
		x->state = GOSEND_OUTBOX_FAILED;
		x->code = code;
		x->http = e ? e->http_status : 0;
		x->retryable = gosend_error_is_retryable(e);
		x->error = gosend__strdup(
		        e && e->message ? e->message : gosend_strerror(code));
	} else {
		x->state = res && res->id_known ? GOSEND_OUTBOX_SENT
		                                : GOSEND_OUTBOX_ACCEPTED;
		x->http = res && res->meta ? res->meta->http_status : 0;
		if (x->state == GOSEND_OUTBOX_SENT)
			x->message_id = gosend__strdup(res->id);
	}
}

static void item_done(void *payload, long long tag, int code,
                      gosend_message_result *res, gosend_error *e,
                      unsigned int attempts, int cut)
{
	runner *r = payload;
	out_item *o = &r->outs[tag];
	result x;

	memset(&x, 0, sizeof(x));
	x.id = o->id;
	x.attempts = attempts;
	x.when = gosend__epoch_ms(r->c);
	/* an attempt the run's own deadline ended on the wire (its timeout
	 * may fire before the run sees the deadline) is cut, not failed: it
	 * may have been stored, and stays in flight to go again with its
	 * key */
	if (!cut && code == GOSEND_ETIMEOUT && attempts && r->o.deadline_ms &&
	    gosend__now_ms(r->c) >= r->t0 + r->o.deadline_ms &&
	    gosend_error_is_retryable(e))
		cut = 1;
	if (cut) {
		/* never sent: as before the mark; sent: still in flight */
		x.state = -1;
		x.code = attempts ? GOSEND_OUTBOX_IN_FLIGHT : o->prior;
		x.first = attempts ? o->first : o->prior_first;
	} else {
		outcome(&x, code, res, e);
		r->done++;
	}
	r->counts.by_state[GOSEND_OUTBOX_IN_FLIGHT]--;
	r->counts.by_state[x.state < 0 ? x.code : x.state]++;
	gosend_message_result_free(res);
	gosend_error_free(e);
	o->next_free = r->free_out;
	r->free_out = o;
	if ((x.state == GOSEND_OUTBOX_FAILED && !x.error) ||
	    (x.state == GOSEND_OUTBOX_SENT && !x.message_id) ||
	    keep(r, &x) < 0) {
		free_result(&x); /* stays in flight: sent again with its key */
		if (!r->rc)
			r->rc = gosend__fail(&r->err, GOSEND_ENOMEM, NULL,
			                     "out of memory");
	}
}

/* Report progress; nonzero when the callback asks to stop. */
static int progress(runner *r, long long now)
{
	gosend_outbox_progress p;
	size_t i;

	if (!r->o.progress)
		return 0;
	memset(&p, 0, sizeof(p));
	p.struct_version = 1;
	p.counts = r->counts;
	p.counts.total = 0;
	for (i = 0; i < GOSEND_OUTBOX_STATE_COUNT; i++)
		p.counts.total += p.counts.by_state[i];
	p.done_this_run = r->done;
	p.todo_this_run = r->todo;
	p.elapsed_ms = now - r->t0;
	r->last_progress = now;
	return r->o.progress(&p, r->o.progress_payload);
}

static long long tick(void *payload)
{
	runner *r = payload;
	long long now = gosend__now_ms(r->c), wait;

	if (r->rc)
		return r->rc;
	if (atomic_load(&r->ob->cancel))
		return GOSEND_ECANCELED;
	if (r->nres &&
	    (r->nres >= r->o.commit_every ||
	     now - r->last_commit >= r->o.commit_interval_ms) &&
	    commit_results(r) < 0)
		return r->rc;
	if (now - r->last_progress >= r->o.progress_interval_ms &&
	    progress(r, now) != 0) {
		atomic_store(&r->ob->cancel, 1);
		return GOSEND_ECANCELED;
	}
	wait = r->last_progress + r->o.progress_interval_ms - now;
	if (r->nres && r->last_commit + r->o.commit_interval_ms - now < wait)
		wait = r->last_commit + r->o.commit_interval_ms - now;
	return wait > 0 ? wait : 1;
}

/* ---- the run ---- */

static int check_run_args(gosend_outbox *ob, gosend_client *client,
                          const char *campaign,
                          const gosend_outbox_run_options *o,
                          gosend_error **err)
{
	int rc = gosend__store_begin_call(ob, err);

	if (rc != 0)
		return rc;
	if (!client)
		return gosend__fail(err, GOSEND_EINVAL, "client",
		                    "client is NULL");
	if (ob->in_tx)
		return gosend__fail(err, GOSEND_EINVAL, NULL,
		                    "a transaction of gosend_outbox_begin() is "
		                    "open");
	rc = gosend__store_check_campaign(campaign, 1, err);
	if (rc != 0)
		return rc;
	if (o &&
	    (o->version == 0 || o->version > GOSEND_OUTBOX_RUN_OPTIONS_VERSION))
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown run options version %u",
		                    o->version);
	if (o && (o->concurrency > GOSEND_BULK_MAX_CONCURRENCY ||
	          o->key_lifetime_ms < 0 || o->commit_interval_ms < 0 ||
	          o->progress_interval_ms < 0 || o->deadline_ms < 0 ||
	          o->commit_every > 100000))
		return gosend__fail(err, GOSEND_EINVAL, "options",
		                    "concurrency above %d, commit_every above "
		                    "100000, or a negative time",
		                    GOSEND_BULK_MAX_CONCURRENCY);
	if (o && o->version >= 2 &&
	    (o->key_margin_ms < 0 ||
	     o->key_margin_ms >= (o->key_lifetime_ms
	                                  ? o->key_lifetime_ms
	                                  : GOSEND_OUTBOX_KEY_LIFETIME_MS)))
		return gosend__fail(err, GOSEND_EINVAL, "key_margin_ms",
		                    "key_margin_ms must be 0 or positive and "
		                    "below the key lifetime");
	return GOSEND_OK;
}

static void defaults(runner *r, const gosend_outbox_run_options *o)
{
	gosend_outbox_run_options d = GOSEND_OUTBOX_RUN_OPTIONS_INIT;

	r->o = d;
	if (o && o->version < 2) /* the fields of version 1 */
		memcpy(&r->o, o,
		       offsetof(gosend_outbox_run_options, key_margin_ms));
	else if (o)
		r->o = *o;
	r->o.version = GOSEND_OUTBOX_RUN_OPTIONS_VERSION;
	if (!r->o.concurrency)
		r->o.concurrency = GOSEND_BULK_DEFAULT_CONCURRENCY;
	if (!r->o.key_lifetime_ms)
		r->o.key_lifetime_ms = GOSEND_OUTBOX_KEY_LIFETIME_MS;
	if (!r->o.key_margin_ms)
		r->o.key_margin_ms = r->o.key_lifetime_ms / 24;
	r->key_limit = r->o.key_lifetime_ms - r->o.key_margin_ms;
	if (!r->o.commit_every)
		r->o.commit_every = 256;
	if (!r->o.commit_interval_ms)
		r->o.commit_interval_ms = 200;
	if (!r->o.progress_interval_ms)
		r->o.progress_interval_ms = 500;
}

/* Statements and buffers of the run. 0 or a failure. */
static int prepare(runner *r, gosend_error **err)
{
	unsigned int i, n = 2 * r->o.concurrency + 1;
	int rc;

	for (i = 0; i < SQL_N; i++) {
		rc = sqlite3_prepare_v2(r->ob->db, sql_text[i], -1, &r->sql[i],
		                        NULL);
		if (rc != SQLITE_OK)
			return gosend__store_fail(r->ob, rc, "run", err);
	}
	r->ahead = gosend__calloc(r->o.commit_every, sizeof(*r->ahead));
	r->outs = gosend__calloc(n, sizeof(*r->outs));
	if (!r->ahead || !r->outs)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	for (i = 0; i < n; i++)
		r->outs[i].next_free = i + 1 < n ? &r->outs[i + 1] : NULL;
	r->free_out = r->outs;
	return GOSEND_OK;
}

static void dispose(runner *r)
{
	int i;

	drop_ahead(r);
	drop_results(r);
	for (i = 0; i < SQL_N; i++)
		sqlite3_finalize(r->sql[i]);
	gosend__free(r->ahead);
	gosend__free(r->outs);
	gosend__free(r->res);
	gosend_error_free(r->err);
}

/* The items marked ahead but never handed out get their state from
 * before the mark back. */
static void put_back_ahead(runner *r)
{
	result x;

	for (; r->pos < r->nahead && !r->rc; r->pos++) {
		ahead *a = &r->ahead[r->pos];
		memset(&x, 0, sizeof(x));
		x.id = a->id;
		x.state = -1;
		x.code = a->prior;
		x.first = a->prior_first;
		if (keep(r, &x) < 0)
			break; /* stays in flight: sent again with its key */
		r->counts.by_state[GOSEND_OUTBOX_IN_FLIGHT]--;
		r->counts.by_state[a->prior]++;
	}
}

/* Send: the stream until it ends, then the last results. */
static int drain(runner *r)
{
	gosend__stream s;
	int rc;

	memset(&s, 0, sizeof(s));
	s.client = r->c;
	s.concurrency = r->o.concurrency;
	s.deadline = r->o.deadline_ms ? r->t0 + r->o.deadline_ms : 0;
	s.next = next_item;
	s.done = item_done;
	s.tick = tick;
	s.payload = r;
	rc = gosend__stream_run(&s);
	put_back_ahead(r);
	if (r->nres)
		(void)commit_results(r); /* a failure is in r->rc */
	if (r->rc)
		rc = r->rc;
	return rc;
}

/* What the run returns, with err's text. */
static int verdict(runner *r, int rc, gosend_error **err)
{
	size_t left = r->counts.by_state[GOSEND_OUTBOX_PENDING] +
	              r->counts.by_state[GOSEND_OUTBOX_IN_FLIGHT];

	if (rc == 0)
		return GOSEND_OK;
	if (r->err && r->rc == rc) {
		if (err) {
			*err = r->err;
			r->err = NULL;
		}
		return rc;
	}
	if (rc == GOSEND_ECANCELED)
		return gosend__fail(err, rc, NULL,
		                    "the run was cancelled: %zu done, %zu left "
		                    "for the next run",
		                    r->done, left);
	if (rc == GOSEND_ETIMEOUT && !r->o.deadline_ms)
		return gosend__fail(
		        err, rc, NULL,
		        "a call's deadline came before the rate "
		        "limit let it leave: %zu done, %zu left for "
		        "the next run",
		        r->done, left);
	if (rc == GOSEND_ETIMEOUT)
		return gosend__fail(err, rc, "deadline_ms",
		                    "run deadline of %ld ms passed: %zu done, "
		                    "%zu left for the next run",
		                    r->o.deadline_ms, r->done, left);
	return gosend__fail(err, rc, NULL, "the run stopped: %s",
	                    gosend_strerror(rc));
}

/* long: the run from its checks to its verdict, in order */
int gosend_outbox_run(gosend_outbox *ob, gosend_client *client,
                      const char *campaign,
                      const gosend_outbox_run_options *opts,
                      gosend_outbox_counts *out, gosend_error **err)
{
	runner r;
	int rc = check_run_args(ob, client, campaign, opts, err);

	if (out)
		memset(out, 0, sizeof(*out));
	if (rc != 0)
		return rc;
	memset(&r, 0, sizeof(r));
	r.ob = ob;
	r.c = client;
	defaults(&r, opts);
	if (campaign) {
		rc = gosend__store_campaign(ob, campaign, 0, &r.cid, err);
		if (rc == 0 && !r.cid)
			rc = gosend__fail(err, GOSEND_ENOTFOUND, "campaign",
			                  "no campaign %s in the outbox",
			                  campaign);
	}
	if (rc == 0)
		rc = lock_run(ob, r.cid, err);
	if (rc != 0) {
		atomic_store(&ob->cancel, 0);
		return rc;
	}
	rc = gosend__store_count(ob, r.cid, &r.counts, err);
	if (rc == 0)
		rc = prepare(&r, err);
	if (rc == 0) {
		r.todo = r.counts.by_state[GOSEND_OUTBOX_PENDING] +
		         r.counts.by_state[GOSEND_OUTBOX_IN_FLIGHT];
		r.t0 = r.last_commit = r.last_progress = gosend__now_ms(client);
		rc = drain(&r);
		(void)progress(&r, gosend__now_ms(client));
		rc = verdict(&r, rc, err);
	}
	if (out && gosend__store_count(ob, r.cid, out, NULL) != 0)
		*out = r.counts;
	dispose(&r);
	unlock_run(ob);
	atomic_store(&ob->cancel, 0);
	return rc;
}

void gosend_outbox_cancel(gosend_outbox *ob)
{
	if (ob)
		atomic_store(&ob->cancel, 1);
}
