/* Checks of template builder input (see template_check.h). */
#include "api/template_check.h"

#include <string.h>

#include "api/text.h"
#include "core/errors.h"
#include "core/check.h"

/* Meta's limits, in characters. */
#define NAME_MAX_LEN     512
#define HEADER_TEXT_MAX  60
#define BODY_TEXT_MAX    1024
#define FOOTER_TEXT_MAX  60
#define BUTTON_TEXT_MAX  25
#define URL_MAX          2000
#define PHONE_MAX        20
#define COPY_CODE_MAX    15
#define PLACEHOLDERS_MAX 100
#define UNLIMITED        ((size_t)-1)

static const char *const categories[] = {"UTILITY", "AUTHENTICATION",
                                         "MARKETING", NULL};

/* Text of 1..max characters of valid UTF-8. */
static int check_text(gosend_error **err, const char *field, const char *s,
                      size_t max)
{
	long n;

	if (!s)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s is NULL",
		                    field);
	n = gosend__utf8_chars(s);
	if (n < 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s is not valid UTF-8", field);
	if (n == 0)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must not be empty", field);
	if (max != UNLIMITED && (unsigned long)n > max)
		return gosend__fail(
		        err, GOSEND_EINVAL, field,
		        "%s has %ld characters; at most %zu allowed", field, n,
		        max);
	return GOSEND_OK;
}

/*
 * Positional placeholders {{1}}..{{n}}: *count gets n (0 when none).
 * Returns -1 when numbering has gaps or is out of range.
 */
static int placeholders(const char *s, size_t *count)
{
	unsigned char seen[PLACEHOLDERS_MAX + 1];
	size_t i = 0, max = 0, k;

	memset(seen, 0, sizeof(seen));
	*count = 0;
	while (s[i]) {
		size_t d = 0, idx = 0;
		if (s[i] != '{' || s[i + 1] != '{') {
			i++;
			continue;
		}
		while (s[i + 2 + d] >= '0' && s[i + 2 + d] <= '9' && d < 4) {
			idx = idx * 10 + (size_t)(s[i + 2 + d] - '0');
			d++;
		}
		if (d == 0 || s[i + 2 + d] != '}' || s[i + 3 + d] != '}') {
			i++;
			continue;
		}
		if (idx == 0 || idx > PLACEHOLDERS_MAX)
			return -1;
		seen[idx] = 1;
		if (idx > max)
			max = idx;
		i += d + 4;
	}
	for (k = 1; k <= max; k++) {
		if (!seen[k])
			return -1;
	}
	*count = max;
	return 0;
}

/* The placeholders of s, numbered without gaps, at most max of them. */
static int count_placeholders(gosend_error **err, const char *field,
                              const char *s, size_t max, size_t *count)
{
	if (placeholders(s, count) < 0)
		return gosend__fail(
		        err, GOSEND_EINVAL, field,
		        "placeholders in %s must be numbered {{1}}, "
		        "{{2}}, ... without gaps (at most %d)",
		        field, PLACEHOLDERS_MAX);
	if (*count > max) {
		if (max == 0)
			return gosend__fail(err, GOSEND_EINVAL, field,
			                    "%s may not contain placeholders",
			                    field);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s allows only the placeholder {{1}}",
		                    field);
	}
	return GOSEND_OK;
}

/* Text of 1..max characters with placeholders as count_placeholders. */
static int check_placed(gosend_error **err, const char *field, const char *s,
                        size_t max, size_t max_placeholders, size_t *count)
{
	int rc = check_text(err, field, s, max);

	if (rc == 0)
		rc = count_placeholders(err, field, s, max_placeholders, count);
	return rc;
}

static int is_printable_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	}
	return gosend__utf8_chars(s) > 0;
}

static int name_ok(const char *s)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	return n >= 1 && n <= NAME_MAX_LEN &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* Equal without regard to ASCII case. */
static int same_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = *a >= 'a' && *a <= 'z' ? *a - 'a' + 'A' : *a;
		int y = *b >= 'a' && *b <= 'z' ? *b - 'a' + 'A' : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

static int phone_ok(const char *s)
{
	size_t d;

	if (!s)
		return 0;
	if (*s == '+')
		s++;
	d = strspn(s, "0123456789");
	return d >= 1 && d <= PHONE_MAX && s[d] == '\0';
}

int gosend__tpl_check_new(const char *name, const char *category,
                          const char *language, const char **upper,
                          gosend_error **err)
{
	size_t i;

	if (!name_ok(name))
		return gosend__fail(err, GOSEND_EINVAL, "name",
		                    "template name must be 1-%d lowercase "
		                    "letters, digits or underscores",
		                    NAME_MAX_LEN);
	*upper = NULL;
	for (i = 0; category && categories[i] && !*upper; i++) {
		if (same_ci(category, categories[i]))
			*upper = categories[i];
	}
	if (!*upper)
		return gosend__fail(err, GOSEND_EINVAL, "category",
		                    "category must be UTILITY, AUTHENTICATION "
		                    "or MARKETING");
	if (!gosend__language_ok(language))
		return gosend__fail(err, GOSEND_EINVAL, "language",
		                    "language must be a locale code such as "
		                    "\"en\", \"en_US\" or \"es_AR\"");
	return GOSEND_OK;
}

