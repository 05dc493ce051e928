#include "core/check.h"

#include <string.h>

int gosend__header_value_ok(const char *v, size_t max)
{
	size_t i;

	for (i = 0; v[i]; i++) {
		unsigned char ch = (unsigned char)v[i];
		if (i >= max || ch < 0x20 || ch == 0x7f)
			return 0;
	}
	return 1;
}

int gosend__url_ok(const char *s, size_t max)
{
	size_t n, skip, i;

	if (!s)
		return 0;
	n = strlen(s);
	if (n > max)
		return 0;
	if (n >= 8 && (s[0] | 32) == 'h' && (s[1] | 32) == 't' &&
	    (s[2] | 32) == 't' && (s[3] | 32) == 'p' && (s[4] | 32) == 's' &&
	    s[5] == ':' && s[6] == '/' && s[7] == '/')
		skip = 8;
	else if (n >= 7 && (s[0] | 32) == 'h' && (s[1] | 32) == 't' &&
	         (s[2] | 32) == 't' && (s[3] | 32) == 'p' && s[4] == ':' &&
	         s[5] == '/' && s[6] == '/')
		skip = 7;
	else
		return 0;
	if (s[skip] == '\0' || s[skip] == '/' || s[skip] == '?' ||
	    s[skip] == '#')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f)
			return 0;
	}
	return 1;
}
