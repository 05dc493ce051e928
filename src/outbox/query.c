/*
 * Reading an outbox: counts by state, items one by one, JSON lines; and
 * putting items back to pending.
 */
#include "gosendapi/outbox.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "core/client.h"
#include "core/errors.h"
#include "json/value.h"
#include "outbox/store.h"

struct gosend_outbox_iter {
	gosend_outbox *ob;
	sqlite3_stmt *st;
	gosend_outbox_item item;
};

int gosend__store_count(gosend_outbox *ob, long long cid,
                        gosend_outbox_counts *out, gosend_error **err)
{
	sqlite3_stmt *st =
	        gosend__store_st(ob, cid ? ST_COUNT_CAMPAIGN : ST_COUNT_ALL);
	int rc = SQLITE_OK;

	memset(out, 0, sizeof(*out));
	out->struct_version = 1;
	if (cid)
		sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int state = sqlite3_column_int(st, 0);
		size_t n = (size_t)sqlite3_column_int64(st, 1);
		if (state >= 0 && state < GOSEND_OUTBOX_STATE_COUNT)
			out->by_state[state] += n;
		out->total += n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gosend__store_fail(ob, rc, "count", err);
	return GOSEND_OK;
}

/* The campaign's id (0 for NULL); GOSEND_ENOTFOUND when it is missing. */
static int campaign_id(gosend_outbox *ob, const char *campaign, long long *cid,
                       gosend_error **err)
{
	int rc = gosend__store_check_campaign(campaign, 1, err);

	*cid = 0;
	if (rc != 0 || !campaign)
		return rc;
	rc = gosend__store_campaign(ob, campaign, 0, cid, err);
	if (rc == 0 && !*cid)
		return gosend__fail(err, GOSEND_ENOTFOUND, "campaign",
		                    "no campaign %s in the outbox", campaign);
	return rc;
}

/* A missing campaign has no items: not an error for a reader. */
static void forget(gosend_error **err)
{
	if (err) {
		gosend_error_free(*err);
		*err = NULL;
	}
}

int gosend_outbox_count(const gosend_outbox *cob, const char *campaign,
                        gosend_outbox_counts *out, gosend_error **err)
{
	/* reading changes nothing the caller sees; the statements are
	 * the handle's own */
	gosend_outbox *ob = (gosend_outbox *)(uintptr_t)cob;
	long long cid;
	int rc = gosend__store_begin_call(ob, err);

	if (rc != 0)
		return rc;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	memset(out, 0, sizeof(*out));
	out->struct_version = 1;
	rc = campaign_id(ob, campaign, &cid, err);
	if (rc == GOSEND_ENOTFOUND) {
		forget(err);
		return GOSEND_OK; /* no items */
	}
	if (rc != 0)
		return rc;
	return gosend__store_count(ob, cid, out, err);
}

/* ---- iterating ---- */

static const char *const iter_sql =
        "SELECT item.id, campaign.name, state, idem_key, body, source, "
        "message_id, code, http_status, error, attempts, enqueued_ms, "
        "sent_ms, finished_ms, retryable FROM item JOIN campaign "
        "ON campaign.id = item.campaign "
        "WHERE (?1 = 0 OR item.campaign = ?1) AND (?2 < 0 OR state = ?2) "
        "ORDER BY item.id";

int gosend_outbox_iter_new(gosend_outbox_iter **out, gosend_outbox *ob,
                           const char *campaign, int state, gosend_error **err)
{
	gosend_outbox_iter *it;
	long long cid = 0;
	int rc = gosend__store_begin_call(ob, err);

	if (out)
		*out = NULL;
	if (rc != 0)
		return rc;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	if (state < -1 || state >= GOSEND_OUTBOX_STATE_COUNT)
		return gosend__fail(
		        err, GOSEND_EINVAL, "state",
		        "state must be -1 or a gosend_outbox_state");
	rc = campaign_id(ob, campaign, &cid, err);
	if (rc == GOSEND_ENOTFOUND) {
		forget(err);
		cid = -1; /* matches nothing */
	} else if (rc != 0) {
		return rc;
	}
	it = gosend__calloc(1, sizeof(*it));
	if (!it)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	it->ob = ob;
	rc = sqlite3_prepare_v2(ob->db, iter_sql, -1, &it->st, NULL);
	if (rc != SQLITE_OK) {
		gosend__free(it);
		return gosend__store_fail(ob, rc, "read", err);
	}
	sqlite3_bind_int64(it->st, 1, cid);
	sqlite3_bind_int(it->st, 2, state);
	*out = it;
	return GOSEND_OK;
}

static const char *col_text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

