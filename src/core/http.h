/*
 * Transitional: the request pipeline moved to core/request.h (requests and
 * responses), core/check.h, call/exchange.h (calls with their retries,
 * results) and json/body.h (decode failures). Files still including this
 * header get all of them; include those instead, and this header goes.
 */
#ifndef GOSEND_HTTP_H
#define GOSEND_HTTP_H

#include "call/exchange.h"
#include "core/check.h"
#include "core/request.h"
#include "json/body.h"

#endif
