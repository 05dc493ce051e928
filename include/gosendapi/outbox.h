/**
 * @file outbox.h
 * @brief A durable outbox: campaigns that survive a crash (SQLite).
 *
 * An outbox is one SQLite database file (WAL mode) holding messages to
 * send and what became of each. Messages are enqueued (each gets its
 * `Idempotency-Key` in the same transaction that stores it), then
 * gosend_outbox_run() drains the pending ones through the bulk engine at
 * the client's rate limit and the run's concurrency, recording every
 * outcome. Several campaigns, each named by the caller, live in one file.
 *
 * Exactly once across crashes. An item is marked #GOSEND_OUTBOX_IN_FLIGHT
 * and that mark is committed before its first request leaves (several
 * items may share one commit; none leaves before its mark is durable).
 * Results are committed in batches, so the cost per message stays small. If
 * the process dies, the next gosend_outbox_run() on the file sends the items
 * left in flight again with the same key: the API answers a repeated key
 * with the first response for 24 hours (`../docs/reliability.md`), so the
 * message is stored once. An item whose key is older than the key lifetime
 * (`key_lifetime_ms`, 24 h by default) is never re-sent automatically: it
 * is marked #GOSEND_OUTBOX_REVIEW for a person to decide
 * (gosend_outbox_requeue()). The outbox reads the time from the client's
 * clock hook (::gosend_client_options), so tests can move it.
 *
 * Durability. Commits use SQLite's `synchronous=FULL` by default: an item
 * committed survives a power loss, not only a crash of the process.
 *
 * Errors. Database failures have their own codes: #GOSEND_ESTORE_BUSY (the
 * file is locked by another writer beyond `busy_timeout_ms`),
 * #GOSEND_ESTORE_CORRUPT (not an outbox, or a damaged file),
 * #GOSEND_ESTORE_READONLY (the file or its directory cannot be written),
 * #GOSEND_ESTORE_FULL (the disk or a quota is full) and #GOSEND_ESTORE
 * (any other I/O failure); `error->message` carries SQLite's own text. An
 * enqueue that fails leaves nothing half-stored, and an item once
 * committed is never lost by a later failure.
 *
 * Thread-safety: an ::gosend_outbox is used by one thread at a time, except
 * gosend_outbox_cancel(), which may be called from any thread or from a
 * signal handler. Separate handles (also in separate processes) may open
 * the same file; one run at a time drains a given campaign (a second run
 * on it fails with #GOSEND_ESTORE_BUSY). That rule is kept by a lock on a
 * file next to the database, `PATH-run` (empty; left in place), which the
 * operating system releases when the process dies, so a killed run never
 * blocks the next one.
 *
 * Building: the outbox is part of libgosendapi unless it was built with
 * `-DGOSENDAPI_OUTBOX=OFF` (then this header is not installed). It needs
 * SQLite, so the umbrella header gosendapi.h does not include it: include
 * `<gosendapi/outbox.h>` yourself; pkg-config and the CMake package link
 * SQLite for a static build.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_OUTBOX_H
#define GOSENDAPI_OUTBOX_H

#include "client.h"
#include "messages.h"

GOSEND_BEGIN_DECL

/** Opaque outbox handle (one open database file). @since 0.1.0 */
typedef struct gosend_outbox gosend_outbox;

/** Default lifetime of an idempotency key at the API: 24 hours, in
 *  milliseconds. @since 0.1.0 */
#define GOSEND_OUTBOX_KEY_LIFETIME_MS (24LL * 60 * 60 * 1000)

/**
 * What became of one item.
 * @since 0.1.0
 */
