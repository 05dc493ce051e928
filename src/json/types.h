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

struct gosend_error;

/*
 * Decode in place the send result obj (a gosend_message_result wrapped
 * around a 2xx answer, its holder owning the parsed body) as POST /messages
 * answers are decoded; for sends made outside the endpoint executor (bulk).
 * On failure (memory only) obj is freed and *err gets the detail.
 */
int gosend__message_result_decode(void *obj, struct gosend_error **err);

#endif
