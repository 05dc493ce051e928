/**
 * @file webhook_events.h
 * @brief Receiving webhooks: signature verification and signing, and typed
 *        events. (Skipping repeated deliveries: dedupe.h.)
 *
 * Thread-safety: every function here is thread-safe. The signature
 * functions and gosend_webhook_event_parse() keep no state. A parsed
 * ::gosend_webhook_event is immutable and may be read from any thread.
 *
 * None of these functions needs a ::gosend_client or gosend_global_init();
 * nothing here touches the network.
 *
 * ## Receiving a delivery
 *
 * GoSendAPI POSTs each event as JSON and signs it: the header
 * `X-GoSendAPI-Signature: sha256=<hex>` carries the hex-encoded HMAC-SHA256
 * of the **raw request body bytes**, keyed with the webhook's whole secret
 * string (including its `whsec_` prefix). Verify on the exact bytes received,
 * before parsing: parsing and re-serialising JSON changes the bytes and the
 * signature no longer matches. A receiver typically does:
 *
 * @code
 * const char *secrets[] = {"whsec_new...", "whsec_old..."};
 * gosend_webhook_event *ev = NULL;
 * int status, rc;
 *
 * rc = gosend_webhook_verify(secrets, 2, sig_header, body, len, NULL);
 * if (rc == GOSEND_EPROTOCOL)
 *         status = sig_header ? 400 : 401; // malformed / missing header
 * else if (rc == GOSEND_ESIGNATURE)
 *         status = 401;                    // signature does not match
 * else if (rc < 0)
 *         status = 500; // our side: bad configuration, out of memory
 * else if ((rc = gosend_webhook_event_parse(&ev, body, len, NULL)) < 0)
 *         status = rc == GOSEND_EPROTOCOL ? 400 : 500; // not a JSON object
 * else
 *         status = 200; // answer within 10 s, then handle ev
 * @endcode
 *
 * Deliveries are retried (up to five attempts) when the receiver does not
 * answer 2xx within 10 seconds, so the same event can arrive more than once;
 * ::gosend_dedupe (dedupe.h) remembers recent event ids.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_WEBHOOK_EVENTS_H
#define GOSENDAPI_WEBHOOK_EVENTS_H

#include "common.h"
#include "errors.h"
#include "client.h"

GOSEND_BEGIN_DECL

/** Name of the HTTP header that carries the signature. @since 0.1.0 */
#define GOSEND_WEBHOOK_SIGNATURE_HEADER "X-GoSendAPI-Signature"

/* ------------------------------------------------------------------ */
/* Signatures                                                          */
/* ------------------------------------------------------------------ */

