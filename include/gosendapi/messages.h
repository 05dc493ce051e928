/**
 * @file messages.h
 * @brief Sending WhatsApp messages (`POST /messages`) and reading them
 *        back (`GET /messages`, `GET /messages/{id}`); media uploads are
 *        in media.h.
 *
 * Thread-safety: a ::gosend_client may be shared by any number of threads
 * (see client.h). A ::gosend_outgoing message belongs to one thread while it
 * is being built or changed; once built, any number of threads may send or
 * serialise it at the same time, because those calls only read it. Results
 * (::gosend_message_result, ::gosend_message, ::gosend_message_list) are
 * immutable and may be read from any thread. An iterator belongs to one
 * thread at a time.
 *
 * @section msg_build Building a message
 *
 * A message to send is an opaque ::gosend_outgoing built with one
 * constructor per kind and then refined with setters and adders:
 *
 * @code
 * gosend_outgoing *m = NULL;
 * gosend_message_result *res = NULL;
 * gosend_error *err = NULL;
 * if (gosend_outgoing_template_new(&m, "555123456789", "5491140123456",
 *                                  "appointment_reminder", "es_AR", &err) ||
 *     gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BODY, "Juan",
 *                                       &err) ||
 *     gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BODY, "20/05",
 *                                       &err) ||
 *     gosend_messages_send(&res, client, m, NULL, &err))
 *         fprintf(stderr, "%s (field %s)\n", err->message,
 *                 err->field ? err->field : "-");
 * gosend_outgoing_free(m);
 * @endcode
 *
 * Every string argument is copied, so it may be freed right after the call.
 * Optional string arguments are NULL to leave the field out; an empty
 * string is refused. A setter or adder that fails leaves the message as it
 * was. Text a
 * constructor, setter or adder accepts can be checked right away (length,
 * UTF-8, ids); rules about the whole message (for example at least one
 * reply button, or a title for every list section when there are several)
 * are checked by gosend_messages_send() and gosend_outgoing_to_json().
 * Either way the failure is #GOSEND_EINVAL with `err->field` set to the
 * JSON path at fault, e.g. `"to"`, `"text.body"` or
 * `"interactive.action.buttons[3]"`, and nothing is sent.
 *
 * @section msg_wire What goes over the wire
 *
 * The body is a JSON object with `phone_number_id`, `to`, `type` and an
 * object (an array for `contacts`) under the key named by `type`. GoSendAPI
 * documents the `text`, `template` and media payloads; for the others
 * (`sticker`, `location`, `interactive`, `contacts`, and the template's
 * header and button components and non-text parameters) GoSendAPI says it
 * mirrors Meta's WhatsApp Cloud API, so this library sends Meta's shapes.
 * `messaging_product` is not sent: GoSendAPI's examples omit it. Lengths are
 * counted in Unicode code points of the UTF-8 text; text that is not valid
 * UTF-8 is refused. The limits below are Meta's published Cloud API limits.
 *
 * @section msg_idem Idempotency
 *
 * Every send carries an `Idempotency-Key` header: the caller's
 * (gosend_request_options::idempotency_key) or, when none is given, a random
 * UUIDv4 the library generates. The same key is reused by every retry of
 * that call, so a retried send never delivers twice. The key sent is in the
 * result's `meta->idempotency_key` (and in `err->idempotency_key`). The
 * server answers a key reused with a different body with HTTP 409, which is
 * #GOSEND_ECONFLICT.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_MESSAGES_H
#define GOSENDAPI_MESSAGES_H

#include "client.h"
#include "pagination.h"

GOSEND_BEGIN_DECL

/** @name Limits checked before sending (Meta Cloud API figures)
 * Lengths are Unicode code points; counts are items.
 * @{ */
/** `text.body`: at most 4096. @since 0.1.0 */
#define GOSEND_TEXT_BODY_MAX 4096
/** `caption` of an image, video or document: at most 1024. @since 0.1.0 */
#define GOSEND_CAPTION_MAX 1024
/** `interactive.body.text`: at most 1024. @since 0.1.0 */
#define GOSEND_INTERACTIVE_BODY_MAX 1024
/** `interactive.header.text`: at most 60. @since 0.1.0 */
#define GOSEND_INTERACTIVE_HEADER_MAX 60
/** `interactive.footer.text`: at most 60. @since 0.1.0 */
#define GOSEND_INTERACTIVE_FOOTER_MAX 60
/** Reply buttons in a button message: 1 to 3. @since 0.1.0 */
#define GOSEND_REPLY_BUTTONS_MAX 3
/** Reply button `title`: at most 20 (and unique in the message).
 *  @since 0.1.0 */
#define GOSEND_BUTTON_TITLE_MAX 20
/** Reply button `id`: at most 256 (and unique in the message). @since 0.1.0
 */
#define GOSEND_BUTTON_ID_MAX 256
/** List message `action.button` label: at most 20. @since 0.1.0 */
#define GOSEND_LIST_BUTTON_MAX 20
/** Sections in a list message: 1 to 10. @since 0.1.0 */
#define GOSEND_LIST_SECTIONS_MAX 10
/** Rows in a list message, all sections together: 1 to 10. @since 0.1.0 */
#define GOSEND_LIST_ROWS_MAX 10
/** Section `title`: at most 24; required when there is more than one
 *  section. @since 0.1.0 */
#define GOSEND_SECTION_TITLE_MAX 24
/** Row `title`: at most 24. @since 0.1.0 */
#define GOSEND_ROW_TITLE_MAX 24
/** Row `description`: at most 72. @since 0.1.0 */
#define GOSEND_ROW_DESCRIPTION_MAX 72
/** Row `id`: at most 200 (and unique in the message). @since 0.1.0 */
#define GOSEND_ROW_ID_MAX 200
/** `template.name`: at most 512. @since 0.1.0 */
#define GOSEND_TEMPLATE_NAME_MAX 512
/** Call-to-action URL button label
 *  (`interactive.action.parameters.display_text`): at most 20. The body
 *  (#GOSEND_INTERACTIVE_BODY_MAX), header (#GOSEND_INTERACTIVE_HEADER_MAX)
 *  and footer (#GOSEND_INTERACTIVE_FOOTER_MAX) limits of Meta's
 *  call-to-action URL page apply too. @since 0.2.0 */
#define GOSEND_CTA_DISPLAY_TEXT_MAX 20
/** @} */

