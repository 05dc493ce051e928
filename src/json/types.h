/*
 * How each resource type the API answers with is decoded: one
 * gosend__decoder per type, defined in src/json/ next to its field table.
 * Endpoints (src/api/) name these; fixture tests and fuzzers decode bytes
 * with them through gosend__decode (call/endpoint.h).
 */
#ifndef GOSEND_JSON_TYPES_H
#define GOSEND_JSON_TYPES_H

typedef struct gosend__decoder gosend__decoder;

extern const gosend__decoder gosend__type_me;
extern const gosend__decoder gosend__type_waba;
extern const gosend__decoder gosend__type_phone_number;
extern const gosend__decoder gosend__type_template;
extern const gosend__decoder gosend__type_template_sync;
extern const gosend__decoder gosend__type_conversation;
extern const gosend__decoder gosend__type_webhook;
extern const gosend__decoder gosend__type_webhook_delivery;
extern const gosend__decoder gosend__type_customer;
extern const gosend__decoder gosend__type_setup_link;
extern const gosend__decoder gosend__type_message;
extern const gosend__decoder gosend__type_message_result;
extern const gosend__decoder gosend__type_media_result;

#endif
