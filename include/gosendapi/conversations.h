/**
 * @file conversations.h
 * @brief Conversations (24-hour windows): list, get, close.
 *
 * Thread-safety: every function here may be called from any number of
 * threads on a shared ::gosend_client. Returned conversations and lists are
 * immutable and may be read from any thread. An iterator belongs to one
 * thread at a time.
 *
 * The API documents only `id`, `tenant_id`, `customer_id` and `status` of a
 * conversation; the other fields are read when present under any of these
 * spellings (the first present wins):
 *
 * - `tenant_id`: `tenant_id`, `tenantId`;
 * - `customer_id`: `customer_id`, `customerId`;
 * - `phone_number_id`: `phone_number_id`, `phoneNumberId`;
 * - `contact_wa_id`: `contact_wa_id`, `wa_id`, `contact` as a string, or
 *   `contact.wa_id` when `contact` is an object (string or integer);
 * - `contact_name`: `contact_name`, `contact.name`;
 * - `category`: `category`, `pricing_category`;
 * - `opened_at`: `opened_at`, `openedAt`, `started_at`, `created_at`;
 * - `expires_at`: `expires_at`, `expiresAt`;
 * - `closed_at`: `closed_at`, `closedAt`, `ended_at`;
 * - `last_message_at`: `last_message_at`, `lastMessageAt`.
 *
 * The first present and usable spelling wins; a value of another type (say
 * `contact` as a number) is skipped. Decoding rules otherwise as in wabas.h
 * (a field of another JSON type is left unset; only a body that cannot be
 * the answer is #GOSEND_EPROTOCOL; enumerations case-insensitive with
 * `_UNKNOWN`).
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_CONVERSATIONS_H
#define GOSENDAPI_CONVERSATIONS_H

#include "client.h"
#include "pagination.h"

GOSEND_BEGIN_DECL

/**
 * Lifecycle of a conversation (`status`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_conversation_status {
	/** Absent, or a value this version does not know. */
	GOSEND_CONVERSATION_STATUS_UNKNOWN = 0,
	/** `active`: within 24 h, messages being exchanged. */
	GOSEND_CONVERSATION_STATUS_ACTIVE = 1,
	/** `inactive`: quiet for a while (typically 30 min), still within
	 *  24 h. */
	GOSEND_CONVERSATION_STATUS_INACTIVE = 2,
	/** `ended`: the 24 h window is over (or it was closed); only
	 *  templates may be sent. */
	GOSEND_CONVERSATION_STATUS_ENDED = 3
} gosend_conversation_status;

/**
 * A conversation. Read-only, library-allocated; fields are only appended;
 * never copy, embed or take the size of it. Strings live as long as the
 * object (or the list holding it).
 * @since 0.1.0
 */
