/*
 * Streamed bulk sends (for the outbox): the items are pulled one at a
 * time, each a JSON body and its Idempotency-Key, as the engine has room
 * for them, so that a campaign of any size never sits in memory. The
 * caller's `next` runs just before an item is handed to the engine, before
 * any byte of it leaves: a durable record made there is made before the
 * request. Outcomes go to `done`; `tick` runs each round of the loop (a
 * commit timer, a cancel flag).
 */
#ifndef GOSEND_BULK_STREAM_H
#define GOSEND_BULK_STREAM_H

#include "gosendapi/client.h"
#include "gosendapi/messages.h"

/* One item: valid until the next call of `next`; copied when started. */
typedef struct gosend__stream_item {
	const char *json; /* a body that gosend_messages_send_json takes */
	const char *key;  /* its Idempotency-Key */
	long long tag;    /* the caller's name of the item */
	/* client clock ms (gosend__now_ms) after which no attempt of it
	 * starts; 0: only the stream's deadline */
	long long deadline;
} gosend__stream_item;

typedef struct gosend__stream {
	gosend_client *client;
	unsigned int concurrency; /* requests on the wire; 0: the default */
	long long deadline; /* client clock ms (gosend__now_ms); 0: none */
	/*
	 * The next item: 1 with *item set, 0 when there is none left, or a
	 * negative code that stops the stream.
	 */
	int (*next)(void *payload, gosend__stream_item *item);
	/*
	 * An item ended: code 0 with result (taken; NULL when memory ran out
	 * reading it), else the failure with error (taken). `cut` is 1 when
	 * the stream stopped while the item was pending and code is not 0:
	 * with attempts 0 nothing of it was sent; otherwise whether it
	 * reached the server is unknown.
	 */
	void (*done)(void *payload, long long tag, int code,
	             gosend_message_result *result, gosend_error *error,
	             unsigned int attempts, int cut);
	/*
	 * Each round: the milliseconds until it wants to run again (at most
	 * this long is waited), or a negative code that stops the stream.
	 */
	long long (*tick)(void *payload);
	void *payload;
} gosend__stream;

/*
 * Run a stream until `next` has no item left and every item ended (0, or
 * GOSEND_ETIMEOUT when an item could not be sent before its call's
 * deadline, which the rate limit's wait would pass: such an item ends
 * unsent, `done` with cut 1 and attempts 0, and the stream goes on unless
 * that deadline was the stream's own), or it stops: the code of `next` or
 * `tick`, GOSEND_ETIMEOUT at the deadline, GOSEND_ENOMEM. When it stops, the
 * items on the wire are cut and those queued end unsent (`done` with cut 1 for
 * both).
 */
int gosend__stream_run(const gosend__stream *s);

#endif