/**
 * Check a delivery's signature header against one or more secrets.
 *
 * Header syntax accepted: optional whitespace (space, tab, CR, LF) around
 * the value, then one or more entries separated by commas, each entry
 * `sha256=` followed by exactly 64 hex digits (upper- or lower-case), with
 * optional spaces or tabs around each entry. Several entries are accepted so
 * that a sender may sign with both the old and the new secret while a secret
 * is rotated; at most 8 entries. The prefix is matched exactly (lower-case
 * `sha256=`). Anything else (no prefix, another algorithm such as `sha1=`,
 * a wrong number of digits, a non-hex digit, whitespace inside an entry, an
 * empty entry) makes the whole header malformed.
 *
 * The signature is valid when any entry equals HMAC-SHA256(secret, body) for
 * any of the secrets. Every comparison runs in constant time
 * (CRYPTO_memcmp) and every secret/entry pair is compared, whether or not an
 * earlier one matched.
 *
 * @param secrets           Array of @p nsecrets secrets, each the webhook's
 *                          whole secret as returned at creation (e.g.
 *                          `"whsec_..."`) and used as the HMAC key as is: no
 *                          trimming and no decoding. Not NULL; no element may
 *                          be NULL or empty. Typically the current secret
 *                          and, during a rotation window, the previous one.
 * @param nsecrets          Number of secrets, at least 1.
 * @param signature_header  The header's value (without the header name), or
 *                          NULL when the request carried no such header.
 * @param body              The raw request body exactly as received. May be
 *                          NULL only when @p len is 0.
 * @param len               Length of @p body in bytes.
 * @param[out] err          If not NULL, on failure the detail; free with
 *                          gosend_error_free(). Its `field` is "secrets",
 *                          "body" or "signature_header".
 * @return
 *   - 0: the signature is valid;
 *   - #GOSEND_ESIGNATURE: the header is well formed but no entry matches
 *     any secret (wrong secret, or the body was altered); `field` is
 *     "signature_header". Answer 401;
 *   - #GOSEND_ERROR: the crypto library failed (unlikely); answer 500;
 *   - #GOSEND_EPROTOCOL: the header is missing (NULL) or malformed. Answer
 *     400 (or 401 when it is missing);
 *   - #GOSEND_EINVAL: an argument is invalid (NULL or empty secret,
 *     @p nsecrets 0, NULL body with a length): a bug or a configuration
 *     error on the receiving side. Answer 500;
 *   - #GOSEND_ENOMEM: out of memory.
 * @note Thread-safe; no state is kept.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhook_verify(const char *const *secrets,
                                        size_t nsecrets,
                                        const char *signature_header,
                                        const void *body, size_t len,
                                        gosend_error **err);

/**
 * gosend_webhook_verify() with a single secret.
 *
 * @param secret            The webhook's whole secret (`"whsec_..."`). Not
 *                          NULL, not empty.
 * @param signature_header  The header's value, or NULL when absent.
 * @param body              The raw request body. May be NULL only when
 *                          @p len is 0.
 * @param len               Length of @p body in bytes.
 * @param[out] err          If not NULL, on failure the detail; free with
 *                          gosend_error_free().
 * @return 0 when valid, #GOSEND_ESIGNATURE on a mismatch, #GOSEND_EPROTOCOL
 * when the header is missing or malformed, #GOSEND_EINVAL for an invalid
 *         argument, #GOSEND_ENOMEM; see gosend_webhook_verify().
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhook_verify_secret(const char *secret,
                                               const char *signature_header,
                                               const void *body, size_t len,
                                               gosend_error **err);

/**
 * Compute the signature header value GoSendAPI sends for a body: the text
 * `sha256=` followed by the HMAC-SHA256 of @p body keyed with @p secret, as
 * 64 lower-case hex digits. For tests and for programs that forward or
 * replay deliveries.
 *
 * @param[out] out_header_value  On success a new NUL-terminated string
 *                               (71 characters) owned by the caller, freed
 *                               with gosend_free(); else NULL.
 * @param secret                 The whole secret (`"whsec_..."`), used as
 *                               the key as is. Not NULL, not empty.
 * @param body                   The raw body. May be NULL only when @p len is
 *                               0.
 * @param len                    Length of @p body in bytes.
 * @param[out] err               If not NULL, on failure the detail; free with
 *                               gosend_error_free().
 * @return 0, #GOSEND_EINVAL (NULL @p out_header_value, NULL or empty secret,
 *         NULL body with a length), #GOSEND_ENOMEM, or #GOSEND_ERROR when
 *         the crypto library fails.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhook_sign(char **out_header_value,
                                      const char *secret, const void *body,
                                      size_t len, gosend_error **err);

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

/**
 * The event names the API documentation spells out. Append-only; names the
 * documentation only describes (other message statuses such as sent, read
 * or failed, template approved or rejected, phone number deleted, account
 * alerts) are deliberately not listed: match them by string with
 * gosend_webhook_event_is() or gosend_webhook_event_matches().
 * @since 0.1.0
 */