typedef struct gosend_conversation {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Conversation id. Never NULL in the results of
	 *  gosend_conversations_get() (required there: an answer without a
	 *  usable `id` is #GOSEND_EPROTOCOL) and gosend_conversations_close();
	 *  in a list item, NULL when the element had none usable. */
	const char *id;
	/** `status` as an enumeration. */
	gosend_conversation_status status;
	/** `status` as sent, or NULL. */
	const char *status_name;
	/** Owning project, or NULL. */
	const char *tenant_id;
	/** Customer, or NULL. */
	const char *customer_id;
	/** Business phone number (Meta's id), or NULL. */
	const char *phone_number_id;
	/** The contact's WhatsApp id (digits), or NULL. */
	const char *contact_wa_id;
	/** The contact's profile name, or NULL. */
	const char *contact_name;
	/** Meta pricing category as sent (e.g. "service", "marketing"), or
	 *  NULL. */
	const char *category;
	/** When the window opened, ISO-8601 text as sent, or NULL. */
	const char *opened_at;
	/** When the window expires, ISO-8601 text as sent, or NULL. */
	const char *expires_at;
	/** When it was closed or ended, ISO-8601 text as sent, or NULL. */
	const char *closed_at;
	/** Time of the last message, ISO-8601 text as sent, or NULL. */
	const char *last_message_at;
	/** This object's JSON text as received; in the result of
	 *  gosend_conversations_close(), the whole response body (which may
	 *  hold the conversation under a wrapper member). */
	const char *raw_json;
	/** Metadata of the response (for list items: the page's), never
	 *  NULL. */
	const gosend_meta *meta;
} gosend_conversation;

/**
 * One page of conversations. Read-only, library-allocated; free with
 * gosend_conversation_list_free().
 * @since 0.1.0
 */
typedef struct gosend_conversation_list {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of entries in `items`. */
	size_t count;
	/** The conversations; owned by the list. */
	const gosend_conversation *const *items;
	/** The whole response body. */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_conversation_list;

/**
 * `GET /conversations`: one page of the project's conversations.
 * @param[out] out  On success the page, else NULL. Free with
 *                  gosend_conversation_list_free().
 * @param client    Client. Not NULL.
 * @param params    Page selection, or NULL.
 * @param opts      Per-call options, or NULL.
 * @param[out] err  Optional detail on failure; free with gosend_error_free().
 * @return 0, #GOSEND_EINVAL, #GOSEND_EUNAUTHORIZED, #GOSEND_EPROTOCOL (the
 *         body is not JSON or not a list; a bad item does not fail the
 *         page) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_conversations_list(gosend_conversation_list **out,
                                            gosend_client *client,
                                            const gosend_list_params *params,
                                            const gosend_request_options *opts,
                                            gosend_error **err);

/**
 * Start iterating over every conversation. Nothing is sent until the first
 * gosend_conversations_iter_next().
 * @param[out] out   On success the iterator, else NULL. Free with
 *                   gosend_iter_free().
 * @param client     Client. Not NULL; must outlive the iterator.
 * @param max_items  Stop after this many items; 0: no limit.
 * @param opts       Per-call options, or NULL. Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_conversations_iter_new(
        gosend_iter **out, gosend_client *client, size_t max_items,
        const gosend_request_options *opts, gosend_error **err);

/**
 * Next conversation of an iterator made by gosend_conversations_iter_new().
 * @param[out] out  The conversation, or NULL. Borrowed from the iterator:
 *                  valid until its next `_next` call or gosend_iter_free().
 * @param it        The iterator. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 1 when `*out` is set, 0 when done, or a negative
 *         ::gosend_error_code (a failure finishes the iterator: see
 * pagination.h).
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_conversations_iter_next(const gosend_conversation **out, gosend_iter *it,
                               gosend_error **err);

/**
 * `GET /conversations/{id}`.
 * @param[out] out         On success the conversation, else NULL. Free with
 *                         gosend_conversation_free().
 * @param client           Client. Not NULL.
 * @param conversation_id  Its id, percent-encoded into the path; refused
 *                         (field "conversation_id") when NULL, empty, "."
 *                         or "..".
 * @param opts             Per-call options, or NULL.
 * @param[out] err         Optional detail on failure.
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN,
 *         #GOSEND_EPROTOCOL (the body is not JSON, not a JSON object, or
 *         has no usable `id`) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_conversations_get(gosend_conversation **out,
                                           gosend_client *client,
                                           const char *conversation_id,
                                           const gosend_request_options *opts,
                                           gosend_error **err);

/**
 * `POST /conversations/{id}/close`, sent with the JSON body `{}`. The API
 * documents no answer: any 2xx is success, whatever its body. When the body
 * is the updated conversation (a JSON object with a usable `id`, at the top
 * level or under `conversation` or `data`) it is returned in `*out`, with
 * fields of other types left unset and the whole body in `raw_json`; for
 * anything else (empty body, `{"success": true}`, other JSON, text, a body
 * cut short) `*out` is NULL.
 * @param[out] out         NULL if not wanted; else the updated conversation
 *                         when the server sent one, otherwise NULL. Free
 *                         with gosend_conversation_free().
 * @param client           Client. Not NULL.
 * @param conversation_id  Its id; same rules as gosend_conversations_get().
 * @param opts             Per-call options, or NULL.
 * @param[out] err         Optional detail on failure.
 * @return 0 (for every 2xx answer), #GOSEND_EINVAL, #GOSEND_ENOTFOUND,
 *         #GOSEND_EFORBIDDEN, #GOSEND_ENOMEM (also when memory ran out
 *         reading a 2xx answer: the conversation is closed) or another
 *         negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_conversations_close(gosend_conversation **out,
                                             gosend_client *client,
                                             const char *conversation_id,
                                             const gosend_request_options *opts,
                                             gosend_error **err);

/**
 * Free a conversation returned by gosend_conversations_get() or
 * gosend_conversations_close() (never one taken from a list).
 * @param conv  The conversation; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_conversation_free(gosend_conversation *conv);

/**
 * Free a page of conversations and every item in it.
 * @param list  The list; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void
gosend_conversation_list_free(gosend_conversation_list *list);

GOSEND_END_DECL

#endif
