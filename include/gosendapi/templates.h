/**
 * @file templates.h
 * @brief Message templates of a WABA: list, create (with a builder or a raw
 *        JSON components array), sync from Meta, delete.
 *
 * Thread-safety: every `gosend_templates_*` call may be made from any number
 * of threads on a shared ::gosend_client. Returned templates, lists and sync
 * results are immutable and may be read from any thread. A
 * ::gosend_template_builder belongs to one thread at a time while it is being
 * changed; once built it may be passed (read-only) to any number of
 * concurrent gosend_templates_create() calls. An iterator belongs to one
 * thread at a time.
 *
 * Templates are defined by Meta; the builder produces Meta's component shape:
 * @code{.json}
 * {"name": "order_update", "category": "UTILITY", "language": "en_US",
 *  "components": [
 *    {"type": "HEADER", "format": "TEXT", "text": "Order {{1}}",
 *     "example": {"header_text": ["#1234"]}},
 *    {"type": "BODY", "text": "Hi {{1}}, your order ships {{2}}.",
 *     "example": {"body_text": [["Ana", "today"]]}},
 *    {"type": "FOOTER", "text": "Acme"},
 *    {"type": "BUTTONS", "buttons": [
 *      {"type": "QUICK_REPLY", "text": "Thanks"},
 *      {"type": "URL", "text": "Track", "url": "https://acme.test/t/{{1}}",
 *       "example": ["https://acme.test/t/1234"]},
 *      {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "15550100"},
 *      {"type": "COPY_CODE", "example": "SAVE10"}]}]}
 * @endcode
 * Components are emitted in the order header, body, footer, buttons whatever
 * the order of the builder calls; buttons keep the order they were added in.
 *
 * Limits checked before anything is sent (lengths count Unicode characters of
 * valid UTF-8 text, as Meta does): name 1-512 of `a-z`, `0-9`, `_`;
 * category UTILITY, AUTHENTICATION or MARKETING; language a Meta locale code
 * such as `en`, `en_US`, `es_AR`, `zh_CN`; header text 60; body text 1024;
 * footer text 60; at most 10 buttons, of which at most 2 URL, 1 PHONE_NUMBER
 * and 1 COPY_CODE; button text 25; URL 2000; phone number 20; copy-code
 * example 15. Positional placeholders `{{1}}`, `{{2}}`... must be numbered
 * without gaps and each needs a sample value (Meta rejects templates without
 * samples); header text and URLs allow only `{{1}}`, the footer none.
 *
 * Decoding rules are those of wabas.h. Creating and syncing templates take
 * effect on the server, so their answers are never refused: any 2xx answer
 * is success (see gosend_templates_create()).
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_TEMPLATES_H
#define GOSENDAPI_TEMPLATES_H

#include "client.h"
#include "pagination.h"

GOSEND_BEGIN_DECL

/**
 * Review status of a template (`status`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_template_status {
	/** Absent, or a value this version does not know. */
	GOSEND_TEMPLATE_STATUS_UNKNOWN = 0,
	/** `PENDING`: under Meta's review (typically 1-24 h). */
	GOSEND_TEMPLATE_STATUS_PENDING = 1,
	/** `APPROVED`: usable. */
	GOSEND_TEMPLATE_STATUS_APPROVED = 2,
	/** `REJECTED`: see gosend_template::rejection_reason. */
	GOSEND_TEMPLATE_STATUS_REJECTED = 3,
	/** `PAUSED`: Meta paused it for low quality (appealable). */
	GOSEND_TEMPLATE_STATUS_PAUSED = 4
} gosend_template_status;

/**
 * Category of a template (`category`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_template_category {
	/** Absent, or a value this version does not know. */
	GOSEND_TEMPLATE_CATEGORY_UNKNOWN = 0,
	/** `UTILITY`. */
	GOSEND_TEMPLATE_CATEGORY_UTILITY = 1,
	/** `AUTHENTICATION`. */
	GOSEND_TEMPLATE_CATEGORY_AUTHENTICATION = 2,
	/** `MARKETING`. */
	GOSEND_TEMPLATE_CATEGORY_MARKETING = 3
} gosend_template_category;

