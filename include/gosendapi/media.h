/**
 * @file media.h
 * @brief Uploading media (`POST /media`) to send by id with
 *        gosend_outgoing_media_new() (messages.h).
 *
 * An upload is `multipart/form-data` with the parts `phone_number_id`,
 * `type` (the MIME type) and `file`; the arguments are checked before
 * anything is sent.
 *
 * Thread-safety: a ::gosend_client may be shared by any number of threads
 * (see client.h), so uploads may run from many threads at once. The data
 * given to gosend_media_upload_buffer() is only read during the call. A
 * ::gosend_media_result is immutable and may be read from any thread.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_MEDIA_H
#define GOSENDAPI_MEDIA_H

#include "client.h"

GOSEND_BEGIN_DECL

/**
 * What `POST /media` answered. Read-only, library-allocated; fields are
 * only appended; never copy or embed it. A 2xx answer means the media was
 * stored, so every 2xx answer is success whatever its body: the id is a
 * non-empty `id` (string, or integer up to 2^53) at the top level or under
 * `data`; with none (an empty body, not JSON, cut short, the id under
 * another name, of another type) `id` is NULL and `raw_json` holds what the
 * server sent.
 * @since 0.1.0
 */
typedef struct gosend_media_result {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** The media id to send with gosend_outgoing_media_new(), or NULL
	 *  when the answer had none the library recognises (the media was
	 *  stored; its id may be in `raw_json`, else upload again). */
	const char *id;
	/** The whole response body as received ("" when empty). */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_media_result;

/**
 * `POST /media`: upload a file as `multipart/form-data` with the parts
 * `phone_number_id`, `type` (the MIME type) and `file` (the bytes, with the
 * file's base name as filename, where control characters, double quotes and
 * backslashes become `_`, and the MIME type as its Content-Type). The file
 * is streamed from disk, not loaded into memory.
 *
 * @param[out] out        On success the result, else NULL. Free with
 *                        gosend_media_result_free().
 * @param client          Client. Not NULL.
 * @param phone_number_id Phone number id the media is for. Not NULL or
 *                        empty.
 * @param path            A readable, non-empty regular file; checked before
 *                        anything is sent.
 * @param mime_type       `type/subtype`, e.g. "image/jpeg", optionally
 *                        followed by `;` parameters; no CR, LF or other
 *                        control characters.
 * @param opts            Per-call options or NULL.
 * @param[out] err        Optional detail on failure (field
 *                        "phone_number_id", "path" or "mime_type").
 * @return 0 (for every 2xx answer; check gosend_media_result::id),
 *         #GOSEND_EINVAL (nothing sent), #GOSEND_ENOMEM or another negative
 *         ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_media_upload_file(
        gosend_media_result **out, gosend_client *client,
        const char *phone_number_id, const char *path, const char *mime_type,
        const gosend_request_options *opts, gosend_error **err);

/**
 * `POST /media`: upload bytes from memory, like gosend_media_upload_file().
 *
 * @param[out] out        On success the result, else NULL.
 * @param client          Client. Not NULL.
 * @param phone_number_id Phone number id the media is for.
 * @param data            The bytes. Not NULL. Only read during the call.
 * @param len             Number of bytes, at least 1.
 * @param filename        Name sent with the `file` part, or NULL for
 *                        "file". 1 to 255 bytes without control
 *                        characters, double quotes, `/` or backslash.
 * @param mime_type       As for gosend_media_upload_file().
 * @param opts            Per-call options or NULL.
 * @param[out] err        Optional detail on failure (field "data",
 *                        "filename", "mime_type", ...).
 * @return As gosend_media_upload_file().
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_media_upload_buffer(
        gosend_media_result **out, gosend_client *client,
        const char *phone_number_id, const void *data, size_t len,
        const char *filename, const char *mime_type,
        const gosend_request_options *opts, gosend_error **err);

/**
 * Free an upload result.
 * @param res  The result; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_media_result_free(gosend_media_result *res);

GOSEND_END_DECL

#endif
