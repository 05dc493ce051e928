#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

int gosend__buf_grow(gosend__buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return -1;
	if (extra > ((size_t)-1) / 2 - b->len - 1) {
		b->oom = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = gosend__realloc(b->ptr, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int gosend__buf_put(gosend__buf *b, const char *data, size_t n)
{
	if (gosend__buf_grow(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int gosend__buf_puts(gosend__buf *b, const char *s)
{
	return gosend__buf_put(b, s, strlen(s));
}

int gosend__buf_printf(gosend__buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || gosend__buf_grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	(void)vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int gosend__buf_put_encoded(gosend__buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	if (gosend__buf_grow(b, n * 3) < 0 || !b->ptr)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		            (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		            c == '_' || c == '~';
		if (plain) {
			b->ptr[b->len++] = (char)c;
		} else {
			b->ptr[b->len++] = '%';
			b->ptr[b->len++] = hex[c >> 4];
			b->ptr[b->len++] = hex[c & 15];
		}
	}
	b->ptr[b->len] = '\0';
	return 0;
}

char *gosend__buf_detach(gosend__buf *b)
{
	char *p;

	if (b->oom)
		return NULL;
	if (!b->ptr && (gosend__buf_grow(b, 0) < 0 || !b->ptr))
		return NULL;
	b->ptr[b->len] = '\0';
	p = b->ptr;
	/* a kept body holds what it needs (a batch may keep many) */
	if (b->cap - b->len > 64) {
		char *q = gosend__realloc(p, b->len + 1);
		if (q)
			p = q;
	}
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void gosend__buf_dispose(gosend__buf *b)
{
	gosend__free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}