/**
 * A message template. Read-only, library-allocated; fields are only
 * appended; never copy, embed or take the size of it. Strings live as long
 * as the object (or the list holding it).
 *
 * Accepted spellings: `rejected_reason`, `rejection_reason` or `reason` (the
 * first present and a string, in that order); `language` as a string or as
 * an object with a `code` string (Meta's send-time shape); camelCase
 * variants of the other keys (`wabaId`, `createdAt`, `updatedAt`). A value
 * of another type is left unset (wabas.h).
 * @since 0.1.0
 */
typedef struct gosend_template {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Template id (`id`), or NULL when the answer or the list element
	 *  had none usable (templates come only in lists, sync answers and
	 *  create answers, none of which fails for a missing id). */
	const char *id;
	/** Template name, or NULL. */
	const char *name;
	/** Locale code, e.g. "es_AR", or NULL. */
	const char *language;
	/** `category` as an enumeration. */
	gosend_template_category category;
	/** `category` as sent, or NULL. */
	const char *category_name;
	/** `status` as an enumeration. */
	gosend_template_status status;
	/** `status` as sent, or NULL. */
	const char *status_name;
	/** Why Meta rejected it, or NULL when the server gave no reason. */
	const char *rejection_reason;
	/** `components` as JSON text (normally an array), or NULL. */
	const char *components_json;
	/** The WABA it belongs to (`waba_id`), or NULL. */
	const char *waba_id;
	/** Creation time, ISO-8601 text as sent, or NULL. */
	const char *created_at;
	/** Last update time, ISO-8601 text as sent, or NULL. */
	const char *updated_at;
	/** This object's JSON text as received; for the result of
	 *  gosend_templates_create(), the whole response body (whatever it
	 *  is: "" when empty). */
	const char *raw_json;
	/** Metadata of the response (for list items: the page's), never
	 *  NULL. */
	const gosend_meta *meta;
} gosend_template;

/**
 * One page of templates. Read-only, library-allocated; free with
 * gosend_template_list_free().
 * @since 0.1.0
 */
