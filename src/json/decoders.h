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

int gosend__me_from_json(gosend_me **out, const char *body, size_t len,
                         gosend_error **err);

/* Parse raw header lines ("Name: value\r\n"...) into a meta; for fuzzing. */
int gosend__meta_from_headers(gosend_meta *meta, const char *headers,
                              size_t len);

/* An error detail for an HTTP status and body; for fuzzing and tests. */
int gosend__error_from_response(gosend_error **err, long status,
                                const char *body, size_t len);

/* WABAs, phone numbers, templates, conversations, webhooks, onboarding. */
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

/* Messages: send result, one message, a page, media upload result. */
int gosend__message_result_from_json(gosend_message_result **out,
                                     const char *body, size_t len,
                                     gosend_error **err);
/* Decode a wrapped send response in place; frees obj on failure. */
int gosend__message_result_decode(void *obj, gosend_error **err);
int gosend__message_from_json(gosend_message **out, const char *body,
                              size_t len, gosend_error **err);
int gosend__message_list_from_json(gosend_message_list **out, const char *body,
                                   size_t len, gosend_error **err);
int gosend__media_result_from_json(gosend_media_result **out, const char *body,
                                   size_t len, gosend_error **err);

#endif