typedef enum gosend_webhook_event_type {
	/**
	 * Any other name, including names added to the API later, or no name
	 * at all (then `name` is ""). This is the enum's unknown member:
	 * always keep a default branch and look at `name`.
	 */
	GOSEND_WEBHOOK_EVENT_OTHER = 0,
	/** `whatsapp.message.received`: an inbound message. */
	GOSEND_WEBHOOK_EVENT_MESSAGE_RECEIVED = 1,
	/** `whatsapp.message.delivered`: an outbound message was delivered. */
	GOSEND_WEBHOOK_EVENT_MESSAGE_DELIVERED = 2,
	/** `whatsapp.conversation.created`. */
	GOSEND_WEBHOOK_EVENT_CONVERSATION_CREATED = 3,
	/** `whatsapp.phone_number.created`: a number was provisioned. */
	GOSEND_WEBHOOK_EVENT_PHONE_NUMBER_CREATED = 4
	/* append only */
} gosend_webhook_event_type;

/**
 * What an inbound answer to a button or a list carries
 * (::gosend_webhook_reply). Values are stable and only appended.
 * @since 0.2.0
 */
typedef enum gosend_webhook_reply_kind {
	/** Not one of the kinds below. */
	GOSEND_WEBHOOK_REPLY_UNKNOWN = 0,
	/** A reply button was tapped: `interactive.button_reply`. */
	GOSEND_WEBHOOK_REPLY_BUTTON = 1,
	/** A list row was picked: `interactive.list_reply`. */
	GOSEND_WEBHOOK_REPLY_LIST = 2,
	/** A template's quick-reply button was tapped: a message of type
	 *  `button` with a `button` object. */
	GOSEND_WEBHOOK_REPLY_TEMPLATE_BUTTON = 3
} gosend_webhook_reply_kind;

/**
 * Typed view of a tapped reply button, a picked list row or a tapped
 * template quick-reply button. Read-only, owned by its event; fields are
 * only appended; never copy or embed it. Strings are NULL when absent or
 * not JSON strings.
 * @since 0.2.0
 */
typedef struct gosend_webhook_reply {
	/** Layout version; 1 for 0.2.0. */
	unsigned int struct_version;
	/** Which kind of answer this is. */
	gosend_webhook_reply_kind kind;
	/** The id given when the message was sent: `button_reply.id`,
	 *  `list_reply.id`, or a template button's `button.payload`. */
	const char *id;
	/** The text the user saw: `title`, or a template button's
	 *  `button.text`. */
	const char *title;
	/** A list row's `description`, else NULL. */
	const char *description;
	/** The reply object (`button_reply`, `list_reply` or `button`) as
	 *  compact JSON text, never NULL. */
	const char *raw_json;
} gosend_webhook_reply;

/**
 * Typed view of a completed Flow: an inbound `interactive` message of type
 * `nfm_reply`. Read-only, owned by its event; fields are only appended;
 * never copy or embed it.
 * @since 0.2.0
 */
typedef struct gosend_webhook_flow_reply {
	/** Layout version; 1 for 0.2.0. */
	unsigned int struct_version;
	/** `nfm_reply.name` (Meta sends "flow"), or NULL. */
	const char *name;
	/** `nfm_reply.body`, the text shown in the chat (e.g. "Sent"), or
	 *  NULL. */
	const char *body;
	/**
	 * `nfm_reply.response_json` kept raw: the text of that JSON string as
	 * sent (itself JSON text, e.g. `{"flow_token":"...","day":"..."}`),
	 * not parsed or checked; when the member is a JSON object instead of
	 * a string, that object's compact text. NULL when absent or of
	 * another type.
	 */
	const char *response_json;
	/** The `nfm_reply` object as compact JSON text, never NULL. */
	const char *raw_json;
} gosend_webhook_flow_reply;

/**
 * Typed view of a location the user sent (for instance in answer to a
 * location request message): the message's `location` object. Read-only,
 * owned by its event; fields are only appended; never copy or embed it.
 * @since 0.2.0
 */