typedef enum gosend_outbox_state {
	/** Enqueued, never sent. */
	GOSEND_OUTBOX_PENDING = 0,
	/** Marked before its request left; the run did not record an
	 *  outcome yet (it is running, or it died). Sent again with its key
	 *  by the next run while the key is younger than its lifetime. */
	GOSEND_OUTBOX_IN_FLIGHT = 1,
	/** Sent: `message_id` holds the id. */
	GOSEND_OUTBOX_SENT = 2,
	/** Accepted (2xx) but the answer carried no id the library knows:
	 *  sent, never sent again. */
	GOSEND_OUTBOX_ACCEPTED = 3,
	/** Failed for good: `code`, `http_status` and `error_message` say
	 *  why (a refused message, a 4xx, retries exhausted). */
	GOSEND_OUTBOX_FAILED = 4,
	/** Left in flight longer than the key lifetime: the API may no
	 *  longer know its key, so sending it again could store it twice. Not
	 *  sent again unless gosend_outbox_requeue() says so. */
	GOSEND_OUTBOX_REVIEW = 5
} gosend_outbox_state;

/** Number of states (for arrays indexed by ::gosend_outbox_state).
 *  @since 0.1.0 */
#define GOSEND_OUTBOX_STATE_COUNT 6

/**
 * Name of a state ("pending", "in_flight", "sent", "accepted", "failed",
 * "review"), or NULL for an unknown value.
 * @param state  A ::gosend_outbox_state.
 * @return A static string, or NULL.
 * @since 0.1.0
 */
GOSEND_EXTERN const char *gosend_outbox_state_name(int state);

/**
 * Options of gosend_outbox_open().
 * @since 0.1.0
 */
typedef struct gosend_outbox_options {
	/** #GOSEND_OUTBOX_OPTIONS_VERSION. */
	unsigned int version;
	/** How long to wait for a lock held by another connection before
	 *  #GOSEND_ESTORE_BUSY; 0: 5000 ms. */
	long busy_timeout_ms;
	/** 1: commit with `synchronous=NORMAL` (survives a crash of the
	 *  process, not a power loss; faster commits). 0: FULL. */
	int relaxed_durability;
	/** 1: open an existing file only (#GOSEND_ENOTFOUND when missing).
	 *  0: create it when missing. */
	int must_exist;
} gosend_outbox_options;

/** Current version of ::gosend_outbox_options. @since 0.1.0 */
#define GOSEND_OUTBOX_OPTIONS_VERSION 1
/** Static initialiser for ::gosend_outbox_options. @since 0.1.0 */
#define GOSEND_OUTBOX_OPTIONS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_outbox_options, \
	                      GOSEND_OUTBOX_OPTIONS_VERSION)

