/*
 * Internal entry points that decode a response body without a request:
 * used by the fixture tests and the fuzzers.
 */
#ifndef GOSEND_DECODERS_H
#define GOSEND_DECODERS_H

#include <stddef.h>

#include "gosendapi/admin.h"
#include "gosendapi/conversations.h"
#include "gosendapi/me.h"
#include "gosendapi/messages.h"
#include "gosendapi/templates.h"
#include "gosendapi/wabas.h"
#include "gosendapi/webhooks.h"
#include "json/types.h" /* gosend__message_result_decode */

int gosend__me_from_json(gosend_me **out, const char *body, size_t len,
                         gosend_error **err);

/* Parse raw header lines ("Name: value\r\n"...) into a meta; for fuzzing. */
int gosend__meta_from_headers(gosend_meta *meta, const char *headers,
                              size_t len);

/* An error detail for an HTTP status and body; for fuzzing and tests. */
int gosend__error_from_response(gosend_error **err, long status,
                                const char *body, size_t len);

/* WABAs, phone numbers, templates, conversations, webhooks, onboarding. */
int gosend__template_from_json(gosend_template **out, const char *body,
                               size_t len, gosend_error **err);
int gosend__template_list_from_json(gosend_template_list **out,
                                    const char *body, size_t len,
                                    gosend_error **err);
int gosend__template_sync_from_json(gosend_template_sync_result **out,
                                    const char *body, size_t len,
                                    gosend_error **err);
int gosend__conversation_from_json(gosend_conversation **out, const char *body,
                                   size_t len, gosend_error **err);
int gosend__conversation_list_from_json(gosend_conversation_list **out,
                                        const char *body, size_t len,
                                        gosend_error **err);
/* Lenient: 0 with *out NULL unless the body is a conversation. */
int gosend__conversation_close_from_json(gosend_conversation **out,
                                         const char *body, size_t len,
                                         gosend_error **err);
int gosend__webhook_from_json(gosend_webhook **out, const char *body,
                              size_t len, gosend_error **err);
int gosend__webhook_list_from_json(gosend_webhook_list **out, const char *body,
                                   size_t len, gosend_error **err);
int gosend__webhook_delivery_list_from_json(gosend_webhook_delivery_list **out,
                                            const char *body, size_t len,
                                            gosend_error **err);
int gosend__customer_from_json(gosend_customer **out, const char *body,
                               size_t len, gosend_error **err);
int gosend__setup_link_from_json(gosend_setup_link **out, const char *body,
                                 size_t len, gosend_error **err);

#endif
