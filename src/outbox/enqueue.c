/*
 * Putting items into an outbox: a message (encoded and checked now), a
 * raw body, or a bad input recorded as failed. Each item is one row
 * stored under a savepoint, so it is stored whole or not at all, also
 * inside a transaction of gosend_outbox_begin().
 */
#include "gosendapi/outbox.h"

#include <string.h>

#include "api/outgoing.h"
#include "api/text.h"
#include "core/alloc.h"
#include "core/client.h"
#include "core/errors.h"
#include "json/value.h"
#include "outbox/store.h"

/* What one row holds when it is added. */
typedef struct row {
	const char *campaign;
	int state;
	const char *key;
	const char *body;
	const char *source;
	int code;
	const char *error;
} row;

static int check_key(const char *k, gosend_error **err)
{
	size_t i, n = k ? strlen(k) : 0;

	if (!k)
		return GOSEND_OK;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)k[i];
		if (ch <= 0x20 || ch >= 0x7f)
			break;
	}
	if (n == 0 || n > 255 || i < n)
		return gosend__fail(err, GOSEND_EINVAL, "idempotency_key",
		                    "Idempotency-Key must be 1-255 printable "
		                    "ASCII characters without spaces");
	return GOSEND_OK;
}

/* Insert the row (the campaign made when missing). SQLite's code. */
static int insert(gosend_outbox *ob, const row *r, long long *item_id,
                  gosend_error **err)
{
	long long cid = 0, now = gosend__store_now();
	sqlite3_stmt *st;
	int rc = gosend__store_campaign(ob, r->campaign, 1, &cid, err);

	if (rc != 0)
		return rc;
	st = gosend__store_st(ob, ST_ITEM_ADD);
	sqlite3_bind_int64(st, 1, cid);
	sqlite3_bind_int(st, 2, r->state);
	gosend__store_text(st, 3, r->key);
	gosend__store_text(st, 4, r->body);
	gosend__store_text(st, 5, r->source);
	sqlite3_bind_int(st, 6, r->code);
	gosend__store_text(st, 7, r->error);
	sqlite3_bind_int64(st, 8, now);
	sqlite3_bind_int64(st, 9, r->state == GOSEND_OUTBOX_PENDING ? 0 : now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return gosend__fail(err, GOSEND_ECONFLICT, "idempotency_key",
		                    "another item of the outbox has the "
		                    "Idempotency-Key %s",
		                    r->key ? r->key : "");
	if (rc != SQLITE_DONE)
		return gosend__store_fail(ob, rc, "enqueue", err);
	if (item_id)
		*item_id = sqlite3_last_insert_rowid(ob->db);
	return GOSEND_OK;
}

/* Store one row whole or not at all. */
static int store_row(gosend_outbox *ob, const row *r, long long *item_id,
                     gosend_error **err)
{
	int rc = gosend__store_tx_lost(ob, 0, err);

	if (rc != 0)
		return rc; /* lost before this call */
	rc = sqlite3_exec(ob->db, "SAVEPOINT gosend_enqueue", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return gosend__store_tx_lost(
		        ob, gosend__store_fail(ob, rc, "enqueue", err), err);
	rc = insert(ob, r, item_id, err);
	if (rc == 0) {
		int src = sqlite3_exec(ob->db, "RELEASE gosend_enqueue", NULL,
		                       NULL, NULL);
		if (src == SQLITE_OK)
			return GOSEND_OK;
		rc = gosend__store_fail(ob, src, "enqueue", err);
	}
	/* nothing of it stays; the savepoint ends (committing nothing when
	 * it was the outermost) */
	(void)sqlite3_exec(ob->db,
	                   "ROLLBACK TO gosend_enqueue; RELEASE gosend_enqueue",
	                   NULL, NULL, NULL);
	if (item_id)
		*item_id = 0;
	if (!ob->in_tx && !sqlite3_get_autocommit(ob->db))
		(void)sqlite3_exec(ob->db, "ROLLBACK", NULL, NULL, NULL);
	return gosend__store_tx_lost(ob, rc, err);
}

/* The body's compact text (one line), allocated; 0 or a failure. */
static int compact(const char *body, char **out, gosend_error **err)
{
	gosend__jv *v = NULL;
	int rc;

	*out = NULL;
	if (gosend__utf8_chars(body) < 0)
		return gosend__fail(err, GOSEND_EINVAL, "json",
		                    "the body is not valid UTF-8");
	rc = gosend__jv_parse_checked(&v, body, strlen(body));
	if (rc == GOSEND__JV_BAD)
		return gosend__fail(err, GOSEND_EINVAL, "json",
		                    "the body is not one JSON value");
	if (rc == 0)
		*out = gosend__jv_print(v);
	gosend__jv_free(v);
	if (!*out)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

/* Store a checked body, compacted, with the caller's key or a new one. */
static int enqueue_body(gosend_outbox *ob, const char *campaign,
                        const char *json, const char *key, long long *item_id,
                        gosend_error **err)
{
	char uuid[37], *body = NULL;
	row r = {0};
	int rc = compact(json, &body, err);

	if (rc != 0)
		return rc;

	if (!key) {
		if (gosend__uuid4(uuid) != 0) {
			gosend__free(body);
			return gosend__fail(err, GOSEND_ERROR, NULL,
			                    "no random bytes for a key");
		}
		key = uuid;
	}
	r.campaign = campaign;
	r.state = GOSEND_OUTBOX_PENDING;
	r.key = key;
	r.body = body;
	rc = store_row(ob, &r, item_id, err);
	gosend__free(body);
	return rc;
}

static int enqueue_begin(gosend_outbox *ob, const char *campaign,
                         const char *key, long long *item_id,
                         gosend_error **err)
{
	int rc = gosend__store_begin_call(ob, err);

	if (item_id)
		*item_id = 0;
	if (rc == 0)
		rc = gosend__store_check_campaign(campaign, 0, err);
	if (rc == 0)
		rc = check_key(key, err);
	return rc;
}

int gosend_outbox_enqueue(gosend_outbox *ob, const char *campaign,
                          const gosend_outgoing *msg,
                          const char *idempotency_key, long long *item_id,
                          gosend_error **err)
{
	char *json = NULL;
	int rc = enqueue_begin(ob, campaign, idempotency_key, item_id, err);

	if (rc != 0)
		return rc;
	if (!msg)
		return gosend__fail(err, GOSEND_EINVAL, "msg", "msg is NULL");
	rc = gosend_outgoing_to_json(&json, msg, err);
	if (rc != 0)
		return rc;
	rc = enqueue_body(ob, campaign, json, idempotency_key, item_id, err);
	gosend__free(json);
	return rc;
}

int gosend_outbox_enqueue_json(gosend_outbox *ob, const char *campaign,
                               const char *json, const char *idempotency_key,
                               long long *item_id, gosend_error **err)
{
	int rc = enqueue_begin(ob, campaign, idempotency_key, item_id, err);

	if (rc == 0)
		rc = gosend__check_raw_message(json, err);
	if (rc != 0)
		return rc;
	return enqueue_body(ob, campaign, json, idempotency_key, item_id, err);
}

int gosend_outbox_record_invalid(gosend_outbox *ob, const char *campaign,
                                 const char *source, const char *error_message,
                                 gosend_error **err)
{
	int rc = enqueue_begin(ob, campaign, NULL, NULL, err);
	row r = {0};

	if (rc != 0)
		return rc;
	r.campaign = campaign;
	r.state = GOSEND_OUTBOX_FAILED;
	r.source = source;
	r.code = GOSEND_EINVAL;
	r.error = error_message ? error_message : "invalid input";
	return store_row(ob, &r, NULL, err);
}
