/**
 * @file webhooks.h
 * @brief Managing webhook endpoints: create, list, update, delete, and the
 *        delivery log. (Receiving and verifying deliveries: webhook_events.h.)
 *
 * Thread-safety: every function here may be called from any number of
 * threads on a shared ::gosend_client. Returned webhooks, deliveries and
 * lists are immutable and may be read from any thread. An iterator belongs
 * to one thread at a time. Parameter structs are only read, and copied
 * during the call.
 *
 * @warning **The signing secret is shown once.** gosend_webhooks_create()
 * is the only call whose answer carries the webhook's `whsec_...` secret
 * (gosend_webhook::secret). No later call (list, update) returns it and the
 * API has no endpoint to read it again: a lost secret can only be rotated
 * in the dashboard. Store it (e.g. in your secret manager) before freeing
 * the result. The library never logs it (log lines show `whsec_...`), and
 * gosend_webhook_free() overwrites it and the raw body in memory before
 * releasing them. Verify deliveries with it using gosend_webhook_verify().
 *
 * Decoding (rules of wabas.h): `id` (string or integer), `url`, `secret`,
 * `type`, `phone_number_id` (or `phoneNumberId`), `created_at` (or
 * `createdAt`), `updated_at` (or `updatedAt`) are optional strings; `events`
 * an optional array of strings (elements of other types are skipped);
 * `enabled` an optional boolean (-1 when absent). A field of another JSON
 * type is left unset, never an error. Creating, updating and deleting a
 * webhook take effect on the server: any 2xx answer to them is success,
 * whatever its body.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_WEBHOOKS_H
#define GOSENDAPI_WEBHOOKS_H

#include "client.h"
#include "pagination.h"

GOSEND_BEGIN_DECL

/** Largest webhook URL accepted, in bytes. @since 0.1.0 */
#define GOSEND_WEBHOOK_URL_MAX 2048
/** Largest number of event names in one request. @since 0.1.0 */
#define GOSEND_WEBHOOK_EVENTS_MAX 100
/** Largest event name accepted, in bytes. @since 0.1.0 */
#define GOSEND_WEBHOOK_EVENT_MAX 128

/**
 * A webhook endpoint. Read-only, library-allocated; fields are only
 * appended; never copy, embed or take the size of it. Strings live as long
 * as the object (or the list holding it).
 * @since 0.1.0
 */
typedef struct gosend_webhook {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Webhook id, or NULL when the answer (or the list element) had none
	 *  usable. */
	const char *id;
	/** Endpoint URL, or NULL. */
	const char *url;
	/**
	 * The signing secret (`whsec_...`). **Only in the result of
	 * gosend_webhooks_create(), and only this once**: the API does not
	 * return it again, so it is NULL in every other result. Copy it
	 * somewhere safe before gosend_webhook_free(). Read whenever the
	 * answer holds it as a string, whatever the other fields are, and
	 * even from an answer cut short (`meta->body_incomplete`) when the
	 * secret arrived whole. NULL when the answer had none: then look in
	 * `raw_json`, which keeps the whole body.
	 */
	const char *secret;
	/** Subscribed event names (`count` in `events_count`); NULL when the
	 *  server sent none. */
	const char *const *events;
	/** Number of entries in `events`. */
	size_t events_count;
	/** `enabled`: 1, 0, or -1 when absent. */
	int enabled;
	/** Phone scope (`phone_number_id`), or NULL for a project-level
	 *  webhook. */
	const char *phone_number_id;
	/** `type` as sent (e.g. "gosendapi_events"), or NULL. */
	const char *type;
	/** Creation time, ISO-8601 text as sent, or NULL. */
	const char *created_at;
	/** Last update time, ISO-8601 text as sent, or NULL. */
	const char *updated_at;
	/** This object's JSON text as received; for the results of
	 *  gosend_webhooks_create() and gosend_webhooks_update() the whole
	 *  response body, whatever it is (for the create result it contains
	 *  the secret too). */
	const char *raw_json;
	/** Metadata of the response (for list items: the page's), never
	 *  NULL. */
	const gosend_meta *meta;
} gosend_webhook;

/**
 * One page of webhooks. Read-only, library-allocated; free with
 * gosend_webhook_list_free().
 * @since 0.1.0
 */