/**
 * Open (or create) an outbox file.
 * @param[out] out  The handle; NULL on failure. Close with
 *                  gosend_outbox_close().
 * @param path      File path. Not NULL.
 * @param opts      Options, or NULL for the defaults.
 * @param[out] err  Optional detail on failure.
 * @return 0; #GOSEND_EINVAL; #GOSEND_ENOTFOUND (`must_exist`);
 *         #GOSEND_ESTORE_CORRUPT, #GOSEND_ESTORE_READONLY,
 *         #GOSEND_ESTORE_BUSY, #GOSEND_ESTORE; #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_open(gosend_outbox **out, const char *path,
                                     const gosend_outbox_options *opts,
                                     gosend_error **err);

/**
 * Close an outbox. Nothing committed is lost; an open transaction
 * (gosend_outbox_begin()) is rolled back.
 * @param ob  The handle; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_outbox_close(gosend_outbox *ob);

/**
 * Start a transaction: the enqueues until gosend_outbox_commit() are
 * stored together (one commit instead of one per item; use it to load a
 * large campaign quickly).
 * @param ob         The outbox. Not NULL.
 * @param[out] err   Optional detail on failure.
 * @return 0; #GOSEND_EINVAL (one is already open); or a store error (see
 *         the file comment).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_begin(gosend_outbox *ob, gosend_error **err);

/**
 * Commit what gosend_outbox_begin() started.
 * @param ob         The outbox. Not NULL.
 * @param[out] err   Optional detail on failure.
 * @return 0; #GOSEND_EINVAL (none is open); or a store error (then
 *         nothing since begin is stored).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_commit(gosend_outbox *ob, gosend_error **err);

/**
 * Roll back what gosend_outbox_begin() started (nothing when none is
 * open).
 * @param ob  The outbox; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_outbox_rollback(gosend_outbox *ob);

/**
 * Enqueue a built message in a campaign.
 *
 * The message is validated and encoded now (as gosend_messages_send()
 * would); an invalid one is refused and nothing is stored. The item's key
 * is `idempotency_key` when given, else a new UUIDv4; it is stored with the
 * item and used by every attempt of every run. A key belongs to one item
 * of the outbox: a key already held by another item is refused with
 * #GOSEND_ECONFLICT (since 0.2.0) and nothing is stored.
 *
 * @param ob               The outbox. Not NULL.
 * @param campaign         Campaign name (1..200 bytes, no control
 *                         characters). Created on first use.
 * @param msg              The message. Not NULL.
 * @param idempotency_key  The item's key, or NULL for a generated one
 *                         (1..255 printable ASCII characters).
 * @param[out] item_id     The item's id in the file (increasing), or NULL.
 * @param[out] err         Optional detail on failure.
 * @return 0; #GOSEND_EINVAL (nothing stored); #GOSEND_ECONFLICT (the key
 *         is another item's; nothing stored); a store error.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_enqueue(gosend_outbox *ob, const char *campaign,
                                        const gosend_outgoing *msg,
                                        const char *idempotency_key,
                                        long long *item_id, gosend_error **err);

/**
 * Enqueue a message given as its JSON body (as gosend_messages_send_json()
 * takes it: a JSON object with `phone_number_id`, `to` and `type`). The
 * body must parse and carry those three fields as strings; the rest is sent
 * as given. Otherwise as gosend_outbox_enqueue().
 * @param ob         The outbox. Not NULL.
 * @param campaign         Campaign name, as gosend_outbox_enqueue().
 * @param json             The body. Not NULL.
 * @param idempotency_key  The item's key, or NULL for a generated one.
 * @param[out] item_id     The item's id in the file, or NULL.
 * @param[out] err         Optional detail on failure (`field` names what
 *                         is wrong in the body).
 * @return 0; #GOSEND_EINVAL (nothing stored); #GOSEND_ECONFLICT (the key
 *         is another item's; nothing stored); a store error.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_outbox_enqueue_json(gosend_outbox *ob, const char *campaign,
                           const char *json, const char *idempotency_key,
                           long long *item_id, gosend_error **err);

/**
 * Record an item that failed before it could be enqueued (a bad row of a
 * campaign file): stored in state #GOSEND_OUTBOX_FAILED with `code`
 * #GOSEND_EINVAL and `error_message`, never sent; `source` (for example
 * "line 12", may be NULL) is kept with it. The campaign's report then
 * lists every input, the bad ones included.
 * @param ob         The outbox. Not NULL.
 * @param campaign       Campaign name, as gosend_outbox_enqueue().
 * @param source         Where the input came from, or NULL.
 * @param error_message  Why it was refused (NULL: "invalid input").
 * @param[out] err   Optional detail on failure.
 * @return 0; #GOSEND_EINVAL; a store error.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_record_invalid(gosend_outbox *ob,
                                               const char *campaign,
                                               const char *source,
                                               const char *error_message,
                                               gosend_error **err);

/**
 * Counts of a campaign's items (or of the whole file).
 * @since 0.1.0
 */
typedef struct gosend_outbox_counts {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Items per ::gosend_outbox_state. */
	size_t by_state[GOSEND_OUTBOX_STATE_COUNT];
	/** Sum of `by_state`. */
	size_t total;
} gosend_outbox_counts;

/**
 * Count items by state.
 * @param ob         The outbox. Not NULL.
 * @param campaign   A campaign name, or NULL for every campaign. A name
 *                   the file does not hold counts zero items.
 * @param[out] out   The counts. Not NULL.
 * @param[out] err   Optional detail on failure.
 * @return 0; #GOSEND_EINVAL; a store error.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_count(const gosend_outbox *ob,
                                      const char *campaign,
                                      gosend_outbox_counts *out,
                                      gosend_error **err);

/**
 * Progress of a run, given to ::gosend_outbox_progress_fn.
 * @since 0.1.0
 */