typedef struct gosend_template_list {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of entries in `items`. */
	size_t count;
	/** The templates; owned by the list. */
	const gosend_template *const *items;
	/** The whole response body. */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_template_list;

/**
 * Answer of gosend_templates_sync(). The API documents no response, so the
 * body is read leniently: an empty body, a JSON array of templates, or an
 * object with a count (`synced`, else `count`, else a number under
 * `templates`) and/or an array of templates under `templates` or `data`.
 * Any other body (other JSON, text, a body cut short) gives an empty result
 * (`synced` -1, `count` 0). Each array element gives a template, as in a
 * list (wabas.h): one that is not an object has every field unset.
 * Read-only; free with gosend_template_sync_result_free().
 * @since 0.1.0
 */
typedef struct gosend_template_sync_result {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Number of templates synced as reported by the server; when it
	 *  sent none, the number of templates returned if any were, else -1.
	 */
	long long synced;
	/** Number of entries in `templates`. */
	size_t count;
	/** The templates the server returned, if it did; owned by the
	 *  result. */
	const gosend_template *const *templates;
	/** The whole response body ("" when empty). */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_template_sync_result;

/**
 * `GET /wabas/{id}/templates`: one page of a WABA's templates.
 * @param[out] out  On success the page, else NULL. Free with
 *                  gosend_template_list_free().
 * @param client    Client. Not NULL.
 * @param waba_id   The WABA's id (see gosend_wabas_get()); percent-encoded.
 *                  Refused when NULL, empty, "." or "..".
 * @param params    Page selection, or NULL.
 * @param opts      Per-call options, or NULL.
 * @param[out] err  Optional detail on failure; free with gosend_error_free().
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN,
 *         #GOSEND_EPROTOCOL (the body is not JSON or not a list; a bad item
 *         does not fail the page) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_templates_list(gosend_template_list **out, gosend_client *client,
                      const char *waba_id, const gosend_list_params *params,
                      const gosend_request_options *opts, gosend_error **err);

/**
 * Start iterating over every template of a WABA. Nothing is sent until the
 * first gosend_templates_iter_next().
 * @param[out] out   On success the iterator, else NULL. Free with
 *                   gosend_iter_free().
 * @param client     Client. Not NULL; must outlive the iterator.
 * @param waba_id    The WABA's id, as for gosend_templates_list(). Copied.
 * @param max_items  Stop after this many items; 0: no limit.
 * @param opts       Per-call options, or NULL. Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_templates_iter_new(gosend_iter **out,
                                            gosend_client *client,
                                            const char *waba_id,
                                            size_t max_items,
                                            const gosend_request_options *opts,
                                            gosend_error **err);

/**
 * Next template of an iterator made by gosend_templates_iter_new().
 * @param[out] out  The template, or NULL. Borrowed from the iterator: valid
 *                  until its next `_next` call or gosend_iter_free().
 * @param it        The iterator. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 1 when `*out` is set, 0 when done, or a negative
 *         ::gosend_error_code (a failure finishes the iterator: see
 * pagination.h).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_templates_iter_next(const gosend_template **out,
                                             gosend_iter *it,
                                             gosend_error **err);

/** Opaque builder of a template creation request. @since 0.1.0 */
typedef struct gosend_template_builder gosend_template_builder;

/**
 * Start a template. Every builder call checks its input at once and, when it
 * refuses it (#GOSEND_EINVAL, `field` naming the part), leaves the builder as
 * it was.
 * @param[out] out   On success the builder, else NULL. Free with
 *                   gosend_template_builder_free().
 * @param name       Template name: 1-512 of lowercase `a-z`, digits and `_`
 *                   (field "name"). Copied.
 * @param category   "UTILITY", "AUTHENTICATION" or "MARKETING", in any case;
 *                   sent in upper case (field "category").
 * @param language   Meta locale code: 2-3 lowercase letters, optionally `_`
 *                   and 2-4 letters or digits, e.g. "en", "en_US", "es_AR"
 *                   (field "language"). Copied.
 * @param[out] err   Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_new(gosend_template_builder **out,
                                              const char *name,
                                              const char *category,
                                              const char *language,
                                              gosend_error **err);

/**
 * Set a TEXT header.
 * @param b        The builder. Not NULL (field "builder").
 * @param text     1-60 characters; at most one placeholder, `{{1}}`
 *                 (field "header.text"). Copied.
 * @param example  Sample value for `{{1}}`: required when `text` has it,
 *                 else must be NULL (field "header.example"). Copied.
 * @param[out] err Optional detail on failure.
 * @return 0, #GOSEND_EINVAL (also when a header is already set, field
 *         "header") or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_template_builder_header_text(gosend_template_builder *b,
                                    const char *text, const char *example,
                                    gosend_error **err);

/**
 * Media formats of a template header. Append-only.
 * @since 0.1.0
 */
typedef enum gosend_template_header_format {
	/** `IMAGE`. */
	GOSEND_TEMPLATE_HEADER_IMAGE = 1,
	/** `VIDEO`. */
	GOSEND_TEMPLATE_HEADER_VIDEO = 2,
	/** `DOCUMENT`. */
	GOSEND_TEMPLATE_HEADER_DOCUMENT = 3
} gosend_template_header_format;

/**
 * Set an IMAGE, VIDEO or DOCUMENT header.
 * @param b               The builder. Not NULL.
 * @param format          One of ::gosend_template_header_format (field
 *                        "header.format").
 * @param example_handle  Sample media handle or URL sent as
 *                        `example.header_handle[0]` (Meta asks for one on
 *                        review), or NULL to send none. Printable text
 *                        without control characters (field
 *                        "header.example"). Copied.
 * @param[out] err        Optional detail on failure.
 * @return 0, #GOSEND_EINVAL (also when a header is already set) or
 *         #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_header_media(
        gosend_template_builder *b, gosend_template_header_format format,
        const char *example_handle, gosend_error **err);

/**
 * Set a LOCATION header (the location itself is given at send time).
 * @param b         The builder. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL (also when a header is already set) or
 *         #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_template_builder_header_location(gosend_template_builder *b,
                                        gosend_error **err);

/**
 * Set the body (required for a template made with the builder).
 * @param b               The builder. Not NULL.
 * @param text            1-1024 characters; placeholders `{{1}}`..`{{n}}`
 *                        without gaps (field "body.text"). Copied.
 * @param examples        One sample value per placeholder, in order
 *                        (`examples[0]` for `{{1}}`), each non-empty; NULL
 *                        when there are no placeholders (field
 *                        "body.examples"). Copied.
 * @param examples_count  Number of entries in `examples`; must equal n.
 * @param[out] err        Optional detail on failure.
 * @return 0, #GOSEND_EINVAL (also when a body is already set, field
 *         "body") or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_body(gosend_template_builder *b,
                                               const char *text,
                                               const char *const *examples,
                                               size_t examples_count,
                                               gosend_error **err);

/**
 * Set the footer.
 * @param b         The builder. Not NULL.
 * @param text      1-60 characters, no placeholders (field "footer.text").
 *                  Copied.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL (also when a footer is already set, field
 *         "footer") or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_footer(gosend_template_builder *b,
                                                 const char *text,
                                                 gosend_error **err);

/**
 * Add a QUICK_REPLY button.
 * @param b         The builder. Not NULL.
 * @param text      Button label, 1-25 characters (field "buttons.text").
 *                  Copied.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL (also beyond 10 buttons, field "buttons") or
 *         #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_button_quick_reply(
        gosend_template_builder *b, const char *text, gosend_error **err);

/**
 * Add a URL button (at most 2).
 * @param b         The builder. Not NULL.
 * @param text      Button label, 1-25 characters (field "buttons.text").
 * @param url       `http://` or `https://` URL of at most 2000 printable
 *                  ASCII characters without spaces; may end with the one
 *                  placeholder `{{1}}` (field "buttons.url").
 * @param example   Sample of the complete URL: required when `url` has
 *                  `{{1}}`, else must be NULL (field "buttons.example").
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_button_url(gosend_template_builder *b,
                                                     const char *text,
                                                     const char *url,
                                                     const char *example,
                                                     gosend_error **err);

/**
 * Add a PHONE_NUMBER (call) button (at most 1).
 * @param b             The builder. Not NULL.
 * @param text          Button label, 1-25 characters (field
 *                      "buttons.text").
 * @param phone_number  Number to call: an optional `+` and 1-20 digits
 *                      (field "buttons.phone_number").
 * @param[out] err      Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_button_phone_number(
        gosend_template_builder *b, const char *text, const char *phone_number,
        gosend_error **err);

/**
 * Add a COPY_CODE button (at most 1), e.g. for a coupon code.
 * @param b         The builder. Not NULL.
 * @param example   Sample code, 1-15 characters (field "buttons.example").
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_template_builder_button_copy_code(
        gosend_template_builder *b, const char *example, gosend_error **err);

/**
 * Give the components as raw JSON instead of building them: for shapes the
 * builder does not model (e.g. AUTHENTICATION templates with OTP buttons,
 * carousels, named parameters). Cannot be mixed with the component calls
 * above (field "components"); a second call replaces the first. The text is
 * parsed and sent as the `components` member; it is not checked against
 * Meta's rules.
 * @param b         The builder. Not NULL.
 * @param json      A JSON array of objects (field "components"). Copied.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_template_builder_components_json(gosend_template_builder *b,
                                        const char *json, gosend_error **err);

/**
 * The JSON body gosend_templates_create() would send, e.g. for logging.
 * @param[out] out  On success a NUL-terminated JSON text, else NULL. Free
 *                  with gosend_free().
 * @param b         The builder. Not NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EINVAL (no body and no raw components, field "body")
 *         or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_template_builder_to_json(char **out, const gosend_template_builder *b,
                                gosend_error **err);

/**
 * Free a builder.
 * @param b  The builder; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_template_builder_free(gosend_template_builder *b);

/**
 * `POST /wabas/{id}/templates`: submit a template for Meta's review. The new
 * template normally comes back with status PENDING.
 *
 * Any 2xx answer means the template was submitted, so it is success
 * whatever the body: empty, not JSON, cut short
 * (`meta->body_incomplete`), or a JSON object with fields of other types.
 * The template is read from the top level, or from a `template` or `data`
 * member when the top level has no `id`; what cannot be read is left unset
 * (gosend_template::id may be NULL) and the body is in `raw_json`. Do not
 * submit again because an answer lacks fields: the second submit may be
 * refused (#GOSEND_ECONFLICT) or create a duplicate.
 * @param[out] out  On success the created template (never NULL, though
 *                  any of its fields may be), else NULL. Free with
 *                  gosend_template_free().
 * @param client    Client. Not NULL.
 * @param waba_id   The WABA's id; refused when NULL, empty, "." or "..".
 * @param b         The template. Not NULL; read only, may be reused.
 * @param opts      Per-call options, or NULL. Without an `idempotency_key`
 *                  a failed attempt is not retried once the request may have
 *                  reached the server.
 * @param[out] err  Optional detail on failure.
 * @return 0 (for every 2xx answer), #GOSEND_EINVAL (nothing sent),
 *         #GOSEND_EBADREQUEST, #GOSEND_ECONFLICT (e.g. name and language
 *         exist), #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN, #GOSEND_ENOMEM (also
 *         when memory ran out reading a 2xx answer: the template may exist)
 *         or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_templates_create(gosend_template **out, gosend_client *client,
                        const char *waba_id, const gosend_template_builder *b,
                        const gosend_request_options *opts, gosend_error **err);

/**
 * `POST /wabas/{id}/templates/sync`: refresh the WABA's templates from
 * Meta. Sends the body `{}` as JSON. Any 2xx answer is success, whatever
 * its body (see ::gosend_template_sync_result).
 * @param[out] out  On success the result, else NULL. Free with
 *                  gosend_template_sync_result_free().
 * @param client    Client. Not NULL.
 * @param waba_id   The WABA's id; refused when NULL, empty, "." or "..".
 * @param opts      Per-call options, or NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0 (for every 2xx answer), #GOSEND_EINVAL, #GOSEND_ENOTFOUND,
 *         #GOSEND_EFORBIDDEN or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_templates_sync(gosend_template_sync_result **out,
                                        gosend_client *client,
                                        const char *waba_id,
                                        const gosend_request_options *opts,
                                        gosend_error **err);

/**
 * `DELETE /wabas/{id}/templates/{template_id}`. Any 2xx answer is success
 * whatever its body (empty, any JSON, text, or cut short).
 * @param client       Client. Not NULL.
 * @param waba_id      The WABA's id; refused when NULL, empty, "." or "..".
 * @param template_id  The template's gosend_template::id (the docs do not
 *                     say whether a name is accepted); same rules.
 * @param opts         Per-call options, or NULL.
 * @param[out] err     Optional detail on failure.
 * @return 0, #GOSEND_EINVAL, #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN or
 *         another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_templates_delete(gosend_client *client,
                                          const char *waba_id,
                                          const char *template_id,
                                          const gosend_request_options *opts,
                                          gosend_error **err);

/**
 * Free a template returned by gosend_templates_create() (never one taken
 * from a list or sync result).
 * @param tpl  The template; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_template_free(gosend_template *tpl);

/**
 * Free a page of templates and every item in it.
 * @param list  The list; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_template_list_free(gosend_template_list *list);

/**
 * Free a sync result and the templates in it.
 * @param res  The result; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void
gosend_template_sync_result_free(gosend_template_sync_result *res);

GOSEND_END_DECL

#endif