typedef struct gosend_webhook_location {
	/** Layout version; 1 for 0.2.0. */
	unsigned int struct_version;
	/** 1 when `latitude` and `longitude` are both JSON numbers, else 0
	 *  (and both are 0). */
	int has_coordinates;
	/** Degrees, as sent. */
	double latitude;
	/** Degrees, as sent. */
	double longitude;
	/** Place name (`name`), or NULL. */
	const char *name;
	/** Address (`address`), or NULL. */
	const char *address;
	/** A URL of the place (`url`), or NULL. */
	const char *url;
	/** The `location` object as compact JSON text, never NULL. */
	const char *raw_json;
} gosend_webhook_location;

/**
 * Typed view of an inbound message (Meta Cloud API message object).
 * Read-only, owned by its event; fields are only appended; never copy or
 * embed it. Every string is NULL when the payload does not carry it, and
 * a member of an unexpected type is left unset like an absent one; unknown
 * members are ignored (they stay in `raw_json`).
 *
 * Answers to interactive messages have typed views: `reply` for a tapped
 * reply button (`interactive.button_reply`), a picked list row
 * (`interactive.list_reply`) or a tapped template quick-reply button
 * (`button`); `flow_reply` for a completed Flow
 * (`interactive.nfm_reply`); `location` for a sent location. Each is NULL
 * when its object is absent or not a JSON object.
 * @since 0.1.0
 */
typedef struct gosend_webhook_inbound_message {
	/** Layout version; 1 for 0.1.0, 2 from 0.2.0 (the members from
	 *  `interactive_type` on). */
	unsigned int struct_version;
	/** Message id (`id`, else `message_id`), e.g. "wamid.HBg...". */
	const char *id;
	/** Sender's number, digits (`from`). */
	const char *from;
	/** Message type as sent (`type`): "text", "image", "button", ... */
	const char *type;
	/** Send time as sent (`timestamp`: ISO-8601 or Unix seconds). */
	const char *timestamp;
	/** Text body: `text.body`, or `text` when it is a string. */
	const char *text;
	/** Media id: `<type>.id` (e.g. `image.id`). */
	const char *media_id;
	/** Media MIME type: `<type>.mime_type`. */
	const char *media_mime_type;
	/** Media download URL: `<type>.url`, else `<type>.link`. */
	const char *media_url;
	/** Caption: `<type>.caption`. */
	const char *caption;
	/** Document file name: `<type>.filename`. */
	const char *filename;
	/** Id of the message replied to: `context.id` / `context.message_id`.
	 */
	const char *context_message_id;
	/** Sender of the message replied to: `context.from`. */
	const char *context_from;
	/**
	 * Sender's profile name: Meta's `contacts[0].profile.name` next to
	 * the message, else the message's `profile.name`.
	 */
	const char *profile_name;
	/** The message object as compact JSON text, never NULL. */
	const char *raw_json;
	/** `interactive.type` as sent ("button_reply", "list_reply",
	 *  "nfm_reply", ...), or NULL. @since 0.2.0 */
	const char *interactive_type;
	/** The button or list row the user chose, or NULL when the message
	 *  answers none. @since 0.2.0 */
	const gosend_webhook_reply *reply;
	/** The completed Flow, or NULL. @since 0.2.0 */
	const gosend_webhook_flow_reply *flow_reply;
	/** The location sent, or NULL when the message has no `location`
	 *  object. @since 0.2.0 */
	const gosend_webhook_location *location;
} gosend_webhook_inbound_message;

/**
 * Typed view of a message status update (sent, delivered, read, failed...).
 * Read-only, owned by its event; fields are only appended; never copy or
 * embed it.
 * @since 0.1.0
 */
