/**
 * @file common.h
 * @brief Export macros, C++ linkage guards and small shared types.
 *
 * Included by every other public header; never includes libcurl or cJSON.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_COMMON_H
#define GOSENDAPI_COMMON_H

#include <stddef.h>

#if defined(_WIN32) && !defined(GOSENDAPI_STATIC)
#if defined(GOSENDAPI_BUILDING)
#define GOSEND_EXTERN __declspec(dllexport)
#else
#define GOSEND_EXTERN __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define GOSEND_EXTERN __attribute__((visibility("default")))
#else
#define GOSEND_EXTERN
#endif

#ifdef __cplusplus
#define GOSEND_BEGIN_DECL extern "C" {
#define GOSEND_END_DECL   }
#else
#define GOSEND_BEGIN_DECL
#define GOSEND_END_DECL
#endif

GOSEND_BEGIN_DECL

/**
 * Free memory the library handed to the caller as a plain buffer (for example
 * the string from gosend_phone_normalize()). Never use free() for such memory:
 * the application and the library may use different allocators.
 *
 * @param ptr  Memory to free; NULL is a no-op.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_free(void *ptr);

GOSEND_END_DECL

#endif