typedef struct gosend_outbox_progress {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** The campaign's counts now (committed or about to be). */
	gosend_outbox_counts counts;
	/** Items this run finished so far. */
	size_t done_this_run;
	/** Items this run set out to send. */
	size_t todo_this_run;
	/** Milliseconds since the run started (client clock). */
	long long elapsed_ms;
} gosend_outbox_progress;

/**
 * Called on the running thread after results are committed (at most about
 * every `progress_interval_ms`, and once at the end). Return nonzero to
 * stop the run as gosend_outbox_cancel() would.
 * @since 0.1.0
 */
typedef int (*gosend_outbox_progress_fn)(const gosend_outbox_progress *p,
                                         void *payload);

/**
 * Options of gosend_outbox_run().
 * @since 0.1.0
 */
typedef struct gosend_outbox_run_options {
	/** #GOSEND_OUTBOX_RUN_OPTIONS_VERSION. */
	unsigned int version;
	/** Requests in flight; 0: #GOSEND_BULK_DEFAULT_CONCURRENCY
	 *  (bulk.h). The rate is the client's (`rate_per_second` of
	 *  ::gosend_client_options). */
	unsigned int concurrency;
	/** Lifetime of a key at the API; 0: #GOSEND_OUTBOX_KEY_LIFETIME_MS.
	 *  An item left in flight longer than this becomes
	 *  #GOSEND_OUTBOX_REVIEW instead of being sent again. */
	long long key_lifetime_ms;
	/** Most items whose results share one commit; 0: 256. */
	unsigned int commit_every;
	/** Longest time results wait for their commit; 0: 200 ms. */
	long commit_interval_ms;
	/** Progress callback, or NULL. */
	gosend_outbox_progress_fn progress;
	/** Passed to `progress`. */
	void *progress_payload;
	/** Shortest time between two progress calls; 0: 500 ms. */
	long progress_interval_ms;
	/** Stop after this many milliseconds (items in flight then are
	 *  finished or left in flight); 0: no limit. */
	long deadline_ms;
	/** Safety margin before a key's lifetime ends (version 2); 0: one
	 *  twenty-fourth of `key_lifetime_ms` (1 h of the default 24 h).
	 *  No attempt of an item starts later than `key_lifetime_ms` minus
	 *  this margin after the item first went in flight with its key
	 *  (the call's deadline is cut to that moment); an item older than
	 *  that, or whose first moment lies in the future (the clock was set
	 *  back), becomes #GOSEND_OUTBOX_REVIEW instead of being sent. Must
	 *  be below `key_lifetime_ms`, else #GOSEND_EINVAL.
	 *  @since 0.2.0 */
	long long key_margin_ms;
} gosend_outbox_run_options;

/** Current version of ::gosend_outbox_run_options (2 adds
 *  `key_margin_ms`). @since 0.1.0 */
#define GOSEND_OUTBOX_RUN_OPTIONS_VERSION 2
/** Static initialiser for ::gosend_outbox_run_options. @since 0.1.0 */
#define GOSEND_OUTBOX_RUN_OPTIONS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_outbox_run_options, \
	                      GOSEND_OUTBOX_RUN_OPTIONS_VERSION)