typedef struct gosend_webhook_message_status {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Id of the message concerned (`message_id`, else `id`), or NULL. */
	const char *message_id;
	/**
	 * Status as sent (`status`, e.g. "delivered"), else the last dotted
	 * segment of the event name ("read" for "whatsapp.message.read").
	 * NULL only when neither exists.
	 */
	const char *status;
	/** Recipient (`recipient_id`, else `recipient`, else `to`), or NULL. */
	const char *recipient;
	/** Time as sent (`timestamp`), or NULL. */
	const char *timestamp;
	/** Conversation id (`conversation.id`, else `conversation_id`). */
	const char *conversation_id;
	/** First error's `code` (`errors[0]`, else `error`); -1 when none
	 *  or not a positive number. */
	long long error_code;
	/** First error's `title`, or NULL. */
	const char *error_title;
	/** First error's `message`, or NULL. */
	const char *error_message;
	/** First error's `error_data.details`, or NULL. */
	const char *error_details;
	/** The status object as compact JSON text, never NULL. */
	const char *raw_json;
} gosend_webhook_message_status;

/**
 * Typed view of a template status change (approved, rejected, paused...).
 * Read-only, owned by its event; fields are only appended; never copy or
 * embed it.
 * @since 0.1.0
 */
typedef struct gosend_webhook_template_status {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** `template_id`, else `message_template_id`, else `id`. */
	const char *template_id;
	/** `template_name`, else `message_template_name`, else `name`. */
	const char *template_name;
	/**
	 * `language` (a string, or the `code` of an object), else
	 * `message_template_language`.
	 */
	const char *language;
	/**
	 * `status`, else Meta's `event` (e.g. "APPROVED"), else the last
	 * dotted segment of the event name. Case as sent.
	 */
	const char *status;
	/** `reason`, else `rejected_reason`, else `rejection_reason`. */
	const char *reason;
	/** The template object as compact JSON text, never NULL. */
	const char *raw_json;
} gosend_webhook_template_status;

/**
 * One webhook delivery, parsed. Read-only, library-allocated, freed with
 * gosend_webhook_event_free(); fields are only appended; never copy or
 * embed it. Strings live as long as the event.
 *
 * The envelope is not documented, so the parser accepts these shapes
 * (first match wins, in the order given):
 *
 * | field            | members read (top level of the body)                 |
 * |------------------|------------------------------------------------------|
 * | name             | `event`, `event_type`, `type` (first string)         |
 * | id               | `event_id`, `id` (string, or integer <= 2^53)        |
 * | timestamp        | `timestamp`, `occurred_at`, `occurredAt`,            |
 * |                  | `created_at`, `createdAt` (string or integer)        |
 * | payload          | `data`, `payload` (first JSON object)                |
 * | phone_number_id  | envelope, then payload `phone_number_id`, then       |
 * |                  | Meta's `metadata.phone_number_id`                    |
 *
 * Meta's own webhook shape is also understood, inside the payload or as
 * the whole body: `entry[0].changes[0].value` holds `messages`, `statuses`
 * and `metadata`; a payload that is Meta's `value` itself (holding
 * `messages` or `statuses` arrays, or a `metadata` object) works too.
 *
 * Typed views (NULL when they do not apply):
 * - `message`: for `whatsapp.message.received`, or when Meta's `messages`
 *   array is present. Source: `messages[0]`, else the payload's `message`
 *   object, else the payload itself.
 * - `status`: for any other `whatsapp.message.*` name, or when Meta's
 *   `statuses` array is present. Source: `statuses[0]`, else the payload's
 *   `status` member when it is an object, else the payload itself.
 * - `template_status`: when the name contains "template" or Meta's change
 *   `field` is `message_template_status_update`. Source: the payload's
 *   `template` object, else Meta's `value`, else the payload itself.
 *
 * Leniency: only a body that is not a JSON object is an error. A member read
 * above that has an unexpected type is ignored as if absent (the next
 * spelling is tried), so a surprise in an undocumented shape never loses a
 * delivery; `raw_json` and `payload_json` always hold the data.
 * @since 0.1.0
 */
