/*
 * Checks of what the template builder is given, against Meta's limits
 * (lengths in characters of valid UTF-8 text). Each check refuses its input
 * with GOSEND_EINVAL and the field at fault, or returns GOSEND_OK; none
 * looks at the builder's state.
 */
#ifndef GOSEND_API_TEMPLATE_CHECK_H
#define GOSEND_API_TEMPLATE_CHECK_H

#include <stddef.h>

#include "gosendapi/templates.h"
#include "json/value.h"

/* Meta's limits on the number of buttons of a template. */
#define GOSEND__TPL_BUTTONS_MAX       10
#define GOSEND__TPL_URL_BUTTONS_MAX   2
#define GOSEND__TPL_PHONE_BUTTONS_MAX 1
#define GOSEND__TPL_COPY_BUTTONS_MAX  1

/* Name, category and language of a new template; *upper gets the
 * category's upper-case spelling. */
int gosend__tpl_check_new(const char *name, const char *category,
                          const char *language, const char **upper,
                          gosend_error **err);

/* A TEXT header and the sample value of its {{1}} (NULL when none). */
int gosend__tpl_check_header_text(const char *text, const char *example,
                                  gosend_error **err);

/* A media header; *format_name gets "IMAGE", "VIDEO" or "DOCUMENT". */
int gosend__tpl_check_header_media(gosend_template_header_format format,
                                   const char *example_handle,
                                   const char **format_name,
                                   gosend_error **err);

/* A body and one sample value per placeholder. */
int gosend__tpl_check_body(const char *text, const char *const *examples,
                           size_t examples_count, gosend_error **err);

int gosend__tpl_check_footer(const char *text, gosend_error **err);

/* A button's label. */
int gosend__tpl_check_button_text(const char *text, gosend_error **err);

/* A URL button's URL and the sample of its {{1}} (NULL when none). */
int gosend__tpl_check_url(const char *url, const char *example,
                          gosend_error **err);

int gosend__tpl_check_phone(const char *phone_number, gosend_error **err);

/* The sample code of a COPY_CODE button. */
int gosend__tpl_check_copy_code(const char *example, gosend_error **err);

/* Components given as JSON text: *out gets the parsed array of objects. */
int gosend__tpl_parse_components(const char *json, gosend__jv **out,
                                 gosend_error **err);

#endif
