#define _GNU_SOURCE
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/client.h"

char *gosend__mask_key(const gosend_client *c, const char *text, size_t len,
                       size_t *outlen)
{
	gosend__buf b = GOSEND__BUF_INIT;
	size_t klen = strlen(c->api_key), i = 0, from = 0;

	while (len >= klen && i <= len - klen) {
		const char *hit = memmem(text + i, len - i, c->api_key, klen);
		if (!hit)
			break;
		i = (size_t)(hit - text);
		gosend__buf_put(&b, text + from, i - from);
		gosend__buf_puts(&b, c->key_redacted);
		i += klen;
		from = i;
	}
	gosend__buf_put(&b, text + from, len - from);
	if (!b.ptr)
		gosend__buf_grow(&b, 0);
	*outlen = b.len;
	if (b.oom) {
		gosend__buf_dispose(&b);
		return NULL;
	}
	return gosend__buf_detach(&b);
}

void gosend__redact(const gosend_client *c, const char *in, size_t len,
                    char *out, size_t outsz)
{
	size_t klen = strlen(c->api_key), i = 0, o = 0;

	if (outsz == 0)
		return;
	while (i < len && o + 1 < outsz) {
		if (len - i >= klen && memcmp(in + i, c->api_key, klen) == 0) {
			const char *r = c->key_redacted;
			while (*r && o + 1 < outsz)
				out[o++] = *r++;
			i += klen;
			continue;
		}
		if (len - i >= 6 && memcmp(in + i, "whsec_", 6) == 0) {
			size_t j = i + 6, n;
			while (j < len && ((in[j] >= '0' && in[j] <= '9') ||
			                   (in[j] >= 'a' && in[j] <= 'z') ||
			                   (in[j] >= 'A' && in[j] <= 'Z') ||
			                   in[j] == '_' || in[j] == '-'))
				j++;
			n = j - i;
			if (n > 10 && o + 14 < outsz) {
				memcpy(out + o, "whsec_...", 9);
				o += 9;
				memcpy(out + o, in + j - 4, 4);
				o += 4;
				i = j;
				continue;
			}
		}
		out[o++] =
		        (char)((in[i] == '\r' || in[i] == '\n') ? ' ' : in[i]);
		i++;
	}
	out[o] = '\0';
}

void gosend__log(gosend_client *c, int level, const char *fmt, ...)
{
	char raw[1024], line[1200];
	va_list ap;
	int n;

	if (!c->log || level > c->log_level)
		return;
	va_start(ap, fmt);
	n = vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(raw))
		n = (int)sizeof(raw) - 1;
	gosend__redact(c, raw, (size_t)n, line, sizeof(line));
	c->log(level, line, c->log_payload);
}
