/* POST /media: multipart upload of a file or a buffer. */
#define _POSIX_C_SOURCE 200809L
#include "gosendapi/media.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "call/endpoint.h"
#include "core/errors.h"
#include "json/types.h"

#define FILENAME_MAX_BYTES 255

/* ---- endpoints ---- */

/* a 2xx is the media stored, whatever its body */
static const gosend__endpoint ep_media_upload = {
        "POST", "/media", GOSEND__ANSWER, 0, &gosend__type_media_result};

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
	int rc;

	if (out)
		*out = NULL;
	rc = gosend__call_begin(err, out != NULL, client);
	if (rc != 0)
		return rc;
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
                  const gosend__part *parts, const gosend_request_options *opts,
                  gosend_error **err)
{
	gosend__ep_args a = {
	        .client = client, .opts = opts, .parts = parts, .nparts = 3};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_media_upload, &a, &obj, err);

	*out = obj;
	return rc;
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
