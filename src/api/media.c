/* POST /media: multipart upload of a file or a buffer. */
#define _POSIX_C_SOURCE 200809L
#include "json/decoders.h"
#include "gosendapi/messages.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"

#define FILENAME_MAX_BYTES 255

static const gosend__field media_fields[] = {
        GOSEND__FIELD(gosend_media_result, id, "id", NULL, GOSEND__F_ID, 0),
};

/* Where the answer may hold the id instead of the top level. */
static const char *const media_wrappers[] = {"data", NULL};

static int media_post(void *item, const cJSON *json, gosend__holder *h,
                      const char **bad)
{
	gosend_media_result *res = item;

	(void)json;
	(void)bad;
	if (res->id && !*res->id) /* "" is no id */
		res->id = NULL;
	res->meta = h->meta;
	return GOSEND__DECODE_OK;
}

/*
 * Read the answer of an upload (any 2xx body: the media is stored) held by
 * res's holder: the id when there is one. Fails only when memory runs out.
 */
static int decode_media(gosend_media_result *res, gosend__holder *h)
{
	return gosend__decode_answer(
	        res, h, media_wrappers, media_fields,
	        sizeof(media_fields) / sizeof(media_fields[0]), media_post,
	        offsetof(gosend_media_result, raw_json));
}

int gosend__media_result_from_json(gosend_media_result **out, const char *body,
                                   size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc;

	if (err)
		*err = NULL;
	*out = NULL;
	rc = gosend__obj_from_body(sizeof(gosend_media_result), body, len, &obj,
	                           err);
	if (rc != 0)
		return rc;
	rc = decode_media(obj, gosend__obj_holder(obj));
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	*out = obj;
	return GOSEND_OK;
}

static int is_token_char(char c)
{
	/* RFC 6838 restricted-name characters */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("!#$&-^_.+", c) != NULL;
}

/* `type/subtype` optionally followed by `;` parameters, printable ASCII. */
static int mime_ok(const char *s)
{
	size_t i = 0, n, start;

	if (!s)
		return 0;
	n = strlen(s);
	if (n == 0 || n > 255)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f)
			return 0;
	}
	for (i = 0; i < n && s[i] != '/'; i++) {
		if (!is_token_char(s[i]))
			return 0;
	}
	if (i == 0 || i == n)
		return 0;
	start = ++i;
	for (; i < n && s[i] != ';' && s[i] != ' '; i++) {
		if (!is_token_char(s[i]))
			return 0;
	}
	if (i == start)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i == n || s[i] == ';';
}

static int begin(gosend_media_result **out, gosend_client *client,
                 const char *pnid, const char *mime, gosend_error **err)
{
	size_t i;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!client)
		return gosend__fail(err, GOSEND_EINVAL, "client",
		                    "client is NULL");
	if (!pnid || !*pnid || strlen(pnid) > 128)
		return gosend__fail(err, GOSEND_EINVAL, "phone_number_id",
		                    "phone_number_id must be a non-empty "
		                    "string");
	for (i = 0; pnid[i]; i++) {
		unsigned char c = (unsigned char)pnid[i];
		if (c <= 0x20 || c >= 0x7f)
			return gosend__fail(err, GOSEND_EINVAL,
			                    "phone_number_id",
			                    "phone_number_id must be printable "
			                    "ASCII without spaces");
	}
	if (!mime_ok(mime))
		return gosend__fail(err, GOSEND_EINVAL, "mime_type",
		                    "mime_type must be type/subtype (e.g. "
		                    "image/jpeg), optionally with ';' "
		                    "parameters, and no CR, LF or other "
		                    "control characters");
	return GOSEND_OK;
}

/* Whether a file name can go in a Content-Disposition as it is. */
static int filename_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > FILENAME_MAX_BYTES)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == '"' || c == '/' || c == '\\')
			return 0;
	}
	return 1;
}

/* The base name of path, with characters unfit for a header replaced. */
static void safe_basename(const char *path, char *out, size_t outsz)
{
	const char *base = strrchr(path, '/');
	size_t i, n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n >= outsz)
		n = outsz - 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)base[i];
		char ch = base[i];
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			ch = '_';
		out[i] = ch;
	}
	out[n] = '\0';
	if (n == 0)
		(void)snprintf(out, outsz, "file");
}

