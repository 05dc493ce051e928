/*
 * Opening and closing an outbox file, its layout, transactions, and what
 * SQLite's failures become (store.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "outbox/store.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api/text.h"
#include "core/alloc.h"
#include "core/errors.h"

/* "GSOB" */
#define APP_ID 0x47534f42
#define LAYOUT 2

static const char *const schema =
        "CREATE TABLE campaign(id INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL UNIQUE);"
        "CREATE TABLE item(id INTEGER PRIMARY KEY, "
        "campaign INTEGER NOT NULL REFERENCES campaign(id), "
        "state INTEGER NOT NULL, idem_key TEXT, body TEXT, source TEXT, "
        "message_id TEXT, code INTEGER NOT NULL DEFAULT 0, "
        "http_status INTEGER NOT NULL DEFAULT 0, error TEXT, "
        "attempts INTEGER NOT NULL DEFAULT 0, enqueued_ms INTEGER NOT NULL, "
        "first_ms INTEGER NOT NULL DEFAULT 0, "
        "sent_ms INTEGER NOT NULL DEFAULT 0, "
        "finished_ms INTEGER NOT NULL DEFAULT 0, "
        "retryable INTEGER NOT NULL DEFAULT 0);"
        "CREATE INDEX item_todo ON item(campaign, state, id);"
        "CREATE UNIQUE INDEX item_key ON item(idem_key);"
        "PRAGMA application_id = 1196642114;" /* APP_ID */
        "PRAGMA user_version = 2;";

/* Layout 1 to 2: whether a failure may have reached the server. */
static const char *const upgrade_1 =
        "ALTER TABLE item ADD COLUMN retryable INTEGER NOT NULL DEFAULT 0;"
        "PRAGMA user_version = 2;";

/* One key per item; a file of layout 1 that already holds a key twice
 * gets the index once those are resolved (tried at each open). */
static const char *const key_index =
        "SAVEPOINT gosend_key_index;"
        "CREATE UNIQUE INDEX IF NOT EXISTS item_key ON item(idem_key);"
        "RELEASE gosend_key_index;";

static const char *const statements[ST_COUNT] = {
        "INSERT OR IGNORE INTO campaign(name) VALUES(?1)",
        "SELECT id FROM campaign WHERE name = ?1",
        ("INSERT INTO item(campaign, state, idem_key, body, source, code, "
         "error, enqueued_ms, finished_ms) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        "SELECT state, count(*) FROM item GROUP BY state",
        ("SELECT state, count(*) FROM item WHERE campaign = ?1 "
         "GROUP BY state")};

const char *gosend_outbox_state_name(int state)
{
	static const char *const names[GOSEND_OUTBOX_STATE_COUNT] = {
	        "pending", "in_flight", "sent", "accepted", "failed", "review"};

	if (state < 0 || state >= GOSEND_OUTBOX_STATE_COUNT)
		return NULL;
	return names[state];
}

long long gosend__store_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLITE_CANTOPEN: a file or directory we may not write reads as
 * read-only; anything else as an I/O failure. */
static int cantopen_code(const gosend_outbox *ob)
{
	char *dir, *slash;
	int code = GOSEND_ESTORE;

	if (!ob || !ob->path)
		return code;
	/* the effective ids: what an open is checked against */
	if (access(ob->path, F_OK) == 0)
		return faccessat(AT_FDCWD, ob->path, W_OK, AT_EACCESS) == 0
		               ? code
		               : GOSEND_ESTORE_READONLY;
	dir = gosend__strdup(ob->path);
	if (!dir)
		return code;
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	if (faccessat(AT_FDCWD, slash ? dir : ".", W_OK, AT_EACCESS) != 0 &&
	    (errno == EACCES || errno == EROFS || errno == EPERM))
		code = GOSEND_ESTORE_READONLY;
	gosend__free(dir);
	return code;
}

int gosend__store_fail(gosend_outbox *ob, int rc, const char *what,
                       gosend_error **err)
{
	const char *text =
	        ob && ob->db ? sqlite3_errmsg(ob->db) : sqlite3_errstr(rc);
	int code;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = GOSEND_ESTORE_BUSY;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		code = GOSEND_ESTORE_CORRUPT;
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		code = GOSEND_ESTORE_READONLY;
		break;
	case SQLITE_FULL:
		code = GOSEND_ESTORE_FULL;
		break;
	case SQLITE_NOMEM:
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	case SQLITE_CANTOPEN:
		code = cantopen_code(ob);
		break;
	default:
		code = GOSEND_ESTORE;
	}
	return gosend__fail(err, code, NULL, "outbox %s: %s", what, text);
}