/**
 * @name Limits not checked before sending
 * Meta's documentation gives no firm figure for these, so the library
 * checks only that they are non-empty UTF-8 without control characters
 * and leaves their length to the server:
 * - `flow_cta`, the Flow button text: Meta's Flow message page advises 30
 *   characters or less, and earlier versions of it said 20;
 * - a template `coupon_code`: Meta's coupon template pages say 15
 *   characters in one version and 20 (for the example given when the
 *   template is made) in a later one, and nothing for the code sent;
 * - a template URL button's text parameter (the URL suffix), a Flow's
 *   `flow_token`, `flow_name` and first screen, a template Flow button's
 *   `flow_token`, and the `context.message_id` of a reply.
 * @{ */
/** The `flow_message_version` every Flow message carries. @since 0.2.0 */
#define GOSEND_FLOW_MESSAGE_VERSION "3"
/** @} */

/**
 * The ten message types of the API. Values are stable and only appended.
 * @since 0.1.0
 */
typedef enum gosend_message_type {
	/** Absent, or a type this version of the library does not know. */
	GOSEND_MESSAGE_TYPE_UNKNOWN = 0,
	/** `text` */
	GOSEND_MESSAGE_TYPE_TEXT = 1,
	/** `template` */
	GOSEND_MESSAGE_TYPE_TEMPLATE = 2,
	/** `image` (JPEG, PNG) */
	GOSEND_MESSAGE_TYPE_IMAGE = 3,
	/** `video` (MP4) */
	GOSEND_MESSAGE_TYPE_VIDEO = 4,
	/** `audio` (MP3, OGG) */
	GOSEND_MESSAGE_TYPE_AUDIO = 5,
	/** `document` (PDF, DOCX, XLSX, ...) */
	GOSEND_MESSAGE_TYPE_DOCUMENT = 6,
	/** `sticker` (WebP) */
	GOSEND_MESSAGE_TYPE_STICKER = 7,
	/** `location` */
	GOSEND_MESSAGE_TYPE_LOCATION = 8,
	/** `interactive` (reply buttons, a list, a call-to-action URL, a
	 *  Flow or a location request) */
	GOSEND_MESSAGE_TYPE_INTERACTIVE = 9,
	/** `contacts` */
	GOSEND_MESSAGE_TYPE_CONTACTS = 10
} gosend_message_type;

/**
 * Message status as reported by the API. The API documents no list of
 * values; these are the ones GoSendAPI and Meta are known to use. Values are
 * stable and only appended.
 * @since 0.1.0
 */
typedef enum gosend_message_status {
	/** Absent, or a status this version of the library does not know:
	 *  read the string next to it. */
	GOSEND_MESSAGE_STATUS_UNKNOWN = 0,
	/** `accepted`: taken by the API, not yet handed to WhatsApp. */
	GOSEND_MESSAGE_STATUS_ACCEPTED = 1,
	/** `queued`: waiting for the phone number's throughput. */
	GOSEND_MESSAGE_STATUS_QUEUED = 2,
	/** `sent` */
	GOSEND_MESSAGE_STATUS_SENT = 3,
	/** `delivered` */
	GOSEND_MESSAGE_STATUS_DELIVERED = 4,
	/** `read` */
	GOSEND_MESSAGE_STATUS_READ = 5,
	/** `failed` */
	GOSEND_MESSAGE_STATUS_FAILED = 6
} gosend_message_status;

/**
 * The wire name of a message type, e.g. "image".
 * @param type  A ::gosend_message_type.
 * @return A static string, or NULL for #GOSEND_MESSAGE_TYPE_UNKNOWN and
 *         values this version does not know. Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN const char *gosend_message_type_name(int type);

/* ------------------------------------------------------------------ */
/* Outgoing messages                                                  */
/* ------------------------------------------------------------------ */

/** Opaque message being built for sending. @since 0.1.0 */
typedef struct gosend_outgoing gosend_outgoing;

