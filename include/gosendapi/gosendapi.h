/**
 * @file gosendapi.h
 * @brief Umbrella header: include this one.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_GOSENDAPI_H
#define GOSENDAPI_GOSENDAPI_H

#include "common.h"
#include "version.h"
#include "errors.h"
#include "client.h"
#include "pagination.h"
#include "raw.h"
#include "me.h"
#include "phone.h"
#include "messages.h"
#include "media.h"
#include "bulk.h"
#include "wabas.h"
#include "phone_numbers.h"
#include "templates.h"
#include "conversations.h"
#include "webhooks.h"
#include "admin.h"
#include "webhook_events.h"
#include "dedupe.h"
#include "async.h"
#include "limiter.h"

#endif