int gosend__store_exec(gosend_outbox *ob, const char *sql, gosend_error **err)
{
	int rc = sqlite3_exec(ob->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? GOSEND_OK
	                       : gosend__store_fail(ob, rc, "database", err);
}

sqlite3_stmt *gosend__store_st(gosend_outbox *ob, int which)
{
	sqlite3_stmt *st = ob->st[which];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int gosend__store_text(sqlite3_stmt *st, int col, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
}

sqlite3 *gosend__outbox_db(gosend_outbox *ob)
{
	return ob->db;
}

int gosend__store_check_campaign(const char *name, int null_ok,
                                 gosend_error **err)
{
	size_t i, n;

	if (!name && null_ok)
		return GOSEND_OK;
	n = name ? strlen(name) : 0;
	for (i = 0; i < n; i++) {
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			break;
	}
	if (n == 0 || n > 200 || i < n || gosend__utf8_chars(name) < 0)
		return gosend__fail(err, GOSEND_EINVAL, "campaign",
		                    "campaign must be 1 to 200 bytes of UTF-8 "
		                    "without control characters");
	return GOSEND_OK;
}

int gosend__store_tx_lost(gosend_outbox *ob, int rc, gosend_error **err)
{
	if (!ob->in_tx || !sqlite3_get_autocommit(ob->db))
		return rc;
	ob->in_tx = 0;
	if (err) {
		gosend_error_free(*err);
		*err = NULL;
	}
	return gosend__fail(err, rc ? rc : GOSEND_ESTORE, NULL,
	                    "the transaction was rolled back: items enqueued "
	                    "since begin are not stored");
}

int gosend__store_begin_call(const gosend_outbox *ob, gosend_error **err)
{
	if (err)
		*err = NULL;
	if (!ob)
		return gosend__fail(err, GOSEND_EINVAL, "ob", "ob is NULL");
	return GOSEND_OK;
}

int gosend__store_campaign(gosend_outbox *ob, const char *name, int create,
                           long long *id, gosend_error **err)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (create) {
		st = gosend__store_st(ob, ST_CAMPAIGN_ADD);
		rc = gosend__store_text(st, 1, name);
		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_reset(st);
		if (rc != SQLITE_OK)
			return gosend__store_fail(ob, rc, "campaign", err);
	}
	st = gosend__store_st(ob, ST_CAMPAIGN_ID);
	rc = gosend__store_text(st, 1, name);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gosend__store_fail(ob, rc, "campaign", err);
	return GOSEND_OK;
}

/* ---- opening ---- */

/* Read an integer pragma into *v. SQLite's code. */
static int pragma_int(sqlite3 *db, const char *sql, long long *v)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The layout: made in a new file, checked in an existing one. */
static int layout(gosend_outbox *ob, gosend_error **err)
{
	long long app = 0, version = 0, tables = 0;
	int rc = sqlite3_exec(ob->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = pragma_int(ob->db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = pragma_int(ob->db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = pragma_int(ob->db, "SELECT count(*) FROM sqlite_master",
		                &tables);
	if (rc == SQLITE_OK && app == 0 && tables == 0)
		rc = sqlite3_exec(ob->db, schema, NULL, NULL, NULL);
	else if (rc == SQLITE_OK && app == APP_ID && version == 1)
		rc = sqlite3_exec(ob->db, upgrade_1, NULL, NULL, NULL);
	else if (rc == SQLITE_OK && (app != APP_ID || version != LAYOUT)) {
		(void)sqlite3_exec(ob->db, "ROLLBACK", NULL, NULL, NULL);
		return gosend__fail(
		        err, GOSEND_ESTORE_CORRUPT, NULL,
		        app != APP_ID ? "%s is a SQLite database but not an "
		                        "outbox"
		                      : "%s is an outbox of another layout "
		                        "version",
		        ob->path);
	}
	if (rc == SQLITE_OK &&
	    sqlite3_exec(ob->db, key_index, NULL, NULL, NULL) != SQLITE_OK)
		(void)sqlite3_exec(ob->db,
		                   "ROLLBACK TO gosend_key_index;"
		                   "RELEASE gosend_key_index",
		                   NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(ob->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int code = gosend__store_fail(ob, rc, "open", err);
		(void)sqlite3_exec(ob->db, "ROLLBACK", NULL, NULL, NULL);
		return code;
	}
	return GOSEND_OK;
}

/* Settings of the connection, the layout, the statements. */
static int setup(gosend_outbox *ob, const gosend_outbox_options *o,
                 gosend_error **err)
{
	long timeout = o && o->busy_timeout_ms > 0 ? o->busy_timeout_ms : 5000;
	int rc, i;

	sqlite3_extended_result_codes(ob->db, 1);
	sqlite3_busy_timeout(ob->db,
	                     timeout > 0x7fffffffL ? 0x7fffffff : (int)timeout);
	rc = sqlite3_exec(ob->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(ob->db,
		                  o && o->relaxed_durability
		                          ? "PRAGMA synchronous=NORMAL"
		                          : "PRAGMA synchronous=FULL",
		                  NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return gosend__store_fail(ob, rc, "open", err);
	rc = layout(ob, err);
	if (rc != 0)
		return rc;
	for (i = 0; i < ST_COUNT; i++) {
		rc = sqlite3_prepare_v3(ob->db, statements[i], -1,
		                        SQLITE_PREPARE_PERSISTENT, &ob->st[i],
		                        NULL);
		if (rc != SQLITE_OK)
			return gosend__store_fail(ob, rc, "open", err);
	}
	return GOSEND_OK;
}

static int check_open_args(gosend_outbox **out, const char *path,
                           const gosend_outbox_options *o, gosend_error **err)
{
	if (err)
		*err = NULL;
	if (out)
		*out = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	if (!path || !*path)
		return gosend__fail(err, GOSEND_EINVAL, "path",
		                    "path is NULL or empty");
	if (o &&
	    (o->version == 0 || o->version > GOSEND_OUTBOX_OPTIONS_VERSION))
		return gosend__fail(err, GOSEND_EINVAL, "options.version",
		                    "unknown outbox options version %u",
		                    o->version);
	if (o && o->busy_timeout_ms < 0)
		return gosend__fail(err, GOSEND_EINVAL, "busy_timeout_ms",
		                    "busy_timeout_ms must be 0 or positive");
	if (o && o->must_exist && access(path, F_OK) != 0 && errno == ENOENT)
		return gosend__fail(err, GOSEND_ENOTFOUND, "path",
		                    "%s does not exist", path);
	return GOSEND_OK;
}

int gosend_outbox_open(gosend_outbox **out, const char *path,
                       const gosend_outbox_options *opts, gosend_error **err)
{
	gosend_outbox *ob;
	int rc = check_open_args(out, path, opts, err), flags;

	if (rc != 0)
		return rc;
	ob = gosend__calloc(1, sizeof(*ob));
	if (!ob || !(ob->path = gosend__strdup(path))) {
		gosend__free(ob);
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	ob->lock_fd = -1;
	atomic_init(&ob->cancel, 0);
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (!(opts && opts->must_exist))
		flags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &ob->db, flags, NULL);
	if (rc != SQLITE_OK)
		rc = gosend__store_fail(ob, rc, "open", err);
	else
		rc = setup(ob, opts, err);
	if (rc != 0) {
		gosend_outbox_close(ob);
		return rc;
	}
	*out = ob;
	return GOSEND_OK;
}

void gosend_outbox_close(gosend_outbox *ob)
{
	int i;

	if (!ob)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(ob->st[i]);
	/* an open transaction is rolled back by the close */
	sqlite3_close_v2(ob->db);
	if (ob->lock_fd >= 0)
		close(ob->lock_fd);
	gosend__free(ob->path);
	gosend__free(ob);
}

int gosend_outbox_begin(gosend_outbox *ob, gosend_error **err)
{
	int rc = gosend__store_begin_call(ob, err);

	if (rc != 0)
		return rc;
	if (ob->in_tx)
		return gosend__fail(err, GOSEND_EINVAL, NULL,
		                    "a transaction is already open");
	rc = gosend__store_exec(ob, "BEGIN IMMEDIATE", err);
	if (rc == 0)
		ob->in_tx = 1;
	return rc;
}

int gosend_outbox_commit(gosend_outbox *ob, gosend_error **err)
{
	int rc = gosend__store_begin_call(ob, err);

	if (rc != 0)
		return rc;
	if (!ob->in_tx)
		return gosend__fail(err, GOSEND_EINVAL, NULL,
		                    "no transaction is open");
	rc = gosend__store_tx_lost(ob, 0, err);
	if (rc != 0)
		return rc;
	rc = gosend__store_exec(ob, "COMMIT", err);
	if (rc != 0 && !sqlite3_get_autocommit(ob->db))
		(void)sqlite3_exec(ob->db, "ROLLBACK", NULL, NULL, NULL);
	ob->in_tx = 0;
	return rc;
}

void gosend_outbox_rollback(gosend_outbox *ob)
{
	if (!ob || !ob->in_tx)
		return;
	(void)sqlite3_exec(ob->db, "ROLLBACK", NULL, NULL, NULL);
	ob->in_tx = 0;
}