/**
 * Start a `text` message: `{"text": {"body": ...}}`.
 *
 * @param[out] out        On success the message, else NULL. Free with
 *                        gosend_outgoing_free().
 * @param phone_number_id Sender: Meta's phone number id as a string (not
 *                        the display number). Not NULL or empty. Copied.
 * @param to              Recipient, E.164 digits without `+` (see phone.h).
 *                        Copied.
 * @param body            Text, 1 to #GOSEND_TEXT_BODY_MAX code points.
 *                        Copied.
 * @param[out] err        Optional detail on failure (field
 *                        "phone_number_id", "to" or "text.body").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_text_new(gosend_outgoing **out,
                                           const char *phone_number_id,
                                           const char *to, const char *body,
                                           gosend_error **err);

/**
 * Start a `template` message:
 * `{"template": {"name": ..., "language": {"code": ...}}}`. Add parameters
 * with the gosend_outgoing_template_add_* functions, each naming its
 * component (#GOSEND_TEMPLATE_HEADER, #GOSEND_TEMPLATE_BODY,
 * GOSEND_TEMPLATE_BUTTON(index)).
 *
 * The language code follows the rule of template management
 * (templates.h): 2 or 3 lower-case letters, optionally `_` and 2 to 4
 * letters or digits ("en", "en_US", "es_419"). Codes such as "en-US" or
 * "EN", which earlier builds took, are refused with #GOSEND_EINVAL naming
 * "template.language.code".
 *
 * @param[out] out        On success the message, else NULL.
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param name            Approved template name, 1 to
 *                        #GOSEND_TEMPLATE_NAME_MAX code points. Copied.
 * @param language_code   Template language, e.g. "es_AR" or "en" (see
 *                        above). Copied.
 * @param[out] err        Optional detail on failure (field "template.name",
 *                        "template.language.code", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_template_new(gosend_outgoing **out,
                                               const char *phone_number_id,
                                               const char *to, const char *name,
                                               const char *language_code,
                                               gosend_error **err);

/**
 * Start a media message (`image`, `video`, `audio`, `document` or
 * `sticker`) sent by URL or by media id: `{"image": {"link": ...}}` or
 * `{"image": {"id": ...}}`. Exactly one of `link` and `media_id` is given.
 *
 * @param[out] out        On success the message, else NULL.
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param type            #GOSEND_MESSAGE_TYPE_IMAGE, _VIDEO, _AUDIO,
 *                        _DOCUMENT or _STICKER.
 * @param link            An `http://` or `https://` URL GoSendAPI downloads
 *                        the file from (suits one-off sends), or NULL.
 *                        Copied.
 * @param media_id        A media id from gosend_media_upload_file() or
 *                        gosend_media_upload_buffer() (suits files sent to
 *                        many recipients), or NULL. Copied.
 * @param[out] err        Optional detail on failure (field "type",
 *                        "image.link", "image.id", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_outgoing_media_new(gosend_outgoing **out, const char *phone_number_id,
                          const char *to, int type, const char *link,
                          const char *media_id, gosend_error **err);

/**
 * Start a `location` message:
 * `{"location": {"latitude": ..., "longitude": ..., "name": ...,
 * "address": ...}}`.
 *
 * @param[out] out        On success the message, else NULL.
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param latitude        Degrees, -90 to 90.
 * @param longitude       Degrees, -180 to 180.
 * @param name            Place name, or NULL to leave it out. Copied.
 * @param address         Address text, or NULL to leave it out. Copied.
 * @param[out] err        Optional detail on failure (field
 *                        "location.latitude", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_outgoing_location_new(gosend_outgoing **out, const char *phone_number_id,
                             const char *to, double latitude, double longitude,
                             const char *name, const char *address,
                             gosend_error **err);

/**
 * Start an `interactive` message with reply buttons:
 * `{"interactive": {"type": "button", "body": {"text": ...},
 * "action": {"buttons": [...]}}}`. Add 1 to #GOSEND_REPLY_BUTTONS_MAX
 * buttons with gosend_outgoing_add_reply_button(); optionally set a header
 * and a footer.
 *
 * @param[out] out        On success the message, else NULL.
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param body            Body text, 1 to #GOSEND_INTERACTIVE_BODY_MAX code
 *                        points. Copied.
 * @param[out] err        Optional detail on failure (field
 *                        "interactive.body.text", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_buttons_new(gosend_outgoing **out,
                                              const char *phone_number_id,
                                              const char *to, const char *body,
                                              gosend_error **err);

/**
 * Start an `interactive` list message:
 * `{"interactive": {"type": "list", "body": {"text": ...},
 * "action": {"button": ..., "sections": [...]}}}`. Add sections with
 * gosend_outgoing_add_section() and rows with gosend_outgoing_add_row();
 * optionally set a header and a footer.
 *
 * @param[out] out        On success the message, else NULL.
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param body            Body text, 1 to #GOSEND_INTERACTIVE_BODY_MAX code
 *                        points. Copied.
 * @param button          Label of the button that opens the list, 1 to
 *                        #GOSEND_LIST_BUTTON_MAX code points. Copied.
 * @param[out] err        Optional detail on failure (field
 *                        "interactive.action.button", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_list_new(gosend_outgoing **out,
                                           const char *phone_number_id,
                                           const char *to, const char *body,
                                           const char *button,
                                           gosend_error **err);

/**
 * Start an `interactive` call-to-action URL message:
 * `{"interactive": {"type": "cta_url", "body": {"text": ...},
 * "action": {"name": "cta_url", "parameters": {"display_text": ...,
 * "url": ...}}}}`. A header (gosend_outgoing_set_header_text() or
 * gosend_outgoing_set_header_media()) and a footer
 * (gosend_outgoing_set_footer()) may be added.
 *
 * @param[out] out        On success the message, else NULL. Free with
 *                        gosend_outgoing_free().
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param body            Body text, 1 to #GOSEND_INTERACTIVE_BODY_MAX code
 *                        points. Copied.
 * @param display_text    Button label, 1 to #GOSEND_CTA_DISPLAY_TEXT_MAX
 *                        code points, no control characters. Copied.
 * @param url             The URL the button opens: http:// or https://,
 *                        no spaces. Copied.
 * @param[out] err        Optional detail on failure (field
 *                        "interactive.body.text",
 *                        "interactive.action.parameters.display_text" or
 *                        "interactive.action.parameters.url", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.2.0
 */
GOSEND_EXTERN int gosend_outgoing_cta_url_new(gosend_outgoing **out,
                                              const char *phone_number_id,
                                              const char *to, const char *body,
                                              const char *display_text,
                                              const char *url,
                                              gosend_error **err);

/** Current version of ::gosend_flow_params. @since 0.2.0 */
#define GOSEND_FLOW_PARAMS_VERSION 1

/**
 * What a Flow message opens, for gosend_outgoing_flow_new(). Initialise
 * with #GOSEND_FLOW_PARAMS_INIT; NULL fields are left out of the message.
 * Fields are only appended (with a new version). Copied by the call.
 *
 * The message's `action.parameters` are `flow_message_version`
 * (#GOSEND_FLOW_MESSAGE_VERSION), then the fields set here under Meta's
 * names; `screen` and `data_json` make `flow_action_payload`.
 * @since 0.2.0
 */
typedef struct gosend_flow_params {
	/** Must be #GOSEND_FLOW_PARAMS_VERSION. */
	unsigned int version;
	/** The Flow's id (printable ASCII without spaces), or NULL; exactly
	 *  one of flow_id and flow_name. */
	const char *flow_id;
	/** The Flow's name as created, or NULL. */
	const char *flow_name;
	/** Text of the button that opens the Flow. Required. Its length is
	 *  not checked (see the limits not checked above). */
	const char *flow_cta;
	/** A token of the sender's that comes back with the Flow's answer
	 *  (`nfm_reply`), or NULL (Meta then sends "unused"). */
	const char *flow_token;
	/** "navigate" or "data_exchange", or NULL (Meta's default:
	 *  navigate). */
	const char *flow_action;
	/** The id of the first screen (`flow_action_payload.screen`), or
	 *  NULL. Only with navigate. */
	const char *screen;
	/** The first screen's input (`flow_action_payload.data`): the text of
	 *  a JSON object with at least one member, or NULL. Only with
	 *  navigate. */
	const char *data_json;
	/** "draft" or "published", or NULL (Meta's default: published). */
	const char *mode;
} gosend_flow_params;

/** Static initialiser for ::gosend_flow_params. @since 0.2.0 */
#define GOSEND_FLOW_PARAMS_INIT \
	GOSEND_VERSIONED_INIT(gosend_flow_params, GOSEND_FLOW_PARAMS_VERSION)

/**
 * Start an `interactive` Flow message:
 * `{"interactive": {"type": "flow", "body": {"text": ...},
 * "action": {"name": "flow", "parameters": {"flow_message_version": "3",
 * ...}}}}` (see ::gosend_flow_params). A header (text or media) and a
 * footer may be added.
 *
 * @code
 * gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT;
 * fp.flow_id = "1234567890";
 * fp.flow_cta = "Book now";
 * fp.flow_token = "order-81";
 * fp.flow_action = "navigate";
 * fp.screen = "BOOKING";
 * fp.data_json = "{\"day\":\"2026-05-20\"}";
 * rc = gosend_outgoing_flow_new(&m, "555123456789", "5491140123456",
 *                               "Pick a time", &fp, &err);
 * @endcode
 *
 * @param[out] out        On success the message, else NULL. Free with
 *                        gosend_outgoing_free().
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param body            Body text, 1 to #GOSEND_INTERACTIVE_BODY_MAX code
 *                        points. Copied.
 * @param flow            What the Flow is and how it opens. Not NULL.
 *                        Copied.
 * @param[out] err        Optional detail on failure (field "flow",
 *                        "flow.version",
 *                        "interactive.action.parameters.flow_id",
 *                        "...flow_cta", "...flow_action", "...mode",
 *                        "...flow_action_payload" (screen or data with
 *                        data_exchange), "...flow_action_payload.data").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.2.0
 */
