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
#include "me.h"
#include "webhook_events.h"

#endif