int gosend_outbox_iter_next(const gosend_outbox_item **out,
                            gosend_outbox_iter *it, gosend_error **err)
{
	gosend_outbox_item *x;
	sqlite3_stmt *st;
	int rc;

	if (err)
		*err = NULL;
	if (out)
		*out = NULL;
	if (!out || !it)
		return gosend__fail(err, GOSEND_EINVAL, NULL,
		                    "out or it is NULL");
	st = it->st;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return gosend__store_fail(it->ob, rc, "read", err);
	x = &it->item;
	memset(x, 0, sizeof(*x));
	x->struct_version = 2;
	x->id = sqlite3_column_int64(st, 0);
	x->campaign = col_text(st, 1);
	x->state = (gosend_outbox_state)sqlite3_column_int(st, 2);
	x->idempotency_key = col_text(st, 3);
	x->body_json = col_text(st, 4);
	x->source = col_text(st, 5);
	x->message_id = col_text(st, 6);
	x->code = sqlite3_column_int(st, 7);
	x->http_status = (long)sqlite3_column_int64(st, 8);
	x->error_message = col_text(st, 9);
	x->attempts = (unsigned int)sqlite3_column_int64(st, 10);
	x->enqueued_ms = sqlite3_column_int64(st, 11);
	x->sent_ms = sqlite3_column_int64(st, 12);
	x->finished_ms = sqlite3_column_int64(st, 13);
	x->retryable = sqlite3_column_int(st, 14) != 0;
	*out = x;
	return 1;
}

void gosend_outbox_iter_free(gosend_outbox_iter *it)
{
	if (!it)
		return;
	sqlite3_finalize(it->st);
	gosend__free(it);
}

/* ---- JSON lines ---- */

/* Length of the valid UTF-8 sequence at s, or 0 (overlong forms,
 * surrogates, values above U+10FFFF and cut sequences are invalid). */
static size_t utf8_seq(const unsigned char *s)
{
	size_t n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* the NUL ends it too */
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* s with each invalid byte replaced by U+FFFD, allocated; NULL when out
 * of memory. */
static char *valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = gosend__malloc(strlen(s) * 3 + 1), *w = out;

	if (!out)
		return NULL;
	while (*p) {
		size_t n = utf8_seq(p);
		if (n) {
			memcpy(w, p, n);
			w += n;
			p += n;
		} else {
			memcpy(w, "\xef\xbf\xbd", 3);
			w += 3;
			p++;
		}
	}
	*w = '\0';
	return out;
}

static int add_text(gosend__jv *o, const char *key, const char *s)
{
	char *v;
	int rc;

	if (!s)
		return 0;
	v = valid_utf8(s);
	if (!v)
		return -1;
	rc = gosend__jv_add_str(o, key, v);
	gosend__free(v);
	return rc;
}

/* The body as a JSON value, compact whatever its stored form; as a
 * string when it does not parse. */
static int add_body(gosend__jv *o, const char *body)
{
	gosend__jv *v = gosend__jv_parse(body, strlen(body));

	if (v)
		return gosend__jv_add(o, "body", v);
	return add_text(o, "body", body);
}

static int add_num(gosend__jv *o, const char *key, long long v, int always)
{
	if (!v && !always)
		return 0;
	return gosend__jv_add(o, key, gosend__jv_number((double)v));
}

/* One item's line (without its "\n"), allocated; NULL when out of
 * memory. */
static char *item_line(const gosend_outbox_item *x, int with_body)
{
	gosend__jv *o = gosend__jv_object();
	const char *state = gosend_outbox_state_name(x->state);
	int bad = !o;
	char *text;

	bad |= add_num(o, "id", x->id, 1);
	bad |= add_text(o, "campaign", x->campaign);
	bad |= add_text(o, "state", state ? state : "unknown");
	bad |= add_text(o, "idempotency_key", x->idempotency_key);
	bad |= add_text(o, "message_id", x->message_id);
	if (x->code) {
		bad |= add_text(o, "code", gosend_strerror(x->code));
		bad |= add_num(o, "code_value", x->code, 1);
	}
	bad |= add_num(o, "http_status", x->http_status, 0);
	if (x->state == GOSEND_OUTBOX_FAILED)
		bad |= gosend__jv_add(o, "retryable",
		                      gosend__jv_bool(x->retryable));
	bad |= add_text(o, "error", x->error_message);
	bad |= add_text(o, "source", x->source);
	bad |= add_num(o, "attempts", x->attempts, 1);
	bad |= add_num(o, "enqueued_ms", x->enqueued_ms, 1);
	bad |= add_num(o, "sent_ms", x->sent_ms, 0);
	bad |= add_num(o, "finished_ms", x->finished_ms, 0);
	if (with_body && x->body_json)
		bad |= add_body(o, x->body_json);
	text = bad ? NULL : gosend__jv_print(o);
	gosend__jv_free(o);
	return text;
}