GOSEND_EXTERN int gosend_outgoing_flow_new(gosend_outgoing **out,
                                           const char *phone_number_id,
                                           const char *to, const char *body,
                                           const gosend_flow_params *flow,
                                           gosend_error **err);

/**
 * Start an `interactive` location request message:
 * `{"interactive": {"type": "location_request_message", "body":
 * {"text": ...}, "action": {"name": "send_location"}}}`. WhatsApp shows a
 * button that lets the user send a location; it comes back as an inbound
 * `location` message (::gosend_webhook_location). It takes no header and
 * no footer.
 *
 * @param[out] out        On success the message, else NULL. Free with
 *                        gosend_outgoing_free().
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param body            Body text, 1 to #GOSEND_INTERACTIVE_BODY_MAX code
 *                        points. Copied.
 * @param[out] err        Optional detail on failure (field
 *                        "interactive.body.text", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.2.0
 */
GOSEND_EXTERN int gosend_outgoing_location_request_new(
        gosend_outgoing **out, const char *phone_number_id, const char *to,
        const char *body, gosend_error **err);

/**
 * Start a `contacts` message (`{"contacts": [...]}`). Add at least one
 * contact card with gosend_outgoing_contact_add() and fill it with the
 * gosend_outgoing_contact_* functions.
 *
 * @param[out] out        On success the message, else NULL.
 * @param phone_number_id Sender phone number id. Copied.
 * @param to              Recipient, E.164 digits without `+`. Copied.
 * @param[out] err        Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contacts_new(gosend_outgoing **out,
                                               const char *phone_number_id,
                                               const char *to,
                                               gosend_error **err);

/**
 * Free a message.
 * @param msg  The message; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_outgoing_free(gosend_outgoing *msg);

/**
 * The type of a message.
 * @param msg  The message; NULL gives #GOSEND_MESSAGE_TYPE_UNKNOWN.
 * @return A ::gosend_message_type.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_type(const gosend_outgoing *msg);

/**
 * Change the recipient, e.g. to send one built message to many numbers.
 * @param msg       The message. Not NULL.
 * @param to        Recipient, E.164 digits without `+`. Copied.
 * @param[out] err  Optional detail on failure (field "to").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_set_to(gosend_outgoing *msg, const char *to,
                                         gosend_error **err);

/**
 * The JSON body gosend_messages_send() would send, after the same
 * validation. Useful for logging, tests and gosend_messages_send_json().
 * @param[out] out  On success a NUL-terminated JSON text owned by the caller
 *                  (free it with gosend_free()), else NULL.
 * @param msg       The message. Not NULL. Only read.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_to_json(char **out,
                                          const gosend_outgoing *msg,
                                          gosend_error **err);

/**
 * Set `text.preview_url`: whether WhatsApp shows a preview of the first URL
 * in the body. Text messages only; not sent unless set.
 * @param msg       A text message. Not NULL.
 * @param enable    Non-zero for true, 0 for false.
 * @param[out] err  Optional detail on failure (field "text.preview_url").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_set_preview_url(gosend_outgoing *msg,
                                                  int enable,
                                                  gosend_error **err);

/**
 * Set the `caption` of an image, video or document message (audio and
 * stickers take none). Replaces a previous caption.
 * @param msg       The message. Not NULL.
 * @param caption   1 to #GOSEND_CAPTION_MAX code points. Copied.
 * @param[out] err  Optional detail on failure (field e.g. "image.caption").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_set_caption(gosend_outgoing *msg,
                                              const char *caption,
                                              gosend_error **err);

/**
 * Set `document.filename`, the name WhatsApp shows for a document.
 * Document messages only. Replaces a previous name.
 * @param msg       A document message. Not NULL.
 * @param filename  Non-empty UTF-8 without control characters, `/` or
 *                  backslash. Copied.
 * @param[out] err  Optional detail on failure (field "document.filename").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_set_filename(gosend_outgoing *msg,
                                               const char *filename,
                                               gosend_error **err);

/**
 * Set a text header (`{"type": "text", "text": ...}`) on an interactive
 * message: reply buttons, a list, a call-to-action URL or a Flow (a
 * location request takes none). Replaces a previous header, text or
 * media (gosend_outgoing_set_header_media()).
 * @param msg       An interactive message of those kinds. Not NULL.
 * @param text      1 to #GOSEND_INTERACTIVE_HEADER_MAX code points. Copied.
 * @param[out] err  Optional detail on failure (field
 *                  "interactive.header.text").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_set_header_text(gosend_outgoing *msg,
                                                  const char *text,
                                                  gosend_error **err);

/**
 * Set the footer (`{"text": ...}`) of an interactive message: reply
 * buttons, a list, a call-to-action URL or a Flow (a location request
 * takes none). Replaces a previous footer.
 * @param msg       An interactive message of those kinds. Not NULL.
 * @param text      1 to #GOSEND_INTERACTIVE_FOOTER_MAX code points. Copied.
 * @param[out] err  Optional detail on failure (field
 *                  "interactive.footer.text").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_set_footer(gosend_outgoing *msg,
                                             const char *text,
                                             gosend_error **err);

/**
 * Set a media header on an interactive message:
 * `{"type": "image", "image": {"link": ...}}` (or `{"id": ...}`), and the
 * same for `video` and `document`, which may carry a `filename`. Reply-button,
 * call-to-action URL and Flow messages take one; list messages take a text
 * header only (Meta's list message page), so a list refuses it. Replaces a
 * previous header, text or media.
 * @param msg       A reply-button, call-to-action URL or Flow message. Not
 *                  NULL.
 * @param type      #GOSEND_MESSAGE_TYPE_IMAGE, _VIDEO or _DOCUMENT.
 * @param link      An http(s) URL, or NULL. Copied.
 * @param media_id  A media id, or NULL; exactly one of link and media_id.
 *                  Copied.
 * @param filename  The name shown for a document (documents only), or
 *                  NULL. No control characters, `/` or backslash. Copied.
 * @param[out] err  Optional detail on failure (field "interactive.header",
 *                  "interactive.header.type",
 *                  "interactive.header.image.link", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @note Thread-safety as every setter: the message belongs to one thread
 *       while it changes.
 * @since 0.2.0
 */
GOSEND_EXTERN int gosend_outgoing_set_header_media(gosend_outgoing *msg,
                                                   int type, const char *link,
                                                   const char *media_id,
                                                   const char *filename,
                                                   gosend_error **err);

