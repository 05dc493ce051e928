/**
 * @file version.h
 * @brief Compile-time and run-time version of the library.
 *
 * The compile-time macros describe the headers you build against; the
 * functions describe the library you run against. Compare them to detect a
 * mismatch.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_VERSION_H
#define GOSENDAPI_VERSION_H

#include "common.h"

/** Version string of these headers. @since 0.1.0 */
#define GOSENDAPI_VERSION "0.1.0"
/** Major version of these headers. @since 0.1.0 */
#define GOSENDAPI_VERSION_MAJOR 0
/** Minor version of these headers. @since 0.1.0 */
#define GOSENDAPI_VERSION_MINOR 1
/** Patch version of these headers. @since 0.1.0 */
#define GOSENDAPI_VERSION_PATCH 0
/** Version as one number 0xMMmmpp, e.g. 0x000100 for 0.1.0. @since 0.1.0 */
#define GOSENDAPI_VERSION_NUM                                               \
	((GOSENDAPI_VERSION_MAJOR << 16) | (GOSENDAPI_VERSION_MINOR << 8) | \
	 GOSENDAPI_VERSION_PATCH)
/**
 * True when these headers are at least version x.y.z.
 * @since 0.1.0
 */
#define GOSENDAPI_VERSION_AT_LEAST(x, y, z) \
	(GOSENDAPI_VERSION_NUM >= (((x) << 16) | ((y) << 8) | (z)))

GOSEND_BEGIN_DECL

/**
 * Version string of the library actually loaded, e.g. "0.1.0".
 * @return A static string; never NULL. Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN const char *gosend_version(void);

/**
 * Version number (as GOSENDAPI_VERSION_NUM) of the library actually loaded.
 * @return The number. Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN unsigned int gosend_version_num(void);

GOSEND_END_DECL

#endif