typedef struct gosend_webhook_list {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of entries in `items`. */
	size_t count;
	/** The webhooks; owned by the list. */
	const gosend_webhook *const *items;
	/** The whole response body. */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_webhook_list;

/** Current version of ::gosend_webhook_params. @since 0.1.0 */
#define GOSEND_WEBHOOK_PARAMS_VERSION 1

/**
 * What gosend_webhooks_create() sends. Initialise with
 * #GOSEND_WEBHOOK_PARAMS_INIT; fields are only appended.
 * @since 0.1.0
 */
typedef struct gosend_webhook_params {
	/** Must be #GOSEND_WEBHOOK_PARAMS_VERSION. */
	unsigned int version;
	/** Endpoint that receives the events: `https://` (or `http://`) URL
	 *  of at most #GOSEND_WEBHOOK_URL_MAX printable ASCII characters, no
	 *  spaces, CR or LF. Required (field "url"). */
	const char *url;
	/** Event names to subscribe to, e.g. "whatsapp.message.received";
	 *  1 to #GOSEND_WEBHOOK_EVENTS_MAX names of 1 to
	 *  #GOSEND_WEBHOOK_EVENT_MAX printable ASCII characters without
	 *  spaces. Required (field "events"). */
	const char *const *events;
	/** Number of entries in `events`. */
	size_t events_count;
	/** Scope the webhook to one phone number; NULL (not sent) for the
	 *  whole project. Printable ASCII without spaces (field
	 *  "phone_number_id"). */
	const char *phone_number_id;
	/** The `type` member, e.g. "gosendapi_events"; NULL: not sent (the
	 *  server's default). Printable ASCII without spaces (field "type"). */
	const char *type;
} gosend_webhook_params;

/** Static initialiser for ::gosend_webhook_params. @since 0.1.0 */
#define GOSEND_WEBHOOK_PARAMS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_webhook_params, \
	                      GOSEND_WEBHOOK_PARAMS_VERSION)

/** Current version of ::gosend_webhook_update_params. @since 0.1.0 */
#define GOSEND_WEBHOOK_UPDATE_PARAMS_VERSION 1

/**
 * What gosend_webhooks_update() changes: any non-empty subset of URL, events
 * and enabled state. Everything left zero/NULL is unchanged and not sent.
 * Initialise with #GOSEND_WEBHOOK_UPDATE_PARAMS_INIT; fields are only
 * appended.
 * @since 0.1.0
 */
typedef struct gosend_webhook_update_params {
	/** Must be #GOSEND_WEBHOOK_UPDATE_PARAMS_VERSION. */
	unsigned int version;
	/** New URL (rules of gosend_webhook_params::url), or NULL. */
	const char *url;
	/** New complete list of events (rules of
	 *  gosend_webhook_params::events; it replaces the old list), or NULL.
	 */
	const char *const *events;
	/** Number of entries in `events`. */
	size_t events_count;
	/** Non-zero to send `enabled`; 0 leaves it unchanged. */
	int set_enabled;
	/** With `set_enabled`: non-zero enables the webhook, 0 disables it. */
	int enabled;
} gosend_webhook_update_params;

/** Static initialiser for ::gosend_webhook_update_params. @since 0.1.0 */
#define GOSEND_WEBHOOK_UPDATE_PARAMS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_webhook_update_params, \
	                      GOSEND_WEBHOOK_UPDATE_PARAMS_VERSION)

/**
 * One entry of a webhook's delivery log. The API documents no schema; the
 * fields are read when present (camelCase spellings are accepted too).
 * Read-only; lives as long as the list holding it.
 * @since 0.1.0
 */
typedef struct gosend_webhook_delivery {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Delivery id, or NULL when the list element had none usable. */
	const char *id;
	/** The webhook's id (`webhook_id`), or NULL. */
	const char *webhook_id;
	/** Event name (`event`, else `event_type`), or NULL. */
	const char *event;
	/** Delivery status as sent (e.g. "succeeded", "failed"), or NULL. */
	const char *status;
	/** Attempts made so far (`attempts`), -1 when absent. */
	long long attempts;
	/** HTTP status the endpoint answered last (`response_status`), -1
	 *  when absent. */
	long long response_status;
	/** Creation time, ISO-8601 text as sent, or NULL. */
	const char *created_at;
	/** Time of the last attempt, or NULL. */
	const char *last_attempt_at;
	/** Time of the next retry, or NULL when none is planned. */
	const char *next_attempt_at;
	/** This object's JSON text as received. */
	const char *raw_json;
	/** Metadata of the page this object came in, never NULL. */
	const gosend_meta *meta;
} gosend_webhook_delivery;