/**
 * Make the message a reply: a top-level
 * `"context": {"message_id": ...}`, which WhatsApp shows as a quote of
 * that message. Applies to every kind of message. Replaces a previous
 * context; NULL removes it (e.g. to send one built message as a reply to
 * one person and then as a new message to others).
 * @param msg         The message. Not NULL.
 * @param message_id  The id of the message replied to, as a webhook gave
 *                    it (`wamid....`): non-empty UTF-8 without control
 *                    characters; NULL to remove the context. Copied.
 * @param[out] err    Optional detail on failure (field
 *                    "context.message_id").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.2.0
 */
GOSEND_EXTERN int gosend_outgoing_set_reply_to(gosend_outgoing *msg,
                                               const char *message_id,
                                               gosend_error **err);

/**
 * Append a reply button
 * (`{"type": "reply", "reply": {"id": ..., "title": ...}}`) to a message
 * made by gosend_outgoing_buttons_new().
 * @param msg       A button message. Not NULL.
 * @param id        Id sent back when the user taps the button: 1 to
 *                  #GOSEND_BUTTON_ID_MAX code points, unique in the
 *                  message. Copied.
 * @param title     Button text: 1 to #GOSEND_BUTTON_TITLE_MAX code points,
 *                  unique in the message. Copied.
 * @param[out] err  Optional detail on failure: field
 *                  "interactive.action.buttons[N]" when the message already
 *                  has #GOSEND_REPLY_BUTTONS_MAX buttons, else e.g.
 *                  "interactive.action.buttons[1].reply.title".
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_add_reply_button(gosend_outgoing *msg,
                                                   const char *id,
                                                   const char *title,
                                                   gosend_error **err);

/**
 * Append a section to a list message; later rows go into it.
 * @param msg       A list message. Not NULL.
 * @param title     1 to #GOSEND_SECTION_TITLE_MAX code points, or NULL
 *                  (allowed only while the list has a single section).
 *                  Copied.
 * @param[out] err  Optional detail on failure: field
 *                  "interactive.action.sections[10]" beyond
 *                  #GOSEND_LIST_SECTIONS_MAX, else e.g.
 *                  "interactive.action.sections[0].title".
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_add_section(gosend_outgoing *msg,
                                              const char *title,
                                              gosend_error **err);

/**
 * Append a row to the last section of a list message (a first section
 * without title is started when there is none).
 * @param msg          A list message. Not NULL.
 * @param id           Id sent back when the user picks the row: 1 to
 *                     #GOSEND_ROW_ID_MAX code points, unique in the
 *                     message. Copied.
 * @param title        1 to #GOSEND_ROW_TITLE_MAX code points. Copied.
 * @param description  Up to #GOSEND_ROW_DESCRIPTION_MAX code points, or
 *                     NULL to leave it out. Copied.
 * @param[out] err     Optional detail on failure, field e.g.
 *                     "interactive.action.sections[0].rows[2].title".
 * @return 0, #GOSEND_EINVAL (also when the list already has
 *         #GOSEND_LIST_ROWS_MAX rows) or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_add_row(gosend_outgoing *msg, const char *id,
                                          const char *title,
                                          const char *description,
                                          gosend_error **err);

/**
 * @name Template components
 * Where a template parameter goes: every gosend_outgoing_template_add_*
 * function takes one of these as `component`. The header and the body are
 * made by their first parameter (a template has at most one of each); a
 * button is declared first with gosend_outgoing_template_button(). In the
 * message, components are in the order they were made in, parameters in
 * the order they were added.
 * @{ */
/** The `header` component. @since 0.1.0 */
#define GOSEND_TEMPLATE_HEADER 1
/** The `body` component. @since 0.1.0 */
#define GOSEND_TEMPLATE_BODY 2
/** The `button` component of template button `index` (0 to 9), declared
 *  with gosend_outgoing_template_button(). @since 0.1.0 */
#define GOSEND_TEMPLATE_BUTTON(index) (16 + (int)(index))
/** @} */

/**
 * Declare a `button` component
 * (`{"type": "button", "sub_type": ..., "index": "N"}`) of a template
 * message; its parameters (payload or text) are added with
 * GOSEND_TEMPLATE_BUTTON(index) as the component.
 * @param msg       A template message. Not NULL.
 * @param sub_type  Meta's button kind, e.g. "quick_reply" or "url": 1 to
 *                  32 lower-case letters and `_`. Copied.
 * @param index     Position of the button in the template, 0 to 9, unique
 *                  in the message; sent as a string as Meta does.
 * @param[out] err  Optional detail on failure (field
 *                  "template.components[N].sub_type" or ".index").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_template_button(gosend_outgoing *msg,
                                                  const char *sub_type,
                                                  unsigned int index,
                                                  gosend_error **err);

/**
 * Append a `text` parameter (`{"type": "text", "text": ...}`) to a
 * component: the header, the body or a button. Parameters fill the
 * component's placeholders `{{1}}`, `{{2}}`, ... in the order added.
 * @param msg        A template message. Not NULL.
 * @param component  #GOSEND_TEMPLATE_HEADER, #GOSEND_TEMPLATE_BODY or
 *                   GOSEND_TEMPLATE_BUTTON(index) of a declared button.
 * @param text       Non-empty text. Copied.
 * @param[out] err   Optional detail on failure (field "component" for a
 *                   component that is none of those, else e.g.
 *                   "template.components[N].parameters[M].text").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_template_add_text(gosend_outgoing *msg,
                                                    int component,
                                                    const char *text,
                                                    gosend_error **err);

/**
 * Append a `currency` parameter
 * (`{"type": "currency", "currency": {"fallback_value": ..., "code": ...,
 * "amount_1000": ...}}`) to the header or the body.
 * @param msg             A template message. Not NULL.
 * @param component       #GOSEND_TEMPLATE_HEADER or #GOSEND_TEMPLATE_BODY.
 * @param fallback_value  Text shown when localisation fails, e.g.
 *                        "$100.99". Non-empty. Copied.
 * @param code            ISO 4217 code: three upper-case letters. Copied.
 * @param amount_1000     The amount times 1000 (100990 for 100.99), at most
 *                        2^53 in absolute value.
 * @param[out] err        Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_template_add_currency(
        gosend_outgoing *msg, int component, const char *fallback_value,
        const char *code, long long amount_1000, gosend_error **err);

/**
 * Append a `date_time` parameter
 * (`{"type": "date_time", "date_time": {"fallback_value": ...}}`) to the
 * header or the body.
 * @param msg             A template message. Not NULL.
 * @param component       #GOSEND_TEMPLATE_HEADER or #GOSEND_TEMPLATE_BODY.
 * @param fallback_value  The date as text. Non-empty. Copied.
 * @param[out] err        Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_outgoing_template_add_date_time(gosend_outgoing *msg, int component,
                                       const char *fallback_value,
                                       gosend_error **err);

/**
 * Append a media parameter (`image`, `document` or `video`, e.g.
 * `{"type": "image", "image": {"link": ...}}`) to the header.
 * @param msg        A template message. Not NULL.
 * @param component  #GOSEND_TEMPLATE_HEADER: only the header takes media.
 * @param type       #GOSEND_MESSAGE_TYPE_IMAGE, _DOCUMENT or _VIDEO.
 * @param link       http(s) URL, or NULL. Copied.
 * @param media_id   Media id, or NULL; exactly one of link and media_id.
 *                   Copied.
 * @param filename   Document name shown to the user (documents only), or
 *                   NULL. Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_template_add_media(
        gosend_outgoing *msg, int component, int type, const char *link,
        const char *media_id, const char *filename, gosend_error **err);

/**
 * Append a `payload` parameter (`{"type": "payload", "payload": ...}`) to
 * a button (quick replies).
 * @param msg        A template message. Not NULL.
 * @param component  GOSEND_TEMPLATE_BUTTON(index) of a declared button.
 * @param payload    Data sent back when the button is tapped. Non-empty.
 *                   Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_template_add_payload(gosend_outgoing *msg,
                                                       int component,
                                                       const char *payload,
                                                       gosend_error **err);

/**
 * Append a `coupon_code` parameter
 * (`{"type": "coupon_code", "coupon_code": ...}`) to a button declared
 * with gosend_outgoing_template_button() as "copy_code": the code
 * WhatsApp copies when the button is tapped. A copy_code button takes no
 * other kind of parameter.
 * @param msg          A template message. Not NULL.
 * @param component    GOSEND_TEMPLATE_BUTTON(index) of a copy_code
 *                     button.
 * @param coupon_code  Non-empty, no control characters; its length is not
 *                     checked (see the limits not checked above). Copied.
 * @param[out] err     Optional detail on failure (field "component", or
 *                     e.g. "template.components[1].parameters[0]" when the
 *                     button is of another kind).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.2.0
 */
