/*
 * The JSON side of webhook events (webhook_events.h): the names of the
 * known event types and the decoding of a delivery's body.
 */
#ifndef GOSEND_JSON_WEBHOOK_EVENT_H
#define GOSEND_JSON_WEBHOOK_EVENT_H

#include <stddef.h>

#include "gosendapi/webhook_events.h"

/* The known event names; entry i is type i + 1. NULL-terminated. */
extern const char *const gosend__webhook_event_names[];

/*
 * A new event decoded from body (len bytes, not NULL): every member read
 * under its spellings, members of other types left unset;
 * timestamp_unix is -1 (the caller reads `timestamp`). Fails with
 * GOSEND_EPROTOCOL (carrying the body) when the body is not a JSON object,
 * GOSEND_ENOMEM when memory runs out.
 */
int gosend__webhook_event_decode(gosend_webhook_event **out, const char *body,
                                 size_t len, gosend_error **err);

#endif
