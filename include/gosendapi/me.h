/**
 * @file me.h
 * @brief `GET /me`: the project the API key belongs to.
 *
 * Thread-safety: as client.h; a ::gosend_me is immutable.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_ME_H
#define GOSENDAPI_ME_H

#include "client.h"

GOSEND_BEGIN_DECL

/**
 * The project ("tenant"). Read-only, library-allocated; fields are only
 * appended; never copy or embed it. Strings live as long as the object.
 *
 * Decoding: both `webhookUrl`/`createdAt` and `webhook_url`/`created_at` are
 * accepted (camelCase wins when both are present and usable). Ids are JSON
 * strings, or JSON integers up to 2^53, returned as decimal strings. `id` is
 * required: a body that is not a JSON object, or has no usable `id`, is
 * #GOSEND_EPROTOCOL (it is not the project, e.g. a wrong base URL). The
 * other fields are optional: NULL when absent or null, and left NULL when
 * of another JSON type (the value stays in `raw_json`).
 * @since 0.1.0
 */
typedef struct gosend_me {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Project id, never NULL (required, see above). */
	const char *id;
	/** Project name, or NULL. */
	const char *name;
	/** Project-level webhook URL, or NULL. */
	const char *webhook_url;
	/** Creation time, ISO-8601 text as sent, or NULL. */
	const char *created_at;
	/** The caller's own id for the project, or NULL. */
	const char *external_id;
	/** First characters of the active key, or NULL. */
	const char *api_key_prefix;
	/** The whole response body as JSON text. */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_me;

/**
 * `GET /me`.
 * @param[out] out  On success the project, else NULL. Free with
 *                  gosend_me_free().
 * @param client    Client. Not NULL.
 * @param opts      Per-call options, or NULL.
 * @param[out] err  Optional detail on failure.
 * @return 0, #GOSEND_EUNAUTHORIZED, #GOSEND_EPROTOCOL (the body is not
 *         JSON, not a JSON object, or has no usable `id`) or another
 *         negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_me_get(gosend_me **out, gosend_client *client,
                                const gosend_request_options *opts,
                                gosend_error **err);

/**
 * Free a project.
 * @param me  The object; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_me_free(gosend_me *me);

GOSEND_END_DECL

#endif
