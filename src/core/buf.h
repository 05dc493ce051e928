/* Internal growable byte buffer, always NUL-terminated once non-empty. */
#ifndef GOSEND_BUF_H
#define GOSEND_BUF_H

#include <stddef.h>

typedef struct gosend__buf {
	char *ptr;
	size_t len;
	size_t cap;
	int oom; /* set once an append failed; later appends are no-ops */
} gosend__buf;

#define GOSEND__BUF_INIT      \
	{                     \
		NULL, 0, 0, 0 \
	}

int gosend__buf_grow(gosend__buf *b, size_t extra);
int gosend__buf_put(gosend__buf *b, const char *data, size_t n);
int gosend__buf_puts(gosend__buf *b, const char *s);
int gosend__buf_printf(gosend__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;
/* Percent-encode everything but RFC 3986 unreserved characters. */
int gosend__buf_put_encoded(gosend__buf *b, const char *s, size_t n);
/* Detach the string (never NULL unless out of memory); buffer is reset. */
char *gosend__buf_detach(gosend__buf *b);
void gosend__buf_dispose(gosend__buf *b);

#endif
