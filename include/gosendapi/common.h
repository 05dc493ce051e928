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

/**
 * @def GOSEND_EXTERN
 * Marks a function exported by the library (default visibility; dllexport
 * or dllimport on Windows unless GOSENDAPI_STATIC is defined).
 * @since 0.1.0
 */
/**
 * @def GOSEND_BEGIN_DECL
 * Opens `extern "C"` for C++ compilers; empty in C.
 * @since 0.1.0
 */
/**
 * @def GOSEND_END_DECL
 * Closes what #GOSEND_BEGIN_DECL opened.
 * @since 0.1.0
 */

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

/**
 * Initialiser of a versioned input struct `T` whose first member is
 * `unsigned int version`: all other fields zero. In C a designated
 * initialiser; in C++ (11 or later) a value-initialised copy, so neither
 * warns under `-Wextra`. Used by the `_INIT` macros.
 * @since 0.1.0
 */
#ifdef __cplusplus
#define GOSEND_VERSIONED_INIT(T, V)         \
	([]() {                             \
		T gosend_init_{};           \
		gosend_init_.version = (V); \
		return gosend_init_;        \
	}())
#else
#define GOSEND_VERSIONED_INIT(T, V) \
	{                           \
		.version = (V)      \
	}
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