GOSEND_EXTERN int
gosend_outgoing_template_add_coupon_code(gosend_outgoing *msg, int component,
                                         const char *coupon_code,
                                         gosend_error **err);

/**
 * Append an `action` parameter
 * (`{"type": "action", "action": {"flow_token": ...,
 * "flow_action_data": {...}}}`) to a button declared with
 * gosend_outgoing_template_button() as "flow": how the template's Flow
 * button opens. A flow button takes no other kind of parameter.
 *
 * The other button kinds: a "url" button takes one text parameter, the
 * suffix of its URL (gosend_outgoing_template_add_text()); other buttons
 * (e.g. "quick_reply") take payload or text parameters.
 * @param msg                    A template message. Not NULL.
 * @param component              GOSEND_TEMPLATE_BUTTON(index) of a flow
 *                               button.
 * @param flow_token             The sender's token that comes back with
 *                               the Flow's answer, or NULL. Copied.
 * @param flow_action_data_json  The first screen's input: the text of a
 *                               JSON object, or NULL. Copied.
 * @param[out] err               Optional detail on failure (field e.g.
 *                               "template.components[1].parameters[0].action.flow_action_data").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.2.0
 */
GOSEND_EXTERN int gosend_outgoing_template_add_flow_action(
        gosend_outgoing *msg, int component, const char *flow_token,
        const char *flow_action_data_json, gosend_error **err);

/**
 * Append a contact card to a contacts message; the other
 * gosend_outgoing_contact_* functions fill the last card added. Meta wants
 * `name.formatted_name` plus at least one other name part, so give
 * `first_name` or `last_name` here or call
 * gosend_outgoing_contact_set_name_parts().
 * @param msg             A contacts message. Not NULL.
 * @param formatted_name  Full name as shown. Non-empty. Copied.
 * @param first_name      Or NULL. Copied.
 * @param last_name       Or NULL. Copied.
 * @param[out] err        Optional detail on failure (field
 *                        "contacts[N].name.formatted_name", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contact_add(gosend_outgoing *msg,
                                              const char *formatted_name,
                                              const char *first_name,
                                              const char *last_name,
                                              gosend_error **err);

/**
 * Set the other name parts of the last contact card. NULL leaves a part as
 * it is.
 * @param msg          A contacts message with a card. Not NULL.
 * @param middle_name  Or NULL. Copied.
 * @param prefix       E.g. "Dr.", or NULL. Copied.
 * @param suffix       E.g. "Jr.", or NULL. Copied.
 * @param[out] err     Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contact_set_name_parts(
        gosend_outgoing *msg, const char *middle_name, const char *prefix,
        const char *suffix, gosend_error **err);

/**
 * Append a phone (`{"phone": ..., "type": ..., "wa_id": ...}`) to the last
 * contact card.
 * @param msg       A contacts message with a card. Not NULL.
 * @param phone     The number as shown, e.g. "+1 (940) 555-1234".
 *                  Non-empty. Copied.
 * @param type      E.g. "CELL", "MAIN", "HOME", "WORK", or NULL. Copied.
 * @param wa_id     The WhatsApp id (E.164 digits without `+`), or NULL.
 *                  Copied.
 * @param[out] err  Optional detail on failure (field
 *                  "contacts[N].phones[M].phone", ...).
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contact_add_phone(gosend_outgoing *msg,
                                                    const char *phone,
                                                    const char *type,
                                                    const char *wa_id,
                                                    gosend_error **err);

/**
 * Append an e-mail address (`{"email": ..., "type": ...}`) to the last
 * contact card.
 * @param msg       A contacts message with a card. Not NULL.
 * @param email     Non-empty. Copied.
 * @param type      E.g. "HOME", "WORK", or NULL. Copied.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contact_add_email(gosend_outgoing *msg,
                                                    const char *email,
                                                    const char *type,
                                                    gosend_error **err);

/**
 * Append a URL (`{"url": ..., "type": ...}`) to the last contact card.
 * @param msg       A contacts message with a card. Not NULL.
 * @param url       Non-empty. Copied.
 * @param type      E.g. "HOME", "WORK", or NULL. Copied.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contact_add_url(gosend_outgoing *msg,
                                                  const char *url,
                                                  const char *type,
                                                  gosend_error **err);

/** Current version of ::gosend_contact_address. @since 0.1.0 */
#define GOSEND_CONTACT_ADDRESS_VERSION 1

/**
 * A postal address for gosend_outgoing_contact_add_address(). Initialise
 * with #GOSEND_CONTACT_ADDRESS_INIT; NULL fields are left out; at least one
 * must be set. Fields are only appended. Copied by the call.
 * @since 0.1.0
 */
