#include "gosendapi/phone.h"

#include <string.h>

#include "core/alloc.h"
#include "core/errors.h"

int gosend_phone_is_valid(const char *to)
{
	size_t n;

	if (!to)
		return 0;
	n = strlen(to);
	if (n < GOSEND_PHONE_MIN || n > GOSEND_PHONE_MAX ||
	    strspn(to, "0123456789") != n || to[0] == '0')
		return 0;
	return 1;
}

static int is_separator(char c)
{
	return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '(' ||
	       c == ')';
}

int gosend_phone_normalize(char **out, const char *input, gosend_error **err)
{
	char digits[GOSEND_PHONE_MAX + 1];
	size_t n = 0, i = 0;
	int plus = 0;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!input)
		return gosend__fail(err, GOSEND_EINVAL, "phone",
		                    "phone is NULL");
	while (input[i] == ' ' || input[i] == '\t')
		i++;
	if (input[i] == '+') {
		plus = 1;
		i++;
	}
	for (; input[i]; i++) {
		char c = input[i];
		if (c >= '0' && c <= '9') {
			if (n == GOSEND_PHONE_MAX)
				return gosend__fail(
				        err, GOSEND_EINVAL, "phone",
				        "phone number has more than %d digits",
				        GOSEND_PHONE_MAX);
			digits[n++] = c;
		} else if (!is_separator(c)) {
			return gosend__fail(
			        err, GOSEND_EINVAL, "phone",
			        "phone number contains '%c' at offset %zu; "
			        "only digits, one leading '+', spaces, '-', "
			        "'.', '(' and ')' are allowed",
			        (c > 0x20 && c < 0x7f) ? c : '?', i);
		}
	}
	digits[n] = '\0';
	if (n < GOSEND_PHONE_MIN)
		return gosend__fail(err, GOSEND_EINVAL, "phone",
		                    "phone number has %zu digits; at least %d "
		                    "are needed (country code included)",
		                    n, GOSEND_PHONE_MIN);
	if (digits[0] == '0')
		return gosend__fail(
		        err, GOSEND_EINVAL, "phone",
		        "phone number starts with 0%s; write it with its "
		        "country code (E.164)",
		        plus ? "" : " (a 00 prefix is not stripped)");
	*out = gosend__strdup(digits);
	if (!*out)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}
