/*
 * The outbox's database (outbox.h): one SQLite connection, its prepared
 * statements and the mapping of SQLite's failures to the library's codes.
 * SQLite is used only in this folder.
 *
 * Tables: `campaign` (id, name) and `item`, one row per message with its
 * state, key, body and outcome; `first_ms` is when the item first went in
 * flight with its current key (the start of the key's lifetime at the
 * API). The file is marked as an outbox by PRAGMA application_id and its
 * layout by user_version.
 */
#ifndef GOSEND_OUTBOX_STORE_H
#define GOSEND_OUTBOX_STORE_H

#include <sqlite3.h>
#include <stdatomic.h>

#include "gosendapi/outbox.h"

/* The statements prepared at open, by index. */
enum {
	ST_CAMPAIGN_ADD,   /* name */
	ST_CAMPAIGN_ID,    /* name -> id */
	ST_ITEM_ADD,       /* campaign, state, key, body, source, code,
	                      error, enqueued_ms, finished_ms */
	ST_COUNT_ALL,      /* -> state, n */
	ST_COUNT_CAMPAIGN, /* campaign -> state, n */
	ST_COUNT
};

struct gosend_outbox {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	char *path;
	int in_tx;         /* gosend_outbox_begin() open */
	atomic_int cancel; /* gosend_outbox_cancel() */
	int lock_fd;       /* the run lock's file, -1 until a run */
};

/* Map a SQLite result (rc) to a library code with err's message: what
 * failed, then SQLite's text. */
int gosend__store_fail(gosend_outbox *ob, int rc, const char *what,
                       gosend_error **err);
/* Run SQL text (no result rows); 0 or a store failure. */
int gosend__store_exec(gosend_outbox *ob, const char *sql, gosend_error **err);
/* A statement ready to bind (reset, bindings cleared). */
sqlite3_stmt *gosend__store_st(gosend_outbox *ob, int which);
/* Bind text or NULL. */
int gosend__store_text(sqlite3_stmt *st, int col, const char *s);
/* A campaign's id, created when `create` and missing; 0 with *id 0 when
 * it does not exist. 0 or a store failure. */
int gosend__store_campaign(gosend_outbox *ob, const char *name, int create,
                           long long *id, gosend_error **err);
/* A campaign name: 1..200 bytes without control characters (NULL allowed
 * when null_ok). 0 or GOSEND_EINVAL. */
int gosend__store_check_campaign(const char *name, int null_ok,
                                 gosend_error **err);
/* After a failure `rc` (or 0, before a change): when a transaction of
 * gosend_outbox_begin() was rolled back by SQLite itself (disk full, I/O
 * error, out of memory, busy), it is closed here and `rc` (or
 * GOSEND_ESTORE) comes back with err saying that the items enqueued since
 * begin are not stored; otherwise rc as it is. */
int gosend__store_tx_lost(gosend_outbox *ob, int rc, gosend_error **err);
/* The common argument checks: ob not NULL, no iterator... 0 or EINVAL. */
int gosend__store_begin_call(const gosend_outbox *ob, gosend_error **err);

/* Counts of a campaign (cid 0: every one). 0 or a store failure. */
int gosend__store_count(gosend_outbox *ob, long long cid,
                        gosend_outbox_counts *out, gosend_error **err);

/* Milliseconds since the Unix epoch, real clock. */
long long gosend__store_now(void);

/* The connection (tests set pragmas on it). */
sqlite3 *gosend__outbox_db(gosend_outbox *ob);

#endif