typedef struct gosend_contact_address {
	/** Must be #GOSEND_CONTACT_ADDRESS_VERSION. */
	unsigned int version;
	/** Street and number. */
	const char *street;
	/** City. */
	const char *city;
	/** State or province. */
	const char *state;
	/** Postal code. */
	const char *zip;
	/** Country name. */
	const char *country;
	/** Two-letter ISO 3166 country code. */
	const char *country_code;
	/** E.g. "HOME" or "WORK". */
	const char *type;
} gosend_contact_address;

/** Static initialiser for ::gosend_contact_address. @since 0.1.0 */
#define GOSEND_CONTACT_ADDRESS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_contact_address, \
	                      GOSEND_CONTACT_ADDRESS_VERSION)

/**
 * Append a postal address to the last contact card.
 * @param msg       A contacts message with a card. Not NULL.
 * @param address   The address. Not NULL. Copied.
 * @param[out] err  Optional detail on failure (field
 *                  "contacts[N].addresses[M]...").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_outgoing_contact_add_address(gosend_outgoing *msg,
                                    const gosend_contact_address *address,
                                    gosend_error **err);

/**
 * Set the organisation (`{"company": ..., "department": ..., "title": ...}`)
 * of the last contact card. At least one argument is not NULL. Replaces a
 * previous organisation.
 * @param msg         A contacts message with a card. Not NULL.
 * @param company     Or NULL. Copied.
 * @param department  Or NULL. Copied.
 * @param title       Job title, or NULL. Copied.
 * @param[out] err    Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contact_set_org(gosend_outgoing *msg,
                                                  const char *company,
                                                  const char *department,
                                                  const char *title,
                                                  gosend_error **err);

/**
 * Set the birthday of the last contact card.
 * @param msg       A contacts message with a card. Not NULL.
 * @param birthday  "YYYY-MM-DD", a real calendar date. Copied.
 * @param[out] err  Optional detail on failure (field
 *                  "contacts[N].birthday").
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_outgoing_contact_set_birthday(gosend_outgoing *msg,
                                                       const char *birthday,
                                                       gosend_error **err);

/* ------------------------------------------------------------------ */
/* Sending                                                            */
/* ------------------------------------------------------------------ */

/**
 * What the API answered to a send. Read-only, library-allocated; fields are
 * only appended; never copy or embed it. Strings live as long as the object.
 *
 * A 2xx answer means the API accepted the message, so a send answered 2xx
 * always succeeds, whatever its body (empty, not JSON, cut short, of an
 * unknown shape): never re-send it. The API does not document this body;
 * the id is taken from the first of `id`, `message_id`, `messages[0].id`,
 * each at the top level or under `data`, as a JSON string or an integer up
 * to 2^53 (returned as decimal text). When none is there, `id_known` is 0
 * and `id` is NULL: "accepted, id unknown"; `meta->http_status`,
 * `meta->idempotency_key` and `raw_json` then say what the server did
 * answer. The status is a `status` or `message_status` beside the id, or
 * `messages[0].message_status`, matched case-insensitively;
 * `contacts[0].wa_id` the recipient. A field of an unexpected type is left
 * unset. Unknown fields are ignored (they stay in `raw_json`).
 * @since 0.1.0
 */
typedef struct gosend_message_result {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** The new message's id, or NULL when the answer carried none that
	 *  the library recognises (`id_known` is 0). */
	const char *id;
	/** The status text as sent (e.g. "accepted"), or NULL. */
	const char *status_name;
	/** `status_name` as an enum. */
	gosend_message_status status;
	/** The recipient's WhatsApp id (`contacts[0].wa_id`), or NULL. */
	const char *wa_id;
	/** The whole response body as JSON text. */
	const char *raw_json;
	/** Response metadata, never NULL; `meta->idempotency_key` is the key
	 *  the send used. */
	const gosend_meta *meta;
	/** 1 when `id` holds the message id; 0 when the send was accepted
	 *  (2xx) but the answer had no id the library recognises: the
	 *  message is sent, its id unknown. */
	int id_known;
} gosend_message_result;

/**
 * `POST /messages`: validate and send a built message.
 *
 * @param[out] out  On success the result, else NULL. Free with
 *                  gosend_message_result_free().
 * @param client    Client. Not NULL.
 * @param msg       The message. Not NULL. Only read: it may be sent again,
 *                  changed (e.g. gosend_outgoing_set_to()) and sent again.
 * @param opts      Per-call options or NULL; `idempotency_key` sets the
 *                  Idempotency-Key (else a UUIDv4 is generated).
 * @param[out] err  Optional detail on failure; free with gosend_error_free().
 * @return 0; #GOSEND_EINVAL (nothing sent; `err->field` names the field);
 *         #GOSEND_EBADREQUEST, #GOSEND_EFORBIDDEN, #GOSEND_ECONFLICT (the
 *         key was used with another body), #GOSEND_ERATELIMIT or another
 *         negative ::gosend_error_code. Any 2xx answer is 0 (see
 *         ::gosend_message_result). On failure, re-send only when
 *         gosend_error_is_retryable() says so, and with the same key
 *         (`err->idempotency_key`).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_messages_send(gosend_message_result **out,
                                       gosend_client *client,
                                       const gosend_outgoing *msg,
                                       const gosend_request_options *opts,
                                       gosend_error **err);

/**
 * `POST /messages` with a `text` message in one call.
 *
 * @code
 * gosend_messages_send_text(&res, client, "555123456789", "5491140123456",
 *                           "Hi", NULL, &err);
 * @endcode
 *
 * @param[out] out        On success the result, else NULL. Free with
 *                        gosend_message_result_free().
 * @param client          Client. Not NULL.
 * @param phone_number_id Sender phone number id.
 * @param to              Recipient, E.164 digits without `+`.
 * @param body            Text, 1 to #GOSEND_TEXT_BODY_MAX code points.
 * @param opts            Per-call options or NULL.
 * @param[out] err        Optional detail on failure.
 * @return As gosend_messages_send().
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_messages_send_text(gosend_message_result **out,
                                            gosend_client *client,
                                            const char *phone_number_id,
                                            const char *to, const char *body,
                                            const gosend_request_options *opts,
                                            gosend_error **err);

/**
 * `POST /messages` with a body written by the caller, for payloads this
 * library does not model. The text is sent exactly as given after these
 * checks: it is a JSON object, `phone_number_id` is a non-empty string,
 * `to` is a valid recipient (see phone.h) and `type` is a non-empty string.
 * Idempotency, errors and result are as gosend_messages_send().
 *
 * @param[out] out  On success the result, else NULL.
 * @param client    Client. Not NULL.
 * @param json      The JSON body, NUL-terminated. Copied.
 * @param opts      Per-call options or NULL.
 * @param[out] err  Optional detail on failure (field "json",
 *                  "phone_number_id", "to" or "type").
 * @return As gosend_messages_send().
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_messages_send_json(gosend_message_result **out,
                                            gosend_client *client,
                                            const char *json,
                                            const gosend_request_options *opts,
                                            gosend_error **err);

/**
 * Free a send result.
 * @param res  The result; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_message_result_free(gosend_message_result *res);

/* ------------------------------------------------------------------ */
/* Reading messages                                                   */
/* ------------------------------------------------------------------ */