/**
 * Send a campaign's pending items, and those left in flight by an earlier
 * run (with their key; older than the key lifetime: marked for review).
 *
 * Blocks until every such item has an outcome, or the run is cancelled
 * (gosend_outbox_cancel(), or `progress` returned nonzero), or its
 * `deadline_ms` passed. Then the requests on the wire are cut (an answer
 * that had already arrived is recorded) and their items left in flight
 * for the next run; nothing is sent twice and nothing is lost.
 *
 * Items a run marked in flight but never sent (it stopped first) get
 * their earlier state back; an item whose request was on the wire when
 * the run stopped stays in flight and is sent again, with its key, by the
 * next run.
 *
 * @param ob         The outbox. Not NULL.
 * @param client     The client to send with. Not NULL.
 * @param campaign   The campaign, or NULL for every campaign in the file.
 * @param opts       Options, or NULL.
 * @param[out] out   The counts at the end (may be NULL).
 * @param[out] err   Optional detail on failure.
 * @return 0 when every item of the run has an outcome (failed items
 *         included: read the counts); #GOSEND_ECANCELED when cancelled;
 *         #GOSEND_ETIMEOUT when `deadline_ms` passed (or when the
 *         client's rate limit would have held an item past its call's
 *         deadline: the items not sent wait for the next run);
 *         #GOSEND_EINVAL;
 *         #GOSEND_ENOTFOUND when `campaign` names no campaign of the
 *         file; a store error (the run stops; what was committed stays).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_run(gosend_outbox *ob, gosend_client *client,
                                    const char *campaign,
                                    const gosend_outbox_run_options *opts,
                                    gosend_outbox_counts *out,
                                    gosend_error **err);

/**
 * Ask the running gosend_outbox_run() of this handle to stop. Safe from any
 * thread and from a signal handler (it only sets a flag); the run returns
 * #GOSEND_ECANCELED soon after (it looks at the flag at least every 50 ms;
 * a signal also ends its wait at once). The requests then on the wire are
 * cut: their items stay in flight and the next run sends them again with
 * their keys. A call when nothing runs makes the next run stop at once;
 * gosend_outbox_run() clears the flag when it returns.
 * @param ob  The outbox; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_outbox_cancel(gosend_outbox *ob);

/**
 * One item, as read by gosend_outbox_iter_next(). Valid until the next
 * call on the iterator. Fields are only appended.
 * @since 0.1.0
 */
typedef struct gosend_outbox_item {
	/** Layout version; 1 for 0.1.0, 2 adds `retryable`. */
	unsigned int struct_version;
	/** The item's id in the file. */
	long long id;
	/** Its campaign. */
	const char *campaign;
	/** What became of it. */
	gosend_outbox_state state;
	/** Its Idempotency-Key; NULL for a recorded invalid input. */
	const char *idempotency_key;
	/** The JSON body sent (or to send); NULL for a recorded invalid
	 *  input. */
	const char *body_json;
	/** Where it came from (gosend_outbox_record_invalid()'s `source`), or
	 *  NULL. */
	const char *source;
	/** #GOSEND_OUTBOX_SENT: the message id; else NULL. */
	const char *message_id;
	/** #GOSEND_OUTBOX_FAILED: the ::gosend_error_code; else 0. */
	int code;
	/** HTTP status of the last answer, 0 when none. */
	long http_status;
	/** #GOSEND_OUTBOX_FAILED: the error's message; else NULL. */
	const char *error_message;
	/** HTTP attempts over every run. */
	unsigned int attempts;
	/** When it was enqueued (ms since the Unix epoch, the real clock:
	 *  an enqueue has no client). */
	long long enqueued_ms;
	/** When a run last marked it in flight (the run's client clock, ms
	 *  since the Unix epoch; 0: never). */
	long long sent_ms;
	/** When its outcome was recorded (the run's client clock; 0: none
	 *  yet). */
	long long finished_ms;
	/** #GOSEND_OUTBOX_FAILED: 1 when the failure was retryable
	 *  (gosend_error_is_retryable()): the request may have reached the
	 *  server, so requeueing it with a new key may deliver it twice;
	 *  else 0. Read it only when `struct_version` is 2 or more.
	 *  @since 0.2.0 */
	int retryable;
} gosend_outbox_item;

/** Opaque iterator over items. @since 0.1.0 */
typedef struct gosend_outbox_iter gosend_outbox_iter;