/* Write the iterator's items; 0, or a failure. */
static int export_items(gosend_outbox_iter *it, int with_body,
                        gosend_outbox_write_fn write, void *payload,
                        gosend_error **err)
{
	const gosend_outbox_item *x;
	int rc;

	while ((rc = gosend_outbox_iter_next(&x, it, err)) == 1 && x) {
		char *line = item_line(x, with_body);
		size_t n = line ? strlen(line) : 0;
		int stop;
		if (!line)
			return gosend__fail(err, GOSEND_ENOMEM, NULL,
			                    "out of memory");
		line[n] = '\n'; /* over the NUL: the line is len bytes */
		stop = write(line, n + 1, payload);
		gosend__free(line);
		if (stop)
			return gosend__fail(err, GOSEND_ECANCELED, NULL,
			                    "the export was stopped by its "
			                    "writer");
	}
	return rc;
}

int gosend_outbox_export(gosend_outbox *ob, const char *campaign, int state,
                         int with_body, gosend_outbox_write_fn write,
                         void *payload, gosend_error **err)
{
	gosend_outbox_iter *it = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!write)
		return gosend__fail(err, GOSEND_EINVAL, "write",
		                    "write is NULL");
	rc = gosend_outbox_iter_new(&it, ob, campaign, state, err);
	if (rc != 0)
		return rc;
	rc = export_items(it, with_body, write, payload, err);
	gosend_outbox_iter_free(it);
	return rc;
}

/* ---- requeue ---- */

/* Give each item of the set a new key (inside the transaction). */
static int new_keys(gosend_outbox *ob, long long cid, int state)
{
	sqlite3_stmt *sel = NULL, *upd = NULL;
	char uuid[37];
	int rc = sqlite3_prepare_v2(
	        ob->db,
	        "SELECT id FROM item WHERE state = ?2 AND body IS NOT NULL "
	        "AND (?1 = 0 OR campaign = ?1)",
	        -1, &sel, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(ob->db,
		                        "UPDATE item SET idem_key = ?2 "
		                        "WHERE id = ?1",
		                        -1, &upd, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(sel, 1, cid);
		sqlite3_bind_int(sel, 2, state);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		if (gosend__uuid4(uuid) != 0) {
			rc = SQLITE_ERROR;
			break;
		}
		sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
		sqlite3_bind_text(upd, 2, uuid, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(upd);
		sqlite3_reset(upd);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The requeue itself, in a transaction; SQLite's code. */
static int requeue(gosend_outbox *ob, long long cid, int state, int new_key,
                   size_t *count)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(ob->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if (rc == SQLITE_OK && new_key)
		rc = new_keys(ob, cid, state);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		        ob->db,
		        "UPDATE item SET state = 0, "
		        "first_ms = CASE WHEN ?3 THEN 0 ELSE first_ms END, "
		        "sent_ms = 0, "
		        "finished_ms = 0, message_id = NULL, code = 0, "
		        "http_status = 0, error = NULL, retryable = 0 "
		        "WHERE state = ?2 AND "
		        "body IS NOT NULL AND (?1 = 0 OR campaign = ?1)",
		        -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, cid);
		sqlite3_bind_int(st, 2, state);
		/* the same key keeps the moment its lifetime began */
		sqlite3_bind_int(st, 3, new_key);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		*count = (size_t)sqlite3_changes(ob->db);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(ob->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int gosend_outbox_requeue(gosend_outbox *ob, const char *campaign, int state,
                          int new_key, size_t *count, gosend_error **err)
{
	long long cid = 0;
	size_t n = 0;
	int rc = gosend__store_begin_call(ob, err);

	if (count)
		*count = 0;
	if (rc != 0)
		return rc;
	if (state != GOSEND_OUTBOX_REVIEW && state != GOSEND_OUTBOX_FAILED)
		return gosend__fail(err, GOSEND_EINVAL, "state",
		                    "only review or failed items are requeued");
	if (ob->in_tx)
		return gosend__fail(err, GOSEND_EINVAL, NULL,
		                    "a transaction of gosend_outbox_begin() is "
		                    "open");
	rc = campaign_id(ob, campaign, &cid, err);
	if (rc != 0)
		return rc;
	rc = requeue(ob, cid, state, new_key, &n);
	if (rc != SQLITE_OK) {
		int code = gosend__store_fail(ob, rc, "requeue", err);
		(void)sqlite3_exec(ob->db, "ROLLBACK", NULL, NULL, NULL);
		return code;
	}
	if (count)
		*count = n;
	return GOSEND_OK;
}
