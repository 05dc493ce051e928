/* Checks of single fields of outgoing messages (see field_check.h). */
#include "api/field_check.h"

#include <stdio.h>
#include <string.h>

#include "gosendapi/phone.h"
#include "api/text.h"
#include "core/errors.h"

/* Control characters, or (TOKEN) anything but printable ASCII. */
static int check_chars(gosend_error **err, const char *field, const char *s,
                       unsigned int flags)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s contains a control character",
			                    field);
		if ((flags & GOSEND__TXT_TOKEN) && (c == ' ' || c >= 0x80))
			return gosend__fail(
			        err, GOSEND_EINVAL, field,
			        "%s must be printable ASCII without "
			        "spaces",
			        field);
	}
	return GOSEND_OK;
}

int gosend__check_text(gosend_error **err, const char *field, const char *s,
                       unsigned int flags, long max)
{
	long n;

	if (!s) {
		if (flags & GOSEND__TXT_REQUIRED)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s is required (NULL given)",
			                    field);
		return GOSEND_OK;
	}
	if (!*s)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must not be empty%s", field,
		                    (flags & GOSEND__TXT_REQUIRED)
		                            ? ""
		                            : " (pass NULL to leave it out)");
	n = gosend__utf8_chars(s);
	if (n < 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is not valid UTF-8", field);
	if (max > 0 && n > max)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is %ld characters long; the limit is "
		                    "%ld",
		                    field, n, max);
	if (flags & (GOSEND__TXT_NOCTRL | GOSEND__TXT_TOKEN))
		return check_chars(err, field, s, flags);
	return GOSEND_OK;
}

int gosend__check_to(gosend_error **err, const char *field, const char *to)
{
	if (!to)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is required (NULL given)", field);
	if (gosend_phone_is_valid(to))
		return GOSEND_OK;
	if (to[0] == '+')
		return gosend__fail(
		        err, GOSEND_EINVAL, field,
		        "%s must be E.164 digits without '+', e.g. "
		        "5491140123456 (gosend_phone_normalize() converts)",
		        field);
	return gosend__fail(err, GOSEND_EINVAL, field,
	                    "%s must be %d to %d digits, the first not 0, with "
	                    "no '+', spaces or dashes (E.164, e.g. "
	                    "5491140123456)",
	                    field, GOSEND_PHONE_MIN, GOSEND_PHONE_MAX);
}

int gosend__check_link(gosend_error **err, const char *field, const char *s)
{
	int rc = gosend__check_text(
	        err, field, s, GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL, 0);
	size_t skip = 0;

	if (rc != 0)
		return rc;
	if (strncmp(s, "https://", 8) == 0 || strncmp(s, "HTTPS://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0 || strncmp(s, "HTTP://", 7) == 0)
		skip = 7;
	if (strchr(s, ' '))
		skip = 0;
	if (!skip || s[skip] == '\0' || s[skip] == '/')
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be an http:// or https:// URL "
		                    "without spaces",
		                    field);
	return GOSEND_OK;
}

int gosend__check_link_or_id(gosend_error **err, const char *path,
                             const char *link, const char *id)
{
	char field[160];

	if (link && id)
		return gosend__fail(err, GOSEND_EINVAL, path,
		                    "%s takes a link or a media id, not both",
		                    path);
	if (!link && !id)
		return gosend__fail(err, GOSEND_EINVAL, path,
		                    "%s needs a link or a media id", path);
	if (link) {
		(void)snprintf(field, sizeof(field), "%s.link", path);
		return gosend__check_link(err, field, link);
	}
	(void)snprintf(field, sizeof(field), "%s.id", path);
	return gosend__check_text(
	        err, field, id, GOSEND__TXT_REQUIRED | GOSEND__TXT_TOKEN, 256);
}

int gosend__check_filename(gosend_error **err, const char *field, const char *s)
{
	int rc = gosend__check_text(
	        err, field, s, GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL, 0);

	if (rc == 0 && strpbrk(s, "/\\"))
		rc = gosend__fail(err, GOSEND_EINVAL, field,
		                  "%s must not contain '/' or '\\'", field);
	return rc;
}

int gosend__check_language(gosend_error **err, const char *code)
{
	static const char field[] = "template.language.code";
	int rc = gosend__check_text(
	        err, field, code, GOSEND__TXT_REQUIRED | GOSEND__TXT_TOKEN, 0);

	if (rc == 0 && !gosend__language_ok(code))
		rc = gosend__fail(err, GOSEND_EINVAL, field,
		                  "%s must be 2 or 3 lower-case letters, "
		                  "optionally '_' and 2 to 4 letters or digits "
		                  "(\"en\", \"en_US\", \"es_419\")",
		                  field);
	return rc;
}
