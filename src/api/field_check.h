/*
 * Checks of single fields of outgoing messages (text, recipients, links,
 * file names, language codes), shared by the builder's files. Each returns
 * 0 or GOSEND_EINVAL with a detail naming the field.
 */
#ifndef GOSEND_API_FIELD_CHECK_H
#define GOSEND_API_FIELD_CHECK_H

#include "gosendapi/errors.h"

#define GOSEND__TXT_REQUIRED 1u /* NULL is refused (else: left out) */
#define GOSEND__TXT_NOCTRL   2u /* no control characters (C0, DEL) */
#define GOSEND__TXT_TOKEN    4u /* printable ASCII without spaces */

/*
 * One caller string: NULL allowed unless GOSEND__TXT_REQUIRED, never empty,
 * valid UTF-8, at most max code points (0: no limit). 0 or GOSEND_EINVAL
 * naming field.
 */
int gosend__check_text(gosend_error **err, const char *field, const char *s,
                       unsigned int flags, long max);
/* A recipient: E.164 digits without '+' (phone.h). */
int gosend__check_to(gosend_error **err, const char *field, const char *to);
/* An http:// or https:// URL with a host and no spaces or control
 * characters. */
int gosend__check_link(gosend_error **err, const char *field, const char *s);
/* Exactly one of link (an http(s) URL) and media id, for the object at
 * path ("image", "...parameters[0].document"). */
int gosend__check_link_or_id(gosend_error **err, const char *path,
                             const char *link, const char *id);
/* A document name: text without control characters, '/' or '\\'. */
int gosend__check_filename(gosend_error **err, const char *field,
                           const char *s);
/* The template language rule of api/text.h, refused naming
 * "template.language.code". */
int gosend__check_language(gosend_error **err, const char *code);

#endif
