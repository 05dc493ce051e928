/*
 * Log lines and the masking of secrets: the client's API key (and webhook
 * secrets, "whsec_...") never reach a log line or an error's text as they
 * are.
 */
#ifndef GOSEND_LOG_H
#define GOSEND_LOG_H

#include <stddef.h>

#include "gosendapi/client.h"

/* A line at `level` (GOSEND_LOG_*) to the client's log function, secrets
 * masked (gosend__redact); nothing when the level is above the client's. */
void gosend__log(gosend_client *c, int level, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 3, 4)))
#endif
        ;

/* A malloc'd NUL-terminated copy of text with every occurrence of the
 * client's API key replaced by its masked form; *outlen its length. NULL
 * when out of memory. */
char *gosend__mask_key(const gosend_client *c, const char *text, size_t len,
                       size_t *outlen);

/* Copy text into out replacing the API key and whsec_ secrets. */
void gosend__redact(const gosend_client *c, const char *in, size_t len,
                    char *out, size_t outsz);

#endif