/**
 * One page of deliveries. Read-only, library-allocated; free with
 * gosend_webhook_delivery_list_free().
 * @since 0.1.0
 */
typedef struct gosend_webhook_delivery_list {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of entries in `items`. */
	size_t count;
	/** The deliveries; owned by the list. */
	const gosend_webhook_delivery *const *items;
	/** The whole response body. */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_webhook_delivery_list;

/**
 * `POST /webhooks`: register an endpoint.
 *
 * @warning The result's gosend_webhook::secret is shown **once**: store it
 * before gosend_webhook_free(); no other call returns it.
 *
 * Any 2xx answer means the webhook was created, so it is success whatever
 * the body: empty, not JSON, cut short (`meta->body_incomplete`), or a JSON
 * object with fields of other types. The webhook is read from the top
 * level, or from a `webhook` or `data` member when the top level has no
 * `id`; what cannot be read is left unset and the whole body is in
 * gosend_webhook::raw_json (so the secret is never lost to an answer the
 * library cannot decode). Do not create again because an answer lacks
 * fields: that makes a second webhook.
 *
 * @param[out] out  On success the new webhook (never NULL, though any of
 *                  its fields may be), with its secret, else NULL. Free
 *                  with gosend_webhook_free().
 * @param client    Client. Not NULL.
 * @param params    What to create. Not NULL (field "params"); `version`
 *                  must be known (field "params.version"). Copied.
 * @param opts      Per-call options, or NULL. Without an `idempotency_key`
 *                  a failed attempt is not retried once the request may have
 *                  reached the server (a retry could create a second
 *                  webhook).
 * @param[out] err  Optional detail on failure; free with gosend_error_free().
 * @return 0 (for every 2xx answer), #GOSEND_EINVAL (nothing sent),
 *         #GOSEND_EBADREQUEST, #GOSEND_EFORBIDDEN, #GOSEND_ENOMEM (also when
 *         memory ran out reading a 2xx answer: the webhook may exist; the
 *         error never carries the body) or another negative
 *         ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhooks_create(gosend_webhook **out,
                                         gosend_client *client,
                                         const gosend_webhook_params *params,
                                         const gosend_request_options *opts,
                                         gosend_error **err);

/**
 * `GET /webhooks`: one page of the project's webhooks (without secrets).
 * @param[out] out  On success the page, else NULL. Free with
 *                  gosend_webhook_list_free().
 * @param client    Client. Not NULL.
 * @param params    Page selection, or NULL.
 * @param opts      Per-call options, or NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL, #GOSEND_EPROTOCOL (the body is not JSON or not
 *         a list; a bad item does not fail the page) or another negative
 *         ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhooks_list(gosend_webhook_list **out,
                                       gosend_client *client,
                                       const gosend_list_params *params,
                                       const gosend_request_options *opts,
                                       gosend_error **err);

/**
 * Start iterating over every webhook. Nothing is sent until the first
 * gosend_webhooks_iter_next().
 * @param[out] out   On success the iterator, else NULL. Free with
 *                   gosend_iter_free().
 * @param client     Client. Not NULL; must outlive the iterator.
 * @param max_items  Stop after this many items; 0: no limit.
 * @param opts       Per-call options, or NULL. Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhooks_iter_new(gosend_iter **out,
                                           gosend_client *client,
                                           size_t max_items,
                                           const gosend_request_options *opts,
                                           gosend_error **err);

/**
 * Next webhook of an iterator made by gosend_webhooks_iter_new().
 * @param[out] out  The webhook, or NULL. Borrowed from the iterator: valid
 *                  until its next `_next` call or gosend_iter_free().
 * @param it        The iterator. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 1 when `*out` is set, 0 when done, or a negative
 *         ::gosend_error_code (a failure finishes the iterator: see
 * pagination.h).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhooks_iter_next(const gosend_webhook **out,
                                            gosend_iter *it,
                                            gosend_error **err);

/**
 * `PATCH /webhooks/{id}`: change the URL, the events and/or the enabled
 * state. The body holds only what is set, e.g. `{"enabled": false}`.
 * The API documents no answer: any 2xx is success, whatever its body. When
 * the body is the updated webhook (a JSON object with a usable `id`, at the
 * top level or under `webhook` or `data`) it is returned, with fields of
 * other types left unset; for anything else (empty, other JSON, text, a
 * body cut short) `*out` is NULL.
 * @param[out] out    NULL if not wanted; else the updated webhook when the
 *                    server sent one, otherwise NULL. Free with
 *                    gosend_webhook_free().
 * @param client      Client. Not NULL.
 * @param webhook_id  The webhook's id, percent-encoded into the path;
 *                    refused (field "webhook_id") when NULL, empty, "." or
 *                    "..".
 * @param params      The changes. Not NULL; at least one of them must be
 *                    set (field "params"). Copied.
 * @param opts        Per-call options, or NULL.
 * @param[out] err    Optional detail on failure.
 * @return 0 (for every 2xx answer), #GOSEND_EINVAL (nothing sent),
 *         #GOSEND_ENOTFOUND, #GOSEND_EBADREQUEST, #GOSEND_EFORBIDDEN,
 *         #GOSEND_ENOMEM (also when memory ran out reading a 2xx answer:
 *         the change is made) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_webhooks_update(gosend_webhook **out, gosend_client *client,
                       const char *webhook_id,
                       const gosend_webhook_update_params *params,
                       const gosend_request_options *opts, gosend_error **err);

/**
 * `DELETE /webhooks/{id}`. Any 2xx answer is success whatever its body
 * (empty, any JSON, text, or cut short).
 * @param client      Client. Not NULL.
 * @param webhook_id  The webhook's id; same rules as for
 *                    gosend_webhooks_update().
 * @param opts        Per-call options, or NULL.
 * @param[out] err    Optional detail on failure.
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN or
 *         another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhooks_delete(gosend_client *client,
                                         const char *webhook_id,
                                         const gosend_request_options *opts,
                                         gosend_error **err);

/**
 * `GET /webhooks/{id}/deliveries`: one page of a webhook's delivery log.
 * @param[out] out    On success the page, else NULL. Free with
 *                    gosend_webhook_delivery_list_free().
 * @param client      Client. Not NULL.
 * @param webhook_id  The webhook's id; same rules as for
 *                    gosend_webhooks_update().
 * @param params      Page selection, or NULL.
 * @param opts        Per-call options, or NULL.
 * @param[out] err    Optional detail on failure.
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EPROTOCOL (the body
 *         is not JSON or not a list; a bad item does not fail the page) or
 *         another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhook_deliveries_list(
        gosend_webhook_delivery_list **out, gosend_client *client,
        const char *webhook_id, const gosend_list_params *params,
        const gosend_request_options *opts, gosend_error **err);

/**
 * Start iterating over a webhook's whole delivery log. Nothing is sent
 * until the first gosend_webhook_deliveries_iter_next().
 * @param[out] out    On success the iterator, else NULL. Free with
 *                    gosend_iter_free().
 * @param client      Client. Not NULL; must outlive the iterator.
 * @param webhook_id  The webhook's id; same rules as for
 *                    gosend_webhooks_update(). Copied.
 * @param max_items   Stop after this many items; 0: no limit.
 * @param opts        Per-call options, or NULL. Copied.
 * @param[out] err    Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_webhook_deliveries_iter_new(gosend_iter **out, gosend_client *client,
                                   const char *webhook_id, size_t max_items,
                                   const gosend_request_options *opts,
                                   gosend_error **err);

/**
 * Next delivery of an iterator made by gosend_webhook_deliveries_iter_new().
 * @param[out] out  The delivery, or NULL. Borrowed from the iterator: valid
 *                  until its next `_next` call or gosend_iter_free().
 * @param it        The iterator. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 1 when `*out` is set, 0 when done, or a negative
 *         ::gosend_error_code (a failure finishes the iterator: see
 * pagination.h).
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_webhook_deliveries_iter_next(const gosend_webhook_delivery **out,
                                    gosend_iter *it, gosend_error **err);

/**
 * Free a webhook returned by gosend_webhooks_create() or
 * gosend_webhooks_update() (never one taken from a list). The secret and
 * the raw body are overwritten before the memory is released.
 * @param webhook  The webhook; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_webhook_free(gosend_webhook *webhook);

/**
 * Free a page of webhooks and every item in it.
 * @param list  The list; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_webhook_list_free(gosend_webhook_list *list);

/**
 * Free a page of deliveries and every item in it.
 * @param list  The list; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void
gosend_webhook_delivery_list_free(gosend_webhook_delivery_list *list);

GOSEND_END_DECL

#endif