/**
 * A message as returned by `GET /messages` and `GET /messages/{id}`.
 * Read-only, library-allocated; fields are only appended; never copy or
 * embed it. Strings live as long as the object (or, for list and iterator
 * items, as the list or the iterator's current page).
 *
 * The API does not document this object. Decoded: `id`,
 * `phone_number_id` (or `phoneNumberId`), `to`, `from`, `type`, `status`,
 * `created_at` (or `createdAt`); ids and numbers may be JSON strings or
 * integers up to 2^53; `type` and `status` are matched case-insensitively
 * for the enums. Absent or null fields are NULL, and so is a field of
 * another JSON type (a `created_at` number, a `text.body` that is no
 * string): it is left unset and the rest decoded. Everything stays in
 * `raw_json`. `id` is required by gosend_messages_get() only: there an
 * answer without a usable `id` is #GOSEND_EPROTOCOL. In a page, one bad
 * element does not fail the page: it gives an item with what could be read
 * (every field NULL when it is no JSON object, `id` NULL when it has none
 * usable), so `count` is the number of elements.
 * @since 0.1.0
 */
typedef struct gosend_message {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Message id. Never NULL in the result of gosend_messages_get(); in a
	 *  list or iterator item, NULL when the element had none usable. */
	const char *id;
	/** Sender phone number id, or NULL. */
	const char *phone_number_id;
	/** Recipient, or NULL. */
	const char *to;
	/** Sender, or NULL. */
	const char *from;
	/** The type text as sent (e.g. "text"), or NULL. */
	const char *type_name;
	/** `type_name` as an enum. */
	gosend_message_type type;
	/** The status text as sent (e.g. "delivered"), or NULL. */
	const char *status_name;
	/** `status_name` as an enum. */
	gosend_message_status status;
	/** Creation time, ISO-8601 text as sent, or NULL. */
	const char *created_at;
	/** The member named by `type` (e.g. `{"body":"Hi"}` for text) as JSON
	 *  text, or NULL when absent. */
	const char *content_json;
	/** `text.body` of a text message, or NULL. */
	const char *text_body;
	/** This message's JSON text. */
	const char *raw_json;
	/** Response metadata for gosend_messages_get(); NULL for the items of
	 *  a list or an iterator (the list has its own). */
	const gosend_meta *meta;
} gosend_message;

/**
 * One page of messages. Read-only, library-allocated; never copy or embed
 * it. Free with gosend_message_list_free(), which frees the items too.
 * @since 0.1.0
 */
typedef struct gosend_message_list {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of items. */
	size_t count;
	/** The items, `count` of them. */
	const gosend_message *const *items;
	/** The whole response body as JSON text. */
	const char *raw_json;
	/** Response metadata (`total_count`, `page`, `per_page`), never NULL.
	 */
	const gosend_meta *meta;
} gosend_message_list;

/**
 * `GET /messages`: one page of messages (see pagination.h).
 * @param[out] out  On success the page, else NULL. Free with
 *                  gosend_message_list_free().
 * @param client    Client. Not NULL.
 * @param params    Page and page size, or NULL for the server's defaults.
 * @param opts      Per-call options or NULL.
 * @param[out] err  Optional detail on failure (field "page" or "per_page"
 *                  for bad parameters).
 * @return 0, #GOSEND_EINVAL, #GOSEND_EPROTOCOL (the body is not JSON, or
 *         neither an array nor an object with the array under `data`,
 *         `items` or `results`) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_messages_list(gosend_message_list **out,
                                       gosend_client *client,
                                       const gosend_list_params *params,
                                       const gosend_request_options *opts,
                                       gosend_error **err);

/**
 * Free a page of messages and its items.
 * @param list  The page; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_message_list_free(gosend_message_list *list);

/**
 * `GET /messages/{id}`.
 * @param[out] out    On success the message, else NULL. Free with
 *                    gosend_message_free().
 * @param client      Client. Not NULL.
 * @param message_id  The id; percent-encoded into the path, so any text is
 *                    safe. Not NULL, empty, "." or "..".
 * @param opts        Per-call options or NULL.
 * @param[out] err    Optional detail on failure (field "message_id").
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EPROTOCOL (the body
 *         is not JSON, not a JSON object, or has no usable `id`) or another
 *         negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_messages_get(gosend_message **out,
                                      gosend_client *client,
                                      const char *message_id,
                                      const gosend_request_options *opts,
                                      gosend_error **err);

/**
 * Free a message returned by gosend_messages_get().
 * @param msg  The message; NULL is a no-op. Never pass list or iterator
 *             items.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_message_free(gosend_message *msg);

/**
 * Iterator over every message: walks `GET /messages` page by page with
 * `per_page` 100 until `X-Total-Count` items, a short or empty page, or
 * `max_items` (see pagination.h). No request is made until the first
 * gosend_messages_iter_next().
 * @param[out] out   On success the iterator, else NULL. Free with
 *                   gosend_iter_free().
 * @param client     Client. Not NULL; must outlive the iterator.
 * @param max_items  Stop after this many messages; 0 for no cap.
 * @param opts       Per-call options for every page, or NULL. Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_messages_iter_new(gosend_iter **out,
                                           gosend_client *client,
                                           size_t max_items,
                                           const gosend_request_options *opts,
                                           gosend_error **err);

/**
 * The next message of an iterator made by gosend_messages_iter_new() (use
 * it with no other iterator).
 * @param[out] out  On 1 the message, borrowed from the iterator and valid
 *                  until the next call or gosend_iter_free(); else NULL.
 * @param it        The iterator. Not NULL; made by
 *                  gosend_messages_iter_new() (another kind is refused with
 *                  #GOSEND_EINVAL).
 * @param[out] err  Optional detail on failure.
 * @return 1 with a message, 0 when there are no more, or a negative
 *         ::gosend_error_code (a failure finishes the iterator: see
 * pagination.h).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_messages_iter_next(const gosend_message **out,
                                            gosend_iter *it,
                                            gosend_error **err);

GOSEND_END_DECL

#endif
