/*
 * Decoding a wrapped answer (call/exchange.h) as one of the shapes of
 * call/endpoint.h, for the call layer, which sees neither the JSON library
 * nor the field tables. Each takes obj, a result made with the size
 * gosend__type_size (or a list's) whose holder owns the body and its tree;
 * on failure obj is freed and the failure reported (GOSEND_EPROTOCOL naming
 * the field, or GOSEND_ENOMEM).
 */
#ifndef GOSEND_JSON_SHAPE_H
#define GOSEND_JSON_SHAPE_H

#include <stddef.h>

#include "gosendapi/errors.h"
#include "json/types.h"

/* Bytes of the public struct of type d. */
size_t gosend__type_size(const gosend__decoder *d);

/* One object of type d: its required fields must be there. */
int gosend__decode_one(void *obj, const gosend__decoder *d, gosend_error **err);

/* A page of objects of type d: *items and *count get them. */
int gosend__decode_items(void *obj, const gosend__decoder *d, void ***items,
                         size_t *count, gosend_error **err);

/* The answer of a call that took effect: what can be read of it. */
int gosend__decode_effect(void *obj, const gosend__decoder *d,
                          gosend_error **err);

/* The "id" of an item of type d (a string or id field named "id"), or NULL
 * when the type has none or the item lacks it. */
const char *gosend__item_id(const gosend__decoder *d, const void *item);

/* The raw_json of an item of type d. */
const char *gosend__item_raw(const gosend__decoder *d, const void *item);

#endif
