/* Checks of caller text (see text.h). */
#include "api/text.h"

#include <stddef.h>
#include <string.h>

long gosend__utf8_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		unsigned char c = *p;
		size_t k, more;
		unsigned char lo = 0x80, hi = 0xBF;

		if (c < 0x80) {
			more = 0;
		} else if (c >= 0xC2 && c <= 0xDF) {
			more = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			more = 2;
			if (c == 0xE0)
				lo = 0xA0; /* no overlong forms */
			else if (c == 0xED)
				hi = 0x9F; /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			more = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F; /* nothing above U+10FFFF */
		} else {
			return -1;
		}
		p++;
		for (k = 0; k < more; k++, p++) {
			if (*p < lo || *p > hi)
				return -1;
			lo = 0x80;
			hi = 0xBF;
		}
		n++;
	}
	return n;
}

int gosend__language_ok(const char *s)
{
	size_t lower, rest;

	if (!s)
		return 0;
	lower = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (lower < 2 || lower > 3)
		return 0;
	if (s[lower] == '\0')
		return 1;
	if (s[lower] != '_')
		return 0;
	rest = strspn(s + lower + 1, "abcdefghijklmnopqrstuvwxyz"
	                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	return rest >= 2 && rest <= 4 && s[lower + 1 + rest] == '\0';
}