typedef struct gosend_webhook_event {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/**
	 * Event name as sent, e.g. "whatsapp.message.read"; never NULL (""
	 * when the body has none).
	 */
	const char *name;
	/** The name as an enum; #GOSEND_WEBHOOK_EVENT_OTHER when not listed. */
	gosend_webhook_event_type type;
	/** Event id, or NULL. Use it to skip repeats (::gosend_dedupe). */
	const char *id;
	/** Event time as sent (ISO-8601 text, or a Unix time as digits). */
	const char *timestamp;
	/**
	 * The event time in seconds since 1970-01-01 UTC, or -1 when absent or
	 * not understood. Accepted: ISO-8601 / RFC 3339
	 * `YYYY-MM-DD[Tt ]hh:mm[:ss[.fraction]][Z|±hh:mm|±hhmm]` (no zone means
	 * UTC; the fraction is dropped), a date `YYYY-MM-DD`, or decimal digits
	 * giving Unix seconds (values above 10^11 are taken as milliseconds).
	 */
	long long timestamp_unix;
	/** Phone number id the event concerns (Meta's id), or NULL. */
	const char *phone_number_id;
	/** The payload object (`data`/`payload`) as compact JSON, or NULL. */
	const char *payload_json;
	/** Inbound message view, or NULL. Owned by the event. */
	const gosend_webhook_inbound_message *message;
	/** Message status view, or NULL. Owned by the event. */
	const gosend_webhook_message_status *status;
	/** Template status view, or NULL. Owned by the event. */
	const gosend_webhook_template_status *template_status;
	/** The whole body exactly as received (NUL-terminated copy). */
	const char *raw_json;
	/** Metadata; no HTTP exchange took place, so numbers are -1. */
	const gosend_meta *meta;
} gosend_webhook_event;

/**
 * Parse a delivery body into an event. Verify the signature on the same
 * bytes first (gosend_webhook_verify()); parsing does not check it.
 *
 * @param[out] out  On success the event, else NULL. Free with
 *                  gosend_webhook_event_free().
 * @param body      The raw body. Copied. May be NULL only when @p len is 0.
 * @param len       Length of @p body in bytes; the body need not be
 *                  NUL-terminated (trailing whitespace is allowed, an
 *                  embedded NUL is not).
 * @param[out] err  If not NULL, on failure the detail; free with
 *                  gosend_error_free().
 * @return 0, #GOSEND_EPROTOCOL when the body is not a JSON object (answer
 *         400), #GOSEND_EINVAL (NULL @p out, NULL body with a length),
 *         #GOSEND_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhook_event_parse(gosend_webhook_event **out,
                                             const void *body, size_t len,
                                             gosend_error **err);

/**
 * Whether the event has exactly this name.
 * @param ev    The event, or NULL.
 * @param name  Full event name such as "whatsapp.message.read", or NULL.
 * @return 1 when the names are equal (case-sensitive), else 0 (also when
 *         either argument is NULL).
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhook_event_is(const gosend_webhook_event *ev,
                                          const char *name);

/**
 * Whether the event name matches a pattern in which `*` stands for any run
 * of characters (dots included) and every other character for itself, e.g.
 * "whatsapp.message.*", "*.read" or "whatsapp.*.created".
 * @param ev       The event, or NULL.
 * @param pattern  The pattern, or NULL.
 * @return 1 on a match, else 0 (also when either argument is NULL).
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_webhook_event_matches(const gosend_webhook_event *ev,
                                               const char *pattern);

/**
 * The documented name of an event type.
 * @param type  A ::gosend_webhook_event_type.
 * @return A static string such as "whatsapp.message.received", or NULL for
 *         #GOSEND_WEBHOOK_EVENT_OTHER and unknown values.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN const char *
gosend_webhook_event_type_name(gosend_webhook_event_type type);

/**
 * Free an event and every view it owns.
 * @param ev  The event; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_webhook_event_free(gosend_webhook_event *ev);

GOSEND_END_DECL

#endif