static int upload(gosend_media_result **out, gosend_client *client,
                  gosend__part *parts, const gosend_request_options *opts,
                  gosend_error **err)
{
	gosend__request r;
	const gosend_meta *meta = NULL;
	void *obj = NULL;
	int rc;

	rc = gosend__req_init(&r, client, "POST", "/media", opts, err);
	if (rc == 0) {
		r.parts = parts;
		r.nparts = 3;
		/* a 2xx is the media stored, whatever the body */
		rc = gosend__call(&r, sizeof(gosend_media_result), &obj, &meta,
		                  GOSEND__WRAP_ANY, err);
	}
	gosend__req_dispose(&r);
	if (rc != 0)
		return rc;
	rc = decode_media(obj, gosend__obj_holder(obj));
	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	*out = obj;
	return GOSEND_OK;
}

/* The three parts: phone_number_id, type, file (filled by the caller). */
static void fill_parts(gosend__part parts[3], const char *pnid,
                       const char *mime)
{
	memset(parts, 0, 3 * sizeof(*parts));
	parts[0].name = "phone_number_id";
	parts[0].data = pnid;
	parts[0].len = strlen(pnid);
	parts[1].name = "type";
	parts[1].data = mime;
	parts[1].len = strlen(mime);
	parts[2].name = "file";
	parts[2].type = mime;
}

int gosend_media_upload_file(gosend_media_result **out, gosend_client *client,
                             const char *phone_number_id, const char *path,
                             const char *mime_type,
                             const gosend_request_options *opts,
                             gosend_error **err)
{
	gosend__part parts[3];
	char name[FILENAME_MAX_BYTES + 1];
	struct stat st;
	FILE *f;
	int rc = begin(out, client, phone_number_id, mime_type, err);

	if (rc != 0)
		return rc;
	if (!path || !*path)
		return gosend__fail(err, GOSEND_EINVAL, "path",
		                    "path must be a file name");
	if (stat(path, &st) != 0)
		return gosend__fail(err, GOSEND_EINVAL, "path",
		                    "cannot find %s", path);
	if (!S_ISREG(st.st_mode))
		return gosend__fail(err, GOSEND_EINVAL, "path",
		                    "%s is not a regular file", path);
	if (st.st_size == 0)
		return gosend__fail(err, GOSEND_EINVAL, "path", "%s is empty",
		                    path);
	f = fopen(path, "rb");
	if (!f)
		return gosend__fail(err, GOSEND_EINVAL, "path",
		                    "cannot open %s for reading", path);
	(void)fclose(f);
	safe_basename(path, name, sizeof(name));
	fill_parts(parts, phone_number_id, mime_type);
	parts[2].path = path;
	parts[2].filename = name;
	return upload(out, client, parts, opts, err);
}

int gosend_media_upload_buffer(gosend_media_result **out, gosend_client *client,
                               const char *phone_number_id, const void *data,
                               size_t len, const char *filename,
                               const char *mime_type,
                               const gosend_request_options *opts,
                               gosend_error **err)
{
	gosend__part parts[3];
	int rc = begin(out, client, phone_number_id, mime_type, err);

	if (rc != 0)
		return rc;
	if (!data || len == 0)
		return gosend__fail(err, GOSEND_EINVAL, "data",
		                    "data must be at least one byte");
	if (filename && !filename_ok(filename))
		return gosend__fail(err, GOSEND_EINVAL, "filename",
		                    "filename must be 1 to %d bytes without "
		                    "control characters, '\"', '/' or '\\'",
		                    FILENAME_MAX_BYTES);
	fill_parts(parts, phone_number_id, mime_type);
	parts[2].data = data;
	parts[2].len = len;
	parts[2].filename = filename ? filename : "file";
	return upload(out, client, parts, opts, err);
}

void gosend_media_result_free(gosend_media_result *res)
{
	gosend__obj_free(res);
}