int gosend__tpl_check_header_text(const char *text, const char *example,
                                  gosend_error **err)
{
	size_t n = 0;
	int rc = check_placed(err, "header.text", text, HEADER_TEXT_MAX, 1, &n);

	if (rc < 0)
		return rc;
	if (n == 1 && !example)
		return gosend__fail(err, GOSEND_EINVAL, "header.example",
		                    "header text has {{1}}: a sample value is "
		                    "required");
	if (n == 0 && example)
		return gosend__fail(err, GOSEND_EINVAL, "header.example",
		                    "header text has no placeholder: example "
		                    "must be NULL");
	if (example)
		return check_text(err, "header.example", example, UNLIMITED);
	return GOSEND_OK;
}

int gosend__tpl_check_header_media(gosend_template_header_format format,
                                   const char *example_handle,
                                   const char **format_name, gosend_error **err)
{
	switch (format) {
	case GOSEND_TEMPLATE_HEADER_IMAGE:
		*format_name = "IMAGE";
		break;
	case GOSEND_TEMPLATE_HEADER_VIDEO:
		*format_name = "VIDEO";
		break;
	case GOSEND_TEMPLATE_HEADER_DOCUMENT:
		*format_name = "DOCUMENT";
		break;
	default:
		return gosend__fail(err, GOSEND_EINVAL, "header.format",
		                    "format must be IMAGE, VIDEO or DOCUMENT");
	}
	if (example_handle && !is_printable_utf8(example_handle))
		return gosend__fail(err, GOSEND_EINVAL, "header.example",
		                    "example handle must be non-empty UTF-8 "
		                    "text without control characters");
	return GOSEND_OK;
}

int gosend__tpl_check_body(const char *text, const char *const *examples,
                           size_t examples_count, gosend_error **err)
{
	size_t n = 0, i;
	int rc = check_placed(err, "body.text", text, BODY_TEXT_MAX,
	                      PLACEHOLDERS_MAX, &n);

	if (rc < 0)
		return rc;
	if (examples_count != n)
		return gosend__fail(err, GOSEND_EINVAL, "body.examples",
		                    "body text has %zu placeholder(s) but %zu "
		                    "example value(s) were given",
		                    n, examples_count);
	if (n && !examples)
		return gosend__fail(err, GOSEND_EINVAL, "body.examples",
		                    "examples is NULL");
	for (i = 0; i < n; i++) {
		rc = check_text(err, "body.examples", examples[i], UNLIMITED);
		if (rc < 0)
			return rc;
	}
	return GOSEND_OK;
}

int gosend__tpl_check_footer(const char *text, gosend_error **err)
{
	size_t n = 0;

	return check_placed(err, "footer.text", text, FOOTER_TEXT_MAX, 0, &n);
}

int gosend__tpl_check_button_text(const char *text, gosend_error **err)
{
	return check_text(err, "buttons.text", text, BUTTON_TEXT_MAX);
}

int gosend__tpl_check_url(const char *url, const char *example,
                          gosend_error **err)
{
	size_t n = 0, len;
	int rc;

	if (!gosend__url_ok(url, URL_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.url",
		                    "url must be an http:// or https:// URL of "
		                    "at most %d printable ASCII characters "
		                    "without spaces",
		                    URL_MAX);
	rc = count_placeholders(err, "buttons.url", url, 1, &n);
	if (rc < 0)
		return rc;
	len = strlen(url);
	if (n == 1 && (len < 5 || strcmp(url + len - 5, "{{1}}") != 0))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.url",
		                    "the placeholder {{1}} must end the URL");
	if (n == 1 && !example)
		return gosend__fail(err, GOSEND_EINVAL, "buttons.example",
		                    "url has {{1}}: a sample URL is required");
	if (n == 0 && example)
		return gosend__fail(err, GOSEND_EINVAL, "buttons.example",
		                    "url has no placeholder: example must be "
		                    "NULL");
	if (example && !gosend__url_ok(example, URL_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.example",
		                    "example must be a complete http(s) URL");
	return GOSEND_OK;
}

int gosend__tpl_check_phone(const char *phone_number, gosend_error **err)
{
	if (!phone_ok(phone_number))
		return gosend__fail(err, GOSEND_EINVAL, "buttons.phone_number",
		                    "phone_number must be an optional '+' and "
		                    "1-%d digits",
		                    PHONE_MAX);
	return GOSEND_OK;
}

int gosend__tpl_check_copy_code(const char *example, gosend_error **err)
{
	return check_text(err, "buttons.example", example, COPY_CODE_MAX);
}

int gosend__tpl_parse_components(const char *json, gosend__jv **out,
                                 gosend_error **err)
{
	const gosend__jv *el;
	gosend__jv *parsed;
	size_t len;

	*out = NULL;
	if (!json)
		return gosend__fail(err, GOSEND_EINVAL, "components",
		                    "components is NULL");
	/* bytes up to ' ' after the value are white space, as before it */
	len = strlen(json);
	while (len && (unsigned char)json[len - 1] <= ' ')
		len--;
	parsed = gosend__jv_parse(json, len);
	GOSEND__JV_EACH(el, parsed)
	{
		if (!gosend__jv_is_object(el))
			break;
	}
	if (!gosend__jv_is_array(parsed) || el) {
		gosend__jv_free(parsed);
		return gosend__fail(
		        err, GOSEND_EINVAL, "components",
		        "components must be a JSON array of objects");
	}
	*out = parsed;
	return GOSEND_OK;
}
