/* The request body a template builder makes (gosend_templates_create). */
#ifndef GOSEND_API_TEMPLATE_BUILDER_H
#define GOSEND_API_TEMPLATE_BUILDER_H

#include <stddef.h>

#include "gosendapi/templates.h"

/*
 * The JSON body of b as NUL-terminated text allocated with gosend__malloc
 * into *out, its length into *len. GOSEND_EINVAL for a NULL builder
 * (field "builder") or one without a body or raw components ("body").
 */
int gosend__template_body(const gosend_template_builder *b, char **out,
                          size_t *len, gosend_error **err);

#endif
