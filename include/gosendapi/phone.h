/**
 * @file phone.h
 * @brief Recipient phone numbers: the form the API wants and a normaliser.
 *
 * The API wants a recipient (`to`) as an E.164 number written with digits
 * only: no leading `+`, no spaces, dashes or parentheses, e.g.
 * `"5491140123456"`. This library accepts 7 to 15 digits (#GOSEND_PHONE_MIN
 * .. #GOSEND_PHONE_MAX) whose first digit is not 0 (no E.164 country code
 * starts with 0), and refuses anything else before sending.
 *
 * Thread-safety: every function here is thread-safe and keeps no state.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_PHONE_H
#define GOSENDAPI_PHONE_H

#include "common.h"
#include "errors.h"

GOSEND_BEGIN_DECL

/** Fewest digits accepted in a recipient number: seven, as in Niue's
 *  +683 and four digits. @since 0.1.0 */
#define GOSEND_PHONE_MIN 7
/** Most digits accepted in a recipient number (E.164's limit). @since 0.1.0
 */
#define GOSEND_PHONE_MAX 15

/**
 * Whether a string is a recipient number in the form the API wants: 7 to 15
 * ASCII digits, the first not 0, nothing else.
 *
 * @param to  The string; NULL gives 0.
 * @return 1 when valid, else 0.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_phone_is_valid(const char *to);

/**
 * Turn a phone number as people write it into the API's form, e.g.
 * `"+54 9 11 4012-3456"` into `"5491140123456"`.
 *
 * Accepted input: optional spaces or tabs, then an optional single `+`,
 * then digits separated by spaces, tabs, `-`, `.`, `(` or `)`. Letters, a
 * second `+`, any other character and a `00` international prefix (it is
 * ambiguous: strip it yourself if you mean it) are refused, as is a result
 * that is not 7 to 15 digits or that starts with 0.
 *
 * @param[out] out  On success a newly allocated NUL-terminated string of
 *                  digits, owned by the caller and freed with gosend_free();
 *                  on failure NULL.
 * @param input     The number to normalise. Not NULL. Only read.
 * @param[out] err  If not NULL, on failure the detail (field "phone"); free
 *                  with gosend_error_free().
 * @return 0, #GOSEND_EINVAL (bad character, too short, too long, leading 0,
 *         NULL argument) or #GOSEND_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_phone_normalize(char **out, const char *input,
                                         gosend_error **err);

GOSEND_END_DECL

#endif