/**
 * Iterate the items of a campaign (or of every campaign), in id order,
 * optionally only those in one state.
 * @param[out] out   The iterator. Free with gosend_outbox_iter_free().
 * @param ob         The outbox. Not NULL. Not used for anything else while
 *                   the iterator lives.
 * @param campaign   A campaign name, or NULL for all (a name the file does
 *                   not hold: no items).
 * @param state      A ::gosend_outbox_state, or -1 for all.
 * @param[out] err   Optional detail on failure.
 * @return 0; #GOSEND_EINVAL; a store error.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_iter_new(gosend_outbox_iter **out,
                                         gosend_outbox *ob,
                                         const char *campaign, int state,
                                         gosend_error **err);

/**
 * The next item.
 * @param[out] out  The item, valid until the next call on `it`.
 * @param it        The iterator. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 1 with `*out` set; 0 at the end; a negative code on failure.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_iter_next(const gosend_outbox_item **out,
                                          gosend_outbox_iter *it,
                                          gosend_error **err);

/**
 * Free an iterator.
 * @param it  The iterator; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_outbox_iter_free(gosend_outbox_iter *it);

/**
 * Receives one line of gosend_outbox_export(): `len` bytes of one JSON
 * object followed by "\n". Return nonzero to stop the export.
 * @since 0.1.0
 */
typedef int (*gosend_outbox_write_fn)(const char *line, size_t len,
                                      void *payload);

/**
 * Export items as JSON lines, one object per item with the fields of
 * ::gosend_outbox_item (`id`, `campaign`, `state` as its name,
 * `idempotency_key`, `message_id`, `code` as its name from
 * gosend_strerror() and `code_value`, `http_status`, `error`, `source`,
 * `attempts`, `enqueued_ms`, `sent_ms`, `finished_ms`, and for a failed
 * item `retryable` as true or false (since 0.2.0); absent values
 * omitted) and, with `with_body` 1, `body` (the JSON body as an object).
 * @param ob         The outbox. Not NULL.
 * @param campaign   A campaign name, or NULL for all.
 * @param state      A ::gosend_outbox_state, or -1 for all.
 * @param with_body  1: each line carries the body.
 * @param write      Receives each line. Not NULL.
 * @param payload    Passed to `write`.
 * @param[out] err   Optional detail on failure.
 * @return 0; #GOSEND_ECANCELED when `write` stopped it; #GOSEND_EINVAL; a
 *         store error.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_export(gosend_outbox *ob, const char *campaign,
                                       int state, int with_body,
                                       gosend_outbox_write_fn write,
                                       void *payload, gosend_error **err);

/**
 * Put items back to #GOSEND_OUTBOX_PENDING for the next run: those of
 * `state` (#GOSEND_OUTBOX_REVIEW or #GOSEND_OUTBOX_FAILED; recorded invalid
 * inputs are never requeued) in a campaign. With `new_key` 1 each gets a
 * new Idempotency-Key (a person decided a second copy is acceptable or
 * impossible); with 0 it keeps its key, and the moment that key first
 * went out: an item whose key is older than the key lifetime (less the
 * margin of ::gosend_outbox_run_options) goes to #GOSEND_OUTBOX_REVIEW
 * at the next run instead of being sent.
 *
 * A failed item whose request may have reached the server (a timeout, a
 * cut connection, a 5xx) may have been delivered: requeued with a new key
 * it can be delivered twice.
 * @param ob          The outbox. Not NULL.
 * @param campaign    A campaign name, or NULL for every campaign.
 * @param state       #GOSEND_OUTBOX_REVIEW or #GOSEND_OUTBOX_FAILED.
 * @param new_key     1: a new key for each; 0: the same key.
 * @param[out] count  Items requeued, or NULL.
 * @param[out] err    Optional detail on failure.
 * @return 0; #GOSEND_EINVAL; #GOSEND_ENOTFOUND (no such campaign); a store
 *         error.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outbox_requeue(gosend_outbox *ob, const char *campaign,
                                        int state, int new_key, size_t *count,
                                        gosend_error **err);

GOSEND_END_DECL

#endif
